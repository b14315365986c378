from __future__ import annotations

import json
from pathlib import Path

import pytest

from tavus_sdk.testing import TavusEmulator
from tavus_sdk.testing.handlers.videos import AUDIO_FILE_TYPE_ERROR, replica_in_error
from tests.cli.conftest import Cli, Sent

READY_REPLICA = "r79e1c033f"


def _create(cli: Cli, *extra: str, replica: str = READY_REPLICA) -> str:
    result = cli("videos", "create", "--replica", replica, *extra, "-q")
    assert result.exit_code == 0, result.output
    return result.stdout.strip()


def _script_video(cli: Cli, replica: str = READY_REPLICA) -> str:
    return _create(cli, "--script", "Welcome aboard!", "--name", "Welcome", replica=replica)


def _train(cli: Cli, train_url: str) -> str:
    result = cli("replicas", "create", "--train-video-url", train_url, "-q")
    assert result.exit_code == 0, result.output
    return result.stdout.strip()


# -- create ----------------------------------------------------------------------------------------------------


def test_create_from_a_script(cli: Cli, emulator: TavusEmulator) -> None:
    video_id = _script_video(cli)
    record = emulator.record("videos", video_id)
    assert record is not None
    assert record["video_name"] == "Welcome"
    assert record["replica_id"] == READY_REPLICA
    assert record["data"]["script"] == "Welcome aboard!"
    assert record["status"] == "queued"


def test_create_from_audio_with_options(cli: Cli, emulator: TavusEmulator) -> None:
    data = cli.json(
        "videos", "create", "--replica", READY_REPLICA, "--audio-url", "https://bucket.example.com/voice.wav",
        "--background-url", "https://www.example.com/pricing", "--callback-url", "https://hooks.example.com/v",
        "--fast", "--transparent-background",
    )  # fmt: skip
    assert data["status"] == "queued"
    record = emulator.record("videos", data["video_id"])
    assert record is not None
    assert record["data"]["audio_url"] == "https://bucket.example.com/voice.wav"


def test_create_from_a_file_with_flag_override(cli: Cli, emulator: TavusEmulator, tmp_path: Path) -> None:
    body = tmp_path / "video.json"
    body.write_text(json.dumps({"replica_id": READY_REPLICA, "script": "From file", "video_name": "File"}))
    video_id = _create(cli, "--file", str(body), "--name", "Flag wins")
    record = emulator.record("videos", video_id)
    assert record is not None
    assert (record["video_name"], record["data"]["script"]) == ("Flag wins", "From file")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "give --script or --audio-url (exactly one)"),
        (["--script", "Hi", "--audio-url", "https://bucket.example.com/a.wav"], "give --script or --audio-url"),
        (["--script", "Hi", "--transparent-background"], "--transparent-background only works with --fast"),
        (["--script", ""], "script"),
    ],
)
def test_bad_create_exit_2_and_sends_nothing(cli: Cli, sent: Sent, args: list[str], message: str) -> None:
    result = cli("videos", "create", "--replica", READY_REPLICA, *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert sent.requests == []


def test_create_without_replica_exit_2(cli: Cli, sent: Sent) -> None:
    result = cli("videos", "create", "--script", "Hi")
    assert result.exit_code == 2
    assert "replica_id: is required" in result.stderr
    assert sent.requests == []


def test_create_for_an_unknown_replica_is_an_api_error(cli: Cli, emulator: TavusEmulator) -> None:
    result = cli("videos", "create", "--replica", "rnope", "--script", "Hi")
    assert result.exit_code == 1
    assert "Replica not found: rnope" in result.stderr
    assert emulator.records("videos") == []


# -- list and get ----------------------------------------------------------------------------------------------


def test_list_piped_json_and_quiet(cli: Cli) -> None:
    first, second = _script_video(cli), _script_video(cli)
    piped = cli("videos", "list")
    assert piped.exit_code == 0
    rows = [line.split("\t") for line in piped.stdout.splitlines()]
    assert [row[:4] for row in rows] == [[first, "Welcome", "queued", "0/100"], [second, "Welcome", "queued", "0/100"]]
    assert all(len(row) == 5 for row in rows)
    assert [v["video_id"] for v in cli.json("videos", "list")] == [first, second]
    assert cli("videos", "list", "-q").stdout.split() == [first, second]


def test_list_empty_json_is_an_empty_array(cli: Cli) -> None:
    assert cli.json("videos", "list") == []


def test_list_at_a_terminal_is_a_table(cli: Cli) -> None:
    video_id = _script_video(cli)
    cli.terminal()
    result = cli("videos", "list")
    assert result.exit_code == 0
    assert video_id in result.stdout
    assert "┃" in result.stdout
    assert "1 shown" in result.stdout


def test_get_shows_the_video(cli: Cli) -> None:
    video_id = _script_video(cli)
    fields = dict(line.split("\t", 1) for line in cli("videos", "get", video_id).stdout.splitlines())
    assert fields["video_id"] == video_id
    assert fields["data.script"] == "Welcome aboard!"
    assert cli.json("videos", "get", video_id)["hosted_url"].endswith(video_id)


def test_get_missing_id_exit_2(cli: Cli, sent: Sent) -> None:
    result = cli("videos", "get")
    assert result.exit_code == 2
    assert "VIDEO_ID" in result.stderr
    assert sent.requests == []


def test_get_unknown_id_exit_1(cli: Cli) -> None:
    result = cli("videos", "get", "nope")
    assert result.exit_code == 1
    assert "400 Bad Request on GET /v2/videos/nope: Invalid video_id" in result.stderr
    assert "hint:" in result.stderr


# -- rename and delete -----------------------------------------------------------------------------------------


def test_rename_changes_the_name(cli: Cli, emulator: TavusEmulator) -> None:
    video_id = _script_video(cli)
    result = cli("videos", "rename", video_id, "Welcome (final)", "-q")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{video_id}\n"
    record = emulator.record("videos", video_id)
    assert record is not None
    assert record["video_name"] == "Welcome (final)"


def test_rename_to_an_empty_name_exit_2(cli: Cli, sent: Sent) -> None:
    result = cli("videos", "rename", "abc", "")
    assert result.exit_code == 2
    assert "video_name" in result.stderr
    assert sent.requests == []


def test_delete_refuses_without_yes_off_a_terminal(cli: Cli, sent: Sent, emulator: TavusEmulator) -> None:
    video_id = _script_video(cli)
    sent.requests.clear()
    result = cli("videos", "delete", video_id)
    assert result.exit_code == 2
    assert "pass --yes" in result.stderr
    assert sent.requests == []
    assert emulator.record("videos", video_id) is not None


def test_delete_with_yes_reports_and_removes(cli: Cli, emulator: TavusEmulator) -> None:
    first, second = _script_video(cli), _script_video(cli)
    result = cli("videos", "delete", first, second, "--yes")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [f"deleted video {first}", f"deleted video {second}"]
    assert emulator.records("videos") == []


def test_delete_asks_at_a_terminal(cli: Cli, emulator: TavusEmulator) -> None:
    video_id = _script_video(cli)
    cli.terminal()
    result = cli("videos", "delete", video_id, input="y\n")
    assert result.exit_code == 0, result.output
    assert emulator.record("videos", video_id) is None


def test_delete_partial_failure_exits_1(cli: Cli, emulator: TavusEmulator) -> None:
    video_id = _script_video(cli)
    result = cli("videos", "delete", video_id, "nope", "--yes", "--json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["deleted"] == [video_id]
    assert data["failed"][0]["id"] == "nope"
    assert "1 of 2 failed" in result.stderr


# -- wait ------------------------------------------------------------------------------------------------------


def test_wait_follows_generation_to_ready(cli: Cli, emulator: TavusEmulator, clock_follows_polls: list[float]) -> None:
    video_id = _script_video(cli)
    result = cli("videos", "wait", video_id, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["status"] == "ready"
    assert data["download_url"].endswith(f"download={video_id}")
    statuses = [line.split(": ", 1)[1].split()[0] for line in result.stderr.splitlines()]
    assert statuses[0] == "queued"
    assert "generating" in statuses
    assert statuses[-1] == "ready"
    assert sum(clock_follows_polls) >= emulator.timings.video_queue + emulator.timings.video_generation


def test_wait_covers_the_replica_training_first(
    cli: Cli, emulator: TavusEmulator, clock_follows_polls: list[float]
) -> None:
    replica_id = _train(cli, "https://bucket.example.com/train.mp4")
    video_id = _script_video(cli, replica=replica_id)
    result = cli("videos", "wait", video_id, "-q")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{video_id}\n"
    assert sum(clock_follows_polls) >= emulator.timings.replica_training + emulator.timings.video_generation


def test_wait_on_a_failed_video_exits_1_with_the_api_message(
    cli: Cli, emulator: TavusEmulator, clock_follows_polls: list[float]
) -> None:
    video_id = _create(cli, "--audio-url", "https://bucket.example.com/voice.ogg")
    result = cli("videos", "wait", video_id)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines()[-1] == (
        f"error: video {video_id} failed with status 'error': {AUDIO_FILE_TYPE_ERROR}"
    )
    record = emulator.record("videos", video_id)
    assert record is not None
    assert record["status"] == "error"


def test_wait_on_a_video_whose_replica_failed(cli: Cli, clock_follows_polls: list[float]) -> None:
    replica_id = _train(cli, "https://bucket.example.com/train.avi")
    video_id = _script_video(cli, replica=replica_id)
    result = cli("videos", "wait", video_id)
    assert result.exit_code == 1
    assert replica_in_error(replica_id) in result.stderr
