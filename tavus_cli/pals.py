"""``tavus pals``: PALs, the current name of personas, with the tools and skills attached to each.

``tavus personas`` stays for the same records under the legacy names (and for Pipecat's echo-mode persona).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from tavus_cli import pal_skills, pal_tools
from tavus_cli._bulk import DEFAULT_CONCURRENCY, ConcurrencyOpt
from tavus_cli._group import new_group
from tavus_cli._options import DryRunOpt, FileOpt, JsonOpt, MaxItemsOpt, OpsFileOpt, QuietOpt, RemoveOpt, SetOpt, YesOpt
from tavus_cli._output import Column
from tavus_cli._patching import Patchable, edit_verb, patch_verb
from tavus_cli._verbs import Kind, as_kwargs, body_from, delete_each, output, session, walk

if TYPE_CHECKING:
    from tavus_sdk import AsyncTavus

app = new_group("Create, inspect, change (JSON Patch) and delete PALs; attach tools and skills.")
app.add_typer(pal_tools.app, name="tools")
app.add_typer(pal_skills.app, name="skills")

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

PalId = Annotated[str, typer.Argument(metavar="PAL_ID", help="The PAL's id, e.g. p9a95912.")]


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
def list_(
    ctx: typer.Context, max_items: MaxItemsOpt = None, json_output: JsonOpt = False, quiet: QuietOpt = False
) -> None:
    """List your PALs and the stock ones.

    \b
    Examples:
      tavus pals list
      tavus pals list --json | jq -r '.[] | select(.pipeline_mode == "echo") | .pal_id'
    """
    out = output(ctx, json_output, quiet)
    with session(ctx).client() as tavus:
        pals = walk(tavus.pals.list(max_items=max_items), max_items)
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
    concurrency: ConcurrencyOpt = DEFAULT_CONCURRENCY,
    yes: YesOpt = False,
    json_output: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Delete PALs (asks first; --yes in scripts).

    \b
    Example:
      tavus pals delete p9a95912 --yes
    """
    delete_each(ctx, KIND, pal_ids, _delete_one, yes=yes, json_output=json_output, quiet=quiet, concurrency=concurrency)


async def _delete_one(tavus: AsyncTavus, pal_id: str) -> None:
    await tavus.pals.delete(pal_id)


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
