"""Tests for tavus_sdk.webhooks: the documented callback payloads, forward compatibility and errors.

The payloads below are copied verbatim from the Tavus docs page "Webhooks and Callbacks".
"""

# ruff: noqa: E501  (the documented payloads are kept verbatim, long lines included)

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from tavus_sdk.types.document import Document
from tavus_sdk.types.video import Video
from tavus_sdk.webhooks import (
    DocumentStatusEvent,
    PerceptionAnalysisEvent,
    RecordingReadyEvent,
    ReplicaJoinedEvent,
    ReplicaTrainingEvent,
    ShutdownEvent,
    TranscriptionReadyEvent,
    UnknownConversationEvent,
    VideoGenerationEvent,
    WebhookParseError,
    parse_webhook,
)

# --- documented payloads ------------------------------------------------------------------------

REPLICA_JOINED = r"""{
  "properties": {
    "replica_id": "<replica_id>"
  },
  "conversation_id": "<conversation_id>",
  "webhook_url": "<webhook_url>",
  "event_type": "system.replica_joined",
  "message_type": "system",
  "timestamp": "2025-07-11T06:45:47.472000Z"
}"""

SHUTDOWN = r"""{
  "properties": {
    "replica_id": "<replica_id>",
    "shutdown_reason": "participant_left_timeout"
  },
  "conversation_id": "<conversation_id>",
  "webhook_url": "<webhook_url>",
  "event_type": "system.shutdown",
  "message_type": "system",
  "timestamp": "2025-07-11T06:48:37.564961Z"
}"""

TRANSCRIPTION_READY = r"""{
  "properties": {
    "replica_id": "<replica_id>",
    "transcript": [
      {
        "role": "system",
        "content": "You are in a live video conference call with a user. You'll receive messages containing the user's speech and system messages containing visual information about the user. These system messages will contain the following visual information: - user's appearance inside the <user_appearance></user_appearance> tag - user's emotions inside the <user_emotions></user_emotions> tag If the user is sharing their screen, you will also receive a <user_screen></user_screen> tag containing the screen share. If you do use the visual information, follow these guidelines: - Do not refer to the visual information as system messages. Instead, act and respond as if you are actually seeing this live. - If the user's query is about their physical appearance, gestures, expressions, or the environment seen through the webcam, use only the content within the <user_appearance> and <user_emotions> tags. - If the query pertains to what is being displayed on the screen share, refer exclusively to the content within the <user_screen> tag. - Ensure that your answer is based solely on the information found in the appropriate tag(s) for the question at hand. DO NOT INCORPORATE ANY VISUAL INFORMATION TO YOUR RESPONSE IF IT'S NOT RELEVANT. \nTalk to the user in a casual, friendly way, trying to match their tone and style in a conversational manner. Do not include stage directions or other formatting artifacts in your response. Reply in short sentences, talk to the user in a casual way.  Respond only in english. Chill guy  You are talking to a user about AI technology."
      },
      {
        "role": "user",
        "content": "Hi."
      },
      {
        "role": "assistant",
        "content": "How's it going?"
      },
      {
        "role": "user",
        "content": "Yeah I'm good, I'm good. How about you?"
      },
      {
        "role": "assistant",
        "content": "I'm doin' great, thanks for askin'. So, you wanted to talk about AI tech, right?"
      },
      {
        "role": "user",
        "content": "Yeah, how about you? What do you think about AI?"
      },
      {
        "role": "assistant",
        "content": "I'm all about AI, it's really interesting stuff. I think it's gonna change a lot of things in the future, make our lives easier and more efficient. What about you, what got you interested in AI?"
      },
      {
        "role": "user",
        "content": "Yeah, AI is an advanced technology for me. It can do a lot of things. And yeah, I think it can be improved to do a lot of live things that we never even talk about before. Where do you think I can learn about AI?"
      },
      {
        "role": "assistant",
        "content": "You can learn about AI from lots of places, like online courses, YouTube tutorials, and even some really cool AI blogs. What area of AI are you most interested in, like machine learning or natural language processing?"
      },
      {
        "role": "user",
        "content": "I think I'm more into NLP. Thank you for the resources though. I have to go soon. So thank you for the conversation. Bye-bye."
      },
      {
        "role": "assistant",
        "content": "NLP is really cool, lots of possibilities there. No problem, it was great chatting with you, have a good one, bye."
      }
    ]
  },
  "conversation_id": "<conversation_id>",
  "webhook_url": "<webhook_url>",
  "event_type": "application.transcription_ready",
  "message_type": "application",
  "timestamp": "2025-07-11T06:48:37.566057Z"
}"""

RECORDING_READY = r"""{
  "properties": {
    "bucket_name": "<bucket_name>",
    "s3_key": "<s3_key>",
    "duration": 14
  },
  "conversation_id": "<conversation_id>>",
  "webhook_url": "<webhook_url>",
  "event_type": "application.recording_ready",
  "message_type": "application",
  "timestamp": "2025-06-19T06:55:18.137386Z"
}"""

PERCEPTION_ANALYSIS = r"""{
  "properties": {
    "analysis": "Here's a summary of the visual observations taken during the video call over the last 3600 seconds:\n\n*   **User Appearance:** The subject is consistently observed as a young East Asian male, likely in his late teens or early twenties, with dark hair and a clear complexion. He regularly wears a striped polo shirt (featuring various combinations of white, brown, tan, and black stripes). He is typically seated in a black gaming chair, often with red or pink accents visible, against a plain white wall, indicating a consistent indoor setup. In one instance, a white lanyard with \"PENA\" was visible around his neck.\n*   **User Behavior & Actions:**\n    *   Throughout the call, the user frequently handles or adjusts his wired earphones. This includes holding the earphone wire near his mouth or chin, adjusting what appears to be the microphone portion, and actively putting in or manipulating the earbuds. In one observation, he was even seen chewing on the wire briefly.\n    *   His gaze is predominantly direct towards the camera, but also shifts slightly to the left, right, or downwards, suggesting engagement with various aspects of the call or screen.\n    *   He appears to be actively speaking or preparing to speak at several points, with his mouth slightly open or gestures indicating articulation. He also demonstrates attentive listening and processing information.\n    *   His overall demeanor consistently suggests readiness and preparedness for communication.\n*   **Emotional States & Patterns:**\n    *   The user's emotional state generally oscillates between **neutral, calm, and highly attentive engagement**. He frequently displays a focused, thoughtful, or pensive expression, indicating deep listening or processing information.\n    *   A significant emotional shift is observed from a neutral or slightly pensive state to a **clear and genuine smile, progressing to a pronounced, joyful laugh**, even to the point of covering his mouth, indicating a moment of strong amusement or delight.\n    *   Other instances show a more relaxed and slightly amused state with subtle or gentle smiles, suggesting a pleasant and positive disposition.\n    *   The emotional progression suggests periods of calm engagement punctuated by moments of distinct cheerfulness and amusement, before returning to a more focused and composed demeanor.\n*   **Notable Screen Activities:** No specific screen activities were mentioned in the provided observations.\n*   **Ambient Awareness Queries:** No ambient awareness queries were provided or answered in these observations."
  },
  "conversation_id": "<conversation_id>",
  "webhook_url": "<webhook_url>",
  "message_type": "application",
  "event_type": "application.perception_analysis",
  "timestamp": "2025-07-11T06:51:37.591677Z"
}"""

REPLICA_TRAINING_READY_AS_DOCUMENTED = r"""{
    "replica_id": "rxxxxxxxxx",
    "status": "ready",
}"""

REPLICA_TRAINING_ERROR = r"""{
    "replica_id": "rxxxxxxxxx",
    "status": "error",
    "error_message": "There was an issue processing your training video. The video provided does not meet the minimum duration requirement for training"
}"""

VIDEO_READY = r"""{
    "created_at": "2024-08-28 15:27:40.824457",
    "data": {
    "script": "Hello this is a test to give examples of callbacks"
    },
    "download_url": "https://stream.mux.com/H5H029h02tY7XDpNj9JFDbLleTyUpsJr5npddO8gRsKqY/high.mp4?download=1e30440cf9",
    "generation_progress": "100/100",
    "hosted_url": "https://videos.tavus.io/video/1e30440cf9",
    "replica_id": "r79e1c033f",
    "status": "ready",
    "status_details": "Your request has processed successfully!",
    "stream_url": "https://stream.mux.com/H5H029h02tY7XDpNj9JFDbLleTyUpsJr5npddO8gRsKqY.m3u8",
    "updated_at": "2024-08-28 15:29:19.802670",
    "video_id": "1e30440cf9",
    "video_name": "replica_id: r79e1c033f - August 28, 2024 - video: 1e30440cf9"
}"""

VIDEO_ERROR = r"""{
    "created_at": "2024-08-28 15:32:53.058894",
    "data": {
    "script": "This is a test script to show how videos error"
    },
    "download_url": null,
    "error_details": null,
    "generation_progress": "0/100",
    "hosted_url": "https://videos.tavus.io/video/c9b85a6d36",
    "replica_id": "ra5ed77426",
    "status": "error",
    "status_details": "An error occurred while generating this request. Please check your inputs or try your request again.",
    "stream_url": null,
    "updated_at": "2024-08-28 15:35:03.762392",
    "video_id": "c9b85a6d36",
    "video_name": "replica_id: ra5ed77426 - August 28, 2024 - video: c9b85a6d36"
}"""


# The documented "Replica Training Completed" example has a trailing comma (not valid JSON); this is
# the same payload as Tavus actually sends it.
REPLICA_TRAINING_READY = '{"replica_id": "rxxxxxxxxx", "status": "ready"}'

# Document status callbacks are undocumented; the decided shape is the document object.
DOCUMENT_READY: dict[str, Any] = {
    "document_id": "d8-5c71baca86fc",
    "document_name": "Company handbook",
    "document_url": "https://example.com/handbook.pdf",
    "status": "ready",
    "tags": ["hr", "policies"],
    "crawl_count": 0,
    "created_at": "2025-05-13T06:42:58.291561Z",
    "updated_at": "2025-05-13T06:44:01.000000Z",
}


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0, micro: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, second, micro, tzinfo=UTC)


def assert_instant(value: datetime | None, expected: datetime) -> None:
    assert value is not None
    assert value.tzinfo is not None
    assert value.utcoffset() is not None
    assert value == expected


# --- conversation callbacks ---------------------------------------------------------------------


def test_replica_joined() -> None:
    event = parse_webhook(REPLICA_JOINED)
    assert isinstance(event, ReplicaJoinedEvent)
    assert event.event_type == "system.replica_joined"
    assert event.message_type == "system"
    assert event.conversation_id == "<conversation_id>"
    assert event.webhook_url == "<webhook_url>"
    assert event.properties.replica_id == "<replica_id>"
    assert_instant(event.timestamp, utc(2025, 7, 11, 6, 45, 47, 472000))
    assert event.is_system
    assert not event.is_application


def test_shutdown_documented_example() -> None:
    event = parse_webhook(SHUTDOWN)
    assert isinstance(event, ShutdownEvent)
    assert event.properties.replica_id == "<replica_id>"
    assert event.properties.shutdown_reason == "participant_left_timeout"
    assert event.properties.reason_key == "participant_left_timeout"
    assert_instant(event.timestamp, utc(2025, 7, 11, 6, 48, 37, 564961))
    assert event.is_system


@pytest.mark.parametrize(
    ("reason", "key"),
    [
        ("participant_left_timeout", "participant_left_timeout"),
        ("participant_left_timeout reached", "participant_left_timeout"),
        ("max_call_duration reached", "max_call_duration"),
        ("participant_absent_timeout reached", "participant_absent_timeout"),
        (
            "bot_could_not_join_meeting_it_was_probably_ended",
            "bot_could_not_join_meeting_it_was_probably_ended",
        ),
        ("daily_room_has_been_deleted", "daily_room_has_been_deleted"),
        (
            "exception_encountered_during_conversation_startup",
            "exception_encountered_during_conversation_startup",
        ),
        ("end_conversation_endpoint_hit", "end_conversation_endpoint_hit"),
        ("internal error occurred at step 3", "internal error occurred at step 3"),
    ],
)
def test_shutdown_reasons_in_both_spellings(reason: str, key: str) -> None:
    payload = json.loads(SHUTDOWN)
    payload["properties"]["shutdown_reason"] = reason
    event = parse_webhook(payload)
    assert isinstance(event, ShutdownEvent)
    assert event.properties.shutdown_reason == reason
    assert event.properties.reason_key == key


def test_transcription_ready() -> None:
    event = parse_webhook(TRANSCRIPTION_READY)
    assert isinstance(event, TranscriptionReadyEvent)
    assert event.message_type == "application"
    assert event.is_application
    assert not event.is_system
    assert event.properties.replica_id == "<replica_id>"
    transcript = event.properties.transcript
    assert len(transcript) == 11
    assert [m.role for m in transcript[:3]] == ["system", "user", "assistant"]
    assert transcript[0].content.startswith("You are in a live video conference call with a user.")
    assert "\nTalk to the user in a casual, friendly way" in transcript[0].content
    assert transcript[1].content == "Hi."
    assert transcript[-1].role == "assistant"
    assert transcript[-1].content.endswith("have a good one, bye.")
    assert_instant(event.timestamp, utc(2025, 7, 11, 6, 48, 37, 566057))


def test_recording_ready() -> None:
    event = parse_webhook(RECORDING_READY)
    assert isinstance(event, RecordingReadyEvent)
    assert event.conversation_id == "<conversation_id>>"  # sic, as in the docs
    assert event.properties.bucket_name == "<bucket_name>"
    assert event.properties.s3_key == "<s3_key>"
    assert event.properties.duration == 14
    assert isinstance(event.properties.duration, int)
    assert_instant(event.timestamp, utc(2025, 6, 19, 6, 55, 18, 137386))
    assert event.is_application


def test_perception_analysis() -> None:
    event = parse_webhook(PERCEPTION_ANALYSIS)
    assert isinstance(event, PerceptionAnalysisEvent)
    assert event.event_type == "application.perception_analysis"
    assert event.properties.analysis.startswith("Here's a summary of the visual observations")
    assert '"PENA"' in event.properties.analysis
    assert "\n\n*   **User Appearance:**" in event.properties.analysis
    assert_instant(event.timestamp, utc(2025, 7, 11, 6, 51, 37, 591677))


def test_timestamp_with_offset_keeps_the_instant() -> None:
    payload = json.loads(REPLICA_JOINED)
    payload["timestamp"] = "2025-07-11T08:45:47.472+02:00"
    event = parse_webhook(payload)
    assert isinstance(event, ReplicaJoinedEvent)
    assert event.timestamp.utcoffset() == timedelta(hours=2)
    assert event.timestamp == utc(2025, 7, 11, 6, 45, 47, 472000)


def test_unknown_event_type_is_kept_whole() -> None:
    payload = {
        "properties": {"objective_name": "get_email", "output_variables": {"email": "a@b.c"}},
        "conversation_id": "c123456",
        "webhook_url": "https://example.com/hook",
        "event_type": "application.objective_completed",
        "message_type": "application",
        "timestamp": "2025-07-11T06:50:00.000000Z",
        "brand_new_field": [1, 2],
    }
    event = parse_webhook(payload)
    assert isinstance(event, UnknownConversationEvent)
    assert event.event_type == "application.objective_completed"
    assert event.conversation_id == "c123456"
    assert event.properties == payload["properties"]
    assert event.is_application
    assert_instant(event.timestamp, utc(2025, 7, 11, 6, 50))
    assert event.model_extra == {"brand_new_field": [1, 2]}
    assert event.to_dict() == payload | {"timestamp": "2025-07-11T06:50:00Z"}


def test_unknown_event_needs_only_event_type() -> None:
    event = parse_webhook({"event_type": "system.something_new", "extra": True})
    assert isinstance(event, UnknownConversationEvent)
    assert event.conversation_id is None
    assert event.timestamp is None
    assert event.properties == {}
    assert event.is_system  # from the event_type prefix when message_type is absent
    assert event.to_dict() == {"event_type": "system.something_new", "extra": True}


def test_unknown_fields_on_known_events_are_kept() -> None:
    payload = json.loads(SHUTDOWN)
    payload["attempt"] = 2
    payload["properties"]["ended_by"] = "participant"
    payload["message_type"] = "lifecycle"  # an unlisted message type still parses
    event = parse_webhook(payload)
    assert isinstance(event, ShutdownEvent)
    assert event.model_extra == {"attempt": 2}
    assert event.properties.model_extra == {"ended_by": "participant"}
    assert not event.is_system
    assert not event.is_application
    assert event.to_dict() == payload


def test_transcript_item_extra_fields_and_roles() -> None:
    payload = json.loads(TRANSCRIPTION_READY)
    payload["properties"]["transcript"] = [
        {"role": "tool", "content": "{}", "timestamp": "2025-07-11T06:47:00Z", "speaker_id": "p1"},
    ]
    event = parse_webhook(payload)
    assert isinstance(event, TranscriptionReadyEvent)
    (message,) = event.properties.transcript
    assert message.role == "tool"
    assert_instant(message.timestamp, utc(2025, 7, 11, 6, 47))
    assert message.model_extra == {"speaker_id": "p1"}


# --- replica training, video and document callbacks ---------------------------------------------


def test_replica_training_ready() -> None:
    event = parse_webhook(REPLICA_TRAINING_READY)
    assert isinstance(event, ReplicaTrainingEvent)
    assert event.replica_id == "rxxxxxxxxx"
    assert event.status == "ready"
    assert event.error_message is None


def test_replica_training_example_as_printed_in_the_docs_is_not_json() -> None:
    with pytest.raises(WebhookParseError) as info:
        parse_webhook(REPLICA_TRAINING_READY_AS_DOCUMENTED)
    assert str(info.value) == (
        "webhook body is not valid JSON: Expecting property name enclosed in double quotes at line 4 column 1"
    )


def test_replica_training_error() -> None:
    event = parse_webhook(REPLICA_TRAINING_ERROR)
    assert isinstance(event, ReplicaTrainingEvent)
    assert event.replica_id == "rxxxxxxxxx"
    assert event.status == "error"
    assert event.error_message == (
        "There was an issue processing your training video. "
        "The video provided does not meet the minimum duration requirement for training"
    )


def test_video_ready() -> None:
    event = parse_webhook(VIDEO_READY)
    assert isinstance(event, VideoGenerationEvent)
    assert isinstance(event, Video)  # the same object GET /videos/{id} returns
    assert event.video_id == "1e30440cf9"
    assert event.video_name == "replica_id: r79e1c033f - August 28, 2024 - video: 1e30440cf9"
    assert event.replica_id == "r79e1c033f"
    assert event.status == "ready"
    assert event.status_details == "Your request has processed successfully!"
    assert event.generation_progress == "100/100"
    assert event.data is not None
    assert event.data.script == "Hello this is a test to give examples of callbacks"
    assert event.data.audio_url is None
    assert event.download_url == (
        "https://stream.mux.com/H5H029h02tY7XDpNj9JFDbLleTyUpsJr5npddO8gRsKqY/high.mp4?download=1e30440cf9"
    )
    assert event.stream_url == "https://stream.mux.com/H5H029h02tY7XDpNj9JFDbLleTyUpsJr5npddO8gRsKqY.m3u8"
    assert event.hosted_url == "https://videos.tavus.io/video/1e30440cf9"
    # Space-separated callback timestamps carry no zone and are read as UTC.
    assert_instant(event.created_at, utc(2024, 8, 28, 15, 27, 40, 824457))
    assert_instant(event.updated_at, utc(2024, 8, 28, 15, 29, 19, 802670))


def test_video_error() -> None:
    event = parse_webhook(VIDEO_ERROR)
    assert isinstance(event, VideoGenerationEvent)
    assert event.video_id == "c9b85a6d36"
    assert event.replica_id == "ra5ed77426"
    assert event.status == "error"
    assert event.status_details == (
        "An error occurred while generating this request. Please check your inputs or try your request again."
    )
    assert event.generation_progress == "0/100"
    assert event.download_url is None
    assert event.stream_url is None
    assert event.error_details is None
    assert "error_details" in event.model_fields_set
    assert event.hosted_url == "https://videos.tavus.io/video/c9b85a6d36"
    assert event.data is not None
    assert event.data.script == "This is a test script to show how videos error"
    assert_instant(event.created_at, utc(2024, 8, 28, 15, 32, 53, 58894))
    assert_instant(event.updated_at, utc(2024, 8, 28, 15, 35, 3, 762392))
    assert event.to_dict() == json.loads(VIDEO_ERROR) | {
        "created_at": "2024-08-28T15:32:53.058894Z",
        "updated_at": "2024-08-28T15:35:03.762392Z",
    }


def test_video_from_audio_with_rfc1123_timestamps() -> None:
    event = parse_webhook(
        {
            "video_id": "783d8a3d8b",
            "status": "ready",
            "data": {"audio_url": "https://example.com/voice.wav", "start_with_wave": True},
            "created_at": "Tue, 24 Jun 2025 07:01:57 GMT",
        }
    )
    assert isinstance(event, VideoGenerationEvent)
    assert event.data is not None
    assert event.data.audio_url == "https://example.com/voice.wav"
    assert event.data.start_with_wave is True
    assert event.data.script is None
    assert_instant(event.created_at, utc(2025, 6, 24, 7, 1, 57))


def test_document_status_ready() -> None:
    event = parse_webhook(DOCUMENT_READY)
    assert isinstance(event, DocumentStatusEvent)
    assert isinstance(event, Document)  # the same object GET /documents/{id} returns
    assert event.document_id == "d8-5c71baca86fc"
    assert event.document_name == "Company handbook"
    assert event.document_url == "https://example.com/handbook.pdf"
    assert event.status == "ready"
    assert event.tags == ["hr", "policies"]
    assert event.crawl_count == 0
    assert event.error_message is None
    assert_instant(event.created_at, utc(2025, 5, 13, 6, 42, 58, 291561))
    assert event.to_dict() == DOCUMENT_READY | {"updated_at": "2025-05-13T06:44:01Z"}


def test_document_status_error_after_recrawl() -> None:
    event = parse_webhook(
        {
            "document_id": "d2",
            "status": "error",
            "error_message": "website_processing_failed",
            "crawl_config": {"depth": 2, "max_pages": 10},
            "crawl_count": 1,
            "last_crawled_at": "2025-05-13T07:42:58Z",
        }
    )
    assert isinstance(event, DocumentStatusEvent)
    assert event.error_message == "website_processing_failed"
    assert event.crawl_config is not None
    assert (event.crawl_config.depth, event.crawl_config.max_pages) == (2, 10)
    assert event.tags is None
    assert_instant(event.last_crawled_at, utc(2025, 5, 13, 7, 42, 58))


def test_dispatch_order() -> None:
    # A video object also has replica_id and status: video_id wins.
    assert isinstance(parse_webhook(VIDEO_READY), VideoGenerationEvent)
    # event_type wins over everything else.
    payload = json.loads(REPLICA_JOINED) | {"video_id": "v", "document_id": "d", "status": "ready"}
    assert isinstance(parse_webhook(payload), ReplicaJoinedEvent)
    # document_id wins over replica_id + status.
    document = parse_webhook({"document_id": "d", "replica_id": "r", "status": "ready"})
    assert isinstance(document, DocumentStatusEvent)


# --- input types --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(SHUTDOWN, id="str"),
        pytest.param(SHUTDOWN.encode(), id="bytes"),
        pytest.param(b"\xef\xbb\xbf" + SHUTDOWN.encode(), id="bytes-with-bom"),
        pytest.param(bytearray(SHUTDOWN.encode()), id="bytearray"),
        pytest.param(json.loads(SHUTDOWN), id="dict"),
    ],
)
def test_input_types(body: Any) -> None:
    event = parse_webhook(body)
    assert isinstance(event, ShutdownEvent)
    assert event.properties.shutdown_reason == "participant_left_timeout"
    assert event.to_dict() == json.loads(SHUTDOWN) | {"timestamp": "2025-07-11T06:48:37.564961Z"}


def test_mapping_input_is_not_modified() -> None:
    payload = json.loads(SHUTDOWN)
    before = json.loads(SHUTDOWN)
    parse_webhook(payload)
    assert payload == before


# --- errors -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("", "webhook body is empty: expected a JSON object"),
        (b"  \n", "webhook body is empty: expected a JSON object"),
        ("not json", "webhook body is not valid JSON: Expecting value at line 1 column 1"),
        (
            b'{"event_type": "system.shutdown"',
            "webhook body is not valid JSON: Expecting ',' delimiter at line 1 column 33",
        ),
        (b"\xff\xfe{}", "webhook body is not UTF-8 text: invalid start byte at byte 0"),
        ("[1, 2]", "webhook body must be a JSON object, got an array"),
        ('"hello"', "webhook body must be a JSON object, got a string"),
        ("42", "webhook body must be a JSON object, got a number"),
        ("null", "webhook body must be a JSON object, got null"),
        ("true", "webhook body must be a JSON object, got a boolean"),
        (42, "webhook body must be bytes, str or a mapping, got int"),
        (
            '{"hello": 1, "conversation_id": "c1"}',
            "webhook body has none of event_type, video_id, document_id, replica_id: "
            "got keys ['conversation_id', 'hello']",
        ),
        ({}, "webhook body has none of event_type, video_id, document_id, replica_id: got keys []"),
        (
            {"replica_id": "r1", "error_message": "x"},
            "webhook body has replica_id but no status (a replica training callback has both): "
            "got keys ['error_message', 'replica_id']",
        ),
    ],
)
def test_unparseable_bodies(body: Any, message: str) -> None:
    with pytest.raises(WebhookParseError) as info:
        parse_webhook(body)
    assert str(info.value) == message
    assert isinstance(info.value, ValueError)


def test_missing_envelope_fields_are_reported_by_location() -> None:
    with pytest.raises(WebhookParseError) as info:
        parse_webhook({"event_type": "system.shutdown", "conversation_id": "c1"})
    assert str(info.value) == (
        "webhook body is not a valid system.shutdown callback: "
        "message_type: Field required; timestamp: Field required; properties: Field required"
    )


def test_nested_errors_are_reported_by_location() -> None:
    payload = json.loads(TRANSCRIPTION_READY)
    payload["properties"]["transcript"][1] = {"role": "user"}
    payload["properties"]["transcript"][2]["role"] = 7
    with pytest.raises(WebhookParseError) as info:
        parse_webhook(payload)
    assert str(info.value) == (
        "webhook body is not a valid application.transcription_ready callback: "
        "properties.transcript.1.content: Field required; "
        "properties.transcript.2.role: Input should be a valid string"
    )
    assert info.value.__cause__ is not None


def test_missing_shutdown_reason() -> None:
    payload = json.loads(SHUTDOWN)
    del payload["properties"]["shutdown_reason"]
    with pytest.raises(WebhookParseError, match=r"^webhook body is not a valid system\.shutdown callback: "):
        parse_webhook(payload)
    with pytest.raises(WebhookParseError, match=r"properties\.shutdown_reason: Field required$"):
        parse_webhook(payload)


def test_bad_duration_fails_and_an_odd_timestamp_is_kept_as_sent() -> None:
    payload = json.loads(RECORDING_READY)
    payload["timestamp"] = "yesterday"
    assert parse_webhook(payload).timestamp == "yesterday"  # one odd field does not lose the callback
    payload["properties"]["duration"] = "long"
    with pytest.raises(WebhookParseError) as info:
        parse_webhook(payload)
    message = str(info.value)
    assert message == (
        "webhook body is not a valid application.recording_ready callback: "
        "properties.duration: Input should be a valid number, unable to parse string as a number"
    )


def test_non_string_status_reports_the_field_once() -> None:
    with pytest.raises(WebhookParseError) as info:
        parse_webhook({"replica_id": "r1", "status": 5})
    assert str(info.value) == (
        "webhook body is not a valid replica training callback: status: Input should be a valid string"
    )


def test_non_string_event_type() -> None:
    with pytest.raises(WebhookParseError) as info:
        parse_webhook({"event_type": None, "conversation_id": "c1"})
    assert str(info.value) == (
        "webhook body is not a valid conversation callback: event_type: Input should be a valid string"
    )


def test_video_errors() -> None:
    with pytest.raises(WebhookParseError) as info:
        parse_webhook({"video_id": "v1", "data": {"script": 3}})
    assert str(info.value) == (
        "webhook body is not a valid video generation callback: "
        "status: Field required; data.script: Input should be a valid string"
    )


def test_many_errors_are_capped() -> None:
    transcript = [{"role": "user"} for _ in range(8)]
    payload = json.loads(TRANSCRIPTION_READY)
    payload["properties"]["transcript"] = transcript
    with pytest.raises(WebhookParseError) as info:
        parse_webhook(payload)
    assert str(info.value).endswith("properties.transcript.4.content: Field required; and 3 more")
