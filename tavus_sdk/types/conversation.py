"""Conversations: real-time video calls between people and a replica (``/conversations``)."""

from collections.abc import Mapping, Sequence
from typing import Any, Literal, TypeAlias

from tavus_sdk._models import BaseModel, Timestamp
from tavus_sdk._pagination import ListParams
from tavus_sdk._types import RequestOptions

__all__ = [
    "Conversation",
    "ConversationCreateParams",
    "ConversationEvent",
    "ConversationEventType",
    "ConversationListParams",
    "ConversationProperties",
    "ConversationStatus",
    "DocumentRetrievalStrategy",
    "MessageType",
    "RecordingStorage",
    "ShutdownReason",
    "TranscriptEntry",
    "TranscriptRole",
]

ConversationStatus: TypeAlias = Literal["active", "ended"] | str
"""``active`` from creation until the call ends, then ``ended``."""

DocumentRetrievalStrategy: TypeAlias = Literal["speed", "balanced", "quality"] | str
"""How the knowledge base is searched during the call; ``balanced`` is the default."""

ShutdownReason: TypeAlias = (
    Literal[
        "max_call_duration",
        "max_call_duration reached",
        "participant_left_timeout",
        "participant_left_timeout reached",
        "participant_absent_timeout",
        "participant_absent_timeout reached",
        "bot_could_not_join_meeting_it_was_probably_ended",
        "daily_room_has_been_deleted",
        "exception_encountered_during_conversation_startup",
        "end_conversation_endpoint_hit",
    ]
    | str
)
"""Why a call ended. A free string: the docs write the timeout reasons both with and without
the `` reached`` suffix, and internal errors read ``internal error occurred at step x``."""

TranscriptRole: TypeAlias = Literal["system", "user", "assistant"] | str
"""Who produced a transcript entry."""

MessageType: TypeAlias = Literal["system", "application"] | str
"""The family of a conversation event."""

ConversationEventType: TypeAlias = (
    Literal[
        "system.replica_joined",
        "system.shutdown",
        "application.transcription_ready",
        "application.recording_ready",
        "application.perception_analysis",
    ]
    | str
)
"""The kind of a conversation event (the same names as the callback webhooks)."""


class RecordingStorage(BaseModel):
    """Where recordings go (``properties.recording_storage``): S3, GCS or Azure Blob. It replaces the
    deprecated flat ``recording_s3_bucket_*`` and ``aws_assume_role_arn`` fields."""

    provider: Literal["s3", "gcs", "azure_blob"] | str
    bucket_name: str | None = None
    bucket_region: str | None = None
    assume_role_arn: str | None = None
    external_id: str | None = None
    project_id: str | None = None
    workload_identity_provider: str | None = None
    service_account_email: str | None = None
    storage_account: str | None = None
    container: str | None = None
    tenant_id: str | None = None
    client_id: str | None = None


class ConversationProperties(BaseModel):
    """Call controls sent as ``properties`` when creating a conversation."""

    recording_storage: RecordingStorage | None = None
    """Where recordings go (S3, GCS or Azure Blob)."""

    max_call_duration: int | None = None
    """Maximum length of the call in seconds; the call ends when it is reached, whatever is
    happening. At most 3600."""
    participant_left_timeout: int | None = None
    """Seconds to wait after the last participant leaves before ending the call. Default 0."""
    participant_absent_timeout: int | None = None
    """Seconds to wait for a participant (the docs also describe it as inactivity while present)
    before ending the call. Default 300."""
    enable_recording: bool | None = None
    """Allows the call to be recorded to your S3 bucket. Recording is started from the client
    (Daily ``startRecording()``), not by this flag. Default false."""
    aws_assume_role_arn: str | None = None
    """ARN of the IAM role Tavus assumes to write recordings to your bucket."""
    recording_s3_bucket_region: str | None = None
    """AWS region of the recording bucket."""
    recording_s3_bucket_name: str | None = None
    """Name of the recording bucket; it must have versioning turned on."""
    enable_closed_captions: bool | None = None
    """Shows closed captions in the call."""
    apply_greenscreen: bool | None = None
    """Renders the replica on a green background, to be replaced client-side."""
    language: str | None = None
    """Full language name (``"spanish"``, not a code), or ``"multilingual"`` for automatic
    detection. English when unset."""


class TranscriptEntry(BaseModel):
    """One message of a conversation transcript."""

    role: TranscriptRole | None = None
    """``system``, ``user`` or ``assistant``."""
    content: str | None = None
    """The text of the message."""
    timestamp: Timestamp | None = None
    """When the message was produced, when the API reports it."""


class ConversationEvent(BaseModel):
    """An event recorded for a conversation, returned by ``GET /conversations/{id}?verbose=true``."""

    event_type: ConversationEventType | None = None
    """What happened, e.g. ``system.replica_joined`` or ``system.shutdown``."""
    message_type: MessageType | None = None
    """``system`` or ``application``."""
    timestamp: Timestamp | None = None
    """When the event happened."""
    properties: dict[str, Any] | None = None
    """Event data, e.g. ``replica_id``, ``shutdown_reason``, ``transcript`` or ``analysis``."""


class Conversation(BaseModel):
    """A conversation, as returned by create, get and list."""

    conversation_id: str
    """Unique identifier of the conversation."""
    conversation_name: str | None = None
    """Name of the conversation; ``"New Conversation <epoch-ms>"`` when none was given."""
    conversation_url: str | None = None
    """URL of the call room (``https://tavus.daily.co/<conversation_id>``) to join."""
    status: ConversationStatus | None = None
    """``active`` or ``ended``."""
    callback_url: str | None = None
    """URL that receives the conversation's webhooks; ``""`` when none was given."""
    replica_id: str | None = None
    """The replica in the call."""
    persona_id: str | None = None
    """The persona driving the replica."""
    meeting_token: str | None = None
    """Token needed to join a private room; only present when ``require_auth`` was true."""
    shutdown_reason: ShutdownReason | None = None
    """Why the call ended (verbose responses)."""
    transcript: list[TranscriptEntry] | None = None
    """The full transcript (verbose responses)."""
    events: list[ConversationEvent] | None = None
    """Events recorded during the call (verbose responses)."""
    created_at: Timestamp | None = None
    """When the conversation was created (billing and timers start then)."""
    updated_at: Timestamp | None = None
    """When the conversation last changed."""
    ended_at: Timestamp | None = None
    """When the call ended."""


class ConversationCreateParams(RequestOptions, total=False):
    """Keyword arguments of ``client.conversations.create``."""

    replica_id: str
    """Replica to use. Required unless the persona has a ``default_replica_id``; overrides it when
    both are given."""
    persona_id: str
    """Persona to use; the default Tavus persona when omitted."""
    conversation_name: str
    """Name of the conversation."""
    callback_url: str
    """URL that receives the conversation's webhooks."""
    conversational_context: str
    """Context added to the persona's context for this conversation."""
    custom_greeting: str
    """The replica's opening line."""
    audio_only: bool
    """No replica video is rendered; speech, perception and voice stay on."""
    memory_stores: Sequence[str]
    """Tags under which memories are kept across conversations."""
    document_ids: Sequence[str]
    """Knowledge-base documents the persona may use."""
    document_tags: Sequence[str]
    """Knowledge-base documents selected by their tags."""
    document_retrieval_strategy: DocumentRetrievalStrategy
    """``speed``, ``balanced`` (default) or ``quality``."""
    require_auth: bool
    """Makes the room private; the response then carries a ``meeting_token``."""
    max_participants: int
    """Maximum number of participants, counting the replica (2 = one person and the replica)."""
    test_mode: bool
    """Create the conversation ``ended``: the replica never joins, nothing is billed, no concurrency
    slot is taken. The cheapest way to test an integration."""
    properties: ConversationProperties | Mapping[str, Any]
    """Call controls: duration, timeouts, recording, captions, green screen, language."""


class ConversationListParams(ListParams, total=False):
    """Keyword arguments of ``client.conversations.list``: paging, and the ``status`` filter (``active`` or
    ``ended``; docs.tavus.io/api-reference/conversations/get-conversations)."""

    status: ConversationStatus
