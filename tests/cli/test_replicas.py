from __future__ import annotations

import json
from pathlib import Path

import pytest

from tavus_sdk.testing import TavusEmulator
from tavus_sdk.testing.handlers.replicas import VIDEO_FORMAT_ERROR
from tests.cli.conftest import Cli, Sent

TRAIN_URL = "https://bucket.example.com/train.mp4"
STOCK = "r79e1c033f"


def _create(cli: Cli, *extra: str, train_url: str = TRAIN_URL) -> str:
    result = cli("replicas", "create", "--train-video-url", train_url, "--name", "Anna", *extra, "-q")
    assert result.exit_code == 0, result.output
    return result.stdout.strip()


# -- create ----------------------------------------------------------------------------------------------------


def test_create_from_flags_starts_training(cli: Cli, emulator: TavusEmulator) -> None:
    replica_id = _create(cli, "--model-name", "phoenix-2", "--callback-url", "https://hooks.example.com/r")
    record = emulator.record("replicas", replica_id)
    assert record is not None
    assert record["replica_name"] == "Anna"
    assert record["model_name"] == "phoenix-2"
    assert record["status"] == "started"


def test_create_prints_the_replica(cli: Cli) -> None:
    data = cli.json("replicas", "create", "--train-video-url", TRAIN_URL, "--name", "Anna")
    assert data["replica_name"] == "Anna"
    assert data["status"] == "started"
    assert data["training_progress"] == "0/100"


def test_create_personal_replica_with_consent(cli: Cli, emulator: TavusEmulator) -> None:
    replica_id = _create(cli, "--consent-video-url", "https://bucket.example.com/consent.mp4")
    record = emulator.record("replicas", replica_id)
    assert record is not None
    assert record["replica_type"] == "personal"


def test_create_from_yaml_file_with_flag_override(cli: Cli, emulator: TavusEmulator, tmp_path: Path) -> None:
    body = tmp_path / "replica.yaml"
    body.write_text(f"train_video_url: {TRAIN_URL}\nreplica_name: From file\nmodel_name: phoenix-2\n")
    result = cli("replicas", "create", "--file", str(body), "--name", "Flag wins", "-q")
    assert result.exit_code == 0, result.output
    record = emulator.record("replicas", result.stdout.strip())
    assert record is not None
    assert (record["replica_name"], record["model_name"]) == ("Flag wins", "phoenix-2")


def test_create_without_training_video_exit_2_and_sends_nothing(cli: Cli, sent: Sent) -> None:
    result = cli("replicas", "create", "--name", "Anna")
    assert result.exit_code == 2
    assert "train_video_url: is required" in result.stderr
    assert sent.requests == []


def test_create_from_an_image_as_the_docs_send_it(cli: Cli, emulator: TavusEmulator) -> None:
    # docs.tavus.io/api-reference/phoenix-replica-model/create-replica: train_image_url + voice_name
    body = json.dumps({"train_image_url": "https://cdn.example.com/face.png", "voice_name": "anna"})
    result = cli("replicas", "create", "--file", "-", "-q", input=body)
    assert result.exit_code == 0, result.output
    record = emulator.record("replicas", result.stdout.strip())
    assert record is not None
    assert (record["status"], record["model_name"]) == ("started", "phoenix-4")
    no_voice = cli("replicas", "create", "--file", "-", input=json.dumps({"train_image_url": "https://x/face.png"}))
    assert (no_voice.exit_code, "voice_name: is required" in no_voice.stderr) == (2, True)


def test_create_unknown_field_is_named_with_a_suggestion(cli: Cli, sent: Sent) -> None:
    body = json.dumps({"train_video_url": TRAIN_URL, "replica_nmae": "x"})
    result = cli("replicas", "create", "--file", "-", input=body)
    assert result.exit_code == 2
    assert "replica_nmae: unknown field; did you mean 'replica_name'?" in result.stderr
    assert sent.requests == []


def test_create_bad_replica_type_exit_2(cli: Cli, sent: Sent) -> None:
    result = cli("replicas", "create", "--train-video-url", TRAIN_URL, "--replica-type", "robot")
    assert result.exit_code == 2
    assert "replica_type: 'robot' is not one of the allowed values: 'personal', 'non_human'" in result.stderr
    assert sent.requests == []


def test_create_refused_by_the_api_is_exit_1_with_its_message(cli: Cli, emulator: TavusEmulator) -> None:
    before = len(emulator.records("replicas"))
    result = cli("replicas", "create", "--train-video-url", TRAIN_URL, "--replica-type", "personal")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: ")
    assert "consent_video_url is required for a personal replica" in result.stderr
    assert len(emulator.records("replicas")) == before


# -- list and get ----------------------------------------------------------------------------------------------


def test_list_piped_is_tab_separated_rows(cli: Cli) -> None:
    replica_id = _create(cli)
    result = cli("replicas", "list")
    assert result.exit_code == 0
    rows = {line.split("\t")[0]: line.split("\t") for line in result.stdout.splitlines()}
    assert rows[replica_id][:4] == [replica_id, "Anna", "started", "0/100"]
    assert rows[STOCK][2:4] == ["completed", "100/100"]
    assert all(len(row) == 5 for row in rows.values())


def test_list_json_is_an_array_of_full_objects(cli: Cli, emulator: TavusEmulator) -> None:
    data = cli.json("replicas", "list")
    assert [r["replica_id"] for r in data] == [r["replica_id"] for r in emulator.records("replicas")]
    assert {"replica_id", "replica_name", "status", "training_progress", "model_name"} <= set(data[0])


def test_list_quiet_is_ids_only(cli: Cli, emulator: TavusEmulator) -> None:
    result = cli("replicas", "list", "-q")
    assert result.exit_code == 0
    assert result.stdout.split() == [r["replica_id"] for r in emulator.records("replicas")]


def test_list_at_a_terminal_is_a_table(cli: Cli) -> None:
    cli.terminal()
    result = cli("replicas", "list")
    assert result.exit_code == 0
    assert STOCK in result.stdout
    assert "progress" in result.stdout
    assert "\t" not in result.stdout
    assert "┃" in result.stdout


def test_get_piped_is_field_value_rows(cli: Cli) -> None:
    result = cli("replicas", "get", STOCK)
    assert result.exit_code == 0
    fields = dict(line.split("\t", 1) for line in result.stdout.splitlines())
    assert fields["replica_id"] == STOCK
    assert fields["status"] == "completed"


def test_get_json_and_quiet(cli: Cli) -> None:
    assert cli.json("replicas", "get", STOCK)["replica_id"] == STOCK
    result = cli("replicas", "get", STOCK, "-q")
    assert result.stdout == f"{STOCK}\n"


def test_get_missing_id_is_a_usage_error(cli: Cli, sent: Sent) -> None:
    result = cli("replicas", "get")
    assert result.exit_code == 2
    assert "REPLICA_ID" in result.stderr
    assert sent.requests == []


def test_get_unknown_id_is_an_api_error_with_a_hint(cli: Cli) -> None:
    result = cli("replicas", "get", "rnope")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: 400 Bad Request on GET /v2/replicas/rnope: Invalid replica_id")
    assert "hint: check the id" in result.stderr


# -- rename ----------------------------------------------------------------------------------------------------


def test_rename_changes_the_name(cli: Cli, emulator: TavusEmulator) -> None:
    replica_id = _create(cli)
    result = cli("replicas", "rename", replica_id, "Anna (studio)")
    assert result.exit_code == 0, result.output
    assert "replica_name\tAnna (studio)" in result.stdout.splitlines()
    record = emulator.record("replicas", replica_id)
    assert record is not None
    assert record["replica_name"] == "Anna (studio)"


def test_rename_to_an_empty_name_exit_2_and_sends_nothing(cli: Cli, sent: Sent) -> None:
    result = cli("replicas", "rename", STOCK, "")
    assert result.exit_code == 2
    assert "replica_name" in result.stderr
    assert sent.requests == []


def test_rename_missing_name_is_a_usage_error(cli: Cli, sent: Sent) -> None:
    result = cli("replicas", "rename", STOCK)
    assert result.exit_code == 2
    assert "NAME" in result.stderr
    assert sent.requests == []


def test_rename_a_stock_replica_is_refused(cli: Cli, emulator: TavusEmulator) -> None:
    result = cli("replicas", "rename", STOCK, "Mine now")
    assert result.exit_code == 1
    assert "stock replica" in result.stderr
    record = emulator.record("replicas", STOCK)
    assert record is not None
    assert record["replica_name"] != "Mine now"


# -- delete ----------------------------------------------------------------------------------------------------


def test_delete_refuses_without_yes_off_a_terminal(cli: Cli, sent: Sent, emulator: TavusEmulator) -> None:
    replica_id = _create(cli)
    sent.requests.clear()
    result = cli("replicas", "delete", replica_id)
    assert result.exit_code == 2
    assert "pass --yes" in result.stderr
    assert sent.requests == []
    assert emulator.record("replicas", replica_id) is not None


def test_delete_with_yes(cli: Cli, emulator: TavusEmulator) -> None:
    replica_id = _create(cli)
    result = cli("replicas", "delete", replica_id, "--yes", "-q")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{replica_id}\n"
    assert emulator.record("replicas", replica_id) is None


def test_delete_asks_at_a_terminal(cli: Cli, emulator: TavusEmulator) -> None:
    replica_id = _create(cli)
    cli.terminal()
    result = cli("replicas", "delete", replica_id, input="y\n")
    assert result.exit_code == 0, result.output
    assert f"deleted replica {replica_id}" in result.stdout
    assert emulator.record("replicas", replica_id) is None


def test_delete_declined_at_a_terminal_changes_nothing(cli: Cli, emulator: TavusEmulator, sent: Sent) -> None:
    replica_id = _create(cli)
    cli.terminal()
    sent.requests.clear()
    result = cli("replicas", "delete", replica_id, input="n\n")
    assert result.exit_code == 1
    assert "nothing was changed" in result.stderr
    assert sent.writes() == []
    assert emulator.record("replicas", replica_id) is not None


def test_delete_reports_failures_and_exits_1(cli: Cli, emulator: TavusEmulator) -> None:
    replica_id = _create(cli)
    result = cli("replicas", "delete", replica_id, STOCK, "--yes", "--json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["deleted"] == [replica_id]
    assert data["failed"][0]["id"] == STOCK
    assert emulator.record("replicas", STOCK) is not None


# -- wait ------------------------------------------------------------------------------------------------------


def test_wait_follows_training_to_ready(cli: Cli, emulator: TavusEmulator, clock_follows_polls: list[float]) -> None:
    replica_id = _create(cli)
    result = cli("replicas", "wait", replica_id)
    assert result.exit_code == 0, result.output
    fields = dict(line.split("\t", 1) for line in result.stdout.splitlines())
    assert (fields["replica_id"], fields["status"], fields["training_progress"]) == (replica_id, "completed", "100/100")
    # One line per change on stderr, the percent climbing from 0 to 100.
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"replica {replica_id}: started 0%")
    assert lines[-1].startswith(f"replica {replica_id}: completed 100%")
    assert len(lines) > 2
    assert sum(clock_follows_polls) >= emulator.timings.replica_training
    record = emulator.record("replicas", replica_id)
    assert record is not None
    assert record["status"] == "completed"


def test_wait_quiet_prints_the_id_once_ready(cli: Cli, clock_follows_polls: list[float]) -> None:
    replica_id = _create(cli)
    result = cli("replicas", "wait", replica_id, "-q")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{replica_id}\n"


@pytest.mark.parametrize("train_url", ["https://bucket.example.com/train.mov", "https://bucket.example.com/train"])
def test_wait_on_failed_training_exits_1_with_the_api_message(
    cli: Cli, emulator: TavusEmulator, clock_follows_polls: list[float], train_url: str
) -> None:
    replica_id = _create(cli, train_url=train_url)
    result = cli("replicas", "wait", replica_id, "--json")
    assert result.exit_code == 1
    assert result.stdout == ""
    error_lines = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert error_lines == [f"error: replica {replica_id} failed with status 'error': {VIDEO_FORMAT_ERROR}"]
    assert "Traceback" not in result.stderr
    record = emulator.record("replicas", replica_id)
    assert record is not None
    assert record["status"] == "error"


def test_wait_on_a_ready_replica_returns_at_once(cli: Cli, clock_follows_polls: list[float], sent: Sent) -> None:
    data = cli.json("replicas", "wait", STOCK)
    assert data["status"] == "completed"
    assert clock_follows_polls == []
    assert sent.requests == [f"GET /replicas/{STOCK}"]
