"""``/faces``: the current name of replicas (``face_id``, ``face_name``).

A Face is the replica record under the newest names; use ``client.faces`` for new code and ``client.replicas``
where existing code or Pipecat speaks of replicas. Training from a video or, with ``voice_name``, from an image.
"""

from __future__ import annotations

from typing import Unpack

from tavus_sdk._base_client import AsyncAPIResource, SyncAPIResource
from tavus_sdk._operation import Operation, encode_path, parse_model, parse_nothing, split_params
from tavus_sdk._pagination import AsyncPaginator, Listing, SyncPage, listing
from tavus_sdk._types import RequestOptions
from tavus_sdk._waiting import Lifecycle, ProgressCallback, wait_async, wait_sync
from tavus_sdk.types.face import Face, FaceCreateParams, FaceListParams

__all__ = ["AsyncFaces", "Faces"]

FACE_LIFECYCLE: Lifecycle[Face] = Lifecycle(
    noun="face",
    ready=frozenset({"ready", "completed"}),
    failed=frozenset({"error"}),
    status=lambda face: face.status,
    progress=lambda face: face.training_progress,
    failure_detail=lambda face: face.error_message,
)


def _create(params: FaceCreateParams) -> Operation[Face]:
    body, options = split_params(params, FaceCreateParams, "faces.create")
    sources = [name for name in ("train_video_url", "train_image_url") if name in body]
    if len(sources) != 1:
        raise TypeError("faces.create() needs exactly one of train_video_url=... and train_image_url=...")
    if "train_image_url" in body and "voice_name" not in body:
        raise TypeError("faces.create(): voice_name=... is required with train_image_url")
    return Operation("POST", "/faces", parse_model(Face), body=body, options=options)


def _list(params: FaceListParams) -> Listing[Face]:
    # Pages start at 1, as on /replicas (docs.tavus.io/api-reference/phoenix-replica-model/get-replicas).
    return listing("/faces", Face, params, FaceListParams, "faces.list", first_page=1)


def _get(face_id: str, options: RequestOptions) -> Operation[Face]:
    return Operation("GET", encode_path("/faces/{}", face_id), parse_model(Face), retry_safe=True, options=options)


def _delete(face_id: str, options: RequestOptions) -> Operation[None]:
    return Operation("DELETE", encode_path("/faces/{}", face_id), parse_nothing, retry_safe=True, options=options)


def _rename(face_id: str, face_name: str, options: RequestOptions) -> Operation[Face]:
    path = encode_path("/faces/{}/name", face_id)
    body = {"face_name": face_name}
    return Operation("PATCH", path, parse_model(Face), body=body, retry_safe=True, options=options)


class AsyncFaces(AsyncAPIResource):
    async def create(self, **params: Unpack[FaceCreateParams]) -> Face:
        """Start training a face from a video, or from an image and a stock ``voice_name``."""
        return await self._send(_create(params))

    def list(self, **params: Unpack[FaceListParams]) -> AsyncPaginator[Face]:
        """The account's faces and the stock ones: await for the page, or ``async for`` over them."""
        return AsyncPaginator(self._send, _list(params))

    async def get(self, face_id: str, **options: Unpack[RequestOptions]) -> Face:
        """One face, with ``training_progress`` while it trains."""
        return await self._send(_get(face_id, options))

    async def delete(self, face_id: str, **options: Unpack[RequestOptions]) -> None:
        """Delete a face; it can no longer be used in conversations."""
        await self._send(_delete(face_id, options))

    async def rename(self, face_id: str, face_name: str, **options: Unpack[RequestOptions]) -> Face:
        """Change a face's name."""
        return await self._send(_rename(face_id, face_name, options))

    async def wait_ready(
        self,
        face_id: str,
        *,
        timeout: float | None = 8 * 3600,
        poll_interval: float = 5.0,
        max_poll_interval: float = 60.0,
        on_progress: ProgressCallback[Face] | None = None,
    ) -> Face:
        """Poll until training finishes. Raises ``ResourceFailedError`` on ``error``, ``WaitTimeoutError`` late."""
        waiter = FACE_LIFECYCLE.waiter(face_id, timeout, poll_interval, max_poll_interval, on_progress)
        return await wait_async(lambda: self.get(face_id), waiter)


class Faces(SyncAPIResource):
    def create(self, **params: Unpack[FaceCreateParams]) -> Face:
        """Start training a face from a video, or from an image and a stock ``voice_name``."""
        return self._send(_create(params))

    def list(self, **params: Unpack[FaceListParams]) -> SyncPage[Face]:
        """The account's faces and the stock ones."""
        return SyncPage.first(self._send, _list(params))

    def get(self, face_id: str, **options: Unpack[RequestOptions]) -> Face:
        """One face, with ``training_progress`` while it trains."""
        return self._send(_get(face_id, options))

    def delete(self, face_id: str, **options: Unpack[RequestOptions]) -> None:
        """Delete a face; it can no longer be used in conversations."""
        self._send(_delete(face_id, options))

    def rename(self, face_id: str, face_name: str, **options: Unpack[RequestOptions]) -> Face:
        """Change a face's name."""
        return self._send(_rename(face_id, face_name, options))

    def wait_ready(
        self,
        face_id: str,
        *,
        timeout: float | None = 8 * 3600,
        poll_interval: float = 5.0,
        max_poll_interval: float = 60.0,
        on_progress: ProgressCallback[Face] | None = None,
    ) -> Face:
        """Poll until training finishes. Raises ``ResourceFailedError`` on ``error``, ``WaitTimeoutError`` late."""
        waiter = FACE_LIFECYCLE.waiter(face_id, timeout, poll_interval, max_poll_interval, on_progress)
        return wait_sync(lambda: self.get(face_id), waiter)
