"""All emulator state as plain JSON data, so it can be saved to a file and loaded after a restart."""

from __future__ import annotations

import json
import os
import secrets
import tempfile
from pathlib import Path
from typing import Any

__all__ = ["TABLES", "Record", "Store"]

Record = dict[str, Any]
"""A stored resource: its public fields, plus private bookkeeping under keys that start with ``_``."""

TABLES = (
    "conversations",
    "personas",
    "replicas",
    "videos",
    "documents",
    "objectives",
    "guardrails",
    "pronunciation_dictionaries",
    "transcriptions",
)
_FORMAT = 1


class Store:
    def __init__(self) -> None:
        self.tables: dict[str, dict[str, Record]] = {name: {} for name in TABLES}
        self.webhooks: list[Record] = []

    def table(self, name: str) -> dict[str, Record]:
        return self.tables[name]

    def new_id(self, table: str, prefix: str, hex_digits: int) -> str:
        rows = self.tables[table]
        while True:
            candidate = prefix + secrets.token_hex((hex_digits + 1) // 2)[:hex_digits]
            if candidate not in rows:
                return candidate

    def to_json(self) -> dict[str, Any]:
        return {"format": _FORMAT, "tables": self.tables, "webhooks": self.webhooks}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Store:
        if data.get("format") != _FORMAT:
            raise ValueError(f"unsupported emulator state format {data.get('format')!r} (expected {_FORMAT})")
        store = cls()
        for name, rows in data.get("tables", {}).items():
            if name in store.tables:
                store.tables[name] = dict(rows)
        store.webhooks = list(data.get("webhooks", []))
        return store

    def save(self, path: Path) -> None:
        """Write atomically: a crash mid-write leaves the previous file intact, never half of a new one."""
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(self.to_json(), handle, separators=(",", ":"))
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    @classmethod
    def load(cls, path: Path) -> Store:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path} is not emulator state: {exc}") from None
        if not isinstance(data, dict):
            raise ValueError(f"{path} is not emulator state: expected a JSON object")
        return cls.from_json(data)
