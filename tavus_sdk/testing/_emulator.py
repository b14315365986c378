"""``TavusEmulator``: a stateful local Tavus v2 API for tests, demos and development without a Tavus account."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx

from tavus_sdk.testing import handlers
from tavus_sdk.testing._clock import Clock
from tavus_sdk.testing._config import Limits, Timings
from tavus_sdk.testing._context import Context, public
from tavus_sdk.testing._dispatch import BASE_PATH, Dispatcher, RawReply, Route, error_reply
from tavus_sdk.testing._errors import ApiError
from tavus_sdk.testing._faults import Fault, FaultSet
from tavus_sdk.testing._spec import spec_index
from tavus_sdk.testing._store import TABLES, Store, lock_state
from tavus_sdk.testing._transport import EmulatorTransport
from tavus_sdk.testing._webhooks import (
    WebhookDelivery,
    due_deliveries,
    post_async,
    post_sync,
    record_attempt,
    refusal,
)

if TYPE_CHECKING:
    from tavus_sdk import AsyncTavus, Tavus

__all__ = ["IN_PROCESS_BASE_URL", "TavusEmulator"]

IN_PROCESS_BASE_URL = "http://tavus.emulator" + BASE_PATH


@dataclass
class Plan:
    """How one request will be answered once faults are taken into account."""

    emulator: TavusEmulator
    method: str
    path: str
    route: Route
    fault: Fault | None

    @property
    def delay(self) -> float:
        return self.fault.delay if self.fault else 0.0

    def run(self, headers: Mapping[str, str], query: Mapping[str, str], body: bytes) -> RawReply | None:
        """The reply, or ``None`` when the connection is to be dropped."""
        fault = self.fault
        if fault is not None and fault.drop == "before":
            return None
        if fault is not None and fault.status is not None:
            headers_out = {"Retry-After": f"{fault.retry_after:g}"} if fault.retry_after is not None else {}
            message = fault.message or f"Injected fault: {fault.status} for {self.method} {self.path}"
            return error_reply(ApiError(fault.status, message, headers=headers_out))
        reply = self.emulator.dispatcher.handle(self.method, self.path, headers, query, body, self.route)
        if fault is not None and fault.drop == "after":
            return None
        return reply


class TavusEmulator:
    """A Tavus v2 API in memory: every route of ``openapi/tavus-v2.yaml``, validated, with documented behaviour.

    In-process::

        emulator = TavusEmulator()
        async with AsyncTavus(api_key="k", base_url=emulator.base_url, transport=emulator.transport()) as tavus:
            ...
        emulator.advance(30)  # replica training, video generation, crawls and call timeouts move on

    Served: ``python -m tavus_sdk.testing --port 8787`` (or ``tavus emulator``), then point any client at
    ``http://127.0.0.1:8787/v2``.

    The clock is frozen unless ``clock=Clock(frozen=False)``: lifecycles move only when ``advance`` is called.
    Webhooks are queued as they happen and POSTed by ``deliver_webhooks()`` (the served emulator does this in the
    background), with retries on the emulator's clock.
    """

    def __init__(
        self,
        *,
        api_keys: Iterable[str] | None = None,
        clock: Clock | None = None,
        timings: Timings | None = None,
        limits: Limits | None = None,
        stock: bool = True,
        state_file: str | Path | None = None,
        webhook_transport: httpx.BaseTransport | httpx.AsyncBaseTransport | None = None,
        allow_webhook_hosts: Iterable[str] = (),
    ) -> None:
        """``allow_webhook_hosts``: hosts besides loopback that webhooks may be POSTed to. Without a
        ``webhook_transport`` the emulator sends over the network, and then only to loopback and these hosts; a
        transport of your own (e.g. ``httpx.MockTransport``) is the network edge and receives every callback."""
        self.clock = clock or Clock()
        self.timings = timings or Timings()
        self.limits = limits or Limits()
        self.faults = FaultSet()
        self.base_url = IN_PROCESS_BASE_URL
        self.state_file = Path(state_file) if state_file is not None else None
        self._stock = stock
        self._webhook_transport = webhook_transport
        self.allow_webhook_hosts = frozenset(h.strip().lower() for h in allow_webhook_hosts if h.strip())
        self._api_keys = frozenset(api_keys) if api_keys is not None else None
        if self._api_keys is not None and (not self._api_keys or "" in self._api_keys):
            raise ValueError("api_keys must be non-empty strings")
        self._save_lock = threading.Lock()
        self._state_lock = lock_state(self.state_file) if self.state_file is not None else None
        if self.state_file is not None and self.state_file.exists():
            self.store = Store.load(self.state_file)
        else:
            self.store = self._fresh_store()
        self.dispatcher = Dispatcher(
            spec_index(),
            handlers.routes(),
            handlers.tickers(),
            self._context,
            api_keys=self._api_keys,
            on_change=self._persist,
        )
        if self.state_file is not None and self.state_file.exists():
            self._check_loaded_state()

    def _check_loaded_state(self) -> None:
        """A file that parses but makes no sense (a record missing its status, a number where an object goes) is
        refused now, with its name, rather than failing every request from here on."""
        try:
            self.tick(force=True)
            for table in TABLES:
                self.records(table)
        except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
            detail = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
            raise ValueError(f"{self.state_file} holds emulator state that makes no sense ({detail})") from None

    # -- ways in ---------------------------------------------------------------------------------------------

    @property
    def requires_key(self) -> bool:
        """True when only the configured ``api_keys`` are accepted (else any non-empty key is)."""
        return self._api_keys is not None

    def transport(self) -> EmulatorTransport:
        """An httpx transport (sync and async) that serves requests from this emulator in-process."""
        return EmulatorTransport(self)

    def async_client(self, api_key: str = "emulator-key", **options: Any) -> AsyncTavus:
        from tavus_sdk import AsyncTavus

        return AsyncTavus(api_key=api_key, base_url=self.base_url, transport=self.transport(), **options)

    def client(self, api_key: str = "emulator-key", **options: Any) -> Tavus:
        from tavus_sdk import Tavus

        return Tavus(api_key=api_key, base_url=self.base_url, transport=self.transport(), **options)

    @cached_property
    def app(self) -> Any:
        """The ASGI app (starlette): the API under ``/v2`` and the admin routes under ``/_emulator``."""
        from tavus_sdk.testing._app import build_app

        return build_app(self)

    def plan(self, method: str, raw_path: str) -> Plan:
        method = method.upper()
        route = self.dispatcher.resolve(method, raw_path)
        relative = self.dispatcher.relative(raw_path)
        fault = self.faults.take(route.op.operation_id if route.op else None, method, relative or raw_path)
        return Plan(self, method, raw_path, route, fault)

    # -- time, participants and webhooks ---------------------------------------------------------------------

    def advance(self, seconds: float) -> None:
        """Move the clock on and let every lifecycle catch up (in order, at the times they were due)."""
        self.clock.advance(seconds)
        self.tick()

    def tick(self, *, force: bool = False) -> None:
        """Move every lifecycle up to the clock's now. Cheap while nothing is due; pass ``force=True`` after
        editing ``store`` records by hand, which the emulator cannot notice."""
        with self.dispatcher.lock:
            ctx = self._context("")
            self.dispatcher.run_tickers(ctx, force=force)
            if ctx.changed:
                self._persist()

    def join(self, conversation_id: str, participant: str = "user") -> None:
        """Simulate a human joining the conversation's room (stops ``participant_absent_timeout``)."""
        self._participant(conversation_id, participant, joined=True)

    def leave(self, conversation_id: str, participant: str = "user") -> None:
        """Simulate that participant leaving; when the room is empty, ``participant_left_timeout`` starts."""
        self._participant(conversation_id, participant, joined=False)

    def _participant(self, conversation_id: str, participant: str, *, joined: bool) -> None:
        with self.dispatcher.lock:
            ctx = self._context("")
            self.dispatcher.run_tickers(ctx)
            handlers.conversations.set_participant(ctx, conversation_id, participant, joined=joined)
            self.dispatcher.invalidate()
            self._persist()

    @property
    def deliveries(self) -> list[WebhookDelivery]:
        """Every webhook queued so far, oldest first, with its attempts."""
        with self.dispatcher.lock:
            return [WebhookDelivery.from_record(record) for record in self.store.webhooks]

    async def deliver_webhooks(self) -> int:
        """POST every webhook that is due; returns how many were attempted. Failures are retried later."""
        transport = self._webhook_transport
        if transport is not None and not isinstance(transport, httpx.AsyncBaseTransport):
            raise TypeError("webhook_transport is synchronous; use deliver_webhooks_sync()")
        self.tick()
        due = self._due()
        if not due:
            return 0
        async with httpx.AsyncClient(transport=transport) as client:
            for record in due:
                refused = self._refusal(record)
                if refused is not None:
                    self._record(record, None, refused, final=True)
                    continue
                status, error = await post_async(client, record)
                self._record(record, status, error)
        return len(due)

    def deliver_webhooks_sync(self) -> int:
        transport = self._webhook_transport
        if transport is not None and not isinstance(transport, httpx.BaseTransport):
            raise TypeError("webhook_transport is asynchronous; use await deliver_webhooks()")
        self.tick()
        due = self._due()
        if not due:
            return 0
        with httpx.Client(transport=transport) as client:
            for record in due:
                refused = self._refusal(record)
                if refused is not None:
                    self._record(record, None, refused, final=True)
                    continue
                status, error = post_sync(client, record)
                self._record(record, status, error)
        return len(due)

    def _refusal(self, record: dict[str, Any]) -> str | None:
        if self._webhook_transport is not None:
            return None
        return refusal(str(record.get("url", "")), self.allow_webhook_hosts)

    def _due(self) -> list[dict[str, Any]]:
        with self.dispatcher.lock:
            return due_deliveries(self.store.webhooks, self.clock.now())

    def _record(self, record: dict[str, Any], status: int | None, error: str | None, *, final: bool = False) -> None:
        with self.dispatcher.lock:
            now = self.clock.now()
            record_attempt(
                record,
                now=now,
                status_code=status,
                error=error,
                retry_delays=self.timings.webhook_retry_delays,
                final=final,
            )
            self._persist()

    # -- state -------------------------------------------------------------------------------------------------

    def records(self, table: str) -> list[dict[str, Any]]:
        """The API view of every stored record of one resource (``"personas"``, ``"conversations"``, ...)."""
        with self.dispatcher.lock:
            return [public(record) for record in self.store.table(table).values()]

    def record(self, table: str, resource_id: str) -> dict[str, Any] | None:
        with self.dispatcher.lock:
            found = self.store.table(table).get(resource_id)
            return public(found) if found is not None else None

    def reset(self) -> None:
        """Forget everything except the stock data; faults are cleared too."""
        with self.dispatcher.lock:
            self.store = self._fresh_store()
            self.dispatcher.invalidate()
            self.faults.clear()
            self._persist()

    def _fresh_store(self) -> Store:
        store = Store()
        if self._stock:
            handlers.seed(store, self.clock.now())
        return store

    def _context(self, api_key: str) -> Context:
        return Context(self.store, self.clock, self.timings, self.limits, api_key)

    def _persist(self) -> None:
        if self.state_file is None:
            return
        with self._save_lock:
            self.store.save(self.state_file)
