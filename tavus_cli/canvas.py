"""``tavus conversations canvas``: Magic Canvas interactions of a conversation (what users did on its cards)."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from tavus_cli._group import new_group
from tavus_cli._options import FileOpt, JsonOpt, QuietOpt
from tavus_cli._output import Column
from tavus_cli._verbs import as_kwargs, body_from, output, session

app = new_group("Record and list a conversation's Magic Canvas interactions.")

COLUMNS = (
    Column("id", "interaction_id"),
    Column("component", "component"),
    Column("type", "type"),
    Column("card", "tool_call_id"),
    Column("recorded", "created_at"),
)
ConversationId = Annotated[str, typer.Argument(metavar="CONVERSATION_ID", help="The conversation's id.")]


@app.command("list")
def list_(
    ctx: typer.Context, conversation_id: ConversationId, json_output: JsonOpt = False, quiet: QuietOpt = False
) -> None:
    """List a conversation's Canvas interactions, oldest first.

    \b
    Example:
      tavus conversations canvas list c123456 --json
    """
    out = output(ctx, json_output, quiet)
    with session(ctx).client() as tavus:
        history = tavus.conversations.canvas.list(conversation_id)
    out.items(history.data, id_field="interaction_id", columns=COLUMNS)


@app.command("record")
def record(
    ctx: typer.Context,
    conversation_id: ConversationId,
    file: FileOpt = None,
    interaction_id: Annotated[str | None, typer.Option("--interaction-id", help="Idempotency key.")] = None,
    tool_call_id: Annotated[str | None, typer.Option("--tool-call-id", help="The card's invocation id.")] = None,
    component: Annotated[str | None, typer.Option("--component", help="E.g. canvas.question.")] = None,
    type_: Annotated[str | None, typer.Option("--type", help="submit, skip, dismiss, clear, error, heartbeat.")] = None,
    quiet: QuietOpt = False,
) -> None:
    """Record a Canvas interaction, as a custom card renderer does (the conversation must be active).

    \b
    Example:
      tavus conversations canvas record c123456 --interaction-id ci_1 --tool-call-id call_1 \\
          --component canvas.text --type dismiss
    """
    out = output(ctx, False, quiet)
    flags: dict[str, Any] = {
        "interaction_id": interaction_id,
        "tool_call_id": tool_call_id,
        "component": component,
        "type": type_,
        "component_version": None if file else "v1",
    }
    body = body_from(file, flags, "conversations_canvas_record")
    from tavus_sdk.types.canvas import CanvasInteractionParams

    with session(ctx).client() as tavus:
        tavus.conversations.canvas.record(conversation_id, **as_kwargs(body, CanvasInteractionParams))
    out.result(
        {"recorded": body["interaction_id"]}, ids=[body["interaction_id"]], human=f"recorded {body['interaction_id']}"
    )
