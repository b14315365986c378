"""Client features: per-call options, raw responses, pagination, options copies, transports, logging."""

from __future__ import annotations

import json
import logging
from typing import Any

import httpx
import pytest
import respx

from tavus_sdk import AsyncPage, AsyncTavus, RawResponse, SyncPage, Tavus

from .conftest import API_KEY, BASE_URL, resolve


def ok(json: object, **headers: str) -> httpx.Response:
    return httpx.Response(200, json=json, headers=headers)


async def test_extra_headers_query_and_body(client: AsyncTavus | Tavus, router: respx.MockRouter) -> None:
    route = router.post("/conversations").mock(return_value=ok({"conversation_id": "c1"}))
    await resolve(
        client.conversations.create(
            replica_id="r1",
            extra_headers={"x-trace": "abc"},
            extra_query={"dry": "1"},
            extra_body={"test_mode": True, "replica_id": "r2"},
        )
    )
    sent = route.calls.last.request
    assert sent.headers["x-trace"] == "abc"
    assert sent.url.params["dry"] == "1"
    assert json.loads(sent.content) == {"replica_id": "r2", "test_mode": True}


async def test_per_call_timeout_reaches_the_transport(client: AsyncTavus | Tavus, router: respx.MockRouter) -> None:
    route = router.get("/personas/p1").mock(return_value=ok({"persona_id": "p1"}))
    await resolve(client.personas.get("p1", timeout=3.5))
    assert route.calls.last.request.extensions["timeout"] == httpx.Timeout(3.5).as_dict()
    await resolve(client.personas.get("p1"))
    assert route.calls.last.request.extensions["timeout"] == httpx.Timeout(60.0, connect=10.0).as_dict()


async def test_user_agent_and_accept(client: AsyncTavus | Tavus, router: respx.MockRouter) -> None:
    route = router.get("/personas").mock(return_value=ok({"data": []}))
    await resolve(client.personas.list())
    headers = route.calls.last.request.headers
    assert headers["user-agent"].startswith("tavus-kit/")
    assert headers["accept"] == "application/json"
    assert headers["accept-encoding"] == "gzip, deflate"


async def test_with_options_copies_and_overrides(router: respx.MockRouter) -> None:
    route = router.get("/personas").mock(return_value=ok({"data": []}))
    async with AsyncTavus(api_key=API_KEY, base_url=BASE_URL, default_headers={"x-a": "1"}) as client:
        other = client.with_options(api_key="other-key", default_headers={"x-b": "2"}, max_retries=7)
        assert other.max_retries == 7
        assert client.max_retries == 2
        assert other.http_client is client.http_client
        await other.personas.list()
        headers = route.calls.last.request.headers
        assert headers["x-api-key"] == "other-key"
        assert headers["x-a"] == "1"
        assert headers["x-b"] == "2"
        await other.close()  # a copy does not close the shared pool
        await client.personas.list()
        assert route.call_count == 2


def test_sync_raw_response(router: respx.MockRouter) -> None:
    router.get("/personas/p1").mock(return_value=ok({"persona_id": "p1"}, **{"x-request-id": "r-1"}))
    with Tavus(api_key=API_KEY, base_url=BASE_URL) as client:
        raw = client.personas.with_raw_response.get("p1")
    assert isinstance(raw, RawResponse)
    assert raw.status_code == 200
    assert raw.request_id == "r-1"
    assert raw.headers["content-type"] == "application/json"
    assert raw.parsed.persona_id == "p1"
    assert raw.parse() is raw.parsed
    assert raw.json() == {"persona_id": "p1"}


async def test_async_raw_response_for_list_and_delete(router: respx.MockRouter) -> None:
    router.get("/replicas").mock(return_value=ok({"data": [{"replica_id": "r1"}]}))
    router.delete("/replicas/r1").mock(return_value=httpx.Response(204))
    async with AsyncTavus(api_key=API_KEY, base_url=BASE_URL) as client:
        listed = await client.replicas.with_raw_response.list()
        deleted = await client.replicas.with_raw_response.delete("r1")
    assert isinstance(listed.parsed, AsyncPage)
    assert [r.replica_id for r in listed.parsed.data] == ["r1"]
    assert deleted.status_code == 204
    assert deleted.parsed is None


async def test_raw_response_does_not_leak_into_plain_calls(router: respx.MockRouter) -> None:
    router.get("/personas/p1").mock(return_value=ok({"persona_id": "p1"}))
    async with AsyncTavus(api_key=API_KEY, base_url=BASE_URL) as client:
        await client.personas.with_raw_response.get("p1")
        plain = await client.personas.get("p1")
    assert plain.persona_id == "p1"


def _documents_pages(router: respx.MockRouter, total: int, size: int, with_total: bool) -> respx.Route:
    """A documents list as Tavus pages it: from 0, page 0 when none is asked for (openapi.yaml listDocuments)."""
    docs = [{"document_id": f"d{i}"} for i in range(total)]

    def handler(request: httpx.Request) -> httpx.Response:
        page = int(request.url.params.get("page", "0"))
        chunk = docs[page * size : (page + 1) * size]
        body: dict[str, Any] = {"data": chunk}
        if with_total:
            body["total_count"] = total
        return ok(body)

    return router.get("/documents").mock(side_effect=handler)


@pytest.mark.parametrize("with_total", [True, False])
def test_sync_documents_iterate_every_page(router: respx.MockRouter, with_total: bool) -> None:
    route = _documents_pages(router, total=7, size=3, with_total=with_total)
    with Tavus(api_key=API_KEY, base_url=BASE_URL) as client:
        page = client.documents.list(limit=3, tags=["faq"])
        assert isinstance(page, SyncPage)
        assert [d.document_id for d in page.data] == ["d0", "d1", "d2"]
        assert page.has_next_page()
        ids = [d.document_id for d in page]
    assert ids == [f"d{i}" for i in range(7)]
    pages = [call.request.url.params.get("page") for call in route.calls]
    assert pages == [None, "1", "2"]  # page 0 is the server default; a short page 2 is the last
    assert all(call.request.url.params["tags"] == "faq" for call in route.calls)
    assert all(call.request.url.params["limit"] == "3" for call in route.calls)


async def test_async_documents_iterate_every_page(router: respx.MockRouter) -> None:
    route = _documents_pages(router, total=5, size=2, with_total=True)
    async with AsyncTavus(api_key=API_KEY, base_url=BASE_URL) as client:
        ids = [d.document_id async for d in client.documents.list(limit=2)]
        first = await client.documents.list(limit=2, page=1)
        second = await first.next_page()
    assert ids == ["d0", "d1", "d2", "d3", "d4"]
    assert route.call_count == 3 + 2
    assert [d.document_id for d in first.data] == ["d2", "d3"]
    assert [d.document_id for d in second.data] == ["d4"]
    assert not second.has_next_page()


def test_last_short_page_stops_without_total(router: respx.MockRouter) -> None:
    route = _documents_pages(router, total=4, size=2, with_total=False)
    with Tavus(api_key=API_KEY, base_url=BASE_URL) as client:
        assert len(list(client.documents.list(limit=2))) == 4
    # Two full pages, then an empty one proves the end.
    assert route.call_count == 3


@pytest.mark.parametrize("bad", [-1, "2", 1.5])
def test_bad_page_numbers_are_refused(router: respx.MockRouter, bad: object) -> None:
    with Tavus(api_key=API_KEY, base_url=BASE_URL) as client, pytest.raises(ValueError, match="whole number from 0"):
        client.documents.list(page=bad)  # type: ignore[arg-type]
    assert not router.calls


async def test_unpaged_lists_iterate_once(client: AsyncTavus | Tavus, router: respx.MockRouter) -> None:
    route = router.get("/personas").mock(return_value=ok({"data": [{"persona_id": "a"}, {"persona_id": "b"}]}))
    listing = client.personas.list()
    ids = [p.persona_id for p in listing] if isinstance(listing, SyncPage) else [p.persona_id async for p in listing]
    assert ids == ["a", "b"]
    assert route.call_count == 1


async def test_in_process_transport_needs_no_network() -> None:
    seen: list[httpx.Request] = []

    async def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"persona_id": "p9", "persona_name": "Local"})

    async with AsyncTavus(
        api_key="k", base_url="http://emulator.local/v2", transport=httpx.MockTransport(handler)
    ) as c:
        persona = await c.personas.get("p9")
    assert persona.persona_name == "Local"
    assert seen[0].url == "http://emulator.local/v2/personas/p9"


def test_injected_http_client_is_used_and_not_closed(router: respx.MockRouter) -> None:
    route = router.get("/personas").mock(return_value=ok({"data": []}))
    http = httpx.Client(headers={"x-proxy-auth": "p"}, params={"tenant": "t1"})
    with Tavus(api_key=API_KEY, base_url=BASE_URL, http_client=http) as client:
        client.personas.list(timeout=2.0)
        assert client.http_client is http
    sent = route.calls.last.request
    assert sent.headers["x-proxy-auth"] == "p"
    assert sent.url.params["tenant"] == "t1"
    assert sent.headers["x-api-key"] == API_KEY
    assert sent.extensions["timeout"] == httpx.Timeout(2.0).as_dict()
    assert not http.is_closed
    http.close()


def test_debug_log_redacts_the_key_and_secrets(router: respx.MockRouter, caplog: pytest.LogCaptureFixture) -> None:
    router.post("/personas").mock(return_value=ok({"persona_id": "p1"}))
    with caplog.at_level(logging.DEBUG, logger="tavus_sdk"), Tavus(api_key=API_KEY, base_url=BASE_URL) as client:
        client.personas.create(
            persona_name="x",
            system_prompt="y",
            layers={
                "llm": {"model": "m", "base_url": "https://llm.test", "api_key": "sk-llm-secret"},
                "tts": {"api_key": "tts-secret-key"},
            },
        )
    text = caplog.text
    assert "POST https://api.tavus.test/v2/personas" in text
    assert "-> 200" in text
    assert API_KEY not in text
    assert "sk-llm-secret" not in text
    assert "tts-secret-key" not in text
    assert "<redacted>" in text


@pytest.mark.slow
def test_tavus_log_env_turns_on_logging(tmp_path: Any) -> None:
    import subprocess
    import sys
    import textwrap

    script = textwrap.dedent(
        f"""
        import httpx
        from tavus_sdk import Tavus
        def handler(request):
            return httpx.Response(200, json={{"data": []}})
        client = Tavus(api_key="{API_KEY}", base_url="http://local.test/v2", transport=httpx.MockTransport(handler))
        client.personas.list()
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        env={"TAVUS_LOG": "debug", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert "Request: GET http://local.test/v2/personas" in result.stderr
    assert API_KEY not in result.stderr
    assert "<redacted>" in result.stderr
