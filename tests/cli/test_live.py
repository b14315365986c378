"""``tavus`` as a process against the real Tavus API, read-only. Opt in with TAVUS_LIVE=1 and TAVUS_API_KEY."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ..conftest import LIVE_API_KEY, LIVE_BASE_URL

pytestmark = [
    pytest.mark.live,
    pytest.mark.slow,  # runs tavus as a process
    pytest.mark.skipif(LIVE_API_KEY is None, reason="set TAVUS_LIVE=1 and TAVUS_API_KEY to call the real API"),
]

ROOT = Path(__file__).resolve().parents[2]


def _tavus(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TAVUS_API_KEY": str(LIVE_API_KEY)}
    if LIVE_BASE_URL:
        env["TAVUS_BASE_URL"] = LIVE_BASE_URL
    return subprocess.run(
        [sys.executable, "-m", "tavus_cli.main", *args], capture_output=True, text=True, env=env, cwd=ROOT, timeout=120
    )


def test_doctor_accepts_the_key() -> None:
    result = _tavus("doctor")
    assert result.returncode == 0, result.stdout + result.stderr
    assert str(LIVE_API_KEY) not in result.stdout + result.stderr


@pytest.mark.parametrize("group", ["personas", "replicas", "conversations", "videos"])
def test_lists_print_json_arrays(group: str) -> None:
    result = _tavus(group, "list", "--json")
    assert result.returncode == 0, result.stderr
    assert isinstance(json.loads(result.stdout), list)


def test_an_unknown_conversation_is_exit_1() -> None:
    result = _tavus("conversations", "get", "c0000000000000000")
    assert result.returncode == 1
    assert result.stderr.startswith("error: ")
