"""The emulator as an ASGI app (starlette): the API under ``/v2``, admin routes under ``/_emulator``.

Admin routes (they take the API key when the emulator was given ``api_keys``; ``health`` and ``openapi.json``
never need one). A request with an ``Origin`` header, which every browser adds to a cross-origin POST, is refused
(403): a web page open in your browser must not be able to reset or fault an emulator you left running.

- ``GET /_emulator/health``: ``{"status": "ok"}``.
- ``GET|POST|DELETE /_emulator/faults``: list, add (a JSON ``Fault``) or clear injected faults.
- ``POST /_emulator/advance`` ``{"seconds": 30}``: move the clock on.
- ``GET /_emulator/webhooks``: every webhook delivery and its attempts.
- ``POST /_emulator/conversations/{id}/join`` and ``/leave``: simulate a participant (``{"participant": "user"}``).
- ``POST /_emulator/reset``: back to the stock data.
- ``GET /_emulator/openapi.json``: the API description the emulator validates against.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from starlette.applications import Starlette
from starlette.convertors import Convertor, register_url_convertor
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import Receive, Scope, Send

from tavus_sdk.testing._errors import ApiError
from tavus_sdk.testing._spec import load_spec
from tavus_sdk.testing.serving import MAX_BODY_BYTES, TooLarge, read_capped

if TYPE_CHECKING:
    from tavus_sdk.testing._emulator import TavusEmulator

__all__ = ["MAX_BODY_BYTES", "TooLarge", "build_app", "read_capped"]

_THREAD_BODY_BYTES = 16 * 1024
"""Bodies larger than this are parsed and validated on a worker thread, so one cannot stall every request."""
_OPEN_ADMIN = frozenset({"/_emulator/health", "/_emulator/openapi.json"})

_FAULT_HINT = 'The fault must be a JSON object, e.g. {"match": "POST /conversations", "status": 503}'
_ALL_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]


class _AnyPath(Convertor[str]):
    """Like starlette's ``path``, but across newlines too: an id with an encoded ``\\n`` in the middle of a path
    (``/documents/a%0Ab/recrawl``) still reaches the API, which answers in JSON, not starlette's plain-text 404."""

    regex = "(?s:.*)"

    def convert(self, value: str) -> str:
        return value

    def to_string(self, value: str) -> str:
        return value


register_url_convertor("anypath", _AnyPath())


class _DroppedResponse(Response):
    """Promise a body, send none, and let the server close the connection: what a client sees when a response is
    lost in flight (``httpx.RemoteProtocolError``, aiohttp ``ClientPayloadError``)."""

    def __init__(self) -> None:
        super().__init__(status_code=200, headers={"content-length": "64", "content-type": "application/json"})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": self.raw_headers})
        await send({"type": "http.response.body", "body": b"", "more_body": False})


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse(ApiError(status, message).body(), status_code=status)


def _too_large() -> JSONResponse:
    return _error(413, f"Request body is larger than {MAX_BODY_BYTES // 1024} KiB")


def build_app(emulator: TavusEmulator) -> _AdminGuard:
    async def api(request: Request) -> Response:
        # The decoded path itself: before starlette 1.9, request.url cut an id holding an encoded "#" (%23) there.
        plan = emulator.plan(request.method, request.scope["path"])
        if plan.delay:
            await asyncio.sleep(plan.delay)
        try:
            body = await read_capped(request)
        except TooLarge:
            return _too_large()
        query = dict(request.query_params)
        if len(body) > _THREAD_BODY_BYTES:
            from starlette.concurrency import run_in_threadpool

            reply = await run_in_threadpool(plan.run, request.headers, query, body)
        else:
            reply = plan.run(request.headers, query, body)
        if reply is None:
            return _DroppedResponse()
        return Response(reply.body, status_code=reply.status, headers=reply.headers)

    async def health(request: Request) -> Response:
        return JSONResponse({"status": "ok"})

    async def faults(request: Request) -> Response:
        if request.method == "DELETE":
            emulator.faults.clear()
            return JSONResponse({"data": []})
        if request.method == "POST":
            spec = await _json_object(request)
            if spec is None:
                return _error(422, _FAULT_HINT)
            try:
                emulator.faults.add(**spec)
            except (TypeError, ValueError) as exc:
                return _error(422, f"Invalid fault: {exc}")
        return JSONResponse({"data": [fault.to_json() for fault in emulator.faults]})

    async def advance(request: Request) -> Response:
        spec = await _json_object(request)
        seconds = spec.get("seconds") if spec else None
        if not isinstance(seconds, int | float) or isinstance(seconds, bool) or seconds < 0:
            return _error(422, 'Send {"seconds": N} with N >= 0')
        emulator.advance(float(seconds))
        return JSONResponse({"now": emulator.clock.now()})

    async def webhooks(request: Request) -> Response:
        return JSONResponse({"data": [asdict(delivery) for delivery in emulator.deliveries]})

    async def participant(request: Request) -> Response:
        spec = await _json_object(request) or {}
        who = spec.get("participant", "user")
        conversation_id = request.path_params["conversation_id"]
        try:
            if request.url.path.endswith("/join"):
                emulator.join(conversation_id, str(who))
            else:
                emulator.leave(conversation_id, str(who))
        except ApiError as exc:
            return JSONResponse(exc.body(), status_code=exc.status)
        return JSONResponse(emulator.record("conversations", conversation_id))

    async def reset(request: Request) -> Response:
        emulator.reset()
        return JSONResponse({"status": "reset"})

    async def openapi(request: Request) -> Response:
        return JSONResponse(load_spec())

    async def crash(request: Request, exc: Exception) -> Response:
        # Whatever went wrong, the client gets a JSON error body like every other.
        return _error(500, f"The emulator failed on {request.method} {request.url.path}: {type(exc).__name__}")

    app = Starlette(
        exception_handlers={Exception: crash},
        routes=[
            Route("/_emulator/health", health, methods=["GET"]),
            Route("/_emulator/faults", faults, methods=["GET", "POST", "DELETE"]),
            Route("/_emulator/advance", advance, methods=["POST"]),
            Route("/_emulator/webhooks", webhooks, methods=["GET"]),
            Route("/_emulator/conversations/{conversation_id}/join", participant, methods=["POST"]),
            Route("/_emulator/conversations/{conversation_id}/leave", participant, methods=["POST"]),
            Route("/_emulator/reset", reset, methods=["POST"]),
            Route("/_emulator/openapi.json", openapi, methods=["GET"]),
            Route("/{path:anypath}", api, methods=_ALL_METHODS),
        ],
    )
    return _AdminGuard(app, emulator)


class _AdminGuard:
    """In front of the app: admin routes refuse browser (cross-origin) requests and, when the emulator has API
    keys, requests without one of them."""

    def __init__(self, app: Starlette, emulator: TavusEmulator) -> None:
        self.app = app
        self.emulator = emulator
        self.router = app.router  # the served emulator installs its lifespan here

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"].startswith("/_emulator/"):
            refused = self._refusal(scope)
            if refused is not None:
                await refused(scope, receive, send)
                return
        await self.app(scope, receive, send)

    def _refusal(self, scope: Scope) -> Response | None:
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        if "origin" in headers or headers.get("sec-fetch-site") in ("cross-site", "same-site"):
            return _error(403, "Admin routes do not accept requests from web pages (an Origin header was sent)")
        if scope["path"] in _OPEN_ADMIN:
            return None
        try:
            self.emulator.dispatcher.authenticate(headers)
        except ApiError as exc:
            if self.emulator.requires_key:
                return JSONResponse(exc.body(), status_code=exc.status)
        return None


async def _json_object(request: Request) -> dict[str, Any] | None:
    try:
        raw = await read_capped(request)
    except TooLarge:
        return None
    if not raw.strip():
        return None
    try:
        value = json.loads(raw)
    except (RecursionError, ValueError):  # not JSON, nested too deeply, a number of thousands of digits
        return None
    return value if isinstance(value, dict) else None
