"""When a failed request is sent again, and how long to wait first.

The first attempt runs outside tenacity: a retry loop around every call costs about 40 us even when nothing
fails. Only after a retryable failure does tenacity take over, starting from that failure.

What is retried:
- connect failures (the request never left): always;
- timeouts and dropped responses (the request may have been processed): only when the request is safe to
  repeat (GET, DELETE, end, renames, document updates) or the caller marked it ``idempotent=True``.
  Creating a conversation is billed, so a create whose outcome is unknown is never sent twice on our own;
- 408 and 429 (the server refused before processing) and 503 (unavailable): always;
- 409 and other 5xx (the server may have done part of the work): only when safe to repeat.
"""

from __future__ import annotations

import asyncio
import math
import random
import time
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import Any

import httpx
from tenacity import AsyncRetrying, RetryCallState, Retrying, retry_if_exception, stop_after_attempt
from tenacity.stop import stop_base

from tavus_sdk._exceptions import APIConnectionError, APIStatusError
from tavus_sdk._logging import logger

__all__ = ["RetryPolicy", "is_retryable", "parse_retry_after"]

_ALWAYS_RETRIED_STATUSES = frozenset({408, 429, 503})


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    initial_delay: float = 0.5
    """Seconds before the first retry; doubled on each further retry."""
    max_delay: float = 8.0
    """Upper bound of the computed backoff."""
    max_retry_after: float = 60.0
    """The longest server-requested Retry-After wait honoured; a longer one is not waited for at all: the error
    (with its ``retry_after``) is raised at once, since sleeping a minute and failing helps no one."""

    def delay(self, retries_so_far: int, error: BaseException | None) -> float:
        """Seconds to wait before retry number ``retries_so_far + 1``."""
        if isinstance(error, APIStatusError):
            requested = parse_retry_after(error.response.headers)
            if requested is not None:
                return min(requested, self.max_retry_after)
        backoff = min(self.initial_delay * 2.0**retries_so_far, self.max_delay)
        # Full-range jitter would make the wait unpredictable; shave up to a quarter off instead.
        return backoff * (1.0 - 0.25 * random.random())


def parse_retry_after(headers: httpx.Headers) -> float | None:
    """Seconds the server asked us to wait: ``retry-after-ms``, or ``Retry-After`` as seconds or an HTTP date.

    Parsed defensively: ``nan``, ``inf``, negative numbers and garbage count as no request at all (``None``),
    a date in the past as 0.
    """
    millis = _seconds(headers.get("retry-after-ms"))
    if millis is not None:
        return millis / 1000.0
    value = headers.get("retry-after")
    if not value:
        return None
    seconds = _seconds(value)
    if seconds is not None:
        return seconds
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    try:
        return max(when.timestamp() - time.time(), 0.0)
    except (OverflowError, ValueError, OSError):
        return None


def _seconds(value: str | None) -> float | None:
    if not value or len(value) > 32:
        return None
    try:
        number = float(value)
    except ValueError:
        return None
    if not math.isfinite(number) or number < 0:
        return None
    return number


def is_retryable(error: BaseException, *, retry_safe: bool) -> bool:
    if isinstance(error, APIConnectionError):
        return retry_safe or not error.may_have_reached_server
    if isinstance(error, APIStatusError):
        status = error.status_code
        if status in _ALWAYS_RETRIED_STATUSES:
            return True
        return retry_safe and (status == 409 or status >= 500)
    return False


async def _sleep_async(seconds: float) -> None:
    await asyncio.sleep(seconds)


def _sleep_sync(seconds: float) -> None:
    time.sleep(seconds)


def _describe(error: BaseException | None) -> str:
    if isinstance(error, APIStatusError):
        return f"status {error.status_code}"
    return type(error).__name__ if error else "unknown error"


class _Controls:
    """The tenacity callbacks for one request."""

    def __init__(self, policy: RetryPolicy, request: httpx.Request, max_retries: int) -> None:
        self.policy = policy
        self.request = request
        self.max_retries = max_retries

    def wait(self, state: RetryCallState) -> float:
        error = state.outcome.exception() if state.outcome else None
        return self.policy.delay(state.attempt_number - 1, error)

    def before_sleep(self, state: RetryCallState) -> None:
        error = state.outcome.exception() if state.outcome else None
        wait = state.next_action.sleep if state.next_action else 0.0
        logger.info(
            "Retrying %s %s in %.2f s (retry %d of %d) after %s",
            self.request.method,
            self.request.url.path,
            wait,
            state.attempt_number,
            self.max_retries,
            _describe(error),
        )


def _asks_too_long(policy: RetryPolicy, error: BaseException) -> bool:
    if not isinstance(error, APIStatusError):
        return False
    requested = parse_retry_after(error.response.headers)
    return requested is not None and requested > policy.max_retry_after


class _StopAtDeadline(stop_base):
    """Give up when the next wait would end past the call's deadline: the last error is raised at once."""

    def __init__(self, deadline_at: float | None) -> None:
        self.deadline_at = deadline_at

    def __call__(self, retry_state: RetryCallState) -> bool:
        if self.deadline_at is None:
            return False
        return time.monotonic() + retry_state.upcoming_sleep >= self.deadline_at


def _retrying_kwargs(
    policy: RetryPolicy, request: httpx.Request, max_retries: int, retry_safe: bool, deadline_at: float | None
) -> dict[str, Any]:
    controls = _Controls(policy, request, max_retries)

    def predicate(error: BaseException) -> bool:
        return is_retryable(error, retry_safe=retry_safe) and not _asks_too_long(policy, error)

    return {
        "stop": stop_after_attempt(max_retries + 1) | _StopAtDeadline(deadline_at),
        "wait": controls.wait,
        "retry": retry_if_exception(predicate),
        "before_sleep": controls.before_sleep,
        "reraise": True,
    }


def async_retrying(
    policy: RetryPolicy,
    request: httpx.Request,
    *,
    max_retries: int,
    retry_safe: bool,
    deadline_at: float | None = None,
) -> AsyncRetrying:
    return AsyncRetrying(sleep=_sleep_async, **_retrying_kwargs(policy, request, max_retries, retry_safe, deadline_at))


def sync_retrying(
    policy: RetryPolicy,
    request: httpx.Request,
    *,
    max_retries: int,
    retry_safe: bool,
    deadline_at: float | None = None,
) -> Retrying:
    return Retrying(sleep=_sleep_sync, **_retrying_kwargs(policy, request, max_retries, retry_safe, deadline_at))
