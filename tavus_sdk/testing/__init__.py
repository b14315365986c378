"""A stateful local Tavus v2 API, for tests, demos and development without a Tavus account.

    from tavus_sdk.testing import TavusEmulator

    emulator = TavusEmulator()
    async with emulator.async_client() as tavus:  # in-process: no sockets
        persona = await tavus.personas.get("pipecat0")
    emulator.advance(30)  # lifecycles move on the emulator's clock

Served: ``python -m tavus_sdk.testing --port 8787`` (or ``serve(emulator, port=8787)``) then
``http://127.0.0.1:8787/v2``. Serving needs the ``emulator`` extra (starlette, uvicorn); in-process use does not.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tavus_sdk.testing._clock import Clock
    from tavus_sdk.testing._config import Limits, Timings
    from tavus_sdk.testing._emulator import IN_PROCESS_BASE_URL, TavusEmulator
    from tavus_sdk.testing._faults import Fault
    from tavus_sdk.testing._server import serve
    from tavus_sdk.testing._transport import EmulatorTransport
    from tavus_sdk.testing._webhooks import WebhookAttempt, WebhookDelivery

__all__ = [
    "IN_PROCESS_BASE_URL",
    "Clock",
    "EmulatorTransport",
    "Fault",
    "Limits",
    "TavusEmulator",
    "Timings",
    "WebhookAttempt",
    "WebhookDelivery",
    "serve",
]

_EXPORTS = {
    "Clock": "tavus_sdk.testing._clock",
    "Limits": "tavus_sdk.testing._config",
    "Timings": "tavus_sdk.testing._config",
    "IN_PROCESS_BASE_URL": "tavus_sdk.testing._emulator",
    "TavusEmulator": "tavus_sdk.testing._emulator",
    "Fault": "tavus_sdk.testing._faults",
    "EmulatorTransport": "tavus_sdk.testing._transport",
    "WebhookAttempt": "tavus_sdk.testing._webhooks",
    "WebhookDelivery": "tavus_sdk.testing._webhooks",
    "serve": "tavus_sdk.testing._server",
}


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'tavus_sdk.testing' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
