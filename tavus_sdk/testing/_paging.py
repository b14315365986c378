"""Paged list answers, as every Tavus list gives them.

``limit`` is the page size ("Default is 10"), ``page`` the page number, and the answer is ``{"data": [...],
"total_count": N}`` where ``total_count`` counts the whole list under the filters given
(docs.tavus.io/api-reference/conversations/get-conversations, .../personas/get-personas, ...). Where pages start
differs by endpoint and by source; each handler passes the newest source's first page. A page past the end is an
empty ``data`` with the same ``total_count``. Order is the order records were created in (the docs leave it open;
this was the emulator's order before paging).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from tavus_sdk.testing._context import ApiRequest

__all__ = ["DEFAULT_LIMIT", "in_order", "paged"]

DEFAULT_LIMIT = 10


def paged(
    req: ApiRequest,
    items: Iterable[dict[str, Any]],
    *,
    first_page: int,
    echo: bool = False,
    default_limit: int = DEFAULT_LIMIT,
) -> dict[str, Any]:
    """One page of ``items`` (already filtered and in order) for the request's ``limit`` and ``page``.

    ``first_page`` is the number of the first page (0 or 1); the spec's ``minimum`` on ``page`` already refused
    lower numbers with a 400. ``echo`` adds ``page`` and ``limit`` to the answer, for endpoints documented so.
    """
    everything = list(items)
    limit = req.query.get("limit") or default_limit
    page = req.query.get("page")
    index = 0 if page is None else max(0, page - first_page)
    body: dict[str, Any] = {
        "data": everything[index * limit : (index + 1) * limit],
        "total_count": len(everything),
    }
    if echo:
        body["page"] = first_page + index
        body["limit"] = limit
    return body


def in_order(req: ApiRequest, items: Iterable[dict[str, Any]], *, default: str = "ascending") -> list[dict[str, Any]]:
    """``items`` (in creation order) as ``sort`` asks: ``descending`` (or ``desc``, as Tavus's own client sends it
    to documents) is newest first; anything else keeps creation order. ``default`` applies when ``sort`` is absent."""
    ordered = list(items)
    sort = str(req.query.get("sort") or default).lower()
    return ordered[::-1] if sort in ("desc", "descending") else ordered
