"""Objectives: sets of goals a persona works through; create, list, get, JSON Patch, delete.

A set is stored as ``{objectives_id, data: [objective, ...], created_at, updated_at}`` (spec decision 12). The
guardrails handler shares the set machinery (:class:`ItemSets`); only the rules on the items differ.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from tavus_sdk.patch import check_objectives_paths
from tavus_sdk.testing._context import ApiRequest, Context, Handler, iso, public, public_all
from tavus_sdk.testing._errors import FieldError, unprocessable
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
    kind: str
    """How messages name the resource (``Objectives``, as in "Objectives not found: o123")."""
    item: str
    """How messages name one item (``objective``)."""
    item_schema: str
    set_schema: str
    check_paths: Callable[[object], None]
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
        ctx.store.table(self.resource)[set_id] = record
        return public(record)

    def list_(self, ctx: Context, req: ApiRequest) -> dict[str, Any]:
        return {"data": public_all(ctx.store.table(self.resource).values())}

    def get(self, ctx: Context, req: ApiRequest) -> dict[str, Any]:
        return public(ctx.get(self.resource, req.path[self.id_field], self.kind))

    def patch(self, ctx: Context, req: ApiRequest) -> dict[str, Any]:
        record = ctx.get(self.resource, req.path[self.id_field], self.kind)
        patched = apply_patch(public(record), req.body, check_paths=self.check_paths, schema=self.set_schema)
        # Defaults are filled in again, so an appended item gets them and a removed default comes back.
        patched["data"] = self._checked_items(patched.get("data") or [])
        patched["updated_at"] = iso(ctx.now())
        private = {key: value for key, value in record.items() if key.startswith("_")}
        record.clear()
        record.update(patched, **private)
        return public(record)

    def delete(self, ctx: Context, req: ApiRequest) -> None:
        set_id = req.path[self.id_field]
        ctx.get(self.resource, set_id, self.kind)
        # The docs do not say what happens to personas using the set, and the spec lists no 400/409 for delete,
        # so the delete succeeds and detaches the set: a persona never points at a set that no longer exists.
        now = iso(ctx.now())
        for persona in ctx.store.table("personas").values():
            if persona.get(self.id_field) == set_id:
                persona[self.id_field] = None
                persona["updated_at"] = now
        del ctx.store.table(self.resource)[set_id]

    def _checked_items(self, items: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
        """The items with their defaults filled in, or a 422 naming every item that breaks a rule."""
        if not items:
            raise unprocessable(
                [("data", f"a set needs at least one {self.item}")], f"A set of {self.resource} cannot be empty"
            )
        errors = self.rules(items)
        if errors:
            field, message = errors[0]
            raise unprocessable(errors, f"Invalid set of {self.resource}: {field} {message}")
        defaults = item_defaults(self.item_schema).items()
        return [{**item, **{key: value for key, value in defaults if key not in item}} for item in items]


def check_objective_references(items: Sequence[Mapping[str, Any]]) -> list[FieldError]:
    """Objectives name each other by ``objective_name`` (docs L5452-L5469), so names are unique in a set and the
    next objectives, required or conditional, are objectives of the same set."""
    errors: list[FieldError] = []
    seen: dict[str, int] = {}
    for index, item in enumerate(items):
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
            (f"data.{index}.next_required_objectives.{position}", name)
            for position, name in enumerate(item.get("next_required_objectives") or [])
        ]
        nexts += [
            (f"data.{index}.next_conditional_objectives.{name}", name)
            for name in item.get("next_conditional_objectives") or {}
        ]
        for field, name in nexts:
            if name not in seen:
                errors.append((field, f"{name!r} is not the objective_name of an objective in this set ({known})"))
    return errors


OBJECTIVES = ItemSets(
    resource="objectives",
    id_field="objectives_id",
    prefix="o",
    kind="Objectives",
    item="objective",
    item_schema="Objective",
    set_schema="Objectives",
    check_paths=check_objectives_paths,
    rules=check_objective_references,
)

ROUTES: dict[str, Handler] = OBJECTIVES.routes()
