"""Each failure surfaces as its own exception, with the status, body and request id a caller needs."""

from __future__ import annotations

import httpx
import pytest
import respx

import tavus_sdk
from tavus_sdk import (
    APIConnectionError,
    APIError,
    APIKeyError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AsyncTavus,
    AuthenticationError,
    BadRequestError,
    ConcurrencyLimitError,
    ConfigurationError,
    ConflictError,
    InternalServerError,
    MalformedAPIKeyError,
    MissingAPIKeyError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    Tavus,
    TavusError,
    UnprocessableEntityError,
)

from .conftest import API_KEY, BASE_URL, resolve

STATUS_ERRORS = [
    (400, BadRequestError),
    (401, AuthenticationError),
    (403, PermissionDeniedError),
    (404, NotFoundError),
    (409, ConflictError),
    (422, UnprocessableEntityError),
    (429, RateLimitError),
    (500, InternalServerError),
    (502, InternalServerError),
    (503, InternalServerError),
    (418, APIStatusError),
]


def test_tree() -> None:
    assert issubclass(APIError, TavusError)
    assert issubclass(APIStatusError, APIError)
    assert issubclass(APIConnectionError, APIError)
    assert issubclass(APITimeoutError, APIConnectionError)
    assert issubclass(ConcurrencyLimitError, BadRequestError)
    for _, cls in STATUS_ERRORS:
        assert issubclass(cls, APIStatusError)
    for name in ("TavusError", "NotFoundError", "ConcurrencyLimitError", "APITimeoutError", "ResourceFailedError"):
        assert isinstance(getattr(tavus_sdk, name), type)


@pytest.mark.parametrize(("status", "cls"), STATUS_ERRORS)
async def test_status_maps_to_exception_and_keeps_body(
    client: AsyncTavus | Tavus, router: respx.MockRouter, status: int, cls: type[APIStatusError]
) -> None:
    body = {"message": f"problem {status}", "errors": [{"field": "persona_id", "message": "unknown"}]}
    router.get("/personas/p1").mock(return_value=httpx.Response(status, json=body, headers={"x-request-id": "req-9"}))

    with pytest.raises(cls) as caught:
        await resolve(client.with_options(max_retries=0).personas.get("p1"))

    error = caught.value
    assert type(error) is cls
    assert error.status_code == status
    assert error.body == body
    assert error.request_id == "req-9"
    assert error.request.url.path == "/v2/personas/p1"
    assert str(error).startswith(f"{status} ")
    assert "GET /v2/personas/p1" in str(error)
    assert "problem" in str(error)
    assert "persona_id: unknown" in str(error)


async def test_error_field_and_plain_text_bodies(client: AsyncTavus | Tavus, router: respx.MockRouter) -> None:
    router.get("/personas/a").mock(return_value=httpx.Response(401, json={"error": "Invalid access token"}))
    router.get("/personas/b").mock(return_value=httpx.Response(404, text="no such persona"))
    with pytest.raises(AuthenticationError, match="Invalid access token"):
        await resolve(client.personas.get("a"))
    with pytest.raises(NotFoundError, match="no such persona") as caught:
        await resolve(client.personas.get("b"))
    assert caught.value.body == "no such persona"


async def test_concurrency_limit_is_its_own_error(client: AsyncTavus | Tavus, router: respx.MockRouter) -> None:
    router.post("/conversations").mock(
        return_value=httpx.Response(400, json={"message": "User has reached maximum concurrent conversations"})
    )
    with pytest.raises(ConcurrencyLimitError, match="maximum concurrent conversations") as caught:
        await resolve(client.conversations.create(replica_id="r1"))
    assert caught.value.status_code == 400


async def test_other_400s_are_plain_bad_requests(client: AsyncTavus | Tavus, router: respx.MockRouter) -> None:
    router.post("/conversations").mock(return_value=httpx.Response(400, json={"message": "replica_id is required"}))
    with pytest.raises(BadRequestError) as caught:
        await resolve(client.conversations.create(persona_id="p1"))
    assert not isinstance(caught.value, ConcurrencyLimitError)


async def test_connection_refused(client: AsyncTavus | Tavus, router: respx.MockRouter) -> None:
    router.get("/replicas").mock(side_effect=httpx.ConnectError("connection refused"))
    with pytest.raises(APIConnectionError, match="ConnectError: connection refused") as caught:
        await resolve(client.with_options(max_retries=0).replicas.list())
    assert caught.value.may_have_reached_server is False
    assert not isinstance(caught.value, APITimeoutError)


async def test_read_timeout(client: AsyncTavus | Tavus, router: respx.MockRouter) -> None:
    router.get("/replicas").mock(side_effect=httpx.ReadTimeout("slow"))
    with pytest.raises(APITimeoutError, match="timed out") as caught:
        await resolve(client.with_options(max_retries=0).replicas.list())
    assert caught.value.may_have_reached_server is True


async def test_unparseable_success_body(client: AsyncTavus | Tavus, router: respx.MockRouter) -> None:
    router.get("/personas/p1").mock(return_value=httpx.Response(200, text="<html>gateway</html>"))
    with pytest.raises(
        APIResponseValidationError, match="GET /v2/personas/p1 answered 200 with text/plain, not the JSON"
    ) as caught:
        await resolve(client.personas.get("p1"))
    assert caught.value.body == "<html>gateway</html>"


async def test_success_body_missing_the_id(client: AsyncTavus | Tavus, router: respx.MockRouter) -> None:
    router.get("/personas/p1").mock(return_value=httpx.Response(200, json={"persona_name": "x"}))
    with pytest.raises(APIResponseValidationError, match="persona_id"):
        await resolve(client.personas.get("p1"))


def test_missing_api_key_is_a_configuration_error() -> None:
    with pytest.raises(MissingAPIKeyError, match="TAVUS_API_KEY") as caught:
        Tavus()
    assert isinstance(caught.value, APIKeyError)
    assert isinstance(caught.value, ConfigurationError)
    with pytest.raises(MissingAPIKeyError, match="TAVUS_API_KEY"):
        AsyncTavus(api_key="  ")


def test_a_key_that_cannot_be_sent_is_a_malformed_key_error() -> None:
    with pytest.raises(MalformedAPIKeyError, match="position 4 of 7") as caught:
        Tavus(api_key="abc def")
    assert isinstance(caught.value, APIKeyError)
    assert "abc" not in str(caught.value)


@pytest.mark.parametrize("url", ["tavusapi.com/v2", "ftp://tavusapi.com", "http://"])
def test_bad_base_url_is_a_configuration_error(url: str) -> None:
    with pytest.raises(ConfigurationError, match="base_url") as caught:
        Tavus(api_key=API_KEY, base_url=url)
    assert not isinstance(caught.value, APIKeyError)  # nothing to do with the key: the CLI exits 2, not 4


def test_environment_configures_the_client(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TAVUS_API_KEY", "env-key")
    monkeypatch.setenv("TAVUS_BASE_URL", BASE_URL + "/")
    client = Tavus()
    assert client.api_key == "env-key"
    assert client.base_url == BASE_URL
    assert "env-key" not in repr(client)
    assert Tavus(api_key="x").base_url == BASE_URL
    monkeypatch.delenv("TAVUS_BASE_URL")
    assert Tavus(api_key="x").base_url == "https://tavusapi.com/v2"
