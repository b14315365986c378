"""Videos: generate (from a script or an audio file), list, get, rename, delete.

Lifecycle: ``queued`` for ``timings.video_queue`` (and for as long as the replica is still training), then
``generating`` with ``generation_progress`` ``"n/100"`` for ``timings.video_generation``, then ``ready`` with
the download and stream URLs. A replica in error, a replica deleted while the video waits for it, or an audio file
that is not a .wav end in ``error`` instead, with the documented text in ``status_details``
(docs.tavus.io/sections/errors-and-status-details).

GET shows timestamps in RFC 1123, callbacks in the space-separated form (docs.tavus.io/sections/video/quickstart,
docs.tavus.io/sections/webhooks-and-callbacks), so the record keeps
the times as floats in private fields and the GET form in ``created_at``/``updated_at``.
"""

from __future__ import annotations

import math
import secrets
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from tavus_sdk.testing._context import ApiRequest, Context, Handler, naive, public, rfc1123
from tavus_sdk.testing._errors import bad_request, unprocessable
from tavus_sdk.testing._paging import paged
from tavus_sdk.testing._store import Record
from tavus_sdk.testing._urls import check_urls
from tavus_sdk.testing.handlers import replicas

__all__ = [
    "AUDIO_FILE_TYPE_ERROR",
    "ROUTES",
    "SUCCESS",
    "VIDEO_ERROR",
    "VIDEO_QUEUED",
    "replica_in_error",
    "replica_in_training",
    "tick",
]

# The user-facing texts of docs.tavus.io/sections/errors-and-status-details. Where the docs show "replica  is" (two
# spaces, the id dropped from
# the page), the replica id is put back, as the sentence needs it.
SUCCESS = "Your request has processed successfully!"
VIDEO_QUEUED = "This request is currently queued. It should begin processing in a few minutes."
VIDEO_ERROR = "An error occurred while generating this request. Please check your inputs or try your request again."
AUDIO_FILE_TYPE_ERROR = "There was an issue generating your video. The audio file provided is not a .wav"

# Callback bodies carry exactly these keys (docs.tavus.io/sections/webhooks-and-callbacks); the error one adds
# ``error_details``.
_CALLBACK_KEYS = (
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
)
_URL_FIELDS = ("audio_url", "background_url", "background_source_url")
_FINAL = frozenset({"ready", "error"})
_TRAINING = frozenset({"started", "training"})  # "training": state saved before the official replica statuses


def replica_in_training(replica_id: str) -> str:
    return (
        f"The training process for replica {replica_id} is still ongoing. Your request has been placed in the "
        "'queued' status and will automatically proceed to the generation phase once training is complete. "
        "To monitor the current progress of the training, please review the detailed status of this replica."
    )


def replica_in_error(replica_id: str) -> str:
    return (
        f"Request Failed: The replica {replica_id} is currently in an 'error' state and cannot process requests. "
        "For details on the cause of the error and how to resolve it, please review the specific information "
        "provided for this replica."
    )


def create(ctx: Context, req: ApiRequest) -> dict[str, Any]:
    # The schema already requires replica_id and exactly one of script/audio_url, and fast with
    # transparent_background; the rules below are the ones it cannot state.
    body: dict[str, Any] = req.body
    replica_id: str = body["replica_id"]
    replica = ctx.store.table("replicas").get(replica_id)
    if replica is None:
        raise bad_request(f"Replica not found: {replica_id}", field="replica_id")
    check_urls(body, _URL_FIELDS)
    if "script" in body and not body["script"].strip():
        raise unprocessable([("script", "must contain the text the replica speaks, not only whitespace")])
    now = ctx.now()
    video_id = ctx.store.new_id("videos", "", 10)
    source = {"script": body["script"]} if "script" in body else {"audio_url": body["audio_url"]}
    name = body.get("video_name")
    record: Record = {
        "video_id": video_id,
        # A blank name counts as none: the generated one is more useful than an empty string.
        "video_name": name if name and name.strip() else _default_name(replica_id, video_id, now),
        "status": "queued",
        "data": {**source, "start_with_wave": True},
        "replica_id": replica_id,
        "download_url": None,
        "stream_url": None,
        "hosted_url": f"https://videos.tavus.io/video/{video_id}",
        "status_details": replica_in_training(replica_id) if replica["status"] in _TRAINING else VIDEO_QUEUED,
        "generation_progress": replicas.progress(0),
        "created_at": rfc1123(now),
        "updated_at": rfc1123(now),
        "_created": now,
        "_updated": now,
        "_started_at": None,
        "_callback_url": body.get("callback_url") or None,
        # docs.tavus.io/sections/video/background-customizations: a transparent background is rendered as .webm only.
        "_extension": "webm" if body.get("transparent_background") else "mp4",
        "_playback_id": secrets.token_hex(16),
    }
    ctx.store.table("videos")[video_id] = record
    _advance(ctx, record)  # zero queue and generation times finish at once
    return public(record)


def list_(ctx: Context, req: ApiRequest) -> dict[str, Any]:
    # 0-based pages: Tavus's openapi.yaml, the newest source ("0-indexed. Default is 0"); see the spec's x-note.
    return paged(req, map(public, ctx.store.table("videos").values()), first_page=0)


def get(ctx: Context, req: ApiRequest) -> dict[str, Any]:
    record = public(ctx.require("videos", req.path["video_id"], "video_id"))
    if req.query.get("verbose") and record.get("status") == "ready":
        # ``?verbose=true`` adds the thumbnails (docs.tavus.io/api-reference/video-request/get-video); the emulator
        # has them once the video is ready, on the same made-up host as the other media URLs.
        base = f"https://videos.tavus.io/thumbnails/{record['video_id']}"
        record.update(still_image_thumbnail_url=f"{base}.jpg", gif_thumbnail_url=f"{base}.gif")
    return record


def rename(ctx: Context, req: ApiRequest) -> dict[str, Any]:
    record = ctx.require("videos", req.path["video_id"], "video_id")
    name: str = req.body["video_name"]
    if not name.strip():
        raise unprocessable([("video_name", "must not be blank")])
    record["video_name"] = name
    _touch(record, ctx.now())
    return public(record)


def delete(ctx: Context, req: ApiRequest) -> None:
    """Gone for good: GET, rename and delete answer 404 afterwards and no callback follows.

    The spec's status enum has ``deleted``, but the docs never show a deleted video; a user who deletes a video
    expects it not to come back, as deleted replicas and personas do not.
    """
    video_id = req.path["video_id"]
    ctx.require("videos", video_id, "video_id")
    del ctx.store.table("videos")[video_id]


def tick(ctx: Context) -> float | None:
    # Runs after the replicas ticker, so every replica's status is already up to date.
    pending = False
    for record in ctx.store.table("videos").values():
        if record["status"] not in _FINAL:
            _advance(ctx, record)
            pending = pending or record["status"] not in _FINAL
    # A video in flight depends on its replica and reports progress: look again on every request meanwhile.
    return ctx.now() if pending else None


def _advance(ctx: Context, record: Record) -> None:
    now = ctx.now()
    if record["_started_at"] is None:
        left_at, failure = _leave_queue(ctx, record, now)
        if left_at is None:
            _queued(ctx, record)
            return
        if failure is not None:
            _fail(ctx, record, failure, left_at)
            return
        record["_started_at"] = left_at
        ctx.changed = True
    started: float = record["_started_at"]
    duration = ctx.timings.video_generation
    if now >= started + duration:
        _succeed(ctx, record, started + duration)
        return
    percent = math.floor(100 * (now - started) / duration)
    # The time the progress last moved, so running the ticker again changes nothing.
    _set(ctx, record, "generating", replicas.progress(percent), "", started + percent * duration / 100)


def _leave_queue(ctx: Context, record: Record, now: float) -> tuple[float | None, str | None]:
    """When the video left the queue (None: it has not) and the error it failed with there, if any."""
    earliest = record["_created"] + ctx.timings.video_queue
    replica = ctx.store.table("replicas").get(record["replica_id"])
    if replica is None:
        # Deleted while the video waited for it; the deletion time is not kept, so it fails when noticed.
        return (now, VIDEO_ERROR) if now >= earliest else (None, None)
    if replica["status"] in _TRAINING:
        return None, None
    left_at = max(earliest, replicas.finished_at(replica))
    if left_at > now:
        return None, None
    if replica["status"] == "error":
        return left_at, replica_in_error(record["replica_id"])
    audio_url = record["data"].get("audio_url")
    if audio_url is not None and not urlsplit(audio_url).path.lower().endswith((".wav", ".mp3")):
        # The error table (docs.tavus.io/sections/errors-and-status-details, ``audio_file_type``) names .wav; the
        # endpoint docs (L629) also accept .mp3.
        # The emulator judges the URL's path, the one thing it can see of the file.
        return left_at, AUDIO_FILE_TYPE_ERROR
    return left_at, None


def _queued(ctx: Context, record: Record) -> None:
    replica = ctx.store.table("replicas").get(record["replica_id"])
    if replica is not None and replica["status"] in _TRAINING:
        _set(ctx, record, "queued", replicas.progress(0), replica_in_training(record["replica_id"]), record["_created"])
        return
    # A replica that finished training after the video was requested changed the details at that moment.
    changed_at = max(record["_created"], replicas.finished_at(replica) if replica is not None else 0.0)
    _set(ctx, record, "queued", replicas.progress(0), VIDEO_QUEUED, changed_at)


def _succeed(ctx: Context, record: Record, at: float) -> None:
    playback, video_id = record["_playback_id"], record["video_id"]
    record["download_url"] = f"https://stream.mux.com/{playback}/high.{record['_extension']}?download={video_id}"
    record["stream_url"] = f"https://stream.mux.com/{playback}.m3u8"
    _set(ctx, record, "ready", replicas.progress(100), SUCCESS, at)
    ctx.webhook(record["_callback_url"], _callback(record), at=at, event="video.ready")


def _fail(ctx: Context, record: Record, message: str, at: float) -> None:
    # docs.tavus.io/sections/webhooks-and-callbacks: present, and null, on a failed video
    record["error_details"] = None
    _set(ctx, record, "error", replicas.progress(0), message, at)
    ctx.webhook(record["_callback_url"], _callback(record), at=at, event="video.error")


def _set(ctx: Context, record: Record, status: str, progress: str, details: str, at: float) -> None:
    current = (record["status"], record["generation_progress"], record["status_details"])
    if current == (status, progress, details):
        return
    record["status"], record["generation_progress"], record["status_details"] = status, progress, details
    _touch(record, at)
    ctx.changed = True


def _touch(record: Record, at: float) -> None:
    record["_updated"] = at
    record["updated_at"] = rfc1123(at)


def _callback(record: Record) -> dict[str, Any]:
    view = public(record)
    keys = (*_CALLBACK_KEYS, "error_details") if record["status"] == "error" else _CALLBACK_KEYS
    payload = {key: view.get(key) for key in keys}
    payload["created_at"] = naive(record["_created"])
    payload["updated_at"] = naive(record["_updated"])
    return payload


def _default_name(replica_id: str, video_id: str, now: float) -> str:
    """``replica_id: r79e1c033f - August 28, 2024 - video: 1e30440cf9`` (docs.tavus.io/sections/video/quickstart,
    docs.tavus.io/sections/webhooks-and-callbacks)."""
    day = datetime.fromtimestamp(now, UTC)
    return f"replica_id: {replica_id} - {day:%B} {day.day}, {day.year} - video: {video_id}"


ROUTES: dict[str, Handler] = {
    "videos_create": create,
    "videos_list": list_,
    "videos_get": get,
    "videos_delete": delete,
    "videos_rename": rename,
}
