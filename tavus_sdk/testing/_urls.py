"""URL checks the spec's ``format: uri`` implies but its validator does not enforce."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from tavus_sdk.testing._errors import FieldError, unprocessable

__all__ = ["check_urls"]


def check_urls(body: dict[str, Any], fields: tuple[str, ...]) -> None:
    """Links Tavus must download (and callbacks it must call) have to be absolute http(s) URLs.

    The spec says ``format: uri``, which the validator does not enforce, and the docs ask for publicly
    downloadable links (docs.tavus.io/api-reference/phoenix-replica-model/create-replica). An empty ``callback_url``
    means no callback (docs.tavus.io/sections/replica/quickstart), so it passes.
    """
    errors: list[FieldError] = []
    for field in (*fields, "callback_url"):
        value = body.get(field)
        if value is None or (field == "callback_url" and value == ""):
            continue
        parts = urlsplit(str(value))
        if parts.scheme not in ("http", "https") or not parts.netloc:
            errors.append((field, f"must be an absolute http(s) URL, got {value!r}"))
    if errors:
        raise unprocessable(errors)
