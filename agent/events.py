"""Tavus app messages (the replica's side of the room) as typed events.

Tavus broadcasts ``{"message_type": "conversation", "event_type": ..., "conversation_id": ..., "properties": {...}}``
app messages in the Daily room. ``parse_app_message`` turns the ones an agent acts on into frozen dataclasses;
``TavusEvents`` fans them out to listeners and keeps track of the replica's speech, so the agent can wait for
the replica to finish a goodbye before the conversation is ended.
"""

from __future__ import annotations

import asyncio
import json
import time
import weakref
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, TypeAlias

from loguru import logger

__all__ = [
    "ReplicaInterrupted",
    "ReplicaStartedSpeaking",
    "ReplicaStoppedSpeaking",
    "TavusEvent",
    "TavusEventListener",
    "TavusEvents",
    "ToolCall",
    "UserStartedSpeaking",
    "UserStoppedSpeaking",
    "Utterance",
    "attach_events",
    "events_of",
    "parse_app_message",
]


@dataclass(frozen=True)
class ReplicaStartedSpeaking:
    conversation_id: str
    inference_id: str | None = None


@dataclass(frozen=True)
class ReplicaStoppedSpeaking:
    conversation_id: str
    inference_id: str | None = None
    duration: float | None = None
    """Seconds the replica spoke; Tavus may send null."""


@dataclass(frozen=True)
class ReplicaInterrupted:
    conversation_id: str
    inference_id: str | None = None


@dataclass(frozen=True)
class UserStartedSpeaking:
    conversation_id: str
    inference_id: str | None = None


@dataclass(frozen=True)
class UserStoppedSpeaking:
    conversation_id: str
    inference_id: str | None = None


@dataclass(frozen=True)
class Utterance:
    """What someone said, as Tavus transcribed it (``role`` is ``user`` or ``replica``)."""

    conversation_id: str
    role: str
    speech: str
    inference_id: str | None = None


@dataclass(frozen=True)
class ToolCall:
    """A tool the persona's LLM asked the client to run (Tavus never runs tools itself)."""

    conversation_id: str
    name: str
    arguments: dict[str, Any] = field(default_factory=dict)
    inference_id: str | None = None


TavusEvent: TypeAlias = (
    ReplicaStartedSpeaking
    | ReplicaStoppedSpeaking
    | ReplicaInterrupted
    | UserStartedSpeaking
    | UserStoppedSpeaking
    | Utterance
    | ToolCall
)
TavusEventListener: TypeAlias = Callable[[TavusEvent], Awaitable[None] | None]


def _str_or_none(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _float_or_none(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _arguments(value: object) -> dict[str, Any]:
    # OpenAI-style tool calls carry the arguments as a JSON string; some clients send an object.
    if isinstance(value, str):
        try:
            value = json.loads(value) if value.strip() else {}
        except json.JSONDecodeError:
            return {"_raw": value}
    return dict(value) if isinstance(value, dict) else {}


def parse_app_message(message: object) -> TavusEvent | None:
    """The typed event for a Tavus app message; ``None`` for anything else (other apps, unknown events)."""
    if not isinstance(message, dict) or message.get("message_type") != "conversation":
        return None
    event_type = message.get("event_type")
    conversation_id = str(message.get("conversation_id") or "")
    raw_properties = message.get("properties")
    props: dict[str, Any] = raw_properties if isinstance(raw_properties, dict) else {}
    inference_id = _str_or_none(props.get("inference_id"))
    match event_type:
        case "conversation.replica.started_speaking":
            return ReplicaStartedSpeaking(conversation_id, inference_id)
        case "conversation.replica.stopped_speaking":
            return ReplicaStoppedSpeaking(conversation_id, inference_id, _float_or_none(props.get("duration")))
        case "conversation.replica_interrupted":
            return ReplicaInterrupted(conversation_id, inference_id)
        case "conversation.user.started_speaking":
            return UserStartedSpeaking(conversation_id, inference_id)
        case "conversation.user.stopped_speaking":
            return UserStoppedSpeaking(conversation_id, inference_id)
        case "conversation.utterance":
            speech = props.get("speech")
            if not isinstance(speech, str):
                return None
            return Utterance(conversation_id, str(props.get("role") or "unknown"), speech, inference_id)
        case "conversation.tool_call":
            name = props.get("name")
            if not isinstance(name, str) or not name:
                return None
            return ToolCall(conversation_id, name, _arguments(props.get("arguments")), inference_id)
        case _:
            return None


class TavusEvents:
    """The Tavus events of one conversation: listeners, and whether the replica is speaking.

    Messages for another conversation id are ignored: several agents may share a room.
    """

    def __init__(self, conversation_id: str) -> None:
        self.conversation_id = conversation_id
        self._listeners: list[TavusEventListener] = []
        self._changed = asyncio.Event()
        self.replica_speaking = False
        self._last_start_at: float | None = None
        self._last_stop_at: float | None = None
        self._last_stop_id: str | None = None

    def add_listener(self, listener: TavusEventListener) -> None:
        self._listeners.append(listener)

    async def handle_app_message(self, message: object) -> TavusEvent | None:
        """Parse, record and dispatch one app message; returns the event, if it was one."""
        event = parse_app_message(message)
        if event is None or (event.conversation_id and event.conversation_id != self.conversation_id):
            return None
        if isinstance(event, ReplicaStartedSpeaking):
            self.replica_speaking = True
            self._last_start_at = time.monotonic()
        elif isinstance(event, ReplicaStoppedSpeaking | ReplicaInterrupted):
            self.replica_speaking = False
            self._last_stop_at = time.monotonic()
            self._last_stop_id = event.inference_id
        self._changed.set()
        self._changed = asyncio.Event()
        for listener in list(self._listeners):
            try:
                result = listener(event)
                if result is not None:
                    await result
            except Exception:  # a broken listener must not take the room down
                logger.exception(f"Tavus event listener failed on {event}")
        return event

    async def wait_until_replica_stops(self, *, since: float, inference_id: str | None, timeout: float) -> bool:
        """Wait until the replica has stopped speaking after ``since`` (a ``time.monotonic()``), at most ``timeout``.

        It counts as stopped when a stopped-speaking event names ``inference_id``, or when the replica started
        speaking after ``since`` and has stopped since: a late stop of an earlier utterance does not count.
        Returns False on timeout.
        """
        deadline = time.monotonic() + timeout
        while True:
            if self._stopped_since(since, inference_id):
                return True
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return False
            try:
                await asyncio.wait_for(self._changed.wait(), remaining)
            except TimeoutError:
                return self._stopped_since(since, inference_id)

    def _stopped_since(self, since: float, inference_id: str | None) -> bool:
        if self._last_stop_at is None or self._last_stop_at < since:
            return False
        if inference_id is not None and self._last_stop_id == inference_id:
            return True
        started = self._last_start_at
        return started is not None and started >= since and not self.replica_speaking


_ATTACHED: weakref.WeakKeyDictionary[object, TavusEvents] = weakref.WeakKeyDictionary()


def attach_events(owner: object, events: TavusEvents) -> None:
    """Make ``events`` reachable from ``owner`` (the agent attaches them to its ``FlowManager``)."""
    _ATTACHED[owner] = events


def events_of(owner: object) -> TavusEvents | None:
    """The Tavus events of the conversation a flow runs in, e.g. ``events_of(flow_manager)`` in a handler or action.

    ``None`` when the flow runs outside the agent (in a test, say).
    """
    return _ATTACHED.get(owner)
