from __future__ import annotations

import json
from pathlib import Path

import pytest

from tavus_sdk.testing import TavusEmulator
from tests.cli.conftest import Cli, Sent

REPLICA = "r79e1c033f"
PERSONA = "p9a95912"


def _start(cli: Cli, *extra: str) -> str:
    """A new active conversation; nobody joins, so an hour's absence timeout keeps it running while the clock moves."""
    result = cli("conversations", "create", "--replica", REPLICA, "--participant-absent-timeout", "1h", *extra, "-q")
    assert result.exit_code == 0, result.output
    return result.stdout.strip()


def _status(emulator: TavusEmulator, conversation_id: str) -> str:
    record = emulator.record("conversations", conversation_id)
    assert record is not None
    return str(record["status"])


# -- create ---------------------------------------------------------------------------------------------------


def test_create_from_flags(cli: Cli, emulator: TavusEmulator) -> None:
    data = cli.json(
        "conversations", "create", "--replica", REPLICA, "--persona", PERSONA, "--name", "Intake",
        "--greeting", "Hello!", "--max-call-duration", "10m", "--participant-left-timeout", "30s",
    )  # fmt: skip
    assert data["status"] == "active"
    assert data["conversation_url"].endswith(data["conversation_id"])
    record = emulator.record("conversations", data["conversation_id"])
    assert record is not None
    assert (record["conversation_name"], record["replica_id"], record["persona_id"]) == ("Intake", REPLICA, PERSONA)
    raw = emulator.store.table("conversations")[data["conversation_id"]]
    assert raw["_max_call_duration"] == 600
    assert raw["_participant_left_timeout"] == 30
    assert raw["_greeting"] == "Hello!"


def test_max_call_duration_ends_the_call_on_time(cli: Cli, emulator: TavusEmulator) -> None:
    conversation_id = _start(cli, "--max-call-duration", "10m")
    emulator.join(conversation_id)
    emulator.advance(599)
    assert _status(emulator, conversation_id) == "active"
    emulator.advance(1)
    assert _status(emulator, conversation_id) == "ended"


def test_private_gives_a_meeting_token(cli: Cli) -> None:
    private = cli.json("conversations", "create", "--replica", REPLICA, "--private")
    public = cli.json("conversations", "create", "--replica", REPLICA)
    assert private["meeting_token"].count(".") == 2
    assert "meeting_token" not in public


def test_create_from_file_with_flags_on_top(cli: Cli, emulator: TavusEmulator, tmp_path: Path) -> None:
    body = tmp_path / "conversation.yaml"
    body.write_text(
        f"replica_id: {REPLICA}\nconversation_name: From file\nmemory_stores: [user-42]\n"
        "properties:\n  participant_left_timeout: 45\n  max_call_duration: 1200\n"
    )
    data = cli.json("conversations", "create", "--file", str(body), "--name", "Flag wins", "--max-call-duration", "5m")
    assert data["conversation_name"] == "Flag wins"
    raw = emulator.store.table("conversations")[data["conversation_id"]]
    assert raw["_max_call_duration"] == 300  # the flag replaced the file's value...
    assert raw["_participant_left_timeout"] == 45  # ...and kept its sibling
    assert raw["_memory_stores"] == ["user-42"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--max-call-duration", "ten minutes"], "--max-call-duration 'ten minutes' is not a duration"),
        (["--max-call-duration", "2h"], "properties.max_call_duration: 7200 is greater than the maximum of 3600"),
        (["--max-participants", "many"], "Invalid value for '--max-participants'"),
        (["--file", "missing.yaml"], "--file missing.yaml: no such file"),
        (["--json", "-q"], "--json and --quiet cannot be combined"),
    ],
)
def test_bad_input_exits_2_and_sends_nothing(cli: Cli, sent: Sent, args: list[str], message: str) -> None:
    result = cli("conversations", "create", "--replica", REPLICA, *args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert sent.requests == []


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"replica_id": "r79e1c033f", "conversation_nme": "x"}', "conversation_nme: unknown field; did you mean"),
        ('{"replica_id": "r79e1c033f", "properties": [1]}', "properties: [1] is not of type 'object'"),
        ('{"replica_id": "r79e1c033f", "properties": {"max_call_durations": 60}}', "did you mean 'max_call_duration'"),
        ("{not json", "invalid"),
    ],
)
def test_bad_body_files_exit_2_and_send_nothing(cli: Cli, sent: Sent, content: str, message: str) -> None:
    # With a flag that merges into properties too: a bad file is refused, never a crash.
    result = cli("conversations", "create", "--file", "-", "--max-call-duration", "60", input=content)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert sent.requests == []


def test_create_refused_by_the_api_is_exit_1(cli: Cli) -> None:
    result = cli("conversations", "create", "--replica", "rnope")
    assert result.exit_code == 1
    assert "Replica not found: rnope" in result.stderr


# -- list and get ---------------------------------------------------------------------------------------------


def test_list_filters_by_status_newest_first(cli: Cli, emulator: TavusEmulator) -> None:
    first = _start(cli)
    emulator.advance(60)
    second = _start(cli)
    emulator.advance(60)
    ended = _start(cli)
    assert cli("conversations", "end", ended).exit_code == 0
    active = cli("conversations", "list", "--status", "active", "-q")
    assert active.exit_code == 0
    assert active.stdout.split() == [second, first]
    assert cli("conversations", "list", "--status", "ended", "-q").stdout.split() == [ended]
    assert cli("conversations", "list", "-q").stdout.split() == [ended, second, first]


def test_list_unknown_status_is_refused(cli: Cli, sent: Sent) -> None:
    result = cli("conversations", "list", "--status", "activ")
    assert result.exit_code == 2
    assert "--status 'activ' is not a conversation status; use one of: active, ended" in result.stderr
    assert sent.requests == []


def test_list_piped_rows_json_and_table(cli: Cli) -> None:
    conversation_id = _start(cli, "--name", "Intake")
    rows = [line.split("\t") for line in cli("conversations", "list").stdout.splitlines()]
    assert rows == [[conversation_id, "Intake", "active", REPLICA, "p2fbd605", rows[0][5], rows[0][6]]]
    assert rows[0][6] == f"https://tavus.daily.co/{conversation_id}"
    data = cli.json("conversations", "list")
    assert [c["conversation_id"] for c in data] == [conversation_id]
    assert data[0]["conversation_url"] == rows[0][6]
    cli.terminal()
    table = cli("conversations", "list")
    assert "Intake" in table.stdout
    assert "\t" not in table.stdout
    assert "┃ id" in table.stdout
    assert "1 shown" in table.stdout


def test_get_verbose_adds_the_shutdown_reason_events_and_transcript(cli: Cli, emulator: TavusEmulator) -> None:
    conversation_id = _start(cli, "--persona", PERSONA)
    emulator.advance(5)  # the replica joins after 2 s
    assert cli("conversations", "end", conversation_id).exit_code == 0
    plain = cli.json("conversations", "get", conversation_id)
    assert plain["status"] == "ended"
    assert "events" not in plain
    assert "shutdown_reason" not in plain
    verbose = cli.json("conversations", "get", conversation_id, "--verbose")
    assert verbose["shutdown_reason"] == "end_conversation_endpoint_hit"
    assert [e["event_type"] for e in verbose["events"]][:2] == ["system.replica_joined", "system.shutdown"]
    assert verbose["transcript"][-1]["role"] == "assistant"
    rows = cli("conversations", "get", conversation_id, "-v").stdout.splitlines()
    assert "shutdown_reason\tend_conversation_endpoint_hit" in rows


def test_get_unknown_id_is_exit_1_with_a_hint(cli: Cli) -> None:
    result = cli("conversations", "get", "cnope")
    assert result.exit_code == 1
    assert "400 Bad Request on GET /v2/conversations/cnope: Invalid conversation_id" in result.stderr
    assert "hint: check the id" in result.stderr


# -- end ------------------------------------------------------------------------------------------------------


def test_end_ids(cli: Cli, emulator: TavusEmulator) -> None:
    one, two, other = _start(cli), _start(cli), _start(cli)
    result = cli("conversations", "end", one, two)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [f"ended {one}", f"ended {two}"]
    assert "ended 2, failed 0" in result.stderr
    assert [_status(emulator, c) for c in (one, two, other)] == ["ended", "ended", "active"]


def test_ending_an_ended_conversation_is_harmless(cli: Cli, emulator: TavusEmulator) -> None:
    conversation_id = _start(cli)
    assert cli("conversations", "end", conversation_id).exit_code == 0
    again = cli("conversations", "end", conversation_id, "--json")
    assert again.exit_code == 0
    assert json.loads(again.stdout) == {"ended": [conversation_id], "failed": [], "not_done": []}
    assert _status(emulator, conversation_id) == "ended"


def test_end_all_active_older_than_ends_only_the_old_active_ones(cli: Cli, emulator: TavusEmulator, sent: Sent) -> None:
    old = [_start(cli), _start(cli)]
    already_ended = _start(cli)
    assert cli("conversations", "end", already_ended).exit_code == 0
    emulator.advance(11 * 60)
    young = [_start(cli), _start(cli)]
    sent.requests.clear()
    result = cli("conversations", "end", "--all-active", "--older-than", "10m", "--yes", "--json")
    assert result.exit_code == 0, result.output
    assert sorted(json.loads(result.stdout)["ended"]) == sorted(old)
    assert sorted(sent.writes()) == sorted(f"POST /conversations/{c}/end" for c in old)
    assert [_status(emulator, c) for c in old + young] == ["ended", "ended", "active", "active"]
    assert "ended 2, failed 0" in result.stderr


def test_end_all_active_boundary_is_inclusive_of_the_age_given(cli: Cli, emulator: TavusEmulator) -> None:
    conversation_id = _start(cli)
    emulator.advance(599)
    early = cli("conversations", "end", "--all-active", "--older-than", "10m", "--yes")
    assert early.exit_code == 0
    assert "no active conversations older than 10m" in early.stderr
    assert _status(emulator, conversation_id) == "active"
    emulator.advance(1)
    assert cli("conversations", "end", "--all-active", "--older-than", "10m", "--yes").exit_code == 0
    assert _status(emulator, conversation_id) == "ended"


def test_end_all_active_refuses_without_yes_off_a_terminal(cli: Cli, emulator: TavusEmulator, sent: Sent) -> None:
    conversation_id = _start(cli)
    result = cli("conversations", "end", "--all-active")
    assert result.exit_code == 2
    assert "End 1 active conversation(s): not confirmed" in result.stderr
    assert "pass --yes" in result.stderr
    assert sent.writes() == ["POST /conversations"]
    assert _status(emulator, conversation_id) == "active"


@pytest.mark.parametrize(("answer", "code", "status"), [("y\n", 0, "ended"), ("n\n", 1, "active")])
def test_end_all_active_asks_at_a_terminal(
    cli: Cli, emulator: TavusEmulator, answer: str, code: int, status: str
) -> None:
    conversation_id = _start(cli)
    cli.terminal()
    result = cli("conversations", "end", "--all-active", input=answer)
    assert result.exit_code == code, result.output
    assert "End 1 active conversation(s)?" in result.stderr
    assert _status(emulator, conversation_id) == status
    if code:
        assert "not confirmed; nothing was changed" in result.stderr


def test_end_all_active_dry_run_ends_nothing(cli: Cli, emulator: TavusEmulator, sent: Sent) -> None:
    ids = [_start(cli), _start(cli)]
    sent.requests.clear()
    result = cli("conversations", "end", "--all-active", "--dry-run")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [f"would end {i}" for i in ids]
    assert sent.writes() == []
    assert [_status(emulator, i) for i in ids] == ["active", "active"]
    assert json.loads(cli("conversations", "end", *ids, "--dry-run", "--json").stdout) == {"would_end": ids}


def test_end_partial_failure_names_what_failed_and_exits_1(cli: Cli, emulator: TavusEmulator) -> None:
    good, bad = _start(cli), _start(cli)
    emulator.faults.add(f"POST /conversations/{bad}/end", status=500, times=None, message="the room would not close")
    result = cli("--max-retries", "0", "conversations", "end", good, bad, "cnope")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == f"ended {good}"
    assert lines[1].startswith(f"failed {bad}: 500")
    assert "the room would not close" in lines[1]
    assert lines[2].startswith("failed cnope: 400 Bad Request on POST /v2/conversations/cnope/end: Invalid")
    assert "ended 1, failed 2" in result.stderr
    assert [_status(emulator, c) for c in (good, bad)] == ["ended", "active"]


def test_end_retries_a_passing_server_error(cli: Cli, emulator: TavusEmulator, monkeypatch: pytest.MonkeyPatch) -> None:
    from tavus_sdk import _retry

    async def no_wait(seconds: float) -> None:
        return None

    monkeypatch.setattr(_retry, "_sleep_async", no_wait)
    conversation_id = _start(cli)
    emulator.faults.add("conversations_end", status=500, times=2)
    result = cli("conversations", "end", conversation_id)
    assert result.exit_code == 0, result.output
    assert _status(emulator, conversation_id) == "ended"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["c1", "--all-active"], "give conversation ids, or --all-active (not both)"),
        ([], "give conversation ids, or --all-active (not both)"),
        (["c1", "--older-than", "10m"], "--older-than only works with --all-active"),
        (["--all-active", "--older-than", "ten"], "--older-than 'ten' is not a duration"),
        (["c1", "--concurrency", "0"], "--concurrency"),
    ],
)
def test_end_bad_input_exits_2_and_sends_nothing(cli: Cli, sent: Sent, args: list[str], message: str) -> None:
    result = cli("conversations", "end", *args, "--yes")
    assert result.exit_code == 2
    assert message in result.stderr
    assert sent.requests == []


def test_listed_ids_feed_end_through_xargs(cli: Cli, emulator: TavusEmulator) -> None:
    # tavus conversations list --status active -q | xargs -r tavus conversations end --yes
    # (-r: with nothing listed, xargs would otherwise run `end` with no ids, which is a usage error)
    ids = [_start(cli), _start(cli), _start(cli)]
    listed = cli("conversations", "list", "--status", "active", "-q")
    assert listed.exit_code == 0
    assert listed.stderr == ""
    ended = cli("conversations", "end", "--yes", *listed.stdout.split(), "-q")
    assert ended.exit_code == 0, ended.output
    assert sorted(ended.stdout.split()) == sorted(ids)
    assert all(_status(emulator, i) == "ended" for i in ids)
    assert cli("conversations", "list", "--status", "active", "-q").stdout == ""


# -- delete ---------------------------------------------------------------------------------------------------


def test_delete_refuses_without_yes_off_a_terminal(cli: Cli, emulator: TavusEmulator, sent: Sent) -> None:
    conversation_id = _start(cli)
    sent.requests.clear()
    result = cli("conversations", "delete", conversation_id)
    assert result.exit_code == 2
    assert "pass --yes" in result.stderr
    assert sent.requests == []
    assert emulator.record("conversations", conversation_id) is not None


def test_delete_asks_at_a_terminal(cli: Cli, emulator: TavusEmulator) -> None:
    keep, drop = _start(cli), _start(cli)
    cli.terminal()
    declined = cli("conversations", "delete", keep, input="n\n")
    assert declined.exit_code == 1
    assert emulator.record("conversations", keep) is not None
    accepted = cli("conversations", "delete", drop, input="y\n")
    assert accepted.exit_code == 0, accepted.output
    assert f"Delete 1 conversation ({drop})?" in accepted.stderr
    assert f"deleted conversation {drop}" in accepted.stdout
    assert emulator.record("conversations", drop) is None


def test_delete_with_yes_reports_each_and_exits_1_on_a_failure(cli: Cli, emulator: TavusEmulator) -> None:
    conversation_id = _start(cli)
    result = cli("conversations", "delete", conversation_id, "cnope", "--yes", "--json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["deleted"] == [conversation_id]
    assert data["failed"][0]["id"] == "cnope"
    assert emulator.record("conversations", conversation_id) is None


def test_ctrl_c_during_end_all_active_reports_what_ended(
    cli: Cli, emulator: TavusEmulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tavus_sdk.resources.conversations import AsyncConversations

    ids = [_start(cli) for _ in range(4)]
    real_end = AsyncConversations.end
    calls: list[str] = []

    async def end_until_interrupted(self: AsyncConversations, conversation_id: str, **options: object) -> None:
        calls.append(conversation_id)
        if len(calls) == 3:
            raise KeyboardInterrupt
        await real_end(self, conversation_id)

    monkeypatch.setattr(AsyncConversations, "end", end_until_interrupted)
    result = cli("conversations", "end", "--all-active", "--yes", "--concurrency", "1", "--json")
    assert result.exit_code == 130
    report = json.loads(result.stdout)
    ended = [c for c in ids if _status(emulator, c) == "ended"]
    assert sorted(report["ended"]) == sorted(ended)
    assert len(ended) == 2
    assert sorted(report["not_done"]) == sorted(set(ids) - set(ended))
    assert "interrupted: 2 not confirmed ended" in result.stderr
    assert "Traceback" not in result.stderr
