"""Types shared by the client core and every resource."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypedDict

import httpx

__all__ = ["RequestOptions", "Timeout"]

Timeout = float | httpx.Timeout | None


class RequestOptions(TypedDict, total=False):
    """Per-call options accepted by every SDK method as keyword arguments."""

    timeout: Timeout
    """Overrides the client's timeout for this call (seconds, or an ``httpx.Timeout``)."""
    deadline: float | None
    """Seconds for the whole call, retries and waits included (default: the client's ``deadline``)."""
    max_retries: int
    """Overrides the client's ``max_retries`` for this call."""
    extra_headers: Mapping[str, str]
    """Headers added to (or replacing) the ones the SDK sends."""
    extra_query: Mapping[str, Any]
    """Query parameters added to the request."""
    extra_body: Mapping[str, Any]
    """Fields merged into the JSON body: the escape hatch for fields this SDK does not know yet."""
    idempotent: bool
    """Marks a POST as safe to send again when it may already have reached the server."""
