from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

from tavus_sdk.testing import TavusEmulator
from tests.cli.conftest import Cli, Sent

GROUP = "pronunciation-dictionaries"


def _create(cli: Cli, *args: str) -> str:
    result = cli(GROUP, "create", "--name", "Brand Terms", "--rule", "Tavus=TAH-vus", *args, "-q")
    assert result.exit_code == 0, result.output
    return result.stdout.strip()


def _record(emulator: TavusEmulator, dictionary_id: str) -> dict[str, Any]:
    record = emulator.record("pronunciation_dictionaries", dictionary_id)
    assert record is not None
    return record


def test_create_from_flags_and_from_a_file(cli: Cli, emulator: TavusEmulator, tmp_path: Path) -> None:
    dictionary_id = _create(cli, "--ipa", "GIF=dʒɪf")  # noqa: RUF001 - an IPA string is the point
    assert [(r["text"], r["type"]) for r in _record(emulator, dictionary_id)["rules"]] == [
        ("Tavus", "alias"),
        ("GIF", "ipa"),
    ]
    body = tmp_path / "terms.yaml"
    body.write_text("name: Medical\nrules:\n  - {text: CVI, pronunciation: see vee eye, type: alias}\n")
    created = cli.json(GROUP, "create", "--file", str(body), "--rule", "EHR=E H R")
    assert (created["name"], created["rules_count"]) == ("Medical", 2)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--rule", "Tavus"], "--rule 'Tavus': expected TEXT=PRONUNCIATION"),
        (["--name", "x", "--rule", "=nothing"], "expected TEXT=PRONUNCIATION"),
        ([], "name: is required"),
        (["--name", "x" * 256], "name: "),
    ],
)
def test_bad_input_exits_2_and_sends_nothing(cli: Cli, sent: Sent, args: list[str], message: str) -> None:
    result = cli(GROUP, "create", *args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert sent.requests == []


def test_duplicate_texts_are_refused_by_the_api(cli: Cli, emulator: TavusEmulator) -> None:
    result = cli(GROUP, "create", "--name", "x", "--rule", "a=b", "--rule", "a=c")
    assert result.exit_code == 1
    assert "duplicate text values in rules" in result.stderr
    assert emulator.records("pronunciation_dictionaries") == []


def test_list_get_and_rules_count(cli: Cli, emulator: TavusEmulator) -> None:
    first = _create(cli)
    emulator.advance(1)
    second = _create(cli, "--rule", "CVI=see vee eye")
    assert cli(GROUP, "list", "-q").stdout.split() == [second, first]  # newest first
    assert cli(GROUP, "list", "--oldest-first", "-q").stdout.split() == [first, second]
    rows = [line.split("\t") for line in cli(GROUP, "list").stdout.splitlines()]
    assert [row[:3] for row in rows] == [[second, "Brand Terms", "2"], [first, "Brand Terms", "1"]]
    got = cli(GROUP, "get", first).stdout.splitlines()
    assert "rules.0.text\tTavus" in got


def test_patch_set_dry_run_and_304(cli: Cli, emulator: TavusEmulator, sent: Sent) -> None:
    dictionary_id = _create(cli)
    sent.requests.clear()
    preview = cli(GROUP, "patch", dictionary_id, "--set", "/rules/0/pronunciation=TAH-vuss", "--dry-run", "--json")
    assert preview.exit_code == 0, preview.output
    assert json.loads(preview.stdout)["operations"] == [
        {"op": "replace", "path": "/rules/0/pronunciation", "value": "TAH-vuss"}
    ]
    assert sent.writes() == []
    renamed = cli.json(GROUP, "patch", dictionary_id, "--set", "/name=Updated Brand Terms")
    assert renamed["name"] == "Updated Brand Terms"
    # The same value again: Tavus answers 304 and the command still shows the dictionary.
    same = cli.json(GROUP, "patch", dictionary_id, "--set", "/name=Updated Brand Terms")
    assert same == renamed
    bad = cli(GROUP, "patch", dictionary_id, "--set", "/nmae=x")
    assert bad.exit_code == 2
    assert 'did you mean "/name"?' in bad.stderr


@pytest.mark.slow
def test_edit_sends_the_change_once_confirmed(cli: Cli, emulator: TavusEmulator, tmp_path: Path) -> None:
    dictionary_id = _create(cli)
    script = tmp_path / "editor.py"
    script.write_text(
        "import sys, pathlib\np = pathlib.Path(sys.argv[1])\n"
        "p.write_text(p.read_text().replace('TAH-vus', 'TAY-vus'))\n"
    )
    env = {"EDITOR": f"{sys.executable} {script}", "VISUAL": ""}
    cli.terminal()
    result = cli(GROUP, "edit", dictionary_id, input="y\n", env=env)
    assert result.exit_code == 0, result.output
    assert _record(emulator, dictionary_id)["rules"][0]["pronunciation"] == "TAY-vus"


def test_delete_asks_first(cli: Cli, emulator: TavusEmulator, sent: Sent) -> None:
    dictionary_id = _create(cli)
    sent.requests.clear()
    refused = cli(GROUP, "delete", dictionary_id)
    assert refused.exit_code == 2
    assert sent.requests == []
    result = cli(GROUP, "delete", dictionary_id, "--yes")
    assert result.exit_code == 0, result.output
    assert emulator.record("pronunciation_dictionaries", dictionary_id) is None
    missing = cli(GROUP, "get", dictionary_id)
    assert missing.exit_code == 1
    assert "Pronunciation dictionary not found" in missing.stderr
