"""Applying a JSON Patch to a local copy of a JSON document."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

import jsonpatch
import jsonpointer

from tavus_sdk._json import json_type
from tavus_sdk.patch._errors import PatchError, _q
from tavus_sdk.patch._operations import AddOp, CopyOp, MoveOp, Operation, RemoveOp, TestOp, parse_operations
from tavus_sdk.patch._pointer import _ARRAY_INDEX, join_pointer, json_equal, split_pointer

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
            return f"{here} is {json_type(value)}, not an object or array"
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
