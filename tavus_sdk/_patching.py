"""Sending RFC 6902 JSON Patch bodies (personas, objectives, guardrails)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeAlias, TypeVar

import pydantic

from tavus_sdk._operation import Operation, parse_if_resource, parse_model
from tavus_sdk._types import RequestOptions
from tavus_sdk.patch import Operation as PatchOperation
from tavus_sdk.patch import Patch, parse_operations

__all__ = ["PatchInput", "patch_operation", "patch_operation_lenient"]

M = TypeVar("M", bound=pydantic.BaseModel)

PatchInput: TypeAlias = Patch | Sequence[PatchOperation | Mapping[str, Any]]
"""A ``Patch`` builder, or a list of operations (models or plain RFC 6902 dicts)."""


def patch_operation(
    path: str,
    operations: PatchInput,
    model: type[M],
    check: Callable[[list[PatchOperation]], None] | None,
    options: RequestOptions,
) -> Operation[M]:
    """Validate the operations (and their paths, unless ``check`` is None) before anything is sent."""
    # Not retry-safe: re-sending an "add" to an array appends twice.
    return Operation("PATCH", path, parse_model(model), body=_patch_body(operations, check), options=options)


def patch_operation_lenient(
    path: str,
    operations: PatchInput,
    model: type[M],
    id_field: str,
    check: Callable[[list[PatchOperation]], None] | None,
    options: RequestOptions,
) -> Operation[M | None]:
    """Like ``patch_operation``, for endpoints whose success may carry no resource (200 "OK", 304 "no changes"):
    the operation yields None then, and the caller fetches the resource."""
    body = _patch_body(operations, check)
    return Operation("PATCH", path, parse_if_resource(model, id_field), body=body, options=options)


def _patch_body(operations: PatchInput, check: Callable[[list[PatchOperation]], None] | None) -> list[Any]:
    ops = operations.operations if isinstance(operations, Patch) else parse_operations(list(operations))
    if not ops:
        raise ValueError("a JSON Patch needs at least one operation")
    if check is not None:
        check(list(ops))
    return Patch.from_operations(ops).to_list()
