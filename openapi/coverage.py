"""Print how tavus-v2.yaml covers the operations of the newest Tavus API reference (official-operations.yaml).

    uv run python openapi/coverage.py

Exits 1 when the table and the spec disagree: an `operation` the spec lacks (or at another method and path), an
uncovered operation without a `reason`, or a spec operation that is neither in the table nor a documented alias.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
METHODS = ("get", "post", "put", "patch", "delete")
# Spec operations under the legacy names: the docs promise these paths keep working as aliases of the PAL and Face
# pages (docs.tavus.io/sections/conversational-video-interface/pal/overview), so they are covered, not extra.
ALIASES = {"personas": "pals", "replicas": "faces"}
# In the spec but in no page of the newest reference: kept from older docs.
_TRANSCRIPTIONS = "in docs.tavus.io/openapi.yaml, not deprecated there, but on no page of the newest reference"
OLDER = {
    **{f"transcriptions_{verb}": _TRANSCRIPTIONS for verb in ("create", "list", "get", "delete")},
}


def _shape(method: str, path: str) -> tuple[str, str]:
    return method.upper(), re.sub(r"{[^}]+}", "{}", path.removeprefix("/v2"))


def load() -> tuple[list[dict[str, Any]], dict[str, tuple[str, str]]]:
    table = yaml.safe_load((HERE / "official-operations.yaml").read_text(encoding="utf-8"))
    spec = yaml.safe_load((HERE / "tavus-v2.yaml").read_text(encoding="utf-8"))
    ops = {
        op["operationId"]: _shape(method, path)
        for path, item in spec["paths"].items()
        for method, op in item.items()
        if method in METHODS
    }
    return table, ops


def problems(table: list[dict[str, Any]], ops: dict[str, tuple[str, str]]) -> list[str]:
    found = []
    for entry in table:
        operation = entry.get("operation")
        if operation is None:
            if not str(entry.get("reason", "")).strip():
                found.append(f"{entry['name']}: neither an operation nor a reason")
            continue
        if operation not in ops:
            found.append(f"{entry['name']}: {operation} is not in tavus-v2.yaml")
        elif ops[operation] != _shape(entry["method"], entry["path"]):
            found.append(
                f"{entry['name']}: {operation} is {ops[operation]}, the docs say {entry['method']} {entry['path']}"
            )
    covered = {entry.get("operation") for entry in table}
    for operation in ops:
        resource, _, rest = operation.partition("_")
        alias = f"{ALIASES.get(resource, resource)}_{rest}"
        if operation not in covered and alias not in covered and operation not in OLDER:
            found.append(f"{operation}: in tavus-v2.yaml but in no page of the newest reference")
    return found


def report(table: list[dict[str, Any]], ops: dict[str, tuple[str, str]]) -> str:
    done = [e for e in table if e.get("operation")]
    lines = [f"{len(done)} of {len(table)} operations of the newest Tavus API reference are implemented.", ""]
    width = max(len(e["name"]) for e in table)
    for entry in table:
        mark = entry["operation"] if entry.get("operation") else "not implemented: " + entry["reason"]
        lines.append(f"{entry['name']:<{width}}  {entry['method'] or '?':<6} {entry['path'] or '?':<62} {mark}")
    legacy = sorted(op for op in ops if op.partition("_")[0] in ALIASES)
    lines += ["", f"Also served under the legacy names ({len(legacy)}): {', '.join(legacy)}"]
    lines += [f"Kept from older docs: {op} ({why})" for op, why in OLDER.items()]
    return "\n".join(lines)


def main() -> int:
    table, ops = load()
    print(report(table, ops))
    found = problems(table, ops)
    for problem in found:
        print("error:", problem, file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
