"""Replicas on the emulator: training lifecycle, documented failures, callbacks, stock read-only, waiters."""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest

from tavus_sdk import AsyncTavus, NotFoundError, ResourceFailedError, Tavus
from tavus_sdk.testing import TavusEmulator, Timings
from tavus_sdk.testing._context import iso
from tavus_sdk.webhooks import parse_webhook

from .conftest import API_KEY, WebhookSink, assert_fits

TRAIN = "https://my-bucket.s3.amazonaws.com/train.mp4?X-Amz-Signature=abc"
CONSENT = "https://my-bucket.s3.amazonaws.com/consent.mp4?X-Amz-Signature=def"
HOOK = "https://example.com/replica-webhook"
TRAINING = Timings().replica_training
VIDEO_FORMAT_ERROR = (
    "There was an issue processing your training video. The video provided is not a .mp4 file. "
    "Please ensure that the training video is a .mp4 file encoded using h.264"
)


async def create(http: httpx.AsyncClient, **body: Any) -> dict[str, Any]:
    response = await http.post("/replicas", json={"train_video_url": TRAIN, **body})
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result


async def fetch(http: httpx.AsyncClient, replica_id: str) -> dict[str, Any]:
    response = await http.get(f"/replicas/{replica_id}")
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result


def hooked_client(emulator: TavusEmulator) -> httpx.AsyncClient:
    return httpx.AsyncClient(base_url=emulator.base_url, transport=emulator.transport(), headers={"x-api-key": API_KEY})


# -- create ----------------------------------------------------------------------------------------------------


async def test_create_starts_training_with_the_documented_defaults(http: httpx.AsyncClient) -> None:
    replica = await create(http, replica_name="Anna", consent_video_url=CONSENT)
    assert_fits(replica, "Replica")
    assert re.fullmatch(r"r[0-9a-f]{11}", replica["replica_id"])
    assert replica["status"] == "started"
    assert replica["training_progress"] == "0/100"
    assert replica["model_name"] == "phoenix-4"  # docs.tavus.io/api-reference/phoenix-replica-model/create-replica
    assert replica["replica_name"] == "Anna"
    assert "replica_type" not in replica  # only with ?verbose=true
    assert replica["created_at"] == replica["updated_at"]
    assert not any(key.startswith("_") for key in replica)
    assert await fetch(http, replica["replica_id"]) == replica
    verbose = (await http.get(f"/replicas/{replica['replica_id']}", params={"verbose": "true"})).json()
    assert verbose == {**replica, "replica_type": "personal"}


async def test_model_name_and_non_human_kind_are_kept(http: httpx.AsyncClient) -> None:
    replica = await create(http, model_name="phoenix-2")
    assert replica["model_name"] == "phoenix-2"
    # no consent video: a non-human replica (docs.tavus.io/api-reference/phoenix-replica-model/create-replica)
    verbose = (await http.get(f"/replicas/{replica['replica_id']}", params={"verbose": "true"})).json()
    assert verbose["replica_type"] == "non_human"


async def test_train_video_url_is_required(http: httpx.AsyncClient, emulator: TavusEmulator) -> None:
    before = len(emulator.records("replicas"))
    response = await http.post("/replicas", json={"replica_name": "Anna", "consent_video_url": CONSENT})
    assert response.status_code == 422
    assert response.json()["errors"] == [{"field": "train_video_url", "message": "is required"}]
    assert len(emulator.records("replicas")) == before


async def test_personal_replica_needs_a_consent_video(http: httpx.AsyncClient, emulator: TavusEmulator) -> None:
    before = len(emulator.records("replicas"))
    response = await http.post("/replicas", json={"train_video_url": TRAIN, "replica_type": "personal"})
    assert response.status_code == 400
    body = response.json()
    assert body["errors"][0]["field"] == "consent_video_url"
    assert "required for a personal replica" in body["message"]
    assert len(emulator.records("replicas")) == before


@pytest.mark.parametrize(
    ("field", "value"),
    [("train_video_url", "train.mp4"), ("consent_video_url", "ftp://host/consent.mp4"), ("callback_url", "nope")],
)
async def test_links_must_be_http_urls(
    http: httpx.AsyncClient, emulator: TavusEmulator, field: str, value: str
) -> None:
    before = len(emulator.records("replicas"))
    response = await http.post("/replicas", json={"train_video_url": TRAIN, "consent_video_url": CONSENT, field: value})
    assert response.status_code == 422
    assert response.json()["errors"] == [{"field": field, "message": f"must be an absolute http(s) URL, got {value!r}"}]
    assert len(emulator.records("replicas")) == before


# -- lifecycle -------------------------------------------------------------------------------------------------


async def test_training_progress_follows_the_clock(http: httpx.AsyncClient, emulator: TavusEmulator) -> None:
    start = emulator.clock.now()
    replica = await create(http)
    replica_id = replica["replica_id"]
    emulator.advance(TRAINING / 2)
    half = await fetch(http, replica_id)
    assert (half["status"], half["training_progress"]) == ("started", "50/100")
    assert half["updated_at"] == iso(start + TRAINING / 2)
    emulator.advance(TRAINING / 2 - 0.01)
    assert (await fetch(http, replica_id))["training_progress"] == "99/100"
    emulator.advance(0.01)
    done = await fetch(http, replica_id)
    assert_fits(done, "Replica")
    assert (done["status"], done["training_progress"]) == ("completed", "100/100")
    assert "error_message" not in done
    assert done["created_at"] == iso(start)
    assert done["updated_at"] == iso(start + TRAINING)


async def test_ready_is_stamped_when_due_not_when_seen(http: httpx.AsyncClient, emulator: TavusEmulator) -> None:
    start = emulator.clock.now()
    replica = await create(http)
    emulator.advance(TRAINING * 10)
    assert (await fetch(http, replica["replica_id"]))["updated_at"] == iso(start + TRAINING)


async def test_training_time_comes_from_the_timings() -> None:
    emulator = TavusEmulator(timings=Timings(replica_training=200))
    async with hooked_client(emulator) as http:
        replica = await create(http)
        emulator.advance(50)
        assert (await fetch(http, replica["replica_id"]))["training_progress"] == "25/100"
        emulator.advance(150)
        assert (await fetch(http, replica["replica_id"]))["status"] == "completed"


async def test_zero_training_time_is_ready_at_once() -> None:
    emulator = TavusEmulator(timings=Timings(replica_training=0))
    async with hooked_client(emulator) as http:
        replica = await create(http)
    assert (replica["status"], replica["training_progress"]) == ("completed", "100/100")


@pytest.mark.parametrize(
    "url",
    [
        "https://cdn.example.com/me.webm",  # webm is accepted (docs.tavus.io/sections/replica/replica-training)
        "https://cdn.example.com/ME.MP4",
        "https://my-bucket.s3.amazonaws.com/train.mp4?X-Amz-Expires=86400&name=x.mov",  # the query is not the file
    ],
)
async def test_mp4_and_webm_videos_train(http: httpx.AsyncClient, emulator: TavusEmulator, url: str) -> None:
    replica = await create(http, train_video_url=url)
    emulator.advance(TRAINING)
    assert (await fetch(http, replica["replica_id"]))["status"] == "completed"


@pytest.mark.parametrize("url", ["https://cdn.example.com/me.mov", "https://drive.example.com/share/abc123"])
async def test_other_video_files_fail_with_the_video_format_error(
    http: httpx.AsyncClient, emulator: TavusEmulator, url: str
) -> None:
    replica = await create(http, train_video_url=url)
    emulator.advance(TRAINING / 2)
    assert (await fetch(http, replica["replica_id"]))["status"] == "started"
    emulator.advance(TRAINING / 2)
    failed = await fetch(http, replica["replica_id"])
    assert_fits(failed, "Replica")
    assert failed["status"] == "error"
    assert failed["error_message"] == VIDEO_FORMAT_ERROR  # docs.tavus.io/sections/errors-and-status-details
    assert failed["training_progress"] == "0/100"


async def test_ticking_twice_changes_nothing_more(hooked: TavusEmulator) -> None:
    async with hooked_client(hooked) as client:
        replica = await create(client, callback_url=HOOK)
        hooked.advance(TRAINING + 5)
        first = hooked.record("replicas", replica["replica_id"])
        hooked.tick()
        hooked.advance(0)
        assert hooked.record("replicas", replica["replica_id"]) == first
        assert len(hooked.deliveries) == 1


# -- callbacks -------------------------------------------------------------------------------------------------


async def test_training_callback_on_ready(hooked: TavusEmulator, sink: WebhookSink) -> None:
    async with hooked_client(hooked) as http:
        replica = await create(http, callback_url=HOOK)
        hooked.advance(TRAINING - 1)
        assert await hooked.deliver_webhooks() == 0
        hooked.advance(1)
        assert await hooked.deliver_webhooks() == 1
    assert sink.urls == [HOOK]
    # docs.tavus.io/sections/webhooks-and-callbacks
    assert sink.received == [{"replica_id": replica["replica_id"], "status": "completed"}]
    assert hooked.deliveries[0].event == "replica.completed"
    assert parse_webhook(sink.received[0]).status == "completed"  # type: ignore[union-attr]


async def test_training_callback_on_error(hooked: TavusEmulator, sink: WebhookSink) -> None:
    async with hooked_client(hooked) as http:
        replica = await create(http, callback_url=HOOK, train_video_url="https://cdn.example.com/me.avi")
        hooked.advance(TRAINING * 3)
        await hooked.deliver_webhooks()
    # docs.tavus.io/sections/webhooks-and-callbacks
    assert sink.received == [
        {"replica_id": replica["replica_id"], "status": "error", "error_message": VIDEO_FORMAT_ERROR}
    ]


@pytest.mark.parametrize("callback_url", [None, ""])
async def test_no_callback_without_a_callback_url(hooked: TavusEmulator, callback_url: str | None) -> None:
    async with hooked_client(hooked) as http:
        await create(http, **({} if callback_url is None else {"callback_url": callback_url}))
        hooked.advance(TRAINING)
    assert hooked.deliveries == []


async def test_deleted_replica_sends_no_callback(hooked: TavusEmulator) -> None:
    async with hooked_client(hooked) as http:
        replica = await create(http, callback_url=HOOK)
        assert (await http.delete(f"/replicas/{replica['replica_id']}")).status_code == 200
        hooked.advance(TRAINING)
    assert hooked.deliveries == []


# -- list, get, rename, delete ---------------------------------------------------------------------------------


async def test_list_has_stock_and_own_replicas(http: httpx.AsyncClient) -> None:
    own = await create(http, replica_name="Mine")
    response = await http.get("/replicas", params={"limit": 100})
    assert response.status_code == 200
    body = response.json()
    assert_fits(body, "ReplicaList")
    by_id = {replica["replica_id"]: replica for replica in body["data"]}
    assert {"rfe12d8b9597", "r79e1c033f", "r7bc3db0d581"} <= set(by_id)
    assert by_id["r7bc3db0d581"]["replica_name"] == "Sabrina"
    assert by_id[own["replica_id"]] == own


async def test_unknown_replica_is_tavus_400(http: httpx.AsyncClient) -> None:
    for response in (
        await http.get("/replicas/rdoesnotexist"),
        await http.patch("/replicas/rdoesnotexist/name", json={"replica_name": "x"}),
        await http.delete("/replicas/rdoesnotexist"),
    ):
        assert response.status_code == 400
        assert response.json() == {"error": "Invalid replica_id"}


async def test_rename_returns_the_renamed_replica(http: httpx.AsyncClient, emulator: TavusEmulator) -> None:
    replica = await create(http, replica_name="Anna")
    emulator.advance(5)
    response = await http.patch(f"/replicas/{replica['replica_id']}/name", json={"replica_name": "Anna (studio)"})
    assert response.status_code == 200
    renamed = response.json()
    assert_fits(renamed, "Replica")
    assert renamed["replica_name"] == "Anna (studio)"
    assert renamed["updated_at"] == iso(emulator.clock.now())
    assert renamed["status"] == "started"  # renaming does not disturb training
    assert (await fetch(http, replica["replica_id"]))["replica_name"] == "Anna (studio)"


@pytest.mark.parametrize("body", [{}, {"replica_name": ""}])
async def test_rename_needs_a_name(http: httpx.AsyncClient, body: dict[str, Any]) -> None:
    replica = await create(http, replica_name="Anna")
    response = await http.patch(f"/replicas/{replica['replica_id']}/name", json=body)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "replica_name"


async def test_rename_rejects_a_blank_name(http: httpx.AsyncClient) -> None:
    replica = await create(http, replica_name="Anna")
    response = await http.patch(f"/replicas/{replica['replica_id']}/name", json={"replica_name": "   "})
    assert response.status_code == 422
    assert response.json()["errors"] == [{"field": "replica_name", "message": "must not be blank"}]
    assert (await fetch(http, replica["replica_id"]))["replica_name"] == "Anna"


async def test_stock_replicas_are_read_only(http: httpx.AsyncClient) -> None:
    rename = await http.patch("/replicas/r79e1c033f/name", json={"replica_name": "Mine now"})
    delete = await http.delete("/replicas/r79e1c033f")
    for response in (rename, delete):
        assert response.status_code == 403
        assert "stock replica" in response.json()["message"]
    stock = await fetch(http, "r79e1c033f")
    assert stock["replica_name"] == "Demo Replica"


async def test_a_deleted_replica_is_gone(http: httpx.AsyncClient) -> None:
    replica = await create(http)
    response = await http.delete(f"/replicas/{replica['replica_id']}")
    assert (response.status_code, response.content) == (200, b"")
    assert (await http.get(f"/replicas/{replica['replica_id']}")).status_code == 400
    assert (await http.delete(f"/replicas/{replica['replica_id']}")).status_code == 400
    listed = (await http.get("/replicas")).json()["data"]
    assert replica["replica_id"] not in {item["replica_id"] for item in listed}
    # docs.tavus.io/api-reference/phoenix-replica-model/delete-replica: a deleted replica cannot be used any more, e.g.
    # for a video.
    video = await http.post("/videos", json={"replica_id": replica["replica_id"], "script": "Hello"})
    assert video.status_code == 400
    assert video.json()["errors"][0]["field"] == "replica_id"


# -- SDK -------------------------------------------------------------------------------------------------------


async def test_async_wait_ready_polls_until_trained(tavus: AsyncTavus, clock_follows_polls: list[float]) -> None:
    replica = await tavus.replicas.create(train_video_url=TRAIN, consent_video_url=CONSENT, replica_name="Anna")
    seen: list[float | None] = []
    ready = await tavus.replicas.wait_ready(
        replica.replica_id, poll_interval=5, on_progress=lambda update: seen.append(update.percent)
    )
    assert ready.status == "completed"
    assert ready.training_progress == "100/100"
    assert sum(clock_follows_polls) >= TRAINING
    assert seen[0] == 0.0
    assert seen[-1] == 100.0
    assert seen == sorted(seen)
    assert len(seen) > 2  # it really polled while training


async def test_async_wait_ready_raises_on_failed_training(tavus: AsyncTavus, clock_follows_polls: list[float]) -> None:
    replica = await tavus.replicas.create(train_video_url="https://cdn.example.com/me.mkv")
    with pytest.raises(ResourceFailedError) as caught:
        await tavus.replicas.wait_ready(replica.replica_id)
    assert caught.value.last_status == "error"
    assert caught.value.resource_id == replica.replica_id
    assert VIDEO_FORMAT_ERROR in str(caught.value)


def test_sync_wait_ready(sync_tavus: Tavus, clock_follows_polls: list[float]) -> None:
    good = sync_tavus.replicas.create(train_video_url=TRAIN)
    assert sync_tavus.replicas.wait_ready(good.replica_id).status == "completed"
    bad = sync_tavus.replicas.create(train_video_url="https://cdn.example.com/me.mov")
    with pytest.raises(ResourceFailedError):
        sync_tavus.replicas.wait_ready(bad.replica_id)


async def test_full_lifecycle_async(tavus: AsyncTavus, emulator: TavusEmulator) -> None:
    created = await tavus.replicas.create(
        train_video_url=TRAIN, consent_video_url=CONSENT, replica_name="Anna", model_name="phoenix-3"
    )
    assert created.status == "started"
    emulator.advance(TRAINING / 2)
    assert (await tavus.replicas.get(created.replica_id)).training_progress == "50/100"
    emulator.advance(TRAINING / 2)
    assert (await tavus.replicas.get(created.replica_id)).status == "completed"
    renamed = await tavus.replicas.rename(created.replica_id, "Anna (studio)")
    assert renamed.replica_name == "Anna (studio)"
    assert created.replica_id in {replica.replica_id async for replica in tavus.replicas.list()}
    await tavus.replicas.delete(created.replica_id)
    with pytest.raises(NotFoundError):
        await tavus.replicas.get(created.replica_id)


def test_full_lifecycle_sync(sync_tavus: Tavus, emulator: TavusEmulator) -> None:
    created = sync_tavus.replicas.create(train_video_url=TRAIN, replica_name="Mascot", model_name="phoenix-2")
    assert (created.status, created.model_name) == ("started", "phoenix-2")
    emulator.advance(TRAINING)
    assert sync_tavus.replicas.get(created.replica_id).status == "completed"
    assert sync_tavus.replicas.rename(created.replica_id, "Mascot 2").replica_name == "Mascot 2"
    assert created.replica_id in {replica.replica_id for replica in sync_tavus.replicas.list()}
    sync_tavus.replicas.delete(created.replica_id)
    assert created.replica_id not in {replica.replica_id for replica in sync_tavus.replicas.list().data}
