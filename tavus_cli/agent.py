"""``tavus agent``: the bundled Pipecat Flows voice agent (the ``agent`` extra)."""

from __future__ import annotations

import os

import typer

from tavus_cli._errors import USAGE, CliError
from tavus_cli._extras import require
from tavus_cli._group import new_group
from tavus_cli._verbs import session

app = new_group("Run the bundled Pipecat Flows voice agent in a Tavus conversation (needs the agent extra).")

_PASS_THROUGH = {"allow_extra_args": True, "ignore_unknown_options": True, "help_option_names": []}


@app.command("launch", context_settings=_PASS_THROUGH, add_help_option=False)
def launch(ctx: typer.Context) -> None:
    """Create (or reuse) the pipecat-stream persona and a conversation, join its room and hold the conversation.

    Every option is the agent's own: `tavus agent launch --help` lists them.

    \b
    Examples:
      tavus agent launch --replica r79e1c033f --dry-run
      TAVUS_API_KEY=... OPENAI_API_KEY=... tavus agent launch --replica r79e1c033f
    """
    require("agent", "tavus agent launch")
    current = session(ctx)
    rehearsal = {"--dry-run", "--help", "-h"} & set(ctx.args)
    if current.emulated and not rehearsal:
        raise CliError(
            "the agent cannot use an in-process emulator: it needs an API its room's replica can reach",
            code=USAGE,
            hint="drop --emulator, or serve one with `tavus emulator` and set TAVUS_BASE_URL for a dry rehearsal",
        )
    # The agent reads its settings from the environment; global flags given to tavus still apply.
    if current.base_url:
        os.environ["TAVUS_BASE_URL"] = current.base_url
    for name in ("TAVUS_API_KEY", "TAVUS_BASE_URL", "OPENAI_API_KEY"):
        value = current.setting(name)
        if value and not os.environ.get(name):
            os.environ[name] = value
    from agent.cli import main

    code = main(list(ctx.args), prog="tavus agent launch")
    raise typer.Exit(code)
