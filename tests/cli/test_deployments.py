"""``tavus deployments``: create, inspect, patch, delete; start and end a visitor's conversation."""

from __future__ import annotations

import json

from tavus_sdk.testing import TavusEmulator
from tests.cli.conftest import Cli, Sent

PAL = "p9a95912"


def _create(cli: Cli, *extra: str) -> str:
    result = cli("deployments", "create", "--pal", PAL, "--channel", "widget", *extra, "-q")
    assert result.exit_code == 0, result.output
    return result.stdout.strip()


def test_create_list_get(cli: Cli) -> None:
    deployment_id = _create(cli, "--name", "Support", "--origin", "https://www.example.com", "--daily-limit", "5")
    assert cli("deployments", "list", "-q").stdout.split() == [deployment_id]
    deployment = cli.json("deployments", "get", deployment_id)
    assert (deployment["status"], deployment["channel"], deployment["name"]) == ("active", "widget", "Support")
    assert deployment["limits"]["daily_call_limit"] == 5
    assert deployment["allowed_origins"] == ["https://www.example.com"]


def test_a_bad_channel_suggests_the_allowed_ones(cli: Cli, sent: Sent) -> None:
    result = cli("deployments", "create", "--pal", PAL, "--channel", "landing_page")
    assert result.exit_code == 2
    assert "landing-page" in result.output
    assert sent.writes() == []


def test_an_unknown_pal_is_an_api_error(cli: Cli) -> None:
    result = cli("deployments", "create", "--pal", "pnope", "--channel", "embed")
    assert result.exit_code == 1
    assert "PAL not found: pnope" in result.output


def test_start_end_and_the_daily_limit(cli: Cli, emulator: TavusEmulator) -> None:
    deployment_id = _create(cli, "--daily-limit", "1", "--max-call-duration", "120")
    started = cli("deployments", "start", deployment_id, "-q")
    assert started.exit_code == 0, started.output
    conversation_id = started.stdout.strip()
    record = emulator.record("conversations", conversation_id)
    assert record is not None
    assert record["status"] == "active"
    init = cli.json("deployments", "init", deployment_id)
    assert (init["is_available"], init["unavailable_reason"]) == (False, "daily_limit")
    refused = cli("deployments", "start", deployment_id)
    assert refused.exit_code == 1
    assert "daily_limit" in refused.output
    ended = cli("deployments", "end", deployment_id, conversation_id, "--json")
    assert ended.exit_code == 0, ended.output
    assert json.loads(ended.stdout) == {"conversation_id": conversation_id, "status": "ended"}
    assert cli.json("conversations", "get", conversation_id)["status"] == "ended"


def test_patch_and_delete(cli: Cli, emulator: TavusEmulator) -> None:
    deployment_id = _create(cli)
    paused = cli.json("deployments", "patch", deployment_id, "--set", "/status=inactive")
    assert paused["status"] == "inactive"
    refused = cli("deployments", "start", deployment_id)
    assert refused.exit_code == 1
    assert "not active" in refused.output
    typo = cli("deployments", "patch", deployment_id, "--set", "/stauts=active")
    assert typo.exit_code == 2
    assert 'did you mean "/status"' in typo.output
    assert cli("deployments", "delete", deployment_id).exit_code == 2
    assert cli("deployments", "delete", deployment_id, "--yes").exit_code == 0
    assert emulator.record("deployments", deployment_id) is None
