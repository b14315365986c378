from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from tavus_sdk.testing import TavusEmulator
from tests.cli.conftest import Cli, Sent


def test_list_piped_is_tab_separated_rows(cli: Cli) -> None:
    result = cli("personas", "list")
    assert result.exit_code == 0
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert rows[[r[0] for r in rows].index("pipecat0")][:3] == ["pipecat0", "pipecat0", "echo"]
    assert all(len(r) == 6 for r in rows)


def test_list_json_is_an_array_of_full_objects(cli: Cli) -> None:
    data = cli.json("personas", "list")
    assert isinstance(data, list)
    assert {"persona_id", "persona_name", "layers"} <= set(next(p for p in data if p["persona_id"] == "pipecat0")) - {
        "layers"
    } | {"layers"}


def test_list_quiet_is_ids_only(cli: Cli, emulator: TavusEmulator) -> None:
    result = cli("personas", "list", "-q")
    assert result.exit_code == 0
    assert result.stdout.split() == [p["persona_id"] for p in emulator.records("personas")]


def test_list_at_a_terminal_is_a_table(cli: Cli) -> None:
    cli.terminal()
    result = cli("personas", "list")
    assert result.exit_code == 0
    assert "default" in result.stdout
    assert "pipecat0" in result.stdout
    assert "\t" not in result.stdout
    assert "│" in result.stdout or "┃" in result.stdout


def test_create_from_flags(cli: Cli, emulator: TavusEmulator) -> None:
    result = cli(
        "personas",
        "create",
        "--name",
        "Front desk",
        "--system-prompt",
        "You greet visitors.",
        "--replica",
        "r79e1c033f",
        "-q",
    )
    assert result.exit_code == 0, result.output
    persona_id = result.stdout.strip()
    record = emulator.record("personas", persona_id)
    assert record["persona_name"] == "Front desk"
    assert record["default_replica_id"] == "r79e1c033f"


def test_create_from_yaml_file_with_flag_override(cli: Cli, emulator: TavusEmulator, tmp_path: Path) -> None:
    body = tmp_path / "persona.yaml"
    body.write_text("persona_name: From file\nsystem_prompt: Be brief.\nlayers:\n  llm:\n    model: tavus-gpt-4o\n")
    data = cli.json("personas", "create", "--file", str(body), "--name", "Flag wins")
    assert data["persona_name"] == "Flag wins"
    assert emulator.record("personas", data["persona_id"])["layers"]["llm"]["model"] == "tavus-gpt-4o"


def test_create_from_stdin_json(cli: Cli, emulator: TavusEmulator) -> None:
    result = cli(
        "personas", "create", "--file", "-", "-q", input=json.dumps({"persona_name": "S", "system_prompt": "x"})
    )
    assert result.exit_code == 0, result.output
    assert emulator.record("personas", result.stdout.strip())["persona_name"] == "S"


@pytest.mark.parametrize(
    ("content", "suffix", "message"),
    [
        ("{not json", ".json", "invalid JSON at line 1"),
        ("a: [1, 2\nb: c", ".yaml", "invalid YAML at line"),
        ("", ".yaml", "it is empty"),
        ("- 1\n- 2\n", ".yaml", "expected an object"),
    ],
)
def test_bad_body_files_exit_2_and_send_nothing(
    cli: Cli, sent: Sent, tmp_path: Path, content: str, suffix: str, message: str
) -> None:
    body = tmp_path / f"persona{suffix}"
    body.write_text(content)
    result = cli("personas", "create", "--file", str(body))
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert sent.requests == []


def test_missing_file_exit_2(cli: Cli, sent: Sent) -> None:
    result = cli("personas", "create", "--file", "nope.yaml")
    assert result.exit_code == 2
    assert "--file nope.yaml: no such file" in result.stderr
    assert sent.requests == []


def test_unknown_field_is_named_with_a_suggestion(cli: Cli, sent: Sent) -> None:
    result = cli("personas", "create", "--file", "-", input='{"persona_name": "x", "sytem_prompt": "y"}')
    assert result.exit_code == 2
    assert "sytem_prompt: unknown field; did you mean 'system_prompt'?" in result.stderr
    assert sent.requests == []


def test_bad_enum_names_the_field_and_the_allowed_values(cli: Cli, sent: Sent) -> None:
    result = cli("personas", "create", "--name", "x", "--system-prompt", "y", "--pipeline-mode", "fast")
    assert result.exit_code == 2
    assert "pipeline_mode: 'fast' is not one of the allowed values: 'full', 'echo'" in result.stderr
    assert sent.requests == []


def test_pipecat_stream_reuses_the_echo_persona(cli: Cli, sent: Sent) -> None:
    first = cli("personas", "create", "--pipecat-stream", "--name", "my-pipecat", "--replica", "r79e1c033f", "-q")
    second = cli("personas", "create", "--pipecat-stream", "--name", "my-pipecat", "-q")
    assert first.exit_code == second.exit_code == 0
    assert first.stdout == second.stdout
    assert sent.writes() == ["POST /personas"]


def test_get_missing_id_is_a_usage_error(cli: Cli, sent: Sent) -> None:
    result = cli("personas", "get")
    assert result.exit_code == 2
    assert "PERSONA_ID" in result.stderr
    assert sent.requests == []


def test_get_unknown_id_is_an_api_error_with_a_hint(cli: Cli) -> None:
    result = cli("personas", "get", "pnope")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: 400 Bad Request on GET /v2/personas/pnope: Invalid persona_id")
    assert "hint:" in result.stderr


def _custom_llm_persona(cli: Cli) -> str:
    body = {
        "persona_name": "Secretive",
        "system_prompt": "x",
        "layers": {"llm": {"model": "my-model", "base_url": "https://llm.example.com/v1", "api_key": "sk-very-secret"}},
    }
    result = cli("personas", "create", "--file", "-", "-q", input=json.dumps(body))
    assert result.exit_code == 0, result.output
    return result.stdout.strip()


@pytest.mark.parametrize("mode", [[], ["--json"]])
def test_secrets_are_masked_unless_show_secrets(cli: Cli, mode: list[str]) -> None:
    persona_id = _custom_llm_persona(cli)
    masked = cli("personas", "get", persona_id, *mode)
    assert "sk-very-secret" not in masked.stdout + masked.stderr
    assert "****" in masked.stdout
    shown = cli("--show-secrets", "personas", "get", persona_id, *mode)
    assert "sk-very-secret" in shown.stdout


def test_patch_dry_run_shows_the_change_and_sends_nothing(cli: Cli, sent: Sent, emulator: TavusEmulator) -> None:
    persona_id = _custom_llm_persona(cli)
    sent.requests.clear()
    result = cli("personas", "patch", persona_id, "--set", "/layers/llm/model=tavus-gpt-4o", "--dry-run")
    assert result.exit_code == 0, result.output
    assert "replace /layers/llm/model" in result.stdout
    assert "- layers.llm.model: my-model" in result.stdout
    assert "+ layers.llm.model: tavus-gpt-4o" in result.stdout
    assert sent.writes() == []
    assert emulator.record("personas", persona_id)["layers"]["llm"]["model"] == "my-model"


def test_patch_set_and_remove_change_the_persona(cli: Cli, emulator: TavusEmulator) -> None:
    persona_id = _custom_llm_persona(cli)
    result = cli(
        "personas",
        "patch",
        persona_id,
        "--set",
        "/persona_name=Renamed",
        "--set",
        "/context=New context",
        "--remove",
        "/layers/llm/base_url",
        "--set",
        "/layers/llm/base_url=https://other.example.com/v1",
    )
    assert result.exit_code == 0, result.output
    record = emulator.record("personas", persona_id)
    assert record["persona_name"] == "Renamed"
    assert record["context"] == "New context"
    assert record["layers"]["llm"]["base_url"] == "https://other.example.com/v1"
    assert record["layers"]["llm"]["api_key"] == "sk-very-secret"  # the mask was never sent back


def test_patch_bad_path_suggests_and_sends_nothing(cli: Cli, sent: Sent) -> None:
    result = cli("personas", "patch", "pipecat0", "--set", "/layers/llm/modle=x")
    assert result.exit_code == 2
    assert "did you mean" in result.stderr
    assert "model" in result.stderr
    assert sent.requests == []


def test_patch_ops_file(cli: Cli, emulator: TavusEmulator, tmp_path: Path) -> None:
    persona_id = _custom_llm_persona(cli)
    ops = tmp_path / "ops.json"
    ops.write_text(json.dumps([{"op": "replace", "path": "/persona_name", "value": "From ops"}]))
    result = cli("personas", "patch", persona_id, "--ops-file", str(ops), "-q")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == persona_id
    assert emulator.record("personas", persona_id)["persona_name"] == "From ops"


def test_patch_malformed_op_exit_2(cli: Cli, sent: Sent, tmp_path: Path) -> None:
    ops = tmp_path / "ops.json"
    ops.write_text(json.dumps([{"op": "rename", "path": "/persona_name"}]))
    result = cli("personas", "patch", "pipecat0", "--ops-file", str(ops))
    assert result.exit_code == 2
    assert "rename" in result.stderr
    assert sent.requests == []


def _editor(tmp_path: Path, script: str) -> str:
    path = tmp_path / "editor.py"
    path.write_text(script)
    return f"{sys.executable} {path}"


@pytest.mark.slow
def test_edit_sends_the_minimal_patch_after_confirmation(cli: Cli, emulator: TavusEmulator, tmp_path: Path) -> None:
    persona_id = _custom_llm_persona(cli)
    editor = _editor(
        tmp_path,
        "import sys, pathlib\np = pathlib.Path(sys.argv[1])\n"
        "p.write_text(p.read_text().replace('persona_name: Secretive', 'persona_name: Edited'))\n",
    )
    cli.terminal()
    result = cli("personas", "edit", persona_id, input="y\n", env={"EDITOR": editor, "VISUAL": ""})
    assert result.exit_code == 0, result.output
    assert "replace /persona_name" in result.stdout
    record = emulator.record("personas", persona_id)
    assert record["persona_name"] == "Edited"
    assert record["layers"]["llm"]["api_key"] == "sk-very-secret"


@pytest.mark.slow
def test_edit_declined_changes_nothing(cli: Cli, emulator: TavusEmulator, sent: Sent, tmp_path: Path) -> None:
    persona_id = _custom_llm_persona(cli)
    editor = _editor(
        tmp_path,
        "import sys, pathlib\np = pathlib.Path(sys.argv[1])\np.write_text(p.read_text().replace('Secretive', 'X'))\n",
    )
    cli.terminal()
    sent.requests.clear()
    result = cli("personas", "edit", persona_id, input="n\n", env={"EDITOR": editor, "VISUAL": ""})
    assert result.exit_code == 1
    assert "nothing was changed" in result.stderr
    assert sent.writes() == []
    assert emulator.record("personas", persona_id)["persona_name"] == "Secretive"


def test_delete_refuses_without_yes_off_a_terminal(cli: Cli, sent: Sent) -> None:
    persona_id = _custom_llm_persona(cli)
    sent.requests.clear()
    result = cli("personas", "delete", persona_id)
    assert result.exit_code == 2
    assert "pass --yes" in result.stderr
    assert sent.requests == []


def test_delete_asks_at_a_terminal(cli: Cli, emulator: TavusEmulator) -> None:
    persona_id = _custom_llm_persona(cli)
    cli.terminal()
    result = cli("personas", "delete", persona_id, input="y\n")
    assert result.exit_code == 0, result.output
    assert f"deleted persona {persona_id}" in result.stdout
    assert persona_id not in {p["persona_id"] for p in emulator.records("personas")}


def test_delete_reports_failures_and_exits_1(cli: Cli, emulator: TavusEmulator) -> None:
    persona_id = _custom_llm_persona(cli)
    result = cli("personas", "delete", persona_id, "pnope", "--yes", "--json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["deleted"] == [persona_id]
    assert data["failed"][0]["id"] == "pnope"


def test_an_empty_id_is_a_usage_error(cli: Cli, sent: Sent) -> None:
    result = cli("personas", "get", "")
    assert result.exit_code == 2
    assert result.stderr == "error: an id cannot be empty\n"
    assert sent.requests == []


def test_patch_dry_run_lists_operations_and_field_changes(cli: Cli) -> None:
    persona_id = _custom_llm_persona(cli)
    result = cli(
        "personas", "patch", persona_id, "--set", "/layers/llm/model=tavus-gpt-4o", "--set", "/context=New", "--dry-run"
    )
    assert result.exit_code == 0, result.output
    assert "replace /layers/llm/model" in result.stdout
    assert "replace /context" in result.stdout
    assert "+ context: New" in result.stdout


def test_unknown_fields_can_be_sent_on_purpose(cli: Cli, sent: Sent) -> None:
    body = json.dumps({"persona_name": "x", "system_prompt": "y", "field_from_next_year": {"on": True}})
    refused = cli("personas", "create", "--file", "-", input=body)
    assert refused.exit_code == 2
    assert "--allow-unknown-fields" in refused.stderr
    assert sent.requests == []
    result = cli("--allow-unknown-fields", "personas", "create", "--file", "-", "-q", input=body)
    assert result.exit_code == 0, result.output
    assert sent.bodies[-1]["field_from_next_year"] == {"on": True}


def test_allow_unknown_fields_still_checks_the_known_ones(cli: Cli, sent: Sent) -> None:
    body = json.dumps({"persona_name": "x", "system_prompt": "y", "pipeline_mode": "fast", "new_thing": 1})
    result = cli("--allow-unknown-fields", "personas", "create", "--file", "-", input=body)
    assert result.exit_code == 2
    assert "pipeline_mode: 'fast' is not one of the allowed values" in result.stderr
    assert "new_thing" not in result.stderr
    assert sent.requests == []


def test_list_walks_every_page_and_max_items_caps_it(cli: Cli, emulator: TavusEmulator) -> None:
    everything = [p["persona_id"] for p in emulator.records("personas")]
    assert len(everything) > 10  # more than one page of Tavus's default size
    assert cli("personas", "list", "-q").stdout.split() == everything
    capped = cli("personas", "list", "-q", "--max-items", "3")
    assert capped.exit_code == 0
    assert capped.stdout.split() == everything[:3]
    assert f"showing the first 3 of {len(everything)}; raise --max-items" in capped.stderr
    assert cli("personas", "list", "--max-items", "0").exit_code == 2
