"""``import tavus_sdk`` stays light: no server, CLI or agent stacks, and nothing heavy until it is used."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

FORBIDDEN = ("pipecat", "starlette", "uvicorn", "typer", "rich", "click", "daily", "aiohttp")


def _modules_after(code: str) -> list[str]:
    script = f"import sys, json\n{code}\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60)
    return list(json.loads(out.stdout))


@pytest.mark.slow
def test_bare_import_loads_nothing_heavy() -> None:
    loaded = _modules_after("import tavus_sdk")
    assert not [m for m in loaded if m.split(".")[0] in {"httpx", "pydantic", "tenacity", *FORBIDDEN}]


@pytest.mark.slow
def test_full_sdk_use_loads_no_server_cli_or_agent_stack() -> None:
    # httpx imports its own CLI (click, rich) whenever they are installed; that is httpx's cost, not ours.
    baseline = set(_modules_after("import httpx"))
    loaded = _modules_after(
        "from tavus_sdk import AsyncTavus, Tavus, parse_webhook, Patch\n"
        "import tavus_sdk.patch, tavus_sdk.webhooks, tavus_sdk.types\n"
        "Tavus(api_key='k').personas\n"
    )
    assert [m for m in loaded if m.split(".")[0] in FORBIDDEN and m not in baseline] == []


def test_every_export_resolves() -> None:
    import tavus_sdk

    for name in tavus_sdk.__all__:
        assert getattr(tavus_sdk, name) is not None, name


@pytest.mark.slow
def test_emulator_import_stays_off_the_plain_sdk_path() -> None:
    # The emulator needs starlette only for its ASGI app; the in-process transport does not.
    loaded = _modules_after("from tavus_sdk.testing import TavusEmulator\nTavusEmulator().transport()")
    assert [m for m in loaded if m.split(".")[0] in {"starlette", "uvicorn", "pipecat", "typer", "daily"}] == []


@pytest.mark.slow
def test_naming_the_aiohttp_client_does_not_import_aiohttp() -> None:
    # The CLI asks aiohttp_available() on every run; only making a DefaultAioHttpClient may load aiohttp.
    loaded = _modules_after(
        "from tavus_sdk import AsyncTavus, DefaultAioHttpClient, aiohttp_available\naiohttp_available()"
    )
    assert [m for m in loaded if m.split(".")[0] == "aiohttp"] == []
