"""The SDK against hostile input and a misbehaving server: every case is a row in a table, so the next one found
is one line to add. Nothing here leaves the process: respx and httpx mock transports stand in for the network."""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest
import respx

from tavus_sdk import APIError, AsyncTavus, ConfigurationError, Tavus, TavusError
from tavus_sdk._exceptions import (
    APIConnectionError,
    APIResponseValidationError,
    APITimeoutError,
    InternalServerError,
    InvalidRequestError,
    MalformedIdError,
    RedirectError,
)
from tavus_sdk._logging import REDACTED, redact, redact_url
from tavus_sdk._retry import parse_retry_after

from .conftest import API_KEY, BASE_URL, resolve

# -- ids that would change which URL is called -----------------------------------------------------------------

HOSTILE_IDS = ["", "   ", ".", "..", " .. ", "a/b", "../personas", "a\\b", "x" * 600]
VERBS = [
    lambda c, i: c.personas.delete(i),
    lambda c, i: c.personas.get(i),
    lambda c, i: c.conversations.end(i),
    lambda c, i: c.conversations.delete(i),
]


@pytest.mark.parametrize("bad_id", HOSTILE_IDS)
@pytest.mark.parametrize("verb", range(len(VERBS)))
async def test_hostile_ids_are_refused_before_sending(
    client: AsyncTavus | Tavus, router: respx.MockRouter, bad_id: str, verb: int
) -> None:
    router.route().mock(return_value=httpx.Response(200, json={}))
    with pytest.raises(MalformedIdError) as caught:
        await resolve(VERBS[verb](client, bad_id))
    assert isinstance(caught.value, TavusError)
    assert isinstance(caught.value, ValueError)
    assert "\n" not in str(caught.value)
    assert not router.calls


# -- redirects are errors that name where they point, and never carry the key elsewhere -------------------------

REDIRECTS = [
    (301, lambda c: c.personas.delete("p1"), "DELETE"),
    (302, lambda c: c.personas.get("p1"), "GET"),
    (307, lambda c: c.conversations.end("c1"), "POST"),
    (308, lambda c: c.conversations.delete("c1"), "DELETE"),
]


@pytest.mark.parametrize(("status", "call", "method"), REDIRECTS)
async def test_a_redirect_is_an_error_naming_the_location(
    client: AsyncTavus | Tavus, router: respx.MockRouter, status: int, call: Any, method: str
) -> None:
    where = "https://elsewhere.test/v2/x"
    router.route().mock(
        return_value=httpx.Response(status, headers={"location": where}, json={"persona_id": "not-this"})
    )
    with pytest.raises(RedirectError) as caught:
        await resolve(call(client))
    assert caught.value.location == where
    assert str(caught.value).startswith(f"{status} ")
    assert f"redirected to {where}" in str(caught.value)
    assert [c.request.method for c in router.calls] == [method]  # not followed, not retried


@pytest.mark.parametrize("kind", ["async", "sync"])
async def test_a_follow_redirects_client_of_your_own_never_sends_the_key_to_another_host(kind: str) -> None:
    with respx.mock(assert_all_called=False) as mock:
        mock.get(f"{BASE_URL}/personas/p1").mock(
            return_value=httpx.Response(307, headers={"location": "https://attacker.test/steal"})
        )
        stolen = mock.get("https://attacker.test/steal").mock(return_value=httpx.Response(200, json={}))
        if kind == "async":
            async with httpx.AsyncClient(follow_redirects=True) as http:
                with pytest.raises(RedirectError):
                    await AsyncTavus(api_key=API_KEY, base_url=BASE_URL, http_client=http).personas.get("p1")
        else:
            with httpx.Client(follow_redirects=True) as http, pytest.raises(RedirectError):
                Tavus(api_key=API_KEY, base_url=BASE_URL, http_client=http).personas.get("p1")
        assert not stolen.called


# -- Retry-After, parsed defensively ----------------------------------------------------------------------------

RETRY_AFTER = [
    ({"retry-after": "nan"}, None),
    ({"retry-after": "inf"}, None),
    ({"retry-after": "-inf"}, None),
    ({"retry-after": "-5"}, None),
    ({"retry-after": "1e400"}, None),
    ({"retry-after": "garbage"}, None),
    ({"retry-after": "9" * 5000}, None),
    ({"retry-after": "Mon, 99 Foo 99999 99:99:99 GMT"}, None),
    ({"retry-after-ms": "nan", "retry-after": "2"}, 2.0),
    ({"retry-after-ms": "1500"}, 1.5),
    ({"retry-after": "3"}, 3.0),
]


@pytest.mark.parametrize(("headers", "expected"), RETRY_AFTER)
def test_retry_after_is_parsed_defensively(headers: dict[str, str], expected: float | None) -> None:
    assert parse_retry_after(httpx.Headers(headers)) == expected


@pytest.mark.parametrize("value", ["nan", "inf", "-1", "garbage"])
async def test_a_bad_retry_after_falls_back_to_backoff(
    client: AsyncTavus | Tavus, router: respx.MockRouter, sleeps: list[float], value: str
) -> None:
    router.get("/personas/p1").mock(
        side_effect=[
            httpx.Response(429, headers={"retry-after": value}),
            httpx.Response(200, json={"persona_id": "p1"}),
        ]
    )
    assert (await resolve(client.personas.get("p1"))).persona_id == "p1"
    assert len(sleeps) == 1
    assert 0 < sleeps[0] <= 1.0


# -- one deadline per call, retries included --------------------------------------------------------------------


class _Trickle(httpx.AsyncByteStream, httpx.SyncByteStream):
    """A body sent one byte every ``every`` seconds: each read is quick, the whole is not."""

    def __init__(self, size: int, every: float) -> None:
        self.size, self.every, self.sent = size, every, 0

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for _ in range(self.size):
            await asyncio.sleep(self.every)
            self.sent += 1
            yield b" "

    def __iter__(self) -> Iterator[bytes]:
        for _ in range(self.size):
            time.sleep(self.every)
            self.sent += 1
            yield b" "


@pytest.mark.parametrize("kind", ["async", "sync"])
async def test_a_trickling_server_cannot_outlast_the_deadline(kind: str) -> None:
    stream = _Trickle(size=40, every=0.1)  # 4 s in all, 0.1 s per read

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"content-type": "application/json"}, stream=stream)

    transport = httpx.MockTransport(handler)
    if kind == "async":
        async with AsyncTavus(api_key=API_KEY, base_url=BASE_URL, transport=transport, timeout=1) as a:
            with pytest.raises(APITimeoutError, match="deadline"):
                await a.personas.get("p1", max_retries=0)
    else:
        with (
            Tavus(api_key=API_KEY, base_url=BASE_URL, transport=transport, timeout=1) as s,
            pytest.raises(APITimeoutError, match="deadline"),
        ):
            s.personas.get("p1", max_retries=0)
    assert stream.sent < stream.size  # abandoned part-way, not read to the end


async def test_retries_stop_at_the_deadline(client: AsyncTavus | Tavus, router: respx.MockRouter) -> None:
    route = router.get("/personas/p1").mock(return_value=httpx.Response(503, headers={"retry-after": "0.3"}))
    with pytest.raises(InternalServerError):
        await resolve(client.personas.get("p1", max_retries=10, deadline=0.5))
    assert 1 <= route.call_count < 11  # a wait that would end past the deadline is not started


# -- bounded concurrency and thread-safe set-up -----------------------------------------------------------------


async def test_a_fan_out_never_has_more_than_max_in_flight_requests_open() -> None:
    open_now = peak = 0

    async def handler(request: httpx.Request) -> httpx.Response:
        nonlocal open_now, peak
        open_now += 1
        peak = max(peak, open_now)
        await asyncio.sleep(0.001)
        open_now -= 1
        return httpx.Response(200, json={"persona_id": "p1"})

    async with AsyncTavus(
        api_key=API_KEY, base_url=BASE_URL, transport=httpx.MockTransport(handler), max_in_flight=16
    ) as client:
        results = await asyncio.gather(*(client.personas.get("p1") for _ in range(500)))
    assert len(results) == 500
    assert peak == 16


def test_threads_sharing_a_fresh_client_share_one_http_client(monkeypatch: pytest.MonkeyPatch) -> None:
    built: list[httpx.Client] = []
    original = httpx.Client.__init__

    def counting_init(self: httpx.Client, *args: Any, **kwargs: Any) -> None:
        time.sleep(0.01)  # widen the race window
        original(self, *args, **kwargs)
        built.append(self)

    monkeypatch.setattr(httpx.Client, "__init__", counting_init)
    transport = httpx.MockTransport(lambda r: httpx.Response(200, json={"persona_id": "p1"}))
    client = Tavus(api_key=API_KEY, base_url=BASE_URL, transport=transport)
    start = threading.Barrier(8)

    def call() -> None:
        start.wait()
        client.personas.get("p1")

    threads = [threading.Thread(target=call) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    client.close()
    assert len(built) == 1
    assert built[0].is_closed


# -- every failure is a TavusError, in one line -----------------------------------------------------------------


def _reply(status: int, body: bytes, **headers: str) -> Any:
    named = {k.replace("_", "-"): v for k, v in headers.items()}
    return lambda request: httpx.Response(status, headers=named, stream=httpx.ByteStream(body))


HTML = "text/html"
BROKEN_REPLIES = [
    # (the reply, the error class, words the one-line message must hold)
    (_reply(200, b"<html>\n<body>gateway</body>\n</html>", content_type=HTML),
     APIResponseValidationError, ["200", "text/html", "not the JSON"]),
    (_reply(502, b"<html>\n<h1>Bad gateway</h1>\n</html>", content_type=HTML),
     InternalServerError, ["502", "text/html, not JSON"]),
    (_reply(200, b'["not", "an", "object"]', content_type="application/json"),
     APIResponseValidationError, ["200", "does not fit"]),
    (_reply(200, b'{"persona_id": {"deep": true}}', content_type="application/json"),
     APIResponseValidationError, ["persona_id"]),
    (_reply(200, b"\x1f\x8bnot gzip", content_encoding="gzip"), APIConnectionError, ["decode"]),
    (_reply(200, b'{"persona_id": "p1"', content_type="application/json"),
     APIResponseValidationError, ["application/json"]),
]  # fmt: skip


@pytest.mark.parametrize(("reply", "error", "words"), BROKEN_REPLIES)
async def test_a_broken_reply_is_one_line_naming_what_came_back(
    client: AsyncTavus | Tavus, router: respx.MockRouter, reply: Any, error: type[APIError], words: list[str]
) -> None:
    router.get("/personas/p1").mock(side_effect=reply)
    with pytest.raises(error) as caught:
        await resolve(client.personas.get("p1", max_retries=0))
    message = str(caught.value)
    assert "\n" not in message
    assert "\r" not in message
    for word in words:
        assert word in message


BAD_CALLS = [
    (lambda c: c.replicas.rename("r1", "x", extra_body={"n": float("nan")}), InvalidRequestError),
    (lambda c: c.personas.get("p1", extra_headers={"x-note": "caf\u00e9 \u2603"}), InvalidRequestError),
]  # fmt: skip


@pytest.mark.parametrize(("call", "error"), BAD_CALLS)
async def test_arguments_that_cannot_be_sent_are_a_tavus_error(
    client: AsyncTavus | Tavus, router: respx.MockRouter, call: Any, error: type[TavusError]
) -> None:
    router.route().mock(return_value=httpx.Response(200, json={"persona_id": "p1"}))
    with pytest.raises(error):
        await resolve(call(client))
    assert not router.calls


async def test_a_closed_client_of_your_own_is_a_tavus_error() -> None:
    http = httpx.AsyncClient()
    await http.aclose()
    with pytest.raises(APIConnectionError, match="closed"):
        await AsyncTavus(api_key=API_KEY, base_url=BASE_URL, http_client=http).personas.get("p1")


async def test_one_bad_timestamp_does_not_fail_the_list(client: AsyncTavus | Tavus, router: respx.MockRouter) -> None:
    good = {"replica_id": "r1", "created_at": "2025-05-13T06:42:58Z"}
    odd = {"replica_id": "r2", "created_at": ""}
    router.get("/replicas").mock(return_value=httpx.Response(200, json={"data": [good, odd]}))
    replicas = (await resolve(client.replicas.list())).data
    assert [r.replica_id for r in replicas] == ["r1", "r2"]
    assert replicas[0].created_at.year == 2025
    assert replicas[1].created_at == ""  # kept as it came


# -- secrets ----------------------------------------------------------------------------------------------------

BAD_KEYS = [
    "tvs-7f3a\nb9c2",
    "tvs-7f3a\rb9c2",
    "tvs-7f3a\x1b[2Jb9c2",
    "tvs-7f3a b9c2",
    "tvs-7f3a\u00e9b9c2",
    "tvs-7f3a\x00",
]


@pytest.mark.parametrize("bad_key", BAD_KEYS)
@pytest.mark.parametrize("cls", [AsyncTavus, Tavus])
def test_a_key_with_control_characters_is_refused_without_echoing_it(bad_key: str, cls: type[Any]) -> None:
    with pytest.raises(ConfigurationError) as caught:
        cls(api_key=bad_key, base_url=BASE_URL)
    message = str(caught.value)
    assert "API key" in message
    assert "position" in message
    assert "7f3a" not in message
    assert "b9c2" not in message


REDACTIONS = [
    # (data, what must not survive)
    ({"api_key": "sk-1"}, "sk-1"),
    ({"layers": {"llm": {"api_key": "sk-2"}}}, "sk-2"),
    ([{"op": "replace", "path": "/layers/llm/api_key", "value": "sk-3"}], "sk-3"),
    ([{"op": "add", "path": "/layers/tts/api_key", "value": "sk-4"}], "sk-4"),
    ([{"op": "add", "path": "/layers/llm", "value": {"model": "m", "api_key": "sk-5"}}], "sk-5"),
    ([{"op": "test", "path": "/layers/llm/api_key", "value": "sk-6"}], "sk-6"),
    ({"base_url": "https://user:sk-7@llm.test/v1"}, "sk-7"),
    ({"meeting_token": "tok-8"}, "tok-8"),
    ({"webhook_secret": "wh-9"}, "wh-9"),
]


@pytest.mark.parametrize(("data", "secret"), REDACTIONS)
def test_one_redaction_rule_covers_keys_patch_paths_and_urls(data: Any, secret: str) -> None:
    assert secret not in repr(redact(data))


def test_redaction_keeps_what_is_not_secret() -> None:
    ops = [{"op": "replace", "path": "/layers/llm/model", "value": "tavus-gpt-4o"}]
    assert redact(ops) == ops
    assert redact_url("https://u:p@h.test:8443/v2") == f"https://{REDACTED}@h.test:8443/v2"


def test_debug_log_hides_patch_secrets_and_url_passwords(
    router: respx.MockRouter, caplog: pytest.LogCaptureFixture
) -> None:
    with respx.mock(assert_all_called=False) as mock:
        mock.patch("https://user:url-password@api.tavus.test/v2/personas/p1").mock(
            return_value=httpx.Response(200, json={"persona_id": "p1"})
        )
        with (
            caplog.at_level(logging.DEBUG, logger="tavus_sdk"),
            Tavus(api_key=API_KEY, base_url="https://user:url-password@api.tavus.test/v2") as client,
        ):
            client.personas.patch("p1", [{"op": "replace", "path": "/layers/llm/api_key", "value": "sk-patched"}])
            assert "url-password" not in repr(client)
    assert "sk-patched" not in caplog.text
    assert "url-password" not in caplog.text
    assert API_KEY not in caplog.text


def test_connection_errors_never_show_url_passwords() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    with (
        Tavus(
            api_key=API_KEY,
            base_url="https://user:url-password@api.tavus.test/v2",
            transport=httpx.MockTransport(refuse),
        ) as client,
        pytest.raises(APIConnectionError) as caught,
    ):
        client.personas.get("p1", max_retries=0)
    assert "url-password" not in str(caught.value)
