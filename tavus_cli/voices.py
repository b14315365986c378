"""``tavus voices``: the stock voices, whose ``voice_name`` trains a replica from an image."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from tavus_cli._group import new_group
from tavus_cli._options import JsonOpt, MaxItemsOpt, QuietOpt
from tavus_cli._output import Column
from tavus_cli._verbs import Kind, output, session, walk

if TYPE_CHECKING:
    from tavus_sdk.types.voice import VoiceListParams

app = new_group("List the stock voices (voice_name for a replica trained from an image).")

KIND = Kind(
    noun="voice",
    plural="voices",
    id_field="voice_name",
    columns=(
        Column("voice", "voice_name"),
        Column("replica", "replica_id"),
        Column("preview", "audio_url", in_table=False),
    ),
)


@app.command("list")
def list_(
    ctx: typer.Context,
    search: Annotated[
        str | None, typer.Option("--search", metavar="TEXT", help="Only voices whose name contains TEXT.")
    ] = None,
    tag: Annotated[str | None, typer.Option("--tag", metavar="TAG", help="Only voices whose replica has TAG.")] = None,
    descending: Annotated[bool, typer.Option("--desc", help="Sort names Z to A.")] = False,
    max_items: MaxItemsOpt = None,
    json_output: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """List the stock voices, every page of them.

    \b
    Examples:
      tavus voices list --search ann
      tavus voices list --desc -q
    """
    out = output(ctx, json_output, quiet)
    params: VoiceListParams = {"limit": 100, "max_items": max_items}
    if search:
        params["search"] = search
    if tag:
        params["tag"] = tag
    if descending:
        params["sort"] = "desc"
    with session(ctx).client() as tavus:
        voices = walk(tavus.voices.list(**params), max_items)
    out.items(voices, id_field=KIND.id_field, columns=KIND.columns)
