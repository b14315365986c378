"""Ctrl-C and SIGTERM for the whole life of a conversation: from before it is created until its end call returns.

A signal that arrived while the create request was in flight, or while the agent was still setting up, is kept
and acted on as soon as there is something to stop. A signal never kills the process halfway: the conversation it
created is always ended first (``docker stop``, systemd and Kubernetes send SIGTERM and wait). Later signals only
say that the end is under way.
"""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Callable

__all__ = ["StopSignals"]

_NAMES = {signal.SIGINT: "Ctrl-C", signal.SIGTERM: "SIGTERM"}


class StopSignals:
    """Records the first SIGINT/SIGTERM and passes it to whatever is running (``on_stop``); later ones are told off.

    Without ``install()`` (tests, embedding applications) nothing is intercepted and ``reason`` stays unset.
    """

    def __init__(self, announce: Callable[[str], None]) -> None:
        self._announce = announce
        self.reason: str | None = None
        """``Ctrl-C received`` or ``SIGTERM received``, once one arrived."""
        self.interrupted = False
        """The first signal was Ctrl-C: a command then exits with 130."""
        self.conversation_id: str | None = None
        self._on_stop: Callable[[str], None] | None = None
        self._installed: list[signal.Signals] = []

    def install(self) -> None:
        loop = asyncio.get_running_loop()
        for signum in _NAMES:
            loop.add_signal_handler(signum, self._received, signum)
            self._installed.append(signum)

    def remove(self) -> None:
        loop = asyncio.get_running_loop()
        while self._installed:
            loop.remove_signal_handler(self._installed.pop())

    def on_stop(self, stop: Callable[[str], None] | None) -> None:
        """What a signal stops from now on; one that already arrived is passed at once."""
        self._on_stop = stop
        if stop is not None and self.reason is not None:
            stop(self.reason)

    def _received(self, signum: signal.Signals) -> None:
        if self.reason is not None:
            target = f"conversation {self.conversation_id}" if self.conversation_id else "the conversation"
            self._announce(f"still ending {target} ...")
            return
        self.reason = f"{_NAMES[signum]} received"
        self.interrupted = signum == signal.SIGINT
        if self._on_stop is not None:
            self._on_stop(self.reason)
