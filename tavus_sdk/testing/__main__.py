"""``python -m tavus_sdk.testing``: serve the Tavus emulator on a socket."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from tavus_sdk.testing._clock import Clock


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tavus_sdk.testing",
        description="Serve a stateful local Tavus v2 API (the tavus-kit emulator).",
    )
    parser.add_argument("--host", default="127.0.0.1", help="interface to bind (default: 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8787, help="port to bind; 0 picks a free one (default: 8787)")
    parser.add_argument(
        "--api-key",
        action="append",
        dest="api_keys",
        metavar="KEY",
        help="accept only this x-api-key (repeatable); by default any non-empty key is accepted",
    )
    parser.add_argument("--state", type=Path, metavar="FILE", help="load state from FILE and save every change to it")
    parser.add_argument(
        "--allow-webhook-host",
        action="append",
        default=[],
        metavar="HOST",
        help="also POST webhooks to HOST (repeatable); by default only to loopback addresses",
    )
    args = parser.parse_args(argv)

    from tavus_sdk.testing._emulator import TavusEmulator
    from tavus_sdk.testing._server import serve

    if args.api_keys is not None and any(not key.strip() for key in args.api_keys):
        parser.error("--api-key must not be empty")
    try:
        emulator = TavusEmulator(
            api_keys=args.api_keys,
            clock=Clock(frozen=False),
            state_file=args.state,
            allow_webhook_hosts=args.allow_webhook_host,
        )
    except (OSError, ValueError) as exc:
        print(f"error: cannot load emulator state from {args.state}: {exc}", file=sys.stderr)
        return 2
    try:
        serve(emulator, host=args.host, port=args.port)
    except ModuleNotFoundError as exc:  # starlette or uvicorn: the message says which extra to install
        print(f"error: {exc.msg}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except OSError as exc:
        print(f"error: cannot serve on {args.host}:{args.port}: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
