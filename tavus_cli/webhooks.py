"""``tavus webhooks``: receive Tavus callbacks on this machine and see each one as it arrives."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any, TextIO

import typer

from tavus_cli._errors import API_ERROR, INTERRUPTED, USAGE, CliError
from tavus_cli._extras import require
from tavus_cli._group import new_group
from tavus_cli._output import printable

if TYPE_CHECKING:
    import httpx
    from starlette.applications import Starlette

    from tavus_sdk.webhooks import WebhookEvent

__all__ = ["Forwarder", "Printer", "app", "build_app", "summarize"]

app = new_group("Receive Tavus webhooks locally: print each callback as it arrives, optionally forward it.")

CALLBACK_PATH = "/webhooks"
_FORWARD_TIMEOUT = 10.0
_ANALYSIS_CHARS = 60


def _local_now() -> datetime:
    return datetime.now().astimezone()


@dataclass
class Printer:
    """Where arrivals are reported: one line per callback (or its JSON) on stdout, everything else on stderr."""

    json_output: bool = False
    now: Callable[[], datetime] = _local_now
    out: TextIO | None = None
    err: TextIO | None = None

    def received(self, data: dict[str, Any], event: WebhookEvent | None, problem: str | None) -> None:
        if self.json_output:
            self._write(self.out or sys.stdout, json.dumps(data, ensure_ascii=False, separators=(",", ":")))
            return
        if event is None:
            line = f"{'unrecognised':<32}  {problem}"
        else:
            label, facts = summarize(event)
            line = f"{label:<32}  " + "  ".join(f"{key}={_value(value)}" for key, value in facts)
        self._write(self.out or sys.stdout, printable(f"{self._time()}  {line.rstrip()}"))

    def rejected(self, path: str, message: str, status: int = 400) -> None:
        line = f"{self._time()}  rejected a POST to {path} ({status}): {message}"
        self._write(self.err or sys.stderr, printable(line))

    def forwarded(self, label: str, url: str, status: int | None, error: str | None) -> None:
        result = f"failed: {error}" if error is not None else str(status)
        self._write(self.err or sys.stderr, printable(f"{self._time()}  forwarded {label} to {url}: {result}"))

    def _time(self) -> str:
        return self.now().strftime("%H:%M:%S")

    @staticmethod
    def _write(stream: TextIO, line: str) -> None:
        stream.write(line + "\n")
        stream.flush()  # a pipe is block-buffered: `tavus webhooks listen | grep ...` must see each line at once


@dataclass
class Forwarder:
    """Re-POSTs each accepted body, byte for byte, to ``url``; a failure is reported, never raised."""

    url: str
    transport: httpx.AsyncBaseTransport | None = field(default=None, repr=False)
    timeout: float = _FORWARD_TIMEOUT

    async def send(self, body: bytes, content_type: str | None) -> tuple[int | None, str | None]:
        import httpx

        headers = {"content-type": content_type or "application/json"}
        try:
            async with httpx.AsyncClient(transport=self.transport, timeout=self.timeout) as client:
                response = await client.post(self.url, content=body, headers=headers)
        except Exception as exc:  # whatever goes wrong out there, the listener keeps listening
            return None, f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        return response.status_code, None


def build_app(printer: Printer, forward: Forwarder | None = None) -> Starlette:
    """The receiver: POST a callback to any path; 200 once it is read, 400 when the body is not a JSON object."""
    from starlette.applications import Starlette
    from starlette.background import BackgroundTask
    from starlette.requests import Request
    from starlette.responses import JSONResponse, PlainTextResponse, Response
    from starlette.routing import Route

    from tavus_sdk.testing.serving import TooLarge, read_capped
    from tavus_sdk.webhooks import WebhookParseError, parse_webhook

    async def receive(request: Request) -> Response:
        if request.method == "GET":
            return PlainTextResponse("tavus webhooks listen: POST Tavus callbacks here\n")
        try:
            body = await read_capped(request)
        except TooLarge:
            printer.rejected(request.url.path, "body larger than 1024 KiB", 413)
            return JSONResponse({"error": "too_large", "message": "body larger than 1024 KiB"}, status_code=413)
        event: WebhookEvent | None = None
        problem: str | None = None
        try:
            event = parse_webhook(body)
        except WebhookParseError as exc:
            problem = str(exc)
        data = _json_object(body)
        if data is None:
            message = problem or "webhook body must be a JSON object"
            printer.rejected(request.url.path, message)
            return JSONResponse({"error": "bad_request", "message": message}, status_code=400)
        printer.received(data, event, problem)
        task = None
        if forward is not None:
            label = summarize(event)[0] if event is not None else "unrecognised"
            task = BackgroundTask(_forward, printer, forward, label, body, request.headers.get("content-type"))
        return JSONResponse({"received": True}, background=task)

    return Starlette(routes=[Route("/{path:path}", receive, methods=["GET", "POST"])])


async def _forward(printer: Printer, forward: Forwarder, label: str, body: bytes, content_type: str | None) -> None:
    status, error = await forward.send(body, content_type)
    printer.forwarded(label, forward.url, status, error)


def _json_object(body: bytes) -> dict[str, Any] | None:
    try:
        data = json.loads(body.decode("utf-8-sig"))
    except ValueError:  # not UTF-8, or not JSON
        return None
    return data if isinstance(data, dict) else None


def summarize(event: WebhookEvent) -> tuple[str, list[tuple[str, object]]]:
    """An event's type and the facts worth a glance: which resource, and what happened to it."""
    from tavus_sdk import webhooks as w

    match event:
        case w.ShutdownEvent():
            facts: list[tuple[str, object]] = [
                ("replica", event.properties.replica_id),
                ("shutdown_reason", event.properties.shutdown_reason),
            ]
        case w.ReplicaJoinedEvent():
            facts = [("replica", event.properties.replica_id)]
        case w.TranscriptionReadyEvent():
            facts = [("messages", len(event.properties.transcript))]
        case w.RecordingReadyEvent():
            recording = f"s3://{event.properties.bucket_name}/{event.properties.s3_key}"
            facts = [("recording", recording), ("duration", f"{event.properties.duration:g}s")]
        case w.PerceptionAnalysisEvent():
            facts = [("analysis", _clip(event.properties.analysis))]
        case w.UnknownConversationEvent():
            facts = [("properties", ",".join(sorted(event.properties)) or "none")]
        case w.VideoGenerationEvent():
            return "video.generation", [
                ("video", event.video_id),
                ("status", event.status),
                *_given(("details", event.status_details or event.error_message)),
            ]
        case w.DocumentStatusEvent():
            return "document.status", [
                ("document", event.document_id),
                ("status", event.status),
                *_given(("error", event.error_message)),
            ]
        case w.ReplicaTrainingEvent():
            return "replica.training", [
                ("replica", event.replica_id),
                ("status", event.status),
                *_given(("error", event.error_message)),
            ]
    return event.event_type, [("conversation", event.conversation_id), *facts]


def _given(*facts: tuple[str, object]) -> list[tuple[str, object]]:
    return [(key, value) for key, value in facts if value]


def _clip(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= _ANALYSIS_CHARS else flat[: _ANALYSIS_CHARS - 1] + "…"


def _value(value: object) -> str:
    text = str(value)
    # Quoted only when needed, so `grep shutdown_reason=max_call_duration` works and spaces stay unambiguous.
    return json.dumps(text, ensure_ascii=False) if not text or any(c.isspace() or c == '"' for c in text) else text


@app.command("listen")
def listen(
    host: Annotated[str, typer.Option("--host", help="Interface to bind.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="Port to bind; 0 picks a free one.")] = 8788,
    forward: Annotated[
        str | None, typer.Option("--forward", metavar="URL", help="Also re-POST each callback's raw body to URL.")
    ] = None,
    json_output: Annotated[bool, typer.Option("--json", help="Print each callback's JSON body, one per line.")] = False,
) -> None:
    """Receive webhooks on this machine and print one line per callback as it arrives, until Ctrl-C.

    Give the printed callback URL as a conversation's callback_url (a served `tavus emulator` reaches it
    directly; Tavus itself needs a public tunnel to it). Every POST is answered 200, or 400 if it is not JSON.

    \b
    Examples:
      tavus webhooks listen
      tavus webhooks listen --port 0 --forward http://127.0.0.1:8000/tavus-callback
      tavus webhooks listen --json | jq -r 'select(.event_type == "system.shutdown") | .conversation_id'
    """
    forwarder = Forwarder(_check_url(forward)) if forward is not None else None
    require("emulator", "tavus webhooks listen")
    import uvicorn

    from tavus_sdk.testing.serving import bind_socket, display_host

    server = uvicorn.Server(
        uvicorn.Config(
            build_app(Printer(json_output=json_output), forwarder),
            log_level="warning",
            access_log=False,
            lifespan="off",
        )
    )
    try:
        sock = bind_socket(host, port)
    except OSError as exc:
        raise CliError(
            f"cannot listen on {host}:{port}: {exc}",
            code=API_ERROR,
            hint="pick another --port, or --port 0 for a free one",
        ) from None
    # The socket already listens, so a callback sent from here on waits in the backlog until uvicorn accepts it.
    url = f"http://{display_host(host)}:{sock.getsockname()[1]}{CALLBACK_PATH}"
    sys.stderr.write(f"callback URL: {url}\n")
    sys.stderr.write(f"ready: listening for Tavus webhooks (Ctrl-C to stop); e.g. --callback-url {url}\n")
    sys.stderr.flush()
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:
        raise typer.Exit(INTERRUPTED) from None


def _check_url(url: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise CliError(f"--forward must be an absolute http(s) URL, got {url!r}", code=USAGE)
    return url
