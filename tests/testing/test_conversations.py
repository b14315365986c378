"""Conversations in the emulator: create rules, views, end and delete, the call lifecycle, callbacks and memories."""

from __future__ import annotations

import base64
import json
import re
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from tavus_sdk import AsyncTavus, ConcurrencyLimitError, NotFoundError, Tavus
from tavus_sdk.testing import Limits, TavusEmulator, Timings
from tavus_sdk.testing._context import iso
from tavus_sdk.testing._errors import ApiError
from tavus_sdk.testing.handlers.conversations import DEFAULT_PERSONA_ID
from tavus_sdk.webhooks import (
    PerceptionAnalysisEvent,
    ReplicaJoinedEvent,
    ShutdownEvent,
    TranscriptionReadyEvent,
    parse_webhook,
)

from .conftest import API_KEY, WebhookSink, assert_fits

STOCK_PERSONA = "pdced222244b"  # Sales Coach: default replica rfe12d8b9597, perception raven-0
STOCK_PERSONA_REPLICA = "rfe12d8b9597"
OTHER_REPLICA = "r79e1c033f"
CALLBACK = "https://hooks.example.com/tavus"
ENVELOPE_KEYS = {"properties", "conversation_id", "webhook_url", "event_type", "message_type", "timestamp"}


@pytest.fixture
async def hooked_tavus(hooked: TavusEmulator) -> AsyncIterator[AsyncTavus]:
    async with hooked.async_client(API_KEY) as client:
        yield client


async def create(http: httpx.AsyncClient, **body: Any) -> dict[str, Any]:
    response = await http.post("/conversations", json=body)
    assert response.status_code == 200, response.text
    created: dict[str, Any] = response.json()
    return created


async def rejected(http: httpx.AsyncClient, status: int, **body: Any) -> dict[str, Any]:
    response = await http.post("/conversations", json=body)
    assert response.status_code == status, response.text
    error: dict[str, Any] = response.json()
    return error


async def verbose(http: httpx.AsyncClient, conversation_id: str) -> dict[str, Any]:
    response = await http.get(f"/conversations/{conversation_id}", params={"verbose": "true"})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    assert_fits(body, "Conversation")
    return body


def raw_http(emulator: TavusEmulator) -> httpx.AsyncClient:
    return httpx.AsyncClient(base_url=emulator.base_url, transport=emulator.transport(), headers={"x-api-key": API_KEY})


def event_types(view: dict[str, Any]) -> list[str]:
    return [event["event_type"] for event in view["events"]]


# -- create ---------------------------------------------------------------------------------------------------


async def test_create_answers_the_documented_defaults(emulator: TavusEmulator, http: httpx.AsyncClient) -> None:
    now = emulator.clock.now()
    body = await create(http, replica_id=OTHER_REPLICA, persona_id=STOCK_PERSONA)
    assert_fits(body, "Conversation")
    conversation_id = body["conversation_id"]
    assert re.fullmatch(r"c[0-9a-f]{15}", conversation_id)
    assert body == {
        "conversation_id": conversation_id,
        "conversation_name": f"New Conversation {int(now * 1000)}",
        "conversation_url": f"https://tavus.daily.co/{conversation_id}",
        "status": "active",
        "callback_url": "",
        "replica_id": OTHER_REPLICA,
        "persona_id": STOCK_PERSONA,
        "created_at": iso(now),
        "updated_at": iso(now),
        "ended_at": None,
    }


@pytest.mark.parametrize("path", ["/conversations", "/conversations/"])
async def test_create_accepts_both_slash_forms(http: httpx.AsyncClient, path: str) -> None:
    response = await http.post(path, json={"persona_id": STOCK_PERSONA, "conversation_name": "Slash"})
    assert response.status_code == 200
    assert response.json()["conversation_name"] == "Slash"
    listed = (await http.get("/conversations/")).json()["data"]
    assert [item["conversation_id"] for item in listed] == [response.json()["conversation_id"]]


async def test_callback_url_and_name_are_echoed(http: httpx.AsyncClient) -> None:
    body = await create(http, persona_id=STOCK_PERSONA, callback_url=CALLBACK, conversation_name="Interview User")
    assert (body["callback_url"], body["conversation_name"]) == (CALLBACK, "Interview User")


@pytest.mark.parametrize("callback_url", ["not a url", "ftp://hooks.example.com/x", "/relative"])
async def test_callback_url_must_be_an_absolute_http_url(http: httpx.AsyncClient, callback_url: str) -> None:
    error = await rejected(http, 422, persona_id=STOCK_PERSONA, callback_url=callback_url)
    assert error["errors"] == [
        {"field": "callback_url", "message": f"must be an absolute http(s) URL, got {callback_url!r}"}
    ]
    assert (await create(http, persona_id=STOCK_PERSONA, callback_url=""))["callback_url"] == ""


async def test_meeting_token_only_when_require_auth(http: httpx.AsyncClient) -> None:
    private = await create(http, persona_id=STOCK_PERSONA, require_auth=True)
    header, claims, signature = private["meeting_token"].split(".")
    assert json.loads(base64.urlsafe_b64decode(header + "==")) == {"alg": "HS256", "typ": "JWT"}
    assert private["meeting_token"].startswith("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.")
    assert json.loads(base64.urlsafe_b64decode(claims + "=="))["r"] == private["conversation_id"]
    assert signature
    fetched = (await http.get(f"/conversations/{private['conversation_id']}")).json()
    assert fetched["meeting_token"] == private["meeting_token"]

    for extra in ({}, {"require_auth": False}):
        public_room = await create(http, persona_id=STOCK_PERSONA, **extra)
        assert "meeting_token" not in public_room


async def test_persona_default_replica_is_used_and_the_request_replica_wins(http: httpx.AsyncClient) -> None:
    by_default = await create(http, persona_id=STOCK_PERSONA)
    assert by_default["replica_id"] == STOCK_PERSONA_REPLICA
    overridden = await create(http, persona_id=STOCK_PERSONA, replica_id=OTHER_REPLICA)
    assert overridden["replica_id"] == OTHER_REPLICA


async def test_replica_alone_uses_the_default_tavus_persona(http: httpx.AsyncClient) -> None:
    body = await create(http, replica_id=OTHER_REPLICA)
    assert body["persona_id"] == DEFAULT_PERSONA_ID
    assert (await http.get(f"/personas/{DEFAULT_PERSONA_ID}")).status_code == 200


async def test_a_persona_without_default_replica_needs_replica_id(tavus: AsyncTavus, http: httpx.AsyncClient) -> None:
    persona = await tavus.personas.create(persona_name="No Face", system_prompt="You help.")
    error = await rejected(http, 400, persona_id=persona.persona_id)
    message = f"replica_id is required: persona {persona.persona_id} has no default_replica_id"
    assert error == {
        "message": message,
        "error": "bad_request",
        "errors": [{"field": "replica_id", "message": message}],
    }
    assert (await http.get("/conversations")).json() == {"data": [], "total_count": 0}
    assert (await create(http, persona_id=persona.persona_id, replica_id=OTHER_REPLICA))["persona_id"] == (
        persona.persona_id
    )


async def test_neither_persona_nor_replica_is_a_400_naming_replica_id(http: httpx.AsyncClient) -> None:
    error = await rejected(http, 400, conversation_name="Nobody")
    assert error["errors"][0]["field"] == "replica_id"
    assert "give a replica_id, or a persona_id" in error["message"]


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"persona_id": "p0000000"}, "persona_id", "Persona not found: p0000000"),
        ({"persona_id": STOCK_PERSONA, "replica_id": "r0000000"}, "replica_id", "Replica not found: r0000000"),
        (
            {"persona_id": STOCK_PERSONA, "document_ids": ["d0000000"]},
            "document_ids.0",
            "Document not found: d0000000",
        ),
    ],
)
async def test_unknown_ids_in_the_body_are_a_400_naming_the_field(
    http: httpx.AsyncClient, body: dict[str, Any], field: str, message: str
) -> None:
    error = await rejected(http, 400, **body)
    assert error["message"] == message
    assert error["errors"] == [{"field": field, "message": message}]
    assert (await http.get("/conversations")).json() == {"data": [], "total_count": 0}


async def test_documents_are_checked_with_the_callers_key(emulator: TavusEmulator, http: httpx.AsyncClient) -> None:
    async with emulator.async_client("another-key") as other:
        theirs = await other.documents.create(document_url="https://example.com/theirs.pdf")
    response = await http.post(
        "/conversations", json={"persona_id": STOCK_PERSONA, "document_ids": [theirs.document_id]}
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "document_ids.0"

    mine = (await http.post("/documents", json={"document_url": "https://example.com/mine.pdf"})).json()
    await create(http, persona_id=STOCK_PERSONA, document_ids=[mine["document_id"]], document_tags=["lesson-1"])


async def test_a_training_replica_cannot_join_until_it_is_ready(
    emulator: TavusEmulator, tavus: AsyncTavus, http: httpx.AsyncClient
) -> None:
    replica = await tavus.replicas.create(train_video_url="https://example.com/train.mp4", replica_name="Trainee")
    error = await rejected(http, 400, persona_id=STOCK_PERSONA, replica_id=replica.replica_id)
    assert error["errors"][0]["field"] == "replica_id"
    assert "its status is started, it must be completed" in error["message"]

    emulator.advance(emulator.timings.replica_training)
    assert (await create(http, persona_id=STOCK_PERSONA, replica_id=replica.replica_id))["status"] == "active"


async def test_a_failed_or_deleted_replica_cannot_be_used(
    emulator: TavusEmulator, tavus: AsyncTavus, http: httpx.AsyncClient
) -> None:
    failed = await tavus.replicas.create(train_video_url="https://example.com/train.mov")
    deleted = await tavus.replicas.create(train_video_url="https://example.com/train.mp4")
    emulator.advance(emulator.timings.replica_training)
    await tavus.replicas.delete(deleted.replica_id)

    error = await rejected(http, 400, persona_id=STOCK_PERSONA, replica_id=failed.replica_id)
    assert "its status is error" in error["message"]
    error = await rejected(http, 400, persona_id=STOCK_PERSONA, replica_id=deleted.replica_id)
    assert error["errors"] == [{"field": "replica_id", "message": f"Replica not found: {deleted.replica_id}"}]


async def test_a_persona_default_replica_that_is_not_ready_is_named(tavus: AsyncTavus, http: httpx.AsyncClient) -> None:
    replica = await tavus.replicas.create(train_video_url="https://example.com/train.mp4")
    persona = await tavus.personas.create(system_prompt="Hi.", default_replica_id=replica.replica_id)
    error = await rejected(http, 400, persona_id=persona.persona_id)
    assert error["errors"][0]["field"] == "replica_id"
    assert f"(the default_replica_id of persona {persona.persona_id})" in error["message"]


@pytest.mark.parametrize("persona_id", ["pipecat-stream", "pipecat0"])
async def test_pipecat_personas_work_with_a_replica(
    emulator: TavusEmulator, tavus: AsyncTavus, http: httpx.AsyncClient, persona_id: str
) -> None:
    conversation = await tavus.conversations.create(replica_id=OTHER_REPLICA, persona_id=persona_id)
    assert conversation.persona_id == persona_id
    emulator.advance(emulator.timings.replica_join)
    await tavus.conversations.end(conversation.conversation_id)
    ended = await verbose(http, conversation.conversation_id)
    assert ended["status"] == "ended"
    assert ended["transcript"] == []  # echo mode: no LLM, nothing for the emulator to transcribe
    assert "application.perception_analysis" not in event_types(ended)  # echo mode has no perception

    error = await rejected(http, 400, persona_id=persona_id)
    assert error["errors"][0]["field"] == "replica_id"


async def test_max_call_duration_over_3600_is_a_422_naming_the_field(http: httpx.AsyncClient) -> None:
    error = await rejected(http, 422, persona_id=STOCK_PERSONA, properties={"max_call_duration": 3601})
    assert [item["field"] for item in error["errors"]] == ["properties.max_call_duration"]
    assert "3600" in error["errors"][0]["message"]
    await create(http, persona_id=STOCK_PERSONA, properties={"max_call_duration": 3600})


async def test_a_lower_configured_call_limit_is_enforced() -> None:
    emulator = TavusEmulator(limits=Limits(max_call_duration=600))
    async with raw_http(emulator) as http:
        error = await rejected(http, 422, persona_id=STOCK_PERSONA, properties={"max_call_duration": 1800})
    assert error["errors"] == [
        {"field": "properties.max_call_duration", "message": "1800 is greater than the maximum of 600"}
    ]


# -- concurrency --------------------------------------------------------------------------------------------


async def test_the_concurrency_limit_answers_tavus_400_and_ending_frees_a_slot() -> None:
    emulator = TavusEmulator(limits=Limits(max_concurrent_conversations=2))
    async with emulator.async_client(API_KEY) as tavus:
        first = await tavus.conversations.create(persona_id=STOCK_PERSONA)
        await tavus.conversations.create(persona_id=STOCK_PERSONA)
        with pytest.raises(ConcurrencyLimitError) as caught:
            await tavus.conversations.create(persona_id=STOCK_PERSONA)
        assert caught.value.status_code == 400
        assert caught.value.body == {
            "message": "User has reached maximum concurrent conversations",
            "error": "bad_request",
        }
        assert len((await tavus.conversations.list()).data) == 2

        await tavus.conversations.end(first.conversation_id)
        third = await tavus.conversations.create(persona_id=STOCK_PERSONA)
        with pytest.raises(ConcurrencyLimitError):
            await tavus.conversations.create(persona_id=STOCK_PERSONA)

        await tavus.conversations.delete(third.conversation_id)  # deleting an active one frees its slot too
        await tavus.conversations.create(persona_id=STOCK_PERSONA)


async def test_a_timed_out_call_frees_its_slot() -> None:
    emulator = TavusEmulator(limits=Limits(max_concurrent_conversations=1))
    async with emulator.async_client(API_KEY) as tavus:
        await tavus.conversations.create(persona_id=STOCK_PERSONA, properties={"participant_absent_timeout": 60})
        with pytest.raises(ConcurrencyLimitError):
            await tavus.conversations.create(persona_id=STOCK_PERSONA)
        emulator.advance(60)
        await tavus.conversations.create(persona_id=STOCK_PERSONA)


async def test_no_concurrency_limit_when_it_is_none() -> None:
    emulator = TavusEmulator(limits=Limits(max_concurrent_conversations=None))
    async with emulator.async_client(API_KEY) as tavus:
        for _ in range(25):
            await tavus.conversations.create(persona_id=STOCK_PERSONA)
        first = await tavus.conversations.list()
        assert (len(first.data), first.total_count) == (10, 25)  # one page of Tavus's default size
        assert len([c async for c in tavus.conversations.list()]) == 25


# -- get, list, unknown ids ----------------------------------------------------------------------------------------


async def test_get_without_verbose_has_no_verbose_fields(emulator: TavusEmulator, http: httpx.AsyncClient) -> None:
    created = await create(http, persona_id=STOCK_PERSONA, callback_url=CALLBACK)
    conversation_id = created["conversation_id"]
    emulator.advance(5)
    await http.post(f"/conversations/{conversation_id}/end")
    for params in ({}, {"verbose": "false"}):
        body = (await http.get(f"/conversations/{conversation_id}", params=params)).json()
        assert_fits(body, "Conversation")
        assert not {"shutdown_reason", "transcript", "events"} & body.keys()
        assert (body["status"], body["ended_at"]) == ("ended", iso(emulator.clock.now()))


async def test_verbose_while_active_shows_the_events_so_far(emulator: TavusEmulator, http: httpx.AsyncClient) -> None:
    conversation_id = (await create(http, persona_id=STOCK_PERSONA))["conversation_id"]
    assert (await verbose(http, conversation_id))["events"] == []
    created_at = emulator.clock.now()
    emulator.advance(emulator.timings.replica_join)
    view = await verbose(http, conversation_id)
    assert view["shutdown_reason"] is None
    assert "transcript" not in view  # only once the call has ended
    assert view["events"] == [
        {
            "event_type": "system.replica_joined",
            "message_type": "system",
            "timestamp": iso(created_at + emulator.timings.replica_join),
            "properties": {"replica_id": STOCK_PERSONA_REPLICA},
        }
    ]
    assert view["updated_at"] == iso(created_at + emulator.timings.replica_join)


async def test_list_shows_active_and_ended_conversations(http: httpx.AsyncClient) -> None:
    first = await create(http, persona_id=STOCK_PERSONA)
    second = await create(http, replica_id=OTHER_REPLICA)
    await http.post(f"/conversations/{first['conversation_id']}/end")
    body = (await http.get("/conversations")).json()
    assert_fits(body, "ConversationList")
    statuses = {item["conversation_id"]: item["status"] for item in body["data"]}
    assert statuses == {first["conversation_id"]: "ended", second["conversation_id"]: "active"}
    assert all("events" not in item for item in body["data"])


@pytest.mark.parametrize(("method", "suffix"), [("GET", ""), ("DELETE", ""), ("POST", "/end")])
async def test_unknown_conversation_is_tavus_400(http: httpx.AsyncClient, method: str, suffix: str) -> None:
    # docs.tavus.io/api-reference/conversations/end-conversation: 400 {"error": "Invalid conversation_id"}
    response = await http.request(method, f"/conversations/c0000000{suffix}")
    assert response.status_code == 400
    assert response.json() == {"error": "Invalid conversation_id"}


# -- end and delete -------------------------------------------------------------------------------------------


async def test_end_sets_ended_and_is_idempotent(emulator: TavusEmulator, http: httpx.AsyncClient) -> None:
    conversation_id = (await create(http, persona_id=STOCK_PERSONA))["conversation_id"]
    emulator.advance(10)
    ended_at = iso(emulator.clock.now())
    response = await http.post(f"/conversations/{conversation_id}/end")
    assert (response.status_code, response.content) == (200, b"")
    first = await verbose(http, conversation_id)
    assert (first["status"], first["ended_at"], first["updated_at"]) == ("ended", ended_at, ended_at)
    assert first["shutdown_reason"] == "end_conversation_endpoint_hit"

    emulator.advance(30)
    again = await http.post(f"/conversations/{conversation_id}/end")
    assert (again.status_code, again.content) == (200, b"")
    assert await verbose(http, conversation_id) == first


async def test_delete_removes_the_conversation(http: httpx.AsyncClient) -> None:
    active = (await create(http, persona_id=STOCK_PERSONA))["conversation_id"]
    ended = (await create(http, persona_id=STOCK_PERSONA))["conversation_id"]
    await http.post(f"/conversations/{ended}/end")
    for conversation_id in (active, ended):
        response = await http.delete(f"/conversations/{conversation_id}")
        assert (response.status_code, response.content) == (204, b"")  # 204 NO CONTENT, as Tavus answers
        assert (await http.get(f"/conversations/{conversation_id}")).status_code == 400
        assert (await http.delete(f"/conversations/{conversation_id}")).status_code == 400
    assert (await http.get("/conversations")).json() == {"data": [], "total_count": 0}


async def test_deleting_a_live_call_shuts_its_room_down(
    hooked: TavusEmulator, hooked_tavus: AsyncTavus, sink: WebhookSink
) -> None:
    conversation = await hooked_tavus.conversations.create(persona_id=STOCK_PERSONA, callback_url=CALLBACK)
    await hooked_tavus.conversations.delete(conversation.conversation_id)
    await hooked.deliver_webhooks()
    assert sink.events()[:2] == ["system.shutdown", "application.transcription_ready"]
    shutdown = parse_webhook(sink.received[0])
    assert isinstance(shutdown, ShutdownEvent)
    assert shutdown.properties.shutdown_reason == "daily_room_has_been_deleted"


# -- lifecycle ------------------------------------------------------------------------------------------------


async def test_replica_joins_after_the_configured_delay() -> None:
    emulator = TavusEmulator(timings=Timings(replica_join=5.0))
    async with raw_http(emulator) as client:
        created_at = emulator.clock.now()
        conversation_id = (await create(client, persona_id=STOCK_PERSONA))["conversation_id"]
        emulator.advance(4.9)
        assert (await verbose(client, conversation_id))["events"] == []
        emulator.advance(100)
        view = await verbose(client, conversation_id)
    assert event_types(view) == ["system.replica_joined"]
    assert view["events"][0]["timestamp"] == iso(created_at + 5.0)  # when it was due, not when it was seen


async def test_max_call_duration_ends_the_call_when_due(emulator: TavusEmulator, http: httpx.AsyncClient) -> None:
    created_at = emulator.clock.now()
    conversation_id = (await create(http, persona_id=STOCK_PERSONA, properties={"max_call_duration": 60}))[
        "conversation_id"
    ]
    emulator.join(conversation_id)
    emulator.advance(59)
    assert (await verbose(http, conversation_id))["status"] == "active"
    emulator.advance(1000)
    view = await verbose(http, conversation_id)
    assert (view["status"], view["shutdown_reason"]) == ("ended", "max_call_duration reached")
    assert view["ended_at"] == iso(created_at + 60)
    assert event_types(view) == [
        "system.replica_joined",
        "system.shutdown",
        "application.transcription_ready",
        "application.perception_analysis",
    ]
    assert {event["timestamp"] for event in view["events"][1:]} == {iso(created_at + 60)}


async def test_without_max_call_duration_the_documented_maximum_applies(
    emulator: TavusEmulator, http: httpx.AsyncClient
) -> None:
    created_at = emulator.clock.now()
    conversation_id = (await create(http, persona_id=STOCK_PERSONA))["conversation_id"]
    emulator.join(conversation_id)
    emulator.advance(emulator.limits.max_call_duration + 1)
    view = await verbose(http, conversation_id)
    assert view["shutdown_reason"] == "max_call_duration reached"
    assert view["ended_at"] == iso(created_at + emulator.limits.max_call_duration)


async def test_nobody_joining_ends_the_call_after_300_seconds_by_default(
    emulator: TavusEmulator, http: httpx.AsyncClient
) -> None:
    created_at = emulator.clock.now()
    conversation_id = (await create(http, persona_id=STOCK_PERSONA))["conversation_id"]
    emulator.advance(299)
    assert (await verbose(http, conversation_id))["status"] == "active"
    emulator.advance(1)
    view = await verbose(http, conversation_id)
    assert (view["status"], view["shutdown_reason"]) == ("ended", "participant_absent_timeout reached")
    assert view["ended_at"] == iso(created_at + 300)


async def test_participant_absent_timeout_is_configurable_and_stops_once_someone_joins(
    emulator: TavusEmulator, http: httpx.AsyncClient
) -> None:
    created_at = emulator.clock.now()
    properties = {"participant_absent_timeout": 120}
    lonely = (await create(http, persona_id=STOCK_PERSONA, properties=properties))["conversation_id"]
    visited = (await create(http, persona_id=STOCK_PERSONA, properties=properties))["conversation_id"]
    emulator.advance(100)
    emulator.join(visited, "alice")
    emulator.advance(400)
    assert (await verbose(http, lonely))["ended_at"] == iso(created_at + 120)
    assert (await verbose(http, visited))["status"] == "active"


async def test_participant_left_timeout_runs_from_the_last_leave(
    emulator: TavusEmulator, http: httpx.AsyncClient
) -> None:
    properties = {"participant_left_timeout": 60}
    conversation_id = (await create(http, persona_id=STOCK_PERSONA, properties=properties))["conversation_id"]
    emulator.join(conversation_id, "alice")
    emulator.join(conversation_id, "bob")
    emulator.advance(10)
    emulator.leave(conversation_id, "alice")
    emulator.advance(100)  # bob is still there
    emulator.leave(conversation_id, "bob")
    emulator.advance(50)
    emulator.join(conversation_id, "bob")  # back in time: the countdown stops
    emulator.advance(100)
    assert (await verbose(http, conversation_id))["status"] == "active"

    emulator.leave(conversation_id, "bob")
    left_at = emulator.clock.now()
    emulator.advance(59)
    assert (await verbose(http, conversation_id))["status"] == "active"
    emulator.advance(500)
    view = await verbose(http, conversation_id)
    assert (view["shutdown_reason"], view["ended_at"]) == ("participant_left_timeout reached", iso(left_at + 60))


async def test_participant_left_timeout_defaults_to_0(emulator: TavusEmulator, http: httpx.AsyncClient) -> None:
    conversation_id = (await create(http, persona_id=STOCK_PERSONA))["conversation_id"]
    emulator.join(conversation_id)
    emulator.advance(30)
    emulator.leave(conversation_id)
    record = emulator.record("conversations", conversation_id)
    assert record is not None
    assert (record["status"], record["ended_at"]) == ("ended", iso(emulator.clock.now()))
    assert (await verbose(http, conversation_id))["shutdown_reason"] == "participant_left_timeout reached"


async def test_ticking_again_changes_nothing(emulator: TavusEmulator, http: httpx.AsyncClient) -> None:
    conversation_id = (await create(http, persona_id=STOCK_PERSONA, callback_url=CALLBACK))["conversation_id"]
    emulator.advance(400)
    first = await verbose(http, conversation_id)
    queued = len(emulator.deliveries)
    for _ in range(3):
        emulator.tick()
        emulator.advance(10)
    assert await verbose(http, conversation_id) == first
    assert len(emulator.deliveries) == queued == 4


async def test_participants_join_only_live_rooms_with_space(emulator: TavusEmulator, http: httpx.AsyncClient) -> None:
    with pytest.raises(ApiError) as unknown:
        emulator.join("c0000000")
    assert (unknown.value.status, unknown.value.message) == (404, "Conversation not found: c0000000")

    conversation_id = (await create(http, persona_id=STOCK_PERSONA, max_participants=2))["conversation_id"]
    emulator.join(conversation_id, "alice")
    emulator.join(conversation_id, "alice")  # already in: nothing happens
    with pytest.raises(ApiError) as full:
        emulator.join(conversation_id, "bob")  # the replica takes the other place
    assert full.value.status == 409
    assert "max_participants is 2, the replica included" in full.value.message
    with pytest.raises(ApiError) as absent:
        emulator.leave(conversation_id, "bob")
    assert (absent.value.status, absent.value.message) == (409, f"bob is not in conversation {conversation_id}")

    await http.post(f"/conversations/{conversation_id}/end")
    with pytest.raises(ApiError) as ended:
        emulator.join(conversation_id, "carol")
    assert ended.value.status == 409
    assert "has ended" in ended.value.message


# -- callbacks ------------------------------------------------------------------------------------------------


async def test_callbacks_arrive_in_order_with_the_documented_envelope(
    hooked: TavusEmulator, hooked_tavus: AsyncTavus, sink: WebhookSink
) -> None:
    created_at = hooked.clock.now()
    conversation = await hooked_tavus.conversations.create(
        persona_id=STOCK_PERSONA,
        callback_url=CALLBACK,
        custom_greeting="Ready to practice your pitch?",
        conversational_context="The user sells solar panels.",
    )
    conversation_id = conversation.conversation_id
    hooked.advance(3)
    await hooked.deliver_webhooks()
    assert sink.events() == ["system.replica_joined"]

    await hooked_tavus.conversations.end(conversation_id)
    hooked.advance(1)  # delivered later than it happened: the timestamps still say when it happened
    await hooked.deliver_webhooks()
    assert sink.events() == [
        "system.replica_joined",
        "system.shutdown",
        "application.transcription_ready",
        "application.perception_analysis",
    ]
    assert set(sink.urls) == {CALLBACK}
    for payload in sink.received:
        assert set(payload) == ENVELOPE_KEYS
        assert (payload["conversation_id"], payload["webhook_url"]) == (conversation_id, CALLBACK)
        assert payload["message_type"] == payload["event_type"].split(".")[0]

    joined, shutdown, transcription, perception = (parse_webhook(body) for body in sink.received)
    assert isinstance(joined, ReplicaJoinedEvent)
    assert joined.properties.replica_id == STOCK_PERSONA_REPLICA
    assert sink.received[0]["timestamp"] == iso(created_at + hooked.timings.replica_join)
    assert isinstance(shutdown, ShutdownEvent)
    assert sink.received[1]["properties"] == {
        "replica_id": STOCK_PERSONA_REPLICA,
        "shutdown_reason": "end_conversation_endpoint_hit",
    }
    assert sink.received[1]["timestamp"] == iso(created_at + 3)
    assert isinstance(transcription, TranscriptionReadyEvent)
    transcript = sink.received[2]["properties"]["transcript"]
    assert [entry["role"] for entry in transcript] == ["system", "assistant"]
    assert transcript[0]["content"].endswith("The user sells solar panels.")
    assert transcript[1] == {"role": "assistant", "content": "Ready to practice your pitch?"}
    assert isinstance(perception, PerceptionAnalysisEvent)
    assert perception.properties.analysis.startswith("Here's a summary of the visual observations")

    view = (await hooked_tavus.conversations.get(conversation_id, verbose=True)).model_dump(mode="json")
    assert [event["event_type"] for event in view["events"]] == sink.events()
    assert [entry["content"] for entry in view["transcript"]] == [entry["content"] for entry in transcript]


async def test_perception_analysis_only_for_raven_0(
    hooked: TavusEmulator, hooked_tavus: AsyncTavus, sink: WebhookSink
) -> None:
    plain = await hooked_tavus.personas.create(system_prompt="Be kind.", default_replica_id=OTHER_REPLICA)
    basic = await hooked_tavus.personas.create(
        system_prompt="Be kind.", default_replica_id=OTHER_REPLICA, layers={"perception": {"perception_model": "basic"}}
    )
    raven_by_default = await hooked_tavus.personas.create(
        system_prompt="Be kind.",
        default_replica_id=OTHER_REPLICA,
        layers={"perception": {"ambient_awareness_queries": ["Is the user smiling?"]}},
    )
    ids = {}
    for persona in (plain, basic, raven_by_default):
        conversation = await hooked_tavus.conversations.create(persona_id=persona.persona_id, callback_url=CALLBACK)
        ids[conversation.conversation_id] = persona.persona_id
        await hooked_tavus.conversations.end(conversation.conversation_id)
    await hooked.deliver_webhooks()
    analysed = {ids[body["conversation_id"]] for body in sink.received if body["event_type"].endswith("analysis")}
    assert analysed == {raven_by_default.persona_id}
    assert sink.events().count("application.transcription_ready") == 3


async def test_no_callback_url_means_no_callbacks(emulator: TavusEmulator, http: httpx.AsyncClient) -> None:
    conversation_id = (await create(http, persona_id=STOCK_PERSONA))["conversation_id"]
    emulator.advance(5)
    await http.post(f"/conversations/{conversation_id}/end")
    assert emulator.deliveries == []
    assert len((await verbose(http, conversation_id))["events"]) == 4  # still recorded for ?verbose=true


async def test_a_call_that_ends_before_the_replica_joins_has_no_join_event(
    hooked: TavusEmulator, hooked_tavus: AsyncTavus, sink: WebhookSink
) -> None:
    conversation = await hooked_tavus.conversations.create(
        persona_id=STOCK_PERSONA, callback_url=CALLBACK, custom_greeting="Hello!"
    )
    await hooked_tavus.conversations.end(conversation.conversation_id)
    hooked.advance(60)
    await hooked.deliver_webhooks()
    assert sink.events()[0] == "system.shutdown"
    assert "system.replica_joined" not in sink.events()
    transcript = sink.received[1]["properties"]["transcript"]
    assert [entry["role"] for entry in transcript] == ["system"]  # the replica never got to greet anyone


# -- memories -------------------------------------------------------------------------------------------------


async def test_memory_stores_are_accepted_and_no_memory_api_is_invented(
    emulator: TavusEmulator, tavus: AsyncTavus, http: httpx.AsyncClient
) -> None:
    # Memories come from memory_stores on conversation create (docs.tavus.io/sections/conversational-video-interface/
    # memories); no official source has an endpoint that reads or deletes them, so the emulator has none.
    conversation = await tavus.conversations.create(persona_id=STOCK_PERSONA, memory_stores=["anna_p123", "class_7"])
    assert emulator.record("conversations", conversation.conversation_id) is not None
    await tavus.conversations.end(conversation.conversation_id)
    assert "memories" not in emulator.store.tables
    assert not hasattr(tavus, "memories")
    response = await http.delete("/memories/anna_p123/m1")
    assert response.status_code == 404
    assert "No route for DELETE" in response.text


# -- through the SDK --------------------------------------------------------------------------------------------


async def test_full_lifecycle_async(emulator: TavusEmulator, tavus: AsyncTavus) -> None:
    created = await tavus.conversations.create(
        persona_id=STOCK_PERSONA, conversation_name="Lifecycle", properties={"participant_left_timeout": 30}
    )
    assert (created.status, created.conversation_url) == (
        "active",
        f"https://tavus.daily.co/{created.conversation_id}",
    )
    emulator.join(created.conversation_id)
    emulator.advance(10)

    fetched = await tavus.conversations.get(created.conversation_id)
    assert (fetched.status, fetched.replica_id, fetched.events) == ("active", STOCK_PERSONA_REPLICA, None)
    listed = await tavus.conversations.list()
    assert [item.conversation_id for item in listed.data] == [created.conversation_id]

    await tavus.conversations.end(created.conversation_id)
    ended = await tavus.conversations.get(created.conversation_id, verbose=True)
    assert ended.status == "ended"
    assert ended.ended_at is not None
    assert ended.shutdown_reason == "end_conversation_endpoint_hit"
    assert ended.transcript is not None
    assert [entry.role for entry in ended.transcript] == ["system", "assistant"]
    assert ended.events is not None
    assert [event.event_type for event in ended.events][:2] == ["system.replica_joined", "system.shutdown"]

    await tavus.conversations.delete(created.conversation_id)
    with pytest.raises(NotFoundError):
        await tavus.conversations.get(created.conversation_id)
    assert (await tavus.conversations.list()).data == []


def test_full_lifecycle_sync(emulator: TavusEmulator, sync_tavus: Tavus) -> None:
    created = sync_tavus.conversations.create(replica_id=OTHER_REPLICA, persona_id="pipecat0")
    emulator.advance(emulator.timings.replica_join)
    assert sync_tavus.conversations.get(created.conversation_id).status == "active"
    assert [item.conversation_id for item in sync_tavus.conversations.list()] == [created.conversation_id]

    sync_tavus.conversations.end(created.conversation_id)
    sync_tavus.conversations.end(created.conversation_id)  # harmless the second time
    ended = sync_tavus.conversations.get(created.conversation_id, verbose=True)
    assert (ended.status, ended.shutdown_reason, ended.transcript) == ("ended", "end_conversation_endpoint_hit", [])
    assert ended.events is not None
    assert [event.event_type for event in ended.events] == [
        "system.replica_joined",
        "system.shutdown",
        "application.transcription_ready",
    ]

    sync_tavus.conversations.delete(created.conversation_id)
    with pytest.raises(NotFoundError):
        sync_tavus.conversations.end(created.conversation_id)
