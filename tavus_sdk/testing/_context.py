"""What a route handler sees: the request, already validated against the spec, and the emulator's state."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from typing import Any

from tavus_sdk.testing._clock import Clock
from tavus_sdk.testing._config import Limits, Timings
from tavus_sdk.testing._errors import invalid_id, not_found
from tavus_sdk.testing._spec import Operation
from tavus_sdk.testing._store import Record, Store

__all__ = [
    "ApiRequest",
    "Context",
    "Handler",
    "Reply",
    "Ticker",
    "iso",
    "naive",
    "public",
    "public_all",
    "rfc1123",
]


@dataclass(frozen=True)
class ApiRequest:
    op: Operation
    path: dict[str, str]
    query: dict[str, Any]
    body: Any
    api_key: str


@dataclass
class Context:
    store: Store
    clock: Clock
    timings: Timings
    limits: Limits
    api_key: str = ""
    changed: bool = field(default=False)

    def now(self) -> float:
        return self.clock.now()

    def get(self, table: str, resource_id: str, kind: str) -> Record:
        """The stored record, or the 404 every route answers for an unknown id."""
        record = self.store.table(table).get(resource_id)
        if record is None or not self.visible(record):
            raise not_found(kind, resource_id)
        return record

    def require(self, table: str, resource_id: str, id_field: str) -> Record:
        """The stored record, or Tavus's answer for an unknown id: 400 ``{"error": "Invalid <id_field>"}``."""
        record = self.store.table(table).get(resource_id)
        if record is None or not self.visible(record):
            raise invalid_id(id_field)
        return record

    def visible(self, record: Record) -> bool:
        """Key-scoped records (documents, docs.tavus.io/sections/conversational-video-interface/faq) are invisible to
        other API keys."""
        owner = record.get("_owner_key")
        return owner is None or owner == self.api_key

    def webhook(self, url: str | None, payload: dict[str, Any], *, at: float | None = None, event: str = "") -> None:
        """Queue a callback; the delivery loop POSTs it (and retries it) when the clock reaches ``at``."""
        if not url:
            return
        when = self.now() if at is None else at
        self.store.webhooks.append(
            {
                "id": f"wh{len(self.store.webhooks) + 1}",
                "url": url,
                "event": event or str(payload.get("event_type") or payload.get("status") or "callback"),
                "payload": payload,
                "created_at": when,
                "next_attempt_at": when,
                "attempts": [],
                "state": "pending",
            }
        )
        self.changed = True


@dataclass(frozen=True)
class Reply:
    """A success other than 200 (e.g. ``Reply(204)`` after a delete, ``Reply(304)`` for a no-op patch)."""

    status: int
    body: Any = None


Handler = Callable[[Context, ApiRequest], Any]
"""Returns the JSON body of a 200 (``None`` for an empty body), a ``Reply`` for another status, or raises
``ApiError``."""

Ticker = Callable[[Context], "float | None"]
"""Moves a resource's lifecycle up to ``ctx.now()``; sets ``ctx.changed`` when anything moved. Returns the earliest
time at which one of its records will change again by itself (``None``: none will), so requests in between can skip
the tickers."""


def public(record: Record) -> dict[str, Any]:
    """The API view of a record: bookkeeping keys (``_...``) stripped."""
    return {key: value for key, value in record.items() if not key.startswith("_")}


def public_all(records: Iterable[Record]) -> list[dict[str, Any]]:
    return [public(record) for record in records]


def iso(ts: float) -> str:
    """ISO-8601 with microseconds and ``Z``, as conversations and personas show it."""
    return datetime.fromtimestamp(ts, UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def rfc1123(ts: float) -> str:
    """``Tue, 24 Jun 2025 07:01:57 GMT``, as GET /videos/{id} shows it."""
    return format_datetime(datetime.fromtimestamp(ts, UTC), usegmt=True)


def naive(ts: float) -> str:
    """``2024-08-28 15:27:40.824457``, as video callbacks show it."""
    return datetime.fromtimestamp(ts, UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
