"""Paging against servers that number pages differently, echo or not, count or not, or ignore ``page``.

Every list takes ``limit`` and ``page`` and answers ``{"data", "total_count"}``
(docs.tavus.io/api-reference/conversations/get-conversations); where pages start differs by source.
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest
import respx

from tavus_sdk import AsyncPaginator, AsyncTavus, SyncPage, Tavus

from .conftest import resolve


def pages_server(
    router: respx.MockRouter,
    path: str,
    id_field: str,
    *,
    total: int,
    first_page: int = 1,
    default_limit: int = 10,
    count: bool = True,
    echo: bool = False,
    ignores_page: bool = False,
    max_limit: int | None = None,
) -> respx.Route:
    """A list endpoint holding ``total`` items, paged the way its arguments say."""
    items = [{id_field: f"x{i:02d}"} for i in range(total)]

    def handler(request: httpx.Request) -> httpx.Response:
        limit = int(request.url.params.get("limit", default_limit))
        limit = min(limit, max_limit) if max_limit else limit
        page = int(request.url.params.get("page", first_page))
        index = 0 if ignores_page else page - first_page
        body: dict[str, Any] = {"data": items[index * limit : (index + 1) * limit]}
        if count:
            body["total_count"] = total
        if echo:
            body.update(page=page, limit=limit)
        return httpx.Response(200, json=body)

    return router.get(path).mock(side_effect=handler)


async def every(listing: Any, field: str) -> list[str]:
    if isinstance(listing, SyncPage):
        return [getattr(item, field) for item in listing]
    return [getattr(item, field) async for item in listing]


def sent_pages(route: respx.Route) -> list[str | None]:
    return [call.request.url.params.get("page") for call in route.calls]


async def test_every_page_is_walked_with_no_request_to_spare(
    client: AsyncTavus | Tavus, router: respx.MockRouter
) -> None:
    route = pages_server(router, "/personas", "persona_id", total=25)
    ids = await every(client.personas.list(), "persona_id")
    assert ids == [f"x{i:02d}" for i in range(25)]
    # The first request names no page (the server's first); total_count says when to stop.
    assert sent_pages(route) == [None, "2", "3"]


async def test_a_full_last_page_ends_the_walk_by_total_count(
    client: AsyncTavus | Tavus, router: respx.MockRouter
) -> None:
    route = pages_server(router, "/conversations", "conversation_id", total=20)
    assert len(await every(client.conversations.list(), "conversation_id")) == 20
    assert route.call_count == 2


async def test_a_server_that_caps_the_page_size_is_walked_to_total_count(
    client: AsyncTavus | Tavus, router: respx.MockRouter
) -> None:
    route = pages_server(router, "/conversations", "conversation_id", total=120, max_limit=50)
    ids = await every(client.conversations.list(limit=100), "conversation_id")
    assert ids == [f"x{i:02d}" for i in range(120)]
    assert sent_pages(route) == [None, "2", "3"]


async def test_without_total_count_a_short_page_is_the_last(
    client: AsyncTavus | Tavus, router: respx.MockRouter
) -> None:
    route = pages_server(router, "/replicas", "replica_id", total=23, count=False)
    assert len(await every(client.replicas.list(), "replica_id")) == 23
    assert route.call_count == 3


async def test_a_server_that_ignores_page_cannot_loop_the_walk(
    client: AsyncTavus | Tavus, router: respx.MockRouter
) -> None:
    route = pages_server(router, "/personas", "persona_id", total=25, ignores_page=True)
    ids = await every(client.personas.list(), "persona_id")
    assert ids == [f"x{i:02d}" for i in range(10)]  # nothing twice
    assert route.call_count == 3  # the first page, a repeat, one more try, then stop


@pytest.mark.parametrize("server_first_page", [0, 1])
async def test_videos_walk_whichever_number_the_first_page_has(
    client: AsyncTavus | Tavus, router: respx.MockRouter, server_first_page: int
) -> None:
    # Tavus's openapi.yaml says video pages start at 0, an older docs page says 1.
    route = pages_server(router, "/videos", "video_id", total=25, first_page=server_first_page)
    ids = await every(client.videos.list(), "video_id")
    assert ids == [f"x{i:02d}" for i in range(25)]
    expected = [None, "1", "2"] if server_first_page == 0 else [None, "1", "2", "3"]
    assert sent_pages(route) == expected


async def test_an_echoed_page_number_is_followed(client: AsyncTavus | Tavus, router: respx.MockRouter) -> None:
    # Personas are documented 1-based; a server that says its first page is 0 is believed.
    route = pages_server(router, "/personas", "persona_id", total=25, first_page=0, echo=True)
    assert len(await every(client.personas.list(), "persona_id")) == 25
    assert sent_pages(route) == [None, "1", "2"]


async def test_max_items_caps_the_items_and_the_requests(client: AsyncTavus | Tavus, router: respx.MockRouter) -> None:
    route = pages_server(router, "/conversations", "conversation_id", total=45)
    ids = await every(client.conversations.list(max_items=12), "conversation_id")
    assert ids == [f"x{i:02d}" for i in range(12)]
    assert route.call_count == 2
    assert len(await every(client.conversations.list(max_items=10), "conversation_id")) == 10
    assert route.call_count == 2 + 1
    assert all("max_items" not in call.request.url.params for call in route.calls)


async def test_one_page_on_request(client: AsyncTavus | Tavus, router: respx.MockRouter) -> None:
    route = pages_server(router, "/personas", "persona_id", total=25)
    page = await resolve(client.personas.list(limit=5, page=2))
    assert [p.persona_id for p in page.data] == ["x05", "x06", "x07", "x08", "x09"]
    assert (page.total_count, page.page, page.limit) == (25, 2, 5)
    assert route.call_count == 1
    assert dict(route.calls.last.request.url.params) == {"limit": "5", "page": "2"}


async def test_iterating_from_a_requested_page_continues_to_the_end(router: respx.MockRouter) -> None:
    route = pages_server(router, "/personas", "persona_id", total=25)
    async with AsyncTavus(api_key="k", base_url="https://api.tavus.test/v2") as client:
        listing = client.personas.list(limit=10, page=2)
        assert isinstance(listing, AsyncPaginator)
        ids = [p.persona_id async for p in listing]
    assert ids == [f"x{i:02d}" for i in range(10, 25)]
    assert sent_pages(route) == ["2", "3"]


async def test_filters_are_sent_on_every_page(client: AsyncTavus | Tavus, router: respx.MockRouter) -> None:
    route = pages_server(router, "/replicas", "replica_id", total=15)
    listing = client.replicas.list(replica_ids=["r1", "r2"], verbose=True, replica_type="user", model_name="phoenix-4")
    await every(listing, "replica_id")
    assert route.call_count == 2
    for call in route.calls:
        params = call.request.url.params
        assert (params["replica_ids"], params["verbose"], params["replica_type"], params["model_name"]) == (
            "r1,r2",
            "true",
            "user",
            "phoenix-4",
        )
    conversations = pages_server(router, "/conversations", "conversation_id", total=3)
    await every(client.conversations.list(status="active"), "conversation_id")
    assert conversations.calls.last.request.url.params["status"] == "active"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"limit": 0}, "limit must be a whole number from 1"),
        ({"page": 0}, "page must be a whole number from 1"),
        ({"max_items": -1}, "max_items must be a whole number from 1"),
        ({"limit": "10"}, "limit must be a whole number from 1"),
    ],
)
def test_bad_paging_values_are_refused_before_sending(
    sync_client: Tavus, router: respx.MockRouter, kwargs: dict[str, Any], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        sync_client.personas.list(**kwargs)
    assert not router.calls


def test_video_pages_may_start_at_0(sync_client: Tavus, router: respx.MockRouter) -> None:
    route = pages_server(router, "/videos", "video_id", total=5, first_page=0)
    assert len(sync_client.videos.list(page=0).data) == 5
    assert route.calls.last.request.url.params["page"] == "0"
