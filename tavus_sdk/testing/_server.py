"""Serving the emulator on a socket with uvicorn, with the clock running and webhooks delivered in the background."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sys
from collections.abc import AsyncIterator, Callable
from typing import TYPE_CHECKING, TextIO

from tavus_sdk.testing.serving import bind_socket, display_host

if TYPE_CHECKING:
    from tavus_sdk.testing._emulator import TavusEmulator

__all__ = ["exposure_warning", "serve"]

log = logging.getLogger("tavus_sdk.testing")
_TICK_SECONDS = 0.25
_NEEDS_EXTRA = "serving the emulator needs the emulator extra: pip install 'tavus-kit[emulator]'"


async def _background(emulator: TavusEmulator) -> None:
    """Lifecycles and webhooks move on even when nobody sends a request."""
    while True:
        try:
            emulator.tick()
            await emulator.deliver_webhooks()
        except Exception:  # a failing tick must not stop the server; the next request reports it
            log.exception("emulator background tick failed")
        await asyncio.sleep(_TICK_SECONDS)


def serve(
    emulator: TavusEmulator,
    *,
    host: str = "127.0.0.1",
    port: int = 8787,
    out: TextIO = sys.stdout,
    err: TextIO | None = None,
    on_ready: Callable[[str], None] | None = None,
) -> None:
    """Run until interrupted. Prints the base URL, then a ready line once the socket accepts connections.

    Raises ``OSError`` before anything is served when the address cannot be bound (e.g. the port is in use).
    """
    try:
        import uvicorn
        from starlette.types import ASGIApp
    except ImportError as exc:
        raise ModuleNotFoundError(_NEEDS_EXTRA, name=exc.name) from exc

    app: ASGIApp = emulator.app
    warning = exposure_warning(host, emulator.requires_key)
    if warning:
        print(warning, file=err or sys.stderr, flush=True)

    @contextlib.asynccontextmanager
    async def lifespan(_: object) -> AsyncIterator[None]:
        task = asyncio.create_task(_background(emulator))
        try:
            yield
        finally:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    emulator.app.router.lifespan_context = lifespan
    config = uvicorn.Config(app, host=host, port=port, log_level="warning", lifespan="on", access_log=False)
    server = uvicorn.Server(config)
    # Bound here rather than by uvicorn, which answers a busy port with a logged traceback and SystemExit(3).
    sock = bind_socket(host, port)

    async def run() -> None:
        serving = asyncio.create_task(server.serve(sockets=[sock]))
        while not server.started:
            if serving.done():
                await serving  # surfaces a bind error
                return
            await asyncio.sleep(0.02)
        bound = int(sock.getsockname()[1])
        base_url = f"http://{display_host(host)}:{bound}/v2"
        print(f"Tavus emulator base URL: {base_url}", file=out, flush=True)
        print(f"ready: serving the Tavus v2 API on {base_url} (Ctrl-C to stop)", file=out, flush=True)
        if on_ready is not None:
            on_ready(base_url)
        await serving

    asyncio.run(run())


def exposure_warning(host: str, requires_key: bool) -> str | None:
    """A warning when ``host`` lets other machines in: the emulator is a test double with stock data, and without
    ``--api-key`` it accepts any key."""
    from tavus_sdk.testing._webhooks import is_loopback_host

    if is_loopback_host(host):
        return None
    keyed = "" if requires_key else "; it accepts any API key (give --api-key)"
    return f"warning: serving on {host or 'every interface'}: other machines can reach this emulator{keyed}"
