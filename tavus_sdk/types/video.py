"""Videos: pre-rendered videos of a replica speaking a script or an audio file (``/videos``)."""

from collections.abc import Mapping
from typing import Any, Literal, Required, TypeAlias

from tavus_sdk._models import BaseModel, Timestamp
from tavus_sdk._pagination import ListParams
from tavus_sdk._types import RequestOptions

__all__ = [
    "BackgroundScrollDepth",
    "BackgroundScrollReturn",
    "BackgroundScrollType",
    "Video",
    "VideoCreateParams",
    "VideoData",
    "VideoListParams",
    "VideoProperties",
    "VideoStatus",
]

VideoStatus: TypeAlias = Literal["queued", "generating", "ready", "error", "deleted"] | str
"""``queued`` (also while the replica trains), ``generating``, then ``ready`` or ``error``;
``deleted`` after deletion."""

BackgroundScrollType: TypeAlias = Literal["human", "smooth"] | str
"""``human`` (natural scrolling with pauses) or ``smooth`` (uniform)."""

BackgroundScrollDepth: TypeAlias = Literal["middle", "bottom"] | str
"""How far down the page the background scrolls."""

BackgroundScrollReturn: TypeAlias = Literal["return", "halt"] | str
"""After the scroll depth: scroll back up (``return``) or stop (``halt``)."""


class VideoData(BaseModel):
    """The input the video was generated from."""

    script: str | None = None
    """The text the replica speaks."""
    audio_url: str | None = None
    """The audio file the replica lip-syncs to."""
    start_with_wave: bool | None = None
    """Whether the video opens with the replica waving."""


class VideoProperties(BaseModel):
    """``properties`` of a video request: background scrolling for a website background."""

    background_scroll: bool | None = None
    """Enables scrolling of the website background."""
    background_scroll_type: BackgroundScrollType | None = None
    """``human`` or ``smooth``."""
    background_scroll_depth: BackgroundScrollDepth | None = None
    """``middle`` or ``bottom``."""
    background_scroll_return: BackgroundScrollReturn | None = None
    """``return`` or ``halt``."""


class Video(BaseModel):
    """A video, as returned by create, get, list, rename and the generation callbacks."""

    video_id: str
    """Unique identifier of the video."""
    video_name: str | None = None
    """Name of the video; generated from the replica id, date and video id when none was given."""
    status: VideoStatus | None = None
    """``queued``, ``generating``, ``ready``, ``error`` or ``deleted``."""
    data: VideoData | None = None
    """The script or audio the video was generated from."""
    replica_id: str | None = None
    """The replica in the video."""
    download_url: str | None = None
    """Download link; null until the video is ready."""
    stream_url: str | None = None
    """Streaming (HLS) link; null until the video is ready."""
    hosted_url: str | None = None
    """Page hosting the video; set from the start."""
    still_image_thumbnail_url: str | None = None
    """A still thumbnail (``get(..., verbose=True)`` only)."""
    gif_thumbnail_url: str | None = None
    """An animated thumbnail (``get(..., verbose=True)`` only)."""
    status_details: str | None = None
    """Empty while generating, then a success message or the error message."""
    generation_progress: str | None = None
    """Progress as ``"n/100"``."""
    error_details: Any = None
    """Error details (only seen as null, in error callbacks)."""
    error_message: str | None = None
    """Why generation failed, when reported."""
    created_at: Timestamp | None = None
    """When the video was requested (RFC 1123 on GET, space-separated UTC in callbacks)."""
    updated_at: Timestamp | None = None
    """When the video last changed."""


class VideoCreateParams(RequestOptions, total=False):
    """Keyword arguments of ``client.videos.create``. Give exactly one of ``script`` and
    ``audio_url``."""

    replica_id: Required[str]
    """The replica that speaks."""
    script: str
    """Text to speak; videos under 5 minutes work best."""
    audio_url: str
    """Public audio file to lip-sync to (.wav or .mp3, 3 s to 10 min, at most 750 MB)."""
    video_name: str
    """Name of the video."""
    callback_url: str
    """URL called when the video is ready or fails."""
    background_url: str
    """Website recorded and used as a scrolling background."""
    background_source_url: str
    """Downloadable video used as the background."""
    fast: bool
    """Faster rendering; required for ``transparent_background``."""
    transparent_background: bool
    """Transparent .webm output; only with ``fast``."""
    watermark_image_url: str
    """A png or jpeg laid over the video as a watermark."""
    properties: VideoProperties | Mapping[str, Any]
    """Background scrolling options."""


class VideoListParams(ListParams, total=False):
    """Keyword arguments of ``client.videos.list``: paging (``page`` starts at 0 here, per Tavus's openapi.yaml;
    older pages say 1: iteration works either way)."""
