"""The verbs many resources share (show, delete, patch, edit, wait), written once so they behave the same
everywhere. Resource modules hand in what differs: the SDK calls, the id field and the columns.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

import typer

from tavus_cli._confirm import confirm
from tavus_cli._errors import API_ERROR, CliError, describe
from tavus_cli._output import Column, Output
from tavus_cli._session import Session

if TYPE_CHECKING:
    from tavus_sdk import SyncPage, Tavus

__all__ = ["Kind", "delete_each", "output", "session", "walk", "with_client"]

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


def with_client(ctx: typer.Context) -> Tavus:
    return session(ctx).client()


def note(text: str) -> None:
    """A line for the person at the terminal; stderr, so it never mixes with data."""
    sys.stderr.write(text + "\n")


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
    delete: Callable[[Tavus, str], object],
    *,
    yes: bool,
    json_output: bool,
    quiet: bool,
    verb: str = "delete",
    past: str = "deleted",
) -> None:
    """Confirm once, act on every id, report what was done and what failed; exit 1 if anything failed."""
    out = output(ctx, json_output, quiet)
    unique = list(dict.fromkeys(ids))
    if not unique:
        raise CliError(f"give at least one {kind.noun} id")
    confirm(
        f"{verb.capitalize()} {len(unique)} {kind.noun if len(unique) == 1 else kind.plural} ({', '.join(unique)})?",
        yes=yes,
    )
    done: list[str] = []
    failed: list[dict[str, str]] = []
    with with_client(ctx) as tavus:
        for item_id in unique:
            try:
                delete(tavus, item_id)
                done.append(item_id)
            except Exception as exc:
                known = describe(exc)
                if known is None:
                    raise
                failed.append({"id": item_id, "error": known.message})
    out.result(
        {past: done, "failed": failed},
        ids=done,
        human="\n".join(
            [f"{past} {kind.noun} {i}" for i in done] + [f"failed {f['id']}: {f['error']}" for f in failed]
        ),
    )
    if failed:
        note(f"{len(failed)} of {len(unique)} failed")
        raise typer.Exit(API_ERROR)


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
