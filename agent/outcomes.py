"""Where a finished conversation's outcome goes: a JSON lines file, or a POST to a URL."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any, Protocol

import httpx

__all__ = ["HttpOutcomeSink", "JsonlOutcomeSink", "OutcomeSink", "outcome_sink"]


class OutcomeSink(Protocol):
    async def record(self, outcome: dict[str, Any]) -> None: ...

    def describe(self) -> str: ...


class JsonlOutcomeSink:
    """Appends one JSON object per line; the directory is created when needed."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)

    async def record(self, outcome: dict[str, Any]) -> None:
        line = json.dumps(outcome, ensure_ascii=False, sort_keys=True) + "\n"
        await asyncio.to_thread(self._append, line)

    def _append(self, line: str) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.path.open("a", encoding="utf-8") as file:
            file.write(line)

    def describe(self) -> str:
        return f"append to {self.path}"


class HttpOutcomeSink:
    """POSTs the outcome as JSON; a non-2xx answer raises, so the flow can tell the visitor it failed."""

    def __init__(self, url: str, *, timeout: float = 10.0, transport: httpx.AsyncBaseTransport | None = None) -> None:
        self.url = url
        self._timeout = timeout
        self._transport = transport

    async def record(self, outcome: dict[str, Any]) -> None:
        async with httpx.AsyncClient(timeout=self._timeout, transport=self._transport) as client:
            response = await client.post(self.url, json=outcome)
            response.raise_for_status()

    def describe(self) -> str:
        return f"POST to {self.url}"


def outcome_sink(target: str) -> OutcomeSink:
    """``http(s)://...`` posts there; anything else is a JSON lines file path."""
    if target.startswith(("http://", "https://")):
        return HttpOutcomeSink(target)
    return JsonlOutcomeSink(target)
