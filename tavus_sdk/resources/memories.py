"""``/memories``: what a persona remembers across conversations that share a ``memory_stores`` tag.

The API has a single operation: deleting one memory. Memories are written by conversations created with
``memory_stores=[...]``; retrieval endpoints are not available yet.
"""

from __future__ import annotations

from typing_extensions import Unpack

from tavus_sdk._base_client import AsyncAPIResource, SyncAPIResource
from tavus_sdk._operation import Operation, encode_path, parse_nothing
from tavus_sdk._types import RequestOptions

__all__ = ["AsyncMemories", "Memories"]


def _delete(memory_store: str, memory_id: str, options: RequestOptions) -> Operation[None]:
    path = encode_path("/memories/{}/{}", memory_store, memory_id)
    return Operation("DELETE", path, parse_nothing, retry_safe=True, options=options)


class AsyncMemories(AsyncAPIResource):
    async def delete(self, memory_store: str, memory_id: str, **options: Unpack[RequestOptions]) -> None:
        """Delete one memory from a memory store."""
        await self._send(_delete(memory_store, memory_id, options))


class Memories(SyncAPIResource):
    def delete(self, memory_store: str, memory_id: str, **options: Unpack[RequestOptions]) -> None:
        """Delete one memory from a memory store."""
        self._send(_delete(memory_store, memory_id, options))
