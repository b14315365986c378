"""Objectives: sets of goals a persona works through; create, paged list, get, JSON Patch, delete.

Follows Tavus's openapi.yaml (createObjectives ... deleteObjective). A set is stored as ``{objectives_id, data:
[objective, ...], created_at, updated_at}``, which GET and the list answer (the list shape the docs' own patch
paths ``/data/0/...`` address); create answers ``{objectives_id, objective_name, status, created_at}``. An unknown
id is 400 ``{"error": "Invalid objectives_id"}``; a patch answers 200 ``{"message"}``, or 304 when nothing
changed; delete answers 204. The guardrails handler shares the set machinery (:class:`ItemSets`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from tavus_sdk.patch import check_objectives_paths
from tavus_sdk.testing._context import ApiRequest, Context, Handler, Reply, iso, public
from tavus_sdk.testing._errors import ApiError, FieldError, official_error
from tavus_sdk.testing._paging import in_order, paged
from tavus_sdk.testing._patching import apply_patch
from tavus_sdk.testing._spec import spec_index
from tavus_sdk.testing._store import Record

__all__ = ["OBJECTIVES", "ROUTES", "ItemSets", "check_objective_references", "item_defaults"]

ItemRules = Callable[[Sequence[Mapping[str, Any]]], list[FieldError]]
"""Business rules over a whole set's items: ``(field, message)`` for each violation."""


def _no_rules(items: Sequence[Mapping[str, Any]]) -> list[FieldError]:
    return []


@cache
def item_defaults(schema: str) -> dict[str, Any]:
    """The ``default`` of every property of an item schema, read from the spec so the two never disagree."""
    properties: dict[str, Any] = spec_index().spec["components"]["schemas"][schema].get("properties", {})
    return {name: prop["default"] for name, prop in properties.items() if "default" in prop}


@dataclass(frozen=True)
class ItemSets:
    """One set resource: the routes of ``/<resource>`` and ``/<resource>/{<id_field>}``."""

    resource: str
    """Table name, operation-id prefix and path segment: ``objectives`` or ``guardrails``."""
    id_field: str
    """The set's id field, which is also the persona field that attaches it."""
    prefix: str
    item: str
    """How messages name one item (``objective``)."""
    item_name: str
    """The items' name field (``objective_name``)."""
    set_name: str
    """The set's own name field: ``name`` (objectives, Tavus's client) or ``guardrails_name`` (guardrails)."""
    item_schema: str
    set_schema: str
    check_paths: Callable[[object], None]
    created: Callable[[Record], dict[str, Any]]
    """Create's answer, which is not the set (openapi.yaml createObjectives / createGuardrails)."""
    updated_message: str
    echo_page: bool
    """Whether the list answer repeats ``page`` and ``limit`` (guardrails: list-guardrails page; objectives: no)."""
    rules: ItemRules = _no_rules

    def routes(self) -> dict[str, Handler]:
        return {
            f"{self.resource}_create": self.create,
            f"{self.resource}_list": self.list_,
            f"{self.resource}_get": self.get,
            f"{self.resource}_patch": self.patch,
            f"{self.resource}_delete": self.delete,
        }

    def create(self, ctx: Context, req: ApiRequest) -> dict[str, Any]:
        items = self._checked_items(req.body["data"])
        now = iso(ctx.now())
        set_id = ctx.store.new_id(self.resource, self.prefix, 11)
        record: Record = {self.id_field: set_id, "data": items, "created_at": now, "updated_at": now}
        if req.body.get("name") is not None:
            record[self.set_name] = req.body["name"]
        ctx.store.table(self.resource)[set_id] = record
        return self.created(record)

    def list_(self, ctx: Context, req: ApiRequest) -> dict[str, Any]:
        needle = (req.query.get("name_or_uuid") or "").lower()
        matches = [
            public(record) for record in ctx.store.table(self.resource).values() if self._matches(record, needle)
        ]
        return paged(req, in_order(req, matches), first_page=1, echo=self.echo_page)

    def get(self, ctx: Context, req: ApiRequest) -> dict[str, Any]:
        return public(ctx.require(self.resource, req.path[self.id_field], self.id_field))

    def patch(self, ctx: Context, req: ApiRequest) -> Reply | dict[str, Any]:
        record = ctx.require(self.resource, req.path[self.id_field], self.id_field)
        before = public(record)
        try:
            patched = apply_patch(before, req.body, check_paths=self.check_paths, schema=self.set_schema)
            # Defaults are filled in again, so an appended item gets them and a removed default comes back.
            patched["data"] = self._checked_items(patched.get("data") or [])
        except ApiError as exc:
            # Tavus answers every refused patch with 400 {"error"} (openapi.yaml); the detail goes in the text.
            raise official_error(400, f"Invalid patch operation: {_detail(exc)}") from None
        if patched == before:
            return Reply(304)
        patched["updated_at"] = iso(ctx.now())
        private = {key: value for key, value in record.items() if key.startswith("_")}
        record.clear()
        record.update(patched, **private)
        return {"message": self.updated_message}

    def delete(self, ctx: Context, req: ApiRequest) -> Reply:
        set_id = req.path[self.id_field]
        ctx.require(self.resource, set_id, self.id_field)
        # Personas using the set lose the reference (the newest docs say so of guardrails), so a persona never
        # points at a set that no longer exists.
        now = iso(ctx.now())
        for persona in ctx.store.table("personas").values():
            if persona.get(self.id_field) == set_id:
                persona[self.id_field] = None
                persona["updated_at"] = now
        del ctx.store.table(self.resource)[set_id]
        return Reply(204)

    def _matches(self, record: Record, needle: str) -> bool:
        if not needle or needle == record[self.id_field].lower():
            return True
        names = [str(record.get(self.set_name) or "")] + [
            str(item.get(self.item_name) or "") for item in record["data"]
        ]
        return any(needle in name.lower() for name in names)

    def _checked_items(self, items: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
        """The items with their defaults filled in, or a 400 naming the first item that breaks a rule."""
        if not items:
            raise official_error(400, f"Invalid request: a set needs at least one {self.item}")
        errors = self.rules(items)
        if errors:
            field, message = errors[0]
            raise official_error(400, f"Invalid request: {field} {message}")
        defaults = item_defaults(self.item_schema).items()
        return [{**item, **{key: value for key, value in defaults if key not in item}} for item in items]


def _detail(error: ApiError) -> str:
    if error.errors:
        return "; ".join(f"{field}: {message}" for field, message in error.errors)
    return error.message


def check_objective_references(items: Sequence[Mapping[str, Any]]) -> list[FieldError]:
    """Objectives name each other by ``objective_name``, so names are unique in a set, and the next objective,
    required or conditional, is an objective of the same set (the rules Tavus's own client checks too). The older
    plural ``next_required_objectives`` is refused by name: the current API takes one ``next_required_objective``."""
    errors: list[FieldError] = []
    seen: dict[str, int] = {}
    for index, item in enumerate(items):
        if "next_required_objectives" in item:
            errors.append(
                (
                    f"data.{index}.next_required_objectives",
                    "is the older docs' name: send next_required_objective, one objective_name (a string)",
                )
            )
        name = item.get("objective_name")
        if isinstance(name, str):
            if name in seen:
                errors.append(
                    (f"data.{index}.objective_name", f"{name!r} is already the name of objective {seen[name]}")
                )
            seen.setdefault(name, index)
    known = ", ".join(repr(name) for name in seen) or "none"
    for index, item in enumerate(items):
        nexts: list[tuple[str, object]] = [
            (f"data.{index}.next_conditional_objectives.{name}", name)
            for name in item.get("next_conditional_objectives") or {}
        ]
        if item.get("next_required_objective") is not None:
            nexts.append((f"data.{index}.next_required_objective", item["next_required_objective"]))
        for field, name in nexts:
            if name not in seen:
                errors.append((field, f"{name!r} is not the objective_name of an objective in this set ({known})"))
    return errors


def _objectives_created(record: Record) -> dict[str, Any]:
    first = record["data"][0].get("objective_name")
    return {
        "objectives_id": record["objectives_id"],
        "objective_name": first,
        "status": "active",
        "created_at": record["created_at"],
    }


OBJECTIVES = ItemSets(
    resource="objectives",
    id_field="objectives_id",
    prefix="o",
    item="objective",
    item_name="objective_name",
    set_name="name",
    item_schema="Objective",
    set_schema="Objectives",
    check_paths=check_objectives_paths,
    created=_objectives_created,
    updated_message="Objective updated successfully",
    echo_page=False,
    rules=check_objective_references,
)

ROUTES: dict[str, Handler] = OBJECTIVES.routes()
