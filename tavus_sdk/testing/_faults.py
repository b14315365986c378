"""Fault injection: make chosen requests fail (a status, a delay, a dropped connection) N times, then behave."""

from __future__ import annotations

import fnmatch
import threading
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

__all__ = ["Fault", "FaultSet"]

DropMode = Literal["before", "after"]


@dataclass
class Fault:
    """One rule. ``match`` is an operation id (``conversations_create``), ``"METHOD /path-glob"``
    (``"POST /conversations"``, ``"* /personas/*"``) or a bare path glob; paths are relative to ``/v2``.

    - ``status``: answer this status (with the shared error body) instead of running the route.
    - ``retry_after``: seconds for the ``Retry-After`` header of that answer.
    - ``delay``: wait this long first (seconds of real time), then go on.
    - ``drop``: ``"before"`` closes the connection without running the route; ``"after"`` runs it (state changes)
      and loses the response, which is what a client sees when a create reached the server but the reply did not.
    - ``times``: how many matching requests are hit; ``None`` keeps the rule forever.
    """

    match: str
    status: int | None = None
    retry_after: float | None = None
    delay: float = 0.0
    drop: DropMode | None = None
    times: int | None = 1
    message: str | None = None
    hits: int = field(default=0)

    def __post_init__(self) -> None:
        if self.status is None and not self.delay and self.drop is None:
            raise ValueError("a fault needs a status, a delay or a drop")
        if self.status is not None and not 100 <= self.status <= 599:
            raise ValueError(f"status must be an HTTP status (100-599), got {self.status}")
        if self.drop not in (None, "before", "after"):
            raise ValueError(f"drop must be 'before' or 'after', got {self.drop!r}")
        if self.times is not None and self.times < 1:
            raise ValueError(f"times must be at least 1 (or None for always), got {self.times}")
        if self.delay < 0:
            raise ValueError(f"delay must be >= 0, got {self.delay}")

    @property
    def exhausted(self) -> bool:
        return self.times is not None and self.hits >= self.times

    def matches(self, operation_id: str | None, method: str, path: str) -> bool:
        pattern = self.match.strip()
        if operation_id is not None and pattern == operation_id:
            return True
        if " " in pattern:
            want_method, _, glob = pattern.partition(" ")
            if want_method != "*" and want_method.upper() != method.upper():
                return False
        else:
            glob = pattern
        return fnmatch.fnmatchcase(path.rstrip("/") or "/", glob.strip().rstrip("/") or "/")

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


class FaultSet:
    """The active rules, consulted in the order they were added; the first live match wins."""

    def __init__(self) -> None:
        self._rules: list[Fault] = []
        self._lock = threading.Lock()

    def add(
        self,
        match: str,
        *,
        status: int | None = None,
        retry_after: float | None = None,
        delay: float = 0.0,
        drop: DropMode | None = None,
        times: int | None = 1,
        message: str | None = None,
    ) -> Fault:
        fault = Fault(match, status, retry_after, delay, drop, times, message)
        with self._lock:
            self._rules.append(fault)
        return fault

    def clear(self) -> None:
        with self._lock:
            self._rules.clear()

    def __iter__(self) -> Any:
        with self._lock:
            return iter(list(self._rules))

    def __len__(self) -> int:
        with self._lock:
            return len([rule for rule in self._rules if not rule.exhausted])

    def take(self, operation_id: str | None, method: str, path: str) -> Fault | None:
        """The rule that hits this request (counted as used), if any."""
        with self._lock:
            for rule in self._rules:
                if not rule.exhausted and rule.matches(operation_id, method, path):
                    rule.hits += 1
                    return rule
        return None
