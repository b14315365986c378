"""Reading what the user gives: body files, ``--set`` values, durations, and checking a body against the API
description before anything is sent.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

from tavus_cli._errors import USAGE, CliError

__all__ = ["check_body", "load_document", "parse_duration", "parse_value", "read_body_file"]


def read_body_file(path: str, *, what: str = "--file") -> dict[str, Any]:
    """A JSON or YAML object from a file, or from stdin when ``path`` is ``-``."""
    data = load_document(path, what=what)
    if not isinstance(data, dict):
        raise CliError(f"{what} {path}: expected an object (a mapping of fields), got {type(data).__name__}")
    return data


def load_document(path: str, *, what: str = "--file") -> Any:
    name = "stdin" if path == "-" else path
    if path == "-":
        text = sys.stdin.read()
    else:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except FileNotFoundError:
            raise CliError(f"{what} {path}: no such file") from None
        except OSError as exc:
            raise CliError(f"{what} {path}: cannot read it ({exc.strerror})") from None
    if not text.strip():
        raise CliError(f"{what} {name}: it is empty; expected JSON or YAML")
    if path.endswith((".yaml", ".yml")):
        return _yaml(text, name, what)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        if path.endswith(".json"):
            raise CliError(f"{what} {name}: invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}") from None
    # Not JSON and no telling extension: YAML is a superset of JSON, so it gets the last word.
    return _yaml(text, name, what)


def _yaml(text: str, name: str, what: str) -> Any:
    import yaml

    try:
        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise CliError(f"{what} {name}: invalid YAML{where}: {problem}") from None


def parse_value(text: str) -> Any:
    """A ``--set`` value: JSON when it parses (numbers, true, null, lists, objects), else the text itself."""
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return text


_DURATION = re.compile(r"(\d+(?:\.\d+)?)\s*(d|h|m|s)", re.IGNORECASE)
_UNIT = {"d": 86400, "h": 3600, "m": 60, "s": 1}


def parse_duration(text: str, *, option: str) -> float:
    """Seconds from ``90``, ``90s``, ``10m``, ``1h30m`` or ``2d``."""
    cleaned = text.strip().replace(" ", "")
    if re.fullmatch(r"\d+(\.\d+)?", cleaned):
        return float(cleaned)
    parts = _DURATION.findall(cleaned)
    if not parts or "".join(f"{n}{u}" for n, u in parts).lower() != cleaned.lower():
        raise CliError(f"{option} {text!r} is not a duration; use e.g. 90s, 10m, 1h30m or 2d")
    return sum(float(n) * _UNIT[u.lower()] for n, u in parts)


def check_body(operation_id: str, body: dict[str, Any]) -> None:
    """Refuse a body that the API description says is wrong, naming each field and what is allowed."""
    # The emulator's index of the API description: the same rules the emulator enforces, read from the spec.
    from tavus_sdk.testing._spec import field_errors, spec_index

    operation = spec_index().by_id[operation_id]
    validator = operation.validator_for("application/json")
    if validator is None:
        return
    found = field_errors(validator, body) + _walk(operation.body_schema, body, "")
    allow_unknown = _allowing_unknown_fields()
    errors = [(f, m) for f, m in found if not (allow_unknown and m.startswith(_UNKNOWN))]
    if errors:
        details = "; ".join(f"{field}: {message}" for field, message in errors)
        unknown = any(m.startswith(_UNKNOWN) for _, m in errors)
        raise CliError(
            f"invalid request body ({details})",
            code=USAGE,
            hint="if Tavus added a field after this release, send it with tavus --allow-unknown-fields ..."
            if unknown
            else None,
        )


_UNKNOWN = "unknown field"


def _allowing_unknown_fields() -> bool:
    from typer._click.globals import get_current_context

    context = get_current_context(silent=True)
    obj = context.find_root().obj if context is not None else None
    return bool(getattr(obj, "allow_unknown_fields", False))


def _walk(schema: Any, value: Any, where: str) -> list[tuple[str, str]]:
    """What the validator lets through: keys the description does not name (a typo would be sent, ignored, and
    look like success) and ``format: uri`` values that are not absolute http(s) URLs."""
    from tavus_sdk.testing._spec import spec_index

    index = spec_index()
    schema = index.resolve(schema)
    if not isinstance(schema, dict):
        return []
    if isinstance(value, list) and "items" in schema:
        return [e for i, item in enumerate(value) for e in _walk(schema["items"], item, f"{where}{i}.")]
    if isinstance(value, str):
        return _bad_uri(schema, value, where.rstrip("."))
    if not isinstance(value, dict):
        return []
    properties = _properties(schema, index)
    if not properties:
        return []
    found: list[tuple[str, str]] = []
    for key, item in value.items():
        if key in properties:
            found += _walk(properties[key], item, f"{where}{key}.")
        else:
            import difflib

            close = difflib.get_close_matches(key, list(properties), n=1, cutoff=0.6)
            hint = f"did you mean {close[0]!r}? " if close else ""
            found.append((f"{where}{key}", f"{_UNKNOWN}; {hint}known here: {', '.join(sorted(properties))}"))
    return found


def _bad_uri(schema: dict[str, Any], value: str, field: str) -> list[tuple[str, str]]:
    # callback_url is not `format: uri` in the description only because "" (no callback) is allowed.
    is_callback = field.split(".")[-1] == "callback_url"
    if schema.get("format") != "uri" and not is_callback:
        return []
    if value == "" and is_callback:
        return []
    from urllib.parse import urlsplit

    parts = urlsplit(value)
    if parts.scheme in ("http", "https") and parts.netloc:
        return []
    return [(field, f"must be an absolute http(s) URL, got {value!r}")]


def _properties(schema: dict[str, Any], index: Any) -> dict[str, Any]:
    properties: dict[str, Any] = dict(schema.get("properties", {}))
    for keyword in ("allOf", "anyOf", "oneOf"):
        for part in schema.get(keyword, []):
            resolved = index.resolve(part)
            if isinstance(resolved, dict):
                properties.update(_properties(resolved, index))
    return properties
