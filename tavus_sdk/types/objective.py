"""Objectives: goals a persona works through during a conversation (``/objectives``)."""

from collections.abc import Mapping, Sequence
from typing import Any, Literal, Required, TypeAlias

import pydantic

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
    """Name of the objective, referenced by other objectives: letters, digits and underscores, at most 100."""
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
    next_required_objective: str | None = None
    """Name of the objective that comes next once this one is completed. (Older docs pages show a plural list,
    ``next_required_objectives``; the current API takes this single name.)"""
    callback_url: str | None = None
    """URL notified when this objective is completed."""


class Objectives(BaseModel):
    """A set of objectives, as returned by create, get and list.

    Create answers only ``objectives_id``, ``objective_name``, ``status`` and ``created_at`` (``data`` is None);
    get and list carry ``data``. Tavus's docs show get's ``data`` both as a list and as one object: either way
    ``data`` here is a list.
    """

    objectives_id: str
    """Unique identifier of the set."""
    objective_name: str | None = None
    """Name of the set's first objective (create's answer)."""
    status: str | None = None
    """``active`` (create's answer)."""
    name: str | None = None
    """The set's name, when one was given."""
    data: list[Objective] | None = None
    """The objectives; JSON Patch paths address them as ``/data/<index>/<field>``."""
    created_at: Timestamp | None = None
    """When the set was created."""
    updated_at: Timestamp | None = None
    """When the set last changed."""

    @pydantic.field_validator("data", mode="before")
    @classmethod
    def _one_object_is_a_set_of_one(cls, value: object) -> object:
        return [value] if isinstance(value, dict) else value


class ObjectivesCreateParams(RequestOptions, total=False):
    """Keyword arguments of ``client.objectives.create``."""

    data: Required[Sequence[Objective | Mapping[str, Any]]]
    """The objectives of the set; 1 to 50."""
    name: str
    """A name for the set (sent by Tavus's own client; not in the docs)."""
    allow_loops: bool
    """Whether objectives may lead back to earlier ones (sent by Tavus's own client; not in the docs)."""


class ObjectivesListParams(ListParams, total=False):
    """Keyword arguments of ``client.objectives.list``."""

    sort: Literal["ascending", "descending"] | str
    """``ascending`` (the server's default) or ``descending`` by creation time."""
    name_or_uuid: str
    """Only sets with this id, or with an objective (or set name) containing this text."""
