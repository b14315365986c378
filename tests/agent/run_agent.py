"""``python -m tests.agent.run_agent [agent options]``: the real ``python -m agent`` command with a fake room and
fake services, for tests that need the agent as a process of its own.

Everything but Daily and OpenAI is real: the command line, the exit codes, the signal handling, the lifecycle and
the Tavus client, which talks to whatever ``TAVUS_BASE_URL`` names (a served emulator). The room already holds the
replica and a human; the LLM greets once and then waits. Once the flow is running and the greeting has reached the
replica, the process prints ``RUNNING_LINE`` followed by the conversation id on stdout.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable, Coroutine
from typing import Any

from pipecat.processors.aggregators.llm_context import LLMContext
from pipecat.processors.aggregators.llm_response_universal import LLMContextAggregatorPair
from pipecat.transports.base_transport import BaseTransport

import agent.lifecycle
from agent.cli import main
from agent.config import AgentConfig, Models, Secrets
from agent.lifecycle import AgentSession, LaunchResult
from agent.pipeline import Services
from tests.agent.fakes import FakeRoom, Passthrough, participant
from tests.agent.scripted import FakeTTS, FlowRun, ScriptedLLM, Step

RUNNING_LINE = "agent running in conversation "
JOINING_LINE = "joining the room"
JOIN_DELAY_VARIABLE = "TEST_AGENT_JOIN_DELAY"
"""Seconds the room takes to let the agent in (printed as ``JOINING_LINE`` first): a window to signal set-up."""
GREETING = "Hello! How can I help?"
IN_ROOM = [participant("replica-1", "pipecat-stream"), participant("human-1", "Ana")]


class AnnouncingRoom(FakeRoom):
    """Says the agent is running once its first words reach the replica: the flow has started by then, inside the
    running pipeline, so the agent's signal handlers are in place."""

    async def connect(self) -> None:
        delay = float(os.environ.get(JOIN_DELAY_VARIABLE, "0"))
        if delay:
            print(JOINING_LINE, flush=True)
            await asyncio.sleep(delay)
        await super().connect()

    async def broadcast(self, message: dict[str, Any]) -> None:
        first = not self.echo_messages()
        await super().broadcast(message)
        if first and message.get("event_type") == "conversation.echo":
            print(f"{RUNNING_LINE}{message['conversation_id']}", flush=True)


class FakeRoomAndServices:
    def __init__(self) -> None:
        self.run = FlowRun()
        self.llm = ScriptedLLM([Step(say=GREETING)], self.run)

    def transport(self, url: str, token: str | None, bot_name: str, sample_rate: int) -> BaseTransport:
        return AnnouncingRoom(url=url, token=token, bot_name=bot_name, sample_rate=sample_rate, present=IN_ROOM)

    def services(self, models: Models, key: str, sample_rate: int) -> Services:
        return Services(stt=Passthrough(), llm=self.llm, tts=FakeTTS(self.run))

    def on_session(self, session: AgentSession) -> None:
        self.llm.flow_manager = session.flow_manager


def launch_in_fake_room(
    real_launch: Callable[..., Coroutine[Any, Any, LaunchResult]], fakes: FakeRoomAndServices | None = None
) -> Callable[..., Coroutine[Any, Any, LaunchResult]]:
    """``real_launch`` with the fake room and services put in; the OpenAI key is still checked, against whatever
    ``OPENAI_BASE_URL`` names (pass ``check_keys`` to replace the check)."""
    fakes = fakes or FakeRoomAndServices()

    async def launch(config: AgentConfig, secrets: Secrets, **options: Any) -> LaunchResult:
        return await real_launch(
            config,
            secrets,
            transport_factory=fakes.transport,
            services_factory=fakes.services,
            aggregators_factory=lambda: LLMContextAggregatorPair(LLMContext()),  # no VAD: no audio arrives
            on_session=fakes.on_session,
            **options,
        )

    return launch


if __name__ == "__main__":
    # The command imports launch from agent.lifecycle when it runs, so this is where the fakes go in.
    agent.lifecycle.launch = launch_in_fake_room(agent.lifecycle.launch)
    raise SystemExit(main())
