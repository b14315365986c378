"""Post-actions of a node that waits for the visitor (``respond_immediately=False``) run once the reply has played.

pipecat.flows defers such post-actions until a ``BotStoppedSpeakingFrame`` reaches the end of the pipeline. The
agent's room transport never plays audio itself (the replica does), so the echo sender has to say when the
replica has finished speaking. These tests run the agent's real lifecycle, pipeline, echo sender and flow
manager against the emulator, with a fake room, LLM and TTS.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

from pipecat.flows import FlowManager, NodeConfig
from pipecat.frames.frames import LLMMessagesAppendFrame
from pipecat.processors.aggregators.llm_context import LLMContext
from pipecat.processors.aggregators.llm_response_universal import LLMContextAggregatorPair
from pipecat.transports.base_transport import BaseTransport

from agent.config import AgentConfig, Models, Secrets
from agent.lifecycle import AgentSession, LaunchResult, launch
from agent.pipeline import Services
from tavus_sdk.testing import TavusEmulator
from tests.agent.fakes import FakeRoom, Passthrough, counted_client, participant, skip_key_check, wait_until
from tests.agent.scripted import FakeTTS, FlowRun, ScriptedLLM, Step

REPLICA = "rfe12d8b9597"  # a stock replica of the emulator
SECRETS = Secrets(tavus_api_key="emulator-key", openai_api_key="sk-offline")
IN_ROOM = [participant("replica-1", "pipecat-stream"), participant("human-1", "Ana")]
GOODBYE_SECONDS = 0.4

post_action_ran_at: list[float] = []


def goodbye_on_request() -> NodeConfig:
    """Waits for the visitor, answers once, then ends the call."""
    return NodeConfig(
        name="listen",
        task_messages=[{"role": "developer", "content": "Wait for the visitor; when they say goodbye, say goodbye."}],
        respond_immediately=False,
        post_actions=[{"type": "end_conversation"}],
    )


async def _note_post_action(action: dict[str, Any], flow_manager: FlowManager) -> None:
    post_action_ran_at.append(time.monotonic())


def note_after_reply() -> NodeConfig:
    """Waits for the visitor, answers, then runs a function post-action; the call stays open."""
    return NodeConfig(
        name="listen",
        task_messages=[{"role": "developer", "content": "Answer the visitor."}],
        respond_immediately=False,
        post_actions=[{"type": "function", "handler": _note_post_action}],
    )


class Visit:
    """One launch of the agent; the visitor speaks once the flow is waiting for them."""

    def __init__(self, reply: str) -> None:
        self.emulator = TavusEmulator()
        self.tavus, self.http = counted_client(self.emulator)
        self.run = FlowRun()
        self.llm = ScriptedLLM([Step(say=reply)], self.run)
        self.room: FakeRoom | None = None
        self.session: AgentSession | None = None

    def transport(self, url: str, token: str | None, bot_name: str, sample_rate: int) -> BaseTransport:
        self.room = FakeRoom(url=url, token=token, bot_name=bot_name, sample_rate=sample_rate, present=IN_ROOM)
        return self.room

    def services(self, models: Models, key: str, sample_rate: int) -> Services:
        return Services(stt=Passthrough(), llm=self.llm, tts=FakeTTS(self.run, seconds=GOODBYE_SECONDS))

    def keep_session(self, session: AgentSession) -> None:
        self.session = session
        self.llm.flow_manager = session.flow_manager

    def launch(self, flow: str) -> asyncio.Task[LaunchResult]:
        config = AgentConfig(
            replica_id=REPLICA, flow=f"tests.agent.test_post_actions:{flow}", goodbye_timeout=3.0, rejoin_grace=0
        )
        return asyncio.create_task(
            launch(
                config,
                SECRETS,
                tavus=self.tavus,
                transport_factory=self.transport,
                services_factory=self.services,
                aggregators_factory=lambda: LLMContextAggregatorPair(LLMContext()),  # no VAD: no audio arrives
                check_keys=skip_key_check,
                announce=lambda _text: None,
                handle_signals=False,
                on_session=self.keep_session,
            )
        )

    async def visitor_says(self, text: str) -> None:
        await wait_until(lambda: self.session is not None and self.session.flow_manager.current_node == "listen")
        assert self.session is not None
        await self.session.worker.queue_frame(LLMMessagesAppendFrame([{"role": "user", "content": text}], run_llm=True))

    def reply_played_at(self) -> float:
        """When the replica had played all of the reply, counting from its first echo message."""
        assert self.room is not None
        echoes = self.room.echo_messages()
        return echoes[0][0] + GOODBYE_SECONDS


async def test_an_end_conversation_post_action_runs_after_the_reply_and_ends_the_call_once() -> None:
    visit = Visit("Goodbye, Ana!")
    task = visit.launch("goodbye_on_request")
    await visit.visitor_says("I have to go, bye!")
    result = await asyncio.wait_for(task, 5)  # without the post-action the agent would wait for ever
    assert result.stop_reason == "the flow ended"
    assert result.ended
    assert visit.run.spoken == ["Goodbye, Ana!"]
    assert visit.http.count("POST", "/conversations") == 1
    assert visit.http.count("POST", "/end") == 1
    [conversation] = visit.emulator.records("conversations")
    assert conversation["status"] == "ended"
    [end_call] = [c for c in visit.http.calls if c.path.endswith("/end")]
    assert end_call.at >= visit.reply_played_at()


async def test_a_function_post_action_runs_once_the_replica_has_played_the_reply() -> None:
    post_action_ran_at.clear()
    visit = Visit("Our hours are nine to five.")
    task = visit.launch("note_after_reply")
    await visit.visitor_says("When are you open?")
    try:
        await wait_until(lambda: bool(post_action_ran_at))
        assert visit.room is not None
        [ran_at] = post_action_ran_at
        assert ran_at >= visit.reply_played_at()  # not as soon as the audio was handed over
        assert ran_at - visit.room.echo_messages()[-1][0] >= GOODBYE_SECONDS / 2
    finally:
        assert visit.room is not None
        await visit.room.leave(IN_ROOM[1])
        await asyncio.wait_for(task, 5)
    assert visit.run.spoken == ["Our hours are nine to five."]
