"""Personas: create (``system_prompt`` required in full mode), list, get, JSON Patch, delete; stock ones read-only."""

from __future__ import annotations

from typing import Any

from tavus_sdk.patch import check_persona_paths
from tavus_sdk.testing._context import ApiRequest, Context, Handler, Reply, iso, public
from tavus_sdk.testing._errors import FieldError, bad_request, forbidden, unprocessable
from tavus_sdk.testing._paging import paged
from tavus_sdk.testing._patching import apply_patch
from tavus_sdk.testing._store import Record
from tavus_sdk.testing.handlers.guardrails import individual_guardrail

__all__ = ["MAX_GUARDRAILS", "ROUTES", "check_references", "require_writable", "view"]

MAX_GUARDRAILS = 50

_FLOW_DEFAULTS = {
    "turn_detection_model": "sparrow-1",
    "turn_taking_patience": "medium",
    "replica_interruptibility": "medium",
}
_READ_ONLY = ("persona_id", "created_at", "updated_at")
_PROMPT_REQUIRED = "system_prompt is required when pipeline_mode is full"


def create(ctx: Context, req: ApiRequest) -> dict[str, Any]:
    body: dict[str, Any] = req.body
    if body.get("pipeline_mode", "full") == "full" and _blank(body.get("system_prompt")):
        # The schema requires the field; a blank prompt is no more of a prompt than a missing one.
        raise unprocessable([("system_prompt", _PROMPT_REQUIRED)], _PROMPT_REQUIRED)
    missing = _custom_llm_missing(body.get("layers"))
    if missing:
        raise unprocessable(missing, missing[0][1])
    check_references(ctx, body)
    now = iso(ctx.now())
    persona_id = ctx.store.new_id("personas", "p", 11)
    record: Record = {
        "persona_id": persona_id,
        "persona_name": body.get("persona_name"),
        "pipeline_mode": body.get("pipeline_mode", "full"),
        "system_prompt": body.get("system_prompt"),
        "context": body.get("context"),
        "default_replica_id": body.get("default_replica_id"),
        "layers": _with_flow_defaults(body.get("layers") or {}),
        **{key: value for key, value in body.items() if key not in _KNOWN and key not in _READ_ONLY},
        "created_at": now,
        "updated_at": now,
    }
    for key in ("objectives_id", "guardrails_id", "document_ids"):
        if key in body:
            record[key] = body[key]
    ctx.store.table("personas")[persona_id] = record
    return view(record)


_KNOWN = frozenset(
    {"persona_name", "pipeline_mode", "system_prompt", "context", "default_replica_id", "layers"}
    | {"objectives_id", "guardrails_id", "document_ids"}
)


def list_(ctx: Context, req: ApiRequest) -> dict[str, Any]:
    kind = req.query.get("persona_type")
    records = ctx.store.table("personas").values()
    chosen = (r for r in records if kind is None or (kind == "system") == bool(r.get("_stock")))
    return paged(req, map(view, chosen), first_page=1)


def get(ctx: Context, req: ApiRequest) -> dict[str, Any]:
    return view(ctx.require("personas", req.path["persona_id"], "persona_id"))


def patch(ctx: Context, req: ApiRequest) -> dict[str, Any] | Reply:
    """200 with the persona (the docs document no body for 200: today's choice is kept), or 304 with no body when
    the patch changes nothing (docs.tavus.io/api-reference/personas/patch-persona shows a ``{message}`` body for
    304, which HTTP does not allow a 304 to carry)."""
    record = require_writable(ctx, req.path["persona_id"])
    before = view(record)
    patched = apply_patch(before, req.body, check_paths=check_persona_paths, schema="Persona")
    if patched == before:
        return Reply(304)
    check_references(ctx, patched, before=record)
    if patched.get("pipeline_mode", "full") == "full" and _blank(patched.get("system_prompt")):
        raise bad_request(_PROMPT_REQUIRED, field="system_prompt")
    missing = _custom_llm_missing(patched.get("layers"))
    if missing:
        raise bad_request(missing[0][1], field=missing[0][0])
    patched["layers"] = _with_flow_defaults(patched.get("layers") or {})
    patched["updated_at"] = iso(ctx.now())
    private = {key: value for key, value in record.items() if key.startswith("_")}
    record.clear()
    record.update(patched, **private)
    return view(record)


def delete(ctx: Context, req: ApiRequest) -> Reply:
    """204 NO CONTENT (Tavus's openapi.yaml, deletePersona)."""
    persona_id = req.path["persona_id"]
    require_writable(ctx, persona_id)
    del ctx.store.table("personas")[persona_id]
    return Reply(204)


def view(record: Record) -> dict[str, Any]:
    """The API view of a persona. ``layers`` is an object in the schema, so a record without layers (a stock one,
    or state saved before layers defaulted to ``{}``) shows ``{}`` rather than null."""
    body = public(record)
    if body.get("layers") is None:
        body["layers"] = {}
    return body


def require_writable(ctx: Context, persona_id: str) -> Record:
    record = ctx.require("personas", persona_id, "persona_id")
    if record.get("_stock"):
        raise forbidden(f"Persona {persona_id} is a stock persona and cannot be changed; create your own instead")
    return record


def check_references(ctx: Context, body: dict[str, Any], *, before: Record | None = None) -> None:
    """Ids named in a persona body must exist: an unknown one is a 400 naming the field (spec decision).

    On a patch (``before`` is the stored persona) only the ids the patch brings in are checked, so a replica or
    document deleted since it was attached does not block unrelated changes to the persona.
    """
    previous = before or {}
    refs = (
        ("default_replica_id", "replicas", "Replica"),
        ("objectives_id", "objectives", "Objectives"),
        ("guardrails_id", "guardrails", "Guardrails"),
    )
    for field, table, kind in refs:
        value = body.get(field)
        if value and value != previous.get(field) and value not in ctx.store.table(table):
            raise bad_request(f"{kind} not found: {value}", field=field)
    _check_guardrail_ids(ctx, body.get("guardrail_ids") or [], previous.get("guardrail_ids") or [])
    attached = set(previous.get("document_ids") or [])
    for index, document_id in enumerate(body.get("document_ids") or []):
        if document_id in attached:
            continue
        document = ctx.store.table("documents").get(document_id)
        if document is None or not ctx.visible(document):
            raise bad_request(f"Document not found: {document_id}", field=f"document_ids.{index}")


def _check_guardrail_ids(ctx: Context, guardrail_ids: list[str], attached: list[str]) -> None:
    """Each id newly in ``guardrail_ids`` is an individual guardrail's ``uuid`` (create-guardrails: "Use this
    value in guardrail_ids"); at most 50 ("Up to 50 per persona", create-persona)."""
    if len(guardrail_ids) > MAX_GUARDRAILS:
        message = f"at most {MAX_GUARDRAILS} guardrails per persona; got {len(guardrail_ids)}"
        raise bad_request(message, field="guardrail_ids")
    for index, uuid in enumerate(guardrail_ids):
        if uuid not in attached and individual_guardrail(ctx, uuid) is None:
            raise bad_request(f"Guardrail not found: {uuid}", field=f"guardrail_ids.{index}")


def _with_flow_defaults(layers: Any) -> Any:
    """A conversational-flow layer with any setting gets the documented defaults for the rest; one with no
    setting (``{}`` or only nulls) is inactive, which the API shows as null
    (docs.tavus.io/sections/conversational-video-interface/persona/conversational-flow)."""
    if not isinstance(layers, dict):
        return layers
    flow = layers.get("conversational_flow")
    if isinstance(flow, dict):
        settings = {key: value for key, value in flow.items() if value is not None}
        layers = {**layers, "conversational_flow": {**_FLOW_DEFAULTS, **settings} if settings else None}
    return layers


def _custom_llm_missing(layers: Any) -> list[FieldError]:
    """A model that is not Tavus-hosted is a custom OpenAI-compatible LLM, which needs ``base_url`` and ``api_key``
    (docs.tavus.io/sections/conversational-video-interface/persona/llm). Hosted models are named ``tavus-...``; a new
    hosted name is not mistaken for a custom one."""
    llm = layers.get("llm") if isinstance(layers, dict) else None
    model = llm.get("model") if isinstance(llm, dict) else None
    if not isinstance(llm, dict) or not isinstance(model, str) or model.startswith("tavus-"):
        return []
    return [
        (f"layers.llm.{key}", f"layers.llm.{key} is required for the custom model {model!r} (not a tavus-... model)")
        for key in ("base_url", "api_key")
        if _blank(llm.get(key))
    ]


def _blank(value: Any) -> bool:
    return not isinstance(value, str) or not value.strip()


ROUTES: dict[str, Handler] = {
    "personas_create": create,
    "personas_list": list_,
    "personas_get": get,
    "personas_patch": patch,
    "personas_delete": delete,
}
