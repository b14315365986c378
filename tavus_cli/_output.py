"""How results are printed: a table at a terminal, tab-separated rows in a pipe, ``--json`` for the exact
objects and ``-q`` for ids alone.

Data goes to stdout and nothing else does: progress, confirmations and summaries for people go to stderr, so
``tavus ... -q | xargs ...`` and ``tavus ... --json | jq`` always see clean input. Secrets are masked in every
mode unless ``--show-secrets``.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from pydantic import BaseModel

__all__ = [
    "Column",
    "Output",
    "cell",
    "flatten",
    "printable",
    "printable_lines",
    "stderr_is_terminal",
    "stdout_is_terminal",
]

Mode = Literal["json", "quiet", "table", "plain"]


def _caret(code: int) -> str:
    if code < 0x20:
        return "^" + chr(code + 0x40)  # ESC -> ^[, LF -> ^J, CR -> ^M
    if code == 0x7F:
        return "^?"
    if code < 0xA0:
        return "^[" + chr(code - 0x40)  # C1: CSI (0x9b) -> ^[[, as a 7-bit escape would read
    return f"\\u{code:04x}"  # bidirectional overrides and isolates


_NEUTRALISED = {
    code: _caret(code)
    for code in [*range(0x20), 0x7F, *range(0x80, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
}


def printable_lines(text: str) -> str:
    """``printable`` for each line of a text that is meant to span several."""
    return "\n".join(printable(line) for line in text.split("\n"))


def printable(text: str, *, keep_tabs: bool = False) -> str:
    """``text`` with control characters shown in caret notation (ESC as ``^[``, newline as ``^J``), as ``gh``
    does: a server string or a typed id cannot clear the screen, forge a link or split a line. ``--json`` output
    never goes through this; it stays exact."""
    if text.isprintable():
        return text
    table = _NEUTRALISED if not keep_tabs else {k: v for k, v in _NEUTRALISED.items() if k != 0x09}
    return text.translate(table)


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


def stderr_is_terminal() -> bool:
    return sys.stderr.isatty()


@dataclass(frozen=True)
class Column:
    header: str
    path: str
    """A dotted path into the object's JSON form, e.g. ``layers.llm.model``."""
    is_id: bool = False
    """An id people copy: never cut or wrapped in a table."""
    in_table: bool = True
    """False for long values (URLs) that only piped rows and --json carry; a table has 80 columns to share."""


class Output:
    def __init__(self, *, json_output: bool = False, quiet: bool = False, show_secrets: bool = False) -> None:
        self.show_secrets = show_secrets
        self.mode: Mode = "json" if json_output else "quiet" if quiet else "table" if stdout_is_terminal() else "plain"

    # -- data ----------------------------------------------------------------------------------------------

    def to_data(self, model: BaseModel | dict[str, Any]) -> dict[str, Any]:
        if isinstance(model, dict):
            return model
        to_dict: Callable[..., dict[str, Any]] | None = getattr(model, "to_dict", None)
        if to_dict is not None:
            return to_dict(reveal_secrets=self.show_secrets)
        return model.model_dump(mode="json", exclude_none=True)

    def item(self, model: BaseModel | dict[str, Any], *, id_field: str, title: str | None = None) -> None:
        """One object: every field at a terminal (nested ones as dotted paths), the object itself with --json."""
        data = self.to_data(model)
        if self.mode == "json":
            _write_json(data)
        elif self.mode == "quiet":
            _write(printable(str(data.get(id_field, ""))))
        else:
            rows = list(flatten(data))
            if self.mode == "plain":
                for key, value in rows:
                    _write(f"{printable(key)}\t{printable(cell(value))}")
            else:
                self._table(
                    ["field", "value"],
                    [[printable(k), printable(cell(v))] for k, v in rows],
                    title=printable(title) if title else None,
                )

    def items(self, models: Iterable[BaseModel | dict[str, Any]], *, id_field: str, columns: Sequence[Column]) -> None:
        """Many objects: a table of the chosen columns, plain rows, a JSON array with --json, ids with -q."""
        data = [self.to_data(m) for m in models]
        if self.mode == "json":
            _write_json(data)
        elif self.mode == "quiet":
            for row in data:
                _write(printable(str(row.get(id_field, ""))))
        else:
            if self.mode == "plain":
                for row in data:
                    _write("\t".join(printable(cell(_dig(row, c.path))) for c in columns))
            else:
                shown = [c for c in columns if c.in_table]
                cells = [[printable(_short_time(cell(_dig(row, c.path)))) for c in shown] for row in data]
                # Ids and timestamps stay on one line; names and the like wrap.
                ids = [i for i, c in enumerate(shown) if c.is_id or i == 0 or c.path.endswith("_at")]
                self._table([c.header for c in shown], cells, caption=f"{len(data)} shown", keep=ids)

    def result(self, data: dict[str, Any], *, ids: Iterable[str], human: str) -> None:
        """The outcome of a verb that returns no object (end, delete): ids with -q, JSON, or a sentence."""
        if self.mode == "json":
            _write_json(data)
        elif self.mode == "quiet":
            for item_id in ids:
                _write(printable(item_id))
        else:
            _write(printable_lines(human))

    def json(self, data: Any) -> None:
        _write_json(data)

    def _table(
        self,
        headers: list[str],
        rows: list[list[str]],
        *,
        title: str | None = None,
        caption: str | None = None,
        keep: Sequence[int] = (),
    ) -> None:
        # rich is imported only here: scripts that pipe or ask for --json never pay for it.
        from rich.console import Console
        from rich.table import Table

        table = Table(title=title, caption=caption, header_style="bold", show_lines=False)
        for i, header in enumerate(headers):
            if i in keep:
                # Kept whole: ids are what people copy.
                width = max([len(header), *(len(row[i]) for row in rows)])
                table.add_column(header, no_wrap=True, min_width=width)
            else:
                table.add_column(header, overflow="fold")
        for row in rows:
            table.add_row(*row, style=None)
        # markup=False: a server string such as "[link=...]" is text, not rich markup.
        Console(soft_wrap=False, highlight=False, markup=False).print(table)


_ISO_TIME = re.compile(r"^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(\.\d+)?(Z|\+00:00)?$")


def _short_time(value: str) -> str:
    """A table shows UTC timestamps to the minute; --json and piped rows keep them exact."""
    found = _ISO_TIME.match(value)
    return f"{found.group(1)} {found.group(2)[:5]}" if found else value


def _write(line: str) -> None:
    sys.stdout.write(line + "\n")


def _write_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")


def _dig(data: dict[str, Any], path: str) -> Any:
    value: Any = data
    for part in path.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


def flatten(data: dict[str, Any], prefix: str = "") -> Iterable[tuple[str, Any]]:
    """Leaf fields as dotted paths; items of a list of objects as ``key.<i>.field``, like a patch path."""
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict) and value:
            yield from flatten(value, name + ".")
        elif isinstance(value, list) and value and all(isinstance(item, dict) for item in value):
            yield from flatten({str(i): item for i, item in enumerate(value)}, name + ".")
        elif value is not None:
            yield name, value


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, list | dict):
        if isinstance(value, list) and all(isinstance(v, str | int | float) for v in value):
            return ", ".join(str(v) for v in value)
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return str(value)
