"""Voices: the stock list, paged from 1, searched, sorted and filtered as openapi.yaml getVoices describes."""

from __future__ import annotations

from typing import Any

import httpx

from tavus_sdk import AsyncTavus, Tavus
from tavus_sdk.testing.handlers.voices import STOCK_VOICES
from tests.testing.conftest import assert_fits

NAMES = sorted(name for name, _ in STOCK_VOICES)


async def voices(http: httpx.AsyncClient, **query: Any) -> dict[str, Any]:
    response = await http.get("/voices", params=query)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def test_the_first_page_holds_ten_voices_by_name(http: httpx.AsyncClient) -> None:
    page = await voices(http)
    assert_fits(page, "VoiceList")
    assert [v["voice_name"] for v in page["data"]] == NAMES[:10]
    assert (page["total_count"], page["page"], page["limit"]) == (len(NAMES), 1, 10)
    assert page["data"][0] == {"voice_name": "anna", "replica_id": "r90bbd427f71", "audio_url": None, "tags": []}


async def test_pages_count_from_1_and_page_0_is_refused(http: httpx.AsyncClient) -> None:
    assert [v["voice_name"] for v in (await voices(http, page=2))["data"]] == NAMES[10:]
    assert [v["voice_name"] for v in (await voices(http, page=2, limit=3))["data"]] == NAMES[3:6]
    assert (await http.get("/voices", params={"page": 0})).status_code == 400
    assert (await http.get("/voices", params={"limit": 101})).status_code == 400


async def test_search_sort_and_tag(http: httpx.AsyncClient) -> None:
    assert [v["voice_name"] for v in (await voices(http, search="AN"))["data"]] == ["anna", "nathan", "sandra"]
    assert [v["voice_name"] for v in (await voices(http, sort="desc", limit=2))["data"]] == NAMES[::-1][:2]
    assert await voices(http, tag="female") == {"data": [], "total_count": 0, "page": 1, "limit": 10}


async def test_the_sdk_walks_every_page(tavus: AsyncTavus, sync_tavus: Tavus) -> None:
    assert [v.voice_name async for v in tavus.voices.list(limit=4)] == NAMES
    assert [v.voice_name for v in sync_tavus.voices.list(search="a", sort="desc")] == [
        n for n in NAMES[::-1] if "a" in n
    ]
    first = sync_tavus.voices.list(limit=5)
    assert (len(first.data), first.total_count) == (5, len(NAMES))
