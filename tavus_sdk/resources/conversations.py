"""``/conversations``: real-time calls between people and a replica.

Creating a conversation starts billing and takes a concurrency slot until it ends, so ``create`` is never
re-sent after a timeout or a dropped response (see ``tavus_sdk._retry``); ``end`` is safe to repeat.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any, Unpack

from tavus_sdk._base_client import AsyncAPIResource, SyncAPIResource
from tavus_sdk._operation import Operation, encode_path, parse_model, parse_nothing, split_params
from tavus_sdk._pagination import AsyncPaginator, Listing, SyncPage, listing
from tavus_sdk._types import RequestOptions
from tavus_sdk.resources.canvas import AsyncCanvas, Canvas
from tavus_sdk.types.conversation import Conversation, ConversationCreateParams, ConversationListParams

__all__ = ["AsyncConversations", "Conversations"]


def _create(params: ConversationCreateParams) -> Operation[Conversation]:
    body, options = split_params(params, ConversationCreateParams, "conversations.create")
    return Operation("POST", "/conversations", parse_model(Conversation), body=body, options=options)


def _list(params: ConversationListParams) -> Listing[Conversation]:
    # First page 1 (docs.tavus.io/api-reference/conversations/get-conversations: "Default is 1").
    return listing("/conversations", Conversation, params, ConversationListParams, "conversations.list", first_page=1)


def _get(conversation_id: str, verbose: bool, options: RequestOptions) -> Operation[Conversation]:
    query: dict[str, Any] | None = {"verbose": "true"} if verbose else None
    path = encode_path("/conversations/{}", conversation_id)
    return Operation("GET", path, parse_model(Conversation), query=query, retry_safe=True, options=options)


def _delete(conversation_id: str, hard: bool, options: RequestOptions) -> Operation[None]:
    path = encode_path("/conversations/{}", conversation_id)
    query = {"hard": "true"} if hard else None
    return Operation("DELETE", path, parse_nothing, query=query, retry_safe=True, options=options)


def _end(conversation_id: str, options: RequestOptions) -> Operation[None]:
    path = encode_path("/conversations/{}/end", conversation_id)
    return Operation("POST", path, parse_nothing, retry_safe=True, options=options)


class AsyncConversations(AsyncAPIResource):
    @cached_property
    def canvas(self) -> AsyncCanvas:
        """Magic Canvas interactions of a conversation."""
        return AsyncCanvas(self._client)

    async def create(self, **params: Unpack[ConversationCreateParams]) -> Conversation:
        """Start a conversation: a call room the replica joins at once. Billing starts now."""
        return await self._send(_create(params))

    def list(self, **params: Unpack[ConversationListParams]) -> AsyncPaginator[Conversation]:
        """Every conversation of the account: await for the page, or ``async for`` over the items."""
        return AsyncPaginator(self._send, _list(params))

    async def get(
        self, conversation_id: str, *, verbose: bool = False, **options: Unpack[RequestOptions]
    ) -> Conversation:
        """One conversation; ``verbose=True`` adds the transcript, shutdown reason and events."""
        return await self._send(_get(conversation_id, verbose, options))

    async def delete(self, conversation_id: str, *, hard: bool = False, **options: Unpack[RequestOptions]) -> None:
        """Delete a conversation and its data. ``hard=True`` deletes for good (irrevocable)."""
        await self._send(_delete(conversation_id, hard, options))

    async def end(self, conversation_id: str, **options: Unpack[RequestOptions]) -> None:
        """End a conversation: the replica leaves and billing stops. Ending an ended one is harmless."""
        await self._send(_end(conversation_id, options))


class Conversations(SyncAPIResource):
    @cached_property
    def canvas(self) -> Canvas:
        """Magic Canvas interactions of a conversation."""
        return Canvas(self._client)

    def create(self, **params: Unpack[ConversationCreateParams]) -> Conversation:
        """Start a conversation: a call room the replica joins at once. Billing starts now."""
        return self._send(_create(params))

    def list(self, **params: Unpack[ConversationListParams]) -> SyncPage[Conversation]:
        """Every conversation of the account."""
        return SyncPage.first(self._send, _list(params))

    def get(self, conversation_id: str, *, verbose: bool = False, **options: Unpack[RequestOptions]) -> Conversation:
        """One conversation; ``verbose=True`` adds the transcript, shutdown reason and events."""
        return self._send(_get(conversation_id, verbose, options))

    def delete(self, conversation_id: str, *, hard: bool = False, **options: Unpack[RequestOptions]) -> None:
        """Delete a conversation and its data. ``hard=True`` deletes for good (irrevocable)."""
        self._send(_delete(conversation_id, hard, options))

    def end(self, conversation_id: str, **options: Unpack[RequestOptions]) -> None:
        """End a conversation: the replica leaves and billing stops. Ending an ended one is harmless."""
        self._send(_end(conversation_id, options))
