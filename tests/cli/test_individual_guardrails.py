"""``tavus guardrails ... -i``: individual guardrails (uuid, tags, app_message) beside the legacy sets."""

from __future__ import annotations

import json

from tavus_sdk.testing import TavusEmulator
from tests.cli.conftest import Cli, Sent


def _create(cli: Cli, name: str = "no_pricing", *extra: str) -> str:
    result = cli("guardrails", "create", "-i", "--name", name, "--prompt", "Never quote prices.", *extra, "-q")
    assert result.exit_code == 0, result.output
    return result.stdout.strip()


def test_create_sends_a_flat_body_and_prints_the_uuid(cli: Cli, emulator: TavusEmulator, sent: Sent) -> None:
    uuid = _create(cli, "no_pricing", "--tag", "sales", "--tag", "pricing", "--no-app-message", "--modality", "visual")
    assert sent.bodies[-1] == {
        "guardrail_name": "no_pricing",
        "guardrail_prompt": "Never quote prices.",
        "tags": ["sales", "pricing"],
        "modality": "visual",
        "app_message": False,
    }
    stored = emulator.record("individual_guardrails", uuid)
    assert stored is not None
    assert (stored["tags"], stored["app_message"], stored["modality"]) == (["sales", "pricing"], False, "visual")
    # A set is still what create makes without -i.
    made = cli("guardrails", "create", "--name", "no_pricing", "--prompt", "Never.", "--json")
    assert made.exit_code == 0, made.output
    assert "guardrails_id" in json.loads(made.stdout)


def test_create_from_a_file_object(cli: Cli, emulator: TavusEmulator) -> None:
    body = {"guardrail_name": "alone", "guardrail_prompt": "Check the participant is alone.", "tags": ["x"]}
    result = cli("guardrails", "create", "-i", "--file", "-", "--json", input=json.dumps(body))
    assert result.exit_code == 0, result.output
    created = json.loads(result.stdout)
    assert {key: created[key] for key in body} == body
    assert created["app_message"] is True


def test_bad_input_exits_2_and_sends_nothing(cli: Cli, sent: Sent) -> None:
    bad_name = cli("guardrails", "create", "-i", "--name", "no pricing", "--prompt", "Never.")
    assert bad_name.exit_code == 2
    assert "guardrail_name" in bad_name.stderr
    tag_on_a_set = cli("guardrails", "create", "--name", "n", "--prompt", "p", "--tag", "x")
    assert tag_on_a_set.exit_code == 2
    assert "--tag apply to individual guardrails only: add --individual (-i)" in tag_on_a_set.stderr
    too_long = cli("guardrails", "create", "-i", "--name", "n", "--prompt", "p", "--tag", "t" * 65)
    assert too_long.exit_code == 2
    assert "tags.0" in too_long.stderr
    assert "Traceback" not in bad_name.output + tag_on_a_set.output + too_long.output
    assert sent.writes() == []


def test_list_filters_by_tag_and_keeps_sets_apart(cli: Cli) -> None:
    sales = _create(cli, "no_pricing", "--tag", "sales")
    other = _create(cli, "be_kind")
    cli("guardrails", "create", "--name", "a_set_item", "--prompt", "p", "-q")
    assert cli("guardrails", "list", "-i", "-q").stdout.split() == [sales, other]
    assert cli("guardrails", "list", "-i", "--tag", "sales", "-q").stdout.split() == [sales]
    rows = json.loads(cli("guardrails", "list", "-i", "--json").stdout)
    assert [row["guardrail_name"] for row in rows] == ["no_pricing", "be_kind"]
    sets = cli("guardrails", "list", "-q").stdout.split()
    assert len(sets) == 1
    assert sets[0] not in (sales, other)


def test_get_patch_and_delete_by_uuid(cli: Cli, emulator: TavusEmulator) -> None:
    uuid = _create(cli)
    shown = json.loads(cli("guardrails", "get", "-i", uuid, "--json").stdout)
    assert shown["uuid"] == uuid
    patched = cli("guardrails", "patch", "-i", uuid, "--set", "/guardrail_prompt=Never discuss prices.", "--json")
    assert patched.exit_code == 0, patched.output
    assert json.loads(patched.stdout)["guardrail_prompt"] == "Never discuss prices."
    wrong = cli("guardrails", "patch", "-i", uuid, "--set", "/data/0/modality=visual")
    assert wrong.exit_code == 2
    refused = cli("guardrails", "delete", uuid)
    assert refused.exit_code != 0
    assert "pass --yes" in refused.stderr
    assert cli("guardrails", "delete", uuid, "--yes").exit_code == 0
    assert emulator.record("individual_guardrails", uuid) is None
    missing = cli("guardrails", "get", "-i", uuid)
    assert missing.exit_code == 1
    assert "Invalid guardrails_id" in missing.stderr


def test_personas_attach_guardrails_by_id(cli: Cli, emulator: TavusEmulator) -> None:
    uuid = _create(cli)
    body = {"persona_name": "Guarded", "system_prompt": "Be helpful.", "guardrail_ids": [uuid]}
    made = cli("personas", "create", "--file", "-", "-q", input=json.dumps(body))
    assert made.exit_code == 0, made.output
    persona = emulator.record("personas", made.stdout.strip())
    assert persona is not None
    assert persona["guardrail_ids"] == [uuid]
    unknown = cli("personas", "create", "--file", "-", input=json.dumps({**body, "guardrail_ids": ["g000000000000"]}))
    assert unknown.exit_code == 1
    assert "Guardrail not found: g000000000000" in unknown.stderr
