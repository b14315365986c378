"""Skills: Tavus-authored capabilities in a registry (``/skills``), attached to PALs by ``skill_id``
(``/pals/{pal_id}/skills``). docs.tavus.io/sections/conversational-video-interface/skills/overview names three:
``internet_search`` (no configuration), ``presentation`` and ``magic_canvas``.
"""

from typing import Any

from tavus_sdk._models import BaseModel, Timestamp
from tavus_sdk._pagination import ListParams

__all__ = ["Skill", "SkillAttachment", "SkillAttachments", "SkillListParams"]


class Skill(BaseModel):
    """A skill of the registry. The reference page shows no field list beyond ``skill_id``; the rest is kept as is."""

    skill_id: str
    """The skill's id, e.g. ``internet_search``."""


class SkillAttachment(BaseModel):
    """A skill attached to a PAL."""

    skill_id: str
    """The attached skill."""
    config: dict[str, Any] | None = None
    """The skill's configuration; ``{}`` for skills without one."""
    attached_at: Timestamp | None = None
    """When the skill was first attached."""
    updated_at: Timestamp | None = None
    """When the attachment last changed."""


class SkillAttachments(BaseModel):
    """``GET /pals/{pal_id}/skills``: the attachments keyed by ``skill_id``."""

    data: dict[str, SkillAttachment]
    """Every attached skill, keyed by its id."""


class SkillListParams(ListParams, total=False):
    """Keyword arguments of ``client.skills.list``: paging only. docs.tavus.io/api-reference/skills/list-skills shows
    no paging; Tavus's own client pages every list with ``limit`` and ``page`` from 1."""
