"""``tavus doctor``: one line per check, the key never shown, and an exit code a script can branch on."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from tavus_cli._app import app
from tavus_sdk.testing import TavusEmulator

from .conftest import Cli, Sent, needs_agent_extra
from .processes import base_url_of, environment, run, server

KEY = "tvs-secret-0123456789-abcd"


@pytest.fixture(autouse=True)
def clean_setting(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No key or .env of the machine running the tests leaks in."""
    for name in ("TAVUS_API_KEY", "TAVUS_BASE_URL", "OPENAI_API_KEY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)


def lines(result: Result) -> dict[str, str]:
    """``check name -> whole line``, from the rows on stdout."""
    return {line[6:21].strip(): line for line in result.stdout.splitlines()}


def doctor_without_emulator(*args: str) -> Result:
    return CliRunner().invoke(app, [*args, "doctor"], catch_exceptions=False)


@needs_agent_extra
def test_against_the_emulator_everything_needed_is_ok(cli: Cli) -> None:
    result = cli("doctor")
    assert result.exit_code == 0, result.output
    rows = lines(result)
    for check in ("python", "tavus-kit", "httpx", "pydantic", "typer", "api key", "api"):
        assert rows[check].startswith("ok    "), rows[check]
    assert rows["api key"].endswith("…-key from the emulator's built-in key")
    assert "the in-process emulator accepted the key (14 personas listed in" in rows["api"]
    assert rows["openai key"].startswith("warn  openai key      OPENAI_API_KEY is not set")
    assert "; fix: export OPENAI_API_KEY=" in rows["openai key"]
    assert result.stderr == "no failures, 1 warning\n"


def test_the_key_shows_its_source_and_last_four_characters_only(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TAVUS_API_KEY", KEY)
    result = cli("doctor")
    assert result.exit_code == 0
    assert lines(result)["api key"] == "ok    api key         …abcd from env TAVUS_API_KEY"
    assert KEY[:-4] not in result.output


@needs_agent_extra
def test_a_key_in_dotenv_is_found_there(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / ".env").write_text(f"TAVUS_API_KEY={KEY}\nOPENAI_API_KEY=sk-openai-000000-wxyz\n")
    result = cli("doctor")
    assert result.exit_code == 0
    rows = lines(result)
    assert rows["api key"].endswith("…abcd from ./.env")
    assert rows["openai key"] == "ok    openai key      …wxyz from ./.env"
    assert "sk-openai" not in result.output
    assert result.stderr == "all checks passed\n"


def test_a_key_from_stdin(cli: Cli) -> None:
    result = cli("--api-key-stdin", "doctor", input=f"{KEY}\n")
    assert result.exit_code == 0
    assert lines(result)["api key"].endswith("…abcd from --api-key-stdin")


@needs_agent_extra
def test_a_refused_key_fails_with_exit_4(monkeypatch: pytest.MonkeyPatch) -> None:
    cli = Cli(TavusEmulator(api_keys=["the-right-key-1234"]), monkeypatch)
    monkeypatch.setenv("TAVUS_API_KEY", KEY)
    result = cli("doctor")
    assert result.exit_code == 4
    assert lines(result)["api"] == (
        "fail  api             the in-process emulator refused the key "
        "(401 Unauthorized on GET /v2/personas: Invalid access token); "
        "fix: set TAVUS_API_KEY, put it in ./.env, or pipe it in with --api-key-stdin"
    )
    assert KEY[:-4] not in result.output
    assert result.stderr == "1 failed, 1 warning\n"


def test_no_key_at_all_fails_with_exit_4_and_nothing_is_sent() -> None:
    result = doctor_without_emulator()
    assert result.exit_code == 4
    rows = lines(result)
    assert rows["api key"].startswith("fail  api key         not found; fix: set TAVUS_API_KEY")
    assert rows["api"] == "warn  api             not checked without an API key"


def test_an_unreachable_api_fails_with_exit_1(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TAVUS_API_KEY", KEY)
    result = doctor_without_emulator("--base-url", "http://127.0.0.1:9/v2")
    assert result.exit_code == 1
    row = lines(result)["api"]
    assert row.startswith("fail  api             cannot reach http://127.0.0.1:9/v2: ")
    assert row.endswith("; fix: check --base-url / TAVUS_BASE_URL and the network")


@needs_agent_extra
@pytest.mark.parametrize(
    ("blocked", "row"),
    [
        (
            ("pipecat", "daily"),
            "warn  agent extra     not installed (missing pipecat, daily); "
            "fix: pip install 'tavus-kit[agent]' (or `uv sync --extra agent`); only `tavus agent` needs it",
        ),
        (
            ("uvicorn",),
            "warn  emulator extra  not installed (missing uvicorn); fix: pip install 'tavus-kit[emulator]' "
            "(or `uv sync --extra emulator`); only `tavus emulator` and `tavus webhooks listen` need it",
        ),
    ],
)
def test_a_missing_extra_is_a_warning(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, blocked: tuple[str, ...], row: str
) -> None:
    for module in blocked:  # None in sys.modules blocks an import, as if the package were not installed
        monkeypatch.setitem(sys.modules, module, None)
    result = cli("doctor")
    assert result.exit_code == 0
    assert row in result.stdout.splitlines()


def test_json_is_one_object_per_check(cli: Cli) -> None:
    result = cli("doctor", "--json")
    assert result.exit_code == 0
    checks = json.loads(result.stdout)
    assert {c["check"]: c["status"] for c in checks}["api"] == "ok"
    assert set(checks[0]) == {"status", "check", "detail", "fix"}


@pytest.mark.slow
def test_the_agent_check_does_not_import_pipecat(tmp_path: Path) -> None:
    script = (
        "import sys; from tavus_cli.main import main; code = main(['--emulator', 'doctor']); "
        "print('imported' if 'pipecat' in sys.modules else 'not imported', code)"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=environment(), timeout=30)
    assert out.stdout.splitlines()[-1] == "not imported 0"


@pytest.mark.slow
def test_against_a_served_emulator_by_base_url() -> None:
    with server("emulator", "--port", "0", "--api-key", "served-key-5678") as served:
        base_url = base_url_of(served)
        good = run("--base-url", base_url, "doctor", "--json", env={"TAVUS_API_KEY": "served-key-5678"})
        bad = run("--base-url", base_url, "doctor", env={"TAVUS_API_KEY": "wrong-key-0000"})
    assert good.returncode == 0, good.stdout
    api = next(c for c in json.loads(good.stdout) if c["check"] == "api")
    assert api["detail"].startswith(f"{base_url} accepted the key")
    assert bad.returncode == 4
    assert (
        f"fail  api             {base_url} refused the key (401 Unauthorized on GET /v2/personas: Invalid access token)"
        in bad.stdout
    )


def test_an_api_error_fails_with_exit_1_after_a_single_request(cli: Cli, emulator: TavusEmulator, sent: Sent) -> None:
    emulator.faults.add("GET /personas", status=503, times=None)
    result = cli("doctor")
    assert result.exit_code == 1
    assert lines(result)["api"].startswith("fail  api             the in-process emulator answered 503 ")
    assert sent.requests == ["GET /personas"]  # one cheap request, no retries
