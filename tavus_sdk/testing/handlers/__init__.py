"""Route handlers, one module per resource. Each module exposes ``ROUTES`` (operation id -> handler) and, when
its resource has a lifecycle, ``tick(ctx)``, which moves every record of that resource up to ``ctx.now()``."""

from __future__ import annotations

from types import ModuleType

from tavus_sdk.testing import _stock
from tavus_sdk.testing._context import Handler, Ticker
from tavus_sdk.testing._store import Store
from tavus_sdk.testing.handlers import (
    canvas,
    conversations,
    deployments,
    documents,
    faces,
    guardrails,
    objectives,
    pals,
    personas,
    pronunciation_dictionaries,
    replicas,
    skills,
    tools,
    transcriptions,
    videos,
    voices,
)

__all__ = ["MODULES", "conversations", "routes", "seed", "tickers"]

MODULES: tuple[ModuleType, ...] = (
    conversations,
    personas,
    replicas,
    videos,
    documents,
    objectives,
    guardrails,
    # The current API names over the same records, and the resources only they have.
    pals,
    faces,
    tools,
    skills,
    deployments,
    canvas,
    voices,
    pronunciation_dictionaries,
    transcriptions,
)


def routes() -> dict[str, Handler]:
    table: dict[str, Handler] = {}
    for module in MODULES:
        table.update(module.ROUTES)
    return table


def tickers() -> list[Ticker]:
    return [module.tick for module in MODULES if hasattr(module, "tick")]


def seed(store: Store, now: float) -> None:
    _stock.seed(store, now)
