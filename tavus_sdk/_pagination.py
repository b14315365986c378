"""Paged lists: one page on request, and iteration over every item of every page.

Every Tavus list takes ``limit`` (page size, "Default is 10") and ``page`` and answers ``{"data": [...],
"total_count": N}`` (docs.tavus.io/api-reference/conversations/get-conversations and the other list pages).
The sources disagree on where pages start (videos and documents: 0 in Tavus's openapi.yaml, 1 on older pages),
so the walk never depends on it:

- the first request sends no ``page`` (unless the caller asks for one): the server answers its first page;
- the next page number is the one the server echoes plus one, or else the endpoint's documented first page plus one;
- a page identical to the one before means the guess was one too low (or the server ignores ``page``): the next
  number is tried once, and a second repeat ends the walk, so a server that ignores ``page`` cannot loop it;
- the walk ends on an empty page, once ``total_count`` items were seen (a server that caps ``limit`` below what
  was asked answers short pages before that), or, with no ``total_count``, on a page shorter than the page size
  (asked for, echoed, or else Tavus's default of 10), or once ``max_items`` were yielded. No request is sent that
  paging does not need.

    async for persona in client.personas.list(): ...              # async: every item, page after page
    page = await client.personas.list(limit=50, page=2)            # async: that one page
    for video in client.videos.list(max_items=100): ...            # sync: at most 100 items
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Generator, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Generic, TypeVar

import pydantic

from tavus_sdk._models import BaseModel
from tavus_sdk._operation import Operation, parse_model, split_params
from tavus_sdk._types import RequestOptions

__all__ = ["AsyncPage", "AsyncPaginator", "ListParams", "ListResponse", "Listing", "SyncPage", "listing"]

T = TypeVar("T")
M = TypeVar("M", bound=pydantic.BaseModel)

_PAGING_KEYS = ("limit", "page", "max_items")
DEFAULT_LIMIT = 10
"""Tavus's page size when none is asked for ("Default is 10" on every list page that states one)."""


class ListParams(RequestOptions, total=False):
    """What every ``list()`` takes, besides its own filters."""

    limit: int
    """Page size sent to the server (Tavus's default is 10). Iteration still walks every page."""
    page: int
    """Ask for this page (awaiting / ``.data`` gives it; iterating starts there). Page numbers are the server's:
    see each ``list()`` for where its pages start."""
    max_items: int | None
    """Stop iterating after this many items, and fetch no page beyond them. Never sent to the server."""


class ListResponse(BaseModel, Generic[T]):
    data: list[T]
    total_count: int | None = None
    """How many items the whole list holds under the filters given (not only this page)."""
    page: int | None = None
    """The page number, when the server echoes it."""
    limit: int | None = None
    """The page size, when the server echoes it."""


@dataclass(frozen=True, slots=True)
class Listing(Generic[T]):
    """One ``list()`` call: where, which filters, and how its pages are numbered. Built by ``listing()``."""

    path: str
    model: type[ListResponse[T]]
    filters: Mapping[str, Any]
    options: RequestOptions
    limit: int | None
    page: int | None
    max_items: int | None
    first_page: int
    """The endpoint's documented first page number; used only when the server does not echo ``page``."""
    size_param: str = "limit"
    """The query parameter that carries the page size."""

    def operation(self, page: int | None) -> Operation[ListResponse[T]]:
        query = dict(self.filters)
        if self.limit is not None:
            query[self.size_param] = self.limit
        if page is not None:
            query["page"] = page
        return Operation(
            "GET", self.path, parse_model(self.model), query=query or None, retry_safe=True, options=self.options
        )


def listing(
    path: str,
    item: type[M],
    params: Mapping[str, Any],
    spec: Any,
    method: str,
    *,
    first_page: int,
    size_param: str = "limit",
) -> Listing[M]:
    """Build a ``Listing`` from a ``list()``'s keyword arguments (``spec`` is its params TypedDict).

    Filters are encoded as the API expects: sequences comma-separated, booleans ``true``/``false``; None is
    left out. Paging values are checked before anything is sent.
    """
    body, options = split_params(params, spec, method)
    paging = {key: body.pop(key) for key in _PAGING_KEYS if key in body}
    if size_param in body:
        paging["limit"] = body.pop(size_param)
    for key, value in paging.items():
        lowest = first_page if key == "page" else 1
        if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < lowest):
            raise ValueError(f"{method}(): {key} must be a whole number from {lowest}, got {value!r}")
    return Listing(
        path=path,
        model=ListResponse[item],  # type: ignore[valid-type]
        filters={key: _query_value(value) for key, value in body.items() if value is not None},
        options=options,
        limit=paging.get("limit"),
        page=paging.get("page"),
        max_items=paging.get("max_items"),
        first_page=first_page,
        size_param=size_param,
    )


def _query_value(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Sequence) and not isinstance(value, str):
        return ",".join(str(v) for v in value)
    return value


@dataclass(frozen=True, slots=True)
class _Walk:
    """Where a page sits in its walk: what came before it decides whether and what to fetch next."""

    requested: int | None
    """The page number that was asked for (None: the server's first page)."""
    offset: int
    """Items of the whole list before this page (what a requested start page skips counts, when known)."""
    counted: int
    """Items this walk yielded before this page (for ``max_items``)."""
    previous: tuple[Any, ...] | None
    """The page before, to detect a server that answers the same page again."""
    repeats: int = 0


class _PageState(Generic[T]):
    def __init__(self, result: ListResponse[T], listing: Listing[T] | None, walk: _Walk) -> None:
        self.total_count = result.total_count
        self.limit = result.limit if result.limit is not None else (listing.limit if listing else None)
        self._listing = listing
        self._repeat = walk.previous is not None and bool(result.data) and tuple(result.data) == walk.previous
        self.data: list[T] = [] if self._repeat else result.data
        self.page = result.page if result.page is not None else walk.requested
        self._walk = walk

    def _capped(self) -> bool:
        cap = self._listing.max_items if self._listing else None
        return cap is not None and self._walk.counted + len(self.data) >= cap

    def has_next_page(self) -> bool:
        if self._listing is None or self._capped():
            return False
        if self._repeat:
            # A second repeat: the server ignores ``page``. A first one: our guess of the next number was low.
            return self._walk.repeats < 1
        if not self.data:
            return False
        if self.total_count is not None:
            # The count wins over the page size: a server that caps ``limit`` answers short pages with more to come.
            return self._walk.offset + len(self.data) < self.total_count
        if self.limit is not None and len(self.data) < self.limit:
            return False
        # Neither a count nor a size: a page shorter than Tavus's documented default size is the last.
        return self.limit is not None or len(self.data) >= DEFAULT_LIMIT

    def _next_walk(self) -> tuple[int, _Walk]:
        assert self._listing is not None
        current = self.page if self.page is not None else self._listing.first_page
        walk = _Walk(
            requested=current + 1,
            offset=self._walk.offset + len(self.data),
            counted=self._walk.counted + len(self.data),
            previous=tuple(self._walk.previous or ()) if self._repeat else tuple(self.data),
            repeats=self._walk.repeats + 1 if self._repeat else 0,
        )
        return current + 1, walk

    def _cap(self, items: list[T]) -> list[T]:
        cap = self._listing.max_items if self._listing else None
        if cap is None:
            return items
        return items[: max(0, cap - self._walk.counted)]

    def __repr__(self) -> str:
        return f"<{type(self).__name__} page={self.page} items={len(self.data)} total_count={self.total_count}>"


def _start(listing: Listing[T]) -> _Walk:
    skipped = 0
    if listing.page is not None and listing.limit is not None:
        skipped = max(0, listing.page - listing.first_page) * listing.limit
    return _Walk(requested=listing.page, offset=skipped, counted=0, previous=None)


class SyncPage(_PageState[T]):
    """One page of a list (``.data``). Iterating it yields every item from here on, fetching pages as needed."""

    def __init__(
        self,
        result: ListResponse[T],
        *,
        listing: Listing[T] | None = None,
        send: Callable[[Operation[ListResponse[T]]], ListResponse[T]] | None = None,
        walk: _Walk | None = None,
    ) -> None:
        super().__init__(result, listing if send is not None else None, walk or _Walk(None, 0, 0, None))
        self._send = send

    @classmethod
    def first(cls, send: Callable[[Operation[ListResponse[T]]], ListResponse[T]], listing: Listing[T]) -> SyncPage[T]:
        """Fetch the page a ``list()`` call starts at."""
        walk = _start(listing)
        return cls(send(listing.operation(walk.requested)), listing=listing, send=send, walk=walk)

    def next_page(self) -> SyncPage[T]:
        if self._send is None or self._listing is None or not self.has_next_page():
            raise StopIteration("this is the last page")
        number, walk = self._next_walk()
        return SyncPage(self._send(self._listing.operation(number)), listing=self._listing, send=self._send, walk=walk)

    def iter_pages(self) -> Iterator[SyncPage[T]]:
        page: SyncPage[T] = self
        yield page
        while page.has_next_page():
            page = page.next_page()
            yield page

    def __iter__(self) -> Iterator[T]:
        for page in self.iter_pages():
            yield from page._cap(page.data)


class AsyncPage(_PageState[T]):
    """One page of a list (``.data``). ``async for`` over it yields every item from here on."""

    def __init__(
        self,
        result: ListResponse[T],
        *,
        listing: Listing[T] | None = None,
        send: Callable[[Operation[ListResponse[T]]], Awaitable[ListResponse[T]]] | None = None,
        walk: _Walk | None = None,
    ) -> None:
        super().__init__(result, listing if send is not None else None, walk or _Walk(None, 0, 0, None))
        self._send = send

    async def next_page(self) -> AsyncPage[T]:
        if self._send is None or self._listing is None or not self.has_next_page():
            raise StopAsyncIteration("this is the last page")
        number, walk = self._next_walk()
        result = await self._send(self._listing.operation(number))
        return AsyncPage(result, listing=self._listing, send=self._send, walk=walk)

    async def iter_pages(self) -> AsyncIterator[AsyncPage[T]]:
        page: AsyncPage[T] = self
        yield page
        while page.has_next_page():
            page = await page.next_page()
            yield page

    async def __aiter__(self) -> AsyncIterator[T]:
        async for page in self.iter_pages():
            for item in page._cap(page.data):
                yield item


class AsyncPaginator(Generic[T]):
    """What an async ``list()`` returns: await it for one page, or ``async for`` over every item of every page."""

    def __init__(
        self, send: Callable[[Operation[ListResponse[T]]], Awaitable[ListResponse[T]]], listing: Listing[T]
    ) -> None:
        self._send = send
        self._listing = listing

    async def _first(self) -> AsyncPage[T]:
        walk = _start(self._listing)
        result = await self._send(self._listing.operation(walk.requested))
        return AsyncPage(result, listing=self._listing, send=self._send, walk=walk)

    def __await__(self) -> Generator[Any, None, AsyncPage[T]]:
        return self._first().__await__()

    async def __aiter__(self) -> AsyncIterator[T]:
        page = await self._first()
        async for item in page:
            yield item


def with_filters(listing: Listing[T], **filters: Any) -> Listing[T]:
    """The same listing with more filters (e.g. a helper that narrows a caller's list)."""
    return replace(listing, filters={**listing.filters, **{k: _query_value(v) for k, v in filters.items()}})
