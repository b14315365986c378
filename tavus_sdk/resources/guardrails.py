"""``/guardrails``: sets of rules a persona must keep to (topics to avoid, compliance limits).

A set is ``{guardrails_id, data: [guardrail, ...]}``; JSON Patch paths address items as ``/data/<i>/<field>``.
Attach a set to a persona with ``guardrails_id``.
"""

from __future__ import annotations

from typing_extensions import Unpack

from tavus_sdk._base_client import AsyncAPIResource, SyncAPIResource
from tavus_sdk._operation import Operation, encode_path, parse_model, parse_nothing, split_params
from tavus_sdk._pagination import AsyncPaginator, Listing, SyncPage, listing
from tavus_sdk._patching import PatchInput, patch_operation
from tavus_sdk._types import RequestOptions
from tavus_sdk.patch import check_guardrails_paths
from tavus_sdk.types.guardrail import Guardrails, GuardrailsCreateParams, GuardrailsListParams

__all__ = ["AsyncGuardrailsResource", "GuardrailsResource"]


def _create(params: GuardrailsCreateParams) -> Operation[Guardrails]:
    body, options = split_params(params, GuardrailsCreateParams, "guardrails.create")
    if not body["data"]:
        raise ValueError("guardrails.create() needs at least one guardrail in data=[...]")
    return Operation("POST", "/guardrails", parse_model(Guardrails), body=body, options=options)


def _list(params: GuardrailsListParams) -> Listing[Guardrails]:
    # First page 1 (docs.tavus.io/api-reference/guardrails/get-guardrails).
    return listing("/guardrails", Guardrails, params, GuardrailsListParams, "guardrails.list", first_page=1)


def _get(guardrails_id: str, options: RequestOptions) -> Operation[Guardrails]:
    path = encode_path("/guardrails/{}", guardrails_id)
    return Operation("GET", path, parse_model(Guardrails), retry_safe=True, options=options)


def _patch(
    guardrails_id: str, operations: PatchInput, check_paths: bool, options: RequestOptions
) -> Operation[Guardrails]:
    path = encode_path("/guardrails/{}", guardrails_id)
    return patch_operation(path, operations, Guardrails, check_guardrails_paths if check_paths else None, options)


def _delete(guardrails_id: str, options: RequestOptions) -> Operation[None]:
    path = encode_path("/guardrails/{}", guardrails_id)
    return Operation("DELETE", path, parse_nothing, retry_safe=True, options=options)


class AsyncGuardrailsResource(AsyncAPIResource):
    async def create(self, **params: Unpack[GuardrailsCreateParams]) -> Guardrails:
        """Create a set of guardrails from ``data=[{"guardrails_name": ..., "guardrails_prompt": ...}, ...]``."""
        return await self._send(_create(params))

    def list(self, **params: Unpack[GuardrailsListParams]) -> AsyncPaginator[Guardrails]:
        """The account's guardrail sets: await for the page, or ``async for`` over them."""
        return AsyncPaginator(self._send, _list(params))

    async def get(self, guardrails_id: str, **options: Unpack[RequestOptions]) -> Guardrails:
        """One set of guardrails."""
        return await self._send(_get(guardrails_id, options))

    async def patch(
        self,
        guardrails_id: str,
        operations: PatchInput,
        *,
        check_paths: bool = True,
        **options: Unpack[RequestOptions],
    ) -> Guardrails:
        """Apply JSON Patch operations (paths like ``/data/0/guardrails_prompt``)."""
        return await self._send(_patch(guardrails_id, operations, check_paths, options))

    async def delete(self, guardrails_id: str, **options: Unpack[RequestOptions]) -> None:
        """Delete a set of guardrails."""
        await self._send(_delete(guardrails_id, options))


class GuardrailsResource(SyncAPIResource):
    def create(self, **params: Unpack[GuardrailsCreateParams]) -> Guardrails:
        """Create a set of guardrails from ``data=[{"guardrails_name": ..., "guardrails_prompt": ...}, ...]``."""
        return self._send(_create(params))

    def list(self, **params: Unpack[GuardrailsListParams]) -> SyncPage[Guardrails]:
        """The account's guardrail sets."""
        return SyncPage.first(self._send, _list(params))

    def get(self, guardrails_id: str, **options: Unpack[RequestOptions]) -> Guardrails:
        """One set of guardrails."""
        return self._send(_get(guardrails_id, options))

    def patch(
        self,
        guardrails_id: str,
        operations: PatchInput,
        *,
        check_paths: bool = True,
        **options: Unpack[RequestOptions],
    ) -> Guardrails:
        """Apply JSON Patch operations (paths like ``/data/0/guardrails_prompt``)."""
        return self._send(_patch(guardrails_id, operations, check_paths, options))

    def delete(self, guardrails_id: str, **options: Unpack[RequestOptions]) -> None:
        """Delete a set of guardrails."""
        self._send(_delete(guardrails_id, options))
