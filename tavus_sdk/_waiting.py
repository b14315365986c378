"""Polling until a replica, video or document is ready.

The decision of what a poll means (done, failed, keep waiting and for how long) lives in ``Waiter``; the async
and sync loops only fetch and sleep.
"""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from tavus_sdk._exceptions import ResourceFailedError, WaitTimeoutError

__all__ = ["Lifecycle", "ProgressCallback", "WaitProgress", "Waiter", "parse_progress", "wait_async", "wait_sync"]

M = TypeVar("M")

_FRACTION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*/\s*(\d+(?:\.\d+)?)\s*$")
_PERCENT = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*%?\s*$")


def parse_progress(value: object) -> float | None:
    """Percent complete from ``"45/100"``, ``"45%"``, ``"45"`` or a number; None when unknown."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        fraction = _FRACTION.match(value)
        if fraction:
            total = float(fraction.group(2))
            return 100.0 * float(fraction.group(1)) / total if total else None
        percent = _PERCENT.match(value)
        if percent:
            return float(percent.group(1))
    return None


@dataclass(frozen=True, slots=True)
class WaitProgress(Generic[M]):
    """What a waiter saw on one poll; passed to ``on_progress``."""

    resource: M
    status: str | None
    percent: float | None
    """Percent complete when the API reports it (training_progress, generation_progress), else None."""
    elapsed: float
    """Seconds since waiting started."""


ProgressCallback = Callable[[WaitProgress[M]], object]


@dataclass(frozen=True, slots=True)
class Lifecycle(Generic[M]):
    """How to read one kind of resource while waiting for it."""

    noun: str
    ready: frozenset[str]
    failed: frozenset[str]
    status: Callable[[M], str | None]
    progress: Callable[[M], object]
    failure_detail: Callable[[M], str | None]

    def waiter(
        self,
        resource_id: str,
        timeout: float | None,
        poll_interval: float,
        max_poll_interval: float,
        on_progress: ProgressCallback[M] | None,
    ) -> Waiter[M]:
        return Waiter(
            self,
            resource_id,
            timeout=timeout,
            poll_interval=poll_interval,
            max_poll_interval=max_poll_interval,
            on_progress=on_progress,
        )


class Waiter(Generic[M]):
    def __init__(
        self,
        lifecycle: Lifecycle[M],
        resource_id: str,
        *,
        timeout: float | None,
        poll_interval: float,
        max_poll_interval: float,
        on_progress: ProgressCallback[M] | None,
    ) -> None:
        if poll_interval < 0 or max_poll_interval < 0:
            raise ValueError("poll intervals must not be negative")
        if timeout is not None and timeout < 0:
            raise ValueError(f"timeout must not be negative, got {timeout}")
        self._lifecycle = lifecycle
        self._id = resource_id
        self._timeout = timeout
        self._interval = poll_interval
        self._max_interval = max(max_poll_interval, poll_interval)
        self._on_progress = on_progress
        self._started = time.monotonic()

    def observe(self, resource: M) -> float | None:
        """None when the resource is ready; else seconds to wait before the next poll. Raises when it failed."""
        lifecycle = self._lifecycle
        status = lifecycle.status(resource)
        elapsed = time.monotonic() - self._started
        if self._on_progress is not None:
            percent = parse_progress(lifecycle.progress(resource))
            self._on_progress(WaitProgress(resource, status, percent, elapsed))
        if status in lifecycle.ready:
            return None
        if status in lifecycle.failed:
            detail = lifecycle.failure_detail(resource) or "no detail given"
            raise ResourceFailedError(
                f"{lifecycle.noun} {self._id} failed with status {status!r}: {detail}",
                resource_id=self._id,
                last_status=status,
                resource=resource,
            )
        delay = self._interval
        self._interval = min(self._interval * 1.5, self._max_interval)
        if self._timeout is not None:
            remaining = self._timeout - elapsed
            if remaining <= 0:
                raise WaitTimeoutError(
                    f"{lifecycle.noun} {self._id} was still {status!r} after {elapsed:.0f} s "
                    f"(timeout {self._timeout:g} s); wait longer with timeout=...",
                    resource_id=self._id,
                    last_status=status,
                    resource=resource,
                )
            delay = min(delay, remaining)
        return delay


async def _sleep_async(seconds: float) -> None:
    await asyncio.sleep(seconds)


def _sleep_sync(seconds: float) -> None:
    time.sleep(seconds)


async def wait_async(fetch: Callable[[], Awaitable[M]], waiter: Waiter[M]) -> M:
    while True:
        resource = await fetch()
        delay = waiter.observe(resource)
        if delay is None:
            return resource
        await _sleep_async(delay)


def wait_sync(fetch: Callable[[], M], waiter: Waiter[M]) -> M:
    while True:
        resource = fetch()
        delay = waiter.observe(resource)
        if delay is None:
            return resource
        _sleep_sync(delay)
