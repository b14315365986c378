"""The SDK and openapi/tavus-v2.yaml describe the same API: no operation or field is missing on either side."""

from __future__ import annotations

import inspect
import typing
from pathlib import Path
from typing import Any

import pydantic
import pytest
import yaml

from tavus_sdk import AsyncTavus, Tavus
from tavus_sdk import types as sdk_types

SPEC_PATH = Path(__file__).resolve().parents[2] / "openapi" / "tavus-v2.yaml"
SPEC: dict[str, Any] = yaml.safe_load(SPEC_PATH.read_text())
HTTP_METHODS = {"get", "post", "put", "patch", "delete"}

OPERATIONS = [
    (path, method, op) for path, item in SPEC["paths"].items() for method, op in item.items() if method in HTTP_METHODS
]

# Methods built on top of the API's operations rather than mirroring one.
CONVENIENCE_METHODS = {"wait_ready", "ensure_pipecat_stream", "with_raw_response"}

# Spec schema -> SDK model: their fields must match both ways.
MODEL_SCHEMAS = {
    "Conversation": sdk_types.Conversation,
    "ConversationProperties": sdk_types.ConversationProperties,
    "RecordingStorage": sdk_types.RecordingStorage,
    "ConversationEvent": sdk_types.ConversationEvent,
    "TranscriptEntry": sdk_types.TranscriptEntry,
    "Persona": sdk_types.Persona,
    "PersonaLayers": sdk_types.PersonaLayers,
    "LLMLayer": sdk_types.LLMLayer,
    "TTSLayer": sdk_types.TTSLayer,
    "VoiceSettings": sdk_types.VoiceSettings,
    "STTLayer": sdk_types.STTLayer,
    "PerceptionLayer": sdk_types.PerceptionLayer,
    "ConversationalFlowLayer": sdk_types.ConversationalFlowLayer,
    "TransportLayer": sdk_types.TransportLayer,
    "ToolDefinition": sdk_types.ToolDefinition,
    "ToolFunction": sdk_types.ToolFunction,
    "Replica": sdk_types.Replica,
    "Video": sdk_types.Video,
    "VideoProperties": sdk_types.VideoProperties,
    "Document": sdk_types.Document,
    "CrawlConfig": sdk_types.CrawlConfig,
    "Objectives": sdk_types.Objectives,
    "Objective": sdk_types.Objective,
    "Guardrails": sdk_types.Guardrails,
    "Guardrail": sdk_types.Guardrail,
    "IndividualGuardrail": sdk_types.IndividualGuardrail,
    "Pal": sdk_types.Pal,
    "UsernameAvailability": sdk_types.UsernameAvailability,
    "Face": sdk_types.Face,
    "Tool": sdk_types.Tool,
    "Skill": sdk_types.Skill,
    "SkillAttachment": sdk_types.SkillAttachment,
    "Deployment": sdk_types.Deployment,
    "DeploymentLimits": sdk_types.DeploymentLimits,
    "DeploymentInit": sdk_types.DeploymentInit,
    "DeploymentEnded": sdk_types.DeploymentEnded,
    "CanvasInteraction": sdk_types.CanvasInteraction,
    "Voice": sdk_types.Voice,
    "VoiceTag": sdk_types.VoiceTag,
    "PronunciationDictionary": sdk_types.PronunciationDictionary,
    "PronunciationRule": sdk_types.PronunciationRule,
    "Transcription": sdk_types.Transcription,
}

# Spec request schema -> the TypedDict of the SDK method's keyword arguments.
PARAM_SCHEMAS = {
    "ConversationCreateRequest": sdk_types.ConversationCreateParams,
    "PersonaCreateRequest": sdk_types.PersonaCreateParams,
    "ReplicaCreateRequest": sdk_types.ReplicaCreateParams,
    "VideoCreateRequest": sdk_types.VideoCreateParams,
    "DocumentCreateRequest": sdk_types.DocumentCreateParams,
    "DocumentUpdateRequest": sdk_types.DocumentUpdateParams,
    "DocumentRecrawlRequest": sdk_types.DocumentRecrawlParams,
    "ObjectivesCreateRequest": sdk_types.ObjectivesCreateParams,
    "GuardrailsCreateRequest": sdk_types.GuardrailsCreateParams,
    "IndividualGuardrailCreateRequest": sdk_types.IndividualGuardrailCreateParams,
    "PalCreateRequest": sdk_types.PalCreateParams,
    "FaceCreateRequest": sdk_types.FaceCreateParams,
    "ToolCreateRequest": sdk_types.ToolCreateParams,
    "ToolUpdateRequest": sdk_types.ToolUpdateParams,
    "DeploymentCreateRequest": sdk_types.DeploymentCreateParams,
    "CanvasInteractionRequest": sdk_types.CanvasInteractionParams,
    "PronunciationDictionaryCreateRequest": sdk_types.PronunciationDictionaryCreateParams,
    "TranscriptionCreateRequest": sdk_types.TranscriptionCreateParams,
}


def _resolve(client: Any, dotted: str) -> Any:
    """``pals.tools.attach`` -> ``client.pals.tools.attach`` (None where a step is missing)."""
    node = client
    for name in dotted.split("."):
        node = getattr(node, name, None)
    return node


OPTION_KEYS = set(typing.get_type_hints(sdk_types.ConversationCreateParams)) - set(
    SPEC["components"]["schemas"]["ConversationCreateRequest"]["properties"]
)


def _properties(schema_name: str) -> set[str]:
    schema = SPEC["components"]["schemas"][schema_name]
    names = set(schema.get("properties", {}))
    for part in schema.get("allOf", []):
        if "$ref" in part:
            names |= _properties(part["$ref"].rsplit("/", 1)[-1])
        names |= set(part.get("properties", {}))
    return names


@pytest.mark.parametrize(("path", "method", "op"), OPERATIONS, ids=lambda v: v if isinstance(v, str) else "")
@pytest.mark.parametrize("client_cls", [AsyncTavus, Tavus])
def test_every_spec_operation_has_an_sdk_method(
    path: str, method: str, op: dict[str, Any], client_cls: type[AsyncTavus | Tavus]
) -> None:
    resource_name, verb = op["x-sdk-method"].rsplit(".", 1)
    client = client_cls(api_key="k", base_url="http://x.test/v2")
    resource = _resolve(client, resource_name)
    assert resource is not None, f"{client_cls.__name__} has no resource {resource_name!r} for {method.upper()} {path}"
    bound = getattr(resource, verb, None)
    assert callable(bound), f"{client_cls.__name__}.{resource_name} has no method {verb!r} for {method.upper()} {path}"
    if client_cls is AsyncTavus and verb != "list":
        assert inspect.iscoroutinefunction(bound), f"AsyncTavus.{resource_name}.{verb} must be async"


@pytest.mark.parametrize("client_cls", [AsyncTavus, Tavus])
def test_every_sdk_method_is_in_the_spec(client_cls: type[AsyncTavus | Tavus]) -> None:
    documented = {op["x-sdk-method"] for _, _, op in OPERATIONS}
    client = client_cls(api_key="k", base_url="http://x.test/v2")
    offered = set()
    for resource_name in (
        "conversations",
        "personas",
        "replicas",
        "videos",
        "documents",
        "objectives",
        "guardrails",
        "pals",
        "faces",
        "tools",
        "skills",
        "deployments",
        "conversations.canvas",
        "pals.tools",
        "pals.skills",
        "voices",
        "pronunciation_dictionaries",
        "transcriptions",
    ):
        resource = _resolve(client, resource_name)
        for name, _ in inspect.getmembers(type(resource), callable):
            if not name.startswith("_") and name not in CONVENIENCE_METHODS:
                offered.add(f"{resource_name}.{name}")
    assert offered == documented


def test_async_and_sync_signatures_match() -> None:
    a = AsyncTavus(api_key="k", base_url="http://x.test/v2")
    s = Tavus(api_key="k", base_url="http://x.test/v2")
    for _, _, op in OPERATIONS:
        async_sig = inspect.signature(_resolve(a, op["x-sdk-method"]))
        sync_sig = inspect.signature(_resolve(s, op["x-sdk-method"]))
        assert list(async_sig.parameters) == list(sync_sig.parameters), op["x-sdk-method"]


@pytest.mark.parametrize(("schema_name", "model"), MODEL_SCHEMAS.items(), ids=list(MODEL_SCHEMAS))
def test_model_fields_match_spec_schema(schema_name: str, model: type[pydantic.BaseModel]) -> None:
    spec_fields = _properties(schema_name)
    model_fields = {field.alias or name for name, field in model.model_fields.items()}
    assert spec_fields - model_fields == set(), f"in the spec but not in {model.__name__}"
    assert model_fields - spec_fields == set(), f"in {model.__name__} but not in the spec"


@pytest.mark.parametrize(("schema_name", "params"), PARAM_SCHEMAS.items(), ids=list(PARAM_SCHEMAS))
def test_method_keywords_match_spec_request(schema_name: str, params: type) -> None:
    spec_fields = _properties(schema_name)
    keywords = set(typing.get_type_hints(params)) - OPTION_KEYS
    assert spec_fields - keywords == set(), f"in the spec but not a keyword of {params.__name__}"
    assert keywords - spec_fields == set(), f"a keyword of {params.__name__} but not in the spec"
    required = set(SPEC["components"]["schemas"][schema_name].get("required", []))
    assert required == set(params.__required_keys__)  # type: ignore[attr-defined]
