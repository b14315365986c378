from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

from tavus_sdk.testing import TavusEmulator
from tests.cli.conftest import Cli, Sent

INTAKE = """\
- objective_name: check_patient_status
  objective_prompt: Ask the patient if they are new or are returning.
  next_required_objective: get_patient_name
- objective_name: get_patient_name
  objective_prompt: Ask for the patient's full name.
  output_variables: [patient_name]
  callback_url: https://example.com/objectives
"""


def _create(cli: Cli, tmp_path: Path) -> str:
    body = tmp_path / "intake.yaml"
    body.write_text(INTAKE)
    result = cli("objectives", "create", "--file", str(body), "-q")
    assert result.exit_code == 0, result.output
    return result.stdout.strip()


def _items(emulator: TavusEmulator, objectives_id: str) -> list[dict[str, Any]]:
    record = emulator.record("objectives", objectives_id)
    assert record is not None
    return list(record["data"])


# -- create ---------------------------------------------------------------------------------------------------


def test_create_from_a_yaml_list(cli: Cli, emulator: TavusEmulator, tmp_path: Path) -> None:
    objectives_id = _create(cli, tmp_path)
    items = _items(emulator, objectives_id)
    assert [i["objective_name"] for i in items] == ["check_patient_status", "get_patient_name"]
    assert items[1]["output_variables"] == ["patient_name"]
    assert items[0]["confirmation_mode"] == "auto"  # the API's default, filled in


def test_create_prints_the_answer_tavus_gives(cli: Cli, tmp_path: Path) -> None:
    body = tmp_path / "intake.yaml"
    body.write_text(INTAKE)
    result = cli("objectives", "create", "--file", str(body))
    assert result.exit_code == 0, result.output
    rows = dict(line.split("\t", 1) for line in result.stdout.splitlines())
    assert (rows["objective_name"], rows["status"]) == ("check_patient_status", "active")
    assert rows["objectives_id"].startswith("o")


def test_create_from_a_json_object_with_a_flagged_objective_appended(cli: Cli, emulator: TavusEmulator) -> None:
    body = {"data": [{"objective_name": "greet", "objective_prompt": "Greet the visitor."}]}
    flags = ["--name", "wrap_up", "--prompt", "Say goodbye."]
    result = cli("objectives", "create", "--file", "-", *flags, "--json", input=json.dumps(body))
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [i["objective_name"] for i in _items(emulator, data["objectives_id"])] == ["greet", "wrap_up"]
    prompts = [i["objective_prompt"] for i in _items(emulator, data["objectives_id"])]
    assert prompts == ["Greet the visitor.", "Say goodbye."]


def test_create_from_flags_alone(cli: Cli, emulator: TavusEmulator) -> None:
    result = cli("objectives", "create", "--name", "get_name", "--prompt", "Ask for the name.", "-q")
    assert result.exit_code == 0, result.output
    assert _items(emulator, result.stdout.strip())[0]["objective_name"] == "get_name"


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        ([], None, "nothing to create: give --file with a list of objectives, or --name and --prompt"),
        (["--name", "get_name"], None, "data.0.objective_prompt: is required"),
        (["--file", "-"], "[]", "nothing to create"),
        (["--file", "-"], "just text", "expected a list of objectives, or an object with data: [...]"),
        (["--file", "-"], '{"data": "get_name"}', "data must be a list of objectives"),
        (["--file", "-"], "- {objective_name: a, objectiv_prompt: b}", "did you mean 'objective_prompt'?"),
        (["--file", "-"], "- {objective_name: a, objective_prompt: b, modality: smell}", "'smell' is not one of"),
        (["--file", "missing.yaml"], None, "--file missing.yaml: no such file"),
        (["--name", "a", "--prompt", "b", "--json", "-q"], None, "--json and --quiet cannot be combined"),
    ],
)
def test_bad_input_exits_2_and_sends_nothing(
    cli: Cli, sent: Sent, args: list[str], stdin: str | None, message: str
) -> None:
    result = cli("objectives", "create", *args, input=stdin)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert sent.requests == []


def test_create_refused_by_the_api_is_exit_1(cli: Cli, emulator: TavusEmulator) -> None:
    result = cli("objectives", "create", "--name", "a", "--prompt", "b", "--file", "-", input="data: []")
    assert result.exit_code == 0, result.output  # an empty file list plus one flagged objective is a valid set
    dangling = "- {objective_name: a, objective_prompt: b, next_required_objective: nowhere}"
    refused = cli("objectives", "create", "--file", "-", input=dangling)
    assert refused.exit_code == 1
    assert "'nowhere' is not the objective_name of an objective in this set" in refused.stderr
    assert len(emulator.records("objectives")) == 1


# -- list and get ---------------------------------------------------------------------------------------------


def test_list_rows_json_ids_and_table(cli: Cli, emulator: TavusEmulator, tmp_path: Path) -> None:
    objectives_id = _create(cli, tmp_path)
    rows = [line.split("\t") for line in cli("objectives", "list").stdout.splitlines()]
    assert [r[:3] for r in rows] == [[objectives_id, "2", "check_patient_status, get_patient_name"]]
    data = cli.json("objectives", "list")
    assert [(s["objectives_id"], s["data"]) for s in data] == [(objectives_id, _items(emulator, objectives_id))]
    assert cli("objectives", "list", "-q").stdout.split() == [objectives_id]
    cli.terminal()
    table = cli("objectives", "list")
    assert "┃ objectives ┃ names" in table.stdout
    assert "\t" not in table.stdout
    assert "1 shown" in table.stdout


def test_get_plain_json_and_unknown_id(cli: Cli, emulator: TavusEmulator, tmp_path: Path) -> None:
    objectives_id = _create(cli, tmp_path)
    rows = cli("objectives", "get", objectives_id).stdout.splitlines()
    assert "data.1.objective_name\tget_patient_name" in rows
    data = cli.json("objectives", "get", objectives_id)
    assert data["data"] == _items(emulator, objectives_id)
    assert data["created_at"].startswith("20")
    missing = cli("objectives", "get", "onope")
    assert missing.exit_code == 1
    assert "Invalid objectives_id" in missing.stderr


# -- patch ----------------------------------------------------------------------------------------------------


def test_patch_set_and_remove(cli: Cli, emulator: TavusEmulator, tmp_path: Path) -> None:
    objectives_id = _create(cli, tmp_path)
    result = cli(
        "objectives", "patch", objectives_id,
        "--set", "/data/1/confirmation_mode=manual",
        "--set", '/data/1/output_variables=["patient_name", "date_of_birth"]',
        "--remove", "/data/1/callback_url",
        "--set", '/data/2={"objective_name": "wrap_up", "objective_prompt": "Say goodbye."}',
        "-q",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == objectives_id
    assert "patched objective set" in result.stderr
    items = _items(emulator, objectives_id)
    assert items[1]["confirmation_mode"] == "manual"
    assert items[1]["output_variables"] == ["patient_name", "date_of_birth"]
    assert "callback_url" not in items[1]
    assert items[2]["objective_name"] == "wrap_up"


def test_patch_ops_file_appends(cli: Cli, emulator: TavusEmulator, tmp_path: Path) -> None:
    objectives_id = _create(cli, tmp_path)
    ops = "- {op: add, path: /data/-, value: {objective_name: wrap_up, objective_prompt: Say goodbye.}}\n"
    result = cli("objectives", "patch", objectives_id, "--ops-file", "-", "--json", input=ops)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["data"][-1]["objective_name"] == "wrap_up"
    assert len(_items(emulator, objectives_id)) == 3


def test_patch_dry_run_shows_the_change_and_sends_nothing(
    cli: Cli, emulator: TavusEmulator, sent: Sent, tmp_path: Path
) -> None:
    objectives_id = _create(cli, tmp_path)
    sent.requests.clear()
    result = cli(
        "objectives", "patch", objectives_id, "--set", "/data/0/objective_prompt=Ask if they are new.", "--dry-run"
    )
    assert result.exit_code == 0, result.output
    assert "replace /data/0/objective_prompt" in result.stdout
    assert "Ask if they are new." in result.stdout
    assert "dry run: 1 operation(s) not sent" in result.stderr
    assert sent.writes() == []
    assert _items(emulator, objectives_id)[0]["objective_prompt"].startswith("Ask the patient")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--set", "/data/0/objectiv_name=x"], 'did you mean "/data/0/objective_name"?'),
        (["--remove", "/data/0/objective_promt"], 'did you mean "/data/0/objective_prompt"?'),
        (["--set", "/objectives_id=o1"], "is read-only"),
        (["--set", "data/0/objective_name=x"], "expected /json/pointer=value"),
        ([], "nothing to change: give --set, --remove or --ops-file"),
    ],
)
def test_patch_bad_paths_are_refused_and_nothing_is_sent(
    cli: Cli, sent: Sent, emulator: TavusEmulator, tmp_path: Path, args: list[str], message: str
) -> None:
    objectives_id = _create(cli, tmp_path)
    before = _items(emulator, objectives_id)
    sent.requests.clear()
    result = cli("objectives", "patch", objectives_id, *args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert sent.requests == []
    assert _items(emulator, objectives_id) == before


def test_patch_refused_by_the_api_is_exit_1_and_changes_nothing(
    cli: Cli, emulator: TavusEmulator, tmp_path: Path
) -> None:
    objectives_id = _create(cli, tmp_path)
    # Removing the objective that the first one names as next leaves a dangling reference.
    result = cli("objectives", "patch", objectives_id, "--remove", "/data/1")
    assert result.exit_code == 1
    assert "'get_patient_name' is not the objective_name" in result.stderr
    assert len(_items(emulator, objectives_id)) == 2


# -- edit -----------------------------------------------------------------------------------------------------


def _editor(tmp_path: Path, old: str, new: str) -> dict[str, str]:
    script = tmp_path / "editor.py"
    script.write_text(
        f"import sys, pathlib\np = pathlib.Path(sys.argv[1])\np.write_text(p.read_text().replace({old!r}, {new!r}))\n"
    )
    return {"EDITOR": f"{sys.executable} {script}", "VISUAL": ""}


@pytest.mark.slow
def test_edit_sends_the_minimal_patch_after_confirmation(cli: Cli, emulator: TavusEmulator, tmp_path: Path) -> None:
    objectives_id = _create(cli, tmp_path)
    cli.terminal()
    env = _editor(tmp_path, "Ask for the patient's full name.", "Ask for the full name.")
    result = cli("objectives", "edit", objectives_id, input="y\n", env=env)
    assert result.exit_code == 0, result.output
    assert "replace /data/1/objective_prompt" in result.stdout
    assert _items(emulator, objectives_id)[1]["objective_prompt"] == "Ask for the full name."


@pytest.mark.slow
def test_edit_off_a_terminal_needs_yes(cli: Cli, emulator: TavusEmulator, sent: Sent, tmp_path: Path) -> None:
    objectives_id = _create(cli, tmp_path)
    env = _editor(tmp_path, "modality: verbal", "modality: visual")
    sent.requests.clear()
    refused = cli("objectives", "edit", objectives_id, env=env)
    assert refused.exit_code == 2
    assert "pass --yes" in refused.stderr
    assert sent.writes() == []
    accepted = cli("objectives", "edit", objectives_id, "--yes", env=env)
    assert accepted.exit_code == 0, accepted.output
    assert [i["modality"] for i in _items(emulator, objectives_id)] == ["visual", "visual"]


@pytest.mark.slow
def test_edit_with_a_typo_is_refused(cli: Cli, emulator: TavusEmulator, sent: Sent, tmp_path: Path) -> None:
    objectives_id = _create(cli, tmp_path)
    sent.requests.clear()
    result = cli("objectives", "edit", objectives_id, "--yes", env=_editor(tmp_path, "modality:", "modalty:"))
    assert result.exit_code == 2
    assert "did you mean" in result.stderr
    assert sent.writes() == []


# -- delete ---------------------------------------------------------------------------------------------------


def test_delete_refuses_without_yes_off_a_terminal(
    cli: Cli, emulator: TavusEmulator, sent: Sent, tmp_path: Path
) -> None:
    objectives_id = _create(cli, tmp_path)
    sent.requests.clear()
    result = cli("objectives", "delete", objectives_id)
    assert result.exit_code == 2
    assert "pass --yes" in result.stderr
    assert sent.requests == []
    assert emulator.record("objectives", objectives_id) is not None


def test_delete_asks_at_a_terminal_and_detaches_personas(cli: Cli, emulator: TavusEmulator, tmp_path: Path) -> None:
    objectives_id = _create(cli, tmp_path)
    persona = cli("personas", "create", "--name", "Intake", "--system-prompt", "x", "--objectives", objectives_id, "-q")
    persona_id = persona.stdout.strip()
    cli.terminal()
    declined = cli("objectives", "delete", objectives_id, input="n\n")
    assert declined.exit_code == 1
    assert emulator.record("objectives", objectives_id) is not None
    result = cli("objectives", "delete", objectives_id, input="y\n")
    assert result.exit_code == 0, result.output
    assert f"Delete 1 objective set ({objectives_id})?" in result.stderr
    assert f"deleted objective set {objectives_id}" in result.stdout
    assert emulator.record("objectives", objectives_id) is None
    persona_record = emulator.record("personas", persona_id)
    assert persona_record is not None
    assert persona_record.get("objectives_id") is None


def test_delete_reports_failures_and_exits_1(cli: Cli, emulator: TavusEmulator, tmp_path: Path) -> None:
    objectives_id = _create(cli, tmp_path)
    result = cli("objectives", "delete", objectives_id, "onope", "--yes", "-q")
    assert result.exit_code == 1
    assert result.stdout.split() == [objectives_id]
    assert "1 of 2 failed" in result.stderr
    assert emulator.records("objectives") == []
