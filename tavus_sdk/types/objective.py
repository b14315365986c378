"""Objectives: goals a persona works through during a conversation (``/objectives``)."""

from collections.abc import Mapping, Sequence
from typing import Any, Literal, Required, TypeAlias

from tavus_sdk._models import BaseModel, Timestamp
from tavus_sdk._pagination import ListParams
from tavus_sdk._types import RequestOptions

__all__ = [
    "ConfirmationMode",
    "Objective",
    "ObjectiveModality",
    "Objectives",
    "ObjectivesCreateParams",
    "ObjectivesListParams",
]

ConfirmationMode: TypeAlias = Literal["auto", "manual"] | str
"""``auto`` (default): the LLM decides when an objective is done; ``manual``: the participant
confirms it."""

ObjectiveModality: TypeAlias = Literal["verbal", "visual"] | str
"""Whether an objective is met from what the participant says (default) or shows."""


class Objective(BaseModel):
    """One objective of a set."""

    objective_name: str | None = None
    """Name of the objective, referenced by other objectives (documented as having no spaces)."""
    objective_prompt: str | None = None
    """What the objective is meant to achieve."""
    confirmation_mode: ConfirmationMode | None = None
    """``auto`` (default) or ``manual``."""
    output_variables: list[str] | None = None
    """Variables to collect when the objective is completed."""
    modality: ObjectiveModality | None = None
    """``verbal`` (default) or ``visual``."""
    next_conditional_objectives: dict[str, str] | None = None
    """Maps an objective name to the condition under which it comes next."""
    next_required_objectives: list[str] | None = None
    """Names of the objectives that come next once this one is completed."""
    callback_url: str | None = None
    """URL notified when this objective is completed."""


class Objectives(BaseModel):
    """A set of objectives, as returned by create, get, list and patch."""

    objectives_id: str
    """Unique identifier of the set."""
    data: list[Objective] | None = None
    """The objectives; JSON Patch paths address them as ``/data/<index>/<field>``."""
    created_at: Timestamp | None = None
    """When the set was created."""
    updated_at: Timestamp | None = None
    """When the set last changed."""


class ObjectivesCreateParams(RequestOptions, total=False):
    """Keyword arguments of ``client.objectives.create``."""

    data: Required[Sequence[Objective | Mapping[str, Any]]]
    """The objectives of the set; at least one."""


class ObjectivesListParams(ListParams, total=False):
    """Keyword arguments of ``client.objectives.list``: paging."""
