"""Transcriptions: create, paged list (from 1), get, delete (204); ``started`` -> ``completed`` | ``error``.

Follows openapi.yaml (createTranscription ... deleteTranscription; not deprecated there, absent from the newest docs
index). Transcriptions belong to the API key that created them. An unknown id is 400 ``{"error": "Invalid
transcription_id"}``, as Tavus answers for unknown ids elsewhere (the docs give no error for these routes).

Choices where the docs are silent: the transcription completes after ``timings.transcription``; a ``file_url``
that is not an http(s) URL, or names a file that is not audio or video, ends in ``error``. Nothing is listened to,
so the ``text`` of a completed transcription says which file it stands for. ``callback_url`` receives the
transcription, as GET shows it, when it completes or fails.
"""

from __future__ import annotations

from posixpath import basename
from typing import Any
from urllib.parse import urlsplit

from tavus_sdk.testing._context import ApiRequest, Context, Handler, Reply, iso, public
from tavus_sdk.testing._paging import paged
from tavus_sdk.testing._store import Record

__all__ = ["ROUTES", "tick"]

_TABLE = "transcriptions"
_MEDIA = frozenset({"mp4", "webm", "mov", "mkv", "avi", "m4a", "mp3", "wav", "ogg", "flac", "aac"})


def create(ctx: Context, req: ApiRequest) -> dict[str, Any]:
    now = ctx.now()
    transcription_id = ctx.store.new_id(_TABLE, "t", 12)
    record: Record = {
        "transcription_id": transcription_id,
        "file_url": req.body["file_url"],
        "callback_url": req.body["callback_url"],
        "status": "started",
        "text": None,
        "created_at": iso(now),
        "_owner_key": ctx.api_key,
        "_done_at": now + ctx.timings.transcription,
    }
    ctx.store.table(_TABLE)[transcription_id] = record
    return public(record)


def list_(ctx: Context, req: ApiRequest) -> dict[str, Any]:
    rows = [public(record) for record in ctx.store.table(_TABLE).values() if ctx.visible(record)]
    return paged(req, rows, first_page=1)


def get(ctx: Context, req: ApiRequest) -> dict[str, Any]:
    return public(ctx.require(_TABLE, req.path["transcription_id"], "transcription_id"))


def delete(ctx: Context, req: ApiRequest) -> Reply:
    transcription_id = req.path["transcription_id"]
    ctx.require(_TABLE, transcription_id, "transcription_id")
    del ctx.store.table(_TABLE)[transcription_id]
    return Reply(204)


def tick(ctx: Context) -> float | None:
    now = ctx.now()
    upcoming: float | None = None
    for record in ctx.store.table(_TABLE).values():
        due = record.get("_done_at")
        if due is None:
            continue
        if due > now:
            upcoming = due if upcoming is None else min(upcoming, due)
            continue
        name = _media_name(record["file_url"])
        if name is None:
            record["status"] = "error"
        else:
            record.update({"status": "completed", "text": f"(Emulated transcript of {name}.)"})
        record["_done_at"] = None
        ctx.changed = True
        ctx.webhook(record["callback_url"], public(record), at=due, event=f"transcription.{record['status']}")
    return upcoming


def _media_name(url: str) -> str | None:
    """The file name when the URL can be transcribed (http(s), and an audio or video file or no extension)."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    name = basename(parts.path) or parts.netloc
    extension = name.rsplit(".", 1)[1].lower() if "." in name else None
    return name if extension is None or extension in _MEDIA else None


ROUTES: dict[str, Handler] = {
    "transcriptions_create": create,
    "transcriptions_list": list_,
    "transcriptions_get": get,
    "transcriptions_delete": delete,
}
