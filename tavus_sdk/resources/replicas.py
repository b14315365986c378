"""``/replicas``: the trained digital likenesses that appear in conversations and videos.

Training takes hours; ``wait_ready`` polls until the replica is ready (or raises on ``error``).
"""

from __future__ import annotations

from typing import Unpack

from tavus_sdk._base_client import AsyncAPIResource, SyncAPIResource
from tavus_sdk._operation import (
    Operation,
    encode_path,
    parse_if_resource,
    parse_model,
    parse_nothing,
    read_options,
    split_params,
)
from tavus_sdk._pagination import AsyncPaginator, Listing, SyncPage, listing
from tavus_sdk._types import RequestOptions
from tavus_sdk._waiting import Lifecycle, ProgressCallback, wait_async, wait_sync
from tavus_sdk.types.replica import Replica, ReplicaCreateParams, ReplicaListParams

__all__ = ["AsyncReplicas", "Replicas"]

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
    # docs.tavus.io/api-reference/phoenix-replica-model/create-replica: a video, or an image with a voice; not both.
    video, image = "train_video_url" in body, "train_image_url" in body
    if video == image:
        raise TypeError(
            "replicas.create() needs train_video_url=..., or train_image_url=... with voice_name=... (not both)"
        )
    if image and "voice_name" not in body:
        raise TypeError("replicas.create(): train_image_url needs voice_name=... (a stock voice, see List Voices)")
    return Operation("POST", "/replicas", parse_model(Replica), body=body, options=options)


def _list(params: ReplicaListParams) -> Listing[Replica]:
    # First page 1: docs.tavus.io/api-reference/phoenix-replica-model/get-replicas states no default; 1 as on the
    # other part-1 lists.
    return listing("/replicas", Replica, params, ReplicaListParams, "replicas.list", first_page=1)


def _get(replica_id: str, verbose: bool, options: RequestOptions) -> Operation[Replica]:
    path = encode_path("/replicas/{}", replica_id)
    query = {"verbose": "true"} if verbose else None
    return Operation("GET", path, parse_model(Replica), query=query, retry_safe=True, options=options)


def _delete(replica_id: str, hard: bool, options: RequestOptions) -> Operation[None]:
    path = encode_path("/replicas/{}", replica_id)
    query = {"hard": "true"} if hard else None
    return Operation("DELETE", path, parse_nothing, query=query, retry_safe=True, options=options)


def _rename(replica_id: str, replica_name: str, options: RequestOptions) -> Operation[Replica | None]:
    # 200 "OK" with no documented body (docs.tavus.io/api-reference/phoenix-replica-model/patch-replica-name):
    # the replica when the server sends it, else None and the caller reads it back.
    path = encode_path("/replicas/{}/name", replica_id)
    body = {"replica_name": replica_name}
    parse = parse_if_resource(Replica, "replica_id")
    return Operation("PATCH", path, parse, body=body, retry_safe=True, options=options)


class AsyncReplicas(AsyncAPIResource):
    async def create(self, **params: Unpack[ReplicaCreateParams]) -> Replica:
        """Start training a replica from a video (4-6 hours). ``consent_video_url`` is needed for a person."""
        return await self._send(_create(params))

    def list(self, **params: Unpack[ReplicaListParams]) -> AsyncPaginator[Replica]:
        """The account's replicas and the stock ones: await for the page, or ``async for`` over them."""
        return AsyncPaginator(self._send, _list(params))

    async def get(self, replica_id: str, *, verbose: bool = False, **options: Unpack[RequestOptions]) -> Replica:
        """One replica, with ``training_progress`` while it trains. ``verbose=True`` adds ``replica_type``."""
        return await self._send(_get(replica_id, verbose, options))

    async def delete(self, replica_id: str, *, hard: bool = False, **options: Unpack[RequestOptions]) -> None:
        """Delete a replica; it can no longer be used in conversations. ``hard=True`` deletes for good (irrevocable)."""
        await self._send(_delete(replica_id, hard, options))

    async def rename(self, replica_id: str, replica_name: str, **options: Unpack[RequestOptions]) -> Replica:
        """Change a replica's name; returns the replica (read back with a GET when the reply carries none)."""
        renamed = await self._send(_rename(replica_id, replica_name, options))
        return renamed if renamed is not None else await self.get(replica_id, **read_options(options))

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

    def list(self, **params: Unpack[ReplicaListParams]) -> SyncPage[Replica]:
        """The account's replicas and the stock ones."""
        return SyncPage.first(self._send, _list(params))

    def get(self, replica_id: str, *, verbose: bool = False, **options: Unpack[RequestOptions]) -> Replica:
        """One replica, with ``training_progress`` while it trains. ``verbose=True`` adds ``replica_type``."""
        return self._send(_get(replica_id, verbose, options))

    def delete(self, replica_id: str, *, hard: bool = False, **options: Unpack[RequestOptions]) -> None:
        """Delete a replica; it can no longer be used in conversations. ``hard=True`` deletes for good (irrevocable)."""
        self._send(_delete(replica_id, hard, options))

    def rename(self, replica_id: str, replica_name: str, **options: Unpack[RequestOptions]) -> Replica:
        """Change a replica's name; returns the replica (read back with a GET when the reply carries none)."""
        renamed = self._send(_rename(replica_id, replica_name, options))
        return renamed if renamed is not None else self.get(replica_id, **read_options(options))

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
