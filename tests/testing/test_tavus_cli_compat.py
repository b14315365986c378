"""Tavus's own client (``tavus-cli`` on PyPI, import name ``tavus_mcp``) against a served emulator.

Opt-in: runs only with ``TAVUS_CLI_COMPAT=1`` and when that client's ``tavus`` is installed (in
``/work/tavus-cli-venv``, or ``TAVUS_CLI_BIN``); it is never a dependency of this project. Every request goes to the
emulator on 127.0.0.1: the client's base URL is pointed there through ``TAVUS_PUBLIC_API_BASE_URL`` (and the portal
URL too, so nothing can leave the machine), with a key the emulator accepts.

The calls are the ones the client makes for these resources (its ``sdk/client/http.py``): ``document list`` sends
``page=0&limit=25&sort=desc&verbose=true``, ``guardrail list`` sends ``legacy=false&type=user&page=1``,
``objective list`` sends ``type`` and ``sort``, ``pronunciation-dictionary list`` sends ``page=0&sort=desc``; then
``get`` of each, and ``conversation create`` / ``end``; and the current API's ``pal``, ``face``, ``tool``,
``skill`` and ``deployment`` commands.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.testing.served import Served, serve

KEY = "tavus-cli-compat-key"
DEMO_REPLICA = "r79e1c033f"
DEMO_PERSONA = "p9a95912"


def _client_binary() -> Path | None:
    for candidate in (os.environ.get("TAVUS_CLI_BIN"), "/work/tavus-cli-venv/bin/tavus"):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return Path(candidate)
    found = shutil.which("tavus")
    # Our own CLI is also called `tavus`: only a `tavus` whose Python has tavus_mcp is Tavus's client.
    if found and _has_tavus_mcp(Path(found)):
        return Path(found)
    return None


def _has_tavus_mcp(binary: Path) -> bool:
    python = binary.parent / "python"
    if not python.exists():
        return False
    probe = subprocess.run([str(python), "-c", "import tavus_mcp"], capture_output=True, check=False)
    return probe.returncode == 0


OPTED_IN = os.environ.get("TAVUS_CLI_COMPAT") == "1"
BINARY = _client_binary() if OPTED_IN else None

pytestmark = [
    pytest.mark.slow,  # a served emulator and Tavus's own client, as processes
    pytest.mark.skipif(not OPTED_IN, reason="opt-in: set TAVUS_CLI_COMPAT=1"),
    pytest.mark.skipif(
        OPTED_IN and BINARY is None, reason="Tavus's own client (tavus-cli, tavus_mcp) is not installed"
    ),
]


@pytest.fixture(scope="module")
def server() -> Iterator[Served]:
    with serve("--api-key", KEY) as served:
        yield served


def official(server: Served, *args: str) -> Any:
    """Run Tavus's client with ``args`` against the emulator; its JSON output, parsed."""
    assert BINARY is not None
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": os.environ.get("HOME", "/tmp"),
        "TAVUS_API_KEY": KEY,
        "TAVUS_PUBLIC_API_BASE_URL": server.base_url,
        "TAVUS_PORTAL_API_BASE_URL": server.root,
        "TAVUS_KEYRING_SERVICE": "tavus-kit-compat-test",
        "NO_COLOR": "1",
        "COLUMNS": "100000",  # its JSON goes through rich, which would wrap long lines at the terminal width
    }
    result = subprocess.run([str(BINARY), *args], capture_output=True, text=True, env=env, timeout=60, check=False)
    assert result.returncode == 0, f"tavus {' '.join(args)} exited {result.returncode}: {result.stderr[-2000:]}"
    return json.loads(result.stdout)


def ours(server: Served, method: str, path: str, body: Any = None) -> Any:
    """Create the records the client then reads, straight through the emulator's HTTP API."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(
        server.base_url + path,
        data=data,
        method=method,
        headers={"x-api-key": KEY, "content-type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read() or b"null")


def test_documents_list_from_page_0_and_get(server: Served) -> None:
    created = ours(server, "POST", "/documents", {"document_url": "https://example.com/faq.pdf", "tags": ["faq"]})
    listed = official(server, "document", "list", "--json")
    assert created["document_id"] in [row["document_id"] for row in listed["data"]]
    assert listed["page"] == 0
    assert listed["total_count"] >= 1
    got = official(server, "document", "get", created["document_id"])
    assert got["document_id"] == created["document_id"]
    assert got["status"] in ("started", "processing", "ready")


def test_objectives_list_and_get(server: Served) -> None:
    created = ours(
        server,
        "POST",
        "/objectives",
        {
            "data": [
                {
                    "objective_name": "ask_name",
                    "objective_prompt": "Ask for the name.",
                    "next_required_objective": "bye",
                },
                {"objective_name": "bye", "objective_prompt": "Say goodbye."},
            ]
        },
    )
    listed = official(server, "objective", "list", "--json")
    assert created["objectives_id"] in [row["objectives_id"] for row in listed["data"]]
    got = official(server, "objective", "get", created["objectives_id"])
    assert [item["objective_name"] for item in got["data"]] == ["ask_name", "bye"]


def test_guardrails_list_and_get(server: Served) -> None:
    created = ours(
        server, "POST", "/guardrails", {"data": [{"guardrail_name": "no_prices", "guardrail_prompt": "No prices."}]}
    )
    listed = official(server, "guardrail", "list", "--json")
    assert isinstance(listed["data"], list)
    got = official(server, "guardrail", "get", created["guardrails_id"])
    assert got["data"][0]["guardrail_name"] == "no_prices"


def test_pronunciation_dictionaries_list_and_get(server: Served) -> None:
    created = ours(
        server,
        "POST",
        "/pronunciation-dictionaries",
        {"name": "Brand", "rules": [{"text": "Tavus", "pronunciation": "TAH-vus", "type": "alias"}]},
    )
    listed = official(server, "pronunciation-dictionary", "list", "--json")
    assert created["pronunciation_dictionary_id"] in [row["pronunciation_dictionary_id"] for row in listed["data"]]
    got = official(server, "pronunciation-dictionary", "get", created["pronunciation_dictionary_id"])
    assert got["rules"][0]["text"] == "Tavus"


def test_conversation_create_and_end(server: Served) -> None:
    created = official(server, "conversation", "create", "--pal-id", DEMO_PERSONA, "--face-id", DEMO_REPLICA)
    assert created["status"] == "active"
    official(server, "conversation", "end", created["conversation_id"])
    after = ours(server, "GET", f"/conversations/{created['conversation_id']}")
    assert after["status"] == "ended"


def test_pal_create_get_list_patch_delete(server: Served) -> None:
    pal = official(
        server, "pal", "create", "--name", "Compat", "--system-prompt", "You greet.", "--face-id", DEMO_REPLICA
    )
    pal_id = pal["pal_id"]
    assert pal["default_face_id"] == DEMO_REPLICA
    assert official(server, "pal", "get", pal_id)["pal_name"] == "Compat"
    listed = official(server, "pal", "list", "--json")
    assert pal_id in {p["pal_id"] for p in listed["data"]}
    patched = official(server, "pal", "patch", pal_id, "--path", "/pal_name", "--value", "Compat 2")
    assert patched["pal_name"] == "Compat 2"
    official(server, "pal", "delete", pal_id)
    assert pal_id not in {p["pal_id"] for p in official(server, "pal", "list", "--json")["data"]}


def test_face_list(server: Served) -> None:
    faces = official(server, "face", "list", "--json")
    assert DEMO_REPLICA in {f["face_id"] for f in faces["data"]}


def test_tool_create_get_list_patch_delete(server: Served, tmp_path: Path) -> None:
    body = tmp_path / "tool.json"
    body.write_text(json.dumps({"name": "compat_weather", "description": "Get the weather."}))
    tool = official(server, "tool", "create", "--file", str(body))
    tool_id = tool["tool_id"]
    assert official(server, "tool", "get", tool_id)["name"] == "compat_weather"
    assert tool_id in {t["tool_id"] for t in official(server, "tool", "list", "--json")["data"]}
    change = tmp_path / "change.json"
    change.write_text(json.dumps({"description": "Weather and forecast."}))
    assert official(server, "tool", "patch", tool_id, "--file", str(change))["description"] == "Weather and forecast."
    official(server, "tool", "delete", tool_id)


def test_skill_list_and_get(server: Served) -> None:
    skills = official(server, "skill", "list", "--json")
    assert "internet_search" in {s["skill_id"] for s in skills["data"]}
    assert official(server, "skill", "get", "presentation")["skill_id"] == "presentation"


def test_conversation_create_with_pal_and_face_then_end(server: Served) -> None:
    pal = official(server, "pal", "create", "--name", "Caller", "--system-prompt", "Hi.", "--face-id", DEMO_REPLICA)
    conversation = official(server, "conversation", "create", "--pal-id", pal["pal_id"], "--face-id", DEMO_REPLICA)
    assert conversation["status"] == "active"
    official(server, "conversation", "end", conversation["conversation_id"])


def test_deployment_create_get_list(server: Served) -> None:
    pal = official(server, "pal", "create", "--name", "Widget PAL", "--system-prompt", "Hi.", "--face-id", DEMO_REPLICA)
    args = ("--pal-id", pal["pal_id"], "--channel", "widget", "--shared-memory", "--any-origin")
    created = official(server, "deployment", "create", *args, "--daily-call-limit", "10")
    deployment_id = created["deployment_id"]
    assert (created["channel"], created["status"]) == ("widget", "active")
    assert official(server, "deployment", "get", deployment_id)["pal_id"] == pal["pal_id"]
    listed = official(server, "deployment", "list", "--json")
    assert deployment_id in {d["deployment_id"] for d in listed["data"]}


def test_individual_guardrail_create_get_list(server: Served) -> None:
    created = official(server, "guardrail", "create", "--name", "no_quotes", "--prompt", "No quotes.", "--tag", "sales")
    assert (created["guardrail_name"], created["tags"], created["app_message"]) == ("no_quotes", ["sales"], True)
    got = official(server, "guardrail", "get", created["uuid"])
    assert got["uuid"] == created["uuid"]
    # The client sends page=1 unless told; list-guardrails pages individual guardrails from 0 (the newest source).
    listed = official(server, "guardrail", "list", "--page", "0", "--json")
    assert created["uuid"] in [row["uuid"] for row in listed["data"]]
