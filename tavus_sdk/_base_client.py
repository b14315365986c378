"""The request loop shared by every resource: build, send, retry, map errors, parse.

Knows nothing of resources: it sends ``Operation`` objects.
"""

from __future__ import annotations

import asyncio
import json
import logging
import math
import os
import platform
import threading
import time
from collections.abc import Mapping
from typing import Any, Generic, Self, TypeVar

import httpx
import pydantic

from tavus_sdk._aiohttp import AioHttpTransport, DefaultAioHttpClient
from tavus_sdk._exceptions import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APITimeoutError,
    ConfigurationError,
    InvalidRequestError,
    MalformedAPIKeyError,
    MissingAPIKeyError,
    content_type,
    decode_body,
    make_status_error,
    one_line,
    redirect_error,
)
from tavus_sdk._logging import logger, redact, redact_headers, redact_url, setup_logging
from tavus_sdk._operation import Operation
from tavus_sdk._requests import PreparedHeaders, join_url, plain_request
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
DEFAULT_MAX_IN_FLIGHT = 64
"""Requests one client sends at once; the rest wait their turn (inside their deadline) instead of each opening a
connection: 500 calls gathered at once finish about as fast as 500 calls capped by hand."""

_USER_AGENT = f"tavus-kit/{__version__} python/{platform.python_version()} httpx/{httpx.__version__}"


def _resolve_base_url(base_url: str | httpx.URL | None) -> str:
    raw = str(base_url or os.environ.get("TAVUS_BASE_URL") or DEFAULT_BASE_URL).strip()
    shown = one_line(redact_url(raw), 200)
    try:
        url = httpx.URL(raw)
    except httpx.InvalidURL as exc:
        raise ConfigurationError(f"base_url {shown!r} is not a valid URL: {exc}") from None
    if url.scheme not in ("http", "https") or not url.host:
        raise ConfigurationError(f"base_url {shown!r} must be an absolute http(s) URL such as {DEFAULT_BASE_URL!r}")
    return raw.rstrip("/")


def check_api_key(key: str) -> str:
    """The key, stripped; refused (without echoing it) when it holds anything a header cannot carry as typed."""
    key = key.strip()
    for position, char in enumerate(key, start=1):
        if not ("!" <= char <= "~"):
            what = "a control character" if not char.isprintable() else "a space or a non-ASCII character"
            raise MalformedAPIKeyError(
                f"the API key has {what} at position {position} of {len(key)} (not shown); "
                "copy it again without quotes or line breaks"
            )
    return key


def _default_deadline(timeout: httpx.Timeout) -> float | None:
    """The whole call, retries included, ends within the longest of the timeout's limits (60 s by default)."""
    limits = [v for v in (timeout.connect, timeout.read, timeout.write, timeout.pool) if v is not None]
    return max(limits) if limits else None


def _check_deadline(deadline: float | None, what: str = "deadline") -> float | None:
    if deadline is not None and (not isinstance(deadline, int | float) or not math.isfinite(deadline) or deadline <= 0):
        raise ConfigurationError(f"{what} must be a positive number of seconds or None, got {deadline!r}")
    return deadline


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
        deadline: float | None = None,
        max_in_flight: int = DEFAULT_MAX_IN_FLIGHT,
    ) -> None:
        """
        Args:
            api_key: defaults to ``TAVUS_API_KEY``.
            base_url: defaults to ``TAVUS_BASE_URL``, else ``https://tavusapi.com/v2``.
            timeout: seconds (or an ``httpx.Timeout``) per request; 60 s, 10 s to connect, by default.
            max_retries: retries of a failed request that is safe to retry (default 2).
            default_headers: headers sent with every request.
            http_client: an httpx client of your own (proxies, limits); you close it. Or ``DefaultAioHttpClient()``
                (``pip install 'tavus-kit[aiohttp]'``), several times faster under concurrency; this client closes it.
            transport: an httpx transport for the client this one creates (e.g. the local emulator's).
            retry_policy: backoff and Retry-After limits.
            deadline: seconds for a whole call, retries and waits included; by default the longest of the
                timeout's limits, so ``timeout=1`` means a call is over in about a second.
            max_in_flight: requests this client sends at once; the others wait their turn.
        """
        setup_logging()
        key = api_key if api_key is not None else os.environ.get("TAVUS_API_KEY")
        if not key or not key.strip():
            raise MissingAPIKeyError(
                "No Tavus API key: pass api_key=... or set the TAVUS_API_KEY environment variable "
                "(keys are made at https://platform.tavus.io/api-keys)"
            )
        if max_retries < 0:
            raise ConfigurationError(f"max_retries must be 0 or more, got {max_retries}")
        self._api_key = check_api_key(key)
        self.base_url = _resolve_base_url(base_url)
        self._base = httpx.URL(self.base_url)  # parsed once; request URLs are built on it
        self.timeout = _to_timeout(timeout)
        self._deadline_given = deadline is not None
        self.deadline = _check_deadline(deadline) if deadline is not None else _default_deadline(self.timeout)
        if not isinstance(max_in_flight, int) or max_in_flight < 1:
            raise ConfigurationError(f"max_in_flight must be 1 or more, got {max_in_flight!r}")
        self.max_in_flight = max_in_flight
        self._setup_lock = threading.Lock()
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
        self._prepared = PreparedHeaders(self._base, self._headers)
        if http_client is not None and transport is not None:
            raise ConfigurationError("pass either http_client or transport, not both")
        self._http = http_client
        self._transport = transport
        # The aiohttp client is made for this one: it carries no defaults of its own, and requests go straight
        # to its transport (httpx's client machinery is most of the cost it saves).
        self._direct: AioHttpTransport | None = None
        if isinstance(http_client, DefaultAioHttpClient):
            if not isinstance(self, AsyncAPIClient):
                raise ConfigurationError("DefaultAioHttpClient is asynchronous: pass it to AsyncTavus, not Tavus")
            self._direct = http_client.aiohttp_transport
            self._direct.size_pool(max_in_flight)
        self._plain_http = http_client is None or self._direct is not None
        self._owns_http = self._plain_http

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
        deadline: float | _Unset | None = UNSET,
    ) -> Self:
        """A client with some options changed that shares this one's connection pool (close this one)."""
        clone = type(self)(
            api_key=api_key or self.api_key,
            base_url=base_url or self.base_url,
            timeout=self.timeout if isinstance(timeout, _Unset) else timeout,
            max_retries=self.max_retries if max_retries is None else max_retries,
            default_headers={**self._default_headers, **(default_headers or {})},
            http_client=self.http_client,
            retry_policy=retry_policy or self.retry_policy,
            # A deadline that was only derived from the timeout is derived again from the new one.
            deadline=(self.deadline if self._deadline_given else None) if isinstance(deadline, _Unset) else deadline,
            max_in_flight=self.max_in_flight,
        )
        clone._owns_http = False  # it shares this one's pool: closing the pool is this one's job
        return clone

    @property
    def api_key(self) -> str:
        return self._api_key

    def __repr__(self) -> str:
        # Never the key: reprs end up in logs and tracebacks.
        return f"<{type(self).__name__} base_url={redact_url(self.base_url)!r}>"

    def _build_request(self, op: Operation[Any]) -> httpx.Request:
        options = op.options
        headers = self._headers
        prepared: httpx.Headers | None = self._prepared.plain
        extra_headers = options.get("extra_headers")
        if extra_headers:
            headers = {**headers, **extra_headers}
            prepared = None
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
            try:
                content = json.dumps(body, separators=(",", ":"), ensure_ascii=False, allow_nan=False).encode()
            except ValueError as exc:  # nan or inf: not JSON, and Tavus would refuse or misread it
                raise InvalidRequestError(f"{op.method} {op.path}: the body cannot be sent as JSON: {exc}") from None
            headers = {**headers, "content-type": "application/json"}
            if prepared is not None:
                prepared = self._prepared.json
        timeout = _to_timeout(options["timeout"]) if "timeout" in options else self.timeout
        extensions: dict[str, Any] = {"timeout": timeout.as_dict()}
        try:
            # Our own clients' requests share the base URL and headers, parsed once (~20 us a request less).
            plain = self._plain_http and query is None and prepared is not None
            fast_url = join_url(self._base, op.path) if plain else None
            if fast_url is not None and prepared is not None:
                request = plain_request(op.method, fast_url, prepared, content, extensions)
            else:
                request = self._new_request(op, self.base_url + op.path, query, headers, content, extensions)
        except (httpx.InvalidURL, UnicodeEncodeError, ValueError) as exc:
            raise InvalidRequestError(one_line(f"{op.method} {op.path[:200]}: cannot be sent: {exc}", 300)) from None
        if logger.isEnabledFor(logging.DEBUG):
            logger.debug(
                "Request: %s %s headers=%s body=%s",
                op.method,
                redact_url(request.url),
                redact_headers(headers),
                json.dumps(redact(body)) if body is not None else None,
            )
        return request

    def _new_request(
        self,
        op: Operation[Any],
        url: str,
        query: dict[str, Any] | None,
        headers: Mapping[str, str],
        content: bytes | None,
        extensions: dict[str, Any],
    ) -> httpx.Request:
        if self._plain_http:
            # Our own client has no defaults to merge, so skip httpx's merge step (~10 us a request).
            request = httpx.Request(
                op.method, url, params=query, headers=headers, content=content, extensions=extensions
            )
        else:
            # An injected client may carry headers, cookies or params of its own: let httpx merge them.
            request = self.http_client.build_request(
                op.method, url, params=query, headers=headers, content=content, extensions=extensions
            )
        return request

    def _deadline_at(self, op: Operation[Any]) -> float | None:
        """When the whole call must be over (``time.monotonic()``), or None for no limit."""
        options = op.options
        if "deadline" in options:
            deadline = _check_deadline(options["deadline"], "deadline=")
        elif "timeout" in options and not self._deadline_given:
            deadline = _default_deadline(_to_timeout(options["timeout"]))
        else:
            deadline = self.deadline
        return None if deadline is None else time.monotonic() + deadline

    @staticmethod
    def _deadline_error(request: httpx.Request) -> APITimeoutError:
        return APITimeoutError(
            request, message=f"Request did not complete within its deadline (retries included) on {_target(request)}"
        )

    def _max_retries(self, op: Operation[Any]) -> int:
        return op.options.get("max_retries", self.max_retries)

    def _retry_safe(self, op: Operation[Any]) -> bool:
        return op.retry_safe or op.options.get("idempotent", False)

    @staticmethod
    def _transport_error(request: httpx.Request, exc: httpx.RequestError | RuntimeError) -> APIConnectionError:
        if isinstance(exc, RuntimeError):  # e.g. an injected client that was closed: nothing left
            return APIConnectionError(
                request, message=one_line(f"Cannot send {_target(request)}: {exc}"), may_have_reached_server=False
            )
        # Connect failures and pool waits happen before a byte is sent; anything later may have been processed.
        never_sent = isinstance(exc, httpx.ConnectError | httpx.ConnectTimeout | httpx.PoolTimeout)
        target = _target(request)
        if isinstance(exc, httpx.DecodingError):
            return APIConnectionError(
                request,
                message=one_line(f"Could not decode the response body ({exc}) on {target}"),
                may_have_reached_server=True,
            )
        if isinstance(exc, httpx.TimeoutException):
            return APITimeoutError(
                request,
                message=f"Request timed out ({type(exc).__name__}) on {target}",
                may_have_reached_server=not never_sent,
            )
        return APIConnectionError(
            request,
            message=one_line(f"Connection error ({type(exc).__name__}: {exc or 'no detail'}) on {target}"),
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
        # 304 is not a redirect: Tavus's "no changes were made" answer to a no-op patch
        # (docs.tavus.io/api-reference/personas/patch-persona); the operation's parser decides what it means.
        if response.status_code >= 300 and response.status_code != 304:
            raise redirect_error(response)
        return response

    def _parse(self, op: Operation[T], response: httpx.Response) -> T:
        record_response(response)
        try:
            return op.parse(response)
        except (pydantic.ValidationError, ValueError) as exc:
            raise APIResponseValidationError(
                response, decode_body(response), message=_unexpected_body(op, response, exc)
            ) from exc


def _target(request: httpx.Request) -> str:
    """Method and URL for a message: never the URL's user name or password."""
    url = request.url
    port = f":{url.port}" if url.port is not None else ""
    return f"{request.method} {url.scheme}://{url.host}{port}{url.path}"


def _unexpected_body(op: Operation[Any], response: httpx.Response, exc: Exception) -> str:
    """One line: what came back (status, content type) and the first thing wrong with it."""
    where = f"{op.method} {response.request.url.path} answered {response.status_code}"
    kind = content_type(response)
    errors = exc.errors() if isinstance(exc, pydantic.ValidationError) else []
    if "json" not in kind or (errors and errors[0].get("type") == "json_invalid") or not errors:
        return one_line(f"{where} with {kind}, not the JSON the API describes (is TAVUS_BASE_URL right?)")
    first = errors[0]
    location = ".".join(str(part) for part in first.get("loc", ())) or "the body"
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    return one_line(f"{where} with JSON that does not fit the API description: {location}: {first['msg']}{more}")


def _pool_limits(max_in_flight: int) -> httpx.Limits:
    # Keep as many idle connections as may be in flight, so a burst reuses them instead of reconnecting.
    return httpx.Limits(max_connections=max_in_flight, max_keepalive_connections=max_in_flight)


def _timeouts_within(request: httpx.Request, remaining: float) -> None:
    """Shorten each per-operation timeout so that none outlasts the call's deadline."""
    timeouts: dict[str, float | None] = request.extensions.get("timeout", {})
    if any(v is None or v > remaining for v in timeouts.values()):
        request.extensions["timeout"] = {k: remaining if v is None else min(v, remaining) for k, v in timeouts.items()}


class AsyncAPIClient(_ClientCore[httpx.AsyncClient, httpx.AsyncBaseTransport]):
    _in_flight: asyncio.Semaphore | None = None

    @property
    def http_client(self) -> httpx.AsyncClient:
        """The underlying httpx client, created on first use (creating one costs tens of ms)."""
        if self._http is None:
            with self._setup_lock:
                if self._http is None:
                    self._http = httpx.AsyncClient(
                        timeout=self.timeout, transport=self._transport, limits=_pool_limits(self.max_in_flight)
                    )
        return self._http

    async def close(self) -> None:
        if self._http is not None and self._owns_http:
            await self._http.aclose()
            if self._direct is None:  # a closed aiohttp client stays: sending on it is an error, not a new pool
                self._http = None

    def _semaphore(self) -> asyncio.Semaphore:
        if self._in_flight is None:
            self._in_flight = asyncio.Semaphore(self.max_in_flight)
        return self._in_flight

    async def _send(self, request: httpx.Request, deadline_at: float | None) -> httpx.Response:
        started = time.perf_counter()
        if deadline_at is None:
            return self._check(await self._send_once(request), started)
        remaining = deadline_at - time.monotonic()
        if remaining <= 0:
            raise self._deadline_error(request)
        try:
            async with asyncio.timeout(remaining):
                response = await self._send_once(request, remaining)
        except TimeoutError:
            raise self._deadline_error(request) from None
        return self._check(response, started)

    async def _send_once(self, request: httpx.Request, within: float | None = None) -> httpx.Response:
        try:
            async with self._semaphore():
                if self._direct is not None:  # aiohttp never follows redirects here either
                    return await self._direct.send(request, within)
                # Never followed: the key must not travel to another host, and a redirect is not a success.
                return await self.http_client.send(request, follow_redirects=False)
        except (httpx.RequestError, RuntimeError) as exc:
            raise self._transport_error(request, exc) from exc

    async def request(self, op: Operation[T]) -> T:
        request = self._build_request(op)
        deadline_at = self._deadline_at(op)
        try:
            response = await self._send(request, deadline_at)
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
                return await self._send(request, deadline_at)

            retrying = async_retrying(
                self.retry_policy, request, max_retries=max_retries, retry_safe=retry_safe, deadline_at=deadline_at
            )
            response = await retrying(attempt)
        return self._parse(op, response)


class SyncAPIClient(_ClientCore[httpx.Client, httpx.BaseTransport]):
    _in_flight: threading.BoundedSemaphore | None = None

    @property
    def http_client(self) -> httpx.Client:
        """The underlying httpx client, created on first use (creating one costs tens of ms). Thread-safe: threads
        sharing this client share one connection pool."""
        if self._http is None:
            with self._setup_lock:
                if self._http is None:
                    self._in_flight = threading.BoundedSemaphore(self.max_in_flight)
                    self._http = httpx.Client(
                        timeout=self.timeout, transport=self._transport, limits=_pool_limits(self.max_in_flight)
                    )
        return self._http

    def close(self) -> None:
        if self._http is not None and self._owns_http:
            with self._setup_lock:
                http, self._http = self._http, None
            if http is not None:
                http.close()

    def _semaphore(self) -> threading.BoundedSemaphore:
        if self._in_flight is None:
            with self._setup_lock:
                if self._in_flight is None:
                    self._in_flight = threading.BoundedSemaphore(self.max_in_flight)
        return self._in_flight

    def _send(self, request: httpx.Request, deadline_at: float | None, *, retry: bool = False) -> httpx.Response:
        started = time.perf_counter()
        semaphore = self._semaphore()
        if deadline_at is None:
            acquired = semaphore.acquire()
        else:
            remaining = deadline_at - time.monotonic()
            acquired = remaining > 0 and semaphore.acquire(timeout=remaining)
        if not acquired:
            raise self._deadline_error(request)
        try:
            response = self._send_within(request, deadline_at, retry=retry)
        finally:
            semaphore.release()
        return self._check(response, started)

    def _send_within(self, request: httpx.Request, deadline_at: float | None, *, retry: bool) -> httpx.Response:
        http = self.http_client
        try:
            if deadline_at is None:
                return http.send(request, follow_redirects=False)
            if retry:  # a first attempt's timeouts stay as configured: the deadline is (about) the timeout then
                _timeouts_within(request, max(deadline_at - time.monotonic(), 0.001))
            # Streamed so that the deadline is checked between chunks: a server that trickles a byte at a time
            # cannot keep the call alive past it.
            response = http.send(request, follow_redirects=False, stream=True)
            try:
                chunks = []
                for chunk in response.iter_bytes():
                    chunks.append(chunk)
                    if time.monotonic() > deadline_at:
                        raise self._deadline_error(request)
                response._content = b"".join(chunks)
            finally:
                response.close()
            return response
        except (httpx.RequestError, RuntimeError) as exc:
            raise self._transport_error(request, exc) from exc

    def request(self, op: Operation[T]) -> T:
        request = self._build_request(op)
        deadline_at = self._deadline_at(op)
        try:
            response = self._send(request, deadline_at)
        except APIError as first_error:
            max_retries = self._max_retries(op)
            retry_safe = self._retry_safe(op)
            if max_retries <= 0 or not is_retryable(first_error, retry_safe=retry_safe):
                raise
            pending: list[APIError] = [first_error]

            def attempt() -> httpx.Response:
                if pending:
                    raise pending.pop()
                return self._send(request, deadline_at, retry=True)

            response = sync_retrying(
                self.retry_policy, request, max_retries=max_retries, retry_safe=retry_safe, deadline_at=deadline_at
            )(attempt)
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
