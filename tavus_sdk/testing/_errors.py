"""Errors the emulator answers with: one body shape everywhere, as described by the spec's ``Error`` schema."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

__all__ = [
    "ApiError",
    "FieldError",
    "bad_request",
    "conflict",
    "forbidden",
    "not_found",
    "rate_limited",
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
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.errors = list(errors)
        self.headers = dict(headers or {})

    def body(self) -> dict[str, Any]:
        body: dict[str, Any] = {"message": self.message, "error": _CODES.get(self.status, "error")}
        if self.errors:
            body["errors"] = [{"field": field, "message": message} for field, message in self.errors]
        return body


def bad_request(message: str, *, field: str | None = None) -> ApiError:
    return ApiError(400, message, errors=[(field, message)] if field else ())


def forbidden(message: str) -> ApiError:
    return ApiError(403, message)


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
