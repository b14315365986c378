"""How many requests a batch has in flight, shared by all of its workers, and how a 429 slows the whole batch.

The gate sits in the HTTP transport, so it sees every attempt, the SDK's own retries included. On a 429 the
batch pauses until ``Retry-After`` has passed (the SDK waits the same before it sends that request again) and the
number in flight is halved; after that many successes in a row it grows by one again, up to the cap given.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress

import httpx

from tavus_sdk._retry import parse_retry_after

__all__ = ["Throttle", "ThrottledTransport"]

DEFAULT_PAUSE = 1.0
"""Seconds the batch pauses after a 429 that names no ``Retry-After``."""
MAX_PAUSE = 60.0
"""The longest pause honoured: the SDK gives up on a longer ``Retry-After`` at once (``RetryPolicy``), so waiting
longer here would only hold back the rest of the batch."""


class Throttle:
    """At most ``limit`` requests at once; fewer for a while after Tavus answers 429."""

    def __init__(self, limit: int) -> None:
        self.ceiling = limit
        self.limit = limit
        self.in_flight = 0
        self.most_in_flight = 0
        self.rate_limited_count = 0
        self.resume_at = 0.0
        self._streak = 0
        self._epoch = 0
        self._changed: asyncio.Condition | None = None

    def _condition(self) -> asyncio.Condition:
        # Made on first use, inside the running loop that will wait on it.
        if self._changed is None:
            self._changed = asyncio.Condition()
        return self._changed

    @asynccontextmanager
    async def slot(self) -> AsyncIterator[int]:
        """Wait for a turn; yields the epoch it was taken in (see ``rate_limited``)."""
        changed = self._condition()
        async with changed:
            while True:
                pause = self.resume_at - time.monotonic()
                if pause > 0:
                    with suppress(TimeoutError):
                        await asyncio.wait_for(changed.wait(), pause)
                elif self.in_flight < self.limit:
                    break
                else:
                    await changed.wait()
            self.in_flight += 1
            self.most_in_flight = max(self.most_in_flight, self.in_flight)
            epoch = self._epoch
        try:
            yield epoch
        finally:
            async with changed:
                self.in_flight -= 1
                changed.notify_all()

    def rate_limited(self, epoch: int, retry_after: float | None) -> None:
        """A request sent in ``epoch`` got a 429. Requests already in flight when the limit was last lowered do
        not lower it again: eight 429s of one burst halve it once, not eight times."""
        self.rate_limited_count += 1
        self._streak = 0
        if epoch == self._epoch:
            self.limit = max(1, self.limit // 2)
            self._epoch += 1
        pause = DEFAULT_PAUSE if retry_after is None else min(retry_after, MAX_PAUSE)
        self.resume_at = max(self.resume_at, time.monotonic() + pause)

    def succeeded(self) -> None:
        """A request that was not refused for its rate: after ``limit`` of them in a row, allow one more."""
        self._streak += 1
        if self.limit < self.ceiling and self._streak >= self.limit:
            self.limit += 1
            self._streak = 0


class ThrottledTransport(httpx.AsyncBaseTransport):
    """An httpx transport that sends through ``inner`` once the throttle gives a turn, and tells it about 429s."""

    def __init__(self, inner: httpx.AsyncBaseTransport, throttle: Throttle) -> None:
        self._inner = inner
        self.throttle = throttle

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        async with self.throttle.slot() as epoch:
            response = await self._inner.handle_async_request(request)
            if response.status_code == 429:
                self.throttle.rate_limited(epoch, parse_retry_after(response.headers))
            else:
                self.throttle.succeeded()
        return response

    async def aclose(self) -> None:
        await self._inner.aclose()
