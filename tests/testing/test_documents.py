"""The emulated knowledge base: documents, their processing lifecycle, crawls, recrawls and the documented limits.

As Tavus's openapi.yaml and the docs.tavus.io/api-reference/documents pages describe them: ``started`` ->
``processing`` (with ``progress``) -> ``ready`` | ``error`` (the code in ``error_message``), ``crawl_config`` and
``crawled_urls``, a list paged from 0 with ``{data, total_count, page, limit}``, recrawl 202, delete 204, and the
official error bodies: ``{"error"}`` for 400/409/429, ``{"message": "Document not found"}`` for 404.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from tavus_sdk import (
    AsyncTavus,
    BadRequestError,
    ConflictError,
    NotFoundError,
    RateLimitError,
    ResourceFailedError,
    Tavus,
)
from tavus_sdk.testing import Limits, TavusEmulator
from tavus_sdk.testing._context import iso
from tavus_sdk.testing.handlers.documents import SUPPORTED_EXTENSIONS

from .conftest import API_KEY, WebhookSink, assert_fits

OTHER_KEY = "another-account-key"
SITE = "https://docs.example.com/"
PDF = "https://example.com/slides_new.pdf"
CRAWL = {"depth": 2, "max_pages": 20}


# -- helpers ---------------------------------------------------------------------------------------------------


async def create(http: httpx.AsyncClient, **body: Any) -> dict[str, Any]:
    body.setdefault("document_url", PDF)
    response = await http.post("/documents", json=body)
    assert response.status_code == 200, response.text
    document: dict[str, Any] = response.json()
    return document


async def fetch(http: httpx.AsyncClient, document_id: str) -> dict[str, Any]:
    response = await http.get(f"/documents/{document_id}")
    assert response.status_code == 200, response.text
    document: dict[str, Any] = response.json()
    return document


async def recrawl(http: httpx.AsyncClient, document_id: str, **body: Any) -> httpx.Response:
    return await http.post(f"/documents/{document_id}/recrawl", json=body)


async def crawled_and_cooled(http: httpx.AsyncClient, emulator: TavusEmulator, **body: Any) -> dict[str, Any]:
    """A crawled website that is ready and past its recrawl cooldown."""
    document = await create(http, document_url=SITE, crawl=CRAWL, **body)
    emulator.advance(emulator.limits.recrawl_cooldown)
    assert (await fetch(http, document["document_id"]))["status"] == "ready"
    return document


def error_of(response: httpx.Response, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body: dict[str, Any] = response.json()
    return body


def official(response: httpx.Response, status: int) -> str:
    """The text of Tavus's documented error body for this status: ``{"error"}``, or ``{"message"}`` for a 404."""
    body = error_of(response, status)
    key = "message" if status == 404 else "error"
    assert set(body) == {key}, body
    text: str = body[key]
    return text


@pytest.fixture
async def other_http(emulator: TavusEmulator) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(
        base_url=emulator.base_url, transport=emulator.transport(), headers={"x-api-key": OTHER_KEY}
    ) as client:
        yield client


# -- create and the processing lifecycle -----------------------------------------------------------------------


async def test_create_answers_a_started_document_that_fits_the_spec(
    http: httpx.AsyncClient, emulator: TavusEmulator
) -> None:
    document = await create(http, document_name="slides_new.pdf", tags=["lesson-1", "sales"])
    assert_fits(document, "Document")
    assert re.fullmatch(r"d[0-9]-[0-9a-f]{12}", document["document_id"])  # like openapi.yaml's d8-5c71baca86fc
    now = iso(emulator.clock.now())
    assert document == {
        "document_id": document["document_id"],
        "document_name": "slides_new.pdf",
        "document_url": PDF,
        "status": "started",
        "progress": None,
        "callback_url": None,
        "tags": ["lesson-1", "sales"],
        "crawl_config": None,
        "crawled_urls": None,
        "crawl_count": 0,
        "last_crawled_at": None,
        "created_at": now,
        "updated_at": now,
    }
    assert await fetch(http, document["document_id"]) == document


async def test_a_document_without_a_name_is_named_after_its_url(http: httpx.AsyncClient) -> None:
    assert (await create(http))["document_name"] == "slides_new.pdf"
    assert (await create(http, document_url=SITE))["document_name"] == "docs.example.com"


async def test_started_then_processing_with_progress_then_ready(
    http: httpx.AsyncClient, emulator: TavusEmulator
) -> None:
    timings = emulator.timings
    document = await create(http)
    document_id = document["document_id"]
    emulator.advance(timings.document_start)
    processing = await fetch(http, document_id)
    assert (processing["status"], processing["progress"]) == ("processing", 0)
    emulator.advance((timings.document_processing - timings.document_start) / 2)
    assert (await fetch(http, document_id))["progress"] == 50
    emulator.advance(timings.document_processing)
    ready = await fetch(http, document_id)
    assert (ready["status"], ready["progress"]) == ("ready", None)


async def test_a_file_is_ready_after_document_processing_time(http: httpx.AsyncClient, emulator: TavusEmulator) -> None:
    start = emulator.clock.now()
    document = await create(http)
    emulator.advance(emulator.timings.document_processing - 0.5)
    assert (await fetch(http, document["document_id"]))["status"] == "processing"
    emulator.advance(0.5)
    ready = await fetch(http, document["document_id"])
    assert ready["status"] == "ready"
    assert ready["updated_at"] == iso(start + emulator.timings.document_processing)
    assert "error_message" not in ready
    assert_fits(ready, "Document")


async def test_transitions_are_stamped_when_due_not_when_observed(
    http: httpx.AsyncClient, emulator: TavusEmulator
) -> None:
    start = emulator.clock.now()
    document = await create(http)
    emulator.advance(emulator.timings.document_processing * 50)
    emulator.tick()  # a second tick changes nothing more
    ready = await fetch(http, document["document_id"])
    assert ready["updated_at"] == iso(start + emulator.timings.document_processing)


async def test_a_crawl_takes_crawl_time_and_counts_as_the_first_crawl(
    http: httpx.AsyncClient, emulator: TavusEmulator
) -> None:
    start = emulator.clock.now()
    document = await create(http, document_url=SITE, crawl=CRAWL)
    assert document["crawl_config"] == CRAWL
    assert document["crawl_count"] == 1
    assert document["last_crawled_at"] == document["created_at"] == iso(start)
    assert emulator.timings.crawl > emulator.timings.document_processing
    emulator.advance(emulator.timings.document_processing)
    assert (await fetch(http, document["document_id"]))["status"] == "processing"
    emulator.advance(emulator.timings.crawl - emulator.timings.document_processing)
    ready = await fetch(http, document["document_id"])
    assert ready["status"] == "ready"
    assert ready["crawl_count"] == 1
    assert ready["crawled_urls"] == [SITE]
    assert ready["updated_at"] == iso(start + emulator.timings.crawl)


@pytest.mark.parametrize(
    "url",
    [
        *(f"https://example.com/files/report.{extension}" for extension in SUPPORTED_EXTENSIONS),
        "https://example.com/REPORT.PDF",
        "https://example.com/report.pdf?download=1#page=2",
        "https://docs.example.com/",
        "https://docs.example.com",
        "https://example.com/guide/getting-started",
        "https://example.com/about.html",
        "https://example.com/release/v2.0",
    ],
)
async def test_documented_formats_and_websites_become_ready(
    http: httpx.AsyncClient, emulator: TavusEmulator, url: str
) -> None:
    document = await create(http, document_url=url)
    emulator.advance(emulator.timings.document_processing)
    assert (await fetch(http, document["document_id"]))["status"] == "ready"


@pytest.mark.parametrize(
    ("url", "extension"),
    [
        ("https://example.com/setup.exe", "exe"),
        ("https://example.com/photo.jpeg", "jpeg"),
        ("https://example.com/archive.tar.gz", "gz"),
        ("https://example.com/talk.MP4", "mp4"),
    ],
)
async def test_an_undocumented_file_type_fails_with_file_format_unsupported(
    http: httpx.AsyncClient, emulator: TavusEmulator, url: str, extension: str
) -> None:
    start = emulator.clock.now()
    document = await create(http, document_url=url)
    assert document["status"] == "started"
    emulator.advance(emulator.timings.document_processing)
    failed = await fetch(http, document["document_id"])
    assert failed["status"] == "error"
    # openapi.yaml: the error code is the error_message; there is no error_code.
    assert failed["error_message"] == "file_format_unsupported"
    assert "error_code" not in failed
    assert extension
    assert failed["updated_at"] == iso(start + emulator.timings.document_processing)
    assert_fits(failed, "Document")


async def test_a_url_that_is_not_http_fails_with_invalid_file_url(
    http: httpx.AsyncClient, emulator: TavusEmulator
) -> None:
    document = await create(http, document_url="ftp://files.example.com/report.pdf")
    emulator.advance(emulator.timings.document_processing)
    failed = await fetch(http, document["document_id"])
    assert (failed["status"], failed["error_message"]) == ("error", "invalid_file_url")


async def test_a_url_without_scheme_and_host_ends_in_invalid_file_url(
    http: httpx.AsyncClient, emulator: TavusEmulator
) -> None:
    # document_url is a plain string in openapi.yaml: the server takes it and processing fails.
    document = await create(http, document_url="example.com/report.pdf")
    emulator.advance(emulator.timings.document_processing)
    failed = await fetch(http, document["document_id"])
    assert (failed["status"], failed["error_message"]) == ("error", "invalid_file_url")


async def test_document_url_is_required(http: httpx.AsyncClient) -> None:
    body = error_of(await http.post("/documents", json={"document_name": "x"}), 422)
    assert body["errors"] == [{"field": "document_url", "message": "is required"}]


# -- crawl validation and limits -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("crawl", "field", "message"),
    [
        ({"depth": 0, "max_pages": 20}, "crawl.depth", "0 is less than the minimum of 1"),
        ({"depth": 11, "max_pages": 20}, "crawl.depth", "11 is greater than the maximum of 10"),
        ({"depth": 2, "max_pages": 0}, "crawl.max_pages", "0 is less than the minimum of 1"),
        ({"depth": 2, "max_pages": 101}, "crawl.max_pages", "101 is greater than the maximum of 100"),
        ({"depth": 2.5, "max_pages": 20}, "crawl.depth", "2.5 is not of type 'integer'"),
    ],
)
async def test_crawl_depth_and_max_pages_out_of_range_are_422(
    http: httpx.AsyncClient, emulator: TavusEmulator, crawl: dict[str, Any], field: str, message: str
) -> None:
    body = error_of(await http.post("/documents", json={"document_url": SITE, "crawl": crawl}), 422)
    assert body["errors"] == [{"field": field, "message": message}]
    assert emulator.records("documents") == []
    # The same rule holds for a recrawl override.
    document = await crawled_and_cooled(http, emulator)
    body = error_of(await recrawl(http, document["document_id"], crawl=crawl), 422)
    assert body["errors"] == [{"field": field, "message": message}]
    assert (await fetch(http, document["document_id"]))["status"] == "ready"


@pytest.mark.parametrize(
    "crawl", [{"depth": 1, "max_pages": 1}, {"depth": 10, "max_pages": 100}, {"depth": 2}, {"max_pages": 5}, {}]
)
async def test_crawl_limits_are_inclusive_and_both_fields_optional(
    http: httpx.AsyncClient, crawl: dict[str, int]
) -> None:
    assert (await create(http, document_url=SITE, crawl=crawl))["crawl_config"] == crawl


async def test_crawl_on_a_file_url_is_400(http: httpx.AsyncClient, emulator: TavusEmulator) -> None:
    text = official(await http.post("/documents", json={"document_url": PDF, "crawl": CRAWL}), 400)
    assert text == f"Invalid request: crawl is only for website URLs; {PDF} is a .pdf file"
    assert emulator.records("documents") == []


async def test_a_crawl_beyond_the_concurrent_limit_is_429_with_retry_after(
    http: httpx.AsyncClient, other_http: httpx.AsyncClient, emulator: TavusEmulator
) -> None:
    limit = emulator.limits.max_concurrent_crawls
    assert limit == 5  # docs.tavus.io/api-reference/documents/create-document: 5 concurrent crawls
    for _ in range(limit):
        await create(http, document_url=SITE, crawl=CRAWL)
        emulator.advance(1)
    response = await http.post("/documents", json={"document_url": SITE, "crawl": CRAWL})
    assert official(response, 429) == (
        f"Maximum of {limit} concurrent crawls reached; retry when one of the running crawls finishes"
    )
    # The oldest crawl started `limit` seconds ago, so a slot frees when it finishes.
    assert response.headers["Retry-After"] == f"{emulator.timings.crawl - limit:g}"
    assert len(emulator.records("documents")) == limit
    # Files and single pages are not crawls; another key has its own slots.
    await create(http, document_url=PDF)
    await create(http, document_url=SITE)
    await create(other_http, document_url=SITE, crawl=CRAWL)
    # Once the oldest crawl is done, there is room again.
    emulator.advance(emulator.timings.crawl - limit)
    await create(http, document_url=SITE, crawl=CRAWL)


async def test_a_recrawl_beyond_the_concurrent_limit_is_429(http: httpx.AsyncClient, emulator: TavusEmulator) -> None:
    document = await crawled_and_cooled(http, emulator)
    for _ in range(emulator.limits.max_concurrent_crawls):
        await create(http, document_url=SITE, crawl=CRAWL)
    response = await recrawl(http, document["document_id"])
    assert official(response, 429).startswith("Maximum of 5 concurrent crawls reached")
    assert response.headers["Retry-After"] == f"{emulator.timings.crawl:g}"
    unchanged = await fetch(http, document["document_id"])
    assert (unchanged["status"], unchanged["crawl_count"]) == ("ready", 1)


async def test_deleting_a_running_crawl_frees_its_slot(http: httpx.AsyncClient, emulator: TavusEmulator) -> None:
    running = [await create(http, document_url=SITE, crawl=CRAWL) for _ in range(emulator.limits.max_concurrent_crawls)]
    error_of(await http.post("/documents", json={"document_url": SITE, "crawl": CRAWL}), 429)
    assert (await http.delete(f"/documents/{running[0]['document_id']}")).status_code == 204
    await create(http, document_url=SITE, crawl=CRAWL)


async def test_the_crawl_document_quota_is_429_without_retry_after(
    http: httpx.AsyncClient, other_http: httpx.AsyncClient, emulator: TavusEmulator
) -> None:
    quota, slots = emulator.limits.max_crawl_documents, emulator.limits.max_concurrent_crawls
    assert quota == 100  # create-document page: 100 crawl documents per user
    first = None
    for index in range(quota):
        created = await create(http, document_url=f"https://site{index}.example.com/", crawl=CRAWL)
        first = first or created
        if (index + 1) % slots == 0:
            emulator.advance(emulator.timings.crawl)
    assert first is not None
    response = await http.post("/documents", json={"document_url": SITE, "crawl": CRAWL})
    assert official(response, 429) == (
        f"Crawl document limit reached ({quota}). Contact support@tavus.io to increase your limit."
    )
    # Waiting frees nothing, so there is no Retry-After to honour.
    assert "Retry-After" not in response.headers
    assert (await http.get("/documents")).json()["total_count"] == quota
    # Files and single pages are not crawl documents; other keys have their own quota.
    single_page = await create(http, document_url=SITE)
    await create(other_http, document_url=SITE, crawl=CRAWL)
    emulator.advance(emulator.limits.recrawl_cooldown)
    # Recrawling an existing crawl document takes no new place; crawling a single page would.
    assert (await recrawl(http, first["document_id"])).status_code == 202
    text = official(await recrawl(http, single_page["document_id"], crawl=CRAWL), 429)
    assert text.startswith(f"Crawl document limit reached ({quota})")
    # Deleting a crawl document frees a place.
    assert (await http.delete(f"/documents/{first['document_id']}")).status_code == 204
    await create(http, document_url=SITE, crawl=CRAWL)


async def test_limits_come_from_the_emulator_configuration() -> None:
    emulator = TavusEmulator(limits=Limits(max_crawl_documents=2, max_concurrent_crawls=1, recrawl_cooldown=60))
    async with httpx.AsyncClient(
        base_url=emulator.base_url, transport=emulator.transport(), headers={"x-api-key": API_KEY}
    ) as http:
        first = await create(http, document_url=SITE, crawl=CRAWL)
        error_of(await http.post("/documents", json={"document_url": SITE, "crawl": CRAWL}), 429)
        emulator.advance(emulator.timings.crawl)
        await create(http, document_url=SITE, crawl=CRAWL)
        emulator.advance(emulator.timings.crawl)
        text = official(await http.post("/documents", json={"document_url": SITE, "crawl": CRAWL}), 429)
        assert text.startswith("Crawl document limit reached (2)")
        emulator.advance(60 - 2 * emulator.timings.crawl)
        assert (await recrawl(http, first["document_id"])).status_code == 202


# -- recrawl ---------------------------------------------------------------------------------------------------


async def test_a_recrawl_runs_recrawling_then_ready_and_counts(
    http: httpx.AsyncClient, emulator: TavusEmulator
) -> None:
    document = await crawled_and_cooled(http, emulator, tags=["docs"])
    started = emulator.clock.now()
    response = await recrawl(http, document["document_id"])
    assert response.status_code == 202
    recrawling = response.json()
    assert_fits(recrawling, "Document")
    assert recrawling["progress"] == 0
    # As the spec's example shows: the count and last_crawled_at move when the recrawl completes.
    assert recrawling["status"] == "recrawling"
    assert recrawling["crawl_count"] == 1
    assert recrawling["last_crawled_at"] == document["created_at"]
    assert recrawling["updated_at"] == iso(started)
    assert await fetch(http, document["document_id"]) == recrawling
    emulator.advance(emulator.timings.crawl)
    done = await fetch(http, document["document_id"])
    assert done["status"] == "ready"
    assert done["crawl_count"] == 2
    assert done["last_crawled_at"] == iso(started)
    assert done["updated_at"] == iso(started + emulator.timings.crawl)
    assert (done["document_url"], done["crawl_config"], done["tags"]) == (SITE, CRAWL, ["docs"])


@pytest.mark.parametrize("status", ["started", "processing", "recrawling"])
async def test_a_recrawl_outside_ready_or_error_is_409(
    http: httpx.AsyncClient, emulator: TavusEmulator, status: str
) -> None:
    if status == "recrawling":
        document = await crawled_and_cooled(http, emulator)
        assert (await recrawl(http, document["document_id"])).status_code == 202
    else:
        document = await create(http, document_url=SITE, crawl=CRAWL)
        emulator.advance(emulator.timings.document_start if status == "processing" else 0)
    before = await fetch(http, document["document_id"])
    assert official(await recrawl(http, document["document_id"]), 409) == (
        f"Document must be in 'ready' or 'error' state to recrawl, current status: {status}"
    )
    assert await fetch(http, document["document_id"]) == before


async def test_a_document_in_error_can_be_recrawled(http: httpx.AsyncClient, emulator: TavusEmulator) -> None:
    document = await create(http, document_url="ftp://mirror.example.com/", crawl=CRAWL)
    emulator.advance(emulator.limits.recrawl_cooldown)
    assert (await fetch(http, document["document_id"]))["error_message"] == "invalid_file_url"
    response = await recrawl(http, document["document_id"])
    assert response.status_code == 202
    recrawling = response.json()
    assert recrawling["status"] == "recrawling"
    assert "error_message" not in recrawling
    emulator.advance(emulator.timings.crawl)
    failed = await fetch(http, document["document_id"])
    # The same URL fails the same way; the attempt still counts as a crawl.
    assert (failed["status"], failed["error_message"], failed["crawl_count"]) == ("error", "invalid_file_url", 2)


async def test_a_recrawl_needs_a_stored_or_given_crawl_configuration(
    http: httpx.AsyncClient, emulator: TavusEmulator
) -> None:
    document = await create(http, document_url=SITE)
    emulator.advance(emulator.timings.document_processing)
    ready = await fetch(http, document["document_id"])
    assert official(await recrawl(http, document["document_id"]), 400) == (
        "Document was not created with crawl configuration"
    )
    assert await fetch(http, document["document_id"]) == ready
    # A single page has never been crawled, so no cooldown applies to its first crawl.
    override = {"depth": 3, "max_pages": 50}
    response = await recrawl(http, document["document_id"], crawl=override)
    assert response.status_code == 202
    assert response.json()["status"] == "recrawling"
    emulator.advance(emulator.timings.crawl)
    done = await fetch(http, document["document_id"])
    assert (done["status"], done["crawl_count"]) == ("ready", 1)
    # The override was for that recrawl only: nothing is stored, so the next one needs a configuration again.
    assert done["crawl_config"] is None
    emulator.advance(emulator.limits.recrawl_cooldown)
    official(await recrawl(http, document["document_id"]), 400)


async def test_a_body_override_does_not_replace_the_stored_configuration(
    http: httpx.AsyncClient, emulator: TavusEmulator
) -> None:
    document = await crawled_and_cooled(http, emulator)
    response = await recrawl(http, document["document_id"], crawl={"depth": 3, "max_pages": 50})
    assert response.json()["crawl_config"] == CRAWL
    emulator.advance(emulator.timings.crawl)
    assert (await fetch(http, document["document_id"]))["crawl_config"] == CRAWL


async def test_a_file_document_cannot_be_recrawled(http: httpx.AsyncClient, emulator: TavusEmulator) -> None:
    document = await create(http, document_url=PDF)
    emulator.advance(emulator.timings.document_processing)
    text = official(await recrawl(http, document["document_id"], crawl=CRAWL), 400)
    assert text == "Document was not created with crawl configuration"


async def test_the_recrawl_cooldown_is_429_with_the_seconds_remaining(
    http: httpx.AsyncClient, emulator: TavusEmulator
) -> None:
    cooldown = emulator.limits.recrawl_cooldown
    assert cooldown == 3600  # recrawl-document page: a 1-hour cooldown
    document = await create(http, document_url=SITE, crawl=CRAWL)
    document_id = document["document_id"]
    emulator.advance(emulator.timings.crawl)
    response = await recrawl(http, document_id)
    text = official(response, 429)
    remaining = cooldown - emulator.timings.crawl
    assert response.headers["Retry-After"] == f"{remaining:g}"
    assert text == "Recrawl cooldown: please wait 60 minutes before recrawling this document."
    emulator.advance(remaining - 0.25)
    response = await recrawl(http, document_id)
    assert error_of(response, 429)
    assert response.headers["Retry-After"] == "1"  # rounded up, never early
    assert (await fetch(http, document_id))["status"] == "ready"
    assert official(response, 429) == "Recrawl cooldown: please wait 1 minute before recrawling this document."
    emulator.advance(0.25)
    assert (await recrawl(http, document_id)).status_code == 202
    # The next cooldown runs from when this recrawl started, not from when it finished.
    emulator.advance(emulator.timings.crawl)
    response = await recrawl(http, document_id)
    error_of(response, 429)
    assert response.headers["Retry-After"] == f"{cooldown - emulator.timings.crawl:g}"
    emulator.advance(cooldown - emulator.timings.crawl)
    assert (await recrawl(http, document_id)).status_code == 202


async def test_recrawl_without_a_body_and_with_an_empty_one(http: httpx.AsyncClient, emulator: TavusEmulator) -> None:
    first = await crawled_and_cooled(http, emulator)
    second = await create(http, document_url="https://blog.example.com/", crawl=CRAWL)
    emulator.advance(emulator.limits.recrawl_cooldown)
    assert (await http.post(f"/documents/{first['document_id']}/recrawl")).status_code == 202
    assert (await http.post(f"/documents/{second['document_id']}/recrawl", json={})).status_code == 202


# -- list ------------------------------------------------------------------------------------------------------


async def test_list_pages_from_0_as_tavus_client_asks(http: httpx.AsyncClient) -> None:
    ids = [(await create(http, document_name=f"doc {n}"))["document_id"] for n in range(12)]

    async def page(**query: Any) -> dict[str, Any]:
        response = await http.get("/documents", params=query)
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        assert_fits(body, "DocumentList")
        return body

    def ids_of(body: dict[str, Any]) -> list[str]:
        return [document["document_id"] for document in body["data"]]

    first = await page()
    assert (ids_of(first), first["total_count"], first["page"], first["limit"]) == (ids[:10], 12, 0, 10)
    # Tavus's own client sends page=0 (and limit=25, sort=desc, verbose=true): the first page, not a 400.
    assert ids_of(await page(page=0)) == ids[:10]
    assert ids_of(await page(page=1)) == ids[10:]
    assert ids_of(await page(page=1, limit=5)) == ids[5:10]
    assert await page(page=3, limit=5) == {"data": [], "total_count": 12, "page": 3, "limit": 5}
    assert ids_of(await page(limit=100)) == ids
    newest = await page(page=0, limit=25, sort="desc", verbose="true")
    assert ids_of(newest) == ids[::-1]
    assert ids_of(await page(sort="descending", limit=2)) == ids[:-3:-1]


async def test_list_filters_by_status_and_name_or_uuid(http: httpx.AsyncClient, emulator: TavusEmulator) -> None:
    old = await create(http, document_name="Handbook")
    emulator.advance(emulator.timings.document_processing)
    new = await create(http, document_name="Pricing sheet")

    async def matching(**query: Any) -> list[str]:
        body = (await http.get("/documents", params=query)).json()
        return [document["document_id"] for document in body["data"]]

    assert await matching(status="ready") == [old["document_id"]]
    assert await matching(status="started") == [new["document_id"]]
    assert await matching(name_or_uuid="pricing") == [new["document_id"]]
    assert await matching(name_or_uuid=old["document_id"]) == [old["document_id"]]


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ({"page": -1}, "page", "must be at least 0, got -1"),
        ({"limit": 0}, "limit", "must be at least 1, got 0"),
        ({"page": "two"}, "page", "must be an integer, got 'two'"),
    ],
)
async def test_list_rejects_bad_paging(
    http: httpx.AsyncClient, query: dict[str, Any], field: str, message: str
) -> None:
    response = await http.get("/documents", params=query)
    assert response.status_code == 400
    assert field in response.text
    assert message in response.text


async def test_list_filters_by_any_of_the_tags(http: httpx.AsyncClient) -> None:
    sales = await create(http, tags=["lesson-1", "sales"])
    lesson = await create(http, tags=["lesson-1"])
    support = await create(http, tags=["support"])
    await create(http)

    async def tagged(tags: str, **query: Any) -> tuple[list[str], int]:
        body = (await http.get("/documents", params={"tags": tags, **query})).json()
        return [document["document_id"] for document in body["data"]], body["total_count"]

    assert await tagged("sales") == ([sales["document_id"]], 1)
    assert await tagged("lesson-1") == ([sales["document_id"], lesson["document_id"]], 2)
    assert await tagged("sales,support") == ([sales["document_id"], support["document_id"]], 2)
    assert await tagged(" support , sales ") == ([sales["document_id"], support["document_id"]], 2)
    assert await tagged("unknown") == ([], 0)
    # total_count counts the matches over all pages.
    assert await tagged("lesson-1,support", limit=2, page=1) == ([support["document_id"]], 3)


async def test_list_filters_by_tags_after_an_update(http: httpx.AsyncClient) -> None:
    document = await create(http, tags=["old"])
    await http.patch(f"/documents/{document['document_id']}", json={"tags": ["new"]})
    assert (await http.get("/documents", params={"tags": "old"})).json()["data"] == []
    assert (await http.get("/documents", params={"tags": "new"})).json()["total_count"] == 1


# -- key scoping -----------------------------------------------------------------------------------------------


async def test_documents_are_only_visible_to_the_key_that_created_them(
    http: httpx.AsyncClient, other_http: httpx.AsyncClient, emulator: TavusEmulator
) -> None:
    document = await create(http, document_url=SITE, crawl=CRAWL, tags=["shared"])
    document_id = document["document_id"]
    emulator.advance(emulator.limits.recrawl_cooldown)
    message = "Document not found"
    assert official(await other_http.get(f"/documents/{document_id}"), 404) == message
    assert official(await other_http.patch(f"/documents/{document_id}", json={"tags": []}), 404) == message
    assert official(await other_http.post(f"/documents/{document_id}/recrawl"), 404) == message
    assert official(await other_http.delete(f"/documents/{document_id}"), 404) == message
    assert (await other_http.get("/documents")).json()["total_count"] == 0
    assert (await other_http.get("/documents", params={"tags": "shared"})).json()["total_count"] == 0
    # The owner still sees it, unchanged.
    owned = await fetch(http, document_id)
    assert (owned["status"], owned["tags"]) == ("ready", ["shared"])
    assert (await http.get("/documents")).json()["total_count"] == 1


async def test_another_sdk_client_gets_not_found(tavus: AsyncTavus, emulator: TavusEmulator) -> None:
    document = await tavus.documents.create(document_url=PDF)
    async with emulator.async_client(OTHER_KEY) as other:
        with pytest.raises(NotFoundError):
            await other.documents.get(document.document_id)
        assert [d async for d in other.documents.list()] == []
    assert (await tavus.documents.get(document.document_id)).document_id == document.document_id


# -- update and delete -----------------------------------------------------------------------------------------


async def test_update_is_a_plain_merge_of_name_and_tags(http: httpx.AsyncClient, emulator: TavusEmulator) -> None:
    document = await create(http, document_name="Company KB", tags=["docs"])
    document_id = document["document_id"]
    emulator.advance(60)
    response = await http.patch(f"/documents/{document_id}", json={"document_name": "Company KB (2025)"})
    assert response.status_code == 200
    renamed = response.json()
    assert_fits(renamed, "Document")
    assert (renamed["document_name"], renamed["tags"]) == ("Company KB (2025)", ["docs"])
    assert renamed["updated_at"] == iso(emulator.clock.now())
    assert renamed["created_at"] == document["created_at"]
    retagged = (await http.patch(f"/documents/{document_id}", json={"tags": ["docs", "onboarding"]})).json()
    # tags replace the stored list
    assert (retagged["document_name"], retagged["tags"]) == ("Company KB (2025)", ["docs", "onboarding"])
    assert await fetch(http, document_id) == retagged
    cleared = (await http.patch(f"/documents/{document_id}", json={"tags": []})).json()
    assert cleared["tags"] == []


async def test_update_while_processing_keeps_the_lifecycle_going(
    http: httpx.AsyncClient, emulator: TavusEmulator
) -> None:
    document = await create(http)
    await http.patch(f"/documents/{document['document_id']}", json={"document_name": "renamed"})
    emulator.advance(emulator.timings.document_processing)
    ready = await fetch(http, document["document_id"])
    assert (ready["status"], ready["document_name"]) == ("ready", "renamed")


async def test_update_rejects_json_patch_other_fields_and_empty_bodies(
    http: httpx.AsyncClient, emulator: TavusEmulator
) -> None:
    document = await create(http, document_name="kb")
    path = f"/documents/{document['document_id']}"
    json_patch = [{"op": "replace", "path": "/document_name", "value": "x"}]
    body = error_of(await http.patch(path, json=json_patch), 422)
    assert body["errors"][0]["field"] == "body"
    text = official(await http.patch(path, json={"document_url": "https://elsewhere.example.com/"}), 400)
    assert text == "Invalid request: document_url cannot be updated; only document_name and tags can be changed"
    text = official(await http.patch(path, json={}), 400)
    assert text == "Invalid request: nothing to update; send document_name and/or tags"
    body = error_of(await http.patch(path, json={"tags": "docs"}), 422)
    assert body["errors"] == [{"field": "tags", "message": "'docs' is not of type 'array'"}]
    assert await fetch(http, document["document_id"]) == document
    official(await http.patch("/documents/d0000000000", json={"tags": []}), 404)


async def test_delete_removes_the_document(http: httpx.AsyncClient) -> None:
    document = await create(http)
    path = f"/documents/{document['document_id']}"
    response = await http.delete(path)
    assert (response.status_code, response.content) == (204, b"")
    assert official(await http.get(path), 404) == "Document not found"
    assert (await http.get("/documents")).json()["total_count"] == 0
    official(await http.delete(path), 404)


async def test_trailing_slash_is_accepted(http: httpx.AsyncClient) -> None:
    response = await http.post("/documents/", json={"document_url": PDF})
    assert response.status_code == 200
    assert (await http.get("/documents/")).json()["total_count"] == 1


# -- webhooks --------------------------------------------------------------------------------------------------


async def test_status_callbacks_carry_the_document(hooked: TavusEmulator, sink: WebhookSink) -> None:
    hook = "https://your-server.com/webhook"
    async with hooked.async_client(API_KEY) as tavus:
        document = await tavus.documents.create(
            document_url=SITE, document_name="Company Knowledge Base", crawl=CRAWL, callback_url=hook
        )
        await tavus.documents.create(document_url=PDF)  # no callback_url: no callbacks
        start = hooked.clock.now()
        hooked.advance(hooked.limits.recrawl_cooldown)
        await tavus.documents.recrawl(document.document_id)
        hooked.advance(hooked.timings.crawl)
        await hooked.deliver_webhooks()
        final = await tavus.documents.get(document.document_id)
    assert sink.urls == [hook] * 5
    # The statuses the create-document page says callback_url receives: started, processing, ready (or error).
    assert sink.events() == ["started", "processing", "ready", "recrawling", "ready"]
    for payload in sink.received:
        assert_fits(payload, "Document")
        assert payload["document_id"] == document.document_id
        assert payload["callback_url"] == hook
    assert sink.received[0]["created_at"] == iso(start)
    assert sink.received[2]["updated_at"] == iso(start + hooked.timings.crawl)
    assert [payload["crawl_count"] for payload in sink.received] == [1, 1, 1, 1, 2]
    assert (final.status, final.crawl_count) == ("ready", 2)
    assert [delivery.event for delivery in hooked.deliveries] == [
        "document.started",
        "document.processing",
        "document.ready",
        "document.recrawling",
        "document.ready",
    ]


async def test_an_error_callback_names_the_error(hooked: TavusEmulator, sink: WebhookSink) -> None:
    async with hooked.async_client(API_KEY) as tavus:
        await tavus.documents.create(document_url="https://example.com/setup.exe", callback_url="https://hook.test/")
        hooked.advance(hooked.timings.document_processing)
        await hooked.deliver_webhooks()
    assert sink.events() == ["started", "processing", "error"]
    assert sink.received[-1]["error_message"] == "file_format_unsupported"


# -- through the SDK -------------------------------------------------------------------------------------------


async def test_async_for_walks_every_page(tavus: AsyncTavus, emulator: TavusEmulator) -> None:
    created = [(await tavus.documents.create(document_url=PDF, tags=["kb"])).document_id for _ in range(5)]
    await tavus.documents.create(document_url=PDF, tags=["other"])
    assert [document.document_id async for document in tavus.documents.list(limit=2, tags=["kb"])] == created
    first = await tavus.documents.list(limit=2, tags="kb")
    pages = [page async for page in first.iter_pages()]
    assert [len(page.data) for page in pages] == [2, 2, 1]
    assert {page.total_count for page in pages} == {5}
    assert len([document async for document in tavus.documents.list(limit=2)]) == 6
    # The first page is the server's page 0: nothing is skipped with the server's default size either.
    many = [(await tavus.documents.create(document_url=PDF, tags=["bulk"])).document_id for _ in range(11)]
    assert [document.document_id async for document in tavus.documents.list(tags="bulk")] == many
    assert [document.document_id for document in (await tavus.documents.list(tags="bulk")).data] == many[:10]


def test_sync_iteration_walks_every_page(sync_tavus: Tavus) -> None:
    created = [sync_tavus.documents.create(document_url=PDF).document_id for _ in range(5)]
    assert [document.document_id for document in sync_tavus.documents.list(limit=2)] == created
    assert [len(page.data) for page in sync_tavus.documents.list(limit=2).iter_pages()] == [2, 2, 1]
    assert [document.document_id for document in sync_tavus.documents.list(page=1, limit=2)] == created[2:]


async def test_wait_ready_polls_until_ready(
    tavus: AsyncTavus, emulator: TavusEmulator, clock_follows_polls: list[float]
) -> None:
    document = await tavus.documents.create(document_url=SITE, crawl=CRAWL)
    ready = await tavus.documents.wait_ready(document.document_id, poll_interval=2.0)
    assert ready.status == "ready"
    assert sum(clock_follows_polls) >= emulator.timings.crawl
    assert sum(clock_follows_polls[:-1]) < emulator.timings.crawl


async def test_wait_ready_raises_on_a_processing_error(tavus: AsyncTavus, clock_follows_polls: list[float]) -> None:
    document = await tavus.documents.create(document_url="https://example.com/notes.rtf")
    with pytest.raises(ResourceFailedError, match=r"file_format_unsupported") as e:
        await tavus.documents.wait_ready(document.document_id)
    assert e.value.last_status == "error"


async def test_sdk_errors_for_the_recrawl_rules(emulator: TavusEmulator) -> None:
    async with emulator.async_client(API_KEY, max_retries=0) as tavus:
        crawled = await tavus.documents.create(document_url=SITE, crawl=CRAWL)
        with pytest.raises(ConflictError, match=r"current status: started"):
            await tavus.documents.recrawl(crawled.document_id)
        emulator.advance(emulator.timings.crawl)
        with pytest.raises(RateLimitError) as limited:
            await tavus.documents.recrawl(crawled.document_id)
        assert limited.value.retry_after == emulator.limits.recrawl_cooldown - emulator.timings.crawl
        page = await tavus.documents.create(document_url=SITE)
        emulator.advance(emulator.timings.document_processing)
        with pytest.raises(BadRequestError, match=r"not created with crawl configuration"):
            await tavus.documents.recrawl(page.document_id)


async def test_full_lifecycle_through_the_async_client(
    tavus: AsyncTavus, emulator: TavusEmulator, clock_follows_polls: list[float]
) -> None:
    created = await tavus.documents.create(
        document_url=SITE, document_name="Company Knowledge Base", tags=["docs"], crawl=CRAWL
    )
    assert (created.status, created.crawl_count) == ("started", 1)
    assert created.crawl_config is not None
    assert (created.crawl_config.depth, created.crawl_config.max_pages) == (2, 20)
    ready = await tavus.documents.wait_ready(created.document_id)
    assert ready.status == "ready"
    assert [d.document_id async for d in tavus.documents.list(tags=["docs"])] == [created.document_id]
    updated = await tavus.documents.update(created.document_id, document_name="KB (2025)", tags=["docs", "faq"])
    assert (updated.document_name, updated.tags) == ("KB (2025)", ["docs", "faq"])
    emulator.advance(emulator.limits.recrawl_cooldown)
    recrawling = await tavus.documents.recrawl(created.document_id, crawl={"depth": 3, "max_pages": 50})
    assert recrawling.status == "recrawling"
    recrawled = await tavus.documents.wait_ready(created.document_id)
    assert (recrawled.status, recrawled.crawl_count) == ("ready", 2)
    assert recrawled.last_crawled_at is not None
    assert recrawled.created_at is not None
    assert recrawled.last_crawled_at > recrawled.created_at
    await tavus.documents.delete(created.document_id)
    with pytest.raises(NotFoundError):
        await tavus.documents.get(created.document_id)


def test_full_lifecycle_through_the_sync_client(sync_tavus: Tavus, emulator: TavusEmulator) -> None:
    created = sync_tavus.documents.create(document_url=PDF, document_name="slides", tags=["lesson-1"])
    assert created.status == "started"
    emulator.advance(emulator.timings.document_processing)
    assert sync_tavus.documents.wait_ready(created.document_id).status == "ready"
    assert sync_tavus.documents.update(created.document_id, tags=["lesson-2"]).tags == ["lesson-2"]
    assert [d.document_id for d in sync_tavus.documents.list(tags="lesson-2")] == [created.document_id]
    with pytest.raises(BadRequestError, match=r"not created with crawl configuration"):
        sync_tavus.documents.recrawl(created.document_id, crawl=CRAWL)
    sync_tavus.documents.delete(created.document_id)
    with pytest.raises(NotFoundError):
        sync_tavus.documents.get(created.document_id)


async def test_crawling_a_single_page_makes_it_a_crawl_document() -> None:
    emulator = TavusEmulator(limits=Limits(max_crawl_documents=2))
    async with httpx.AsyncClient(
        base_url=emulator.base_url, transport=emulator.transport(), headers={"x-api-key": API_KEY}
    ) as http:
        await create(http, document_url=SITE, crawl=CRAWL)
        page = await create(http, document_url="https://example.com/pricing")
        emulator.advance(emulator.timings.crawl)
        assert (await recrawl(http, page["document_id"], crawl=CRAWL)).status_code == 202
        text = official(await http.post("/documents", json={"document_url": SITE, "crawl": CRAWL}), 429)
        assert text.startswith("Crawl document limit reached (2)")
