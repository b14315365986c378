"""``tavus faces``: Faces, the current name of replicas (the likeness and voice in conversations and videos).

``tavus replicas`` stays for the same records under the legacy names.
"""

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

app = new_group("Train (from a video or an image), list, rename, wait for and delete faces.")

KIND = Kind(
    noun="face",
    plural="faces",
    id_field="face_id",
    columns=(
        Column("id", "face_id"),
        Column("name", "face_name"),
        Column("status", "status"),
        Column("progress", "training_progress"),
        Column("model", "model_name"),
        Column("created", "created_at"),
    ),
)

FaceId = Annotated[str, typer.Argument(metavar="FACE_ID", help="The face's id, e.g. r79e1c033f.")]


@app.command("create")
def create(
    ctx: typer.Context,
    train_video_url: Annotated[
        str | None, typer.Option("--train-video-url", metavar="URL", help="A training video.")
    ] = None,
    train_image_url: Annotated[
        str | None, typer.Option("--train-image-url", metavar="URL", help="A headshot image; needs --voice.")
    ] = None,
    voice: Annotated[str | None, typer.Option("--voice", help="voice_name: a stock voice slug, e.g. anna.")] = None,
    name: Annotated[str | None, typer.Option("--name", help="face_name.")] = None,
    callback_url: Annotated[
        str | None, typer.Option("--callback-url", metavar="URL", help="Called when training ends.")
    ] = None,
    model_name: Annotated[str | None, typer.Option("--model-name", help="phoenix-4 (default) or phoenix-3.")] = None,
    file: FileOpt = None,
    json_output: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Start training a face from a video, or from an image and a stock voice.

    \b
    Examples:
      tavus faces create --name Rio --train-video-url https://bucket.example.com/train.mp4
      tavus faces create --name Rio --train-image-url https://bucket.example.com/rio.png --voice anna -q \\
          | xargs tavus faces wait
    """
    out = output(ctx, json_output, quiet)
    flags: dict[str, Any] = {
        "train_video_url": train_video_url,
        "train_image_url": train_image_url,
        "voice_name": voice,
        "face_name": name,
        "callback_url": callback_url,
        "model_name": model_name,
    }
    body = body_from(file, flags, "faces_create")
    _check_source(body)
    from tavus_sdk.types.face import FaceCreateParams

    with session(ctx).client() as tavus:
        face = tavus.faces.create(**as_kwargs(body, FaceCreateParams))
    out.item(face, id_field=KIND.id_field)


def _check_source(body: dict[str, Any]) -> None:
    """Exactly one training source, and a voice with an image: refused here, before anything is sent."""
    from tavus_cli._errors import CliError

    given = [name for name in ("train_video_url", "train_image_url") if body.get(name)]
    if len(given) != 1:
        raise CliError("give exactly one of --train-video-url and --train-image-url")
    if given == ["train_image_url"] and not body.get("voice_name"):
        raise CliError("--train-image-url needs --voice (a stock voice name, e.g. anna)")


@app.command("list")
def list_(
    ctx: typer.Context, max_items: MaxItemsOpt = None, json_output: JsonOpt = False, quiet: QuietOpt = False
) -> None:
    """List your faces and the stock ones.

    \b
    Examples:
      tavus faces list
      tavus faces list --json | jq -r '.[] | select(.status == "ready") | .face_id'
    """
    out = output(ctx, json_output, quiet)
    with session(ctx).client() as tavus:
        faces = walk(tavus.faces.list(max_items=max_items), max_items)
    out.items(faces, id_field=KIND.id_field, columns=KIND.columns)


@app.command("get")
def get(ctx: typer.Context, face_id: FaceId, json_output: JsonOpt = False, quiet: QuietOpt = False) -> None:
    """Show one face, with its training progress.

    \b
    Example:
      tavus faces get r79e1c033f --json
    """
    out = output(ctx, json_output, quiet)
    with session(ctx).client() as tavus:
        face = tavus.faces.get(face_id)
    out.item(face, id_field=KIND.id_field)


@app.command("rename")
def rename(
    ctx: typer.Context,
    face_id: FaceId,
    name: Annotated[str, typer.Argument(metavar="NAME", help="The new name.")],
    json_output: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Give a face a new name.

    \b
    Example:
      tavus faces rename r79e1c033f "Rio (studio)"
    """
    out = output(ctx, json_output, quiet)
    from tavus_cli._input import check_body

    check_body("faces_rename", {"face_name": name})
    with session(ctx).client() as tavus:
        face = tavus.faces.rename(face_id, name)
    out.item(face, id_field=KIND.id_field)


@app.command("delete")
def delete(
    ctx: typer.Context,
    face_ids: Annotated[list[str], typer.Argument(metavar="FACE_ID...", help="One or more face ids.")],
    concurrency: ConcurrencyOpt = DEFAULT_CONCURRENCY,
    yes: YesOpt = False,
    json_output: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Delete faces (asks first; --yes in scripts).

    \b
    Example:
      tavus faces delete r783537ef5 --yes
    """
    delete_each(
        ctx, KIND, face_ids, _delete_one, yes=yes, json_output=json_output, quiet=quiet, concurrency=concurrency
    )


async def _delete_one(tavus: AsyncTavus, face_id: str) -> None:
    await tavus.faces.delete(face_id)


@app.command("wait")
def wait(
    ctx: typer.Context,
    face_id: FaceId,
    timeout: TimeoutOpt = "8h",
    poll_interval: PollIntervalOpt = "5s",
    json_output: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Wait until a face has trained, showing progress.

    Progress goes to stderr; exits 1 if training fails or time runs out.

    \b
    Example:
      tavus faces wait r783537ef5 -q && echo trained
    """
    wait_verb(
        ctx, KIND, face_id, _waiter, timeout=timeout, poll_interval=poll_interval, json_output=json_output, quiet=quiet
    )


def _waiter(tavus: Tavus) -> WaitReady:
    return tavus.faces.wait_ready
