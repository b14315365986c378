"""Documents: the knowledge base. Create, paged list, get, update (plain merge), delete and recrawl.

Documents belong to the API key that created them (docs L3119): another key gets 404 and does not see them in
the list. Processing runs on the emulator's clock: ``processing`` -> ``ready`` after ``timings.document_processing``
(``timings.crawl`` with a crawl configuration), or ``error`` when the URL cannot work (decided from the URL, so a
test can count on it). Crawls obey the documented limits (docs L201-L205, L281-L285): ``limits.max_crawl_documents``
per key, ``limits.max_concurrent_crawls`` at once and ``limits.recrawl_cooldown`` between crawls of one document.

Status callbacks (docs L3958, L306) go to the creation-time ``callback_url`` each time the status changes. The docs
do not give their shape; the payload is the document itself, as GET shows it at that moment.

Crawl bookkeeping, chosen to agree with every example of the spec: a document created with ``crawl`` has
``crawl_count`` 1 and ``last_crawled_at`` = ``created_at`` from the start; a recrawl adds 1 to ``crawl_count``
when it completes and sets ``last_crawled_at`` to when it started. The cooldown runs from ``last_crawled_at``.
Documents never crawled (files, single pages) have ``crawl_count`` 0 and ``last_crawled_at`` null.
"""

from __future__ import annotations

import math
from posixpath import basename
from typing import Any
from urllib.parse import urlsplit

from tavus_sdk.testing._context import ApiRequest, Context, Handler, iso, public, public_all
from tavus_sdk.testing._errors import ApiError, bad_request, conflict, rate_limited, unprocessable
from tavus_sdk.testing._store import Record

__all__ = ["ROUTES", "SUPPORTED_EXTENSIONS", "tick"]

_TABLE = "documents"
_KIND = "Document"

SUPPORTED_EXTENSIONS = ("pdf", "txt", "docx", "doc", "png", "jpg", "pptx", "csv", "xlsx")
"""The documented file formats (docs L154, L3949). Any other file extension fails with file_format_unsupported."""

# Extensions that name a web page, not a downloadable file: such URLs are websites, like extension-less ones.
_WEB_PAGE_EXTENSIONS = frozenset({"html", "htm", "xhtml", "shtml", "php", "asp", "aspx", "jsp", "cfm"})
_UPDATABLE = ("document_name", "tags")
_RECRAWLABLE = ("ready", "error")


# -- routes ----------------------------------------------------------------------------------------------------


def create(ctx: Context, req: ApiRequest) -> dict[str, Any]:
    body: dict[str, Any] = req.body
    url: str = body["document_url"]
    _check_absolute(url)
    crawl: dict[str, Any] | None = body.get("crawl")
    if crawl is not None:
        extension = _file_extension(url)
        if extension is not None:
            raise bad_request(
                f"crawl is only for website URLs; {url} is a .{extension} file (leave crawl out for files)",
                field="crawl",
            )
        _check_crawl_quota(ctx)
        _check_concurrency(ctx)
    now = ctx.now()
    document_id = ctx.store.new_id(_TABLE, "d", 10)
    record: Record = {
        "document_id": document_id,
        "document_name": body.get("document_name"),
        "document_url": url,
        "status": "processing",
        "tags": list(body.get("tags") or []),
        "crawl": crawl,
        # The create request is the first crawl of a crawled website (the spec's create example shows 1).
        "crawl_count": 1 if crawl is not None else 0,
        "last_crawled_at": iso(now) if crawl is not None else None,
        "created_at": iso(now),
        "updated_at": iso(now),
        "_owner_key": ctx.api_key,
        "_callback_url": body.get("callback_url"),
        "_ready_at": now + (ctx.timings.crawl if crawl is not None else ctx.timings.document_processing),
        "_crawling": crawl is not None,
        "_crawl_document": crawl is not None,
        "_crawl_started_at": now if crawl is not None else None,
        "_recrawl": False,
    }
    ctx.store.table(_TABLE)[document_id] = record
    _notify(ctx, record, now)
    return public(record)


def list_(ctx: Context, req: ApiRequest) -> dict[str, Any]:
    page: int = req.query["page"]
    page_size: int = req.query["page_size"]
    wanted = _tag_filter(req.query.get("tags"))
    matches = [
        record
        for record in ctx.store.table(_TABLE).values()
        if ctx.visible(record) and (not wanted or wanted.intersection(record.get("tags") or ()))
    ]
    start = (page - 1) * page_size
    return {"data": public_all(matches[start : start + page_size]), "total_count": len(matches)}


def get(ctx: Context, req: ApiRequest) -> dict[str, Any]:
    return public(ctx.get(_TABLE, req.path["document_id"], _KIND))


def update(ctx: Context, req: ApiRequest) -> dict[str, Any]:
    record = ctx.get(_TABLE, req.path["document_id"], _KIND)
    body: dict[str, Any] = req.body
    # Only the name and tags can change (docs L239-L245); silently ignoring anything else would hide a mistake.
    for key in body:
        if key not in _UPDATABLE:
            raise bad_request(f"{key} cannot be updated; only document_name and tags can be changed", field=key)
    if not body:
        raise bad_request("Nothing to update: send document_name and/or tags")
    for key in _UPDATABLE:
        if key in body:
            record[key] = list(body[key]) if key == "tags" else body[key]
    record["updated_at"] = iso(ctx.now())
    return public(record)


def delete(ctx: Context, req: ApiRequest) -> None:
    document_id = req.path["document_id"]
    ctx.get(_TABLE, document_id, _KIND)
    # A running crawl ends with its document, which frees its concurrency slot and its place in the quota.
    del ctx.store.table(_TABLE)[document_id]


def recrawl(ctx: Context, req: ApiRequest) -> dict[str, Any]:
    document_id = req.path["document_id"]
    record = ctx.get(_TABLE, document_id, _KIND)
    body: dict[str, Any] = req.body or {}
    status = record["status"]
    if status not in _RECRAWLABLE:
        raise conflict(f"Document must be in ready or error state to recrawl (current status is {status})")
    extension = _file_extension(record["document_url"])
    if extension is not None:
        raise bad_request(
            f"Only website documents can be recrawled; document {document_id} is a .{extension} file",
            field="document_url",
        )
    # The body's crawl applies to this recrawl only; the stored configuration stays as it was (spec x-note).
    crawl: dict[str, Any] | None = body.get("crawl") or record.get("crawl")
    if crawl is None:
        raise bad_request(
            f"Document {document_id} was created without a crawl configuration; send one in the body, "
            'e.g. {"crawl": {"depth": 2, "max_pages": 20}}',
            field="crawl",
        )
    _check_cooldown(ctx, record)
    if not record.get("_crawl_document"):
        _check_crawl_quota(ctx)
    _check_concurrency(ctx)
    now = ctx.now()
    for key in ("error_code", "error_message"):
        record.pop(key, None)
    record.update(
        {
            "status": "recrawling",
            "updated_at": iso(now),
            "_ready_at": now + ctx.timings.crawl,
            "_crawling": True,
            "_crawl_document": True,
            "_crawl_started_at": now,
            "_recrawl": True,
        }
    )
    _notify(ctx, record, now)
    return public(record)


# -- lifecycle ---------------------------------------------------------------------------------------------------


def tick(ctx: Context) -> float | None:
    now = ctx.now()
    upcoming: float | None = None
    for record in ctx.store.table(_TABLE).values():
        due = record.get("_ready_at")
        if due is not None and due <= now:
            _finish(ctx, record, due)
        elif due is not None:
            upcoming = due if upcoming is None else min(upcoming, due)
    return upcoming


def _finish(ctx: Context, record: Record, due: float) -> None:
    """Processing (or a recrawl) ends at ``due``: ``ready``, or ``error`` when the URL cannot work."""
    failure = _failure(record["document_url"])
    if failure is None:
        record["status"] = "ready"
    else:
        record["status"] = "error"
        record["error_code"], record["error_message"] = failure
    if record.get("_recrawl"):
        # A recrawl counts once it has run, failed or not; the cooldown runs from when it started.
        record["crawl_count"] = int(record.get("crawl_count") or 0) + 1
        record["last_crawled_at"] = iso(record["_crawl_started_at"])
    record["updated_at"] = iso(due)
    record.update({"_ready_at": None, "_crawling": False, "_recrawl": False})
    ctx.changed = True
    _notify(ctx, record, due)


def _notify(ctx: Context, record: Record, at: float) -> None:
    ctx.webhook(record.get("_callback_url"), public(record), at=at, event=f"document.{record['status']}")


# -- rules -------------------------------------------------------------------------------------------------------


def _check_absolute(url: str) -> None:
    """``document_url`` is ``format: uri`` in the spec: without a scheme and host it cannot be fetched at all."""
    parts = urlsplit(url)
    if not parts.scheme or not parts.netloc:
        raise unprocessable(
            [("document_url", f"must be an absolute URL such as https://example.com/file.pdf, got {url!r}")]
        )


def _check_crawl_quota(ctx: Context) -> None:
    limit = ctx.limits.max_crawl_documents
    owned = sum(1 for record in _own(ctx) if record.get("_crawl_document"))
    if owned >= limit:
        # The spec answers 429 (the docs list this under "Rate Limits"), but waiting does not free a place, so no
        # Retry-After is sent: deleting a crawl document does.
        raise ApiError(
            429,
            f"Maximum of {limit} crawl documents per user reached; delete a crawl document to crawl another website",
        )


def _check_concurrency(ctx: Context) -> None:
    limit = ctx.limits.max_concurrent_crawls
    running = [record["_ready_at"] for record in _own(ctx) if record.get("_crawling")]
    if len(running) >= limit:
        raise rate_limited(
            f"Maximum of {limit} concurrent crawls reached; retry when one of the running crawls finishes",
            retry_after=min(running) - ctx.now(),
        )


def _check_cooldown(ctx: Context, record: Record) -> None:
    last = _last_crawl(record)
    if last is None:
        return
    remaining = last + ctx.limits.recrawl_cooldown - ctx.now()
    if remaining > 0:
        raise rate_limited(
            f"Document {record['document_id']} was crawled less than {ctx.limits.recrawl_cooldown:g} seconds ago; "
            f"recrawl again in {math.ceil(remaining)} seconds",
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


def _failure(url: str) -> tuple[str, str] | None:
    """The documented error (docs L3155-L3164) processing this URL ends in, or None when it works."""
    if urlsplit(url).scheme.lower() not in ("http", "https"):
        return "invalid_file_url", f"Provided file link is invalid or inaccessible: {url} is not an http(s) URL."
    extension = _file_extension(url)
    if extension is not None and extension not in SUPPORTED_EXTENSIONS:
        supported = ", ".join(f".{ext}" for ext in SUPPORTED_EXTENSIONS)
        return (
            "file_format_unsupported",
            f"This file type isn't supported for upload: .{extension} (supported: {supported}, or a website URL).",
        )
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
