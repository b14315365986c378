"""Magic Canvas interactions of a conversation (docs.tavus.io/api-reference/canvas-interactions/*,
sections/conversational-video-interface/magic-canvas/api/interactions).

Recording needs no API key and only works while the conversation is ``active`` (400 once it has ended). It is
idempotent by ``(conversation_id, interaction_id)``: an identical retry (``metadata`` aside) answers 200 and fires no
second ``canvas.interaction`` webhook; the same id with different content is a 409 (the pages give no code for
it). At most 120 posts per 60 seconds per conversation answer 429 ``{"error": "Too many requests"}`` with
Retry-After; the docs count per client IP too, which the emulator does not see.
"""

from __future__ import annotations

import math
from typing import Any

from tavus_sdk.testing._context import ApiRequest, Context, Handler, iso, naive
from tavus_sdk.testing._errors import ApiError, bad_request, conflict
from tavus_sdk.testing._store import Record

__all__ = ["RATE_LIMIT", "RATE_WINDOW", "ROUTES"]

RATE_LIMIT = 120
RATE_WINDOW = 60.0
_MATCHED = ("tool_call_id", "component", "component_version", "type", "value")


def _conversation(ctx: Context, conversation_id: str) -> Record:
    """Found by id alone: the browser that records has no key, and conversations are not key-scoped. An unknown id
    is Tavus's answer for any unknown ``conversation_id`` (400 "Invalid conversation_id"), as on the other
    conversation routes."""
    return ctx.require("conversations", conversation_id, "conversation_id")


def record(ctx: Context, req: ApiRequest) -> dict[str, Any]:
    conversation = _conversation(ctx, req.path["conversation_id"])
    now = ctx.now()
    posts = [at for at in conversation.get("_canvas_posts", []) if at > now - RATE_WINDOW]
    if len(posts) >= RATE_LIMIT:
        # Checked before anything else, as the docs say; the window reopens when the oldest post leaves it.
        retry = max(1, math.ceil(posts[0] + RATE_WINDOW - now))
        error = ApiError(429, "Too many requests", headers={"Retry-After": str(retry)})
        raise error
    conversation["_canvas_posts"] = [*posts, now]
    if conversation.get("status") != "active":
        raise bad_request(f"Conversation {conversation['conversation_id']} has ended; Canvas interactions are closed")
    body: dict[str, Any] = req.body
    history: list[dict[str, Any]] = conversation.setdefault("_canvas", [])
    earlier = next((i for i in history if i["interaction_id"] == body["interaction_id"]), None)
    if earlier is not None:
        if all(earlier.get(key) == body.get(key) for key in _MATCHED):
            return {"success": True}
        raise conflict(f"interaction_id {body['interaction_id']!r} was already recorded with different content")
    interaction = {
        "conversation_id": conversation["conversation_id"],
        **{key: body.get(key) for key in ("interaction_id", *_MATCHED, "metadata")},
        "created_at": naive(now).replace(" ", "T"),
    }
    history.append(interaction)
    ctx.webhook(
        conversation.get("callback_url"),
        {
            "conversation_id": conversation["conversation_id"],
            "event_type": "canvas.interaction",
            "message_type": "canvas",
            "timestamp": iso(now),
            "properties": interaction,
        },
        event="canvas.interaction",
    )
    return {"success": True}


def list_(ctx: Context, req: ApiRequest) -> dict[str, Any]:
    conversation = _conversation(ctx, req.path["conversation_id"])
    return {"data": list(conversation.get("_canvas", []))}


ROUTES: dict[str, Handler] = {
    "conversations_canvas_record": record,
    "conversations_canvas_list": list_,
}
