"""Webhook delivery: POSTed when due, retried on the emulator's clock, recorded attempt by attempt."""

from __future__ import annotations

import httpx
import pytest

from tavus_sdk.testing import TavusEmulator, Timings

from .conftest import WebhookSink

HOOK = "https://hooks.example.test/tavus"


async def _conversation_with_callback(emulator: TavusEmulator) -> str:
    async with emulator.async_client() as tavus:
        created = await tavus.conversations.create(replica_id="r79e1c033f", persona_id="p9a95912", callback_url=HOOK)
    return created.conversation_id


async def test_due_webhooks_are_posted_to_the_callback_url(hooked: TavusEmulator, sink: WebhookSink) -> None:
    conversation_id = await _conversation_with_callback(hooked)
    assert await hooked.deliver_webhooks() == 0  # nothing is due before the replica joins
    hooked.advance(hooked.timings.replica_join)
    assert await hooked.deliver_webhooks() == 1
    assert sink.urls == [HOOK]
    assert sink.received[0]["event_type"] == "system.replica_joined"
    assert sink.received[0]["conversation_id"] == conversation_id
    assert sink.received[0]["webhook_url"] == HOOK
    (delivery,) = hooked.deliveries
    assert (delivery.state, delivery.event, len(delivery.attempts)) == ("delivered", "system.replica_joined", 1)
    assert delivery.attempts[0].ok


async def test_failed_deliveries_are_retried_with_backoff_then_delivered(
    hooked: TavusEmulator, sink: WebhookSink
) -> None:
    await _conversation_with_callback(hooked)
    hooked.advance(hooked.timings.replica_join)
    sink.statuses = [500, 503]
    assert await hooked.deliver_webhooks() == 1
    assert await hooked.deliver_webhooks() == 0  # the retry is not due yet
    hooked.advance(hooked.timings.webhook_retry_delays[0])
    assert await hooked.deliver_webhooks() == 1
    hooked.advance(hooked.timings.webhook_retry_delays[1])
    assert await hooked.deliver_webhooks() == 1
    (delivery,) = hooked.deliveries
    assert [a.status_code for a in delivery.attempts] == [500, 503, 200]
    assert delivery.state == "delivered"
    assert len(sink.received) == 3  # the same payload each time
    assert sink.received[0] == sink.received[2]


async def test_delivery_gives_up_after_the_last_retry() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    emulator = TavusEmulator(
        webhook_transport=httpx.MockTransport(refuse), timings=Timings(webhook_retry_delays=(1.0, 1.0))
    )
    await _conversation_with_callback(emulator)
    emulator.advance(emulator.timings.replica_join)
    for _ in range(3):
        await emulator.deliver_webhooks()
        emulator.advance(1)
    (delivery,) = emulator.deliveries
    assert delivery.state == "failed"
    assert [a.error for a in delivery.attempts] == ["ConnectError: connection refused"] * 3
    assert await emulator.deliver_webhooks() == 0


def test_sync_delivery_uses_a_sync_transport(sink: WebhookSink) -> None:
    emulator = TavusEmulator(webhook_transport=httpx.MockTransport(sink.handler))
    with emulator.client() as tavus:
        tavus.conversations.create(replica_id="r79e1c033f", persona_id="p9a95912", callback_url=HOOK)
    emulator.advance(emulator.timings.replica_join)
    assert emulator.deliver_webhooks_sync() == 1
    assert sink.events() == ["system.replica_joined"]


async def test_a_sync_only_transport_is_refused_for_async_delivery() -> None:
    emulator = TavusEmulator(webhook_transport=httpx.HTTPTransport())
    with pytest.raises(TypeError, match="use deliver_webhooks_sync"):
        await emulator.deliver_webhooks()
