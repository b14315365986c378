"""Faces: the newest name of replicas (``/faces``, ``face_id``, ``face_name``).

A Face is the same record as a replica (docs.tavus.io/sections/conversational-video-interface/pal/overview: "Legacy
names persona and replica still work"). Only ``face_id`` and ``face_name`` are renamed; no page shows other renames,
so any other field keeps its name and is kept as an extra field.
"""

from collections.abc import Sequence
from typing import Literal, TypeAlias

from tavus_sdk._models import BaseModel, Timestamp
from tavus_sdk._pagination import ListParams
from tavus_sdk._types import RequestOptions
from tavus_sdk.types.replica import ReplicaStatus

__all__ = ["Face", "FaceCreateParams", "FaceListParams", "FaceModelName"]

FaceModelName: TypeAlias = Literal["phoenix-4", "phoenix-3"] | str
"""The Phoenix model; ``phoenix-4`` is the default on ``/faces`` (docs.tavus.io/api-reference/faces/create-face)."""


class Face(BaseModel):
    """A face, as returned by create, get, list and rename."""

    face_id: str
    """Unique identifier of the face (the replica id on ``/replicas``)."""
    face_name: str | None = None
    """Name of the face."""
    status: ReplicaStatus | None = None
    """``started``, ``completed`` or ``error`` (docs.tavus.io/api-reference/faces/get-face)."""
    training_progress: str | None = None
    """Training progress as ``"n/100"``."""
    error_message: str | None = None
    """Why training failed, when ``status`` is ``error``."""
    model_name: FaceModelName | None = None
    """The Phoenix model, e.g. ``phoenix-4``."""
    face_type: Literal["user", "system"] | str | None = None
    """``user`` or ``system`` (a stock face); only with ``verbose=True``."""
    thumbnail_video_url: str | None = None
    """URL of a short preview video of the face."""
    created_at: Timestamp | None = None
    """When the face was created."""
    updated_at: Timestamp | None = None
    """When the face last changed."""


class FaceCreateParams(RequestOptions, total=False):
    """Keyword arguments of ``client.faces.create``: exactly one of ``train_video_url`` and ``train_image_url``."""

    train_video_url: str
    """A training video (video-to-face); do not send ``train_image_url`` with it."""
    train_image_url: str
    """A headshot image (image-to-face); needs ``voice_name``."""
    voice_name: str
    """A stock voice slug (e.g. ``anna``); required with ``train_image_url``."""
    face_name: str
    """Name of the face."""
    callback_url: str
    """URL called when training completes or fails."""
    model_name: FaceModelName
    """``phoenix-4`` (default) or ``phoenix-3``."""
    consent_video_url: str
    """Deprecated on ``/faces``; still accepted."""


class FaceListParams(ListParams, total=False):
    """Keyword arguments of ``client.faces.list``: the paging and filters of ``client.replicas.list``, the type
    filter under its face name (docs.tavus.io/api-reference/faces/get-face: ``face_type``)."""

    verbose: bool
    """Add ``face_type`` to each face."""
    face_type: Literal["user", "system"] | str
    """``user``: the account's own faces; ``system``: Tavus's stock faces."""
    replica_ids: str | Sequence[str]
    """Only these faces (comma-separated on the wire; the filter keeps its ``/replicas`` name)."""
    model_name: FaceModelName
    """Only faces of this Phoenix model."""
