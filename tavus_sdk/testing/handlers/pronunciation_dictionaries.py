"""Pronunciation dictionaries: create (201), paged list (0-based, newest first), get, JSON Patch, delete (204).

Follows openapi.yaml (createPronunciationDictionary ... deletePronunciationDictionary). Dictionaries belong to the
API key that created them. Lists leave ``rules`` out and show ``rules_count``. A patch changes ``name`` and
``rules`` only: operations on read-only fields are ignored, and a patch that changes nothing answers 304. Duplicate
rule ``text`` values answer 400 ``{"error"}``; a malformed patch 422 ``{"message": "Invalid JSON patch format"}``;
an unknown id 404 ``{"message": "Pronunciation dictionary not found"}``. Deleting a dictionary sets
``pronunciation_dictionary_id`` to null on the personas' TTS layers that used it.
"""

from __future__ import annotations

import secrets
import string
from collections.abc import Sequence
from typing import Any

from tavus_sdk.patch import PatchError, apply, parse_operations, split_pointer
from tavus_sdk.testing._context import ApiRequest, Context, Handler, Reply, iso, public
from tavus_sdk.testing._errors import official_error, official_message
from tavus_sdk.testing._paging import in_order, paged
from tavus_sdk.testing._spec import field_errors, spec_index
from tavus_sdk.testing._store import Record

__all__ = ["ROUTES"]

_TABLE = "pronunciation_dictionaries"
_ID = "pronunciation_dictionary_id"
_MUTABLE = ("name", "rules")
_RULE_DEFAULTS = {"case_sensitive": False, "word_boundaries": True}
_ID_ALPHABET = string.ascii_lowercase + string.digits


def create(ctx: Context, req: ApiRequest) -> Reply:
    body: dict[str, Any] = req.body
    rules = _checked_rules(body.get("rules") or [])
    now = iso(ctx.now())
    record: Record = {
        _ID: _new_id(ctx),
        "name": body["name"],
        "rules": rules,
        "created_at": now,
        "updated_at": now,
        "_owner_key": ctx.api_key,
    }
    ctx.store.table(_TABLE)[record[_ID]] = record
    return Reply(201, view(record))


def list_(ctx: Context, req: ApiRequest) -> dict[str, Any]:
    rows = []
    for record in ctx.store.table(_TABLE).values():
        if ctx.visible(record):
            row = view(record)
            del row["rules"]
            rows.append(row)
    # Newest first unless asked otherwise (openapi.yaml: sort default desc).
    return paged(req, in_order(req, rows, default="desc"), first_page=0, echo=True)


def get(ctx: Context, req: ApiRequest) -> dict[str, Any]:
    return view(_find(ctx, req.path["dictionary_id"]))


def patch(ctx: Context, req: ApiRequest) -> Reply | dict[str, Any]:
    record = _find(ctx, req.path["dictionary_id"])
    before = {key: record[key] for key in _MUTABLE}
    try:
        operations = parse_operations(req.body)
        # Read-only fields are silently ignored (openapi.yaml), so only operations on name and rules apply.
        wanted = [op for op in operations if _touches_mutable(op.path) and _touches_mutable(getattr(op, "from_", None))]
        after = apply(wanted, before)
    except PatchError as exc:
        raise official_message(422, f"Invalid JSON patch format: {exc}") from None
    if not isinstance(after, dict) or set(after) - set(_MUTABLE):
        raise official_message(422, "Invalid JSON patch format: only /name and /rules can change")
    errors = field_errors(
        spec_index().validator({"$ref": "#/components/schemas/PronunciationDictionaryCreateRequest"}), after
    )
    if errors:
        field, message = errors[0]
        raise official_error(400, f"Invalid request: {field} {message}")
    after["rules"] = _checked_rules(after.get("rules") or [])
    if after == {key: before[key] for key in _MUTABLE}:
        return Reply(304)
    record.update(after)
    record["updated_at"] = iso(ctx.now())
    # Personas pick the new rules up by id: nothing to copy.
    return view(record)


def delete(ctx: Context, req: ApiRequest) -> Reply:
    dictionary_id = req.path["dictionary_id"]
    _find(ctx, dictionary_id)
    now = iso(ctx.now())
    for persona in ctx.store.table("personas").values():
        tts = (persona.get("layers") or {}).get("tts")
        if isinstance(tts, dict) and tts.get(_ID) == dictionary_id:
            tts[_ID] = None
            persona["updated_at"] = now
    del ctx.store.table(_TABLE)[dictionary_id]
    return Reply(204)


def view(record: Record) -> dict[str, Any]:
    body = public(record)
    body["rules_count"] = len(body.get("rules") or [])
    return body


def _touches_mutable(pointer: str | None) -> bool:
    if pointer is None:
        return True
    parts = split_pointer(pointer)
    return bool(parts) and parts[0] in _MUTABLE


def _checked_rules(rules: Sequence[Any]) -> list[dict[str, Any]]:
    """The rules with their defaults, or 400 for a repeated ``text`` (openapi.yaml)."""
    seen: set[str] = set()
    for rule in rules:
        text = rule.get("text")
        if text in seen:
            raise official_error(400, f"Invalid request: duplicate text values in rules ({text!r})")
        seen.add(text)
    return [{**_RULE_DEFAULTS, **rule} for rule in rules]


def _find(ctx: Context, dictionary_id: str) -> Record:
    record = ctx.store.table(_TABLE).get(dictionary_id)
    if record is None or not ctx.visible(record):
        raise official_message(404, "Pronunciation dictionary not found")
    return record


def _new_id(ctx: Context) -> str:
    """``pd_`` and 14 lower-case letters or digits, like openapi.yaml's ``pd_abc123def456gh``."""
    while True:
        candidate = "pd_" + "".join(secrets.choice(_ID_ALPHABET) for _ in range(14))
        if candidate not in ctx.store.table(_TABLE):
            return candidate


ROUTES: dict[str, Handler] = {
    "pronunciation-dictionaries_create": create,
    "pronunciation-dictionaries_list": list_,
    "pronunciation-dictionaries_get": get,
    "pronunciation-dictionaries_patch": patch,
    "pronunciation-dictionaries_delete": delete,
}
