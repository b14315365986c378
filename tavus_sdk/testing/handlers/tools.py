"""Standalone tools (``/tools``) and the tools attached to a PAL (``/pals/{pal_id}/tools``).

The documented rules (docs.tavus.io/api-reference/tools/*, pal-tools/*): a function ``name`` (OpenAI naming, at most
64 characters) unique in the account; ``description`` plus serialized ``parameters`` at most 10000 characters;
``tavus_`` parameter names reserved; exactly one delivery channel (``{"app_message": true}`` when omitted); secrets
masked as ``********`` in every answer; the system tool ``end_call`` listed, read-only and never attached; at most 50
tools per PAL; deleting a tool detaches it everywhere and frees its name; detaching deletes nothing.
"""

from __future__ import annotations

import json
import re
import zlib
from collections.abc import Sequence
from typing import Any

from tavus_sdk.testing._context import ApiRequest, Context, Handler, Reply, iso, public
from tavus_sdk.testing._errors import ApiError, FieldError, bad_request, conflict, forbidden, not_found, unprocessable
from tavus_sdk.testing._paging import paged
from tavus_sdk.testing._store import Record
from tavus_sdk.testing.handlers import personas

__all__ = ["MAX_TOOLS_PER_PAL", "ROUTES", "SYSTEM_TOOLS", "check_attachable", "pal_record"]

MAX_TOOLS_PER_PAL = 50
MAX_TOOL_SIZE = 10000
MASK = "********"
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,63}")
_SECRETS = ("token", "password", "value", "secret", "client_secret")
_READ_ONLY = ("tool_id", "owner_id", "is_system_tool", "created_at", "updated_at")
# docs.tavus.io/api-reference/tools/get-tools: "The only system tool today is end_call"; its id is its name and its
# owner_id is null. The page gives no description text; this one is the page's own words.
SYSTEM_TOOLS: dict[str, dict[str, Any]] = {
    "end_call": {
        "tool_id": "end_call",
        "owner_id": None,
        "name": "end_call",
        "description": "Lets the PAL hang up at a natural stopping point.",
        "parameters": {"type": "object", "properties": {}},
        "delivery": {"app_message": True},
        "is_system_tool": True,
        "trigger_type": "in_call",
        "origin": "llm",
        "tags": [],
        "created_at": None,
        "updated_at": None,
    }
}


def view(record: Record) -> dict[str, Any]:
    """The API view: secrets of ``delivery.api.auth`` replaced by the mask."""
    body = public(record)
    delivery = body.get("delivery")
    api = delivery.get("api") if isinstance(delivery, dict) else None
    auth = api.get("auth") if isinstance(api, dict) else None
    if isinstance(delivery, dict) and isinstance(api, dict) and isinstance(auth, dict):
        masked = {key: (MASK if key in _SECRETS and value else value) for key, value in auth.items()}
        body["delivery"] = {**delivery, "api": {**api, "auth": masked}}
    return body


def _owner_id(api_key: str) -> int:
    return zlib.crc32(api_key.encode()) % 1_000_000 + 1


def _check(ctx: Context, tool: dict[str, Any], *, tool_id: str | None) -> None:
    """Every documented rule on the tool as it would be stored; 422 naming the field, 409 on a taken name."""
    errors: list[FieldError] = []
    name = tool.get("name")
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        errors.append(("name", "letters, digits and underscores, starting with a letter or underscore, at most 64"))
    size = len(tool.get("description") or "") + len(json.dumps(tool.get("parameters") or {}, sort_keys=True))
    if size > MAX_TOOL_SIZE:
        errors.append(("description", f"description + parameters are {size} characters; at most {MAX_TOOL_SIZE}"))
    properties = (tool.get("parameters") or {}).get("properties")
    reserved = sorted(p for p in properties or {} if isinstance(p, str) and p.startswith("tavus_"))
    if reserved:
        errors.append(("parameters.properties", f"names starting with tavus_ are reserved: {', '.join(reserved)}"))
    delivery = tool.get("delivery") or {}
    channels = [bool(delivery.get("app_message")), delivery.get("api") is not None]
    if sum(channels) != 1:
        errors.append(("delivery", "enable exactly one channel: app_message true, or api (with app_message false)"))
    if tool.get("trigger_type") == "post_call" and delivery.get("api") is None:
        errors.append(("delivery.api", "a post_call tool is delivered with delivery.api"))
    if tool.get("on_call") == "static_filler" and not tool.get("static_filler"):
        errors.append(("static_filler", "static_filler is required when on_call is static_filler"))
    if errors:
        raise unprocessable(errors, errors[0][1])
    for other_id, other in ctx.store.table("tools").items():
        if other_id != tool_id and ctx.visible(other) and other.get("name") == name:
            raise conflict(f"A tool named {name!r} already exists ({other_id}); tool names are unique per account")
    if name in SYSTEM_TOOLS:
        raise conflict(f"{name!r} is the name of a system tool")


def create(ctx: Context, req: ApiRequest) -> dict[str, Any]:
    body: dict[str, Any] = req.body
    tool = {key: value for key, value in body.items() if key not in _READ_ONLY}
    tool.setdefault("delivery", {"app_message": True})
    tool.setdefault("trigger_type", "in_call")
    if tool["trigger_type"] == "in_call":
        tool.setdefault("origin", "llm")
    tool.setdefault("tags", [])
    _check(ctx, tool, tool_id=None)
    now = iso(ctx.now())
    tool_id = ctx.store.new_id("tools", "t", 12)
    record: Record = {
        "tool_id": tool_id,
        "owner_id": _owner_id(ctx.api_key),
        **tool,
        "is_system_tool": False,
        "created_at": now,
        "updated_at": now,
        "_owner_key": ctx.api_key,
    }
    ctx.store.table("tools")[tool_id] = record
    return view(record)


def _selected(ctx: Context, kind: str, search: str | None) -> list[dict[str, Any]]:
    own = [view(r) for r in ctx.store.table("tools").values() if ctx.visible(r)]
    system = list(SYSTEM_TOOLS.values())
    chosen = {"user": own, "system": system, "all": system + own}.get(kind)
    if chosen is None:
        raise bad_request(f"type must be user, system or all, not {kind!r}", field="type")
    if search:
        chosen = [t for t in chosen if t["tool_id"] == search or search.lower() in str(t.get("name", "")).lower()]
    return chosen


def list_(ctx: Context, req: ApiRequest) -> dict[str, Any]:
    query = req.query
    tools = _selected(ctx, str(query.get("type", "user")), query.get("name_or_uuid"))
    system = [t for t in tools if t.get("is_system_tool")]
    own = sorted((t for t in tools if not t.get("is_system_tool")), key=lambda t: str(t.get("created_at")))
    if query.get("sort", "asc") == "desc":
        own.reverse()
    ordered = system + own  # "system tools listed first"
    return paged(req, ordered, first_page=1)  # "1-indexed page number. Default 1."


def _user_tool(ctx: Context, tool_id: str, action: str) -> Record:
    if tool_id in SYSTEM_TOOLS:
        raise forbidden(f"{tool_id} is a system tool and cannot be {action}")
    return ctx.get("tools", tool_id, "Tool")


def get(ctx: Context, req: ApiRequest) -> dict[str, Any]:
    tool_id = req.path["tool_id"]
    if tool_id in SYSTEM_TOOLS:
        return dict(SYSTEM_TOOLS[tool_id])
    return view(ctx.get("tools", tool_id, "Tool"))


def update(ctx: Context, req: ApiRequest) -> dict[str, Any]:
    record = _user_tool(ctx, req.path["tool_id"], "updated")
    changes: dict[str, Any] = {k: v for k, v in req.body.items() if k not in _READ_ONLY}
    if not changes:
        raise unprocessable([("body", "give at least one field to change")], "Nothing to update")
    masked = _echoed_masks(changes.get("delivery"))
    if masked:
        raise unprocessable([(masked, "this is the mask from a GET; omit the field to keep the stored secret")])
    candidate = {**public(record), **changes}
    _check(ctx, candidate, tool_id=record["tool_id"])
    record.update(changes, updated_at=iso(ctx.now()))
    return view(record)


def _echoed_masks(delivery: Any) -> str | None:
    api = delivery.get("api") if isinstance(delivery, dict) else None
    auth = api.get("auth") if isinstance(api, dict) else None
    for key, value in (auth or {}).items():
        if key in _SECRETS and value == MASK:
            return f"delivery.api.auth.{key}"
    return None


def delete(ctx: Context, req: ApiRequest) -> Reply:
    """204 NO CONTENT (docs.tavus.io/api-reference/tools/delete-tool)."""
    record = _user_tool(ctx, req.path["tool_id"], "deleted")
    tool_id = record["tool_id"]
    for persona in ctx.store.table("personas").values():
        if tool_id in persona.get("_tool_ids", ()):
            persona["_tool_ids"] = [t for t in persona["_tool_ids"] if t != tool_id]
    del ctx.store.table("tools")[tool_id]
    return Reply(204)


def check_attachable(ctx: Context, attached: Sequence[str], tool_ids: Sequence[str], *, field: str) -> None:
    """Every id names one of the caller's tools, and the PAL stays within 50 tools; 400 naming the id otherwise."""
    for index, tool_id in enumerate(tool_ids):
        if tool_id in SYSTEM_TOOLS:
            raise bad_request(f"{tool_id} is a system tool: always available, never attached", field=f"{field}.{index}")
        record = ctx.store.table("tools").get(tool_id)
        if record is None or not ctx.visible(record):
            raise bad_request(f"Tool not found: {tool_id}", field=f"{field}.{index}")
    total = len(set(attached) | set(tool_ids))
    if total > MAX_TOOLS_PER_PAL:
        raise bad_request(f"a PAL can have at most {MAX_TOOLS_PER_PAL} tools; this would make {total}", field=field)


def pal_record(ctx: Context, req: ApiRequest, *, writable: bool) -> Record:
    """The PAL of the path; a stock one is read-only (403) when ``writable``."""
    from tavus_sdk.testing.handlers.pals import translate_error  # pals imports this module

    pal_id = req.path["pal_id"]
    try:
        if writable:
            return personas.require_writable(ctx, pal_id)
        # An unknown PAL is Tavus's unknown-id answer, as on /pals (docs.tavus.io/api-reference/pal-tools/
        # detach-tool-from-pal: 400 "PAL not found").
        return ctx.require("personas", pal_id, "persona_id")
    except ApiError as error:
        raise translate_error(error) from None


def _attached(ctx: Context, pal: Record) -> dict[str, Any]:
    table = ctx.store.table("tools")
    tools = [view(table[t]) for t in pal.get("_tool_ids", ()) if t in table]
    return {"data": tools, "total_count": len(tools)}


def pal_attach(ctx: Context, req: ApiRequest) -> dict[str, Any]:
    pal = pal_record(ctx, req, writable=True)
    attached = list(pal.get("_tool_ids", ()))
    tool_ids = list(req.body["tool_ids"])
    check_attachable(ctx, attached, tool_ids, field="tool_ids")
    pal["_tool_ids"] = list(dict.fromkeys(attached + tool_ids))
    return _attached(ctx, pal)


def pal_list(ctx: Context, req: ApiRequest) -> dict[str, Any]:
    return _attached(ctx, pal_record(ctx, req, writable=False))


def pal_detach(ctx: Context, req: ApiRequest) -> Reply:
    """204 "Tool detached" (docs.tavus.io/api-reference/pal-tools/detach-tool-from-pal)."""
    pal = pal_record(ctx, req, writable=True)
    tool_id = req.path["tool_id"]
    if tool_id not in pal.get("_tool_ids", ()):
        raise not_found("Tool attached to this PAL", tool_id)
    pal["_tool_ids"] = [t for t in pal["_tool_ids"] if t != tool_id]
    return Reply(204)


ROUTES: dict[str, Handler] = {
    "tools_create": create,
    "tools_list": list_,
    "tools_get": get,
    "tools_update": update,
    "tools_delete": delete,
    "pals_tools_attach": pal_attach,
    "pals_tools_list": pal_list,
    "pals_tools_detach": pal_detach,
}
