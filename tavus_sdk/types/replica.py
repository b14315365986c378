"""Replicas: digital twins trained from a video of a person (``/replicas``)."""

from collections.abc import Mapping, Sequence
from typing import Any, Literal, TypeAlias

from tavus_sdk._models import BaseModel, Timestamp
from tavus_sdk._pagination import ListParams
from tavus_sdk._types import RequestOptions

__all__ = ["Replica", "ReplicaCreateParams", "ReplicaListParams", "ReplicaModelName", "ReplicaStatus", "ReplicaType"]

ReplicaStatus: TypeAlias = Literal["started", "completed", "error", "training", "ready"] | str
"""``started`` while the model trains, then ``completed`` or ``error`` (every docs version and Tavus's
openapi.yaml). Older answers said ``training`` and ``ready``; both are still understood."""

ReplicaModelName: TypeAlias = Literal["phoenix-4", "phoenix-3", "phoenix-2"] | str
"""The replica model; ``phoenix-4`` is the default."""

ReplicaType: TypeAlias = Literal["personal", "non_human"] | str
"""``personal`` (a real person, consent video needed) or ``non_human``."""


class Replica(BaseModel):
    """A replica, as returned by create, get, list and rename."""

    replica_id: str
    """Unique identifier of the replica."""
    replica_name: str | None = None
    """Name of the replica."""
    status: ReplicaStatus | None = None
    """``started``, ``completed`` or ``error`` (older: ``training`` / ``ready``)."""
    training_progress: str | None = None
    """Training progress as ``"n/100"``."""
    error_message: str | None = None
    """Why training failed, when ``status`` is ``error``."""
    model_name: ReplicaModelName | None = None
    """The replica model, e.g. ``phoenix-4``."""
    replica_type: ReplicaType | None = None
    """``user`` or ``system`` with ``verbose=True`` (older: ``personal`` or ``non_human``)."""
    thumbnail_video_url: str | None = None
    """URL of a short preview video of the replica."""
    created_at: Timestamp | None = None
    """When the replica was created."""
    updated_at: Timestamp | None = None
    """When the replica last changed."""


class ReplicaCreateParams(RequestOptions, total=False):
    """Keyword arguments of ``client.replicas.create``."""

    train_video_url: str
    """Publicly downloadable training video (mp4 H.264/AAC or webm, at least 1 min, 25 fps, 1080p,
    at most 750 MB); the link must stay valid for at least 24 h. Or give ``train_image_url``."""
    train_image_url: str
    """Publicly downloadable image to train from instead of a video; needs ``voice_name``."""
    voice_name: str
    """A stock voice for an image-trained replica (see List Voices)."""
    auto_fix_training_image: bool
    """Let Tavus adjust a training image that does not meet the requirements."""
    properties: Mapping[str, Any]
    """Training options, e.g. ``{"background_green_screen": True}``."""
    consent_video_url: str
    """Video of the person giving consent; required for a personal replica."""
    replica_name: str
    """Name of the replica."""
    callback_url: str
    """URL called when training completes or fails."""
    model_name: ReplicaModelName
    """``phoenix-4`` (default), ``phoenix-3`` or ``phoenix-2``."""
    replica_type: ReplicaType
    """``personal`` or ``non_human``."""
    train_audio_url: str
    """A separate training audio track (from the older third-party spec; not in the guides)."""
    thumbnail_video_url: str
    """A video used for the replica's thumbnail (from the older third-party spec; not in the guides)."""


class ReplicaListParams(ListParams, total=False):
    """Keyword arguments of ``client.replicas.list``
    (docs.tavus.io/api-reference/phoenix-replica-model/get-replicas)."""

    verbose: bool
    """Add ``replica_type`` to each replica."""
    replica_type: Literal["user", "system"] | str
    """``user``: the account's own; ``system``: Tavus's stock replicas."""
    replica_ids: str | Sequence[str]
    """Only these replicas (comma-separated on the wire)."""
    model_name: ReplicaModelName
    """Only replicas of this model, e.g. ``phoenix-4``."""
