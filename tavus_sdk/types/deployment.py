"""Deployments (``/deployments``): a PAL shipped as a widget, an embed or a hosted landing page.

docs.tavus.io/api-reference/deployments/*: visitors start and end conversations through the deployment without an
API key; ``limits`` caps its use (the field names are those of Tavus's own client, the page's copy shows ``{}``).
"""

from collections.abc import Mapping, Sequence
from typing import Any, Literal, Required, TypeAlias

from tavus_sdk._models import BaseModel, Timestamp
from tavus_sdk._pagination import ListParams
from tavus_sdk._types import RequestOptions

__all__ = [
    "Deployment",
    "DeploymentChannel",
    "DeploymentCreateParams",
    "DeploymentEnded",
    "DeploymentInit",
    "DeploymentLimits",
    "DeploymentListParams",
    "DeploymentStatus",
]

DeploymentChannel: TypeAlias = Literal["widget", "embed", "landing-page"] | str
"""Where the conversation lives: a floating launcher, an inline element, or a page hosted by Tavus."""
DeploymentStatus: TypeAlias = Literal["draft", "active", "inactive"] | str
"""Only an ``active`` deployment starts conversations."""


class DeploymentLimits(BaseModel):
    """Caps on a deployment's use; unset means no limit."""

    daily_call_limit: int | None = None
    """Conversations per day, all visitors together."""
    daily_call_limit_per_user: int | None = None
    """Conversations per day and visitor."""
    concurrent_call_limit: int | None = None
    """Conversations running at once."""
    max_call_duration: int | None = None
    """Seconds; each conversation ends after it."""


class Deployment(BaseModel):
    """A deployment, as returned by create, get, list and patch."""

    deployment_id: str
    """Unique identifier."""
    pal_id: str | None = None
    """The PAL that powers it."""
    channel: DeploymentChannel | None = None
    """``widget``, ``embed`` or ``landing-page``."""
    status: DeploymentStatus | None = None
    """``draft``, ``active`` or ``inactive``."""
    name: str | None = None
    """Display name in the Platform."""
    has_password: bool | None = None
    """Whether visitors must enter a password (the password itself is never shown)."""
    customization: dict[str, Any] | None = None
    """Visual and conversation settings."""
    thumbnail_video_url: str | None = None
    """The face preview video."""
    thumbnail_image_url: str | None = None
    """The face preview image."""
    limits: DeploymentLimits | None = None
    """Call limits and maximum duration."""
    allowed_origins: list[str] | None = None
    """Origins allowed to load a widget or embed."""
    usage_total: int | None = None
    """Conversations started through it, ever."""
    usage_today: int | None = None
    """Conversations started through it today."""
    created_at: Timestamp | None = None
    """When it was created."""
    updated_at: Timestamp | None = None
    """When it last changed."""


class DeploymentCreateParams(RequestOptions, total=False):
    """Keyword arguments of ``client.deployments.create``."""

    pal_id: Required[str]
    """The PAL that powers the deployment."""
    channel: Required[DeploymentChannel]
    """``widget``, ``embed`` or ``landing-page``."""
    name: str
    """Display name in the Platform."""
    status: DeploymentStatus
    """``active`` (the emulator's default), ``draft`` or ``inactive``."""
    password: str | None
    """A password visitors must enter before starting."""
    customization: Mapping[str, Any]
    """Visual and conversation settings."""
    limits: DeploymentLimits | Mapping[str, Any]
    """Call limits and maximum duration."""
    allowed_origins: Sequence[str]
    """Origins allowed to load a widget or embed (empty: any)."""


class DeploymentInit(BaseModel):
    """What a widget, embed or landing page reads when it mounts (``GET /deployments/{id}/init``, no key)."""

    deployment_id: str
    """The deployment."""
    channel: DeploymentChannel | None = None
    """Its channel."""
    customization: dict[str, Any] | None = None
    """The full customization tree."""
    has_password: bool | None = None
    """Whether a password is asked."""
    thumbnail_video_url: str | None = None
    """The face preview video."""
    thumbnail_image_url: str | None = None
    """The face preview image."""
    limits: dict[str, Any] | None = None
    """The limits a visitor sees (``max_call_duration``, ``daily_call_limit_per_user``)."""
    is_available: bool | None = None
    """Whether a conversation can start now."""
    unavailable_reason: str | None = None
    """Why not, e.g. ``daily_limit``."""


class DeploymentEnded(BaseModel):
    """The answer of ending a deployment conversation."""

    conversation_id: str
    """The conversation."""
    status: str | None = None
    """``ended``."""


class DeploymentListParams(ListParams, total=False):
    """Keyword arguments of ``client.deployments.list``: paging only. docs.tavus.io/api-reference/deployments/
    list-deployments shows no paging; Tavus's own client pages every list with ``limit`` and ``page`` from 1."""
