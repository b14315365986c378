"""Voices: the stock ``voice_name`` values for training a replica from an image (``/voices``)."""

from typing import Literal, TypeAlias

from tavus_sdk._models import BaseModel
from tavus_sdk._pagination import ListParams

__all__ = ["Voice", "VoiceListParams", "VoiceSort", "VoiceTag"]

VoiceSort: TypeAlias = Literal["asc", "desc"] | str
"""Order of the voices list, by ``voice_name``."""


class VoiceTag(BaseModel):
    """A tag of the replica a voice belongs to."""

    tag_name: str | None = None
    """The tag."""


class Voice(BaseModel):
    """A stock voice."""

    voice_name: str
    """The slug to pass as ``voice_name`` when training a replica from an image, e.g. ``anna``."""
    replica_id: str | None = None
    """The stock replica this voice belongs to."""
    audio_url: str | None = None
    """A preview clip, when there is one."""
    tags: list[VoiceTag] | None = None
    """The replica's tags."""


class VoiceListParams(ListParams, total=False):
    """Keyword arguments of ``client.voices.list``."""

    search: str
    """Only voices whose ``voice_name`` contains this text (case-insensitive)."""
    sort: VoiceSort
    """``asc`` (the server's default) or ``desc`` by ``voice_name``."""
    tag: str
    """Only voices whose replica has this tag (case-insensitive)."""
