"""What objectives and guardrails share: both are sets, ``{<kind>_id, data: [item, ...]}``."""

from __future__ import annotations

from typing import Any

from tavus_cli._errors import CliError
from tavus_cli._output import Output

__all__ = ["set_body", "summaries"]


def set_body(file: str | None, extra_item: dict[str, Any], *, items: str) -> dict[str, Any]:
    """``{"data": [...]}`` from ``--file`` (a list of items, or an object with ``data``), plus the item given as
    flags, appended at the end."""
    from tavus_cli._input import load_document

    body: dict[str, Any] = {}
    if file is not None:
        document = load_document(file)
        if isinstance(document, list):
            body = {"data": document}
        elif isinstance(document, dict):
            body = document
        else:
            raise CliError(f"--file {file}: expected a list of {items}, or an object with data: [...]")
        if not isinstance(body.get("data", []), list):
            raise CliError(f"--file {file}: data must be a list of {items}")
    flagged = {k: v for k, v in extra_item.items() if v is not None}
    if flagged:
        body["data"] = [*body.get("data", []), flagged]
    if not body.get("data"):
        raise CliError(f"nothing to create: give --file with a list of {items}, or --name and --prompt")
    return body


def summaries(out: Output, sets: list[Any], *, name_field: str) -> list[Any]:
    """One row per set for the table: how many items and their names; JSON and ids stay the sets themselves."""
    if out.mode not in ("table", "plain"):
        return sets
    rows = []
    for item_set in sets:
        data = out.to_data(item_set)
        items = data.pop("data", None) or []
        rows.append({**data, "count": len(items), "names": [str(i.get(name_field, "")) for i in items]})
    return rows
