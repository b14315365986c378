from __future__ import annotations

from tavus_sdk.testing.handlers.voices import STOCK_VOICES
from tests.cli.conftest import Cli, Sent

NAMES = sorted(name for name, _ in STOCK_VOICES)


def test_list_walks_every_page(cli: Cli, sent: Sent) -> None:
    result = cli("voices", "list", "-q")
    assert result.exit_code == 0, result.output
    assert result.stdout.split() == NAMES
    assert sent.requests == ["GET /voices"]  # one page of 100 holds them all


def test_list_rows_search_and_sort(cli: Cli) -> None:
    rows = [line.split("\t") for line in cli("voices", "list", "--search", "an").stdout.splitlines()]
    assert [row[:2] for row in rows] == [
        ["anna", "r90bbd427f71"],
        ["nathan", "re2185788693"],
        ["sandra", "rb11617de314"],
    ]
    assert cli("voices", "list", "--desc", "-q").stdout.split() == NAMES[::-1]
    assert cli.json("voices", "list", "--tag", "female") == []
    data = cli.json("voices", "list", "--search", "anna")
    assert data == [{"voice_name": "anna", "replica_id": "r90bbd427f71", "audio_url": None, "tags": []}]


def test_max_items_caps_the_walk(cli: Cli) -> None:
    result = cli("voices", "list", "--max-items", "3", "-q")
    assert result.exit_code == 0, result.output
    assert result.stdout.split() == NAMES[:3]
    assert f"showing the first 3 of {len(NAMES)}" in result.stderr
