"""Ctrl-C and SIGTERM sent to a running agent process: the conversation it created is ended exactly once.

The agent runs as ``python -m tests.agent.run_agent`` (the real command with a fake room and fake services) against
the emulator served as a process of its own, so the counts below are the emulator's: what reached the API.
"""

from __future__ import annotations

import asyncio
import os
import queue
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import httpx
import pytest

from agent import lifecycle
from agent.config import AgentConfig, Secrets
from tavus_sdk import Tavus
from tavus_sdk.testing import TavusEmulator
from tests.agent.run_agent import RUNNING_LINE, FakeRoomAndServices, launch_in_fake_room
from tests.testing.served import Served, serve

ROOT = Path(__file__).resolve().parents[2]
REPLICA = "rfe12d8b9597"  # a stock replica of the emulator
STARTUP_TIMEOUT = 30.0
EXIT_TIMEOUT = 15.0
COUNTED = ("conversations_create", "conversations_end")


@pytest.fixture(scope="module")
def server() -> Iterator[Served]:
    with serve() as served:
        yield served


@pytest.fixture
def admin(server: Served) -> Iterator[httpx.Client]:
    """The emulator's admin API, reset to the stock data, with a rule counting every create and end call."""
    with httpx.Client(base_url=f"{server.root}/_emulator", timeout=10) as client:
        client.post("/reset").raise_for_status()
        for operation in COUNTED:
            # A 1 ms delay changes nothing for the agent; the rule's hit count is the emulator's own tally.
            client.post("/faults", json={"match": operation, "delay": 0.001, "times": None}).raise_for_status()
        yield client


def calls(admin: httpx.Client) -> dict[str, int]:
    faults = admin.get("/faults").json()["data"]
    return {fault["match"]: fault["hits"] for fault in faults if fault["match"] in COUNTED}


@dataclass
class AgentProcess:
    process: subprocess.Popen[str]
    lines: queue.Queue[str | None]
    stdout: list[str]

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


@pytest.fixture
def start_agent(server: Served, tmp_path: Path) -> Iterator[tuple[AgentProcess, Path]]:
    env = {
        **os.environ,
        "TAVUS_BASE_URL": server.base_url,
        "TAVUS_API_KEY": "emulator-key",
        "OPENAI_API_KEY": "sk-offline",  # checked for presence only: the services are fakes
        "PYTHONUNBUFFERED": "1",
    }
    argv = [sys.executable, "-m", "tests.agent.run_agent", "--replica", REPLICA]
    argv += ["--flow", "tests.agent.flows_for_tests:chat_node", "--outcomes", str(tmp_path / "outcomes.jsonl")]
    stderr_path = tmp_path / "stderr.txt"
    with stderr_path.open("w") as stderr:
        process = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=stderr, text=True)
    assert process.stdout is not None
    agent = AgentProcess(process, queue.Queue(), [])
    reader = threading.Thread(target=_read_lines, args=(process.stdout, agent.lines, agent.stdout), daemon=True)
    reader.start()
    try:
        yield agent, stderr_path
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        reader.join(timeout=5)


@pytest.mark.parametrize(
    ("signum", "reason", "exit_code"),
    [
        pytest.param(signal.SIGINT, "Ctrl-C received", 130, id="SIGINT"),
        # The command documents 0 for a conversation that ran and was ended; SIGTERM is a normal stop.
        pytest.param(signal.SIGTERM, "SIGTERM received", 0, id="SIGTERM"),
    ],
)
def test_a_signal_to_the_agent_process_ends_its_conversation_exactly_once(
    server: Served,
    admin: httpx.Client,
    start_agent: tuple[AgentProcess, Path],
    signum: signal.Signals,
    reason: str,
    exit_code: int,
) -> None:
    agent, stderr_path = start_agent
    running = agent.wait_for_line(RUNNING_LINE, STARTUP_TIMEOUT)
    conversation_id = running.removeprefix(RUNNING_LINE)
    assert calls(admin) == {"conversations_create": 1, "conversations_end": 0}

    agent.process.send_signal(signum)
    code = agent.finish(EXIT_TIMEOUT)

    stderr = stderr_path.read_text()
    assert "Traceback" not in stderr
    assert f"Conversation {conversation_id} ended: {reason}" in agent.stdout
    assert calls(admin) == {"conversations_create": 1, "conversations_end": 1}
    with Tavus(api_key="emulator-key", base_url=server.base_url) as tavus:
        assert [c.conversation_id for c in tavus.conversations.list().data] == [conversation_id]
        conversation = tavus.conversations.get(conversation_id, verbose=True)
    assert conversation.status == "ended"
    assert conversation.shutdown_reason == "end_conversation_endpoint_hit"
    shutdowns = [e for e in conversation.events or [] if e.event_type == "system.shutdown"]
    assert [e.properties for e in shutdowns] == [
        {"replica_id": REPLICA, "shutdown_reason": "end_conversation_endpoint_hit"}
    ]
    assert code == exit_code


async def wait_until(condition: Callable[[], bool], timeout: float = 5.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():
        assert asyncio.get_running_loop().time() < deadline, "timed out waiting"
        await asyncio.sleep(0.01)


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
            launch(config, Secrets("emulator-key", "sk-offline"), tavus=tavus, announce=lambda _text: None)
        )
        await wait_until(lambda: bool(fakes.run.spoken))
        os.kill(os.getpid(), signum)
        result = await asyncio.wait_for(task, 5)
    assert result.interrupted is interrupted
    assert result.ended
