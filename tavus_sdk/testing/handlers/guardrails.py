"""Guardrails: sets of rules a persona must follow (the newest docs' "legacy" sets); create, paged list, get,
JSON Patch, delete.

The routes are those of every set resource (:class:`~tavus_sdk.testing.handlers.objectives.ItemSets`). Items use
the singular ``guardrail_name`` / ``guardrail_prompt`` (openapi.yaml, the legacy-guardrail-sets page); the name
rules (letters, digits, underscores, at most 100) are in the spec's schema. Create answers ``{guardrails_id,
guardrails_name, status, created_at}``. ``legacy=false`` asks for individual guardrails, which are a separate
resource (see individual guardrails): this list answers sets only, whatever ``legacy`` says.
"""

from __future__ import annotations

from typing import Any

from tavus_sdk.patch import check_guardrails_paths
from tavus_sdk.testing._context import Handler
from tavus_sdk.testing._store import Record
from tavus_sdk.testing.handlers.objectives import ItemSets

__all__ = ["GUARDRAILS", "ROUTES"]


def _created(record: Record) -> dict[str, Any]:
    return {
        "guardrails_id": record["guardrails_id"],
        "guardrails_name": record.get("guardrails_name"),
        "status": "active",
        "created_at": record["created_at"],
    }


GUARDRAILS = ItemSets(
    resource="guardrails",
    id_field="guardrails_id",
    prefix="g",
    item="guardrail",
    item_name="guardrail_name",
    set_name="guardrails_name",
    item_schema="Guardrail",
    set_schema="Guardrails",
    check_paths=check_guardrails_paths,
    created=_created,
    updated_message="Guardrails updated successfully",
    echo_page=True,
)

ROUTES: dict[str, Handler] = GUARDRAILS.routes()
