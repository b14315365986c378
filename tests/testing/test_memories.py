"""Memories: the one operation, DELETE /memories/{memory_store}/{memory_id}."""

from __future__ import annotations

import httpx
import pytest

from tavus_sdk import AsyncTavus, NotFoundError, Tavus
from tavus_sdk.testing import TavusEmulator
from tavus_sdk.testing.handlers.memories import memory_key
from tests.testing.conftest import API_KEY

STORE = "anna_p123"


def remember(emulator: TavusEmulator, memory_id: str, store: str = STORE, **extra: str) -> str:
    """A memory as a conversation with ``memory_stores`` would leave it (no operation creates one)."""
    key = memory_key(store, memory_id)
    emulator.store.table("memories")[key] = {"memory_store": store, "memory_id": memory_id, **extra}
    return key


async def test_deleting_an_unknown_memory_is_404_with_a_clear_message(http: httpx.AsyncClient) -> None:
    response = await http.delete(f"/memories/{STORE}/m404")
    assert response.status_code == 404
    assert response.json() == {"message": f"Memory not found: m404 in memory store {STORE}", "error": "not_found"}


async def test_delete_removes_only_that_memory_and_a_second_delete_is_404(
    tavus: AsyncTavus, emulator: TavusEmulator
) -> None:
    gone = remember(emulator, "m1")
    kept = [remember(emulator, "m2"), remember(emulator, "m1", store="classroom_7")]
    await tavus.memories.delete(STORE, "m1")
    assert gone not in emulator.store.table("memories")
    assert sorted(emulator.store.table("memories")) == sorted(kept)
    with pytest.raises(NotFoundError) as raised:
        await tavus.memories.delete(STORE, "m1")
    assert raised.value.status_code == 404
    assert "m1" in str(raised.value)
    assert STORE in str(raised.value)


async def test_delete_answers_an_empty_200(http: httpx.AsyncClient, emulator: TavusEmulator) -> None:
    remember(emulator, "m1")
    response = await http.delete(f"/memories/{STORE}/m1")
    assert (response.status_code, response.content) == (200, b"")


async def test_a_memory_of_another_api_key_is_not_found(http: httpx.AsyncClient, emulator: TavusEmulator) -> None:
    key = remember(emulator, "m1", _owner_key="someone-else")
    assert (await http.delete(f"/memories/{STORE}/m1")).status_code == 404
    assert key in emulator.store.table("memories")
    remember(emulator, "m2", _owner_key=API_KEY)
    assert (await http.delete(f"/memories/{STORE}/m2")).status_code == 200


def test_delete_through_the_sync_sdk(sync_tavus: Tavus, emulator: TavusEmulator) -> None:
    remember(emulator, "m1")
    sync_tavus.memories.delete(STORE, "m1")
    with pytest.raises(NotFoundError):
        sync_tavus.memories.delete(STORE, "m1")
