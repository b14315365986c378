"""``tavus guardrails``: sets of rules a persona keeps to in every conversation (topics to avoid, compliance).

A set is ``{guardrails_id, data: [guardrail, ...]}``; the items are addressed as ``/data/<i>/<field>`` when patching,
and a set is attached to a persona with ``tavus personas create --guardrails ID``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from tavus_cli._group import new_group
from tavus_cli._options import DryRunOpt, FileOpt, JsonOpt, MaxItemsOpt, OpsFileOpt, QuietOpt, RemoveOpt, SetOpt, YesOpt
from tavus_cli._output import Column
from tavus_cli._patching import Patchable, edit_verb, patch_verb
from tavus_cli._sets import set_body, summaries
from tavus_cli._verbs import Kind, as_kwargs, delete_each, output, session, walk

if TYPE_CHECKING:
    from tavus_sdk import Tavus
    from tavus_sdk.types.guardrail import Guardrails

app = new_group("Create, inspect, change (JSON Patch) and delete sets of guardrails.")

KIND = Kind(
    noun="guardrail set",
    plural="guardrail sets",
    id_field="guardrails_id",
    columns=(
        Column("id", "guardrails_id"),
        Column("guardrails", "count"),
        Column("names", "names"),
        Column("created", "created_at"),
        Column("updated", "updated_at", in_table=False),
    ),
)
ITEM_NAME = "guardrail_name"

GuardrailsId = Annotated[str, typer.Argument(metavar="GUARDRAILS_ID", help="The set's id, e.g. g12345.")]


def _check_paths(operations: object) -> None:
    from tavus_sdk.patch import check_guardrails_paths

    check_guardrails_paths(operations)


PATCHABLE = Patchable(
    kind=KIND,
    get=lambda tavus, gid: tavus.guardrails.get(gid),
    patch=lambda tavus, gid, ops: tavus.guardrails.patch(gid, ops, check_paths=False),
    check_paths=_check_paths,
)


@app.command("create")
def create(
    ctx: typer.Context,
    name: Annotated[
        str | None,
        typer.Option("--name", help="guardrail_name (letters, digits, _) of one guardrail to add (with --prompt)."),
    ] = None,
    prompt: Annotated[str | None, typer.Option("--prompt", help="guardrail_prompt: the behaviour it enforces.")] = None,
    file: FileOpt = None,
    json_output: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Create a set of guardrails from a JSON or YAML list (or {"data": [...]}); --name/--prompt add one more.

    \b
    Examples:
      tavus guardrails create --file compliance.yaml -q
      tavus guardrails create --name no_competitors --prompt "Never discuss competitors' products."
    """
    out = output(ctx, json_output, quiet)
    body = set_body(file, {ITEM_NAME: name, "guardrail_prompt": prompt}, items="guardrails")
    from tavus_cli._input import check_body

    check_body("guardrails_create", body)
    from tavus_sdk.types.guardrail import GuardrailsCreateParams

    with session(ctx).client() as tavus:
        created = tavus.guardrails.create(**as_kwargs(body, GuardrailsCreateParams))
    out.item(created, id_field=KIND.id_field)


@app.command("list")
def list_(
    ctx: typer.Context, max_items: MaxItemsOpt = None, json_output: JsonOpt = False, quiet: QuietOpt = False
) -> None:
    """List your sets of guardrails: how many guardrails each has, and their names.

    \b
    Examples:
      tavus guardrails list
      tavus guardrails list --json | jq '.[] | {guardrails_id, names: [.data[].guardrail_name]}'
    """
    out = output(ctx, json_output, quiet)
    with session(ctx).client() as tavus:
        sets: list[Guardrails] = walk(tavus.guardrails.list(max_items=max_items), max_items)
    out.items(summaries(out, sets, name_field=ITEM_NAME), id_field=KIND.id_field, columns=KIND.columns)


@app.command("get")
def get(ctx: typer.Context, guardrails_id: GuardrailsId, json_output: JsonOpt = False, quiet: QuietOpt = False) -> None:
    """Show one set of guardrails, field by field (data.0.guardrail_prompt is /data/0/guardrail_prompt to patch).

    \b
    Example:
      tavus guardrails get g12345 --json
    """
    out = output(ctx, json_output, quiet)
    with session(ctx).client() as tavus:
        found = tavus.guardrails.get(guardrails_id)
    out.item(found, id_field=KIND.id_field)


@app.command("patch")
def patch(
    ctx: typer.Context,
    guardrails_id: GuardrailsId,
    set_: SetOpt = None,
    remove: RemoveOpt = None,
    ops_file: OpsFileOpt = None,
    dry_run: DryRunOpt = False,
    json_output: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Change a set of guardrails with JSON Patch (RFC 6902); paths are checked before anything is sent.

    \b
    Examples:
      tavus guardrails patch g12345 --set /data/0/modality=visual --dry-run
      tavus guardrails patch g12345 --set /data/0/guardrail_prompt="Never quote prices." --remove /data/1
      tavus guardrails patch g12345 --ops-file append.yaml      # [{op: add, path: /data/-, value: {...}}]
    """
    patch_verb(
        ctx,
        PATCHABLE,
        guardrails_id,
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
    guardrails_id: GuardrailsId,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Show the patch; send nothing.")] = False,
    yes: YesOpt = False,
) -> None:
    """Edit a set of guardrails as YAML in $EDITOR; the minimal JSON Patch is shown, then sent once you confirm.

    \b
    Example:
      EDITOR=nano tavus guardrails edit g12345
    """
    edit_verb(ctx, PATCHABLE, guardrails_id, yes=yes, dry_run=dry_run)


@app.command("delete")
def delete(
    ctx: typer.Context,
    guardrails_ids: Annotated[list[str], typer.Argument(metavar="GUARDRAILS_ID...", help="One or more set ids.")],
    yes: YesOpt = False,
    json_output: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Delete sets of guardrails; personas using one are left without guardrails (asks first; --yes in scripts).

    \b
    Example:
      tavus guardrails delete g12345 --yes
    """
    delete_each(ctx, KIND, guardrails_ids, _delete_one, yes=yes, json_output=json_output, quiet=quiet)


def _delete_one(tavus: Tavus, guardrails_id: str) -> None:
    tavus.guardrails.delete(guardrails_id)
