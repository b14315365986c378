"""Typed models for the callbacks Tavus POSTs to a ``callback_url``, and a parser for them.

Four kinds of callback exist:

* conversation events (``POST /conversations``): an envelope with ``conversation_id``,
  ``event_type``, ``message_type``, ``timestamp`` and event-specific ``properties``; one class per
  documented ``event_type`` and :class:`UnknownConversationEvent` for any other;
* replica training results (``POST /replicas``): :class:`ReplicaTrainingEvent`;
* video generation results (``POST /videos``): the full video object, :class:`VideoGenerationEvent`;
* document processing updates (``POST /documents``): :class:`DocumentStatusEvent`.

Every model keeps fields it does not know, and enum-like fields accept values not listed here, so a
callback Tavus extends tomorrow still parses today. Tavus documents no signature, retry or auth
scheme for callbacks: put an unguessable token in the ``callback_url`` and check it in the handler.

Use in a web handler (any framework; ``request`` stands for its request object)::

    from tavus_sdk.webhooks import ShutdownEvent, TranscriptionReadyEvent, WebhookParseError, parse_webhook

    def tavus_callback(request) -> int:
        try:
            event = parse_webhook(request.body)  # bytes, str or an already-decoded dict
        except WebhookParseError as exc:
            log.warning("rejected Tavus callback: %s", exc)
            return 400
        match event:
            case ShutdownEvent():
                mark_ended(event.conversation_id, reason=event.properties.shutdown_reason)
            case TranscriptionReadyEvent():
                store_transcript(event.conversation_id, event.properties.transcript)
            case _:
                pass  # other events: acknowledge and ignore
        return 200
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any, Literal, TypeAlias, TypeVar

import pydantic
from pydantic import Field

from tavus_sdk._exceptions import TavusError
from tavus_sdk._json import json_type
from tavus_sdk._models import BaseModel, Timestamp
from tavus_sdk.types.conversation import MessageType, ShutdownReason, TranscriptEntry, TranscriptRole
from tavus_sdk.types.document import Document, DocumentStatus
from tavus_sdk.types.video import Video, VideoStatus

__all__ = [
    "ConversationWebhookEvent",
    "DocumentStatusEvent",
    "PerceptionAnalysisEvent",
    "PerceptionAnalysisProperties",
    "RecordingReadyEvent",
    "RecordingReadyProperties",
    "ReplicaJoinedEvent",
    "ReplicaJoinedProperties",
    "ReplicaTrainingEvent",
    "ReplicaTrainingStatus",
    "ShutdownEvent",
    "ShutdownProperties",
    "TranscriptMessage",
    "TranscriptionReadyEvent",
    "TranscriptionReadyProperties",
    "UnknownConversationEvent",
    "VideoGenerationEvent",
    "WebhookEvent",
    "WebhookParseError",
    "parse_webhook",
]


# --- conversation events ------------------------------------------------------------------------


class _ConversationEventBase(BaseModel):
    event_type: str
    """What happened, e.g. ``system.shutdown``."""
    message_type: MessageType | None = None
    """``system`` or ``application``."""
    webhook_url: str | None = None
    """The ``callback_url`` the event was sent to."""

    @property
    def is_system(self) -> bool:
        """A ``system.*`` event (the replica joined, the room shut down)."""
        return self._category == "system"

    @property
    def is_application(self) -> bool:
        """An ``application.*`` event (transcript, recording, perception analysis)."""
        return self._category == "application"

    @property
    def _category(self) -> str:
        if self.message_type is not None:
            return self.message_type
        return self.event_type.partition(".")[0]


class _KnownConversationEvent(_ConversationEventBase):
    conversation_id: str
    """The conversation the event belongs to."""
    message_type: MessageType
    timestamp: Timestamp
    """When the event happened (ISO-8601, UTC)."""


class ReplicaJoinedProperties(BaseModel):
    replica_id: str


class ReplicaJoinedEvent(_KnownConversationEvent):
    """``system.replica_joined``: the replica is in the room and ready for the conversation."""

    event_type: Literal["system.replica_joined"]
    properties: ReplicaJoinedProperties


class ShutdownProperties(BaseModel):
    replica_id: str
    shutdown_reason: ShutdownReason
    """Free text. The docs spell the timeout reasons both with and without a ``" reached"`` suffix."""

    @property
    def reason_key(self) -> str:
        """``shutdown_reason`` without the ``" reached"`` suffix, so both spellings compare equal."""
        return self.shutdown_reason.removesuffix(" reached")


class ShutdownEvent(_KnownConversationEvent):
    """``system.shutdown``: the room shut down (timeout, end endpoint, error...)."""

    event_type: Literal["system.shutdown"]
    properties: ShutdownProperties


class TranscriptMessage(TranscriptEntry):
    """One message of the chat history; ``role`` and ``content`` are always present in callbacks."""

    role: TranscriptRole
    content: str


class TranscriptionReadyProperties(BaseModel):
    replica_id: str
    transcript: list[TranscriptMessage]
    """The chat history, system prompt first."""


class TranscriptionReadyEvent(_KnownConversationEvent):
    """``application.transcription_ready``: sent after the conversation ends, with its chat history."""

    event_type: Literal["application.transcription_ready"]
    properties: TranscriptionReadyProperties


class RecordingReadyProperties(BaseModel):
    bucket_name: str
    s3_key: str
    duration: int | float
    """Length of the recording in seconds (an integer in the docs)."""


class RecordingReadyEvent(_KnownConversationEvent):
    """``application.recording_ready``: a recording was uploaded to the customer's S3 bucket."""

    event_type: Literal["application.recording_ready"]
    properties: RecordingReadyProperties


class PerceptionAnalysisProperties(BaseModel):
    analysis: str
    """A markdown-like summary of what the replica saw during the call."""


class PerceptionAnalysisEvent(_KnownConversationEvent):
    """``application.perception_analysis``: sent after the end, for personas using ``raven-0``."""

    event_type: Literal["application.perception_analysis"]
    properties: PerceptionAnalysisProperties


class UnknownConversationEvent(_ConversationEventBase):
    """A conversation event whose ``event_type`` this SDK does not know; every field is kept."""

    conversation_id: str | None = None
    timestamp: Timestamp | None = None
    properties: dict[str, Any] = Field(default_factory=dict)


ConversationWebhookEvent: TypeAlias = (
    ReplicaJoinedEvent
    | ShutdownEvent
    | TranscriptionReadyEvent
    | RecordingReadyEvent
    | PerceptionAnalysisEvent
    | UnknownConversationEvent
)
"""Any conversation callback."""

_CONVERSATION_EVENTS: dict[
    str,
    type[ReplicaJoinedEvent]
    | type[ShutdownEvent]
    | type[TranscriptionReadyEvent]
    | type[RecordingReadyEvent]
    | type[PerceptionAnalysisEvent],
] = {
    "system.replica_joined": ReplicaJoinedEvent,
    "system.shutdown": ShutdownEvent,
    "application.transcription_ready": TranscriptionReadyEvent,
    "application.recording_ready": RecordingReadyEvent,
    "application.perception_analysis": PerceptionAnalysisEvent,
}


# --- replica, video and document callbacks ------------------------------------------------------

ReplicaTrainingStatus: TypeAlias = Literal["ready", "error"] | str


class ReplicaTrainingEvent(BaseModel):
    """Replica training finished (``status: "ready"``) or failed (``status: "error"``)."""

    replica_id: str
    status: ReplicaTrainingStatus
    error_message: str | None = None
    """Why training failed; set when ``status`` is ``"error"``."""


class VideoGenerationEvent(Video):
    """Video generation finished or failed; the payload is the full video object.

    On error ``status_details`` carries the error text and the URLs are null. Callback timestamps
    are space-separated without a zone (``2024-08-28 15:27:40.824457``) and are read as UTC.
    """

    status: VideoStatus


# The payload of document status callbacks is not documented (the docs only say that status updates
# are sent to the document's ``callback_url``). Decision: it is the document object as returned by
# GET /documents/{document_id}, with the error code in ``error_message`` (openapi.yaml Document).
class DocumentStatusEvent(Document):
    """A document's processing or recrawl status changed (``started`` -> ``processing`` -> ``ready`` | ``error``)."""

    status: DocumentStatus


WebhookEvent: TypeAlias = ConversationWebhookEvent | VideoGenerationEvent | DocumentStatusEvent | ReplicaTrainingEvent
"""Any callback :func:`parse_webhook` returns."""


# --- parsing ------------------------------------------------------------------------------------


class WebhookParseError(TavusError, ValueError):
    """The callback body is not JSON, not an object, of no known kind, or fails validation."""


_RECOGNISED_KEYS = "event_type, video_id, document_id, replica_id"


def parse_webhook(body: bytes | str | Mapping[str, Any]) -> WebhookEvent:
    """Parse a Tavus callback body into its typed model.

    ``body`` is the raw request body (bytes or str, JSON) or an already-decoded mapping. The kind is
    recognised by its keys, in this order: ``event_type`` (a conversation event; an unknown event
    type gives :class:`UnknownConversationEvent`), ``video_id``, ``document_id``, then
    ``replica_id`` with ``status`` (replica training).

    Raises :class:`WebhookParseError` (a ``ValueError``) saying what is wrong with the body.
    """
    data = _decode(body)
    if "event_type" in data:
        event_type = data["event_type"]
        known = _CONVERSATION_EVENTS.get(event_type) if isinstance(event_type, str) else None
        if known is not None:
            return _validate(known, data, f"{event_type} callback")
        return _validate(UnknownConversationEvent, data, "conversation callback")
    if "video_id" in data:
        return _validate(VideoGenerationEvent, data, "video generation callback")
    if "document_id" in data:
        return _validate(DocumentStatusEvent, data, "document status callback")
    if "replica_id" in data:
        if "status" not in data:
            raise WebhookParseError(
                "webhook body has replica_id but no status (a replica training callback has both): "
                f"got keys {_keys(data)}"
            )
        return _validate(ReplicaTrainingEvent, data, "replica training callback")
    raise WebhookParseError(f"webhook body has none of {_RECOGNISED_KEYS}: got keys {_keys(data)}")


def _keys(data: Mapping[Any, Any]) -> list[str]:
    return sorted(str(key) for key in data)


_M = TypeVar("_M", bound=BaseModel)


def _validate(model: type[_M], data: dict[str, Any], kind: str) -> _M:
    try:
        return model.model_validate(data)
    except pydantic.ValidationError as exc:
        raise WebhookParseError(f"webhook body is not a valid {kind}: {_describe(exc)}") from exc


def _decode(body: object) -> dict[str, Any]:
    if isinstance(body, Mapping):
        return dict(body)
    if isinstance(body, bytes | bytearray | memoryview):
        try:
            text = bytes(body).decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise WebhookParseError(f"webhook body is not UTF-8 text: {exc.reason} at byte {exc.start}") from exc
    elif isinstance(body, str):
        text = body
    else:
        raise WebhookParseError(f"webhook body must be bytes, str or a mapping, got {type(body).__name__}")
    if not text.strip():
        raise WebhookParseError("webhook body is empty: expected a JSON object")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise WebhookParseError(
            f"webhook body is not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
        ) from exc
    if not isinstance(data, dict):
        raise WebhookParseError(f"webhook body must be a JSON object, got {json_type(data)}")
    return data


# Pydantic adds the union member it tried to an error's location (``status.literal['ready','error']``,
# ``status.str``, ``duration.int``); Tavus field names are snake_case, so these are told apart.
_UNION_MEMBER = re.compile(r"^(?:[A-Z]\w*|literal\[.*\]|str|int|float|bool|none|[\w-]+\[.*\])$", re.DOTALL)
_MAX_ERRORS = 5


def _describe(exc: pydantic.ValidationError) -> str:
    problems: dict[str, str] = {}
    for error in exc.errors(include_url=False):
        location = ".".join(
            str(part) for part in error["loc"] if not (isinstance(part, str) and _UNION_MEMBER.match(part))
        )
        # For ``Literal[...] | str`` and ``int | float`` the last member's message is the broadest.
        problems[location or "(body)"] = error["msg"]
    described = [f"{location}: {message}" for location, message in problems.items()]
    if len(described) > _MAX_ERRORS:
        extra = len(described) - _MAX_ERRORS
        described = [*described[:_MAX_ERRORS], f"and {extra} more"]
    return "; ".join(described)
