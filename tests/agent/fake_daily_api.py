"""Daily's REST API for rooms, served on 127.0.0.1: ``POST /v1/rooms`` and ``DELETE /v1/rooms/{name}``, with Bearer
auth and Daily's error shape (docs.daily.co/reference/rest-api/rooms)."""

from __future__ import annotations

import json
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

__all__ = ["FakeDailyApi"]


@dataclass
class FakeDailyApi:
    api_key: str = "daily-test-key"
    domain: str = "https://agent-test.daily.co"
    rooms: dict[str, dict[str, Any]] = field(default_factory=dict)
    requests: list[tuple[str, str, Any]] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    deleted_at: list[float] = field(default_factory=list)
    """``time.monotonic()`` of each deletion."""

    def __post_init__(self) -> None:
        api = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_args: Any) -> None:
                return None

            def do_POST(self) -> None:
                api._handle(self, "POST")

            def do_DELETE(self) -> None:
                api._handle(self, "DELETE")

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def __enter__(self) -> FakeDailyApi:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def count(self, method: str, path_prefix: str) -> int:
        return sum(1 for m, p, _ in self.requests if m == method and p.startswith(path_prefix))

    def _handle(self, request: BaseHTTPRequestHandler, method: str) -> None:
        length = int(request.headers.get("Content-Length") or 0)
        raw = request.rfile.read(length) if length else b""
        body = json.loads(raw) if raw else None
        self.requests.append((method, request.path, body))
        if request.headers.get("Authorization") != f"Bearer {self.api_key}":
            self._reply(request, 401, {"error": "authentication-error", "info": "authorization header missing"})
        elif method == "POST" and request.path == "/v1/rooms":
            name = uuid.uuid4().hex[:12]
            room = {"id": str(uuid.uuid4()), "name": name, "url": f"{self.domain}/{name}", "privacy": "public"}
            room["config"] = (body or {}).get("properties", {})
            self.rooms[name] = room
            self._reply(request, 200, room)
        elif method == "DELETE" and request.path.startswith("/v1/rooms/"):
            name = request.path.removeprefix("/v1/rooms/")
            if self.rooms.pop(name, None) is None:
                self._reply(request, 404, {"error": "not-found", "info": f"room {name} was not found"})
                return
            self.deleted.append(name)
            self.deleted_at.append(time.monotonic())
            self._reply(request, 200, {"deleted": True, "name": name})
        else:
            self._reply(request, 404, {"error": "not-found", "info": f"{method} {request.path}"})

    @staticmethod
    def _reply(request: BaseHTTPRequestHandler, status: int, body: dict[str, Any]) -> None:
        data = json.dumps(body).encode()
        request.send_response(status)
        request.send_header("Content-Type", "application/json")
        request.send_header("Content-Length", str(len(data)))
        request.end_headers()
        request.wfile.write(data)
