"""Progress on stderr: a rich bar at a terminal, a line per change when stderr is a file or a pipe."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from tavus_cli import _output

__all__ = ["counting", "waiting"]

WaitReport = Callable[[Any], None]


@contextmanager
def waiting(label: str) -> Iterator[WaitReport]:
    """A callback for the SDK waiters' ``on_progress``: status and percent, as they change."""
    if not _output.stderr_is_terminal():
        last: list[tuple[str | None, float | None]] = []

        def report_line(progress: Any) -> None:
            now = (progress.status, progress.percent)
            if not last or last[-1] != now:
                last.append(now)
                percent = f" {progress.percent:.0f}%" if progress.percent is not None else ""
                sys.stderr.write(f"{label}: {progress.status}{percent} ({progress.elapsed:.0f}s)\n")

        yield report_line
        return

    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.fields[status]}"),
        TimeElapsedColumn(),
        console=Console(stderr=True),
    ) as bar:
        task = bar.add_task(label, total=100, status="")

        def report_bar(progress: Any) -> None:
            bar.update(task, completed=progress.percent or 0, status=str(progress.status or ""))

        yield report_bar


@contextmanager
def counting(label: str, total: int) -> Iterator[Callable[[], None]]:
    """A function to call once per item of a bulk operation: it advances a bar at a terminal, else does nothing."""
    if not _output.stderr_is_terminal() or total == 0:
        yield lambda: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    with Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), console=Console(stderr=True)
    ) as bar:
        task = bar.add_task(label, total=total)
        yield lambda: bar.advance(task)
