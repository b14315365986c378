"""Memories: the one documented operation is delete; conversations with ``memory_stores`` create them."""

from __future__ import annotations

from tavus_sdk.testing._context import ApiRequest, Context, Handler
from tavus_sdk.testing._errors import ApiError

__all__ = ["ROUTES", "memory_key"]


def memory_key(memory_store: str, memory_id: str) -> str:
    return f"{memory_store}/{memory_id}"


def delete(ctx: Context, req: ApiRequest) -> None:
    store, memory_id = req.path["memory_store"], req.path["memory_id"]
    key = memory_key(store, memory_id)
    memory = ctx.store.table("memories").get(key)
    # A memory written under another API key is as unknown to this one as a memory that never existed.
    if memory is None or not ctx.visible(memory):
        raise ApiError(404, f"Memory not found: {memory_id} in memory store {store}")
    del ctx.store.table("memories")[key]


ROUTES: dict[str, Handler] = {"memories_delete": delete}
