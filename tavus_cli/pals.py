"""``tavus pals``: PALs, the current name of personas, with the tools and skills attached to each.

``tavus personas`` stays for the same records under the legacy names (and for Pipecat's echo-mode persona).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from tavus_cli._group import new_group
from tavus_cli._options import DryRunOpt, FileOpt, JsonOpt, OpsFileOpt, QuietOpt, RemoveOpt, SetOpt, YesOpt
from tavus_cli._output import Column
from tavus_cli._patching import Patchable, edit_verb, patch_verb
from tavus_cli._verbs import Kind, as_kwargs, body_from, delete_each, note, output, session

if TYPE_CHECKING:
    from tavus_sdk import Tavus

app = new_group("Create, inspect, change (JSON Patch) and delete PALs; attach tools and skills.")
tools_app = new_group("Attach, list and detach a PAL's standalone tools (at most 50).")
skills_app = new_group("Attach, configure, list and detach a PAL's skills.")
app.add_typer(tools_app, name="tools")
app.add_typer(skills_app, name="skills")

KIND = Kind(
    noun="PAL",
    plural="PALs",
    id_field="pal_id",
    columns=(
        Column("id", "pal_id"),
        Column("name", "pal_name"),
        Column("mode", "pipeline_mode"),
        Column("default face", "default_face_id", is_id=True),
        Column("llm", "layers.llm.model"),
        Column("created", "created_at", in_table=False),
    ),
)
TOOL_COLUMNS = (Column("id", "tool_id"), Column("name", "name"), Column("origin", "origin"))
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


def _check_paths(operations: object) -> None:
    from tavus_sdk.patch import check_pal_paths

    check_pal_paths(operations)


PATCHABLE = Patchable(
    kind=KIND,
    get=lambda tavus, pid: tavus.pals.get(pid),
    patch=lambda tavus, pid, ops: tavus.pals.patch(pid, ops, check_paths=False),
    check_paths=_check_paths,
)


@app.command("create")
def create(
    ctx: typer.Context,
    name: Annotated[str | None, typer.Option("--name", help="pal_name.")] = None,
    system_prompt: Annotated[str | None, typer.Option("--system-prompt", help="Instructions for the LLM.")] = None,
    context: Annotated[str | None, typer.Option("--context", help="Background knowledge for the LLM.")] = None,
    face: Annotated[str | None, typer.Option("--face", help="default_face_id (required).")] = None,
    pipeline_mode: Annotated[str | None, typer.Option("--pipeline-mode", help="full (default) or echo.")] = None,
    objectives: Annotated[str | None, typer.Option("--objectives", help="objectives_id to attach.")] = None,
    document: Annotated[list[str] | None, typer.Option("--document", help="A document id to attach; repeat.")] = None,
    tool: Annotated[list[str] | None, typer.Option("--tool", help="A tool id to attach; repeat (at most 50).")] = None,
    file: FileOpt = None,
    json_output: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Create a PAL from flags and/or a JSON or YAML body; --face is required.

    \b
    Examples:
      tavus pals create --name "Front desk" --system-prompt "You greet visitors." --face r79e1c033f
      tavus pals create --file pal.yaml --tool t1a2b3c4d5e6 -q
    """
    out = output(ctx, json_output, quiet)
    flags: dict[str, Any] = {
        "pal_name": name,
        "system_prompt": system_prompt,
        "context": context,
        "default_face_id": face,
        "pipeline_mode": pipeline_mode,
        "objectives_id": objectives,
        "document_ids": document or None,
        "tool_ids": tool or None,
    }
    body = body_from(file, flags, "pals_create")
    from tavus_sdk.types.pal import PalCreateParams

    with session(ctx).client() as tavus:
        pal = tavus.pals.create(**as_kwargs(body, PalCreateParams))
    out.item(pal, id_field=KIND.id_field)


@app.command("list")
def list_(ctx: typer.Context, json_output: JsonOpt = False, quiet: QuietOpt = False) -> None:
    """List your PALs and the stock ones.

    \b
    Examples:
      tavus pals list
      tavus pals list --json | jq -r '.[] | select(.pipeline_mode == "echo") | .pal_id'
    """
    out = output(ctx, json_output, quiet)
    with session(ctx).client() as tavus:
        pals = list(tavus.pals.list())
    out.items(pals, id_field=KIND.id_field, columns=KIND.columns)


@app.command("get")
def get(ctx: typer.Context, pal_id: PalId, json_output: JsonOpt = False, quiet: QuietOpt = False) -> None:
    """Show one PAL, every layer included (secrets masked unless --show-secrets).

    \b
    Example:
      tavus pals get p9a95912 --json
    """
    out = output(ctx, json_output, quiet)
    with session(ctx).client() as tavus:
        pal = tavus.pals.get(pal_id)
    out.item(pal, id_field=KIND.id_field)


@app.command("patch")
def patch(
    ctx: typer.Context,
    pal_id: PalId,
    set_: SetOpt = None,
    remove: RemoveOpt = None,
    ops_file: OpsFileOpt = None,
    dry_run: DryRunOpt = False,
    json_output: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Change a PAL with JSON Patch (RFC 6902); paths are checked before anything is sent.

    \b
    Examples:
      tavus pals patch p9a95912 --set /pal_name="Front desk" --set /default_face_id=r79e1c033f
      tavus pals patch p9a95912 --ops-file ops.json --dry-run
    """
    patch_verb(
        ctx,
        PATCHABLE,
        pal_id,
        sets=set_ or [],
        removes=remove or [],
        ops_file=ops_file,
        dry_run=dry_run,
        json_output=json_output,
        quiet=quiet,
    )


@app.command("edit")
def edit(
    ctx: typer.Context,
    pal_id: PalId,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Show the patch; send nothing.")] = False,
    yes: YesOpt = False,
) -> None:
    """Edit a PAL as YAML in $EDITOR; the minimal JSON Patch is shown, then sent once you confirm.

    \b
    Example:
      EDITOR=nano tavus pals edit p9a95912
    """
    edit_verb(ctx, PATCHABLE, pal_id, yes=yes, dry_run=dry_run)


@app.command("delete")
def delete(
    ctx: typer.Context,
    pal_ids: Annotated[list[str], typer.Argument(metavar="PAL_ID...", help="One or more PAL ids.")],
    yes: YesOpt = False,
    json_output: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Delete PALs (asks first; --yes in scripts).

    \b
    Example:
      tavus pals delete p9a95912 --yes
    """
    delete_each(ctx, KIND, pal_ids, _delete_one, yes=yes, json_output=json_output, quiet=quiet)


def _delete_one(tavus: Tavus, pal_id: str) -> None:
    tavus.pals.delete(pal_id)


@app.command("check-username")
def check_username(
    ctx: typer.Context,
    username: Annotated[str, typer.Argument(metavar="USERNAME", help="The conferencing username to check.")],
    json_output: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Check that a conferencing username (a PAL's Meet/Zoom identity) is free; exit 1 when it is taken.

    \b
    Example:
      tavus pals check-username acme-support && tavus pals patch p9a95912 \\
          --set /layers/conferencing/username=acme-support
    """
    out = output(ctx, json_output, quiet)
    with session(ctx).client() as tavus:
        answer = tavus.pals.check_username(username)
    data = out.to_data(answer)
    human = f"{username} is available" if answer.available else f"{username} is taken: {answer.reason or 'no reason'}"
    out.result(data, ids=[username] if answer.available else [], human=human)
    if not answer.available:
        raise typer.Exit(1)


# ------------------------------------------------------------------------------------------------ tools


@tools_app.command("attach")
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


@tools_app.command("list")
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


@tools_app.command("detach")
def tools_detach(
    ctx: typer.Context,
    pal_id: PalId,
    tool_ids: Annotated[list[str], typer.Argument(metavar="TOOL_ID...", help="One or more tool ids.")],
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
        verb=f"detach from {pal_id}",
        past="detached",
    )


# ------------------------------------------------------------------------------------------------ skills


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


@skills_app.command("list")
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


@skills_app.command("get")
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


@skills_app.command("attach")
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


@skills_app.command("update")
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


@skills_app.command("detach")
def skills_detach(
    ctx: typer.Context,
    pal_id: PalId,
    skill_ids: Annotated[list[str], typer.Argument(metavar="SKILL_ID...", help="One or more skill ids.")],
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
        verb=f"detach from {pal_id}",
        past="detached",
    )


@skills_app.command("replace")
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
