"""The API description this release was written against, and checks of request bodies against it.

    from tavus_sdk.spec import check_body

    for problem in check_body("personas_create", {"persona_nme": "Front desk", "system_prompt": "Hi."}):
        print(problem.field, problem.message)  # persona_nme unknown field; did you mean 'persona_name'? ...

The description is ``openapi/tavus-v2.yaml``, shipped inside the package as ``tavus-v2.json`` (made by
``openapi/bundle.py``; a test fails when it is stale), so reading it needs no YAML parser and takes milliseconds.
The ``tavus`` command checks bodies with it before sending them, and the emulator (``tavus_sdk.testing``) routes
and validates requests with the same index, so the two cannot disagree.

Needs ``jsonschema`` (part of every ``tavus-kit`` install); ``import tavus_sdk`` never loads this module.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

__all__ = [
    "BodyProblem",
    "FieldError",
    "Operation",
    "QueryParam",
    "SpecIndex",
    "check_body",
    "field_errors",
    "load_spec",
    "spec_index",
    "spec_path",
]

FieldError = tuple[str, str]
"""``(dotted.field, what is wrong)``."""

_SPEC_URI = "urn:tavus-kit:openapi"
_HTTP_METHODS = ("get", "post", "put", "patch", "delete")
UNKNOWN_FIELD = "unknown field"


def spec_path() -> Path:
    """The bundled description (JSON), next to this module in a clone and in an installed wheel alike."""
    return Path(__file__).with_name("tavus-v2.json")


@cache
def load_spec() -> dict[str, Any]:
    """The whole OpenAPI document, parsed once per process."""
    with spec_path().open(encoding="utf-8") as handle:
        spec = json.load(handle)
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
    public: bool = False
    """No API key needed (the docs' key-less calls)."""

    def match(self, path: str) -> dict[str, str] | None:
        found = self.pattern.match(path)
        return found.groupdict() if found else None

    def validator_for(self, content_type: str) -> Draft202012Validator | None:
        media = content_type.split(";", 1)[0].strip().lower()
        return self.body_validators.get(media) or self.body_validators.get("application/json")


_DATE_TIME = re.compile(
    r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])[Tt]([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?"
    r"([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d)$"
)

# Only the formats checked here, the same in every install: jsonschema's own checker checks `uri` and `date-time`
# only when optional packages (rfc3987, rfc3339-validator) happen to be installed. URLs get their own check with a
# clearer message (_bad_uri here, the emulator's _urls).
_FORMATS = FormatChecker(formats=())


@_FORMATS.checks("date-time")
def _is_date_time(value: object) -> bool:
    """RFC 3339, as jsonschema checks it with rfc3339-validator: the shape, and a day the month has."""
    if not isinstance(value, str):
        return True
    if _DATE_TIME.match(value) is None:
        return False
    try:
        date.fromisoformat(value[:10])
    except ValueError:  # 2026-02-30
        return False
    return True


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
            validator = Draft202012Validator(target, registry=self._registry, format_checker=_FORMATS)
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
                    # `security: [..., {}]`: the key is optional (deployment start and end, called from browsers).
                    public={} in op.get("security", []),
                )


def _compile(template: str) -> re.Pattern[str]:
    # Every route answers with and without a trailing slash: the docs use both spellings.
    regex = re.sub(r"{(\w+)}", r"(?P<\1>[^/]+)", template.rstrip("/"))
    return re.compile(f"^{regex}/?$")


@cache
def spec_index() -> SpecIndex:
    """The index of the bundled description, built once per process."""
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


# -- request bodies, as a client should check them ------------------------------------------------------------


@dataclass(frozen=True)
class BodyProblem:
    """One thing wrong with a request body: the dotted field, what is wrong, and whether it is only a field the
    description does not name (which a newer Tavus may know, so a caller may choose to send it anyway)."""

    field: str
    message: str
    unknown_field: bool = False


def check_body(operation_id: str, body: Mapping[str, Any]) -> list[BodyProblem]:
    """What the description says is wrong with ``body`` for ``operation_id`` (empty when nothing is).

    Beyond the schema (types, enums, required fields), it names keys the description does not know, with a
    "did you mean" (a typo would otherwise be sent, ignored by Tavus and look like success), and ``format: uri``
    values that are not absolute http(s) URLs. Raises ``KeyError`` for an operation id the description lacks.
    """
    operation = spec_index().by_id[operation_id]
    validator = operation.validator_for("application/json")
    if validator is None:
        return []
    problems = [BodyProblem(f, m) for f, m in field_errors(validator, body)]
    return problems + _walk(spec_index(), operation.body_schema, body, "")


def _walk(index: SpecIndex, schema: Any, value: Any, where: str) -> list[BodyProblem]:
    schema = index.resolve(schema)
    if not isinstance(schema, dict):
        return []
    if isinstance(value, list) and "items" in schema:
        return [p for i, item in enumerate(value) for p in _walk(index, schema["items"], item, f"{where}{i}.")]
    if isinstance(value, str):
        return _bad_uri(schema, value, where.rstrip("."))
    if not isinstance(value, dict):
        return []
    properties = _properties(schema, index)
    if "if" in schema:
        # A body routed by its shape (POST /guardrails) also knows the fields of the branch the validator applies.
        branch = schema.get("then") if index.validator(schema["if"]).is_valid(value) else schema.get("else")
        resolved = index.resolve(branch) if branch is not None else None
        if isinstance(resolved, dict):
            properties.update(_properties(resolved, index))
    if not properties:
        return []
    found: list[BodyProblem] = []
    for key, item in value.items():
        if key in properties:
            found += _walk(index, properties[key], item, f"{where}{key}.")
        else:
            close = difflib.get_close_matches(key, list(properties), n=1, cutoff=0.6)
            hint = f"did you mean {close[0]!r}? " if close else ""
            message = f"{UNKNOWN_FIELD}; {hint}known here: {', '.join(sorted(properties))}"
            found.append(BodyProblem(f"{where}{key}", message, unknown_field=True))
    return found


def _bad_uri(schema: dict[str, Any], value: str, field: str) -> list[BodyProblem]:
    # callback_url is not `format: uri` in the description only because "" (no callback) is allowed.
    is_callback = field.split(".")[-1] == "callback_url"
    if schema.get("format") != "uri" and not is_callback:
        return []
    if value == "" and is_callback:
        return []
    parts = urlsplit(value)
    if parts.scheme in ("http", "https") and parts.netloc:
        return []
    return [BodyProblem(field, f"must be an absolute http(s) URL, got {value!r}")]


def _properties(schema: dict[str, Any], index: SpecIndex) -> dict[str, Any]:
    properties: dict[str, Any] = dict(schema.get("properties", {}))
    for keyword in ("allOf", "anyOf", "oneOf"):
        for part in schema.get(keyword, []):
            resolved = index.resolve(part)
            if isinstance(resolved, dict):
                properties.update(_properties(resolved, index))
    return properties
