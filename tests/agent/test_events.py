"""Tavus app messages parsed into typed events, and the wait for the replica to finish speaking."""

from __future__ import annotations

import asyncio
import time

import pytest

from agent.events import (
    ReplicaInterrupted,
    ReplicaStartedSpeaking,
    ReplicaStoppedSpeaking,
    TavusEvent,
    TavusEvents,
    ToolCall,
    UserStartedSpeaking,
    UserStoppedSpeaking,
    Utterance,
    parse_app_message,
)


def msg(event_type: str, conversation_id: str = "c1", **props: object) -> dict[str, object]:
    return {
        "message_type": "conversation",
        "event_type": event_type,
        "conversation_id": conversation_id,
        "properties": props,
    }


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        (msg("conversation.replica.started_speaking", inference_id="i1"), ReplicaStartedSpeaking("c1", "i1")),
        (
            msg("conversation.replica.stopped_speaking", inference_id="i1", duration=2.5),
            ReplicaStoppedSpeaking("c1", "i1", 2.5),
        ),
        (msg("conversation.replica.stopped_speaking", duration=None), ReplicaStoppedSpeaking("c1", None, None)),
        (msg("conversation.replica_interrupted"), ReplicaInterrupted("c1")),
        (msg("conversation.user.started_speaking", inference_id="u"), UserStartedSpeaking("c1", "u")),
        (msg("conversation.user.stopped_speaking"), UserStoppedSpeaking("c1")),
        (
            msg("conversation.utterance", role="user", speech="I need a dentist"),
            Utterance("c1", "user", "I need a dentist"),
        ),
        (
            msg("conversation.tool_call", name="get_weather", arguments='{"city": "Oslo"}', inference_id="i2"),
            ToolCall("c1", "get_weather", {"city": "Oslo"}, "i2"),
        ),
        (msg("conversation.tool_call", name="ping", arguments={"n": 1}), ToolCall("c1", "ping", {"n": 1})),
        (
            msg("conversation.tool_call", name="bad", arguments="{not json"),
            ToolCall("c1", "bad", {"_raw": "{not json"}),
        ),
    ],
)
def test_tavus_messages_become_typed_events(message: dict[str, object], expected: TavusEvent) -> None:
    assert parse_app_message(message) == expected


@pytest.mark.parametrize(
    "message",
    [
        "hello",
        None,
        {"event_type": "conversation.utterance"},  # no message_type
        {"message_type": "system", "event_type": "system.replica_joined"},
        msg("conversation.echo", audio="AAAA"),  # our own messages echoed back are not events
        msg("conversation.utterance", role="user"),  # no speech
        msg("conversation.tool_call", arguments="{}"),  # no name
        msg("conversation.something_new"),
    ],
)
def test_other_messages_are_not_events(message: object) -> None:
    assert parse_app_message(message) is None


async def test_listeners_receive_events_of_their_conversation_only() -> None:
    events = TavusEvents("c1")
    seen: list[TavusEvent] = []

    async def async_listener(event: TavusEvent) -> None:
        seen.append(event)

    def broken(event: TavusEvent) -> None:
        raise RuntimeError("listener bug")

    events.add_listener(broken)
    events.add_listener(async_listener)
    events.add_listener(seen.append)
    await events.handle_app_message(msg("conversation.utterance", role="replica", speech="Hi"))
    await events.handle_app_message(msg("conversation.utterance", "other", role="replica", speech="not ours"))
    assert seen == [Utterance("c1", "replica", "Hi")] * 2


async def test_speaking_state_follows_the_replica() -> None:
    events = TavusEvents("c1")
    assert not events.replica_speaking
    await events.handle_app_message(msg("conversation.replica.started_speaking"))
    assert events.replica_speaking
    await events.handle_app_message(msg("conversation.replica.stopped_speaking", duration=1.0))
    assert not events.replica_speaking


async def test_wait_returns_when_the_replica_stops_after_the_goodbye_started() -> None:
    events = TavusEvents("c1")
    since = time.monotonic()

    async def replica() -> None:
        await asyncio.sleep(0.02)
        await events.handle_app_message(msg("conversation.replica.started_speaking", inference_id="tavus-1"))
        await asyncio.sleep(0.05)
        await events.handle_app_message(msg("conversation.replica.stopped_speaking", inference_id="tavus-1"))

    task = asyncio.create_task(replica())
    started = time.monotonic()
    assert await events.wait_until_replica_stops(since=since, inference_id="goodbye", timeout=2.0)
    assert 0.05 <= time.monotonic() - started < 1.0
    await task


async def test_a_late_stop_of_an_earlier_utterance_does_not_count() -> None:
    events = TavusEvents("c1")
    await events.handle_app_message(msg("conversation.replica.started_speaking", inference_id="old"))
    since = time.monotonic()
    await events.handle_app_message(msg("conversation.replica.stopped_speaking", inference_id="old"))
    assert not await events.wait_until_replica_stops(since=since, inference_id="goodbye", timeout=0.1)


async def test_a_stop_naming_the_goodbye_counts_even_without_a_start() -> None:
    events = TavusEvents("c1")
    since = time.monotonic()
    await events.handle_app_message(msg("conversation.replica.stopped_speaking", inference_id="goodbye"))
    assert await events.wait_until_replica_stops(since=since, inference_id="goodbye", timeout=0.1)


async def test_wait_is_bounded_when_the_replica_never_reports() -> None:
    events = TavusEvents("c1")
    started = time.monotonic()
    assert not await events.wait_until_replica_stops(since=started, inference_id="x", timeout=0.1)
    assert time.monotonic() - started < 0.5
