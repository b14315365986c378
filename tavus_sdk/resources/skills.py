"""``/skills``: the registry of Tavus-authored skills (``internet_search``, ``presentation``, ``magic_canvas`` ...).

Attach them to a PAL with ``client.pals.skills.attach``.
"""

from __future__ import annotations

from typing import Unpack

from tavus_sdk._base_client import AsyncAPIResource, SyncAPIResource
from tavus_sdk._operation import Operation, encode_path, parse_model
from tavus_sdk._pagination import AsyncPaginator, Listing, SyncPage, listing
from tavus_sdk._types import RequestOptions
from tavus_sdk.types.skill import Skill, SkillListParams

__all__ = ["AsyncSkills", "Skills"]


def _list(params: SkillListParams) -> Listing[Skill]:
    # No paging on docs.tavus.io/api-reference/skills/list-skills; Tavus's own client pages lists from 1.
    return listing("/skills", Skill, params, SkillListParams, "skills.list", first_page=1)


def _get(skill_id: str, options: RequestOptions) -> Operation[Skill]:
    return Operation("GET", encode_path("/skills/{}", skill_id), parse_model(Skill), retry_safe=True, options=options)


class AsyncSkills(AsyncAPIResource):
    def list(self, **params: Unpack[SkillListParams]) -> AsyncPaginator[Skill]:
        """Every skill of the registry: await for the page, or ``async for`` over them."""
        return AsyncPaginator(self._send, _list(params))

    async def get(self, skill_id: str, **options: Unpack[RequestOptions]) -> Skill:
        """One skill of the registry."""
        return await self._send(_get(skill_id, options))


class Skills(SyncAPIResource):
    def list(self, **params: Unpack[SkillListParams]) -> SyncPage[Skill]:
        """Every skill of the registry."""
        return SyncPage.first(self._send, _list(params))

    def get(self, skill_id: str, **options: Unpack[RequestOptions]) -> Skill:
        """One skill of the registry."""
        return self._send(_get(skill_id, options))
