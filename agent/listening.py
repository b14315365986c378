"""Only the humans' voices reach voice detection and speech-to-text.

The replica speaks the agent's own words. If its microphone reaches the pipeline, the agent hears itself: voice
detection interrupts the replica, the transcript is the agent's last answer, and the LLM answers it. Between
utterances a Daily microphone streams silence, so a heard replica also buries the human's speech under its own
silence in the one voice detector.

Unsubscribing the replica's microphone is not enough: ``DailyTransport`` defers capturing the microphones of
participants who joined before its input started, and replays those captures when it starts, re-subscribing a
replica the agent had just unsubscribed. So audio is also filtered by participant right after the transport's
input: a frame from anyone not known to be human is dropped, whatever the join order or subscription state.

The humans' microphones arrive as separate 20 ms frames, one stream each, silence included. Interleaved into the
one voice detector, one human's silence would cut through another's speech, so with several humans the frames are
mixed: one frame out per 20 ms, the sum of every human's frame for that slot.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Awaitable, Callable

import numpy as np
from pipecat.frames.frames import Frame, StartFrame, UserAudioRawFrame
from pipecat.processors.frame_processor import FrameDirection, FrameProcessor

__all__ = ["MAX_LAG_FRAMES", "HumanAudioOnly"]

MAX_LAG_FRAMES = 5
"""A human whose audio stalls (a network hiccup) holds the others back by at most this many frames."""


class HumanAudioOnly(FrameProcessor):
    """Drops participant audio unless ``is_human(participant_id)``; everything else passes.

    ``on_started`` runs once the transport's input has started (its deferred captures replayed), so the caller can
    unsubscribe the replica again.
    """

    def __init__(
        self, is_human: Callable[[str], bool], *, on_started: Callable[[], Awaitable[None]] | None = None
    ) -> None:
        super().__init__()
        self._is_human = is_human
        self._on_started = on_started
        self.dropped: dict[str, int] = {}
        """Audio frames dropped, per participant."""
        self._queued: dict[str, deque[UserAudioRawFrame]] = {}

    async def process_frame(self, frame: Frame, direction: FrameDirection) -> None:
        await super().process_frame(frame, direction)
        if isinstance(frame, UserAudioRawFrame):
            if not self._is_human(frame.user_id):
                self.dropped[frame.user_id] = self.dropped.get(frame.user_id, 0) + 1
                return
            for mixed in self._mix(frame):
                await self.push_frame(mixed, direction)
            return
        await self.push_frame(frame, direction)
        if isinstance(frame, StartFrame) and self._on_started is not None:
            await self._on_started()

    def _mix(self, frame: UserAudioRawFrame) -> list[UserAudioRawFrame]:
        self._queued.setdefault(frame.user_id, deque()).append(frame)
        for participant_id in [p for p in self._queued if not self._is_human(p)]:
            del self._queued[participant_id]  # left the room
        out: list[UserAudioRawFrame] = []
        while self._queued and (all(self._queued.values()) or max(map(len, self._queued.values())) > MAX_LAG_FRAMES):
            slot = [queue.popleft() for queue in self._queued.values() if queue]
            out.append(slot[0] if len(slot) == 1 else _mixed(slot))
        return out


def _mixed(frames: list[UserAudioRawFrame]) -> UserAudioRawFrame:
    """One frame holding the sum of ``frames`` (same rate and channels, as Daily delivers them)."""
    arrays = [np.frombuffer(f.audio, dtype=np.int16).astype(np.int32) for f in frames]
    total = np.zeros(max(map(len, arrays)), dtype=np.int32)
    for array in arrays:
        total[: len(array)] += array
    loudest = max(range(len(frames)), key=lambda i: float(np.abs(arrays[i]).mean()) if len(arrays[i]) else 0.0)
    first = frames[loudest]
    mixed = UserAudioRawFrame(
        user_id=first.user_id,
        audio=np.clip(total, -32768, 32767).astype(np.int16).tobytes(),
        sample_rate=first.sample_rate,
        num_channels=first.num_channels,
    )
    mixed.transport_source = first.transport_source
    return mixed
