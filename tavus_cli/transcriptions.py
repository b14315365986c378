"""``tavus transcriptions``: the speech of a video as text."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from tavus_cli._bulk import DEFAULT_CONCURRENCY, ConcurrencyOpt
from tavus_cli._group import new_group
from tavus_cli._options import JsonOpt, MaxItemsOpt, QuietOpt, YesOpt
from tavus_cli._output import Column
from tavus_cli._verbs import Kind, as_kwargs, body_from, delete_each, output, session, walk

if TYPE_CHECKING:
    from tavus_sdk import AsyncTavus

app = new_group("Transcribe videos, list and inspect transcriptions, delete them.")

KIND = Kind(
    noun="transcription",
    plural="transcriptions",
    id_field="transcription_id",
    columns=(
        Column("id", "transcription_id"),
        Column("status", "status"),
        Column("file", "file_url"),
        Column("created", "created_at"),
        Column("text", "text", in_table=False),
    ),
)

TranscriptionId = Annotated[
    str, typer.Argument(metavar="TRANSCRIPTION_ID", help="The transcription's id, e.g. t0108f2d24k2a.")
]


@app.command("create")
def create(
    ctx: typer.Context,
    file_url: Annotated[str, typer.Option("--file-url", metavar="URL", help="file_url: the video to transcribe.")],
    callback_url: Annotated[
        str, typer.Option("--callback-url", metavar="URL", help="Told when the transcription completes or fails.")
    ],
    json_output: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Transcribe a video; the callback URL hears when it is done.

    \b
    Example:
      tavus transcriptions create --file-url https://example.com/talk.mp4 --callback-url https://example.com/hook -q
    """
    out = output(ctx, json_output, quiet)
    body = body_from(None, {"file_url": file_url, "callback_url": callback_url}, "transcriptions_create")
    from tavus_sdk.types.transcription import TranscriptionCreateParams

    with session(ctx).client() as tavus:
        created = tavus.transcriptions.create(**as_kwargs(body, TranscriptionCreateParams))
    out.item(created, id_field=KIND.id_field)


@app.command("list")
def list_(
    ctx: typer.Context, max_items: MaxItemsOpt = None, json_output: JsonOpt = False, quiet: QuietOpt = False
) -> None:
    """List your transcriptions, every page of them.

    \b
    Examples:
      tavus transcriptions list
      tavus transcriptions list --json | jq -r '.[] | select(.status == "completed") | .text'
    """
    out = output(ctx, json_output, quiet)
    with session(ctx).client() as tavus:
        transcriptions = walk(tavus.transcriptions.list(limit=100, max_items=max_items), max_items)
    out.items(transcriptions, id_field=KIND.id_field, columns=KIND.columns)


@app.command("get")
def get(
    ctx: typer.Context, transcription_id: TranscriptionId, json_output: JsonOpt = False, quiet: QuietOpt = False
) -> None:
    """Show one transcription, with its text once completed.

    \b
    Example:
      tavus transcriptions get t0108f2d24k2a --json
    """
    out = output(ctx, json_output, quiet)
    with session(ctx).client() as tavus:
        found = tavus.transcriptions.get(transcription_id)
    out.item(found, id_field=KIND.id_field)


@app.command("delete")
def delete(
    ctx: typer.Context,
    transcription_ids: Annotated[
        list[str], typer.Argument(metavar="TRANSCRIPTION_ID...", help="One or more transcription ids.")
    ],
    concurrency: ConcurrencyOpt = DEFAULT_CONCURRENCY,
    yes: YesOpt = False,
    json_output: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Delete transcriptions (asks first; --yes in scripts).

    \b
    Example:
      tavus transcriptions delete t0108f2d24k2a --yes
    """
    delete_each(
        ctx,
        KIND,
        transcription_ids,
        _delete_one,
        yes=yes,
        json_output=json_output,
        quiet=quiet,
        concurrency=concurrency,
    )


async def _delete_one(tavus: AsyncTavus, transcription_id: str) -> None:
    await tavus.transcriptions.delete(transcription_id)
