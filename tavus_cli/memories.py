"""``tavus memories``: what personas remember across conversations created with the same ``--memory-store`` tag.

The API can only delete a memory: memories are written by conversations and cannot be listed yet, so their ids come
from Tavus (e.g. the dashboard or support).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from tavus_cli._errors import CliError
from tavus_cli._group import new_group
from tavus_cli._options import JsonOpt, QuietOpt, YesOpt
from tavus_cli._verbs import Kind, check_ids, delete_each

if TYPE_CHECKING:
    from tavus_sdk import Tavus

app = new_group("Delete memories from a memory store (the tag given with conversations create --memory-store).")

KIND = Kind(noun="memory", plural="memories", id_field="memory_id", columns=())


@app.command("delete")
def delete(
    ctx: typer.Context,
    memory_ids: Annotated[list[str], typer.Argument(metavar="MEMORY_ID...", help="One or more memory ids.")],
    store: Annotated[str, typer.Option("--store", metavar="TAG", help="The memory store: a memory_stores tag.")],
    yes: YesOpt = False,
    json_output: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Delete memories from one memory store; they are reported as TAG/MEMORY_ID (asks first; --yes in scripts).

    \b
    Example:
      tavus memories delete --store user-42 m1a2b3c4d5 --yes
    """
    if not store.strip():
        raise CliError("--store is empty; give the memory_stores tag the memories were written under")
    if not all(m.strip() for m in memory_ids):
        raise CliError("a memory id is empty")
    check_ids([store, *memory_ids])
    # Shown and reported as store/id, the memory's address in the API (/memories/{store}/{id}).
    by_ref = {f"{store}/{memory_id}": memory_id for memory_id in memory_ids}

    def delete_one(tavus: Tavus, ref: str) -> None:
        tavus.memories.delete(store, by_ref[ref])

    delete_each(ctx, KIND, list(by_ref), delete_one, yes=yes, json_output=json_output, quiet=quiet, ids_checked=True)
