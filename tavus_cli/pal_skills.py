"""``tavus pals skills``: registry skills attached to a PAL, keyed by skill id."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from tavus_cli._bulk import DEFAULT_CONCURRENCY, ConcurrencyOpt
from tavus_cli._group import new_group
from tavus_cli._options import JsonOpt, QuietOpt, YesOpt
from tavus_cli._output import Column
from tavus_cli._verbs import Kind, delete_each, note, output, session

app = new_group("Attach, configure, list and detach a PAL's skills.")

SKILL_KIND = Kind(
    noun="skill",
    plural="skills",
    id_field="skill_id",
    columns=(Column("id", "skill_id"), Column("attached", "attached_at"), Column("config", "config")),
)
PalId = Annotated[str, typer.Argument(metavar="PAL_ID", help="The PAL's id, e.g. p9a95912.")]
SkillId = Annotated[str, typer.Argument(metavar="SKILL_ID", help="The skill's id, e.g. internet_search.")]
ConfigOpt = Annotated[
    str | None,
    typer.Option("--config", metavar="JSON|FILE", help="The skill's configuration: a JSON object or a JSON/YAML file."),
]


def _config(value: str | None) -> dict[str, Any] | None:
    """``--config``: inline JSON, or a JSON/YAML file; an object either way."""
    if value is None:
        return None
    import json

    from tavus_cli._errors import CliError
    from tavus_cli._input import load_document

    try:
        data = json.loads(value)
    except json.JSONDecodeError:
        data = load_document(value, what="--config")
    if not isinstance(data, dict):
        raise CliError(f"--config: expected a JSON object, got {type(data).__name__}")
    return data


@app.command("list")
def skills_list(ctx: typer.Context, pal_id: PalId, json_output: JsonOpt = False, quiet: QuietOpt = False) -> None:
    """List the skills attached to a PAL, with their configuration.

    \b
    Example:
      tavus pals skills list p9a95912
    """
    out = output(ctx, json_output, quiet)
    with session(ctx).client() as tavus:
        attached = tavus.pals.skills.list(pal_id)
    out.items(list(attached.data.values()), id_field=SKILL_KIND.id_field, columns=SKILL_KIND.columns)


@app.command("get")
def skills_get(
    ctx: typer.Context, pal_id: PalId, skill_id: SkillId, json_output: JsonOpt = False, quiet: QuietOpt = False
) -> None:
    """Show one skill attached to a PAL.

    \b
    Example:
      tavus pals skills get p9a95912 presentation --json
    """
    out = output(ctx, json_output, quiet)
    with session(ctx).client() as tavus:
        attachment = tavus.pals.skills.get(pal_id, skill_id)
    out.item(attachment, id_field=SKILL_KIND.id_field)


@app.command("attach")
def skills_attach(
    ctx: typer.Context,
    pal_id: PalId,
    skill_id: SkillId,
    config: ConfigOpt = None,
    json_output: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Attach a skill to a PAL, or replace an attachment's whole configuration.

    \b
    Examples:
      tavus pals skills attach p9a95912 internet_search
      tavus pals skills attach p9a95912 presentation --config '{"document_ids": ["d1234567890"]}'
    """
    out = output(ctx, json_output, quiet)
    body = _config(config)
    with session(ctx).client() as tavus:
        attachment = tavus.pals.skills.attach(pal_id, skill_id, body)
    out.item(attachment, id_field=SKILL_KIND.id_field)


@app.command("update")
def skills_update(
    ctx: typer.Context,
    pal_id: PalId,
    skill_id: SkillId,
    config: ConfigOpt = None,
    json_output: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Merge changes into a skill's configuration: given fields replace, null removes, the rest stays.

    \b
    Example:
      tavus pals skills update p9a95912 presentation --config '{"slides_trigger": "walk_the_deck"}'
    """
    from tavus_cli._errors import CliError

    out = output(ctx, json_output, quiet)
    body = _config(config)
    if not body:
        raise CliError("nothing to change: give --config with at least one field")
    with session(ctx).client() as tavus:
        attachment = tavus.pals.skills.update(pal_id, skill_id, body)
    out.item(attachment, id_field=SKILL_KIND.id_field)


@app.command("detach")
def skills_detach(
    ctx: typer.Context,
    pal_id: PalId,
    skill_ids: Annotated[list[str], typer.Argument(metavar="SKILL_ID...", help="One or more skill ids.")],
    concurrency: ConcurrencyOpt = DEFAULT_CONCURRENCY,
    yes: YesOpt = False,
    json_output: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Detach skills from a PAL (asks first; --yes in scripts); they stay in the registry.

    \b
    Example:
      tavus pals skills detach p9a95912 internet_search --yes
    """
    delete_each(
        ctx,
        SKILL_KIND,
        skill_ids,
        lambda tavus, skill_id: tavus.pals.skills.detach(pal_id, skill_id),
        yes=yes,
        json_output=json_output,
        quiet=quiet,
        concurrency=concurrency,
        verb=f"detach from {pal_id}",
        past="detached",
    )


@app.command("replace")
def skills_replace(
    ctx: typer.Context,
    pal_id: PalId,
    file: Annotated[
        str, typer.Option("--file", "-f", metavar="FILE", help="{skill_id: {config: {...}}} as JSON or YAML.")
    ],
    yes: YesOpt = False,
    json_output: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Set a PAL's whole skill set from a file; skills not in it are detached (asks first).

    \b
    Example:
      tavus pals skills replace p9a95912 --file skills.yaml --yes
    """
    from tavus_cli._confirm import confirm
    from tavus_cli._errors import CliError
    from tavus_cli._input import load_document

    out = output(ctx, json_output, quiet)
    document = load_document(file, what="--file")
    skills = document.get("skills", document) if isinstance(document, dict) else None
    if not isinstance(skills, dict) or not all(isinstance(v, dict | None) for v in skills.values()):
        raise CliError(f"--file {file}: expected {{skill_id: {{config: {{...}}}}}}")
    confirm(f"Replace every skill of {pal_id} with {', '.join(skills) or 'none'}?", yes=yes)
    configs = {skill_id: (entry or {}).get("config") for skill_id, entry in skills.items()}
    with session(ctx).client() as tavus:
        attached = tavus.pals.skills.replace(pal_id, configs)
    note(f"{pal_id} now has {len(attached.data)} skill(s)")
    out.items(list(attached.data.values()), id_field=SKILL_KIND.id_field, columns=SKILL_KIND.columns)
