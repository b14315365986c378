"""Conversations: create (with the concurrency limit), list, get (``?verbose=true``), end, delete, and the call
lifecycle: the replica joins, then the call ends on ``end``, a timeout or ``max_call_duration``, with callbacks.

Timers start at creation (docs.tavus.io/sections/conversational-video-interface/conversation/overview). Participants are
simulated with ``TavusEmulator.join/leave``, which call
``set_participant``: nobody joining within ``participant_absent_timeout`` ends the call, and so does the room
staying empty for ``participant_left_timeout`` after the last participant left.
"""

from __future__ import annotations

import base64
import json
import secrets
from functools import cache
from typing import Any

from tavus_sdk.testing._context import ApiRequest, Context, Handler, Reply, iso, public
from tavus_sdk.testing._errors import bad_request, conflict, unprocessable
from tavus_sdk.testing._paging import paged
from tavus_sdk.testing._spec import load_spec
from tavus_sdk.testing._store import Record
from tavus_sdk.testing._urls import check_urls

__all__ = ["DEFAULT_PERSONA_ID", "ROUTES", "set_participant", "tick"]

DEFAULT_PERSONA_ID = "p2fbd605"
"""Used when a conversation names only a replica ("the default Tavus persona",
docs.tavus.io/sections/conversational-video-interface/conversation/overview). The docs do not
say which one it is; the stock "Tavus' Personal AI", described as the "general Tavus-branded assistant"
(docs.tavus.io/sections/conversational-video-interface/persona/stock-personas), is the closest match."""

CONCURRENCY_MESSAGE = "User has reached maximum concurrent conversations"
ROOM_URL = "https://tavus.daily.co/"

ENDED_BY_ENDPOINT = "end_conversation_endpoint_hit"
ENDED_BY_DELETE = "daily_room_has_been_deleted"
ENDED_BY_DURATION = "max_call_duration reached"
ENDED_BY_ABSENCE = "participant_absent_timeout reached"
ENDED_BY_LEAVING = "participant_left_timeout reached"

_TABLE = "conversations"
_KIND = "Conversation"


# -- routes ---------------------------------------------------------------------------------------------------


def create(ctx: Context, req: ApiRequest) -> dict[str, Any]:
    body: dict[str, Any] = req.body
    check_urls(body, ())  # callback_url: an absolute http(s) URL, or "" for none
    persona = _persona(ctx, body)
    replica_id = _replica_id(ctx, body, persona)
    _check_documents(ctx, body)
    properties = _properties(ctx, body.get("properties") or {})
    test_mode = bool(body.get("test_mode"))
    if not test_mode and _limit_reached(ctx):
        raise bad_request(CONCURRENCY_MESSAGE)
    record = _new_record(ctx, body, persona, replica_id, properties)
    if test_mode:
        # docs.tavus.io/api-reference/conversations/create-conversation: "the conversation will be created with
        # status ended", the replica does not join, no cost and no concurrency slot. Nothing happens afterwards
        # (no events, callbacks or transcript: the docs describe none for a test conversation).
        record.update(status="ended", ended_at=record["created_at"])
    ctx.store.table(_TABLE)[record["conversation_id"]] = record
    return public(record)


def list_(ctx: Context, req: ApiRequest) -> dict[str, Any]:
    status = req.query.get("status")
    records = (r for r in ctx.store.table(_TABLE).values() if status is None or r["status"] == status)
    return paged(req, map(public, records), first_page=1)


def get(ctx: Context, req: ApiRequest) -> dict[str, Any]:
    record = ctx.require(_TABLE, req.path["conversation_id"], "conversation_id")
    if not req.query.get("verbose"):
        return public(record)
    return _verbose(record)


def end(ctx: Context, req: ApiRequest) -> None:
    record = ctx.require(_TABLE, req.path["conversation_id"], "conversation_id")
    if record["status"] == "active":  # ending an ended conversation is a harmless 200 (spec decision 3)
        _finish(ctx, record, ctx.now(), ENDED_BY_ENDPOINT)


def delete(ctx: Context, req: ApiRequest) -> Reply:
    """204 NO CONTENT (docs.tavus.io/api-reference/conversations/delete-conversation)."""
    # ``?hard=true`` (docs.tavus.io/api-reference/conversations/delete-conversation) also erases what Tavus keeps
    # after a soft delete (recordings, transcripts, training footage); the emulator keeps none of that, so both
    # look the same through the API: the id is unknown afterwards.
    conversation_id = req.path["conversation_id"]
    record = ctx.require(_TABLE, conversation_id, "conversation_id")
    if record["status"] == "active":
        # Deleting a live conversation deletes its Daily room: the replica is shut down with the documented
        # reason for that, the usual end-of-call callbacks follow, and the concurrency slot is freed.
        _finish(ctx, record, ctx.now(), ENDED_BY_DELETE)
    del ctx.store.table(_TABLE)[conversation_id]
    return Reply(204)


ROUTES: dict[str, Handler] = {
    "conversations_create": create,
    "conversations_list": list_,
    "conversations_get": get,
    "conversations_delete": delete,
    "conversations_end": end,
}


# -- create: checks -------------------------------------------------------------------------------------------


def _persona(ctx: Context, body: dict[str, Any]) -> Record | None:
    """The persona named in the body, or the default Tavus persona when none is named."""
    persona_id = body.get("persona_id")
    if persona_id is None:
        return ctx.store.table("personas").get(DEFAULT_PERSONA_ID)  # absent in an emulator without stock data
    persona = ctx.store.table("personas").get(persona_id)
    if persona is None or not ctx.visible(persona):
        raise bad_request(f"Persona not found: {persona_id}", field="persona_id")
    return persona


def _replica_id(ctx: Context, body: dict[str, Any], persona: Record | None) -> str:
    """The request's replica wins over the persona's default one
    (docs.tavus.io/api-reference/conversations/create-conversation); it must exist and be ready."""
    replica_id = body.get("replica_id")
    source = ""
    if replica_id is None and "persona_id" in body and persona is not None:
        replica_id = persona.get("default_replica_id")
        source = f" (the default_replica_id of persona {persona['persona_id']})"
    if not replica_id:
        if "persona_id" in body:
            message = f"replica_id is required: persona {body['persona_id']} has no default_replica_id"
        else:
            message = "replica_id is required: give a replica_id, or a persona_id whose persona has a default replica"
        raise bad_request(message, field="replica_id")
    replica = ctx.store.table("replicas").get(replica_id)
    if replica is None or not ctx.visible(replica):
        raise bad_request(f"Replica not found: {replica_id}{source}", field="replica_id")
    status = replica.get("status")
    if status not in ("completed", "ready"):  # "ready": state saved before the official statuses
        raise bad_request(
            f"Replica {replica_id}{source} cannot join a conversation: its status is {status}, it must be completed",
            field="replica_id",
        )
    return str(replica_id)


def _check_documents(ctx: Context, body: dict[str, Any]) -> None:
    for index, document_id in enumerate(body.get("document_ids") or []):
        document = ctx.store.table("documents").get(document_id)
        # documents are scoped to their API key (docs.tavus.io/sections/conversational-video-interface/faq)
        if document is None or not ctx.visible(document):
            raise bad_request(f"Document not found: {document_id}", field=f"document_ids.{index}")


def _properties(ctx: Context, given: dict[str, Any]) -> dict[str, Any]:
    """The call controls with the spec's defaults filled in; a configured lower duration limit is enforced too."""
    limit = ctx.limits.max_call_duration
    duration = given.get("max_call_duration")
    if duration is not None and duration > limit:
        raise unprocessable([("properties.max_call_duration", f"{duration} is greater than the maximum of {limit}")])
    return {**_property_defaults(), **given}


@cache
def _property_defaults() -> dict[str, Any]:
    schema = load_spec()["components"]["schemas"]["ConversationProperties"]["properties"]
    return {name: spec["default"] for name, spec in schema.items() if "default" in spec}


def _limit_reached(ctx: Context) -> bool:
    limit = ctx.limits.max_concurrent_conversations
    if limit is None:
        return False
    active = sum(1 for record in ctx.store.table(_TABLE).values() if record["status"] == "active")
    return active >= limit


# -- create: the record ---------------------------------------------------------------------------------------


def _new_record(
    ctx: Context, body: dict[str, Any], persona: Record | None, replica_id: str, properties: dict[str, Any]
) -> Record:
    now = ctx.now()
    stamp = iso(now)
    conversation_id = ctx.store.new_id(_TABLE, "c", 15)
    record: Record = {
        "conversation_id": conversation_id,
        "conversation_name": body.get("conversation_name") or f"New Conversation {int(now * 1000)}",
        "conversation_url": ROOM_URL + conversation_id,
        "status": "active",
        "callback_url": body.get("callback_url") or "",
        "replica_id": replica_id,
        "persona_id": persona["persona_id"] if persona is not None else None,
        "created_at": stamp,
        "updated_at": stamp,
        "ended_at": None,
    }
    if body.get("require_auth"):
        record["meeting_token"] = _meeting_token(conversation_id, now)
    # Private: what the lifecycle needs. The persona is read now, as it was when the call started.
    record.update(
        {
            "_created": now,
            "_replica_join_at": now + ctx.timings.replica_join,
            "_replica_joined": False,
            "_max_call_duration": properties.get("max_call_duration") or ctx.limits.max_call_duration,
            "_participant_absent_timeout": properties["participant_absent_timeout"],
            "_participant_left_timeout": properties["participant_left_timeout"],
            "_max_participants": body.get("max_participants"),
            "_participants": [],
            "_ever_joined": False,
            "_empty_since": None,
            "_memory_stores": list(body.get("memory_stores") or []),
            "_echo": persona is not None and persona.get("pipeline_mode") == "echo",
            "_system_prompt": _system_prompt(persona, body.get("conversational_context")),
            "_greeting": body.get("custom_greeting") or _default_greeting(persona),
            "_perception_model": _perception_model(persona),
            "_shutdown_reason": None,
            "_transcript": None,
            "_events": [],
        }
    )
    return record


def _meeting_token(conversation_id: str, now: float) -> str:
    """A JWT-shaped room token
    (docs.tavus.io/sections/conversational-video-interface/conversation/customizations/private-rooms):
    ``{"alg":"HS256","typ":"JWT"}``, the room claims, a signature."""
    header = _b64({"alg": "HS256", "typ": "JWT"})
    claims = _b64({"r": conversation_id, "iat": int(now), "o": False})
    return f"{header}.{claims}.{base64.urlsafe_b64encode(secrets.token_bytes(32)).decode().rstrip('=')}"


def _b64(value: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(value, separators=(",", ":")).encode()).decode().rstrip("=")


def _system_prompt(persona: Record | None, conversational_context: str | None) -> str:
    """The LLM's system message: the persona's prompt and context, then the conversation's context
    (docs.tavus.io/sections/event-schemas/conversation-append-context)."""
    parts = [persona.get("system_prompt"), persona.get("context")] if persona is not None else []
    parts.append(conversational_context)
    return " ".join(part.strip() for part in parts if isinstance(part, str) and part.strip())


def _default_greeting(persona: Record | None) -> str:
    name = persona.get("persona_name") if persona is not None else None
    return f"Hi, I'm {name}! How can I help you today?" if name else "Hi there! How can I help you today?"


def _perception_model(persona: Record | None) -> str | None:
    """The persona's perception model: none without a perception layer or in echo mode
    (docs.tavus.io/sections/conversational-video-interface/quickstart/use-the-full-pipeline),
    the layer's default (``raven-0``) when the layer does not name one."""
    if persona is None or persona.get("pipeline_mode") == "echo":
        return None
    layers = persona.get("layers")
    perception = layers.get("perception") if isinstance(layers, dict) else None
    if not isinstance(perception, dict):
        return None
    model = perception.get("perception_model", _perception_default())
    return model if isinstance(model, str) else None


@cache
def _perception_default() -> str:
    return str(load_spec()["components"]["schemas"]["PerceptionLayer"]["properties"]["perception_model"]["default"])


# -- views ----------------------------------------------------------------------------------------------------


def _verbose(record: Record) -> dict[str, Any]:
    """``?verbose=true`` adds the shutdown reason, the events and, once the call has ended, the transcript."""
    view = public(record)
    view["shutdown_reason"] = record["_shutdown_reason"]
    view["events"] = list(record["_events"])
    if record["_transcript"] is not None:
        view["transcript"] = list(record["_transcript"])
    return view


# -- lifecycle ------------------------------------------------------------------------------------------------


def tick(ctx: Context) -> float | None:
    due: float | None = None
    for record in list(ctx.store.table(_TABLE).values()):
        _advance(ctx, record)
        upcoming = _next_change(record)
        if upcoming is not None and (due is None or upcoming < due):
            due = upcoming
    return due


def _next_change(record: Record) -> float | None:
    """When this call next changes by itself: the replica joins, or a timer ends it."""
    if record["status"] != "active":
        return None
    ending = _due_end(record)
    times = [] if ending is None else [ending[0]]
    if not record["_replica_joined"]:
        times.append(record["_replica_join_at"])
    return min(times, default=None)


def _advance(ctx: Context, record: Record) -> None:
    """Replay what was due up to now, in order: the replica joins, then (maybe) the call ends."""
    if record["status"] != "active":
        return
    now = ctx.now()
    ending = _due_end(record)
    join_at: float = record["_replica_join_at"]
    if not record["_replica_joined"] and join_at <= now and (ending is None or join_at <= ending[0]):
        _replica_joined(ctx, record, join_at)
    if ending is not None and ending[0] <= now:
        _finish(ctx, record, ending[0], ending[1])


def _due_end(record: Record) -> tuple[float, str] | None:
    """When the call ends by itself if nothing else happens, and why; ``None`` when no timer is running."""
    created: float = record["_created"]
    candidates = [(created + record["_max_call_duration"], ENDED_BY_DURATION)]
    if not record["_ever_joined"]:
        # The table's meaning is followed
        # (docs.tavus.io/sections/conversational-video-interface/conversation/customizations/call-duration-and-timeout):
        # nobody joined this long after creation (spec x-note).
        candidates.append((created + record["_participant_absent_timeout"], ENDED_BY_ABSENCE))
    elif record["_empty_since"] is not None:
        candidates.append((record["_empty_since"] + record["_participant_left_timeout"], ENDED_BY_LEAVING))
    return min(candidates, key=lambda candidate: candidate[0])


def _replica_joined(ctx: Context, record: Record, at: float) -> None:
    record["_replica_joined"] = True
    record["updated_at"] = iso(at)
    _emit(ctx, record, "system.replica_joined", {"replica_id": record["replica_id"]}, at)
    ctx.changed = True


def _finish(ctx: Context, record: Record, at: float, reason: str) -> None:
    """End the call at ``at``: status, shutdown, transcript, perception analysis (raven-0 only)."""
    stamp = iso(at)
    record["status"] = "ended"
    record["ended_at"] = stamp
    record["updated_at"] = stamp
    record["_participants"] = []
    record["_shutdown_reason"] = reason
    replica_id = record["replica_id"]
    _emit(ctx, record, "system.shutdown", {"replica_id": replica_id, "shutdown_reason": reason}, at)
    transcript = _transcript(record)
    record["_transcript"] = transcript
    _emit(ctx, record, "application.transcription_ready", {"replica_id": replica_id, "transcript": transcript}, at)
    # docs.tavus.io/sections/webhooks-and-callbacks: perception analysis is a Raven feature (raven-0 on the page
    # that says so; raven-1, the newer default, is its successor and keeps it)
    if record["_perception_model"] in ("raven-0", "raven-1"):
        _emit(ctx, record, "application.perception_analysis", {"analysis": _analysis(record, at)}, at)
    ctx.changed = True


def _emit(ctx: Context, record: Record, event_type: str, properties: dict[str, Any], at: float) -> None:
    """Record the event for ``?verbose=true`` and POST it to the callback URL in the documented envelope."""
    event = {
        "event_type": event_type,
        "message_type": event_type.partition(".")[0],
        "timestamp": iso(at),
        "properties": properties,
    }
    record["_events"].append(event)
    callback_url = record["callback_url"]
    payload = {
        "properties": properties,
        "conversation_id": record["conversation_id"],
        "webhook_url": callback_url,
        "event_type": event_type,
        "message_type": event["message_type"],
        "timestamp": event["timestamp"],
    }
    ctx.webhook(callback_url, payload, at=at, event=event_type)


def _transcript(record: Record) -> list[dict[str, str]]:
    """The chat history: the system message, then the greeting if the replica made it into the room.

    Nobody speaks in the emulator, so that is all there is. Echo-mode personas (Pipecat, LiveKit) have no LLM:
    the replica only speaks what the client sends, which never reaches the emulator, so their history is empty.
    """
    if record["_echo"]:
        return []
    transcript = [{"role": "system", "content": record["_system_prompt"]}] if record["_system_prompt"] else []
    if record["_replica_joined"]:
        transcript.append({"role": "assistant", "content": record["_greeting"]})
    return transcript


def _analysis(record: Record, at: float) -> str:
    seconds = int(at - record["_created"])
    header = f"Here's a summary of the visual observations taken during the video call over the last {seconds} seconds:"
    if not record["_ever_joined"]:
        return f"{header}\n\n*   **User Appearance:** No participant was visible during the call."
    return (
        f"{header}\n\n*   **User Appearance:** One participant, seated and facing the camera.\n"
        "*   **Emotional States & Patterns:** Calm and attentive throughout.\n"
        "*   **Notable Screen Activities:** No screen share was observed."
    )


# -- participants (TavusEmulator.join / leave) -------------------------------------------------------------------


def set_participant(ctx: Context, conversation_id: str, participant: str, *, joined: bool) -> None:
    """A human joins or leaves the room. Unknown id: 404; ended call, full room or absent participant: 409."""
    record = ctx.get(_TABLE, conversation_id, _KIND)
    if record["status"] != "active":
        raise conflict(f"Conversation {conversation_id} has ended; its room is closed")
    present: list[str] = record["_participants"]
    if joined:
        if participant in present:
            return
        capacity = record["_max_participants"]
        # The replica takes one place
        # (docs.tavus.io/sections/conversational-video-interface/conversation/customizations/participant-limits):
        # max_participants 2 leaves room for one human.
        if capacity is not None and len(present) + 1 >= capacity:
            raise conflict(
                f"Conversation {conversation_id} is full: max_participants is {capacity}, the replica included"
            )
        present.append(participant)
        record["_ever_joined"] = True
        record["_empty_since"] = None
    else:
        if participant not in present:
            raise conflict(f"{participant} is not in conversation {conversation_id}")
        present.remove(participant)
        if not present:
            record["_empty_since"] = ctx.now()
    ctx.changed = True
    _advance(ctx, record)  # participant_left_timeout 0 ends the call at once
