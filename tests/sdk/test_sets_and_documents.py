"""Tolerant parsing where Tavus's sources disagree, and the documents list that pages from 0 (against a mock server).

- ``GET /objectives/{id}`` and ``GET /guardrails/{id}``: ``data`` as a list (the patch examples' ``/data/0/...``)
  or as one object (openapi.yaml getObjective / getGuardrail); either way the SDK gives a list.
- objective and guardrail patches answer 200 ``{"message"}`` or 304 with no body: ``patch()`` reads the set back.
- ``GET /documents`` counts pages from 0: the SDK's first request names no page, and iteration continues from the
  page the server says it sent, so the first page is never skipped.
"""

from __future__ import annotations

import httpx
import pytest
import respx

from tavus_sdk import AsyncTavus, Tavus
from tests.sdk.conftest import resolve

ITEM = {"objective_name": "ask_name", "objective_prompt": "Ask for the name."}
RULE = {"guardrail_name": "no_prices", "guardrail_prompt": "Never quote prices."}


@pytest.mark.parametrize("data", [[ITEM], ITEM], ids=["list", "object"])
async def test_objectives_get_reads_data_as_a_list_or_one_object(
    client: AsyncTavus | Tavus, router: respx.MockRouter, data: object
) -> None:
    router.get("/objectives/o1").respond(200, json={"objectives_id": "o1", "data": data})
    got = await resolve(client.objectives.get("o1"))
    assert got.data is not None
    assert [item.objective_name for item in got.data] == ["ask_name"]


async def test_objectives_get_without_an_id_in_the_body_keeps_the_asked_id(
    client: AsyncTavus | Tavus, router: respx.MockRouter
) -> None:
    router.get("/objectives/o1").respond(200, json={"data": ITEM})
    got = await resolve(client.objectives.get("o1"))
    assert got.objectives_id == "o1"
    assert got.data is not None


@pytest.mark.parametrize("data", [[RULE], RULE], ids=["list", "object"])
async def test_guardrails_get_reads_data_as_a_list_or_one_object(
    client: AsyncTavus | Tavus, router: respx.MockRouter, data: object
) -> None:
    router.get("/guardrails/g1").respond(200, json={"guardrails_id": "g1", "data": data})
    got = await resolve(client.guardrails.get("g1"))
    assert got.data is not None
    assert [item.guardrail_name for item in got.data] == ["no_prices"]


@pytest.mark.parametrize(
    "answer",
    [
        httpx.Response(200, json={"message": "Objective updated successfully"}),
        httpx.Response(304),
        httpx.Response(200, text="OK"),
        httpx.Response(200),
    ],
    ids=["message", "304", "text", "empty"],
)
async def test_objectives_patch_reads_the_set_back_after_any_success(
    client: AsyncTavus | Tavus, router: respx.MockRouter, answer: httpx.Response
) -> None:
    sent = router.patch("/objectives/o1").mock(return_value=answer)
    read = router.get("/objectives/o1").respond(200, json={"objectives_id": "o1", "data": [ITEM]})
    patched = await resolve(
        client.objectives.patch("o1", [{"op": "replace", "path": "/data/0/objective_prompt", "value": "x"}])
    )
    assert (sent.call_count, read.call_count) == (1, 1)
    assert patched.objectives_id == "o1"


async def test_objectives_create_answer_is_the_documented_summary(
    client: AsyncTavus | Tavus, router: respx.MockRouter
) -> None:
    router.post("/objectives").respond(
        200,
        json={"objectives_id": "o1", "objective_name": "ask_name", "status": "active", "created_at": "2025-01-01"},
    )
    created = await resolve(client.objectives.create(data=[ITEM]))
    assert (created.objectives_id, created.objective_name, created.status, created.data) == (
        "o1",
        "ask_name",
        "active",
        None,
    )


@pytest.mark.parametrize("status", [202, 200])
async def test_recrawl_accepts_202(client: AsyncTavus | Tavus, router: respx.MockRouter, status: int) -> None:
    router.post("/documents/d1/recrawl").respond(status, json={"document_id": "d1", "status": "recrawling"})
    assert (await resolve(client.documents.recrawl("d1"))).status == "recrawling"


def _documents(start: int, count: int) -> list[dict[str, str]]:
    return [{"document_id": f"d{i}"} for i in range(start, start + count)]


async def test_documents_iteration_starts_at_the_first_page_and_walks_on(
    router: respx.MockRouter, sync_client: Tavus
) -> None:
    """A 0-based server: page 0 (asked for with no page) holds d0-d1, page 1 d2-d3, page 2 d4."""
    pages = {0: _documents(0, 2), 1: _documents(2, 2), 2: _documents(4, 1)}

    def answer(request: httpx.Request) -> httpx.Response:
        page = int(request.url.params.get("page", "0"))
        return httpx.Response(200, json={"data": pages.get(page, []), "total_count": 5, "page": page, "limit": 2})

    route = router.get("/documents").mock(side_effect=answer)
    ids = [d.document_id for d in sync_client.documents.list(limit=2)]
    assert ids == ["d0", "d1", "d2", "d3", "d4"]
    assert route.call_count == 3
    assert "page" not in route.calls[0].request.url.params
    assert [call.request.url.params.get("page") for call in route.calls[1:]] == ["1", "2"]


async def test_documents_filters_go_on_the_wire(async_client: AsyncTavus, router: respx.MockRouter) -> None:
    route = router.get("/documents").respond(200, json={"data": [], "total_count": 0, "page": 0, "limit": 10})
    await async_client.documents.list(tags=["a", "b"], status="ready", sort="descending", name_or_uuid="faq")
    params = route.calls[0].request.url.params
    assert dict(params) == {"tags": "a,b", "status": "ready", "sort": "descending", "name_or_uuid": "faq"}


async def test_pronunciation_dictionary_patch_304_reads_it_back(
    client: AsyncTavus | Tavus, router: respx.MockRouter
) -> None:
    router.patch("/pronunciation-dictionaries/pd_1").respond(304)
    router.get("/pronunciation-dictionaries/pd_1").respond(
        200, json={"pronunciation_dictionary_id": "pd_1", "name": "Brand", "rules": [], "rules_count": 0}
    )
    same = await resolve(
        client.pronunciation_dictionaries.patch("pd_1", [{"op": "replace", "path": "/name", "value": "Brand"}])
    )
    assert same.name == "Brand"
