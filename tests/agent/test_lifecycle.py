"""One conversation against the emulator: one create, and exactly one end whichever way the agent stops."""

from __future__ import annotations

import asyncio
import json
import os
import signal
from collections.abc import Sequence
from typing import Any

import httpx
import pytest
from pipecat.processors.aggregators.llm_context import LLMContext
from pipecat.processors.aggregators.llm_response_universal import LLMContextAggregatorPair
from pipecat.transports.base_transport import BaseTransport

from agent.config import AgentConfig, Models, SafetyNets, Secrets
from agent.events import TavusEvent, ToolCall, events_of
from agent.lifecycle import AgentSession, LaunchResult, launch
from agent.pipeline import Services
from tavus_sdk import AsyncTavus
from tavus_sdk.testing import TavusEmulator
from tests.agent.fakes import FakeRoom, Passthrough, counted_client, participant, skip_key_check, wait_until
from tests.agent.scripted import FakeTTS, FlowRun, ScriptedLLM, Step

REPLICA = "rfe12d8b9597"  # a stock replica of the emulator
SECRETS = Secrets(tavus_api_key="emulator-key", openai_api_key="sk-offline")
HUMAN = participant("human-1", "Ana")
REPLICA_IN_ROOM = participant("replica-1", "pipecat-stream")


class Harness:
    def __init__(self, script: Sequence[Step], *, speech_seconds: float = 0.1, **room: Any) -> None:
        self.emulator = TavusEmulator()
        self.tavus, self.http = counted_client(self.emulator)
        self.run = FlowRun()
        self.script = list(script)
        self.speech_seconds = speech_seconds
        self.room_options: dict[str, Any] = {"present": [REPLICA_IN_ROOM, HUMAN], **room}
        self.room: FakeRoom | None = None
        self.session: AgentSession | None = None
        self.announced: list[str] = []

    def transport(self, url: str, token: str | None, bot_name: str, sample_rate: int) -> BaseTransport:
        self.room = FakeRoom(url=url, token=token, bot_name=bot_name, sample_rate=sample_rate, **self.room_options)
        return self.room

    def services(self, models: Models, key: str, sample_rate: int) -> Services:
        self.llm = ScriptedLLM(self.script, self.run)
        return Services(stt=Passthrough(), llm=self.llm, tts=FakeTTS(self.run, seconds=self.speech_seconds))

    def keep_session(self, session: AgentSession) -> None:
        self.session = session
        self.llm.flow_manager = session.flow_manager

    async def launch(
        self, flow: str = "tests.agent.flows_for_tests:goodbye_node", *, handle_signals: bool = False, **config: Any
    ) -> LaunchResult:
        options: dict[str, Any] = {"replica_id": REPLICA, "flow": flow, "goodbye_timeout": 3.0, "rejoin_grace": 0}
        options |= config
        return await launch(
            AgentConfig(**options),
            SECRETS,
            tavus=self.tavus,
            transport_factory=self.transport,
            services_factory=self.services,
            aggregators_factory=lambda: LLMContextAggregatorPair(LLMContext()),  # no VAD: no audio arrives
            check_keys=skip_key_check,
            announce=self.announced.append,
            handle_signals=handle_signals,
            on_session=self.keep_session,
        )

    def conversations(self) -> list[dict[str, Any]]:
        return self.emulator.records("conversations")

    def assert_created_and_ended_once(self) -> dict[str, Any]:
        assert self.http.count("POST", "/conversations") == 1
        assert self.http.count("POST", "/end") == 1
        [conversation] = self.conversations()
        assert conversation["status"] == "ended"
        return conversation


async def test_the_flow_ending_ends_the_conversation_once_after_the_goodbye_has_played() -> None:
    h = Harness([Step(say="Goodbye, Ana!")], speech_seconds=0.5)
    result = await h.launch()
    conversation = h.assert_created_and_ended_once()
    assert result.stop_reason == "the flow ended"
    assert result.ended
    assert h.run.spoken == ["Goodbye, Ana!"]
    # The whole goodbye reached the replica, done marker included ...
    assert h.room is not None
    echoes = h.room.echo_messages()
    assert [m["properties"]["done"] for _, m in echoes] == [False] * 5 + [True]
    # ... and the end call waited until the replica had finished playing it.
    [end_call] = [c for c in h.http.calls if c.path.endswith("/end")]
    stopped = [at for at, m in h.room.replica_events if m["event_type"].endswith("stopped_speaking")]
    assert len(stopped) == 1
    assert end_call.at >= stopped[0]
    assert end_call.at - echoes[-1][0] >= 0.5  # half a second of audio played after the last message went out
    assert h.session is not None
    assert h.session.goodbye_heard is True
    assert conversation["conversation_url"] in h.announced[0]
    assert h.room.other_messages() == []


async def test_the_conversation_is_created_with_the_safety_nets_and_the_echo_persona() -> None:
    h = Harness([Step(say="Bye.")])
    safety = SafetyNets(max_call_duration=600, participant_left_timeout=5, participant_absent_timeout=60)
    await h.launch(safety=safety, require_auth=True)
    [conversation] = h.conversations()
    assert conversation["replica_id"] == REPLICA
    [persona] = [p for p in h.emulator.records("personas") if p["persona_id"] == conversation["persona_id"]]
    assert persona["persona_name"] == "pipecat-stream"
    assert persona["pipeline_mode"] == "echo"
    create = h.emulator.record("conversations", conversation["conversation_id"])
    assert create is not None
    assert h.room is not None
    assert h.room.token is not None
    verbose = await h.tavus.conversations.get(conversation["conversation_id"], verbose=True)
    assert verbose.shutdown_reason == "end_conversation_endpoint_hit"
    stored = h.emulator.store.table("conversations")[conversation["conversation_id"]]
    assert stored["_max_participants"] == 3
    assert stored["_max_call_duration"] == 600
    assert stored["_participant_left_timeout"] == 5
    assert stored["_participant_absent_timeout"] == 60


async def test_the_replica_is_recognised_and_its_microphone_unsubscribed() -> None:
    h = Harness([Step(say="Hello!")])
    task = asyncio.create_task(h.launch(flow="tests.agent.flows_for_tests:chat_node"))
    await wait_until(lambda: h.run.spoken == ["Hello!"])
    session = h.session
    assert session is not None
    assert h.room is not None
    assert session.replica_ids == {"replica-1"}
    assert session.human_ids == {"human-1"}
    assert h.room.subscriptions == [{"replica-1": {"media": {"microphone": "unsubscribed"}}}]
    await h.room.leave(HUMAN)
    await task


async def test_flows_reach_the_typed_tavus_events_of_their_conversation() -> None:
    h = Harness([Step(say="Hello!")])
    task = asyncio.create_task(h.launch(flow="tests.agent.flows_for_tests:chat_node"))
    await wait_until(lambda: bool(h.run.spoken))
    assert h.session is not None
    assert h.room is not None
    events = events_of(h.session.flow_manager)
    assert events is h.session.events
    seen: list[TavusEvent] = []
    events.add_listener(seen.append)
    conversation_id = h.session.conversation.conversation_id
    tool_call = {
        "message_type": "conversation",
        "event_type": "conversation.tool_call",
        "conversation_id": conversation_id,
        "properties": {"name": "lookup", "arguments": '{"q": "hours"}'},
    }
    await h.room._call_event_handler("on_app_message", tool_call, "replica-1")
    await wait_until(lambda: bool(seen))
    assert seen == [ToolCall(conversation_id, "lookup", {"q": "hours"})]
    await h.room.leave(HUMAN)
    await task


async def test_the_human_leaving_ends_the_conversation_once() -> None:
    h = Harness([Step(say="Hello! How can I help?")])
    task = asyncio.create_task(h.launch(flow="tests.agent.flows_for_tests:chat_node"))
    await wait_until(lambda: bool(h.run.spoken))
    assert h.room is not None
    await h.room.leave(HUMAN)
    result = await asyncio.wait_for(task, 5)
    assert result.stop_reason == "the human left the room"
    h.assert_created_and_ended_once()


async def test_the_replica_leaving_ends_the_conversation_once() -> None:
    h = Harness([Step(say="Hello!")])
    task = asyncio.create_task(h.launch(flow="tests.agent.flows_for_tests:chat_node"))
    await wait_until(lambda: bool(h.run.spoken))
    assert h.room is not None
    await h.room.leave(REPLICA_IN_ROOM)
    result = await asyncio.wait_for(task, 5)
    assert result.stop_reason == "the replica left the room"
    h.assert_created_and_ended_once()


async def test_cancelling_the_agent_ends_the_conversation_once() -> None:
    h = Harness([Step(say="Hello!")])
    task = asyncio.create_task(h.launch(flow="tests.agent.flows_for_tests:chat_node"))
    await wait_until(lambda: bool(h.run.spoken))
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    h.assert_created_and_ended_once()


@pytest.mark.parametrize(
    ("signum", "reason"), [(signal.SIGTERM, "SIGTERM received"), (signal.SIGINT, "Ctrl-C received")]
)
async def test_a_signal_ends_the_conversation_once(signum: int, reason: str) -> None:
    h = Harness([Step(say="Hello!")])
    task = asyncio.create_task(h.launch(flow="tests.agent.flows_for_tests:chat_node", handle_signals=True))
    await wait_until(lambda: bool(h.run.spoken))
    os.kill(os.getpid(), signum)
    result = await asyncio.wait_for(task, 5)
    assert result.stop_reason == reason
    h.assert_created_and_ended_once()


async def test_a_room_that_cannot_be_joined_ends_the_conversation_once() -> None:
    h = Harness([], fail_join=True)
    result = await asyncio.wait_for(h.launch(), 5)
    assert result.stop_reason.startswith("transport error: Error joining https://tavus.daily.co/")
    assert result.transport_failed
    assert not result.interrupted
    assert h.run.spoken == []
    h.assert_created_and_ended_once()


async def test_an_error_in_the_room_ends_the_conversation_once_and_is_raised() -> None:
    h = Harness([], refuse_subscriptions=True)
    with pytest.raises(RuntimeError, match="subscription refused"):
        await asyncio.wait_for(h.launch(flow="tests.agent.flows_for_tests:chat_node"), 5)
    h.assert_created_and_ended_once()


async def test_an_error_while_setting_up_ends_the_conversation_once_and_is_raised() -> None:
    h = Harness([])

    def broken_transport(url: str, token: str | None, bot_name: str, sample_rate: int) -> BaseTransport:
        raise OSError("no audio device")

    h.transport = broken_transport  # type: ignore[method-assign]
    with pytest.raises(OSError, match="no audio device"):
        await h.launch()
    h.assert_created_and_ended_once()


async def test_a_failed_end_call_is_reported_not_raised() -> None:
    h = Harness([Step(say="Bye.")])
    h.emulator.faults.add("POST /conversations/*/end", status=500, times=None)
    result = await h.launch()
    assert result.stop_reason == "the flow ended"
    assert not result.ended
    [conversation] = h.conversations()
    assert conversation["status"] == "active"  # Tavus' own timeouts will end it


async def test_joining_an_existing_conversation_creates_nothing_and_ends_it_once() -> None:
    h = Harness([Step(say="Bye.")])
    persona = await h.tavus.personas.ensure_pipecat_stream(replica_id=REPLICA)
    existing = await h.tavus.conversations.create(replica_id=REPLICA, persona_id=persona.persona_id)
    h.http.calls.clear()
    result = await h.launch(replica_id=None, conversation_id=existing.conversation_id)
    assert result.conversation_id == existing.conversation_id
    assert h.http.count("POST", "/conversations") == 0
    assert h.http.count("POST", "/personas") == 0
    assert h.http.count("POST", "/end") == 1
    assert h.room is not None
    assert h.room.url == existing.conversation_url


async def test_the_replica_not_reporting_bounds_the_wait_for_the_goodbye() -> None:
    h = Harness([Step(say="Bye.")], replica_reports=False)
    started = asyncio.get_running_loop().time()
    result = await h.launch(goodbye_timeout=0.3)
    assert result.stop_reason == "the flow ended"
    assert 0.3 <= asyncio.get_running_loop().time() - started < 3
    assert h.session is not None
    assert h.session.goodbye_heard is False
    h.assert_created_and_ended_once()


async def test_a_human_who_comes_back_within_the_grace_period_keeps_the_call() -> None:
    h = Harness([Step(say="Hello!")])
    task = asyncio.create_task(h.launch(flow="tests.agent.flows_for_tests:chat_node", rejoin_grace=0.6))
    await wait_until(lambda: bool(h.run.spoken))
    assert h.room is not None
    await h.room.leave(HUMAN)  # a page reload
    await asyncio.sleep(0.1)
    await h.room._call_event_handler("on_participant_joined", HUMAN)
    await asyncio.sleep(1.0)
    assert not task.done()
    await h.room.leave(HUMAN)
    left = asyncio.get_running_loop().time()
    result = await asyncio.wait_for(task, 5)
    assert asyncio.get_running_loop().time() - left >= 0.6
    assert result.stop_reason == "the human left the room"
    assert not result.failed
    h.assert_created_and_ended_once()


async def test_the_idle_timeout_ends_the_call_with_its_own_reason() -> None:
    h = Harness([Step(say="Hello!")])
    result = await asyncio.wait_for(h.launch(flow="tests.agent.flows_for_tests:chat_node", idle_timeout=0.5), 10)
    assert result.stop_reason == "idle timeout: nobody spoke for 0.5s"
    assert result.failed
    assert result.ended
    h.assert_created_and_ended_once()


async def test_a_private_room_link_carries_the_meeting_token() -> None:
    h = Harness([Step(say="Bye.")])
    await h.launch(require_auth=True)
    [conversation] = h.conversations()
    assert h.room is not None
    assert h.room.token
    assert h.announced[0].endswith(f"Join it here: {conversation['conversation_url']}?t={h.room.token}")


class _NoRoomUrl(httpx.AsyncBaseTransport):
    """Tavus answering a create without the room URL."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self._inner = inner

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self._inner.handle_async_request(request)
        if request.method == "POST" and request.url.path.endswith("/conversations"):
            body = json.loads(await response.aread())
            body.pop("conversation_url", None)
            return httpx.Response(response.status_code, json=body)
        return response


async def test_a_conversation_created_without_a_room_url_is_still_ended() -> None:
    h = Harness([])
    h.tavus = AsyncTavus(api_key="emulator-key", base_url=h.emulator.base_url, transport=_NoRoomUrl(h.http))
    with pytest.raises(RuntimeError, match="was created without a room URL"):
        await h.launch()
    h.assert_created_and_ended_once()
    assert h.room is None  # nothing to join
