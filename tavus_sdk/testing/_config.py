"""How long the emulated lifecycles take and which documented limits apply: tunable per emulator."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Limits", "Timings"]


@dataclass(frozen=True)
class Timings:
    """Seconds on the emulator's clock. Real Tavus takes hours to train; tests want seconds."""

    replica_join: float = 2.0
    """From conversation create to ``system.replica_joined``."""
    replica_training: float = 30.0
    video_queue: float = 2.0
    """How long a video stays ``queued`` before ``generating`` (while its replica is ready)."""
    video_generation: float = 10.0
    document_start: float = 1.0
    """How long a new document stays ``started`` before ``processing`` (part of its processing time)."""
    document_processing: float = 5.0
    crawl: float = 10.0
    """Processing time of a website document created or recrawled with a ``crawl`` configuration."""
    transcription: float = 5.0
    """From transcription create to ``completed`` (or ``error``)."""
    webhook_retry_delays: tuple[float, ...] = (1.0, 2.0, 4.0, 8.0)
    """Waits between delivery attempts; one attempt plus one per entry."""


@dataclass(frozen=True)
class Limits:
    """The documented limits (docs.tavus.io/api-reference/documents/create-document,
    docs.tavus.io/sections/conversational-video-interface/conversation/customizations/call-duration-and-timeout) and
    the conversation concurrency, which Tavus does not publish."""

    max_concurrent_conversations: int | None = 10
    max_call_duration: int = 3600
    max_concurrent_crawls: int = 5
    max_crawl_documents: int = 100
    recrawl_cooldown: float = 3600.0
