"""PALs: the newest name of personas (``/pals``, ``pal_id``, ``pal_name``, ``default_face_id``).

A PAL is the same record as a persona, seen through the current vocabulary (docs.tavus.io/api-reference/pals/create-pal:
"/v2/personas and persona_id / default_replica_id remain supported as aliases"). The layers are the persona layers.
"""

from collections.abc import Mapping, Sequence
from typing import Any, Literal, Required

from tavus_sdk._models import BaseModel, Timestamp
from tavus_sdk._pagination import ListParams
from tavus_sdk._types import RequestOptions
from tavus_sdk.types.persona import PersonaLayers, PipelineMode

__all__ = ["Pal", "PalCreateParams", "PalListParams", "UsernameAvailability"]


class Pal(BaseModel):
    """A PAL, as returned by create, get, list and patch."""

    pal_id: str
    """Unique identifier of the PAL (the persona id on ``/personas``)."""
    pal_name: str | None = None
    """Display name of the PAL."""
    pipeline_mode: PipelineMode | None = None
    """``full`` (default) or ``echo``."""
    system_prompt: str | None = None
    """Instructions for the LLM; required in ``full`` mode."""
    context: str | None = None
    """Background knowledge for the LLM."""
    default_face_id: str | None = None
    """Face used when a conversation gives none."""
    layers: PersonaLayers | None = None
    """Pipeline configuration."""
    objectives_id: str | None = None
    """The objectives set attached to the PAL."""
    guardrails_id: str | None = None
    """The legacy guardrails set attached to the PAL."""
    guardrail_ids: list[str] | None = None
    """Individual guardrails attached to the PAL, by ``uuid``."""
    guardrail_tags: list[str] | None = None
    """Tags whose guardrails are attached to the PAL."""
    document_ids: list[str] | None = None
    """Knowledge-base documents attached to the PAL."""
    created_at: Timestamp | None = None
    """When the PAL was created."""
    updated_at: Timestamp | None = None
    """When the PAL last changed."""


class PalCreateParams(RequestOptions, total=False):
    """Keyword arguments of ``client.pals.create``."""

    default_face_id: Required[str]
    """The face used when a conversation gives none; required on ``/pals`` (optional on ``/personas``)."""
    pal_name: str
    """Display name of the PAL."""
    system_prompt: str
    """Instructions for the LLM; required when ``pipeline_mode`` is ``full`` (the default)."""
    context: str
    """Background knowledge for the LLM."""
    pipeline_mode: PipelineMode
    """``full`` (default) or ``echo``."""
    layers: PersonaLayers | Mapping[str, Any]
    """Pipeline configuration, as on personas."""
    objectives_id: str
    """Objectives set to attach."""
    guardrails_id: str
    """Legacy guardrails set to attach."""
    guardrail_ids: Sequence[str]
    """Individual guardrails to attach, by ``uuid`` (up to 50; ``client.guardrails.individual``)."""
    guardrail_tags: Sequence[str]
    """Attach every guardrail with one of these tags."""
    document_ids: Sequence[str]
    """Knowledge-base documents to attach."""
    tool_ids: Sequence[str]
    """Standalone tools to attach (at most 50), as ``client.pals.tools.attach`` does."""


class PalListParams(ListParams, total=False):
    """Keyword arguments of ``client.pals.list``: paging (pages from 1) and the type filter, ``persona_type`` of
    ``/personas`` under its PAL name (docs.tavus.io/sections/agent-tools/mcp-tools-reference: ``pal_type``)."""

    pal_type: Literal["user", "system"] | str
    """``user``: the account's own PALs; ``system``: Tavus's stock PALs."""


class UsernameAvailability(BaseModel):
    """The answer of ``GET /pals/check-username``."""

    available: bool
    """Whether the conferencing username is free on tavusinvite.com."""
    reason: str | None = None
    """Why it is not available, when it is not."""
