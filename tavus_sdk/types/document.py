"""Documents: knowledge-base files and websites personas can consult (``/documents``)."""

from collections.abc import Mapping, Sequence
from typing import Any, Literal, Required, TypeAlias

from tavus_sdk._models import BaseModel, Timestamp
from tavus_sdk._pagination import ListParams
from tavus_sdk._types import RequestOptions

__all__ = [
    "CrawlConfig",
    "Document",
    "DocumentCreateParams",
    "DocumentErrorCode",
    "DocumentListParams",
    "DocumentRecrawlParams",
    "DocumentSort",
    "DocumentStatus",
    "DocumentUpdateParams",
]

DocumentStatus: TypeAlias = Literal["started", "processing", "ready", "error", "recrawling"] | str
"""``started`` on create, then ``processing``, then ``ready`` or ``error``; ``recrawling`` during a recrawl."""

DocumentErrorCode: TypeAlias = (
    Literal[
        "file_download_failed",
        "file_format_unsupported",
        "file_size_too_large",
        "file_empty",
        "invalid_file_url",
        "document_processing_failed",
        "website_processing_failed",
        "chunking_failed",
        "embedding_failed",
        "vector_store_failed",
        "contact_support",
    ]
    | str
)
"""Why processing failed: the value of ``error_message`` when ``status`` is ``error`` (Tavus's openapi.yaml)."""

DocumentSort: TypeAlias = Literal["ascending", "descending"] | str
"""Order of the documents list, by creation time."""


class CrawlConfig(BaseModel):
    """How a website document is crawled. Without it only the given page is scraped."""

    depth: int | None = None
    """Link levels followed from the starting URL (1 = pages linked from it). 1 to 10."""
    max_pages: int | None = None
    """Maximum number of pages processed. 1 to 100."""


class Document(BaseModel):
    """A knowledge-base document, as returned by create, get, list, update and recrawl."""

    document_id: str
    """Unique identifier of the document."""
    document_name: str | None = None
    """Name of the document."""
    document_url: str | None = None
    """The file or website the document was made from."""
    status: DocumentStatus | None = None
    """``started``, ``processing``, ``ready``, ``error`` or ``recrawling``."""
    tags: list[str] | None = None
    """Tags that conversations can select documents by."""
    progress: int | None = None
    """Processing progress in percent (0-100); ``None`` before processing starts and after it ends."""
    callback_url: str | None = None
    """URL that receives the status updates."""
    crawl_config: CrawlConfig | None = None
    """The crawl configuration, for a crawled website."""
    crawled_urls: list[str] | None = None
    """The pages the last crawl processed; ``None`` until a crawl completes."""
    crawl_count: int | None = None
    """How many times the website has been crawled."""
    last_crawled_at: Timestamp | None = None
    """When the website was last crawled."""
    error_message: DocumentErrorCode | None = None
    """Why processing failed, when ``status`` is ``error``: one of the documented codes (no separate error_code)."""
    created_at: Timestamp | None = None
    """When the document was created."""
    updated_at: Timestamp | None = None
    """When the document last changed."""


class DocumentCreateParams(RequestOptions, total=False):
    """Keyword arguments of ``client.documents.create``."""

    document_url: Required[str]
    """Public URL of a file (.pdf, .txt, .docx, .doc, .png, .jpg, .pptx, .csv, .xlsx; at most
    50 MB) or a website."""
    document_name: str
    """Name of the document."""
    callback_url: str
    """URL that receives processing status updates."""
    tags: Sequence[str]
    """Tags that conversations can select the document by."""
    crawl: CrawlConfig | Mapping[str, Any]
    """Crawl a website (``depth`` 1-10, ``max_pages`` 1-100) instead of scraping one page."""


class DocumentUpdateParams(RequestOptions, total=False):
    """Keyword arguments of ``client.documents.update`` (a plain merge, not JSON Patch)."""

    document_name: str
    """New name of the document."""
    tags: Sequence[str]
    """New tags of the document (replacing the old ones)."""


class DocumentListParams(ListParams, total=False):
    """Keyword arguments of ``client.documents.list``."""

    sort: DocumentSort
    """``ascending`` (the server's default) or ``descending`` by creation time."""
    status: DocumentStatus
    """Only documents with this status."""
    name_or_uuid: str
    """Only documents whose name contains this text, or with this id."""
    tags: str | Sequence[str]
    """Only documents with any of these tags (comma-separated on the wire)."""


class DocumentRecrawlParams(RequestOptions, total=False):
    """Keyword arguments of ``client.documents.recrawl``."""

    crawl: CrawlConfig | Mapping[str, Any]
    """Overrides the stored crawl configuration for this recrawl."""
