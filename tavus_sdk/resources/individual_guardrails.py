"""``/guardrails`` for individual guardrails (``client.guardrails.individual``): the resource the newest docs
recommend, each guardrail with its own ``uuid``, ``tags`` and ``app_message``.

They share their paths with the legacy sets (``client.guardrails``); the server tells them apart by the body's
shape (a top-level ``guardrail_name``) and by the kind of id (docs.tavus.io/api-reference/guardrails/
legacy-guardrail-sets). Attach them to a PAL or persona with ``guardrail_ids=[uuid, ...]`` or, by tag, with
``guardrail_tags``.

- ``list`` sends ``legacy=false``; list-guardrails pages it from 0 while Tavus's own client sends 1, so iteration
  never assumes the base (it stops on a short or empty page);
- ``patch`` takes JSON Patch on the guardrail's own fields (``/guardrail_prompt``, ``/tags/-``) and returns the
  guardrail as it now is (Tavus answers ``{"message"}`` or 304, so it is read back).
"""

from __future__ import annotations

import dataclasses
from typing import Unpack

from tavus_sdk._base_client import AsyncAPIResource, SyncAPIResource
from tavus_sdk._operation import Operation, encode_path, parse_model, parse_nothing, read_options, split_params
from tavus_sdk._pagination import AsyncPaginator, Listing, SyncPage, listing
from tavus_sdk._patching import PatchInput, patch_operation_lenient
from tavus_sdk._types import RequestOptions
from tavus_sdk.patch import check_individual_guardrail_paths
from tavus_sdk.types.guardrail import (
    IndividualGuardrail,
    IndividualGuardrailCreateParams,
    IndividualGuardrailListParams,
)

__all__ = ["AsyncIndividualGuardrails", "IndividualGuardrails"]


def _create(params: IndividualGuardrailCreateParams) -> Operation[IndividualGuardrail]:
    body, options = split_params(params, IndividualGuardrailCreateParams, "guardrails.individual.create")
    return Operation("POST", "/guardrails", parse_model(IndividualGuardrail), body=body, options=options)


def _list(params: IndividualGuardrailListParams) -> Listing[IndividualGuardrail]:
    method = "guardrails.individual.list"
    found = listing("/guardrails", IndividualGuardrail, params, IndividualGuardrailListParams, method, first_page=0)
    return dataclasses.replace(found, filters={**found.filters, "legacy": "false"})


def _get(uuid: str, options: RequestOptions) -> Operation[IndividualGuardrail]:
    path = encode_path("/guardrails/{}", uuid)
    return Operation("GET", path, parse_model(IndividualGuardrail), retry_safe=True, options=options)


def _patch(
    uuid: str, operations: PatchInput, check_paths: bool, options: RequestOptions
) -> Operation[IndividualGuardrail | None]:
    check = check_individual_guardrail_paths if check_paths else None
    path = encode_path("/guardrails/{}", uuid)
    return patch_operation_lenient(path, operations, IndividualGuardrail, "uuid", check, options)


def _delete(uuid: str, options: RequestOptions) -> Operation[None]:
    return Operation("DELETE", encode_path("/guardrails/{}", uuid), parse_nothing, retry_safe=True, options=options)


class AsyncIndividualGuardrails(AsyncAPIResource):
    async def create(self, **params: Unpack[IndividualGuardrailCreateParams]) -> IndividualGuardrail:
        """Create one guardrail (``guardrail_name``, ``guardrail_prompt``, optional ``tags``, ``modality``,
        ``callback_url``, ``app_message``); its ``uuid`` goes in ``guardrail_ids``."""
        return await self._send(_create(params))

    def list(self, **params: Unpack[IndividualGuardrailListParams]) -> AsyncPaginator[IndividualGuardrail]:
        """Your individual guardrails (``legacy=false``): await for one page, or ``async for`` over all."""
        return AsyncPaginator(self._send, _list(params))

    async def get(self, uuid: str, **options: Unpack[RequestOptions]) -> IndividualGuardrail:
        """One guardrail by its ``uuid``."""
        return await self._send(_get(uuid, options))

    async def patch(
        self, uuid: str, operations: PatchInput, *, check_paths: bool = True, **options: Unpack[RequestOptions]
    ) -> IndividualGuardrail:
        """Apply JSON Patch operations (paths like ``/guardrail_prompt``); returns the guardrail as it now is."""
        updated = await self._send(_patch(uuid, operations, check_paths, options))
        return updated if updated is not None else await self.get(uuid, **read_options(options))

    async def delete(self, uuid: str, **options: Unpack[RequestOptions]) -> None:
        """Delete a guardrail; PALs and personas listing it in ``guardrail_ids`` lose the reference."""
        await self._send(_delete(uuid, options))


class IndividualGuardrails(SyncAPIResource):
    def create(self, **params: Unpack[IndividualGuardrailCreateParams]) -> IndividualGuardrail:
        """Create one guardrail (``guardrail_name``, ``guardrail_prompt``, optional ``tags``, ``modality``,
        ``callback_url``, ``app_message``); its ``uuid`` goes in ``guardrail_ids``."""
        return self._send(_create(params))

    def list(self, **params: Unpack[IndividualGuardrailListParams]) -> SyncPage[IndividualGuardrail]:
        """Your individual guardrails (``legacy=false``): one page, and iteration over all."""
        return SyncPage.first(self._send, _list(params))

    def get(self, uuid: str, **options: Unpack[RequestOptions]) -> IndividualGuardrail:
        """One guardrail by its ``uuid``."""
        return self._send(_get(uuid, options))

    def patch(
        self, uuid: str, operations: PatchInput, *, check_paths: bool = True, **options: Unpack[RequestOptions]
    ) -> IndividualGuardrail:
        """Apply JSON Patch operations (paths like ``/guardrail_prompt``); returns the guardrail as it now is."""
        updated = self._send(_patch(uuid, operations, check_paths, options))
        return updated if updated is not None else self.get(uuid, **read_options(options))

    def delete(self, uuid: str, **options: Unpack[RequestOptions]) -> None:
        """Delete a guardrail; PALs and personas listing it in ``guardrail_ids`` lose the reference."""
        self._send(_delete(uuid, options))
