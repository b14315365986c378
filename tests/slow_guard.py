"""The rule behind ``pytest -m 'not slow'``: a test that is not marked ``slow`` may not start a process or bind a
socket, so the quick part of the suite is quick by construction, not by convention.

Loaded from ``tests/conftest.py`` as a plugin. Two ways to mark:
- a test or module: ``@pytest.mark.slow`` or ``pytestmark = pytest.mark.slow``;
- a fixture that serves or spawns: ``@slow_fixture`` under ``@pytest.fixture``. Every test that uses it, directly
  or through another fixture, is marked slow at collection.

While a test that is not marked ``slow`` is being set up, run or torn down (its module- and session-scoped fixtures
included), every way of starting a process (``subprocess``, asyncio's subprocesses, ``os.fork``, ``os.posix_spawn``,
``os.system``) and ``socket.bind`` raise ``SlowOnlyError``. Code under test may swallow that error, so the refusal
is also recorded and fails the test once the phase is over. Outside the test phases (collection, pytest-xdist's own
workers) nothing is checked.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
from collections.abc import Callable, Generator
from typing import Any, TypeVar

import pytest

F = TypeVar("F", bound=Callable[..., Any])

HOW_TO_FIX = "mark the test @pytest.mark.slow (or the module: pytestmark = pytest.mark.slow)"


class SlowOnlyError(RuntimeError):
    """Deliberately not an OSError: code that handles a busy port or a missing binary must not take it for one."""


_checked: str | None = None
"""The node id of the test whose phase is running, when that test is not marked slow."""
refused: list[str] = []
"""What was refused during the current phase; a test of this rule may pop what it provoked."""


def _refuse(what: str) -> None:
    if _checked is not None:
        refused.append(what)
        raise SlowOnlyError(f"{_checked} is not marked slow but tried {what}: {HOW_TO_FIX}")


def _guarded(name: str, original: F) -> F:
    def guarded(*args: Any, **kwargs: Any) -> Any:
        _refuse(name)
        return original(*args, **kwargs)

    guarded.__wrapped__ = original  # type: ignore[attr-defined]
    return guarded  # type: ignore[return-value]


def _guarded_bind(original: Callable[[socket.socket, Any], None]) -> Callable[[socket.socket, Any], None]:
    def bind(self: socket.socket, address: Any) -> None:
        _refuse(f"socket.bind({address!r})")
        original(self, address)

    bind.__wrapped__ = original  # type: ignore[attr-defined]
    return bind


def _install() -> None:
    if getattr(socket.socket.bind, "__wrapped__", None) is not None:
        return  # already in place (a nested pytest run in this process)
    # urllib3 1.x probes for IPv6 by binding ::1 when first imported (the lowest-versions run has it): an import, not
    # a socket a test uses, so it happens here, before the guard.
    with contextlib.suppress(ImportError):
        import urllib3.util.connection  # noqa: F401
    socket.socket.bind = _guarded_bind(socket.socket.bind)  # type: ignore[method-assign,assignment]
    # Every subprocess API (run, Popen, asyncio's create_subprocess_*) ends in _execute_child.
    popen: Any = subprocess.Popen
    popen._execute_child = _guarded("a subprocess", popen._execute_child)
    for name in ("fork", "forkpty", "posix_spawn", "posix_spawnp", "system"):
        if hasattr(os, name):
            setattr(os, name, _guarded(f"os.{name}", getattr(os, name)))


def slow_fixture(function: F) -> F:
    """Decorate a fixture function (below ``@pytest.fixture``): every test that uses it is marked slow."""
    function._starts_processes_or_sockets = True  # type: ignore[attr-defined]
    return function


def _uses_slow_fixture(item: pytest.Item) -> bool:
    info = getattr(item, "_fixtureinfo", None)
    if info is None:
        return False
    # The last definition of a name is the one the test gets (a module's own fixture shadows conftest's).
    return any(
        getattr(defs[-1].func, "_starts_processes_or_sockets", False) for defs in info.name2fixturedefs.values() if defs
    )


def pytest_configure(config: pytest.Config) -> None:
    _install()


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if not item.get_closest_marker("slow") and _uses_slow_fixture(item):
            item.add_marker(pytest.mark.slow)


def _phase(item: pytest.Item) -> Generator[None, None, None]:
    global _checked
    _checked = None if item.get_closest_marker("slow") else item.nodeid
    refused.clear()
    try:
        yield
    finally:
        _checked = None
    if refused:
        what = ", ".join(dict.fromkeys(refused))
        refused.clear()
        pytest.fail(f"{item.nodeid} is not marked slow but tried {what}: {HOW_TO_FIX}", pytrace=False)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item: pytest.Item) -> Generator[None, None, None]:
    yield from _phase(item)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, None, None]:
    yield from _phase(item)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> Generator[None, None, None]:
    yield from _phase(item)
