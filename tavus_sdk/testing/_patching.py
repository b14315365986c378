"""RFC 6902 JSON Patch as the emulator applies it: atomically, or not at all."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tavus_sdk.patch import PatchError, PatchPathError, apply, parse_operations
from tavus_sdk.testing._errors import ApiError, conflict, unprocessable
from tavus_sdk.testing._spec import field_errors, spec_index

__all__ = ["apply_patch"]


def apply_patch(
    document: dict[str, Any],
    body: Any,
    *,
    check_paths: Callable[[object], None],
    schema: str,
) -> dict[str, Any]:
    """The patched copy of ``document``; ``document`` itself is never touched.

    A malformed patch, a path outside the resource's schema or a result that breaks the schema is 422; a failing
    ``test`` or a path missing from this particular document is 409 (RFC 5789 section 2.2), as the spec says.
    """
    try:
        operations = parse_operations(body)
    except PatchError as exc:
        raise unprocessable([(_where(exc), str(exc))], "Invalid JSON Patch") from None
    try:
        check_paths(operations)
    except PatchPathError as exc:
        raise unprocessable([(_where(exc), str(exc))], "Invalid JSON Patch path") from None
    try:
        result = apply(operations, document)
    except PatchError as exc:
        raise conflict(f"JSON Patch not applied: {exc}") from None
    if not isinstance(result, dict):
        raise unprocessable([("body", "the patch must leave an object")], "Invalid JSON Patch")
    errors = field_errors(spec_index().validator({"$ref": f"#/components/schemas/{schema}"}), result)
    if errors:
        raise ApiError(422, "The patched resource no longer fits its schema", errors=errors)
    return result


def _where(exc: PatchError) -> str:
    if exc.index is None:
        return "body"
    return f"{exc.index}.path" if exc.path is not None else str(exc.index)
