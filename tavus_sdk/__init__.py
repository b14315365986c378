"""Typed client for the Tavus v2 API (conversations, personas, replicas, videos, documents, objectives,
guardrails, voices, pronunciation dictionaries, transcriptions), async first with a blocking twin.

    from tavus_sdk import AsyncTavus

    async with AsyncTavus() as tavus:
        conversation = await tavus.conversations.create(replica_id="r79e1c033f", persona_id="p9a95912")
        print(conversation.conversation_url)

Names are imported on first use, so ``import tavus_sdk`` costs almost nothing until a client is made.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tavus_sdk._lazy import lazy_exports
from tavus_sdk._version import __version__

if TYPE_CHECKING:
    from tavus_sdk._aiohttp import AioHttpTransport, DefaultAioHttpClient, MissingExtraError, aiohttp_available
    from tavus_sdk._base_client import DEFAULT_BASE_URL, DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT
    from tavus_sdk._client import AsyncTavus, Tavus
    from tavus_sdk._exceptions import (
        APIConnectionError,
        APIError,
        APIKeyError,
        APIResponseValidationError,
        APIStatusError,
        APITimeoutError,
        AuthenticationError,
        BadRequestError,
        ConcurrencyLimitError,
        ConfigurationError,
        ConflictError,
        InternalServerError,
        InvalidIdError,
        InvalidRequestError,
        MalformedAPIKeyError,
        MalformedIdError,
        MissingAPIKeyError,
        NotFoundError,
        PermissionDeniedError,
        RateLimitError,
        RedirectError,
        ResourceFailedError,
        TavusError,
        UnprocessableEntityError,
        WaitError,
        WaitTimeoutError,
    )
    from tavus_sdk._pagination import AsyncPage, AsyncPaginator, ListParams, ListResponse, SyncPage
    from tavus_sdk._response import RawResponse
    from tavus_sdk._retry import RetryPolicy
    from tavus_sdk._types import RequestOptions
    from tavus_sdk._waiting import WaitProgress
    from tavus_sdk.patch import Patch, PatchError, PatchPathError
    from tavus_sdk.webhooks import WebhookEvent, WebhookParseError, parse_webhook

_EXPORTS: dict[str, str] = {
    "AioHttpTransport": "tavus_sdk._aiohttp",
    "DefaultAioHttpClient": "tavus_sdk._aiohttp",
    "MissingExtraError": "tavus_sdk._aiohttp",
    "aiohttp_available": "tavus_sdk._aiohttp",
    "DEFAULT_BASE_URL": "tavus_sdk._base_client",
    "DEFAULT_MAX_RETRIES": "tavus_sdk._base_client",
    "DEFAULT_TIMEOUT": "tavus_sdk._base_client",
    "AsyncTavus": "tavus_sdk._client",
    "Tavus": "tavus_sdk._client",
    "AsyncPage": "tavus_sdk._pagination",
    "AsyncPaginator": "tavus_sdk._pagination",
    "ListParams": "tavus_sdk._pagination",
    "ListResponse": "tavus_sdk._pagination",
    "SyncPage": "tavus_sdk._pagination",
    "RawResponse": "tavus_sdk._response",
    "RetryPolicy": "tavus_sdk._retry",
    "RequestOptions": "tavus_sdk._types",
    "WaitProgress": "tavus_sdk._waiting",
    "Patch": "tavus_sdk.patch",
    "PatchError": "tavus_sdk.patch",
    "PatchPathError": "tavus_sdk.patch",
    "WebhookEvent": "tavus_sdk.webhooks",
    "WebhookParseError": "tavus_sdk.webhooks",
    "parse_webhook": "tavus_sdk.webhooks",
}
for _name in (
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
):
    _EXPORTS[_name] = "tavus_sdk._exceptions"

__all__ = [
    "DEFAULT_BASE_URL",
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_TIMEOUT",
    "APIConnectionError",
    "APIError",
    "APIKeyError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AioHttpTransport",
    "AsyncPage",
    "AsyncPaginator",
    "AsyncTavus",
    "AuthenticationError",
    "BadRequestError",
    "ConcurrencyLimitError",
    "ConfigurationError",
    "ConflictError",
    "DefaultAioHttpClient",
    "InternalServerError",
    "InvalidIdError",
    "InvalidRequestError",
    "ListParams",
    "ListResponse",
    "MalformedAPIKeyError",
    "MalformedIdError",
    "MissingAPIKeyError",
    "MissingExtraError",
    "NotFoundError",
    "Patch",
    "PatchError",
    "PatchPathError",
    "PermissionDeniedError",
    "RateLimitError",
    "RawResponse",
    "RedirectError",
    "RequestOptions",
    "ResourceFailedError",
    "RetryPolicy",
    "SyncPage",
    "Tavus",
    "TavusError",
    "UnprocessableEntityError",
    "WaitError",
    "WaitProgress",
    "WaitTimeoutError",
    "WebhookEvent",
    "WebhookParseError",
    "__version__",
    "aiohttp_available",
    "parse_webhook",
]


__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, __all__)
