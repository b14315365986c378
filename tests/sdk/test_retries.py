"""The retry policy: what is sent again, how many times, and how long the client waits first."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import httpx
import pytest
import respx

from tavus_sdk import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AsyncTavus,
    BadRequestError,
    ConflictError,
    InternalServerError,
    RateLimitError,
    RetryPolicy,
    Tavus,
)

from .conftest import API_KEY, BASE_URL, resolve

PERSONA = {"persona_id": "p1"}
CONVERSATION = {"conversation_id": "c1", "conversation_url": "https://tavus.daily.co/c1", "status": "active"}


def ok(json: object) -> httpx.Response:
    return httpx.Response(200, json=json)


@pytest.mark.parametrize("status", [408, 409, 429, 500, 502, 503, 504])
async def test_get_is_retried_on_retryable_status(
    client: AsyncTavus | Tavus, router: respx.MockRouter, sleeps: list[float], status: int
) -> None:
    route = router.get("/personas/p1").mock(side_effect=[httpx.Response(status), ok(PERSONA)])
    persona = await resolve(client.personas.get("p1"))
    assert persona.persona_id == "p1"
    assert route.call_count == 2
    assert len(sleeps) == 1


@pytest.mark.parametrize("status", [400, 401, 403, 404, 422])
async def test_client_errors_are_not_retried(
    client: AsyncTavus | Tavus, router: respx.MockRouter, sleeps: list[float], status: int
) -> None:
    route = router.get("/personas/p1").mock(return_value=httpx.Response(status))
    with pytest.raises(APIStatusError):
        await resolve(client.personas.get("p1"))
    assert route.call_count == 1
    assert sleeps == []


async def test_gives_up_after_max_retries_with_the_last_error(
    client: AsyncTavus | Tavus, router: respx.MockRouter, sleeps: list[float]
) -> None:
    route = router.get("/replicas").mock(return_value=httpx.Response(500, json={"message": "boom"}))
    with pytest.raises(InternalServerError, match="boom"):
        await resolve(client.replicas.list())
    assert route.call_count == 3  # the default max_retries is 2
    assert len(sleeps) == 2


@pytest.mark.parametrize("max_retries", [0, 1, 4])
async def test_max_retries_per_client_and_per_call(
    client: AsyncTavus | Tavus, router: respx.MockRouter, sleeps: list[float], max_retries: int
) -> None:
    route = router.get("/replicas").mock(return_value=httpx.Response(503))
    with pytest.raises(InternalServerError):
        await resolve(client.with_options(max_retries=max_retries).replicas.list())
    assert route.call_count == max_retries + 1

    route.reset()
    with pytest.raises(InternalServerError):
        await resolve(client.replicas.list(max_retries=max_retries))
    assert route.call_count == max_retries + 1


async def test_backoff_grows_exponentially_with_jitter(router: respx.MockRouter, sleeps: list[float]) -> None:
    policy = RetryPolicy(initial_delay=1.0, max_delay=5.0)
    client = Tavus(api_key=API_KEY, base_url=BASE_URL, max_retries=4, retry_policy=policy)
    router.get("/videos").mock(return_value=httpx.Response(502))
    with pytest.raises(InternalServerError):
        client.videos.list(idempotent=True)
    assert len(sleeps) == 4
    for wait, nominal in zip(sleeps, [1.0, 2.0, 4.0, 5.0], strict=True):
        assert 0.75 * nominal <= wait <= nominal


@pytest.mark.parametrize(("header", "expected"), [("3", 3.0), ("0.5", 0.5), ("0", 0.0)])
async def test_retry_after_seconds_is_honoured(
    client: AsyncTavus | Tavus, router: respx.MockRouter, sleeps: list[float], header: str, expected: float
) -> None:
    router.get("/personas").mock(side_effect=[httpx.Response(429, headers={"Retry-After": header}), ok({"data": []})])
    await resolve(client.personas.list())
    assert sleeps == [expected]


async def test_retry_after_http_date_is_honoured(
    client: AsyncTavus | Tavus, router: respx.MockRouter, sleeps: list[float]
) -> None:
    when = format_datetime(datetime.now(UTC) + timedelta(seconds=20), usegmt=True)
    router.get("/personas").mock(side_effect=[httpx.Response(503, headers={"Retry-After": when}), ok({"data": []})])
    await resolve(client.personas.list())
    assert len(sleeps) == 1
    assert 17.0 <= sleeps[0] <= 20.0


async def test_a_retry_after_beyond_the_cap_is_not_waited_for(router: respx.MockRouter, sleeps: list[float]) -> None:
    client = Tavus(api_key=API_KEY, base_url=BASE_URL, retry_policy=RetryPolicy(max_retry_after=10.0))
    route = router.get("/personas").mock(
        side_effect=[httpx.Response(429, headers={"Retry-After": "3600"}), ok({"data": []})]
    )
    with pytest.raises(RateLimitError) as caught:
        client.personas.list()
    assert caught.value.retry_after == 3600.0
    assert sleeps == []
    assert route.call_count == 1


async def test_a_retry_after_within_the_cap_is_waited_for(router: respx.MockRouter, sleeps: list[float]) -> None:
    client = Tavus(api_key=API_KEY, base_url=BASE_URL, retry_policy=RetryPolicy(max_retry_after=10.0))
    router.get("/personas").mock(side_effect=[httpx.Response(429, headers={"Retry-After": "10"}), ok({"data": []})])
    client.personas.list()
    assert sleeps == [10.0]


async def test_rate_limit_error_exposes_retry_after(client: AsyncTavus | Tavus, router: respx.MockRouter) -> None:
    router.get("/personas").mock(return_value=httpx.Response(429, headers={"Retry-After": "42"}))
    with pytest.raises(RateLimitError) as caught:
        await resolve(client.personas.list(max_retries=0))
    assert caught.value.retry_after == 42.0


async def test_connect_errors_are_retried_even_for_create(
    client: AsyncTavus | Tavus, router: respx.MockRouter, sleeps: list[float]
) -> None:
    route = router.post("/conversations").mock(side_effect=[httpx.ConnectError("refused"), ok(CONVERSATION)])
    conversation = await resolve(client.conversations.create(replica_id="r1"))
    assert conversation.conversation_id == "c1"
    assert route.call_count == 2


@pytest.mark.parametrize(
    "failure",
    [httpx.ReadTimeout("slow"), httpx.RemoteProtocolError("server disconnected"), httpx.ReadError("reset")],
    ids=["read-timeout", "dropped-response", "read-error"],
)
async def test_create_is_never_resent_after_it_may_have_reached_the_server(
    client: AsyncTavus | Tavus, router: respx.MockRouter, sleeps: list[float], failure: Exception
) -> None:
    route = router.post("/conversations").mock(side_effect=[failure, ok(CONVERSATION)])
    with pytest.raises(APIConnectionError) as caught:
        await resolve(client.conversations.create(replica_id="r1"))
    assert caught.value.may_have_reached_server is True
    assert route.call_count == 1
    assert sleeps == []


async def test_create_marked_idempotent_is_resent_after_timeout(
    client: AsyncTavus | Tavus, router: respx.MockRouter, sleeps: list[float]
) -> None:
    route = router.post("/conversations").mock(side_effect=[httpx.ReadTimeout("slow"), ok(CONVERSATION)])
    conversation = await resolve(client.conversations.create(replica_id="r1", idempotent=True))
    assert conversation.conversation_id == "c1"
    assert route.call_count == 2


@pytest.mark.parametrize("status", [500, 502, 504, 409])
async def test_create_is_not_resent_after_a_status_that_may_mean_it_was_processed(
    client: AsyncTavus | Tavus, router: respx.MockRouter, sleeps: list[float], status: int
) -> None:
    route = router.post("/conversations").mock(side_effect=[httpx.Response(status), ok(CONVERSATION)])
    with pytest.raises((InternalServerError, ConflictError)):
        await resolve(client.conversations.create(replica_id="r1"))
    assert route.call_count == 1


@pytest.mark.parametrize("status", [408, 429, 503])
async def test_create_is_resent_after_a_refusal(
    client: AsyncTavus | Tavus, router: respx.MockRouter, sleeps: list[float], status: int
) -> None:
    route = router.post("/conversations").mock(side_effect=[httpx.Response(status), ok(CONVERSATION)])
    await resolve(client.conversations.create(replica_id="r1"))
    assert route.call_count == 2


@pytest.mark.parametrize(
    ("method", "path", "call"),
    [
        ("GET", "/conversations/c1", lambda c: c.conversations.get("c1")),
        ("DELETE", "/conversations/c1", lambda c: c.conversations.delete("c1")),
        ("POST", "/conversations/c1/end", lambda c: c.conversations.end("c1")),
    ],
    ids=["get", "delete", "end"],
)
async def test_safe_requests_are_retried_after_read_timeout(
    client: AsyncTavus | Tavus, router: respx.MockRouter, sleeps: list[float], method: str, path: str, call: object
) -> None:
    route = router.request(method, path).mock(side_effect=[httpx.ReadTimeout("slow"), ok(CONVERSATION)])
    await resolve(call(client))  # type: ignore[operator]
    assert route.call_count == 2


async def test_timeout_surfaces_after_retries(
    client: AsyncTavus | Tavus, router: respx.MockRouter, sleeps: list[float]
) -> None:
    route = router.get("/conversations/c1").mock(side_effect=httpx.ReadTimeout("slow"))
    with pytest.raises(APITimeoutError):
        await resolve(client.conversations.get("c1"))
    assert route.call_count == 3


async def test_json_patch_is_not_resent_after_timeout(
    client: AsyncTavus | Tavus, router: respx.MockRouter, sleeps: list[float]
) -> None:
    route = router.patch("/personas/p1").mock(side_effect=[httpx.ReadTimeout("slow"), ok(PERSONA)])
    with pytest.raises(APITimeoutError):
        await resolve(client.personas.patch("p1", [{"op": "add", "path": "/layers/llm/tools/-", "value": {}}]))
    assert route.call_count == 1


async def test_no_retry_on_bad_request_even_when_safe(
    client: AsyncTavus | Tavus, router: respx.MockRouter, sleeps: list[float]
) -> None:
    route = router.post("/conversations/c1/end").mock(return_value=httpx.Response(400))
    with pytest.raises(BadRequestError):
        await resolve(client.conversations.end("c1"))
    assert route.call_count == 1
