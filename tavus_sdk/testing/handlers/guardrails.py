"""Guardrails: individual guardrails and the newest docs' "legacy" sets, on the same paths; create, paged list,
get, JSON Patch, delete.

The server tells the two apart (docs.tavus.io/api-reference/guardrails/legacy-guardrail-sets): POST by the body's
shape (a top-level ``guardrail_name`` is an individual guardrail), the list by ``legacy`` (``false``: individual
guardrails, paged from 0 as list-guardrails says; otherwise sets), and GET, PATCH, DELETE by the kind of id (a
guardrail's ``uuid`` or a set's ``guardrails_id``; unknown to both is 400 ``{"error": "Invalid guardrails_id"}``).

Sets use the routes of every set resource (:class:`~tavus_sdk.testing.handlers.objectives.ItemSets`), items with
the singular ``guardrail_name`` / ``guardrail_prompt``; create answers ``{guardrails_id, guardrails_name, status,
created_at}``. An individual guardrail is ``{uuid, guardrail_name, guardrail_prompt, modality, callback_url, tags,
app_message, created_at, updated_at}``; the limits (name, prompt, callback_url, 32 tags of 64 characters) are in
the spec's schema. Deleting one removes it from every persona's ``guardrail_ids``. Not modelled: the docs' note that
each item of a set is also addressable as an individual guardrail (the mirrored uuids are not shown anywhere).
"""

from __future__ import annotations

from typing import Any

from tavus_sdk.patch import check_guardrails_paths, check_individual_guardrail_paths
from tavus_sdk.testing._context import ApiRequest, Context, Handler, Reply, iso, public
from tavus_sdk.testing._errors import ApiError, official_error
from tavus_sdk.testing._paging import in_order, paged
from tavus_sdk.testing._patching import apply_patch
from tavus_sdk.testing._store import Record
from tavus_sdk.testing.handlers.objectives import ItemSets, item_defaults

__all__ = ["GUARDRAILS", "INDIVIDUAL", "ROUTES", "individual_guardrail"]

INDIVIDUAL = "individual_guardrails"
"""The table of individual guardrails, keyed by ``uuid``."""
_FIELDS = ("guardrail_name", "guardrail_prompt", "modality", "callback_url", "tags", "app_message")


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

_SETS = GUARDRAILS.routes()


def individual_guardrail(ctx: Context, uuid: str) -> Record | None:
    """The individual guardrail with this ``uuid``, if there is one the caller may see."""
    record = ctx.store.table(INDIVIDUAL).get(uuid)
    return record if record is not None and ctx.visible(record) else None


def _create_individual(ctx: Context, req: ApiRequest) -> dict[str, Any]:
    # Fields the create-guardrails page does not list (Tavus's client sends `tool_call`) are not kept.
    given = {key: value for key, value in req.body.items() if key in _FIELDS}
    now = iso(ctx.now())
    uuid = ctx.store.new_id(INDIVIDUAL, "g", 12)
    record: Record = {
        "uuid": uuid,
        **item_defaults("IndividualGuardrailCreateRequest"),
        "tags": [],
        **given,
        "created_at": now,
        "updated_at": now,
    }
    ctx.store.table(INDIVIDUAL)[uuid] = record
    return public(record)


def _matches(record: Record, needle: str, tags: set[str]) -> bool:
    if needle and record["uuid"] != needle and needle.lower() not in str(record.get("guardrail_name", "")).lower():
        return False
    return not tags or bool(tags & set(record.get("tags") or []))


def _list_individual(ctx: Context, req: ApiRequest) -> dict[str, Any]:
    needle = str(req.query.get("name_or_uuid") or "")
    tags = {tag.strip() for tag in str(req.query.get("tags") or "").split(",") if tag.strip()}
    records = ctx.store.table(INDIVIDUAL).values()
    chosen = [public(r) for r in records if ctx.visible(r) and _matches(r, needle, tags)]
    return paged(req, in_order(req, chosen), first_page=0, echo=True)


def _patch_individual(ctx: Context, req: ApiRequest, record: Record) -> Reply | dict[str, Any]:
    before = public(record)
    try:
        patched = apply_patch(
            before, req.body, check_paths=check_individual_guardrail_paths, schema="IndividualGuardrailCreateRequest"
        )
    except ApiError as exc:
        # As for sets: every refused patch is 400 {"error"} (openapi.yaml patchGuardrails).
        detail = "; ".join(f"{field}: {message}" for field, message in exc.errors) or exc.message
        raise official_error(400, f"Invalid patch operation: {detail}") from None
    if patched == before:
        return Reply(304)
    private = {key: value for key, value in record.items() if key.startswith("_")}
    record.clear()  # so a removed field is gone, not kept from before
    record.update(patched, **private, updated_at=iso(ctx.now()))
    return {"message": GUARDRAILS.updated_message}


def _delete_individual(ctx: Context, uuid: str) -> Reply:
    # delete-guardrails: "PALs with this guardrail attached via guardrail_ids will have the reference removed".
    now = iso(ctx.now())
    for persona in ctx.store.table("personas").values():
        if uuid in (persona.get("guardrail_ids") or []):
            persona["guardrail_ids"] = [g for g in persona["guardrail_ids"] if g != uuid]
            persona["updated_at"] = now
    del ctx.store.table(INDIVIDUAL)[uuid]
    return Reply(204)


def _create(ctx: Context, req: ApiRequest) -> Any:
    if isinstance(req.body, dict) and "guardrail_name" in req.body:
        return _create_individual(ctx, req)
    return _SETS["guardrails_create"](ctx, req)


def _list(ctx: Context, req: ApiRequest) -> Any:
    if str(req.query.get("legacy", "true")).lower() == "false":
        return _list_individual(ctx, req)
    return _SETS["guardrails_list"](ctx, req)


def _get(ctx: Context, req: ApiRequest) -> Any:
    record = individual_guardrail(ctx, req.path["guardrails_id"])
    return public(record) if record is not None else _SETS["guardrails_get"](ctx, req)


def _patch(ctx: Context, req: ApiRequest) -> Any:
    record = individual_guardrail(ctx, req.path["guardrails_id"])
    return _patch_individual(ctx, req, record) if record is not None else _SETS["guardrails_patch"](ctx, req)


def _delete(ctx: Context, req: ApiRequest) -> Any:
    uuid = req.path["guardrails_id"]
    if individual_guardrail(ctx, uuid) is not None:
        return _delete_individual(ctx, uuid)
    return _SETS["guardrails_delete"](ctx, req)


ROUTES: dict[str, Handler] = {
    "guardrails_create": _create,
    "guardrails_list": _list,
    "guardrails_get": _get,
    "guardrails_patch": _patch,
    "guardrails_delete": _delete,
}
