"""``/voices``: the stock ``voice_name`` values, for training a replica from an image (``train_image_url``).

Iterating ``list()`` walks every page (voices count pages from 1).
"""

from __future__ import annotations

from typing import Unpack

from tavus_sdk._base_client import AsyncAPIResource, SyncAPIResource
from tavus_sdk._pagination import AsyncPaginator, Listing, SyncPage, listing
from tavus_sdk.types.voice import Voice, VoiceListParams

__all__ = ["AsyncVoices", "Voices"]


def _list(params: VoiceListParams) -> Listing[Voice]:
    # First page 1 (Tavus's openapi.yaml getVoices).
    return listing("/voices", Voice, params, VoiceListParams, "voices.list", first_page=1)


class AsyncVoices(AsyncAPIResource):
    def list(self, **params: Unpack[VoiceListParams]) -> AsyncPaginator[Voice]:
        """Stock voices, optionally by ``search``, ``tag`` and ``sort``: await for one page, or ``async for`` over
        every page's items."""
        return AsyncPaginator(self._send, _list(params))


class Voices(SyncAPIResource):
    def list(self, **params: Unpack[VoiceListParams]) -> SyncPage[Voice]:
        """Stock voices, optionally by ``search``, ``tag`` and ``sort``: one page, and iteration over every page's
        items."""
        return SyncPage.first(self._send, _list(params))
