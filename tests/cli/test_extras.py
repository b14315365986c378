"""What the core install runs, and the one line a command says when the extra it needs is missing.

A package is made "not installed" the way Python itself blocks an import: ``sys.modules[name] = None``.
"""

from __future__ import annotations

import shlex
import sys

import pytest
from typer.testing import CliRunner

from tavus_cli._app import app
from tavus_cli._errors import CliError
from tavus_cli._input import check_body
from tavus_cli.demo import next_steps

from .conftest import needs_agent_extra

SERVER_STACK = ("starlette", "uvicorn")


def block(monkeypatch: pytest.MonkeyPatch, *modules: str) -> None:
    for module in modules:
        monkeypatch.setitem(sys.modules, module, None)


def without_server_stack(monkeypatch: pytest.MonkeyPatch) -> None:
    """As in a core install: no starlette, no uvicorn, and the emulator's server modules not loaded yet."""
    block(monkeypatch, *SERVER_STACK)
    for loaded in [name for name in sys.modules if name.startswith(("starlette.", "uvicorn."))]:
        monkeypatch.delitem(sys.modules, loaded)
    for private in ("tavus_sdk.testing._app", "tavus_sdk.testing._server"):
        monkeypatch.delitem(sys.modules, private, raising=False)


@pytest.mark.parametrize(
    ("args", "extra", "blocked"),
    [
        (["emulator", "--port", "0"], "emulator", SERVER_STACK),
        (["webhooks", "listen", "--port", "0"], "emulator", ("uvicorn",)),
        (["agent", "launch", "--replica", "r79e1c033f", "--dry-run"], "agent", ("pipecat",)),
    ],
)
def test_a_missing_extra_is_one_line_naming_what_to_install(
    monkeypatch: pytest.MonkeyPatch, args: list[str], extra: str, blocked: tuple[str, ...]
) -> None:
    block(monkeypatch, *blocked)
    result = CliRunner().invoke(app, args, catch_exceptions=False)
    what = "tavus " + " ".join(args[:2] if args[0] in ("webhooks", "agent") else args[:1])
    assert result.exit_code == 2
    assert result.stderr == f"error: {what} needs the {extra} extra: pip install 'tavus-kit[{extra}]'\n"
    assert result.stdout == ""


def test_the_in_process_emulator_needs_no_server(monkeypatch: pytest.MonkeyPatch) -> None:
    without_server_stack(monkeypatch)
    monkeypatch.delenv("TAVUS_API_KEY", raising=False)
    result = CliRunner().invoke(app, ["--emulator", "personas", "get", "pipecat0", "--json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert '"persona_id": "pipecat0"' in result.stdout
    assert "starlette" not in [name for name, module in sys.modules.items() if module is not None]


def test_body_checks_need_neither_the_emulator_nor_the_server(monkeypatch: pytest.MonkeyPatch) -> None:
    without_server_stack(monkeypatch)
    block(monkeypatch, "tavus_sdk.testing")
    with pytest.raises(CliError) as caught:
        check_body("personas_create", {"persona_nme": "Front desk", "system_prompt": "Hi."})
    assert caught.value.code == 2
    assert "persona_nme: unknown field; did you mean 'persona_name'?" in caught.value.message


@needs_agent_extra
def test_the_demos_next_steps_run_as_printed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TAVUS_API_KEY", raising=False)
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    commands = [line.strip() for line in next_steps("r79e1c033f", "tavus").splitlines() if line.startswith("  tavus ")]
    assert len(commands) == 4
    offline = [c for c in commands if c.startswith("tavus --emulator ")]
    assert len(offline) == 2
    for command in commands:
        assert "..." not in command
        assert "<" not in command
    for command in offline:
        result = CliRunner().invoke(app, shlex.split(command)[1:], catch_exceptions=False)
        assert result.exit_code == 0, f"{command}: {result.output}"


@pytest.mark.parametrize(
    ("on_path", "uv", "expected"),
    [
        ("/usr/local/bin/tavus", None, "tavus"),
        ("/root/.local/bin/tavus", "/usr/bin/uv", "tavus"),  # `uv tool install .` put one on PATH
        (f"{sys.prefix}/bin/tavus", "/usr/bin/uv", "uv run tavus"),  # only the clone's, which `uv run` added
        (None, "/usr/bin/uv", "uv run tavus"),
    ],
)
def test_the_demo_prints_the_command_as_this_shell_runs_it(
    monkeypatch: pytest.MonkeyPatch, on_path: str | None, uv: str | None, expected: str
) -> None:
    monkeypatch.setattr("shutil.which", lambda name: on_path if name == "tavus" else None)
    if uv:
        monkeypatch.setenv("UV", uv)
    else:
        monkeypatch.delenv("UV", raising=False)
    printed = next_steps("r79e1c033f")
    steps = [line.strip() for line in printed.splitlines() if line.startswith("  ")]
    assert len(steps) == 4
    assert all(step.startswith(f"{expected} ") for step in steps)
    assert ("uv tool install '.[all]'" in printed) is (expected == "uv run tavus")
