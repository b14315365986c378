"""Transcriptions: create, paged list (from 1), get, delete (204), and the started -> completed | error lifecycle."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tavus_sdk import AsyncTavus, NotFoundError, Tavus
from tavus_sdk.testing import TavusEmulator
from tests.testing.conftest import WebhookSink, assert_fits

VIDEO = {"file_url": "https://example.com/video.mp4", "callback_url": "https://example.com/hook"}


async def create(http: httpx.AsyncClient, **body: Any) -> dict[str, Any]:
    response = await http.post("/transcriptions", json={**VIDEO, **body})
    assert response.status_code == 200, response.text
    created: dict[str, Any] = response.json()
    return created


async def test_create_answers_started_and_completes_with_text(http: httpx.AsyncClient, emulator: TavusEmulator) -> None:
    created = await create(http)
    assert_fits(created, "Transcription")
    assert (created["status"], created["callback_url"], created["text"]) == ("started", VIDEO["callback_url"], None)
    emulator.advance(emulator.timings.transcription)
    done = (await http.get(f"/transcriptions/{created['transcription_id']}")).json()
    assert done["status"] == "completed"
    assert "video.mp4" in done["text"]
    assert_fits(done, "Transcription")


@pytest.mark.parametrize("url", ["ftp://example.com/video.mp4", "https://example.com/slides.pdf"])
async def test_a_file_that_cannot_be_transcribed_ends_in_error(
    http: httpx.AsyncClient, emulator: TavusEmulator, url: str
) -> None:
    created = await create(http, file_url=url)
    emulator.advance(emulator.timings.transcription)
    done = (await http.get(f"/transcriptions/{created['transcription_id']}")).json()
    assert (done["status"], done["text"]) == ("error", None)


@pytest.mark.parametrize("missing", ["file_url", "callback_url"])
async def test_both_urls_are_required(http: httpx.AsyncClient, missing: str) -> None:
    body = {k: v for k, v in VIDEO.items() if k != missing}
    response = await http.post("/transcriptions", json=body)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == missing


async def test_list_pages_from_1_and_delete_is_204(http: httpx.AsyncClient) -> None:
    ids = [(await create(http))["transcription_id"] for _ in range(12)]
    first = (await http.get("/transcriptions")).json()
    assert_fits(first, "TranscriptionList")
    assert ([t["transcription_id"] for t in first["data"]], first["total_count"]) == (ids[:10], 12)
    assert [
        t["transcription_id"] for t in (await http.get("/transcriptions", params={"page": 2})).json()["data"]
    ] == ids[10:]
    response = await http.delete(f"/transcriptions/{ids[0]}")
    assert (response.status_code, response.content) == (204, b"")
    gone = await http.get(f"/transcriptions/{ids[0]}")
    assert (gone.status_code, gone.json()) == (400, {"error": "Invalid transcription_id"})


async def test_the_callback_gets_the_finished_transcription(hooked: TavusEmulator, sink: WebhookSink) -> None:
    async with hooked.async_client("k") as tavus:
        created = await tavus.transcriptions.create(**VIDEO)
        hooked.advance(hooked.timings.transcription)
        await tavus.transcriptions.get(created.transcription_id)
        await hooked.deliver_webhooks()
    assert sink.events() == ["completed"]
    assert sink.received[0]["transcription_id"] == created.transcription_id


async def test_the_sdk_lifecycle(tavus: AsyncTavus, sync_tavus: Tavus, emulator: TavusEmulator) -> None:
    created = await tavus.transcriptions.create(**VIDEO)
    emulator.advance(emulator.timings.transcription)
    got = await tavus.transcriptions.get(created.transcription_id)
    assert got.status == "completed"
    assert [t.transcription_id for t in sync_tavus.transcriptions.list(limit=1)] == [created.transcription_id]
    sync_tavus.transcriptions.delete(created.transcription_id)
    with pytest.raises(NotFoundError):
        await tavus.transcriptions.get(created.transcription_id)
