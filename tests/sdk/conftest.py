from __future__ import annotations

import inspect
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest
import respx

from tavus_sdk import AsyncTavus, Tavus

BASE_URL = "https://api.tavus.test/v2"
API_KEY = "tvs-test-key-0123456789"


@pytest.fixture
def router() -> Iterator[respx.MockRouter]:
    with respx.mock(base_url=BASE_URL, assert_all_called=False) as mock:
        yield mock


@pytest.fixture
async def async_client() -> AsyncIterator[AsyncTavus]:
    async with AsyncTavus(api_key=API_KEY, base_url=BASE_URL) as client:
        yield client


@pytest.fixture
def sync_client() -> Iterator[Tavus]:
    with Tavus(api_key=API_KEY, base_url=BASE_URL) as client:
        yield client


@pytest.fixture(params=["async", "sync"])
def client(request: pytest.FixtureRequest) -> Iterator[AsyncTavus | Tavus]:
    """Both twins: every behaviour test runs against each."""
    cls = AsyncTavus if request.param == "async" else Tavus
    instance = cls(api_key=API_KEY, base_url=BASE_URL)
    yield instance
    if isinstance(instance, Tavus):
        instance.close()


async def resolve(value: Any) -> Any:
    """Await async results so one test body serves both clients."""
    if inspect.isawaitable(value):
        return await value
    return value


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Record retry and poll waits instead of sleeping."""
    recorded: list[float] = []

    async def fake_async_sleep(seconds: float) -> None:
        recorded.append(seconds)

    def fake_sync_sleep(seconds: float) -> None:
        recorded.append(seconds)

    monkeypatch.setattr("tavus_sdk._retry._sleep_async", fake_async_sleep)
    monkeypatch.setattr("tavus_sdk._retry._sleep_sync", fake_sync_sleep)
    monkeypatch.setattr("tavus_sdk._waiting._sleep_async", fake_async_sleep)
    monkeypatch.setattr("tavus_sdk._waiting._sleep_sync", fake_sync_sleep)
    return recorded
