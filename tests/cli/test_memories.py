from __future__ import annotations

import json

import pytest

from tavus_sdk.testing import TavusEmulator
from tests.cli.conftest import Cli, Sent

STORE = "user-42"


def _memories(cli: Cli, emulator: TavusEmulator, count: int = 1) -> list[str]:
    """Memory ids written under STORE: each conversation created with the tag leaves one when it ends."""
    for _ in range(count):
        created = cli("conversations", "create", "--replica", "r79e1c033f", "--memory-store", STORE, "-q")
        assert created.exit_code == 0, created.output
        assert cli("conversations", "end", created.stdout.strip()).exit_code == 0
    return [m["memory_id"] for m in emulator.records("memories") if m["memory_store"] == STORE]


def test_delete_with_yes(cli: Cli, emulator: TavusEmulator, sent: Sent) -> None:
    first, second = _memories(cli, emulator, 2)
    sent.requests.clear()
    result = cli("memories", "delete", "--store", STORE, first, "--yes")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"deleted memory {STORE}/{first}\n"
    assert sent.writes() == [f"DELETE /memories/{STORE}/{first}"]
    assert [m["memory_id"] for m in emulator.records("memories")] == [second]


def test_delete_refuses_without_yes_off_a_terminal(cli: Cli, emulator: TavusEmulator, sent: Sent) -> None:
    (memory_id,) = _memories(cli, emulator)
    sent.requests.clear()
    result = cli("memories", "delete", "--store", STORE, memory_id)
    assert result.exit_code == 2
    assert "pass --yes" in result.stderr
    assert sent.requests == []
    assert len(emulator.records("memories")) == 1


@pytest.mark.parametrize(("answer", "code", "left"), [("y\n", 0, 0), ("n\n", 1, 1)])
def test_delete_asks_at_a_terminal(cli: Cli, emulator: TavusEmulator, answer: str, code: int, left: int) -> None:
    (memory_id,) = _memories(cli, emulator)
    cli.terminal()
    result = cli("memories", "delete", "--store", STORE, memory_id, input=answer)
    assert result.exit_code == code, result.output
    assert f"Delete 1 memory ({STORE}/{memory_id})?" in result.stderr
    assert len(emulator.records("memories")) == left


def test_delete_reports_each_and_exits_1_when_one_fails(cli: Cli, emulator: TavusEmulator) -> None:
    (memory_id,) = _memories(cli, emulator)
    result = cli("memories", "delete", "--store", STORE, memory_id, "mnope", "--yes", "--json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["deleted"] == [f"{STORE}/{memory_id}"]
    assert data["failed"][0]["id"] == f"{STORE}/mnope"
    assert "Memory not found: mnope in memory store user-42" in data["failed"][0]["error"]
    assert emulator.records("memories") == []


def test_delete_quiet_prints_the_deleted_references(cli: Cli, emulator: TavusEmulator) -> None:
    ids = _memories(cli, emulator, 2)
    result = cli("memories", "delete", "--store", STORE, *ids, "--yes", "-q")
    assert result.exit_code == 0, result.output
    assert result.stdout.split() == [f"{STORE}/{i}" for i in ids]


def test_a_memory_of_another_store_is_not_found(cli: Cli, emulator: TavusEmulator) -> None:
    (memory_id,) = _memories(cli, emulator)
    result = cli("memories", "delete", "--store", "user-43", memory_id, "--yes")
    assert result.exit_code == 1
    assert f"failed user-43/{memory_id}: 404" in result.stdout
    assert len(emulator.records("memories")) == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["m1"], "Missing option '--store'"),
        (["--store", STORE], "Missing argument 'MEMORY_ID...'"),
        (["--store", " ", "m1"], "--store is empty"),
        (["--store", STORE, ""], "a memory id is empty"),
    ],
)
def test_bad_input_exits_2_and_sends_nothing(cli: Cli, sent: Sent, args: list[str], message: str) -> None:
    result = cli("memories", "delete", *args, "--yes")
    assert result.exit_code == 2
    assert message in result.stderr
    assert sent.requests == []
