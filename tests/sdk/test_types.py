"""The SDK's response and request models, checked against the examples in the Tavus docs.

The JSON payloads below are copied from docs.tavus.io; long prompt texts are shortened.
"""

import json
from datetime import UTC, datetime
from typing import Any

import pydantic
import pytest

import tavus_sdk.types as types
from tavus_sdk._models import MASK, reveal_secrets
from tavus_sdk._types import RequestOptions
from tavus_sdk.types import (
    Conversation,
    ConversationCreateParams,
    ConversationEvent,
    ConversationProperties,
    CrawlConfig,
    Document,
    DocumentCreateParams,
    DocumentUpdateParams,
    Guardrails,
    GuardrailsCreateParams,
    LLMLayer,
    Objective,
    Objectives,
    ObjectivesCreateParams,
    PerceptionLayer,
    Persona,
    PersonaCreateParams,
    PersonaLayers,
    Replica,
    ReplicaCreateParams,
    STTLayer,
    ToolDefinition,
    TTSLayer,
    Video,
    VideoCreateParams,
    VideoData,
    VoiceSettings,
)

# --- examples from the docs -------------------------------------------------------------------

CONVERSATION_CREATED = {
    "conversation_id": "cd7e3eac05ede40c",
    "conversation_name": "New Conversation 1751268887110",
    "conversation_url": "<conversation_link>",
    "status": "active",
    "callback_url": "",
    "created_at": "2025-06-30T07:34:47.131571Z",
}

PRIVATE_CONVERSATION_CREATED = {
    "conversation_id": "ca4301628cb9",
    "conversation_url": "https://tavus.daily.co/ca4301628cb9",
    "meeting_token": "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9...",
    "status": "active",
}

# "AI Interviewer" stock persona; the docs give its id (pe13ed370726) in the heading, not the JSON.
AI_INTERVIEWER = {
    "persona_name": "AI Interviewer",
    "pipeline_mode": "full",
    "system_prompt": "You are Mary, a seasoned Principal at a top-tier global consulting firm...",
    "context": "You are Mary, a Principal at Morrison & Blackwell...",
    "layers": {
        "perception": {
            "perception_tools": [],
            "ambient_awareness_queries": [
                "Does the candidate appear to be looking at other screens, notes, or devices during the interview?",
                "Is there another person in the scene?",
                "Are there any visual indicators of extreme nervousness (excessive fidgeting, rigid "
                "posture, or unusual facial expressions) that might affect performance?",
            ],
            "perception_model": "raven-0",
            "perception_tool_prompt": "",
            "tool_prompt": "",
        },
        "conversational_flow": {
            "turn_detection_model": "sparrow-1",
            "turn_taking_patience": "high",
            "replica_interruptibility": "low",
        },
    },
}

TAVUS_RESEARCHER = {
    "persona_id": "p48fdf065d6b",
    "persona_name": "Tavus Researcher",
    "pipeline_mode": "full",
    "system_prompt": "Your responses will be spoken out, so avoid any formatting...",
    "context": "Tavus is a Series A, AI research company...",
    "layers": {
        "conversational_flow": {
            "turn_detection_model": "sparrow-1",
            "turn_taking_patience": "medium",
            "replica_interruptibility": "low",
        }
    },
    "default_replica_id": "rf4703150052",
    "created_at": "2025-03-21T20:57:47.868278Z",
    "updated_at": "2025-03-21T20:57:47.925392Z",
}

# A persona with a Cartesia voice, from the TTS guide.
CARTESIA_PERSONA = {
    "persona_name": "AI Presenter",
    "system_prompt": "You are a friendly and informative video host.",
    "pipeline_mode": "full",
    "context": "You're delivering updates in a conversational tone.",
    "default_replica_id": "r665388ec672",
    "layers": {
        "tts": {
            "tts_engine": "cartesia",
            "api_key": "your-api-key",
            "external_voice_id": "external-voice-id",
            "voice_settings": {"speed": "normal", "emotion": ["positivity:high", "curiosity"]},
            "tts_emotion_control": True,
            "tts_model_name": "sonic",
        }
    },
}

PERCEPTION_TOOL = {
    "type": "function",
    "function": {
        "name": "notify_if_bright_outfit_shown",
        "description": "Use this function when a bright outfit is detected in the image with high confidence",
        "parameters": {
            "type": "object",
            "properties": {
                "outfit_color": {"type": "string", "description": "Best guess on what color of outfit it is"}
            },
            "required": ["outfit_color"],
        },
    },
}

VIDEO_GENERATING = {
    "video_id": "<video_id>",
    "video_name": "replica_id: <replica_id> - June 24, 2025 - video: <video_id>",
    "status": "generating",
    "data": {"script": "<text_script>", "start_with_wave": True},
    "replica_id": "<replica_id>",
    "download_url": None,
    "hosted_url": "<hosted_url>",
    "stream_url": None,
    "status_details": "",
    "created_at": "Tue, 24 Jun 2025 07:01:57 GMT",
    "updated_at": "Tue, 24 Jun 2025 07:02:25 GMT",
    "generation_progress": "37/100",
}

VIDEO_READY_FROM_AUDIO = {
    "video_id": "<video_id>",
    "video_name": "replica_id: <replica_id> - June 24, 2025 - video: <video_id>",
    "status": "ready",
    "data": {"audio_url": "<audio_url>", "start_with_wave": True},
    "replica_id": "<replica_id>",
    "download_url": "<download_url>",
    "hosted_url": "<hosted_url>",
    "stream_url": "<stream_url>",
    "status_details": "Your request has processed successfully!",
    "created_at": "Tue, 24 Jun 2025 07:01:57 GMT",
    "updated_at": "Tue, 24 Jun 2025 07:04:56 GMT",
    "generation_progress": "100/100",
}

VIDEO_CALLBACK_COMPLETED = {
    "created_at": "2024-08-28 15:27:40.824457",
    "data": {"script": "Hello this is a test to give examples of callbacks"},
    "download_url": "https://stream.mux.com/H5H029h02tY7XDpNj9JFDbLleTyUpsJr5npddO8gRsKqY/high.mp4?download=1e30440cf9",
    "generation_progress": "100/100",
    "hosted_url": "https://videos.tavus.io/video/1e30440cf9",
    "replica_id": "r79e1c033f",
    "status": "ready",
    "status_details": "Your request has processed successfully!",
    "stream_url": "https://stream.mux.com/H5H029h02tY7XDpNj9JFDbLleTyUpsJr5npddO8gRsKqY.m3u8",
    "updated_at": "2024-08-28 15:29:19.802670",
    "video_id": "1e30440cf9",
    "video_name": "replica_id: r79e1c033f - August 28, 2024 - video: 1e30440cf9",
}

VIDEO_CALLBACK_ERROR = {
    "created_at": "2024-08-28 15:32:53.058894",
    "data": {"script": "This is a test script to show how videos error"},
    "download_url": None,
    "error_details": None,
    "generation_progress": "0/100",
    "hosted_url": "https://videos.tavus.io/video/c9b85a6d36",
    "replica_id": "ra5ed77426",
    "status": "error",
    "status_details": "An error occurred while generating this request. "
    "Please check your inputs or try your request again.",
    "stream_url": None,
    "updated_at": "2024-08-28 15:35:03.762392",
    "video_id": "c9b85a6d36",
    "video_name": "replica_id: ra5ed77426 - August 28, 2024 - video: c9b85a6d36",
}

REPLICA_TRAINING_ERROR = {
    "replica_id": "rxxxxxxxxx",
    "status": "error",
    "error_message": "There was an issue processing your training video. The video provided does not "
    "meet the minimum duration requirement for training",
}

# The legacy-guardrail-sets page's set, with its singular item fields.
GUARDRAILS = {
    "guardrails_id": "g12345",
    "guardrails_name": "Healthcare Compliance Guardrails",
    "data": [
        {
            "guardrail_name": "healthcare_compliance",
            "guardrail_prompt": "Never share sensitive medical information or provide medical advice "
            "outside approved guidelines",
            "modality": "verbal",
            "callback_url": "https://your-server.com/guardrails-webhook",
        },
        {
            "guardrail_name": "participant_alone",
            "guardrail_prompt": "Confirm throughout the call that the participant is alone.",
            "modality": "visual",
        },
    ],
}

# Assembled from the parameter examples of the Objectives guide (the docs show no full set).
OBJECTIVES = {
    "objectives_id": "o12345",
    "data": [
        {
            "objective_name": "check_patient_status",
            "objective_prompt": "Ask the patient if they are new or are returning.",
            "confirmation_mode": "auto",
            "output_variables": ["patient_status", "patient_group"],
            "modality": "verbal",
            "next_conditional_objectives": {
                "new_patient_intake_process": "If the patient has never been to the practice before",
                "existing_patient_intake_process": "If the patient has been to the practice before",
            },
            "callback_url": "https://your-server.com/objectives-webhook",
        },
        {
            "objective_name": "new_patient_intake_process",
            "objective_prompt": "Collect the new patient's details.",
            "next_required_objective": "get_patient_name",
        },
    ],
    "created_at": "2025-05-13T06:42:58.291561Z",
}


def utc(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0, microsecond: int = 0
) -> datetime:
    return datetime(year, month, day, hour, minute, second, microsecond, tzinfo=UTC)


def assert_aware(value: datetime | None, expected: datetime) -> None:
    assert value is not None
    assert value.tzinfo is not None
    assert value.utcoffset() is not None
    assert value == expected


# --- parsing the documented examples ----------------------------------------------------------


def test_conversation_create_response() -> None:
    conversation = Conversation.model_validate(CONVERSATION_CREATED)

    assert conversation.conversation_id == "cd7e3eac05ede40c"
    assert conversation.conversation_name == "New Conversation 1751268887110"
    assert conversation.status == "active"
    assert conversation.callback_url == ""
    assert_aware(conversation.created_at, utc(2025, 6, 30, 7, 34, 47, 131571))
    assert conversation.meeting_token is None
    assert conversation.to_dict()["created_at"] == "2025-06-30T07:34:47.131571Z"


def test_shortened_private_conversation_response() -> None:
    conversation = Conversation.model_validate(PRIVATE_CONVERSATION_CREATED)

    assert conversation.conversation_url == "https://tavus.daily.co/ca4301628cb9"
    # The meeting token is needed to join, so it is printable, not masked.
    assert conversation.meeting_token == "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9..."
    assert "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9" in repr(conversation)
    assert conversation.to_dict()["meeting_token"] == PRIVATE_CONVERSATION_CREATED["meeting_token"]
    assert conversation.created_at is None


def test_verbose_conversation_with_transcript_and_events() -> None:
    conversation = Conversation.model_validate(
        {
            "conversation_id": "c123456",
            "status": "ended",
            "shutdown_reason": "participant_left_timeout",
            "transcript": [
                {"role": "system", "content": "You are a helpful assistant."},
                {"role": "user", "content": "Hello"},
                {"role": "assistant", "content": "Hi there!"},
            ],
            "events": [
                {
                    "event_type": "system.replica_joined",
                    "message_type": "system",
                    "timestamp": "2025-07-11T06:45:47.472000Z",
                    "properties": {"replica_id": "r79e1c033f"},
                },
                {
                    "event_type": "system.shutdown",
                    "message_type": "system",
                    "timestamp": "2025-07-11T06:48:37.564961Z",
                    "properties": {
                        "replica_id": "r79e1c033f",
                        "shutdown_reason": "participant_left_timeout",
                    },
                },
            ],
        }
    )

    assert conversation.transcript is not None
    assert [entry.role for entry in conversation.transcript] == ["system", "user", "assistant"]
    assert conversation.transcript[2].content == "Hi there!"
    assert conversation.events is not None
    shutdown = conversation.events[1]
    assert isinstance(shutdown, ConversationEvent)
    assert shutdown.event_type == "system.shutdown"
    assert_aware(shutdown.timestamp, utc(2025, 7, 11, 6, 48, 37, 564961))
    assert shutdown.properties == {"replica_id": "r79e1c033f", "shutdown_reason": "participant_left_timeout"}


def test_conversation_webhook_parses_as_an_event() -> None:
    event = ConversationEvent.model_validate(
        {
            "properties": {"replica_id": "<replica_id>"},
            "conversation_id": "<conversation_id>",
            "webhook_url": "<webhook_url>",
            "event_type": "system.replica_joined",
            "message_type": "system",
            "timestamp": "2025-07-11T06:45:47.472000Z",
        }
    )

    assert event.event_type == "system.replica_joined"
    assert event.model_extra == {"conversation_id": "<conversation_id>", "webhook_url": "<webhook_url>"}


def test_stock_persona_ai_interviewer() -> None:
    persona = Persona.model_validate({"persona_id": "pe13ed370726", **AI_INTERVIEWER})

    assert persona.pipeline_mode == "full"
    assert persona.layers is not None
    perception = persona.layers.perception
    assert isinstance(perception, PerceptionLayer)
    assert perception.perception_model == "raven-0"
    assert perception.perception_tools == []
    assert perception.perception_tool_prompt == ""
    assert perception.tool_prompt == ""
    assert perception.ambient_awareness_queries is not None
    assert len(perception.ambient_awareness_queries) == 3
    flow = persona.layers.conversational_flow
    assert flow is not None
    assert (flow.turn_detection_model, flow.turn_taking_patience, flow.replica_interruptibility) == (
        "sparrow-1",
        "high",
        "low",
    )
    assert persona.layers.llm is None
    assert persona.to_dict() == {"persona_id": "pe13ed370726", **AI_INTERVIEWER}


def test_stock_persona_tavus_researcher() -> None:
    persona = Persona.model_validate(TAVUS_RESEARCHER)

    assert persona.persona_id == "p48fdf065d6b"
    assert persona.default_replica_id == "rf4703150052"
    assert_aware(persona.created_at, utc(2025, 3, 21, 20, 57, 47, 868278))
    assert_aware(persona.updated_at, utc(2025, 3, 21, 20, 57, 47, 925392))
    assert persona.layers is not None
    assert persona.layers.conversational_flow is not None
    assert persona.layers.conversational_flow.turn_taking_patience == "medium"


def test_persona_json_round_trip() -> None:
    persona = Persona.model_validate_json(json.dumps(TAVUS_RESEARCHER))

    assert json.loads(persona.model_dump_json(exclude_unset=True))["layers"] == TAVUS_RESEARCHER["layers"]


def test_tool_definition_is_typed() -> None:
    tool = ToolDefinition.model_validate(PERCEPTION_TOOL)

    assert tool.type == "function"
    assert tool.function is not None
    assert tool.function.name == "notify_if_bright_outfit_shown"
    assert tool.function.parameters is not None
    assert tool.function.parameters.required == ["outfit_color"]
    assert tool.function.parameters.properties is not None
    outfit_color = tool.function.parameters.properties["outfit_color"]
    assert outfit_color.type == "string"
    assert outfit_color.description == "Best guess on what color of outfit it is"

    layer = PerceptionLayer.model_validate({"perception_model": "raven-0", "perception_tools": [PERCEPTION_TOOL]})
    assert layer.perception_tools == [tool]


def test_tool_parameter_keeps_other_json_schema_keys() -> None:
    tool = ToolDefinition.model_validate(
        {
            "type": "function",
            "function": {
                "name": "get_weather",
                "description": "Current weather",
                "parameters": {
                    "type": "object",
                    "properties": {
                        "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]},
                        "days": {"type": "array", "items": {"type": "string"}},
                    },
                    "required": ["unit", "days"],
                },
            },
        }
    )

    assert tool.function is not None
    assert tool.function.parameters is not None
    properties = tool.function.parameters.properties
    assert properties is not None
    assert properties["unit"].enum == ["celsius", "fahrenheit"]
    assert properties["days"].model_extra == {"items": {"type": "string"}}


def test_video_get_examples_with_rfc1123_dates() -> None:
    generating = Video.model_validate(VIDEO_GENERATING)

    assert generating.status == "generating"
    assert generating.generation_progress == "37/100"
    assert generating.download_url is None
    assert generating.stream_url is None
    assert isinstance(generating.data, VideoData)
    assert generating.data.script == "<text_script>"
    assert generating.data.start_with_wave is True
    assert_aware(generating.created_at, utc(2025, 6, 24, 7, 1, 57))
    assert_aware(generating.updated_at, utc(2025, 6, 24, 7, 2, 25))

    ready = Video.model_validate(VIDEO_READY_FROM_AUDIO)
    assert ready.status == "ready"
    assert ready.data is not None
    assert ready.data.audio_url == "<audio_url>"
    assert ready.data.script is None
    assert ready.status_details == "Your request has processed successfully!"
    assert_aware(ready.updated_at, utc(2025, 6, 24, 7, 4, 56))


def test_video_callbacks_with_space_separated_dates() -> None:
    completed = Video.model_validate(VIDEO_CALLBACK_COMPLETED)

    assert completed.video_id == "1e30440cf9"
    assert completed.replica_id == "r79e1c033f"
    assert completed.stream_url is not None
    assert completed.stream_url.endswith(".m3u8")
    # No zone in the callback: read as UTC.
    assert_aware(completed.created_at, utc(2024, 8, 28, 15, 27, 40, 824457))
    assert_aware(completed.updated_at, utc(2024, 8, 28, 15, 29, 19, 802670))

    failed = Video.model_validate(VIDEO_CALLBACK_ERROR)
    assert failed.status == "error"
    assert failed.generation_progress == "0/100"
    assert failed.error_details is None
    assert "error_details" in failed.to_dict()
    assert failed.status_details is not None
    assert failed.status_details.startswith("An error occurred")
    assert_aware(failed.created_at, utc(2024, 8, 28, 15, 32, 53, 58894))


def test_replica_training_callbacks() -> None:
    ready = Replica.model_validate({"replica_id": "rxxxxxxxxx", "status": "ready"})
    assert ready.status == "ready"
    assert ready.error_message is None

    failed = Replica.model_validate(REPLICA_TRAINING_ERROR)
    assert failed.status == "error"
    assert failed.error_message is not None
    assert "minimum duration" in failed.error_message


def test_replica_status_aliases_of_other_api_versions_parse() -> None:
    for status in ("training", "started", "completed"):
        replica = Replica.model_validate({"replica_id": "r79e1c033f", "status": status, "training_progress": "40/100"})
        assert replica.status == status
        assert replica.training_progress == "40/100"


def test_document_with_crawl() -> None:
    document = Document.model_validate(
        {
            "document_id": "d1234567890",
            "document_name": "Company Knowledge Base",
            "document_url": "https://docs.example.com/",
            "status": "ready",
            "progress": None,
            "tags": ["lesson-1"],
            "crawl_config": {"depth": 2, "max_pages": 20},
            "crawled_urls": ["https://docs.example.com/", "https://docs.example.com/start"],
            "crawl_count": 2,
            "last_crawled_at": "2025-06-30T07:34:47Z",
        }
    )

    assert isinstance(document.crawl_config, CrawlConfig)
    assert (document.crawl_config.depth, document.crawl_config.max_pages) == (2, 20)
    assert document.crawled_urls == ["https://docs.example.com/", "https://docs.example.com/start"]
    assert document.crawl_count == 2
    assert_aware(document.last_crawled_at, utc(2025, 6, 30, 7, 34, 47))

    # openapi.yaml: the error code is the error_message; there is no error_code.
    failed = Document.model_validate({"document_id": "d1", "status": "error", "error_message": "file_empty"})
    assert (failed.status, failed.error_message) == ("error", "file_empty")
    started = Document.model_validate({"document_id": "d8-5c71baca86fc", "status": "started", "progress": 0})
    assert (started.status, started.progress) == ("started", 0)
    only_depth = Document.model_validate({"document_id": "d1", "crawl_config": {"depth": 2}})
    assert only_depth.crawl_config is not None
    assert only_depth.crawl_config.max_pages is None


def test_guardrails_set() -> None:
    guardrails = Guardrails.model_validate(GUARDRAILS)

    assert guardrails.guardrails_id == "g12345"
    assert guardrails.data is not None
    assert [item.modality for item in guardrails.data] == ["verbal", "visual"]
    assert guardrails.guardrails_name == "Healthcare Compliance Guardrails"
    assert guardrails.data[0].guardrail_name == "healthcare_compliance"
    assert guardrails.data[1].callback_url is None


def test_objectives_set() -> None:
    objectives = Objectives.model_validate(OBJECTIVES)

    assert objectives.objectives_id == "o12345"
    assert objectives.data is not None
    first, second = objectives.data
    assert isinstance(first, Objective)
    assert first.output_variables == ["patient_status", "patient_group"]
    assert first.next_conditional_objectives is not None
    assert set(first.next_conditional_objectives) == {
        "new_patient_intake_process",
        "existing_patient_intake_process",
    }
    assert second.next_required_objective == "get_patient_name"
    assert second.confirmation_mode is None
    assert_aware(objectives.created_at, utc(2025, 5, 13, 6, 42, 58, 291561))


@pytest.mark.parametrize(
    ("model", "payload"),
    [
        (Conversation, {"conversation_id": "c1"}),
        (Persona, {"persona_id": "p1"}),
        (Replica, {"replica_id": "r1"}),
        (Video, {"video_id": "v1"}),
        (Document, {"document_id": "d1"}),
        (Objectives, {"objectives_id": "o1"}),
        (Guardrails, {"guardrails_id": "g1"}),
    ],
)
def test_only_the_id_is_required(model: type[pydantic.BaseModel], payload: dict[str, Any]) -> None:
    assert model.model_validate(payload).model_dump(exclude_unset=True) == payload
    with pytest.raises(pydantic.ValidationError):
        model.model_validate({})


def test_models_do_not_enforce_documented_limits() -> None:
    # Limits are checked by the server (and the emulator), not by the client models.
    properties = ConversationProperties.model_validate({"max_call_duration": 7200})
    assert properties.max_call_duration == 7200
    assert CrawlConfig(depth=50, max_pages=1000).max_pages == 1000


# --- forward compatibility --------------------------------------------------------------------


def test_unknown_fields_are_kept_and_readable() -> None:
    payload = {
        **TAVUS_RESEARCHER,
        "brand_new_field": {"nested": [1, 2]},
        "layers": {
            "conversational_flow": {"turn_detection_model": "sparrow-2", "future_knob": 0.5},
            "avatar": {"style": "cartoon"},
        },
    }
    persona = Persona.model_validate(payload)

    assert persona.model_extra == {"brand_new_field": {"nested": [1, 2]}}
    assert persona.brand_new_field == {"nested": [1, 2]}  # type: ignore[attr-defined]
    assert persona.layers is not None
    assert persona.layers.model_extra == {"avatar": {"style": "cartoon"}}
    assert persona.layers.conversational_flow is not None
    assert persona.layers.conversational_flow.model_extra == {"future_knob": 0.5}
    dumped = persona.to_dict()
    assert dumped["brand_new_field"] == {"nested": [1, 2]}
    assert dumped["layers"]["avatar"] == {"style": "cartoon"}
    assert dumped["layers"]["conversational_flow"]["future_knob"] == 0.5


def test_unknown_transcript_and_video_fields_are_kept() -> None:
    conversation = Conversation.model_validate(
        {
            "conversation_id": "c1",
            "transcript": [{"role": "user", "content": "hi", "seconds_from_start": 1.5}],
        }
    )
    assert conversation.transcript is not None
    assert conversation.transcript[0].model_extra == {"seconds_from_start": 1.5}

    video = Video.model_validate({**VIDEO_GENERATING, "thumbnail_url": "https://x/t.png"})
    assert video.to_dict()["thumbnail_url"] == "https://x/t.png"


@pytest.mark.parametrize(
    ("model", "payload", "field"),
    [
        (Conversation, {"conversation_id": "c1", "status": "paused"}, "status"),
        (
            Conversation,
            {"conversation_id": "c1", "shutdown_reason": "internal error occurred at step 3"},
            "shutdown_reason",
        ),
        (Persona, {"persona_id": "p1", "pipeline_mode": "custom"}, "pipeline_mode"),
        (Replica, {"replica_id": "r1", "status": "archived"}, "status"),
        (Replica, {"replica_id": "r1", "model_name": "phoenix-4"}, "model_name"),
        (Video, {"video_id": "v1", "status": "rendering"}, "status"),
        (Document, {"document_id": "d1", "status": "indexing"}, "status"),
        (Document, {"document_id": "d1", "error_code": "quota_exceeded"}, "error_code"),
    ],
)
def test_unknown_enum_values_parse(model: type[pydantic.BaseModel], payload: dict[str, Any], field: str) -> None:
    assert getattr(model.model_validate(payload), field) == payload[field]


def test_unknown_enum_values_in_nested_layers_parse() -> None:
    layers = PersonaLayers.model_validate(
        {
            "llm": {"model": "my-own-llm"},
            "tts": {"tts_engine": "playht"},
            "perception": {"perception_model": "raven-1"},
            "transport": {"transport_type": "webrtc"},
            "conversational_flow": {"turn_taking_patience": "extreme"},
        }
    )
    assert layers.llm is not None
    assert layers.llm.model == "my-own-llm"
    assert layers.tts is not None
    assert layers.tts.tts_engine == "playht"
    assert layers.perception is not None
    assert layers.perception.perception_model == "raven-1"
    assert layers.transport is not None
    assert layers.transport.transport_type == "webrtc"


# --- secrets ----------------------------------------------------------------------------------


def custom_llm_persona() -> Persona:
    return Persona.model_validate(
        {
            "persona_id": "p1",
            "system_prompt": "Be brief.",
            "layers": {
                "llm": {
                    "model": "gpt-4o",
                    "base_url": "https://llm.example.com/v1",
                    "api_key": "sk-llm-secret",
                    "headers": {"Authorization": "Bearer header-secret"},
                },
                "tts": {"tts_engine": "elevenlabs", "api_key": "el-tts-secret"},
            },
        }
    )


SECRET_VALUES = ("sk-llm-secret", "el-tts-secret", "header-secret")


def test_secrets_are_masked_in_repr_str_and_dumps() -> None:
    persona = custom_llm_persona()

    for text in (
        repr(persona),
        str(persona),
        repr(persona.layers),
        str(persona.layers.llm if persona.layers else None),
        json.dumps(persona.to_dict()),
        json.dumps(persona.model_dump(mode="json")),
        persona.model_dump_json(),
        repr(persona.model_dump()),
    ):
        for secret in SECRET_VALUES:
            assert secret not in text
    dumped = persona.to_dict()
    assert dumped["layers"]["llm"]["api_key"] == MASK
    assert dumped["layers"]["tts"]["api_key"] == MASK
    assert dumped["layers"]["llm"]["headers"] == {"Authorization": MASK}
    # Everything else stays readable.
    assert dumped["layers"]["llm"]["base_url"] == "https://llm.example.com/v1"


def test_secrets_are_revealed_on_request_through_nesting() -> None:
    persona = custom_llm_persona()

    for revealed in (persona.to_dict(reveal_secrets=True), reveal_secrets(persona)):
        assert revealed["layers"]["llm"]["api_key"] == "sk-llm-secret"
        assert revealed["layers"]["tts"]["api_key"] == "el-tts-secret"
        assert revealed["layers"]["llm"]["headers"] == {"Authorization": "Bearer header-secret"}
    assert persona.layers is not None
    assert persona.layers.llm is not None
    assert persona.layers.llm.api_key is not None
    assert persona.layers.llm.api_key.get_secret_value() == "sk-llm-secret"


def test_secret_in_a_request_model_built_by_hand() -> None:
    layers = PersonaLayers(llm=LLMLayer(model="gpt-4o", base_url="https://llm.example.com/v1", api_key="sk-1"))

    assert "sk-1" not in repr(layers)
    assert reveal_secrets(layers) == {
        "llm": {"model": "gpt-4o", "base_url": "https://llm.example.com/v1", "api_key": "sk-1"}
    }
    assert TTSLayer().to_dict() == {}
    assert TTSLayer(api_key=None).to_dict(reveal_secrets=True) == {"api_key": None}


def test_secrets_of_the_cartesia_example() -> None:
    persona = Persona.model_validate({"persona_id": "p1", **CARTESIA_PERSONA})

    assert "your-api-key" not in repr(persona)
    assert persona.to_dict()["layers"]["tts"]["api_key"] == MASK
    assert persona.to_dict(reveal_secrets=True) == {"persona_id": "p1", **CARTESIA_PERSONA}


# --- loose fields (README decision 14) --------------------------------------------------------


@pytest.mark.parametrize(
    "hotwords", ["Roey is the name of the person you're speaking with.", ["Roey", "Tavus"], "support"]
)
def test_hotwords_string_or_list(hotwords: str | list[str]) -> None:
    stt = STTLayer.model_validate({"hotwords": hotwords})
    assert stt.hotwords == hotwords
    assert stt.to_dict() == {"hotwords": hotwords}


@pytest.mark.parametrize("value", [True, False, "true", "false"])
def test_tts_emotion_control_bool_or_string(value: bool | str) -> None:
    tts = TTSLayer.model_validate({"tts_engine": "cartesia", "tts_emotion_control": value})
    assert tts.tts_emotion_control == value
    assert type(tts.tts_emotion_control) is type(value)
    assert tts.to_dict()["tts_emotion_control"] == value


@pytest.mark.parametrize("speed", [0.5, -1.0, 1.2, "slowest", "slow", "normal", "fast", "fastest"])
def test_voice_speed_number_or_name(speed: float | str) -> None:
    settings = VoiceSettings.model_validate({"speed": speed, "emotion": ["positivity:high", "curiosity"]})
    assert settings.speed == speed
    assert type(settings.speed) is type(speed)


def test_voice_speed_integer_is_a_number() -> None:
    assert VoiceSettings.model_validate({"speed": 1}).speed == 1.0


def test_cartesia_example_voice_settings() -> None:
    persona = Persona.model_validate({"persona_id": "p1", **CARTESIA_PERSONA})

    assert persona.layers is not None
    assert persona.layers.tts is not None
    tts = persona.layers.tts
    assert tts.tts_emotion_control is True
    assert tts.voice_settings is not None
    assert tts.voice_settings.speed == "normal"
    assert tts.voice_settings.emotion == ["positivity:high", "curiosity"]


def test_replica_interruptibility_verylow() -> None:
    layers = PersonaLayers.model_validate({"conversational_flow": {"replica_interruptibility": "verylow"}})
    assert layers.conversational_flow is not None
    assert layers.conversational_flow.replica_interruptibility == "verylow"


# --- request parameters -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "required"),
    [
        (ConversationCreateParams, set()),
        (PersonaCreateParams, set()),
        (ReplicaCreateParams, set()),  # train_video_url, or train_image_url + voice_name
        (VideoCreateParams, {"replica_id"}),
        (DocumentCreateParams, {"document_url"}),
        (DocumentUpdateParams, set()),
        (ObjectivesCreateParams, {"data"}),
        (GuardrailsCreateParams, {"data"}),
    ],
)
def test_create_params_required_keys_and_request_options(params: Any, required: set[str]) -> None:
    assert set(params.__required_keys__) == required
    # Every SDK method also takes the per-call options.
    assert set(RequestOptions.__annotations__) <= set(params.__optional_keys__)


def test_conversation_create_params_keys() -> None:
    own_keys = set(ConversationCreateParams.__annotations__) - set(RequestOptions.__annotations__)
    assert own_keys == {
        "replica_id",
        "persona_id",
        "conversation_name",
        "callback_url",
        "conversational_context",
        "test_mode",
        "custom_greeting",
        "audio_only",
        "memory_stores",
        "document_ids",
        "document_tags",
        "document_retrieval_strategy",
        "require_auth",
        "max_participants",
        "properties",
    }


def test_nested_request_inputs_accept_models_and_dumps_send_only_what_was_set() -> None:
    params: ConversationCreateParams = {
        "replica_id": "rfe12d8b9597",
        "properties": ConversationProperties(max_call_duration=600, enable_closed_captions=True),
        "timeout": 5.0,
    }
    properties = params["properties"]
    assert isinstance(properties, ConversationProperties)
    assert reveal_secrets(properties) == {"max_call_duration": 600, "enable_closed_captions": True}

    objectives: ObjectivesCreateParams = {
        "data": [
            Objective(objective_name="get_name", objective_prompt="Ask for the name."),
            {"objective_name": "x"},
        ]
    }
    assert len(objectives["data"]) == 2


def test_public_names_are_exported() -> None:
    assert len(types.__all__) == len(set(types.__all__))
    for name in types.__all__:
        assert getattr(types, name) is not None
    for name in (
        "Conversation",
        "ConversationProperties",
        "TranscriptEntry",
        "ConversationEvent",
        "ConversationCreateParams",
        "Persona",
        "PersonaLayers",
        "LLMLayer",
        "TTSLayer",
        "VoiceSettings",
        "STTLayer",
        "PerceptionLayer",
        "ConversationalFlowLayer",
        "TransportLayer",
        "ToolDefinition",
        "ToolFunction",
        "ToolParameters",
        "ToolParameterProperty",
        "PipelineMode",
        "PersonaCreateParams",
        "Replica",
        "ReplicaStatus",
        "ReplicaCreateParams",
        "Video",
        "VideoData",
        "VideoProperties",
        "VideoStatus",
        "VideoCreateParams",
        "Document",
        "CrawlConfig",
        "DocumentStatus",
        "DocumentCreateParams",
        "DocumentUpdateParams",
        "Objectives",
        "Objective",
        "ObjectivesCreateParams",
        "Guardrails",
        "Guardrail",
        "GuardrailsCreateParams",
    ):
        assert name in types.__all__
