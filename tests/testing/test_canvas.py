"""Magic Canvas interactions: key-less while active, idempotent, rate-limited, one webhook each."""

from __future__ import annotations

from typing import Any

import httpx

from tavus_sdk.testing import TavusEmulator
from tavus_sdk.testing.handlers.canvas import RATE_LIMIT
from tests.testing.conftest import WebhookSink

SUBMIT = {
    "interaction_id": "ci_call_1_submit_a",
    "tool_call_id": "call_1",
    "component": "canvas.question",
    "component_version": "v1",
    "type": "submit",
    "value": {"selected_option_ids": ["opt_2"], "skipped": False},
    "metadata": {"client": "kiosk-web"},
}


async def _conversation(http: httpx.AsyncClient, **extra: Any) -> str:
    created = await http.post("/conversations", json={"persona_id": "p9a95912", **extra})
    assert created.status_code == 200, created.text
    return str(created.json()["conversation_id"])


async def test_record_without_a_key_then_list(http: httpx.AsyncClient, emulator: TavusEmulator) -> None:
    conversation_id = await _conversation(http)
    path = f"/conversations/{conversation_id}/canvas/interactions"
    async with httpx.AsyncClient(base_url=emulator.base_url, transport=emulator.transport()) as browser:
        recorded = await browser.post(path, json=SUBMIT)
        assert (recorded.status_code, recorded.json()) == (200, {"success": True})
        assert (await browser.get(path)).status_code == 401  # the history needs the key
    history = (await http.get(path)).json()["data"]
    assert len(history) == 1
    assert {k: history[0][k] for k in SUBMIT} == SUBMIT
    assert history[0]["conversation_id"] == conversation_id


async def test_a_retry_is_idempotent_and_fires_one_webhook(sink: WebhookSink, hooked: TavusEmulator) -> None:
    async with httpx.AsyncClient(
        base_url=hooked.base_url, transport=hooked.transport(), headers={"x-api-key": "k"}
    ) as http:
        conversation_id = await _conversation(http, callback_url="https://hooks.example.com/t")
        path = f"/conversations/{conversation_id}/canvas/interactions"
        assert (await http.post(path, json=SUBMIT)).status_code == 200
        retry = await http.post(path, json={**SUBMIT, "metadata": {"client": "retry"}})
        assert retry.status_code == 200
        changed = await http.post(path, json={**SUBMIT, "type": "skip"})
        assert changed.status_code == 409
        assert len((await http.get(path)).json()["data"]) == 1
    await hooked.deliver_webhooks()
    canvas_events = [p for p in sink.received if p.get("event_type") == "canvas.interaction"]
    assert len(canvas_events) == 1
    assert canvas_events[0]["properties"]["interaction_id"] == SUBMIT["interaction_id"]


async def test_an_ended_conversation_refuses_interactions(http: httpx.AsyncClient) -> None:
    conversation_id = await _conversation(http)
    await http.post(f"/conversations/{conversation_id}/end")
    refused = await http.post(f"/conversations/{conversation_id}/canvas/interactions", json=SUBMIT)
    assert refused.status_code == 400
    assert "ended" in refused.json()["message"]


async def test_rate_limit_answers_429_with_retry_after(http: httpx.AsyncClient, emulator: TavusEmulator) -> None:
    conversation_id = await _conversation(http)
    path = f"/conversations/{conversation_id}/canvas/interactions"
    for n in range(RATE_LIMIT):
        heartbeat = {**SUBMIT, "interaction_id": f"hb_{n}", "type": "heartbeat", "value": None}
        assert (await http.post(path, json=heartbeat)).status_code == 200
    limited = await http.post(path, json=SUBMIT)
    assert limited.status_code == 429
    assert limited.json()["message"] == "Too many requests"
    assert int(limited.headers["retry-after"]) >= 1
    emulator.advance(61)
    assert (await http.post(path, json=SUBMIT)).status_code == 200
