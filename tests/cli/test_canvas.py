"""``tavus conversations canvas``: record and list Magic Canvas interactions."""

from __future__ import annotations

from tests.cli.conftest import Cli, Sent


def test_record_then_list(cli: Cli) -> None:
    conversation_id = cli("conversations", "create", "--persona", "p9a95912", "-q").stdout.strip()
    flags = ("--interaction-id", "ci_1", "--tool-call-id", "call_1", "--component", "canvas.text", "--type", "dismiss")
    recorded = cli("conversations", "canvas", "record", conversation_id, *flags)
    assert recorded.exit_code == 0, recorded.output
    assert "recorded ci_1" in recorded.stdout
    history = cli.json("conversations", "canvas", "list", conversation_id)
    assert [(i["interaction_id"], i["type"], i["component_version"]) for i in history] == [("ci_1", "dismiss", "v1")]


def test_a_bad_type_is_exit_2_and_sends_nothing(cli: Cli, sent: Sent) -> None:
    flags = ("--interaction-id", "ci_1", "--tool-call-id", "call_1", "--component", "canvas.text", "--type", "closed")
    result = cli("conversations", "canvas", "record", "c123", *flags)
    assert result.exit_code == 2
    assert "dismiss" in result.output
    assert sent.requests == []
