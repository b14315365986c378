"""``/deployments``: a PAL shipped as a widget, an embed or a landing page, updated with JSON Patch.

``init``, ``start`` and ``end`` are the calls a visitor's browser makes; Tavus needs no API key for them, and the
SDK sends its key anyway (it always has one).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Unpack

from tavus_sdk._base_client import AsyncAPIResource, SyncAPIResource
from tavus_sdk._operation import Operation, encode_path, parse_model, parse_nothing, split_params, to_json_value
from tavus_sdk._pagination import AsyncPaginator, Listing, SyncPage, listing
from tavus_sdk._patching import PatchInput, patch_operation
from tavus_sdk._types import RequestOptions
from tavus_sdk.types.conversation import Conversation
from tavus_sdk.types.deployment import (
    Deployment,
    DeploymentCreateParams,
    DeploymentEnded,
    DeploymentInit,
    DeploymentListParams,
)

__all__ = ["AsyncDeployments", "Deployments"]


def check_deployment_paths(operations: object) -> None:
    from tavus_sdk.patch import check_paths

    read_only = ("deployment_id", "created_at", "updated_at", "usage_total", "usage_today", "has_password")
    check_paths(operations, Deployment, read_only=read_only)


def _create(params: DeploymentCreateParams) -> Operation[Deployment]:
    body, options = split_params(params, DeploymentCreateParams, "deployments.create")
    return Operation("POST", "/deployments", parse_model(Deployment), body=body, options=options)


def _list(params: DeploymentListParams) -> Listing[Deployment]:
    # No paging on docs.tavus.io/api-reference/deployments/list-deployments; Tavus's own client pages lists from 1.
    return listing("/deployments", Deployment, params, DeploymentListParams, "deployments.list", first_page=1)


def _get(deployment_id: str, options: RequestOptions) -> Operation[Deployment]:
    path = encode_path("/deployments/{}", deployment_id)
    return Operation("GET", path, parse_model(Deployment), retry_safe=True, options=options)


def _patch(
    deployment_id: str, operations: PatchInput, check_paths: bool, options: RequestOptions
) -> Operation[Deployment]:
    path = encode_path("/deployments/{}", deployment_id)
    return patch_operation(path, operations, Deployment, check_deployment_paths if check_paths else None, options)


def _delete(deployment_id: str, options: RequestOptions) -> Operation[None]:
    path = encode_path("/deployments/{}", deployment_id)
    return Operation("DELETE", path, parse_nothing, retry_safe=True, options=options)


def _init(deployment_id: str, options: RequestOptions) -> Operation[DeploymentInit]:
    path = encode_path("/deployments/{}/init", deployment_id)
    return Operation("GET", path, parse_model(DeploymentInit), retry_safe=True, options=options)


def _start(deployment_id: str, body: Mapping[str, Any] | None, options: RequestOptions) -> Operation[Conversation]:
    path = encode_path("/deployments/{}/start", deployment_id)
    # Starts a billed conversation: never re-sent blindly, like conversations.create.
    return Operation("POST", path, parse_model(Conversation), body=to_json_value(dict(body or {})), options=options)


def _end(deployment_id: str, conversation_id: str, options: RequestOptions) -> Operation[DeploymentEnded]:
    path = encode_path("/deployments/{}/conversations/{}/end", deployment_id, conversation_id)
    return Operation("POST", path, parse_model(DeploymentEnded), retry_safe=True, options=options)


class AsyncDeployments(AsyncAPIResource):
    async def create(self, **params: Unpack[DeploymentCreateParams]) -> Deployment:
        """Create a deployment of a PAL on a channel (``widget``, ``embed`` or ``landing-page``)."""
        return await self._send(_create(params))

    def list(self, **params: Unpack[DeploymentListParams]) -> AsyncPaginator[Deployment]:
        """The account's deployments: await for the page, or ``async for`` over them."""
        return AsyncPaginator(self._send, _list(params))

    async def get(self, deployment_id: str, **options: Unpack[RequestOptions]) -> Deployment:
        """One deployment."""
        return await self._send(_get(deployment_id, options))

    async def patch(
        self, deployment_id: str, operations: PatchInput, *, check_paths: bool = True, **options: Unpack[RequestOptions]
    ) -> Deployment:
        """Apply JSON Patch operations and return the updated deployment."""
        return await self._send(_patch(deployment_id, operations, check_paths, options))

    async def delete(self, deployment_id: str, **options: Unpack[RequestOptions]) -> None:
        """Delete a deployment."""
        await self._send(_delete(deployment_id, options))

    async def init(self, deployment_id: str, **options: Unpack[RequestOptions]) -> DeploymentInit:
        """What a widget reads when it mounts: customization, limits, availability."""
        return await self._send(_init(deployment_id, options))

    async def start(
        self, deployment_id: str, body: Mapping[str, Any] | None = None, **options: Unpack[RequestOptions]
    ) -> Conversation:
        """Start a conversation through the deployment, as a visitor's browser does."""
        return await self._send(_start(deployment_id, body, options))

    async def end(self, deployment_id: str, conversation_id: str, **options: Unpack[RequestOptions]) -> DeploymentEnded:
        """End a conversation started through the deployment."""
        return await self._send(_end(deployment_id, conversation_id, options))


class Deployments(SyncAPIResource):
    def create(self, **params: Unpack[DeploymentCreateParams]) -> Deployment:
        """Create a deployment of a PAL on a channel (``widget``, ``embed`` or ``landing-page``)."""
        return self._send(_create(params))

    def list(self, **params: Unpack[DeploymentListParams]) -> SyncPage[Deployment]:
        """The account's deployments."""
        return SyncPage.first(self._send, _list(params))

    def get(self, deployment_id: str, **options: Unpack[RequestOptions]) -> Deployment:
        """One deployment."""
        return self._send(_get(deployment_id, options))

    def patch(
        self, deployment_id: str, operations: PatchInput, *, check_paths: bool = True, **options: Unpack[RequestOptions]
    ) -> Deployment:
        """Apply JSON Patch operations and return the updated deployment."""
        return self._send(_patch(deployment_id, operations, check_paths, options))

    def delete(self, deployment_id: str, **options: Unpack[RequestOptions]) -> None:
        """Delete a deployment."""
        self._send(_delete(deployment_id, options))

    def init(self, deployment_id: str, **options: Unpack[RequestOptions]) -> DeploymentInit:
        """What a widget reads when it mounts: customization, limits, availability."""
        return self._send(_init(deployment_id, options))

    def start(
        self, deployment_id: str, body: Mapping[str, Any] | None = None, **options: Unpack[RequestOptions]
    ) -> Conversation:
        """Start a conversation through the deployment, as a visitor's browser does."""
        return self._send(_start(deployment_id, body, options))

    def end(self, deployment_id: str, conversation_id: str, **options: Unpack[RequestOptions]) -> DeploymentEnded:
        """End a conversation started through the deployment."""
        return self._send(_end(deployment_id, conversation_id, options))
