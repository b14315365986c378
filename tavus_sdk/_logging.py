"""Logging for the SDK, and the one rule that decides what is a secret.

Nothing is printed unless the application configures logging for ``tavus_sdk`` or sets ``TAVUS_LOG=debug``
(or ``info``), which attaches a stderr handler once.

The redaction rule (``is_secret_name``, ``redact``, ``redact_url``) is the only one: logs, CLI dry runs and diffs,
and error messages all use it. It looks at object keys, at JSON Patch paths (``/layers/llm/api_key``) and at the
user-info part of URLs (``https://user:password@host``).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from typing import Any

__all__ = [
    "REDACTED",
    "SECRET_KEYS",
    "is_secret_name",
    "is_secret_path",
    "logger",
    "redact",
    "redact_headers",
    "redact_url",
    "setup_logging",
]

logger = logging.getLogger("tavus_sdk")

REDACTED = "<redacted>"

# Names whose values are credentials wherever they appear: headers, bodies, patch paths, settings.
SECRET_KEYS = frozenset(
    {
        "x-api-key",
        "api_key",
        "apikey",
        "api-key",
        "authorization",
        "proxy-authorization",
        "cookie",
        "set-cookie",
        "meeting_token",
        "token",
        "password",
        "secret",
        "client_secret",
        "access_token",
        "refresh_token",
        "private_key",
    }
)
_SECRET_SUFFIXES = ("_api_key", "_apikey", "_secret", "_token", "_password", "-api-key", "-token")

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


def is_secret_name(name: object) -> bool:
    """A key, header or setting name whose value is a credential (``api_key``, ``x-api-key``, ``*_token`` ...)."""
    if not isinstance(name, str):
        return False
    lowered = name.strip().lower()
    return lowered in SECRET_KEYS or lowered.endswith(_SECRET_SUFFIXES)


def is_secret_path(path: object) -> bool:
    """A JSON Pointer or dotted path whose last member is a secret name: ``/layers/llm/api_key``."""
    if not isinstance(path, str) or not path:
        return False
    last = path.replace(".", "/").rstrip("/").rsplit("/", 1)[-1]
    return is_secret_name(last.replace("~1", "/").replace("~0", "~"))


def redact_headers(headers: Mapping[str, str]) -> dict[str, str]:
    return {k: (REDACTED if is_secret_name(k) else v) for k, v in headers.items()}


def redact_url(url: object) -> str:
    """The URL without its password (and user name): ``https://<redacted>@host/v2``."""
    text = str(url)
    scheme, sep, rest = text.partition("://")
    if not sep:
        return text
    authority, slash, tail = rest.partition("/")
    if "@" not in authority:
        return text
    return f"{scheme}://{REDACTED}@{authority.rsplit('@', 1)[1]}{slash}{tail}"


def redact(value: Any) -> Any:
    """A copy of JSON-like data with every credential value replaced.

    Secret keys anywhere, the ``value`` of a JSON Patch operation whose ``path`` (or ``from``) names a secret,
    and passwords in URL strings.
    """
    if isinstance(value, Mapping):
        patch_secret = is_secret_path(value.get("path")) or is_secret_path(value.get("from"))
        out: dict[Any, Any] = {}
        for k, v in value.items():
            if v and (is_secret_name(k) or (patch_secret and k == "value")):
                out[k] = REDACTED
            else:
                out[k] = redact(v)
        return out
    if isinstance(value, list | tuple):
        return [redact(v) for v in value]
    if isinstance(value, str) and "@" in value and "://" in value:
        return redact_url(value)
    return value
