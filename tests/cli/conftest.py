"""Drive ``tavus`` in-process with CliRunner against an in-process emulator, and see what reached it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from typer.testing import CliRunner, Result

from tavus_cli import _confirm, _output
from tavus_cli._app import app
from tavus_cli._extras import missing_modules
from tavus_cli._session import Session
from tavus_sdk import _waiting
from tavus_sdk.testing import TavusEmulator
from tavus_sdk.testing._transport import EmulatorTransport

needs_agent_extra = pytest.mark.skipif(
    bool(missing_modules("agent")),
    reason="the agent extra is not installed (tests/lowest.sh installs the core, aiohttp and emulator only)",
)
"""For tests of what the CLI says with the agent extra present; the main run has every extra, so none skips."""


@dataclass
class Sent:
    """Every API request that reached the emulator, as ``"METHOD /path"``."""

    requests: list[str] = field(default_factory=list)
    bodies: list[Any] = field(default_factory=list)
    """The JSON body of each request (None when it had none)."""

    def writes(self) -> list[str]:
        return [r for r in self.requests if not r.startswith("GET ")]


@pytest.fixture
def emulator() -> TavusEmulator:
    return TavusEmulator()


@pytest.fixture
def sent(monkeypatch: pytest.MonkeyPatch) -> Sent:
    record = Sent()
    original_sync = EmulatorTransport.handle_request
    original_async = EmulatorTransport.handle_async_request

    def note(request: httpx.Request) -> None:
        record.requests.append(f"{request.method} {request.url.path.removeprefix('/v2')}")
        record.bodies.append(json.loads(request.content) if request.content else None)

    def handle(self: EmulatorTransport, request: httpx.Request) -> httpx.Response:
        note(request)
        return original_sync(self, request)

    async def handle_async(self: EmulatorTransport, request: httpx.Request) -> httpx.Response:
        note(request)
        return await original_async(self, request)

    monkeypatch.setattr(EmulatorTransport, "handle_request", handle)
    monkeypatch.setattr(EmulatorTransport, "handle_async_request", handle_async)
    return record


class Cli:
    """``cli("personas", "list", "--json")``: runs tavus against the test's emulator; returns the result."""

    def __init__(self, emulator: TavusEmulator, monkeypatch: pytest.MonkeyPatch) -> None:
        self.emulator = emulator
        self.monkeypatch = monkeypatch
        monkeypatch.delenv("TAVUS_API_KEY", raising=False)
        monkeypatch.delenv("TAVUS_BASE_URL", raising=False)
        self.terminal(False)

    def __call__(self, *args: str, input: str | None = None, env: dict[str, str] | None = None) -> Result:
        session = Session(emulator=self.emulator)
        return CliRunner().invoke(app, list(args), input=input, env=env, obj=session, catch_exceptions=False)

    def terminal(self, stdout: bool = True, *, stderr: bool | None = None, stdin: bool | None = None) -> None:
        """Pretend stdout (and stderr / stdin) are terminals, as at an operator's prompt."""
        stderr = stdout if stderr is None else stderr
        stdin = stdout if stdin is None else stdin
        self.monkeypatch.setattr(_output, "stdout_is_terminal", lambda: stdout)
        self.monkeypatch.setattr(_output, "stderr_is_terminal", lambda: stderr)
        self.monkeypatch.setattr(_confirm, "interactive", lambda: stdin and stderr)

    def json(self, *args: str) -> Any:
        result = self(*args, "--json")
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)


@pytest.fixture
def cli(emulator: TavusEmulator, sent: Sent, monkeypatch: pytest.MonkeyPatch) -> Cli:
    return Cli(emulator, monkeypatch)


@pytest.fixture
def clock_follows_polls(monkeypatch: pytest.MonkeyPatch, emulator: TavusEmulator) -> Iterator[list[float]]:
    """`wait` verbs sleep between polls; here each sleep moves the emulator's clock instead."""
    sleeps: list[float] = []

    def sleep_sync(seconds: float) -> None:
        sleeps.append(seconds)
        emulator.advance(seconds)

    async def sleep_async(seconds: float) -> None:
        sleep_sync(seconds)

    monkeypatch.setattr(_waiting, "_sleep_sync", sleep_sync)
    monkeypatch.setattr(_waiting, "_sleep_async", sleep_async)
    return sleeps
