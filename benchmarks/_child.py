"""A server in a child process for a benchmark: started, waited for, and always stopped."""

from __future__ import annotations

import contextlib
import select
import subprocess
from collections.abc import Callable, Iterator, Sequence
from typing import IO


@contextlib.contextmanager
def child_server(
    argv: Sequence[str],
    what: str,
    ready: Callable[[str], bool],
    *,
    start_timeout: float,
    stop_grace: float = 3.0,
    stderr: int | IO[bytes] | None = None,
) -> Iterator[tuple[subprocess.Popen[bytes], str]]:
    """Start ``argv`` and yield it with the first line it prints, once ``ready`` accepts that line.

    On the way out, whatever happens: its stdin is closed (the benchmark servers exit on that, even if we are
    killed), then it gets ``stop_grace`` seconds, then SIGTERM, then SIGKILL.
    """
    proc = subprocess.Popen(
        list(argv),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=stderr,
        start_new_session=True,  # Ctrl-C reaches only us; we stop the server below
    )
    try:
        assert proc.stdout is not None
        started, _, _ = select.select([proc.stdout], [], [], start_timeout)
        line = proc.stdout.readline().decode(errors="replace").strip() if started else ""
        if not ready(line):
            raise RuntimeError(f"the {what} did not start (exit code {proc.poll()}, said {line!r})")
        yield proc, line
    finally:
        if proc.stdin is not None:
            with contextlib.suppress(OSError):
                proc.stdin.close()
        for stop in (None, proc.terminate, proc.kill):
            if stop is not None:
                stop()
            try:
                proc.wait(timeout=stop_grace if stop is None else 3)
                break
            except subprocess.TimeoutExpired:
                continue
        if proc.stdout is not None:
            proc.stdout.close()
