"""The six JSON Patch operation models, :func:`parse_operations` and the :class:`Patch` builder."""

from __future__ import annotations

import difflib
import json
import math
import typing
from collections.abc import Iterable, Iterator, Mapping
from typing import Annotated, Any, Literal, Self, TypeAlias

import pydantic
from pydantic import ConfigDict, Field, JsonValue, field_validator, model_validator

from tavus_sdk._json import json_type
from tavus_sdk.patch._errors import PatchError, _q
from tavus_sdk.patch._pointer import check_pointer, escape_key, json_equal

OP_NAMES: tuple[str, ...] = ("add", "remove", "replace", "move", "copy", "test")
"""The six operations of RFC 6902, in the order the RFC defines them."""


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
        raise PatchError(f'{prefix}expected an object with "op" and "path", got {json_type(item)}', index=index)
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
        raise PatchError(f"a JSON Patch is an array of operations, got {json_type(data)}")
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
