"""``AsyncTavus`` and ``Tavus``: the entry points, one attribute per API resource.

A resource (and its models) is imported when it is first used, so a program that ends conversations never builds
the models of videos or PALs.

Both take the same keyword arguments (see ``_ClientCore.__init__``): ``api_key``, ``base_url``, ``timeout``,
``max_retries``, ``default_headers``, ``http_client`` or ``transport``, and ``retry_policy``.
"""

from __future__ import annotations

from functools import cached_property
from types import TracebackType
from typing import TYPE_CHECKING, Self

from tavus_sdk._base_client import AsyncAPIClient, SyncAPIClient

if TYPE_CHECKING:
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
        from tavus_sdk.resources.conversations import AsyncConversations

        return AsyncConversations(self)

    @cached_property
    def personas(self) -> AsyncPersonas:
        from tavus_sdk.resources.personas import AsyncPersonas

        return AsyncPersonas(self)

    @cached_property
    def replicas(self) -> AsyncReplicas:
        from tavus_sdk.resources.replicas import AsyncReplicas

        return AsyncReplicas(self)

    @cached_property
    def videos(self) -> AsyncVideos:
        from tavus_sdk.resources.videos import AsyncVideos

        return AsyncVideos(self)

    @cached_property
    def documents(self) -> AsyncDocuments:
        from tavus_sdk.resources.documents import AsyncDocuments

        return AsyncDocuments(self)

    @cached_property
    def objectives(self) -> AsyncObjectivesResource:
        from tavus_sdk.resources.objectives import AsyncObjectivesResource

        return AsyncObjectivesResource(self)

    @cached_property
    def guardrails(self) -> AsyncGuardrailsResource:
        from tavus_sdk.resources.guardrails import AsyncGuardrailsResource

        return AsyncGuardrailsResource(self)

    @cached_property
    def voices(self) -> AsyncVoices:
        from tavus_sdk.resources.voices import AsyncVoices

        return AsyncVoices(self)

    @cached_property
    def pronunciation_dictionaries(self) -> AsyncPronunciationDictionaries:
        from tavus_sdk.resources.pronunciation_dictionaries import AsyncPronunciationDictionaries

        return AsyncPronunciationDictionaries(self)

    @cached_property
    def transcriptions(self) -> AsyncTranscriptions:
        from tavus_sdk.resources.transcriptions import AsyncTranscriptions

        return AsyncTranscriptions(self)

    # The current API names (PAL, Face) and the resources that exist only under them.
    @cached_property
    def pals(self) -> AsyncPals:
        from tavus_sdk.resources.pals import AsyncPals

        return AsyncPals(self)

    @cached_property
    def faces(self) -> AsyncFaces:
        from tavus_sdk.resources.faces import AsyncFaces

        return AsyncFaces(self)

    @cached_property
    def tools(self) -> AsyncTools:
        from tavus_sdk.resources.tools import AsyncTools

        return AsyncTools(self)

    @cached_property
    def skills(self) -> AsyncSkills:
        from tavus_sdk.resources.skills import AsyncSkills

        return AsyncSkills(self)

    @cached_property
    def deployments(self) -> AsyncDeployments:
        from tavus_sdk.resources.deployments import AsyncDeployments

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
        from tavus_sdk.resources.conversations import Conversations

        return Conversations(self)

    @cached_property
    def personas(self) -> Personas:
        from tavus_sdk.resources.personas import Personas

        return Personas(self)

    @cached_property
    def replicas(self) -> Replicas:
        from tavus_sdk.resources.replicas import Replicas

        return Replicas(self)

    @cached_property
    def videos(self) -> Videos:
        from tavus_sdk.resources.videos import Videos

        return Videos(self)

    @cached_property
    def documents(self) -> Documents:
        from tavus_sdk.resources.documents import Documents

        return Documents(self)

    @cached_property
    def objectives(self) -> ObjectivesResource:
        from tavus_sdk.resources.objectives import ObjectivesResource

        return ObjectivesResource(self)

    @cached_property
    def guardrails(self) -> GuardrailsResource:
        from tavus_sdk.resources.guardrails import GuardrailsResource

        return GuardrailsResource(self)

    @cached_property
    def voices(self) -> Voices:
        from tavus_sdk.resources.voices import Voices

        return Voices(self)

    @cached_property
    def pronunciation_dictionaries(self) -> PronunciationDictionaries:
        from tavus_sdk.resources.pronunciation_dictionaries import PronunciationDictionaries

        return PronunciationDictionaries(self)

    @cached_property
    def transcriptions(self) -> Transcriptions:
        from tavus_sdk.resources.transcriptions import Transcriptions

        return Transcriptions(self)

    # The current API names (PAL, Face) and the resources that exist only under them.
    @cached_property
    def pals(self) -> Pals:
        from tavus_sdk.resources.pals import Pals

        return Pals(self)

    @cached_property
    def faces(self) -> Faces:
        from tavus_sdk.resources.faces import Faces

        return Faces(self)

    @cached_property
    def tools(self) -> Tools:
        from tavus_sdk.resources.tools import Tools

        return Tools(self)

    @cached_property
    def skills(self) -> Skills:
        from tavus_sdk.resources.skills import Skills

        return Skills(self)

    @cached_property
    def deployments(self) -> Deployments:
        from tavus_sdk.resources.deployments import Deployments

        return Deployments(self)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
