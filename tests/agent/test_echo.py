"""The echo processor's wire format, driven through pipecat's own test pipeline."""

from __future__ import annotations

import base64
from typing import Any

from pipecat.frames.frames import (
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
from pipecat.tests.utils import SleepFrame, run_test

from agent.echo import TavusEchoSender

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
        expected_down_frames=[TTSStartedFrame] + [OutputTransportMessageUrgentFrame] * 12 + [TTSStoppedFrame],
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
