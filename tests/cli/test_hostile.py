"""``tavus`` against hostile and careless input: one table per layer, so the next case found is one line to add.

Every local problem exits 2 with one line on stderr that says what was wrong and where, and sends nothing.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tavus_cli._session import Session
from tavus_cli.webhooks import Printer
from tavus_sdk.testing import TavusEmulator

from .conftest import Cli, Sent

BOMB = """a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
persona_name: *h
"""

# A file's name (its suffix matters) and bytes, given as --file to `personas create`.
BAD_FILES: list[tuple[str, bytes, str]] = [
    ("bomb.yaml", BOMB.encode(), "aliases (*name) are not accepted"),
    ("bomb.txt", BOMB.encode(), "aliases (*name) are not accepted"),  # no suffix: YAML gets the last word
    ("deep.yaml", b"a: " + b"[" * 100_000 + b"]" * 100_000, "nested deeper than 64 levels"),
    ("deep.json", b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    ("deep-ok-parse.json", b'{"a":' * 70 + b"1" + b"}" * 70, "nested deeper than 64 levels"),
    ("big.json", b'{"persona_name": "' + b"x" * (2 * 1024 * 1024) + b'"}', "larger than 1024 KiB"),
    ("image.json", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe", "not UTF-8 text: byte 0x89 at offset 0"),
    ("utf16.json", '{"persona_name": "x"}'.encode("utf-16"), "not UTF-8 text (it looks like UTF-16)"),
    ("nul.json", b'{"persona_name": "x\x00"}', "holds NUL bytes at offset 19"),
    ("huge-number.json", b'{"persona_name": "x", "n": ' + b"9" * 5000 + b"}", "invalid JSON"),
    ("big-number.json", b'{"persona_name": "x", "n": 1' + b"0" * 30 + b"}", "/n is out of range"),
    ("nan.json", b'{"persona_name": "x", "n": NaN}', "nan at /n is not a JSON number"),
    ("inf.yaml", b"persona_name: x\nn: .inf\n", "inf at /n is not a JSON number"),
]


@pytest.mark.parametrize(("name", "content", "message"), BAD_FILES, ids=[row[0] for row in BAD_FILES])
def test_bad_files_exit_2_with_one_line_and_send_nothing(
    cli: Cli, sent: Sent, tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    result = cli("personas", "create", "--file", str(path))
    assert result.exit_code == 2, result.output
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith(f"error: --file {path}: ")
    assert message in result.stderr
    assert sent.requests == []


def test_a_bomb_in_an_ops_file_is_refused_even_in_a_dry_run(cli: Cli, sent: Sent, tmp_path: Path) -> None:
    ops = tmp_path / "ops.yaml"
    ops.write_text(BOMB.replace("persona_name: *h", "ops: *h"))
    result = cli("personas", "patch", "p9a95912", "--ops-file", str(ops), "--dry-run")
    assert result.exit_code == 2
    assert "aliases (*name) are not accepted" in result.stderr
    assert sent.requests == []


def test_a_utf8_bom_is_fine(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "persona.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps({"persona_name": "B", "system_prompt": "x"}).encode())
    assert cli("personas", "create", "--file", str(path), "-q").exit_code == 0


# Arguments that are refused before anything is sent: (argv, input on stdin, environment, words in the error).
BAD_ARGUMENTS: list[tuple[list[str], str | None, dict[str, str], str]] = [
    (["personas", "create", "--file", "/dev/zero"], None, {}, "not a regular file"),
    (["personas", "create", "--file", "/"], None, {}, "a directory"),
    (["--api-key-stdin", "personas", "create", "--file", "-"], "key\n{}", {}, "both read stdin"),
    (["--timeout", "inf", "personas", "list"], None, {}, "--timeout inf is not a number of seconds"),
    (["--timeout", "nan", "personas", "list"], None, {}, "--timeout nan is not a number of seconds"),
    (["personas", "get", "x" * 100_000], None, {}, "too long; ids have at most 512"),
    (["personas", "delete", ".", "--yes"], None, {}, "'.' is not an id"),
    (["conversations", "delete", "..", "--yes"], None, {}, "'..' is not an id"),
    (["conversations", "end", "../personas", "--yes"], None, {}, "must not contain '/'"),
    (["personas", "get", "p1\r\nerror: forged"], None, {}, "control character"),
    (["personas", "get", "p\udcff1"], None, {}, "not UTF-8"),
    (["personas", "patch", "p9a95912", "--set", "/context=" + "9" * 5000], None, {}, "--set value: invalid JSON"),
    (["personas", "patch", "p9a95912", "--set", "/context=1e999"], None, {}, "--set value: inf is not"),
    (["conversations", "end", "--all-active", "--older-than", "9" * 5000, "--yes"], None, {}, "not a duration"),
    (["conversations", "end", "--all-active", "--older-than", "99999d", "--yes"], None, {}, "longer than 30 days"),
    (["personas", "edit", "p9a95912"], None, {"EDITOR": "/nonexistent/editor"}, "cannot run the editor"),
]


# Trying the editor starts a process: that row is slow.
BAD_ARGUMENT_CASES = [
    pytest.param(*row, id=" ".join(row[0])[:50], marks=[pytest.mark.slow] if "edit" in row[0] else [])
    for row in BAD_ARGUMENTS
]


@pytest.mark.parametrize(("argv", "stdin", "env", "message"), BAD_ARGUMENT_CASES)
def test_bad_arguments_exit_2_with_one_line_and_send_nothing(
    cli: Cli, sent: Sent, argv: list[str], stdin: str | None, env: dict[str, str], message: str
) -> None:
    result = cli(*argv, input=stdin, env=env)
    assert result.exit_code == 2, result.output
    assert result.stderr.count("\n") == 1, result.stderr
    assert message in result.stderr
    assert "\r" not in result.stderr
    assert sent.writes() == []


# -- secrets ----------------------------------------------------------------------------------------------------

SECRET = "sk-live-7f3ab9c2d4e5"
# Commands that carry a secret the user typed: (argv, what stdout/stderr must not hold).
LLM = json.dumps({"model": "m", "base_url": "https://llm.test/v1", "api_key": SECRET})
LAYERS = {"llm": {"model": "tavus-gpt-4o"}, "tts": {"tts_engine": "cartesia"}}
SECRET_RUNS: list[list[str]] = [
    ["--debug", "personas", "patch", "{p}", "--set", f"/layers/llm={LLM}"],
    ["--debug", "personas", "patch", "{p}", "--set", f"/layers/tts/api_key={SECRET}"],
    ["personas", "patch", "{p}", "--set", f"/layers/tts/api_key={SECRET}", "--dry-run"],
    ["personas", "patch", "{p}", "--set", f"/layers/tts/api_key={SECRET}", "--dry-run", "--json"],
    ["personas", "patch", "{p}", "--set", f"/layers/llm={LLM}", "--dry-run"],
    ["personas", "patch", "{p}", "--set", f"/layers/llm/base_url=https://u:{SECRET}@llm.test/v1", "--dry-run"],
]


@pytest.mark.parametrize("argv", SECRET_RUNS, ids=range(len(SECRET_RUNS)))
def test_typed_secrets_never_reach_logs_dry_runs_or_diffs(cli: Cli, argv: list[str]) -> None:
    created = cli(
        "personas", "create", "--file", "-", "-q",
        input=json.dumps({"persona_name": "S", "system_prompt": "x", "layers": LAYERS}),
    )  # fmt: skip
    persona_id = created.stdout.strip()
    result = cli(*[arg.replace("{p}", persona_id) for arg in argv])
    assert result.exit_code == 0, result.output
    assert SECRET not in result.stdout + result.stderr
    shown = cli("--show-secrets", *[arg.replace("{p}", persona_id) for arg in argv if arg != "--debug"])
    if "--dry-run" in argv:
        assert SECRET in shown.stdout  # asked for, so shown


@pytest.mark.slow
def test_an_edit_diff_masks_a_new_secret(cli: Cli, tmp_path: Path) -> None:
    editor = tmp_path / "editor.py"
    editor.write_text(
        "import sys, pathlib\n"
        "p = pathlib.Path(sys.argv[1])\n"
        f"p.write_text(p.read_text() + 'layers:\\n  llm:\\n    model: m\\n    api_key: {SECRET}\\n')\n"
    )
    import sys

    result = cli("personas", "edit", "p9a95912", "--dry-run", env={"EDITOR": f"{sys.executable} {editor}"})
    assert result.exit_code == 0, result.output
    assert "+ layers.llm.api_key: <redacted>" in result.stdout
    assert SECRET not in result.stdout + result.stderr


@pytest.mark.parametrize("bad_key", ["tvs-7f3a\nb9c2", "tvs-7f3a\x1b[2Jb9c2", "tvs-7f3a b9c2"])
def test_a_key_with_control_characters_is_refused_without_echoing_it(
    monkeypatch: pytest.MonkeyPatch, bad_key: str
) -> None:
    from typer.testing import CliRunner

    from tavus_cli._app import app

    monkeypatch.setenv("TAVUS_API_KEY", bad_key)
    result = CliRunner().invoke(app, ["--base-url", "http://127.0.0.1:9/v2", "personas", "list"], obj=Session())
    assert result.exit_code == 4
    assert result.stderr.count("\n") == 1
    assert "7f3a" not in result.stderr
    assert "b9c2" not in result.stderr
    assert "API key has" in result.stderr
    assert "Connection" not in result.stderr  # not mistaken for a network problem


def test_doctor_never_prints_base_url_passwords(monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from tavus_cli._app import app

    monkeypatch.setenv("TAVUS_API_KEY", "tvs-abcdef0123456789")
    argv = ["--timeout", "1", "--base-url", f"http://user:{SECRET}@127.0.0.1:9/v2", "doctor"]
    result = CliRunner().invoke(app, argv, obj=Session())
    assert "127.0.0.1:9" in result.stdout
    assert SECRET not in result.stdout + result.stderr


# A .env in the working directory: (its lines, TAVUS_API_KEY in the environment, the base URL used, stderr words).
DOTENV_CASES: list[tuple[str, str | None, str | None, str]] = [
    ("TAVUS_BASE_URL=https://attacker.test/v2\n", "tvs-env-key", None, "ignoring TAVUS_BASE_URL"),
    (
        "TAVUS_API_KEY=tvs-dotenv-key\nTAVUS_BASE_URL=http://127.0.0.1:8787/v2\n",
        None,
        "http://127.0.0.1:8787/v2",
        "using TAVUS_BASE_URL=http://127.0.0.1:8787/v2 from ./.env",
    ),
    ("TAVUS_BASE_URL=https://u:pw-9z@attacker.test/v2\n", "tvs-env-key", None, "https://<redacted>@attacker.test"),
]


@pytest.mark.parametrize(("dotenv", "env_key", "expected", "words"), DOTENV_CASES)
def test_a_dotenv_base_url_cannot_redirect_a_key_from_elsewhere(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    dotenv: str,
    env_key: str | None,
    expected: str | None,
    words: str,
) -> None:
    (tmp_path / ".env").write_text(dotenv)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TAVUS_BASE_URL", raising=False)
    if env_key is None:
        monkeypatch.delenv("TAVUS_API_KEY", raising=False)
    else:
        monkeypatch.setenv("TAVUS_API_KEY", env_key)
    assert Session().configured_base_url() == expected
    err = capsys.readouterr().err
    assert words in err
    assert "pw-9z" not in err


# -- output: control characters from servers and typed ids are neutralised, --json stays exact -------------------

HOSTILE_NAME = "evil\x1b[2J\x1b]8;;http://x.test\x07link\x1b]8;;\x07\r\nforged\x9b31m\u202eabc"


@pytest.mark.parametrize(
    ("mode", "terminal"), [([], True), ([], False), (["-q"], False)], ids=["table", "rows", "quiet"]
)
def test_server_strings_cannot_drive_the_terminal(cli: Cli, mode: list[str], terminal: bool) -> None:
    created = cli(
        "personas", "create", "--file", "-", "-q",
        input=json.dumps({"persona_name": HOSTILE_NAME, "system_prompt": "x"}),
    )  # fmt: skip
    persona_id = created.stdout.strip()
    cli.terminal(terminal)
    for argv in (["personas", "list", *mode], ["personas", "get", persona_id, *mode]):
        out = cli(*argv).stdout
        for raw in ("\x1b", "\x07", "\r", "\x9b", "\u202e"):
            assert raw not in out
    if not mode:
        assert "^[[2J" in cli("personas", "get", persona_id).stdout


def test_json_output_stays_exact(cli: Cli) -> None:
    created = cli(
        "personas", "create", "--file", "-", "-q",
        input=json.dumps({"persona_name": HOSTILE_NAME, "system_prompt": "x"}),
    )  # fmt: skip
    assert cli.json("personas", "get", created.stdout.strip())["persona_name"] == HOSTILE_NAME


def test_a_server_error_message_stays_one_harmless_line(cli: Cli, emulator: TavusEmulator) -> None:
    emulator.faults.add("personas_list", status=500, times=None, message="boom\x1b[2J\r\nerror: forged second line")
    result = cli("personas", "list")
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert "\x1b" not in result.stderr
    assert "boom [2J error: forged second line" in result.stderr


PRINTER_CALLS: list[Callable[[Printer], None]] = [
    lambda p: p.received({"x": 1}, None, "bad\x1b[2J\nnews"),
    lambda p: p.rejected("/hook\x1b[2J", "not JSON\r\nforged"),
    lambda p: p.forwarded("label\x1b]8;;x\x07", "http://127.0.0.1:1/x", None, "refused\x1b[31m"),
]


@pytest.mark.parametrize("call", PRINTER_CALLS, ids=range(len(PRINTER_CALLS)))
def test_the_webhook_listener_neutralises_control_characters(call: Callable[[Printer], None]) -> None:
    out, err = io.StringIO(), io.StringIO()
    call(Printer(out=out, err=err))
    text = out.getvalue() + err.getvalue()
    assert text.count("\n") == 1
    assert "\x1b" not in text
    assert "\r" not in text


async def test_the_webhook_listener_refuses_a_huge_body_with_413() -> None:
    import httpx

    from tavus_cli.webhooks import build_app

    out, err = io.StringIO(), io.StringIO()
    app = build_app(Printer(out=out, err=err))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://127.0.0.1") as client:
        response = await client.post("/webhooks", content=b"{" + b" " * (2 * 1024 * 1024) + b"}")
    assert response.status_code == 413
    assert out.getvalue() == ""
    assert "rejected a POST to /webhooks (413): body larger than 1024 KiB" in err.getvalue()
