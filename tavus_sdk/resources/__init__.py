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
