"""All emulator state as plain JSON data, so it can be saved to a file and loaded after a restart."""

from __future__ import annotations

import json
import os
import secrets
import tempfile
from pathlib import Path
from typing import Any

__all__ = ["TABLES", "Record", "StateInUseError", "Store", "lock_state"]

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
    "individual_guardrails",
    "tools",
    "deployments",
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
        _check_shape(data)
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
        except (RecursionError, UnicodeDecodeError, ValueError) as exc:  # deep nesting, huge numbers, not UTF-8
            raise ValueError(f"{path} is not emulator state: {str(exc)[:200]}") from None
        if not isinstance(data, dict):
            raise ValueError(f"{path} is not emulator state: expected a JSON object")
        try:
            return cls.from_json(data)
        except ValueError as exc:
            raise ValueError(f"{path}: {exc}") from None


_WEBHOOK_FIELDS = {"id": str, "url": str, "event": str, "payload": dict, "state": str, "attempts": list}


def _check_shape(data: dict[str, Any]) -> None:
    """What every part of the emulator relies on: tables of objects keyed by id, webhooks with their fields."""
    tables = data.get("tables", {})
    if not isinstance(tables, dict):
        raise ValueError("tables must be an object of tables")
    for name, rows in tables.items():
        if not isinstance(rows, dict):
            raise ValueError(f"tables.{name} must be an object of records by id")
        for key, record in rows.items():
            if not isinstance(record, dict):
                raise ValueError(f"tables.{name}.{key} must be an object, got {type(record).__name__}")
    webhooks = data.get("webhooks", [])
    if not isinstance(webhooks, list):
        raise ValueError("webhooks must be an array")
    for i, hook in enumerate(webhooks):
        if not isinstance(hook, dict):
            raise ValueError(f"webhooks.{i} must be an object")
        for field, kind in _WEBHOOK_FIELDS.items():
            if not isinstance(hook.get(field), kind):
                raise ValueError(f"webhooks.{i}.{field} is missing or not {kind.__name__}")
        if not isinstance(hook.get("next_attempt_at"), int | float):
            raise ValueError(f"webhooks.{i}.next_attempt_at is missing or not a number")


class StateInUseError(ValueError):
    """Another emulator process keeps its state in the same file."""


def lock_state(path: Path) -> Any:
    """Hold an exclusive lock on ``<state>.lock`` for the life of the process: two emulators on one state file
    would each overwrite the other's changes. The lock file names the holder's pid for the error message."""
    try:
        import fcntl
    except ImportError:  # Windows: no advisory locks here; one emulator per file is then up to you
        return None
    lock_path = path.with_name(path.name + ".lock")
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    handle = open(lock_path, "a+", encoding="utf-8")  # noqa: SIM115 - held open for the life of the process
    try:
        fcntl.lockf(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.seek(0)
        holder = handle.read().strip() or "unknown"
        handle.close()
        raise StateInUseError(
            f"{path} is in use by pid {holder} (another emulator); stop it or use another file"
        ) from None
    handle.seek(0)
    handle.truncate()
    handle.write(str(os.getpid()))
    handle.flush()
    return handle
