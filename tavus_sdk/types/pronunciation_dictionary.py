"""Pronunciation dictionaries: how the TTS layer says given words (``/pronunciation-dictionaries``)."""

from collections.abc import Mapping, Sequence
from typing import Any, Literal, Required, TypeAlias

from tavus_sdk._models import BaseModel, Timestamp
from tavus_sdk._pagination import ListParams
from tavus_sdk._types import RequestOptions

__all__ = [
    "PronunciationDictionary",
    "PronunciationDictionaryCreateParams",
    "PronunciationDictionaryListParams",
    "PronunciationRule",
    "PronunciationRuleType",
    "PronunciationSort",
]

PronunciationRuleType: TypeAlias = Literal["alias", "ipa"] | str
"""``alias``: say the replacement text; ``ipa``: say this IPA string."""

PronunciationSort: TypeAlias = Literal["asc", "desc"] | str
"""Order of the dictionaries list, by creation time."""


class PronunciationRule(BaseModel):
    """One rule: how ``text`` is pronounced."""

    text: str
    """The word or phrase to match, at most 200 characters; unique within a dictionary."""
    pronunciation: str
    """The replacement text (``alias``) or an IPA string (``ipa``), at most 500 characters."""
    type: PronunciationRuleType
    """``alias`` or ``ipa``."""
    case_sensitive: bool | None = None
    """Whether matching is case-sensitive (default false)."""
    word_boundaries: bool | None = None
    """Whether only whole words match (default true)."""


class PronunciationDictionary(BaseModel):
    """A pronunciation dictionary. Lists leave ``rules`` out (``rules_count`` only); get one for its rules."""

    pronunciation_dictionary_id: str
    """Unique identifier of the dictionary, e.g. ``pd_abc123def456gh``."""
    name: str | None = None
    """Name of the dictionary."""
    rules: list[PronunciationRule] | None = None
    """The rules (``None`` in list answers)."""
    rules_count: int | None = None
    """How many rules the dictionary has."""
    created_at: Timestamp | None = None
    """When the dictionary was created."""
    updated_at: Timestamp | None = None
    """When the dictionary last changed."""


class PronunciationDictionaryCreateParams(RequestOptions, total=False):
    """Keyword arguments of ``client.pronunciation_dictionaries.create``."""

    name: Required[str]
    """Name of the dictionary, at most 255 characters."""
    rules: Sequence[PronunciationRule | Mapping[str, Any]]
    """The rules; each ``text`` at most once. They can be added later with ``patch``."""


class PronunciationDictionaryListParams(ListParams, total=False):
    """Keyword arguments of ``client.pronunciation_dictionaries.list``."""

    sort: PronunciationSort
    """``desc`` (the server's default) or ``asc`` by creation time."""
