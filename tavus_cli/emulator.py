"""``tavus emulator``: serve the local Tavus emulator in the foreground, for any client to point at."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path
from typing import Annotated

import typer

from tavus_cli._errors import API_ERROR, INTERRUPTED, USAGE, CliError
from tavus_cli._extras import require

# Any non-empty key is accepted when no --api-key is given; this one only fills in the example.
_ANY_KEY = "emulator-key"


def command(
    host: Annotated[str, typer.Option("--host", help="Interface to bind.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="Port to bind; 0 picks a free one.")] = 8787,
    api_key: Annotated[
        list[str] | None,
        typer.Option(
            "--api-key", metavar="KEY", help="Accept only this x-api-key; repeat. Default: any non-empty key."
        ),
    ] = None,
    state: Annotated[
        Path | None, typer.Option("--state", metavar="FILE", help="Load state from FILE and save every change to it.")
    ] = None,
    allow_webhook_host: Annotated[
        list[str] | None,
        typer.Option(
            "--allow-webhook-host", metavar="HOST", help="Also POST webhooks to HOST; repeat. Default: loopback only."
        ),
    ] = None,
) -> None:
    """Serve a stateful local Tavus v2 API until Ctrl-C; replicas train and calls end in real time.

    Webhooks go to each conversation's callback_url (try `tavus webhooks listen`) when it is on this machine
    (loopback), or on a host given with --allow-webhook-host. With --api-key, the /_emulator admin routes take the
    key too. A non-loopback --host is announced with a warning.

    \b
    Examples:
      tavus emulator
      tavus emulator --port 0 --api-key local-key --state emulator.json
    """
    if api_key is not None and any(not key.strip() for key in api_key):
        raise CliError("--api-key must not be empty")
    require("emulator", "tavus emulator")
    from tavus_sdk.testing import Clock, TavusEmulator, serve

    try:
        emulator = TavusEmulator(
            api_keys=api_key, clock=Clock(frozen=False), state_file=state, allow_webhook_hosts=allow_webhook_host or ()
        )
    except (OSError, ValueError) as exc:
        raise CliError(
            f"cannot load emulator state from {state}: {exc}",
            code=USAGE,
            hint="fix the file, or move it away to start empty",
        ) from None
    try:
        serve(emulator, host=host, port=port, on_ready=lambda base_url: _how_to_use(base_url, api_key))
    except KeyboardInterrupt:
        # Ctrl-C is how a foreground server is stopped: no message, just the conventional code.
        raise typer.Exit(INTERRUPTED) from None
    except OSError as exc:
        raise CliError(
            f"cannot serve on {host}:{port}: {exc}",
            code=API_ERROR,
            hint="pick another --port, or --port 0 for a free one",
        ) from None


def _how_to_use(base_url: str, api_keys: list[str] | None) -> None:
    key = api_keys[0] if api_keys else _ANY_KEY
    env = f"TAVUS_BASE_URL={shlex.quote(base_url)} TAVUS_API_KEY={shlex.quote(key)}"
    sys.stderr.write(f"point tavus at it: {env} tavus personas list\n")
    sys.stderr.flush()
