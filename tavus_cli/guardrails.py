"""``tavus guardrails``: rules a persona keeps to in every conversation (topics to avoid, compliance).

Two kinds share the command, as they share Tavus's paths. With ``--individual`` (``-i``): individual guardrails, the
newest docs' recommended kind, each with a ``uuid``, ``tags`` and ``app_message``, attached to a PAL or persona by
``guardrail_ids`` or ``guardrail_tags``; patch paths are their fields (``/guardrail_prompt``). Without it: legacy
sets, ``{guardrails_id, data: [guardrail, ...]}``, items addressed as ``/data/<i>/<field>``, a set attached with
``tavus personas create --guardrails ID``. ``delete`` takes either kind of id (the server tells them apart).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from tavus_cli._bulk import DEFAULT_CONCURRENCY, ConcurrencyOpt
from tavus_cli._group import new_group
from tavus_cli._options import DryRunOpt, FileOpt, JsonOpt, MaxItemsOpt, OpsFileOpt, QuietOpt, RemoveOpt, SetOpt, YesOpt
from tavus_cli._output import Column
from tavus_cli._patching import Patchable, edit_verb, patch_verb
from tavus_cli._sets import set_body, summaries
from tavus_cli._verbs import Kind, as_kwargs, delete_each, output, session, walk

if TYPE_CHECKING:
    from tavus_cli._output import Output
    from tavus_sdk import AsyncTavus
    from tavus_sdk.types.guardrail import Guardrails, IndividualGuardrail, IndividualGuardrailListParams

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

INDIVIDUAL = Kind(
    noun="guardrail",
    plural="guardrails",
    id_field="uuid",
    columns=(
        Column("uuid", "uuid"),
        Column("name", "guardrail_name"),
        Column("modality", "modality"),
        Column("tags", "tags"),
        Column("prompt", "guardrail_prompt", in_table=False),
        Column("created", "created_at"),
    ),
)

_FLAGS = {
    "tags": "--tag",
    "modality": "--modality",
    "callback_url": "--callback-url",
    "app_message": "--app-message/--no-app-message",
}
"""The create options that only individual guardrails take."""

IndividualOpt = Annotated[
    bool,
    typer.Option("--individual", "-i", help="Individual guardrails (uuid, tags) instead of legacy sets."),
]

GuardrailsId = Annotated[
    str, typer.Argument(metavar="GUARDRAILS_ID", help="A set's id (g12345), or with -i a guardrail's uuid.")
]


def _check_paths(operations: object) -> None:
    from tavus_sdk.patch import check_guardrails_paths

    check_guardrails_paths(operations)


PATCHABLE = Patchable(
    kind=KIND,
    get=lambda tavus, gid: tavus.guardrails.get(gid),
    patch=lambda tavus, gid, ops: tavus.guardrails.patch(gid, ops, check_paths=False),
    check_paths=_check_paths,
)


def _check_individual_paths(operations: object) -> None:
    from tavus_sdk.patch import check_individual_guardrail_paths

    check_individual_guardrail_paths(operations)


PATCHABLE_INDIVIDUAL = Patchable(
    kind=INDIVIDUAL,
    get=lambda tavus, uuid: tavus.guardrails.individual.get(uuid),
    patch=lambda tavus, uuid, ops: tavus.guardrails.individual.patch(uuid, ops, check_paths=False),
    check_paths=_check_individual_paths,
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
    individual: IndividualOpt = False,
    tags: Annotated[
        list[str] | None, typer.Option("--tag", help="With -i: a tag (repeat; up to 32), for guardrail_tags.")
    ] = None,
    modality: Annotated[str | None, typer.Option("--modality", help="With -i: verbal (default) or visual.")] = None,
    callback_url: Annotated[
        str | None, typer.Option("--callback-url", help="With -i: notified when the guardrail triggers.")
    ] = None,
    app_message: Annotated[
        bool | None,
        typer.Option("--app-message/--no-app-message", help="With -i: emit the in-conversation event (default yes)."),
    ] = None,
    json_output: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Create a set of guardrails from a JSON or YAML list (or {"data": [...]}); --name/--prompt add one more.
    With -i, create one individual guardrail from --name/--prompt (or a --file object) and print its uuid.

    \b
    Examples:
      tavus guardrails create --file compliance.yaml -q
      tavus guardrails create --name no_competitors --prompt "Never discuss competitors' products."
      tavus guardrails create -i --name no_pricing --prompt "Never quote prices." --tag sales -q
    """
    out = output(ctx, json_output, quiet)
    extra = {"tags": tags or None, "modality": modality, "callback_url": callback_url, "app_message": app_message}
    if individual:
        _create_individual(ctx, out, file, {ITEM_NAME: name, "guardrail_prompt": prompt, **extra})
        return
    given = [_FLAGS[key] for key, value in extra.items() if value is not None]
    if given:
        from tavus_cli._errors import CliError

        raise CliError(f"{', '.join(given)} apply to individual guardrails only: add --individual (-i)")
    body = set_body(file, {ITEM_NAME: name, "guardrail_prompt": prompt}, items="guardrails")
    from tavus_cli._input import check_body

    check_body("guardrails_create", body)
    from tavus_sdk.types.guardrail import GuardrailsCreateParams

    with session(ctx).client() as tavus:
        created = tavus.guardrails.create(**as_kwargs(body, GuardrailsCreateParams))
    out.item(created, id_field=KIND.id_field)


def _create_individual(ctx: typer.Context, out: Output, file: str | None, flags: dict[str, Any]) -> None:
    body: dict[str, Any] = {}
    if file is not None:
        from tavus_cli._input import load_document

        loaded = load_document(file, what="--file")
        if not isinstance(loaded, dict):
            from tavus_cli._errors import CliError

            raise CliError(f"--file {file}: expected one guardrail object (guardrail_name, guardrail_prompt, ...)")
        body.update(loaded)
    body.update({key: value for key, value in flags.items() if value is not None})
    from tavus_cli._input import check_body

    check_body("guardrails_create", body)
    from tavus_sdk.types.guardrail import IndividualGuardrailCreateParams

    with session(ctx).client() as tavus:
        created = tavus.guardrails.individual.create(**as_kwargs(body, IndividualGuardrailCreateParams))
    out.item(created, id_field=INDIVIDUAL.id_field)


@app.command("list")
def list_(
    ctx: typer.Context,
    individual: IndividualOpt = False,
    tags: Annotated[list[str] | None, typer.Option("--tag", help="With -i: only guardrails with any of these.")] = None,
    max_items: MaxItemsOpt = None,
    json_output: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """List your sets of guardrails (how many guardrails each has, and their names), or with -i your individual
    guardrails.

    \b
    Examples:
      tavus guardrails list
      tavus guardrails list -i --tag compliance
      tavus guardrails list --json | jq '.[] | {guardrails_id, names: [.data[].guardrail_name]}'
    """
    out = output(ctx, json_output, quiet)
    if individual:
        with session(ctx).client() as tavus:
            params: IndividualGuardrailListParams = {"max_items": max_items}
            if tags:
                params["tags"] = tags
            found: list[IndividualGuardrail] = walk(tavus.guardrails.individual.list(**params), max_items)
        out.items(found, id_field=INDIVIDUAL.id_field, columns=INDIVIDUAL.columns)
        return
    if tags:
        from tavus_cli._errors import CliError

        raise CliError("--tag filters individual guardrails only: add --individual (-i)")
    with session(ctx).client() as tavus:
        sets: list[Guardrails] = walk(tavus.guardrails.list(max_items=max_items), max_items)
    out.items(summaries(out, sets, name_field=ITEM_NAME), id_field=KIND.id_field, columns=KIND.columns)


@app.command("get")
def get(
    ctx: typer.Context,
    guardrails_id: GuardrailsId,
    individual: IndividualOpt = False,
    json_output: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Show one set of guardrails, field by field (data.0.guardrail_prompt is /data/0/guardrail_prompt to patch),
    or with -i one individual guardrail by its uuid.

    \b
    Examples:
      tavus guardrails get g12345 --json
      tavus guardrails get -i g1234567890ab
    """
    out = output(ctx, json_output, quiet)
    if individual:
        with session(ctx).client() as tavus:
            one = tavus.guardrails.individual.get(guardrails_id)
        out.item(one, id_field=INDIVIDUAL.id_field)
        return
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
    individual: IndividualOpt = False,
    dry_run: DryRunOpt = False,
    json_output: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Change a set of guardrails (or with -i an individual guardrail) with JSON Patch (RFC 6902); paths are
    checked before anything is sent.

    \b
    Examples:
      tavus guardrails patch g12345 --set /data/0/modality=visual --dry-run
      tavus guardrails patch g12345 --set /data/0/guardrail_prompt="Never quote prices." --remove /data/1
      tavus guardrails patch g12345 --ops-file append.yaml      # [{op: add, path: /data/-, value: {...}}]
      tavus guardrails patch -i g1234567890ab --set /guardrail_prompt="Never quote prices."
    """
    patch_verb(
        ctx,
        PATCHABLE_INDIVIDUAL if individual else PATCHABLE,
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
    guardrails_ids: Annotated[
        list[str], typer.Argument(metavar="GUARDRAILS_ID...", help="Set ids or individual guardrail uuids.")
    ],
    concurrency: ConcurrencyOpt = DEFAULT_CONCURRENCY,
    yes: YesOpt = False,
    json_output: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Delete sets of guardrails or individual guardrails (by uuid); personas using one lose the reference
    (asks first; --yes in scripts).

    \b
    Example:
      tavus guardrails delete g12345 --yes
    """
    delete_each(
        ctx, KIND, guardrails_ids, _delete_one, yes=yes, json_output=json_output, quiet=quiet, concurrency=concurrency
    )


async def _delete_one(tavus: AsyncTavus, guardrails_id: str) -> None:
    await tavus.guardrails.delete(guardrails_id)
