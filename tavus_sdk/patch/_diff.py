"""Computing the JSON Patch that turns one JSON document into another."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from tavus_sdk.patch._operations import AddOp, Operation, RemoveOp, ReplaceOp
from tavus_sdk.patch._pointer import escape_key, json_equal


@dataclass(frozen=True, slots=True)
class _Step:
    op: Literal["add", "remove", "replace"]
    path: str
    value: Any = None


def diff(old: Any, new: Any) -> list[Operation]:
    """The operations that turn the JSON document ``old`` into ``new``.

    Objects are compared key by key (gone keys are removed, new keys added, changed values
    diffed further); a value whose JSON type changes is replaced. For arrays the common prefix
    and suffix are kept and the middle becomes per-index replacements plus removals (from the
    highest index down) or insertions at explicit indices. When an object or array shares
    nothing with its new version and would take several operations, one ``replace`` of it is
    emitted instead. Identical documents give ``[]``. Neither input is modified.
    """
    steps, _ = _diff(old, new, "")
    operations: list[Operation] = []
    for step in steps:
        if step.op == "remove":
            operations.append(RemoveOp(path=step.path))
        elif step.op == "add":
            operations.append(AddOp(path=step.path, value=step.value))
        else:
            operations.append(ReplaceOp(path=step.path, value=step.value))
    return operations


def _diff(old: Any, new: Any, path: str) -> tuple[list[_Step], bool]:
    """Steps from ``old`` to ``new`` at ``path``, and whether any part of ``old`` is kept."""
    if json_equal(old, new):
        return [], True
    if isinstance(old, Mapping) and isinstance(new, Mapping):
        steps, shared = _diff_objects(old, new, path)
    elif isinstance(old, list | tuple) and isinstance(new, list | tuple):
        steps, shared = _diff_arrays(old, new, path)
    else:
        return [_Step("replace", path, new)], False
    if not shared and len(steps) > 1:
        return [_Step("replace", path, new)], False
    return steps, shared


def _diff_objects(old: Mapping[str, Any], new: Mapping[str, Any], path: str) -> tuple[list[_Step], bool]:
    steps: list[_Step] = []
    shared = False
    for key, value in old.items():
        child = f"{path}/{escape_key(key)}"
        if key not in new:
            steps.append(_Step("remove", child))
            continue
        child_steps, child_shared = _diff(value, new[key], child)
        steps.extend(child_steps)
        shared = shared or child_shared
    for key, value in new.items():
        if key not in old:
            steps.append(_Step("add", f"{path}/{escape_key(key)}", value))
    return steps, shared


def _diff_arrays(old: Any, new: Any, path: str) -> tuple[list[_Step], bool]:
    shortest = min(len(old), len(new))
    prefix = 0
    while prefix < shortest and json_equal(old[prefix], new[prefix]):
        prefix += 1
    suffix = 0
    while suffix < shortest - prefix and json_equal(old[-1 - suffix], new[-1 - suffix]):
        suffix += 1
    old_middle = old[prefix : len(old) - suffix]
    new_middle = new[prefix : len(new) - suffix]
    shared = prefix + suffix > 0
    steps: list[_Step] = []
    overlap = min(len(old_middle), len(new_middle))
    for offset in range(overlap):
        child_steps, child_shared = _diff(old_middle[offset], new_middle[offset], f"{path}/{prefix + offset}")
        steps.extend(child_steps)
        shared = shared or child_shared
    for index in range(prefix + len(old_middle) - 1, prefix + overlap - 1, -1):
        steps.append(_Step("remove", f"{path}/{index}"))
    for offset in range(overlap, len(new_middle)):
        steps.append(_Step("add", f"{path}/{prefix + offset}", new_middle[offset]))
    return steps, shared
