"""One request in, one reply out: auth, routing, spec validation, the route handler, the error body.

Every way into the emulator (the in-process httpx transport, the ASGI app, the served process) goes through
``Dispatcher.handle``, so they cannot behave differently.
"""

from __future__ import annotations

import json
import math
import secrets
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from tavus_sdk.testing._context import ApiRequest, Context, Handler, Reply, Ticker
from tavus_sdk.testing._errors import ApiError, unauthorized, unprocessable
from tavus_sdk.testing._spec import Operation, SpecIndex, coerce_query, field_errors

__all__ = ["BASE_PATH", "Dispatcher", "RawReply", "Route"]

BASE_PATH = "/v2"
_MUTATING = frozenset({"POST", "PUT", "PATCH", "DELETE"})


@dataclass(frozen=True)
class Route:
    op: Operation | None
    params: dict[str, str]
    allowed: list[str]


@dataclass
class RawReply:
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""

    def json(self) -> Any:
        return json.loads(self.body) if self.body else None


def error_reply(error: ApiError) -> RawReply:
    return json_reply(error.status, error.body(), error.headers)


def json_reply(status: int, body: Any, headers: Mapping[str, str] | None = None) -> RawReply:
    out = {"content-type": "application/json", **(headers or {})}
    out.setdefault("x-request-id", "req_" + secrets.token_hex(8))
    payload = b"" if body is None else json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode()
    if body is None:
        del out["content-type"]
    return RawReply(status, out, payload)


class Dispatcher:
    def __init__(
        self,
        spec: SpecIndex,
        handlers: Mapping[str, Handler],
        tickers: list[Ticker],
        context: Callable[[str], Context],
        *,
        api_keys: frozenset[str] | None,
        on_change: Callable[[], None],
    ) -> None:
        self.spec = spec
        self.handlers = handlers
        self.tickers = tickers
        self._context = context
        self._api_keys = api_keys
        self._on_change = on_change
        self.lock = threading.RLock()
        # Until this emulator time no lifecycle has anything due, so requests may skip the tickers; any write
        # (or admin change) resets it, since it may have started a timer.
        self._quiet_until = -math.inf

    def route(self, method: str, path: str) -> tuple[Operation | None, dict[str, str], list[str]]:
        """The operation for this method and path (relative to ``/v2``), and the methods the path allows."""
        allowed: list[str] = []
        for op in self.spec.operations:
            params = op.match(path)
            if params is None:
                continue
            if op.method == method:
                return op, params, [op.method]
            allowed.append(op.method)
        return None, {}, allowed

    def resolve(self, method: str, raw_path: str) -> Route:
        """Where a request goes; resolved once per request (faults match on it, then the dispatcher uses it)."""
        path = self.relative(raw_path)
        if path is None:
            return Route(None, {}, [])
        return Route(*self.route(method, path))

    def relative(self, raw_path: str) -> str | None:
        if raw_path == BASE_PATH or raw_path.startswith(BASE_PATH + "/"):
            return raw_path[len(BASE_PATH) :] or "/"
        return None

    def handle(
        self,
        method: str,
        raw_path: str,
        headers: Mapping[str, str],
        query: Mapping[str, str],
        body: bytes,
        route: Route | None = None,
    ) -> RawReply:
        method = method.upper()
        try:
            return self._handle(method, raw_path, headers, query, body, route or self.resolve(method, raw_path))
        except ApiError as error:
            return error_reply(error)

    def _handle(
        self,
        method: str,
        raw_path: str,
        headers: Mapping[str, str],
        query: Mapping[str, str],
        body: bytes,
        route: Route,
    ) -> RawReply:
        api_key = self.authenticate(headers)
        op, params, allowed = route.op, route.params, route.allowed
        if op is None:
            if allowed:
                raise ApiError(
                    405,
                    f"Method {method} is not allowed on {raw_path}; allowed: {', '.join(allowed)}",
                    headers={"Allow": ", ".join(allowed)},
                )
            raise ApiError(404, f"No route for {method} {raw_path} (paths start with {BASE_PATH})")
        request = ApiRequest(op, params, coerce_query(op, query), self._body(op, headers, body), api_key)
        with self.lock:
            ctx = self._context(api_key)
            try:
                self.run_tickers(ctx)
                # Handlers check everything before they change anything, so an error leaves state as it was.
                handler = self.handlers.get(op.operation_id)
                if handler is None:
                    raise ApiError(501, f"{op.operation_id} is not implemented by this emulator")
                result = handler(ctx, request)
                if method in _MUTATING:
                    ctx.changed = True
                if ctx.changed:
                    self.invalidate()
            finally:
                if ctx.changed:
                    self._on_change()
        if isinstance(result, Reply):
            return json_reply(result.status, result.body)
        return json_reply(200, result)

    def run_tickers(self, ctx: Context, *, force: bool = False) -> None:
        """Move every lifecycle up to now; skipped while nothing can be due (``force`` runs them regardless)."""
        if not force and ctx.now() < self._quiet_until:
            return
        due = math.inf
        for tick in self.tickers:
            next_change = tick(ctx)
            if next_change is not None:
                due = min(due, next_change)
        self._quiet_until = due

    def invalidate(self) -> None:
        """State changed outside the tickers: the next request runs them."""
        self._quiet_until = -math.inf

    def authenticate(self, headers: Mapping[str, str]) -> str:
        key = headers.get("x-api-key", "").strip()
        if not key:
            raise unauthorized("Missing API key: send it in the x-api-key header")
        if self._api_keys is not None and key not in self._api_keys:
            raise unauthorized("Invalid access token")
        return key

    def _body(self, op: Operation, headers: Mapping[str, str], raw: bytes) -> Any:
        if not op.body_validators:
            return None  # e.g. POST .../end: clients send a JSON content type with no body at all
        if not raw.strip():
            if op.body_required:
                raise unprocessable([("body", "a JSON body is required")], "Request body is required")
            return None
        try:
            body = json.loads(raw)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise ApiError(400, f"Request body is not valid JSON: {exc}", errors=[("body", str(exc))]) from None
        validator = op.validator_for(headers.get("content-type", "application/json"))
        if validator is not None:
            errors = field_errors(validator, body)
            if errors:
                raise unprocessable(errors)
        return body
