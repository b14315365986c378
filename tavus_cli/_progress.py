"""Progress on stderr: a rich bar at a terminal, a line per change when stderr is a file or a pipe."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from tavus_cli import _output

__all__ = ["Tally", "counting", "waiting"]

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


class Tally:
    """Counts a bulk run's items for the person watching: ``found`` when more turn up, ``advance`` per item."""

    def found(self, count: int) -> None:
        return None

    def advance(self) -> None:
        return None


class _BarTally(Tally):
    def __init__(self, bar: Any, task: Any, total: int) -> None:
        self._bar = bar
        self._task = task
        self._total = total

    def found(self, count: int) -> None:
        self._total += count
        self._bar.update(self._task, total=self._total)

    def advance(self) -> None:
        self._bar.advance(self._task)


@contextmanager
def counting(label: str) -> Iterator[Tally]:
    """A tally that advances a bar at a terminal, else does nothing; the total grows as items are ``found``
    (a listing may still be walked while the first items are done)."""
    if not _output.stderr_is_terminal():
        yield Tally()
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    with Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), console=Console(stderr=True)
    ) as bar:
        yield _BarTally(bar, bar.add_task(label, total=0), 0)
