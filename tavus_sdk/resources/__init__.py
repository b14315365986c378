from tavus_sdk.resources.conversations import AsyncConversations, Conversations
from tavus_sdk.resources.documents import AsyncDocuments, Documents
from tavus_sdk.resources.guardrails import AsyncGuardrailsResource, GuardrailsResource
from tavus_sdk.resources.memories import AsyncMemories, Memories
from tavus_sdk.resources.objectives import AsyncObjectivesResource, ObjectivesResource
from tavus_sdk.resources.personas import AsyncPersonas, Personas
from tavus_sdk.resources.replicas import AsyncReplicas, Replicas
from tavus_sdk.resources.videos import AsyncVideos, Videos

__all__ = [
    "AsyncConversations",
    "AsyncDocuments",
    "AsyncGuardrailsResource",
    "AsyncMemories",
    "AsyncObjectivesResource",
    "AsyncPersonas",
    "AsyncReplicas",
    "AsyncVideos",
    "Conversations",
    "Documents",
    "GuardrailsResource",
    "Memories",
    "ObjectivesResource",
    "Personas",
    "Replicas",
    "Videos",
]
