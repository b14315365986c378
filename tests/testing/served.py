"""Run ``python -m tavus_sdk.testing`` as a real process on a free loopback port."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

READY_TIMEOUT = 30.0


@dataclass
class Served:
    process: subprocess.Popen[str]
    base_url: str
    lines: list[str]

    @property
    def root(self) -> str:
        return self.base_url.removesuffix("/v2")

    def stop(self, sig: int = signal.SIGINT, timeout: float = 15.0) -> tuple[int, str]:
        """Signal the server and return its exit code and everything it wrote to stderr."""
        if self.process.poll() is None:
            self.process.send_signal(sig)
        try:
            _, err = self.process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            _, err = self.process.communicate()
            raise AssertionError(f"the emulator did not stop within {timeout}s of signal {sig}") from None
        return self.process.returncode, err


@contextmanager
def serve(*args: str, state: Path | None = None, extra_env: dict[str, str] | None = None) -> Iterator[Served]:
    served = start(*args, state=state, extra_env=extra_env)
    try:
        yield served
    finally:
        if served.process.poll() is None:
            served.stop()


def start(*args: str, state: Path | None = None, extra_env: dict[str, str] | None = None) -> Served:
    argv: Sequence[str] = [sys.executable, "-m", "tavus_sdk.testing", "--port", "0", *args]
    if state is not None:
        argv = [*argv, "--state", str(state)]
    env = {**os.environ, "PYTHONUNBUFFERED": "1", **(extra_env or {})}
    process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    assert process.stdout is not None
    lines: list[str] = []
    deadline = time.monotonic() + READY_TIMEOUT
    base_url = ""
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            _, err = process.communicate(timeout=5)
            raise AssertionError(f"the emulator exited with {process.returncode} before it was ready: {err}")
        lines.append(line.rstrip("\n"))
        if line.startswith("Tavus emulator base URL: "):
            base_url = line.split(": ", 1)[1].strip()
        if line.startswith("ready:"):
            return Served(process, base_url, lines)
    process.kill()
    raise AssertionError(f"the emulator printed no ready line within {READY_TIMEOUT}s: {lines}")
