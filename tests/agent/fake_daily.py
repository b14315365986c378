"""daily-python's network edge, in memory: a room whose ``CallClient`` pipecat's real ``DailyTransport`` drives.

Only ``daily.CallClient`` (and the ``Daily`` device setup) is replaced. Like daily-python, the room calls the
client's event handler and audio renderers from a thread of its own, which is what ``DailyTransportClient`` is
built for (it hands each callback to the event loop and waits). The room behaves as a Daily room does for the
agent:

- a client joining gets the participants already there in its join data and in participant-joined events;
- every participant's microphone streams 20 ms chunks in real time, silence between utterances;
- a client receives a participant's audio only while it is subscribed to that microphone and has an audio
  renderer for it (``update_subscriptions`` and ``set_audio_renderer``, as pipecat's capture does);
- app messages a client sends are recorded.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pytest

RATE = 16000
CHUNK = RATE // 50  # 20 ms


@dataclass
class AudioData:
    audio_frames: bytes
    sample_rate: int
    num_channels: int = 1


@dataclass
class Participant:
    participant_id: str
    name: str
    speech: list[np.ndarray] = field(default_factory=list)
    said: list[float] = field(default_factory=list)
    """When each utterance finished streaming (``time.monotonic()``)."""

    def as_daily(self) -> dict[str, Any]:
        return {"id": self.participant_id, "info": {"userName": self.name, "isLocal": False}}


class FakeCallClient:
    def __init__(self, event_handler: Any = None) -> None:
        room = FakeDailyRoom.current
        assert room is not None, "no FakeDailyRoom is open"
        self.room = room
        self.handler = event_handler
        self.user_name: str | None = None
        self.token: str | None = None
        self.url: str | None = None
        self.joined = False
        self.subscribed: dict[str, str] = {}
        """Participant -> microphone subscription ("subscribed" unless told otherwise, as Daily's default)."""
        self.renderers: dict[str, Callable[..., None]] = {}
        self.subscription_updates: list[dict[str, Any]] = []
        room.clients.append(self)

    # -- what DailyTransportClient calls ----------------------------------------------------------------------

    def update_subscription_profiles(self, profiles: Any, completion: Callable[..., None] | None = None) -> None:
        if completion is not None:
            completion(None)

    def set_user_name(self, name: str) -> None:
        self.user_name = name

    def join(self, url: str, token: str | None, completion: Callable[..., None], client_settings: Any = None) -> None:
        self.url, self.token = url, token
        self.room.run_in_room(lambda: self.room.admit(self, completion))

    def leave(self, completion: Callable[..., None] | None = None) -> None:
        self.joined = False
        if completion is not None:
            completion(None)

    def release(self) -> None:
        self.joined = False

    def participants(self) -> dict[str, Any]:
        return {"local": {"id": "agent"}, **{p.participant_id: p.as_daily() for p in self.room.present()}}

    def participant_counts(self) -> dict[str, Any]:
        return {"present": len(self.room.present()) + 1, "hidden": 0}

    def update_subscriptions(
        self, participant_settings: Any = None, profile_settings: Any = None, completion: Any = None
    ) -> None:
        with self.room.lock:
            self.subscription_updates.append(participant_settings or {})
            for participant_id, settings in (participant_settings or {}).items():
                state = (settings.get("media") or {}).get("microphone")
                if isinstance(state, str):
                    self.subscribed[participant_id] = state
        if completion is not None:
            completion(None)

    def set_audio_renderer(
        self,
        participant_id: str,
        callback: Callable[..., None],
        audio_source: str = "microphone",
        sample_rate: int = RATE,
        callback_interval_ms: int = 20,
    ) -> None:
        assert sample_rate == RATE, f"the fake room streams {RATE} Hz, the agent asked for {sample_rate}"
        with self.room.lock:
            self.renderers[participant_id] = callback

    def send_app_message(self, message: Any, participant_id: str | None = None, completion: Any = None) -> None:
        self.room.app_messages.append((time.monotonic(), message))
        if completion is not None:
            completion(None)

    def update_remote_participants(self, remote_participants: Any = None, completion: Any = None) -> None:
        if completion is not None:
            completion(None)

    # -- what the room does to it -------------------------------------------------------------------------------

    def hears(self, participant_id: str) -> bool:
        return self.subscribed.get(participant_id, "subscribed") == "subscribed" and participant_id in self.renderers


class FakeDaily:
    """``daily.Daily``: no devices are needed with per-participant audio tracks."""

    @staticmethod
    def init(*args: Any, **kwargs: Any) -> None:
        return None

    @staticmethod
    def create_speaker_device(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the agent should capture each participant's track, not a mixed speaker")

    @staticmethod
    def select_speaker_device(*args: Any, **kwargs: Any) -> None:
        return None


class FakeDailyRoom:
    current: FakeDailyRoom | None = None

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.clients: list[FakeCallClient] = []
        self.app_messages: list[tuple[float, Any]] = []
        self._participants: dict[str, Participant] = {}
        self._tasks: queue.Queue[Callable[[], None] | None] = queue.Queue()
        self._thread = threading.Thread(target=self._run, name="fake-daily-room", daemon=True)

    def present(self) -> list[Participant]:
        with self.lock:
            return list(self._participants.values())

    def joined_clients(self) -> list[FakeCallClient]:
        return [c for c in self.clients if c.joined]

    # -- the test's side ------------------------------------------------------------------------------------------

    def add(self, participant_id: str, name: str) -> None:
        """Someone joins (events reach joined clients from the room's thread)."""
        participant = Participant(participant_id, name)
        with self.lock:
            self._participants[participant_id] = participant
        for client in self.joined_clients():
            self.run_in_room(lambda c=client: c.handler.on_participant_joined(participant.as_daily()))

    def remove(self, participant_id: str) -> None:
        with self.lock:
            participant = self._participants.pop(participant_id)
        for client in self.joined_clients():
            self.run_in_room(lambda c=client: c.handler.on_participant_left(participant.as_daily(), "leftCall"))

    def say(self, participant_id: str, samples: np.ndarray) -> None:
        with self.lock:
            self._participants[participant_id].speech.append(samples.astype("<i2"))

    def finished_saying(self, participant_id: str, count: int = 1) -> bool:
        with self.lock:
            participant = self._participants.get(participant_id)
            return participant is not None and len(participant.said) >= count

    def echo_messages(self) -> list[tuple[float, Any]]:
        return [(at, m) for at, m in self.app_messages if m.get("event_type") == "conversation.echo"]

    # -- the room's thread ----------------------------------------------------------------------------------------

    def run_in_room(self, task: Callable[[], None]) -> None:
        self._tasks.put(task)

    def admit(self, client: FakeCallClient, completion: Callable[..., None]) -> None:
        others = {p.participant_id: p.as_daily() for p in self.present()}
        client.joined = True
        completion({"participants": {"local": {"id": "agent"}, **others}, "meetingSession": {"id": "m1"}}, None)
        for participant in others.values():
            client.handler.on_participant_joined(participant)

    def _run(self) -> None:
        next_tick = time.monotonic()
        while True:
            try:
                while True:
                    task = self._tasks.get(timeout=max(0.0, next_tick - time.monotonic()))
                    if task is None:
                        return
                    task()
            except queue.Empty:
                pass
            self._stream_chunk()
            next_tick += CHUNK / RATE

    def _stream_chunk(self) -> None:
        deliveries = []
        with self.lock:
            for participant in self._participants.values():
                chunk = _next_chunk(participant)
                for client in self.joined_clients():
                    if client.hears(participant.participant_id):
                        deliveries.append((client.renderers[participant.participant_id], participant, chunk))
        for renderer, participant, chunk in deliveries:
            renderer(participant.participant_id, AudioData(chunk.tobytes(), RATE), "microphone")

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._tasks.put(None)
        self._thread.join(timeout=1)


def _next_chunk(participant: Participant) -> np.ndarray:
    if not participant.speech:
        return np.zeros(CHUNK, dtype="<i2")
    current = participant.speech[0]
    chunk, participant.speech[0] = current[:CHUNK], current[CHUNK:]
    if not len(participant.speech[0]):
        participant.speech.pop(0)
        participant.said.append(time.monotonic())
    if len(chunk) < CHUNK:
        chunk = np.concatenate([chunk, np.zeros(CHUNK - len(chunk), dtype="<i2")])
    return chunk


@contextmanager
def daily_room(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeDailyRoom]:
    """A fresh room; every ``CallClient`` pipecat creates meanwhile is in it."""
    import pipecat.transports.daily.transport as daily_transport

    room = FakeDailyRoom()
    monkeypatch.setattr(daily_transport, "CallClient", FakeCallClient)
    monkeypatch.setattr(daily_transport, "Daily", FakeDaily)
    FakeDailyRoom.current = room
    room.start()
    try:
        yield room
    finally:
        FakeDailyRoom.current = None
        room.stop()
