"""Guardrails: rules a persona must follow during a conversation (``/guardrails``)."""

from collections.abc import Mapping, Sequence
from typing import Any, Literal, Required, TypeAlias

import pydantic

from tavus_sdk._models import BaseModel, Timestamp
from tavus_sdk._pagination import ListParams
from tavus_sdk._types import RequestOptions

__all__ = [
    "Guardrail",
    "GuardrailModality",
    "Guardrails",
    "GuardrailsCreateParams",
    "GuardrailsListParams",
    "IndividualGuardrail",
    "IndividualGuardrailCreateParams",
    "IndividualGuardrailListParams",
]

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


class IndividualGuardrail(Guardrail):
    """One individual guardrail (docs.tavus.io/api-reference/guardrails/create-guardrails, get-guardrails): its
    own resource, attached to a PAL or persona with ``guardrail_ids`` (by ``uuid``) or ``guardrail_tags``."""

    uuid: str
    """Unique identifier: what ``guardrail_ids`` lists."""
    tags: list[str] | None = None
    """Tags for organising, and for attaching in bulk with ``guardrail_tags``."""
    app_message: bool | None = None
    """Whether triggering it emits a real-time app-message event in the conversation (Tavus's default: true)."""
    created_at: Timestamp | None = None
    """When the guardrail was created."""
    updated_at: Timestamp | None = None
    """When the guardrail last changed."""


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


class IndividualGuardrailCreateParams(RequestOptions, total=False):
    """Keyword arguments of ``client.guardrails.individual.create``."""

    guardrail_name: Required[str]
    """Letters, digits and underscores only, at most 100 characters."""
    guardrail_prompt: Required[str]
    """The behavioural boundary, at most 1000 characters; short and direct works best."""
    modality: GuardrailModality
    """``verbal`` (Tavus's default): what the participant says or types; ``visual``: what Raven perceives."""
    callback_url: str
    """Notified when the guardrail is triggered, at most 2048 characters."""
    tags: Sequence[str]
    """Up to 32 tags of at most 64 characters, for ``guardrail_tags`` on a PAL or persona."""
    app_message: bool
    """False: no app-message event in the conversation (observe it through ``callback_url`` only)."""


class IndividualGuardrailListParams(ListParams, total=False):
    """Keyword arguments of ``client.guardrails.individual.list`` (sent with ``legacy=false``)."""

    sort: Literal["ascending", "descending"] | str
    """``ascending`` (the server's default) or ``descending`` by creation time."""
    name_or_uuid: str
    """Only the guardrail with this uuid, or those whose name contains this text."""
    tags: str | Sequence[str]
    """Only guardrails with any of these tags."""
