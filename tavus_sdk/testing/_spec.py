"""The emulator's view of the API description: the public index (``tavus_sdk.spec``) plus query coercion.

The emulator never hard-codes a route or a field rule that the spec already states, so the spec, the SDK, the CLI's
body checks and the emulator cannot drift apart silently.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from tavus_sdk.spec import Operation, QueryParam, SpecIndex, field_errors, load_spec, spec_index, spec_path
from tavus_sdk.testing._errors import ApiError, FieldError

__all__ = [
    "Operation",
    "QueryParam",
    "SpecIndex",
    "coerce_query",
    "field_errors",
    "load_spec",
    "spec_index",
    "spec_path",
]


def coerce_query(op: Operation, raw: Mapping[str, str]) -> dict[str, Any]:
    """Query values typed as the spec says; a value of the wrong kind is a 400 naming the parameter."""
    values: dict[str, Any] = {}
    errors: list[FieldError] = []
    for param in op.query:
        text = raw.get(param.name)
        if text is None:
            if "default" in param.schema:
                values[param.name] = param.schema["default"]
            continue
        try:
            value = _coerce(param, text)
        except ValueError as exc:
            errors.append((param.name, str(exc)))
            continue
        values[param.name] = value
    if errors:
        raise ApiError(400, "Invalid query parameters", errors=errors)
    return values


def _coerce(param: QueryParam, text: str) -> Any:
    if param.kind == "boolean":
        lowered = text.lower()
        if lowered in ("true", "1"):
            return True
        if lowered in ("false", "0"):
            return False
        raise ValueError(f"must be true or false, got {text!r}")
    if param.kind == "integer":
        try:
            number = int(text)
        except ValueError:
            raise ValueError(f"must be an integer, got {text!r}") from None
        low, high = param.schema.get("minimum"), param.schema.get("maximum")
        if low is not None and number < low:
            raise ValueError(f"must be at least {low}, got {number}")
        if high is not None and number > high:
            raise ValueError(f"must be at most {high}, got {number}")
        return number
    allowed = param.schema.get("enum")
    if allowed is not None and text not in allowed:
        raise ValueError(f"must be one of {', '.join(map(str, allowed))}, got {text!r}")
    return text
