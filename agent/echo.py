"""TTS audio to the Tavus replica, as ``conversation.echo`` app messages.

An echo-mode persona has no voice of its own: the replica lip-syncs whatever audio the room sends it as base64
16-bit mono PCM in app messages. This processor sits between the TTS service and the Daily output transport,
consumes the TTS audio and pushes the messages the transport broadcasts. The format follows pipecat's own Tavus
transport: ~100 ms per message, one ``inference_id`` per utterance, and each utterance closed by 40 ms of silence
carrying ``done: true``; an interruption drops what is buffered and sends ``conversation.interrupt``.

Unlike pipecat's transport, an ``EndFrame`` closes the open utterance and then waits (bounded, through
``before_end``) for the replica to finish speaking, so a goodbye is never cut short.

Because the audio never reaches the output transport, the transport cannot tell the pipeline when the bot speaks.
This processor does it instead, as pipecat's output transport would: ``BotStartedSpeakingFrame`` upstream and
downstream with the first message of a speaking run, and ``BotStoppedSpeakingFrame`` once the replica has had time
to play everything sent (it plays in real time from the first message on), at once on an interruption. pipecat.flows
waits for that stop to run the post-actions of a node with ``respond_immediately=False``; the assistant aggregator
and the user turn strategies rely on the same frames.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import time
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

import numpy as np
import soxr
from pipecat.frames.frames import (
    BotStartedSpeakingFrame,
    BotStoppedSpeakingFrame,
    CancelFrame,
    EndFrame,
    Frame,
    InterruptionFrame,
    LLMFullResponseEndFrame,
    OutputTransportMessageUrgentFrame,
    TTSAudioRawFrame,
    TTSStartedFrame,
    TTSStoppedFrame,
    TTSTextFrame,
)
from pipecat.processors.frame_processor import FrameDirection, FrameProcessor, FrameProcessorSetup
from pipecat.transports.base_output import BOT_VAD_STOP_SECS

__all__ = [
    "CHUNK_SECONDS",
    "DONE_SILENCE_SECONDS",
    "PAUSE_SECONDS",
    "EchoMessageFrame",
    "TavusEchoSender",
    "echo_message",
    "interrupt_message",
]

CHUNK_SECONDS = 0.1
DONE_SILENCE_SECONDS = 0.04
PAUSE_SECONDS = BOT_VAD_STOP_SECS
"""How long an open utterance may go without new audio, once all sent has played, before the bot counts as stopped
(pipecat's output transport uses the same pause)."""
_BYTES_PER_SAMPLE = 2  # 16-bit mono


def echo_message(
    conversation_id: str, audio: bytes, *, inference_id: str, done: bool, sample_rate: int
) -> dict[str, Any]:
    return {
        "message_type": "conversation",
        "event_type": "conversation.echo",
        "conversation_id": conversation_id,
        "properties": {
            "modality": "audio",
            "inference_id": inference_id,
            "audio": base64.b64encode(audio).decode("ascii"),
            "done": done,
            "sample_rate": sample_rate,
        },
    }


def interrupt_message(conversation_id: str) -> dict[str, Any]:
    return {"message_type": "conversation", "event_type": "conversation.interrupt", "conversation_id": conversation_id}


class EchoMessageFrame(OutputTransportMessageUrgentFrame):
    """A ``conversation.echo`` message whose text form leaves the audio out.

    pipecat formats every frame it pushes for its trace log, wanted or not; formatting ~6 KB of base64 per message
    cost more than the rest of the processor's work on a chunk.
    """

    def __str__(self) -> str:
        props = self.message["properties"]
        return (
            f"{self.name}(conversation.echo {props['inference_id']}: {len(props['audio'])} base64 chars, "
            f"done={props['done']})"
        )


class TavusEchoSender(FrameProcessor):
    """Turns ``TTSAudioRawFrame``s into ``conversation.echo`` messages; every other frame passes through.

    ``sample_rate`` fixes the rate announced to Tavus; by default it is the pipeline's output sample rate. TTS
    audio at another rate is resampled. ``before_end`` is awaited when an ``EndFrame`` arrives, after the last
    utterance has been closed and before the frame moves on (the transport leaves the room when it sees it).
    """

    def __init__(
        self,
        conversation_id: str,
        *,
        sample_rate: int | None = None,
        before_end: Callable[[], Awaitable[None]] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self._conversation_id = conversation_id
        self._configured_rate = sample_rate
        self._sample_rate = sample_rate or 24000
        self._before_end = before_end
        self._resampler: _UtteranceResampler | None = None
        self._buffer = bytearray()
        self._inference_id: str | None = None
        self.utterances_sent = 0
        """Utterances closed with a done marker (a caller can tell whether anything was said)."""
        self.last_inference_id: str | None = None
        self.last_utterance_started_at: float | None = None
        """``time.monotonic()`` when the first message of the latest utterance went out."""
        self._bot_speaking = False
        self._playback_ends_at = 0.0
        """``time.monotonic()`` when the replica will have played everything sent so far."""
        self._playback_changed = asyncio.Event()
        self._playback_task: asyncio.Task[None] | None = None

    @property
    def sample_rate(self) -> int:
        return self._sample_rate

    @property
    def speaking(self) -> bool:
        """True between the first audio of an utterance and its done marker."""
        return self._inference_id is not None

    @property
    def bot_speaking(self) -> bool:
        """True from the first message of a speaking run until the replica has played it all (as announced)."""
        return self._bot_speaking

    # pipecat's FrameProcessor.setup itself narrows BaseObject.setup; the override matches FrameProcessor's.
    async def setup(self, setup: FrameProcessorSetup) -> None:  # type: ignore[override]
        await super().setup(setup)
        if self._configured_rate is None:
            self._sample_rate = setup.audio_out_sample_rate

    async def process_frame(self, frame: Frame, direction: FrameDirection) -> None:
        await super().process_frame(frame, direction)
        if isinstance(frame, TTSAudioRawFrame):
            await self._add_audio(frame)
        elif isinstance(frame, TTSTextFrame | LLMFullResponseEndFrame) and direction == FrameDirection.DOWNSTREAM:
            self._stamp_when_heard(frame)
            await self.push_frame(frame, direction)
        elif isinstance(frame, InterruptionFrame):
            await self._interrupt()
            await self.push_frame(frame, direction)
            await self._stop_speaking()
        elif isinstance(frame, TTSStoppedFrame):
            await self._close_utterance()
            await self.push_frame(frame, direction)
        elif isinstance(frame, EndFrame):
            await self._close_utterance()
            if self._before_end is not None:
                await self._before_end()
            # The speaking run is closed before the pipeline ends, whatever the replica still has to play.
            await self._stop_speaking()
            await self.push_frame(frame, direction)
        elif isinstance(frame, CancelFrame):
            self._reset()
            await self._cancel_playback()
            self._bot_speaking = False
            await self.push_frame(frame, direction)
        else:
            # TTSStartedFrame and all others: the utterance opens with its first audio, not with the start marker,
            # so a TTS that sends no start frame still gets one inference id per utterance.
            if isinstance(frame, TTSStartedFrame) and self.speaking:
                await self._close_utterance()
            await self.push_frame(frame, direction)

    async def _add_audio(self, frame: TTSAudioRawFrame) -> None:
        audio = frame.audio
        if frame.num_channels != 1:
            raise ValueError(f"Tavus echo audio must be mono; the TTS sent {frame.num_channels} channels")
        if self._inference_id is None:
            self._inference_id = self.last_inference_id = str(uuid.uuid4())
            self.last_utterance_started_at = time.monotonic()
        if frame.sample_rate != self._sample_rate:
            if self._resampler is None or self._resampler.in_rate != frame.sample_rate:
                self._flush_resampler()
                self._resampler = _UtteranceResampler(frame.sample_rate, self._sample_rate)
            audio = self._resampler.resample(audio)
        self._buffer.extend(audio)
        await self._send_full_chunks()

    async def _send_full_chunks(self) -> None:
        chunk = self._chunk_bytes
        while len(self._buffer) >= chunk:
            piece = bytes(self._buffer[:chunk])
            del self._buffer[:chunk]
            await self._send(piece, done=False)

    async def _close_utterance(self) -> None:
        """Flush what is buffered, then the done marker; nothing when no utterance is open."""
        if self._inference_id is None:
            return
        self._flush_resampler()
        await self._send_full_chunks()
        if self._buffer:
            await self._send(bytes(self._buffer), done=False)
            self._buffer.clear()
        silence = bytes(int(self._sample_rate * DONE_SILENCE_SECONDS) * _BYTES_PER_SAMPLE)
        await self._send(silence, done=True)
        self._inference_id = None
        self.utterances_sent += 1
        self._playback_changed.set()  # no more audio to wait for: the stop is due when the playback ends

    async def _interrupt(self) -> None:
        # Always told: the replica may still be playing an utterance whose messages all went out long ago.
        self._reset()
        await self.push_frame(OutputTransportMessageUrgentFrame(message=interrupt_message(self._conversation_id)))

    def _flush_resampler(self) -> None:
        if self._resampler is not None:
            self._buffer.extend(self._resampler.flush())
            self._resampler = None

    def _reset(self) -> None:
        self._resampler = None
        self._buffer.clear()
        self._inference_id = None

    @property
    def _chunk_bytes(self) -> int:
        return int(self._sample_rate * CHUNK_SECONDS) * _BYTES_PER_SAMPLE

    async def _send(self, audio: bytes, *, done: bool) -> None:
        assert self._inference_id is not None
        message = echo_message(
            self._conversation_id, audio, inference_id=self._inference_id, done=done, sample_rate=self._sample_rate
        )
        await self.push_frame(EchoMessageFrame(message=message))
        await self._track_playback(len(audio) / _BYTES_PER_SAMPLE / self._sample_rate)

    def _stamp_when_heard(self, frame: Frame) -> None:
        """Time the text for when the replica will have played the audio sent before it.

        The TTS hands over a sentence's text once its audio is out, long before the replica has played it. With a
        presentation time, pipecat's output transport holds the text until then, and drops it on an interruption:
        the LLM context (the assistant aggregator after the transport) keeps only what the human heard, and the
        aggregator marks the reply interrupted. The end of the LLM response is held the same way, so the reply is
        not closed before its last words have played.
        """
        if frame.pts:
            return  # the TTS timed its words itself
        ahead = max(0.0, self._playback_ends_at - time.monotonic())
        frame.pts = self.get_clock().get_time() + int(ahead * 1_000_000_000)

    # -- the bot's speaking state ----------------------------------------------------------------------------

    async def _track_playback(self, seconds: float) -> None:
        """The replica queues what it is sent and plays it in real time: move the end of its playback on."""
        now = time.monotonic()
        self._playback_ends_at = max(self._playback_ends_at, now) + seconds
        if self._bot_speaking:
            return
        self._bot_speaking = True
        await self.broadcast_frame(BotStartedSpeakingFrame)
        self._playback_task = self.create_task(self._wait_for_playback_end(), "playback")

    def _speaking_for(self) -> float:
        """Seconds until the bot stops speaking if nothing more is sent; an open utterance may pause briefly."""
        ends_at = self._playback_ends_at + (PAUSE_SECONDS if self._inference_id is not None else 0.0)
        return ends_at - time.monotonic()

    async def _wait_for_playback_end(self) -> None:
        while (remaining := self._speaking_for()) > 0:
            self._playback_changed.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._playback_changed.wait(), remaining)
        self._playback_task = None
        await self._stop_speaking()

    async def _stop_speaking(self) -> None:
        await self._cancel_playback()
        self._playback_ends_at = 0.0
        if self._bot_speaking:
            self._bot_speaking = False
            await self.broadcast_frame(BotStoppedSpeakingFrame)

    async def _cancel_playback(self) -> None:
        task, self._playback_task = self._playback_task, None
        if task is not None and task is not asyncio.current_task():
            await self.cancel_task(task)

    async def cleanup(self) -> None:
        await self._cancel_playback()
        await super().cleanup()  # type: ignore[no-untyped-call]  # pipecat leaves it unannotated


class _UtteranceResampler:
    """A streaming resampler for one utterance; ``flush`` returns the tail it still holds.

    pipecat's stream resampler keeps ~40 ms of history and has no flush, so the end of every utterance would be lost.
    """

    def __init__(self, in_rate: int, out_rate: int) -> None:
        self.in_rate = in_rate
        self._stream = soxr.ResampleStream(in_rate, out_rate, 1, dtype="int16", quality="HQ")

    def resample(self, audio: bytes) -> bytes:
        samples = np.frombuffer(audio, dtype=np.int16)
        return bytes(self._stream.resample_chunk(samples).tobytes())

    def flush(self) -> bytes:
        return bytes(self._stream.resample_chunk(np.zeros(0, dtype=np.int16), last=True).tobytes())
