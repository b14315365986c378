"""``with_raw_response``: the HTTP response beside the parsed result.

raw = await client.personas.with_raw_response.get("p123")
raw.status_code, raw.headers["x-request-id"], raw.parsed.persona_name
"""

from __future__ import annotations

import contextvars
import inspect
import json
from collections.abc import Awaitable, Callable
from typing import Any, Generic, TypeVar

import httpx

from tavus_sdk._exceptions import _request_id

__all__ = ["AsyncRawResponseProxy", "RawResponse", "SyncRawResponseProxy", "record_response"]

T = TypeVar("T")

# Set only while a with_raw_response call runs; the client appends each response it receives.
_captured: contextvars.ContextVar[list[httpx.Response] | None] = contextvars.ContextVar(
    "tavus_sdk_captured_responses", default=None
)


def record_response(response: httpx.Response) -> None:
    captured = _captured.get()
    if captured is not None:
        captured.append(response)


class RawResponse(Generic[T]):
    """The parsed result of a call together with the HTTP response that carried it."""

    def __init__(self, parsed: T, responses: list[httpx.Response]) -> None:
        if not responses:
            raise RuntimeError("the call made no HTTP request")
        self.parsed = parsed
        self.responses = responses
        """Every response the call received, oldest first (one for most methods)."""
        self.http_response = responses[-1]

    @property
    def status_code(self) -> int:
        return self.http_response.status_code

    @property
    def headers(self) -> httpx.Headers:
        return self.http_response.headers

    @property
    def request_id(self) -> str | None:
        return _request_id(self.http_response.headers)

    @property
    def elapsed(self) -> float | None:
        """Seconds between sending the request and reading the response, when the transport measured it."""
        try:
            return self.http_response.elapsed.total_seconds()
        except RuntimeError:
            return None

    @property
    def text(self) -> str:
        return self.http_response.text

    def json(self) -> Any:
        return json.loads(self.http_response.content) if self.http_response.content else None

    def parse(self) -> T:
        return self.parsed

    def __repr__(self) -> str:
        request = self.http_response.request
        return f"<RawResponse [{self.status_code}] {request.method} {request.url.path}>"


class AsyncRawResponseProxy:
    """Calls the resource's methods and returns ``RawResponse`` objects instead of bare results."""

    def __init__(self, resource: object) -> None:
        self._resource = resource

    def __getattr__(self, name: str) -> Callable[..., Awaitable[RawResponse[Any]]]:
        method = getattr(self._resource, name)

        async def call(*args: Any, **kwargs: Any) -> RawResponse[Any]:
            captured: list[httpx.Response] = []
            token = _captured.set(captured)
            try:
                result = method(*args, **kwargs)
                if inspect.isawaitable(result):
                    result = await result
            finally:
                _captured.reset(token)
            return RawResponse(result, captured)

        return call


class SyncRawResponseProxy:
    """Calls the resource's methods and returns ``RawResponse`` objects instead of bare results."""

    def __init__(self, resource: object) -> None:
        self._resource = resource

    def __getattr__(self, name: str) -> Callable[..., RawResponse[Any]]:
        method = getattr(self._resource, name)

        def call(*args: Any, **kwargs: Any) -> RawResponse[Any]:
            captured: list[httpx.Response] = []
            token = _captured.set(captured)
            try:
                result = method(*args, **kwargs)
            finally:
                _captured.reset(token)
            return RawResponse(result, captured)

        return call
