"""``tavus skills``: the registry of Tavus-authored skills; attach them with ``tavus pals skills attach``."""

from __future__ import annotations

from typing import Annotated

import typer

from tavus_cli._group import new_group
from tavus_cli._options import JsonOpt, MaxItemsOpt, QuietOpt
from tavus_cli._output import Column
from tavus_cli._verbs import Kind, output, session, walk

app = new_group("List the skills registry (attach skills with tavus pals skills).")

KIND = Kind(noun="skill", plural="skills", id_field="skill_id", columns=(Column("id", "skill_id"),))


@app.command("list")
def list_(
    ctx: typer.Context, max_items: MaxItemsOpt = None, json_output: JsonOpt = False, quiet: QuietOpt = False
) -> None:
    """List every skill of the registry.

    \b
    Example:
      tavus skills list -q
    """
    out = output(ctx, json_output, quiet)
    with session(ctx).client() as tavus:
        skills = walk(tavus.skills.list(max_items=max_items), max_items)
    out.items(skills, id_field=KIND.id_field, columns=KIND.columns)


@app.command("get")
def get(
    ctx: typer.Context,
    skill_id: Annotated[str, typer.Argument(metavar="SKILL_ID", help="The skill's id, e.g. presentation.")],
    json_output: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Show one skill of the registry.

    \b
    Example:
      tavus skills get magic_canvas --json
    """
    out = output(ctx, json_output, quiet)
    with session(ctx).client() as tavus:
        skill = tavus.skills.get(skill_id)
    out.item(skill, id_field=KIND.id_field)
