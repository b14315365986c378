"""The API resources, async and sync side by side.

Each loads on first use, with its models: a client builds a resource, and imports it, when it is first asked for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tavus_sdk._lazy import lazy_exports

if TYPE_CHECKING:
    from tavus_sdk.resources.conversations import AsyncConversations, Conversations
    from tavus_sdk.resources.deployments import AsyncDeployments, Deployments
    from tavus_sdk.resources.documents import AsyncDocuments, Documents
    from tavus_sdk.resources.faces import AsyncFaces, Faces
    from tavus_sdk.resources.guardrails import AsyncGuardrailsResource, GuardrailsResource
    from tavus_sdk.resources.objectives import AsyncObjectivesResource, ObjectivesResource
    from tavus_sdk.resources.pals import AsyncPals, Pals
    from tavus_sdk.resources.personas import AsyncPersonas, Personas
    from tavus_sdk.resources.pronunciation_dictionaries import AsyncPronunciationDictionaries, PronunciationDictionaries
    from tavus_sdk.resources.replicas import AsyncReplicas, Replicas
    from tavus_sdk.resources.skills import AsyncSkills, Skills
    from tavus_sdk.resources.tools import AsyncTools, Tools
    from tavus_sdk.resources.transcriptions import AsyncTranscriptions, Transcriptions
    from tavus_sdk.resources.videos import AsyncVideos, Videos
    from tavus_sdk.resources.voices import AsyncVoices, Voices

_MODULES: dict[str, str] = {
    "AsyncConversations": "tavus_sdk.resources.conversations",
    "Conversations": "tavus_sdk.resources.conversations",
    "AsyncDeployments": "tavus_sdk.resources.deployments",
    "Deployments": "tavus_sdk.resources.deployments",
    "AsyncDocuments": "tavus_sdk.resources.documents",
    "Documents": "tavus_sdk.resources.documents",
    "AsyncFaces": "tavus_sdk.resources.faces",
    "Faces": "tavus_sdk.resources.faces",
    "AsyncGuardrailsResource": "tavus_sdk.resources.guardrails",
    "GuardrailsResource": "tavus_sdk.resources.guardrails",
    "AsyncObjectivesResource": "tavus_sdk.resources.objectives",
    "ObjectivesResource": "tavus_sdk.resources.objectives",
    "AsyncPals": "tavus_sdk.resources.pals",
    "Pals": "tavus_sdk.resources.pals",
    "AsyncPersonas": "tavus_sdk.resources.personas",
    "Personas": "tavus_sdk.resources.personas",
    "AsyncPronunciationDictionaries": "tavus_sdk.resources.pronunciation_dictionaries",
    "PronunciationDictionaries": "tavus_sdk.resources.pronunciation_dictionaries",
    "AsyncReplicas": "tavus_sdk.resources.replicas",
    "Replicas": "tavus_sdk.resources.replicas",
    "AsyncSkills": "tavus_sdk.resources.skills",
    "Skills": "tavus_sdk.resources.skills",
    "AsyncTools": "tavus_sdk.resources.tools",
    "Tools": "tavus_sdk.resources.tools",
    "AsyncTranscriptions": "tavus_sdk.resources.transcriptions",
    "Transcriptions": "tavus_sdk.resources.transcriptions",
    "AsyncVideos": "tavus_sdk.resources.videos",
    "Videos": "tavus_sdk.resources.videos",
    "AsyncVoices": "tavus_sdk.resources.voices",
    "Voices": "tavus_sdk.resources.voices",
}

__all__ = [
    "AsyncConversations",
    "AsyncDeployments",
    "AsyncDocuments",
    "AsyncFaces",
    "AsyncGuardrailsResource",
    "AsyncObjectivesResource",
    "AsyncPals",
    "AsyncPersonas",
    "AsyncPronunciationDictionaries",
    "AsyncReplicas",
    "AsyncSkills",
    "AsyncTools",
    "AsyncTranscriptions",
    "AsyncVideos",
    "AsyncVoices",
    "Conversations",
    "Deployments",
    "Documents",
    "Faces",
    "GuardrailsResource",
    "ObjectivesResource",
    "Pals",
    "Personas",
    "PronunciationDictionaries",
    "Replicas",
    "Skills",
    "Tools",
    "Transcriptions",
    "Videos",
    "Voices",
]


__getattr__, __dir__ = lazy_exports(__name__, _MODULES, __all__)
