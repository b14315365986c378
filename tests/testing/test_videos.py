"""Videos on the emulator: request rules, queue and generation lifecycle, documented failures, callbacks, waiters."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from tavus_sdk import AsyncTavus, NotFoundError, ResourceFailedError, Tavus
from tavus_sdk.testing import TavusEmulator, Timings
from tavus_sdk.testing._context import naive, rfc1123
from tavus_sdk.webhooks import parse_webhook

from .conftest import API_KEY, WebhookSink, assert_fits

REPLICA = "rfe12d8b9597"  # stock, ready
WAV = "https://my-bucket.s3.amazonaws.com/voice-over.wav?X-Amz-Signature=abc"
HOOK = "https://example.com/video-webhook"
TIMINGS = Timings()
QUEUE, GENERATION, TRAINING = TIMINGS.video_queue, TIMINGS.video_generation, TIMINGS.replica_training

SUCCESS = "Your request has processed successfully!"
QUEUED = "This request is currently queued. It should begin processing in a few minutes."
VIDEO_ERROR = "An error occurred while generating this request. Please check your inputs or try your request again."
AUDIO_FILE_TYPE = "There was an issue generating your video. The audio file provided is not a .wav"
CALLBACK_KEYS = {
    "created_at",
    "data",
    "download_url",
    "generation_progress",
    "hosted_url",
    "replica_id",
    "status",
    "status_details",
    "stream_url",
    "updated_at",
    "video_id",
    "video_name",
}


def in_training(replica_id: str) -> str:
    return (
        f"The training process for replica {replica_id} is still ongoing. Your request has been placed in the "
        "'queued' status and will automatically proceed to the generation phase once training is complete. "
        "To monitor the current progress of the training, please review the detailed status of this replica."
    )


def in_error(replica_id: str) -> str:
    return (
        f"Request Failed: The replica {replica_id} is currently in an 'error' state and cannot process requests. "
        "For details on the cause of the error and how to resolve it, please review the specific information "
        "provided for this replica."
    )


def client_for(emulator: TavusEmulator) -> httpx.AsyncClient:
    return httpx.AsyncClient(base_url=emulator.base_url, transport=emulator.transport(), headers={"x-api-key": API_KEY})


async def create(http: httpx.AsyncClient, **body: Any) -> dict[str, Any]:
    if "audio_url" not in body:
        body.setdefault("script", "Hello, this is a test to give examples of callbacks.")
    response = await http.post("/videos", json={"replica_id": REPLICA, **body})
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result


async def fetch(http: httpx.AsyncClient, video_id: str) -> dict[str, Any]:
    response = await http.get(f"/videos/{video_id}")
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result


async def train(http: httpx.AsyncClient, url: str = "https://my-bucket.s3.amazonaws.com/train.mp4") -> str:
    response = await http.post("/replicas", json={"train_video_url": url})
    assert response.status_code == 200, response.text
    replica_id: str = response.json()["replica_id"]
    return replica_id


# -- create ----------------------------------------------------------------------------------------------------


async def test_create_queues_the_video(http: httpx.AsyncClient, emulator: TavusEmulator) -> None:
    now = emulator.clock.now()
    video = await create(http, script="Hello!")
    assert_fits(video, "Video")
    video_id = video["video_id"]
    assert re.fullmatch(r"[0-9a-f]{10}", video_id)  # 10 hex characters, no prefix
    day = datetime.fromtimestamp(now, UTC)
    assert video == {
        "video_id": video_id,
        "video_name": f"replica_id: {REPLICA} - {day:%B} {day.day}, {day.year} - video: {video_id}",
        "status": "queued",
        "data": {"script": "Hello!", "start_with_wave": True},
        "replica_id": REPLICA,
        "download_url": None,
        "stream_url": None,
        "hosted_url": f"https://videos.tavus.io/video/{video_id}",
        "status_details": QUEUED,
        "generation_progress": "0/100",
        "created_at": rfc1123(now),
        "updated_at": rfc1123(now),
    }
    assert video["created_at"].endswith(" GMT")
    assert await fetch(http, video_id) == video


async def test_create_from_audio_keeps_the_name(http: httpx.AsyncClient) -> None:
    video = await create(http, audio_url=WAV, video_name="Product update")
    assert video["data"] == {"audio_url": WAV, "start_with_wave": True}
    assert video["video_name"] == "Product update"


@pytest.mark.parametrize(
    "body",
    [
        {"replica_id": REPLICA},  # neither script nor audio_url
        {"replica_id": REPLICA, "script": "Hi", "audio_url": WAV},  # both
        {"script": "Hi"},  # no replica_id
        {"replica_id": REPLICA, "script": ""},
    ],
)
async def test_schema_rules_answer_422(http: httpx.AsyncClient, emulator: TavusEmulator, body: dict[str, Any]) -> None:
    response = await http.post("/videos", json=body)
    assert response.status_code == 422
    assert response.json()["errors"]
    assert emulator.records("videos") == []


async def test_transparent_background_needs_fast(http: httpx.AsyncClient) -> None:
    body = {"replica_id": REPLICA, "script": "Hi", "transparent_background": True}
    response = await http.post("/videos", json=body)
    assert response.status_code == 422
    assert response.json()["errors"] == [{"field": "fast", "message": "is required"}]
    assert (await http.post("/videos", json={**body, "fast": True})).status_code == 200


async def test_unknown_replica_is_400_naming_replica_id(http: httpx.AsyncClient, emulator: TavusEmulator) -> None:
    response = await http.post("/videos", json={"replica_id": "rnope", "script": "Hi"})
    assert response.status_code == 400
    body = response.json()
    assert body["message"] == "Replica not found: rnope"
    assert body["errors"] == [{"field": "replica_id", "message": "Replica not found: rnope"}]
    assert emulator.records("videos") == []


@pytest.mark.parametrize(
    ("field", "value"),
    [("audio_url", "voice.wav"), ("background_url", "www.tavus.io"), ("background_source_url", "s3://b/bg.mp4")],
)
async def test_links_must_be_http_urls(
    http: httpx.AsyncClient, emulator: TavusEmulator, field: str, value: str
) -> None:
    body: dict[str, Any] = {"replica_id": REPLICA, field: value}
    if field != "audio_url":
        body["script"] = "Hi"
    response = await http.post("/videos", json=body)
    assert response.status_code == 422
    assert response.json()["errors"] == [{"field": field, "message": f"must be an absolute http(s) URL, got {value!r}"}]
    assert emulator.records("videos") == []


async def test_script_must_have_text(http: httpx.AsyncClient, emulator: TavusEmulator) -> None:
    response = await http.post("/videos", json={"replica_id": REPLICA, "script": "  \n "})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "script"
    assert emulator.records("videos") == []


# -- lifecycle -------------------------------------------------------------------------------------------------


async def test_queue_then_generation_then_ready(http: httpx.AsyncClient, emulator: TavusEmulator) -> None:
    start = emulator.clock.now()
    video_id = (await create(http))["video_id"]
    emulator.advance(QUEUE - 0.5)
    assert (await fetch(http, video_id))["status"] == "queued"
    emulator.advance(0.5)
    generating = await fetch(http, video_id)
    assert (generating["status"], generating["generation_progress"], generating["status_details"]) == (
        "generating",
        "0/100",
        "",
    )
    emulator.advance(GENERATION / 2)
    half = await fetch(http, video_id)
    assert_fits(half, "Video")
    assert (half["status"], half["generation_progress"]) == ("generating", "50/100")
    assert (half["download_url"], half["stream_url"]) == (None, None)
    assert half["hosted_url"] == f"https://videos.tavus.io/video/{video_id}"
    assert half["updated_at"] == rfc1123(start + QUEUE + GENERATION / 2)
    emulator.advance(GENERATION / 2)
    ready = await fetch(http, video_id)
    assert_fits(ready, "Video")
    assert (ready["status"], ready["generation_progress"], ready["status_details"]) == ("ready", "100/100", SUCCESS)
    assert ready["download_url"].startswith("https://stream.mux.com/")
    assert ready["download_url"].endswith(f"/high.mp4?download={video_id}")
    assert re.fullmatch(r"https://stream\.mux\.com/\w+\.m3u8", ready["stream_url"])
    assert ready["created_at"] == rfc1123(start)
    assert ready["updated_at"] == rfc1123(start + QUEUE + GENERATION)
    assert "error_details" not in ready


async def test_ready_is_stamped_when_due_not_when_seen(http: httpx.AsyncClient, emulator: TavusEmulator) -> None:
    start = emulator.clock.now()
    video_id = (await create(http))["video_id"]
    emulator.advance(3600)
    assert (await fetch(http, video_id))["updated_at"] == rfc1123(start + QUEUE + GENERATION)


async def test_timings_set_the_pace() -> None:
    emulator = TavusEmulator(timings=Timings(video_queue=10, video_generation=40))
    async with client_for(emulator) as http:
        video_id = (await create(http))["video_id"]
        emulator.advance(20)
        assert (await fetch(http, video_id))["generation_progress"] == "25/100"
        emulator.advance(30)
        assert (await fetch(http, video_id))["status"] == "ready"


async def test_zero_times_are_ready_at_once() -> None:
    emulator = TavusEmulator(timings=Timings(video_queue=0, video_generation=0))
    async with client_for(emulator) as http:
        video = await create(http)
    assert (video["status"], video["generation_progress"], video["status_details"]) == ("ready", "100/100", SUCCESS)


async def test_transparent_video_is_a_webm(http: httpx.AsyncClient, emulator: TavusEmulator) -> None:
    video_id = (await create(http, fast=True, transparent_background=True))["video_id"]
    emulator.advance(QUEUE + GENERATION)
    # docs.tavus.io/sections/video/background-customizations
    assert ".webm?download=" in (await fetch(http, video_id))["download_url"]


async def test_video_waits_for_a_training_replica(http: httpx.AsyncClient, emulator: TavusEmulator) -> None:
    start = emulator.clock.now()
    replica_id = await train(http)
    video_id = (await create(http, replica_id=replica_id))["video_id"]
    emulator.advance(TRAINING - 1)
    waiting_video = await fetch(http, video_id)
    assert (waiting_video["status"], waiting_video["generation_progress"]) == ("queued", "0/100")
    # docs.tavus.io/sections/errors-and-status-details
    assert waiting_video["status_details"] == in_training(replica_id)
    emulator.advance(1 + GENERATION / 2)  # the replica became ready at TRAINING; generation started then
    half = await fetch(http, video_id)
    assert (half["status"], half["generation_progress"]) == ("generating", "50/100")
    emulator.advance(GENERATION / 2)
    ready = await fetch(http, video_id)
    assert ready["status"] == "ready"
    assert ready["updated_at"] == rfc1123(start + TRAINING + GENERATION)


async def test_replica_ready_during_the_queue_leaves_it_queued() -> None:
    emulator = TavusEmulator(timings=Timings(replica_training=5, video_queue=20))
    async with client_for(emulator) as http:
        replica_id = await train(http)
        video_id = (await create(http, replica_id=replica_id))["video_id"]
        assert (await fetch(http, video_id))["status_details"] == in_training(replica_id)
        emulator.advance(10)
        queued = await fetch(http, video_id)
        assert (queued["status"], queued["status_details"]) == ("queued", QUEUED)
        emulator.advance(10)
        assert (await fetch(http, video_id))["status"] == "generating"


async def test_replica_in_error_fails_the_video(http: httpx.AsyncClient, emulator: TavusEmulator) -> None:
    start = emulator.clock.now()
    replica_id = await train(http, "https://cdn.example.com/me.mov")
    video_id = (await create(http, replica_id=replica_id))["video_id"]
    emulator.advance(TRAINING)
    failed = await fetch(http, video_id)
    assert_fits(failed, "Video")
    assert failed["status"] == "error"
    assert failed["status_details"] == in_error(replica_id)  # docs.tavus.io/sections/errors-and-status-details
    assert (failed["generation_progress"], failed["download_url"], failed["stream_url"]) == ("0/100", None, None)
    assert failed["error_details"] is None
    assert failed["updated_at"] == rfc1123(start + TRAINING)
    # A new video for the failed replica fails as soon as it leaves the queue.
    later = (await create(http, replica_id=replica_id))["video_id"]
    emulator.advance(QUEUE)
    assert (await fetch(http, later))["status_details"] == in_error(replica_id)


async def test_replica_deleted_while_video_waits(http: httpx.AsyncClient, emulator: TavusEmulator) -> None:
    replica_id = await train(http)
    video_id = (await create(http, replica_id=replica_id))["video_id"]
    assert (await http.delete(f"/replicas/{replica_id}")).status_code == 200
    emulator.advance(QUEUE)
    failed = await fetch(http, video_id)
    assert (failed["status"], failed["status_details"]) == ("error", VIDEO_ERROR)


@pytest.mark.parametrize("audio_url", [WAV, "https://cdn.example.com/VOICE.WAV", "https://cdn.example.com/voice.mp3"])
async def test_wav_and_mp3_audio_generates(http: httpx.AsyncClient, emulator: TavusEmulator, audio_url: str) -> None:
    video_id = (await create(http, audio_url=audio_url))["video_id"]
    emulator.advance(QUEUE + GENERATION)
    assert (await fetch(http, video_id))["status"] == "ready"


@pytest.mark.parametrize("audio_url", ["https://cdn.example.com/voice.ogg", "https://cdn.example.com/voice.wav.m4a"])
async def test_other_audio_fails_with_audio_file_type(
    http: httpx.AsyncClient, emulator: TavusEmulator, audio_url: str
) -> None:
    start = emulator.clock.now()
    video_id = (await create(http, audio_url=audio_url))["video_id"]
    emulator.advance(QUEUE + GENERATION)
    failed = await fetch(http, video_id)
    # docs.tavus.io/sections/errors-and-status-details
    assert (failed["status"], failed["status_details"]) == ("error", AUDIO_FILE_TYPE)
    assert failed["updated_at"] == rfc1123(start + QUEUE)


# -- callbacks -------------------------------------------------------------------------------------------------


async def test_completed_callback_is_the_video_object(hooked: TavusEmulator, sink: WebhookSink) -> None:
    start = hooked.clock.now()
    async with client_for(hooked) as http:
        video = await create(http, callback_url=HOOK)
        hooked.advance(QUEUE + GENERATION - 1)
        assert await hooked.deliver_webhooks() == 0
        hooked.advance(1)
        assert await hooked.deliver_webhooks() == 1
        ready = await fetch(http, video["video_id"])
    assert sink.urls == [HOOK]
    [payload] = sink.received
    assert set(payload) == CALLBACK_KEYS  # docs.tavus.io/sections/webhooks-and-callbacks
    assert payload["created_at"] == naive(start)
    assert payload["updated_at"] == naive(start + QUEUE + GENERATION)
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}", payload["created_at"])
    for key in CALLBACK_KEYS - {"created_at", "updated_at"}:
        assert payload[key] == ready[key], key
    assert (payload["status"], payload["generation_progress"], payload["status_details"]) == (
        "ready",
        "100/100",
        SUCCESS,
    )
    assert hooked.deliveries[0].event == "video.ready"
    assert parse_webhook(payload).status == "ready"  # type: ignore[union-attr]


async def test_error_callback_adds_null_error_details(hooked: TavusEmulator, sink: WebhookSink) -> None:
    start = hooked.clock.now()
    async with client_for(hooked) as http:
        video = await create(http, audio_url="https://cdn.example.com/voice.ogg", callback_url=HOOK)
        hooked.advance(QUEUE + GENERATION)
        await hooked.deliver_webhooks()
    [payload] = sink.received
    assert set(payload) == CALLBACK_KEYS | {"error_details"}  # docs.tavus.io/sections/webhooks-and-callbacks
    assert payload["video_id"] == video["video_id"]
    assert (payload["status"], payload["status_details"]) == ("error", AUDIO_FILE_TYPE)
    assert (payload["download_url"], payload["stream_url"], payload["error_details"]) == (None, None, None)
    assert payload["generation_progress"] == "0/100"
    assert payload["updated_at"] == naive(start + QUEUE)


@pytest.mark.parametrize("callback_url", [None, ""])
async def test_no_callback_without_a_callback_url(hooked: TavusEmulator, callback_url: str | None) -> None:
    async with client_for(hooked) as http:
        await create(http, **({} if callback_url is None else {"callback_url": callback_url}))
        hooked.advance(QUEUE + GENERATION)
    assert hooked.deliveries == []


async def test_ticking_again_sends_nothing_more(hooked: TavusEmulator) -> None:
    async with client_for(hooked) as http:
        video = await create(http, callback_url=HOOK)
        hooked.advance(QUEUE + GENERATION)
        first = hooked.record("videos", video["video_id"])
        hooked.tick()
        hooked.advance(60)
        assert hooked.record("videos", video["video_id"]) == first
    assert len(hooked.deliveries) == 1


# -- list, rename, delete --------------------------------------------------------------------------------------


async def test_list_returns_every_video(http: httpx.AsyncClient, emulator: TavusEmulator) -> None:
    first = await create(http)
    emulator.advance(QUEUE + GENERATION)
    second = await create(http, audio_url=WAV)
    response = await http.get("/videos")
    assert response.status_code == 200
    body = response.json()
    assert_fits(body, "VideoList")
    assert [(video["video_id"], video["status"]) for video in body["data"]] == [
        (first["video_id"], "ready"),
        (second["video_id"], "queued"),
    ]


async def test_rename(http: httpx.AsyncClient, emulator: TavusEmulator) -> None:
    video = await create(http)
    emulator.advance(QUEUE + GENERATION + 5)
    response = await http.patch(f"/videos/{video['video_id']}/name", json={"video_name": "Product update (final)"})
    assert response.status_code == 200
    renamed = response.json()
    assert_fits(renamed, "Video")
    assert (renamed["video_name"], renamed["status"]) == ("Product update (final)", "ready")
    assert renamed["updated_at"] == rfc1123(emulator.clock.now())
    assert (await fetch(http, video["video_id"]))["video_name"] == "Product update (final)"


@pytest.mark.parametrize("body", [{}, {"video_name": ""}, {"video_name": "  "}])
async def test_rename_needs_a_name(http: httpx.AsyncClient, body: dict[str, Any]) -> None:
    video = await create(http, video_name="Keep")
    response = await http.patch(f"/videos/{video['video_id']}/name", json=body)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "video_name"
    assert (await fetch(http, video["video_id"]))["video_name"] == "Keep"


async def test_unknown_video_is_tavus_400(http: httpx.AsyncClient) -> None:
    for response in (
        await http.get("/videos/0000000000"),
        await http.patch("/videos/0000000000/name", json={"video_name": "x"}),
        await http.delete("/videos/0000000000"),
    ):
        assert response.status_code == 400
        assert response.json() == {"error": "Invalid video_id"}


async def test_a_deleted_video_is_gone(hooked: TavusEmulator) -> None:
    async with client_for(hooked) as http:
        video = await create(http, callback_url=HOOK)
        hooked.advance(QUEUE + 1)  # generating
        response = await http.delete(f"/videos/{video['video_id']}")
        assert (response.status_code, response.content) == (200, b"")
        assert (await http.get(f"/videos/{video['video_id']}")).status_code == 400
        assert (await http.delete(f"/videos/{video['video_id']}")).status_code == 400
        assert (await http.get("/videos")).json()["data"] == []
        hooked.advance(GENERATION)
    assert hooked.deliveries == []  # no callback for a video that no longer exists


# -- SDK -------------------------------------------------------------------------------------------------------


async def test_async_wait_ready_polls_until_generated(tavus: AsyncTavus, clock_follows_polls: list[float]) -> None:
    replica = await tavus.replicas.create(train_video_url="https://my-bucket.s3.amazonaws.com/train.mp4")
    video = await tavus.videos.create(replica_id=replica.replica_id, script="Hello!")
    statuses: list[str | None] = []
    ready = await tavus.videos.wait_ready(
        video.video_id, poll_interval=1, max_poll_interval=2, on_progress=lambda update: statuses.append(update.status)
    )
    assert ready.status == "ready"
    assert ready.download_url is not None
    assert sum(clock_follows_polls) >= TRAINING + GENERATION
    assert statuses[0] == "queued"
    assert "generating" in statuses


async def test_async_wait_ready_raises_on_error(tavus: AsyncTavus, clock_follows_polls: list[float]) -> None:
    video = await tavus.videos.create(replica_id=REPLICA, audio_url="https://cdn.example.com/voice.ogg")
    with pytest.raises(ResourceFailedError) as caught:
        await tavus.videos.wait_ready(video.video_id)
    assert caught.value.last_status == "error"
    assert AUDIO_FILE_TYPE in str(caught.value)


def test_sync_wait_ready(sync_tavus: Tavus, clock_follows_polls: list[float]) -> None:
    video = sync_tavus.videos.create(replica_id=REPLICA, audio_url=WAV)
    assert sync_tavus.videos.wait_ready(video.video_id).status == "ready"
    bad = sync_tavus.videos.create(replica_id=REPLICA, audio_url="https://cdn.example.com/voice.ogg")
    with pytest.raises(ResourceFailedError):
        sync_tavus.videos.wait_ready(bad.video_id)


async def test_full_lifecycle_async(tavus: AsyncTavus, emulator: TavusEmulator) -> None:
    start = emulator.clock.now()
    video = await tavus.videos.create(replica_id=REPLICA, script="Hi there!", video_name="Greeting")
    assert video.status == "queued"
    assert video.created_at == datetime.fromtimestamp(int(start), UTC)  # RFC 1123 keeps whole seconds
    emulator.advance(QUEUE + GENERATION / 2)
    assert (await tavus.videos.get(video.video_id)).generation_progress == "50/100"
    emulator.advance(GENERATION / 2)
    ready = await tavus.videos.get(video.video_id)
    assert (ready.status, ready.status_details) == ("ready", SUCCESS)
    assert ready.data is not None
    assert ready.data.script == "Hi there!"
    assert (await tavus.videos.rename(video.video_id, "Greeting v2")).video_name == "Greeting v2"
    assert [item.video_id for item in (await tavus.videos.list()).data] == [video.video_id]
    await tavus.videos.delete(video.video_id)
    with pytest.raises(NotFoundError):
        await tavus.videos.get(video.video_id)


def test_full_lifecycle_sync(sync_tavus: Tavus, emulator: TavusEmulator) -> None:
    video = sync_tavus.videos.create(replica_id=REPLICA, audio_url=WAV)
    emulator.advance(QUEUE + GENERATION)
    ready = sync_tavus.videos.get(video.video_id)
    assert ready.status == "ready"
    assert sync_tavus.videos.rename(video.video_id, "Voice-over").video_name == "Voice-over"
    assert [item.video_id for item in sync_tavus.videos.list().data] == [video.video_id]
    sync_tavus.videos.delete(video.video_id)
    assert sync_tavus.videos.list().data == []
