"""Logging for the SDK, with credentials redacted.

Nothing is printed unless the application configures logging for ``tavus_sdk`` or sets ``TAVUS_LOG=debug``
(or ``info``), which attaches a stderr handler once.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from typing import Any

__all__ = ["REDACTED", "SECRET_KEYS", "logger", "redact", "redact_headers", "setup_logging"]

logger = logging.getLogger("tavus_sdk")

REDACTED = "<redacted>"

# Keys whose values are credentials wherever they appear: headers, request bodies, response bodies.
SECRET_KEYS = frozenset({"x-api-key", "api_key", "apikey", "authorization", "meeting_token", "token", "password"})

_configured = False


def setup_logging() -> None:
    """Honour ``TAVUS_LOG`` (debug, info, warning) the first time a client is built."""
    global _configured
    if _configured:
        return
    _configured = True
    level_name = os.environ.get("TAVUS_LOG", "").strip().upper()
    if not level_name:
        return
    level = logging.getLevelNamesMapping().get(level_name)
    if level is None:
        return
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("[%(asctime)s %(levelname)s %(name)s] %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(level)


def redact_headers(headers: Mapping[str, str]) -> dict[str, str]:
    return {k: (REDACTED if k.lower() in SECRET_KEYS else v) for k, v in headers.items()}


def redact(value: Any) -> Any:
    """A copy of JSON-like data with every credential value replaced."""
    if isinstance(value, Mapping):
        return {
            k: (REDACTED if isinstance(k, str) and k.lower() in SECRET_KEYS and v else redact(v))
            for k, v in value.items()
        }
    if isinstance(value, list | tuple):
        return [redact(v) for v in value]
    return value
