"""The emulator as an ASGI app (starlette): the API under ``/v2``, admin routes under ``/_emulator``.

Admin routes (no API key; the emulator is a local test double):

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

if TYPE_CHECKING:
    from tavus_sdk.testing._emulator import TavusEmulator

__all__ = ["build_app"]

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


def build_app(emulator: TavusEmulator) -> Starlette:
    async def api(request: Request) -> Response:
        plan = emulator.plan(request.method, request.url.path)
        if plan.delay:
            await asyncio.sleep(plan.delay)
        body = await request.body()
        reply = plan.run(request.headers, dict(request.query_params), body)
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

    return Starlette(
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
        ]
    )


async def _json_object(request: Request) -> dict[str, Any] | None:
    raw = await request.body()
    if not raw.strip():
        return None
    try:
        value = json.loads(raw)
    except json.JSONDecodeError:
        return None
    return value if isinstance(value, dict) else None
