"""The whole job as an operator's shell does it: a served emulator, then one ``tavus`` process per step."""

from __future__ import annotations

import json
import signal

import pytest

from .processes import base_url_of, run, server

pytestmark = pytest.mark.slow  # every test here runs real processes

KEY = "e2e-key-0123456789"
REPLICA = "r79e1c033f"


def test_create_list_end_and_check_through_real_processes() -> None:
    with server("emulator", "--port", "0", "--api-key", KEY) as emulator:
        env = {"TAVUS_BASE_URL": base_url_of(emulator), "TAVUS_API_KEY": KEY}

        persona = run("personas", "create", "--pipecat-stream", "--replica", REPLICA, "-q", env=env)
        assert persona.returncode == 0, persona.stderr
        persona_id = persona.stdout.strip()
        shown = json.loads(run("personas", "get", persona_id, "--json", env=env).stdout)
        assert shown["pipeline_mode"] == "echo"

        created = [
            run("conversations", "create", "--persona", persona_id, "--replica", REPLICA, "-q", env=env)
            for _ in range(2)
        ]
        assert [c.returncode for c in created] == [0, 0], [c.stderr for c in created]
        conversation_ids = [c.stdout.strip() for c in created]

        # `tavus conversations list --status active -q | xargs tavus conversations end --yes`
        listed = run("conversations", "list", "--status", "active", "-q", env=env)
        assert listed.returncode == 0, listed.stderr
        active = listed.stdout.split()
        assert sorted(active) == sorted(conversation_ids)
        ended = run("conversations", "end", *active, "--yes", "-q", env=env)
        assert ended.returncode == 0, ended.stderr
        assert sorted(ended.stdout.split()) == sorted(conversation_ids)

        for conversation_id in conversation_ids:
            got = run("conversations", "get", conversation_id, "--json", env=env)
            assert got.returncode == 0, got.stderr
            assert json.loads(got.stdout)["status"] == "ended"

        refused = run("conversations", "list", env={**env, "TAVUS_API_KEY": "not-the-key"})
        assert refused.returncode == 4
        assert refused.stdout == ""
        [error] = refused.stderr.splitlines()
        assert error.startswith("error: the API key was refused (401) (hint: check TAVUS_API_KEY")

        code, err = emulator.stop(signal.SIGINT)
    assert code == 130
    assert "Traceback" not in err
