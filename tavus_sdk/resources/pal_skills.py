"""``/pals/{pal_id}/skills``: registry skills attached to a PAL (``client.pals.skills``), keyed by ``skill_id``.

docs.tavus.io/api-reference/pal-skills/*: PUT attaches or overwrites, PATCH merges (``None`` removes), PUT on the
collection replaces the whole set.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Unpack

from tavus_sdk._base_client import AsyncAPIResource, SyncAPIResource
from tavus_sdk._operation import Operation, encode_path, parse_model, parse_nothing, to_json_value
from tavus_sdk._types import RequestOptions
from tavus_sdk.types.skill import SkillAttachment, SkillAttachments

__all__ = ["AsyncPalSkills", "PalSkills"]


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
