"""``/objectives``: sets of goals a persona steers the conversation through.

A set is ``{objectives_id, data: [objective, ...]}``; JSON Patch paths address items as ``/data/<i>/<field>``.
Objectives chain with ``next_required_objective`` (one name) and ``next_conditional_objectives``. Attach a set to
a persona with ``objectives_id``.

What the calls return, where Tavus's sources differ (openapi.yaml, docs.tavus.io/api-reference/objectives):

- ``create`` returns what Tavus answers: ``objectives_id``, ``objective_name``, ``status`` and ``created_at``
  (``data`` is None; ``get`` has the objectives);
- ``get`` accepts ``data`` as a list or as one object (a set of one), with or without ``objectives_id`` in the body;
- ``patch`` returns the set as it now is: Tavus answers 200 ``{"message"}`` or 304 "no changes", so the set is read
  back with one GET;
- ``list`` pages from 1; iteration walks every page.
"""

from __future__ import annotations

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
from tavus_sdk.patch import check_objectives_paths
from tavus_sdk.types.objective import Objectives, ObjectivesCreateParams, ObjectivesListParams

__all__ = ["AsyncObjectivesResource", "ObjectivesResource"]

_ID = "objectives_id"


def _create(params: ObjectivesCreateParams) -> Operation[Objectives]:
    body, options = split_params(params, ObjectivesCreateParams, "objectives.create")
    if not body["data"]:
        raise ValueError("objectives.create() needs at least one objective in data=[...]")
    return Operation("POST", "/objectives", parse_model(Objectives), body=body, options=options)


def _list(params: ObjectivesListParams) -> Listing[Objectives]:
    # First page 1 (openapi.yaml getObjectives; docs.tavus.io/api-reference/objectives/get-objectives-list).
    return listing("/objectives", Objectives, params, ObjectivesListParams, "objectives.list", first_page=1)


def _get(objectives_id: str, options: RequestOptions) -> Operation[Objectives]:
    path = encode_path("/objectives/{}", objectives_id)
    return Operation("GET", path, parse_keyed(Objectives, _ID, objectives_id), retry_safe=True, options=options)


def _patch(
    objectives_id: str, operations: PatchInput, check_paths: bool, options: RequestOptions
) -> Operation[Objectives | None]:
    path = encode_path("/objectives/{}", objectives_id)
    check = check_objectives_paths if check_paths else None
    return patch_operation_lenient(path, operations, Objectives, _ID, check, options)


def _delete(objectives_id: str, options: RequestOptions) -> Operation[None]:
    path = encode_path("/objectives/{}", objectives_id)
    return Operation("DELETE", path, parse_nothing, retry_safe=True, options=options)


class AsyncObjectivesResource(AsyncAPIResource):
    async def create(self, **params: Unpack[ObjectivesCreateParams]) -> Objectives:
        """Create a set of objectives from ``data=[{"objective_name": ..., "objective_prompt": ...}, ...]``;
        returns Tavus's answer (``objectives_id``, ``objective_name``, ``status``)."""
        return await self._send(_create(params))

    def list(self, **params: Unpack[ObjectivesListParams]) -> AsyncPaginator[Objectives]:
        """The account's objective sets: await for one page, or ``async for`` over every page's sets."""
        return AsyncPaginator(self._send, _list(params))

    async def get(self, objectives_id: str, **options: Unpack[RequestOptions]) -> Objectives:
        """One set of objectives, ``data`` always a list."""
        return await self._send(_get(objectives_id, options))

    async def patch(
        self,
        objectives_id: str,
        operations: PatchInput,
        *,
        check_paths: bool = True,
        **options: Unpack[RequestOptions],
    ) -> Objectives:
        """Apply JSON Patch operations (paths like ``/data/0/objective_prompt``); returns the set as it now is."""
        updated = await self._send(_patch(objectives_id, operations, check_paths, options))
        return updated if updated is not None else await self.get(objectives_id, **read_options(options))

    async def delete(self, objectives_id: str, **options: Unpack[RequestOptions]) -> None:
        """Delete a set of objectives."""
        await self._send(_delete(objectives_id, options))


class ObjectivesResource(SyncAPIResource):
    def create(self, **params: Unpack[ObjectivesCreateParams]) -> Objectives:
        """Create a set of objectives from ``data=[{"objective_name": ..., "objective_prompt": ...}, ...]``;
        returns Tavus's answer (``objectives_id``, ``objective_name``, ``status``)."""
        return self._send(_create(params))

    def list(self, **params: Unpack[ObjectivesListParams]) -> SyncPage[Objectives]:
        """The account's objective sets: one page, and iteration over every page's sets."""
        return SyncPage.first(self._send, _list(params))

    def get(self, objectives_id: str, **options: Unpack[RequestOptions]) -> Objectives:
        """One set of objectives, ``data`` always a list."""
        return self._send(_get(objectives_id, options))

    def patch(
        self,
        objectives_id: str,
        operations: PatchInput,
        *,
        check_paths: bool = True,
        **options: Unpack[RequestOptions],
    ) -> Objectives:
        """Apply JSON Patch operations (paths like ``/data/0/objective_prompt``); returns the set as it now is."""
        updated = self._send(_patch(objectives_id, operations, check_paths, options))
        return updated if updated is not None else self.get(objectives_id, **read_options(options))

    def delete(self, objectives_id: str, **options: Unpack[RequestOptions]) -> None:
        """Delete a set of objectives."""
        self._send(_delete(objectives_id, options))
