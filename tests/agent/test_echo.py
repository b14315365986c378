"""The echo processor's wire format, driven through pipecat's own test pipeline."""

from __future__ import annotations

import base64
import time
from typing import Any

from pipecat.frames.frames import (
    BotStartedSpeakingFrame,
    BotStoppedSpeakingFrame,
    EndFrame,
    Frame,
    InterruptionFrame,
    OutputTransportMessageUrgentFrame,
    TextFrame,
    TTSAudioRawFrame,
    TTSStartedFrame,
    TTSStoppedFrame,
)
from pipecat.pipeline.worker import PipelineParams
from pipecat.processors.frame_processor import FrameDirection
from pipecat.tests.utils import SleepFrame, run_test

from agent.echo import PAUSE_SECONDS, EchoMessageFrame, TavusEchoSender

RATE = 24000


def pcm(seconds: float, rate: int = RATE, value: int = 1000) -> bytes:
    return value.to_bytes(2, "little", signed=True) * int(rate * seconds)


def messages(frames: Any) -> list[dict[str, Any]]:
    return [f.message for f in frames if isinstance(f, OutputTransportMessageUrgentFrame)]


def echo_props(frames: Any) -> list[dict[str, Any]]:
    return [m["properties"] for m in messages(frames) if m["event_type"] == "conversation.echo"]


def audio_sizes(props: list[dict[str, Any]]) -> list[int]:
    return [len(base64.b64decode(p["audio"])) for p in props]


async def test_one_utterance_is_split_in_100ms_messages_closed_by_a_done_marker() -> None:
    frames: list[Frame] = [TTSStartedFrame(), TTSAudioRawFrame(pcm(1.05), RATE, 1), TTSStoppedFrame()]
    down, _ = await run_test(
        TavusEchoSender("c123"),
        frames_to_send=frames,
        expected_down_frames=[TTSStartedFrame, OutputTransportMessageUrgentFrame, BotStartedSpeakingFrame]
        + [OutputTransportMessageUrgentFrame] * 11
        + [TTSStoppedFrame, BotStoppedSpeakingFrame],  # the end of the run stops the bot at once
    )
    props = echo_props(down)
    assert audio_sizes(props) == [4800] * 10 + [2400, 1920]
    assert [p["done"] for p in props] == [False] * 11 + [True]
    assert len({p["inference_id"] for p in props}) == 1
    assert {p["sample_rate"] for p in props} == {RATE}
    assert {p["modality"] for p in props} == {"audio"}
    assert base64.b64decode(props[-1]["audio"]) == bytes(1920)  # the done marker is silence
    sent = b"".join(base64.b64decode(p["audio"]) for p in props[:-1])
    assert sent == pcm(1.05)  # every sample arrives, in order
    for message in messages(down):
        assert message["message_type"] == "conversation"
        assert message["conversation_id"] == "c123"


async def test_small_tts_chunks_are_accumulated_to_100ms() -> None:
    chunks = [TTSAudioRawFrame(pcm(0.02), RATE, 1) for _ in range(12)]  # 240 ms in 20 ms pieces
    down, _ = await run_test(TavusEchoSender("c1"), frames_to_send=[TTSStartedFrame(), *chunks, TTSStoppedFrame()])
    props = echo_props(down)
    assert audio_sizes(props) == [4800, 4800, 1920, 1920]
    assert [p["done"] for p in props] == [False, False, False, True]


async def test_each_utterance_gets_its_own_inference_id() -> None:
    frames: list[Frame] = []
    for _ in range(3):
        frames += [TTSStartedFrame(), TTSAudioRawFrame(pcm(0.25), RATE, 1), TTSStoppedFrame()]
    down, _ = await run_test(TavusEchoSender("c1"), frames_to_send=frames)
    props = echo_props(down)
    ids = [p["inference_id"] for p in props]
    assert len(set(ids)) == 3
    for inference_id in set(ids):
        own = [p for p in props if p["inference_id"] == inference_id]
        assert [p["done"] for p in own] == [False, False, False, True]


async def test_audio_at_another_rate_is_resampled_and_announced_at_the_output_rate() -> None:
    frames: list[Frame] = [TTSStartedFrame(), TTSAudioRawFrame(pcm(1.0, rate=16000), 16000, 1), TTSStoppedFrame()]
    down, _ = await run_test(TavusEchoSender("c1"), frames_to_send=frames)
    props = echo_props(down)
    assert {p["sample_rate"] for p in props} == {RATE}
    total = sum(audio_sizes(props[:-1]))
    assert abs(total - RATE * 2) <= 4  # one second at 24 kHz: the resampler's tail is flushed, not lost


async def test_the_pipeline_output_rate_is_used_when_none_is_configured() -> None:
    frames: list[Frame] = [TTSStartedFrame(), TTSAudioRawFrame(pcm(0.3, rate=16000), 16000, 1), TTSStoppedFrame()]
    down, _ = await run_test(
        TavusEchoSender("c1"), frames_to_send=frames, pipeline_params=PipelineParams(audio_out_sample_rate=16000)
    )
    props = echo_props(down)
    assert audio_sizes(props) == [3200, 3200, 3200, 1280]
    assert {p["sample_rate"] for p in props} == {16000}


async def test_interruption_drops_buffered_audio_and_sends_interrupt() -> None:
    frames: list[Frame] = [
        TTSStartedFrame(),
        TTSAudioRawFrame(pcm(0.15), RATE, 1),  # one message out, 50 ms buffered
        SleepFrame(0.05),
        InterruptionFrame(),
        TTSStartedFrame(),
        TTSAudioRawFrame(pcm(0.1), RATE, 1),
        TTSStoppedFrame(),
    ]
    down, _ = await run_test(TavusEchoSender("c9"), frames_to_send=frames)
    sent = messages(down)
    kinds = [m["event_type"] for m in sent]
    assert kinds == ["conversation.echo", "conversation.interrupt", "conversation.echo", "conversation.echo"]
    assert sent[1] == {"message_type": "conversation", "event_type": "conversation.interrupt", "conversation_id": "c9"}
    first, second, marker = sent[0]["properties"], sent[2]["properties"], sent[3]["properties"]
    assert first["done"] is False  # the interrupted utterance is abandoned, as Tavus expects
    assert len(base64.b64decode(first["audio"])) == 4800
    assert second["inference_id"] != first["inference_id"]  # the 50 ms left over were dropped, not sent late
    assert len(base64.b64decode(second["audio"])) == 4800
    assert marker["done"] is True
    assert marker["inference_id"] == second["inference_id"]
    assert any(isinstance(f, InterruptionFrame) for f in down)


async def test_tts_audio_is_consumed_and_other_frames_pass_through() -> None:
    frames: list[Frame] = [
        TextFrame("hello"),
        TTSStartedFrame(),
        TTSAudioRawFrame(pcm(0.1), RATE, 1),
        TTSStoppedFrame(),
    ]
    down, _ = await run_test(TavusEchoSender("c1"), frames_to_send=frames)
    assert not any(isinstance(f, TTSAudioRawFrame) for f in down)
    assert [f.text for f in down if isinstance(f, TextFrame)] == ["hello"]


async def test_end_closes_an_open_utterance_and_waits_before_letting_the_end_through() -> None:
    order: list[str] = []

    async def before_end() -> None:
        # By now the whole goodbye, done marker included, has been handed to the transport.
        order.append(f"waited after {len(echo_props(sent_so_far))} messages")

    sent_so_far: list[Frame] = []

    class Recorder(TavusEchoSender):
        async def push_frame(self, frame: Frame, direction: Any = None) -> None:  # type: ignore[override]
            sent_so_far.append(frame)
            if isinstance(frame, EndFrame):
                order.append("end")
            if direction is None:
                await super().push_frame(frame)
            else:
                await super().push_frame(frame, direction)

    sender = Recorder("c1", before_end=before_end)
    frames: list[Frame] = [TTSStartedFrame(), TTSAudioRawFrame(pcm(0.35), RATE, 1)]  # no TTSStoppedFrame
    down, _ = await run_test(sender, frames_to_send=frames)
    props = echo_props(down)
    assert [p["done"] for p in props] == [False, False, False, False, True]
    assert order == ["waited after 5 messages", "end"]
    assert sender.utterances_sent == 1


class Timeline(TavusEchoSender):
    """Records when each frame leaves the sender, and in which direction."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.pushed: list[tuple[float, Frame, FrameDirection]] = []

    async def push_frame(self, frame: Frame, direction: FrameDirection = FrameDirection.DOWNSTREAM) -> None:
        self.pushed.append((time.monotonic(), frame, direction))
        await super().push_frame(frame, direction)

    def times(self, kind: type[Frame], direction: FrameDirection = FrameDirection.DOWNSTREAM) -> list[float]:
        return [at for at, frame, way in self.pushed if isinstance(frame, kind) and way == direction]

    def first_message_at(self) -> float:
        return self.times(OutputTransportMessageUrgentFrame)[0]


async def test_the_bot_speaks_from_the_first_message_until_the_replica_has_played_it_all() -> None:
    sender = Timeline("c1")
    frames: list[Frame] = [TTSStartedFrame(), TTSAudioRawFrame(pcm(0.3), RATE, 1), TTSStoppedFrame(), SleepFrame(0.6)]
    down, up = await run_test(sender, frames_to_send=frames)
    for direction in (FrameDirection.DOWNSTREAM, FrameDirection.UPSTREAM):
        [started] = sender.times(BotStartedSpeakingFrame, direction)
        [stopped] = sender.times(BotStoppedSpeakingFrame, direction)
        assert started >= sender.first_message_at()
        # 300 ms of speech and the 40 ms done marker play in real time from the first message on.
        assert 0.34 <= stopped - sender.first_message_at() < 0.55
    assert [type(f) for f in up] == [BotStartedSpeakingFrame, BotStoppedSpeakingFrame]
    kinds = [type(f) for f in down]
    assert kinds.index(BotStoppedSpeakingFrame) > kinds.index(TTSStoppedFrame)
    assert not sender.bot_speaking


async def test_utterances_sent_back_to_back_are_one_speaking_run() -> None:
    sender = Timeline("c1")
    frames: list[Frame] = []
    for _ in range(2):
        frames += [TTSStartedFrame(), TTSAudioRawFrame(pcm(0.2), RATE, 1), TTSStoppedFrame()]
    await run_test(sender, frames_to_send=[*frames, SleepFrame(0.7)])
    assert len(sender.times(BotStartedSpeakingFrame)) == 1
    [stopped] = sender.times(BotStoppedSpeakingFrame)
    # The replica plays the second utterance after the first: 2 x (200 + 40) ms.
    assert 0.48 <= stopped - sender.first_message_at() < 0.7


async def test_an_interruption_stops_the_bot_at_once() -> None:
    sender = Timeline("c1")
    frames: list[Frame] = [
        TTSStartedFrame(),
        TTSAudioRawFrame(pcm(2.0), RATE, 1),
        TTSStoppedFrame(),
        SleepFrame(0.1),
        InterruptionFrame(),
        SleepFrame(0.1),
    ]
    await run_test(sender, frames_to_send=frames)
    [interrupted] = [at for at, f, _ in sender.pushed if isinstance(f, InterruptionFrame)]
    for direction in (FrameDirection.DOWNSTREAM, FrameDirection.UPSTREAM):
        [stopped] = sender.times(BotStoppedSpeakingFrame, direction)
        assert interrupted <= stopped < sender.first_message_at() + 1.0  # long before the 2 s had played


async def test_an_utterance_that_stalls_stops_the_bot_after_a_pause() -> None:
    sender = Timeline("c1")
    # 100 ms of audio and no TTSStoppedFrame: the TTS went quiet in the middle of an utterance.
    frames: list[Frame] = [TTSStartedFrame(), TTSAudioRawFrame(pcm(0.1), RATE, 1), SleepFrame(0.8)]
    await run_test(sender, frames_to_send=frames)
    stopped = sender.times(BotStoppedSpeakingFrame)
    assert 0.1 + PAUSE_SECONDS <= stopped[0] - sender.first_message_at() < 0.75


async def test_the_end_of_the_pipeline_closes_the_speaking_run_before_the_end_frame_leaves() -> None:
    sender = Timeline("c1")
    await run_test(sender, frames_to_send=[TTSStartedFrame(), TTSAudioRawFrame(pcm(3.0), RATE, 1)])
    kinds = [type(f) for _, f, way in sender.pushed if way == FrameDirection.DOWNSTREAM]
    assert kinds[-2:] == [BotStoppedSpeakingFrame, EndFrame]
    assert kinds.count(BotStartedSpeakingFrame) == kinds.count(BotStoppedSpeakingFrame) == 1


async def test_echo_messages_print_without_their_audio() -> None:
    # pipecat formats every frame it pushes for its trace log; the audio would be ~6 KB of base64 per message.
    frames: list[Frame] = [TTSStartedFrame(), TTSAudioRawFrame(pcm(0.1), RATE, 1), TTSStoppedFrame()]
    down, _ = await run_test(TavusEchoSender("c1"), frames_to_send=frames)
    [first, marker] = [f for f in down if isinstance(f, EchoMessageFrame)]
    audio = first.message["properties"]["audio"]
    assert audio not in str(first)
    assert f"{len(audio)} base64 chars, done=False" in str(first)
    assert "done=True" in str(marker)
