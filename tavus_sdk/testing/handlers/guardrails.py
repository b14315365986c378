"""Guardrails: sets of rules a persona must follow; create, list, get, JSON Patch, delete.

A set is stored as ``{guardrails_id, data: [guardrail, ...], created_at, updated_at}`` (docs L4905-L4925). The
routes are those of every set resource (:class:`~tavus_sdk.testing.handlers.objectives.ItemSets`); guardrails have
no rules across items, and their names are not checked for spaces because the docs' own examples have some.
"""

from __future__ import annotations

from tavus_sdk.patch import check_guardrails_paths
from tavus_sdk.testing._context import Handler
from tavus_sdk.testing.handlers.objectives import ItemSets

__all__ = ["GUARDRAILS", "ROUTES"]

GUARDRAILS = ItemSets(
    resource="guardrails",
    id_field="guardrails_id",
    prefix="g",
    kind="Guardrails",
    item="guardrail",
    item_schema="Guardrail",
    set_schema="Guardrails",
    check_paths=check_guardrails_paths,
)

ROUTES: dict[str, Handler] = GUARDRAILS.routes()
