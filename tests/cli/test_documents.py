from __future__ import annotations

import json
from pathlib import Path

import pytest

from tavus_sdk.testing import TavusEmulator
from tests.cli.conftest import Cli, Sent

FILE_URL = "https://example.com/handbook.pdf"
SITE_URL = "https://docs.example.com/"


def _create(cli: Cli, *args: str) -> str:
    result = cli("documents", "create", *args, "-q")
    assert result.exit_code == 0, result.output
    return result.stdout.strip()


def _crawled_site(cli: Cli) -> str:
    return _create(cli, "--url", SITE_URL, "--name", "Docs", "--crawl-depth", "2", "--crawl-max-pages", "20")


# -- create ----------------------------------------------------------------------------------------------------


def test_create_a_file_with_tags(cli: Cli, emulator: TavusEmulator) -> None:
    document_id = _create(
        cli, "--url", FILE_URL, "--name", "Handbook", "--tag", "onboarding", "--tag", "hr",
        "--callback-url", "https://hooks.example.com/d",
    )  # fmt: skip
    record = emulator.record("documents", document_id)
    assert record is not None
    assert (record["document_name"], record["document_url"]) == ("Handbook", FILE_URL)
    assert record["tags"] == ["onboarding", "hr"]
    assert record["status"] == "started"
    assert record["crawl_config"] is None


def test_create_a_crawled_website(cli: Cli, emulator: TavusEmulator) -> None:
    record = emulator.record("documents", _crawled_site(cli))
    assert record is not None
    assert record["crawl_config"] == {"depth": 2, "max_pages": 20}
    assert record["crawl_count"] == 1


def test_create_prints_the_document(cli: Cli) -> None:
    data = cli.json("documents", "create", "--url", FILE_URL)
    assert data["document_url"] == FILE_URL
    assert data["status"] == "started"


def test_create_from_a_file_with_crawl_flags_on_top(cli: Cli, emulator: TavusEmulator, tmp_path: Path) -> None:
    body = tmp_path / "document.yaml"
    body.write_text(f"document_url: {SITE_URL}\ndocument_name: From file\ncrawl:\n  depth: 2\n  max_pages: 20\n")
    document_id = _create(cli, "--file", str(body), "--crawl-max-pages", "50")
    record = emulator.record("documents", document_id)
    assert record is not None
    assert record["document_name"] == "From file"
    assert record["crawl_config"] == {"depth": 2, "max_pages": 50}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--crawl-depth", "11", "--crawl-max-pages", "20"], "crawl.depth: 11 is greater than the maximum of 10"),
        (["--crawl-depth", "0", "--crawl-max-pages", "20"], "crawl.depth: 0 is less than the minimum of 1"),
        (["--crawl-depth", "2", "--crawl-max-pages", "101"], "crawl.max_pages: 101 is greater than the maximum of 100"),
    ],
)
def test_bad_crawl_exit_2_and_sends_nothing(cli: Cli, sent: Sent, args: list[str], message: str) -> None:
    result = cli("documents", "create", "--url", SITE_URL, *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert sent.requests == []


def test_create_without_url_exit_2(cli: Cli, sent: Sent) -> None:
    result = cli("documents", "create", "--name", "x")
    assert result.exit_code == 2
    assert "document_url: is required" in result.stderr
    assert sent.requests == []


def test_create_unknown_field_in_file_exit_2(cli: Cli, sent: Sent) -> None:
    result = cli("documents", "create", "--file", "-", input=json.dumps({"document_url": FILE_URL, "tag": ["a"]}))
    assert result.exit_code == 2
    assert "tag: unknown field; did you mean 'tags'?" in result.stderr
    assert sent.requests == []


def test_a_crawl_depth_alone_is_accepted(cli: Cli, emulator: TavusEmulator) -> None:
    record = emulator.record("documents", _create(cli, "--url", SITE_URL, "--crawl-depth", "2"))
    assert record is not None
    assert record["crawl_config"] == {"depth": 2}


def test_crawling_a_file_is_refused_by_the_api(cli: Cli, emulator: TavusEmulator) -> None:
    result = cli("documents", "create", "--url", FILE_URL, "--crawl-depth", "1", "--crawl-max-pages", "5")
    assert result.exit_code == 1
    assert "crawl is only for website URLs" in result.stderr
    assert emulator.records("documents") == []


# -- list and get ----------------------------------------------------------------------------------------------


def test_list_walks_every_page(cli: Cli, emulator: TavusEmulator, sent: Sent) -> None:
    with emulator.client() as tavus:
        made = [tavus.documents.create(document_url=f"https://example.com/{n}.pdf").document_id for n in range(105)]
    sent.requests.clear()
    result = cli("documents", "list", "-q")
    assert result.exit_code == 0
    assert result.stdout.split() == made
    assert sent.requests == ["GET /documents", "GET /documents"]


def test_list_by_tags_matches_any(cli: Cli) -> None:
    sales = _create(cli, "--url", FILE_URL, "--tag", "sales")
    hr = _create(cli, "--url", FILE_URL, "--tag", "hr", "--tag", "onboarding")
    _create(cli, "--url", FILE_URL, "--tag", "legal")
    result = cli("documents", "list", "--tag", "sales", "--tag", "onboarding", "-q")
    assert result.exit_code == 0
    assert result.stdout.split() == [sales, hr]


def test_list_piped_rows_and_json(cli: Cli) -> None:
    document_id = _create(cli, "--url", FILE_URL, "--name", "Handbook", "--tag", "a", "--tag", "b")
    result = cli("documents", "list")
    assert result.exit_code == 0
    row = result.stdout.splitlines()[0].split("\t")
    assert row[:4] == [document_id, "Handbook", "started", "a, b"]
    assert len(row) == 5
    data = cli.json("documents", "list")
    assert [d["document_id"] for d in data] == [document_id]
    assert data[0]["tags"] == ["a", "b"]


def test_list_at_a_terminal_is_a_table(cli: Cli) -> None:
    document_id = _create(cli, "--url", FILE_URL)
    cli.terminal()
    result = cli("documents", "list")
    assert result.exit_code == 0
    assert document_id in result.stdout
    assert "┃" in result.stdout


def test_get(cli: Cli) -> None:
    document_id = _crawled_site(cli)
    fields = dict(line.split("\t", 1) for line in cli("documents", "get", document_id).stdout.splitlines())
    assert fields["document_id"] == document_id
    assert (fields["crawl_config.depth"], fields["crawl_config.max_pages"]) == ("2", "20")
    assert cli("documents", "get", document_id, "-q").stdout == f"{document_id}\n"


def test_get_missing_id_exit_2(cli: Cli, sent: Sent) -> None:
    result = cli("documents", "get")
    assert result.exit_code == 2
    assert "DOCUMENT_ID" in result.stderr
    assert sent.requests == []


def test_get_unknown_id_exit_1(cli: Cli) -> None:
    result = cli("documents", "get", "dnope")
    assert result.exit_code == 1
    assert "Document not found" in result.stderr
    assert "hint:" in result.stderr


# -- update ----------------------------------------------------------------------------------------------------


def test_update_name_and_tags_replaces_the_tags(cli: Cli, emulator: TavusEmulator) -> None:
    document_id = _create(cli, "--url", FILE_URL, "--name", "Old", "--tag", "old")
    data = cli.json("documents", "update", document_id, "--name", "New", "--tag", "docs", "--tag", "hr")
    assert (data["document_name"], data["tags"]) == ("New", ["docs", "hr"])
    record = emulator.record("documents", document_id)
    assert record is not None
    assert (record["document_name"], record["tags"]) == ("New", ["docs", "hr"])


def test_update_name_only_keeps_the_tags(cli: Cli, emulator: TavusEmulator) -> None:
    document_id = _create(cli, "--url", FILE_URL, "--tag", "keep")
    result = cli("documents", "update", document_id, "--name", "Renamed")
    assert result.exit_code == 0, result.output
    record = emulator.record("documents", document_id)
    assert record is not None
    assert (record["document_name"], record["tags"]) == ("Renamed", ["keep"])


def test_update_clear_tags(cli: Cli, emulator: TavusEmulator) -> None:
    document_id = _create(cli, "--url", FILE_URL, "--tag", "gone")
    result = cli("documents", "update", document_id, "--clear-tags")
    assert result.exit_code == 0, result.output
    record = emulator.record("documents", document_id)
    assert record is not None
    assert record["tags"] == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "nothing to update: give --name, --tag or --clear-tags"),
        (["--tag", "a", "--clear-tags"], "--tag and --clear-tags cannot be combined"),
    ],
)
def test_bad_update_exit_2_and_sends_nothing(cli: Cli, sent: Sent, args: list[str], message: str) -> None:
    result = cli("documents", "update", "d123", *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert sent.requests == []


# -- recrawl ---------------------------------------------------------------------------------------------------


def test_recrawl_after_the_cooldown(cli: Cli, emulator: TavusEmulator) -> None:
    document_id = _crawled_site(cli)
    emulator.advance(emulator.limits.recrawl_cooldown)
    data = cli.json("documents", "recrawl", document_id)
    assert data["status"] == "recrawling"
    record = emulator.record("documents", document_id)
    assert record is not None
    assert record["status"] == "recrawling"


def test_recrawl_with_override_keeps_the_stored_settings(cli: Cli, emulator: TavusEmulator, sent: Sent) -> None:
    document_id = _crawled_site(cli)
    emulator.advance(emulator.limits.recrawl_cooldown)
    result = cli("documents", "recrawl", document_id, "--crawl-depth", "3", "--crawl-max-pages", "50", "-q")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{document_id}\n"
    assert sent.writes()[-1] == f"POST /documents/{document_id}/recrawl"
    record = emulator.record("documents", document_id)
    assert record is not None
    assert record["status"] == "recrawling"
    assert record["crawl_config"] == {"depth": 2, "max_pages": 20}


def test_recrawl_too_soon_is_an_api_error_saying_when(cli: Cli, emulator: TavusEmulator) -> None:
    document_id = _crawled_site(cli)
    emulator.advance(emulator.timings.crawl)
    # No retries: the SDK would sleep out the 429's Retry-After (up to a minute, twice) before giving up.
    result = cli("--max-retries", "0", "documents", "recrawl", document_id)
    assert result.exit_code == 1
    assert "Recrawl cooldown: please wait 60 minutes" in result.stderr
    assert "hint: wait and try again" in result.stderr
    record = emulator.record("documents", document_id)
    assert record is not None
    assert record["status"] == "ready"


def test_recrawl_out_of_range_exit_2(cli: Cli, sent: Sent) -> None:
    result = cli("documents", "recrawl", "d123", "--crawl-depth", "20", "--crawl-max-pages", "5")
    assert result.exit_code == 2
    assert "crawl.depth: 20 is greater than the maximum of 10" in result.stderr
    assert sent.requests == []


# -- delete ----------------------------------------------------------------------------------------------------


def test_delete_refuses_without_yes_off_a_terminal(cli: Cli, sent: Sent, emulator: TavusEmulator) -> None:
    document_id = _create(cli, "--url", FILE_URL)
    sent.requests.clear()
    result = cli("documents", "delete", document_id)
    assert result.exit_code == 2
    assert "pass --yes" in result.stderr
    assert sent.requests == []
    assert emulator.record("documents", document_id) is not None


def test_delete_with_yes(cli: Cli, emulator: TavusEmulator) -> None:
    document_id = _create(cli, "--url", FILE_URL)
    data = json.loads(cli("documents", "delete", document_id, "--yes", "--json").stdout)
    assert data == {"deleted": [document_id], "failed": []}
    assert emulator.record("documents", document_id) is None


def test_delete_asks_at_a_terminal(cli: Cli, emulator: TavusEmulator) -> None:
    document_id = _create(cli, "--url", FILE_URL)
    cli.terminal()
    result = cli("documents", "delete", document_id, input="y\n")
    assert result.exit_code == 0, result.output
    assert f"deleted document {document_id}" in result.stdout
    assert emulator.record("documents", document_id) is None


# -- wait ------------------------------------------------------------------------------------------------------


def test_wait_follows_processing_to_ready(cli: Cli, emulator: TavusEmulator, clock_follows_polls: list[float]) -> None:
    document_id = _create(cli, "--url", FILE_URL)
    result = cli("documents", "wait", document_id)
    assert result.exit_code == 0, result.output
    fields = dict(line.split("\t", 1) for line in result.stdout.splitlines())
    assert fields["status"] == "ready"
    # started, then processing with the document's progress percent, then ready.
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"document {document_id}: started (")
    assert any(line.startswith(f"document {document_id}: processing") and "%" in line for line in lines)
    assert lines[-1].startswith(f"document {document_id}: ready (")
    assert sum(clock_follows_polls) >= emulator.timings.document_processing


def test_wait_follows_a_recrawl(cli: Cli, emulator: TavusEmulator, clock_follows_polls: list[float]) -> None:
    document_id = _crawled_site(cli)
    emulator.advance(emulator.limits.recrawl_cooldown)
    assert cli("documents", "recrawl", document_id).exit_code == 0
    data = cli.json("documents", "wait", document_id)
    assert data["status"] == "ready"
    assert data["crawl_count"] == 2


def test_wait_on_a_failed_document_exits_1_with_the_api_message(
    cli: Cli, emulator: TavusEmulator, clock_follows_polls: list[float]
) -> None:
    document_id = _create(cli, "--url", "https://example.com/setup.exe")
    result = cli("documents", "wait", document_id)
    assert result.exit_code == 1
    assert result.stdout == ""
    last = result.stderr.splitlines()[-1]
    assert last == f"error: document {document_id} failed with status 'error': file_format_unsupported"


def test_list_filters_on_the_server(cli: Cli, emulator: TavusEmulator, sent: Sent) -> None:
    handbook = _create(cli, "--url", FILE_URL, "--name", "Handbook")
    emulator.advance(emulator.timings.document_processing)
    pricing = _create(cli, "--url", "https://example.com/pricing.pdf", "--name", "Pricing")
    sent.requests.clear()
    assert cli("documents", "list", "--status", "ready", "-q").stdout.split() == [handbook]
    assert cli("documents", "list", "--name", "pric", "-q").stdout.split() == [pricing]
    assert cli("documents", "list", "--newest-first", "-q").stdout.split() == [pricing, handbook]
    assert sent.requests == ["GET /documents"] * 3


def test_list_more_than_one_page_with_a_cap(cli: Cli, emulator: TavusEmulator, sent: Sent) -> None:
    with emulator.client() as tavus:
        made = [tavus.documents.create(document_url=f"https://example.com/{n}.pdf").document_id for n in range(12)]
    sent.requests.clear()
    result = cli("documents", "list", "--max-items", "11", "-q")
    assert result.exit_code == 0, result.output
    assert result.stdout.split() == made[:11]
    assert "showing the first 11 of 12" in result.stderr
