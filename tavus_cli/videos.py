"""``tavus videos``: pre-rendered videos of a replica speaking a script or lip-syncing an audio file."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from tavus_cli._bulk import DEFAULT_CONCURRENCY, ConcurrencyOpt
from tavus_cli._errors import CliError
from tavus_cli._group import new_group
from tavus_cli._options import FileOpt, JsonOpt, MaxItemsOpt, QuietOpt, YesOpt
from tavus_cli._output import Column
from tavus_cli._verbs import Kind, as_kwargs, body_from, delete_each, output, session, walk
from tavus_cli._waiting import PollIntervalOpt, TimeoutOpt, WaitReady, wait_verb

if TYPE_CHECKING:
    from tavus_sdk import AsyncTavus, Tavus

app = new_group("Generate, list, rename, wait for and delete videos.")

KIND = Kind(
    noun="video",
    plural="videos",
    id_field="video_id",
    columns=(
        Column("id", "video_id"),
        Column("name", "video_name"),
        Column("status", "status"),
        Column("progress", "generation_progress"),
        Column("created", "created_at"),
    ),
)

VideoId = Annotated[str, typer.Argument(metavar="VIDEO_ID", help="The video's id, e.g. 1e30440cf9.")]


@app.command("create")
def create(
    ctx: typer.Context,
    replica: Annotated[str | None, typer.Option("--replica", help="replica_id: who speaks.")] = None,
    script: Annotated[str | None, typer.Option("--script", help="The text the replica speaks.")] = None,
    audio_url: Annotated[
        str | None, typer.Option("--audio-url", metavar="URL", help="An audio file to lip-sync to instead.")
    ] = None,
    name: Annotated[str | None, typer.Option("--name", help="video_name.")] = None,
    background_url: Annotated[
        str | None, typer.Option("--background-url", metavar="URL", help="A website recorded as the background.")
    ] = None,
    background_source_url: Annotated[
        str | None,
        typer.Option("--background-source-url", metavar="URL", help="A video used as the background."),
    ] = None,
    callback_url: Annotated[
        str | None, typer.Option("--callback-url", metavar="URL", help="Called when the video is ready or fails.")
    ] = None,
    fast: Annotated[bool, typer.Option("--fast", help="Faster rendering.")] = False,
    transparent_background: Annotated[
        bool, typer.Option("--transparent-background", help="Transparent .webm output; needs --fast.")
    ] = False,
    file: FileOpt = None,
    json_output: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Generate a video of a replica speaking a script or an audio file.

    Generation runs in the background; `tavus videos wait` follows it.

    \b
    Examples:
      tavus videos create --replica r79e1c033f --script "Welcome aboard!" --name Welcome
      tavus videos create --replica r79e1c033f --audio-url https://bucket.example.com/voice.wav -q
      tavus videos create --file video.yaml -q | xargs tavus videos wait
    """
    out = output(ctx, json_output, quiet)
    flags: dict[str, Any] = {
        "replica_id": replica,
        "script": script,
        "audio_url": audio_url,
        "video_name": name,
        "background_url": background_url,
        "background_source_url": background_source_url,
        "callback_url": callback_url,
        "fast": True if fast else None,
        "transparent_background": True if transparent_background else None,
    }
    from tavus_cli._input import read_body_file

    base = read_body_file(file) if file is not None else {}
    merged = {**base, **{k: v for k, v in flags.items() if v is not None}}
    _check_rules(merged)
    body = body_from(None, merged, "videos_create")
    from tavus_sdk.types.video import VideoCreateParams

    with session(ctx).client() as tavus:
        video = tavus.videos.create(**as_kwargs(body, VideoCreateParams))
    out.item(video, id_field=KIND.id_field)


def _check_rules(body: dict[str, Any]) -> None:
    # The API description states these with oneOf and if/then, whose validator messages name no flag.
    if ("script" in body) == ("audio_url" in body):
        raise CliError("give --script or --audio-url (exactly one): what the replica says")
    if body.get("transparent_background") and not body.get("fast"):
        raise CliError("--transparent-background only works with --fast")


@app.command("list")
def list_(
    ctx: typer.Context, max_items: MaxItemsOpt = None, json_output: JsonOpt = False, quiet: QuietOpt = False
) -> None:
    """List your videos.

    \b
    Examples:
      tavus videos list
      tavus videos list --json | jq -r '.[] | select(.status == "ready") | .download_url'
    """
    out = output(ctx, json_output, quiet)
    with session(ctx).client() as tavus:
        videos = walk(tavus.videos.list(max_items=max_items), max_items)
    out.items(videos, id_field=KIND.id_field, columns=KIND.columns)


@app.command("get")
def get(ctx: typer.Context, video_id: VideoId, json_output: JsonOpt = False, quiet: QuietOpt = False) -> None:
    """Show one video, with its links once it is ready.

    \b
    Example:
      tavus videos get 1e30440cf9 --json | jq -r .download_url
    """
    out = output(ctx, json_output, quiet)
    with session(ctx).client() as tavus:
        video = tavus.videos.get(video_id)
    out.item(video, id_field=KIND.id_field)


@app.command("rename")
def rename(
    ctx: typer.Context,
    video_id: VideoId,
    name: Annotated[str, typer.Argument(metavar="NAME", help="The new name.")],
    json_output: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Give a video a new name.

    \b
    Example:
      tavus videos rename 1e30440cf9 "Product update (final)"
    """
    out = output(ctx, json_output, quiet)
    from tavus_cli._input import check_body

    check_body("videos_rename", {"video_name": name})
    with session(ctx).client() as tavus:
        video = tavus.videos.rename(video_id, name)
    out.item(video, id_field=KIND.id_field)


@app.command("delete")
def delete(
    ctx: typer.Context,
    video_ids: Annotated[list[str], typer.Argument(metavar="VIDEO_ID...", help="One or more video ids.")],
    concurrency: ConcurrencyOpt = DEFAULT_CONCURRENCY,
    yes: YesOpt = False,
    json_output: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Delete videos (asks first; --yes in scripts).

    \b
    Example:
      tavus videos delete 1e30440cf9 --yes
    """
    delete_each(
        ctx, KIND, video_ids, _delete_one, yes=yes, json_output=json_output, quiet=quiet, concurrency=concurrency
    )


async def _delete_one(tavus: AsyncTavus, video_id: str) -> None:
    await tavus.videos.delete(video_id)


@app.command("wait")
def wait(
    ctx: typer.Context,
    video_id: VideoId,
    timeout: TimeoutOpt = "1h",
    poll_interval: PollIntervalOpt = "2s",
    json_output: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Wait until a video is generated, showing progress.

    Progress goes to stderr; exits 1 if generation fails or time runs out.

    \b
    Examples:
      tavus videos wait 1e30440cf9
      tavus videos wait 1e30440cf9 --json | jq -r .download_url
    """
    wait_verb(
        ctx,
        KIND,
        video_id,
        _waiter,
        timeout=timeout,
        poll_interval=poll_interval,
        json_output=json_output,
        quiet=quiet,
    )


def _waiter(tavus: Tavus) -> WaitReady:
    return tavus.videos.wait_ready
