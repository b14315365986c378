"""``/tools``: standalone tools, attached to PALs with ``client.pals.tools.attach``.

``update`` changes only the fields given (a plain object, not JSON Patch:
docs.tavus.io/api-reference/tools/update-tool). System tools (``end_call``) are listed with
``type="system"`` and cannot be changed. Secrets come back masked.
"""

from __future__ import annotations

from typing import Unpack

from tavus_sdk._base_client import AsyncAPIResource, SyncAPIResource
from tavus_sdk._operation import Operation, encode_path, parse_model, parse_nothing, split_params
from tavus_sdk._pagination import AsyncPaginator, Listing, SyncPage, listing
from tavus_sdk._types import RequestOptions
from tavus_sdk.types.tool import Tool, ToolCreateParams, ToolListParams, ToolUpdateParams

__all__ = ["AsyncTools", "Tools"]


def _create(params: ToolCreateParams) -> Operation[Tool]:
    body, options = split_params(params, ToolCreateParams, "tools.create")
    return Operation("POST", "/tools", parse_model(Tool), body=body, options=options)


def _list(params: ToolListParams) -> Listing[Tool]:
    # "1-indexed page number. Default 1." (docs.tavus.io/api-reference/tools/get-tools)
    return listing("/tools", Tool, params, ToolListParams, "tools.list", first_page=1)


def _get(tool_id: str, options: RequestOptions) -> Operation[Tool]:
    return Operation("GET", encode_path("/tools/{}", tool_id), parse_model(Tool), retry_safe=True, options=options)


def _update(tool_id: str, params: ToolUpdateParams) -> Operation[Tool]:
    body, options = split_params(params, ToolUpdateParams, "tools.update")
    if not body:
        raise ValueError("tools.update() needs at least one field to change, e.g. description=...")
    path = encode_path("/tools/{}", tool_id)
    return Operation("PATCH", path, parse_model(Tool), body=body, retry_safe=True, options=options)


def _delete(tool_id: str, options: RequestOptions) -> Operation[None]:
    return Operation("DELETE", encode_path("/tools/{}", tool_id), parse_nothing, retry_safe=True, options=options)


class AsyncTools(AsyncAPIResource):
    async def create(self, **params: Unpack[ToolCreateParams]) -> Tool:
        """Create a tool (``name`` unique in the account, ``description``, JSON Schema ``parameters``)."""
        return await self._send(_create(params))

    def list(self, **params: Unpack[ToolListParams]) -> AsyncPaginator[Tool]:
        """Your tools (``type="system"``: Tavus's, ``"all"``: both): await for the page, or ``async for``."""
        return AsyncPaginator(self._send, _list(params))

    async def get(self, tool_id: str, **options: Unpack[RequestOptions]) -> Tool:
        """One tool, yours or a system one."""
        return await self._send(_get(tool_id, options))

    async def update(self, tool_id: str, **params: Unpack[ToolUpdateParams]) -> Tool:
        """Change the given fields; the others keep their value."""
        return await self._send(_update(tool_id, params))

    async def delete(self, tool_id: str, **options: Unpack[RequestOptions]) -> None:
        """Delete a tool; it is detached from every PAL and its name is free again."""
        await self._send(_delete(tool_id, options))


class Tools(SyncAPIResource):
    def create(self, **params: Unpack[ToolCreateParams]) -> Tool:
        """Create a tool (``name`` unique in the account, ``description``, JSON Schema ``parameters``)."""
        return self._send(_create(params))

    def list(self, **params: Unpack[ToolListParams]) -> SyncPage[Tool]:
        """Your tools (``type="system"``: Tavus's, ``"all"``: both)."""
        return SyncPage.first(self._send, _list(params))

    def get(self, tool_id: str, **options: Unpack[RequestOptions]) -> Tool:
        """One tool, yours or a system one."""
        return self._send(_get(tool_id, options))

    def update(self, tool_id: str, **params: Unpack[ToolUpdateParams]) -> Tool:
        """Change the given fields; the others keep their value."""
        return self._send(_update(tool_id, params))

    def delete(self, tool_id: str, **options: Unpack[RequestOptions]) -> None:
        """Delete a tool; it is detached from every PAL and its name is free again."""
        self._send(_delete(tool_id, options))
