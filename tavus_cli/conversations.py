"""``tavus conversations``: start calls, watch them, and end the ones that are burning money."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Annotated, Any

import typer

from tavus_cli import canvas
from tavus_cli._bulk import DEFAULT_CONCURRENCY, Batch, ConcurrencyOpt, Feed, Pool, check_concurrency, run_batch
from tavus_cli._errors import CliError
from tavus_cli._group import new_group
from tavus_cli._input import parse_duration
from tavus_cli._options import FileOpt, JsonOpt, MaxItemsOpt, QuietOpt, YesOpt
from tavus_cli._output import Column
from tavus_cli._verbs import Kind, as_kwargs, body_from, check_ids, delete_each, note, output, session, walk

if TYPE_CHECKING:
    from tavus_sdk import AsyncTavus
    from tavus_sdk.types.conversation import Conversation, ConversationListParams

app = new_group("Start, list, inspect, end and delete conversations (calls with a replica).")
app.add_typer(canvas.app, name="canvas")

KIND = Kind(
    noun="conversation",
    plural="conversations",
    id_field="conversation_id",
    columns=(
        Column("id", "conversation_id"),
        Column("name", "conversation_name"),
        Column("status", "status"),
        Column("replica", "replica_id", is_id=True),
        Column("persona", "persona_id", in_table=False),
        Column("created", "created_at"),
        Column("url", "conversation_url", in_table=False),
    ),
)

ConversationId = Annotated[str, typer.Argument(metavar="CONVERSATION_ID", help="The conversation's id, e.g. c123456.")]


def _seconds(value: str | None, option: str) -> int | None:
    return None if value is None else int(parse_duration(value, option=option))


@app.command("create")
def create(
    ctx: typer.Context,
    replica: Annotated[str | None, typer.Option("--replica", help="replica_id (else the persona's default).")] = None,
    persona: Annotated[str | None, typer.Option("--persona", help="persona_id.")] = None,
    name: Annotated[str | None, typer.Option("--name", help="conversation_name.")] = None,
    context: Annotated[str | None, typer.Option("--context", help="conversational_context for this call.")] = None,
    greeting: Annotated[
        str | None, typer.Option("--greeting", help="custom_greeting: the replica's first line.")
    ] = None,
    callback_url: Annotated[str | None, typer.Option("--callback-url", help="Where webhooks are sent.")] = None,
    max_call_duration: Annotated[
        str | None, typer.Option("--max-call-duration", metavar="DURATION", help="Hard end after e.g. 600 or 10m.")
    ] = None,
    participant_left_timeout: Annotated[
        str | None,
        typer.Option(
            "--participant-left-timeout", metavar="DURATION", help="End this long after the last person leaves."
        ),
    ] = None,
    participant_absent_timeout: Annotated[
        str | None,
        typer.Option("--participant-absent-timeout", metavar="DURATION", help="End if nobody joins within this."),
    ] = None,
    language: Annotated[str | None, typer.Option("--language", help="e.g. english, or multilingual.")] = None,
    require_auth: Annotated[
        bool, typer.Option("--private", help="require_auth: a meeting token is needed to join.")
    ] = False,
    max_participants: Annotated[int | None, typer.Option("--max-participants", help="Counting the replica.")] = None,
    audio_only: Annotated[bool, typer.Option("--audio-only", help="No replica video.")] = False,
    memory_store: Annotated[
        list[str] | None, typer.Option("--memory-store", help="A memory store tag; repeat.")
    ] = None,
    document: Annotated[list[str] | None, typer.Option("--document", help="A document id; repeat.")] = None,
    file: FileOpt = None,
    json_output: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Start a conversation and print it (its URL is where the person joins). Billing starts now.

    \b
    Examples:
      tavus conversations create --replica r79e1c033f --persona p9a95912 --name Intake --max-call-duration 10m
      tavus conversations create --file conversation.yaml -q
    """
    out = output(ctx, json_output, quiet)
    flag_properties = {
        "max_call_duration": _seconds(max_call_duration, "--max-call-duration"),
        "participant_left_timeout": _seconds(participant_left_timeout, "--participant-left-timeout"),
        "participant_absent_timeout": _seconds(participant_absent_timeout, "--participant-absent-timeout"),
        "language": language,
    }
    flags: dict[str, Any] = {
        "replica_id": replica,
        "persona_id": persona,
        "conversation_name": name,
        "conversational_context": context,
        "custom_greeting": greeting,
        "callback_url": callback_url,
        "require_auth": True if require_auth else None,
        "max_participants": max_participants,
        "audio_only": True if audio_only else None,
        "memory_stores": memory_store or None,
        "document_ids": document or None,
    }
    from tavus_cli._input import read_body_file

    base = read_body_file(file) if file is not None else {}
    properties = _merged_properties(base.get("properties"), flag_properties)
    if properties:
        flags["properties"] = properties
    body = body_from(None, {**base, **{k: v for k, v in flags.items() if v is not None}}, "conversations_create")
    from tavus_sdk.types.conversation import ConversationCreateParams

    with session(ctx).client() as tavus:
        conversation = tavus.conversations.create(**as_kwargs(body, ConversationCreateParams))
    out.item(conversation, id_field=KIND.id_field)


def _merged_properties(from_file: Any, from_flags: dict[str, Any]) -> Any:
    """The file's properties with the flags' on top. A file value that is not a mapping is kept as it is, so the
    body check refuses it by name rather than the merge failing."""
    if from_file is not None and not isinstance(from_file, dict):
        return from_file
    return {**(from_file or {}), **{k: v for k, v in from_flags.items() if v is not None}}


@app.command("list")
def list_(
    ctx: typer.Context,
    status: Annotated[
        str | None, typer.Option("--status", help="Only this status: active or ended (filtered by the server).")
    ] = None,
    max_items: MaxItemsOpt = None,
    json_output: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """List conversations (every page), newest first.

    \b
    Examples:
      tavus conversations list --status active
      tavus conversations list --status active -q | xargs -r tavus conversations end --yes
    """
    out = output(ctx, json_output, quiet)
    if status is not None and status not in _STATUSES:
        # A typo would otherwise list nothing, which reads as "no such conversations".
        raise CliError(f"--status {status!r} is not a conversation status; use one of: {', '.join(_STATUSES)}")
    with session(ctx).client() as tavus:
        params: ConversationListParams = {"max_items": max_items}
        if status is not None:
            params["status"] = status
        conversations = walk(tavus.conversations.list(**params), max_items)
    # The API documents no order; newest first is what the help promises (stable, so ties keep the API's order).
    conversations.sort(key=_created_timestamp, reverse=True)
    out.items(conversations, id_field=KIND.id_field, columns=KIND.columns)


_STATUSES = ("active", "ended")


def _created_timestamp(conversation: Conversation) -> float:
    created = conversation.created_at
    if not isinstance(created, datetime):  # missing, or a value that is no timestamp
        return float("-inf")
    return (created if created.tzinfo is not None else created.replace(tzinfo=UTC)).timestamp()


@app.command("get")
def get(
    ctx: typer.Context,
    conversation_id: ConversationId,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Add the transcript, events and shutdown reason.")
    ] = False,
    json_output: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Show one conversation.

    \b
    Example:
      tavus conversations get c123456 --verbose --json | jq .events
    """
    out = output(ctx, json_output, quiet)
    with session(ctx).client() as tavus:
        conversation = tavus.conversations.get(conversation_id, verbose=verbose)
    out.item(conversation, id_field=KIND.id_field)


@app.command("end")
def end(
    ctx: typer.Context,
    conversation_ids: Annotated[
        list[str] | None, typer.Argument(metavar="[CONVERSATION_ID]...", help="Conversations to end.")
    ] = None,
    all_active: Annotated[bool, typer.Option("--all-active", help="End every active conversation.")] = False,
    older_than: Annotated[
        str | None,
        typer.Option(
            "--older-than", metavar="DURATION", help="With --all-active: only those started before, e.g. 10m."
        ),
    ] = None,
    concurrency: ConcurrencyOpt = DEFAULT_CONCURRENCY,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Show what would be ended; end nothing.")] = False,
    yes: YesOpt = False,
    json_output: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """End conversations: the replica leaves and billing stops. Ending an ended one is harmless.

    With --all-active --yes, ending starts as soon as the first page of the list arrives.

    \b
    Examples:
      tavus conversations end c123456 c654321
      tavus conversations end --all-active --older-than 10m --yes
    """
    out = output(ctx, json_output, quiet)
    ids = check_ids(dict.fromkeys(conversation_ids or []))
    if all_active == bool(ids):
        raise CliError("give conversation ids, or --all-active (not both)")
    if older_than is not None and not all_active:
        raise CliError("--older-than only works with --all-active")
    check_concurrency(concurrency)
    min_age = parse_duration(older_than, option="--older-than") if older_than is not None else 0.0
    nothing = "no active conversations" + (f" older than {older_than}" if older_than else "")
    feed: Feed | None = None
    if all_active and yes and not dry_run:
        feed = _runaway_feed(session(ctx).now(), min_age)
    elif all_active:
        ids = _runaway_ids(ctx, min_age)
        if not ids:
            note(nothing)
            out.result({"ended": [], "failed": [], "not_done": []}, ids=[], human="nothing to end")
            return
    if dry_run:
        out.result({"would_end": ids}, ids=ids, human="\n".join(f"would end {i}" for i in ids))
        return
    if all_active and feed is None:
        from tavus_cli._confirm import confirm

        confirm(
            f"End {len(ids)} active conversation(s)" + (f" older than {older_than}" if older_than else "") + "?",
            yes=yes,
        )

    def report(batch: Batch) -> None:
        if feed is not None and not batch.ids:
            note(nothing)
            out.result({"ended": [], "failed": [], "not_done": []}, ids=[], human="nothing to end")
            return
        ended, failed = batch.in_order()
        out.result(
            {"ended": ended, "failed": [{"id": i, "error": e} for i, e in failed], "not_done": batch.unsettled()},
            ids=ended,
            human="\n".join([f"ended {i}" for i in ended] + [f"failed {i}: {e}" for i, e in failed]),
        )
        note(f"ended {len(ended)}, failed {len(failed)}")

    run_batch(
        ctx, Batch(ids), _end_one, concurrency=concurrency, label="ending", past="ended", report=report, feed=feed
    )


async def _end_one(tavus: AsyncTavus, conversation_id: str) -> None:
    await tavus.conversations.end(conversation_id)


PAGE_SIZE = 100
"""Conversations asked for per page when looking for runaways: Tavus documents no maximum for this list, and 100
is the largest page size any Tavus list documents (voices: 1-100). A server that answers fewer than asked is
walked on to its ``total_count`` by the SDK's pager."""


def _runaway_ids(ctx: typer.Context, min_age: float) -> list[str]:
    now = session(ctx).now()
    with session(ctx).client() as tavus:
        # Every page of the server-filtered list, collected before anything ends (to confirm or show them).
        return _runaways(tavus.conversations.list(status="active", limit=PAGE_SIZE), now, min_age)


def _runaway_feed(now: datetime, min_age: float) -> Feed:
    """Walks the active list and hands each page's runaways to the pool while it ends the ones before."""

    async def walk_active(pool: Pool) -> bool:
        """One walk, each page's runaways submitted as it arrives; whether it may have missed some."""
        pages = 0
        first = await pool.tavus.conversations.list(status="active", limit=PAGE_SIZE)
        async for page in first.iter_pages():
            pages += 1
            pool.submit(_runaways(page.data, now, min_age))
        # Ending shrinks the active list while its later pages are read, so items slide onto pages already read.
        return pages > 1

    async def feed(pool: Pool) -> None:
        missed = await walk_active(pool)
        while missed:
            # Walk again once nothing is ending (so nothing moves while the walk starts), until a walk finds
            # nothing new: what is left then is what failed, or what is too young.
            await pool.drain()
            before = len(pool.batch.ids)
            await walk_active(pool)
            missed = len(pool.batch.ids) > before

    return feed


def _runaways(conversations: Iterable[Conversation], now: datetime, min_age: float) -> list[str]:
    return [c.conversation_id for c in conversations if c.status == "active" and _age(c, now) >= min_age]


def _age(conversation: Conversation, now: datetime) -> float:
    created = conversation.created_at
    if not isinstance(created, datetime):
        return float("inf")  # unknown age: treat as old, it is active and someone asked for runaways
    if created.tzinfo is None:
        created = created.replace(tzinfo=UTC)
    return (now - created).total_seconds()


@app.command("delete")
def delete(
    ctx: typer.Context,
    conversation_ids: Annotated[list[str], typer.Argument(metavar="CONVERSATION_ID...", help="One or more ids.")],
    concurrency: ConcurrencyOpt = DEFAULT_CONCURRENCY,
    yes: YesOpt = False,
    json_output: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Delete conversations and their data (asks first; --yes in scripts).

    \b
    Example:
      tavus conversations delete c123456 --yes
    """
    delete_each(
        ctx, KIND, conversation_ids, _delete_one, yes=yes, json_output=json_output, quiet=quiet, concurrency=concurrency
    )


async def _delete_one(tavus: AsyncTavus, conversation_id: str) -> None:
    await tavus.conversations.delete(conversation_id)
