"""The verbs many resources share (show, delete, patch, edit, wait), written once so they behave the same
everywhere. Resource modules hand in what differs: the SDK calls, the id field and the columns.
"""

from __future__ import annotations

import sys
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

import typer

from tavus_cli._confirm import confirm
from tavus_cli._errors import CliError
from tavus_cli._output import Column, Output
from tavus_cli._session import Session

if TYPE_CHECKING:
    from tavus_sdk import AsyncTavus, SyncPage

__all__ = ["Kind", "check_ids", "delete_each", "output", "session", "walk"]

T = TypeVar("T")


@dataclass(frozen=True)
class Kind:
    """What the shared verbs need to know about a resource."""

    noun: str
    plural: str
    id_field: str
    columns: tuple[Column, ...]


def session(ctx: typer.Context) -> Session:
    obj = ctx.find_root().obj
    if not isinstance(obj, Session):
        obj = Session()
        ctx.find_root().obj = obj
    return obj


def output(ctx: typer.Context, json_output: bool = False, quiet: bool = False) -> Output:
    if json_output and quiet:
        raise CliError("--json and --quiet cannot be combined; pick one")
    return Output(json_output=json_output, quiet=quiet, show_secrets=session(ctx).show_secrets)


def note(text: str) -> None:
    """A line for the person at the terminal; stderr, so it never mixes with data."""
    from tavus_cli._output import printable_lines

    sys.stderr.write(printable_lines(text) + "\n")


def check_ids(ids: Iterable[str]) -> list[str]:
    """Every id, or exit 2 before anything is sent when one could not be an id (``.``, ``a/b``, empty ...): a
    batch never half-runs on a typo."""
    from tavus_sdk import MalformedIdError
    from tavus_sdk._operation import check_id

    try:
        return [check_id(item, "an id argument") for item in ids]
    except MalformedIdError as exc:
        raise CliError(str(exc)) from None


def walk(first_page: SyncPage[T], max_items: int | None) -> list[T]:
    """Every item of an SDK list, page after page; ``first_page`` comes from ``list(max_items=max_items, ...)``.

    When ``--max-items`` cut the list short, stderr says how many there are in all (when the server said).
    """
    items = list(first_page)
    total = first_page.total_count
    if max_items is not None and len(items) >= max_items and (total is None or total > len(items)):
        note(f"showing the first {len(items)}" + (f" of {total}" if total is not None else "") + "; raise --max-items")
    return items


def delete_each(
    ctx: typer.Context,
    kind: Kind,
    ids: Sequence[str],
    delete: Callable[[AsyncTavus, str], Awaitable[object]],
    *,
    yes: bool,
    json_output: bool,
    quiet: bool,
    concurrency: int,
    verb: str = "delete",
    past: str = "deleted",
    ids_checked: bool = False,
) -> None:
    """Confirm once, act on every id (``concurrency`` at a time), report what was done and what failed; exit 1
    if anything failed. Ids are checked first (exit 2 on one that could not be an id) unless the caller did
    (``ids_checked``)."""
    from tavus_cli._bulk import Batch, check_concurrency, run_batch

    out = output(ctx, json_output, quiet)
    unique = list(dict.fromkeys(ids)) if ids_checked else check_ids(dict.fromkeys(ids))
    if not unique:
        raise CliError(f"give at least one {kind.noun} id")
    check_concurrency(concurrency)
    confirm(
        f"{verb.capitalize()} {len(unique)} {kind.noun if len(unique) == 1 else kind.plural} ({', '.join(unique)})?",
        yes=yes,
    )

    def report(batch: Batch) -> None:
        done, failed = batch.in_order()
        out.result(
            {past: done, "failed": [{"id": i, "error": e} for i, e in failed]},
            ids=done,
            human="\n".join([f"{past} {kind.noun} {i}" for i in done] + [f"failed {i}: {e}" for i, e in failed]),
        )
        if failed:
            note(f"{len(failed)} of {len(unique)} failed")

    run_batch(ctx, Batch(unique), delete, concurrency=concurrency, label=verb, past=past, report=report)


def body_from(file: str | None, flags: dict[str, Any], operation_id: str) -> dict[str, Any]:
    """The request body: ``--file`` first, flags on top, then checked against the API description."""
    from tavus_cli._input import check_body, read_body_file

    body = read_body_file(file) if file is not None else {}
    body.update({k: v for k, v in flags.items() if v is not None})
    check_body(operation_id, body)
    return body


def as_kwargs(body: dict[str, Any], params: Any) -> dict[str, Any]:
    """SDK keyword arguments for ``body``; fields the API description has but the SDK's params type does not
    go through ``extra_body`` so they are still sent."""
    known: frozenset[str] = params.__required_keys__ | params.__optional_keys__
    kwargs = {k: v for k, v in body.items() if k in known}
    extra = {k: v for k, v in body.items() if k not in known}
    if extra:
        kwargs["extra_body"] = extra
    return kwargs
