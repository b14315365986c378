"""The shared ``wait`` verb: options, timeouts and where progress goes."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest

from tavus_cli._waiting import format_duration
from tavus_sdk import _waiting
from tavus_sdk.testing import TavusEmulator
from tests.cli.conftest import Cli, Sent

TRAIN_URL = "https://bucket.example.com/train.mp4"


@pytest.fixture
def elapsed_follows_clock(
    monkeypatch: pytest.MonkeyPatch, emulator: TavusEmulator, clock_follows_polls: list[float]
) -> list[float]:
    """Waiters measure their timeout on the emulator's clock too, so a timeout is reached without real time."""
    monkeypatch.setattr(_waiting, "time", SimpleNamespace(monotonic=emulator.clock.now))
    return clock_follows_polls


def _training_replica(cli: Cli) -> str:
    result = cli("replicas", "create", "--train-video-url", TRAIN_URL, "-q")
    assert result.exit_code == 0, result.output
    return result.stdout.strip()


def test_a_too_short_timeout_exits_1_naming_the_last_status(
    cli: Cli, emulator: TavusEmulator, elapsed_follows_clock: list[float]
) -> None:
    replica_id = _training_replica(cli)
    result = cli("replicas", "wait", replica_id, "--timeout", "10s")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines()[-1] == (
        f"error: replica {replica_id} is still 'started' after 10s (--timeout 10s); it is still going: "
        f"wait longer with `tavus replicas wait {replica_id} --timeout 1m`"
    )
    assert sum(elapsed_follows_clock) == 10
    record = emulator.record("replicas", replica_id)
    assert record is not None
    assert record["status"] == "started"


def test_waiting_again_with_a_longer_timeout_finishes(
    cli: Cli, emulator: TavusEmulator, elapsed_follows_clock: list[float]
) -> None:
    replica_id = _training_replica(cli)
    assert cli("replicas", "wait", replica_id, "--timeout", "10s").exit_code == 1
    result = cli("replicas", "wait", replica_id, "--timeout", "1m", "-q")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{replica_id}\n"


def test_a_zero_timeout_checks_once(cli: Cli, sent: Sent, clock_follows_polls: list[float]) -> None:
    replica_id = _training_replica(cli)
    sent.requests.clear()
    result = cli("replicas", "wait", replica_id, "--timeout", "0")
    assert result.exit_code == 1
    assert "is still 'started'" in result.stderr
    assert sent.requests == [f"GET /replicas/{replica_id}"]
    assert clock_follows_polls == []


def test_poll_interval_sets_the_first_pause(cli: Cli, clock_follows_polls: list[float]) -> None:
    replica_id = _training_replica(cli)
    result = cli("replicas", "wait", replica_id, "--poll-interval", "1s")
    assert result.exit_code == 0, result.output
    assert clock_follows_polls[:3] == [1.0, 1.5, 2.25]


def test_default_pauses_are_the_resource_s(cli: Cli, clock_follows_polls: list[float]) -> None:
    replica_id = _training_replica(cli)
    assert cli("replicas", "wait", replica_id).exit_code == 0
    assert clock_follows_polls[0] == 5.0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--timeout", "soon"], "--timeout 'soon' is not a duration"),
        (["--poll-interval", "fast"], "--poll-interval 'fast' is not a duration"),
        (["--poll-interval", "0"], "--poll-interval '0' must be more than zero"),
        (["--json", "-q"], "--json and --quiet cannot be combined"),
    ],
)
def test_bad_options_exit_2_and_send_nothing(cli: Cli, sent: Sent, args: list[str], message: str) -> None:
    result = cli("videos", "wait", "abc", *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert sent.requests == []


@pytest.mark.parametrize("group", ["replicas", "videos", "documents"])
def test_missing_id_exit_2(cli: Cli, sent: Sent, group: str) -> None:
    result = cli(group, "wait")
    assert result.exit_code == 2
    assert "Missing argument" in result.stderr
    assert sent.requests == []


@pytest.mark.parametrize("group", ["replicas", "videos", "documents"])
def test_unknown_id_exit_1_with_a_hint(cli: Cli, group: str) -> None:
    result = cli(group, "wait", "nope")
    assert result.exit_code == 1
    # Tavus's unknown-id answer: 400 "Invalid <x>_id" for replicas and videos; documents keep their 404.
    assert ("400 Bad Request" in result.stderr) or ("404 Not Found" in result.stderr)
    assert "hint: check the id" in result.stderr


def test_at_a_terminal_the_result_is_a_table(cli: Cli, clock_follows_polls: list[float]) -> None:
    replica_id = _training_replica(cli)
    cli.terminal()
    result = cli("replicas", "wait", replica_id)
    assert result.exit_code == 0, result.output
    assert "┃ field" in result.stdout
    assert "completed" in result.stdout


def test_the_progress_bar_stays_off_stdout(cli: Cli, clock_follows_polls: list[float]) -> None:
    replica_id = _training_replica(cli)
    # A person at a terminal sending the result to a file: stderr shows the bar, stdout must stay pure JSON.
    cli.terminal(False, stderr=True)
    result = cli("replicas", "wait", replica_id, "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["status"] == "completed"


@pytest.mark.parametrize(
    ("seconds", "text"), [(0, "0s"), (59.6, "1m"), (90, "1m30s"), (3600, "1h"), (28800, "8h"), (3725, "1h2m5s")]
)
def test_format_duration(seconds: float, text: str) -> None:
    assert format_duration(seconds) == text
