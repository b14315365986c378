"""``/documents``: the knowledge base (files and crawled websites) that personas can draw on.

Status goes ``started`` -> ``processing`` (with ``progress``) -> ``ready`` | ``error``, and a failure's code
(``file_format_unsupported``, ...) is its ``error_message``. Iterating ``list()`` walks every page; pages count
from 0 here. ``update`` is a plain merge of ``document_name`` and ``tags`` (not JSON Patch). ``recrawl`` is
answered with 202. Processing runs in the background; ``wait_ready`` polls.
"""

from __future__ import annotations

from typing import Unpack

from tavus_sdk._base_client import AsyncAPIResource, SyncAPIResource
from tavus_sdk._operation import Operation, encode_path, parse_model, parse_nothing, split_params
from tavus_sdk._pagination import AsyncPaginator, Listing, SyncPage, listing
from tavus_sdk._types import RequestOptions
from tavus_sdk._waiting import Lifecycle, ProgressCallback, wait_async, wait_sync
from tavus_sdk.types.document import (
    Document,
    DocumentCreateParams,
    DocumentListParams,
    DocumentRecrawlParams,
    DocumentUpdateParams,
)

__all__ = ["AsyncDocuments", "Documents"]

DOCUMENT_LIFECYCLE: Lifecycle[Document] = Lifecycle(
    noun="document",
    ready=frozenset({"ready"}),
    failed=frozenset({"error"}),
    status=lambda document: document.status,
    progress=lambda document: document.progress,
    # openapi.yaml: the error code (file_format_unsupported, ...) is the error_message itself.
    failure_detail=lambda document: document.error_message or "",
)


def _list(params: DocumentListParams) -> Listing[Document]:
    # Pages count from 0 (openapi.yaml listDocuments, the get-documents page; Tavus's own client sends page=0).
    return listing("/documents", Document, params, DocumentListParams, "documents.list", first_page=0)


def _create(params: DocumentCreateParams) -> Operation[Document]:
    body, options = split_params(params, DocumentCreateParams, "documents.create")
    return Operation("POST", "/documents", parse_model(Document), body=body, options=options)


def _get(document_id: str, options: RequestOptions) -> Operation[Document]:
    path = encode_path("/documents/{}", document_id)
    return Operation("GET", path, parse_model(Document), retry_safe=True, options=options)


def _update(document_id: str, params: DocumentUpdateParams) -> Operation[Document]:
    body, options = split_params(params, DocumentUpdateParams, "documents.update")
    if not body:
        raise ValueError("documents.update() needs document_name=... and/or tags=[...]")
    path = encode_path("/documents/{}", document_id)
    return Operation("PATCH", path, parse_model(Document), body=body, retry_safe=True, options=options)


def _delete(document_id: str, options: RequestOptions) -> Operation[None]:
    path = encode_path("/documents/{}", document_id)
    return Operation("DELETE", path, parse_nothing, retry_safe=True, options=options)


def _recrawl(document_id: str, params: DocumentRecrawlParams) -> Operation[Document]:
    body, options = split_params(params, DocumentRecrawlParams, "documents.recrawl")
    path = encode_path("/documents/{}/recrawl", document_id)
    return Operation("POST", path, parse_model(Document), body=body or None, options=options)


class AsyncDocuments(AsyncAPIResource):
    async def create(self, **params: Unpack[DocumentCreateParams]) -> Document:
        """Add a file or website (``crawl={"depth": 1-10, "max_pages": 1-100}``) to the knowledge base."""
        return await self._send(_create(params))

    def list(self, **params: Unpack[DocumentListParams]) -> AsyncPaginator[Document]:
        """Documents, optionally by ``tags``, ``status``, ``name_or_uuid`` and ``sort``: await for one page, or
        ``async for`` over every page's items."""
        return AsyncPaginator(self._send, _list(params))

    async def get(self, document_id: str, **options: Unpack[RequestOptions]) -> Document:
        """One document, with its processing ``status``."""
        return await self._send(_get(document_id, options))

    async def update(self, document_id: str, **params: Unpack[DocumentUpdateParams]) -> Document:
        """Change a document's name and/or tags."""
        return await self._send(_update(document_id, params))

    async def delete(self, document_id: str, **options: Unpack[RequestOptions]) -> None:
        """Delete a document and its processed data."""
        await self._send(_delete(document_id, options))

    async def recrawl(self, document_id: str, **params: Unpack[DocumentRecrawlParams]) -> Document:
        """Crawl a website document again (from ``ready`` or ``error``, at most once an hour)."""
        return await self._send(_recrawl(document_id, params))

    async def wait_ready(
        self,
        document_id: str,
        *,
        timeout: float | None = 1800,
        poll_interval: float = 2.0,
        max_poll_interval: float = 15.0,
        on_progress: ProgressCallback[Document] | None = None,
    ) -> Document:
        """Poll until processing ends. Raises ``ResourceFailedError`` on ``error``, ``WaitTimeoutError`` late."""
        waiter = DOCUMENT_LIFECYCLE.waiter(document_id, timeout, poll_interval, max_poll_interval, on_progress)
        return await wait_async(lambda: self.get(document_id), waiter)


class Documents(SyncAPIResource):
    def create(self, **params: Unpack[DocumentCreateParams]) -> Document:
        """Add a file or website (``crawl={"depth": 1-10, "max_pages": 1-100}``) to the knowledge base."""
        return self._send(_create(params))

    def list(self, **params: Unpack[DocumentListParams]) -> SyncPage[Document]:
        """Documents, optionally by ``tags``, ``status``, ``name_or_uuid`` and ``sort``: one page, and iteration
        over every page's items."""
        return SyncPage.first(self._send, _list(params))

    def get(self, document_id: str, **options: Unpack[RequestOptions]) -> Document:
        """One document, with its processing ``status``."""
        return self._send(_get(document_id, options))

    def update(self, document_id: str, **params: Unpack[DocumentUpdateParams]) -> Document:
        """Change a document's name and/or tags."""
        return self._send(_update(document_id, params))

    def delete(self, document_id: str, **options: Unpack[RequestOptions]) -> None:
        """Delete a document and its processed data."""
        self._send(_delete(document_id, options))

    def recrawl(self, document_id: str, **params: Unpack[DocumentRecrawlParams]) -> Document:
        """Crawl a website document again (from ``ready`` or ``error``, at most once an hour)."""
        return self._send(_recrawl(document_id, params))

    def wait_ready(
        self,
        document_id: str,
        *,
        timeout: float | None = 1800,
        poll_interval: float = 2.0,
        max_poll_interval: float = 15.0,
        on_progress: ProgressCallback[Document] | None = None,
    ) -> Document:
        """Poll until processing ends. Raises ``ResourceFailedError`` on ``error``, ``WaitTimeoutError`` late."""
        waiter = DOCUMENT_LIFECYCLE.waiter(document_id, timeout, poll_interval, max_poll_interval, on_progress)
        return wait_sync(lambda: self.get(document_id), waiter)
