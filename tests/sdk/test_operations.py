"""Every operation sends the documented method, path, query and JSON body, and parses the answer."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
import respx

from tavus_sdk import AsyncTavus, Patch, Tavus
from tavus_sdk.types import (
    Conversation,
    Document,
    Guardrails,
    Objectives,
    Persona,
    PronunciationDictionary,
    Replica,
    Transcription,
    Video,
)

from .conftest import API_KEY, resolve

PERSONA = {"persona_id": "pdced222244b", "persona_name": "Sales Coach", "pipeline_mode": "full"}
CONVERSATION = {
    "conversation_id": "c123456",
    "conversation_url": "https://tavus.daily.co/c123456",
    "status": "active",
    "created_at": "2025-05-13T06:42:58.291561Z",
}
REPLICA = {"replica_id": "rfe12d8b9597", "replica_name": "Nathan", "status": "ready"}
VIDEO = {"video_id": "1e30440cf9", "status": "queued", "created_at": "Tue, 24 Jun 2025 07:01:57 GMT"}
DOCUMENT = {"document_id": "d8-5c71baca86fc", "status": "started", "tags": ["faq"]}
OBJECTIVES = {"objectives_id": "o12345", "data": [{"objective_name": "greet", "objective_prompt": "Say hi"}]}
DICTIONARY = {
    "pronunciation_dictionary_id": "pd_1",
    "name": "Brand",
    "rules": [{"text": "Tavus", "pronunciation": "TAH-vus", "type": "alias"}],
    "rules_count": 1,
}
TRANSCRIPTION = {"transcription_id": "t1", "status": "started", "callback_url": "https://hook.test"}
GUARDRAILS = {"guardrails_id": "g12345", "data": [{"guardrail_name": "no_prices", "guardrail_prompt": "Never"}]}


@dataclass
class Case:
    call: str
    args: tuple[Any, ...]
    kwargs: dict[str, Any]
    method: str
    path: str
    query: dict[str, str] = field(default_factory=dict)
    body: Any = None
    response: Any = None
    check: Any = None

    @property
    def id(self) -> str:
        return f"{self.call}:{self.method} {self.path}"


CASES = [
    Case(
        "conversations.create",
        (),
        {
            "replica_id": "rfe12d8b9597",
            "persona_id": "pdced222244b",
            "conversation_name": "Demo",
            "custom_greeting": "Hi there",
            "require_auth": True,
            "max_participants": 3,
            "memory_stores": ["anna_p123"],
            "document_ids": ["d1"],
            "document_tags": ["faq"],
            "document_retrieval_strategy": "quality",
            "properties": {"max_call_duration": 600, "participant_left_timeout": 30, "language": "spanish"},
        },
        "POST",
        "/conversations",
        body={
            "replica_id": "rfe12d8b9597",
            "persona_id": "pdced222244b",
            "conversation_name": "Demo",
            "custom_greeting": "Hi there",
            "require_auth": True,
            "max_participants": 3,
            "memory_stores": ["anna_p123"],
            "document_ids": ["d1"],
            "document_tags": ["faq"],
            "document_retrieval_strategy": "quality",
            "properties": {"max_call_duration": 600, "participant_left_timeout": 30, "language": "spanish"},
        },
        response={**CONVERSATION, "meeting_token": "eyJhbGciOi"},
        check=lambda r: isinstance(r, Conversation) and r.meeting_token == "eyJhbGciOi",
    ),
    Case("conversations.list", (), {}, "GET", "/conversations", response={"data": [CONVERSATION]}),
    Case(
        "conversations.get",
        ("c123456",),
        {},
        "GET",
        "/conversations/c123456",
        response=CONVERSATION,
        check=lambda r: r.conversation_url == "https://tavus.daily.co/c123456" and r.created_at.year == 2025,
    ),
    Case(
        "conversations.get",
        ("c123456",),
        {"verbose": True},
        "GET",
        "/conversations/c123456",
        query={"verbose": "true"},
        response={**CONVERSATION, "status": "ended", "shutdown_reason": "end_conversation_endpoint_hit"},
        check=lambda r: r.shutdown_reason == "end_conversation_endpoint_hit",
    ),
    Case("conversations.delete", ("c123456",), {}, "DELETE", "/conversations/c123456", check=lambda r: r is None),
    Case("conversations.end", ("c123456",), {}, "POST", "/conversations/c123456/end", check=lambda r: r is None),
    Case(
        "personas.create",
        (),
        {"persona_name": "Coach", "system_prompt": "You coach.", "layers": {"llm": {"model": "tavus-gpt-oss"}}},
        "POST",
        "/personas",
        body={"persona_name": "Coach", "system_prompt": "You coach.", "layers": {"llm": {"model": "tavus-gpt-oss"}}},
        response=PERSONA,
        check=lambda r: isinstance(r, Persona),
    ),
    Case("personas.list", (), {}, "GET", "/personas", response={"data": [PERSONA]}),
    Case("personas.get", ("pdced222244b",), {}, "GET", "/personas/pdced222244b", response=PERSONA),
    Case(
        "personas.patch",
        ("pdced222244b", [{"op": "replace", "path": "/layers/llm/model", "value": "tavus-gpt-4o"}]),
        {},
        "PATCH",
        "/personas/pdced222244b",
        body=[{"op": "replace", "path": "/layers/llm/model", "value": "tavus-gpt-4o"}],
        response=PERSONA,
        check=lambda r: isinstance(r, Persona),
    ),
    Case(
        "personas.patch",
        ("pdced222244b", Patch().remove("/layers/stt/hotwords").add("/objectives_id", "o12345")),
        {},
        "PATCH",
        "/personas/pdced222244b",
        body=[
            {"op": "remove", "path": "/layers/stt/hotwords"},
            {"op": "add", "path": "/objectives_id", "value": "o12345"},
        ],
        response=PERSONA,
    ),
    Case("personas.delete", ("pdced222244b",), {}, "DELETE", "/personas/pdced222244b"),
    Case(
        "replicas.create",
        (),
        {
            "train_video_url": "https://x.test/train.mp4",
            "consent_video_url": "https://x.test/c.mp4",
            "replica_name": "Me",
        },
        "POST",
        "/replicas",
        body={
            "train_video_url": "https://x.test/train.mp4",
            "consent_video_url": "https://x.test/c.mp4",
            "replica_name": "Me",
        },
        response={**REPLICA, "status": "training"},
        check=lambda r: isinstance(r, Replica) and r.status == "training",
    ),
    Case("replicas.list", (), {}, "GET", "/replicas", response={"data": [REPLICA]}),
    Case("replicas.get", ("rfe12d8b9597",), {}, "GET", "/replicas/rfe12d8b9597", response=REPLICA),
    Case("replicas.delete", ("rfe12d8b9597",), {}, "DELETE", "/replicas/rfe12d8b9597"),
    Case(
        "replicas.rename",
        ("rfe12d8b9597", "Nat"),
        {},
        "PATCH",
        "/replicas/rfe12d8b9597/name",
        body={"replica_name": "Nat"},
        response={**REPLICA, "replica_name": "Nat"},
        check=lambda r: r.replica_name == "Nat",
    ),
    Case(
        "videos.create",
        (),
        {"replica_id": "rfe12d8b9597", "script": "Hello", "video_name": "hello", "fast": True},
        "POST",
        "/videos",
        body={"replica_id": "rfe12d8b9597", "script": "Hello", "video_name": "hello", "fast": True},
        response=VIDEO,
        check=lambda r: isinstance(r, Video) and r.created_at.day == 24,
    ),
    Case("videos.list", (), {}, "GET", "/videos", response={"data": [VIDEO]}),
    Case("videos.get", ("1e30440cf9",), {}, "GET", "/videos/1e30440cf9", response=VIDEO),
    Case("videos.delete", ("1e30440cf9",), {}, "DELETE", "/videos/1e30440cf9"),
    Case(
        "videos.rename",
        ("1e30440cf9", "Intro"),
        {},
        "PATCH",
        "/videos/1e30440cf9/name",
        body={"video_name": "Intro"},
        response={**VIDEO, "video_name": "Intro"},
    ),
    Case(
        "documents.create",
        (),
        {
            "document_url": "https://docs.test",
            "document_name": "Docs",
            "tags": ["faq"],
            "crawl": {"depth": 2, "max_pages": 10},
        },
        "POST",
        "/documents",
        body={
            "document_url": "https://docs.test",
            "document_name": "Docs",
            "tags": ["faq"],
            "crawl": {"depth": 2, "max_pages": 10},
        },
        response=DOCUMENT,
        check=lambda r: isinstance(r, Document),
    ),
    Case(
        "documents.list",
        (),
        {"page": 0, "limit": 5, "tags": ["faq", "sales"], "status": "ready", "sort": "descending"},
        "GET",
        "/documents",
        query={"page": "0", "limit": "5", "tags": "faq,sales", "status": "ready", "sort": "descending"},
        response={"data": [DOCUMENT], "total_count": 6, "page": 0, "limit": 5},
    ),
    Case("documents.get", ("d1234567890",), {}, "GET", "/documents/d1234567890", response=DOCUMENT),
    Case(
        "documents.update",
        ("d1234567890",),
        {"document_name": "New", "tags": ["a"]},
        "PATCH",
        "/documents/d1234567890",
        body={"document_name": "New", "tags": ["a"]},
        response={**DOCUMENT, "document_name": "New"},
    ),
    Case("documents.delete", ("d1234567890",), {}, "DELETE", "/documents/d1234567890"),
    Case(
        "documents.recrawl",
        ("d1234567890",),
        {"crawl": {"depth": 1, "max_pages": 5}},
        "POST",
        "/documents/d1234567890/recrawl",
        body={"crawl": {"depth": 1, "max_pages": 5}},
        response={**DOCUMENT, "status": "recrawling"},
    ),
    Case("documents.recrawl", ("d1234567890",), {}, "POST", "/documents/d1234567890/recrawl", response=DOCUMENT),
    Case(
        "objectives.create",
        (),
        {"data": [{"objective_name": "greet", "objective_prompt": "Say hi"}]},
        "POST",
        "/objectives",
        body={"data": [{"objective_name": "greet", "objective_prompt": "Say hi"}]},
        response=OBJECTIVES,
        check=lambda r: isinstance(r, Objectives) and r.data[0].objective_name == "greet",
    ),
    Case("objectives.list", (), {}, "GET", "/objectives", response={"data": [OBJECTIVES]}),
    Case("objectives.get", ("o12345",), {}, "GET", "/objectives/o12345", response=OBJECTIVES),
    Case(
        "objectives.patch",
        ("o12345", [{"op": "replace", "path": "/data/0/objective_prompt", "value": "Say hello"}]),
        {},
        "PATCH",
        "/objectives/o12345",
        body=[{"op": "replace", "path": "/data/0/objective_prompt", "value": "Say hello"}],
        response=OBJECTIVES,
    ),
    Case("objectives.delete", ("o12345",), {}, "DELETE", "/objectives/o12345"),
    Case(
        "guardrails.create",
        (),
        {"data": [{"guardrail_name": "no_prices", "guardrail_prompt": "Never"}]},
        "POST",
        "/guardrails",
        body={"data": [{"guardrail_name": "no_prices", "guardrail_prompt": "Never"}]},
        response=GUARDRAILS,
        check=lambda r: isinstance(r, Guardrails),
    ),
    Case("guardrails.list", (), {}, "GET", "/guardrails", response={"data": [GUARDRAILS]}),
    Case("guardrails.get", ("g12345",), {}, "GET", "/guardrails/g12345", response=GUARDRAILS),
    Case(
        "guardrails.patch",
        ("g12345", [{"op": "add", "path": "/data/0/callback_url", "value": "https://hook.test"}]),
        {},
        "PATCH",
        "/guardrails/g12345",
        body=[{"op": "add", "path": "/data/0/callback_url", "value": "https://hook.test"}],
        response=GUARDRAILS,
    ),
    Case("guardrails.delete", ("g12345",), {}, "DELETE", "/guardrails/g12345"),
    Case(
        "voices.list",
        (),
        {"search": "ann", "sort": "desc", "tag": "female", "limit": 5},
        "GET",
        "/voices",
        query={"search": "ann", "sort": "desc", "tag": "female", "limit": "5"},
        response={"data": [{"voice_name": "anna", "replica_id": "r90bbd427f71"}], "total_count": 1},
    ),
    Case(
        "pronunciation_dictionaries.create",
        (),
        {"name": "Brand", "rules": [{"text": "Tavus", "pronunciation": "TAH-vus", "type": "alias"}]},
        "POST",
        "/pronunciation-dictionaries",
        body={"name": "Brand", "rules": [{"text": "Tavus", "pronunciation": "TAH-vus", "type": "alias"}]},
        response=DICTIONARY,
        check=lambda r: isinstance(r, PronunciationDictionary) and r.rules_count == 1,
    ),
    Case(
        "pronunciation_dictionaries.list",
        (),
        {"sort": "asc"},
        "GET",
        "/pronunciation-dictionaries",
        query={"sort": "asc"},
        response={"data": [DICTIONARY], "total_count": 1, "page": 0, "limit": 10},
    ),
    Case(
        "pronunciation_dictionaries.get", ("pd_1",), {}, "GET", "/pronunciation-dictionaries/pd_1", response=DICTIONARY
    ),
    Case(
        "pronunciation_dictionaries.patch",
        ("pd_1", [{"op": "replace", "path": "/name", "value": "Brand"}]),
        {},
        "PATCH",
        "/pronunciation-dictionaries/pd_1",
        body=[{"op": "replace", "path": "/name", "value": "Brand"}],
        response=DICTIONARY,
    ),
    Case("pronunciation_dictionaries.delete", ("pd_1",), {}, "DELETE", "/pronunciation-dictionaries/pd_1"),
    Case(
        "transcriptions.create",
        (),
        {"file_url": "https://example.com/v.mp4", "callback_url": "https://hook.test"},
        "POST",
        "/transcriptions",
        body={"file_url": "https://example.com/v.mp4", "callback_url": "https://hook.test"},
        response=TRANSCRIPTION,
        check=lambda r: isinstance(r, Transcription) and r.status == "started",
    ),
    Case("transcriptions.list", (), {}, "GET", "/transcriptions", response={"data": [TRANSCRIPTION], "total_count": 1}),
    Case("transcriptions.get", ("t1",), {}, "GET", "/transcriptions/t1", response=TRANSCRIPTION),
    Case("transcriptions.delete", ("t1",), {}, "DELETE", "/transcriptions/t1"),
]


async def call(client: AsyncTavus | Tavus, dotted: str, *args: Any, **kwargs: Any) -> Any:
    resource, method = dotted.split(".")
    return await resolve(getattr(getattr(client, resource), method)(*args, **kwargs))


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
async def test_operation_sends_documented_request(
    client: AsyncTavus | Tavus, router: respx.MockRouter, case: Case
) -> None:
    route = router.request(case.method, case.path).mock(
        return_value=httpx.Response(200, json=case.response) if case.response is not None else httpx.Response(200)
    )

    result = await call(client, case.call, *case.args, **case.kwargs)

    assert route.call_count == 1
    sent = route.calls.last.request
    assert sent.headers["x-api-key"] == API_KEY
    assert dict(sent.url.params) == case.query
    if case.body is None:
        assert sent.content == b""
    else:
        assert sent.headers["content-type"] == "application/json"
        assert json.loads(sent.content) == case.body
    if case.call.endswith(".list"):
        items = result.data
        assert len(items) == len(case.response["data"])
    elif case.check is not None:
        assert case.check(result)


async def test_delete_accepts_204_and_json_bodies(client: AsyncTavus | Tavus, router: respx.MockRouter) -> None:
    router.delete("/personas/p1").mock(return_value=httpx.Response(204))
    router.delete("/personas/p2").mock(return_value=httpx.Response(200, json={"message": "deleted"}))
    assert await resolve(client.personas.delete("p1")) is None
    assert await resolve(client.personas.delete("p2")) is None


async def test_ids_are_escaped_in_paths(client: AsyncTavus | Tavus, router: respx.MockRouter) -> None:
    route = router.get("/personas/a%3Fb%23c%25").mock(return_value=httpx.Response(200, json={"persona_id": "x"}))
    await resolve(client.personas.get("a?b#c%"))
    assert route.called


@pytest.mark.parametrize("bad", ["", "   "])
async def test_empty_ids_are_refused_before_sending(
    client: AsyncTavus | Tavus, router: respx.MockRouter, bad: str
) -> None:
    with pytest.raises(ValueError, match="an id cannot be empty"):
        await resolve(client.conversations.end(bad))
    assert not router.calls


async def test_unknown_keyword_is_refused_with_the_known_ones(
    client: AsyncTavus | Tavus, router: respx.MockRouter
) -> None:
    with pytest.raises(TypeError, match=r"unexpected keyword argument\(s\) 'replica'.*replica_id.*extra_body"):
        await resolve(client.conversations.create(replica="r1"))  # type: ignore[call-arg]
    assert not router.calls


async def test_missing_required_keyword_is_refused(client: AsyncTavus | Tavus, router: respx.MockRouter) -> None:
    with pytest.raises(TypeError, match=r"missing required keyword argument.*'replica_id'"):
        await resolve(client.videos.create(script="hi"))  # type: ignore[call-arg]
    with pytest.raises(TypeError, match=r"needs train_video_url=\.\.\., or train_image_url=\.\.\. with voice_name"):
        await resolve(client.replicas.create(replica_name="me"))
    with pytest.raises(TypeError, match=r"not both"):
        await resolve(client.replicas.create(train_video_url="https://x/v.mp4", train_image_url="https://x/i.png"))
    with pytest.raises(TypeError, match=r"train_image_url needs voice_name"):
        await resolve(client.replicas.create(train_image_url="https://x/i.png"))
    assert not router.calls


async def test_an_image_trained_replica_as_the_docs_send_it(
    client: AsyncTavus | Tavus, router: respx.MockRouter
) -> None:
    route = router.post("/replicas").mock(
        return_value=httpx.Response(200, json={"replica_id": "r1", "status": "started"})
    )
    replica = await resolve(client.replicas.create(train_image_url="https://x/face.png", voice_name="anna"))
    assert (replica.replica_id, replica.status) == ("r1", "started")
    assert json.loads(route.calls.last.request.content) == {
        "train_image_url": "https://x/face.png",
        "voice_name": "anna",
    }


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"replica_id": "r1"}, "exactly one of script"),
        ({"replica_id": "r1", "script": "hi", "audio_url": "https://a.test/a.wav"}, "exactly one of script"),
        ({"replica_id": "r1", "script": "hi", "transparent_background": True}, "only available with fast=True"),
    ],
)
async def test_video_create_rules_checked_before_sending(
    client: AsyncTavus | Tavus, router: respx.MockRouter, kwargs: dict[str, Any], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        await resolve(client.videos.create(**kwargs))
    assert not router.calls


async def test_bad_patch_path_is_refused_with_suggestion(client: AsyncTavus | Tavus, router: respx.MockRouter) -> None:
    with pytest.raises(ValueError, match='did you mean "/layers/llm/model"'):
        await resolve(client.personas.patch("p1", [{"op": "replace", "path": "/layers/llm/modle", "value": "x"}]))
    assert not router.calls


async def test_patch_path_check_can_be_skipped(client: AsyncTavus | Tavus, router: respx.MockRouter) -> None:
    route = router.patch("/personas/p1").mock(return_value=httpx.Response(200, json={"persona_id": "p1"}))
    ops = [{"op": "add", "path": "/layers/brand_new_layer", "value": {}}]
    await resolve(client.personas.patch("p1", ops, check_paths=False))
    assert json.loads(route.calls.last.request.content) == ops


async def test_empty_patch_is_refused(client: AsyncTavus | Tavus, router: respx.MockRouter) -> None:
    with pytest.raises(ValueError, match="at least one operation"):
        await resolve(client.personas.patch("p1", []))
    assert not router.calls


async def test_models_and_secrets_are_sent_in_full(client: AsyncTavus | Tavus, router: respx.MockRouter) -> None:
    from tavus_sdk.types import LLMLayer, PersonaLayers

    route = router.post("/personas").mock(return_value=httpx.Response(200, json=PERSONA))
    layers = PersonaLayers(llm=LLMLayer(model="my-model", base_url="https://llm.test/v1", api_key="sk-secret"))
    await resolve(client.personas.create(persona_name="X", system_prompt="Y", layers=layers))
    sent = json.loads(route.calls.last.request.content)
    assert sent["layers"] == {"llm": {"model": "my-model", "base_url": "https://llm.test/v1", "api_key": "sk-secret"}}
