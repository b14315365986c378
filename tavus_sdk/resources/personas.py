"""``/personas``: what a replica says and how (LLM, voice, speech recognition, perception, turn-taking).

Personas are updated with RFC 6902 JSON Patch; paths are checked against the persona schema before
anything is sent, with a "did you mean" suggestion for typos (``check_paths=False`` to skip).

Tolerant where the sources disagree: ``get`` accepts the persona bare or wrapped in ``{"data": [ {...} ]}``
(docs.tavus.io/api-reference/personas/get-persona shows the wrapper); ``patch`` returns the persona after the
change, read back with a GET when the server answers 200 with no persona or 304 "no changes"
(docs.tavus.io/api-reference/personas/patch-persona).
"""

from __future__ import annotations

from typing import Unpack, cast

from tavus_sdk._base_client import AsyncAPIResource, SyncAPIResource
from tavus_sdk._exceptions import TavusError
from tavus_sdk._operation import (
    Operation,
    encode_path,
    parse_model,
    parse_nothing,
    parse_resource,
    read_options,
    split_params,
)
from tavus_sdk._pagination import AsyncPaginator, Listing, SyncPage, listing
from tavus_sdk._patching import PatchInput, patch_operation_lenient
from tavus_sdk._types import RequestOptions
from tavus_sdk.patch import check_persona_paths
from tavus_sdk.types.persona import Persona, PersonaCreateParams, PersonaListParams

__all__ = ["PIPECAT_STREAM_PERSONA_NAME", "AsyncPersonas", "Personas"]

PIPECAT_STREAM_PERSONA_NAME = "pipecat-stream"


def _create(params: PersonaCreateParams) -> Operation[Persona]:
    body, options = split_params(params, PersonaCreateParams, "personas.create")
    return Operation("POST", "/personas", parse_model(Persona), body=body, options=options)


def _list(params: PersonaListParams) -> Listing[Persona]:
    # Pages start at 1 (docs.tavus.io/api-reference/personas/get-personas: "Default is 1").
    return listing("/personas", Persona, params, PersonaListParams, "personas.list", first_page=1)


def _get(persona_id: str, options: RequestOptions) -> Operation[Persona]:
    path = encode_path("/personas/{}", persona_id)
    return Operation("GET", path, parse_resource(Persona), retry_safe=True, options=options)


def _patch(
    persona_id: str, operations: PatchInput, check_paths: bool, options: RequestOptions
) -> Operation[Persona | None]:
    path = encode_path("/personas/{}", persona_id)
    check = check_persona_paths if check_paths else None
    return patch_operation_lenient(path, operations, Persona, "persona_id", check, options)


def _delete(persona_id: str, options: RequestOptions) -> Operation[None]:
    path = encode_path("/personas/{}", persona_id)
    return Operation("DELETE", path, parse_nothing, retry_safe=True, options=options)


def _existing_pipecat_stream(personas: list[Persona], name: str) -> Persona | None:
    named = [p for p in personas if p.persona_name == name]
    for persona in named:
        if persona.pipeline_mode == "echo":
            return persona
    if named:
        other = named[0]
        raise TavusError(
            f"persona {other.persona_id} is named {name!r} but its pipeline_mode is {other.pipeline_mode!r}, "
            "not 'echo', so Pipecat could not supply its voice; rename or delete it, or pass another name"
        )
    return None


def _pipecat_stream_params(name: str, replica_id: str | None, options: RequestOptions) -> PersonaCreateParams:
    params = cast(PersonaCreateParams, {**options, "persona_name": name, "pipeline_mode": "echo"})
    if replica_id is not None:
        params["default_replica_id"] = replica_id
    return params


class AsyncPersonas(AsyncAPIResource):
    async def create(self, **params: Unpack[PersonaCreateParams]) -> Persona:
        """Create a persona. ``system_prompt`` is required in the default ``full`` pipeline mode."""
        return await self._send(_create(params))

    def list(self, **params: Unpack[PersonaListParams]) -> AsyncPaginator[Persona]:
        """The account's personas and the stock ones (``persona_type="user"`` or ``"system"`` for one kind):
        await for one page, or ``async for`` over every page's items. Pages start at 1."""
        return AsyncPaginator(self._send, _list(params))

    async def get(self, persona_id: str, **options: Unpack[RequestOptions]) -> Persona:
        """One persona (bare or wrapped in ``{"data": [...]}`` by the server: either way, the persona)."""
        return await self._send(_get(persona_id, options))

    async def patch(
        self, persona_id: str, operations: PatchInput, *, check_paths: bool = True, **options: Unpack[RequestOptions]
    ) -> Persona:
        """Apply JSON Patch operations (a ``Patch`` or a list) and return the persona as it now is.

        When the server answers with no persona (200 "OK", or 304 "no changes"), it is read back with a GET.
        """
        updated = await self._send(_patch(persona_id, operations, check_paths, options))
        return updated if updated is not None else await self.get(persona_id, **read_options(options))

    async def delete(self, persona_id: str, **options: Unpack[RequestOptions]) -> None:
        """Delete a persona."""
        await self._send(_delete(persona_id, options))

    async def ensure_pipecat_stream(
        self,
        *,
        name: str = PIPECAT_STREAM_PERSONA_NAME,
        replica_id: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> Persona:
        """The echo-mode persona that lets a Pipecat pipeline supply the replica's voice.

        Returns the account's persona with this name if one exists on any page of the list, else creates it
        (``pipeline_mode: "echo"``, ``default_replica_id`` when given).
        """
        existing = _existing_pipecat_stream([p async for p in self.list(**options)], name)
        if existing is not None:
            return existing
        return await self.create(**_pipecat_stream_params(name, replica_id, options))


class Personas(SyncAPIResource):
    def create(self, **params: Unpack[PersonaCreateParams]) -> Persona:
        """Create a persona. ``system_prompt`` is required in the default ``full`` pipeline mode."""
        return self._send(_create(params))

    def list(self, **params: Unpack[PersonaListParams]) -> SyncPage[Persona]:
        """The account's personas and the stock ones (``persona_type="user"`` or ``"system"`` for one kind):
        the first page, and iteration over every page's items. Pages start at 1."""
        return SyncPage.first(self._send, _list(params))

    def get(self, persona_id: str, **options: Unpack[RequestOptions]) -> Persona:
        """One persona (bare or wrapped in ``{"data": [...]}`` by the server: either way, the persona)."""
        return self._send(_get(persona_id, options))

    def patch(
        self, persona_id: str, operations: PatchInput, *, check_paths: bool = True, **options: Unpack[RequestOptions]
    ) -> Persona:
        """Apply JSON Patch operations (a ``Patch`` or a list) and return the persona as it now is.

        When the server answers with no persona (200 "OK", or 304 "no changes"), it is read back with a GET.
        """
        updated = self._send(_patch(persona_id, operations, check_paths, options))
        return updated if updated is not None else self.get(persona_id, **read_options(options))

    def delete(self, persona_id: str, **options: Unpack[RequestOptions]) -> None:
        """Delete a persona."""
        self._send(_delete(persona_id, options))

    def ensure_pipecat_stream(
        self,
        *,
        name: str = PIPECAT_STREAM_PERSONA_NAME,
        replica_id: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> Persona:
        """The echo-mode persona that lets a Pipecat pipeline supply the replica's voice.

        Returns the account's persona with this name if one exists on any page of the list, else creates it
        (``pipeline_mode: "echo"``, ``default_replica_id`` when given).
        """
        existing = _existing_pipecat_stream(list(self.list(**options)), name)
        if existing is not None:
            return existing
        return self.create(**_pipecat_stream_params(name, replica_id, options))
