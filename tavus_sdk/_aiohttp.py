"""The aiohttp fast path: ``AsyncTavus(http_client=DefaultAioHttpClient())``, from ``pip install 'tavus-kit[aiohttp]'``.

httpx spends most of a request's time in its client machinery and its connection pool; aiohttp's pool costs a
fraction of that, and the SDK hands its requests straight to this transport, so under concurrency the same calls go
several times faster. Only the sending changes: requests are still ``httpx.Request``
objects and answers ``httpx.Response`` objects, so retries, deadlines, errors, logging and ``with_raw_response`` work
as on the httpx path. aiohttp itself is imported when a client is made, never by ``import tavus_sdk``.
"""

from __future__ import annotations

import asyncio
import datetime
import importlib.util
import time
from typing import TYPE_CHECKING, Any, TypedDict, Unpack

import httpx

from tavus_sdk._exceptions import ConfigurationError

if TYPE_CHECKING:
    import aiohttp

__all__ = ["INSTALL_HINT", "AioHttpTransport", "DefaultAioHttpClient", "MissingExtraError", "aiohttp_available"]

INSTALL_HINT = "pip install 'tavus-kit[aiohttp]'"
_DEFAULT_MAX_CONNECTIONS = 64  # the SDK's max_in_flight; an AsyncTavus resizes the pool to its own before first use
_DEFAULT_KEEPALIVE = 30.0


class AioHttpOptions(TypedDict, total=False):
    max_connections: int | None
    """The pool's size; by default the ``max_in_flight`` of the client it is given to (64)."""
    keepalive_expiry: float | None
    """Seconds an idle connection is kept (30)."""
    trust_env: bool
    """Use ``HTTP(S)_PROXY`` / ``NO_PROXY`` from the environment, as httpx does (True)."""


class MissingExtraError(ConfigurationError, ImportError):
    """An optional part of tavus-kit was asked for without its extra installed; the message says what to install."""


def aiohttp_available() -> bool:
    """Whether ``DefaultAioHttpClient`` can be made here, without importing aiohttp."""
    return importlib.util.find_spec("aiohttp") is not None


def _import_aiohttp() -> Any:
    try:
        import aiohttp
    except ImportError:
        raise MissingExtraError(f"DefaultAioHttpClient needs aiohttp: {INSTALL_HINT}") from None
    return aiohttp


class AioHttpTransport(httpx.AsyncBaseTransport):
    """An httpx transport that sends through one ``aiohttp.ClientSession`` (opened on first use, in its loop).

    Redirects are never followed, bodies are read whole and decoded by httpx (as httpx would), no cookies are kept.
    """

    def __init__(self, **options: Unpack[AioHttpOptions]) -> None:
        self._aiohttp = _import_aiohttp()
        import yarl  # aiohttp's own URL type, installed with it

        self._url_type = yarl.URL
        max_connections = options.get("max_connections")
        if max_connections is not None and max_connections < 1:
            raise ConfigurationError(f"max_connections must be 1 or more, got {max_connections!r}")
        self.max_connections = max_connections
        self._keepalive_expiry = options.get("keepalive_expiry", _DEFAULT_KEEPALIVE)
        self._trust_env = options.get("trust_env", True)
        self._session: aiohttp.ClientSession | None = None
        self._closed = False
        self._timeouts: dict[tuple[float | None, ...], aiohttp.ClientTimeout] = {}
        self._proxies: dict[tuple[str, str, int | None], dict[str, Any]] = {}

    @property
    def session(self) -> aiohttp.ClientSession | None:
        """The aiohttp session, once the first request has opened it."""
        return self._session

    def size_pool(self, max_in_flight: int) -> None:
        """Keep as many connections as the client sends at once, unless a size was given or the pool is open."""
        if self.max_connections is None and self._session is None:
            self.max_connections = max_in_flight

    def _open(self) -> aiohttp.ClientSession:
        if self._closed:
            # The same error httpx raises for a closed client; the SDK reports it as an APIConnectionError.
            raise RuntimeError("Cannot send a request, as the client has been closed.")
        lib = self._aiohttp
        connector = lib.TCPConnector(
            limit=self.max_connections or _DEFAULT_MAX_CONNECTIONS, keepalive_timeout=self._keepalive_expiry
        )
        session: aiohttp.ClientSession = lib.ClientSession(
            connector=connector,
            # httpx decodes the body from its content-encoding, exactly as on the httpx path.
            auto_decompress=False,
            cookie_jar=lib.DummyCookieJar(),
            # aiohttp's trust_env looks the proxy up in a thread on every request (two thread hops) and sends
            # ~/.netrc passwords; the proxy is looked up once per host below instead, as httpx does.
            trust_env=False,
            timeout=lib.ClientTimeout(total=None),
        )
        self._session = session
        return session

    def _timeout(self, limits: dict[str, float | None] | None, within: float | None) -> aiohttp.ClientTimeout:
        limits = limits or {}
        connect, read, pool = limits.get("connect"), limits.get("read"), limits.get("pool")
        # aiohttp's ``connect`` covers the wait for a pooled connection and the connect itself.
        both = None if connect is None or pool is None else connect + pool
        if within is not None:
            # A limit the caller's own deadline ends first would only cost a timer on every request.
            both = None if both is None or both >= within else both
            read = None if read is None or read >= within else read
        key = (connect, read, both)
        timeout = self._timeouts.get(key)
        if timeout is None:
            timeout = self._aiohttp.ClientTimeout(total=None, connect=both, sock_connect=connect, sock_read=read)
            if len(self._timeouts) < 64:
                self._timeouts[key] = timeout
        return timeout

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        return await self.send(request)

    async def send(self, request: httpx.Request, within: float | None = None) -> httpx.Response:
        """Send ``request``; ``within``: seconds the caller will wait at most (it cancels the send after that)."""
        session = self._session or self._open()
        if not isinstance(request.stream, httpx.ByteStream):
            await request.aread()
        content = request.content or None
        started = time.perf_counter()
        aiohttp = self._aiohttp
        try:
            response = await session.request(
                request.method,
                self._url(request),
                headers=[(k.decode("latin-1"), v.decode("latin-1")) for k, v in request.headers.raw],
                data=content,
                allow_redirects=False,
                timeout=self._timeout(request.extensions.get("timeout"), within),
                **self._proxy(request.url),
            )
            try:
                body = await response.read()
            except BaseException:
                response.close()  # a body read part-way leaves the connection unusable
                raise
        except aiohttp.ClientError as exc:
            raise _to_httpx_error(aiohttp, exc, request) from exc
        except TimeoutError as exc:  # aiohttp's own timeouts; the caller's deadline arrives as a cancellation
            raise httpx.ReadTimeout(str(exc) or "timed out", request=request) from exc
        result = _response(response.status, response.raw_headers, body, request)
        result.elapsed = datetime.timedelta(seconds=time.perf_counter() - started)
        return result

    def _proxy(self, url: httpx.URL) -> dict[str, Any]:
        """``proxy=`` (and ``proxy_auth=``) for this URL from HTTP(S)_PROXY / NO_PROXY, read once per host."""
        key = (url.scheme, url.host, url.port)
        found = self._proxies.get(key)
        if found is None:
            found = {}
            if self._trust_env:
                try:
                    proxy, auth = self._aiohttp.helpers.get_env_proxy_for_url(self._url_type(str(url)))
                except LookupError:  # no proxy for this host
                    pass
                else:
                    found = {"proxy": proxy, "proxy_auth": auth}
            self._proxies[key] = found
        return found

    def _url(self, request: httpx.Request) -> Any:
        # httpx has already normalised and percent-encoded the URL: tell yarl not to quote it again.
        return self._url_type(str(request.url), encoded=True)

    async def aclose(self) -> None:
        self._closed = True
        session, self._session = self._session, None
        if session is not None and not session.closed:
            await session.close()


def _to_httpx_error(aiohttp: Any, exc: Exception, request: httpx.Request) -> httpx.TransportError:
    """The httpx error that means the same, so the SDK's mapping (and its retry rules) apply unchanged."""
    message = str(exc) or type(exc).__name__
    error: httpx.TransportError
    if isinstance(exc, aiohttp.ConnectionTimeoutError):
        error = httpx.ConnectTimeout(message, request=request)
    elif isinstance(exc, asyncio.TimeoutError):  # SocketTimeoutError, ServerTimeoutError: waiting for the answer
        error = httpx.ReadTimeout(message, request=request)
    elif isinstance(exc, aiohttp.ClientConnectorError | aiohttp.ClientProxyConnectionError):
        error = httpx.ConnectError(message, request=request)  # nothing was sent
    elif isinstance(exc, aiohttp.InvalidURL):
        error = httpx.UnsupportedProtocol(message, request=request)
    elif isinstance(exc, aiohttp.ServerDisconnectedError | aiohttp.ClientPayloadError | aiohttp.ClientResponseError):
        error = httpx.RemoteProtocolError(message, request=request)
    else:
        error = httpx.ReadError(message, request=request)
    return error


def _response(status: int, raw_headers: Any, body: bytes, request: httpx.Request) -> httpx.Response:
    if any(name.lower() == b"content-encoding" for name, _ in raw_headers):
        # httpx decodes it (and reports a bad body as httpx.DecodingError), as on the httpx path.
        return httpx.Response(
            status, headers=raw_headers, content=body, request=request, extensions={"http_version": b"HTTP/1.1"}
        )
    # An identity body needs no decoding: skip httpx's chunking and decoder machinery (~10 us a response) and
    # leave the response as httpx leaves one it has read (content set, stream consumed and closed).
    response = httpx.Response(
        status,
        headers=raw_headers,
        stream=httpx.ByteStream(body),
        request=request,
        extensions={"http_version": b"HTTP/1.1"},
    )
    response._content = body
    response.is_stream_consumed = True
    response.is_closed = True
    return response


class DefaultAioHttpClient(httpx.AsyncClient):
    """An ``httpx.AsyncClient`` whose requests go out through aiohttp. ``AsyncTavus`` sends straight to its
    transport, skipping httpx's client machinery, and closes it when it is closed.

        async with AsyncTavus(http_client=DefaultAioHttpClient()) as tavus:
            ...

    Options (all optional): see ``AioHttpOptions``.
    """

    def __init__(self, **options: Unpack[AioHttpOptions]) -> None:
        self.aiohttp_transport = AioHttpTransport(**options)
        # httpx's own proxy mounts would bypass the transport; aiohttp reads the proxy settings instead.
        super().__init__(transport=self.aiohttp_transport, trust_env=False)
