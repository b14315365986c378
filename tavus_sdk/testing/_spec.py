"""The API description, read once: routes to match requests against and validators for their inputs.

The emulator never hard-codes a route or a field rule that the spec already states, so the spec, the SDK and the
emulator cannot drift apart silently.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from tavus_sdk.testing._errors import ApiError, FieldError

__all__ = ["Operation", "SpecIndex", "load_spec", "spec_index", "spec_path"]

_SPEC_URI = "urn:tavus-kit:openapi"
_HTTP_METHODS = ("get", "post", "put", "patch", "delete")


def spec_path() -> Path:
    """The bundled copy inside an installed wheel, else the repository's ``openapi/tavus-v2.yaml``."""
    bundled = Path(__file__).with_name("tavus-v2.yaml")
    if bundled.is_file():
        return bundled
    return Path(__file__).resolve().parents[2] / "openapi" / "tavus-v2.yaml"


@cache
def load_spec() -> dict[str, Any]:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with spec_path().open(encoding="utf-8") as handle:
        spec = yaml.load(handle, Loader=loader)  # the C loader when present: 10x faster
    if not isinstance(spec, dict):
        raise RuntimeError(f"{spec_path()} is not an OpenAPI document")
    return spec


@dataclass(frozen=True)
class QueryParam:
    name: str
    kind: str  # the JSON Schema type: "boolean", "integer" or "string"
    schema: dict[str, Any]


@dataclass(frozen=True)
class Operation:
    """One spec operation: where it lives, what it accepts and which statuses it may answer."""

    operation_id: str
    method: str
    path: str
    pattern: re.Pattern[str]
    query: tuple[QueryParam, ...]
    body_required: bool
    body_validators: Mapping[str, Draft202012Validator]
    statuses: frozenset[str]
    summary: str = ""
    path_params: tuple[str, ...] = field(default=())
    body_schema: Any = None
    """The JSON request body's schema as written in the spec (possibly a ``$ref``)."""

    def match(self, path: str) -> dict[str, str] | None:
        found = self.pattern.match(path)
        return found.groupdict() if found else None

    def validator_for(self, content_type: str) -> Draft202012Validator | None:
        media = content_type.split(";", 1)[0].strip().lower()
        return self.body_validators.get(media) or self.body_validators.get("application/json")


class SpecIndex:
    """Every operation of the spec, with the validators built once."""

    def __init__(self, spec: dict[str, Any]) -> None:
        self.spec = spec
        registry: Registry[Any] = Registry().with_resource(
            _SPEC_URI, Resource.from_contents(spec, default_specification=DRAFT202012)
        )
        self._registry = registry
        self._validators: dict[str, Draft202012Validator] = {}
        self.operations: tuple[Operation, ...] = tuple(self._build())
        self.by_id = {op.operation_id: op for op in self.operations}

    def __iter__(self) -> Iterator[Operation]:
        return iter(self.operations)

    def resolve(self, node: Any) -> Any:
        while isinstance(node, dict) and "$ref" in node:
            node = self._pointer(node["$ref"])
        return node

    def _pointer(self, ref: str) -> Any:
        node: Any = self.spec
        for part in ref.removeprefix("#/").split("/"):
            node = node[part.replace("~1", "/").replace("~0", "~")]
        return node

    def validator(self, schema: dict[str, Any]) -> Draft202012Validator:
        ref = schema.get("$ref")
        key = ref if isinstance(ref, str) else repr(schema)
        validator = self._validators.get(key)
        if validator is None:
            target = {"$ref": f"{_SPEC_URI}{ref}"} if isinstance(ref, str) else schema
            validator = Draft202012Validator(target, registry=self._registry, format_checker=FormatChecker())
            self._validators[key] = validator
        return validator

    def _build(self) -> Iterator[Operation]:
        for path, item in self.spec["paths"].items():
            shared = [self.resolve(p) for p in item.get("parameters", [])]
            for method in _HTTP_METHODS:
                op = item.get(method)
                if op is None:
                    continue
                params = shared + [self.resolve(p) for p in op.get("parameters", [])]
                query = tuple(
                    QueryParam(p["name"], str(p["schema"].get("type", "string")), p["schema"])
                    for p in params
                    if p["in"] == "query"
                )
                body = self.resolve(op.get("requestBody", {}))
                validators = {
                    media: self.validator(content["schema"])
                    for media, content in body.get("content", {}).items()
                    if "schema" in content
                }
                yield Operation(
                    operation_id=op["operationId"],
                    method=method.upper(),
                    path=path,
                    pattern=_compile(path),
                    query=query,
                    body_required=bool(body.get("required")),
                    body_validators=validators,
                    statuses=frozenset(str(code) for code in op["responses"]),
                    summary=op.get("summary", ""),
                    path_params=tuple(re.findall(r"{(\w+)}", path)),
                    body_schema=body.get("content", {}).get("application/json", {}).get("schema"),
                )


def _compile(template: str) -> re.Pattern[str]:
    # Every route answers with and without a trailing slash: the docs use both spellings.
    regex = re.sub(r"{(\w+)}", r"(?P<\1>[^/]+)", template.rstrip("/"))
    return re.compile(f"^{regex}/?$")


@cache
def spec_index() -> SpecIndex:
    return SpecIndex(load_spec())


def field_errors(validator: Draft202012Validator, instance: Any) -> list[FieldError]:
    """Every schema violation as ``(dotted.field, what is wrong)``, in a stable order."""
    errors = sorted(validator.iter_errors(instance), key=lambda e: (list(map(str, e.absolute_path)), e.message))
    return [_describe(error) for error in _leaves(errors)]


def _leaves(errors: list[ValidationError]) -> Iterator[ValidationError]:
    for error in errors:
        # A failed oneOf/anyOf says little on its own; its best sub-error names the field that is wrong.
        if error.context:
            best = min(error.context, key=lambda e: (-len(e.absolute_path), e.message))
            yield best if len(best.absolute_path) > len(error.absolute_path) else error
        else:
            yield error


def _describe(error: ValidationError) -> FieldError:
    parts = [str(part) for part in error.absolute_path]
    message = error.message
    rule: Any = error.validator_value
    if error.validator == "required" and isinstance(error.instance, dict):
        missing = [name for name in rule if name not in error.instance]
        if missing:
            parts.append(str(missing[0]))
            message = "is required"
    elif error.validator == "enum":
        allowed = ", ".join(repr(v) for v in rule)
        message = f"{error.instance!r} is not one of the allowed values: {allowed}"
    return ".".join(parts) or "body", message


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
