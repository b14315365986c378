"""wait_ready: polls with growing intervals, reports progress, and fails clearly."""

from __future__ import annotations

import httpx
import pytest
import respx

from tavus_sdk import AsyncTavus, ResourceFailedError, Tavus, WaitProgress, WaitTimeoutError
from tavus_sdk._waiting import parse_progress

from .conftest import resolve


def states(*bodies: dict[str, object]) -> list[httpx.Response]:
    return [httpx.Response(200, json=body) for body in bodies]


async def test_replica_wait_reports_training_progress(
    client: AsyncTavus | Tavus, router: respx.MockRouter, sleeps: list[float]
) -> None:
    router.get("/replicas/r1").mock(
        side_effect=states(
            {"replica_id": "r1", "status": "training", "training_progress": "10/100"},
            {"replica_id": "r1", "status": "training", "training_progress": "55/100"},
            {"replica_id": "r1", "status": "ready", "training_progress": "100/100"},
        )
    )
    seen: list[WaitProgress[object]] = []
    replica = await resolve(client.replicas.wait_ready("r1", poll_interval=1.0, on_progress=seen.append))
    assert replica.status == "ready"
    assert [(p.status, p.percent) for p in seen] == [("training", 10.0), ("training", 55.0), ("ready", 100.0)]
    assert sleeps == [1.0, 1.5]  # the interval grows by half each poll


async def test_replica_completed_counts_as_ready(
    client: AsyncTavus | Tavus, router: respx.MockRouter, sleeps: list[float]
) -> None:
    router.get("/replicas/r1").mock(side_effect=states({"replica_id": "r1", "status": "completed"}))
    assert (await resolve(client.replicas.wait_ready("r1"))).status == "completed"


async def test_replica_error_raises_with_message(
    client: AsyncTavus | Tavus, router: respx.MockRouter, sleeps: list[float]
) -> None:
    router.get("/replicas/r1").mock(
        side_effect=states(
            {"replica_id": "r1", "status": "training"},
            {"replica_id": "r1", "status": "error", "error_message": "The video has less than 25 FPS."},
        )
    )
    with pytest.raises(ResourceFailedError, match=r"replica r1 failed with status 'error': The video has less") as c:
        await resolve(client.replicas.wait_ready("r1"))
    assert c.value.last_status == "error"
    assert c.value.resource_id == "r1"


async def test_video_wait_uses_generation_progress_and_status_details(
    client: AsyncTavus | Tavus, router: respx.MockRouter, sleeps: list[float]
) -> None:
    router.get("/videos/v1").mock(
        side_effect=states(
            {"video_id": "v1", "status": "queued", "generation_progress": "0/100"},
            {"video_id": "v1", "status": "generating", "generation_progress": "50/100"},
            {"video_id": "v1", "status": "error", "status_details": "replica_in_error_state"},
        )
    )
    percents: list[float | None] = []
    with pytest.raises(ResourceFailedError, match="replica_in_error_state"):
        await resolve(client.videos.wait_ready("v1", on_progress=lambda p: percents.append(p.percent)))
    assert percents == [0.0, 50.0, None]


async def test_document_wait_until_ready(
    client: AsyncTavus | Tavus, router: respx.MockRouter, sleeps: list[float]
) -> None:
    router.get("/documents/d1").mock(
        side_effect=states(
            {"document_id": "d1", "status": "started", "progress": None},
            {"document_id": "d1", "status": "processing", "progress": 40},
            {"document_id": "d1", "status": "ready"},
        )
    )
    percents: list[float | None] = []
    done = await resolve(client.documents.wait_ready("d1", on_progress=lambda p: percents.append(p.percent)))
    assert done.status == "ready"
    assert percents == [None, 40.0, None]


async def test_document_error_includes_the_code(
    client: AsyncTavus | Tavus, router: respx.MockRouter, sleeps: list[float]
) -> None:
    router.get("/documents/d1").mock(
        side_effect=states({"document_id": "d1", "status": "error", "error_message": "file_size_too_large"})
    )
    with pytest.raises(ResourceFailedError, match="file_size_too_large"):
        await resolve(client.documents.wait_ready("d1"))


async def test_timeout_raises_with_last_status(
    client: AsyncTavus | Tavus, router: respx.MockRouter, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = [1000.0]
    monkeypatch.setattr("tavus_sdk._waiting.time.monotonic", lambda: clock[0])

    async def advance_async(seconds: float) -> None:
        clock[0] += seconds

    def advance_sync(seconds: float) -> None:
        clock[0] += seconds

    monkeypatch.setattr("tavus_sdk._waiting._sleep_async", advance_async)
    monkeypatch.setattr("tavus_sdk._waiting._sleep_sync", advance_sync)
    route = router.get("/videos/v1").mock(
        return_value=httpx.Response(200, json={"video_id": "v1", "status": "generating"})
    )
    with pytest.raises(WaitTimeoutError, match=r"video v1 was still 'generating' after 30 s \(timeout 30 s\)") as c:
        await resolve(client.videos.wait_ready("v1", timeout=30, poll_interval=4, max_poll_interval=8))
    assert c.value.last_status == "generating"
    # Polls at 0, 4, 10, 18, 26 and a last one at the deadline (30).
    assert route.call_count == 6


def test_bad_wait_arguments() -> None:
    with Tavus(api_key="k", base_url="http://x.test/v2") as client, pytest.raises(ValueError, match="timeout"):
        client.videos.wait_ready("v1", timeout=-1)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("45/100", 45.0), ("1/4", 25.0), ("80%", 80.0), ("12", 12.0), (33, 33.0), (None, None), ("n/a", None)],
)
def test_parse_progress(value: object, expected: float | None) -> None:
    assert parse_progress(value) == expected
