"""The rule behind ``pytest -m 'not slow'`` (tests/slow_guard.py): a test not marked slow that starts a process or
binds a socket fails, even when it swallows the refusal; marked tests and users of a ``@slow_fixture`` may."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests import slow_guard
from tests.slow_guard import SlowOnlyError

ROOT = Path(__file__).resolve().parents[1]


def test_a_quick_test_cannot_bind_a_socket() -> None:
    with socket.socket() as sock, pytest.raises(SlowOnlyError, match=r"is not marked slow but tried socket\.bind"):
        sock.bind(("127.0.0.1", 0))
    assert slow_guard.refused.pop() == "socket.bind(('127.0.0.1', 0))"


def test_a_quick_test_cannot_start_a_process() -> None:
    with pytest.raises(SlowOnlyError, match=r"mark the test @pytest\.mark\.slow"):
        subprocess.run([sys.executable, "-c", "pass"], check=True)
    assert slow_guard.refused.pop() == "a subprocess"


INNER = """
import socket, subprocess, sys
import pytest
from tests.slow_guard import slow_fixture

def test_binds():
    socket.socket().bind(("127.0.0.1", 0))

def test_swallows_the_refusal():
    try:
        subprocess.run([sys.executable, "-c", "pass"])
    except Exception:
        pass

@pytest.fixture(scope="module")
def shared_socket():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        yield sock

def test_through_a_module_fixture(shared_socket):
    pass

@pytest.fixture
@slow_fixture
def served():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        yield sock

def test_through_a_slow_fixture(served):
    pass

@pytest.mark.slow
def test_marked():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
    subprocess.run([sys.executable, "-c", "pass"], check=True)

def test_plain():
    assert sum([1, 2]) == 3
"""


@pytest.mark.slow
def test_the_rule_in_a_pytest_run_of_its_own(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    pytester.makeini("[pytest]\nmarkers =\n    slow: a process or a socket\n")
    pytester.makeconftest('pytest_plugins = ["tests.slow_guard"]\n')
    pytester.makepyfile(test_inner=INNER)

    everything = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-p", "no:xdist")
    everything.assert_outcomes(passed=3, failed=2, errors=1)
    everything.stdout.fnmatch_lines(
        [
            "*test_binds*is not marked slow but tried socket.bind(('127.0.0.1', 0))*",
            "*test_swallows_the_refusal*is not marked slow but tried a subprocess*",
        ]
    )

    quick = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-p", "no:xdist", "-m", "not slow")
    quick.assert_outcomes(passed=1, failed=2, errors=1, deselected=2)
