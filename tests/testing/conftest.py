from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest

from tavus_sdk import AsyncTavus, Tavus, _waiting
from tavus_sdk.testing import TavusEmulator

API_KEY = "emulator-test-key"


@pytest.fixture
def emulator() -> TavusEmulator:
    return TavusEmulator()


@pytest.fixture
async def tavus(emulator: TavusEmulator) -> AsyncIterator[AsyncTavus]:
    async with emulator.async_client(API_KEY) as client:
        yield client


@pytest.fixture
def sync_tavus(emulator: TavusEmulator) -> Iterator[Tavus]:
    with emulator.client(API_KEY) as client:
        yield client


@pytest.fixture
async def http(emulator: TavusEmulator) -> AsyncIterator[httpx.AsyncClient]:
    """Plain HTTP against the emulator, for what the SDK would refuse to send (bad bodies, missing keys)."""
    async with httpx.AsyncClient(
        base_url=emulator.base_url, transport=emulator.transport(), headers={"x-api-key": API_KEY}
    ) as client:
        yield client


class WebhookSink:
    """A callback receiver: records every POST and answers with the statuses it is given, then 200."""

    def __init__(self) -> None:
        self.received: list[dict[str, Any]] = []
        self.urls: list[str] = []
        self.statuses: list[int] = []

    def handler(self, request: httpx.Request) -> httpx.Response:
        self.received.append(json.loads(request.content))
        self.urls.append(str(request.url))
        status = self.statuses.pop(0) if self.statuses else 200
        return httpx.Response(status)

    def events(self) -> list[str]:
        return [str(body.get("event_type") or body.get("status")) for body in self.received]


@pytest.fixture
def sink() -> WebhookSink:
    return WebhookSink()


@pytest.fixture
def hooked(sink: WebhookSink) -> TavusEmulator:
    """An emulator whose webhooks go to ``sink`` (any callback URL) instead of the network."""
    return TavusEmulator(webhook_transport=httpx.MockTransport(sink.handler))


def assert_fits(body: Any, schema: str) -> None:
    """Fail with every violation when ``body`` does not fit ``#/components/schemas/<schema>`` of the spec."""
    from tavus_sdk.testing._spec import field_errors, spec_index

    errors = field_errors(spec_index().validator({"$ref": f"#/components/schemas/{schema}"}), body)
    assert not errors, f"response does not fit {schema}: {errors}"


@pytest.fixture
def clock_follows_polls(monkeypatch: pytest.MonkeyPatch, emulator: TavusEmulator) -> list[float]:
    """Waiters sleep between polls; here each sleep moves the emulator's clock instead. Returns the sleeps."""
    sleeps: list[float] = []

    async def sleep_async(seconds: float) -> None:
        sleeps.append(seconds)
        emulator.advance(seconds)

    def sleep_sync(seconds: float) -> None:
        sleeps.append(seconds)
        emulator.advance(seconds)

    monkeypatch.setattr(_waiting, "_sleep_async", sleep_async)
    monkeypatch.setattr(_waiting, "_sleep_sync", sleep_sync)
    return sleeps
