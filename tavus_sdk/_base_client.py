"""The request loop shared by every resource: build, send, retry, map errors, parse.

Knows nothing of resources: it sends ``Operation`` objects.
"""

from __future__ import annotations

import json
import logging
import os
import platform
import time
from collections.abc import Mapping
from typing import Any, Generic, Self, TypeVar

import httpx
import pydantic

from tavus_sdk._exceptions import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APITimeoutError,
    ConfigurationError,
    decode_body,
    make_status_error,
)
from tavus_sdk._logging import logger, redact, redact_headers, setup_logging
from tavus_sdk._operation import Operation
from tavus_sdk._response import AsyncRawResponseProxy, SyncRawResponseProxy, record_response
from tavus_sdk._retry import RetryPolicy, async_retrying, is_retryable, sync_retrying
from tavus_sdk._types import Timeout
from tavus_sdk._version import __version__

__all__ = [
    "DEFAULT_BASE_URL",
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_TIMEOUT",
    "AsyncAPIClient",
    "AsyncAPIResource",
    "SyncAPIClient",
    "SyncAPIResource",
]

T = TypeVar("T")
HttpClientT = TypeVar("HttpClientT", httpx.AsyncClient, httpx.Client)
TransportT = TypeVar("TransportT", httpx.AsyncBaseTransport, httpx.BaseTransport)


class _Unset:
    def __repr__(self) -> str:
        return "UNSET"


UNSET = _Unset()

DEFAULT_BASE_URL = "https://tavusapi.com/v2"
DEFAULT_TIMEOUT = httpx.Timeout(60.0, connect=10.0)
DEFAULT_MAX_RETRIES = 2

_USER_AGENT = f"tavus-kit/{__version__} python/{platform.python_version()} httpx/{httpx.__version__}"


def _resolve_base_url(base_url: str | httpx.URL | None) -> str:
    raw = str(base_url or os.environ.get("TAVUS_BASE_URL") or DEFAULT_BASE_URL).strip()
    try:
        url = httpx.URL(raw)
    except httpx.InvalidURL as exc:
        raise ConfigurationError(f"base_url {raw!r} is not a valid URL: {exc}") from None
    if url.scheme not in ("http", "https") or not url.host:
        raise ConfigurationError(f"base_url {raw!r} must be an absolute http(s) URL such as {DEFAULT_BASE_URL!r}")
    return raw.rstrip("/")


def _to_timeout(timeout: Timeout) -> httpx.Timeout:
    return timeout if isinstance(timeout, httpx.Timeout) else httpx.Timeout(timeout)


class _ClientCore(Generic[HttpClientT, TransportT]):
    """Configuration, request building and response parsing: everything but the I/O."""

    _http: HttpClientT | None
    _transport: TransportT | None

    def __init__(
        self,
        *,
        api_key: str | None = None,
        base_url: str | httpx.URL | None = None,
        timeout: Timeout = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        default_headers: Mapping[str, str] | None = None,
        http_client: HttpClientT | None = None,
        transport: TransportT | None = None,
        retry_policy: RetryPolicy | None = None,
    ) -> None:
        """
        Args:
            api_key: defaults to ``TAVUS_API_KEY``.
            base_url: defaults to ``TAVUS_BASE_URL``, else ``https://tavusapi.com/v2``.
            timeout: seconds (or an ``httpx.Timeout``) per request; 60 s, 10 s to connect, by default.
            max_retries: retries of a failed request that is safe to retry (default 2).
            default_headers: headers sent with every request.
            http_client: an httpx client of your own (proxies, limits); you close it.
            transport: an httpx transport for the client this one creates (e.g. the local emulator's).
            retry_policy: backoff and Retry-After limits.
        """
        setup_logging()
        key = api_key if api_key is not None else os.environ.get("TAVUS_API_KEY")
        if not key or not key.strip():
            raise ConfigurationError(
                "No Tavus API key: pass api_key=... or set the TAVUS_API_KEY environment variable "
                "(keys are made at https://platform.tavus.io/api-keys)"
            )
        if max_retries < 0:
            raise ConfigurationError(f"max_retries must be 0 or more, got {max_retries}")
        self._api_key = key.strip()
        self.base_url = _resolve_base_url(base_url)
        self.timeout = _to_timeout(timeout)
        self.max_retries = max_retries
        self.retry_policy = retry_policy or RetryPolicy()
        self._default_headers = dict(default_headers or {})
        self._headers = {
            "accept": "application/json",
            "accept-encoding": "gzip, deflate",
            "user-agent": _USER_AGENT,
            **self._default_headers,
            "x-api-key": self._api_key,
        }
        if http_client is not None and transport is not None:
            raise ConfigurationError("pass either http_client or transport, not both")
        self._http = http_client
        self._transport = transport
        self._owns_http = http_client is None

    @property
    def http_client(self) -> HttpClientT:
        raise NotImplementedError

    def with_options(
        self,
        *,
        api_key: str | None = None,
        base_url: str | httpx.URL | None = None,
        timeout: Timeout | _Unset = UNSET,
        max_retries: int | None = None,
        default_headers: Mapping[str, str] | None = None,
        retry_policy: RetryPolicy | None = None,
    ) -> Self:
        """A client with some options changed that shares this one's connection pool (close this one)."""
        return type(self)(
            api_key=api_key or self.api_key,
            base_url=base_url or self.base_url,
            timeout=self.timeout if isinstance(timeout, _Unset) else timeout,
            max_retries=self.max_retries if max_retries is None else max_retries,
            default_headers={**self._default_headers, **(default_headers or {})},
            http_client=self.http_client,
            retry_policy=retry_policy or self.retry_policy,
        )

    @property
    def api_key(self) -> str:
        return self._api_key

    def __repr__(self) -> str:
        # Never the key: reprs end up in logs and tracebacks.
        return f"<{type(self).__name__} base_url={self.base_url!r}>"

    def _build_request(self, op: Operation[Any]) -> httpx.Request:
        options = op.options
        headers = self._headers
        extra_headers = options.get("extra_headers")
        if extra_headers:
            headers = {**headers, **extra_headers}
        query: dict[str, Any] | None = None
        if op.query or options.get("extra_query"):
            query = {
                k: v for k, v in {**(op.query or {}), **(options.get("extra_query") or {})}.items() if v is not None
            }
        body = op.body
        extra_body = options.get("extra_body")
        if extra_body:
            body = {**(body or {}), **extra_body}
        content: bytes | None = None
        if body is not None:
            content = json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode()
            headers = {**headers, "content-type": "application/json"}
        timeout = _to_timeout(options["timeout"]) if "timeout" in options else self.timeout
        url = self.base_url + op.path
        extensions = {"timeout": timeout.as_dict()}
        if self._owns_http:
            # Our own client has no defaults to merge, so skip httpx's merge step (~10 us a request).
            request = httpx.Request(
                op.method, url, params=query, headers=headers, content=content, extensions=extensions
            )
        else:
            # An injected client may carry headers, cookies or params of its own: let httpx merge them.
            request = self.http_client.build_request(
                op.method, url, params=query, headers=headers, content=content, extensions=extensions
            )
        if logger.isEnabledFor(logging.DEBUG):
            logger.debug(
                "Request: %s %s headers=%s body=%s",
                op.method,
                request.url,
                redact_headers(headers),
                json.dumps(redact(body)) if body is not None else None,
            )
        return request

    def _max_retries(self, op: Operation[Any]) -> int:
        return op.options.get("max_retries", self.max_retries)

    def _retry_safe(self, op: Operation[Any]) -> bool:
        return op.retry_safe or op.options.get("idempotent", False)

    @staticmethod
    def _transport_error(request: httpx.Request, exc: httpx.TransportError) -> APIConnectionError:
        # Connect failures and pool waits happen before a byte is sent; anything later may have been processed.
        never_sent = isinstance(exc, httpx.ConnectError | httpx.ConnectTimeout | httpx.PoolTimeout)
        target = f"{request.method} {request.url.scheme}://{request.url.netloc.decode()}{request.url.path}"
        if isinstance(exc, httpx.TimeoutException):
            return APITimeoutError(
                request,
                message=f"Request timed out ({type(exc).__name__}) on {target}",
                may_have_reached_server=not never_sent,
            )
        return APIConnectionError(
            request,
            message=f"Connection error ({type(exc).__name__}: {exc or 'no detail'}) on {target}",
            may_have_reached_server=not never_sent,
        )

    def _check(self, response: httpx.Response, started: float) -> httpx.Response:
        if logger.isEnabledFor(logging.DEBUG):
            logger.debug(
                "Response: %s %s -> %d in %.0f ms",
                response.request.method,
                response.request.url.path,
                response.status_code,
                (time.perf_counter() - started) * 1000,
            )
        if response.status_code >= 400:
            raise make_status_error(response)
        return response

    def _parse(self, op: Operation[T], response: httpx.Response) -> T:
        record_response(response)
        try:
            return op.parse(response)
        except (pydantic.ValidationError, ValueError) as exc:
            raise APIResponseValidationError(
                response,
                decode_body(response),
                message=f"Unexpected response body from {op.method} {response.request.url.path}: {exc}",
            ) from exc


class AsyncAPIClient(_ClientCore[httpx.AsyncClient, httpx.AsyncBaseTransport]):
    @property
    def http_client(self) -> httpx.AsyncClient:
        """The underlying httpx client, created on first use (creating one costs tens of ms)."""
        if self._http is None:
            self._http = httpx.AsyncClient(timeout=self.timeout, transport=self._transport)
        return self._http

    async def close(self) -> None:
        if self._http is not None and self._owns_http:
            await self._http.aclose()
            self._http = None

    async def _send(self, request: httpx.Request) -> httpx.Response:
        started = time.perf_counter()
        try:
            response = await self.http_client.send(request)
        except httpx.TransportError as exc:
            raise self._transport_error(request, exc) from exc
        return self._check(response, started)

    async def request(self, op: Operation[T]) -> T:
        request = self._build_request(op)
        try:
            response = await self._send(request)
        except APIError as first_error:
            max_retries = self._max_retries(op)
            retry_safe = self._retry_safe(op)
            if max_retries <= 0 or not is_retryable(first_error, retry_safe=retry_safe):
                raise
            pending: list[APIError] = [first_error]

            async def attempt() -> httpx.Response:
                # Tenacity starts from the failure we already have instead of sending again at once.
                if pending:
                    raise pending.pop()
                return await self._send(request)

            retrying = async_retrying(self.retry_policy, request, max_retries=max_retries, retry_safe=retry_safe)
            response = await retrying(attempt)
        return self._parse(op, response)


class SyncAPIClient(_ClientCore[httpx.Client, httpx.BaseTransport]):
    @property
    def http_client(self) -> httpx.Client:
        """The underlying httpx client, created on first use (creating one costs tens of ms)."""
        if self._http is None:
            self._http = httpx.Client(timeout=self.timeout, transport=self._transport)
        return self._http

    def close(self) -> None:
        if self._http is not None and self._owns_http:
            self._http.close()
            self._http = None

    def _send(self, request: httpx.Request) -> httpx.Response:
        started = time.perf_counter()
        try:
            response = self.http_client.send(request)
        except httpx.TransportError as exc:
            raise self._transport_error(request, exc) from exc
        return self._check(response, started)

    def request(self, op: Operation[T]) -> T:
        request = self._build_request(op)
        try:
            response = self._send(request)
        except APIError as first_error:
            max_retries = self._max_retries(op)
            retry_safe = self._retry_safe(op)
            if max_retries <= 0 or not is_retryable(first_error, retry_safe=retry_safe):
                raise
            pending: list[APIError] = [first_error]

            def attempt() -> httpx.Response:
                if pending:
                    raise pending.pop()
                return self._send(request)

            response = sync_retrying(self.retry_policy, request, max_retries=max_retries, retry_safe=retry_safe)(
                attempt
            )
        return self._parse(op, response)


class AsyncAPIResource:
    def __init__(self, client: AsyncAPIClient) -> None:
        self._client = client

    async def _send(self, op: Operation[T]) -> T:
        return await self._client.request(op)

    @property
    def with_raw_response(self) -> AsyncRawResponseProxy:
        """The same methods, returning ``RawResponse`` (status, headers, parsed body)."""
        return AsyncRawResponseProxy(self)


class SyncAPIResource:
    def __init__(self, client: SyncAPIClient) -> None:
        self._client = client

    def _send(self, op: Operation[T]) -> T:
        return self._client.request(op)

    @property
    def with_raw_response(self) -> SyncRawResponseProxy:
        """The same methods, returning ``RawResponse`` (status, headers, parsed body)."""
        return SyncRawResponseProxy(self)
