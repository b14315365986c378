"""Both HTTP paths of ``AsyncTavus`` (httpx, and ``DefaultAioHttpClient``) against one real server on 127.0.0.1.

Each behaviour runs on both paths, so the fast path is held to what the httpx path does: models, typed errors,
retries with Retry-After, timeouts, connection failures, redirects, log redaction, the in-flight cap, closing.
"""

from __future__ import annotations

import asyncio
import gzip
import json
import logging
import socket
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest

from tavus_sdk import (
    APIConnectionError,
    APITimeoutError,
    AsyncTavus,
    AuthenticationError,
    DefaultAioHttpClient,
    InternalServerError,
    NotFoundError,
    RedirectError,
)
from tavus_sdk.types.conversation import Conversation
from tavus_sdk.types.persona import Persona

aiohttp = pytest.importorskip("aiohttp")
from aiohttp import web  # noqa: E402
from aiohttp.test_utils import TestServer  # noqa: E402

pytestmark = pytest.mark.slow

API_KEY = "tvs-paths-key-0123456789"
PERSONA = {
    "persona_id": "p1",
    "persona_name": "Concierge",
    "system_prompt": "Be brief.",
    "layers": {"llm": {"model": "tavus-gpt-oss"}},
    "created_at": "2026-11-21T09:14:03.512871Z",
}


@dataclass
class Seen:
    """What the server received."""

    requests: list[tuple[str, str, dict[str, str], bytes]] = field(default_factory=list)
    in_flight: int = 0
    most_in_flight: int = 0
    unavailable_left: int = 0


def make_app(seen: Seen) -> web.Application:
    async def record(request: web.Request) -> None:
        seen.requests.append((request.method, request.path, dict(request.headers), await request.read()))

    async def persona(request: web.Request) -> web.Response:
        await record(request)
        if request.headers.get("x-api-key") != API_KEY:
            return web.json_response({"message": "Invalid access token"}, status=401)
        return web.json_response({**PERSONA, "persona_id": request.match_info["id"]}, headers={"x-request-id": "rq1"})

    async def conversations(request: web.Request) -> web.Response:
        await record(request)
        body = await request.json()
        return web.json_response(
            {"conversation_id": "c1", "status": "active", "conversation_url": "https://t.test/c1", **body}
        )

    async def status(request: web.Request, code: int) -> web.Response:
        await record(request)
        return web.json_response({"message": f"failed with {code}"}, status=code, headers={"x-request-id": "rq-err"})

    async def flaky(request: web.Request) -> web.Response:
        await record(request)
        if seen.unavailable_left > 0:
            seen.unavailable_left -= 1
            return web.json_response({"message": "busy"}, status=503, headers={"retry-after": "0.2"})
        return web.json_response({**PERSONA, "persona_id": "flaky"})

    async def slow(request: web.Request) -> web.Response:
        await record(request)
        await asyncio.sleep(5)
        return web.json_response(PERSONA)

    async def moved(request: web.Request) -> web.Response:
        await record(request)
        return web.Response(status=302, headers={"location": "http://127.0.0.1:9/v2/personas/elsewhere"})

    async def counted(request: web.Request, persona_id: str) -> web.Response:
        seen.in_flight += 1
        seen.most_in_flight = max(seen.most_in_flight, seen.in_flight)
        try:
            await asyncio.sleep(0.05)
        finally:
            seen.in_flight -= 1
        return web.json_response({**PERSONA, "persona_id": persona_id})

    async def gzipped(request: web.Request) -> web.Response:
        await record(request)
        body = gzip.compress(json.dumps({**PERSONA, "persona_id": "gzip"}).encode())
        return web.Response(body=body, headers={"content-type": "application/json", "content-encoding": "gzip"})

    fixed = {"flaky": flaky, "slow": slow, "moved": moved, "gzip": gzipped}

    async def personas(request: web.Request) -> web.Response:
        # One route, dispatched here: aiohttp's router matches partial segments differently across versions.
        persona_id = request.match_info["id"]
        if persona_id in fixed:
            return await fixed[persona_id](request)
        if persona_id.startswith("status-"):
            return await status(request, int(persona_id.removeprefix("status-")))
        if persona_id.startswith("counted-"):
            return await counted(request, persona_id.removeprefix("counted-"))
        return await persona(request)

    app = web.Application()
    app.router.add_get("/v2/personas/{id}", personas)
    app.router.add_post("/v2/conversations", conversations)
    return app


@pytest.fixture
async def server() -> AsyncIterator[tuple[str, Seen]]:
    seen = Seen()
    test_server = TestServer(make_app(seen), host="127.0.0.1")
    await test_server.start_server()
    try:
        yield f"http://127.0.0.1:{test_server.port}/v2", seen
    finally:
        await test_server.close()


Factory = Callable[..., AsyncTavus]


@pytest.fixture(params=["httpx", "aiohttp"])
async def make_client(request: pytest.FixtureRequest) -> AsyncIterator[Factory]:
    """``AsyncTavus`` on the path under test; every client made is closed at the end."""
    made: list[AsyncTavus] = []

    def make(base_url: str, **kwargs: Any) -> AsyncTavus:
        if request.param == "aiohttp":
            kwargs["http_client"] = DefaultAioHttpClient()
        client = AsyncTavus(api_key=kwargs.pop("api_key", API_KEY), base_url=base_url, **kwargs)
        made.append(client)
        return client

    yield make
    for client in made:
        await client.close()


async def test_success_parses_models_and_sends_the_body(server: tuple[str, Seen], make_client: Factory) -> None:
    base_url, seen = server
    client = make_client(base_url)
    persona = await client.personas.get("p42")
    assert isinstance(persona, Persona)
    assert persona.persona_id == "p42"
    assert persona.layers is not None
    assert persona.layers.llm is not None
    assert persona.layers.llm.model == "tavus-gpt-oss"
    assert persona.created_at is not None
    assert persona.created_at.year == 2026

    conversation = await client.conversations.create(replica_id="r1", persona_id="p42")
    assert isinstance(conversation, Conversation)
    assert conversation.conversation_id == "c1"
    assert conversation.status == "active"
    method, path, headers, body = seen.requests[-1]
    assert (method, path) == ("POST", "/v2/conversations")
    assert headers["Content-Type"] == "application/json"
    assert headers["x-api-key"] == API_KEY
    assert headers["Accept"] == "application/json"
    assert headers["User-Agent"].startswith("tavus-kit/")
    assert body == b'{"replica_id":"r1","persona_id":"p42"}'


async def test_a_gzipped_body_is_decoded(server: tuple[str, Seen], make_client: Factory) -> None:
    base_url, seen = server
    raw = await make_client(base_url).personas.with_raw_response.get("gzip")
    assert raw.parsed.persona_id == "gzip"
    assert raw.headers["content-encoding"] == "gzip"
    assert "gzip" in seen.requests[-1][2]["Accept-Encoding"]


async def test_raw_response_carries_status_headers_and_request_id(
    server: tuple[str, Seen], make_client: Factory
) -> None:
    base_url, _ = server
    raw = await make_client(base_url).personas.with_raw_response.get("p1")
    assert raw.status_code == 200
    assert raw.request_id == "rq1"
    assert raw.headers["content-type"].startswith("application/json")
    assert raw.parsed.persona_id == "p1"
    assert raw.json()["persona_name"] == "Concierge"
    assert raw.elapsed is not None
    assert raw.elapsed >= 0


@pytest.mark.parametrize(("code", "error"), [(404, NotFoundError), (500, InternalServerError)], ids=["404", "500"])
async def test_error_statuses_raise_typed_errors(
    server: tuple[str, Seen], make_client: Factory, code: int, error: type[Exception]
) -> None:
    base_url, _ = server
    with pytest.raises(error) as caught:
        await make_client(base_url, max_retries=0).personas.get(f"status-{code}")
    assert caught.value.status_code == code  # type: ignore[attr-defined]
    assert caught.value.request_id == "rq-err"  # type: ignore[attr-defined]
    assert f"failed with {code}" in str(caught.value)


async def test_a_wrong_key_is_an_authentication_error(server: tuple[str, Seen], make_client: Factory) -> None:
    base_url, _ = server
    with pytest.raises(AuthenticationError, match="Invalid access token"):
        await make_client(base_url, api_key="tvs-wrong").personas.get("p1")


async def test_503_with_retry_after_is_retried_then_succeeds(server: tuple[str, Seen], make_client: Factory) -> None:
    base_url, seen = server
    seen.unavailable_left = 1
    started = time.monotonic()
    raw = await make_client(base_url).personas.with_raw_response.get("flaky")
    assert time.monotonic() - started >= 0.2  # Retry-After was waited for
    assert raw.status_code == 200
    assert raw.parsed.persona_id == "flaky"
    assert [path for _, path, _, _ in seen.requests] == ["/v2/personas/flaky"] * 2


async def test_a_slow_answer_is_a_timeout(server: tuple[str, Seen], make_client: Factory) -> None:
    base_url, _ = server
    started = time.monotonic()
    with pytest.raises(APITimeoutError):
        await make_client(base_url, timeout=0.3).personas.get("slow")
    assert time.monotonic() - started < 2.0  # one deadline for the call, retries included


async def test_a_read_timeout_inside_a_longer_deadline_is_retried_for_a_get(
    server: tuple[str, Seen], make_client: Factory
) -> None:
    base_url, seen = server
    with pytest.raises(APITimeoutError, match="ReadTimeout"):
        await make_client(base_url, timeout=0.3, deadline=5.0, max_retries=1).personas.get("slow")
    assert [path for _, path, _, _ in seen.requests] == ["/v2/personas/slow"] * 2


async def test_http_proxy_from_the_environment_is_used(
    server: tuple[str, Seen], make_client: Factory, monkeypatch: pytest.MonkeyPatch
) -> None:
    base_url, seen = server
    proxy = base_url.removesuffix("/v2")  # the local server answers the proxied request itself
    for name in ("NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy", "http_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HTTP_PROXY", proxy)
    persona = await make_client("http://tavus.test/v2").personas.get("p7")  # a host nobody resolves
    assert persona.persona_id == "p7"
    assert seen.requests[-1][2]["Host"] == "tavus.test"


async def test_connection_refused_is_a_connection_error_that_never_reached_the_server(make_client: Factory) -> None:
    with socket.socket() as sock:  # a port that was just free: nothing listens on it
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(APIConnectionError) as caught:
        await make_client(f"http://127.0.0.1:{port}/v2", max_retries=0).personas.get("p1")
    assert not isinstance(caught.value, APITimeoutError)
    assert caught.value.may_have_reached_server is False
    assert f"127.0.0.1:{port}/v2/personas/p1" in str(caught.value)


async def test_a_redirect_is_an_error_naming_its_location_and_is_not_followed(
    server: tuple[str, Seen], make_client: Factory
) -> None:
    base_url, seen = server
    with pytest.raises(RedirectError) as caught:
        await make_client(base_url).personas.get("moved")
    assert caught.value.location == "http://127.0.0.1:9/v2/personas/elsewhere"
    assert "http://127.0.0.1:9/v2/personas/elsewhere" in str(caught.value)
    assert [path for _, path, _, _ in seen.requests] == ["/v2/personas/moved"]


async def test_debug_log_redacts_the_key(
    server: tuple[str, Seen], make_client: Factory, caplog: pytest.LogCaptureFixture
) -> None:
    base_url, _ = server
    with caplog.at_level(logging.DEBUG, logger="tavus_sdk"):
        await make_client(base_url).personas.get("p1")
    assert f"GET {base_url}/personas/p1" in caplog.text
    assert "-> 200" in caplog.text
    assert "'x-api-key': '<redacted>'" in caplog.text
    assert API_KEY not in caplog.text


async def test_max_in_flight_caps_concurrent_requests(server: tuple[str, Seen], make_client: Factory) -> None:
    base_url, seen = server
    client = make_client(base_url, max_in_flight=3)
    personas = await asyncio.gather(*(client.personas.get(f"counted-{i}") for i in range(12)))
    assert [p.persona_id for p in personas] == [str(i) for i in range(12)]
    assert seen.most_in_flight == 3


async def test_closing_the_client_closes_its_connections(server: tuple[str, Seen], make_client: Factory) -> None:
    base_url, _ = server
    client = make_client(base_url)
    await client.personas.get("p1")
    http = client.http_client
    session = http.aiohttp_transport.session if isinstance(http, DefaultAioHttpClient) else None
    await client.close()
    assert http.is_closed
    if session is not None:
        assert session.closed
        with pytest.raises(APIConnectionError, match="closed"):
            await client.personas.get("p1", max_retries=0)


async def test_with_options_shares_the_pool_and_leaves_closing_it_to_the_parent(
    server: tuple[str, Seen], make_client: Factory
) -> None:
    base_url, _ = server
    parent = make_client(base_url)
    child = parent.with_options(max_retries=0)
    assert child.http_client is parent.http_client
    assert (await child.personas.get("p2")).persona_id == "p2"
    await child.close()
    assert (await parent.personas.get("p3")).persona_id == "p3"


async def test_a_per_call_timeout_and_headers_reach_the_server(server: tuple[str, Seen], make_client: Factory) -> None:
    base_url, seen = server
    client = make_client(base_url)
    persona = await client.personas.get("p5", extra_headers={"x-trace": "t1"}, timeout=5.0)
    assert persona.persona_id == "p5"
    assert seen.requests[-1][2]["x-trace"] == "t1"
    with pytest.raises(APITimeoutError):
        await client.personas.get("slow", timeout=0.2)


def test_httpx_response_types_are_kept() -> None:
    """The fast path hands out the same public types as the httpx path."""
    assert issubclass(DefaultAioHttpClient, httpx.AsyncClient)
