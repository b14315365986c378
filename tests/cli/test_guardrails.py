from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

from tavus_sdk.testing import TavusEmulator
from tests.cli.conftest import Cli, Sent

COMPLIANCE = {
    "data": [
        {
            "guardrail_name": "healthcare_compliance",
            "guardrail_prompt": "Never give medical advice outside approved guidelines.",
            "callback_url": "https://example.com/guardrails",
        },
        {"guardrail_name": "alone", "guardrail_prompt": "Check the participant is alone.", "modality": "visual"},
    ]
}


def _create(cli: Cli) -> str:
    result = cli("guardrails", "create", "--file", "-", "-q", input=json.dumps(COMPLIANCE))
    assert result.exit_code == 0, result.output
    return result.stdout.strip()


def _items(emulator: TavusEmulator, guardrails_id: str) -> list[dict[str, Any]]:
    record = emulator.record("guardrails", guardrails_id)
    assert record is not None
    return list(record["data"])


def test_create_from_json_with_defaults_filled_in(cli: Cli, emulator: TavusEmulator) -> None:
    guardrails_id = _create(cli)
    items = _items(emulator, guardrails_id)
    assert [i["guardrail_name"] for i in items] == ["healthcare_compliance", "alone"]
    assert [i["modality"] for i in items] == ["verbal", "visual"]


def test_create_from_a_yaml_list_plus_flags(cli: Cli, emulator: TavusEmulator, tmp_path: Path) -> None:
    body = tmp_path / "compliance.yaml"
    body.write_text("- guardrail_name: no_competitors\n  guardrail_prompt: Never discuss competitors.\n")
    result = cli("guardrails", "create", "-f", str(body), "--name", "no_prices", "--prompt", "Never quote prices.")
    assert result.exit_code == 0, result.output
    rows = dict(line.split("\t", 1) for line in result.stdout.splitlines())
    assert rows["status"] == "active"
    items = _items(emulator, rows["guardrails_id"])
    assert [i["guardrail_name"] for i in items] == ["no_competitors", "no_prices"]
    assert items[1]["guardrail_prompt"] == "Never quote prices."


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        ([], None, "nothing to create: give --file with a list of guardrails, or --name and --prompt"),
        (["--prompt", "Never quote prices."], None, "data.0.guardrail_name: is required"),
        (["--file", "-"], '{"data": []}', "nothing to create"),
        # The older plural names are corrected to the singular ones the API takes, never the other way round.
        (["--file", "-"], '[{"guardrails_name": "a", "guardrail_prompt": "b"}]', "did you mean 'guardrail_name'?"),
        (["--file", "-"], '[{"guardrail_name": "a", "guardrail_prompt": 3}]', "data.0.guardrail_prompt"),
        (["--name", "no prices", "--prompt", "Never."], None, "data.0.guardrail_name"),
        (["--file", "-"], '{"data": [1, 2', "invalid"),
    ],
)
def test_bad_input_exits_2_and_sends_nothing(
    cli: Cli, sent: Sent, args: list[str], stdin: str | None, message: str
) -> None:
    result = cli("guardrails", "create", *args, input=stdin)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert sent.requests == []


def test_list_rows_json_and_ids(cli: Cli) -> None:
    guardrails_id = _create(cli)
    rows = [line.split("\t") for line in cli("guardrails", "list").stdout.splitlines()]
    assert [r[:3] for r in rows] == [[guardrails_id, "2", "healthcare_compliance, alone"]]
    data = cli.json("guardrails", "list")
    assert [s["guardrails_id"] for s in data] == [guardrails_id]
    assert data[0]["data"][1]["modality"] == "visual"
    assert cli("guardrails", "list", "-q").stdout.split() == [guardrails_id]


def test_get_json_and_unknown_id(cli: Cli, emulator: TavusEmulator) -> None:
    guardrails_id = _create(cli)
    assert cli.json("guardrails", "get", guardrails_id)["data"] == _items(emulator, guardrails_id)
    missing = cli("guardrails", "get", "gnope")
    assert missing.exit_code == 1
    assert "Invalid guardrails_id" in missing.stderr


def test_patch_set_remove_and_dry_run(cli: Cli, emulator: TavusEmulator, sent: Sent) -> None:
    guardrails_id = _create(cli)
    sent.requests.clear()
    preview = cli("guardrails", "patch", guardrails_id, "--set", "/data/0/modality=visual", "--dry-run", "--json")
    assert preview.exit_code == 0, preview.output
    shown = json.loads(preview.stdout)
    assert shown["operations"] == [{"op": "replace", "path": "/data/0/modality", "value": "visual"}]
    assert shown["result"]["data"][0]["modality"] == "visual"
    assert sent.writes() == []
    assert _items(emulator, guardrails_id)[0]["modality"] == "verbal"
    result = cli(
        "guardrails", "patch", guardrails_id, "--set", "/data/0/guardrail_prompt=Never quote prices.",
        "--remove", "/data/0/callback_url",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    item = _items(emulator, guardrails_id)[0]
    assert item["guardrail_prompt"] == "Never quote prices."
    assert "callback_url" not in item


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--set", "/data/0/guardrails_prompt=x"], 'did you mean "/data/0/guardrail_prompt"?'),
        (["--set", "/data/0/objective_prompt=x"], "is not a field of Guardrail"),
        (["--remove", "/guardrails_id"], "is read-only"),
    ],
)
def test_patch_bad_paths_are_refused_and_nothing_is_sent(cli: Cli, sent: Sent, args: list[str], message: str) -> None:
    guardrails_id = _create(cli)
    sent.requests.clear()
    result = cli("guardrails", "patch", guardrails_id, *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert sent.requests == []


@pytest.mark.slow
def test_edit_sends_the_change_once_confirmed(cli: Cli, emulator: TavusEmulator, tmp_path: Path) -> None:
    guardrails_id = _create(cli)
    script = tmp_path / "editor.py"
    script.write_text(
        "import sys, pathlib\np = pathlib.Path(sys.argv[1])\n"
        "p.write_text(p.read_text().replace('guardrail_name: alone', 'guardrail_name: participant_alone'))\n"
    )
    env = {"EDITOR": f"{sys.executable} {script}", "VISUAL": ""}
    dry = cli("guardrails", "edit", guardrails_id, "--dry-run", env=env)
    assert dry.exit_code == 0, dry.output
    assert "replace /data/1/guardrail_name" in dry.stdout
    assert _items(emulator, guardrails_id)[1]["guardrail_name"] == "alone"
    cli.terminal()
    result = cli("guardrails", "edit", guardrails_id, input="y\n", env=env)
    assert result.exit_code == 0, result.output
    assert _items(emulator, guardrails_id)[1]["guardrail_name"] == "participant_alone"


def test_delete_confirmation_and_state(cli: Cli, emulator: TavusEmulator, sent: Sent) -> None:
    guardrails_id = _create(cli)
    sent.requests.clear()
    refused = cli("guardrails", "delete", guardrails_id)
    assert refused.exit_code == 2
    assert "pass --yes" in refused.stderr
    assert sent.requests == []
    cli.terminal()
    asked = cli("guardrails", "delete", guardrails_id, input="y\n")
    assert asked.exit_code == 0, asked.output
    assert f"Delete 1 guardrail set ({guardrails_id})?" in asked.stderr
    assert emulator.record("guardrails", guardrails_id) is None


def test_delete_with_yes_reports_failures_and_exits_1(cli: Cli, emulator: TavusEmulator) -> None:
    guardrails_id = _create(cli)
    result = cli("guardrails", "delete", guardrails_id, "gnope", "--yes", "--json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["deleted"] == [guardrails_id]
    assert [f["id"] for f in data["failed"]] == ["gnope"]
    assert emulator.records("guardrails") == []
