"""daily-python's network edge, in memory: rooms, remote participants a test drives, and a ``CallClient`` that
pipecat's real ``DailyTransport`` / ``DailyTransportClient`` use unchanged.

Like daily-python, the fake calls its event handler and completions from a thread of its own (pipecat's client
blocks that thread until the event loop has queued the callback), reports the participants already in a room in
the join data and as participant-joined events after the join completes, delivers a participant's audio and video
only to clients that set a renderer for it and did not unsubscribe, and records what the local participant
publishes (the microphone and camera tracks pipecat writes to) and every app message it sends.

Two ways to use it:
- ``DailyNetwork``: rooms by URL; the test speaks for each remote participant (``speak``, ``show``), as
  ``EchoReplica`` does for a replica;
- ``FakeDailyRoom``: one room whatever the URL, whose participants' microphones stream 20 ms chunks in real time,
  silence between utterances (``say``), as a room of people does for voice activity detection.
"""

from __future__ import annotations

import base64
import itertools
import queue
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pytest

__all__ = ["DailyNetwork", "EchoReplica", "FakeDailyRoom", "RemoteParticipant", "Room"]

RATE = 16000
CHUNK = RATE // 50  # 20 ms

_TRACKS: dict[str, Any] = {}


@dataclass
class AudioData:
    audio_frames: bytes
    sample_rate: int
    num_channels: int = 1


@dataclass
class VideoFrame:
    buffer: bytes
    width: int
    height: int
    color_format: str = "RGB"
    timestamp_us: int = 0


class CustomAudioSource:
    def __init__(self, sample_rate: int, channels: int = 1, auto_silence: bool = True) -> None:
        self.sample_rate = sample_rate
        self.channels = channels
        self.written = bytearray()

    def write_frames(self, frames: bytes, completion: Callable[..., None] | None = None) -> None:
        self.written.extend(frames)
        if completion is not None:
            completion(len(frames) // (2 * self.channels))


class CustomVideoSource:
    def __init__(self, width: int, height: int, color_format: str = "RGB") -> None:
        self.size = (width, height)
        self.color_format = color_format
        self.frames: list[bytes] = []

    def write_frame(self, frame: bytes) -> None:
        self.frames.append(frame)


class _Track:
    def __init__(self, source: Any) -> None:
        self.source = source
        self.id = str(uuid.uuid4())
        _TRACKS[self.id] = self


class CustomAudioTrack(_Track):
    pass


class CustomVideoTrack(_Track):
    pass


class _DailyRuntime:
    """``daily.Daily``: nothing to initialise offline."""

    @staticmethod
    def init(*_args: Any, **_kwargs: Any) -> None:
        return None

    @staticmethod
    def create_speaker_device(*_args: Any, **_kwargs: Any) -> Any:
        raise AssertionError("the agent should capture each participant's track, not a mixed speaker")

    @staticmethod
    def select_speaker_device(*_args: Any, **_kwargs: Any) -> None:
        return None


class _CallbackThread:
    """One thread per client, as daily-python's callbacks come from its own threads, in order."""

    def __init__(self, errors: list[BaseException]) -> None:
        self._queue: queue.SimpleQueue[tuple[Callable[..., Any], tuple[Any, ...]] | None] = queue.SimpleQueue()
        self._errors = errors
        self._thread = threading.Thread(target=self._run, name="fake-daily", daemon=True)
        self._thread.start()

    def call(self, fn: Callable[..., Any] | None, *args: Any) -> None:
        if fn is not None:
            self._queue.put((fn, args))

    def stop(self) -> None:
        self._queue.put(None)

    def _run(self) -> None:
        while (item := self._queue.get()) is not None:
            fn, args = item
            try:
                fn(*args)
            except RuntimeError as exc:
                if "closed" not in str(exc):  # the test's event loop is gone: nobody is listening any more
                    self._errors.append(exc)
            except BaseException as exc:
                self._errors.append(exc)


class FakeCallClient:
    def __init__(self, network: DailyNetwork, event_handler: Any) -> None:
        self._network = network
        self._handler = event_handler
        self._thread = _CallbackThread(network.errors)
        self.id = f"client-{next(network.ids)}"
        self.user_name = ""
        self.token: str | None = None
        self.room: Room | None = None
        self.released = False
        self.microphone: CustomAudioSource | None = None
        self.camera: CustomVideoSource | None = None
        self.audio_renderers: dict[tuple[str, str], tuple[Callable[..., None], int]] = {}
        self.video_renderers: dict[tuple[str, str], tuple[Callable[..., None], str]] = {}
        self.subscriptions: list[dict[str, Any]] = []
        network.clients.append(self)

    def info(self) -> dict[str, Any]:
        return {"id": self.id, "info": {"userName": self.user_name, "isLocal": False}}

    # -- the CallClient methods pipecat calls ---------------------------------------------------------------------

    def update_subscription_profiles(self, profiles: Any, completion: Callable[..., None] | None = None) -> None:
        self._thread.call(completion, None)

    def set_user_name(self, name: str) -> None:
        self.user_name = name

    def join(
        self,
        url: str,
        token: str | None = None,
        completion: Callable[..., None] | None = None,
        client_settings: dict[str, Any] | None = None,
    ) -> None:
        room = self._network.room(url)
        if room.join_error is not None:
            self._thread.call(completion, None, room.join_error)
            return
        inputs = (client_settings or {}).get("inputs", {})
        self.microphone = _source(inputs, "microphone")
        self.camera = _source(inputs, "camera")
        self.token = token
        others = room.members()
        self.room = room
        room.add_client(self)
        local = {**self.info(), "info": {"userName": self.user_name, "isLocal": True}}
        data = {"participants": {"local": local, **{member["id"]: member for member in others}}}
        self._thread.call(completion, data | {"meetingSession": {"id": room.session_id}}, None)
        for member in others:
            self._thread.call(self._handler.on_participant_joined, member)

    def leave(self, completion: Callable[..., None] | None = None) -> None:
        if self.room is not None:
            self.room.remove_client(self)
            self.room = None
        self._thread.call(completion, None)

    def release(self) -> None:
        self.released = True
        self._thread.stop()

    def participants(self) -> dict[str, Any]:
        members = {m["id"]: m for m in (self.room.members(excluding=self) if self.room else [])}
        return {"local": self.info(), **members}

    def participant_counts(self) -> dict[str, int]:
        return {"present": len(self.participants()), "hidden": 0}

    def send_app_message(
        self, message: Any, participant_id: str | None = None, completion: Callable[..., None] | None = None
    ) -> None:
        if self.room is None:
            self._thread.call(completion, "not in a call")
            return
        self.room.app_message(self.id, message, to=participant_id)
        self._thread.call(completion, None)

    def set_audio_renderer(
        self,
        participant_id: str,
        callback: Callable[..., None],
        audio_source: str = "microphone",
        sample_rate: int = 16000,
        callback_interval_ms: int = 20,
    ) -> None:
        self.audio_renderers[(participant_id, audio_source)] = (callback, sample_rate)

    def set_video_renderer(
        self,
        participant_id: str,
        callback: Callable[..., None],
        video_source: str = "camera",
        color_format: str = "RGB",
    ) -> None:
        self.video_renderers[(participant_id, video_source)] = (callback, color_format)

    def update_subscriptions(
        self,
        participant_settings: dict[str, Any] | None = None,
        profile_settings: Any = None,
        completion: Callable[..., None] | None = None,
    ) -> None:
        if participant_settings:
            self.subscriptions.append(participant_settings)
        self._thread.call(completion, None)

    def update_inputs(self, *_args: Any, completion: Callable[..., None] | None = None, **_kwargs: Any) -> None:
        self._thread.call(completion, None)

    def update_publishing(self, *_args: Any, completion: Callable[..., None] | None = None, **_kwargs: Any) -> None:
        self._thread.call(completion, None)

    # -- what the room delivers -------------------------------------------------------------------------------------

    def subscribed(self, participant_id: str, source: str) -> bool:
        """The latest setting for this participant's source wins; subscribed unless it says otherwise."""
        state = "subscribed"
        for settings in self.subscriptions:
            media = (settings.get(participant_id) or {}).get("media") or {}
            state = media.get(source, state)
        return state != "unsubscribed"

    def event(self, name: str, *args: Any) -> None:
        if not self.released:
            self._thread.call(getattr(self._handler, name), *args)

    def audio(self, participant_id: str, pcm: bytes, sample_rate: int) -> None:
        renderer = self.audio_renderers.get((participant_id, "microphone"))
        if renderer is None or self.released or not self.subscribed(participant_id, "microphone"):
            return
        callback, wanted_rate = renderer
        assert wanted_rate == sample_rate, f"the fake does not resample ({sample_rate} Hz sent, {wanted_rate} wanted)"
        self._thread.call(callback, participant_id, AudioData(pcm, sample_rate), "microphone")

    def video(self, participant_id: str, frame: VideoFrame) -> None:
        renderer = self.video_renderers.get((participant_id, "camera"))
        if renderer is None or self.released or not self.subscribed(participant_id, "camera"):
            return
        self._thread.call(renderer[0], participant_id, frame, "camera")


def _source(inputs: dict[str, Any], kind: str) -> Any:
    settings = inputs.get(kind) or {}
    if not settings.get("isEnabled"):
        return None
    track = _TRACKS.get(settings.get("settings", {}).get("customTrack", {}).get("id", ""))
    return track.source if track is not None else None


@dataclass
class RemoteParticipant:
    """Someone in a room the test speaks for: a human, or a replica."""

    room: Room
    name: str
    id: str = field(default_factory=lambda: f"remote-{uuid.uuid4().hex[:8]}")
    on_message: Callable[[Any, str], None] | None = None
    inbox: list[Any] = field(default_factory=list)
    speech: list[np.ndarray] = field(default_factory=list)
    """Utterances still to stream (``FakeDailyRoom``), 16-bit samples at ``RATE``."""
    said: list[float] = field(default_factory=list)
    """When each utterance finished streaming (``time.monotonic()``)."""

    def info(self) -> dict[str, Any]:
        return {"id": self.id, "info": {"userName": self.name, "isLocal": False}}

    def speak(self, pcm: bytes, sample_rate: int) -> None:
        for client in self.room.clients:
            client.audio(self.id, pcm, sample_rate)

    def show(self, image: bytes, size: tuple[int, int]) -> None:
        for client in self.room.clients:
            client.video(self.id, VideoFrame(image, size[0], size[1]))

    def send_app_message(self, message: Any) -> None:
        for client in self.room.clients:
            client.event("on_app_message", message, self.id)

    def leave(self) -> None:
        self.room.remove_remote(self)

    def receive(self, message: Any, sender: str) -> None:
        self.inbox.append(message)
        if self.on_message is not None:
            self.on_message(message, sender)


class Room:
    def __init__(self, url: str) -> None:
        self.url = url
        self.session_id = str(uuid.uuid4())
        self.clients: list[FakeCallClient] = []
        self.remotes: list[RemoteParticipant] = []
        self.join_error: str | None = None
        """Set to make every join fail with this error (e.g. a room that does not exist)."""
        self.joined: list[FakeCallClient] = []
        """Every client that ever joined, in order."""
        self.app_messages: list[tuple[float, Any]] = []
        """Every app message a client sent, with when (``time.monotonic()``)."""

    def members(self, excluding: FakeCallClient | None = None) -> list[dict[str, Any]]:
        return [c.info() for c in self.clients if c is not excluding] + [r.info() for r in self.remotes]

    def add_remote(
        self, name: str, on_message: Callable[[Any, str], None] | None = None, participant_id: str | None = None
    ) -> RemoteParticipant:
        remote = RemoteParticipant(self, name, on_message=on_message)
        if participant_id is not None:
            remote.id = participant_id
        self.remotes.append(remote)
        for client in self.clients:
            client.event("on_participant_joined", remote.info())
        return remote

    def remove_remote(self, remote: RemoteParticipant) -> None:
        self.remotes.remove(remote)
        for client in self.clients:
            client.event("on_participant_left", remote.info(), "leftCall")

    def add_client(self, joining: FakeCallClient) -> None:
        for client in self.clients:
            client.event("on_participant_joined", joining.info())
        self.clients.append(joining)
        self.joined.append(joining)

    def remove_client(self, leaving: FakeCallClient) -> None:
        self.clients.remove(leaving)
        for client in self.clients:
            client.event("on_participant_left", leaving.info(), "leftCall")

    def app_message(self, sender: str, message: Any, to: str | None) -> None:
        self.app_messages.append((time.monotonic(), message))
        for remote in list(self.remotes):
            if to is None or to == remote.id:
                remote.receive(message, sender)
        for client in self.clients:
            if client.id != sender and (to is None or to == client.id):
                client.event("on_app_message", message, sender)


class DailyNetwork:
    """Every room, by URL. ``install`` puts the fakes where pipecat's Daily transport looks them up."""

    def __init__(self, on_new_room: Callable[[Room], None] | None = None) -> None:
        self.rooms: dict[str, Room] = {}
        self.clients: list[FakeCallClient] = []
        self.errors: list[BaseException] = []
        """Anything a callback raised on a fake Daily thread (a test should find none)."""
        self.ids = itertools.count(1)
        self._on_new_room = on_new_room

    def room(self, url: str) -> Room:
        if url not in self.rooms:
            self.rooms[url] = Room(url)
            if self._on_new_room is not None:
                self._on_new_room(self.rooms[url])
        return self.rooms[url]

    def install(self, monkeypatch: pytest.MonkeyPatch) -> None:
        import pipecat.transports.daily.transport as daily_transport

        def call_client(event_handler: Any) -> FakeCallClient:
            return FakeCallClient(self, event_handler)

        monkeypatch.setattr(daily_transport, "CallClient", call_client)
        # pipecat initialises daily-python once per process; the fake's no-op init must not count as that.
        monkeypatch.setattr(daily_transport.DailyTransportClient, "_daily_initialized", False)
        monkeypatch.setattr(daily_transport, "Daily", _DailyRuntime)
        monkeypatch.setattr(daily_transport, "CustomAudioSource", CustomAudioSource)
        monkeypatch.setattr(daily_transport, "CustomAudioTrack", CustomAudioTrack)
        monkeypatch.setattr(daily_transport, "CustomVideoSource", CustomVideoSource)
        monkeypatch.setattr(daily_transport, "CustomVideoTrack", CustomVideoTrack)

    def close(self) -> None:
        for client in self.clients:
            client.release()


class EchoReplica:
    """A Tavus replica in echo mode: it says whatever ``conversation.echo`` audio it is sent, in real time.

    Its voice in the room is exactly the audio it was sent, in 20 ms pieces, each with a frame of its face (all of
    ``color``). It reports started_speaking when it starts an utterance and stopped_speaking once it has played the
    utterance's done marker; ``conversation.interrupt`` drops what it has not played yet.
    """

    CHUNK_SECONDS = 0.02

    def __init__(
        self, room: Room, name: str, *, color: tuple[int, int, int] = (200, 30, 60), size: tuple[int, int] = (64, 36)
    ) -> None:
        self.conversation_id = room.url.rstrip("/").rsplit("/", 1)[-1]
        self.color = color
        self.size = size
        self.heard = bytearray()
        """All echo audio received, in order."""
        self.echoes: list[dict[str, Any]] = []
        self.interrupts = 0
        self._queue: queue.SimpleQueue[dict[str, Any] | None] = queue.SimpleQueue()
        self._generation = 0
        self.participant = room.add_remote(name, on_message=self._on_message)
        threading.Thread(target=self._play, name="fake-replica", daemon=True).start()

    def frame(self) -> bytes:
        return bytes(self.color) * (self.size[0] * self.size[1])

    def stop(self) -> None:
        self._queue.put(None)

    def _on_message(self, message: Any, sender: str) -> None:
        if not isinstance(message, dict) or message.get("conversation_id") != self.conversation_id:
            return
        if message.get("event_type") == "conversation.interrupt":
            self.interrupts += 1
            self._generation += 1
        elif message.get("event_type") == "conversation.echo":
            self.echoes.append(message)
            self.heard.extend(base64.b64decode(message["properties"]["audio"]))
            self._queue.put({**message["properties"], "generation": self._generation})

    def _play(self) -> None:
        speaking: str | None = None
        while (props := self._queue.get()) is not None:
            if props["generation"] != self._generation:
                continue  # interrupted before it was played
            if speaking is None:
                speaking = props["inference_id"]
                self._say("conversation.replica.started_speaking", speaking)
            audio, rate = base64.b64decode(props["audio"]), props["sample_rate"]
            step = int(rate * self.CHUNK_SECONDS) * 2
            for start in range(0, len(audio), step):
                self.participant.speak(audio[start : start + step], rate)
                self.participant.show(self.frame(), self.size)
                time.sleep(self.CHUNK_SECONDS)
            if props["done"]:
                self._say("conversation.replica.stopped_speaking", speaking)
                speaking = None

    def _say(self, event_type: str, inference_id: str) -> None:
        self.participant.send_app_message(
            {
                "message_type": "conversation",
                "event_type": event_type,
                "conversation_id": self.conversation_id,
                "properties": {"inference_id": inference_id},
            }
        )


class FakeDailyRoom(DailyNetwork):
    """One room every client joins, whatever its URL. Each participant added here streams its microphone in real
    time from the room's thread: 20 ms chunks, its utterances as ``say`` queues them and silence in between."""

    def __init__(self) -> None:
        super().__init__()
        self.the_room = Room("https://fake.daily.co/room")
        self.lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="fake-daily-room", daemon=True)

    def room(self, url: str) -> Room:
        return self.the_room

    def joined_clients(self) -> list[FakeCallClient]:
        return list(self.the_room.clients)

    def present(self) -> list[RemoteParticipant]:
        return list(self.the_room.remotes)

    def add(self, participant_id: str, name: str) -> None:
        with self.lock:
            self.the_room.add_remote(name, participant_id=participant_id)

    def remove(self, participant_id: str) -> None:
        with self.lock:
            self.the_room.remove_remote(self._participant(participant_id))

    def say(self, participant_id: str, samples: np.ndarray) -> None:
        with self.lock:
            self._participant(participant_id).speech.append(samples.astype("<i2"))

    def finished_saying(self, participant_id: str, count: int = 1) -> bool:
        with self.lock:
            found = [r for r in self.the_room.remotes if r.id == participant_id]
            return bool(found) and len(found[0].said) >= count

    @property
    def app_messages(self) -> list[tuple[float, Any]]:
        return self.the_room.app_messages

    def echo_messages(self) -> list[tuple[float, Any]]:
        return [(at, m) for at, m in self.app_messages if m.get("event_type") == "conversation.echo"]

    def _participant(self, participant_id: str) -> RemoteParticipant:
        [remote] = [r for r in self.the_room.remotes if r.id == participant_id]
        return remote

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=1)
        self.close()

    def _run(self) -> None:
        next_tick = time.monotonic()
        while not self._stop.wait(max(0.0, next_tick - time.monotonic())):
            with self.lock:
                chunks = [(remote, _next_chunk(remote)) for remote in self.the_room.remotes]
            for remote, chunk in chunks:
                remote.speak(chunk.tobytes(), RATE)
            next_tick += CHUNK / RATE


def _next_chunk(participant: RemoteParticipant) -> np.ndarray:
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
    """A fresh ``FakeDailyRoom``; every ``CallClient`` pipecat creates meanwhile is in it."""
    room = FakeDailyRoom()
    room.install(monkeypatch)
    room.start()
    try:
        yield room
    finally:
        room.stop()
