"""Only the human's voice reaches speech-to-text, whatever the join order.

Everything is real but the network edges: pipecat's ``DailyTransport`` over an in-memory Daily room (the
``CallClient`` it drives), Silero voice detection, the OpenAI STT, LLM and TTS services over a local fake OpenAI
server, the Flows manager, the lifecycle and the Tavus client against the emulator. The replica and the human
speak different clips (pipecat's "ready" prompt, and the same played backwards); the fake OpenAI server names the
clip it recognises in each transcription request, so the requests show whose voice reached speech-to-text.
"""

from __future__ import annotations

import asyncio
import time
import wave
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pipecat
import pytest

from agent.config import AgentConfig, Models, Secrets
from agent.lifecycle import AgentSession, LaunchResult, launch
from tavus_sdk.testing import TavusEmulator
from tests.agent.fake_daily import FakeDailyRoom, daily_room
from tests.agent.fake_openai import GOOD_KEY, FakeOpenAI, serve_openai
from tests.agent.fakes import counted_client, wait_until
from tests.slow_guard import slow_fixture

REPLICA = "rfe12d8b9597"  # a stock replica of the emulator
REPLICA_NAME = "pipecat-stream"  # the persona's name: the replica's name in the room
CLIP_PATH = Path(pipecat.__file__).parent / "services" / "aws" / "nova_sonic" / "ready.wav"
TIMEOUT = 20.0


def _clip() -> np.ndarray:
    with wave.open(str(CLIP_PATH)) as wav:
        assert (wav.getframerate(), wav.getnchannels()) == (16000, 1)
        return np.frombuffer(wav.readframes(wav.getnframes()), dtype="<i2").copy()


REPLICA_VOICE = _clip()
HUMAN_VOICE = REPLICA_VOICE[::-1].copy()


@pytest.fixture
@slow_fixture
def openai(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeOpenAI]:
    fake = FakeOpenAI(clips={"the replica": (REPLICA_VOICE, 16000), "the human": (HUMAN_VOICE, 16000)})
    with serve_openai(fake):
        # The OpenAI client each pipecat service builds reads it, as it would in production.
        monkeypatch.setenv("OPENAI_BASE_URL", fake.base_url)
        yield fake


@pytest.fixture
def room(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeDailyRoom]:
    with daily_room(monkeypatch) as fake_room:
        yield fake_room


@dataclass
class Call:
    task: asyncio.Task[LaunchResult]
    sessions: list[AgentSession]
    announced: list[str]

    @property
    def session(self) -> AgentSession:
        return self.sessions[0]


@pytest.fixture
async def call(openai: FakeOpenAI, room: FakeDailyRoom) -> AsyncIterator[Callable[..., Call]]:
    emulator = TavusEmulator()
    tavus, _http = counted_client(emulator)
    calls: list[Call] = []

    def start(**config: Any) -> Call:
        sessions: list[AgentSession] = []
        announced: list[str] = []
        options: dict[str, Any] = {"replica_id": REPLICA, "flow": "tests.agent.flows_for_tests:chat_node"}
        coroutine = launch(
            AgentConfig(**(options | {"rejoin_grace": 0.3} | config)),
            Secrets("emulator-key", GOOD_KEY, openai.base_url),
            tavus=tavus,
            announce=announced.append,
            handle_signals=False,
            on_session=sessions.append,
        )
        started = Call(asyncio.create_task(coroutine), sessions, announced)
        calls.append(started)
        return started

    yield start
    for started in calls:
        if not started.task.done():
            started.task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await started.task
    await tavus.close()


def greeted(openai: FakeOpenAI, room: FakeDailyRoom) -> Callable[[], bool]:
    return lambda: bool(openai.chats) and bool(room.echo_messages())


async def speak(room: FakeDailyRoom, participant_id: str, voice: np.ndarray, said_before: int = 0) -> None:
    room.say(participant_id, voice)
    await wait_until(lambda: room.finished_saying(participant_id, said_before + 1), f"{participant_id} to speak")


async def test_replica_in_the_room_first_its_voice_never_reaches_speech_to_text(
    call: Callable[..., Call], openai: FakeOpenAI, room: FakeDailyRoom
) -> None:
    room.add("replica-1", REPLICA_NAME)
    room.add("human-1", "Ana")
    agent = call()
    await wait_until(greeted(openai, room), "the greeting")

    await speak(room, "replica-1", REPLICA_VOICE)
    await asyncio.sleep(1.0)  # past voice detection's stop: a heard replica would be transcribed by now
    await speak(room, "human-1", HUMAN_VOICE)
    await wait_until(lambda: bool(openai.transcriptions), "a transcription")
    await asyncio.sleep(0.5)

    assert openai.texts() == ["the human"]
    # The human's words went on to the LLM, and its answer to the replica.
    await wait_until(lambda: _asked_about(openai, "the human"), "the LLM to hear the human")
    await wait_until(lambda: len(openai.speeches) >= 2, "the answer to be spoken")
    [client] = room.clients
    assert client.user_name == "Front desk agent"
    assert not client.subscribed("replica-1", "microphone")
    room.remove("human-1")
    result = await asyncio.wait_for(agent.task, TIMEOUT)
    assert result.stop_reason == "the human left the room"
    assert result.ended


async def test_replica_joining_late_the_greeting_waits_and_its_voice_never_reaches_speech_to_text(
    call: Callable[..., Call], openai: FakeOpenAI, room: FakeDailyRoom
) -> None:
    room.add("human-1", "Ana")
    agent = call()
    await wait_until(lambda: bool(room.joined_clients()) and bool(agent.sessions), "the agent to join")
    await asyncio.sleep(1.0)
    assert openai.chats == []  # nobody to speak the greeting yet
    room.add("replica-1", REPLICA_NAME)
    await wait_until(greeted(openai, room), "the greeting")

    await speak(room, "replica-1", REPLICA_VOICE)
    await asyncio.sleep(1.0)
    await speak(room, "human-1", HUMAN_VOICE)
    await wait_until(lambda: bool(openai.transcriptions), "a transcription")
    await asyncio.sleep(0.5)

    assert openai.texts() == ["the human"]
    room.remove("human-1")
    result = await asyncio.wait_for(agent.task, TIMEOUT)
    assert result.stop_reason == "the human left the room"


async def test_two_humans_are_both_heard_and_the_replica_is_not(
    call: Callable[..., Call], openai: FakeOpenAI, room: FakeDailyRoom
) -> None:
    room.add("replica-1", REPLICA_NAME)
    room.add("human-1", "Ana")
    room.add("human-2", "Ben")
    agent = call()
    await wait_until(greeted(openai, room), "the greeting")

    await speak(room, "human-1", HUMAN_VOICE)
    await wait_until(lambda: len(openai.transcriptions) == 1, "the first human's transcription")
    await speak(room, "replica-1", REPLICA_VOICE)
    await asyncio.sleep(1.0)
    await speak(room, "human-2", HUMAN_VOICE)
    await wait_until(lambda: len(openai.transcriptions) == 2, "the second human's transcription")
    await asyncio.sleep(0.5)
    assert openai.texts() == ["the human", "the human"]
    assert agent.session.human_ids == {"human-1", "human-2"}

    room.remove("human-1")
    await asyncio.sleep(1.0)  # longer than the rejoin grace: one human is still there
    assert not agent.task.done()
    room.remove("human-2")
    result = await asyncio.wait_for(agent.task, TIMEOUT)
    assert result.stop_reason == "the human left the room"


def _asked_about(openai: FakeOpenAI, text: str) -> bool:
    return any(_asked_about_in(chat, text) for _, chat in openai.chats)


@pytest.mark.parametrize(
    ("endpoint", "status", "kind"),
    [
        pytest.param("llm", 404, "LLM", id="LLM-unknown-model"),
        pytest.param("tts", 401, "text-to-speech", id="TTS-revoked-key"),
        pytest.param("stt", 401, "speech-to-text", id="STT-revoked-key"),
    ],
)
async def test_a_permanent_service_error_ends_the_call_with_its_own_reason(
    call: Callable[..., Call], openai: FakeOpenAI, room: FakeDailyRoom, endpoint: str, status: int, kind: str
) -> None:
    openai.fail[endpoint] = status
    room.add("replica-1", REPLICA_NAME)
    room.add("human-1", "Ana")
    agent = call()
    if endpoint == "stt":
        await wait_until(greeted(openai, room), "the greeting")
        room.say("human-1", HUMAN_VOICE)
    result = await asyncio.wait_for(agent.task, TIMEOUT)
    assert result.stop_reason.startswith(f"{kind} error: ")
    assert str(status) in result.stop_reason
    assert result.failed
    assert result.ended
    assert not result.interrupted


async def test_after_barge_in_the_context_keeps_only_what_the_replica_said(
    call: Callable[..., Call], openai: FakeOpenAI, room: FakeDailyRoom
) -> None:
    openai.reply = "One. Two. Three. Four."
    openai.speech_seconds = 1.0  # per sentence: the replica plays the greeting for about 4 s
    room.add("replica-1", REPLICA_NAME)
    room.add("human-1", "Ana")
    # A fixed silence ends the human's turn: the smart-turn model's timing on a busy CPU is beside the point here.
    agent = call(models=Models(turn_detection="speech-timeout"))
    await wait_until(greeted(openai, room), "the greeting")
    started = room.echo_messages()[0][0]
    await wait_until(lambda: len(openai.speeches) == 4, "every sentence to be synthesised")
    await asyncio.sleep(max(0.0, started + 1.3 - _now()))  # "One." has played, "Two." is under way
    await speak(room, "human-1", HUMAN_VOICE)
    await wait_until(lambda: _asked_about(openai, "the human"), "the LLM to hear the human")

    [answer] = [chat for _, chat in openai.chats if _asked_about_in(chat, "the human")]
    said = [m["content"] for m in answer["messages"] if m.get("role") == "assistant"]
    assert said, "what the replica said is in the context"
    assert "One." in said[-1]
    assert "Four." not in said[-1]
    assert any(m["event_type"] == "conversation.interrupt" for _, m in room.app_messages)
    room.remove("human-1")
    await asyncio.wait_for(agent.task, TIMEOUT)


def _now() -> float:
    return time.monotonic()


def _asked_about_in(chat: dict[str, Any], text: str) -> bool:
    return any(m.get("role") == "user" and text in str(m.get("content")) for m in chat.get("messages", []))
