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
from collections.abc import Mapping, Sequence
from functools import cached_property
from typing import Any

import httpx
from typing_extensions import Unpack

from tavus_sdk._base_client import AsyncAPIResource, SyncAPIResource
from tavus_sdk._operation import Operation, encode_path, parse_model, parse_nothing, split_params, to_json_value
from tavus_sdk._pagination import AsyncPage, AsyncPaginator, ListResponse, SyncPage
from tavus_sdk._patching import PatchInput, patch_operation
from tavus_sdk._types import RequestOptions
from tavus_sdk.patch import check_pal_paths
from tavus_sdk.types.pal import Pal, PalCreateParams, UsernameAvailability
from tavus_sdk.types.skill import SkillAttachment, SkillAttachments
from tavus_sdk.types.tool import Tool

__all__ = ["AsyncPalSkills", "AsyncPalTools", "AsyncPals", "PalSkills", "PalTools", "Pals"]

_List = ListResponse[Pal]
_Tools = ListResponse[Tool]
MAX_TOOLS_PER_PAL = 50  # docs.tavus.io/api-reference/pal-tools/attach-tools-to-pal


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


def _tool_ids(tool_ids: Sequence[str]) -> list[str]:
    ids = [tool_ids] if isinstance(tool_ids, str) else list(tool_ids)
    if not ids:
        raise ValueError("pals.tools.attach(): give at least one tool id")
    if len(ids) > MAX_TOOLS_PER_PAL:
        raise ValueError(f"pals.tools.attach(): a PAL has at most {MAX_TOOLS_PER_PAL} tools, got {len(ids)} ids")
    for tool_id in ids:
        if not isinstance(tool_id, str) or not tool_id.strip():
            raise ValueError(f"pals.tools.attach(): tool ids must be non-empty strings, got {tool_id!r}")
    return ids


def _tools_attach(pal_id: str, tool_ids: Sequence[str], options: RequestOptions) -> Operation[_Tools]:
    path = encode_path("/pals/{}/tools", pal_id)
    body = {"tool_ids": _tool_ids(tool_ids)}
    # Attaching a tool that is already attached changes nothing, so a retry is harmless.
    return Operation("POST", path, parse_model(_Tools), body=body, retry_safe=True, options=options)


def _tools_list(pal_id: str, options: RequestOptions) -> Operation[_Tools]:
    path = encode_path("/pals/{}/tools", pal_id)
    return Operation("GET", path, parse_model(_Tools), retry_safe=True, options=options)


def _tools_detach(pal_id: str, tool_id: str, options: RequestOptions) -> Operation[None]:
    path = encode_path("/pals/{}/tools/{}", pal_id, tool_id)
    return Operation("DELETE", path, parse_nothing, retry_safe=True, options=options)


def _config(config: Mapping[str, Any] | None) -> dict[str, Any]:
    return {"config": to_json_value(dict(config or {}))}


def _skills_list(pal_id: str, options: RequestOptions) -> Operation[SkillAttachments]:
    path = encode_path("/pals/{}/skills", pal_id)
    return Operation("GET", path, parse_model(SkillAttachments), retry_safe=True, options=options)


def _skills_get(pal_id: str, skill_id: str, options: RequestOptions) -> Operation[SkillAttachment]:
    path = encode_path("/pals/{}/skills/{}", pal_id, skill_id)
    return Operation("GET", path, parse_model(SkillAttachment), retry_safe=True, options=options)


def _skills_attach(
    pal_id: str, skill_id: str, config: Mapping[str, Any] | None, options: RequestOptions
) -> Operation[SkillAttachment]:
    path = encode_path("/pals/{}/skills/{}", pal_id, skill_id)
    return Operation("PUT", path, parse_model(SkillAttachment), body=_config(config), retry_safe=True, options=options)


def _skills_update(
    pal_id: str, skill_id: str, config: Mapping[str, Any], options: RequestOptions
) -> Operation[SkillAttachment]:
    path = encode_path("/pals/{}/skills/{}", pal_id, skill_id)
    # A merge: sending the same changes twice leaves the same configuration.
    return Operation(
        "PATCH", path, parse_model(SkillAttachment), body=_config(config), retry_safe=True, options=options
    )


def _skills_detach(pal_id: str, skill_id: str, options: RequestOptions) -> Operation[None]:
    path = encode_path("/pals/{}/skills/{}", pal_id, skill_id)
    return Operation("DELETE", path, parse_nothing, retry_safe=True, options=options)


def _skills_replace(
    pal_id: str, skills: Mapping[str, Mapping[str, Any] | None], options: RequestOptions
) -> Operation[SkillAttachments]:
    path = encode_path("/pals/{}/skills", pal_id)
    body = {"skills": {skill_id: _config(config) for skill_id, config in skills.items()}}
    return Operation("PUT", path, parse_model(SkillAttachments), body=body, retry_safe=True, options=options)


class AsyncPalTools(AsyncAPIResource):
    """``client.pals.tools``: standalone tools attached to a PAL (at most 50)."""

    async def attach(self, pal_id: str, tool_ids: Sequence[str], **options: Unpack[RequestOptions]) -> _Tools:
        """Attach tools by id; returns the PAL's attached tools."""
        return await self._send(_tools_attach(pal_id, tool_ids, options))

    async def list(self, pal_id: str, **options: Unpack[RequestOptions]) -> _Tools:
        """The standalone tools attached to a PAL (not inline layer tools, not system tools)."""
        return await self._send(_tools_list(pal_id, options))

    async def detach(self, pal_id: str, tool_id: str, **options: Unpack[RequestOptions]) -> None:
        """Detach a tool; the tool itself stays, ready to attach elsewhere."""
        await self._send(_tools_detach(pal_id, tool_id, options))


class PalTools(SyncAPIResource):
    """``client.pals.tools``: standalone tools attached to a PAL (at most 50)."""

    def attach(self, pal_id: str, tool_ids: Sequence[str], **options: Unpack[RequestOptions]) -> _Tools:
        """Attach tools by id; returns the PAL's attached tools."""
        return self._send(_tools_attach(pal_id, tool_ids, options))

    def list(self, pal_id: str, **options: Unpack[RequestOptions]) -> _Tools:
        """The standalone tools attached to a PAL (not inline layer tools, not system tools)."""
        return self._send(_tools_list(pal_id, options))

    def detach(self, pal_id: str, tool_id: str, **options: Unpack[RequestOptions]) -> None:
        """Detach a tool; the tool itself stays, ready to attach elsewhere."""
        self._send(_tools_detach(pal_id, tool_id, options))


class AsyncPalSkills(AsyncAPIResource):
    """``client.pals.skills``: registry skills attached to a PAL, keyed by ``skill_id``."""

    async def list(self, pal_id: str, **options: Unpack[RequestOptions]) -> SkillAttachments:
        """The PAL's attachments, keyed by skill id."""
        return await self._send(_skills_list(pal_id, options))

    async def get(self, pal_id: str, skill_id: str, **options: Unpack[RequestOptions]) -> SkillAttachment:
        """One attachment."""
        return await self._send(_skills_get(pal_id, skill_id, options))

    async def attach(
        self,
        pal_id: str,
        skill_id: str,
        config: Mapping[str, Any] | None = None,
        **options: Unpack[RequestOptions],
    ) -> SkillAttachment:
        """Attach a skill, or overwrite an attachment's whole configuration (``PUT``)."""
        return await self._send(_skills_attach(pal_id, skill_id, config, options))

    async def update(
        self, pal_id: str, skill_id: str, config: Mapping[str, Any], **options: Unpack[RequestOptions]
    ) -> SkillAttachment:
        """Merge configuration changes: given fields replace, omitted ones stay, ``None`` removes."""
        return await self._send(_skills_update(pal_id, skill_id, config, options))

    async def detach(self, pal_id: str, skill_id: str, **options: Unpack[RequestOptions]) -> None:
        """Detach a skill; it stays in the registry."""
        await self._send(_skills_detach(pal_id, skill_id, options))

    async def replace(
        self, pal_id: str, skills: Mapping[str, Mapping[str, Any] | None], **options: Unpack[RequestOptions]
    ) -> SkillAttachments:
        """Set the PAL's whole skill set (``{skill_id: config}``); skills left out are detached."""
        return await self._send(_skills_replace(pal_id, skills, options))


class PalSkills(SyncAPIResource):
    """``client.pals.skills``: registry skills attached to a PAL, keyed by ``skill_id``."""

    def list(self, pal_id: str, **options: Unpack[RequestOptions]) -> SkillAttachments:
        """The PAL's attachments, keyed by skill id."""
        return self._send(_skills_list(pal_id, options))

    def get(self, pal_id: str, skill_id: str, **options: Unpack[RequestOptions]) -> SkillAttachment:
        """One attachment."""
        return self._send(_skills_get(pal_id, skill_id, options))

    def attach(
        self,
        pal_id: str,
        skill_id: str,
        config: Mapping[str, Any] | None = None,
        **options: Unpack[RequestOptions],
    ) -> SkillAttachment:
        """Attach a skill, or overwrite an attachment's whole configuration (``PUT``)."""
        return self._send(_skills_attach(pal_id, skill_id, config, options))

    def update(
        self, pal_id: str, skill_id: str, config: Mapping[str, Any], **options: Unpack[RequestOptions]
    ) -> SkillAttachment:
        """Merge configuration changes: given fields replace, omitted ones stay, ``None`` removes."""
        return self._send(_skills_update(pal_id, skill_id, config, options))

    def detach(self, pal_id: str, skill_id: str, **options: Unpack[RequestOptions]) -> None:
        """Detach a skill; it stays in the registry."""
        self._send(_skills_detach(pal_id, skill_id, options))

    def replace(
        self, pal_id: str, skills: Mapping[str, Mapping[str, Any] | None], **options: Unpack[RequestOptions]
    ) -> SkillAttachments:
        """Set the PAL's whole skill set (``{skill_id: config}``); skills left out are detached."""
        return self._send(_skills_replace(pal_id, skills, options))


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
