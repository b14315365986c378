from __future__ import annotations

import json

from tavus_sdk.testing import TavusEmulator
from tests.cli.conftest import Cli, Sent

VIDEO = "https://example.com/talk.mp4"
HOOK = "https://example.com/hook"


def _create(cli: Cli) -> str:
    result = cli("transcriptions", "create", "--file-url", VIDEO, "--callback-url", HOOK, "-q")
    assert result.exit_code == 0, result.output
    return result.stdout.strip()


def test_create_list_get_and_delete(cli: Cli, emulator: TavusEmulator) -> None:
    transcription_id = _create(cli)
    record = emulator.record("transcriptions", transcription_id)
    assert record is not None
    assert (record["file_url"], record["callback_url"], record["status"]) == (VIDEO, HOOK, "started")
    emulator.advance(emulator.timings.transcription)
    got = cli.json("transcriptions", "get", transcription_id)
    assert got["status"] == "completed"
    assert "talk.mp4" in got["text"]
    rows = [line.split("\t") for line in cli("transcriptions", "list").stdout.splitlines()]
    assert [row[:3] for row in rows] == [[transcription_id, "completed", VIDEO]]
    deleted = cli("transcriptions", "delete", transcription_id, "--yes", "--json")
    assert deleted.exit_code == 0, deleted.output
    assert json.loads(deleted.stdout)["deleted"] == [transcription_id]
    assert emulator.record("transcriptions", transcription_id) is None


def test_both_urls_are_needed(cli: Cli, sent: Sent) -> None:
    result = cli("transcriptions", "create", "--file-url", VIDEO)
    assert result.exit_code == 2
    assert "--callback-url" in result.stderr
    assert sent.requests == []


def test_delete_asks_first_and_an_unknown_id_is_an_api_error(cli: Cli, sent: Sent) -> None:
    transcription_id = _create(cli)
    sent.requests.clear()
    refused = cli("transcriptions", "delete", transcription_id)
    assert refused.exit_code == 2
    assert "pass --yes" in refused.stderr
    assert sent.requests == []
    missing = cli("transcriptions", "get", "tnope")
    assert missing.exit_code == 1
    assert "Invalid transcription_id" in missing.stderr
