"""``/pronunciation-dictionaries``: rules for how the TTS layer says given words (``alias`` or ``ipa``).

A persona uses one through ``layers.tts.pronunciation_dictionary_id``. ``patch`` takes RFC 6902 operations on
``/name`` and ``/rules`` (a new ``rules`` list replaces the old one) and returns the dictionary as it now is: when
the server answers 304 "no changes" it is read back with a GET. Iterating ``list()`` walks every page (pages
count from 0; list items carry ``rules_count`` but not ``rules``).
"""

from __future__ import annotations

from typing import Unpack

from tavus_sdk._base_client import AsyncAPIResource, SyncAPIResource
from tavus_sdk._operation import Operation, encode_path, parse_model, parse_nothing, read_options, split_params
from tavus_sdk._pagination import AsyncPaginator, Listing, SyncPage, listing
from tavus_sdk._patching import PatchInput, patch_operation_lenient
from tavus_sdk._types import RequestOptions
from tavus_sdk.patch import check_pronunciation_dictionary_paths
from tavus_sdk.types.pronunciation_dictionary import (
    PronunciationDictionary,
    PronunciationDictionaryCreateParams,
    PronunciationDictionaryListParams,
)

__all__ = ["AsyncPronunciationDictionaries", "PronunciationDictionaries"]

_PATH = "/pronunciation-dictionaries"
_ID = "pronunciation_dictionary_id"


def _create(params: PronunciationDictionaryCreateParams) -> Operation[PronunciationDictionary]:
    body, options = split_params(params, PronunciationDictionaryCreateParams, "pronunciation_dictionaries.create")
    return Operation("POST", _PATH, parse_model(PronunciationDictionary), body=body, options=options)


def _list(params: PronunciationDictionaryListParams) -> Listing[PronunciationDictionary]:
    # First page 0 (Tavus's openapi.yaml listPronunciationDictionaries: "Zero-based page number").
    method = "pronunciation_dictionaries.list"
    return listing(_PATH, PronunciationDictionary, params, PronunciationDictionaryListParams, method, first_page=0)


def _get(dictionary_id: str, options: RequestOptions) -> Operation[PronunciationDictionary]:
    path = encode_path(_PATH + "/{}", dictionary_id)
    return Operation("GET", path, parse_model(PronunciationDictionary), retry_safe=True, options=options)


def _patch(
    dictionary_id: str, operations: PatchInput, check_paths: bool, options: RequestOptions
) -> Operation[PronunciationDictionary | None]:
    path = encode_path(_PATH + "/{}", dictionary_id)
    check = check_pronunciation_dictionary_paths if check_paths else None
    return patch_operation_lenient(path, operations, PronunciationDictionary, _ID, check, options)


def _delete(dictionary_id: str, options: RequestOptions) -> Operation[None]:
    path = encode_path(_PATH + "/{}", dictionary_id)
    return Operation("DELETE", path, parse_nothing, retry_safe=True, options=options)


class AsyncPronunciationDictionaries(AsyncAPIResource):
    async def create(self, **params: Unpack[PronunciationDictionaryCreateParams]) -> PronunciationDictionary:
        """Create a dictionary: ``name``, and optionally ``rules=[{"text", "pronunciation", "type"}, ...]``."""
        return await self._send(_create(params))

    def list(self, **params: Unpack[PronunciationDictionaryListParams]) -> AsyncPaginator[PronunciationDictionary]:
        """Your dictionaries, newest first by default: await for one page, or ``async for`` over every item."""
        return AsyncPaginator(self._send, _list(params))

    async def get(self, dictionary_id: str, **options: Unpack[RequestOptions]) -> PronunciationDictionary:
        """One dictionary, with its rules."""
        return await self._send(_get(dictionary_id, options))

    async def patch(
        self,
        dictionary_id: str,
        operations: PatchInput,
        *,
        check_paths: bool = True,
        **options: Unpack[RequestOptions],
    ) -> PronunciationDictionary:
        """Apply JSON Patch operations to ``/name`` or ``/rules`` and return the dictionary as it now is."""
        updated = await self._send(_patch(dictionary_id, operations, check_paths, options))
        return updated if updated is not None else await self.get(dictionary_id, **read_options(options))

    async def delete(self, dictionary_id: str, **options: Unpack[RequestOptions]) -> None:
        """Delete a dictionary; personas using it are left without one."""
        await self._send(_delete(dictionary_id, options))


class PronunciationDictionaries(SyncAPIResource):
    def create(self, **params: Unpack[PronunciationDictionaryCreateParams]) -> PronunciationDictionary:
        """Create a dictionary: ``name``, and optionally ``rules=[{"text", "pronunciation", "type"}, ...]``."""
        return self._send(_create(params))

    def list(self, **params: Unpack[PronunciationDictionaryListParams]) -> SyncPage[PronunciationDictionary]:
        """Your dictionaries, newest first by default: one page, and iteration over every page's items."""
        return SyncPage.first(self._send, _list(params))

    def get(self, dictionary_id: str, **options: Unpack[RequestOptions]) -> PronunciationDictionary:
        """One dictionary, with its rules."""
        return self._send(_get(dictionary_id, options))

    def patch(
        self,
        dictionary_id: str,
        operations: PatchInput,
        *,
        check_paths: bool = True,
        **options: Unpack[RequestOptions],
    ) -> PronunciationDictionary:
        """Apply JSON Patch operations to ``/name`` or ``/rules`` and return the dictionary as it now is."""
        updated = self._send(_patch(dictionary_id, operations, check_paths, options))
        return updated if updated is not None else self.get(dictionary_id, **read_options(options))

    def delete(self, dictionary_id: str, **options: Unpack[RequestOptions]) -> None:
        """Delete a dictionary; personas using it are left without one."""
        self._send(_delete(dictionary_id, options))
