"""JSON Patch (RFC 6902) for personas, objectives and guardrails.

Tavus updates personas (``PATCH /v2/personas/{persona_id}``), objective sets and guardrail sets
with a JSON Patch: a list of ``add``, ``remove``, ``replace``, ``move``, ``copy`` and ``test``
operations whose ``path`` is a JSON Pointer (RFC 6901) into the resource. This module makes,
checks and previews such patches:

* :class:`Patch` builds one fluently; :func:`parse_operations` validates one read from a file;
* :func:`diff` computes the operations that turn one version of a document into another;
* :func:`apply` previews the result locally (atomically, without touching the input);
* :func:`check_paths` and the ``check_*_paths`` helpers catch typos in paths before Tavus sees
  them, with a "did you mean" suggestion.

Example::

    from tavus_sdk.patch import Patch, apply, check_persona_paths, diff

    patch = (
        Patch()
        .replace("/persona_name", "Wellness Advisor")
        .replace("/layers/llm/model", "tavus-gpt-4o")
        .remove("/layers/stt/hotwords")
    )
    check_persona_paths(patch)  # a typo raises PatchPathError, with a suggestion
    body = patch.to_list()  # the request body
    preview = apply(patch, current)  # the persona as the patch would leave it

    ops = diff(current, edited)  # or let the patch be computed from two versions
"""

from __future__ import annotations

import collections.abc
import copy
import datetime
import decimal
import difflib
import enum
import json
import math
import re
import types
import typing
import uuid
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Annotated, Any, Literal, Self, TypeAlias, Union

import jsonpatch
import jsonpointer
import pydantic
from pydantic import ConfigDict, Field, JsonValue, field_validator, model_validator

__all__ = [
    "OP_NAMES",
    "AddOp",
    "CopyOp",
    "MoveOp",
    "Operation",
    "Patch",
    "PatchError",
    "PatchPathError",
    "RemoveOp",
    "ReplaceOp",
    "TestOp",
    "apply",
    "check_guardrails_paths",
    "check_objectives_paths",
    "check_paths",
    "check_persona_paths",
    "check_pointer",
    "diff",
    "escape_key",
    "join_pointer",
    "json_equal",
    "parse_operations",
    "split_pointer",
]

OP_NAMES: tuple[str, ...] = ("add", "remove", "replace", "move", "copy", "test")
"""The six operations of RFC 6902, in the order the RFC defines them."""


# --------------------------------------------------------------------------------------------
# Errors


class PatchError(ValueError):
    """A patch that is malformed, or that cannot be applied to a document.

    ``index`` is the position of the offending operation (``None`` when the patch as a whole is
    wrong) and ``path`` its ``path`` (or ``from``) pointer, when known.
    """

    def __init__(self, message: str, *, index: int | None = None, path: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.index = index
        self.path = path


class PatchPathError(PatchError):
    """A pointer that does not fit the resource's schema, or that targets a read-only field.

    ``field`` tells which member of the operation is wrong (``"path"`` or ``"from"``) and
    ``suggestion`` is a close valid pointer, when one was found.
    """

    def __init__(
        self,
        message: str,
        *,
        index: int,
        path: str,
        suggestion: str | None = None,
        field: Literal["path", "from"] = "path",
    ) -> None:
        super().__init__(message, index=index, path=path)
        self.suggestion = suggestion
        self.field = field


def _q(value: object) -> str:
    """A value as JSON, for messages (strings in double quotes, ``true`` rather than ``True``)."""
    try:
        text = json.dumps(value, ensure_ascii=False, default=repr)
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, Mapping):
        return "an object"
    if isinstance(value, list | tuple):
        return "an array"
    return type(value).__name__


# --------------------------------------------------------------------------------------------
# JSON Pointers (RFC 6901)

_BAD_TILDE = re.compile(r"~(?![01])")
_ARRAY_INDEX = re.compile(r"0|[1-9][0-9]*")


def check_pointer(pointer: object, *, name: str = "path") -> str:
    """Return ``pointer`` if it is a valid JSON Pointer, else raise :class:`PatchError`.

    A pointer is ``""`` (the whole document) or starts with ``"/"``; ``~`` only appears as
    ``~0`` (a literal ``~``) or ``~1`` (a literal ``/``). ``name`` is used in the message.
    """
    if not isinstance(pointer, str):
        raise PatchError(f"{name} must be a string (a JSON Pointer), got {_json_type(pointer)}")
    if pointer and not pointer.startswith("/"):
        raise PatchError(f'{name} must be a JSON Pointer starting with "/", got {_q(pointer)}')
    if _BAD_TILDE.search(pointer):
        raise PatchError(
            f'{name} {_q(pointer)} has a "~" that is not "~0" or "~1" '
            '(write "~0" for a literal "~" and "~1" for a literal "/")'
        )
    return pointer


def escape_key(key: str) -> str:
    """Escape an object key for use as one segment of a JSON Pointer (``~`` -> ``~0``, ``/`` -> ``~1``)."""
    return key.replace("~", "~0").replace("/", "~1")


def _unescape(segment: str) -> str:
    return segment.replace("~1", "/").replace("~0", "~")


def split_pointer(pointer: str) -> list[str]:
    """The unescaped segments of a JSON Pointer: ``"/a~1b/0"`` -> ``["a/b", "0"]``, ``""`` -> ``[]``."""
    check_pointer(pointer)
    if not pointer:
        return []
    return [_unescape(segment) for segment in pointer[1:].split("/")]


def join_pointer(segments: Iterable[str | int]) -> str:
    """The JSON Pointer of a list of keys and indices: ``["a/b", 0]`` -> ``"/a~1b/0"``."""
    return "".join("/" + escape_key(str(segment)) for segment in segments)


# --------------------------------------------------------------------------------------------
# JSON equality


def json_equal(a: object, b: object) -> bool:
    """Compare two JSON values the way JSON (and RFC 6902 ``test``) does.

    Unlike Python's ``==``, ``true`` is not ``1`` and ``false`` is not ``0``; numbers compare by
    value (``1`` equals ``1.0``); objects ignore member order; arrays compare item by item.
    """
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if isinstance(a, Mapping):
        if not isinstance(b, Mapping) or len(a) != len(b):
            return False
        return all(key in b and json_equal(value, b[key]) for key, value in a.items())
    if isinstance(a, list | tuple):
        if not isinstance(b, list | tuple) or len(a) != len(b):
            return False
        return all(json_equal(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(b, Mapping | list | tuple):
        return False
    if isinstance(a, int | float) and isinstance(b, int | float):
        return a == b
    return type(a) is type(b) and a == b


# --------------------------------------------------------------------------------------------
# Operation models


class _Op(pydantic.BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, serialize_by_alias=True)

    @field_validator("path", check_fields=False)
    @classmethod
    def _check_path(cls, value: str) -> str:
        return check_pointer(value, name="path")

    def to_dict(self) -> dict[str, Any]:
        """The operation as JSON-ready data, with ``from`` spelled as on the wire."""
        return self.model_dump(mode="json", by_alias=True)


class AddOp(_Op):
    """``add``: set an object member (creating or overwriting it), or insert into an array
    (``/-`` appends)."""

    op: Literal["add"] = "add"
    path: str
    value: JsonValue


class RemoveOp(_Op):
    """``remove``: delete an object member or an array item (later items shift down)."""

    op: Literal["remove"] = "remove"
    path: str


class ReplaceOp(_Op):
    """``replace``: overwrite a value that must already exist."""

    op: Literal["replace"] = "replace"
    path: str
    value: JsonValue


class _FromOp(_Op):
    @field_validator("from_", check_fields=False)
    @classmethod
    def _check_from(cls, value: str) -> str:
        return check_pointer(value, name="from")


class MoveOp(_FromOp):
    """``move``: remove the value at ``from`` and add it at ``path``."""

    op: Literal["move"] = "move"
    path: str
    from_: str = Field(alias="from")

    @model_validator(mode="after")
    def _not_into_itself(self) -> Self:
        if self.path.startswith(self.from_ + "/"):
            raise ValueError(
                f'"from" {_q(self.from_)} contains "path" {_q(self.path)}: '
                "a value cannot be moved into one of its own children"
            )
        return self


class CopyOp(_FromOp):
    """``copy``: add a copy of the value at ``from`` at ``path``."""

    op: Literal["copy"] = "copy"
    path: str
    from_: str = Field(alias="from")


class TestOp(_Op):
    """``test``: fail the whole patch unless the value at ``path`` equals ``value`` (JSON
    equality: ``true`` is not ``1``)."""

    __test__ = False  # not a pytest test class

    op: Literal["test"] = "test"
    path: str
    value: JsonValue


Operation: TypeAlias = Annotated[AddOp | RemoveOp | ReplaceOp | MoveOp | CopyOp | TestOp, Field(discriminator="op")]
"""One JSON Patch operation; usable with ``pydantic.TypeAdapter(list[Operation])``."""

_OP_CLASSES: dict[str, type[_Op]] = {
    "add": AddOp,
    "remove": RemoveOp,
    "replace": ReplaceOp,
    "move": MoveOp,
    "copy": CopyOp,
    "test": TestOp,
}
_OP_TYPES = (AddOp, RemoveOp, ReplaceOp, MoveOp, CopyOp, TestOp)
_MEMBERS: dict[str, tuple[str, ...]] = {
    "add": ("op", "path", "value"),
    "remove": ("op", "path"),
    "replace": ("op", "path", "value"),
    "move": ("op", "from", "path"),
    "copy": ("op", "from", "path"),
    "test": ("op", "path", "value"),
}


def _not_json(value: object, where: str) -> str | None:
    """Why ``value`` is not a JSON value (``None`` if it is one)."""
    at = f" at {_q(where)}" if where else ""
    if value is None or isinstance(value, str | bool | int):
        return None
    if isinstance(value, float):
        return None if math.isfinite(value) else f"{value!r}{at} is not a JSON number"
    if isinstance(value, list):
        for position, item in enumerate(value):
            problem = _not_json(item, f"{where}/{position}")
            if problem is not None:
                return problem
        return None
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                return f"object keys must be strings, got {key!r}{at}"
            problem = _not_json(item, f"{where}/{escape_key(key)}")
            if problem is not None:
                return problem
        return None
    return f"{type(value).__name__}{at} is not a JSON type (use dict, list, str, int, float, bool or None)"


def _first_error(exc: pydantic.ValidationError) -> str:
    error = exc.errors(include_url=False)[0]
    ctx = error.get("ctx") or {}
    if error["type"] == "value_error" and "error" in ctx:
        return str(ctx["error"])
    loc = ".".join(str(part) for part in error["loc"])
    if loc.startswith("value"):
        return f'"value" is not JSON ({error["msg"].lower()} at {loc})'
    return f"{loc}: {error['msg']}" if loc else str(error["msg"])


def _parse_one(index: int, item: object) -> Operation:
    prefix = f"operation {index}: "
    if isinstance(item, _OP_TYPES):
        return item
    if not isinstance(item, Mapping):
        raise PatchError(f'{prefix}expected an object with "op" and "path", got {_json_type(item)}', index=index)
    if "op" not in item:
        raise PatchError(f'{prefix}missing "op" (one of {", ".join(OP_NAMES)})', index=index)
    op = item["op"]
    if not isinstance(op, str) or op not in _OP_CLASSES:
        raise PatchError(f'{prefix}"op" must be one of {", ".join(OP_NAMES)}; got {_q(op)}', index=index)
    members = _MEMBERS[op]
    for key in item:
        if key not in members:
            hint = difflib.get_close_matches(str(key), members, n=1)
            if key == "value" and op == "remove":
                reason = 'a remove operation takes no "value"'
            elif hint and hint[0] not in item:
                reason = f'unknown member {_q(key)} in a {op} operation; did you mean "{hint[0]}"?'
            else:
                reason = f"unknown member {_q(key)} in a {op} operation (it takes {', '.join(members)})"
            raise PatchError(prefix + reason, index=index)
    for key in members:
        if key not in item:
            what = {
                "path": '"path" (the JSON Pointer it acts on)',
                "from": '"from" (the JSON Pointer of the source)',
                "value": 'a "value"',
            }[key]
            raise PatchError(f"{prefix}{op} needs {what}", index=index)
    path = item["path"]
    try:
        check_pointer(path, name="path")
        if "from" in members:
            check_pointer(item["from"], name="from")
    except PatchError as exc:
        raise PatchError(prefix + exc.message, index=index, path=path if isinstance(path, str) else None) from None
    if "value" in members:
        problem = _not_json(item["value"], "")
        if problem is not None:
            raise PatchError(f'{prefix}"value" is not JSON: {problem}', index=index, path=path)
    try:
        parsed = _OP_CLASSES[op].model_validate(dict(item))
    except pydantic.ValidationError as exc:
        raise PatchError(prefix + _first_error(exc), index=index, path=path) from None
    return typing.cast("Operation", parsed)


def parse_operations(data: object) -> list[Operation]:
    """Validate a JSON Patch and return its operations as typed models.

    ``data`` is a list of operation dicts or models, a :class:`Patch`, or the JSON text of such a
    list. Raises :class:`PatchError` naming the first bad operation's index and what is wrong.
    """
    if isinstance(data, Patch):
        return data.operations
    if isinstance(data, str | bytes | bytearray):
        try:
            data = json.loads(data)
        except ValueError as exc:
            raise PatchError(f"the patch is not valid JSON: {exc}") from None
    if isinstance(data, Mapping):
        raise PatchError("a JSON Patch is an array of operations, got a single object (wrap it in [...])")
    if isinstance(data, str | bytes | bytearray) or not isinstance(data, Iterable):
        raise PatchError(f"a JSON Patch is an array of operations, got {_json_type(data)}")
    return [_parse_one(index, item) for index, item in enumerate(data)]


# --------------------------------------------------------------------------------------------
# Builder


class Patch:
    """A JSON Patch under construction; every method validates its operation and returns the
    patch, so calls chain::

        Patch().add("/a", 1).replace("/b", 2).remove("/c").move("/d", from_="/e")
    """

    __slots__ = ("_operations",)

    def __init__(self) -> None:
        self._operations: list[Operation] = []

    @classmethod
    def from_operations(cls, operations: object) -> Self:
        """A patch holding ``operations`` (anything :func:`parse_operations` accepts)."""
        patch = cls()
        patch._operations = parse_operations(operations)
        return patch

    def _append(self, operation: dict[str, Any]) -> Self:
        self._operations.append(_parse_one(len(self._operations), operation))
        return self

    def add(self, path: str, value: Any) -> Self:
        """Set the member at ``path`` (creating or overwriting it), or insert into an array."""
        return self._append({"op": "add", "path": path, "value": value})

    def remove(self, path: str) -> Self:
        """Delete the value at ``path``, which must exist."""
        return self._append({"op": "remove", "path": path})

    def replace(self, path: str, value: Any) -> Self:
        """Overwrite the value at ``path``, which must exist."""
        return self._append({"op": "replace", "path": path, "value": value})

    def move(self, path: str, *, from_: str) -> Self:
        """Move the value at ``from_`` to ``path``."""
        return self._append({"op": "move", "from": from_, "path": path})

    def copy(self, path: str, *, from_: str) -> Self:
        """Copy the value at ``from_`` to ``path``."""
        return self._append({"op": "copy", "from": from_, "path": path})

    def test(self, path: str, value: Any) -> Self:
        """Make the patch fail unless the value at ``path`` equals ``value``."""
        return self._append({"op": "test", "path": path, "value": value})

    @property
    def operations(self) -> list[Operation]:
        """The operations so far (a new list; the operations themselves are immutable)."""
        return list(self._operations)

    def to_list(self) -> list[dict[str, Any]]:
        """The patch as JSON-ready data: the request body of a PATCH call."""
        return [operation.to_dict() for operation in self._operations]

    def to_json(self, *, indent: int | None = None) -> str:
        """The patch as JSON text."""
        return json.dumps(self.to_list(), indent=indent, ensure_ascii=False)

    def __len__(self) -> int:
        return len(self._operations)

    def __iter__(self) -> Iterator[Operation]:
        return iter(list(self._operations))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Patch):
            return NotImplemented
        return json_equal(self.to_list(), other.to_list())

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Patch.from_operations({self.to_list()!r})"


# --------------------------------------------------------------------------------------------
# diff


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


# --------------------------------------------------------------------------------------------
# apply

_MISSING = object()


def _resolve(document: Any, pointer: str) -> Any:
    """The value at ``pointer``, or ``_MISSING``."""
    value = document
    for segment in split_pointer(pointer):
        if isinstance(value, Mapping):
            if segment not in value:
                return _MISSING
            value = value[segment]
        elif isinstance(value, list):
            if not _ARRAY_INDEX.fullmatch(segment) or int(segment) >= len(value):
                return _MISSING
            value = value[int(segment)]
        else:
            return _MISSING
    return value


def _explain(document: Any, pointer: str, *, last_must_exist: bool) -> str | None:
    """Why ``pointer`` cannot be used on ``document``, in plain words (or ``None``)."""
    segments = split_pointer(pointer)
    value = document
    for depth, segment in enumerate(segments):
        here = join_pointer(segments[:depth]) or "the document"
        here = _q(here) if depth else here
        is_last = depth == len(segments) - 1
        if isinstance(value, Mapping):
            if segment not in value:
                if is_last and not last_must_exist:
                    return None
                missing = _q(join_pointer(segments[: depth + 1]))
                return f"{missing} does not exist ({here} has no member {_q(segment)})"
            value = value[segment]
        elif isinstance(value, list):
            if is_last and not last_must_exist and segment == "-":
                return None
            if not _ARRAY_INDEX.fullmatch(segment):
                return f"{here} is an array and {_q(segment)} is not an index"
            limit = len(value) if last_must_exist or not is_last else len(value) + 1
            if int(segment) >= limit:
                return f"index {segment} is out of range ({here} has {len(value)} items)"
            if is_last:
                return None
            value = value[int(segment)]
        else:
            return f"{here} is {_json_type(value)}, not an object or array"
    return None


def _failure(index: int, operation: Operation, document: Any, exc: Exception) -> PatchError:
    reason: str | None = None
    culprit = operation.path
    if isinstance(operation, MoveOp | CopyOp):
        where = f"cannot {operation.op} {_q(operation.from_)} to {_q(operation.path)}"
        reason = _explain(document, operation.from_, last_must_exist=True)
        if reason is None:
            reason = _explain(document, operation.path, last_must_exist=False)
        else:
            culprit = operation.from_
    else:
        where = f"cannot {operation.op} {_q(operation.path)}"
        if operation.path == "" and isinstance(operation, RemoveOp):
            reason = "the whole document cannot be removed"
        else:
            reason = _explain(document, operation.path, last_must_exist=not isinstance(operation, AddOp))
    if reason is None:
        reason = str(exc) or type(exc).__name__
    return PatchError(f"operation {index}: {where}: {reason}", index=index, path=culprit)


def apply(operations: object, document: Any) -> Any:
    """Apply a JSON Patch to a JSON document and return the result.

    ``operations`` is anything :func:`parse_operations` accepts. The input document is never
    modified. If any operation fails (a missing path, a failing ``test``, ...) the whole patch
    fails with a :class:`PatchError` naming the operation's index and path. ``test`` compares
    with JSON equality, so ``true`` does not match ``1``.
    """
    parsed = parse_operations(operations)
    result = copy.deepcopy(document)
    for index, operation in enumerate(parsed):
        if isinstance(operation, TestOp):
            _run_test(index, operation, result)
            continue
        try:
            step = jsonpatch.JsonPatch([copy.deepcopy(operation.to_dict())])
            result = step.apply(result, in_place=True)
        except (
            jsonpatch.JsonPatchException,
            jsonpointer.JsonPointerException,
            KeyError,
            IndexError,
            TypeError,
            ValueError,
        ) as exc:
            raise _failure(index, operation, result, exc) from exc
    return result


def _run_test(index: int, operation: TestOp, document: Any) -> None:
    actual = _resolve(document, operation.path)
    if actual is _MISSING:
        reason = _explain(document, operation.path, last_must_exist=True) or "the path does not exist"
        raise PatchError(
            f"operation {index}: test failed at {_q(operation.path)}: {reason}",
            index=index,
            path=operation.path,
        )
    if not json_equal(actual, operation.value):
        raise PatchError(
            f"operation {index}: test failed at {_q(operation.path)}: "
            f"expected {_q(operation.value)}, found {_q(actual)}",
            index=index,
            path=operation.path,
        )


# --------------------------------------------------------------------------------------------
# Checking paths against a resource schema


@dataclass(frozen=True, slots=True)
class _Node:
    """What a pointer segment can step into: a model's fields, any array index, any object
    key, nothing (a plain value) or anything (untyped JSON)."""

    kind: Literal["model", "list", "dict", "leaf", "open"]
    tp: Any = None


_LEAF_TYPES: tuple[type, ...] = (
    str,
    bytes,
    int,
    float,
    bool,
    decimal.Decimal,
    datetime.date,
    datetime.time,
    datetime.timedelta,
    uuid.UUID,
    enum.Enum,
    pydantic.SecretStr,
    pydantic.SecretBytes,
)
_SEQUENCE_ORIGINS: tuple[Any, ...] = (
    list,
    set,
    frozenset,
    collections.abc.Sequence,
    collections.abc.MutableSequence,
    collections.abc.Set,
    collections.abc.MutableSet,
    collections.abc.Collection,
    collections.abc.Iterable,
)
_MAPPING_ORIGINS: tuple[Any, ...] = (
    dict,
    collections.abc.Mapping,
    collections.abc.MutableMapping,
)


def _nodes(tp: Any) -> list[_Node]:
    """The nodes a type annotation stands for (several for a union; none for ``None``)."""
    if tp is Any or tp is object or tp is JsonValue:
        return [_Node("open")]
    if tp is None or tp is type(None):
        return []
    alias_value = getattr(tp, "__value__", None)
    if alias_value is not None and type(tp).__name__ == "TypeAliasType":
        return _nodes(alias_value)
    if isinstance(tp, str | typing.ForwardRef | typing.TypeVar):
        return [_Node("open")]
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is Annotated:
        return _nodes(args[0])
    if origin is Union or origin is types.UnionType:
        return [node for arg in args for node in _nodes(arg)]
    if origin is Literal:
        return [_Node("leaf", tp)]
    if origin is tuple:
        items = [arg for arg in args if arg is not Ellipsis]
        return [_Node("list", Union[tuple(items)] if items else Any)]  # noqa: UP007
    if origin in _SEQUENCE_ORIGINS:
        return [_Node("list", args[0] if args else Any)]
    if origin in _MAPPING_ORIGINS:
        return [_Node("dict", args[1])] if len(args) == 2 else [_Node("open")]
    if isinstance(tp, type):
        if issubclass(tp, pydantic.BaseModel):
            return [_Node("model", tp)]
        if issubclass(tp, _LEAF_TYPES):
            return [_Node("leaf", tp)]
        if issubclass(tp, list | tuple | set | frozenset):
            return [_Node("list", Any)]
    return [_Node("open")]


def _fields(model: type[pydantic.BaseModel]) -> dict[str, Any]:
    """The model's fields by their JSON name, with their annotations."""
    fields: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        json_name = info.serialization_alias or info.alias or name
        fields[json_name] = info.annotation
    return fields


def _type_name(tp: Any) -> str:
    if typing.get_origin(tp) is Literal:
        return "a fixed value"
    if tp is pydantic.SecretStr:
        return "str"
    name = getattr(tp, "__name__", None)
    return name if isinstance(name, str) else str(tp)


@dataclass(frozen=True, slots=True)
class _Failure:
    depth: int
    reason: str
    names: tuple[str, ...]
    lists: tuple[_Node, ...]


def _walk(nodes: list[_Node], segments: list[str], *, dash_last: bool) -> _Failure | None:
    for depth, segment in enumerate(segments):
        if any(node.kind == "open" for node in nodes):
            return None
        following: list[_Node] = []
        names: list[str] = []
        models: list[str] = []
        lists: list[_Node] = []
        leaves: list[str] = []
        is_last = depth == len(segments) - 1
        for node in nodes:
            if node.kind == "model":
                fields = _fields(node.tp)
                models.append(node.tp.__name__)
                names.extend(name for name in fields if name not in names)
                if segment in fields:
                    following.extend(_nodes(fields[segment]))
            elif node.kind == "list":
                lists.append(node)
                if _ARRAY_INDEX.fullmatch(segment) or (segment == "-" and dash_last and is_last):
                    following.extend(_nodes(node.tp))
            elif node.kind == "dict":
                following.extend(_nodes(node.tp))
            elif node.kind == "leaf":
                leaves.append(_type_name(node.tp))
        if following:
            nodes = following
            continue
        here = join_pointer(segments[:depth])
        if models:
            owners = " or ".join(dict.fromkeys(models))
            reason = f"{_q(segment)} is not a field of {owners}"
            if lists:
                reason += " nor an array index"
        elif lists and segment == "-":
            reason = '"-" (the position after the last item) can only end the path of an add, move or copy'
        elif lists:
            reason = f'{_q(here)} is an array, so {_q(segment)} must be an index (0, 1, ...) or "-"'
        elif leaves:
            kinds = " or ".join(dict.fromkeys(leaves))
            reason = f"{_q(here or '')} holds a plain value ({kinds}), so nothing is below it"
        else:
            reason = f"{_q(here or '')} has nothing below it"
        return _Failure(depth, reason, tuple(names), tuple(lists))
    return None


def _suggest(root: list[_Node], segments: list[str], failure: _Failure, *, dash_last: bool) -> str | None:
    """A valid pointer close to ``segments``, fixing one failing segment at a time.

    If only a leading part can be fixed, that part is suggested; ``None`` if nothing can."""
    fixed = list(segments)
    current = failure
    changed = False
    while True:
        segment = fixed[current.depth]
        matches = difflib.get_close_matches(segment, current.names, n=1)
        items = [node for lst in current.lists for node in _nodes(lst.tp)]
        if matches:
            fixed[current.depth] = matches[0]
        elif items and segment != "-" and _walk(items, [segment], dash_last=False) is None:
            fixed.insert(current.depth, "0")  # "/data/name" -> "/data/0/name"
        else:
            return join_pointer(fixed[: current.depth]) if changed else None
        changed = True
        following = _walk(root, fixed, dash_last=dash_last)
        if following is None:
            return join_pointer(fixed)
        if following.depth <= current.depth:  # pragma: no cover - a fix always gets further
            return None
        current = following


def _snake(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name).lower()


def _default_read_only(model: type[pydantic.BaseModel]) -> frozenset[str]:
    return frozenset({"id", f"{_snake(model.__name__)}_id", "created_at", "updated_at"})


def check_paths(
    operations: object,
    model: type[pydantic.BaseModel],
    *,
    read_only: Collection[str] | None = None,
) -> None:
    """Check every pointer of a patch against the schema of the resource ``model``.

    Each ``path`` (and the ``from`` of ``move``/``copy``) must name a field of the model, an
    index (or ``-``, at the end of an add, move or copy target) of a list field, any key of a
    dict field, and so on down; below a field typed ``Any`` or plain JSON anything goes. Models
    that keep unknown fields are still checked strictly: the point is catching typos. Fields
    named in ``read_only`` (top-level JSON names; by default ``id``, ``<model>_id``,
    ``created_at`` and ``updated_at``) may be read by ``test`` and ``copy`` but not changed.

    Raises :class:`PatchPathError` (with ``index``, ``path`` and ``suggestion``) for the first
    bad pointer, or :class:`PatchError` if the patch itself is malformed.
    """
    parsed = parse_operations(operations)
    root = [_Node("model", model)]
    locked = _default_read_only(model) if read_only is None else frozenset(read_only)
    locked_present = [name for name in _fields(model) if name in locked]
    for index, operation in enumerate(parsed):
        pointers: list[tuple[Literal["path", "from"], str, bool, bool]] = [
            (
                "path",
                operation.path,
                isinstance(operation, AddOp | MoveOp | CopyOp),
                not isinstance(operation, TestOp),
            )
        ]
        if isinstance(operation, MoveOp | CopyOp):
            pointers.append(("from", operation.from_, False, isinstance(operation, MoveOp)))
        for member, pointer, dash_last, changes in pointers:
            segments = split_pointer(pointer)
            failure = _walk(root, segments, dash_last=dash_last)
            label = "path" if member == "path" else '"from" path'
            if failure is not None:
                suggestion = _suggest(root, segments, failure, dash_last=dash_last)
                message = f"operation {index}: unknown {label} {_q(pointer)}: {failure.reason}"
                if suggestion is not None:
                    message += f"; did you mean {_q(suggestion)}?"
                raise PatchPathError(message, index=index, path=pointer, suggestion=suggestion, field=member)
            if not changes:
                continue
            if not segments and locked_present:
                raise PatchPathError(
                    f"operation {index}: {label} {_q(pointer)} would {operation.op} the whole "
                    f"{model.__name__}, including its read-only fields "
                    f"({', '.join(locked_present)}); patch individual fields instead",
                    index=index,
                    path=pointer,
                    field=member,
                )
            if segments and segments[0] in locked:
                raise PatchPathError(
                    f"operation {index}: {_q(pointer)} is read-only: {segments[0]} is set by the "
                    f"server and cannot be changed by a patch ({operation.op})",
                    index=index,
                    path=pointer,
                    field=member,
                )


def check_persona_paths(operations: object) -> None:
    """:func:`check_paths` against :class:`tavus_sdk.types.persona.Persona`
    (``persona_id``, ``created_at`` and ``updated_at`` are read-only)."""
    from tavus_sdk.types.persona import Persona

    check_paths(operations, Persona, read_only=("persona_id", "created_at", "updated_at"))


def check_objectives_paths(operations: object) -> None:
    """:func:`check_paths` against :class:`tavus_sdk.types.objective.Objectives`, whose items
    are addressed as ``/data/<index>/<field>`` (``objectives_id``, ``created_at`` and
    ``updated_at`` are read-only)."""
    from tavus_sdk.types.objective import Objectives

    check_paths(operations, Objectives, read_only=("objectives_id", "created_at", "updated_at"))


def check_guardrails_paths(operations: object) -> None:
    """:func:`check_paths` against :class:`tavus_sdk.types.guardrail.Guardrails`, whose items
    are addressed as ``/data/<index>/<field>`` (``guardrails_id``, ``created_at`` and
    ``updated_at`` are read-only)."""
    from tavus_sdk.types.guardrail import Guardrails

    check_paths(operations, Guardrails, read_only=("guardrails_id", "created_at", "updated_at"))
