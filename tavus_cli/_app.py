"""The ``tavus`` command tree: global options, then one group per resource and a few tools.

Only typer and this package's small modules load here; the SDK, rich, the emulator and the agent load inside the
commands that use them, so ``tavus --help`` stays close to the cost of importing typer.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.main import get_command, get_group

from tavus_cli._errors import CliError
from tavus_cli._group import TavusGroup
from tavus_cli._session import Session

__all__ = ["app"]

# Name -> (module, one-line summary). A module is imported only when its command runs or its help is shown, so
# `tavus --help` builds none of the ~60 commands; a test keeps each summary equal to the command's own help.
GROUPS: dict[str, tuple[str, str]] = {
    "conversations": ("conversations", "Start, list, inspect, end and delete conversations (calls with a replica)."),
    "pals": ("pals", "Create, inspect, change (JSON Patch) and delete PALs; attach tools and skills."),
    "faces": ("faces", "Train (from a video or an image), list, rename, wait for and delete faces."),
    "tools": (
        "tools",
        "Create, list, inspect, update and delete standalone tools (attach them with tavus pals tools).",
    ),
    "skills": ("skills", "List the skills registry (attach skills with tavus pals skills)."),
    "deployments": (
        "deployments",
        "Create, inspect, change (JSON Patch) and delete deployments; start and end their conversations.",
    ),
    "personas": ("personas", "Create, inspect, change (JSON Patch) and delete personas."),
    "replicas": ("replicas", "Train, list, rename, wait for and delete replicas."),
    "videos": ("videos", "Generate, list, rename, wait for and delete videos."),
    "documents": ("documents", "Add, list, tag, recrawl, wait for and delete knowledge-base documents."),
    "objectives": ("objectives", "Create, inspect, change (JSON Patch) and delete sets of objectives."),
    "guardrails": ("guardrails", "Create, inspect, change (JSON Patch) and delete sets of guardrails."),
    "voices": ("voices", "List the stock voices (voice_name for a replica trained from an image)."),
    "pronunciation-dictionaries": (
        "pronunciation_dictionaries",
        "Create, inspect, change (JSON Patch) and delete pronunciation dictionaries.",
    ),
    "transcriptions": ("transcriptions", "Transcribe videos, list and inspect transcriptions, delete them."),
    "webhooks": (
        "webhooks",
        "Receive Tavus webhooks locally: print each callback as it arrives, optionally forward it.",
    ),
    "agent": ("agent", "Run the bundled Pipecat Flows voice agent in a Tavus conversation (needs the agent extra)."),
}
COMMANDS: dict[str, tuple[str, str]] = {
    "demo": (
        "demo",
        "Walk through the main job on a local emulator: persona, conversation, replica joins, end, webhooks.",
    ),
    "emulator": (
        "emulator",
        "Serve a stateful local Tavus v2 API until Ctrl-C; replicas train and calls end in real time.",
    ),
    "doctor": (
        "doctor",
        "Check what tavus needs: Python and package versions, the API key, the API itself, the extras.",
    ),
}


def load(name: str) -> Any:
    """The click command behind ``tavus <name>``, built from its module."""
    if name in GROUPS:
        return get_group(importlib.import_module(f"tavus_cli.{GROUPS[name][0]}").app)
    single = typer.Typer(add_completion=False, pretty_exceptions_enable=False, rich_markup_mode=None)
    single.command(name)(importlib.import_module(f"tavus_cli.{COMMANDS[name][0]}").command)
    return get_command(single)


class TavusRoot(TavusGroup):
    """``tavus`` itself: its commands are loaded on first use, and its help lists them from their summaries."""

    def list_commands(self, ctx: Any) -> list[str]:
        return [*super().list_commands(ctx), *COMMANDS, *GROUPS]

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        command = super().get_command(ctx, cmd_name)
        if command is None and (cmd_name in GROUPS or cmd_name in COMMANDS):
            command = load(cmd_name)
            command.name = cmd_name
            self.commands[cmd_name] = command
        return command

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        from typer._click.utils import make_default_short_help

        entries = {**COMMANDS, **GROUPS}
        limit = formatter.width - 6 - max(len(name) for name in entries)
        rows = [(name, make_default_short_help(summary, limit)) for name, (_, summary) in entries.items()]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


app = typer.Typer(
    name="tavus",
    cls=TavusRoot,
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    help="""Administer Tavus: conversations, personas, replicas, videos, documents, objectives, guardrails.

\b
Examples:
  tavus demo                                   the whole job on a local emulator, offline
  tavus conversations end --all-active --older-than 10m
  tavus personas patch p9a95912 --set /layers/llm/model=tavus-gpt-4o --dry-run
  tavus --emulator personas list               any command, against an in-process emulator

The API key comes from TAVUS_API_KEY, ./.env, --api-key-stdin, or a hidden prompt.
Exit codes: 0 ok, 1 API error, 2 bad input, 4 authentication, 130 interrupted.""",
)


_MAX_TIMEOUT = 86400.0


def _version(value: bool) -> None:
    if value:
        from tavus_sdk._version import __version__

        typer.echo(f"tavus {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    ctx: typer.Context,
    base_url: Annotated[
        str | None, typer.Option("--base-url", metavar="URL", help="API base URL (default TAVUS_BASE_URL, else Tavus).")
    ] = None,
    timeout: Annotated[float | None, typer.Option("--timeout", help="Seconds per request (0.1 to 86400).")] = None,
    max_retries: Annotated[
        int | None, typer.Option("--max-retries", min=0, help="Retries of a failed safe request.")
    ] = None,
    api_key_stdin: Annotated[
        bool, typer.Option("--api-key-stdin", help="Read the API key from the first line of stdin.")
    ] = False,
    emulator: Annotated[bool, typer.Option("--emulator", help="Run against an in-process Tavus emulator.")] = False,
    emulator_state: Annotated[
        Path | None,
        typer.Option(
            "--emulator-state", metavar="FILE", help="Like --emulator, keeping its state in FILE between runs."
        ),
    ] = None,
    show_secrets: Annotated[
        bool, typer.Option("--show-secrets", help="Show persona LLM/TTS keys instead of masks.")
    ] = False,
    allow_unknown_fields: Annotated[
        bool,
        typer.Option("--allow-unknown-fields", help="Send body fields the API description does not know (newer ones)."),
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Log requests (key redacted) and show tracebacks.")] = False,
    version: Annotated[
        bool, typer.Option("--version", "-V", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Global options go before the command: tavus [OPTIONS] COMMAND ..."""
    if timeout is not None and not (0.1 <= timeout <= _MAX_TIMEOUT):  # nan and inf pass typer's own check
        raise CliError(f"--timeout {timeout:g} is not a number of seconds from 0.1 to {_MAX_TIMEOUT:g}")
    existing = ctx.obj if isinstance(ctx.obj, Session) else None
    session = existing or Session()
    session.base_url = base_url
    session.timeout = timeout
    session.max_retries = max_retries
    session.api_key_stdin = api_key_stdin
    session.use_emulator = emulator or session.use_emulator
    session.emulator_state = emulator_state
    session.show_secrets = show_secrets
    session.allow_unknown_fields = allow_unknown_fields
    session.debug = debug
    ctx.obj = session
    if debug:
        from tavus_cli._session import start_request_log, stop_request_log

        start_request_log()
        ctx.call_on_close(stop_request_log)
