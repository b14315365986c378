"""``tavus pals tools``: standalone tools attached to a PAL (at most 50); detaching deletes nothing."""

from __future__ import annotations

from typing import Annotated

import typer

from tavus_cli._bulk import DEFAULT_CONCURRENCY, ConcurrencyOpt
from tavus_cli._group import new_group
from tavus_cli._options import JsonOpt, QuietOpt, YesOpt
from tavus_cli._output import Column
from tavus_cli._verbs import Kind, delete_each, output, session

app = new_group("Attach, list and detach a PAL's standalone tools (at most 50).")

TOOL_COLUMNS = (Column("id", "tool_id"), Column("name", "name"), Column("origin", "origin"))
PalId = Annotated[str, typer.Argument(metavar="PAL_ID", help="The PAL's id, e.g. p9a95912.")]


@app.command("attach")
def tools_attach(
    ctx: typer.Context,
    pal_id: PalId,
    tool_ids: Annotated[list[str], typer.Argument(metavar="TOOL_ID...", help="One or more tool ids.")],
    json_output: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Attach standalone tools to a PAL (at most 50 per PAL); prints the PAL's tools.

    \b
    Example:
      tavus pals tools attach p9a95912 t1a2b3c4d5e6 t6e5d4c3b2a1
    """
    out = output(ctx, json_output, quiet)
    with session(ctx).client() as tavus:
        attached = tavus.pals.tools.attach(pal_id, tool_ids)
    out.items(attached.data, id_field="tool_id", columns=TOOL_COLUMNS)


@app.command("list")
def tools_list(ctx: typer.Context, pal_id: PalId, json_output: JsonOpt = False, quiet: QuietOpt = False) -> None:
    """List the standalone tools attached to a PAL (system tools are always there and not listed).

    \b
    Example:
      tavus pals tools list p9a95912 -q
    """
    out = output(ctx, json_output, quiet)
    with session(ctx).client() as tavus:
        attached = tavus.pals.tools.list(pal_id)
    out.items(attached.data, id_field="tool_id", columns=TOOL_COLUMNS)


@app.command("detach")
def tools_detach(
    ctx: typer.Context,
    pal_id: PalId,
    tool_ids: Annotated[list[str], typer.Argument(metavar="TOOL_ID...", help="One or more tool ids.")],
    concurrency: ConcurrencyOpt = DEFAULT_CONCURRENCY,
    yes: YesOpt = False,
    json_output: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Detach tools from a PAL (asks first; --yes in scripts); the tools themselves stay.

    \b
    Example:
      tavus pals tools detach p9a95912 t1a2b3c4d5e6 --yes
    """
    kind = Kind(noun="tool", plural="tools", id_field="tool_id", columns=TOOL_COLUMNS)
    delete_each(
        ctx,
        kind,
        tool_ids,
        lambda tavus, tool_id: tavus.pals.tools.detach(pal_id, tool_id),
        yes=yes,
        json_output=json_output,
        quiet=quiet,
        concurrency=concurrency,
        verb=f"detach from {pal_id}",
        past="detached",
    )
