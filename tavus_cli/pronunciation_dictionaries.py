"""``tavus pronunciation-dictionaries``: rules for how a persona's voice says given words.

A rule is ``{text, pronunciation, type}`` (``alias``: say this text instead; ``ipa``: say this IPA string). A
persona uses a dictionary through ``layers.tts.pronunciation_dictionary_id``. ``patch`` and ``edit`` change
``/name`` and ``/rules`` with JSON Patch, as for personas; a new rules list replaces the old one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from tavus_cli._bulk import DEFAULT_CONCURRENCY, ConcurrencyOpt
from tavus_cli._errors import CliError
from tavus_cli._group import new_group
from tavus_cli._options import (
    DryRunOpt,
    FileOpt,
    JsonOpt,
    MaxItemsOpt,
    OpsFileOpt,
    QuietOpt,
    RemoveOpt,
    SetOpt,
    YesOpt,
)
from tavus_cli._output import Column
from tavus_cli._patching import Patchable, edit_verb, patch_verb
from tavus_cli._verbs import Kind, as_kwargs, body_from, delete_each, output, session, walk

if TYPE_CHECKING:
    from tavus_sdk import AsyncTavus

app = new_group("Create, inspect, change (JSON Patch) and delete pronunciation dictionaries.")

KIND = Kind(
    noun="pronunciation dictionary",
    plural="pronunciation dictionaries",
    id_field="pronunciation_dictionary_id",
    columns=(
        Column("id", "pronunciation_dictionary_id"),
        Column("name", "name"),
        Column("rules", "rules_count"),
        Column("created", "created_at"),
        Column("updated", "updated_at", in_table=False),
    ),
)

DictionaryId = Annotated[
    str, typer.Argument(metavar="DICTIONARY_ID", help="The dictionary's id, e.g. pd_abc123def456gh.")
]
_RULE_HELP = "A rule TEXT=PRONUNCIATION (say PRONUNCIATION for TEXT); repeat."


def _check_paths(operations: object) -> None:
    from tavus_sdk.patch import check_pronunciation_dictionary_paths

    check_pronunciation_dictionary_paths(operations)


PATCHABLE = Patchable(
    kind=KIND,
    get=lambda tavus, did: tavus.pronunciation_dictionaries.get(did),
    patch=lambda tavus, did, ops: tavus.pronunciation_dictionaries.patch(did, ops, check_paths=False),
    check_paths=_check_paths,
)


def _rules(aliases: list[str], ipas: list[str]) -> list[dict[str, Any]]:
    rules = []
    for kind, flag, given in (("alias", "--rule", aliases), ("ipa", "--ipa", ipas)):
        for item in given:
            text, sep, pronunciation = item.partition("=")
            if not sep or not text or not pronunciation:
                raise CliError(f"{flag} {item!r}: expected TEXT=PRONUNCIATION, e.g. {flag} Tavus=TAH-vus")
            rules.append({"text": text, "pronunciation": pronunciation, "type": kind})
    return rules


@app.command("create")
def create(
    ctx: typer.Context,
    name: Annotated[str | None, typer.Option("--name", help="The dictionary's name (at most 255 characters).")] = None,
    rule: Annotated[list[str] | None, typer.Option("--rule", metavar="TEXT=SAY", help=_RULE_HELP)] = None,
    ipa: Annotated[
        list[str] | None, typer.Option("--ipa", metavar="TEXT=IPA", help="A rule TEXT=IPA (an IPA string); repeat.")
    ] = None,
    file: FileOpt = None,
    json_output: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Create a pronunciation dictionary; --rule and --ipa add rules after the file's.

    \b
    Examples:
      tavus pronunciation-dictionaries create --name "Brand Terms" --rule Tavus=TAH-vus --rule CVI="see vee eye"
      tavus pronunciation-dictionaries create --file terms.yaml -q
    """
    out = output(ctx, json_output, quiet)
    from tavus_cli._input import read_body_file

    base = read_body_file(file) if file is not None else {}
    flagged = _rules(rule or [], ipa or [])
    rules = [*(base.get("rules") or []), *flagged] or None
    body = body_from(
        None,
        {**base, **{k: v for k, v in {"name": name, "rules": rules}.items() if v is not None}},
        "pronunciation-dictionaries_create",
    )
    from tavus_sdk.types.pronunciation_dictionary import PronunciationDictionaryCreateParams

    with session(ctx).client() as tavus:
        created = tavus.pronunciation_dictionaries.create(**as_kwargs(body, PronunciationDictionaryCreateParams))
    out.item(created, id_field=KIND.id_field)


@app.command("list")
def list_(
    ctx: typer.Context,
    oldest_first: Annotated[bool, typer.Option("--oldest-first", help="Oldest first (the default is newest).")] = False,
    max_items: MaxItemsOpt = None,
    json_output: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """List your pronunciation dictionaries (names and rule counts), every page of them.

    \b
    Examples:
      tavus pronunciation-dictionaries list
      tavus pronunciation-dictionaries list -q | xargs -n1 tavus pronunciation-dictionaries get --json
    """
    out = output(ctx, json_output, quiet)
    with session(ctx).client() as tavus:
        pages = tavus.pronunciation_dictionaries.list(
            limit=100, sort="asc" if oldest_first else "desc", max_items=max_items
        )
        found = walk(pages, max_items)
    out.items(found, id_field=KIND.id_field, columns=KIND.columns)


@app.command("get")
def get(ctx: typer.Context, dictionary_id: DictionaryId, json_output: JsonOpt = False, quiet: QuietOpt = False) -> None:
    """Show one pronunciation dictionary with its rules (rules.0.text is what patch calls /rules/0/text).

    \b
    Example:
      tavus pronunciation-dictionaries get pd_abc123def456gh --json
    """
    out = output(ctx, json_output, quiet)
    with session(ctx).client() as tavus:
        found = tavus.pronunciation_dictionaries.get(dictionary_id)
    out.item(found, id_field=KIND.id_field)


@app.command("patch")
def patch(
    ctx: typer.Context,
    dictionary_id: DictionaryId,
    set_: SetOpt = None,
    remove: RemoveOpt = None,
    ops_file: OpsFileOpt = None,
    dry_run: DryRunOpt = False,
    json_output: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Change a pronunciation dictionary with JSON Patch (RFC 6902) on /name and /rules.

    \b
    Examples:
      tavus pronunciation-dictionaries patch pd_abc123def456gh --set "/name=Updated Brand Terms"
      tavus pronunciation-dictionaries patch pd_abc123def456gh --set /rules/0/pronunciation=TAH-vuss --dry-run
    """
    patch_verb(
        ctx,
        PATCHABLE,
        dictionary_id,
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
    dictionary_id: DictionaryId,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Show the patch; send nothing.")] = False,
    yes: YesOpt = False,
) -> None:
    """Edit a pronunciation dictionary as YAML in $EDITOR; the minimal JSON Patch is shown, then sent once you
    confirm.

    \b
    Example:
      EDITOR=nano tavus pronunciation-dictionaries edit pd_abc123def456gh
    """
    edit_verb(ctx, PATCHABLE, dictionary_id, yes=yes, dry_run=dry_run)


@app.command("delete")
def delete(
    ctx: typer.Context,
    dictionary_ids: Annotated[
        list[str], typer.Argument(metavar="DICTIONARY_ID...", help="One or more dictionary ids.")
    ],
    concurrency: ConcurrencyOpt = DEFAULT_CONCURRENCY,
    yes: YesOpt = False,
    json_output: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Delete pronunciation dictionaries; personas using one are left without (asks first; --yes in scripts).

    \b
    Example:
      tavus pronunciation-dictionaries delete pd_abc123def456gh --yes
    """
    delete_each(
        ctx, KIND, dictionary_ids, _delete_one, yes=yes, json_output=json_output, quiet=quiet, concurrency=concurrency
    )


async def _delete_one(tavus: AsyncTavus, dictionary_id: str) -> None:
    await tavus.pronunciation_dictionaries.delete(dictionary_id)
