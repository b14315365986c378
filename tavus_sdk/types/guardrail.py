"""Guardrails: rules a persona must follow during a conversation (``/guardrails``)."""

from collections.abc import Mapping, Sequence
from typing import Any, Literal, Required, TypeAlias

from tavus_sdk._models import BaseModel, Timestamp
from tavus_sdk._pagination import ListParams
from tavus_sdk._types import RequestOptions

__all__ = [
    "Guardrail",
    "GuardrailModality",
    "Guardrails",
    "GuardrailsCreateParams",
    "GuardrailsListParams",
]

GuardrailModality: TypeAlias = Literal["verbal", "visual"] | str
"""Whether a guardrail watches what the participant says (default) or shows."""


class Guardrail(BaseModel):
    """One guardrail of a set."""

    guardrails_name: str | None = None
    """Name of the guardrail (documented as having no spaces, though the examples have some)."""
    guardrails_prompt: str | None = None
    """The behaviour to enforce; the more detail the better."""
    modality: GuardrailModality | None = None
    """``verbal`` (default) or ``visual``."""
    callback_url: str | None = None
    """URL notified when the guardrail is triggered."""


class Guardrails(BaseModel):
    """A set of guardrails, as returned by create, get, list and patch."""

    guardrails_id: str
    """Unique identifier of the set."""
    data: list[Guardrail] | None = None
    """The guardrails; JSON Patch paths address them as ``/data/<index>/<field>``."""
    created_at: Timestamp | None = None
    """When the set was created."""
    updated_at: Timestamp | None = None
    """When the set last changed."""


class GuardrailsCreateParams(RequestOptions, total=False):
    """Keyword arguments of ``client.guardrails.create``."""

    data: Required[Sequence[Guardrail | Mapping[str, Any]]]
    """The guardrails of the set; at least one."""


class GuardrailsListParams(ListParams, total=False):
    """Keyword arguments of ``client.guardrails.list``: paging."""
