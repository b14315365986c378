"""Guardrails: rules a persona must follow during a conversation (``/guardrails``)."""

from collections.abc import Mapping, Sequence
from typing import Any, Literal, Required, TypeAlias

import pydantic

from tavus_sdk._models import BaseModel, Timestamp
from tavus_sdk._pagination import ListParams
from tavus_sdk._types import RequestOptions

__all__ = ["Guardrail", "GuardrailModality", "Guardrails", "GuardrailsCreateParams", "GuardrailsListParams"]

GuardrailModality: TypeAlias = Literal["verbal", "visual"] | str
"""Whether a guardrail watches what the participant says (default) or shows."""


class Guardrail(BaseModel):
    """One guardrail of a set."""

    guardrail_name: str | None = None
    """Name of the guardrail: letters, digits and underscores, at most 100."""
    guardrail_prompt: str | None = None
    """The behaviour to enforce, at most 1000 characters; the more detail the better."""
    modality: GuardrailModality | None = None
    """``verbal`` (default) or ``visual``."""
    callback_url: str | None = None
    """URL notified when the guardrail is triggered."""


class Guardrails(BaseModel):
    """A set of guardrails (the "legacy" sets of the newest docs), as returned by create, get and list.

    Create answers only ``guardrails_id``, ``guardrails_name``, ``status`` and ``created_at`` (``data`` is None);
    get and list carry ``data``, which Tavus's docs show both as a list and as one object: here it is a list.
    """

    guardrails_id: str
    """Unique identifier of the set."""
    guardrails_name: str | None = None
    """The set's name."""
    status: str | None = None
    """``active`` (create's answer)."""
    data: list[Guardrail] | None = None
    """The guardrails; JSON Patch paths address them as ``/data/<index>/<field>``."""
    created_at: Timestamp | None = None
    """When the set was created."""
    updated_at: Timestamp | None = None
    """When the set last changed."""

    @pydantic.field_validator("data", mode="before")
    @classmethod
    def _one_object_is_a_set_of_one(cls, value: object) -> object:
        return [value] if isinstance(value, dict) else value


class GuardrailsCreateParams(RequestOptions, total=False):
    """Keyword arguments of ``client.guardrails.create``."""

    data: Required[Sequence[Guardrail | Mapping[str, Any]]]
    """The guardrails of the set; at least one."""
    name: str
    """A name for the set."""


class GuardrailsListParams(ListParams, total=False):
    """Keyword arguments of ``client.guardrails.list`` (sets of guardrails)."""

    sort: Literal["ascending", "descending"] | str
    """``ascending`` (the server's default) or ``descending`` by creation time."""
    name_or_uuid: str
    """Only sets with this id, or with a guardrail (or set name) containing this text."""
