"""``tavus documents``: the knowledge base (files and crawled websites) personas can draw on."""

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
    from tavus_sdk.types.document import DocumentListParams

app = new_group("Add, list, tag, recrawl, wait for and delete knowledge-base documents.")

KIND = Kind(
    noun="document",
    plural="documents",
    id_field="document_id",
    columns=(
        Column("id", "document_id"),
        Column("name", "document_name"),
        Column("status", "status"),
        Column("tags", "tags"),
        Column("created", "created_at"),
    ),
)

# The API's page-size ceiling: walking every page takes as few requests as it can.
_PAGE_SIZE = 100

DocumentId = Annotated[str, typer.Argument(metavar="DOCUMENT_ID", help="The document's id, e.g. d8-5c71baca86fc.")]
CrawlDepthOpt = Annotated[
    int | None, typer.Option("--crawl-depth", metavar="1-10", help="Crawl: link levels to follow from the URL.")
]
CrawlMaxPagesOpt = Annotated[
    int | None, typer.Option("--crawl-max-pages", metavar="1-100", help="Crawl: the most pages to read.")
]


def _crawl(base: Any, depth: int | None, max_pages: int | None) -> Any:
    """The ``crawl`` object: the file's, with the flags on top (None when neither says anything)."""
    if depth is None and max_pages is None:
        return base
    crawl = dict(base) if isinstance(base, dict) else {}
    crawl.update({k: v for k, v in {"depth": depth, "max_pages": max_pages}.items() if v is not None})
    return crawl


@app.command("create")
def create(
    ctx: typer.Context,
    url: Annotated[
        str | None,
        typer.Option("--url", metavar="URL", help="document_url: a file (pdf, docx, csv, ...) or a website."),
    ] = None,
    name: Annotated[str | None, typer.Option("--name", help="document_name.")] = None,
    tag: Annotated[
        list[str] | None, typer.Option("--tag", metavar="TAG", help="A tag conversations can select it by; repeat.")
    ] = None,
    crawl_depth: CrawlDepthOpt = None,
    crawl_max_pages: CrawlMaxPagesOpt = None,
    callback_url: Annotated[
        str | None, typer.Option("--callback-url", metavar="URL", help="Receives processing status updates.")
    ] = None,
    file: FileOpt = None,
    json_output: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Add a file or a website to the knowledge base.

    Processing runs in the background; `tavus documents wait` follows it.

    \b
    Examples:
      tavus documents create --url https://example.com/handbook.pdf --name Handbook --tag onboarding
      tavus documents create --url https://docs.example.com/ --crawl-depth 2 --crawl-max-pages 20 -q
    """
    out = output(ctx, json_output, quiet)
    from tavus_cli._input import read_body_file

    base = read_body_file(file) if file is not None else {}
    flags: dict[str, Any] = {
        "document_url": url,
        "document_name": name,
        "tags": tag or None,
        "crawl": _crawl(base.get("crawl"), crawl_depth, crawl_max_pages),
        "callback_url": callback_url,
    }
    body = body_from(None, {**base, **{k: v for k, v in flags.items() if v is not None}}, "documents_create")
    from tavus_sdk.types.document import DocumentCreateParams

    with session(ctx).client() as tavus:
        document = tavus.documents.create(**as_kwargs(body, DocumentCreateParams))
    out.item(document, id_field=KIND.id_field)


@app.command("list")
def list_(
    ctx: typer.Context,
    tag: Annotated[
        list[str] | None, typer.Option("--tag", metavar="TAG", help="Only documents with this tag (any of several).")
    ] = None,
    status: Annotated[
        str | None,
        typer.Option("--status", metavar="STATUS", help="Only documents in this status (started, ready, error, ...)."),
    ] = None,
    name: Annotated[
        str | None, typer.Option("--name", metavar="TEXT", help="Only documents whose name contains TEXT, or this id.")
    ] = None,
    newest_first: Annotated[bool, typer.Option("--newest-first", help="Newest first (default: oldest first).")] = False,
    max_items: MaxItemsOpt = None,
    json_output: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """List your documents, every page of them (the server filters them).

    \b
    Examples:
      tavus documents list --tag onboarding --tag sales
      tavus documents list --status error -q | xargs tavus documents delete --yes
      tavus documents list --json | jq -r '.[] | select(.status == "error") | .document_id'
    """
    out = output(ctx, json_output, quiet)
    params: DocumentListParams = {"limit": _PAGE_SIZE, "max_items": max_items}
    if tag:
        params["tags"] = tag
    if status:
        params["status"] = status
    if name:
        params["name_or_uuid"] = name
    if newest_first:
        params["sort"] = "descending"
    with session(ctx).client() as tavus:
        documents = walk(tavus.documents.list(**params), max_items)
    out.items(documents, id_field=KIND.id_field, columns=KIND.columns)


@app.command("get")
def get(ctx: typer.Context, document_id: DocumentId, json_output: JsonOpt = False, quiet: QuietOpt = False) -> None:
    """Show one document, with its processing status.

    A document whose processing failed says why in error_message (a code such as file_format_unsupported).

    \b
    Example:
      tavus documents get d1234567890 --json
    """
    out = output(ctx, json_output, quiet)
    with session(ctx).client() as tavus:
        document = tavus.documents.get(document_id)
    out.item(document, id_field=KIND.id_field)


@app.command("update")
def update(
    ctx: typer.Context,
    document_id: DocumentId,
    name: Annotated[str | None, typer.Option("--name", help="The new document_name.")] = None,
    tag: Annotated[
        list[str] | None, typer.Option("--tag", metavar="TAG", help="A tag; repeat. Replaces all the old tags.")
    ] = None,
    clear_tags: Annotated[bool, typer.Option("--clear-tags", help="Remove every tag.")] = False,
    json_output: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Change a document's name and/or tags.

    The tags given replace the old ones.

    \b
    Examples:
      tavus documents update d1234567890 --name "Handbook (2025)" --tag onboarding --tag hr
      tavus documents update d1234567890 --clear-tags
    """
    out = output(ctx, json_output, quiet)
    if tag and clear_tags:
        raise CliError("--tag and --clear-tags cannot be combined; --tag alone already replaces the old tags")
    fields = {"document_name": name, "tags": [] if clear_tags else tag or None}
    body = body_from(None, fields, "documents_update")
    if not body:
        raise CliError("nothing to update: give --name, --tag or --clear-tags")
    from tavus_sdk.types.document import DocumentUpdateParams

    with session(ctx).client() as tavus:
        document = tavus.documents.update(document_id, **as_kwargs(body, DocumentUpdateParams))
    out.item(document, id_field=KIND.id_field)


@app.command("recrawl")
def recrawl(
    ctx: typer.Context,
    document_id: DocumentId,
    crawl_depth: CrawlDepthOpt = None,
    crawl_max_pages: CrawlMaxPagesOpt = None,
    json_output: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Crawl a website document again.

    Only once it is ready or failed, and at most once an hour. Without crawl flags the stored settings are
    used; with them, they apply to this recrawl only.

    \b
    Examples:
      tavus documents recrawl d1234567890
      tavus documents recrawl d1234567890 --crawl-depth 3 --crawl-max-pages 50 -q | xargs tavus documents wait
    """
    out = output(ctx, json_output, quiet)
    body = body_from(None, {"crawl": _crawl(None, crawl_depth, crawl_max_pages)}, "documents_recrawl")
    from tavus_sdk.types.document import DocumentRecrawlParams

    with session(ctx).client() as tavus:
        document = tavus.documents.recrawl(document_id, **as_kwargs(body, DocumentRecrawlParams))
    out.item(document, id_field=KIND.id_field)


@app.command("delete")
def delete(
    ctx: typer.Context,
    document_ids: Annotated[list[str], typer.Argument(metavar="DOCUMENT_ID...", help="One or more document ids.")],
    concurrency: ConcurrencyOpt = DEFAULT_CONCURRENCY,
    yes: YesOpt = False,
    json_output: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Delete documents (asks first; --yes in scripts).

    Their processed data goes with them.

    \b
    Example:
      tavus documents delete d1234567890 --yes
    """
    delete_each(
        ctx, KIND, document_ids, _delete_one, yes=yes, json_output=json_output, quiet=quiet, concurrency=concurrency
    )


async def _delete_one(tavus: AsyncTavus, document_id: str) -> None:
    await tavus.documents.delete(document_id)


@app.command("wait")
def wait(
    ctx: typer.Context,
    document_id: DocumentId,
    timeout: TimeoutOpt = "30m",
    poll_interval: PollIntervalOpt = "2s",
    json_output: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Wait until a document is processed or recrawled.

    Its status goes to stderr; exits 1 if processing fails or time runs out.

    \b
    Examples:
      tavus documents wait d1234567890
      tavus documents create --url https://example.com/faq.pdf -q | xargs tavus documents wait -q
    """
    wait_verb(
        ctx,
        KIND,
        document_id,
        _waiter,
        timeout=timeout,
        poll_interval=poll_interval,
        json_output=json_output,
        quiet=quiet,
    )


def _waiter(tavus: Tavus) -> WaitReady:
    return tavus.documents.wait_ready
