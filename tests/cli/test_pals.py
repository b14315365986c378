"""``tavus pals``: the persona records under PAL names, with their tools and skills."""

from __future__ import annotations

import json
from pathlib import Path

from tavus_sdk.testing import TavusEmulator
from tests.cli.conftest import Cli, Sent

FACE = "r79e1c033f"
STOCK_PAL = "p9a95912"


def _create(cli: Cli, *extra: str) -> str:
    result = cli(
        "pals", "create", "--name", "Front desk", "--system-prompt", "You greet.", "--face", FACE, *extra, "-q"
    )
    assert result.exit_code == 0, result.output
    return result.stdout.strip()


def _tool(cli: Cli, name: str = "get_weather") -> str:
    result = cli("tools", "create", "--name", name, "--description", "Get the weather.", "-q")
    assert result.exit_code == 0, result.output
    return result.stdout.strip()


def test_create_stores_one_record_seen_as_a_persona_too(cli: Cli, emulator: TavusEmulator) -> None:
    pal_id = _create(cli)
    record = emulator.record("personas", pal_id)
    assert record is not None
    assert (record["persona_name"], record["default_replica_id"]) == ("Front desk", FACE)
    persona = cli.json("personas", "get", pal_id)
    assert persona["persona_name"] == "Front desk"


def test_create_without_a_face_is_exit_2_and_sends_nothing(cli: Cli, sent: Sent) -> None:
    result = cli("pals", "create", "--name", "No face", "--system-prompt", "Hi.")
    assert result.exit_code == 2
    assert "default_face_id" in result.output
    assert sent.writes() == []


def test_create_with_a_misspelled_field_suggests_the_right_one(cli: Cli, sent: Sent, tmp_path: Path) -> None:
    body = tmp_path / "pal.json"
    body.write_text(json.dumps({"pal_nam": "Typo", "system_prompt": "Hi.", "default_face_id": FACE}))
    result = cli("pals", "create", "--file", str(body))
    assert result.exit_code == 2
    assert "did you mean 'pal_name'" in result.output
    assert sent.writes() == []


def test_list_get_and_quiet_ids(cli: Cli) -> None:
    pal_id = _create(cli)
    listed = cli("pals", "list", "-q")
    assert pal_id in listed.stdout.split()
    assert STOCK_PAL in listed.stdout.split()
    pal = cli.json("pals", "get", pal_id)
    assert pal["pal_id"] == pal_id
    assert pal["default_face_id"] == FACE
    assert "persona_id" not in pal


def test_patch_uses_pal_paths_and_refuses_typos(cli: Cli, emulator: TavusEmulator, sent: Sent) -> None:
    pal_id = _create(cli)
    result = cli("pals", "patch", pal_id, "--set", "/pal_name=Lobby", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["pal_name"] == "Lobby"
    record = emulator.record("personas", pal_id)
    assert record is not None
    assert record["persona_name"] == "Lobby"
    before = len(sent.writes())
    typo = cli("pals", "patch", pal_id, "--set", "/pal_nme=x")
    assert typo.exit_code == 2
    assert 'did you mean "/pal_name"' in typo.output
    assert len(sent.writes()) == before


def test_delete_needs_yes_off_a_terminal(cli: Cli, emulator: TavusEmulator) -> None:
    pal_id = _create(cli)
    refused = cli("pals", "delete", pal_id)
    assert refused.exit_code == 2
    assert emulator.record("personas", pal_id) is not None
    done = cli("pals", "delete", pal_id, "--yes")
    assert done.exit_code == 0, done.output
    assert emulator.record("personas", pal_id) is None


def test_check_username_exit_code_follows_availability(cli: Cli, tmp_path: Path) -> None:
    free = cli("pals", "check-username", "acme-support")
    assert free.exit_code == 0
    assert "acme-support is available" in free.stdout
    # layers.conferencing is newer than the persona layers this release models, hence --allow-unknown-fields.
    body = tmp_path / "pal.json"
    body.write_text(json.dumps({"layers": {"conferencing": {"username": "acme-support"}}}))
    created = cli(
        "--allow-unknown-fields", "pals", "create", "--file", str(body), "--system-prompt", "Hi.", "--face", FACE
    )
    assert created.exit_code == 0, created.output
    taken = cli("pals", "check-username", "ACME-support", "--json")
    assert taken.exit_code == 1
    assert json.loads(taken.stdout)["available"] is False


def test_tools_attach_list_detach_keeps_the_tool(cli: Cli, emulator: TavusEmulator) -> None:
    pal_id = _create(cli)
    tool_id = _tool(cli)
    attached = cli("pals", "tools", "attach", pal_id, tool_id, "-q")
    assert attached.exit_code == 0, attached.output
    assert attached.stdout.split() == [tool_id]
    assert cli("pals", "tools", "list", pal_id, "-q").stdout.split() == [tool_id]
    detached = cli("pals", "tools", "detach", pal_id, tool_id, "--yes")
    assert detached.exit_code == 0, detached.output
    assert cli("pals", "tools", "list", pal_id, "-q").stdout.split() == []
    assert emulator.record("tools", tool_id) is not None


def test_tools_attach_unknown_tool_is_an_api_error(cli: Cli) -> None:
    pal_id = _create(cli)
    result = cli("pals", "tools", "attach", pal_id, "tnope")
    assert result.exit_code == 1
    assert "Tool not found: tnope" in result.output


def test_skills_attach_update_get_detach(cli: Cli) -> None:
    pal_id = _create(cli)
    config = json.dumps({"document_ids": ["d1234567890"]})
    attached = cli("pals", "skills", "attach", pal_id, "presentation", "--config", config, "--json")
    assert attached.exit_code == 0, attached.output
    assert json.loads(attached.stdout)["config"] == {"document_ids": ["d1234567890"]}
    updated = cli.json(
        "pals", "skills", "update", pal_id, "presentation", "--config", '{"slides_trigger": "walk_the_deck"}'
    )
    assert updated["config"] == {"document_ids": ["d1234567890"], "slides_trigger": "walk_the_deck"}
    assert cli("pals", "skills", "list", pal_id, "-q").stdout.split() == ["presentation"]
    assert cli.json("pals", "skills", "get", pal_id, "presentation")["skill_id"] == "presentation"
    assert cli("pals", "skills", "detach", pal_id, "presentation", "--yes").exit_code == 0
    assert cli("pals", "skills", "list", pal_id, "-q").stdout.split() == []


def test_skills_attach_with_a_bad_config_names_the_field(cli: Cli) -> None:
    pal_id = _create(cli)
    result = cli("pals", "skills", "attach", pal_id, "presentation")
    assert result.exit_code == 1
    assert "document_ids" in result.output


def test_skills_replace_from_a_file(cli: Cli, tmp_path: Path) -> None:
    pal_id = _create(cli)
    assert cli("pals", "skills", "attach", pal_id, "magic_canvas").exit_code == 0
    skills = tmp_path / "skills.yaml"
    skills.write_text("internet_search:\n  config: {}\n")
    result = cli("pals", "skills", "replace", pal_id, "--file", str(skills), "--yes", "-q")
    assert result.exit_code == 0, result.output
    assert result.stdout.split() == ["internet_search"]


def test_help_ends_with_an_example() -> None:
    from typer.testing import CliRunner

    from tavus_cli._app import app

    result = CliRunner().invoke(app, ["pals", "tools", "attach", "--help"])
    assert result.exit_code == 0
    assert "tavus pals tools attach p9a95912" in result.stdout


def test_list_walks_every_page_and_max_items_caps_it(cli: Cli) -> None:
    created = [_create(cli) for _ in range(11)]  # more than one page of 10, stock PALs aside
    everything = cli("pals", "list", "-q").stdout.split()
    assert set(created) < set(everything)
    capped = cli("pals", "list", "-q", "--max-items", "3")
    assert capped.stdout.split() == everything[:3]
    assert f"showing the first 3 of {len(everything)}; raise --max-items" in capped.stderr
