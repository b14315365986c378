"""The agent's own response time: from the end of the human's speech to the first echo message, and per Flows
transition, with zero-latency services.

    uv run python benchmarks/agent_latency.py            # 8 turns of each kind, about 2 minutes on 2 cores
    uv run python benchmarks/agent_latency.py --turn-detection speech-timeout   # the faster turn detection
    uv run python benchmarks/agent_latency.py --quick    # 2 turns of each kind
    uv run python benchmarks/agent_latency.py --json     # table on stderr, one JSON line on stdout

Everything runs as in a call except the network edges: pipecat's real ``DailyTransport`` over the in-memory Daily
room of the agent's tests, real Silero voice detection and turn detection, the real OpenAI STT, LLM and TTS services
over the local fake OpenAI server (which answers at once), the real Flows manager and lifecycle, the emulator. So
every millisecond measured is the agent's (and pipecat's), none the providers'.

A human speaks a short clip, turn after turn. Each turn is cut into the spans the requests reaching the fake
server mark: end of speech -> speech-to-text request -> LLM request -> text-to-speech request -> first
``conversation.echo`` message. The first span is set against its floor in the same run: the silence voice
detection must hear before it calls the speech over (``VADParams.stop_secs``).

Flows transitions: on alternate turns the LLM answers with a tool call, either an edge function (``advance``, a
transition to the other node) or a node function (``stay``, no transition). The time from the tool-call answer to
the next LLM request is reported for both, and the transition as a ratio against the node function: what a
transition adds to a function call.

It prints figures and never fails on them. See README.md in this folder.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import statistics
import sys
import time
import wave
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib.metadata import version
from pathlib import Path
from typing import Any

import numpy as np
import pipecat
import pytest
from loguru import logger

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the in-memory Daily room and fake OpenAI server of the agent's tests

from agent.config import TURN_DETECTION, AgentConfig, Models, Secrets  # noqa: E402
from agent.lifecycle import AgentSession, launch  # noqa: E402
from tavus_sdk.testing import TavusEmulator  # noqa: E402
from tests.agent.fake_daily import FakeDailyRoom  # noqa: E402
from tests.agent.fake_daily import daily_room as fake_daily_room  # noqa: E402
from tests.agent.fake_openai import GOOD_KEY, FakeOpenAI, serve_openai  # noqa: E402

REPLICA = "rfe12d8b9597"
CLIP = Path(pipecat.__file__).parent / "services" / "aws" / "nova_sonic" / "ready.wav"
TURN_TIMEOUT = 30.0
FLOW = "benchmarks.agent_latency_flow:ask_node"


@contextmanager
def daily_room() -> Iterator[FakeDailyRoom]:
    with pytest.MonkeyPatch.context() as patch, fake_daily_room(patch) as room:
        yield room


def _clip() -> np.ndarray:
    with wave.open(str(CLIP)) as wav:
        return np.frombuffer(wav.readframes(wav.getnframes()), dtype="<i2").copy()


async def _wait(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + TURN_TIMEOUT
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"no {what} within {TURN_TIMEOUT}s")
        await asyncio.sleep(0.005)


def _first_after(times: list[float], since: float) -> float | None:
    later = [t for t in times if t >= since]
    return min(later) if later else None


async def run(turns: int, turn_detection: str) -> dict[str, Any]:
    voice = _clip()[::-1].copy()
    fake = FakeOpenAI(reply="Sure.", speech_seconds=0.3)
    spans: dict[str, list[float]] = {k: [] for k in ("vad", "turn", "llm", "tts", "total")}
    after_tool: dict[str, list[float]] = {"advance": [], "stay": []}
    with serve_openai(fake), daily_room() as room:
        os.environ["OPENAI_BASE_URL"] = fake.base_url
        room.add("replica-1", "pipecat-stream")
        room.add("human-1", "Ana")
        sessions: list[AgentSession] = []
        async with TavusEmulator().async_client() as tavus:
            task = asyncio.create_task(
                launch(
                    AgentConfig(
                        replica_id=REPLICA, flow=FLOW, rejoin_grace=0, models=Models(turn_detection=turn_detection)
                    ),
                    Secrets("emulator-key", GOOD_KEY, fake.base_url),
                    tavus=tavus,
                    announce=lambda _text: None,
                    handle_signals=False,
                    on_session=sessions.append,
                )
            )
            await _wait(lambda: bool(room.echo_messages()), "greeting")
            await asyncio.sleep(1.0)
            kinds = [None] * turns + ["advance", "stay"] * turns
            for said, tool in enumerate(kinds, start=1):
                fake.tool_call = tool
                chats_before, answered_before = len(fake.chats), len(fake.tool_calls_answered)
                room.say("human-1", voice)
                await _wait(lambda n=said: room.finished_saying("human-1", n), "speech")  # type: ignore[misc]
                end = room.present()[-1].said[-1]
                needed = 2 if tool else 1
                await _wait(lambda c=chats_before, k=needed: len(fake.chats) >= c + k, "LLM request")  # type: ignore[misc]
                await _wait(lambda e=end: _first_after([t for t, _ in room.echo_messages()], e) is not None, "echo")  # type: ignore[misc]
                if tool is not None:
                    answered_at = fake.tool_calls_answered[answered_before][0]
                    next_request = _first_after([t for t, _ in fake.chats], answered_at)
                    assert next_request is not None
                    after_tool[tool].append(next_request - answered_at)
                else:
                    marks = [
                        _first_after(times, end)
                        for times in (
                            [t.at for t in fake.transcriptions],
                            [t for t, _ in fake.chats],
                            [t for t, _ in fake.speeches],
                            [t for t, _ in room.echo_messages()],
                        )
                    ]
                    if None in marks:
                        raise RuntimeError(f"a request of the turn is missing: {marks}")
                    stt, llm, tts, echo = (float(mark or 0.0) for mark in marks)
                    spans["vad"].append(stt - end)
                    spans["turn"].append(llm - stt)
                    spans["llm"].append(tts - llm)
                    spans["tts"].append(echo - tts)
                    spans["total"].append(echo - end)
                await asyncio.sleep(1.5)  # the answer plays; the next turn starts in silence
            room.remove("human-1")
            await asyncio.wait_for(task, TURN_TIMEOUT)
    stop_secs = _vad_stop_secs()
    median = {k: statistics.median(v) for k, v in spans.items()}
    moves = {k: statistics.median(v) for k, v in after_tool.items()}
    return {
        "turns": turns,
        "turn_detection": turn_detection,
        "vad_stop_secs": stop_secs,
        "median_ms": {k: round(v * 1000, 1) for k, v in median.items()},
        "vad_span_over_stop_secs": round(median["vad"] / stop_secs, 2),
        "after_tool_call_ms": {k: round(v * 1000, 1) for k, v in moves.items()},
        "transition_over_node_function": round(moves["advance"] / moves["stay"], 2),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}",
        "pipecat": version("pipecat-ai"),
    }


def _vad_stop_secs() -> float:
    from pipecat.audio.vad.vad_analyzer import VADParams

    return float(VADParams().stop_secs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="2 turns of each kind")
    parser.add_argument("--turns", type=int, default=8)
    parser.add_argument("--json", action="store_true", help="one JSON line with the figures on stdout")
    parser.add_argument("--turn-detection", choices=TURN_DETECTION, default="smart-turn", help="as the agent's option")
    args = parser.parse_args(argv)
    logger.remove()
    logger.add(sys.stderr, level="ERROR")
    figures = asyncio.run(run(2 if args.quick else args.turns, args.turn_detection))
    ms = figures["median_ms"]
    table = [
        f"agent response time, zero-latency services, {figures['turn_detection']} turn detection, "
        f"median of {figures['turns']} turns ({figures['machine']})",
        f"  end of speech -> STT request     {ms['vad']:7.1f} ms  "
        f"({figures['vad_span_over_stop_secs']}x the VAD stop window of {figures['vad_stop_secs'] * 1000:.0f} ms)",
        f"  STT request   -> LLM request     {ms['turn']:7.1f} ms  (transcript in, turn detection)",
        f"  LLM request   -> TTS request     {ms['llm']:7.1f} ms",
        f"  TTS request   -> first echo      {ms['tts']:7.1f} ms",
        f"  end of speech -> first echo      {ms['total']:7.1f} ms",
        "Flows, tool-call answer -> next LLM request:",
        f"  edge function (transition)       {figures['after_tool_call_ms']['advance']:7.1f} ms",
        f"  node function (no transition)    {figures['after_tool_call_ms']['stay']:7.1f} ms",
        f"  transition / node function       {figures['transition_over_node_function']}x",
    ]
    print("\n".join(table), file=sys.stderr if args.json else sys.stdout)
    if args.json:
        print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
