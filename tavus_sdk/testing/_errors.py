"""Errors the emulator answers with.

Official bodies where Tavus documents them (docs.tavus.io/api-reference, e.g. conversations/end-conversation and
phoenix-replica-model/delete-replica): an unknown id is 400 ``{"error": "Invalid persona_id"}`` (``invalid_id``),
a refused key is 401 ``{"message": "Invalid access token"}`` (``unauthorized``). Everything Tavus leaves open keeps
the project's shape ``{"message", "error": <code>, "errors"?}`` (the spec's ``Error`` schema).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

__all__ = [
    "ApiError",
    "FieldError",
    "bad_request",
    "conflict",
    "forbidden",
    "invalid_id",
    "not_found",
    "official_error",
    "official_message",
    "rate_limited",
    "unauthorized",
    "unprocessable",
]

FieldError = tuple[str, str]

_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    422: "validation_error",
    429: "rate_limited",
    500: "internal_error",
    503: "service_unavailable",
}


class ApiError(Exception):
    """Raised by handlers; turned into ``{"message", "error", "errors"?}`` with ``status``."""

    def __init__(
        self,
        status: int,
        message: str,
        *,
        errors: Sequence[FieldError] = (),
        headers: Mapping[str, str] | None = None,
        official: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.errors = list(errors)
        self.headers = dict(headers or {})
        self.official = dict(official) if official is not None else None
        """The body exactly as Tavus documents it for this case, sent instead of the project's shape."""

    def body(self) -> dict[str, Any]:
        if self.official is not None:
            return dict(self.official)
        body: dict[str, Any] = {"message": self.message, "error": _CODES.get(self.status, "error")}
        if self.errors:
            body["errors"] = [{"field": field, "message": message} for field, message in self.errors]
        return body


def bad_request(message: str, *, field: str | None = None) -> ApiError:
    return ApiError(400, message, errors=[(field, message)] if field else ())


def forbidden(message: str) -> ApiError:
    return ApiError(403, message)


def invalid_id(id_field: str) -> ApiError:
    """Tavus's answer to an unknown id in the path: 400 ``{"error": "Invalid persona_id"}``, never 404."""
    message = f"Invalid {id_field}"
    return ApiError(400, message, official={"error": message})


def unauthorized(message: str) -> ApiError:
    """401 ``{"message": ...}`` (docs.tavus.io/api-reference/authentication: "Invalid access token")."""
    return ApiError(401, message, official={"message": message})


def not_found(kind: str, resource_id: str) -> ApiError:
    return ApiError(404, f"{kind} not found: {resource_id}")


def conflict(message: str) -> ApiError:
    return ApiError(409, message)


def unprocessable(errors: Sequence[FieldError], message: str = "Invalid request body") -> ApiError:
    return ApiError(422, message, errors=errors)


def rate_limited(message: str, *, retry_after: float) -> ApiError:
    # Retry-After is whole seconds; round up so a client that honours it is never early.
    seconds = max(1, int(-(-retry_after // 1)))
    return ApiError(429, message, headers={"Retry-After": str(seconds)})


def official_error(status: int, message: str, *, retry_after: float | None = None) -> ApiError:
    """Tavus's documented body for most refusals: ``{"error": message}`` (openapi.yaml 400/409/429 answers)."""
    headers = {"Retry-After": str(max(1, math.ceil(retry_after)))} if retry_after is not None else None
    return ApiError(status, message, headers=headers, official={"error": message})


def official_message(status: int, message: str) -> ApiError:
    """Tavus's documented body where it uses ``message``: ``{"message": ...}`` (e.g. 404 "Document not found")."""
    return ApiError(status, message, official={"message": message})
