"""``/skills``: the registry of Tavus-authored skills (``internet_search``, ``presentation``, ``magic_canvas`` ...).

Attach them to a PAL with ``client.pals.skills.attach``.
"""

from __future__ import annotations

from typing_extensions import Unpack

from tavus_sdk._base_client import AsyncAPIResource, SyncAPIResource
from tavus_sdk._operation import Operation, encode_path, parse_model
from tavus_sdk._pagination import AsyncPage, AsyncPaginator, ListResponse, SyncPage
from tavus_sdk._types import RequestOptions
from tavus_sdk.types.skill import Skill

__all__ = ["AsyncSkills", "Skills"]

_List = ListResponse[Skill]


def _list(options: RequestOptions) -> Operation[_List]:
    return Operation("GET", "/skills", parse_model(_List), retry_safe=True, options=options)


def _get(skill_id: str, options: RequestOptions) -> Operation[Skill]:
    return Operation("GET", encode_path("/skills/{}", skill_id), parse_model(Skill), retry_safe=True, options=options)


class AsyncSkills(AsyncAPIResource):
    def list(self, **options: Unpack[RequestOptions]) -> AsyncPaginator[Skill]:
        """Every skill of the registry: await for the page, or ``async for`` over them."""

        async def first() -> AsyncPage[Skill]:
            return AsyncPage(await self._send(_list(options)))

        return AsyncPaginator(first)

    async def get(self, skill_id: str, **options: Unpack[RequestOptions]) -> Skill:
        """One skill of the registry."""
        return await self._send(_get(skill_id, options))


class Skills(SyncAPIResource):
    def list(self, **options: Unpack[RequestOptions]) -> SyncPage[Skill]:
        """Every skill of the registry."""
        return SyncPage(self._send(_list(options)))

    def get(self, skill_id: str, **options: Unpack[RequestOptions]) -> Skill:
        """One skill of the registry."""
        return self._send(_get(skill_id, options))
