"""The aiohttp fast path without a socket: the missing-extra error, the error mapping, and the prepared requests
that both paths send (they must be what httpx itself would build)."""

from __future__ import annotations

import sys
from typing import Any

import httpx
import pytest

from tavus_sdk import ConfigurationError, DefaultAioHttpClient, MissingExtraError, Tavus, aiohttp_available
from tavus_sdk._requests import PreparedHeaders, join_url, plain_request

HEADERS = {"accept": "application/json", "user-agent": "tavus-kit/test", "x-api-key": "k"}


def test_without_aiohttp_the_client_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "aiohttp", None)  # what an environment without the extra looks like
    assert aiohttp_available() is False
    with pytest.raises(MissingExtraError) as caught:
        DefaultAioHttpClient()
    assert str(caught.value) == "DefaultAioHttpClient needs aiohttp: pip install 'tavus-kit[aiohttp]'"
    assert isinstance(caught.value, ImportError)
    assert isinstance(caught.value, ConfigurationError)


def test_the_blocking_client_refuses_the_aiohttp_client() -> None:
    pytest.importorskip("aiohttp")
    with pytest.raises(ConfigurationError, match="AsyncTavus"):
        Tavus(api_key="k", http_client=DefaultAioHttpClient())  # type: ignore[arg-type]


def _aiohttp_errors() -> list[Any]:
    aiohttp = pytest.importorskip("aiohttp")
    return [
        (aiohttp.ConnectionTimeoutError("connect"), httpx.ConnectTimeout),
        (aiohttp.SocketTimeoutError("read"), httpx.ReadTimeout),
        (aiohttp.ServerDisconnectedError(), httpx.RemoteProtocolError),
        (aiohttp.ClientPayloadError("short body"), httpx.RemoteProtocolError),
        (aiohttp.ClientOSError(104, "reset"), httpx.ReadError),
    ]


@pytest.mark.parametrize("index", range(5))
def test_aiohttp_errors_become_the_httpx_errors_that_mean_the_same(index: int) -> None:
    import aiohttp

    from tavus_sdk._aiohttp import _to_httpx_error

    error, expected = _aiohttp_errors()[index]
    request = httpx.Request("GET", "http://127.0.0.1/v2/personas/p1")
    mapped = _to_httpx_error(aiohttp, error, request)
    assert type(mapped) is expected
    assert mapped.request is request


@pytest.mark.parametrize("base", ["http://127.0.0.1:8080/v2", "https://tavusapi.com/v2", "https://h.test"])
@pytest.mark.parametrize(
    ("method", "path", "content"),
    [
        ("GET", "/personas/p1", None),
        ("GET", "/personas/a%2Fb%20c", None),
        ("DELETE", "/conversations/c1", None),
        ("POST", "/conversations/c1/end", None),
        ("POST", "/conversations", b'{"replica_id":"r1"}'),
        ("PATCH", "/personas/p1", b"[]"),
    ],
)
def test_prepared_requests_equal_what_httpx_builds(base: str, method: str, path: str, content: bytes | None) -> None:
    headers = {**HEADERS, "content-type": "application/json"} if content is not None else HEADERS
    expected = httpx.Request(method, base + path, headers=headers, content=content)
    prepared = PreparedHeaders(httpx.URL(base), HEADERS)
    url = join_url(httpx.URL(base), path)
    assert url is not None
    got = plain_request(method, url, prepared.json if content is not None else prepared.plain, content, {})
    assert str(got.url) == str(expected.url)
    assert got.url == expected.url
    assert got.url.raw_path == expected.url.raw_path
    assert got.headers.raw == expected.headers.raw
    assert got.content == expected.content
    assert got.method == expected.method


async def test_a_read_response_is_what_httpx_gives_for_the_same_bytes() -> None:
    from tavus_sdk._aiohttp import _response

    request = httpx.Request("GET", "http://127.0.0.1/v2/personas/p1")
    body = b'{"persona_id":"p1"}'
    raw = [(b"Content-Type", b"application/json"), (b"X-Request-Id", b"rq1")]
    got = _response(200, raw, body, request)
    expected = httpx.Response(200, headers=raw, content=body, request=request)
    assert got.content == expected.content == body
    assert got.json() == {"persona_id": "p1"}
    assert got.headers["x-request-id"] == "rq1"
    assert got.request is request
    assert (got.is_closed, got.is_stream_consumed) == (expected.is_closed, expected.is_stream_consumed)
    assert await got.aread() == body
    assert [chunk async for chunk in got.aiter_bytes()] == [body]


@pytest.mark.parametrize("path", ["/personas/a b", "/personas/../x", "/personas/./x", "/p?q=1", "/p#f", "/é"])
def test_paths_httpx_would_change_are_left_to_httpx(path: str) -> None:
    assert join_url(httpx.URL("https://tavusapi.com/v2"), path) is None
