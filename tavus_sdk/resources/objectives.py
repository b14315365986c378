"""``/objectives``: sets of goals a persona steers the conversation through.

A set is ``{objectives_id, data: [objective, ...]}``; JSON Patch paths address items as ``/data/<i>/<field>``.
Attach a set to a persona with ``objectives_id``.
"""

from __future__ import annotations

from typing_extensions import Unpack

from tavus_sdk._base_client import AsyncAPIResource, SyncAPIResource
from tavus_sdk._operation import Operation, encode_path, parse_model, parse_nothing, split_params
from tavus_sdk._pagination import AsyncPaginator, Listing, SyncPage, listing
from tavus_sdk._patching import PatchInput, patch_operation
from tavus_sdk._types import RequestOptions
from tavus_sdk.patch import check_objectives_paths
from tavus_sdk.types.objective import Objectives, ObjectivesCreateParams, ObjectivesListParams

__all__ = ["AsyncObjectivesResource", "ObjectivesResource"]


def _create(params: ObjectivesCreateParams) -> Operation[Objectives]:
    body, options = split_params(params, ObjectivesCreateParams, "objectives.create")
    if not body["data"]:
        raise ValueError("objectives.create() needs at least one objective in data=[...]")
    return Operation("POST", "/objectives", parse_model(Objectives), body=body, options=options)


def _list(params: ObjectivesListParams) -> Listing[Objectives]:
    # First page 1 (docs.tavus.io/api-reference/objectives/get-objectives).
    return listing("/objectives", Objectives, params, ObjectivesListParams, "objectives.list", first_page=1)


def _get(objectives_id: str, options: RequestOptions) -> Operation[Objectives]:
    path = encode_path("/objectives/{}", objectives_id)
    return Operation("GET", path, parse_model(Objectives), retry_safe=True, options=options)


def _patch(
    objectives_id: str, operations: PatchInput, check_paths: bool, options: RequestOptions
) -> Operation[Objectives]:
    path = encode_path("/objectives/{}", objectives_id)
    return patch_operation(path, operations, Objectives, check_objectives_paths if check_paths else None, options)


def _delete(objectives_id: str, options: RequestOptions) -> Operation[None]:
    path = encode_path("/objectives/{}", objectives_id)
    return Operation("DELETE", path, parse_nothing, retry_safe=True, options=options)


class AsyncObjectivesResource(AsyncAPIResource):
    async def create(self, **params: Unpack[ObjectivesCreateParams]) -> Objectives:
        """Create a set of objectives from ``data=[{"objective_name": ..., "objective_prompt": ...}, ...]``."""
        return await self._send(_create(params))

    def list(self, **params: Unpack[ObjectivesListParams]) -> AsyncPaginator[Objectives]:
        """The account's objective sets: await for the page, or ``async for`` over them."""
        return AsyncPaginator(self._send, _list(params))

    async def get(self, objectives_id: str, **options: Unpack[RequestOptions]) -> Objectives:
        """One set of objectives."""
        return await self._send(_get(objectives_id, options))

    async def patch(
        self,
        objectives_id: str,
        operations: PatchInput,
        *,
        check_paths: bool = True,
        **options: Unpack[RequestOptions],
    ) -> Objectives:
        """Apply JSON Patch operations (paths like ``/data/0/objective_prompt``)."""
        return await self._send(_patch(objectives_id, operations, check_paths, options))

    async def delete(self, objectives_id: str, **options: Unpack[RequestOptions]) -> None:
        """Delete a set of objectives."""
        await self._send(_delete(objectives_id, options))


class ObjectivesResource(SyncAPIResource):
    def create(self, **params: Unpack[ObjectivesCreateParams]) -> Objectives:
        """Create a set of objectives from ``data=[{"objective_name": ..., "objective_prompt": ...}, ...]``."""
        return self._send(_create(params))

    def list(self, **params: Unpack[ObjectivesListParams]) -> SyncPage[Objectives]:
        """The account's objective sets."""
        return SyncPage.first(self._send, _list(params))

    def get(self, objectives_id: str, **options: Unpack[RequestOptions]) -> Objectives:
        """One set of objectives."""
        return self._send(_get(objectives_id, options))

    def patch(
        self,
        objectives_id: str,
        operations: PatchInput,
        *,
        check_paths: bool = True,
        **options: Unpack[RequestOptions],
    ) -> Objectives:
        """Apply JSON Patch operations (paths like ``/data/0/objective_prompt``)."""
        return self._send(_patch(objectives_id, operations, check_paths, options))

    def delete(self, objectives_id: str, **options: Unpack[RequestOptions]) -> None:
        """Delete a set of objectives."""
        self._send(_delete(objectives_id, options))
