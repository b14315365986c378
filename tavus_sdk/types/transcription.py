"""Transcriptions: the speech of a video as text (``/transcriptions``)."""

from typing import Literal, Required, TypeAlias

from tavus_sdk._models import BaseModel, Timestamp
from tavus_sdk._pagination import ListParams
from tavus_sdk._types import RequestOptions

__all__ = [
    "Transcription",
    "TranscriptionCreateParams",
    "TranscriptionListParams",
    "TranscriptionStatus",
]

TranscriptionStatus: TypeAlias = Literal["started", "completed", "error"] | str
"""``started``, then ``completed`` or ``error``."""


class Transcription(BaseModel):
    """A transcription, as returned by create, get and list."""

    transcription_id: str
    """Unique identifier of the transcription."""
    file_url: str | None = None
    """The transcribed file."""
    callback_url: str | None = None
    """The URL notified when the transcription completes or fails."""
    status: TranscriptionStatus | None = None
    """``started``, ``completed`` or ``error``."""
    text: str | None = None
    """The transcribed text, once completed."""
    created_at: Timestamp | None = None
    """When the transcription was created."""


class TranscriptionCreateParams(RequestOptions, total=False):
    """Keyword arguments of ``client.transcriptions.create``."""

    file_url: Required[str]
    """A publicly reachable (or presigned) link to the video."""
    callback_url: Required[str]
    """Notified when the transcription completes or fails."""


class TranscriptionListParams(ListParams, total=False):
    """Keyword arguments of ``client.transcriptions.list``: paging (pages count from 1)."""
