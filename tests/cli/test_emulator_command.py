"""``tavus emulator``: the emulator served in the foreground, as a real process."""

from __future__ import annotations

import json
import signal
from pathlib import Path

import pytest

from tavus_sdk import Tavus

from .conftest import Cli
from .processes import base_url_of, run, server

pytestmark = pytest.mark.slow  # every test here runs real processes


def test_serves_and_says_how_to_point_tavus_at_it() -> None:
    with server("emulator", "--port", "0", "--api-key", "local-key") as served:
        base_url = base_url_of(served)
        hint = served.stderr.expect(lambda line: "tavus personas list" in line)
        assert hint == f"point tavus at it: TAVUS_BASE_URL={base_url} TAVUS_API_KEY=local-key tavus personas list"

        # The hint works as printed, and only the given key is accepted.
        listed = run("personas", "list", "-q", env={"TAVUS_BASE_URL": base_url, "TAVUS_API_KEY": "local-key"})
        assert listed.returncode == 0, listed.stderr
        assert "pipecat0" in listed.stdout.split()
        refused = run("personas", "list", env={"TAVUS_BASE_URL": base_url, "TAVUS_API_KEY": "other"})
        assert refused.returncode == 4

        code, err = served.stop(signal.SIGINT)
    assert code == 130
    assert "Traceback" not in err


def test_sigterm_stops_it_cleanly() -> None:
    with server("emulator", "--port", "0") as served:
        base_url_of(served)
        code, err = served.stop(signal.SIGTERM)
    assert code == -signal.SIGTERM
    assert "Traceback" not in err


def test_state_file_keeps_what_was_made(tmp_path: Path) -> None:
    state = tmp_path / "emulator.json"
    with server("emulator", "--port", "0", "--state", str(state)) as served:
        with Tavus(api_key="k", base_url=base_url_of(served)) as tavus:
            persona = tavus.personas.create(persona_name="kept across runs", pipeline_mode="echo")
        assert served.stop()[0] == 130
    assert persona.persona_id in json.dumps(json.loads(state.read_text()))


def test_a_busy_port_is_one_error_and_exit_1() -> None:
    with server("emulator", "--port", "0") as served:
        port = base_url_of(served).split(":")[-1].removesuffix("/v2")
        busy = run("emulator", "--port", port)
    assert busy.returncode == 1
    [line] = busy.stderr.splitlines()
    assert line.startswith(f"error: cannot serve on 127.0.0.1:{port}: ")
    assert "Address already in use" in line
    assert line.endswith(" (hint: pick another --port, or --port 0 for a free one)")
    assert busy.stdout == ""


def test_a_broken_state_file_is_refused_with_exit_2(cli: Cli, tmp_path: Path) -> None:
    state = tmp_path / "broken.json"
    state.write_text("{not json")
    result = cli("emulator", "--port", "0", "--state", str(state))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: cannot load emulator state from {state}: ")
    assert result.stdout == ""
    assert state.read_text() == "{not json"  # left for the user to look at


def test_an_empty_api_key_is_refused(cli: Cli) -> None:
    result = cli("emulator", "--port", "0", "--api-key", " ")
    assert result.exit_code == 2
    assert result.stderr == "error: --api-key must not be empty\n"
