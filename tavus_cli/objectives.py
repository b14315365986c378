"""``tavus objectives``: sets of goals a persona steers a conversation through, one after another or by condition.

A set is ``{objectives_id, data: [objective, ...]}``; the items are addressed as ``/data/<i>/<field>`` when patching,
and a set is attached to a persona with ``tavus personas create --objectives ID``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from tavus_cli._bulk import DEFAULT_CONCURRENCY, ConcurrencyOpt
from tavus_cli._group import new_group
from tavus_cli._options import DryRunOpt, FileOpt, JsonOpt, MaxItemsOpt, OpsFileOpt, QuietOpt, RemoveOpt, SetOpt, YesOpt
from tavus_cli._output import Column
from tavus_cli._patching import Patchable, edit_verb, patch_verb
from tavus_cli._sets import set_body, summaries
from tavus_cli._verbs import Kind, as_kwargs, delete_each, output, session, walk

if TYPE_CHECKING:
    from tavus_sdk import AsyncTavus
    from tavus_sdk.types.objective import Objectives

app = new_group("Create, inspect, change (JSON Patch) and delete sets of objectives.")

KIND = Kind(
    noun="objective set",
    plural="objective sets",
    id_field="objectives_id",
    columns=(
        Column("id", "objectives_id"),
        Column("objectives", "count"),
        Column("names", "names"),
        Column("created", "created_at"),
        Column("updated", "updated_at", in_table=False),
    ),
)
ITEM_NAME = "objective_name"

ObjectivesId = Annotated[str, typer.Argument(metavar="OBJECTIVES_ID", help="The set's id, e.g. o12345.")]


def _check_paths(operations: object) -> None:
    from tavus_sdk.patch import check_objectives_paths

    check_objectives_paths(operations)


PATCHABLE = Patchable(
    kind=KIND,
    get=lambda tavus, oid: tavus.objectives.get(oid),
    patch=lambda tavus, oid, ops: tavus.objectives.patch(oid, ops, check_paths=False),
    check_paths=_check_paths,
)


@app.command("create")
def create(
    ctx: typer.Context,
    name: Annotated[
        str | None, typer.Option("--name", help="objective_name of one objective to add (with --prompt).")
    ] = None,
    prompt: Annotated[
        str | None, typer.Option("--prompt", help="objective_prompt: what that objective achieves.")
    ] = None,
    file: FileOpt = None,
    json_output: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Create a set of objectives from a JSON or YAML list (or {"data": [...]}); --name/--prompt add one more.

    \b
    Examples:
      tavus objectives create --file intake.yaml -q
      tavus objectives create --name get_patient_name --prompt "Ask for the patient's full name."
    """
    out = output(ctx, json_output, quiet)
    body = set_body(file, {ITEM_NAME: name, "objective_prompt": prompt}, items="objectives")
    from tavus_cli._input import check_body

    check_body("objectives_create", body)
    from tavus_sdk.types.objective import ObjectivesCreateParams

    with session(ctx).client() as tavus:
        created = tavus.objectives.create(**as_kwargs(body, ObjectivesCreateParams))
    out.item(created, id_field=KIND.id_field)


@app.command("list")
def list_(
    ctx: typer.Context, max_items: MaxItemsOpt = None, json_output: JsonOpt = False, quiet: QuietOpt = False
) -> None:
    """List your sets of objectives: how many objectives each has, and their names.

    \b
    Examples:
      tavus objectives list
      tavus objectives list --json | jq '.[] | {objectives_id, names: [.data[].objective_name]}'
    """
    out = output(ctx, json_output, quiet)
    with session(ctx).client() as tavus:
        sets: list[Objectives] = walk(tavus.objectives.list(max_items=max_items), max_items)
    out.items(summaries(out, sets, name_field=ITEM_NAME), id_field=KIND.id_field, columns=KIND.columns)


@app.command("get")
def get(ctx: typer.Context, objectives_id: ObjectivesId, json_output: JsonOpt = False, quiet: QuietOpt = False) -> None:
    """Show one set of objectives, field by field (data.0.objective_name is what patch calls /data/0/objective_name).

    \b
    Example:
      tavus objectives get o12345 --json
    """
    out = output(ctx, json_output, quiet)
    with session(ctx).client() as tavus:
        found = tavus.objectives.get(objectives_id)
    out.item(found, id_field=KIND.id_field)


@app.command("patch")
def patch(
    ctx: typer.Context,
    objectives_id: ObjectivesId,
    set_: SetOpt = None,
    remove: RemoveOpt = None,
    ops_file: OpsFileOpt = None,
    dry_run: DryRunOpt = False,
    json_output: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Change a set of objectives with JSON Patch (RFC 6902); paths are checked before anything is sent.

    \b
    Examples:
      tavus objectives patch o12345 --set /data/0/confirmation_mode=manual --dry-run
      tavus objectives patch o12345 --set '/data/1/output_variables=["patient_name"]' --remove /data/1/callback_url
      tavus objectives patch o12345 --ops-file append.yaml      # [{op: add, path: /data/-, value: {...}}]
    """
    patch_verb(
        ctx,
        PATCHABLE,
        objectives_id,
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
    objectives_id: ObjectivesId,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Show the patch; send nothing.")] = False,
    yes: YesOpt = False,
) -> None:
    """Edit a set of objectives as YAML in $EDITOR; the minimal JSON Patch is shown, then sent once you confirm.

    \b
    Example:
      EDITOR=nano tavus objectives edit o12345
    """
    edit_verb(ctx, PATCHABLE, objectives_id, yes=yes, dry_run=dry_run)


@app.command("delete")
def delete(
    ctx: typer.Context,
    objectives_ids: Annotated[list[str], typer.Argument(metavar="OBJECTIVES_ID...", help="One or more set ids.")],
    concurrency: ConcurrencyOpt = DEFAULT_CONCURRENCY,
    yes: YesOpt = False,
    json_output: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Delete sets of objectives; personas using one are left without objectives (asks first; --yes in scripts).

    \b
    Example:
      tavus objectives delete o12345 --yes
    """
    delete_each(
        ctx, KIND, objectives_ids, _delete_one, yes=yes, json_output=json_output, quiet=quiet, concurrency=concurrency
    )


async def _delete_one(tavus: AsyncTavus, objectives_id: str) -> None:
    await tavus.objectives.delete(objectives_id)
