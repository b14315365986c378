"""Ctrl-C and SIGTERM sent to the agent process at every point of its life: the conversation it created is ended
exactly once, and the process exits only once the end call has returned.

The agent runs as ``python -m tests.agent.run_agent`` (the real command with a fake room and fake services) against
the emulator served as a process of its own, so the counts below are the emulator's: what reached the API. Its
OpenAI key is checked against a local fake OpenAI server, as a launch does before it creates anything.
"""

from __future__ import annotations

import asyncio
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import httpx
import pytest

from agent import lifecycle
from agent.config import AgentConfig, Secrets
from tavus_sdk import Tavus
from tavus_sdk.testing import TavusEmulator
from tests.agent.fake_openai import GOOD_KEY, FakeOpenAI, serve_openai
from tests.agent.fakes import skip_key_check, wait_until
from tests.agent.run_agent import (
    JOIN_DELAY_VARIABLE,
    JOINING_LINE,
    RUNNING_LINE,
    FakeRoomAndServices,
    launch_in_fake_room,
)
from tests.slow_guard import slow_fixture
from tests.testing.served import Served, serve

ROOT = Path(__file__).resolve().parents[2]
REPLICA = "rfe12d8b9597"  # a stock replica of the emulator
STARTUP_TIMEOUT = 30.0
EXIT_TIMEOUT = 15.0
COUNTED = ("conversations_create", "conversations_end")


@dataclass
class Lane:
    """One signal's own served emulator, so the emulator's counts are that agent's alone and both signals run at
    once."""

    signum: signal.Signals
    reason: str
    exit_code: int
    server: Served
    admin: httpx.Client


SIGNALS = [
    (signal.SIGINT, "Ctrl-C received", 130),
    # The command documents 0 for a conversation that ran and was ended; SIGTERM is a normal stop.
    (signal.SIGTERM, "SIGTERM received", 0),
]


@pytest.fixture(scope="module")
@slow_fixture
def servers() -> Iterator[list[Served]]:
    with serve() as first, serve() as second:
        yield [first, second]


@pytest.fixture(scope="module")
@slow_fixture
def openai() -> Iterator[FakeOpenAI]:
    with serve_openai(FakeOpenAI()) as fake:
        yield fake


@pytest.fixture
def lanes(servers: list[Served]) -> Iterator[list[Lane]]:
    """SIGINT and SIGTERM, each with its emulator's admin API reset to the stock data; ``count_calls`` adds the
    rules that count."""
    with ExitStack() as stack:
        made = []
        for (signum, reason, exit_code), server in zip(SIGNALS, servers, strict=True):
            admin = stack.enter_context(httpx.Client(base_url=f"{server.root}/_emulator", timeout=10))
            admin.post("/reset").raise_for_status()
            made.append(Lane(signum, reason, exit_code, server, admin))
        yield made


def count_calls(admin: httpx.Client, *, create_delay: float = 0.001, end_delay: float = 0.001) -> None:
    """A rule for every create and end call: its hit count is the emulator's own tally (a 1 ms delay changes
    nothing for the agent; a longer one keeps the request in flight)."""
    delays = dict(zip(COUNTED, (create_delay, end_delay), strict=True))
    for operation, delay in delays.items():
        admin.post("/faults", json={"match": operation, "delay": delay, "times": None}).raise_for_status()


def calls(admin: httpx.Client) -> dict[str, int]:
    faults = admin.get("/faults").json()["data"]
    return {fault["match"]: fault["hits"] for fault in faults if fault["match"] in COUNTED}


@dataclass
class AgentProcess:
    process: subprocess.Popen[str]
    lines: queue.Queue[str | None]
    stdout: list[str]
    stderr_path: Path

    def wait_for_line(self, prefix: str, timeout: float) -> str:
        """The first stdout line starting with ``prefix``; fails if the agent exits or stays silent instead."""
        try:
            while (line := self.lines.get(timeout=timeout)) is not None:
                if line.startswith(prefix):
                    return line
        except queue.Empty:
            pass
        raise AssertionError(f"no line starting with {prefix!r} within {timeout}s; stdout so far: {self.stdout}")

    def finish(self, timeout: float) -> int:
        try:
            return self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            raise AssertionError(f"the agent did not exit within {timeout}s") from None


def _read_lines(stream: IO[str], lines: queue.Queue[str | None], seen: list[str]) -> None:
    for line in stream:
        seen.append(line.rstrip("\n"))
        lines.put(seen[-1])
    lines.put(None)


StartAgents = Callable[..., list[AgentProcess]]


@pytest.fixture
def start_agents(lanes: list[Lane], openai: FakeOpenAI, tmp_path: Path) -> Iterator[StartAgents]:
    """Starts one agent per lane, all at once, each against its lane's emulator."""
    started: list[tuple[AgentProcess, threading.Thread]] = []

    def start(*, join_delay: float = 0.0) -> list[AgentProcess]:
        agents = []
        for lane in lanes:
            env = {
                **os.environ,
                "TAVUS_BASE_URL": lane.server.base_url,
                "TAVUS_API_KEY": "emulator-key",
                "OPENAI_API_KEY": GOOD_KEY,
                "OPENAI_BASE_URL": openai.base_url,
                JOIN_DELAY_VARIABLE: str(join_delay),
                "PYTHONUNBUFFERED": "1",
            }
            workdir = tmp_path / lane.signum.name
            workdir.mkdir()
            argv = [sys.executable, "-m", "tests.agent.run_agent", "--replica", REPLICA]
            argv += ["--flow", "tests.agent.flows_for_tests:chat_node", "--outcomes", str(workdir / "outcomes.jsonl")]
            stderr_path = workdir / "stderr.txt"
            with stderr_path.open("w") as stderr:
                process = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=stderr, text=True)
            assert process.stdout is not None
            agent = AgentProcess(process, queue.Queue(), [], stderr_path)
            reader = threading.Thread(target=_read_lines, args=(process.stdout, agent.lines, agent.stdout), daemon=True)
            reader.start()
            started.append((agent, reader))
            agents.append(agent)
        return agents

    yield start
    for agent, reader in started:
        if agent.process.poll() is None:
            agent.process.kill()
            agent.process.wait()
        reader.join(timeout=5)


def wait_for_hits(admin: httpx.Client, operation: str, count: int = 1, timeout: float = STARTUP_TIMEOUT) -> None:
    """Until the emulator has received ``count`` requests of ``operation`` (still in flight if delayed)."""
    deadline = time.monotonic() + timeout
    while calls(admin)[operation] < count:
        assert time.monotonic() < deadline, f"no {operation} request within {timeout}s"
        time.sleep(0.02)


def assert_ended_once(lane: Lane, agent: AgentProcess) -> str:
    """One create, exactly one end, the reason said, and no traceback; returns the conversation id."""
    [created] = [line for line in agent.stdout if line.startswith("Created conversation ")]
    conversation_id = created.split()[2].rstrip(".")
    stderr = agent.stderr_path.read_text()
    assert "Traceback" not in stderr
    assert f"Conversation {conversation_id} ended: {lane.reason}" in agent.stdout
    assert calls(lane.admin) == {"conversations_create": 1, "conversations_end": 1}
    with Tavus(api_key="emulator-key", base_url=lane.server.base_url) as tavus:
        assert [c.conversation_id for c in tavus.conversations.list().data] == [conversation_id]
        conversation = tavus.conversations.get(conversation_id, verbose=True)
    assert conversation.status == "ended"
    assert conversation.shutdown_reason == "end_conversation_endpoint_hit"
    shutdowns = [e for e in conversation.events or [] if e.event_type == "system.shutdown"]
    assert [e.properties for e in shutdowns] == [
        {"replica_id": REPLICA, "shutdown_reason": "end_conversation_endpoint_hit"}
    ]
    return conversation_id


def in_each_lane(lanes: list[Lane], agents: list[AgentProcess], step: Callable[[Lane, AgentProcess], None]) -> None:
    """Runs ``step`` for every lane at once, so each agent is signalled at its own moment, not after the other's."""
    with ThreadPoolExecutor(len(lanes)) as pool:
        for done in [pool.submit(step, lane, agent) for lane, agent in zip(lanes, agents, strict=True)]:
            done.result()


def finish_and_check(lanes: list[Lane], agents: list[AgentProcess]) -> list[str]:
    """Each agent's exit code and its conversation ended once; returns the conversation ids."""
    ids = []
    for lane, agent in zip(lanes, agents, strict=True):
        code = agent.finish(EXIT_TIMEOUT)
        ids.append(assert_ended_once(lane, agent))
        assert code == lane.exit_code, f"{lane.signum.name}: exit {code}"
    return ids


def test_a_signal_while_the_create_request_is_in_flight_ends_the_conversation_once_it_exists(
    lanes: list[Lane], start_agents: StartAgents
) -> None:
    for lane in lanes:
        count_calls(lane.admin, create_delay=1.0)
    agents = start_agents()

    def signal_once_the_create_arrives(lane: Lane, agent: AgentProcess) -> None:
        wait_for_hits(lane.admin, "conversations_create")
        agent.process.send_signal(lane.signum)

    in_each_lane(lanes, agents, signal_once_the_create_arrives)
    finish_and_check(lanes, agents)
    for agent in agents:
        assert not any(line.startswith(RUNNING_LINE) for line in agent.stdout)  # the agent never joined


def test_a_signal_right_after_the_conversation_is_created_ends_it_once(
    lanes: list[Lane], start_agents: StartAgents
) -> None:
    for lane in lanes:
        count_calls(lane.admin)
    agents = start_agents()

    def signal_once_created(lane: Lane, agent: AgentProcess) -> None:
        agent.wait_for_line("Created conversation ", STARTUP_TIMEOUT)
        agent.process.send_signal(lane.signum)

    in_each_lane(lanes, agents, signal_once_created)
    finish_and_check(lanes, agents)


def test_a_signal_while_the_agent_joins_the_room_ends_the_conversation_once(
    lanes: list[Lane], start_agents: StartAgents
) -> None:
    for lane in lanes:
        count_calls(lane.admin)
    agents = start_agents(join_delay=1.0)

    def signal_while_joining(lane: Lane, agent: AgentProcess) -> None:
        agent.wait_for_line(JOINING_LINE, STARTUP_TIMEOUT)
        agent.process.send_signal(lane.signum)

    in_each_lane(lanes, agents, signal_while_joining)
    finish_and_check(lanes, agents)


def test_a_signal_to_the_running_agent_and_a_second_one_during_the_end_call_end_it_once(
    lanes: list[Lane], start_agents: StartAgents
) -> None:
    for lane in lanes:
        count_calls(lane.admin, end_delay=1.0)
    agents = start_agents()

    def signal_twice(lane: Lane, agent: AgentProcess) -> None:
        agent.wait_for_line(RUNNING_LINE, STARTUP_TIMEOUT)
        agent.process.send_signal(lane.signum)
        wait_for_hits(lane.admin, "conversations_end")
        agent.process.send_signal(signal.SIGINT)
        agent.wait_for_line("still ending conversation ", EXIT_TIMEOUT)

    in_each_lane(lanes, agents, signal_twice)
    ids = finish_and_check(lanes, agents)
    for agent, conversation_id in zip(agents, ids, strict=True):
        assert f"still ending conversation {conversation_id} ..." in agent.stdout


@pytest.mark.parametrize(
    ("signum", "interrupted"),
    [pytest.param(signal.SIGINT, True, id="SIGINT"), pytest.param(signal.SIGTERM, False, id="SIGTERM")],
)
async def test_only_ctrl_c_reports_the_launch_as_interrupted(signum: signal.Signals, interrupted: bool) -> None:
    """What the command's exit code (130 after Ctrl-C) is decided on."""
    fakes = FakeRoomAndServices()
    launch = launch_in_fake_room(lifecycle.launch, fakes)
    config = AgentConfig(replica_id=REPLICA, flow="tests.agent.flows_for_tests:chat_node")
    async with TavusEmulator().async_client() as tavus:
        task = asyncio.create_task(
            launch(
                config,
                Secrets("emulator-key", "sk-offline"),
                tavus=tavus,
                check_keys=skip_key_check,
                announce=lambda _text: None,
            )
        )
        await wait_until(lambda: bool(fakes.run.spoken))
        os.kill(os.getpid(), signum)
        result = await asyncio.wait_for(task, 5)
    assert result.interrupted is interrupted
    assert result.ended
