"""``tavus tools``: standalone tools."""

from __future__ import annotations

import json
from pathlib import Path

from tavus_sdk.testing import TavusEmulator
from tests.cli.conftest import Cli, Sent


def _create(cli: Cli, name: str = "get_weather") -> str:
    result = cli("tools", "create", "--name", name, "--description", "Get the weather for a city.", "-q")
    assert result.exit_code == 0, result.output
    return result.stdout.strip()


def test_create_from_a_file_masks_secrets(cli: Cli, emulator: TavusEmulator, tmp_path: Path) -> None:
    body = tmp_path / "tool.yaml"
    body.write_text(
        "name: lookup_order\ndescription: Look up an order.\n"
        "parameters: {type: object, properties: {order: {type: string}}}\n"
        "delivery:\n  api:\n    url: https://api.example.com/orders/{order}\n"
        "    auth: {type: bearer, token: s3cret-token}\n"
    )
    tool = cli.json("tools", "create", "--file", str(body))
    assert tool["delivery"]["api"]["auth"]["token"] == "********"
    record = emulator.record("tools", tool["tool_id"])
    assert record is not None
    assert record["delivery"]["api"]["auth"]["token"] == "s3cret-token"


def test_a_taken_name_is_an_api_error(cli: Cli) -> None:
    _create(cli)
    result = cli("tools", "create", "--name", "get_weather", "--description", "Again.")
    assert result.exit_code == 1
    assert "already exists" in result.output


def test_list_types_and_search(cli: Cli) -> None:
    tool_id = _create(cli)
    assert cli("tools", "list", "-q").stdout.split() == [tool_id]
    assert cli("tools", "list", "--type", "system", "-q").stdout.split() == ["end_call"]
    assert cli("tools", "list", "--type", "all", "-q").stdout.split() == ["end_call", tool_id]
    assert cli("tools", "list", "--search", "WEATH", "-q").stdout.split() == [tool_id]


def test_list_with_a_bad_type_suggests_one(cli: Cli, sent: Sent) -> None:
    result = cli("tools", "list", "--type", "sytem")
    assert result.exit_code == 2
    assert "did you mean 'system'" in result.output
    assert sent.requests == []


def test_update_changes_only_the_given_fields(cli: Cli) -> None:
    tool_id = _create(cli)
    updated = cli.json("tools", "update", tool_id, "--description", "Weather and forecast.")
    assert updated["description"] == "Weather and forecast."
    assert updated["name"] == "get_weather"


def test_system_tools_are_read_only(cli: Cli) -> None:
    assert cli.json("tools", "get", "end_call")["is_system_tool"] is True
    result = cli("tools", "update", "end_call", "--description", "mine")
    assert result.exit_code == 1
    assert "system tool" in result.output
    assert cli("tools", "delete", "end_call", "--yes").exit_code == 1


def test_delete_detaches_from_every_pal(cli: Cli, emulator: TavusEmulator) -> None:
    tool_id = _create(cli)
    pal = cli.json("pals", "create", "--system-prompt", "Hi.", "--face", "r79e1c033f", "--tool", tool_id)
    assert cli("pals", "tools", "list", pal["pal_id"], "-q").stdout.split() == [tool_id]
    result = cli("tools", "delete", tool_id, "--yes", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["deleted"] == [tool_id]
    assert cli("pals", "tools", "list", pal["pal_id"], "-q").stdout.split() == []
    assert emulator.record("tools", tool_id) is None


def test_list_walks_every_page_and_max_items_caps_it(cli: Cli) -> None:
    created = [_create(cli, f"tool_{i:02d}") for i in range(12)]  # more than one page of 10
    assert cli("tools", "list", "-q").stdout.split() == created
    capped = cli("tools", "list", "-q", "--max-items", "11")
    assert capped.stdout.split() == created[:11]
    assert "showing the first 11 of 12; raise --max-items" in capped.stderr
