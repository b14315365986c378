"""``/guardrails``: sets of rules a persona must follow (the newest docs call sets "legacy"; individual guardrails
are ``client.guardrails.individual``, :mod:`tavus_sdk.resources.individual_guardrails`).

A set is ``{guardrails_id, guardrails_name, data: [guardrail, ...]}``; items are ``{guardrail_name,
guardrail_prompt, modality, callback_url}`` (singular names, as in openapi.yaml and the legacy-guardrail-sets
page), addressed as ``/data/<i>/<field>`` by JSON Patch. Attach a set to a persona with ``guardrails_id``.

What the calls return, where Tavus's sources differ (openapi.yaml, docs.tavus.io/api-reference/guardrails):

- ``create`` returns what Tavus answers: ``guardrails_id``, ``guardrails_name``, ``status`` and ``created_at``
  (``data`` is None; ``get`` has the guardrails);
- ``get`` accepts ``data`` as a list or as one object (a set of one), with or without ``guardrails_id``;
- ``patch`` returns the set as it now is: Tavus answers 200 ``{"message"}`` or 304, so the set is read back;
- ``list`` asks for sets; pages count from 1 here, and iteration walks every page without assuming the base.
"""

from __future__ import annotations

from functools import cached_property
from typing import Unpack

from tavus_sdk._base_client import AsyncAPIResource, SyncAPIResource
from tavus_sdk._operation import (
    Operation,
    encode_path,
    parse_keyed,
    parse_model,
    parse_nothing,
    read_options,
    split_params,
)
from tavus_sdk._pagination import AsyncPaginator, Listing, SyncPage, listing
from tavus_sdk._patching import PatchInput, patch_operation_lenient
from tavus_sdk._types import RequestOptions
from tavus_sdk.patch import check_guardrails_paths
from tavus_sdk.resources.individual_guardrails import AsyncIndividualGuardrails, IndividualGuardrails
from tavus_sdk.types.guardrail import Guardrails, GuardrailsCreateParams, GuardrailsListParams

__all__ = ["AsyncGuardrailsResource", "GuardrailsResource"]

_ID = "guardrails_id"


def _create(params: GuardrailsCreateParams) -> Operation[Guardrails]:
    body, options = split_params(params, GuardrailsCreateParams, "guardrails.create")
    if not body["data"]:
        raise ValueError("guardrails.create() needs at least one guardrail in data=[...]")
    return Operation("POST", "/guardrails", parse_model(Guardrails), body=body, options=options)


def _list(params: GuardrailsListParams) -> Listing[Guardrails]:
    # Sets page from 1 (openapi.yaml getGuardrails); list-guardrails says 0 for individual ones: never assumed.
    return listing("/guardrails", Guardrails, params, GuardrailsListParams, "guardrails.list", first_page=1)


def _get(guardrails_id: str, options: RequestOptions) -> Operation[Guardrails]:
    path = encode_path("/guardrails/{}", guardrails_id)
    return Operation("GET", path, parse_keyed(Guardrails, _ID, guardrails_id), retry_safe=True, options=options)


def _patch(
    guardrails_id: str, operations: PatchInput, check_paths: bool, options: RequestOptions
) -> Operation[Guardrails | None]:
    path = encode_path("/guardrails/{}", guardrails_id)
    check = check_guardrails_paths if check_paths else None
    return patch_operation_lenient(path, operations, Guardrails, _ID, check, options)


def _delete(guardrails_id: str, options: RequestOptions) -> Operation[None]:
    path = encode_path("/guardrails/{}", guardrails_id)
    return Operation("DELETE", path, parse_nothing, retry_safe=True, options=options)


class AsyncGuardrailsResource(AsyncAPIResource):
    @cached_property
    def individual(self) -> AsyncIndividualGuardrails:
        """Individual guardrails (``uuid``, ``tags``, ``app_message``): the newest docs' recommended resource."""
        return AsyncIndividualGuardrails(self._client)

    async def create(self, **params: Unpack[GuardrailsCreateParams]) -> Guardrails:
        """Create a set from ``data=[{"guardrail_name": ..., "guardrail_prompt": ...}, ...]`` (``name=`` names the
        set); returns Tavus's answer (``guardrails_id``, ``guardrails_name``, ``status``)."""
        return await self._send(_create(params))

    def list(self, **params: Unpack[GuardrailsListParams]) -> AsyncPaginator[Guardrails]:
        """The account's guardrail sets: await for one page, or ``async for`` over every page's sets."""
        return AsyncPaginator(self._send, _list(params))

    async def get(self, guardrails_id: str, **options: Unpack[RequestOptions]) -> Guardrails:
        """One set of guardrails, ``data`` always a list."""
        return await self._send(_get(guardrails_id, options))

    async def patch(
        self,
        guardrails_id: str,
        operations: PatchInput,
        *,
        check_paths: bool = True,
        **options: Unpack[RequestOptions],
    ) -> Guardrails:
        """Apply JSON Patch operations (paths like ``/data/0/guardrail_prompt``); returns the set as it now is."""
        updated = await self._send(_patch(guardrails_id, operations, check_paths, options))
        return updated if updated is not None else await self.get(guardrails_id, **read_options(options))

    async def delete(self, guardrails_id: str, **options: Unpack[RequestOptions]) -> None:
        """Delete a set of guardrails."""
        await self._send(_delete(guardrails_id, options))


class GuardrailsResource(SyncAPIResource):
    @cached_property
    def individual(self) -> IndividualGuardrails:
        """Individual guardrails (``uuid``, ``tags``, ``app_message``): the newest docs' recommended resource."""
        return IndividualGuardrails(self._client)

    def create(self, **params: Unpack[GuardrailsCreateParams]) -> Guardrails:
        """Create a set from ``data=[{"guardrail_name": ..., "guardrail_prompt": ...}, ...]`` (``name=`` names the
        set); returns Tavus's answer (``guardrails_id``, ``guardrails_name``, ``status``)."""
        return self._send(_create(params))

    def list(self, **params: Unpack[GuardrailsListParams]) -> SyncPage[Guardrails]:
        """The account's guardrail sets: one page, and iteration over every page's sets."""
        return SyncPage.first(self._send, _list(params))

    def get(self, guardrails_id: str, **options: Unpack[RequestOptions]) -> Guardrails:
        """One set of guardrails, ``data`` always a list."""
        return self._send(_get(guardrails_id, options))

    def patch(
        self,
        guardrails_id: str,
        operations: PatchInput,
        *,
        check_paths: bool = True,
        **options: Unpack[RequestOptions],
    ) -> Guardrails:
        """Apply JSON Patch operations (paths like ``/data/0/guardrail_prompt``); returns the set as it now is."""
        updated = self._send(_patch(guardrails_id, operations, check_paths, options))
        return updated if updated is not None else self.get(guardrails_id, **read_options(options))

    def delete(self, guardrails_id: str, **options: Unpack[RequestOptions]) -> None:
        """Delete a set of guardrails."""
        self._send(_delete(guardrails_id, options))
