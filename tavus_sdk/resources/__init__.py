from tavus_sdk.resources.conversations import AsyncConversations, Conversations
from tavus_sdk.resources.documents import AsyncDocuments, Documents
from tavus_sdk.resources.guardrails import AsyncGuardrailsResource, GuardrailsResource
from tavus_sdk.resources.objectives import AsyncObjectivesResource, ObjectivesResource
from tavus_sdk.resources.personas import AsyncPersonas, Personas
from tavus_sdk.resources.pronunciation_dictionaries import AsyncPronunciationDictionaries, PronunciationDictionaries
from tavus_sdk.resources.replicas import AsyncReplicas, Replicas
from tavus_sdk.resources.transcriptions import AsyncTranscriptions, Transcriptions
from tavus_sdk.resources.videos import AsyncVideos, Videos
from tavus_sdk.resources.voices import AsyncVoices, Voices

__all__ = [
    "AsyncConversations",
    "AsyncDocuments",
    "AsyncGuardrailsResource",
    "AsyncObjectivesResource",
    "AsyncPersonas",
    "AsyncPronunciationDictionaries",
    "AsyncReplicas",
    "AsyncTranscriptions",
    "AsyncVideos",
    "AsyncVoices",
    "Conversations",
    "Documents",
    "GuardrailsResource",
    "ObjectivesResource",
    "Personas",
    "PronunciationDictionaries",
    "Replicas",
    "Transcriptions",
    "Videos",
    "Voices",
]
