"""The video-layer topology: the human talks to the agent in the agent's own Daily room, and the replica's video and
audio are relayed into it.

This is the shape of pipecat's ``TavusVideoService``: the agent is in two rooms. In its own room it listens to the
human and publishes a camera and a microphone; in the Tavus conversation room it is a second participant that sends
its TTS audio to the replica (``conversation.echo``) and receives the replica's video and voice, which it plays in
its own room.

pipecat's service cannot be used as it is: ``TavusVideoService`` (through ``TavusTransportClient``) creates its own
conversation with no safety nets, joins it without a meeting token, ends it itself, and drops queued audio when the
pipeline ends right after a goodbye. Here the pieces are composed instead:

- the conversation is created, watched and ended exactly once by ``agent.lifecycle.launch``, as in the same-room
  mode (persona, safety nets, signals, one end call);
- the TTS audio goes through the same ``TavusEchoSender`` (which waits for the goodbye to play);
- ``ReplicaRelay`` holds pipecat's ``DailyTransportClient`` in the Tavus room (with the conversation's token),
  sends the echo messages there, and pushes the replica's frames on to the agent room's output;
- ``VideoLayerTransport`` is what the session sees as its transport: the agent room's input, the relay plus the
  agent room's output, and the events of both rooms that the session acts on.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Awaitable, Callable, Mapping
from functools import partial
from typing import Any

from loguru import logger
from pipecat.frames.frames import (
    CancelFrame,
    EndFrame,
    Frame,
    OutputAudioRawFrame,
    OutputImageRawFrame,
    OutputTransportMessageFrame,
    OutputTransportMessageUrgentFrame,
    OutputTransportReadyFrame,
)
from pipecat.pipeline.pipeline import Pipeline
from pipecat.processors.frame_processor import FrameDirection, FrameProcessor, FrameProcessorSetup
from pipecat.transports.base_transport import BaseTransport
from pipecat.transports.daily.transport import DailyCallbacks, DailyParams, DailyTransport, DailyTransportClient

from agent.config import AgentConfig, Secrets
from agent.daily_rooms import DailyRoom, DailyRooms
from agent.lifecycle import LaunchResult
from agent.topology import VideoLayer

__all__ = [
    "ROOM_EXPIRY_MARGIN",
    "ReplicaRelay",
    "VideoLayerTransport",
    "agent_room_params",
    "launch_video_layer",
    "video_layer_plan",
]

VIDEO_SIZE = (1280, 720)
"""The agent's camera in its room; replica frames of another size are scaled to it."""
VIDEO_FRAMERATE = 30
ROOM_EXPIRY_MARGIN = 300
"""A created room outlives the call's ``max_call_duration`` by this many seconds, then Daily closes it."""

RoomEvent = Callable[..., Awaitable[None]]


def agent_room_params(sample_rate: int) -> DailyParams:
    """The agent's seat in its own room: it hears the humans, and shows and plays the replica."""
    return DailyParams(
        audio_in_enabled=True,
        audio_out_enabled=True,
        audio_out_sample_rate=sample_rate,
        video_out_enabled=True,
        video_out_is_live=True,
        video_out_width=VIDEO_SIZE[0],
        video_out_height=VIDEO_SIZE[1],
        video_out_framerate=VIDEO_FRAMERATE,
    )


def _replica_room_params(sample_rate: int) -> DailyParams:
    # Receive only: the agent's voice reaches the replica as app messages, never as a track in its room.
    return DailyParams(
        audio_in_enabled=True,
        audio_in_user_tracks=True,
        audio_in_sample_rate=sample_rate,
        video_in_enabled=True,
        audio_out_enabled=False,
        microphone_out_enabled=False,
        video_out_enabled=False,
        camera_out_enabled=False,
    )


def _is_for_replica(frame: Frame) -> bool:
    """``conversation.echo`` and ``conversation.interrupt``: Tavus interaction messages belong in its room."""
    if not isinstance(frame, OutputTransportMessageFrame | OutputTransportMessageUrgentFrame):
        return False
    message = frame.message
    return isinstance(message, Mapping) and message.get("message_type") == "conversation"


class ReplicaRelay(FrameProcessor):
    """The agent in the Tavus room: echo messages go there, the replica's video and voice come back as output frames.

    The replica is the first participant seen in the Tavus room (as in pipecat's ``TavusVideoService``): nobody else
    is given that room. Every participant event, app message and error of the Tavus room is passed to ``on_event``
    (``on_participant_joined``, ``on_participant_left``, ``on_app_message``, ``on_error``) so the session can tell
    when the replica arrives, speaks and leaves.

    The replica's voice is pushed as plain ``OutputAudioRawFrame``s: the echo sender, not the output transport,
    reports when the bot speaks, in this topology as in the same-room one.
    """

    def __init__(
        self,
        room_url: str,
        token: str | None,
        bot_name: str,
        *,
        sample_rate: int,
        on_event: RoomEvent,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.room_url = room_url
        self._sample_rate = sample_rate
        self._on_event = on_event
        callbacks = _callbacks(
            on_joined=self._on_joined,
            on_participant_joined=self._on_participant_joined,
            on_participant_left=self._on_participant_left,
            on_app_message=self._on_app_message,
            on_error=self._on_error,
        )
        self._client = DailyTransportClient(
            room_url, token, bot_name, _replica_room_params(sample_rate), callbacks, "TavusRoom"
        )
        self.replica_id: str | None = None
        self.participant_ids: set[str] = set()
        """Everyone seen in the Tavus room (the replica, in practice)."""
        self.messages_sent = 0
        self.frames_relayed = {"audio": 0, "video": 0}
        self._output_ready = False
        self._joined = False

    # pipecat's FrameProcessor.setup itself narrows BaseObject.setup; the override matches FrameProcessor's.
    async def setup(self, setup: FrameProcessorSetup) -> None:  # type: ignore[override]
        await super().setup(setup)
        await self._client.setup(setup)
        self._joined = True
        await self._client.join()

    async def cleanup(self) -> None:
        await super().cleanup()  # type: ignore[no-untyped-call]  # pipecat leaves it unannotated
        await self._client.cleanup()

    async def process_frame(self, frame: Frame, direction: FrameDirection) -> None:
        await super().process_frame(frame, direction)
        if _is_for_replica(frame):
            assert isinstance(frame, OutputTransportMessageFrame | OutputTransportMessageUrgentFrame)
            error = await self._client.send_message(frame)
            if error:
                logger.warning(f"could not send {frame.message.get('event_type')} to the replica: {error}")
            else:
                self.messages_sent += 1
            return
        if isinstance(frame, OutputTransportReadyFrame):
            self._output_ready = True
        elif isinstance(frame, EndFrame | CancelFrame):
            # The echo sender has already waited for the last words; nothing more is relayed after this.
            self._output_ready = False
            await self._leave()
        await self.push_frame(frame, direction)

    async def _leave(self) -> None:
        if self._joined:
            self._joined = False
            await self._client.leave()

    # -- the Tavus room ------------------------------------------------------------------------------------------

    async def _on_joined(self, data: Mapping[str, Any]) -> None:
        for key, participant in (data.get("participants") or {}).items():
            if key != "local" and isinstance(participant, Mapping):
                await self._on_participant_joined(participant)

    async def _on_participant_joined(self, participant: Mapping[str, Any]) -> None:
        participant_id = str(participant.get("id"))
        if participant_id in self.participant_ids:
            return
        self.participant_ids.add(participant_id)
        if self.replica_id is None:
            self.replica_id = participant_id
            await self._client.capture_participant_video(participant_id, self._on_video, VIDEO_FRAMERATE)
            await self._client.capture_participant_audio(participant_id, self._on_audio, sample_rate=self._sample_rate)
        await self._on_event("on_participant_joined", participant)

    async def _on_participant_left(self, participant: Mapping[str, Any], reason: str) -> None:
        self.participant_ids.discard(str(participant.get("id")))
        await self._on_event("on_participant_left", participant, reason)

    async def _on_app_message(self, message: Any, sender: str) -> None:
        await self._on_event("on_app_message", message, sender)

    async def _on_error(self, error: str) -> None:
        await self._on_event("on_error", f"replica room: {error}")

    async def _on_video(self, participant_id: str, video: Any, video_source: str) -> None:
        if self._output_ready and participant_id == self.replica_id:
            self.frames_relayed["video"] += 1
            await self.push_frame(
                OutputImageRawFrame(image=video.buffer, size=(video.width, video.height), format=video.color_format)
            )

    async def _on_audio(self, participant_id: str, audio: Any, audio_source: str) -> None:
        if self._output_ready and participant_id == self.replica_id:
            self.frames_relayed["audio"] += 1
            await self.push_frame(
                OutputAudioRawFrame(
                    audio=audio.audio_frames, sample_rate=audio.sample_rate, num_channels=audio.num_channels
                )
            )


def _callbacks(**handlers: Callable[..., Awaitable[None]]) -> DailyCallbacks:
    async def ignore(*_args: Any) -> None:
        return None

    return DailyCallbacks(**{name: handlers.get(name, ignore) for name in DailyCallbacks.model_fields})


class VideoLayerTransport(BaseTransport):
    """The session's transport in the video-layer topology.

    ``input()`` is the agent room's input; ``output()`` is the relay followed by the agent room's output. Of the
    agent room's events the session gets the participants, joins and errors; of the Tavus room's, the participants,
    the app messages (the replica's speaking events) and errors. App messages sent in the agent's room are not
    passed on: a visitor cannot speak for the replica.
    """

    EVENTS = ("on_joined", "on_participant_joined", "on_participant_left", "on_app_message", "on_error")

    def __init__(
        self,
        room_url: str,
        room_token: str | None,
        replica_room_url: str,
        replica_room_token: str | None,
        bot_name: str,
        *,
        sample_rate: int,
    ) -> None:
        super().__init__()
        for event in self.EVENTS:
            self._register_event_handler(event)
        self.room = DailyTransport(room_url, room_token, bot_name, agent_room_params(sample_rate))
        for event in ("on_joined", "on_participant_joined", "on_participant_left", "on_error"):
            self.room.add_event_handler(event, partial(self._from_agent_room, event))
        self.relay = ReplicaRelay(
            replica_room_url, replica_room_token, bot_name, sample_rate=sample_rate, on_event=self._call_event_handler
        )
        self._output = Pipeline([self.relay, self.room.output()])

    @property
    def replica_room_participants(self) -> set[str]:
        """Who is in the Tavus room: the replica. Everyone in the agent's room is a human, whatever their name."""
        return self.relay.participant_ids

    def input(self) -> FrameProcessor:
        return self.room.input()

    def output(self) -> FrameProcessor:
        return self._output

    async def update_subscriptions(
        self, participant_settings: Mapping[str, Any] | None = None, profile_settings: Any = None
    ) -> Any:
        """Applies to the agent's room only: the replica's voice must stay subscribed, it is what gets relayed."""
        settings = {k: v for k, v in (participant_settings or {}).items() if k not in self.relay.participant_ids}
        if not settings and profile_settings is None:
            return None
        return await self.room.update_subscriptions(
            participant_settings=settings or None, profile_settings=profile_settings
        )

    async def _from_agent_room(self, event: str, _transport: BaseTransport, *args: Any) -> None:
        await self._call_event_handler(event, *args)


def _print(text: str) -> None:
    print(text, flush=True)


async def launch_video_layer(
    config: AgentConfig,
    secrets: Secrets,
    layer: VideoLayer,
    *,
    rooms: DailyRooms | None = None,
    announce: Callable[[str], None] = _print,
    **options: Any,
) -> LaunchResult:
    """``agent.lifecycle.launch`` with the video-layer transport: the same conversation, created and ended once.

    When no room is given, the agent's room is created after the OpenAI key and flow checks and before the
    conversation, so a refused ``DAILY_API_KEY`` stops the launch before anything exists on Tavus; a created room
    is deleted once the conversation has been ended. ``options`` go to
    ``launch`` (the Tavus client, the services, signal handling, ...).
    """
    from agent import lifecycle  # looked up when called, so a test can stand in for launch

    created: DailyRoom | None = None
    owns_rooms = rooms is None and layer.creates_room
    if layer.creates_room:
        rooms = rooms or DailyRooms(layer.daily_api_key or "", layer.daily_api_url)
    room_url = layer.room_url
    room_token = layer.room_token

    async def create_room() -> None:
        # Runs inside launch after the key and flow checks and before the conversation is created.
        nonlocal created, room_url, room_token
        if rooms is None:
            return
        created = await rooms.create(expires_in=config.safety.max_call_duration + ROOM_EXPIRY_MARGIN)
        room_url, room_token = created.url, None
        logger.info(f"created Daily room {created.name} for the agent: {created.url}")

    def transport(url: str, token: str | None, bot_name: str, sample_rate: int) -> BaseTransport:
        assert room_url is not None
        return VideoLayerTransport(room_url, room_token, url, token, bot_name, sample_rate=sample_rate)

    def pointing_to_agent_room(text: str) -> None:
        # The human joins the agent's room, never the Tavus room: the link the launch prints is the agent room's.
        announce(re.sub(r"Join it here: \S+", lambda _: f"Join it here: {room_url}", text))

    try:
        return await lifecycle.launch(
            config,
            secrets,
            transport_factory=transport,
            announce=pointing_to_agent_room,
            prepare=create_room,
            **options,
        )
    finally:
        if rooms is not None:
            if created is not None:
                await asyncio.shield(_delete_room(rooms, created))
            if owns_rooms:
                await rooms.close()


async def _delete_room(rooms: DailyRooms, room: DailyRoom) -> None:
    try:
        await rooms.delete(room.name)
    except Exception as exc:  # the room expires by itself; the call has ended either way
        logger.warning(f"could not delete Daily room {room.name}: {exc}")
    else:
        logger.info(f"deleted Daily room {room.name}")


def video_layer_plan(config: AgentConfig, layer: VideoLayer, environ: Mapping[str, str]) -> dict[str, Any]:
    """The same-room plan, with the video-layer pipeline and rooms: built as a launch would, nothing created."""
    from agent.cli import dry_run_plan
    from agent.echo import TavusEchoSender
    from agent.listening import HumanAudioOnly
    from agent.pipeline import build_pipeline, create_context_aggregators, create_services

    plan = dry_run_plan(config, environ)
    if layer.creates_room:
        plan["keys"]["DAILY_API_KEY"] = "set" if layer.daily_api_key else "MISSING"
    room_url = layer.room_url or "https://<created at launch>.daily.co/room"
    transport = VideoLayerTransport(
        room_url,
        None,
        "https://tavus.daily.co/<created at launch>",
        None,
        config.bot_name,
        sample_rate=config.sample_rate,
    )
    services = create_services(config.models, "not-used-in-a-dry-run", sample_rate=config.sample_rate)
    echo = TavusEchoSender("<created at launch>", sample_rate=config.sample_rate)
    listener = HumanAudioOnly(lambda participant_id: False)  # who is human is only known in the room
    pipeline = build_pipeline(transport, services, echo, create_context_aggregators(), listener)
    plan["pipeline"] = [name for p in pipeline.processors[1:-1] for name in _names(p)]
    if layer.creates_room:
        expiry = config.safety.max_call_duration + ROOM_EXPIRY_MARGIN
        agent_room = {
            "url": "created at launch",
            "create": f"POST {layer.daily_api_url}/rooms (expires {expiry}s after creation)",
            "after the call": "deleted",
        }
    else:
        agent_room = {"url": room_url, "token": "set" if layer.room_token else "none"}
    return {
        "mode": "video-layer: the human joins the agent's room; the replica's video and voice are relayed into it",
        "agent_room": agent_room,
        "replica_room": "the conversation's room: the agent sends its voice there and relays the replica back",
        **plan,
    }


def _names(processor: FrameProcessor) -> list[str]:
    if isinstance(processor, Pipeline):
        return [name for inner in processor.processors[1:-1] for name in _names(inner)]
    return [type(processor).__name__]
