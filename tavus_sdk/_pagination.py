"""List results: one page with ``.data``, and iteration over every item across pages.

Most Tavus lists are a single ``{"data": [...]}``. Documents are paged (``page``, ``page_size``); iterating a
documents list fetches the next pages as needed. With ``total_count`` in the response the last page is known;
without it, a page shorter than ``page_size`` (or an empty one) is the last.

    async for persona in client.personas.list(): ...        # async: every item
    page = await client.documents.list(page_size=50)         # async: the first page
    for document in client.documents.list(tags=["faq"]): ... # sync: every item, page after page
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Generator, Iterator
from typing import Any, Generic, TypeVar

from tavus_sdk._models import BaseModel

__all__ = ["AsyncPage", "AsyncPaginator", "ListResponse", "SyncPage"]

T = TypeVar("T")


class ListResponse(BaseModel, Generic[T]):
    data: list[T]
    total_count: int | None = None


class _PageState(Generic[T]):
    def __init__(self, result: ListResponse[T], page: int | None, page_size: int | None, paged: bool) -> None:
        self.data: list[T] = result.data
        self.total_count = result.total_count
        self.page = page
        self.page_size = page_size
        self._paged = paged

    def has_next_page(self) -> bool:
        if not self._paged or not self.data:
            return False
        page = self.page or 1
        if self.total_count is not None:
            size = self.page_size or len(self.data)
            return page * size < self.total_count
        return self.page_size is None or len(self.data) >= self.page_size

    @property
    def next_page_number(self) -> int:
        return (self.page or 1) + 1

    def __repr__(self) -> str:
        return f"<{type(self).__name__} page={self.page} items={len(self.data)} total_count={self.total_count}>"


class SyncPage(_PageState[T]):
    """One page of a list. Iterating it yields every item, fetching later pages as needed."""

    def __init__(
        self,
        result: ListResponse[T],
        *,
        fetch: Callable[[int], SyncPage[T]] | None = None,
        page: int | None = None,
        page_size: int | None = None,
    ) -> None:
        super().__init__(result, page, page_size, fetch is not None)
        self._fetch = fetch

    def next_page(self) -> SyncPage[T]:
        if self._fetch is None or not self.has_next_page():
            raise StopIteration("this is the last page")
        return self._fetch(self.next_page_number)

    def iter_pages(self) -> Iterator[SyncPage[T]]:
        page: SyncPage[T] = self
        yield page
        while page.has_next_page():
            page = page.next_page()
            yield page

    def __iter__(self) -> Iterator[T]:
        for page in self.iter_pages():
            yield from page.data


class AsyncPage(_PageState[T]):
    """One page of a list. ``async for`` over it yields every item, fetching later pages as needed."""

    def __init__(
        self,
        result: ListResponse[T],
        *,
        fetch: Callable[[int], Awaitable[AsyncPage[T]]] | None = None,
        page: int | None = None,
        page_size: int | None = None,
    ) -> None:
        super().__init__(result, page, page_size, fetch is not None)
        self._fetch = fetch

    async def next_page(self) -> AsyncPage[T]:
        if self._fetch is None or not self.has_next_page():
            raise StopAsyncIteration("this is the last page")
        return await self._fetch(self.next_page_number)

    async def iter_pages(self) -> AsyncIterator[AsyncPage[T]]:
        page: AsyncPage[T] = self
        yield page
        while page.has_next_page():
            page = await page.next_page()
            yield page

    async def __aiter__(self) -> AsyncIterator[T]:
        async for page in self.iter_pages():
            for item in page.data:
                yield item


class AsyncPaginator(Generic[T]):
    """What an async ``list()`` returns: await it for the first page, or ``async for`` over every item."""

    def __init__(self, first: Callable[[], Awaitable[AsyncPage[T]]]) -> None:
        self._first = first

    def __await__(self) -> Generator[Any, None, AsyncPage[T]]:
        return self._first().__await__()

    async def __aiter__(self) -> AsyncIterator[T]:
        page = await self._first()
        async for item in page:
            yield item
