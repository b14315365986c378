"""``AsyncTavus`` and ``Tavus``: the entry points, one attribute per API resource.

Both take the same keyword arguments (see ``_ClientCore.__init__``): ``api_key``, ``base_url``, ``timeout``,
``max_retries``, ``default_headers``, ``http_client`` or ``transport``, and ``retry_policy``.
"""

from __future__ import annotations

from functools import cached_property
from types import TracebackType
from typing import Self

from tavus_sdk._base_client import AsyncAPIClient, SyncAPIClient
from tavus_sdk.resources import (
    AsyncConversations,
    AsyncDeployments,
    AsyncDocuments,
    AsyncFaces,
    AsyncGuardrailsResource,
    AsyncObjectivesResource,
    AsyncPals,
    AsyncPersonas,
    AsyncPronunciationDictionaries,
    AsyncReplicas,
    AsyncSkills,
    AsyncTools,
    AsyncTranscriptions,
    AsyncVideos,
    AsyncVoices,
    Conversations,
    Deployments,
    Documents,
    Faces,
    GuardrailsResource,
    ObjectivesResource,
    Pals,
    Personas,
    PronunciationDictionaries,
    Replicas,
    Skills,
    Tools,
    Transcriptions,
    Videos,
    Voices,
)

__all__ = ["AsyncTavus", "Tavus"]


class AsyncTavus(AsyncAPIClient):
    """Async client for the Tavus v2 API.

    async with AsyncTavus() as tavus:  # TAVUS_API_KEY, TAVUS_BASE_URL from the environment
        persona = await tavus.personas.ensure_pipecat_stream(replica_id="r79e1c033f")
        conversation = await tavus.conversations.create(replica_id="r79e1c033f", persona_id=persona.persona_id)
    """

    @cached_property
    def conversations(self) -> AsyncConversations:
        return AsyncConversations(self)

    @cached_property
    def personas(self) -> AsyncPersonas:
        return AsyncPersonas(self)

    @cached_property
    def replicas(self) -> AsyncReplicas:
        return AsyncReplicas(self)

    @cached_property
    def videos(self) -> AsyncVideos:
        return AsyncVideos(self)

    @cached_property
    def documents(self) -> AsyncDocuments:
        return AsyncDocuments(self)

    @cached_property
    def objectives(self) -> AsyncObjectivesResource:
        return AsyncObjectivesResource(self)

    @cached_property
    def guardrails(self) -> AsyncGuardrailsResource:
        return AsyncGuardrailsResource(self)

    @cached_property
    def voices(self) -> AsyncVoices:
        return AsyncVoices(self)

    @cached_property
    def pronunciation_dictionaries(self) -> AsyncPronunciationDictionaries:
        return AsyncPronunciationDictionaries(self)

    @cached_property
    def transcriptions(self) -> AsyncTranscriptions:
        return AsyncTranscriptions(self)

    # The current API names (PAL, Face) and the resources that exist only under them.
    @cached_property
    def pals(self) -> AsyncPals:
        return AsyncPals(self)

    @cached_property
    def faces(self) -> AsyncFaces:
        return AsyncFaces(self)

    @cached_property
    def tools(self) -> AsyncTools:
        return AsyncTools(self)

    @cached_property
    def skills(self) -> AsyncSkills:
        return AsyncSkills(self)

    @cached_property
    def deployments(self) -> AsyncDeployments:
        return AsyncDeployments(self)

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.close()


class Tavus(SyncAPIClient):
    """Client for the Tavus v2 API: the same surface as ``AsyncTavus``, blocking.

    with Tavus() as tavus:
        for persona in tavus.personas.list():
            print(persona.persona_id, persona.persona_name)
    """

    @cached_property
    def conversations(self) -> Conversations:
        return Conversations(self)

    @cached_property
    def personas(self) -> Personas:
        return Personas(self)

    @cached_property
    def replicas(self) -> Replicas:
        return Replicas(self)

    @cached_property
    def videos(self) -> Videos:
        return Videos(self)

    @cached_property
    def documents(self) -> Documents:
        return Documents(self)

    @cached_property
    def objectives(self) -> ObjectivesResource:
        return ObjectivesResource(self)

    @cached_property
    def guardrails(self) -> GuardrailsResource:
        return GuardrailsResource(self)

    @cached_property
    def voices(self) -> Voices:
        return Voices(self)

    @cached_property
    def pronunciation_dictionaries(self) -> PronunciationDictionaries:
        return PronunciationDictionaries(self)

    @cached_property
    def transcriptions(self) -> Transcriptions:
        return Transcriptions(self)

    # The current API names (PAL, Face) and the resources that exist only under them.
    @cached_property
    def pals(self) -> Pals:
        return Pals(self)

    @cached_property
    def faces(self) -> Faces:
        return Faces(self)

    @cached_property
    def tools(self) -> Tools:
        return Tools(self)

    @cached_property
    def skills(self) -> Skills:
        return Skills(self)

    @cached_property
    def deployments(self) -> Deployments:
        return Deployments(self)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
