"""Run ``tavus`` as real processes: one-shot commands, and servers whose output is read line by line as it comes."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import IO

READY_TIMEOUT = 30.0
TAVUS = (sys.executable, "-m", "tavus_cli.main")


def environment(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The test's environment without any Tavus settings of the machine running it, plus ``extra``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TAVUS_", "OPENAI_"))}
    return {**env, "PYTHONUNBUFFERED": "1", **(extra or {})}


def run(*args: str, env: Mapping[str, str] | None = None, timeout: float = 30.0) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*TAVUS, *args], capture_output=True, text=True, env=environment(env), timeout=timeout)


class Stream:
    """A pipe read on a thread, so a test can wait for a line without blocking forever or sleeping."""

    def __init__(self, pipe: IO[str]) -> None:
        self.lines: list[str] = []
        self._queue: queue.Queue[str | None] = queue.Queue()
        self._thread = threading.Thread(target=self._read, args=(pipe,), daemon=True)
        self._thread.start()

    def _read(self, pipe: IO[str]) -> None:
        for line in pipe:
            self._queue.put(line.rstrip("\n"))
        self._queue.put(None)

    def expect(self, wanted: Callable[[str], bool], timeout: float = READY_TIMEOUT) -> str:
        """The next line for which ``wanted`` is true; every line read on the way is kept in ``lines``."""
        while True:
            try:
                line = self._queue.get(timeout=timeout)
            except queue.Empty:
                raise AssertionError(f"no expected line within {timeout}s; got {self.lines}") from None
            if line is None:
                self._queue.put(None)  # stay at the end for later callers
                raise AssertionError(f"the stream ended before the expected line; got {self.lines}")
            self.lines.append(line)
            if wanted(line):
                return line

    def rest(self) -> str:
        """Everything left once the process has exited."""
        self._thread.join(timeout=10)
        while (line := self._queue.get_nowait()) is not None:
            self.lines.append(line)
        self._queue.put(None)
        return "\n".join(self.lines)


@dataclass
class Server:
    process: subprocess.Popen[str]
    stdout: Stream = field(init=False)
    stderr: Stream = field(init=False)

    def __post_init__(self) -> None:
        assert self.process.stdout is not None
        assert self.process.stderr is not None
        self.stdout = Stream(self.process.stdout)
        self.stderr = Stream(self.process.stderr)

    def stop(self, sig: int = signal.SIGINT, timeout: float = 15.0) -> tuple[int, str]:
        """Signal the server; return its exit code and all it wrote to stderr."""
        if self.process.poll() is None:
            self.process.send_signal(sig)
        try:
            code = self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            raise AssertionError(f"tavus did not stop within {timeout}s of signal {sig}") from None
        self.stdout.rest()
        return code, self.stderr.rest()


def base_url_of(served: Server) -> str:
    """Wait for ``tavus emulator`` to be ready; its base URL."""
    line = served.stdout.expect(lambda line: line.startswith("Tavus emulator base URL: "))
    served.stdout.expect(lambda line: line.startswith("ready:"))
    return line.split(": ", 1)[1]


def callback_url_of(listener: Server) -> str:
    """Wait for ``tavus webhooks listen`` to be ready; its callback URL."""
    line = listener.stderr.expect(lambda line: line.startswith("callback URL: "))
    listener.stderr.expect(lambda line: line.startswith("ready:"))
    return line.split(": ", 1)[1]


@contextmanager
def server(*args: str, env: Mapping[str, str] | None = None) -> Iterator[Server]:
    """``tavus ARGS`` running in the background; killed at the end if the test did not stop it."""
    process = subprocess.Popen(
        [*TAVUS, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=environment(env)
    )
    running = Server(process)
    try:
        yield running
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
