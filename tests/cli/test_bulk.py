"""Bulk verbs under load: the --concurrency cap, a 429 that slows the whole batch, failures per id, and a listing
that is walked while its first pages are being ended."""

from __future__ import annotations

import json
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest

from tavus_cli import conversations
from tavus_sdk.testing import Limits, TavusEmulator
from tavus_sdk.testing._transport import EmulatorTransport
from tests.cli.conftest import Cli

REPLICA = "r79e1c033f"


@pytest.fixture
def emulator() -> TavusEmulator:
    return TavusEmulator(limits=Limits(max_concurrent_conversations=None))


@dataclass
class Traffic:
    """Every end request: when it was sent and answered, its status, and the most in flight at once."""

    in_flight: int = 0
    most: int = 0
    ends: list[tuple[str, float, float, int]] = field(default_factory=list)

    def ok(self) -> Counter[str]:
        return Counter(i for i, _, _, status in self.ends if status < 300)


@pytest.fixture
def traffic(monkeypatch: pytest.MonkeyPatch) -> Traffic:
    record = Traffic()
    original = EmulatorTransport.handle_async_request

    async def counted(self: EmulatorTransport, request: httpx.Request) -> httpx.Response:
        record.in_flight += 1
        record.most = max(record.most, record.in_flight)
        sent = time.monotonic()
        try:
            response = await original(self, request)
        finally:
            record.in_flight -= 1
        path = request.url.path
        if path.endswith("/end"):
            record.ends.append((path.split("/")[-2], sent, time.monotonic(), response.status_code))
        return response

    monkeypatch.setattr(EmulatorTransport, "handle_async_request", counted)
    return record


def _active(emulator: TavusEmulator, count: int) -> list[str]:
    with emulator.client() as tavus:
        return [
            tavus.conversations.create(
                replica_id=REPLICA, properties={"participant_absent_timeout": 3600}
            ).conversation_id
            for _ in range(count)
        ]


def _status(emulator: TavusEmulator, conversation_id: str) -> str:
    record = emulator.record("conversations", conversation_id)
    assert record is not None
    return str(record["status"])


def test_never_more_in_flight_than_concurrency(cli: Cli, emulator: TavusEmulator, traffic: Traffic) -> None:
    ids = _active(emulator, 12)
    emulator.faults.add("conversations_end", delay=0.02, times=None)
    result = cli("conversations", "end", "--all-active", "--yes", "--concurrency", "3", "--json")
    assert result.exit_code == 0, result.output
    assert sorted(json.loads(result.stdout)["ended"]) == sorted(ids)
    assert traffic.most == 3
    assert traffic.ok() == Counter(ids)


def test_a_429_slows_the_whole_batch_and_every_conversation_ends_once(
    cli: Cli, emulator: TavusEmulator, traffic: Traffic
) -> None:
    ids = _active(emulator, 16)
    emulator.faults.add("conversations_end", status=429, retry_after=0.3, times=4)
    emulator.faults.add("conversations_end", delay=0.02, times=None)
    result = cli("conversations", "end", "--all-active", "--yes", "--concurrency", "4", "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert sorted(report["ended"]) == sorted(ids)
    assert report["failed"] == []
    assert report["not_done"] == []
    assert traffic.ok() == Counter(ids)  # every conversation ended exactly once
    assert all(_status(emulator, i) == "ended" for i in ids)
    refused = [answered for _, _, answered, status in traffic.ends if status == 429]
    assert len(refused) == 4
    # Nobody sends while the batch waits out Retry-After ...
    assert all(not refused[0] < sent < refused[0] + 0.29 for _, sent, _, _ in traffic.ends)
    # ... and then it resumes with fewer in flight (halved, at most 2 of 4), climbing back as ends succeed.
    resumed = sorted((sent, answered) for _, sent, answered, status in traffic.ends if sent > refused[-1])[:3]
    assert max(sum(1 for s, a in resumed if s <= t < a) for t, _ in resumed) <= 2
    assert traffic.most <= 4


def test_a_failure_is_reported_per_id_and_exits_1(cli: Cli, emulator: TavusEmulator, traffic: Traffic) -> None:
    ids = _active(emulator, 6)
    bad = ids[2]
    emulator.faults.add(f"POST /conversations/{bad}/end", status=500, times=None, message="the room would not close")
    result = cli("--max-retries", "0", "conversations", "end", "--all-active", "--yes", "--concurrency", "4", "--json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["ended"] == [i for i in ids if i != bad]
    assert [f["id"] for f in report["failed"]] == [bad]
    assert "the room would not close" in report["failed"][0]["error"]
    assert report["not_done"] == []
    assert "ended 5, failed 1" in result.stderr
    assert _status(emulator, bad) == "active"


def test_ending_while_the_list_is_walked_misses_nothing(
    cli: Cli, emulator: TavusEmulator, traffic: Traffic, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Small pages: ending the first ones shrinks the active list under the pages still to be read.
    monkeypatch.setattr(conversations, "PAGE_SIZE", 5)
    ids = _active(emulator, 23)
    emulator.faults.add("conversations_end", delay=0.01, times=None)
    result = cli("conversations", "end", "--all-active", "--yes", "--concurrency", "4", "-q")
    assert result.exit_code == 0, result.output
    assert sorted(result.stdout.split()) == sorted(ids)
    assert traffic.ok() == Counter(ids)
    assert all(_status(emulator, i) == "ended" for i in ids)


@pytest.mark.parametrize("value", ["0", "-1", "65"])
def test_concurrency_out_of_range_is_one_line_and_exit_2(cli: Cli, traffic: Traffic, value: str) -> None:
    result = cli("conversations", "end", "--all-active", "--yes", "--concurrency", value)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"error: --concurrency {value} is out of range; give 1 to 64"]
    assert traffic.ends == []


@pytest.mark.parametrize("ask_first", [False, True])
def test_a_server_that_caps_the_page_size_still_gets_every_runaway_ended(
    cli: Cli, emulator: TavusEmulator, traffic: Traffic, monkeypatch: pytest.MonkeyPatch, ask_first: bool
) -> None:
    # A server with a page size cap of its own (7 here) that it does not echo: a page of 100 asked comes back with 7.
    from tavus_sdk.testing._context import ApiRequest
    from tavus_sdk.testing.handlers import conversations as handler

    real_paged = handler.paged

    def capped(req: ApiRequest, items: Any, **kwargs: Any) -> dict[str, Any]:
        req.query["limit"] = min(req.query.get("limit") or 10, 7)
        return real_paged(req, items, **kwargs)

    monkeypatch.setattr(handler, "paged", capped)
    ids = _active(emulator, 30)
    if ask_first:  # at a terminal: the whole list is read to ask, then ended
        cli.terminal()
        result = cli("conversations", "end", "--all-active", "-q", input="y\n")
        assert f"End {len(ids)} active conversation(s)?" in result.stderr
    else:
        result = cli("conversations", "end", "--all-active", "--yes", "-q")
    assert result.exit_code == 0, result.output
    assert set(ids) <= set(result.stdout.split())  # the terminal's stdout also holds the typed answer
    assert traffic.ok() == Counter(ids)
    assert all(_status(emulator, i) == "ended" for i in ids)


def test_delete_of_several_ids_runs_concurrently_and_reports_in_the_order_given(
    cli: Cli, emulator: TavusEmulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = _active(emulator, 8)
    deleted: Counter[str] = Counter()
    in_flight = [0, 0]
    original = EmulatorTransport.handle_async_request

    async def counted(self: EmulatorTransport, request: httpx.Request) -> httpx.Response:
        in_flight[0] += 1
        in_flight[1] = max(in_flight)
        try:
            response = await original(self, request)
        finally:
            in_flight[0] -= 1
        if request.method == "DELETE" and response.status_code < 300:
            deleted[request.url.path.rsplit("/", 1)[-1]] += 1
        return response

    monkeypatch.setattr(EmulatorTransport, "handle_async_request", counted)
    emulator.faults.add("conversations_delete", status=429, retry_after=0.05, times=2)
    emulator.faults.add("conversations_delete", delay=0.02, times=None)
    result = cli("conversations", "delete", *ids, "cnope", "--yes", "--concurrency", "3", "--json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["deleted"] == ids
    assert [f["id"] for f in report["failed"]] == ["cnope"]
    assert deleted == Counter(ids)
    assert in_flight[1] == 3
    assert all(emulator.record("conversations", i) is None for i in ids)


def test_a_listing_that_fails_part_way_still_reports_what_ended(
    cli: Cli, emulator: TavusEmulator, traffic: Traffic, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(conversations, "PAGE_SIZE", 5)
    ids = _active(emulator, 12)
    emulator.faults.add("conversations_end", delay=0.01, times=None)
    # The first page is answered (the first rule that matches wins, once); every later one fails.
    emulator.faults.add("GET /conversations", delay=0.001, times=1)
    emulator.faults.add("GET /conversations", status=500, times=None, message="listing is down")
    result = cli("--max-retries", "0", "conversations", "end", "--all-active", "--yes", "--json")
    assert result.exit_code == 1
    assert "listing is down" in result.stderr
    report = json.loads(result.stdout)
    assert report["ended"] == ids[:5]
    assert report["failed"] == []
    assert traffic.ok() == Counter(ids[:5])


def test_the_throttle_halves_once_per_burst_pauses_and_climbs_back() -> None:
    from tavus_cli._throttle import Throttle

    throttle = Throttle(8)
    before = time.monotonic()
    throttle.rate_limited(0, 2.0)  # four requests of one burst refused: halved once, not four times
    throttle.rate_limited(0, 2.0)
    throttle.rate_limited(0, 2.0)
    assert throttle.limit == 4
    assert throttle.resume_at >= before + 2.0
    throttle.rate_limited(1, None)  # sent after the first cut: cuts again
    assert throttle.limit == 2
    successes = 0
    while throttle.limit < 8:
        throttle.succeeded()
        successes += 1
    assert successes == 2 + 3 + 4 + 5 + 6 + 7  # one more in flight after as many successes in a row
    throttle.succeeded()
    assert throttle.limit == 8  # never above the --concurrency given
