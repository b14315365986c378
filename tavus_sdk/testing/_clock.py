"""The emulator's clock: frozen and advanced by hand in tests, real time when served."""

from __future__ import annotations

import time
from datetime import UTC, datetime

__all__ = ["Clock"]

# A fixed, recognisable start so frozen-clock tests print stable timestamps.
DEFAULT_START = datetime(2026, 1, 1, 12, 0, 0, tzinfo=UTC).timestamp()


class Clock:
    """Seconds since the epoch as the emulator sees them.

    A frozen clock only moves when ``advance`` is called, so lifecycles (training, generation, crawls, call
    timeouts) happen exactly when a test says. A running clock follows the wall clock; ``advance`` still works
    and jumps it forward, which lets a served emulator skip a 30-second training in one admin call.
    """

    def __init__(self, *, frozen: bool = True, start: float | None = None) -> None:
        self.frozen = frozen
        self._offset = 0.0
        self._start = DEFAULT_START if start is None and frozen else (start if start is not None else time.time())
        self._wall_at_start = time.time()

    def now(self) -> float:
        if self.frozen:
            return self._start + self._offset
        return self._start + (time.time() - self._wall_at_start) + self._offset

    def advance(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError(f"the clock only moves forward; got advance({seconds})")
        self._offset += seconds

    def datetime(self) -> datetime:
        return datetime.fromtimestamp(self.now(), UTC)
