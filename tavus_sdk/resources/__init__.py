from tavus_sdk.resources.conversations import AsyncConversations, Conversations
from tavus_sdk.resources.deployments import AsyncDeployments, Deployments
from tavus_sdk.resources.documents import AsyncDocuments, Documents
from tavus_sdk.resources.faces import AsyncFaces, Faces
from tavus_sdk.resources.guardrails import AsyncGuardrailsResource, GuardrailsResource
from tavus_sdk.resources.memories import AsyncMemories, Memories
from tavus_sdk.resources.objectives import AsyncObjectivesResource, ObjectivesResource
from tavus_sdk.resources.pals import AsyncPals, Pals
from tavus_sdk.resources.personas import AsyncPersonas, Personas
from tavus_sdk.resources.replicas import AsyncReplicas, Replicas
from tavus_sdk.resources.skills import AsyncSkills, Skills
from tavus_sdk.resources.tools import AsyncTools, Tools
from tavus_sdk.resources.videos import AsyncVideos, Videos

__all__ = [
    "AsyncConversations",
    "AsyncDeployments",
    "AsyncDocuments",
    "AsyncFaces",
    "AsyncGuardrailsResource",
    "AsyncMemories",
    "AsyncObjectivesResource",
    "AsyncPals",
    "AsyncPersonas",
    "AsyncReplicas",
    "AsyncSkills",
    "AsyncTools",
    "AsyncVideos",
    "Conversations",
    "Deployments",
    "Documents",
    "Faces",
    "GuardrailsResource",
    "Memories",
    "ObjectivesResource",
    "Pals",
    "Personas",
    "Replicas",
    "Skills",
    "Tools",
    "Videos",
]
