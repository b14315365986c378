"""``tavus webhooks listen``: the receiver in-process over ASGI, and for real behind a served emulator."""

from __future__ import annotations

import io
import json
import re
import signal
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import httpx
import pytest

from tavus_cli.webhooks import Forwarder, Printer, build_app

from .conftest import Cli
from .processes import base_url_of, callback_url_of, run, server

NOW = datetime(2025, 5, 1, 14, 3, 9)
CONVERSATION = "c0123456789a"

SHUTDOWN = {
    "properties": {"replica_id": "r79e1c033f", "shutdown_reason": "max_call_duration reached"},
    "conversation_id": CONVERSATION,
    "webhook_url": "http://127.0.0.1:8788/webhooks",
    "event_type": "system.shutdown",
    "message_type": "system",
    "timestamp": "2025-05-01T14:03:08.000Z",
}


def envelope(event_type: str, properties: dict[str, Any]) -> dict[str, Any]:
    return {
        **SHUTDOWN,
        "event_type": event_type,
        "message_type": event_type.partition(".")[0],
        "properties": properties,
    }


@dataclass
class Listener:
    """The receiver app with its output captured; ``post`` sends one request through ASGI."""

    out: io.StringIO
    err: io.StringIO
    app: Any

    async def post(self, body: bytes | dict[str, Any], path: str = "/webhooks") -> httpx.Response:
        content = json.dumps(body).encode() if isinstance(body, dict) else body
        transport = httpx.ASGITransport(app=self.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://listener") as client:
            return await client.post(path, content=content, headers={"content-type": "application/json"})


@pytest.fixture
def listener() -> Callable[..., Listener]:
    def make(*, json_output: bool = False, forward: Forwarder | None = None) -> Listener:
        out, err = io.StringIO(), io.StringIO()
        printer = Printer(json_output=json_output, now=lambda: NOW, out=out, err=err)
        return Listener(out, err, build_app(printer, forward))

    return make


async def test_a_shutdown_is_one_line_with_its_reason(listener: Callable[..., Listener]) -> None:
    receiver = listener()
    response = await receiver.post(SHUTDOWN)
    assert response.status_code == 200
    assert receiver.out.getvalue().split() == [
        "14:03:09",
        "system.shutdown",
        f"conversation={CONVERSATION}",
        "replica=r79e1c033f",
        'shutdown_reason="max_call_duration',
        'reached"',
    ]
    assert receiver.err.getvalue() == ""


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            envelope("system.replica_joined", {"replica_id": "r79e1c033f"}),
            ["system.replica_joined", f"conversation={CONVERSATION}", "replica=r79e1c033f"],
        ),
        (
            envelope(
                "application.transcription_ready",
                {
                    "replica_id": "r79e1c033f",
                    "transcript": [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Hi"}],
                },
            ),
            ["application.transcription_ready", f"conversation={CONVERSATION}", "messages=2"],
        ),
        (
            envelope("application.recording_ready", {"bucket_name": "calls", "s3_key": "c1/rec.mp4", "duration": 42}),
            [
                "application.recording_ready",
                f"conversation={CONVERSATION}",
                "recording=s3://calls/c1/rec.mp4",
                "duration=42s",
            ],
        ),
        (
            envelope("application.perception_analysis", {"analysis": "Smiling."}),
            ["application.perception_analysis", f"conversation={CONVERSATION}", "analysis=Smiling."],
        ),
        (
            envelope("system.something_new", {"b": 1, "a": 2}),
            ["system.something_new", f"conversation={CONVERSATION}", "properties=a,b"],
        ),
        (
            {"video_id": "v1a2b3", "status": "ready", "download_url": "https://x/v.mp4"},
            ["video.generation", "video=v1a2b3", "status=ready"],
        ),
        (
            {"document_id": "d9", "status": "error", "error_message": "unreachable"},
            ["document.status", "document=d9", "status=error", "error=unreachable"],
        ),
        (
            {"replica_id": "r55", "status": "error", "error_message": "no_face"},
            ["replica.training", "replica=r55", "status=error", "error=no_face"],
        ),
    ],
    ids=["joined", "transcript", "recording", "perception", "unknown-event", "video", "document", "training"],
)
async def test_each_kind_shows_its_id_and_key_fact(
    listener: Callable[..., Listener], body: dict[str, Any], expected: list[str]
) -> None:
    receiver = listener()
    assert (await receiver.post(body)).status_code == 200
    assert receiver.out.getvalue().split() == ["14:03:09", *expected]


async def test_json_prints_each_body_on_its_own_line(listener: Callable[..., Listener]) -> None:
    receiver = listener(json_output=True)
    joined = envelope("system.replica_joined", {"replica_id": "r79e1c033f"})
    await receiver.post(joined)
    await receiver.post(SHUTDOWN)
    assert [json.loads(line) for line in receiver.out.getvalue().splitlines()] == [joined, SHUTDOWN]


async def test_a_body_that_is_not_json_gets_400_and_a_clear_message(listener: Callable[..., Listener]) -> None:
    seen: list[httpx.Request] = []

    def app_server(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200)

    receiver = listener(forward=Forwarder("http://app.test/hook", transport=httpx.MockTransport(app_server)))
    response = await receiver.post(b"event_type=system.shutdown")
    assert response.status_code == 400
    assert response.json()["message"].startswith("webhook body is not valid JSON: Expecting value at line 1 column 1")
    assert receiver.out.getvalue() == ""
    assert receiver.err.getvalue().startswith("14:03:09  rejected a POST to /webhooks (400): webhook body is not valid")
    assert seen == []  # nothing to pass on


async def test_json_of_no_known_kind_is_acknowledged_and_shown(listener: Callable[..., Listener]) -> None:
    receiver = listener()
    response = await receiver.post({"hello": "world"})
    assert response.status_code == 200
    assert receiver.out.getvalue() == (
        "14:03:09  unrecognised                      webhook body has none of event_type, video_id, document_id, "
        "replica_id: got keys ['hello']\n"
    )


async def test_forward_reposts_the_raw_body_and_reports_the_status(listener: Callable[..., Listener]) -> None:
    forwarded: list[httpx.Request] = []

    def app_server(request: httpx.Request) -> httpx.Response:
        forwarded.append(request)
        return httpx.Response(202)

    receiver = listener(forward=Forwarder("http://app.test/hook", transport=httpx.MockTransport(app_server)))
    raw = (
        b'{ "event_type": "system.shutdown",\n "conversation_id": "c1", "message_type": "system",'
        b' "timestamp": "2025-05-01T14:03:08Z", "properties": {"replica_id": "r1", "shutdown_reason": "x"} }'
    )
    assert (await receiver.post(raw)).status_code == 200
    assert [(r.method, str(r.url), r.content) for r in forwarded] == [("POST", "http://app.test/hook", raw)]
    assert forwarded[0].headers["content-type"] == "application/json"
    assert receiver.err.getvalue() == "14:03:09  forwarded system.shutdown to http://app.test/hook: 202\n"


async def test_a_failed_forward_is_reported_and_listening_goes_on(listener: Callable[..., Listener]) -> None:
    def down(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("[Errno 111] Connection refused", request=request)

    receiver = listener(forward=Forwarder("http://127.0.0.1:9/hook", transport=httpx.MockTransport(down)))
    first = await receiver.post(SHUTDOWN)
    second = await receiver.post(envelope("system.replica_joined", {"replica_id": "r79e1c033f"}))
    assert (first.status_code, second.status_code) == (200, 200)
    assert receiver.err.getvalue().splitlines() == [
        "14:03:09  forwarded system.shutdown to http://127.0.0.1:9/hook: failed: ConnectError: [Errno 111] Connection "
        "refused",
        "14:03:09  forwarded system.replica_joined to http://127.0.0.1:9/hook: failed: ConnectError: [Errno 111] "
        "Connection refused",
    ]
    assert len(receiver.out.getvalue().splitlines()) == 2


def test_a_forward_url_that_is_not_http_is_refused(cli: Cli) -> None:
    result = cli("webhooks", "listen", "--port", "0", "--forward", "localhost:8000/hook")
    assert result.exit_code == 2
    assert result.stderr == "error: --forward must be an absolute http(s) URL, got 'localhost:8000/hook'\n"


@pytest.mark.slow
def test_a_served_emulator_delivers_the_shutdown_to_the_listener() -> None:
    with server("emulator", "--port", "0") as emulator, server("webhooks", "listen", "--port", "0") as listener:
        env = {"TAVUS_BASE_URL": base_url_of(emulator), "TAVUS_API_KEY": "local-key"}
        callback_url = callback_url_of(listener)
        created = run(
            "conversations",
            "create",
            "--replica",
            "r79e1c033f",
            "--persona",
            "pipecat0",
            "--callback-url",
            callback_url,
            "-q",
            env=env,
        )
        assert created.returncode == 0, created.stderr
        conversation_id = created.stdout.strip()
        ended = run("conversations", "end", conversation_id, "--yes", env=env)
        assert ended.returncode == 0, ended.stderr

        line = listener.stdout.expect(lambda line: "system.shutdown" in line, timeout=15)
        assert re.fullmatch(r"\d\d:\d\d:\d\d", line.split()[0])
        assert line.split()[1:] == [
            "system.shutdown",
            f"conversation={conversation_id}",
            "replica=r79e1c033f",
            "shutdown_reason=end_conversation_endpoint_hit",
        ]
        code, err = listener.stop(signal.SIGINT)
    assert code == 130
    assert "Traceback" not in err


@pytest.mark.slow
def test_a_busy_port_is_one_error_and_exit_1() -> None:
    with server("webhooks", "listen", "--port", "0") as listener:
        port = callback_url_of(listener).split(":")[-1].removesuffix("/webhooks")
        busy = run("webhooks", "listen", "--port", port)
    assert busy.returncode == 1
    assert busy.stderr.startswith(f"error: cannot listen on 127.0.0.1:{port}: ")
    assert "Traceback" not in busy.stderr
