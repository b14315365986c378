"""``tavus deployments``: a PAL shipped as a widget, an embed or a hosted landing page."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from tavus_cli._bulk import DEFAULT_CONCURRENCY, ConcurrencyOpt
from tavus_cli._group import new_group
from tavus_cli._options import DryRunOpt, FileOpt, JsonOpt, MaxItemsOpt, OpsFileOpt, QuietOpt, RemoveOpt, SetOpt, YesOpt
from tavus_cli._output import Column
from tavus_cli._patching import Patchable, patch_verb
from tavus_cli._verbs import Kind, as_kwargs, body_from, delete_each, output, session, walk

if TYPE_CHECKING:
    from tavus_sdk import AsyncTavus

app = new_group("Create, inspect, change (JSON Patch) and delete deployments; start and end their conversations.")

KIND = Kind(
    noun="deployment",
    plural="deployments",
    id_field="deployment_id",
    columns=(
        Column("id", "deployment_id"),
        Column("name", "name"),
        Column("channel", "channel"),
        Column("status", "status"),
        Column("pal", "pal_id", is_id=True),
        Column("today", "usage_today"),
        Column("created", "created_at", in_table=False),
    ),
)

DeploymentId = Annotated[str, typer.Argument(metavar="DEPLOYMENT_ID", help="The deployment's id.")]


def _check_paths(operations: object) -> None:
    from tavus_sdk.resources.deployments import check_deployment_paths

    check_deployment_paths(operations)


PATCHABLE = Patchable(
    kind=KIND,
    get=lambda tavus, did: tavus.deployments.get(did),
    patch=lambda tavus, did, ops: tavus.deployments.patch(did, ops, check_paths=False),
    check_paths=_check_paths,
)


@app.command("create")
def create(
    ctx: typer.Context,
    pal: Annotated[str | None, typer.Option("--pal", help="pal_id (required).")] = None,
    channel: Annotated[str | None, typer.Option("--channel", help="widget, embed or landing-page.")] = None,
    name: Annotated[str | None, typer.Option("--name", help="Display name.")] = None,
    origin: Annotated[
        list[str] | None, typer.Option("--origin", help="An origin allowed to load a widget or embed; repeat.")
    ] = None,
    daily_limit: Annotated[int | None, typer.Option("--daily-limit", help="limits.daily_call_limit.")] = None,
    max_duration: Annotated[
        int | None, typer.Option("--max-call-duration", help="limits.max_call_duration, seconds.")
    ] = None,
    file: FileOpt = None,
    json_output: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Create a deployment of a PAL on a channel, from flags and/or a JSON or YAML body.

    \b
    Examples:
      tavus deployments create --pal p9a95912 --channel widget --origin https://www.example.com --daily-limit 100
      tavus deployments create --file landing-page.yaml -q
    """
    out = output(ctx, json_output, quiet)
    limits = {"daily_call_limit": daily_limit, "max_call_duration": max_duration}
    flags: dict[str, Any] = {
        "pal_id": pal,
        "channel": channel,
        "name": name,
        "allowed_origins": origin or None,
        "limits": {k: v for k, v in limits.items() if v is not None} or None,
    }
    body = body_from(file, flags, "deployments_create")
    from tavus_sdk.types.deployment import DeploymentCreateParams

    with session(ctx).client() as tavus:
        deployment = tavus.deployments.create(**as_kwargs(body, DeploymentCreateParams))
    out.item(deployment, id_field=KIND.id_field)


@app.command("list")
def list_(
    ctx: typer.Context, max_items: MaxItemsOpt = None, json_output: JsonOpt = False, quiet: QuietOpt = False
) -> None:
    """List your deployments, with today's usage.

    \b
    Example:
      tavus deployments list
    """
    out = output(ctx, json_output, quiet)
    with session(ctx).client() as tavus:
        deployments = walk(tavus.deployments.list(max_items=max_items), max_items)
    out.items(deployments, id_field=KIND.id_field, columns=KIND.columns)


@app.command("get")
def get(ctx: typer.Context, deployment_id: DeploymentId, json_output: JsonOpt = False, quiet: QuietOpt = False) -> None:
    """Show one deployment.

    \b
    Example:
      tavus deployments get d1234567890abcdef --json
    """
    out = output(ctx, json_output, quiet)
    with session(ctx).client() as tavus:
        deployment = tavus.deployments.get(deployment_id)
    out.item(deployment, id_field=KIND.id_field)


@app.command("patch")
def patch(
    ctx: typer.Context,
    deployment_id: DeploymentId,
    set_: SetOpt = None,
    remove: RemoveOpt = None,
    ops_file: OpsFileOpt = None,
    dry_run: DryRunOpt = False,
    json_output: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Change a deployment with JSON Patch (RFC 6902); paths are checked before anything is sent.

    \b
    Example:
      tavus deployments patch d1234567890abcdef --set /status=inactive
    """
    patch_verb(
        ctx,
        PATCHABLE,
        deployment_id,
        sets=set_ or [],
        removes=remove or [],
        ops_file=ops_file,
        dry_run=dry_run,
        json_output=json_output,
        quiet=quiet,
    )


@app.command("delete")
def delete(
    ctx: typer.Context,
    deployment_ids: Annotated[list[str], typer.Argument(metavar="DEPLOYMENT_ID...", help="One or more ids.")],
    concurrency: ConcurrencyOpt = DEFAULT_CONCURRENCY,
    yes: YesOpt = False,
    json_output: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Delete deployments (asks first; --yes in scripts).

    \b
    Example:
      tavus deployments delete d1234567890abcdef --yes
    """
    delete_each(
        ctx, KIND, deployment_ids, _delete_one, yes=yes, json_output=json_output, quiet=quiet, concurrency=concurrency
    )


async def _delete_one(tavus: AsyncTavus, deployment_id: str) -> None:
    await tavus.deployments.delete(deployment_id)


@app.command("init")
def init(
    ctx: typer.Context, deployment_id: DeploymentId, json_output: JsonOpt = False, quiet: QuietOpt = False
) -> None:
    """Show what a widget reads when it mounts: customization, limits, and whether a call can start now.

    \b
    Example:
      tavus deployments init d1234567890abcdef
    """
    out = output(ctx, json_output, quiet)
    with session(ctx).client() as tavus:
        config = tavus.deployments.init(deployment_id)
    out.item(config, id_field=KIND.id_field)


@app.command("start")
def start(
    ctx: typer.Context, deployment_id: DeploymentId, json_output: JsonOpt = False, quiet: QuietOpt = False
) -> None:
    """Start a conversation through a deployment, as a visitor's browser does (it bills like any conversation).

    \b
    Example:
      tavus deployments start d1234567890abcdef -q
    """
    out = output(ctx, json_output, quiet)
    with session(ctx).client() as tavus:
        conversation = tavus.deployments.start(deployment_id)
    out.item(conversation, id_field="conversation_id")


@app.command("end")
def end(
    ctx: typer.Context,
    deployment_id: DeploymentId,
    conversation_id: Annotated[str, typer.Argument(metavar="CONVERSATION_ID", help="A conversation it started.")],
    json_output: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """End a conversation started through a deployment.

    \b
    Example:
      tavus deployments end d1234567890abcdef c123456
    """
    out = output(ctx, json_output, quiet)
    with session(ctx).client() as tavus:
        ended = tavus.deployments.end(deployment_id, conversation_id)
    out.result(out.to_data(ended), ids=[ended.conversation_id], human=f"ended conversation {ended.conversation_id}")
