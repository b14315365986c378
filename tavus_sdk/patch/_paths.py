"""Checking the pointers of a JSON Patch against the schema of a resource's pydantic model."""

from __future__ import annotations

import collections.abc
import datetime
import decimal
import difflib
import enum
import re
import types
import typing
import uuid
from collections.abc import Collection
from dataclasses import dataclass
from typing import Annotated, Any, Literal, Union

import pydantic
from pydantic import JsonValue

from tavus_sdk.patch._errors import PatchPathError, _q
from tavus_sdk.patch._operations import AddOp, CopyOp, MoveOp, TestOp, parse_operations
from tavus_sdk.patch._pointer import _ARRAY_INDEX, join_pointer, split_pointer


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
    are addressed as ``/data/<index>/<field>`` (``objectives_id``, ``status``, ``created_at``
    and ``updated_at`` are read-only)."""
    from tavus_sdk.types.objective import Objectives

    check_paths(operations, Objectives, read_only=("objectives_id", "status", "created_at", "updated_at"))


def check_guardrails_paths(operations: object) -> None:
    """:func:`check_paths` against :class:`tavus_sdk.types.guardrail.Guardrails`, whose items
    are addressed as ``/data/<index>/<field>`` (``guardrails_id``, ``status``, ``created_at``
    and ``updated_at`` are read-only)."""
    from tavus_sdk.types.guardrail import Guardrails

    check_paths(operations, Guardrails, read_only=("guardrails_id", "status", "created_at", "updated_at"))


def check_individual_guardrail_paths(operations: object) -> None:
    """:func:`check_paths` against :class:`tavus_sdk.types.guardrail.IndividualGuardrail`: paths are its fields
    (``/guardrail_prompt``, ``/tags/-``); ``uuid``, ``created_at`` and ``updated_at`` are read-only."""
    from tavus_sdk.types.guardrail import IndividualGuardrail

    check_paths(operations, IndividualGuardrail, read_only=("uuid", "created_at", "updated_at"))


def check_pal_paths(operations: object) -> None:
    """:func:`check_paths` against :class:`tavus_sdk.types.pal.Pal`
    (``pal_id``, ``created_at`` and ``updated_at`` are read-only)."""
    from tavus_sdk.types.pal import Pal

    check_paths(operations, Pal, read_only=("pal_id", "created_at", "updated_at"))


def check_pronunciation_dictionary_paths(operations: object) -> None:
    """:func:`check_paths` against :class:`tavus_sdk.types.pronunciation_dictionary.PronunciationDictionary`:
    ``/name`` and ``/rules`` (whole or by index) change; the id, ``rules_count`` and timestamps are read-only."""
    from tavus_sdk.types.pronunciation_dictionary import PronunciationDictionary

    read_only = ("pronunciation_dictionary_id", "rules_count", "created_at", "updated_at")
    check_paths(operations, PronunciationDictionary, read_only=read_only)
