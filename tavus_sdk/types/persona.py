"""Personas: the character, knowledge and pipeline configuration of a replica (``/personas``)."""

from collections.abc import Mapping, Sequence
from typing import Any, Literal, TypeAlias

from tavus_sdk._models import BaseModel, Secret, Timestamp
from tavus_sdk._pagination import ListParams
from tavus_sdk._types import RequestOptions

__all__ = [
    "ConversationalFlowLayer",
    "LLMLayer",
    "LLMModel",
    "PerceptionLayer",
    "PerceptionModel",
    "Persona",
    "PersonaCreateParams",
    "PersonaLayers",
    "PersonaListParams",
    "PersonaType",
    "PipelineMode",
    "ReplicaInterruptibility",
    "STTLayer",
    "Sensitivity",
    "TTSEngine",
    "TTSLayer",
    "ToolDefinition",
    "ToolFunction",
    "ToolParameterProperty",
    "ToolParameters",
    "TransportLayer",
    "TransportType",
    "TurnDetectionModel",
    "TurnTakingPatience",
    "VoiceSettings",
    "VoiceSpeed",
]

PipelineMode: TypeAlias = Literal["full", "echo"] | str
"""``full`` (default): the whole Tavus pipeline; ``echo``: the replica only renders what it is sent."""

LLMModel: TypeAlias = Literal["tavus-gpt-oss", "tavus-gpt-4o", "tavus-gpt-4o-mini", "tavus-llama-4"] | str
"""A Tavus-hosted model, or the name of a custom OpenAI-compatible model."""

TTSEngine: TypeAlias = Literal["cartesia", "elevenlabs"] | str
"""The speech engine; ``cartesia`` is the default."""

VoiceSpeed: TypeAlias = Literal["slowest", "slow", "normal", "fast", "fastest"] | str
"""The named voice speeds (the number form is engine specific)."""

Sensitivity: TypeAlias = Literal["low", "medium", "high"] | str
"""A low / medium / high setting."""

PerceptionModel: TypeAlias = Literal["raven-1", "raven-0", "off", "basic"] | str
"""``raven-0`` (default; enables screen share and perception tools), ``basic`` (legacy) or ``off``."""

STTEngine: TypeAlias = (
    Literal["tavus-auto", "tavus-parakeet", "tavus-soniox", "tavus-whisper", "tavus-deepgram-medical", "tavus-advanced"]
    | str
)

TurnDetectionModel: TypeAlias = Literal["sparrow-1", "sparrow-0", "time-based"] | str
"""``sparrow-1`` (default), ``sparrow-0`` (legacy) or ``time-based``."""

TurnTakingPatience: TypeAlias = Literal["low", "medium", "high"] | str
"""How eagerly the replica takes its turn; ``medium`` is the default."""

ReplicaInterruptibility: TypeAlias = Literal["verylow", "low", "medium", "high"] | str
"""How easily the user can interrupt the replica; ``medium`` is the default."""

TransportType: TypeAlias = Literal["livekit"] | str
"""The transport of an echo-mode persona; ``livekit`` is the only documented value."""


class ToolParameterProperty(BaseModel):
    """The JSON Schema of one tool parameter (further JSON Schema keys are kept as extras)."""

    type: str | None = None
    """JSON type of the parameter, e.g. ``string``, ``number``, ``boolean``."""
    description: str | None = None
    """What the parameter means and how to fill it."""
    enum: list[Any] | None = None
    """The allowed values, if the parameter is categorical."""


class ToolParameters(BaseModel):
    """The JSON Schema of a tool's arguments."""

    type: Literal["object"] | str | None = None
    """Always ``"object"``."""
    properties: dict[str, ToolParameterProperty] | None = None
    """One schema per parameter name."""
    required: list[str] | None = None
    """Names of the required parameters; the docs advise listing every parameter."""


class ToolFunction(BaseModel):
    """The function a tool exposes."""

    name: str | None = None
    """Unique snake_case name the model calls the function by."""
    description: str | None = None
    """What the function does; helps the model decide when to call it."""
    parameters: ToolParameters | None = None
    """Schema of the function's arguments."""


class ToolDefinition(BaseModel):
    """A tool the LLM or the perception model can call. Tavus does not run it: the call is sent
    to the client as an app message."""

    type: Literal["function"] | str | None = None
    """Always ``"function"``."""
    function: ToolFunction | None = None
    """The function's name, description and parameters."""


class LLMLayer(BaseModel):
    """``layers.llm``: the language model."""

    model: LLMModel | None = None
    """Model name: ``tavus-gpt-oss`` (recommended, used when the layer is absent), ``tavus-gpt-4o``,
    ``tavus-gpt-4o-mini``, ``tavus-llama-4``, or any custom model name. Hosted models have a
    32,000-token context."""
    base_url: str | None = None
    """Base URL of a custom OpenAI-compatible LLM, without the route (``/chat/completions`` is
    added). Required for a custom model."""
    api_key: Secret | None = None
    """API key of the custom LLM; masked unless revealed. Required for a custom model."""
    tools: list[ToolDefinition] | None = None
    """Functions the LLM may call."""
    speculative_inference: bool | None = None
    """Starts inference before the user stops speaking (recommended)."""
    headers: dict[str, Secret] | None = None
    """Extra headers sent to a custom LLM, e.g. ``Authorization``; values are masked unless
    revealed."""
    extra_body: dict[str, Any] | None = None
    """Extra request parameters; hosted models accept ``temperature`` and ``top_p``."""
    default_query: dict[str, str] | None = None
    """Query parameters added to every request to a custom LLM (e.g. ``api-version``)."""


class VoiceSettings(BaseModel):
    """``layers.tts.voice_settings``: engine-specific voice controls."""

    speed: float | VoiceSpeed | None = None
    """A number (Cartesia -1.0..1.0, ElevenLabs 0.7..1.2) or one of ``slowest``, ``slow``,
    ``normal``, ``fast``, ``fastest``."""
    emotion: list[str] | None = None
    """Cartesia only: ``"name:level"`` tags such as ``"positivity:high"``."""
    stability: float | None = None
    """ElevenLabs only: 0.0 (variable) to 1.0 (stable)."""
    similarity_boost: float | None = None
    """ElevenLabs only: 0.0 (creative) to 1.0 (original)."""
    style: float | None = None
    """ElevenLabs only: 0.0 (neutral) to 1.0 (exaggerated)."""
    use_speaker_boost: bool | None = None
    """ElevenLabs only: enhances speaker similarity."""


class TTSLayer(BaseModel):
    """``layers.tts``: the voice."""

    tts_engine: TTSEngine | None = None
    """``cartesia`` (default) or ``elevenlabs``."""
    api_key: Secret | None = None
    """The engine's API key, only needed for private voices; masked unless revealed."""
    external_voice_id: str | None = None
    """The engine's voice id."""
    pronunciation_dictionary_id: str | None = None
    """A pronunciation dictionary applied to the persona's speech."""
    tts_model_name: str | None = None
    """The engine's model, e.g. ``sonic`` or ``eleven_multilingual_v2``."""
    tts_emotion_control: bool | str | None = None
    """Cartesia only: enables emotion control. A boolean, or the strings ``"true"``/``"false"``."""
    voice_settings: VoiceSettings | None = None
    """Engine-specific voice settings."""


class STTLayer(BaseModel):
    """``layers.stt``: speech recognition."""

    stt_engine: STTEngine | None = None
    """``tavus-auto`` (default), ``tavus-parakeet``, ``tavus-soniox``, ``tavus-whisper``,
    ``tavus-deepgram-medical`` or ``tavus-advanced``."""
    hotwords: str | list[str] | None = None
    """Names or terms to recognise, as a free-text hint or a list of words (``tavus-advanced``
    engine only)."""
    smart_turn_detection: bool | None = None
    """Legacy (sparrow-0) turn detection; use ``conversational_flow`` instead."""
    participant_pause_sensitivity: Sensitivity | None = None
    """Legacy; the inverse of ``conversational_flow.turn_taking_patience``."""
    participant_interrupt_sensitivity: Sensitivity | None = None
    """Legacy; the inverse of ``conversational_flow.replica_interruptibility``."""


class PerceptionLayer(BaseModel):
    """``layers.perception``: what the replica sees."""

    perception_model: PerceptionModel | None = None
    """``raven-1`` (default), ``raven-0`` or ``off`` (``basic`` is legacy)."""
    visual_awareness_queries: list[str] | None = None
    """Questions checked continuously on the video stream."""
    visual_tool_prompt: str | None = None
    """When and how to call the visual tools."""
    visual_tools: list[ToolDefinition] | None = None
    """Tools the perception model may call on visual cues."""
    audio_awareness_queries: list[str] | None = None
    """Questions checked continuously on the audio."""
    audio_tool_prompt: str | None = None
    """When and how to call the audio tools."""
    audio_tools: list[ToolDefinition] | None = None
    """Tools the perception model may call on audio cues."""
    ambient_awareness_queries: list[str] | None = None
    """Legacy name of ``visual_awareness_queries``."""
    perception_analysis_queries: list[str] | None = None
    """Questions answered at the end of the call (``application.perception_analysis``)."""
    perception_tool_prompt: str | None = None
    """Legacy name of ``visual_tool_prompt``."""
    perception_tools: list[ToolDefinition] | None = None
    """Legacy name of ``visual_tools``."""
    tool_prompt: str | None = None
    """Undocumented; present (empty) in the stock personas."""


class ConversationalFlowLayer(BaseModel):
    """``layers.conversational_flow``: turn-taking. Inactive when nothing is set; setting any field
    gives the others their defaults."""

    voice_isolation: Literal["off", "near"] | str | None = None
    """``near`` (default) isolates the nearest speaker's voice; ``off``."""
    wake_phrase: str | None = None
    """A phrase the replica waits for before it responds."""
    idle_engagement: Literal["off", "patient", "eager"] | str | None = None
    """Whether and how soon the replica speaks up when the user is silent (``off`` by default)."""
    turn_detection_model: TurnDetectionModel | None = None
    """``sparrow-1`` (default), ``sparrow-0`` or ``time-based``."""
    turn_taking_patience: TurnTakingPatience | None = None
    """``low``, ``medium`` (default) or ``high``."""
    replica_interruptibility: ReplicaInterruptibility | None = None
    """``low``, ``medium`` (default) or ``high`` (``verylow`` also appears in the docs)."""


class TransportLayer(BaseModel):
    """``layers.transport``: how media reaches the replica."""

    transport_type: TransportType | None = None
    """E.g. ``livekit``, for an echo-mode persona."""


class PersonaLayers(BaseModel):
    """The configurable layers of the persona's pipeline."""

    llm: LLMLayer | None = None
    """The language model."""
    tts: TTSLayer | None = None
    """The voice."""
    stt: STTLayer | None = None
    """Speech recognition."""
    perception: PerceptionLayer | None = None
    """Vision."""
    conversational_flow: ConversationalFlowLayer | None = None
    """Turn-taking and interruptions."""
    transport: TransportLayer | None = None
    """Media transport."""


class Persona(BaseModel):
    """A persona, as returned by create, get, list and patch."""

    persona_id: str
    """Unique identifier of the persona."""
    persona_name: str | None = None
    """Display name of the persona."""
    pipeline_mode: PipelineMode | None = None
    """``full`` (default) or ``echo``."""
    system_prompt: str | None = None
    """Instructions for the LLM; required in ``full`` mode."""
    context: str | None = None
    """Background knowledge for the LLM."""
    default_replica_id: str | None = None
    """Replica used when a conversation gives none."""
    layers: PersonaLayers | None = None
    """Pipeline configuration."""
    objectives_id: str | None = None
    """The objectives set attached to the persona."""
    guardrails_id: str | None = None
    """The guardrails set attached to the persona."""
    guardrail_ids: list[str] | None = None
    """Single guardrails attached to the persona (newest docs)."""
    guardrail_tags: list[str] | None = None
    """Guardrails attached by tag (newest docs)."""
    document_ids: list[str] | None = None
    """Knowledge-base documents attached to the persona."""
    document_tags: list[str] | None = None
    """Knowledge-base documents attached by tag."""
    created_at: Timestamp | None = None
    """When the persona was created."""
    updated_at: Timestamp | None = None
    """When the persona last changed."""


class PersonaCreateParams(RequestOptions, total=False):
    """Keyword arguments of ``client.personas.create``."""

    persona_name: str
    """Display name of the persona."""
    system_prompt: str
    """Instructions for the LLM; required when ``pipeline_mode`` is ``full`` (the default)."""
    context: str
    """Background knowledge for the LLM."""
    default_replica_id: str
    """Replica used when a conversation gives none."""
    pipeline_mode: PipelineMode
    """``full`` (default) or ``echo``."""
    layers: PersonaLayers | Mapping[str, Any]
    """Pipeline configuration: ``llm``, ``tts``, ``stt``, ``perception``, ``conversational_flow``,
    ``transport``."""
    objectives_id: str
    """Objectives set to attach."""
    guardrails_id: str
    """Guardrails set to attach."""
    guardrail_ids: Sequence[str]
    """Single guardrails to attach (up to 50; newest docs)."""
    guardrail_tags: Sequence[str]
    """Attach every guardrail with one of these tags (newest docs)."""
    document_ids: Sequence[str]
    """Knowledge-base documents to attach."""
    document_tags: Sequence[str]
    """Attach every knowledge-base document with one of these tags."""


PersonaType: TypeAlias = Literal["user", "system"] | str
"""``system``: the stock personas Tavus made; ``user``: the account's own."""


class PersonaListParams(ListParams, total=False):
    """Keyword arguments of ``client.personas.list``: paging, and the ``persona_type`` filter
    (docs.tavus.io/api-reference/personas/get-personas)."""

    persona_type: PersonaType
