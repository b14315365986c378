"""What one API call is, independent of how it is sent (async or sync).

Resource methods build an ``Operation`` from their arguments; the async and the sync client both send it.
That keeps each resource's async and sync classes down to one line per method.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Generic, TypeVar, cast
from urllib.parse import quote

import httpx
import pydantic

from tavus_sdk._models import reveal_secrets
from tavus_sdk._types import RequestOptions

__all__ = ["Operation", "encode_path", "parse_model", "parse_nothing", "split_params", "to_json_value"]

T = TypeVar("T")
M = TypeVar("M", bound=pydantic.BaseModel)

_OPTION_KEYS = frozenset(RequestOptions.__annotations__)


@dataclass(frozen=True, slots=True)
class Operation(Generic[T]):
    method: str
    path: str
    """Relative to the base URL, already encoded (see ``encode_path``)."""
    parse: Callable[[httpx.Response], T]
    query: Mapping[str, Any] | None = None
    body: Any = None
    """JSON-ready body, or None for no body."""
    retry_safe: bool = False
    """True when sending it twice has the same effect as sending it once."""
    options: RequestOptions = field(default_factory=lambda: RequestOptions())


def encode_path(template: str, *ids: str) -> str:
    """Fill ``{}`` placeholders with ids, refusing empty ids and escaping ``/``, ``?`` and ``#``."""
    parts = []
    for value in ids:
        if not isinstance(value, str) or not value.strip():
            raise ValueError(f"expected a non-empty id string in {template!r}, got {value!r}")
        parts.append(quote(value, safe=""))
    return template.format(*parts)


def to_json_value(value: Any) -> Any:
    """Convert request arguments (models, mappings, sequences, datetimes) to JSON-ready data."""
    if isinstance(value, pydantic.BaseModel):
        return reveal_secrets(value)
    if isinstance(value, Mapping):
        return {str(k): to_json_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_json_value(v) for v in value]
    if isinstance(value, datetime):
        return value.isoformat()
    return value


def split_params(params: Mapping[str, Any], spec: Any, method: str) -> tuple[dict[str, Any], RequestOptions]:
    """Separate body fields from per-call options in a method's keyword arguments.

    ``spec`` is the method's params TypedDict. Unknown and missing keys raise ``TypeError`` as they would
    for an ordinary Python signature: a typo must not be sent and silently ignored.
    """
    known: frozenset[str] = spec.__required_keys__ | spec.__optional_keys__
    unknown = sorted(set(params) - known)
    if unknown:
        fields = ", ".join(sorted(known - _OPTION_KEYS))
        raise TypeError(
            f"{method}() got unexpected keyword argument(s) {', '.join(map(repr, unknown))}; "
            f"it takes {fields}, and per-call options. Send fields this SDK does not know with extra_body={{...}}."
        )
    missing = sorted(spec.__required_keys__ - set(params))
    if missing:
        raise TypeError(f"{method}() missing required keyword argument(s): {', '.join(map(repr, missing))}")
    body: dict[str, Any] = {}
    options: dict[str, Any] = {}
    for key, value in params.items():
        if key in _OPTION_KEYS:
            options[key] = value
        else:
            body[key] = to_json_value(value)
    return body, cast(RequestOptions, options)


def parse_model(model: type[M]) -> Callable[[httpx.Response], M]:
    def parse(response: httpx.Response) -> M:
        return model.model_validate_json(response.content)

    return parse


def parse_nothing(response: httpx.Response) -> None:
    """For delete and end: the body, if any, carries nothing a caller needs."""
    return
