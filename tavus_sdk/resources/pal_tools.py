"""``/pals/{pal_id}/tools``: standalone tools attached to a PAL (``client.pals.tools``), at most 50 per PAL.

docs.tavus.io/api-reference/pal-tools/*: detaching a tool does not delete it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Unpack

from tavus_sdk._base_client import AsyncAPIResource, SyncAPIResource
from tavus_sdk._operation import Operation, encode_path, parse_model, parse_nothing
from tavus_sdk._pagination import ListResponse
from tavus_sdk._types import RequestOptions
from tavus_sdk.types.tool import Tool

__all__ = ["MAX_TOOLS_PER_PAL", "AsyncPalTools", "PalTools"]

_Tools = ListResponse[Tool]
MAX_TOOLS_PER_PAL = 50  # docs.tavus.io/api-reference/pal-tools/attach-tools-to-pal


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
