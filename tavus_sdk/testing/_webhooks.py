"""Webhook delivery: POST each queued callback to its URL, retry failures on the emulator's clock, keep a record."""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx

from tavus_sdk.testing._store import Record

__all__ = [
    "WebhookAttempt",
    "WebhookDelivery",
    "due_deliveries",
    "is_loopback_host",
    "record_attempt",
    "refusal",
]

_TIMEOUT = httpx.Timeout(5.0)
_HEADERS = {"content-type": "application/json", "user-agent": "tavus-kit-emulator"}


@dataclass(frozen=True)
class WebhookAttempt:
    at: float
    status_code: int | None
    error: str | None

    @property
    def ok(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


@dataclass(frozen=True)
class WebhookDelivery:
    """One callback and what happened to it: ``state`` is ``pending``, ``delivered`` or ``failed`` (gave up)."""

    id: str
    url: str
    event: str
    payload: dict[str, Any]
    state: str
    attempts: tuple[WebhookAttempt, ...]

    @classmethod
    def from_record(cls, record: Record) -> WebhookDelivery:
        return cls(
            id=record["id"],
            url=record["url"],
            event=record["event"],
            payload=record["payload"],
            state=record["state"],
            attempts=tuple(WebhookAttempt(a["at"], a.get("status_code"), a.get("error")) for a in record["attempts"]),
        )


def is_loopback_host(host: str) -> bool:
    """``localhost``, ``127.0.0.0/8`` or ``::1``: this machine, whatever DNS says about other names."""
    host = host.strip("[]").lower().rstrip(".")
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def refusal(url: str, allowed_hosts: frozenset[str]) -> str | None:
    """Why the served emulator will not POST to ``url``, or None when it may. Only loopback by default: a
    callback_url is chosen by whoever creates the conversation, and an emulator left running must not become a
    way to reach cloud metadata (169.254.169.254) or the rest of the network."""
    try:
        host = httpx.URL(url).host
    except (httpx.InvalidURL, TypeError, ValueError):
        return f"not sent: {url!r} is not a URL"
    if is_loopback_host(host) or host.lower() in allowed_hosts:
        return None
    return f"not sent: {host} is not a loopback address (allow it with --allow-webhook-host {host})"


def due_deliveries(webhooks: list[Record], now: float) -> list[Record]:
    return [w for w in webhooks if w["state"] == "pending" and w["next_attempt_at"] <= now]


def record_attempt(
    record: Record,
    *,
    now: float,
    status_code: int | None,
    error: str | None,
    retry_delays: tuple[float, ...],
    final: bool = False,
) -> None:
    record["attempts"].append({"at": now, "status_code": status_code, "error": error})
    if status_code is not None and 200 <= status_code < 300:
        record["state"] = "delivered"
        return
    if final:  # refused before sending: trying again cannot help
        record["state"] = "failed"
        return
    failures = len(record["attempts"])
    if failures > len(retry_delays):
        record["state"] = "failed"
        return
    record["next_attempt_at"] = now + retry_delays[failures - 1]


async def post_async(client: httpx.AsyncClient, record: Record) -> tuple[int | None, str | None]:
    try:
        response = await client.post(record["url"], json=record["payload"], headers=_HEADERS, timeout=_TIMEOUT)
    except httpx.HTTPError as exc:
        return None, _describe(exc)
    return response.status_code, None


def post_sync(client: httpx.Client, record: Record) -> tuple[int | None, str | None]:
    try:
        response = client.post(record["url"], json=record["payload"], headers=_HEADERS, timeout=_TIMEOUT)
    except httpx.HTTPError as exc:
        return None, _describe(exc)
    return response.status_code, None


def _describe(exc: httpx.HTTPError) -> str:
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


Poster = Callable[[Record], tuple[int | None, str | None]]
