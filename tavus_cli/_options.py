"""Options that many commands share, declared once so every command spells and explains them the same way."""

from __future__ import annotations

from typing import Annotated

import typer

__all__ = [
    "DryRunOpt",
    "FileOpt",
    "JsonOpt",
    "MaxItemsOpt",
    "OpsFileOpt",
    "QuietOpt",
    "RemoveOpt",
    "SetOpt",
    "YesOpt",
]

JsonOpt = Annotated[bool, typer.Option("--json", help="Print the full object(s) as JSON (a list prints an array).")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="Print only ids, one per line.")]
YesOpt = Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation (required off a terminal).")]
FileOpt = Annotated[
    str | None,
    typer.Option("--file", "-f", metavar="FILE", help="The whole request body as JSON or YAML ('-' reads stdin)."),
]
SetOpt = Annotated[
    list[str] | None,
    typer.Option("--set", metavar="/PATH=VALUE", help="Set a field (the value is parsed as JSON if it can be)."),
]
RemoveOpt = Annotated[list[str] | None, typer.Option("--remove", metavar="/PATH", help="Remove a field or an item.")]
OpsFileOpt = Annotated[
    str | None, typer.Option("--ops-file", metavar="FILE", help="A JSON Patch array (JSON or YAML, '-' for stdin).")
]
MaxItemsOpt = Annotated[
    int | None,
    typer.Option(
        "--max-items",
        min=1,
        metavar="N",
        help="Stop after N items (lists walk every page by default; no page beyond N is fetched).",
    ),
]
DryRunOpt = Annotated[bool, typer.Option("--dry-run", help="Show the resulting change; send nothing.")]
