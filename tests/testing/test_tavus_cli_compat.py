"""Tavus's own client (``tavus-cli``, import name ``tavus_mcp``) against the emulator served on 127.0.0.1.

Opt-in and offline: runs only with ``TAVUS_CLI_COMPAT=1`` and when that client is installed in a venv of its own
(``TAVUS_CLI_BIN``, by default ``/work/tavus-cli-venv/bin/tavus``; it is never a dependency of this project). Its
base URL points at the served emulator, so nothing leaves the machine.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .served import Served, serve

KEY = "compat-key"
FACE = "r79e1c033f"
BIN = Path(os.environ.get("TAVUS_CLI_BIN", "/work/tavus-cli-venv/bin/tavus"))

pytestmark = [
    pytest.mark.skipif(os.environ.get("TAVUS_CLI_COMPAT") != "1", reason="set TAVUS_CLI_COMPAT=1 to run Tavus's CLI"),
    pytest.mark.skipif(not BIN.exists(), reason=f"Tavus's CLI is not installed at {BIN}"),
]


@pytest.fixture(scope="module")
def server() -> Iterator[Served]:
    with serve("--api-key", KEY) as served:
        yield served


def tavus(server: Served, *args: str) -> Any:
    """Run Tavus's CLI against the served emulator; its JSON output, decoded."""
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": os.environ.get("HOME", "/tmp"),
        "TAVUS_API_KEY": KEY,
        "TAVUS_PUBLIC_API_BASE_URL": server.base_url,
        "TAVUS_PORTAL_API_BASE_URL": server.base_url,
        "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring",
    }
    done = subprocess.run([str(BIN), *args], capture_output=True, text=True, env=env, timeout=60, check=False)
    assert done.returncode == 0, f"tavus {' '.join(args)}: {done.stderr}{done.stdout}"
    return json.loads(done.stdout) if done.stdout.strip() else None


def test_pal_create_get_list_patch_delete(server: Served) -> None:
    pal = tavus(server, "pal", "create", "--name", "Compat", "--system-prompt", "You greet.", "--face-id", FACE)
    pal_id = pal["pal_id"]
    assert pal["default_face_id"] == FACE
    assert tavus(server, "pal", "get", pal_id)["pal_name"] == "Compat"
    listed = tavus(server, "pal", "list", "--json")
    assert pal_id in {p["pal_id"] for p in listed["data"]}
    patched = tavus(server, "pal", "patch", pal_id, "--path", "/pal_name", "--value", "Compat 2")
    assert patched["pal_name"] == "Compat 2"
    tavus(server, "pal", "delete", pal_id)
    assert pal_id not in {p["pal_id"] for p in tavus(server, "pal", "list", "--json")["data"]}


def test_face_list(server: Served) -> None:
    faces = tavus(server, "face", "list", "--json")
    assert FACE in {f["face_id"] for f in faces["data"]}


def test_tool_create_get_list_patch_delete(server: Served, tmp_path: Path) -> None:
    body = tmp_path / "tool.json"
    body.write_text(json.dumps({"name": "compat_weather", "description": "Get the weather."}))
    tool = tavus(server, "tool", "create", "--file", str(body))
    tool_id = tool["tool_id"]
    assert tavus(server, "tool", "get", tool_id)["name"] == "compat_weather"
    assert tool_id in {t["tool_id"] for t in tavus(server, "tool", "list", "--json")["data"]}
    change = tmp_path / "change.json"
    change.write_text(json.dumps({"description": "Weather and forecast."}))
    assert tavus(server, "tool", "patch", tool_id, "--file", str(change))["description"] == "Weather and forecast."
    tavus(server, "tool", "delete", tool_id)


def test_skill_list_and_get(server: Served) -> None:
    skills = tavus(server, "skill", "list", "--json")
    assert "internet_search" in {s["skill_id"] for s in skills["data"]}
    assert tavus(server, "skill", "get", "presentation")["skill_id"] == "presentation"


def test_conversation_create_with_pal_and_face_then_end(server: Served) -> None:
    pal = tavus(server, "pal", "create", "--name", "Caller", "--system-prompt", "Hi.", "--face-id", FACE)
    conversation = tavus(server, "conversation", "create", "--pal-id", pal["pal_id"], "--face-id", FACE)
    assert conversation["status"] == "active"
    tavus(server, "conversation", "end", conversation["conversation_id"])


def test_deployment_create_get_list(server: Served) -> None:
    pal = tavus(server, "pal", "create", "--name", "Widget PAL", "--system-prompt", "Hi.", "--face-id", FACE)
    args = ("--pal-id", pal["pal_id"], "--channel", "widget", "--shared-memory", "--any-origin")
    created = tavus(server, "deployment", "create", *args, "--daily-call-limit", "10")
    deployment_id = created["deployment_id"]
    assert (created["channel"], created["status"]) == ("widget", "active")
    assert tavus(server, "deployment", "get", deployment_id)["pal_id"] == pal["pal_id"]
    listed = tavus(server, "deployment", "list", "--json")
    assert deployment_id in {d["deployment_id"] for d in listed["data"]}
