"""A Daily room without Daily: the agent's transport, a replica that plays echo audio in real time, and a
Tavus API client that counts the calls it makes to the emulator."""

from __future__ import annotations

import asyncio
import base64
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
from pipecat.frames.frames import Frame, OutputTransportMessageUrgentFrame, StartFrame
from pipecat.processors.frame_processor import FrameDirection, FrameProcessor
from pipecat.transports.base_transport import BaseTransport

from tavus_sdk import AsyncTavus
from tavus_sdk.testing import TavusEmulator


@dataclass
class Call:
    method: str
    path: str
    at: float


class CountingTransport(httpx.AsyncBaseTransport):
    """Every request the client sends to the emulator, with the time it was sent."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self._inner = inner
        self.calls: list[Call] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.calls.append(Call(request.method, request.url.path, time.monotonic()))
        return await self._inner.handle_async_request(request)

    def count(self, method: str, suffix: str) -> int:
        return sum(1 for c in self.calls if c.method == method and c.path.endswith(suffix))


def counted_client(emulator: TavusEmulator) -> tuple[AsyncTavus, CountingTransport]:
    counting = CountingTransport(emulator.transport())
    return AsyncTavus(api_key="emulator-key", base_url=emulator.base_url, transport=counting), counting


WAIT_TIMEOUT = 30.0
"""How long a test waits for something to happen: generous, since the machine running it may be busy. A test
that waits this long has failed; one that passes never does."""


async def wait_until(condition: Callable[[], bool], what: str = "the condition", timeout: float = WAIT_TIMEOUT) -> None:
    """Polls ``condition`` until it holds; fails saying ``what`` was awaited."""
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():
        assert asyncio.get_running_loop().time() < deadline, f"timed out waiting for {what}"
        await asyncio.sleep(0.01)


async def skip_key_check(_secrets: object) -> None:
    """For launches whose services are fakes: there is no OpenAI key to check."""


def participant(participant_id: str, name: str) -> dict[str, Any]:
    return {"id": participant_id, "info": {"userName": name, "isLocal": False}}


class Passthrough(FrameProcessor):
    async def process_frame(self, frame: Frame, direction: FrameDirection) -> None:
        await super().process_frame(frame, direction)
        await self.push_frame(frame, direction)


class _RoomInput(FrameProcessor):
    def __init__(self, room: FakeRoom) -> None:
        super().__init__()
        self._room = room

    async def process_frame(self, frame: Frame, direction: FrameDirection) -> None:
        await super().process_frame(frame, direction)
        await self.push_frame(frame, direction)
        if isinstance(frame, StartFrame):
            await self._room.connect()


class _RoomOutput(FrameProcessor):
    def __init__(self, room: FakeRoom) -> None:
        super().__init__()
        self._room = room

    async def process_frame(self, frame: Frame, direction: FrameDirection) -> None:
        await super().process_frame(frame, direction)
        if isinstance(frame, OutputTransportMessageUrgentFrame):
            await self._room.broadcast(frame.message)
            return
        await self.push_frame(frame, direction)


@dataclass
class _Playing:
    seconds: float = 0.0
    tavus_id: str = ""


@dataclass
class FakeRoom(BaseTransport):  # type: ignore[misc]
    """Joins instantly (or fails to), reports who is present, and plays echo audio on a simulated replica.

    The replica announces started_speaking with the first echo message of an utterance and stopped_speaking once
    the utterance's audio has played in real time after its done marker, with Tavus' own inference id.
    """

    url: str = ""
    token: str | None = None
    bot_name: str = ""
    sample_rate: int = 24000
    present: list[dict[str, Any]] = field(default_factory=list)
    fail_join: bool = False
    refuse_subscriptions: bool = False
    replica_reports: bool = True
    messages: list[tuple[float, dict[str, Any]]] = field(default_factory=list)
    replica_events: list[tuple[float, dict[str, Any]]] = field(default_factory=list)
    subscriptions: list[dict[str, Any]] = field(default_factory=list)

    def __post_init__(self) -> None:
        BaseTransport.__init__(self)
        for event in ("on_joined", "on_participant_joined", "on_participant_left", "on_app_message", "on_error"):
            self._register_event_handler(event)
        self._input = _RoomInput(self)
        self._output = _RoomOutput(self)
        self._playing: dict[str, _Playing] = {}
        self._tasks: set[asyncio.Task[None]] = set()

    def __hash__(self) -> int:
        return id(self)

    def input(self) -> FrameProcessor:
        return self._input

    def output(self) -> FrameProcessor:
        return self._output

    async def connect(self) -> None:
        if self.fail_join:
            await self._call_event_handler("on_error", f"Error joining {self.url}: room not found")
            return
        others = {p["id"]: p for p in self.present}
        await self._call_event_handler("on_joined", {"participants": {"local": {"id": "agent"}, **others}})

    async def update_subscriptions(self, participant_settings: Any = None, profile_settings: Any = None) -> None:
        if self.refuse_subscriptions:
            raise RuntimeError("subscription refused")
        self.subscriptions.append(participant_settings)

    async def leave(self, who: dict[str, Any]) -> None:
        await self._call_event_handler("on_participant_left", who, "leftCall")

    async def broadcast(self, message: dict[str, Any]) -> None:
        self.messages.append((time.monotonic(), message))
        if message.get("event_type") == "conversation.echo":
            props = message["properties"]
            inference_id = props["inference_id"]
            playing = self._playing.get(inference_id)
            if playing is None:
                playing = self._playing[inference_id] = _Playing(tavus_id=f"tavus-{len(self._playing)}")
                await self._replica_says("conversation.replica.started_speaking", playing.tavus_id)
            playing.seconds += len(base64.b64decode(props["audio"])) / 2 / props["sample_rate"]
            if props["done"]:
                task = asyncio.get_running_loop().create_task(self._finish_playing(playing))
                self._tasks.add(task)
                task.add_done_callback(self._tasks.discard)

    async def _finish_playing(self, playing: _Playing) -> None:
        await asyncio.sleep(playing.seconds)
        await self._replica_says("conversation.replica.stopped_speaking", playing.tavus_id, duration=playing.seconds)

    async def _replica_says(self, event_type: str, inference_id: str, **props: Any) -> None:
        if not self.replica_reports:
            return
        message = {
            "message_type": "conversation",
            "event_type": event_type,
            "conversation_id": self.url.rsplit("/", 1)[-1],
            "properties": {"inference_id": inference_id, **props},
        }
        self.replica_events.append((time.monotonic(), message))
        await self._call_event_handler("on_app_message", message, "replica")

    def echo_messages(self) -> list[tuple[float, dict[str, Any]]]:
        return [(at, m) for at, m in self.messages if m.get("event_type") == "conversation.echo"]

    def other_messages(self) -> list[dict[str, Any]]:
        return [m for _, m in self.messages if m.get("message_type") != "conversation"]
