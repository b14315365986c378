"""Every error the SDK raises.

TavusError
├── ConfigurationError              the client cannot be built (no API key, bad base URL)
│   └── APIKeyError                 the API key is missing or cannot be sent
│       ├── MissingAPIKeyError      no api_key and no TAVUS_API_KEY
│       └── MalformedAPIKeyError    a key holding a space, control or non-ASCII character
├── InvalidRequestError             the call cannot be sent as given (also a ValueError)
│   └── MalformedIdError            an id that is empty, ".", ".." or holds "/"
├── APIError                        something went wrong talking to Tavus
│   ├── APIConnectionError          no response: DNS, refused, reset, TLS ...
│   │   └── APITimeoutError         no response in time
│   ├── APIResponseValidationError  a 2xx response whose body is not what the API promises
│   └── APIStatusError              a non-2xx response
│       ├── RedirectError                3xx: never followed, never success
│       ├── BadRequestError              400
│       │   ├── ConcurrencyLimitError    400 "maximum concurrent conversations"
│       │   └── InvalidIdError           400 "Invalid persona_id" (also a NotFoundError)
│       ├── AuthenticationError          401
│       ├── PermissionDeniedError        403
│       ├── NotFoundError                404, and 400 "Invalid <x>_id" (InvalidIdError)
│       ├── ConflictError                409
│       ├── UnprocessableEntityError     422
│       ├── RateLimitError               429
│       └── InternalServerError          >= 500
└── WaitError                       a waiter gave up
    ├── WaitTimeoutError            the resource did not become ready in time
    └── ResourceFailedError         the resource reached its error status
"""

from __future__ import annotations

import json
import re
from typing import Any

import httpx

__all__ = [
    "APIConnectionError",
    "APIError",
    "APIKeyError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ConcurrencyLimitError",
    "ConfigurationError",
    "ConflictError",
    "InternalServerError",
    "InvalidIdError",
    "InvalidRequestError",
    "MalformedAPIKeyError",
    "MalformedIdError",
    "MissingAPIKeyError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "RedirectError",
    "ResourceFailedError",
    "TavusError",
    "UnprocessableEntityError",
    "WaitError",
    "WaitTimeoutError",
]

_REQUEST_ID_HEADERS = ("x-request-id", "request-id", "x-amzn-requestid", "x-trace-id")
_CONCURRENCY_MESSAGE = re.compile(r"concurrent\s+conversation", re.IGNORECASE)
# Tavus answers an unknown id with 400 {"error": "Invalid persona_id"} (docs.tavus.io/api-reference/
# conversations/end-conversation, .../phoenix-replica-model/delete-replica), never 404.
_INVALID_ID_MESSAGE = re.compile(r"^\s*invalid\s+[a-z_]*_id\b", re.IGNORECASE)


class TavusError(Exception):
    """Base class of every error raised by tavus_sdk."""


class ConfigurationError(TavusError):
    """The client was configured with missing or invalid options."""


class APIKeyError(ConfigurationError):
    """The API key is missing or cannot be sent as given (catch this to ask for a key; the message never holds
    the key itself)."""


class MissingAPIKeyError(APIKeyError):
    """No ``api_key=`` was given and ``TAVUS_API_KEY`` is not set (or blank)."""


class MalformedAPIKeyError(APIKeyError):
    """The key holds a space, a control or a non-ASCII character (a pasted line break, a quoted ``.env`` value)."""


class InvalidRequestError(TavusError, ValueError):
    """The call's arguments cannot be sent (nothing was sent); also a ``ValueError``."""


class MalformedIdError(InvalidRequestError):
    """An id that would change which URL is called: empty, ``.``, ``..`` or containing ``/``."""


class APIError(TavusError):
    """A request to the Tavus API failed."""

    message: str
    request: httpx.Request
    body: object | None
    """The decoded JSON body of the response, its text if it is not JSON, or None."""

    def __init__(self, message: str, request: httpx.Request, *, body: object | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.request = request
        self.body = body


class APIConnectionError(APIError):
    """No HTTP response was received."""

    may_have_reached_server: bool
    """False when the request surely never left (connect failure); True when it may have been processed.

    A billed create whose outcome is unknown should be checked (e.g. by listing) before being sent again.
    """

    def __init__(
        self,
        request: httpx.Request,
        *,
        message: str = "Connection error.",
        may_have_reached_server: bool = True,
    ) -> None:
        super().__init__(message, request)
        self.may_have_reached_server = may_have_reached_server


class APITimeoutError(APIConnectionError):
    """The request did not complete within its timeout."""

    def __init__(
        self, request: httpx.Request, *, message: str = "Request timed out.", may_have_reached_server: bool = True
    ) -> None:
        super().__init__(request, message=message, may_have_reached_server=may_have_reached_server)


class APIResponseValidationError(APIError):
    """The API answered 2xx with a body that does not match the documented shape."""

    response: httpx.Response
    status_code: int

    def __init__(self, response: httpx.Response, body: object | None, *, message: str) -> None:
        super().__init__(message, response.request, body=body)
        self.response = response
        self.status_code = response.status_code


class APIStatusError(APIError):
    """The API answered with a 4xx or 5xx status."""

    response: httpx.Response
    status_code: int
    request_id: str | None

    def __init__(self, message: str, *, response: httpx.Response, body: object | None) -> None:
        super().__init__(message, response.request, body=body)
        self.response = response
        self.status_code = response.status_code
        self.request_id = _request_id(response.headers)


class RedirectError(APIStatusError):
    """3xx: the SDK never follows a redirect (the API key must not travel to another URL) and never takes one
    for success; ``location`` says where the server pointed."""

    @property
    def location(self) -> str | None:
        value: str | None = self.response.headers.get("location")
        return value


class BadRequestError(APIStatusError):
    """400: the request was malformed or not allowed in the current state."""


class ConcurrencyLimitError(BadRequestError):
    """400: the account has reached its maximum number of concurrent conversations.

    End idle conversations (``tavus conversations end --all-active``) or wait for one to finish.
    """


class AuthenticationError(APIStatusError):
    """401: the API key is missing, invalid or revoked."""


class PermissionDeniedError(APIStatusError):
    """403: the key may not do this (plan limits, allowed-IP list)."""


class NotFoundError(APIStatusError):
    """404: no such resource for this API key."""


class InvalidIdError(NotFoundError, BadRequestError):
    """400 "Invalid persona_id" (or conversation_id, replica_id, ...): how Tavus answers an unknown id.

    It is both a ``NotFoundError`` (what it means) and a ``BadRequestError`` (its status), so
    ``except NotFoundError`` and ``except BadRequestError`` both catch it.
    """


class ConflictError(APIStatusError):
    """409: the resource is in a state that does not allow this request."""


class UnprocessableEntityError(APIStatusError):
    """422: the body was understood but failed validation."""


class RateLimitError(APIStatusError):
    """429: too many requests; ``retry_after`` says how long the server asked to wait, if it did."""

    @property
    def retry_after(self) -> float | None:
        from tavus_sdk._retry import parse_retry_after

        return parse_retry_after(self.response.headers)


class InternalServerError(APIStatusError):
    """5xx: Tavus failed; usually worth retrying later."""


class WaitError(TavusError):
    """A waiter stopped before the resource became ready."""

    resource_id: str
    last_status: str | None
    resource: object | None
    """The last state of the resource that was read, if any."""

    def __init__(self, message: str, *, resource_id: str, last_status: str | None, resource: object | None) -> None:
        super().__init__(message)
        self.resource_id = resource_id
        self.last_status = last_status
        self.resource = resource


class WaitTimeoutError(WaitError):
    """The resource was still not ready when the waiter's timeout ran out."""


class ResourceFailedError(WaitError):
    """The resource reached its error status (training failed, generation failed, processing failed)."""


_STATUS_ERRORS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def _request_id(headers: httpx.Headers) -> str | None:
    for name in _REQUEST_ID_HEADERS:
        value: str | None = headers.get(name)
        if value:
            return value
    return None


def decode_body(response: httpx.Response) -> object | None:
    """The response body as JSON if it is JSON, else as text, or None when empty."""
    if not response.content:
        return None
    try:
        body: object = json.loads(response.content)
    except ValueError:
        return response.text
    return body


def _server_message(body: object | None) -> str | None:
    if isinstance(body, dict):
        for key in ("message", "error", "detail"):
            value: object = body.get(key)
            if isinstance(value, str) and value:
                return value
            if isinstance(value, dict):
                nested = _server_message(value)
                if nested:
                    return nested
        return None
    if isinstance(body, str) and body.strip():
        text = body.strip()
        return text if len(text) <= 300 else text[:297] + "..."
    return None


def _field_errors(body: object | None) -> list[str]:
    if not isinstance(body, dict):
        return []
    errors: Any = body.get("errors")
    if not isinstance(errors, list):
        return []
    out = []
    for item in errors:
        if isinstance(item, dict) and item.get("field") and item.get("message"):
            out.append(f"{item['field']}: {item['message']}")
    return out


def make_status_error(response: httpx.Response) -> APIStatusError:
    """Build the exception that matches a non-2xx response."""
    body = decode_body(response)
    status = response.status_code
    request = response.request
    detail = _detail(response, body)
    # A field error that repeats the message adds nothing but length.
    fields = [f for f in _field_errors(body) if f.split(": ", 1)[-1] not in detail]
    if fields:
        detail = f"{detail} ({'; '.join(fields)})"
    message = one_line(f"{status} {response.reason_phrase} on {request.method} {request.url.path}: {detail}")
    cls: type[APIStatusError]
    if status == 400 and _CONCURRENCY_MESSAGE.search(detail):
        cls = ConcurrencyLimitError
    elif status == 400 and _INVALID_ID_MESSAGE.search(detail):
        cls = InvalidIdError
    elif status >= 500:
        cls = InternalServerError
    else:
        cls = _STATUS_ERRORS.get(status, APIStatusError)
    return cls(message, response=response, body=body)


def one_line(text: str, limit: int = 500) -> str:
    """``text`` with every run of whitespace and control characters made one space, cut at ``limit``."""
    flat = " ".join("".join(c if c.isprintable() else " " for c in text).split())
    return flat if len(flat) <= limit else flat[: limit - 3] + "..."


def content_type(response: httpx.Response) -> str:
    value: str = response.headers.get("content-type", "")
    return value.split(";", 1)[0].strip() or "no content type"


def _detail(response: httpx.Response, body: object | None) -> str:
    if isinstance(body, str) and content_type(response) != "text/plain" and not _is_json(response):
        # An HTML error page from a proxy or a wrong host: its text is noise, its type says what happened.
        return f"returned {content_type(response)}, not JSON (is TAVUS_BASE_URL right?)"
    return _server_message(body) or response.reason_phrase or "no message"


def _is_json(response: httpx.Response) -> bool:
    return "json" in content_type(response)


def redirect_error(response: httpx.Response) -> RedirectError:
    """A 3xx answer: an error naming where it pointed, never a success and never followed."""
    request = response.request
    location = response.headers.get("location") or "no Location header"
    message = one_line(
        f"{response.status_code} {response.reason_phrase} on {request.method} {request.url.path}: "
        f"redirected to {location}; not followed (check TAVUS_BASE_URL)"
    )
    return RedirectError(message, response=response, body=decode_body(response))
