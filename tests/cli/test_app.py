"""The command tree as a whole: coverage of the API, help, configuration, exit codes, start-up cost."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer._click import Context
from typer.main import get_command
from typer.testing import CliRunner

from tavus_cli import _session
from tavus_cli._app import COMMANDS, GROUPS, app
from tavus_cli._session import Session
from tavus_sdk.spec import spec_index
from tavus_sdk.testing import TavusEmulator
from tests.cli.conftest import Cli, Sent, needs_agent_extra

ROOT = Path(__file__).resolve().parents[2]


def _commands() -> dict[str, Any]:
    """Every leaf command as ``"group verb"`` (or ``"command"``)."""
    found: dict[str, Any] = {}
    root = get_command(app)
    context = Context(root)

    def walk(command: Any, prefix: str) -> None:
        subcommands = getattr(command, "commands", None)
        if subcommands is None:
            found[prefix.strip()] = command
            return
        for name, sub in subcommands.items():
            walk(sub, f"{prefix} {name}")

    for name in root.list_commands(context):
        walk(root.get_command(context, name), name)
    return found


def test_the_root_help_summaries_are_the_commands_own() -> None:
    root = get_command(app)
    context = Context(root)
    for name, (_, summary) in {**GROUPS, **COMMANDS}.items():
        assert root.get_command(context, name).get_short_help_str(500) == summary, name


def test_every_api_operation_has_a_command() -> None:
    commands = _commands()
    missing = []
    for operation in spec_index():
        # `_` separates levels (pals_tools_attach -> tavus pals tools attach); `-` stays inside a verb.
        command = operation.operation_id.replace("_", " ")
        if command not in commands:
            missing.append(f"{operation.operation_id} -> tavus {command}")
    assert missing == []


@pytest.mark.parametrize(
    "name",
    [pytest.param(name, marks=[needs_agent_extra] if name.startswith("agent") else []) for name in sorted(_commands())],
)
def test_every_command_help_has_an_example(name: str) -> None:
    result = CliRunner().invoke(app, [*name.split(), "--help"], obj=Session(emulator=TavusEmulator()))
    assert result.exit_code == 0, result.output
    text = result.stdout.lower()
    assert "example" in text, f"`tavus {name} --help` shows no example"
    assert f"tavus {name}" in result.stdout


def test_root_help_lists_every_group() -> None:
    result = CliRunner().invoke(app, ["--help"])
    assert result.exit_code == 0
    for group in (
        "conversations",
        "personas",
        "replicas",
        "videos",
        "documents",
        "objectives",
        "guardrails",
        "pals",
        "faces",
        "tools",
        "skills",
        "deployments",
        "voices",
        "pronunciation-dictionaries",
        "transcriptions",
        "webhooks",
        "agent",
        "demo",
        "emulator",
        "doctor",
    ):
        assert f"  {group} " in result.stdout


def _loaded_modules(*args: str) -> set[str]:
    code = (
        "import sys, json\n"
        "from tavus_cli.main import main\n"
        f"code = main({list(args)!r})\n"
        "sys.stderr.write('\\nMODULES ' + json.dumps(sorted(m for m, v in sys.modules.items() if v is not None)))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert "MODULES " in result.stderr, result.stderr
    return set(json.loads(result.stderr.rsplit("MODULES ", 1)[1]))


@pytest.mark.slow
def test_help_imports_neither_the_sdk_stack_nor_the_agent() -> None:
    modules = _loaded_modules("--help")
    heavy = {"pipecat", "agent", "starlette", "uvicorn", "httpx", "pydantic", "rich", "tavus_sdk.testing", "yaml"}
    assert sorted(m for m in modules if m.split(".")[0] in heavy or m in heavy) == []


@pytest.mark.slow
def test_a_group_help_stays_light_too() -> None:
    modules = _loaded_modules("conversations", "--help")
    assert not any(m.split(".")[0] in {"pipecat", "agent", "starlette", "uvicorn", "httpx"} for m in modules)


def test_version(cli: Cli) -> None:
    result = cli("--version")
    assert result.exit_code == 0
    assert result.stdout.startswith("tavus ")


def test_unknown_command_is_a_usage_error(cli: Cli) -> None:
    result = cli("persona", "list")
    assert result.exit_code == 2
    assert "No such command" in result.stderr


def test_unknown_option_is_a_usage_error(cli: Cli, sent: Sent) -> None:
    result = cli("personas", "list", "--jsn")
    assert result.exit_code == 2
    assert sent.requests == []


# -- the API key -----------------------------------------------------------------------------------------------


def _keyed(monkeypatch: pytest.MonkeyPatch, *keys: str) -> TavusEmulator:
    monkeypatch.delenv("TAVUS_API_KEY", raising=False)
    monkeypatch.setattr(_session.sys.stdin, "isatty", lambda: False, raising=False)
    return TavusEmulator(api_keys=keys)


def _run(emulator: TavusEmulator, *args: str, input: str | None = None, env: dict[str, str] | None = None) -> Any:
    return CliRunner().invoke(app, list(args), obj=Session(emulator=emulator), input=input, env=env)


def test_key_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    emulator = _keyed(monkeypatch, "right-key")
    assert _run(emulator, "personas", "list", "-q", env={"TAVUS_API_KEY": "right-key"}).exit_code == 0
    refused = _run(emulator, "personas", "list", "-q", env={"TAVUS_API_KEY": "wrong-key"})
    assert refused.exit_code == 4
    assert refused.stderr.startswith("error: the API key was refused (401)")
    assert "wrong-key" not in refused.stderr


def test_key_from_a_dotenv_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    emulator = _keyed(monkeypatch, "dotenv-key")
    (tmp_path / ".env").write_text("# local settings\nTAVUS_API_KEY=dotenv-key\n")
    monkeypatch.chdir(tmp_path)
    assert _run(emulator, "personas", "list", "-q").exit_code == 0


def test_the_environment_wins_over_dotenv(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    emulator = _keyed(monkeypatch, "env-key")
    (tmp_path / ".env").write_text("TAVUS_API_KEY=dotenv-key\n")
    monkeypatch.chdir(tmp_path)
    assert _run(emulator, "personas", "list", "-q", env={"TAVUS_API_KEY": "env-key"}).exit_code == 0


def test_key_from_stdin_is_never_echoed(monkeypatch: pytest.MonkeyPatch) -> None:
    emulator = _keyed(monkeypatch, "piped-key")
    result = _run(emulator, "--api-key-stdin", "personas", "list", "-q", input="piped-key\n")
    assert result.exit_code == 0, result.output
    assert "piped-key" not in result.output


def test_empty_stdin_key_is_an_auth_error(monkeypatch: pytest.MonkeyPatch) -> None:
    emulator = _keyed(monkeypatch, "k")
    result = _run(emulator, "--api-key-stdin", "personas", "list", input="")
    assert result.exit_code == 4
    assert "standard input was empty" in result.stderr


def test_no_key_off_a_terminal_says_how_to_give_one(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("TAVUS_API_KEY", raising=False)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["personas", "list"])
    assert result.exit_code == 4
    [line] = result.stderr.splitlines()
    assert line.startswith("error: no Tavus API key (hint: set TAVUS_API_KEY")
    assert "TAVUS_API_KEY" in result.stderr
    assert "--emulator" in result.stderr


def test_key_from_a_hidden_prompt(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("TAVUS_API_KEY", raising=False)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(_session.sys.stdin, "isatty", lambda: True, raising=False)
    monkeypatch.setattr(_session.sys.stderr, "isatty", lambda: True, raising=False)
    import getpass

    prompts: list[str] = []

    def typed(prompt: str) -> str:
        prompts.append(prompt)
        return "typed-key\n"

    monkeypatch.setattr(getpass, "getpass", typed)
    assert Session().api_key() == "typed-key"
    assert prompts == ["Tavus API key (input hidden): "]


def test_debug_logs_requests_with_the_key_redacted(monkeypatch: pytest.MonkeyPatch) -> None:
    emulator = _keyed(monkeypatch, "very-secret-key")
    result = _run(emulator, "--debug", "personas", "get", "pipecat0", "-q", env={"TAVUS_API_KEY": "very-secret-key"})
    assert result.exit_code == 0, result.output
    assert "debug:" in result.stderr
    assert "/personas/pipecat0" in result.stderr
    assert "very-secret-key" not in result.stderr


# -- failures --------------------------------------------------------------------------------------------------


def test_ctrl_c_exits_130_without_a_traceback(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    from tavus_sdk.resources.personas import Personas

    def interrupted(*args: Any, **kwargs: Any) -> Any:
        raise KeyboardInterrupt

    monkeypatch.setattr(Personas, "list", interrupted)
    result = cli("personas", "list")
    assert result.exit_code == 130
    assert "interrupted" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_unexpected_error_is_one_line_unless_debug(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    from tavus_sdk.resources.personas import Personas

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("something odd")

    monkeypatch.setattr(Personas, "list", broken)
    result = cli("personas", "list")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "error: unexpected RuntimeError: something odd (hint: rerun with --debug for the full traceback)"
    ]
    with pytest.raises(RuntimeError, match="something odd"):
        cli("--debug", "personas", "list")


def test_connection_failure_is_exit_1_with_a_hint(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TAVUS_API_KEY", "k")
    result = CliRunner().invoke(app, ["--base-url", "http://127.0.0.1:9/v2", "--max-retries", "0", "personas", "list"])
    assert result.exit_code == 1
    assert result.stderr.startswith("error: Connection error")
    assert "--base-url" in result.stderr


def test_json_and_quiet_together_are_refused(cli: Cli, sent: Sent) -> None:
    result = cli("personas", "list", "--json", "-q")
    assert result.exit_code == 2
    assert sent.requests == []


# -- demo and agent --------------------------------------------------------------------------------------------


def test_demo_walks_the_main_job(cli: Cli) -> None:
    result = cli("demo")
    assert result.exit_code == 0, result.output
    assert "shutdown_reason=end_conversation_endpoint_hit" in result.stdout
    assert "system.shutdown" in result.stdout
    assert "tavus agent launch --replica r79e1c033f" in result.stdout


@pytest.mark.slow
def test_demo_runs_as_the_installed_command_offline() -> None:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(ROOT), "NO_PROXY": "*", "HTTPS_PROXY": "http://127.0.0.1:9"}
    result = subprocess.run(
        [sys.executable, "-m", "tavus_cli.main", "demo"], capture_output=True, text=True, cwd=ROOT, env=env, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert "https://tavus.daily.co/" in result.stdout


@needs_agent_extra
def test_agent_launch_dry_run_goes_through_the_agent(cli: Cli, sent: Sent) -> None:
    result = cli("agent", "launch", "--replica", "r79e1c033f", "--dry-run")
    assert result.exit_code == 0, result.output
    assert "Dry run: nothing was created on Tavus." in result.stdout
    assert "initial_node: greeting" in result.stdout
    assert sent.requests == []


def test_agent_launch_bad_option_is_exit_2() -> None:
    result = CliRunner().invoke(app, ["agent", "launch", "--no-such-option"])
    assert result.exit_code == 2
    assert "tavus agent launch" in result.stderr


def test_agent_launch_without_the_extra_says_how_to_install(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pipecat", None)  # as if it were not installed
    result = cli("agent", "launch", "--replica", "r1")
    assert result.exit_code == 2
    assert result.stderr == "error: tavus agent launch needs the agent extra: pip install 'tavus-kit[agent]'\n"


def test_json_output_round_trips(cli: Cli) -> None:
    data = cli.json("personas", "get", "pipecat0")
    assert data["persona_id"] == "pipecat0"
    assert json.dumps(data)


@pytest.mark.slow
def test_shell_completion_completes_groups_and_verbs() -> None:
    def complete(words: str) -> str:
        env = {
            **os.environ,
            "_TAVUS_COMPLETE": "complete_bash",
            "COMP_WORDS": words,
            "COMP_CWORD": str(len(words.split()) - 1),
        }
        result = subprocess.run(
            [sys.executable, "-m", "tavus_cli.main"], capture_output=True, text=True, env=env, cwd=ROOT, timeout=60
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    assert complete("tavus pers").split() == ["personas"]
    assert "end" in complete("tavus conversations e").split()


def test_emulator_state_persists_between_runs(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("TAVUS_API_KEY", raising=False)
    state = str(tmp_path / "state.json")
    created = CliRunner().invoke(
        app, ["--emulator-state", state, "personas", "create", "--name", "Kept", "--system-prompt", "x", "-q"]
    )
    assert created.exit_code == 0, created.output
    persona_id = created.stdout.strip()
    again = CliRunner().invoke(app, ["--emulator-state", state, "personas", "get", persona_id, "--json"])
    assert again.exit_code == 0, again.output
    assert json.loads(again.stdout)["persona_name"] == "Kept"
    fresh = CliRunner().invoke(app, ["--emulator", "personas", "get", persona_id])
    assert fresh.exit_code == 1


def test_a_broken_emulator_state_file_is_exit_2(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("TAVUS_API_KEY", raising=False)
    state = tmp_path / "state.json"
    state.write_text("{nope")
    result = CliRunner().invoke(app, ["--emulator-state", str(state), "personas", "list"])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: cannot load emulator state {state}")


@needs_agent_extra
def test_agent_launch_refuses_the_in_process_emulator(cli: Cli, sent: Sent) -> None:
    result = cli("--emulator", "agent", "launch", "--replica", "r79e1c033f")
    assert result.exit_code == 2
    assert "in-process emulator" in result.stderr
    assert sent.requests == []
