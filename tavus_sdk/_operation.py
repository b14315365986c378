"""What one API call is, independent of how it is sent (async or sync).

Resource methods build an ``Operation`` from their arguments; the async and the sync client both send it.
That keeps each resource's async and sync classes down to one line per method.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Generic, TypeVar, cast
from urllib.parse import quote

import httpx
import pydantic

from tavus_sdk._exceptions import MalformedIdError
from tavus_sdk._models import reveal_secrets
from tavus_sdk._types import RequestOptions

__all__ = [
    "MAX_ID_LENGTH",
    "Operation",
    "check_id",
    "encode_path",
    "parse_if_resource",
    "parse_keyed",
    "parse_model",
    "parse_nothing",
    "parse_resource",
    "read_options",
    "split_params",
    "to_json_value",
]

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


MAX_ID_LENGTH = 512
"""Longer than any id Tavus issues (about 10 characters) or a memory store tag needs."""


def encode_path(template: str, *ids: str) -> str:
    """Fill ``{}`` placeholders with ids, escaping ``?``, ``#`` and the like.

    Ids that would change which URL is called are refused before anything is sent: empty or blank ones,
    ``.`` and ``..`` (dot-segments, removed by URL normalisation: ``DELETE /personas/..`` would become
    ``DELETE /v2``), ids holding ``/`` or ``\\``, and absurdly long ones.
    """
    parts = []
    for value in ids:
        parts.append(quote(check_id(value, template), safe=""))
    return template.format(*parts)


def check_id(value: object, where: str) -> str:
    """``value`` if it is a usable id for the path ``where``, else ``MalformedIdError`` (nothing is sent)."""
    if not isinstance(value, str):
        raise MalformedIdError(f"an id must be a string, got {type(value).__name__} (for {where})")
    if not value.strip():
        raise MalformedIdError("an id cannot be empty")
    if value.strip() in (".", ".."):
        raise MalformedIdError(f"{value!r} is not an id: as a path segment it would change which URL is called")
    if "/" in value or "\\" in value:
        raise MalformedIdError(f"id {_show(value)} must not contain '/' or '\\'")
    if not value.isprintable():
        raise MalformedIdError("an id holds a control character or bytes that are not UTF-8; ids are printable text")
    if len(value) > MAX_ID_LENGTH:
        raise MalformedIdError(f"an id of {len(value)} characters is too long; ids have at most {MAX_ID_LENGTH}")
    return value


def _show(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


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


def _unwrap(payload: Any) -> Any:
    """``{"data": [obj]}`` or ``{"data": obj}`` -> obj; anything else as it is."""
    if isinstance(payload, dict) and set(payload) <= {"data", "message"} and "data" in payload:
        data = payload["data"]
        if isinstance(data, list) and len(data) == 1:
            return data[0]
        if isinstance(data, dict):
            return data
    return payload


def parse_resource(model: type[M]) -> Callable[[httpx.Response], M]:
    """One resource, bare or wrapped in ``{"data": [ {...} ]}`` (sources differ on ``GET /personas/{id}``:
    docs.tavus.io/api-reference/personas/get-persona shows the wrapper, older answers a bare object)."""

    def parse(response: httpx.Response) -> M:
        try:
            # The bare object first: pydantic's JSON parser is the fast path every call takes today.
            return model.model_validate_json(response.content)
        except pydantic.ValidationError:
            payload = json.loads(response.content)
            unwrapped = _unwrap(payload)
            if unwrapped is payload:
                raise
            return model.model_validate(unwrapped)

    return parse


def parse_if_resource(model: type[M], id_field: str) -> Callable[[httpx.Response], M | None]:
    """The resource when the body is one (bare or wrapped), else None.

    For calls whose success has no documented body: PATCH /personas/{id} answers 200 "OK" or 304 "No changes"
    (docs.tavus.io/api-reference/personas/patch-persona), the renames answer 200 "OK". An empty, non-JSON or
    message-only body is a success without the resource; the caller fetches it if it needs it.
    """

    def parse(response: httpx.Response) -> M | None:
        if response.status_code == 304 or not response.content.strip():
            return None
        try:
            payload = _unwrap(json.loads(response.content))
        except ValueError:
            return None
        if not isinstance(payload, dict) or id_field not in payload:
            return None
        return model.model_validate(payload)

    return parse


def read_options(options: RequestOptions) -> RequestOptions:
    """The options of a call that also suit the GET that reads its result back (no body, query or retry flag)."""
    kept = {k: v for k, v in options.items() if k in ("timeout", "max_retries", "extra_headers")}
    return cast(RequestOptions, kept)


def parse_keyed(model: type[M], id_field: str, resource_id: str) -> Callable[[httpx.Response], M]:
    """One resource whose body may leave out its own id: the id asked for is filled in.

    openapi.yaml's ``GET /objectives/{id}`` and ``GET /guardrails/{id}`` answer ``{"data": {...}}`` with no id,
    while other sources answer ``{"objectives_id": ..., "data": [...]}``; both parse to the same model.
    """

    def parse(response: httpx.Response) -> M:
        payload = json.loads(response.content)
        if isinstance(payload, dict) and id_field not in payload:
            payload = {id_field: resource_id, **payload}
        return model.model_validate(payload)

    return parse
