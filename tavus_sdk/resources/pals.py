"""``/pals``: the current name of personas, and the tools and skills attached to a PAL.

A PAL is the persona record under the newest names (``pal_id``, ``pal_name``, ``default_face_id``); use
``client.pals`` for new code and ``client.personas`` where existing code or Pipecat speaks of personas. PALs are
updated with RFC 6902 JSON Patch, paths checked before anything is sent (``check_paths=False`` to skip).

    pal = await tavus.pals.create(pal_name="Desk", system_prompt="You greet visitors.", default_face_id="r79e1c033f")
    await tavus.pals.tools.attach(pal.pal_id, ["t1a2b3c4d5e6"])
    await tavus.pals.skills.attach(pal.pal_id, "internet_search")
"""

from __future__ import annotations

from functools import cached_property
from typing import Unpack

from tavus_sdk._base_client import AsyncAPIResource, SyncAPIResource
from tavus_sdk._operation import (
    Operation,
    encode_path,
    parse_model,
    parse_nothing,
    parse_resource,
    read_options,
    split_params,
)
from tavus_sdk._pagination import AsyncPaginator, Listing, SyncPage, listing
from tavus_sdk._patching import PatchInput, patch_operation_lenient
from tavus_sdk._types import RequestOptions
from tavus_sdk.patch import check_pal_paths
from tavus_sdk.resources.pal_skills import AsyncPalSkills, PalSkills
from tavus_sdk.resources.pal_tools import AsyncPalTools, PalTools
from tavus_sdk.types.pal import Pal, PalCreateParams, PalListParams, UsernameAvailability

__all__ = ["AsyncPals", "Pals"]


def _create(params: PalCreateParams) -> Operation[Pal]:
    body, options = split_params(params, PalCreateParams, "pals.create")
    return Operation("POST", "/pals", parse_model(Pal), body=body, options=options)


def _list(params: PalListParams) -> Listing[Pal]:
    # Pages start at 1, as on /personas (docs.tavus.io/api-reference/personas/get-personas: "Default is 1"); Tavus's
    # own client defaults to page=0 for PALs, so the walk tolerates either (it follows the echoed page).
    return listing("/pals", Pal, params, PalListParams, "pals.list", first_page=1)


def _get(pal_id: str, options: RequestOptions) -> Operation[Pal]:
    return Operation("GET", encode_path("/pals/{}", pal_id), parse_resource(Pal), retry_safe=True, options=options)


def _patch(pal_id: str, operations: PatchInput, check_paths: bool, options: RequestOptions) -> Operation[Pal | None]:
    # The persona's patch under PAL names: 200 "OK" or 304 "no changes" carry no PAL, read back with a GET
    # (docs.tavus.io/api-reference/personas/patch-persona).
    path = encode_path("/pals/{}", pal_id)
    return patch_operation_lenient(path, operations, Pal, "pal_id", check_pal_paths if check_paths else None, options)


def _delete(pal_id: str, options: RequestOptions) -> Operation[None]:
    return Operation("DELETE", encode_path("/pals/{}", pal_id), parse_nothing, retry_safe=True, options=options)


def _check_username(username: str, options: RequestOptions) -> Operation[UsernameAvailability]:
    if not isinstance(username, str) or not username.strip():
        raise ValueError(f"pals.check_username(): expected a non-empty username, got {username!r}")
    query = {"username": username}
    return Operation(
        "GET", "/pals/check-username", parse_model(UsernameAvailability), query=query, retry_safe=True, options=options
    )


class AsyncPals(AsyncAPIResource):
    @cached_property
    def tools(self) -> AsyncPalTools:
        return AsyncPalTools(self._client)

    @cached_property
    def skills(self) -> AsyncPalSkills:
        return AsyncPalSkills(self._client)

    async def create(self, **params: Unpack[PalCreateParams]) -> Pal:
        """Create a PAL. ``default_face_id`` is required; ``system_prompt`` too in the default ``full`` mode."""
        return await self._send(_create(params))

    def list(self, **params: Unpack[PalListParams]) -> AsyncPaginator[Pal]:
        """The account's PALs and the stock ones: await for the page, or ``async for`` over them."""
        return AsyncPaginator(self._send, _list(params))

    async def get(self, pal_id: str, **options: Unpack[RequestOptions]) -> Pal:
        """One PAL."""
        return await self._send(_get(pal_id, options))

    async def patch(
        self, pal_id: str, operations: PatchInput, *, check_paths: bool = True, **options: Unpack[RequestOptions]
    ) -> Pal:
        """Apply JSON Patch operations (a ``Patch`` or a list) and return the PAL as it now is."""
        updated = await self._send(_patch(pal_id, operations, check_paths, options))
        return updated if updated is not None else await self.get(pal_id, **read_options(options))

    async def delete(self, pal_id: str, **options: Unpack[RequestOptions]) -> None:
        """Delete a PAL."""
        await self._send(_delete(pal_id, options))

    async def check_username(self, username: str, **options: Unpack[RequestOptions]) -> UsernameAvailability:
        """Whether a conferencing username (Google Meet / Zoom identity) is still free."""
        return await self._send(_check_username(username, options))


class Pals(SyncAPIResource):
    @cached_property
    def tools(self) -> PalTools:
        return PalTools(self._client)

    @cached_property
    def skills(self) -> PalSkills:
        return PalSkills(self._client)

    def create(self, **params: Unpack[PalCreateParams]) -> Pal:
        """Create a PAL. ``default_face_id`` is required; ``system_prompt`` too in the default ``full`` mode."""
        return self._send(_create(params))

    def list(self, **params: Unpack[PalListParams]) -> SyncPage[Pal]:
        """The account's PALs and the stock ones."""
        return SyncPage.first(self._send, _list(params))

    def get(self, pal_id: str, **options: Unpack[RequestOptions]) -> Pal:
        """One PAL."""
        return self._send(_get(pal_id, options))

    def patch(
        self, pal_id: str, operations: PatchInput, *, check_paths: bool = True, **options: Unpack[RequestOptions]
    ) -> Pal:
        """Apply JSON Patch operations (a ``Patch`` or a list) and return the PAL as it now is."""
        updated = self._send(_patch(pal_id, operations, check_paths, options))
        return updated if updated is not None else self.get(pal_id, **read_options(options))

    def delete(self, pal_id: str, **options: Unpack[RequestOptions]) -> None:
        """Delete a PAL."""
        self._send(_delete(pal_id, options))

    def check_username(self, username: str, **options: Unpack[RequestOptions]) -> UsernameAvailability:
        """Whether a conferencing username (Google Meet / Zoom identity) is still free."""
        return self._send(_check_username(username, options))
