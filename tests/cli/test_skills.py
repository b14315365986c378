"""``tavus skills``: the registry."""

from __future__ import annotations

from tests.cli.conftest import Cli


def test_list_shows_the_stock_skills(cli: Cli) -> None:
    assert cli("skills", "list", "-q").stdout.split() == ["internet_search", "presentation", "magic_canvas"]


def test_get_one_and_an_unknown_one(cli: Cli) -> None:
    assert cli.json("skills", "get", "magic_canvas") == {"skill_id": "magic_canvas"}
    result = cli("skills", "get", "teleport")
    assert result.exit_code == 1
    assert "Skill not found: teleport" in result.output
