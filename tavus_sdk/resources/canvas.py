"""``/conversations/{conversation_id}/canvas/interactions``: Magic Canvas interactions of a conversation.

``client.conversations.canvas.record`` is what a card renderer posts (Tavus needs no API key for it while the
conversation is active; the SDK sends its key anyway); ``list`` is the history, oldest first.
"""

from __future__ import annotations

from typing import Any, Unpack

from tavus_sdk._base_client import AsyncAPIResource, SyncAPIResource
from tavus_sdk._operation import Operation, encode_path, parse_model, split_params
from tavus_sdk._pagination import ListResponse
from tavus_sdk._types import RequestOptions
from tavus_sdk.types.canvas import CanvasInteraction, CanvasInteractionParams

__all__ = ["AsyncCanvas", "Canvas"]

_List = ListResponse[CanvasInteraction]


def _parse_success(response: Any) -> bool:
    body = response.json() if response.content else {}
    return bool(body.get("success", True)) if isinstance(body, dict) else True


def _record(conversation_id: str, params: CanvasInteractionParams) -> Operation[bool]:
    body, options = split_params(params, CanvasInteractionParams, "conversations.canvas.record")
    path = encode_path("/conversations/{}/canvas/interactions", conversation_id)
    # Idempotent by interaction_id: a retry records nothing twice and fires no second webhook.
    return Operation("POST", path, _parse_success, body=body, retry_safe=True, options=options)


def _list(conversation_id: str, options: RequestOptions) -> Operation[_List]:
    path = encode_path("/conversations/{}/canvas/interactions", conversation_id)
    return Operation("GET", path, parse_model(_List), retry_safe=True, options=options)


class AsyncCanvas(AsyncAPIResource):
    async def record(self, conversation_id: str, **params: Unpack[CanvasInteractionParams]) -> bool:
        """Record an interaction on a card of an active conversation; True once recorded."""
        return await self._send(_record(conversation_id, params))

    async def list(self, conversation_id: str, **options: Unpack[RequestOptions]) -> _List:
        """Every interaction of the conversation, oldest first."""
        return await self._send(_list(conversation_id, options))


class Canvas(SyncAPIResource):
    def record(self, conversation_id: str, **params: Unpack[CanvasInteractionParams]) -> bool:
        """Record an interaction on a card of an active conversation; True once recorded."""
        return self._send(_record(conversation_id, params))

    def list(self, conversation_id: str, **options: Unpack[RequestOptions]) -> _List:
        """Every interaction of the conversation, oldest first."""
        return self._send(_list(conversation_id, options))
