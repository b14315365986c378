"""Base model and field types shared by every response and request model.

Models are forward compatible: unknown fields are kept (``extra="allow"``) and enums are
``Literal[...] | str`` so that a value Tavus adds tomorrow still parses today.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Annotated, Any

import pydantic
from pydantic import (
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    SecretStr,
    SerializationInfo,
)

__all__ = ["MASK", "BaseModel", "Secret", "Timestamp", "parse_timestamp", "reveal_secrets"]

MASK = "**********"


class BaseModel(pydantic.BaseModel):
    model_config = ConfigDict(extra="allow", populate_by_name=True, protected_namespaces=())

    def to_dict(self, *, reveal_secrets: bool = False) -> dict[str, Any]:
        """The model as JSON-ready data, leaving out fields that were never set.

        Secrets stay masked unless ``reveal_secrets`` is true.
        """
        return self.model_dump(
            mode="json",
            exclude_unset=True,
            by_alias=True,
            context={"reveal_secrets": reveal_secrets},
        )


_SPACE_SEPARATED = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d+)?$")


def parse_timestamp(value: Any) -> Any:
    """Accept every timestamp format the Tavus docs show.

    ISO-8601 (``2025-05-13T06:42:58.291561Z``), RFC 1123 (``Tue, 24 Jun 2025 07:01:57 GMT``, on
    GET /videos) and a space-separated form without a zone (``2024-08-28 15:27:40.824457``, in video
    callbacks), which is read as UTC. Anything else is left to pydantic's own parser.
    """
    if isinstance(value, str):
        text = value.strip()
        if text and text[0].isalpha():
            try:
                return parsedate_to_datetime(text)
            except (TypeError, ValueError):
                return value
        if _SPACE_SEPARATED.match(text):
            return datetime.fromisoformat(text).replace(tzinfo=UTC)
    return value


Timestamp = Annotated[datetime | str, Field(union_mode="left_to_right"), BeforeValidator(parse_timestamp)]
"""A datetime parsed from any of the formats Tavus uses. A string that is none of them (``""``, as in the docs' own
example) is kept as it came: one odd field must not fail a whole list."""


def _serialize_secret(value: SecretStr, info: SerializationInfo) -> str:
    context = info.context
    if isinstance(context, dict) and context.get("reveal_secrets"):
        return value.get_secret_value()
    return MASK if value.get_secret_value() else ""


Secret = Annotated[SecretStr, PlainSerializer(_serialize_secret, return_type=str)]
"""A credential inside a model: masked in repr, str and dumps unless explicitly revealed."""


def reveal_secrets(model: pydantic.BaseModel) -> dict[str, Any]:
    """Dump a model for the wire: exact values, secrets included, unset fields left out."""
    return model.model_dump(mode="json", exclude_unset=True, by_alias=True, context={"reveal_secrets": True})
