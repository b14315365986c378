"""Cost and delay of the agent's echo processor (``agent.echo.TavusEchoSender``) against the least that work needs.

    uv run python benchmarks/echo_processor.py            # full run, about 7 s on 2 cores
    uv run python benchmarks/echo_processor.py --quick    # smoke test, a couple of seconds
    uv run python benchmarks/echo_processor.py --json     # table on stderr, one JSON line on stdout

Two measurements, each a ratio against a baseline run in the same process, in blocks of ABBA order:

- **cost per 100 ms chunk** of TTS audio: the processor's ``process_frame`` on one ``TTSAudioRawFrame`` (24 kHz in,
  no resampling; or 16 kHz in, resampled to 24 kHz), called directly on a processor inside a running pipeline.
  Baseline: what any echo sender must do for the same chunk, base64-encode the 24 kHz PCM and ``json.dumps`` the
  ``conversation.echo`` message (the transport serializes it anyway). For context, a pass-through processor called
  the same way shows pipecat's own cost of one frame in and one frame out.
- **delay** from a ``TTSAudioRawFrame`` entering the processor to the first ``conversation.echo`` message leaving
  it, over many utterances in a running pipeline. Baseline: the same frame crossing a pass-through processor in
  the same place.

It prints figures and never fails on them. See README.md in this folder.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import contextlib
import gc
import json
import os
import platform
import statistics
import sys
import time
import uuid
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass, field
from importlib.metadata import version
from typing import Any

import numpy as np
from loguru import logger
from pipecat.frames.frames import (
    BotStartedSpeakingFrame,
    BotStoppedSpeakingFrame,
    Frame,
    OutputTransportMessageUrgentFrame,
    TTSAudioRawFrame,
    TTSStartedFrame,
    TTSStoppedFrame,
)
from pipecat.pipeline.pipeline import Pipeline
from pipecat.pipeline.worker import PipelineParams, PipelineWorker
from pipecat.processors.frame_processor import FrameCallback, FrameDirection, FrameProcessor
from pipecat.workers.runner import WorkerRunner

from agent.echo import TavusEchoSender

OUTPUT_RATE = 24000
CHUNK_SECONDS = 0.1
CONVERSATION_ID = "c0123456789abcdef"
START_TIMEOUT = 10.0
DOWN = FrameDirection.DOWNSTREAM


def tone(rate: int, seconds: float) -> bytes:
    """A 220 Hz tone as 16-bit mono PCM: real audio, so the resampler does its usual work."""
    t = np.arange(int(rate * seconds)) / rate
    return bytes((np.sin(2 * np.pi * 220 * t) * 8000).astype("<i2").tobytes())


# --- a running pipeline -----------------------------------------------------------------------------------


@contextlib.asynccontextmanager
async def running(processors: Sequence[FrameProcessor]) -> AsyncIterator[PipelineWorker]:
    """A started pipeline of ``processors``, cancelled on the way out."""
    worker = PipelineWorker(
        Pipeline(list(processors)),
        params=PipelineParams(audio_out_sample_rate=OUTPUT_RATE),
        cancel_on_idle_timeout=False,
        enable_rtvi=False,
    )
    started = asyncio.Event()

    @worker.event_handler("on_pipeline_started")  # type: ignore[untyped-decorator]
    async def on_started(_worker: PipelineWorker, _frame: Frame) -> None:
        started.set()

    runner = WorkerRunner(handle_sigint=False, handle_sigterm=False)
    await runner.add_workers(worker)
    task = asyncio.create_task(runner.run())
    try:
        await asyncio.wait_for(started.wait(), START_TIMEOUT)
        yield worker
    finally:
        await worker.cancel()
        await task


class Passthrough(FrameProcessor):
    """Hands every frame on: the baseline of the delay, and the base of the helpers below."""

    async def process_frame(self, frame: Frame, direction: FrameDirection) -> None:
        await super().process_frame(frame, direction)
        await self.push_frame(frame, direction)


class Discard(Passthrough):
    """Drops what the processor under test sends on (counting the messages), so nothing piles up behind it."""

    def __init__(self) -> None:
        super().__init__()
        self.messages = 0

    async def queue_frame(
        self, frame: Frame, direction: FrameDirection = DOWN, callback: FrameCallback | None = None
    ) -> None:
        if isinstance(frame, OutputTransportMessageUrgentFrame):
            self.messages += 1
            return
        if isinstance(frame, TTSAudioRawFrame | BotStartedSpeakingFrame | BotStoppedSpeakingFrame):
            return
        await super().queue_frame(frame, direction, callback)


# --- (a) cost per chunk -----------------------------------------------------------------------------------


def baseline_chunk(pcm: bytes, inference_id: str) -> str:
    """The unavoidable work for one chunk: encode the PCM, wrap it in the echo message, serialize it."""
    message = {
        "message_type": "conversation",
        "event_type": "conversation.echo",
        "conversation_id": CONVERSATION_ID,
        "properties": {
            "modality": "audio",
            "inference_id": inference_id,
            "audio": base64.b64encode(pcm).decode("ascii"),
            "done": False,
            "sample_rate": OUTPUT_RATE,
        },
    }
    return json.dumps(message)


@dataclass
class CostWorkload:
    name: str
    key: str
    tts_rate: int


ARMS = ("baseline", "pass-through", "echo")


@dataclass
class CostResult:
    workload: CostWorkload
    chunks: int
    us: dict[str, list[float]] = field(default_factory=lambda: {arm: [] for arm in ARMS})
    messages: int = 0

    def summary(self) -> dict[str, Any]:
        base, floor, echo = (statistics.median(self.us[arm]) for arm in ARMS)
        ratios = [e / b for b, e in zip(self.us["baseline"], self.us["echo"], strict=True)]
        return {
            "chunks_per_block": self.chunks,
            "pairs": len(ratios),
            "baseline_us_per_chunk": round(base, 2),
            "passthrough_us_per_chunk": round(floor, 2),
            "echo_us_per_chunk": round(echo, 2),
            "echo_minus_passthrough_us": round(echo - floor, 2),
            "ratio": round(echo / base, 2),
            "pair_ratio_min": round(min(ratios), 2),
            "pair_ratio_max": round(max(ratios), 2),
            "messages_per_chunk": round(self.messages / (self.chunks * len(ratios)), 3),
        }


def time_baseline(pcm: bytes, n: int) -> float:
    inference_id = str(uuid.uuid4())
    gc.collect()
    start = time.perf_counter()
    for _ in range(n):
        baseline_chunk(pcm, inference_id)
    return (time.perf_counter() - start) / n * 1e6


async def time_processor(processor: FrameProcessor, frames: Sequence[TTSAudioRawFrame]) -> float:
    """The processor's own handling of each frame, called directly: no queue, no task switch in the timing."""
    gc.collect()
    start = time.perf_counter()
    for frame in frames:
        await processor.process_frame(frame, DOWN)
    elapsed = time.perf_counter() - start
    await processor.process_frame(TTSStoppedFrame(), DOWN)  # closes the echo's utterance, outside the timing
    return elapsed / len(frames) * 1e6


async def measure_cost(workload: CostWorkload, args: argparse.Namespace, log: Callable[[str], None]) -> CostResult:
    pcm_out = tone(OUTPUT_RATE, CHUNK_SECONDS)  # what one message carries
    pcm_in = tone(workload.tts_rate, CHUNK_SECONDS)
    frames = [TTSAudioRawFrame(pcm_in, workload.tts_rate, 1) for _ in range(args.chunks)]
    echo, echo_out = TavusEchoSender(CONVERSATION_ID, sample_rate=OUTPUT_RATE), Discard()
    # pipecat's own cost of one frame through one processor (process_frame, a push), for context.
    floor, floor_out = Passthrough(), Discard()
    result = CostResult(workload, args.chunks)

    async def block(arm: str) -> float:
        if arm == "baseline":
            return time_baseline(pcm_out, args.chunks)
        if arm == "pass-through":
            return await time_processor(floor, frames)
        before = echo_out.messages
        us = await time_processor(echo, frames)
        result.messages += echo_out.messages - before - 1  # the done marker closing the block is not per chunk
        return us

    async with running([echo, echo_out]), running([floor, floor_out]):
        for arm in ARMS:  # warm-up
            await block(arm)
        result.messages = 0
        for pair in range(args.pairs):
            got = {arm: await block(arm) for arm in (ARMS if pair % 2 == 0 else ARMS[::-1])}
            for arm in ARMS:
                result.us[arm].append(got[arm])
            log(
                f"  cost {workload.name} pair {pair + 1}/{args.pairs}: baseline {got['baseline']:.2f} us, "
                f"pass-through {got['pass-through']:.2f} us, echo {got['echo']:.2f} us, "
                f"ratio {got['echo'] / got['baseline']:.2f}"
            )
    return result


# --- (b) delay to the first message -----------------------------------------------------------------------


class Feeder(Passthrough):
    """Notes when each TTS audio frame is handed to the next processor."""

    def __init__(self) -> None:
        super().__init__()
        self.sent_at = 0

    async def process_frame(self, frame: Frame, direction: FrameDirection) -> None:
        if isinstance(frame, TTSAudioRawFrame):
            self.sent_at = time.perf_counter_ns()
        await super().process_frame(frame, direction)


class Probe(Passthrough):
    """Notes when the first frame ``wanted`` arrives after ``arm()``, i.e. when it left the processor before."""

    def __init__(self, feeder: Feeder, wanted: Callable[[Frame], bool]) -> None:
        super().__init__()
        self._feeder = feeder
        self._wanted = wanted
        self._waiting = False
        self.arrived = asyncio.Event()
        self.delays_us: list[float] = []

    def arm(self) -> None:
        self._waiting = True
        self.arrived.clear()

    async def queue_frame(
        self, frame: Frame, direction: FrameDirection = DOWN, callback: FrameCallback | None = None
    ) -> None:
        if self._waiting and self._wanted(frame):
            self.delays_us.append((time.perf_counter_ns() - self._feeder.sent_at) / 1000)
            self._waiting = False
            self.arrived.set()
        await super().queue_frame(frame, direction, callback)


def is_echo(frame: Frame) -> bool:
    return isinstance(frame, OutputTransportMessageUrgentFrame) and frame.message["event_type"] == "conversation.echo"


def is_audio(frame: Frame) -> bool:
    return isinstance(frame, TTSAudioRawFrame)


async def delay_block(arm: str, utterances: int) -> list[float]:
    """``utterances`` times: TTS started, 100 ms of audio, TTS stopped; the delay to the first frame out."""
    feeder = Feeder()
    middle: FrameProcessor = (
        TavusEchoSender(CONVERSATION_ID, sample_rate=OUTPUT_RATE) if arm == "echo" else Passthrough()
    )
    probe = Probe(feeder, is_echo if arm == "echo" else is_audio)
    pcm = tone(OUTPUT_RATE, CHUNK_SECONDS)
    async with running([feeder, middle, probe]) as worker:
        gc.collect()
        for _ in range(utterances):
            probe.arm()
            await worker.queue_frames([TTSStartedFrame(), TTSAudioRawFrame(pcm, OUTPUT_RATE, 1), TTSStoppedFrame()])
            await asyncio.wait_for(probe.arrived.wait(), START_TIMEOUT)
    return probe.delays_us


def p95(values: Sequence[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


@dataclass
class DelayResult:
    utterances: int
    baseline: list[list[float]] = field(default_factory=list)
    echo: list[list[float]] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        # Medians over blocks of each block's median and p95, so one block disturbed by the machine moves neither.
        def over_blocks(blocks: list[list[float]], statistic: Callable[[Sequence[float]], float]) -> float:
            return statistics.median(statistic(block) for block in blocks)

        base_median, echo_median = (
            over_blocks(self.baseline, statistics.median),
            over_blocks(self.echo, statistics.median),
        )
        base_p95, echo_p95 = over_blocks(self.baseline, p95), over_blocks(self.echo, p95)
        ratios = [statistics.median(e) / statistics.median(b) for b, e in zip(self.baseline, self.echo, strict=True)]
        return {
            "utterances_per_block": self.utterances,
            "pairs": len(ratios),
            "baseline_median_us": round(base_median, 1),
            "baseline_p95_us": round(base_p95, 1),
            "echo_median_us": round(echo_median, 1),
            "echo_p95_us": round(echo_p95, 1),
            "median_ratio": round(echo_median / base_median, 2),
            "p95_ratio": round(echo_p95 / base_p95, 2),
            "pair_median_ratio_min": round(min(ratios), 2),
            "pair_median_ratio_max": round(max(ratios), 2),
        }


async def measure_delay(args: argparse.Namespace, log: Callable[[str], None]) -> DelayResult:
    result = DelayResult(args.utterances)
    await delay_block("baseline", 20)  # warm-up
    await delay_block("echo", 20)
    for pair in range(args.pairs):
        arms = ["baseline", "echo"] if pair % 2 == 0 else ["echo", "baseline"]
        got = {arm: await delay_block(arm, args.utterances) for arm in arms}
        result.baseline.append(got["baseline"])
        result.echo.append(got["echo"])
        base, echo = statistics.median(got["baseline"]), statistics.median(got["echo"])
        log(f"  delay pair {pair + 1}/{args.pairs}: pass-through {base:.0f} us, echo {echo:.0f} us (medians)")
    return result


# --- reporting and main -----------------------------------------------------------------------------------


def environment() -> dict[str, Any]:
    return {
        "python": platform.python_version(),
        "pipecat": version("pipecat-ai"),
        "numpy": np.__version__,
        "soxr": version("soxr"),
        "cpus": os.cpu_count(),
        "platform": platform.platform(terse=True),
        "load_average": round(os.getloadavg()[0], 2),
    }


def table(costs: list[CostResult], delay: DelayResult) -> str:
    env = environment()
    lines = [
        "TavusEchoSender against the least the same work needs, one process, ABBA blocks",
        f"Python {env['python']}, pipecat {env['pipecat']}, numpy {env['numpy']}, soxr {env['soxr']}, "
        f"{env['cpus']} CPUs, load average {env['load_average']:.2f}",
        "",
        "cost per 100 ms chunk (baseline: base64 + json.dumps of the echo message)",
        f"{'TTS audio':<26} {'pairs':>5} {'chunks':>6} {'baseline':>8} {'echo':>6} {'ratio':>6} "
        f"{'pairs min-max':>13}  {'pass-through':>12} {'echo - p-t':>10} {'msgs/chunk':>10}",
    ]
    for cost in costs:
        s = cost.summary()
        lines.append(
            f"{cost.workload.name:<26} {s['pairs']:>5} {s['chunks_per_block']:>6} "
            f"{s['baseline_us_per_chunk']:>6.2f}us {s['echo_us_per_chunk']:>4.2f}us {s['ratio']:>5.2f}x "
            f"{s['pair_ratio_min']:>8.2f}-{s['pair_ratio_max']:.2f}  {s['passthrough_us_per_chunk']:>10.2f}us "
            f"{s['echo_minus_passthrough_us']:>8.2f}us {s['messages_per_chunk']:>10.3f}"
        )
    d = delay.summary()
    lines += [
        "",
        "delay from TTS audio in to the first echo message out (baseline: the same frame through a pass-through)",
        f"{'':<12} {'median us':>9} {'p95 us':>8}   (medians over blocks of each block's median and p95)",
        f"{'pass-through':<12} {d['baseline_median_us']:>9.0f} {d['baseline_p95_us']:>8.0f}",
        f"{'echo':<12} {d['echo_median_us']:>9.0f} {d['echo_p95_us']:>8.0f}",
        f"{'ratio':<12} {d['median_ratio']:>8.2f}x {d['p95_ratio']:>7.2f}x   "
        f"(per-pair median ratios {d['pair_median_ratio_min']:.2f}-{d['pair_median_ratio_max']:.2f}; "
        f"{d['pairs']} pairs of {d['utterances_per_block']} utterances)",
        "ratios: echo / baseline, so above 1 means the echo processor costs more",
    ]
    return "\n".join(line.rstrip() for line in lines)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Cost and delay of the agent's echo processor against baselines.")
    parser.add_argument("--quick", action="store_true", help="smoke test: 2 pairs of small blocks")
    parser.add_argument("--pairs", type=int, help="ABBA pairs per measurement (default 8; 2 with --quick)")
    parser.add_argument("--chunks", type=int, help="100 ms chunks per cost block (default 3000; 500 with --quick)")
    parser.add_argument("--utterances", type=int, help="utterances per delay block (default 200; 50 with --quick)")
    parser.add_argument("--json", action="store_true", help="print one JSON line on stdout (the table goes to stderr)")
    args = parser.parse_args(argv)
    defaults = (2, 500, 50) if args.quick else (8, 3000, 200)
    args.pairs = args.pairs if args.pairs is not None else defaults[0]
    args.chunks = args.chunks if args.chunks is not None else defaults[1]
    args.utterances = args.utterances if args.utterances is not None else defaults[2]
    for name in ("pairs", "chunks", "utterances"):
        if getattr(args, name) < 1:
            parser.error(f"--{name} must be at least 1")
    if args.utterances < 2:
        parser.error("--utterances must be at least 2 (for a p95)")
    return args


async def benchmark(args: argparse.Namespace, log: Callable[[str], None]) -> tuple[list[CostResult], DelayResult]:
    workloads = [
        CostWorkload("24 kHz (no resampling)", "24k", OUTPUT_RATE),
        CostWorkload("16 kHz (resampled to 24)", "16k_resampled", 16000),
    ]
    costs = [await measure_cost(workload, args, log) for workload in workloads]
    return costs, await measure_delay(args, log)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    logger.remove()  # pipecat logs every pipeline start at DEBUG; only problems belong here
    logger.add(sys.stderr, level="WARNING")
    out = sys.stderr if args.json else sys.stdout

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    started = time.monotonic()
    try:
        costs, delay = asyncio.run(benchmark(args, log))
    except KeyboardInterrupt:
        log("interrupted")
        return 130
    log(f"done in {time.monotonic() - started:.1f} s")
    print(table(costs, delay), file=out, flush=True)
    if args.json:
        record = {
            "benchmark": "echo_processor",
            "quick": args.quick,
            "environment": environment(),
            "cost_per_chunk": {cost.workload.key: cost.summary() for cost in costs},
            "delay": delay.summary(),
        }
        print(json.dumps(record), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
