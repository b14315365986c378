"""Magic Canvas interactions: what a user did on a card shown during a conversation
(docs.tavus.io/api-reference/canvas-interactions/*)."""

from collections.abc import Mapping
from typing import Any, Literal, Required, TypeAlias

from tavus_sdk._models import BaseModel, Timestamp
from tavus_sdk._types import RequestOptions

__all__ = ["CanvasComponent", "CanvasInteraction", "CanvasInteractionParams", "CanvasInteractionType"]

CanvasComponent: TypeAlias = (
    Literal[
        "canvas.question",
        "canvas.input",
        "canvas.calendar",
        "canvas.scheduling_embed",
        "canvas.text",
        "canvas.image",
        "canvas.video",
        "canvas.chart",
        "canvas.alert",
    ]
    | str
)
"""The card's component id."""
CanvasInteractionType: TypeAlias = Literal["submit", "skip", "dismiss", "clear", "error", "heartbeat"] | str
"""What happened; ``submit`` and ``skip`` only on components that take an answer."""


class CanvasInteraction(BaseModel):
    """One recorded interaction, as the history lists it (the webhook's ``properties``)."""

    interaction_id: str
    """The client's idempotency key."""
    conversation_id: str | None = None
    """The conversation."""
    tool_call_id: str | None = None
    """The Canvas invocation that showed the card."""
    component: CanvasComponent | None = None
    """The card's component."""
    component_version: str | None = None
    """``v1`` for every current component."""
    type: CanvasInteractionType | None = None
    """What happened."""
    value: Any = None
    """The answer, shaped by the component."""
    metadata: dict[str, Any] | None = None
    """Client metadata."""
    created_at: Timestamp | None = None
    """When it was recorded."""


class CanvasInteractionParams(RequestOptions, total=False):
    """Keyword arguments of ``client.conversations.canvas.record``."""

    interaction_id: Required[str]
    """Idempotency key, 1-128 characters, reused verbatim on retries."""
    tool_call_id: Required[str]
    """The Canvas invocation that showed the card."""
    component: Required[CanvasComponent]
    """The card's component, e.g. ``canvas.question``."""
    component_version: Required[str]
    """``v1``."""
    type: Required[CanvasInteractionType]
    """``submit``, ``skip``, ``dismiss``, ``clear``, ``error`` or ``heartbeat``."""
    value: Any
    """The answer, shaped by the component."""
    metadata: Mapping[str, Any]
    """Client metadata (not part of the idempotency match)."""
