"""Replicas: create (training starts), list (stock and own), get, rename, delete; stock ones read-only.

Training lasts ``timings.replica_training``: ``status`` is ``started`` with ``training_progress`` ``"n/100"``
growing with elapsed time, then ``completed`` (``"100/100"``) or ``error`` (the official statuses:
docs.tavus.io/api-reference/phoenix-replica-model/get-replica; state saved with the older ``training``/``ready``
still loads) with the documented ``error_message``
(docs.tavus.io/sections/errors-and-status-details). The outcome is decided when the replica is created, from the request
alone, so a test can
choose it: see ``training_error``.
"""

from __future__ import annotations

import math
from typing import Any
from urllib.parse import urlsplit

from tavus_sdk.testing._context import ApiRequest, Context, Handler, iso, public
from tavus_sdk.testing._errors import bad_request, forbidden, unprocessable
from tavus_sdk.testing._paging import paged
from tavus_sdk.testing._store import Record
from tavus_sdk.testing._urls import check_urls

__all__ = ["ROUTES", "VIDEO_FORMAT_ERROR", "finished_at", "progress", "tick", "training_error"]

# docs.tavus.io/api-reference/phoenix-replica-model/create-replica (newest): every new replica is phoenix-4 unless
# model_name says otherwise
DEFAULT_MODEL = "phoenix-4"

# docs.tavus.io/sections/errors-and-status-details, error type ``video_format``: the user-facing text Tavus puts in
# ``error_message``.
VIDEO_FORMAT_ERROR = (
    "There was an issue processing your training video. The video provided is not a .mp4 file. "
    "Please ensure that the training video is a .mp4 file encoded using h.264"
)
# The Replica Training guide (docs.tavus.io/sections/replica/replica-training) accepts webm as well as mp4, so both
# train.
_TRAINABLE_EXTENSIONS = (".mp4", ".webm")
_URL_FIELDS = ("train_video_url", "train_image_url", "consent_video_url", "train_audio_url", "thumbnail_video_url")
_TRAINING = frozenset({"started", "training"})  # "training": state saved before the official statuses
_VERBOSE_ONLY = ("replica_type",)


def create(ctx: Context, req: ApiRequest) -> dict[str, Any]:
    body: dict[str, Any] = req.body
    check_urls(body, _URL_FIELDS)
    replica_type = body.get("replica_type") or ("personal" if body.get("consent_video_url") else "non_human")
    if replica_type == "personal" and not body.get("consent_video_url"):
        # docs.tavus.io/api-reference/phoenix-replica-model/create-replica: a personal replica needs the consent
        # statement video; a non-human one does not.
        raise bad_request(
            "consent_video_url is required for a personal replica (omit replica_type or use non_human for a "
            "replica that is not a real person)",
            field="consent_video_url",
        )
    now = ctx.now()
    replica_id = ctx.store.new_id("replicas", "r", 11)
    # An image-trained replica (train_image_url + voice_name, checked by the spec) always trains: the emulator has
    # no documented image error to reproduce.
    error = training_error(body["train_video_url"]) if "train_video_url" in body else None
    record: Record = {
        "replica_id": replica_id,
        "replica_name": body.get("replica_name"),
        "status": "started",
        "training_progress": progress(0),
        "model_name": body.get("model_name") or DEFAULT_MODEL,
        "replica_type": replica_type,
        "thumbnail_video_url": body.get("thumbnail_video_url"),
        "created_at": iso(now),
        "updated_at": iso(now),
        "_started_at": now,
        "_finished_at": now + ctx.timings.replica_training,
        "_outcome": "error" if error else "completed",
        "_error_message": error,
        "_callback_url": body.get("callback_url") or None,
        "_train_video_url": body.get("train_video_url"),
        "_train_image_url": body.get("train_image_url"),
        "_voice_name": body.get("voice_name"),
        "_consent_video_url": body.get("consent_video_url"),
    }
    ctx.store.table("replicas")[replica_id] = record
    _advance(ctx, record)  # a zero training time finishes at once
    return view(record)


def list_(ctx: Context, req: ApiRequest) -> dict[str, Any]:
    kind, model = req.query.get("replica_type"), req.query.get("model_name")
    ids = set(filter(None, req.query["replica_ids"].split(","))) if req.query.get("replica_ids") else None
    chosen = (
        record
        for record in ctx.store.table("replicas").values()
        if ctx.visible(record)
        and (kind is None or (kind == "system") == bool(record.get("_stock")))
        and (ids is None or record["replica_id"] in ids)
        and (model is None or record.get("model_name") == model)
    )
    return paged(req, (view(record, req) for record in chosen), first_page=1)


def get(ctx: Context, req: ApiRequest) -> dict[str, Any]:
    return view(ctx.require("replicas", req.path["replica_id"], "replica_id"), req)


def view(record: Record, req: ApiRequest | None = None) -> dict[str, Any]:
    """``replica_type`` only with ``?verbose=true`` (docs.tavus.io/api-reference/phoenix-replica-model/get-replica).
    Create and rename answer without it, as the create response example has only ``replica_id`` and ``status``."""
    body = public(record)
    if req is None or not req.query.get("verbose"):
        for key in _VERBOSE_ONLY:
            body.pop(key, None)
    return body


def rename(ctx: Context, req: ApiRequest) -> dict[str, Any]:
    record = require_writable(ctx, req.path["replica_id"])
    name: str = req.body["replica_name"]
    if not name.strip():
        raise unprocessable([("replica_name", "must not be blank")])
    record["replica_name"] = name
    record["updated_at"] = iso(ctx.now())
    return view(record)


def delete(ctx: Context, req: ApiRequest) -> None:
    """Gone for good: GET answers 404 afterwards and a training callback that was not due yet is never sent."""
    replica_id = req.path["replica_id"]
    require_writable(ctx, replica_id)
    del ctx.store.table("replicas")[replica_id]


def require_writable(ctx: Context, replica_id: str) -> Record:
    record = ctx.require("replicas", replica_id, "replica_id")
    if record.get("_stock"):
        raise forbidden(f"Replica {replica_id} is a stock replica and cannot be changed; train your own instead")
    return record


def tick(ctx: Context) -> float | None:
    due: float | None = None
    for record in ctx.store.table("replicas").values():
        if record["status"] in _TRAINING:
            _advance(ctx, record)
        if record["status"] in _TRAINING:
            upcoming = _next_step(ctx, record)
            due = upcoming if due is None else min(due, upcoming)
    return due


def _next_step(ctx: Context, record: Record) -> float:
    """When training_progress next moves by one percent (or training ends)."""
    started: float = record["_started_at"]
    finished: float = record["_finished_at"]
    percent = math.floor(100 * (ctx.now() - started) / (finished - started))
    return min(finished, started + (percent + 1) * (finished - started) / 100)


def _advance(ctx: Context, record: Record) -> None:
    """Move one training replica up to now: progress while it trains, then its outcome at the time it was due."""
    started, finished = record["_started_at"], record["_finished_at"]
    now = ctx.now()
    if now >= finished:
        _finish(ctx, record)
        return
    percent = math.floor(100 * (now - started) / (finished - started))
    if record["training_progress"] != progress(percent):
        record["training_progress"] = progress(percent)
        # The time the progress last moved, so running the ticker again changes nothing.
        record["updated_at"] = iso(started + percent * (finished - started) / 100)
        ctx.changed = True


def _finish(ctx: Context, record: Record) -> None:
    at = record["_finished_at"]
    status = record["_outcome"]
    record["status"] = status
    record["updated_at"] = iso(at)
    payload: dict[str, Any] = {"replica_id": record["replica_id"], "status": status}
    if status == "error":
        record["error_message"] = payload["error_message"] = record["_error_message"]
        record["training_progress"] = progress(0)  # a failed training reports no progress, as the spec example
    else:
        record["training_progress"] = progress(100)
    ctx.changed = True
    # docs.tavus.io/sections/webhooks-and-callbacks: {replica_id, status} on completion, plus error_message on error.
    ctx.webhook(record["_callback_url"], payload, at=at, event=f"replica.{status}")


def training_error(train_video_url: str) -> str | None:
    """The documented error a training video is bound to hit, or None when it trains.

    The emulator cannot look inside a video, so it applies the one requirement a URL shows: the file type
    (docs.tavus.io/sections/replica/replica-training). A path that does not end in .mp4 or .webm (the query string, e.g.
    an S3 signature, is
    ignored) fails with the ``video_format`` error. Every other URL trains successfully.
    """
    path = urlsplit(train_video_url).path.lower()
    return None if path.endswith(_TRAINABLE_EXTENSIONS) else VIDEO_FORMAT_ERROR


def finished_at(record: Record) -> float:
    """When the replica left training; stock replicas have always been ready."""
    value = record.get("_finished_at")
    return float(value) if value is not None else 0.0


def progress(percent: int) -> str:
    return f"{max(0, min(100, percent))}/100"


ROUTES: dict[str, Handler] = {
    "replicas_create": create,
    "replicas_list": list_,
    "replicas_get": get,
    "replicas_delete": delete,
    "replicas_rename": rename,
}
