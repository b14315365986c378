"""Documents: the knowledge base. Create, paged list, get, update (plain merge), delete and recrawl.

Follows Tavus's openapi.yaml and the docs.tavus.io/api-reference/documents pages. Documents belong to the API key
that created them: another key does not find them and does not see them in the list. Processing runs on the
emulator's clock: ``started`` (``timings.document_start``), then ``processing`` with ``progress`` rising to 100,
then ``ready``, or ``error`` when the URL cannot work (decided from the URL, so a test can count on it), with the
official code in ``error_message``. ``timings.crawl`` replaces ``timings.document_processing`` for a crawl. Crawls
obey the documented limits: ``limits.max_crawl_documents`` per key, ``limits.max_concurrent_crawls`` at once and
``limits.recrawl_cooldown`` between crawls of one document.

Status callbacks go to the creation-time ``callback_url`` each time the status changes (``started``,
``processing``, ``ready``, ``error``). The docs do not give their shape; the payload is the document itself, as GET
shows it at that moment.

Choices where the docs are silent: a crawl reports the starting URL as its only ``crawled_urls`` (nothing is
fetched); a document created with ``crawl`` has ``crawl_count`` 1 and ``last_crawled_at`` = ``created_at`` from the
start; a recrawl adds 1 to ``crawl_count`` when it completes and sets ``last_crawled_at`` to when it started. The
cooldown runs from ``last_crawled_at``. Documents never crawled (files, single pages) have ``crawl_count`` 0.
"""

from __future__ import annotations

import math
import secrets
from posixpath import basename
from typing import Any
from urllib.parse import urlsplit

from tavus_sdk.testing._context import ApiRequest, Context, Handler, Reply, iso, public
from tavus_sdk.testing._errors import official_error, official_message
from tavus_sdk.testing._paging import in_order, paged
from tavus_sdk.testing._store import Record

__all__ = ["ROUTES", "SUPPORTED_EXTENSIONS", "tick", "view"]

_TABLE = "documents"

SUPPORTED_EXTENSIONS = ("pdf", "txt", "docx", "doc", "png", "jpg", "pptx", "csv", "xlsx")
"""The documented file formats (docs.tavus.io/api-reference/documents/create-document). Any other file extension
fails with file_format_unsupported."""

# Extensions that name a web page, not a downloadable file: such URLs are websites, like extension-less ones.
_WEB_PAGE_EXTENSIONS = frozenset({"html", "htm", "xhtml", "shtml", "php", "asp", "aspx", "jsp", "cfm"})
_UPDATABLE = ("document_name", "tags")
_RECRAWLABLE = ("ready", "error")


# -- routes ----------------------------------------------------------------------------------------------------


def create(ctx: Context, req: ApiRequest) -> dict[str, Any]:
    body: dict[str, Any] = req.body
    url: str = body["document_url"]
    crawl: dict[str, Any] | None = body.get("crawl")
    if crawl is not None:
        extension = _file_extension(url)
        if extension is not None:
            raise official_error(400, f"Invalid request: crawl is only for website URLs; {url} is a .{extension} file")
        _check_crawl_quota(ctx)
        _check_concurrency(ctx)
    now = ctx.now()
    document_id = _new_id(ctx)
    duration = ctx.timings.crawl if crawl is not None else ctx.timings.document_processing
    record: Record = {
        "document_id": document_id,
        "document_name": body.get("document_name") or _default_name(url),
        "document_url": url,
        "status": "started",
        "progress": None,
        "callback_url": body.get("callback_url"),
        "tags": list(body.get("tags") or []),
        "crawl_config": crawl,
        "crawled_urls": None,
        # The create request is the first crawl of a crawled website.
        "crawl_count": 1 if crawl is not None else 0,
        "last_crawled_at": iso(now) if crawl is not None else None,
        "created_at": iso(now),
        "updated_at": iso(now),
        "_owner_key": ctx.api_key,
        "_processing_at": now + min(ctx.timings.document_start, duration),
        "_ready_at": now + duration,
        "_crawling": crawl is not None,
        "_crawl_document": crawl is not None,
        "_crawl_started_at": now if crawl is not None else None,
        "_recrawl": False,
    }
    ctx.store.table(_TABLE)[document_id] = record
    _notify(ctx, record, now)
    return view(record, now)


def list_(ctx: Context, req: ApiRequest) -> dict[str, Any]:
    query = req.query
    wanted = _tag_filter(query.get("tags"))
    status = query.get("status")
    needle = (query.get("name_or_uuid") or "").lower()
    matches = [
        record
        for record in _own(ctx)
        if (not wanted or wanted.intersection(record.get("tags") or ()))
        and (not status or record["status"] == status)
        and (not needle or needle == record["document_id"].lower() or needle in str(record["document_name"]).lower())
    ]
    now = ctx.now()
    return paged(req, in_order(req, [view(record, now) for record in matches]), first_page=0, echo=True)


def get(ctx: Context, req: ApiRequest) -> dict[str, Any]:
    return view(_find(ctx, req.path["document_id"]), ctx.now())


def update(ctx: Context, req: ApiRequest) -> dict[str, Any]:
    record = _find(ctx, req.path["document_id"])
    body: dict[str, Any] = req.body
    # Only the name and tags can change (patch-document page); silently ignoring anything else would hide a mistake.
    for key in body:
        if key not in _UPDATABLE:
            raise official_error(
                400, f"Invalid request: {key} cannot be updated; only document_name and tags can be changed"
            )
    if not body:
        raise official_error(400, "Invalid request: nothing to update; send document_name and/or tags")
    for key in _UPDATABLE:
        if key in body:
            record[key] = list(body[key]) if key == "tags" else body[key]
    record["updated_at"] = iso(ctx.now())
    return view(record, ctx.now())


def delete(ctx: Context, req: ApiRequest) -> Reply:
    document_id = req.path["document_id"]
    _find(ctx, document_id)
    # A running crawl ends with its document, which frees its concurrency slot and its place in the quota.
    del ctx.store.table(_TABLE)[document_id]
    return Reply(204)


def recrawl(ctx: Context, req: ApiRequest) -> Reply:
    document_id = req.path["document_id"]
    record = _find(ctx, document_id)
    body: dict[str, Any] = req.body or {}
    status = record["status"]
    if status not in _RECRAWLABLE:
        raise official_error(409, f"Document must be in 'ready' or 'error' state to recrawl, current status: {status}")
    # The body's crawl applies to this recrawl only; the stored configuration stays as it was (spec x-note).
    crawl: dict[str, Any] | None = body.get("crawl") or record.get("crawl_config")
    if crawl is None or _file_extension(record["document_url"]) is not None:
        raise official_error(400, "Document was not created with crawl configuration")
    _check_cooldown(ctx, record)
    if not record.get("_crawl_document"):
        _check_crawl_quota(ctx)
    _check_concurrency(ctx)
    now = ctx.now()
    record.pop("error_message", None)
    record.update(
        {
            "status": "recrawling",
            "updated_at": iso(now),
            "_processing_at": None,
            "_started_processing_at": now,
            "_ready_at": now + ctx.timings.crawl,
            "_crawling": True,
            "_crawl_document": True,
            "_crawl_started_at": now,
            "_recrawl": True,
        }
    )
    _notify(ctx, record, now)
    return Reply(202, view(record, now))


def view(record: Record, now: float) -> dict[str, Any]:
    """The API view: ``progress`` in percent while processing or recrawling, null before and after."""
    body = public(record)
    started, done = record.get("_started_processing_at"), record.get("_ready_at")
    if record["status"] in ("processing", "recrawling") and started is not None and done is not None:
        span = max(done - started, 1e-9)
        body["progress"] = max(0, min(99, int(100 * (now - started) / span)))
    else:
        body["progress"] = None
    return body


# -- lifecycle ---------------------------------------------------------------------------------------------------


def tick(ctx: Context) -> float | None:
    now = ctx.now()
    upcoming: float | None = None
    for record in ctx.store.table(_TABLE).values():
        starts = record.get("_processing_at")
        if starts is not None and starts <= now:
            _start_processing(ctx, record, starts)
        elif starts is not None:
            upcoming = starts if upcoming is None else min(upcoming, starts)
            continue
        due = record.get("_ready_at")
        if due is not None and due <= now:
            _finish(ctx, record, due)
        elif due is not None:
            upcoming = due if upcoming is None else min(upcoming, due)
    return upcoming


def _start_processing(ctx: Context, record: Record, at: float) -> None:
    record.update({"status": "processing", "updated_at": iso(at), "_processing_at": None})
    record["_started_processing_at"] = at
    ctx.changed = True
    _notify(ctx, record, at)


def _finish(ctx: Context, record: Record, due: float) -> None:
    """Processing (or a recrawl) ends at ``due``: ``ready``, or ``error`` with its code when the URL cannot work."""
    failure = _failure(record["document_url"])
    if failure is None:
        record["status"] = "ready"
        record.pop("error_message", None)
    else:
        record["status"] = "error"
        record["error_message"] = failure
    if record.get("_crawling"):
        # Nothing is fetched: the starting page stands for the crawled pages.
        record["crawled_urls"] = [record["document_url"]]
    if record.get("_recrawl"):
        # A recrawl counts once it has run, failed or not; the cooldown runs from when it started.
        record["crawl_count"] = int(record.get("crawl_count") or 0) + 1
        record["last_crawled_at"] = iso(record["_crawl_started_at"])
    record["updated_at"] = iso(due)
    record.update({"_ready_at": None, "_started_processing_at": None, "_crawling": False, "_recrawl": False})
    ctx.changed = True
    _notify(ctx, record, due)


def _notify(ctx: Context, record: Record, at: float) -> None:
    ctx.webhook(record.get("callback_url"), view(record, at), at=at, event=f"document.{record['status']}")


def _find(ctx: Context, document_id: str) -> Record:
    """The caller's document, or 404 ``{"message": "Document not found"}`` (openapi.yaml getDocument)."""
    record = ctx.store.table(_TABLE).get(document_id)
    if record is None or not ctx.visible(record):
        raise official_message(404, "Document not found")
    return record


def _new_id(ctx: Context) -> str:
    """``d8-5c71baca86fc``-shaped, like openapi.yaml's example (clients must not depend on the format)."""
    while True:
        candidate = f"d{secrets.randbelow(10)}-{secrets.token_hex(6)}"
        if candidate not in ctx.store.table(_TABLE):
            return candidate


def _default_name(url: str) -> str:
    """Tavus names a document itself when no name is given (create-document page); the URL's last segment."""
    parts = urlsplit(url)
    return basename(parts.path.rstrip("/")) or parts.netloc or url


# -- rules -------------------------------------------------------------------------------------------------------


def _check_crawl_quota(ctx: Context) -> None:
    limit = ctx.limits.max_crawl_documents
    owned = sum(1 for record in _own(ctx) if record.get("_crawl_document"))
    if owned >= limit:
        # 429 as in openapi.yaml, but waiting does not free a place, so no Retry-After is sent: deleting a crawl
        # document does.
        raise official_error(
            429, f"Crawl document limit reached ({limit}). Contact support@tavus.io to increase your limit."
        )


def _check_concurrency(ctx: Context) -> None:
    limit = ctx.limits.max_concurrent_crawls
    running = [record["_ready_at"] for record in _own(ctx) if record.get("_crawling")]
    if len(running) >= limit:
        raise official_error(
            429,
            f"Maximum of {limit} concurrent crawls reached; retry when one of the running crawls finishes",
            retry_after=min(running) - ctx.now(),
        )


def _check_cooldown(ctx: Context, record: Record) -> None:
    last = _last_crawl(record)
    if last is None:
        return
    remaining = last + ctx.limits.recrawl_cooldown - ctx.now()
    if remaining > 0:
        minutes = math.ceil(remaining / 60)
        raise official_error(
            429,
            f"Recrawl cooldown: please wait {minutes} minute{'s' if minutes != 1 else ''} before recrawling this "
            "document.",
            retry_after=remaining,
        )


def _last_crawl(record: Record) -> float | None:
    """When the last crawl of this document started (the create of a crawled website, or the last recrawl)."""
    if not record.get("crawl_count"):
        return None
    started = record.get("_crawl_started_at")
    return float(started) if started is not None else None


def _own(ctx: Context) -> list[Record]:
    return [record for record in ctx.store.table(_TABLE).values() if ctx.visible(record)]


# -- URLs --------------------------------------------------------------------------------------------------------


def _file_extension(url: str) -> str | None:
    """The lower-case extension when the URL names a file; None for a website (no extension, or a web page)."""
    name = basename(urlsplit(url).path)
    if "." not in name:
        return None
    extension = name.rsplit(".", 1)[1].lower()
    # "v2.0" or "release-1.5" are page names, not file types: an extension has a letter in it.
    if not (extension.isalnum() and len(extension) <= 5 and any(c.isalpha() for c in extension)):
        return None
    return None if extension in _WEB_PAGE_EXTENSIONS else extension


def _failure(url: str) -> str | None:
    """The official error code (openapi.yaml Document.error_message) processing this URL ends in, or None."""
    if urlsplit(url).scheme.lower() not in ("http", "https") or not urlsplit(url).netloc:
        return "invalid_file_url"
    extension = _file_extension(url)
    if extension is not None and extension not in SUPPORTED_EXTENSIONS:
        return "file_format_unsupported"
    return None


def _tag_filter(raw: str | None) -> set[str]:
    return {tag.strip() for tag in (raw or "").split(",") if tag.strip()}


ROUTES: dict[str, Handler] = {
    "documents_create": create,
    "documents_list": list_,
    "documents_get": get,
    "documents_update": update,
    "documents_delete": delete,
    "documents_recrawl": recrawl,
}
