"""The video-layer topology, offline: pipecat's real Daily transports over an in-memory Daily, the emulator, a
replica that says what it is sent, and a local Daily REST server for the rooms the agent creates.

What a user relies on: one conversation created with the safety nets, the agent's voice reaching the replica in the
Tavus room, the replica's face and voice reaching the human in the agent's room, exactly one end whichever way the
call stops, and a refused option or key before anything is created.
"""

from __future__ import annotations

import asyncio
import io
import math
import os
import signal
import struct
import time
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from typing import Any

import pytest
from PIL import Image
from pipecat.flows import NodeConfig
from pipecat.frames.frames import Frame, InterruptionFrame, UserAudioRawFrame
from pipecat.processors.aggregators.llm_context import LLMContext
from pipecat.processors.aggregators.llm_response_universal import LLMContextAggregatorPair
from pipecat.processors.frame_processor import FrameDirection

from agent.cli import main
from agent.config import AgentConfig, ConfigError, Models, SafetyNets, Secrets
from agent.daily_rooms import DailyRoomError, DailyRooms
from agent.lifecycle import AgentSession, LaunchResult
from agent.pipeline import Services
from agent.topology import VideoLayer
from agent.video_layer import ROOM_EXPIRY_MARGIN, VIDEO_SIZE, launch_video_layer
from tavus_sdk.testing import TavusEmulator
from tests.agent.fake_daily import DailyNetwork, EchoReplica, RemoteParticipant, Room
from tests.agent.fake_daily_api import FakeDailyApi
from tests.agent.fake_openai import GOOD_KEY, FakeOpenAI, serve_openai
from tests.agent.fakes import Passthrough, counted_client, wait_until
from tests.agent.scripted import FakeTTS, FlowRun, ScriptedLLM, Step
from tests.slow_guard import slow_fixture

REPLICA = "rfe12d8b9597"  # a stock replica of the emulator
AGENT_ROOM = "https://agent-test.daily.co/front-desk"
SPEECH_SECONDS = 0.2


def tone(seconds: float, sample_rate: int = 24000) -> bytes:
    """440 Hz, so the agent's voice can be told from silence wherever it turns up."""
    count = int(sample_rate * seconds)
    return struct.pack(f"<{count}h", *(int(8000 * math.sin(2 * math.pi * 440 * i / sample_rate)) for i in range(count)))


def voiced(audio: bytes, block: int = 960) -> bytes:
    """The audio without its silent 20 ms blocks: pipecat's output pads gaps in what it relays with silence."""
    return b"".join(piece for i in range(0, len(audio), block) if any(piece := audio[i : i + block]))


class ToneTTS(FakeTTS):
    def __init__(self, run: FlowRun) -> None:
        super().__init__(run, seconds=SPEECH_SECONDS)
        self._audio = tone(SPEECH_SECONDS)


class Harness:
    """One video-layer launch: the human waits in the agent's room, the replica in the Tavus room."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, script: Sequence[Step], openai: FakeOpenAI) -> None:
        self.openai = openai
        # The same key check as every launch: one GET /models on the local fake before anything is created.
        self.secrets = Secrets(tavus_api_key="emulator-key", openai_api_key=GOOD_KEY, openai_base_url=openai.base_url)
        self.network = DailyNetwork(on_new_room=self._room_opened)
        self.network.install(monkeypatch)
        self.emulator = TavusEmulator()
        self.tavus, self.http = counted_client(self.emulator)
        self.run = FlowRun()
        self.script = list(script)
        self.replica: EchoReplica | None = None
        self.replica_room_error: str | None = None
        self.session: AgentSession | None = None
        self.announced: list[str] = []
        self.human: RemoteParticipant | None = None
        self.tasks: list[asyncio.Task[LaunchResult]] = []
        self.human_waiting = True
        """Whether the human is already in the agent's room when the agent joins it."""
        self.stt = HeardBySTT()

    def _room_opened(self, room: Room) -> None:
        if room.url.startswith(AGENT_ROOM.rsplit("/", 1)[0]):
            if self.human_waiting:
                self.human = room.add_remote("Ana")
        else:
            # Tavus puts the replica in its room when the conversation is created, before the agent arrives.
            room.join_error = self.replica_room_error
            self.replica = EchoReplica(room, "pipecat-stream")

    def services(self, models: Models, key: str, sample_rate: int) -> Services:
        self.llm = ScriptedLLM(self.script, self.run)
        return Services(stt=self.stt, llm=self.llm, tts=ToneTTS(self.run))

    def keep_session(self, session: AgentSession) -> None:
        self.session = session
        self.llm.flow_manager = session.flow_manager

    async def launch(
        self,
        flow: str = "tests.agent.flows_for_tests:goodbye_node",
        *,
        layer: VideoLayer | None = None,
        rooms: DailyRooms | None = None,
        launch_options: dict[str, Any] | None = None,
        **config: Any,
    ) -> LaunchResult:
        launch_options = launch_options or {}
        options: dict[str, Any] = {
            "replica_id": REPLICA,
            "flow": flow,
            "goodbye_timeout": 3.0,
            "rejoin_grace": 0,
            **config,
        }
        try:
            return await launch_video_layer(
                AgentConfig(**options),
                self.secrets,
                layer or VideoLayer(room_url=AGENT_ROOM),
                rooms=rooms,
                tavus=self.tavus,
                services_factory=self.services,
                aggregators_factory=lambda: LLMContextAggregatorPair(LLMContext()),  # no VAD: nobody speaks
                announce=self.announced.append,
                on_session=self.keep_session,
                **({"handle_signals": False} | launch_options),
            )
        finally:
            self.close()

    def start(self, **options: Any) -> asyncio.Task[LaunchResult]:
        """The launch in the background; a test that fails part-way leaves it to the fixture to stop."""
        self.tasks.append(asyncio.create_task(self.launch(**options)))
        return self.tasks[-1]

    def close(self) -> None:
        self.network.close()
        if self.replica is not None:
            self.replica.stop()

    def agent_room(self) -> Room:
        [room] = [r for r in self.network.rooms.values() if r.url.startswith("https://agent-test.daily.co/")]
        return room

    def replica_room(self) -> Room:
        [room] = [r for r in self.network.rooms.values() if not r.url.startswith("https://agent-test.daily.co/")]
        return room

    def assert_created_and_ended_once(self) -> dict[str, Any]:
        assert self.http.count("POST", "/conversations") == 1
        assert self.http.count("POST", "/end") == 1
        [conversation] = self.emulator.records("conversations")
        assert conversation["status"] == "ended"
        assert self.network.errors == []
        return conversation


class HeardBySTT(Passthrough):
    """Where speech-to-text would be: records whose audio reaches it."""

    def __init__(self) -> None:
        super().__init__()
        self.speakers: set[str] = set()

    async def process_frame(self, frame: Frame, direction: FrameDirection) -> None:
        if isinstance(frame, UserAudioRawFrame):
            self.speakers.add(frame.user_id)
        await super().process_frame(frame, direction)


@pytest.fixture(scope="module")
@slow_fixture
def openai() -> Iterator[FakeOpenAI]:
    with serve_openai(FakeOpenAI()) as fake:
        yield fake


@pytest.fixture
async def harness(
    monkeypatch: pytest.MonkeyPatch, openai: FakeOpenAI
) -> AsyncIterator[Callable[[Sequence[Step]], Harness]]:
    made: list[Harness] = []
    openai.model_checks.clear()

    def make(script: Sequence[Step]) -> Harness:
        made.append(Harness(monkeypatch, script, openai))
        return made[-1]

    yield make
    for h in made:
        for task in h.tasks:
            task.cancel()
        await asyncio.wait_for(asyncio.gather(*h.tasks, return_exceptions=True), 10)
        h.close()


def pixel(frame: bytes, size: tuple[int, int]) -> tuple[int, ...]:
    value = Image.frombytes("RGB", size, frame).getpixel((size[0] // 2, size[1] // 2))
    assert isinstance(value, tuple)
    return value


async def test_the_replica_is_relayed_into_the_agents_room_and_the_call_ends_once(
    harness: Callable[[Sequence[Step]], Harness],
) -> None:
    h = harness([Step(say="Goodbye, Ana!")])
    result = await asyncio.wait_for(h.launch(), 20)
    conversation = h.assert_created_and_ended_once()
    assert result.stop_reason == "the flow ended"
    assert result.ended
    assert h.run.spoken == ["Goodbye, Ana!"]

    # The agent's voice reached the replica in the Tavus room, whole, as conversation.echo messages ...
    assert h.replica is not None
    spoken = tone(SPEECH_SECONDS)
    assert bytes(h.replica.heard).startswith(spoken)
    assert [e["properties"]["done"] for e in h.replica.echoes][-1] is True
    # ... and the replica's voice and face reached the agent's room, where the human is.
    agent = h.agent_room().joined[0]
    assert agent.user_name == "Front desk agent"
    assert agent.microphone is not None
    assert agent.camera is not None
    assert voiced(bytes(agent.microphone.written)) == spoken
    assert agent.camera.frames, "no replica video reached the agent's room"
    assert all(len(f) == VIDEO_SIZE[0] * VIDEO_SIZE[1] * 3 for f in agent.camera.frames)
    assert pixel(agent.camera.frames[-1], VIDEO_SIZE) == h.replica.color

    # The agent never published anything in the Tavus room: its voice went there as app messages only. It kept
    # the replica's microphone subscribed there: that is the voice it relays.
    [relay] = h.replica_room().joined
    assert relay.microphone is None
    assert relay.camera is None
    assert relay.subscribed(h.replica.participant.id, "microphone")
    assert all(h.replica.participant.id not in settings for settings in agent.subscriptions)
    assert relay.token is None  # a public room: no token needed
    # Nothing meant for the replica was broadcast in the agent's room.
    assert h.human is not None
    assert h.human.inbox == []
    # The human was given the agent's room, never the Tavus room.
    assert AGENT_ROOM in h.announced[0]
    assert conversation["conversation_url"] not in "\n".join(h.announced)
    # The goodbye was heard before the end call.
    assert h.session is not None
    assert h.session.goodbye_heard is True
    # Both rooms were left.
    assert h.agent_room().clients == []
    assert h.replica_room().clients == []


async def test_the_conversation_is_created_with_the_safety_nets(harness: Callable[[Sequence[Step]], Harness]) -> None:
    h = harness([Step(say="Bye.")])
    safety = SafetyNets(max_call_duration=600, participant_left_timeout=5, participant_absent_timeout=60)
    await asyncio.wait_for(h.launch(safety=safety, require_auth=True), 20)
    conversation = h.assert_created_and_ended_once()
    stored = h.emulator.store.table("conversations")[conversation["conversation_id"]]
    assert stored["_max_participants"] == 3
    assert stored["_max_call_duration"] == 600
    assert stored["_participant_left_timeout"] == 5
    assert stored["_participant_absent_timeout"] == 60
    [persona] = [p for p in h.emulator.records("personas") if p["persona_id"] == conversation["persona_id"]]
    assert persona["pipeline_mode"] == "echo"
    # The private Tavus room was joined with the conversation's token; the human never gets it.
    [relay] = h.replica_room().joined
    assert relay.token is not None
    assert relay.token not in "\n".join(h.announced)


async def test_the_human_leaving_the_agents_room_ends_the_conversation_once(
    harness: Callable[[Sequence[Step]], Harness],
) -> None:
    h = harness([Step(say="Hello! How can I help?")])
    task = h.start(flow="tests.agent.flows_for_tests:chat_node")
    await wait_until(lambda: h.replica is not None and len(h.replica.heard) >= len(tone(SPEECH_SECONDS)))
    assert h.human is not None
    h.human.leave()
    result = await asyncio.wait_for(task, 10)
    assert result.stop_reason == "the human left the room"
    assert not result.transport_failed
    h.assert_created_and_ended_once()
    assert h.agent_room().clients == []
    assert h.replica_room().clients == []


async def test_a_barge_in_interrupts_the_replica_in_its_room(harness: Callable[[Sequence[Step]], Harness]) -> None:
    h = harness([Step(say="Hello! How can I help?")])
    task = h.start(flow="tests.agent.flows_for_tests:chat_node")
    await wait_until(lambda: h.replica is not None and bool(h.replica.echoes))
    assert h.session is not None
    # What the user aggregator pushes when the human starts speaking over the replica.
    await h.session.worker.queue_frame(InterruptionFrame())
    await wait_until(lambda: h.replica is not None and h.replica.interrupts == 1)
    assert h.human is not None
    assert h.human.inbox == []
    h.human.leave()
    await asyncio.wait_for(task, 10)
    h.assert_created_and_ended_once()


async def test_the_greeting_waits_for_a_human_and_only_the_humans_voice_reaches_speech_to_text(
    harness: Callable[[Sequence[Step]], Harness],
) -> None:
    h = harness([Step(say="Hello! How can I help?")])
    h.human_waiting = False
    task = h.start(flow="tests.agent.flows_for_tests:chat_node")
    await wait_until(lambda: h.session is not None and bool(h.session.replica_ids))
    assert h.session is not None
    assert not h.session.flow_started
    assert h.replica is not None
    assert h.replica.echoes == []
    h.human = h.agent_room().add_remote("Front desk agent")  # a human with the agent's name is still a human
    await wait_until(lambda: h.replica is not None and bool(h.replica.echoes))
    h.human.speak(tone(0.1, 16000), 16000)
    await wait_until(lambda: h.human is not None and h.human.id in h.stt.speakers)
    h.human.leave()
    result = await asyncio.wait_for(task, 15)
    assert result.stop_reason == "the human left the room"
    # The replica spoke all along in its own room; none of its voice reached speech-to-text.
    assert h.stt.speakers == {h.human.id}
    assert h.session.human_ids == set()
    assert h.session.replica_ids == {h.replica.participant.id}
    h.assert_created_and_ended_once()


async def test_a_human_who_comes_back_within_the_grace_keeps_the_call(
    harness: Callable[[Sequence[Step]], Harness],
) -> None:
    h = harness([Step(say="Hello! How can I help?")])
    task = h.start(flow="tests.agent.flows_for_tests:chat_node", rejoin_grace=30)
    await wait_until(lambda: h.replica is not None and bool(h.replica.echoes))
    assert h.human is not None
    assert h.session is not None
    h.human.leave()
    await wait_until(lambda: h.session is not None and h.session._grace is not None)
    back = h.agent_room().add_remote("Ana")
    await wait_until(lambda: h.session is not None and back.id in h.session.human_ids)
    assert h.session._grace is None
    assert not task.done()
    await h.session.stop("test over")
    result = await asyncio.wait_for(task, 15)
    assert result.stop_reason == "test over"
    h.assert_created_and_ended_once()


async def test_sigterm_ends_the_conversation_once_then_deletes_the_created_room(
    harness: Callable[[Sequence[Step]], Harness],
) -> None:
    h = harness([Step(say="Hello! How can I help?")])
    with FakeDailyApi() as api:
        layer = VideoLayer(daily_api_key=api.api_key, daily_api_url=api.base_url)
        task = h.start(
            flow="tests.agent.flows_for_tests:chat_node", layer=layer, launch_options={"handle_signals": True}
        )
        await wait_until(lambda: h.replica is not None and bool(h.replica.echoes))
        os.kill(os.getpid(), signal.SIGTERM)
        os.kill(os.getpid(), signal.SIGTERM)  # a second one while ending only says so
        result = await asyncio.wait_for(task, 15)
        assert api.deleted
        assert api.rooms == {}
    assert result.stop_reason == "SIGTERM received"
    assert not result.interrupted
    h.assert_created_and_ended_once()


async def test_a_refused_openai_key_creates_no_room_and_nothing_on_tavus(
    harness: Callable[[Sequence[Step]], Harness],
) -> None:
    h = harness([])
    h.secrets = Secrets(tavus_api_key="emulator-key", openai_api_key="sk-revoked", openai_base_url=h.openai.base_url)
    with FakeDailyApi() as api:
        layer = VideoLayer(daily_api_key=api.api_key, daily_api_url=api.base_url)
        with pytest.raises(ConfigError, match=r"OpenAI refused OPENAI_API_KEY \(HTTP 401"):
            await h.launch(layer=layer)
        assert api.requests == []
    assert h.openai.model_checks == ["Bearer sk-revoked"]
    assert h.http.calls == []
    assert h.network.rooms == {}


async def test_the_replica_leaving_its_room_ends_the_conversation_once(
    harness: Callable[[Sequence[Step]], Harness],
) -> None:
    h = harness([Step(say="Hello!")])
    task = h.start(flow="tests.agent.flows_for_tests:chat_node")
    await wait_until(lambda: h.replica is not None and bool(h.replica.echoes))
    assert h.replica is not None
    h.replica.participant.leave()
    result = await asyncio.wait_for(task, 10)
    assert result.stop_reason == "the replica left the room"
    h.assert_created_and_ended_once()


@pytest.mark.parametrize("room", ["agent", "replica"])
async def test_a_room_that_cannot_be_joined_ends_the_conversation_once(
    harness: Callable[[Sequence[Step]], Harness], monkeypatch: pytest.MonkeyPatch, room: str
) -> None:
    h = harness([])
    if room == "replica":
        h.replica_room_error = "room not found"
        expected = "transport error: replica room: Error joining https://tavus.daily.co/"
    else:
        h.network.room(AGENT_ROOM).join_error = "room not found"
        expected = f"transport error: Error joining {AGENT_ROOM}: room not found"
    result = await asyncio.wait_for(h.launch(flow="tests.agent.flows_for_tests:chat_node"), 10)
    assert result.stop_reason.startswith(expected)
    assert result.transport_failed
    assert h.run.spoken == []
    h.assert_created_and_ended_once()


def broken_node() -> NodeConfig:
    """A flow that fails when it starts, inside the running call."""
    return NodeConfig(name="broken", task_messages=[{"role": "developer", "content": "Hi."}], functions=[42])  # type: ignore[list-item]


async def test_an_error_during_the_call_ends_the_conversation_once_and_is_raised(
    harness: Callable[[Sequence[Step]], Harness],
) -> None:
    h = harness([])
    with pytest.raises(Exception, match=r"Invalid function format in node .broken."):
        await asyncio.wait_for(h.launch(flow="tests.agent.test_video_layer:broken_node"), 10)
    h.assert_created_and_ended_once()


# -- a room the agent creates -----------------------------------------------------------------------------------


async def test_a_created_room_is_used_and_deleted_after_the_conversation_ended(
    harness: Callable[[Sequence[Step]], Harness],
) -> None:
    h = harness([Step(say="Bye.")])
    with FakeDailyApi() as api:
        layer = VideoLayer(daily_api_key=api.api_key, daily_api_url=api.base_url)
        result = await asyncio.wait_for(h.launch(layer=layer, safety=SafetyNets(max_call_duration=600)), 20)
        h.assert_created_and_ended_once()
        assert api.count("POST", "/v1/rooms") == 1
        [(_, _, body)] = [r for r in api.requests if r[0] == "POST"]
        assert body["properties"]["eject_at_room_exp"] is True
        assert 600 < body["properties"]["exp"] - time.time() <= 600 + ROOM_EXPIRY_MARGIN
        [name] = api.deleted
        assert api.rooms == {}
    room = h.agent_room()
    assert room.url == f"{api.domain}/{name}"
    assert room.joined[0].user_name == "Front desk agent"
    assert f"Join it here: {room.url}" in h.announced[0]
    assert result.stop_reason == "the flow ended"
    # The room went only after the conversation had been ended.
    [end_call] = [c for c in h.http.calls if c.path.endswith("/end")]
    assert end_call.at < api.deleted_at[0]


async def test_a_refused_daily_key_creates_nothing_on_tavus(harness: Callable[[Sequence[Step]], Harness]) -> None:
    h = harness([])
    with FakeDailyApi() as api:
        layer = VideoLayer(daily_api_key="wrong-key", daily_api_url=api.base_url)
        with pytest.raises(ConfigError, match="DAILY_API_KEY was refused by Daily") as refused:
            await h.launch(layer=layer)
    assert "wrong-key" not in str(refused.value)
    assert h.http.calls == []
    assert h.emulator.records("conversations") == []
    assert h.network.rooms == {}


# -- the command line ---------------------------------------------------------------------------------------------

SECRET_DAILY = "daily-secret-0123456789"


def run_main(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(argv, out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def launches(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Every call of ``agent.lifecycle.launch`` (none, when a command is refused)."""
    import agent.lifecycle

    calls: list[Any] = []

    async def recording_launch(*args: Any, **kwargs: Any) -> Any:
        calls.append((args, kwargs))
        raise AssertionError("nothing should be launched")

    monkeypatch.setattr(agent.lifecycle, "launch", recording_launch)
    monkeypatch.setenv("TAVUS_API_KEY", "tk-secret")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-secret")
    return calls


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--room-url", AGENT_ROOM], "--room-url only applies to --mode video-layer"),
        (["--room-url", AGENT_ROOM, "--room-token", "t"], "--room-url and --room-token only apply to --mode video"),
        (["--mode", "video-layer"], "needs a room for the human and the agent: pass --room-url URL, or set DAILY_API"),
        (["--mode", "video-layer", "--room-url", "front-desk"], "--room-url must be a Daily room URL"),
        (["--mode", "video-layer", "--room-token", "t"], "--room-token is the agent's token for --room-url"),
        (
            ["--mode", "video-layer", "--room-url", AGENT_ROOM, "--conversation-id", "c1"],
            "--mode video-layer creates its own conversation",
        ),
    ],
)
def test_wrong_combinations_exit_2_before_anything_is_created(
    launches: list[Any], monkeypatch: pytest.MonkeyPatch, argv: list[str], message: str
) -> None:
    if "--room-token" in argv and "--room-url" not in argv:
        monkeypatch.setenv("DAILY_API_KEY", SECRET_DAILY)
    code, out, err = run_main(["--replica", REPLICA, *argv])
    assert code == 2
    assert message in err
    assert out == ""
    assert launches == []
    assert "Traceback" not in err


def test_an_unknown_mode_is_refused(launches: list[Any], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--replica", REPLICA, "--mode", "side-by-side"])
    assert exited.value.code == 2
    assert "invalid choice: 'side-by-side' (choose from 'same-room', 'video-layer')" in capsys.readouterr().err
    assert launches == []


def test_the_dry_run_shows_the_video_layer_plan_and_no_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DAILY_API_KEY", SECRET_DAILY)
    monkeypatch.setenv("DAILY_API_URL", "http://127.0.0.1:9/v1")
    code, out, err = run_main(
        ["--replica", REPLICA, "--mode", "video-layer", "--dry-run", "--max-call-duration", "900"]
    )
    assert code == 0, err
    assert "Dry run: nothing was created on Tavus." in out
    assert "mode: video-layer" in out
    assert "create: POST http://127.0.0.1:9/v1/rooms (expires 1200s after creation)" in out
    assert "DAILY_API_KEY: set" in out
    assert (
        "pipeline: DailyInputTransport -> HumanAudioOnly -> OpenAISTTService -> LLMUserAggregator -> "
        "OpenAILLMService -> OpenAITTSService -> TavusEchoSender -> ReplicaRelay -> DailyOutputTransport -> "
        "LLMAssistantAggregator"
    ) in out
    assert "max_participants=3" in out
    assert "max_call_duration=900, participant_left_timeout=15, participant_absent_timeout=180" in out
    assert SECRET_DAILY not in out + err


def test_the_dry_run_with_a_given_room_names_it_and_hides_its_token() -> None:
    code, out, err = run_main(
        ["--replica", REPLICA, "--mode", "video-layer", "--room-url", AGENT_ROOM, "--room-token", "tok-9", "--dry-run"]
    )
    assert code == 0, err
    assert f"url: {AGENT_ROOM}" in out
    assert "token: set" in out
    assert "tok-9" not in out + err
    assert "DAILY_API_KEY" not in out  # not needed with a given room


def test_the_command_runs_a_video_layer_call_and_prints_the_agents_room(
    harness: Callable[[Sequence[Step]], Harness], monkeypatch: pytest.MonkeyPatch
) -> None:
    import agent.lifecycle

    h = harness([Step(say="Bye.")])
    real_launch = agent.lifecycle.launch

    async def launch_offline(config: AgentConfig, secrets: Secrets, **options: Any) -> LaunchResult:
        options |= {"tavus": h.tavus, "services_factory": h.services, "handle_signals": False}
        options |= {"aggregators_factory": lambda: LLMContextAggregatorPair(LLMContext()), "on_session": h.keep_session}
        return await real_launch(config, secrets, **options)

    monkeypatch.setattr(agent.lifecycle, "launch", launch_offline)
    monkeypatch.setenv("TAVUS_API_KEY", "emulator-key")
    monkeypatch.setenv("OPENAI_API_KEY", GOOD_KEY)
    monkeypatch.setenv("OPENAI_BASE_URL", h.openai.base_url)
    argv = ["--replica", REPLICA, "--flow", "tests.agent.flows_for_tests:goodbye_node", "--goodbye-timeout", "3"]
    code, out, err = run_main([*argv, "--mode", "video-layer", "--room-url", AGENT_ROOM])
    h.close()
    assert code == 0, err
    [conversation] = h.emulator.records("conversations")
    assert f"Created conversation {conversation['conversation_id']}. Join it here: {AGENT_ROOM}" in out
    assert conversation["conversation_url"] not in out
    assert f"Conversation {conversation['conversation_id']} ended: the flow ended" in out
    h.assert_created_and_ended_once()


async def test_an_unreachable_daily_api_creates_nothing_on_tavus(harness: Callable[[Sequence[Step]], Harness]) -> None:
    h = harness([])
    with FakeDailyApi() as api:
        base_url = api.base_url
    layer = VideoLayer(daily_api_key="daily-test-key", daily_api_url=base_url)  # nobody listens there any more
    with pytest.raises(DailyRoomError, match=f"could not create a room: POST {base_url}/rooms failed"):
        await h.launch(layer=layer)
    assert h.http.calls == []
