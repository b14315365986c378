"""``tavus replicas``: the trained likenesses that appear in conversations and videos."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from tavus_cli._bulk import DEFAULT_CONCURRENCY, ConcurrencyOpt
from tavus_cli._group import new_group
from tavus_cli._options import FileOpt, JsonOpt, MaxItemsOpt, QuietOpt, YesOpt
from tavus_cli._output import Column
from tavus_cli._verbs import Kind, as_kwargs, body_from, delete_each, output, session, walk
from tavus_cli._waiting import PollIntervalOpt, TimeoutOpt, WaitReady, wait_verb

if TYPE_CHECKING:
    from tavus_sdk import AsyncTavus, Tavus

app = new_group("Train, list, rename, wait for and delete replicas.")

KIND = Kind(
    noun="replica",
    plural="replicas",
    id_field="replica_id",
    columns=(
        Column("id", "replica_id"),
        Column("name", "replica_name"),
        Column("status", "status"),
        Column("progress", "training_progress"),
        Column("created", "created_at"),
    ),
)

ReplicaId = Annotated[str, typer.Argument(metavar="REPLICA_ID", help="The replica's id, e.g. r79e1c033f.")]


@app.command("create")
def create(
    ctx: typer.Context,
    train_video_url: Annotated[
        str | None, typer.Option("--train-video-url", metavar="URL", help="The training video (mp4 or webm).")
    ] = None,
    consent_video_url: Annotated[
        str | None, typer.Option("--consent-video-url", metavar="URL", help="The consent video; needed for a person.")
    ] = None,
    name: Annotated[str | None, typer.Option("--name", help="replica_name.")] = None,
    callback_url: Annotated[
        str | None, typer.Option("--callback-url", metavar="URL", help="Called when training ends.")
    ] = None,
    model_name: Annotated[str | None, typer.Option("--model-name", help="phoenix-3 (default) or phoenix-2.")] = None,
    replica_type: Annotated[
        str | None, typer.Option("--replica-type", help="personal (needs consent) or non_human.")
    ] = None,
    file: FileOpt = None,
    json_output: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Start training a replica from a video.

    Training takes hours on Tavus; `tavus replicas wait` follows it.

    \b
    Examples:
      tavus replicas create --name Anna --train-video-url https://bucket.example.com/train.mp4 \\
          --consent-video-url https://bucket.example.com/consent.mp4
      tavus replicas create --file replica.yaml -q | xargs tavus replicas wait
    """
    out = output(ctx, json_output, quiet)
    flags: dict[str, Any] = {
        "train_video_url": train_video_url,
        "consent_video_url": consent_video_url,
        "replica_name": name,
        "callback_url": callback_url,
        "model_name": model_name,
        "replica_type": replica_type,
    }
    body = body_from(file, flags, "replicas_create")
    from tavus_sdk.types.replica import ReplicaCreateParams

    with session(ctx).client() as tavus:
        replica = tavus.replicas.create(**as_kwargs(body, ReplicaCreateParams))
    out.item(replica, id_field=KIND.id_field)


@app.command("list")
def list_(
    ctx: typer.Context, max_items: MaxItemsOpt = None, json_output: JsonOpt = False, quiet: QuietOpt = False
) -> None:
    """List your replicas and the stock ones.

    \b
    Examples:
      tavus replicas list
      tavus replicas list --json | jq -r '.[] | select(.status == "error") | .replica_id'
    """
    out = output(ctx, json_output, quiet)
    with session(ctx).client() as tavus:
        replicas = walk(tavus.replicas.list(max_items=max_items), max_items)
    out.items(replicas, id_field=KIND.id_field, columns=KIND.columns)


@app.command("get")
def get(ctx: typer.Context, replica_id: ReplicaId, json_output: JsonOpt = False, quiet: QuietOpt = False) -> None:
    """Show one replica, with its training progress.

    A replica whose training failed says why in error_message.

    \b
    Example:
      tavus replicas get r79e1c033f --json
    """
    out = output(ctx, json_output, quiet)
    with session(ctx).client() as tavus:
        replica = tavus.replicas.get(replica_id)
    out.item(replica, id_field=KIND.id_field)


@app.command("rename")
def rename(
    ctx: typer.Context,
    replica_id: ReplicaId,
    name: Annotated[str, typer.Argument(metavar="NAME", help="The new name.")],
    json_output: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Give a replica a new name.

    \b
    Example:
      tavus replicas rename r79e1c033f "Anna (studio)"
    """
    out = output(ctx, json_output, quiet)
    from tavus_cli._input import check_body

    check_body("replicas_rename", {"replica_name": name})
    with session(ctx).client() as tavus:
        replica = tavus.replicas.rename(replica_id, name)
    out.item(replica, id_field=KIND.id_field)


@app.command("delete")
def delete(
    ctx: typer.Context,
    replica_ids: Annotated[list[str], typer.Argument(metavar="REPLICA_ID...", help="One or more replica ids.")],
    concurrency: ConcurrencyOpt = DEFAULT_CONCURRENCY,
    yes: YesOpt = False,
    json_output: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Delete replicas (asks first; --yes in scripts).

    A deleted replica can no longer be used in conversations or videos.

    \b
    Example:
      tavus replicas delete r79e1c033f --yes
    """
    delete_each(
        ctx, KIND, replica_ids, _delete_one, yes=yes, json_output=json_output, quiet=quiet, concurrency=concurrency
    )


async def _delete_one(tavus: AsyncTavus, replica_id: str) -> None:
    await tavus.replicas.delete(replica_id)


@app.command("wait")
def wait(
    ctx: typer.Context,
    replica_id: ReplicaId,
    timeout: TimeoutOpt = "8h",
    poll_interval: PollIntervalOpt = "5s",
    json_output: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Wait until a replica has trained, showing progress.

    Progress goes to stderr; exits 1 if training fails or time runs out.

    \b
    Examples:
      tavus replicas wait r79e1c033f
      tavus replicas wait r79e1c033f --timeout 10h -q && echo trained
    """
    wait_verb(
        ctx,
        KIND,
        replica_id,
        _waiter,
        timeout=timeout,
        poll_interval=poll_interval,
        json_output=json_output,
        quiet=quiet,
    )


def _waiter(tavus: Tavus) -> WaitReady:
    return tavus.replicas.wait_ready
