"""``tavus faces``: the replica records under face names."""

from __future__ import annotations

from tavus_sdk.testing import TavusEmulator
from tests.cli.conftest import Cli, Sent

VIDEO = "https://bucket.example.com/train.mp4"
IMAGE = "https://bucket.example.com/rio.png"


def test_create_from_a_video_is_a_replica_too(cli: Cli, emulator: TavusEmulator) -> None:
    face = cli.json("faces", "create", "--name", "Rio", "--train-video-url", VIDEO)
    assert face["face_name"] == "Rio"
    # "Training lifecycle: started, completed, or error" (docs.tavus.io/api-reference/faces/get-face).
    assert face["status"] == "started"
    assert face["model_name"] == "phoenix-4"
    record = emulator.record("replicas", face["face_id"])
    assert record is not None
    assert record["replica_name"] == "Rio"
    assert cli.json("replicas", "get", face["face_id"])["replica_name"] == "Rio"


def test_create_from_an_image_trains(cli: Cli, emulator: TavusEmulator, clock_follows_polls: list[float]) -> None:
    result = cli("faces", "create", "--name", "Rio", "--train-image-url", IMAGE, "--voice", "anna", "-q")
    assert result.exit_code == 0, result.output
    face_id = result.stdout.strip()
    waited = cli("faces", "wait", face_id, "--json")
    assert waited.exit_code == 0, waited.output
    assert cli.json("faces", "get", face_id)["status"] == "completed"


def test_create_from_an_image_without_a_voice_is_exit_2(cli: Cli, sent: Sent) -> None:
    result = cli("faces", "create", "--train-image-url", IMAGE)
    assert result.exit_code == 2
    assert sent.writes() == []


def test_list_rename_delete(cli: Cli, emulator: TavusEmulator) -> None:
    face_id = cli("faces", "create", "--train-video-url", VIDEO, "-q").stdout.strip()
    assert face_id in cli("faces", "list", "-q").stdout.split()
    renamed = cli.json("faces", "rename", face_id, "Rio (studio)")
    assert renamed["face_name"] == "Rio (studio)"
    assert cli("faces", "delete", face_id).exit_code == 2
    assert cli("faces", "delete", face_id, "--yes").exit_code == 0
    assert emulator.record("replicas", face_id) is None


def test_stock_faces_are_read_only(cli: Cli) -> None:
    result = cli("faces", "rename", "r79e1c033f", "Mine now")
    assert result.exit_code == 1
    assert "stock" in result.output
