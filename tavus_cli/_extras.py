"""The optional parts of tavus-kit, and the one line a command says when the part it needs is not installed.

The core install (``pip install tavus-kit``) runs every API command, ``tavus demo`` and ``--emulator`` (the
in-process emulator needs no server). Serving HTTP (``tavus emulator``, ``tavus webhooks listen``) needs the
``emulator`` extra; ``tavus agent launch`` needs the ``agent`` extra.
"""

from __future__ import annotations

import importlib.util
import sys
from typing import Final

from tavus_cli._errors import USAGE, CliError

__all__ = ["EXTRAS", "missing_modules", "require"]

EXTRAS: Final[dict[str, tuple[str, ...]]] = {
    # starlette + uvicorn: the ASGI app and the server behind `tavus emulator` and `tavus webhooks listen`.
    "emulator": ("starlette", "uvicorn"),
    # pipecat-ai[daily,openai,silero], numpy, soxr, by import name.
    "agent": ("pipecat", "daily", "openai", "onnxruntime", "numpy", "soxr"),
}


def missing_modules(extra: str) -> list[str]:
    """The extra's top-level modules that cannot be imported; looked up, never imported (pipecat takes seconds)."""
    return [module for module in EXTRAS[extra] if not _importable(module)]


def _importable(module: str) -> bool:
    if module in sys.modules:
        return sys.modules[module] is not None  # None: import of it is blocked, as Python's own convention says
    return importlib.util.find_spec(module) is not None


def require(extra: str, what: str) -> None:
    """Exit 2 with one line saying what to install when ``what`` (e.g. ``tavus emulator``) cannot run without it."""
    if missing_modules(extra):
        raise CliError(f"{what} needs the {extra} extra: pip install 'tavus-kit[{extra}]'", code=USAGE)
