"""``/transcriptions``: the speech of a video as text. ``create`` starts one; ``get`` shows its ``text`` once
``completed``; ``callback_url`` is told when it completes or fails. Iterating ``list()`` walks every page."""

from __future__ import annotations

from typing import Unpack

from tavus_sdk._base_client import AsyncAPIResource, SyncAPIResource
from tavus_sdk._operation import Operation, encode_path, parse_model, parse_nothing, split_params
from tavus_sdk._pagination import AsyncPaginator, Listing, SyncPage, listing
from tavus_sdk._types import RequestOptions
from tavus_sdk.types.transcription import Transcription, TranscriptionCreateParams, TranscriptionListParams

__all__ = ["AsyncTranscriptions", "Transcriptions"]


def _create(params: TranscriptionCreateParams) -> Operation[Transcription]:
    body, options = split_params(params, TranscriptionCreateParams, "transcriptions.create")
    return Operation("POST", "/transcriptions", parse_model(Transcription), body=body, options=options)


def _list(params: TranscriptionListParams) -> Listing[Transcription]:
    # First page 1 (Tavus's openapi.yaml listTranscriptions: "Default is 1").
    return listing(
        "/transcriptions", Transcription, params, TranscriptionListParams, "transcriptions.list", first_page=1
    )


def _get(transcription_id: str, options: RequestOptions) -> Operation[Transcription]:
    path = encode_path("/transcriptions/{}", transcription_id)
    return Operation("GET", path, parse_model(Transcription), retry_safe=True, options=options)


def _delete(transcription_id: str, options: RequestOptions) -> Operation[None]:
    path = encode_path("/transcriptions/{}", transcription_id)
    return Operation("DELETE", path, parse_nothing, retry_safe=True, options=options)


class AsyncTranscriptions(AsyncAPIResource):
    async def create(self, **params: Unpack[TranscriptionCreateParams]) -> Transcription:
        """Transcribe the video at ``file_url``; ``callback_url`` is told when it completes or fails."""
        return await self._send(_create(params))

    def list(self, **params: Unpack[TranscriptionListParams]) -> AsyncPaginator[Transcription]:
        """Your transcriptions: await for one page, or ``async for`` over every page's items."""
        return AsyncPaginator(self._send, _list(params))

    async def get(self, transcription_id: str, **options: Unpack[RequestOptions]) -> Transcription:
        """One transcription, with its ``text`` once ``completed``."""
        return await self._send(_get(transcription_id, options))

    async def delete(self, transcription_id: str, **options: Unpack[RequestOptions]) -> None:
        """Delete a transcription."""
        await self._send(_delete(transcription_id, options))


class Transcriptions(SyncAPIResource):
    def create(self, **params: Unpack[TranscriptionCreateParams]) -> Transcription:
        """Transcribe the video at ``file_url``; ``callback_url`` is told when it completes or fails."""
        return self._send(_create(params))

    def list(self, **params: Unpack[TranscriptionListParams]) -> SyncPage[Transcription]:
        """Your transcriptions: one page, and iteration over every page's items."""
        return SyncPage.first(self._send, _list(params))

    def get(self, transcription_id: str, **options: Unpack[RequestOptions]) -> Transcription:
        """One transcription, with its ``text`` once ``completed``."""
        return self._send(_get(transcription_id, options))

    def delete(self, transcription_id: str, **options: Unpack[RequestOptions]) -> None:
        """Delete a transcription."""
        self._send(_delete(transcription_id, options))
