from __future__ import annotations

import os
import sys

import pytest

# The suite starts dozens of Python processes (pytest-xdist workers, the CLI, the served emulator, the agent). With
# PYTHONDONTWRITEBYTECODE set, each recompiles pipecat, pydantic and the rest from source: about 2 s a process on
# 2 cores. Cached bytecode (git-ignored __pycache__) is shared by all of them instead.
sys.dont_write_bytecode = False
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

# Tests not marked slow may not start a process or bind a socket (see tests/slow_guard.py).
pytest_plugins = ["pytester", "tests.slow_guard"]

# Live tests (marked `live`) call the real API only when asked to: TAVUS_LIVE=1 and a key.
LIVE_API_KEY = os.environ.get("TAVUS_API_KEY") if os.environ.get("TAVUS_LIVE") == "1" else None
LIVE_BASE_URL = os.environ.get("TAVUS_BASE_URL")

# Nothing else may pick up a developer's real credentials or settings by accident.
_ISOLATED_VARS = ("TAVUS_API_KEY", "TAVUS_BASE_URL", "TAVUS_LOG")
for _var in _ISOLATED_VARS:
    os.environ.pop(_var, None)


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in _ISOLATED_VARS:
        monkeypatch.delenv(var, raising=False)
