"""Serving HTTP on this machine: what the served emulator and ``tavus webhooks listen`` share.

Binding a socket (so a busy port is an ``OSError`` before anything starts), the URL to show for a bound host, and
reading a request body with a size cap. Nothing here imports starlette or uvicorn; ``read_capped`` takes any
request with ``headers`` and an async ``stream()`` (a starlette ``Request``).
"""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator, Mapping
from typing import Protocol

__all__ = ["MAX_BODY_BYTES", "StreamedRequest", "TooLarge", "bind_socket", "display_host", "read_capped"]

MAX_BODY_BYTES = 1024 * 1024
"""Bodies larger than this are refused (413) before they are read in full: Tavus bodies are a few KiB."""


class StreamedRequest(Protocol):
    @property
    def headers(self) -> Mapping[str, str]: ...

    def stream(self) -> AsyncIterator[bytes]: ...


class TooLarge(Exception):
    """A request body over the limit."""


async def read_capped(request: StreamedRequest, limit: int = MAX_BODY_BYTES) -> bytes:
    """The request body, or ``TooLarge`` as soon as it is known to exceed ``limit`` bytes."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise TooLarge
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise TooLarge
        chunks.append(chunk)
    return b"".join(chunks)


def bind_socket(host: str, port: int) -> socket.socket:
    """A listening, non-blocking TCP socket on ``host:port`` (0 picks a free port); ``OSError`` when it cannot be."""
    family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)[
        0
    ]
    # An explicit IPPROTO_TCP lets asyncio set TCP_NODELAY on each connection (else ~40 ms delayed-ACK stalls).
    sock = socket.socket(family, kind, proto or socket.IPPROTO_TCP)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(2048)
    except OSError:
        sock.close()
        raise
    sock.setblocking(False)
    return sock


def display_host(host: str) -> str:
    """The host to put in a URL for a server bound to ``host`` (every interface is shown as 127.0.0.1)."""
    if host in ("0.0.0.0", ""):
        return "127.0.0.1"
    return f"[{host}]" if ":" in host else host
