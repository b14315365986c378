"""Reading what the user gives: body files, ``--set`` values, durations, and checking a body against the API
description before anything is sent.
"""

from __future__ import annotations

import functools
import json
import math
import os
import re
import stat
import sys
from typing import Any

from tavus_cli._errors import USAGE, CliError

__all__ = ["check_body", "check_bounds", "load_document", "parse_duration", "parse_value", "read_body_file"]


MAX_INPUT_BYTES = 1024 * 1024
"""The largest body, patch or edited file read: Tavus bodies are a few kilobytes."""
MAX_DEPTH = 64
"""The deepest nesting accepted: persona layers go about six levels deep."""
MAX_INTEGER = 2**53
"""The largest integer that survives a JSON round trip through every client."""
MAX_DURATION = 30 * 86400.0


def read_body_file(path: str, *, what: str = "--file") -> dict[str, Any]:
    """A JSON or YAML object from a file, or from stdin when ``path`` is ``-``."""
    data = load_document(path, what=what)
    if not isinstance(data, dict):
        raise CliError(f"{what} {path}: expected an object (a mapping of fields), got {type(data).__name__}")
    return data


def load_document(path: str, *, what: str = "--file") -> Any:
    """The one gate for documents the user hands in: a regular file or stdin, at most ``MAX_INPUT_BYTES`` of
    strict UTF-8 (a BOM is fine), JSON or YAML without aliases, nested at most ``MAX_DEPTH`` deep, numbers within
    bounds. Anything else is a ``CliError`` (exit 2) naming what was wrong and where."""
    name = "stdin" if path == "-" else path
    text = _decode(_read_bytes(path, name, what), name, what)
    if not text.strip():
        raise CliError(f"{what} {name}: it is empty; expected JSON or YAML")
    if path.endswith((".yaml", ".yml")):
        data = _yaml(text, name, what)
    else:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            if path.endswith(".json"):
                raise CliError(
                    f"{what} {name}: invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
                ) from None
            # Not JSON and no telling extension: YAML is a superset of JSON, so it gets the last word.
            data = _yaml(text, name, what)
        except (RecursionError, ValueError) as exc:
            raise CliError(f"{what} {name}: {_json_problem(exc)}") from None
    check_bounds(data, f"{what} {name}")
    return data


def _read_bytes(path: str, name: str, what: str) -> bytes:
    if path == "-":
        if _reading_key_from_stdin():
            raise CliError(f"{what} - and --api-key-stdin both read stdin; give the body as a file")
        raw: bytes = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
    else:
        try:
            with open(path, "rb") as handle:
                mode = os.fstat(handle.fileno()).st_mode
                if not stat.S_ISREG(mode):
                    kind = "a directory" if stat.S_ISDIR(mode) else "not a regular file"
                    raise CliError(f"{what} {path}: {kind}; give a regular file, or - for stdin")
                raw = handle.read(MAX_INPUT_BYTES + 1)
        except FileNotFoundError:
            raise CliError(f"{what} {path}: no such file") from None
        except IsADirectoryError:
            raise CliError(f"{what} {path}: a directory; give a regular file, or - for stdin") from None
        except OSError as exc:
            raise CliError(f"{what} {path}: cannot read it ({exc.strerror})") from None
    if len(raw) > MAX_INPUT_BYTES:
        raise CliError(f"{what} {name}: larger than {MAX_INPUT_BYTES // 1024} KiB; Tavus bodies are a few KiB")
    return raw


def _decode(raw: bytes, name: str, what: str) -> str:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        hint = " (it looks like UTF-16)" if raw[:2] in (b"\xff\xfe", b"\xfe\xff") else ""
        raise CliError(
            f"{what} {name}: not UTF-8 text{hint}: byte 0x{raw[exc.start]:02x} at offset {exc.start}; save it as UTF-8"
        ) from None
    if "\x00" in text:
        raise CliError(f"{what} {name}: holds NUL bytes at offset {text.index(chr(0))}; expected JSON or YAML text")
    return text


def _reading_key_from_stdin() -> bool:
    return bool(getattr(_root_obj(), "api_key_stdin", False))


def _json_problem(exc: BaseException) -> str:
    if isinstance(exc, RecursionError):
        return f"nested too deeply (at most {MAX_DEPTH} levels)"
    return f"invalid JSON: {str(exc).splitlines()[0][:120]}"


def check_bounds(data: Any, where: str) -> None:
    """Refuse nesting deeper than ``MAX_DEPTH``, non-finite floats and integers past ``MAX_INTEGER``."""
    stack: list[tuple[Any, str, int]] = [(data, "", 0)]
    while stack:
        value, at, depth = stack.pop()
        place = f" at {at}" if at else ""
        if depth > MAX_DEPTH:
            raise CliError(f"{where}: nested deeper than {MAX_DEPTH} levels{place}")
        if isinstance(value, bool):
            continue
        if isinstance(value, int) and abs(value) > MAX_INTEGER:
            raise CliError(f"{where}: the number{place} is out of range (at most {MAX_INTEGER} in size)")
        if isinstance(value, float) and not math.isfinite(value):
            raise CliError(f"{where}: {value}{place} is not a JSON number")
        if isinstance(value, dict):
            stack.extend((item, f"{at}/{key}", depth + 1) for key, item in value.items())
        elif isinstance(value, list):
            stack.extend((item, f"{at}/{i}", depth + 1) for i, item in enumerate(value))


def _yaml(text: str, name: str, what: str) -> Any:
    import yaml

    try:
        return yaml.load(text, Loader=_loader())
    except RecursionError:
        raise CliError(f"{what} {name}: nested too deeply (at most {MAX_DEPTH} levels)") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise CliError(f"{what} {name}: invalid YAML{where}: {problem}") from None


@functools.cache
def _loader() -> type[Any]:
    """A safe loader that refuses aliases (a "billion laughs" file expands them exponentially) and nesting past
    ``MAX_DEPTH`` (a deep document exhausts the stack). Pure Python on purpose: the C loader cannot be bounded."""
    import yaml
    from yaml.composer import ComposerError

    class BoundedLoader(yaml.SafeLoader):
        depth = 0

        def compose_node(self, parent: Any, index: Any) -> Any:
            if self.check_event(yaml.AliasEvent):
                event = self.peek_event()  # type: ignore[no-untyped-call]
                raise ComposerError(
                    None, None, "aliases (*name) are not accepted; write the value out", event.start_mark
                )
            self.depth += 1
            try:
                if self.depth > MAX_DEPTH:
                    raise ComposerError(
                        None,
                        None,
                        f"nested deeper than {MAX_DEPTH} levels",
                        self.peek_event().start_mark,  # type: ignore[no-untyped-call]
                    )
                return super().compose_node(parent, index)
            finally:
                self.depth -= 1

    return BoundedLoader


def parse_value(text: str) -> Any:
    """A ``--set`` value: JSON when it parses (numbers, true, null, lists, objects), else the text itself."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError:
        return text
    except (RecursionError, ValueError) as exc:
        raise CliError(f"--set value: {_json_problem(exc)}") from None
    check_bounds(value, "--set value")
    return value


_DURATION = re.compile(r"(\d+(?:\.\d+)?)\s*(d|h|m|s)", re.IGNORECASE)
_UNIT = {"d": 86400, "h": 3600, "m": 60, "s": 1}


def parse_duration(text: str, *, option: str) -> float:
    """Seconds from ``90``, ``90s``, ``10m``, ``1h30m`` or ``2d``."""
    cleaned = text.strip().replace(" ", "")
    if len(cleaned) > 32:
        raise CliError(f"{option}: {len(text)} characters is not a duration; use e.g. 90s, 10m, 1h30m or 2d")
    if re.fullmatch(r"\d+(\.\d+)?", cleaned):
        seconds = float(cleaned)
    else:
        parts = _DURATION.findall(cleaned)
        if not parts or "".join(f"{n}{u}" for n, u in parts).lower() != cleaned.lower():
            raise CliError(f"{option} {text!r} is not a duration; use e.g. 90s, 10m, 1h30m or 2d")
        seconds = sum(float(n) * _UNIT[u.lower()] for n, u in parts)
    if seconds > MAX_DURATION:
        raise CliError(f"{option} {text!r} is longer than 30 days")
    return seconds


def check_body(operation_id: str, body: dict[str, Any]) -> None:
    """Refuse a body that the API description says is wrong, naming each field and what is allowed."""
    # The same index of the API description the emulator enforces (tavus_sdk.spec), read from the wheel's copy.
    from tavus_sdk.spec import check_body as problems_in

    allow_unknown = _allowing_unknown_fields()
    errors = [p for p in problems_in(operation_id, body) if not (allow_unknown and p.unknown_field)]
    if errors:
        details = "; ".join(f"{p.field}: {p.message}" for p in errors)
        raise CliError(
            f"invalid request body ({details})",
            code=USAGE,
            hint="if Tavus added a field after this release, send it with tavus --allow-unknown-fields ..."
            if any(p.unknown_field for p in errors)
            else None,
        )


def _allowing_unknown_fields() -> bool:
    return bool(getattr(_root_obj(), "allow_unknown_fields", False))


def _root_obj() -> Any:
    from typer._click.globals import get_current_context

    context = get_current_context(silent=True)
    return context.find_root().obj if context is not None else None
