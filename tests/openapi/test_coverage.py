"""Coverage of the newest Tavus API reference: every non-deprecated operation is implemented or says why not.

Run with ``-s`` to see the table (or ``uv run python openapi/coverage.py``).
"""

from __future__ import annotations

import pytest

from .scripts import load_script

coverage = load_script("coverage")


def test_the_table_lists_the_70_operations_of_the_newest_index() -> None:
    table, _ = coverage.load()
    assert len(table) == 70
    assert len({entry["name"] for entry in table}) == 70


def test_every_operation_is_implemented_or_says_why_not(capsys: pytest.CaptureFixture[str]) -> None:
    table, ops = coverage.load()
    assert coverage.problems(table, ops) == []
    with capsys.disabled():
        print("\n" + coverage.report(table, ops))


def test_a_missing_reason_or_a_wrong_path_is_caught() -> None:
    table, ops = coverage.load()
    broken = [dict(entry) for entry in table]
    uncovered = next(e for e in broken if not e.get("operation"))
    uncovered["reason"] = ""
    moved = next(e for e in broken if e.get("operation") == "pals_get")
    moved["path"] = "/v2/pals/{pal_id}/x"
    found = coverage.problems(broken, ops)
    assert any(uncovered["name"] in problem for problem in found)
    assert any("pals_get is" in problem for problem in found)


def test_the_script_exits_0() -> None:
    assert coverage.main() == 0
