"""The emulator served on loopback, driven by clients nobody here wrote: curl, aiohttp and Pipecat's TavusApi."""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tavus_sdk import Tavus
from tests.slow_guard import slow_fixture

from .served import Served, serve

KEY = "served-key"

pytestmark = [
    pytest.mark.slow,  # every test here serves the emulator as a process
    pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed"),
]


@pytest.fixture(scope="module")
@slow_fixture
def server() -> Iterator[Served]:
    with serve("--api-key", KEY, "--api-key", "second-key") as served:
        yield served


def curl(*args: str) -> tuple[int, Any]:
    """Run curl; return the HTTP status and the decoded JSON body (None when empty)."""
    out = subprocess.run(
        ["curl", "--silent", "--show-error", "--write-out", "\n%{http_code}", *args],
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    ).stdout
    body, _, status = out.rpartition("\n")
    return int(status), json.loads(body) if body.strip() else None


def test_prints_base_url_and_ready_line(server: Served) -> None:
    assert server.base_url.startswith("http://127.0.0.1:")
    assert server.base_url.endswith("/v2")
    assert server.lines[-1].startswith("ready: serving the Tavus v2 API on " + server.base_url)


def test_curl_lists_the_stock_personas(server: Served) -> None:
    status, body = curl("-H", f"x-api-key: {KEY}", f"{server.base_url}/personas?limit=100")
    assert status == 200
    ids = {persona["persona_id"] for persona in body["data"]}
    assert {"pdced222244b", "p9a95912", "pipecat-stream", "pipecat0"} <= ids


def test_keys_are_checked_when_given(server: Served) -> None:
    status, body = curl(f"{server.base_url}/personas")
    assert (status, body["message"]) == (401, "Missing API key: send it in the x-api-key header")
    status, body = curl("-H", "x-api-key: wrong", f"{server.base_url}/personas")
    assert (status, body["message"]) == (401, "Invalid access token")
    assert curl("-H", "x-api-key: second-key", f"{server.base_url}/personas")[0] == 200


def test_docs_quickstart_with_curl(server: Served) -> None:
    """docs: conversational-video-interface/quickstart/use-the-full-pipeline, step by step."""
    headers = ["--header", "Content-Type: application/json", "--header", f"x-api-key: {KEY}"]
    persona_body = {
        "persona_name": "Interviewer",
        "system_prompt": "As an Interviewer, you are a skilled professional who conducts thoughtful interviews.",
        "pipeline_mode": "full",
        "context": "You have a track record of conducting interviews that put candidates at ease.",
        "default_replica_id": "rfe12d8b9597",
        "layers": {"perception": {"perception_model": "raven-0"}, "stt": {"smart_turn_detection": True}},
    }
    status, persona = curl(
        "--request", "POST", "--url", f"{server.base_url}/personas", *headers, "--data", json.dumps(persona_body)
    )
    assert status == 200
    assert persona["persona_id"].startswith("p")
    assert persona["layers"]["stt"] == {"smart_turn_detection": True}

    conversation_body = {"persona_id": persona["persona_id"], "conversation_name": "Interview User"}
    status, conversation = curl(
        "--request",
        "POST",
        "--url",
        f"{server.base_url}/conversations",
        *headers,
        "--data",
        json.dumps(conversation_body),
    )
    assert status == 200
    conversation_id = conversation["conversation_id"]
    # The response of the docs' step 3, field for field (the id, URL and time are the emulator's own).
    assert {key: conversation[key] for key in ("conversation_name", "conversation_url", "status", "callback_url")} == {
        "conversation_name": "Interview User",
        "conversation_url": f"https://tavus.daily.co/{conversation_id}",
        "status": "active",
        "callback_url": "",
    }
    assert conversation["created_at"].endswith("Z")

    status, body = curl(
        "--request", "POST", "--url", f"{server.base_url}/conversations/{conversation_id}/end", *headers
    )
    assert (status, body) == (200, None)
    status, ended = curl("--url", f"{server.base_url}/conversations/{conversation_id}?verbose=true", *headers)
    assert status == 200
    assert ended["status"] == "ended"
    assert ended["shutdown_reason"] == "end_conversation_endpoint_hit"


async def test_pipecat_tavus_api_works_unmodified(server: Served) -> None:
    """pipecat-ai 1.14's own client: create with persona pipecat0, read the persona's name, end."""
    aiohttp = pytest.importorskip("aiohttp")
    transport = pytest.importorskip("pipecat.transports.tavus.transport")

    class EmulatorTavusApi(transport.TavusApi):  # type: ignore[misc,name-defined]
        BASE_URL = server.base_url  # the only change: where the API lives

    async with aiohttp.ClientSession() as session:
        api = EmulatorTavusApi(KEY, session)
        created = await api.create_conversation("r79e1c033f", "pipecat0")
        name = await api.get_persona_name("pipecat0")
        await api.end_conversation(created["conversation_id"])

    assert created["conversation_url"] == f"https://tavus.daily.co/{created['conversation_id']}"
    assert name == "pipecat0"
    with Tavus(api_key=KEY, base_url=server.base_url) as tavus:
        conversation = tavus.conversations.get(created["conversation_id"], verbose=True)
    assert conversation.status == "ended"
    assert conversation.persona_id == "pipecat0"


def test_faults_over_the_admin_path(server: Served) -> None:
    with httpx.Client(base_url=server.root, headers={"x-api-key": KEY}) as http:
        added = http.post(
            "/_emulator/faults", json={"match": "GET /replicas", "status": 503, "retry_after": 2, "times": 1}
        )
        assert added.status_code == 200
        assert added.json()["data"][-1]["match"] == "GET /replicas"
        first = http.get("/v2/replicas")
        assert first.status_code == 503
        assert first.headers["retry-after"] == "2"
        assert first.json()["error"] == "service_unavailable"
        assert http.get("/v2/replicas").status_code == 200  # times=1: then normal

        http.post("/_emulator/faults", json={"match": "personas_create", "drop": "after"})
        with pytest.raises(httpx.RemoteProtocolError):
            http.post("/v2/personas", json={"persona_name": "lost reply", "pipeline_mode": "echo"})
        names = [p["persona_name"] for p in http.get("/v2/personas?persona_type=user").json()["data"]]
        assert "lost reply" in names  # the write happened; only the reply was lost

        bad = http.post("/_emulator/faults", json={"match": "*", "status": 42})
        assert bad.status_code == 422
        assert "status must be an HTTP status" in bad.json()["message"]
        assert http.delete("/_emulator/faults").json() == {"data": []}


def test_state_survives_a_restart(tmp_path: Path) -> None:
    state = tmp_path / "emulator.json"
    with serve(state=state) as first:
        with Tavus(api_key="k", base_url=first.base_url) as tavus:
            persona = tavus.personas.create(persona_name="kept", pipeline_mode="echo")
        code, err = first.stop()
        assert (code, err) == (130, "")
    # Written atomically (no temp files left); the lock file stays, naming the last holder.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["emulator.json", "emulator.json.lock"]
    with serve(state=state) as second, Tavus(api_key="k", base_url=second.base_url) as tavus:
        assert tavus.personas.get(persona.persona_id).persona_name == "kept"


def test_unreadable_state_is_refused_clearly(tmp_path: Path) -> None:
    state = tmp_path / "broken.json"
    state.write_text("{not json")
    out = subprocess.run(
        ["python", "-m", "tavus_sdk.testing", "--port", "0", "--state", str(state)],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert out.returncode == 2
    assert "cannot load emulator state" in out.stderr
    assert "Traceback" not in out.stderr


@pytest.mark.parametrize(("sig", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, -signal.SIGTERM)])
def test_stops_cleanly_on_signals(sig: int, code: int) -> None:
    """uvicorn shuts down gracefully, then the process ends the way that signal says (130 for Ctrl-C)."""
    with serve() as served:
        assert served.stop(sig) == (code, "")


def test_a_busy_port_is_one_clear_line_and_exit_1() -> None:
    with serve() as served:
        port = served.base_url.split(":")[-1].removesuffix("/v2")
        out = subprocess.run(
            [sys.executable, "-m", "tavus_sdk.testing", "--port", port], capture_output=True, text=True, timeout=30
        )
    assert out.returncode == 1
    assert out.stderr.startswith(f"error: cannot serve on 127.0.0.1:{port}: ")
    assert "Address already in use" in out.stderr
    assert "Traceback" not in out.stderr
    assert out.stdout == ""
