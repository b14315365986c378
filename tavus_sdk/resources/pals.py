"""``/pals``: the current name of personas, and the tools and skills attached to a PAL.

A PAL is the persona record under the newest names (``pal_id``, ``pal_name``, ``default_face_id``); use
``client.pals`` for new code and ``client.personas`` where existing code or Pipecat speaks of personas. PALs are
updated with RFC 6902 JSON Patch, paths checked before anything is sent (``check_paths=False`` to skip).

    pal = await tavus.pals.create(pal_name="Desk", system_prompt="You greet visitors.", default_face_id="r79e1c033f")
    await tavus.pals.tools.attach(pal.pal_id, ["t1a2b3c4d5e6"])
    await tavus.pals.skills.attach(pal.pal_id, "internet_search")
"""

from __future__ import annotations

import json
from functools import cached_property

import httpx
from typing_extensions import Unpack

from tavus_sdk._base_client import AsyncAPIResource, SyncAPIResource
from tavus_sdk._operation import Operation, encode_path, parse_model, parse_nothing, split_params
from tavus_sdk._pagination import AsyncPage, AsyncPaginator, ListResponse, SyncPage
from tavus_sdk._patching import PatchInput, patch_operation
from tavus_sdk._types import RequestOptions
from tavus_sdk.patch import check_pal_paths
from tavus_sdk.resources.pal_skills import AsyncPalSkills, PalSkills
from tavus_sdk.resources.pal_tools import AsyncPalTools, PalTools
from tavus_sdk.types.pal import Pal, PalCreateParams, UsernameAvailability

__all__ = ["AsyncPals", "Pals"]

_List = ListResponse[Pal]


def _parse_pal(response: httpx.Response) -> Pal:
    """Get PAL's reference page wraps the PAL in ``{"data": [...]}``; other answers are the bare PAL. Both parse."""
    body = json.loads(response.content)
    if isinstance(body, dict) and "pal_id" not in body and isinstance(body.get("data"), list) and body["data"]:
        body = body["data"][0]
    return Pal.model_validate(body)


def _create(params: PalCreateParams) -> Operation[Pal]:
    body, options = split_params(params, PalCreateParams, "pals.create")
    return Operation("POST", "/pals", parse_model(Pal), body=body, options=options)


def _list(options: RequestOptions) -> Operation[_List]:
    return Operation("GET", "/pals", parse_model(_List), retry_safe=True, options=options)


def _get(pal_id: str, options: RequestOptions) -> Operation[Pal]:
    return Operation("GET", encode_path("/pals/{}", pal_id), _parse_pal, retry_safe=True, options=options)


def _patch(pal_id: str, operations: PatchInput, check_paths: bool, options: RequestOptions) -> Operation[Pal]:
    path = encode_path("/pals/{}", pal_id)
    return patch_operation(path, operations, Pal, check_pal_paths if check_paths else None, options)


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

    def list(self, **options: Unpack[RequestOptions]) -> AsyncPaginator[Pal]:
        """The account's PALs and the stock ones: await for the page, or ``async for`` over them."""

        async def first() -> AsyncPage[Pal]:
            return AsyncPage(await self._send(_list(options)))

        return AsyncPaginator(first)

    async def get(self, pal_id: str, **options: Unpack[RequestOptions]) -> Pal:
        """One PAL."""
        return await self._send(_get(pal_id, options))

    async def patch(
        self, pal_id: str, operations: PatchInput, *, check_paths: bool = True, **options: Unpack[RequestOptions]
    ) -> Pal:
        """Apply JSON Patch operations (a ``Patch`` or a list) and return the updated PAL."""
        return await self._send(_patch(pal_id, operations, check_paths, options))

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

    def list(self, **options: Unpack[RequestOptions]) -> SyncPage[Pal]:
        """The account's PALs and the stock ones."""
        return SyncPage(self._send(_list(options)))

    def get(self, pal_id: str, **options: Unpack[RequestOptions]) -> Pal:
        """One PAL."""
        return self._send(_get(pal_id, options))

    def patch(
        self, pal_id: str, operations: PatchInput, *, check_paths: bool = True, **options: Unpack[RequestOptions]
    ) -> Pal:
        """Apply JSON Patch operations (a ``Patch`` or a list) and return the updated PAL."""
        return self._send(_patch(pal_id, operations, check_paths, options))

    def delete(self, pal_id: str, **options: Unpack[RequestOptions]) -> None:
        """Delete a PAL."""
        self._send(_delete(pal_id, options))

    def check_username(self, username: str, **options: Unpack[RequestOptions]) -> UsernameAvailability:
        """Whether a conferencing username (Google Meet / Zoom identity) is still free."""
        return self._send(_check_username(username, options))
