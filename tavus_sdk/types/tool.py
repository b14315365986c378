"""Standalone tools (``/tools``) and the tools attached to a PAL (``/pals/{pal_id}/tools``).

docs.tavus.io/api-reference/tools/create-tool: a tool has a function ``name``, a ``description``, JSON Schema
``parameters`` and exactly one delivery channel (``delivery.app_message`` or ``delivery.api``). System tools
(``is_system_tool``, today only ``end_call``) are read-only and need no attaching.
"""

from collections.abc import Mapping, Sequence
from typing import Any, Literal, Required, TypeAlias

from tavus_sdk._models import BaseModel, Timestamp
from tavus_sdk._pagination import ListParams
from tavus_sdk._types import RequestOptions

__all__ = [
    "Tool",
    "ToolCreateParams",
    "ToolListParams",
    "ToolOnCall",
    "ToolOnResolve",
    "ToolOrigin",
    "ToolTriggerType",
    "ToolUpdateParams",
]

ToolOrigin: TypeAlias = Literal["llm", "vision", "audio"] | str
"""Who calls an in-call tool: the conversational LLM, or the perception model (what it sees or hears)."""
ToolTriggerType: TypeAlias = Literal["in_call", "post_call"] | str
"""``in_call`` (default) or ``post_call`` (runs once after the conversation ends)."""
ToolOnCall: TypeAlias = Literal["generate_filler", "static_filler", "silent", "passthrough"] | str
"""What the PAL says while the tool runs."""
ToolOnResolve: TypeAlias = Literal["generate_response", "response_in_result", "add_to_context", "fire_and_forget"] | str
"""What happens with the tool's result."""


class Tool(BaseModel):
    """A tool, as returned by create, get, list and update. Secret fields come back as ``********``."""

    tool_id: str
    """Unique identifier (a system tool's id is its name, e.g. ``end_call``)."""
    owner_id: int | None = None
    """The owning account; null for system tools."""
    name: str | None = None
    """Function name the LLM calls."""
    description: str | None = None
    """When the LLM should call it."""
    parameters: dict[str, Any] | None = None
    """JSON Schema of the arguments."""
    delivery: dict[str, Any] | None = None
    """``{"app_message": true}`` or ``{"api": {...}}``."""
    is_system_tool: bool | None = None
    """True for Tavus's built-in tools, which cannot be changed."""
    trigger_type: ToolTriggerType | None = None
    """``in_call`` or ``post_call``."""
    origin: ToolOrigin | None = None
    """``llm``, ``vision`` or ``audio``."""
    on_call: ToolOnCall | None = None
    """Filler behaviour while the tool runs."""
    on_resolve: ToolOnResolve | None = None
    """What to do with the result."""
    static_filler: str | None = None
    """The filler line when ``on_call`` is ``static_filler``."""
    tags: list[str] | None = None
    """Free-form tags."""
    created_at: Timestamp | None = None
    """When the tool was created."""
    updated_at: Timestamp | None = None
    """When the tool last changed."""


class ToolCreateParams(RequestOptions, total=False):
    """Keyword arguments of ``client.tools.create``."""

    name: Required[str]
    """Function name: letters, digits and underscores, starting with a letter or underscore, at most 64."""
    description: Required[str]
    """When the LLM should call it; with the serialized parameters at most 10000 characters."""
    parameters: Mapping[str, Any]
    """JSON Schema of the arguments; property names starting with ``tavus_`` are reserved."""
    delivery: Mapping[str, Any]
    """Exactly one channel; ``{"app_message": true}`` when omitted."""
    trigger_type: ToolTriggerType
    """``in_call`` (default) or ``post_call``."""
    origin: ToolOrigin
    """``llm`` (default), ``vision`` or ``audio``."""
    on_call: ToolOnCall
    """Filler behaviour while the tool runs."""
    on_resolve: ToolOnResolve
    """What to do with the result."""
    static_filler: str
    """Required when ``on_call`` is ``static_filler``."""
    tags: Sequence[str]
    """Free-form tags."""


class ToolUpdateParams(RequestOptions, total=False):
    """Keyword arguments of ``client.tools.update``: only the fields given change."""

    name: str
    """Function name."""
    description: str
    """When the LLM should call it."""
    parameters: Mapping[str, Any]
    """JSON Schema of the arguments."""
    delivery: Mapping[str, Any]
    """Exactly one channel."""
    trigger_type: ToolTriggerType
    """``in_call`` or ``post_call``."""
    origin: ToolOrigin
    """``llm``, ``vision`` or ``audio``."""
    on_call: ToolOnCall
    """Filler behaviour while the tool runs."""
    on_resolve: ToolOnResolve
    """What to do with the result."""
    static_filler: str
    """The filler line."""
    tags: Sequence[str]
    """Free-form tags."""


class ToolListParams(ListParams, total=False):
    """Keyword arguments of ``client.tools.list``: paging (pages from 1, 10 a page by default) and filters
    (docs.tavus.io/api-reference/tools/get-tools)."""

    type: Literal["user", "system", "all"] | str
    """``user`` (default): yours; ``system``: Tavus's built-in ones; ``all``: both, system tools first."""
    sort: Literal["asc", "desc"] | str
    """Order by ``created_at``; ``asc`` by default."""
    name_or_uuid: str
    """Case-insensitive substring of the name, or an exact ``tool_id``."""
