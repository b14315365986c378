"""``/replicas``: the trained digital likenesses that appear in conversations and videos.

Training takes hours; ``wait_ready`` polls until the replica is ready (or raises on ``error``).
"""

from __future__ import annotations

from typing_extensions import Unpack

from tavus_sdk._base_client import AsyncAPIResource, SyncAPIResource
from tavus_sdk._operation import Operation, encode_path, parse_model, parse_nothing, split_params
from tavus_sdk._pagination import AsyncPage, AsyncPaginator, ListResponse, SyncPage
from tavus_sdk._types import RequestOptions
from tavus_sdk._waiting import Lifecycle, ProgressCallback, wait_async, wait_sync
from tavus_sdk.types.replica import Replica, ReplicaCreateParams

__all__ = ["AsyncReplicas", "Replicas"]

_List = ListResponse[Replica]

REPLICA_LIFECYCLE: Lifecycle[Replica] = Lifecycle(
    noun="replica",
    # "completed" is what some API versions call ready.
    ready=frozenset({"ready", "completed"}),
    failed=frozenset({"error"}),
    status=lambda replica: replica.status,
    progress=lambda replica: replica.training_progress,
    failure_detail=lambda replica: replica.error_message,
)


def _create(params: ReplicaCreateParams) -> Operation[Replica]:
    body, options = split_params(params, ReplicaCreateParams, "replicas.create")
    return Operation("POST", "/replicas", parse_model(Replica), body=body, options=options)


def _list(options: RequestOptions) -> Operation[_List]:
    return Operation("GET", "/replicas", parse_model(_List), retry_safe=True, options=options)


def _get(replica_id: str, options: RequestOptions) -> Operation[Replica]:
    path = encode_path("/replicas/{}", replica_id)
    return Operation("GET", path, parse_model(Replica), retry_safe=True, options=options)


def _delete(replica_id: str, options: RequestOptions) -> Operation[None]:
    path = encode_path("/replicas/{}", replica_id)
    return Operation("DELETE", path, parse_nothing, retry_safe=True, options=options)


def _rename(replica_id: str, replica_name: str, options: RequestOptions) -> Operation[Replica]:
    path = encode_path("/replicas/{}/name", replica_id)
    body = {"replica_name": replica_name}
    return Operation("PATCH", path, parse_model(Replica), body=body, retry_safe=True, options=options)


class AsyncReplicas(AsyncAPIResource):
    async def create(self, **params: Unpack[ReplicaCreateParams]) -> Replica:
        """Start training a replica from a video (4-6 hours). ``consent_video_url`` is needed for a person."""
        return await self._send(_create(params))

    def list(self, **options: Unpack[RequestOptions]) -> AsyncPaginator[Replica]:
        """The account's replicas and the stock ones: await for the page, or ``async for`` over them."""

        async def first() -> AsyncPage[Replica]:
            return AsyncPage(await self._send(_list(options)))

        return AsyncPaginator(first)

    async def get(self, replica_id: str, **options: Unpack[RequestOptions]) -> Replica:
        """One replica, with ``training_progress`` while it trains."""
        return await self._send(_get(replica_id, options))

    async def delete(self, replica_id: str, **options: Unpack[RequestOptions]) -> None:
        """Delete a replica; it can no longer be used in conversations."""
        await self._send(_delete(replica_id, options))

    async def rename(self, replica_id: str, replica_name: str, **options: Unpack[RequestOptions]) -> Replica:
        """Change a replica's name."""
        return await self._send(_rename(replica_id, replica_name, options))

    async def wait_ready(
        self,
        replica_id: str,
        *,
        timeout: float | None = 8 * 3600,
        poll_interval: float = 5.0,
        max_poll_interval: float = 60.0,
        on_progress: ProgressCallback[Replica] | None = None,
    ) -> Replica:
        """Poll until training finishes. Raises ``ResourceFailedError`` on ``error``, ``WaitTimeoutError`` late."""
        waiter = REPLICA_LIFECYCLE.waiter(replica_id, timeout, poll_interval, max_poll_interval, on_progress)
        return await wait_async(lambda: self.get(replica_id), waiter)


class Replicas(SyncAPIResource):
    def create(self, **params: Unpack[ReplicaCreateParams]) -> Replica:
        """Start training a replica from a video (4-6 hours). ``consent_video_url`` is needed for a person."""
        return self._send(_create(params))

    def list(self, **options: Unpack[RequestOptions]) -> SyncPage[Replica]:
        """The account's replicas and the stock ones."""
        return SyncPage(self._send(_list(options)))

    def get(self, replica_id: str, **options: Unpack[RequestOptions]) -> Replica:
        """One replica, with ``training_progress`` while it trains."""
        return self._send(_get(replica_id, options))

    def delete(self, replica_id: str, **options: Unpack[RequestOptions]) -> None:
        """Delete a replica; it can no longer be used in conversations."""
        self._send(_delete(replica_id, options))

    def rename(self, replica_id: str, replica_name: str, **options: Unpack[RequestOptions]) -> Replica:
        """Change a replica's name."""
        return self._send(_rename(replica_id, replica_name, options))

    def wait_ready(
        self,
        replica_id: str,
        *,
        timeout: float | None = 8 * 3600,
        poll_interval: float = 5.0,
        max_poll_interval: float = 60.0,
        on_progress: ProgressCallback[Replica] | None = None,
    ) -> Replica:
        """Poll until training finishes. Raises ``ResourceFailedError`` on ``error``, ``WaitTimeoutError`` late."""
        waiter = REPLICA_LIFECYCLE.waiter(replica_id, timeout, poll_interval, max_poll_interval, on_progress)
        return wait_sync(lambda: self.get(replica_id), waiter)
