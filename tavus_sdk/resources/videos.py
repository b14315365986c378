"""``/videos``: pre-rendered videos of a replica speaking a script or an audio file.

Generation runs in the background; ``wait_ready`` polls until the video is ready (or raises on ``error``).
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
from tavus_sdk.types.video import Video, VideoCreateParams, VideoListParams

__all__ = ["AsyncVideos", "Videos"]

VIDEO_LIFECYCLE: Lifecycle[Video] = Lifecycle(
    noun="video",
    ready=frozenset({"ready"}),
    failed=frozenset({"error", "deleted"}),
    status=lambda video: video.status,
    progress=lambda video: video.generation_progress,
    failure_detail=lambda video: video.status_details or video.error_message,
)


def _create(params: VideoCreateParams) -> Operation[Video]:
    has_script, has_audio = bool(params.get("script")), bool(params.get("audio_url"))
    if has_script == has_audio:
        raise ValueError("videos.create() needs exactly one of script=... or audio_url=...")
    if params.get("transparent_background") and not params.get("fast"):
        raise ValueError("videos.create(): transparent_background=True is only available with fast=True")
    body, options = split_params(params, VideoCreateParams, "videos.create")
    return Operation("POST", "/videos", parse_model(Video), body=body, options=options)


def _list(params: VideoListParams) -> Listing[Video]:
    # First page 0: Tavus's openapi.yaml says "0-indexed. Default is 0"; the older
    # docs.tavus.io/api-reference/video-request/get-videos says 1. The pager copes with both.
    return listing("/videos", Video, params, VideoListParams, "videos.list", first_page=0)


def _get(video_id: str, verbose: bool, options: RequestOptions) -> Operation[Video]:
    path = encode_path("/videos/{}", video_id)
    query = {"verbose": "true"} if verbose else None
    return Operation("GET", path, parse_model(Video), query=query, retry_safe=True, options=options)


def _delete(video_id: str, hard: bool, options: RequestOptions) -> Operation[None]:
    path = encode_path("/videos/{}", video_id)
    query = {"hard": "true"} if hard else None
    return Operation("DELETE", path, parse_nothing, query=query, retry_safe=True, options=options)


def _rename(video_id: str, video_name: str, options: RequestOptions) -> Operation[Video | None]:
    # 200 "OK" with no documented body (docs.tavus.io/api-reference/phoenix-replica-model/patch-replica-name):
    # the video when the server sends it, else None and the caller reads it back.
    path = encode_path("/videos/{}/name", video_id)
    body = {"video_name": video_name}
    parse = parse_if_resource(Video, "video_id")
    return Operation("PATCH", path, parse, body=body, retry_safe=True, options=options)


class AsyncVideos(AsyncAPIResource):
    async def create(self, **params: Unpack[VideoCreateParams]) -> Video:
        """Generate a video of a replica speaking ``script`` or lip-syncing ``audio_url``."""
        return await self._send(_create(params))

    def list(self, **params: Unpack[VideoListParams]) -> AsyncPaginator[Video]:
        """The account's videos: await for the page, or ``async for`` over them."""
        return AsyncPaginator(self._send, _list(params))

    async def get(self, video_id: str, *, verbose: bool = False, **options: Unpack[RequestOptions]) -> Video:
        """One video; ``download_url`` and ``stream_url`` are set once it is ready. ``verbose=True`` adds the
        thumbnails."""
        return await self._send(_get(video_id, verbose, options))

    async def delete(self, video_id: str, *, hard: bool = False, **options: Unpack[RequestOptions]) -> None:
        """Delete a video. ``hard=True`` deletes for good (irrevocable)."""
        await self._send(_delete(video_id, hard, options))

    async def rename(self, video_id: str, video_name: str, **options: Unpack[RequestOptions]) -> Video:
        """Change a video's name; returns the video (read back with a GET when the reply carries none)."""
        renamed = await self._send(_rename(video_id, video_name, options))
        return renamed if renamed is not None else await self.get(video_id, **read_options(options))

    async def wait_ready(
        self,
        video_id: str,
        *,
        timeout: float | None = 3600,
        poll_interval: float = 2.0,
        max_poll_interval: float = 20.0,
        on_progress: ProgressCallback[Video] | None = None,
    ) -> Video:
        """Poll until the video is ready. Raises ``ResourceFailedError`` on ``error``, ``WaitTimeoutError`` late."""
        waiter = VIDEO_LIFECYCLE.waiter(video_id, timeout, poll_interval, max_poll_interval, on_progress)
        return await wait_async(lambda: self.get(video_id), waiter)


class Videos(SyncAPIResource):
    def create(self, **params: Unpack[VideoCreateParams]) -> Video:
        """Generate a video of a replica speaking ``script`` or lip-syncing ``audio_url``."""
        return self._send(_create(params))

    def list(self, **params: Unpack[VideoListParams]) -> SyncPage[Video]:
        """The account's videos."""
        return SyncPage.first(self._send, _list(params))

    def get(self, video_id: str, *, verbose: bool = False, **options: Unpack[RequestOptions]) -> Video:
        """One video; ``download_url`` and ``stream_url`` are set once it is ready. ``verbose=True`` adds the
        thumbnails."""
        return self._send(_get(video_id, verbose, options))

    def delete(self, video_id: str, *, hard: bool = False, **options: Unpack[RequestOptions]) -> None:
        """Delete a video. ``hard=True`` deletes for good (irrevocable)."""
        self._send(_delete(video_id, hard, options))

    def rename(self, video_id: str, video_name: str, **options: Unpack[RequestOptions]) -> Video:
        """Change a video's name; returns the video (read back with a GET when the reply carries none)."""
        renamed = self._send(_rename(video_id, video_name, options))
        return renamed if renamed is not None else self.get(video_id, **read_options(options))

    def wait_ready(
        self,
        video_id: str,
        *,
        timeout: float | None = 3600,
        poll_interval: float = 2.0,
        max_poll_interval: float = 20.0,
        on_progress: ProgressCallback[Video] | None = None,
    ) -> Video:
        """Poll until the video is ready. Raises ``ResourceFailedError`` on ``error``, ``WaitTimeoutError`` late."""
        waiter = VIDEO_LIFECYCLE.waiter(video_id, timeout, poll_interval, max_poll_interval, on_progress)
        return wait_sync(lambda: self.get(video_id), waiter)
