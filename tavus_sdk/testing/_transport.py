"""In-process use: an httpx transport (sync and async) that hands requests straight to the emulator, no sockets."""

from __future__ import annotations

import asyncio
import time
from typing import TYPE_CHECKING

import httpx

from tavus_sdk.testing._dispatch import RawReply

if TYPE_CHECKING:
    from tavus_sdk.testing._emulator import TavusEmulator

__all__ = ["EmulatorTransport"]


class EmulatorTransport(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """Plugs into ``httpx.Client``, ``httpx.AsyncClient``, ``Tavus(transport=...)`` and ``AsyncTavus(transport=...)``.

    Faults behave as they would on a socket: a ``drop`` raises ``httpx.RemoteProtocolError`` (the server closed the
    connection without a response), a ``delay`` sleeps before the request is handled.
    """

    def __init__(self, emulator: TavusEmulator) -> None:
        self._emulator = emulator

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        plan = self._emulator.plan(request.method, request.url.path)
        if plan.delay:
            time.sleep(plan.delay)
        return self._finish(request, plan.run(request.headers, dict(request.url.params), request.read()))

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        plan = self._emulator.plan(request.method, request.url.path)
        if plan.delay:
            await asyncio.sleep(plan.delay)
        return self._finish(request, plan.run(request.headers, dict(request.url.params), await request.aread()))

    def _finish(self, request: httpx.Request, reply: RawReply | None) -> httpx.Response:
        if reply is None:
            raise httpx.RemoteProtocolError("Server disconnected without sending a response.", request=request)
        return httpx.Response(reply.status, headers=reply.headers, content=reply.body, request=request)
