"""Personas: create rules, conversational-flow defaults, references, JSON Patch, stock personas, secrets, SDK use."""

from __future__ import annotations

import copy
import re
from typing import Any

import httpx
import pytest

from tavus_sdk import AsyncTavus, NotFoundError, PermissionDeniedError, Tavus
from tavus_sdk.patch import Patch, diff
from tavus_sdk.testing import TavusEmulator
from tests.testing.conftest import API_KEY, assert_fits

STOCK = "pdced222244b"
STOCK_REPLICA = "r79e1c033f"
PIPECAT = ("pipecat-stream", "pipecat0")
FULL = {"persona_name": "Fashion Advisor", "system_prompt": "You give fashion advice.", "context": "A client call."}
FLOW_DEFAULTS = {
    "turn_detection_model": "sparrow-1",
    "turn_taking_patience": "medium",
    "replica_interruptibility": "medium",
}


async def create(http: httpx.AsyncClient, **body: Any) -> dict[str, Any]:
    response = await http.post("/personas", json={**FULL, **body})
    assert response.status_code == 200, response.text
    persona: dict[str, Any] = response.json()
    return persona


async def patch(http: httpx.AsyncClient, persona_id: str, operations: Any) -> httpx.Response:
    return await http.patch(f"/personas/{persona_id}", json=operations)


async def get(http: httpx.AsyncClient, persona_id: str) -> dict[str, Any]:
    response = await http.get(f"/personas/{persona_id}")
    assert response.status_code == 200, response.text
    persona: dict[str, Any] = response.json()
    return persona


def errors_of(response: httpx.Response) -> dict[str, str]:
    return {error["field"]: error["message"] for error in response.json().get("errors", [])}


# -- create -------------------------------------------------------------------------------------------------


async def test_create_answers_the_persona_as_stored(http: httpx.AsyncClient) -> None:
    persona = await create(http, default_replica_id=STOCK_REPLICA)
    assert re.fullmatch(r"p[0-9a-f]{11}", persona["persona_id"])
    assert persona["pipeline_mode"] == "full"
    assert persona["default_replica_id"] == STOCK_REPLICA
    assert {key: persona[key] for key in FULL} == FULL
    assert persona["created_at"] == persona["updated_at"]
    assert_fits(persona, "Persona")
    assert await get(http, persona["persona_id"]) == persona


@pytest.mark.parametrize("body", [{}, {"pipeline_mode": "full"}, {"system_prompt": "   "}])
async def test_full_mode_needs_a_system_prompt(http: httpx.AsyncClient, body: dict[str, Any]) -> None:
    response = await http.post("/personas", json={"persona_name": "No prompt", **body})
    assert response.status_code == 422
    assert "system_prompt" in errors_of(response)
    assert [p["persona_name"] for p in (await http.get("/personas")).json()["data"]].count("No prompt") == 0


async def test_echo_mode_needs_no_system_prompt(http: httpx.AsyncClient) -> None:
    # The LiveKit example (docs.tavus.io/sections/integrations/livekit).
    body = {"pipeline_mode": "echo", "layers": {"transport": {"transport_type": "livekit"}}}
    response = await http.post("/personas", json=body)
    assert response.status_code == 200, response.text
    assert response.json()["system_prompt"] is None
    assert response.json()["layers"]["transport"] == {"transport_type": "livekit"}
    assert_fits(response.json(), "Persona")


async def test_one_flow_setting_brings_the_documented_defaults_for_the_others(http: httpx.AsyncClient) -> None:
    persona = await create(http, layers={"conversational_flow": {"turn_taking_patience": "low"}})
    assert (await get(http, persona["persona_id"]))["layers"]["conversational_flow"] == {
        "turn_detection_model": "sparrow-1",
        "turn_taking_patience": "low",
        "replica_interruptibility": "medium",
    }


@pytest.mark.parametrize("layers", [None, {"llm": {"model": "tavus-gpt-4o"}}, {"conversational_flow": {}}])
async def test_no_flow_setting_means_no_flow_layer(http: httpx.AsyncClient, layers: dict[str, Any] | None) -> None:
    persona = await create(http, **({"layers": layers} if layers is not None else {}))
    stored = await get(http, persona["persona_id"])
    assert stored["layers"].get("conversational_flow") is None
    assert_fits(stored, "Persona")


async def test_a_null_flow_setting_is_unset_and_takes_the_default(http: httpx.AsyncClient) -> None:
    flow = {"replica_interruptibility": "verylow", "turn_taking_patience": None}
    persona = await create(http, layers={"conversational_flow": flow})
    assert persona["layers"]["conversational_flow"] == {**FLOW_DEFAULTS, "replica_interruptibility": "verylow"}


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"default_replica_id": "r000000000"}, "default_replica_id", "Replica not found: r000000000"),
        ({"objectives_id": "o12345"}, "objectives_id", "Objectives not found: o12345"),
        ({"guardrails_id": "g12345"}, "guardrails_id", "Guardrails not found: g12345"),
        ({"document_ids": ["d1", "d2"]}, "document_ids.1", "Document not found: d2"),
    ],
)
async def test_an_unknown_reference_is_400_naming_the_field(
    http: httpx.AsyncClient, emulator: TavusEmulator, body: dict[str, Any], field: str, message: str
) -> None:
    emulator.store.table("documents")["d1"] = {"document_id": "d1", "_owner_key": API_KEY}
    before = (await http.get("/personas")).json()
    response = await http.post("/personas", json={**FULL, **body})
    assert response.status_code == 400
    assert errors_of(response) == {field: message}
    assert (await http.get("/personas")).json() == before


async def test_documents_of_another_api_key_cannot_be_attached(
    http: httpx.AsyncClient, emulator: TavusEmulator
) -> None:
    emulator.store.table("documents")["d1"] = {"document_id": "d1", "_owner_key": API_KEY}
    emulator.store.table("documents")["d9"] = {"document_id": "d9", "_owner_key": "someone-else"}
    assert (await create(http, document_ids=["d1"]))["document_ids"] == ["d1"]
    response = await http.post("/personas", json={**FULL, "document_ids": ["d9"]})
    assert (response.status_code, errors_of(response)) == (400, {"document_ids.0": "Document not found: d9"})


async def test_a_custom_llm_needs_a_base_url_and_an_api_key(http: httpx.AsyncClient) -> None:
    response = await http.post("/personas", json={**FULL, "layers": {"llm": {"model": "gpt-4o"}}})
    assert response.status_code == 422
    assert set(errors_of(response)) == {"layers.llm.base_url", "layers.llm.api_key"}
    hosted = await create(http, layers={"llm": {"model": "tavus-gpt-oss"}})
    assert hosted["layers"]["llm"] == {"model": "tavus-gpt-oss"}


# -- secrets ------------------------------------------------------------------------------------------------


async def test_api_keys_are_returned_by_the_api_and_masked_by_the_sdk(
    http: httpx.AsyncClient, tavus: AsyncTavus
) -> None:
    layers = {
        "llm": {"model": "my-llm", "base_url": "https://llm.example.com/v1", "api_key": "sk-llm-secret"},
        "tts": {"tts_engine": "elevenlabs", "api_key": "el-secret", "external_voice_id": "v1"},
    }
    raw = await create(http, layers=layers)
    assert raw["layers"]["llm"]["api_key"] == "sk-llm-secret"
    assert raw["layers"]["tts"]["api_key"] == "el-secret"
    persona = await tavus.personas.get(raw["persona_id"])
    assert persona.layers is not None
    assert persona.layers.llm is not None
    assert persona.layers.tts is not None
    assert "sk-llm-secret" not in repr(persona)
    assert "el-secret" not in repr(persona)
    assert "sk-llm-secret" not in str(persona.to_dict())
    assert persona.layers.llm.api_key is not None
    assert persona.layers.llm.api_key.get_secret_value() == "sk-llm-secret"
    assert persona.to_dict(reveal_secrets=True)["layers"]["tts"]["api_key"] == "el-secret"


# -- patch --------------------------------------------------------------------------------------------------


async def test_the_docs_patch_example_applies(http: httpx.AsyncClient, emulator: TavusEmulator) -> None:
    persona = await create(
        http,
        layers={
            "llm": {"model": "tavus-gpt-oss"},
            "tts": {"tts_engine": "elevenlabs"},
            "stt": {"hotwords": "Tavus"},
            "perception": {"perception_model": "raven-0", "perception_tool_prompt": "Never use tools."},
        },
    )
    emulator.advance(60)
    response = await patch(
        http,
        persona["persona_id"],
        [
            {"op": "replace", "path": "/persona_name", "value": "Wellness Advisor"},
            {"op": "replace", "path": "/default_replica_id", "value": STOCK_REPLICA},
            {"op": "replace", "path": "/context", "value": "Here are a few times that you have helped..."},
            {"op": "replace", "path": "/layers/llm/model", "value": "tavus-gpt-4o"},
            {"op": "replace", "path": "/layers/tts/tts_engine", "value": "cartesia"},
            {"op": "add", "path": "/layers/tts/tts_emotion_control", "value": "true"},
            {"op": "remove", "path": "/layers/stt/hotwords"},
            {"op": "replace", "path": "/layers/perception/perception_tool_prompt", "value": "Use tools."},
        ],
    )
    assert response.status_code == 200, response.text
    patched = response.json()
    assert_fits(patched, "Persona")
    assert (patched["persona_name"], patched["default_replica_id"]) == ("Wellness Advisor", STOCK_REPLICA)
    assert patched["layers"] == {
        "llm": {"model": "tavus-gpt-4o"},
        "tts": {"tts_engine": "cartesia", "tts_emotion_control": "true"},
        "stt": {},
        "perception": {"perception_model": "raven-0", "perception_tool_prompt": "Use tools."},
    }
    assert patched["created_at"] == persona["created_at"]
    assert patched["updated_at"] > persona["updated_at"]
    assert await get(http, persona["persona_id"]) == patched


async def test_move_copy_and_test_apply_in_order(http: httpx.AsyncClient) -> None:
    persona = await create(http)
    response = await patch(
        http,
        persona["persona_id"],
        [
            {"op": "test", "path": "/persona_name", "value": "Fashion Advisor"},
            {"op": "copy", "from": "/system_prompt", "path": "/context"},
            {"op": "move", "from": "/persona_name", "path": "/system_prompt"},
        ],
    )
    assert response.status_code == 200, response.text
    patched = response.json()
    assert (patched["system_prompt"], patched["context"]) == ("Fashion Advisor", "You give fashion advice.")
    assert patched.get("persona_name") is None


async def test_a_patch_that_adds_a_flow_setting_gets_the_defaults(http: httpx.AsyncClient) -> None:
    persona = await create(http)
    flow = {"replica_interruptibility": "high"}
    response = await patch(
        http, persona["persona_id"], [{"op": "add", "path": "/layers/conversational_flow", "value": flow}]
    )
    assert response.json()["layers"]["conversational_flow"] == {**FLOW_DEFAULTS, "replica_interruptibility": "high"}


async def test_a_failing_test_is_409_and_nothing_changes(http: httpx.AsyncClient) -> None:
    persona = await create(http)
    response = await patch(
        http,
        persona["persona_id"],
        [
            {"op": "replace", "path": "/persona_name", "value": "Changed"},
            {"op": "test", "path": "/context", "value": "Something else"},
        ],
    )
    assert response.status_code == 409
    assert 'test failed at "/context"' in response.json()["message"]
    assert await get(http, persona["persona_id"]) == persona


async def test_a_bad_path_is_422_with_a_suggestion(http: httpx.AsyncClient) -> None:
    persona = await create(http, layers={"llm": {"model": "tavus-gpt-4o"}})
    response = await patch(
        http, persona["persona_id"], [{"op": "replace", "path": "/layers/llm/modle", "value": "tavus-gpt-oss"}]
    )
    assert response.status_code == 422
    assert 'did you mean "/layers/llm/model"?' in errors_of(response)["0.path"]
    assert await get(http, persona["persona_id"]) == persona


@pytest.mark.parametrize("path", ["/persona_id", "/created_at"])
async def test_server_set_fields_are_read_only(http: httpx.AsyncClient, path: str) -> None:
    persona = await create(http)
    response = await patch(http, persona["persona_id"], [{"op": "replace", "path": path, "value": "p123"}])
    assert response.status_code == 422
    assert "is read-only" in errors_of(response)["0.path"]
    assert await get(http, persona["persona_id"]) == persona


@pytest.mark.parametrize(
    "body", [{"op": "replace", "path": "/persona_name", "value": "x"}, [], [{"op": "replace", "path": "/persona_name"}]]
)
async def test_a_body_that_is_not_a_json_patch_is_422(http: httpx.AsyncClient, body: Any) -> None:
    persona = await create(http)
    response = await patch(http, persona["persona_id"], body)
    assert response.status_code == 422
    assert response.json()["errors"]


@pytest.mark.parametrize(
    "operations",
    [
        [{"op": "remove", "path": "/system_prompt"}],
        [{"op": "replace", "path": "/system_prompt", "value": ""}],
        [{"op": "replace", "path": "/system_prompt", "value": None}],
    ],
)
async def test_a_full_mode_persona_cannot_lose_its_system_prompt(
    http: httpx.AsyncClient, operations: list[dict[str, Any]]
) -> None:
    persona = await create(http)
    response = await patch(http, persona["persona_id"], operations)
    assert response.status_code == 400
    assert errors_of(response) == {"system_prompt": "system_prompt is required when pipeline_mode is full"}
    assert await get(http, persona["persona_id"]) == persona


async def test_an_echo_persona_can_drop_its_system_prompt(http: httpx.AsyncClient) -> None:
    persona = await create(http)
    response = await patch(
        http,
        persona["persona_id"],
        [{"op": "replace", "path": "/pipeline_mode", "value": "echo"}, {"op": "remove", "path": "/system_prompt"}],
    )
    assert response.status_code == 200, response.text
    assert response.json()["pipeline_mode"] == "echo"
    assert "system_prompt" not in response.json()


async def test_a_patch_cannot_bring_in_an_unknown_reference_or_a_custom_llm_without_its_url(
    http: httpx.AsyncClient,
) -> None:
    persona = await create(http)
    unknown = await patch(http, persona["persona_id"], [{"op": "add", "path": "/default_replica_id", "value": "r0"}])
    assert (unknown.status_code, errors_of(unknown)) == (400, {"default_replica_id": "Replica not found: r0"})
    custom = await patch(
        http, persona["persona_id"], [{"op": "add", "path": "/layers/llm", "value": {"model": "mine"}}]
    )
    assert custom.status_code == 400
    assert "layers.llm.base_url" in errors_of(custom)
    assert await get(http, persona["persona_id"]) == persona


async def test_a_reference_that_went_away_does_not_block_other_changes(
    http: httpx.AsyncClient, emulator: TavusEmulator
) -> None:
    emulator.store.table("replicas")["r0123456789"] = {"replica_id": "r0123456789", "status": "ready"}
    emulator.store.table("documents")["d1"] = {"document_id": "d1", "_owner_key": API_KEY}
    persona = await create(http, default_replica_id="r0123456789", document_ids=["d1"])
    del emulator.store.table("replicas")["r0123456789"]
    del emulator.store.table("documents")["d1"]
    response = await patch(
        http, persona["persona_id"], [{"op": "replace", "path": "/persona_name", "value": "Renamed"}]
    )
    assert response.status_code == 200, response.text
    again = await patch(http, persona["persona_id"], [{"op": "add", "path": "/document_ids/-", "value": "d2"}])
    assert (again.status_code, errors_of(again)) == (400, {"document_ids.1": "Document not found: d2"})


async def test_patch_and_delete_of_an_unknown_persona_are_tavus_400(http: httpx.AsyncClient) -> None:
    assert (await patch(http, "p0000000", [{"op": "remove", "path": "/context"}])).status_code == 400
    assert (await http.delete("/personas/p0000000")).json() == {"error": "Invalid persona_id"}
    missing = await http.get("/personas/p0000000")
    assert (missing.status_code, missing.json()) == (400, {"error": "Invalid persona_id"})


# -- stock personas -----------------------------------------------------------------------------------------


async def test_stock_and_pipecat_personas_are_listed_and_readable(http: httpx.AsyncClient) -> None:
    listed = (await http.get("/personas", params={"limit": 100})).json()
    assert_fits(listed, "PersonaList")
    ids = {persona["persona_id"] for persona in listed["data"]}
    assert {STOCK, *PIPECAT} <= ids
    sales = await get(http, STOCK)
    assert (sales["persona_name"], sales["pipeline_mode"]) == ("Sales Coach", "full")
    for persona_id in PIPECAT:
        pipecat = await get(http, persona_id)
        assert_fits(pipecat, "Persona")
        assert pipecat["pipeline_mode"] == "echo"
        assert isinstance(pipecat["persona_name"], str)
        assert pipecat["persona_name"]


@pytest.mark.parametrize("persona_id", [STOCK, *PIPECAT])
async def test_stock_personas_are_read_only(http: httpx.AsyncClient, persona_id: str) -> None:
    before = await get(http, persona_id)
    patched = await patch(http, persona_id, [{"op": "replace", "path": "/persona_name", "value": "Mine"}])
    assert patched.status_code == 403
    assert patched.json()["message"] == (
        f"Persona {persona_id} is a stock persona and cannot be changed; create your own instead"
    )
    assert (await http.delete(f"/personas/{persona_id}")).status_code == 403
    assert await get(http, persona_id) == before


# -- SDK ----------------------------------------------------------------------------------------------------


async def test_lifecycle_through_the_async_sdk(tavus: AsyncTavus) -> None:
    created = await tavus.personas.create(
        persona_name="Coach",
        system_prompt="Coach the user.",
        default_replica_id=STOCK_REPLICA,
        layers={"llm": {"model": "tavus-gpt-4o"}},
    )
    assert await tavus.personas.get(created.persona_id) == created
    assert created.persona_id in [p.persona_id async for p in tavus.personas.list()]
    renamed = await tavus.personas.patch(
        created.persona_id, Patch().test("/persona_name", "Coach").replace("/persona_name", "Head Coach")
    )
    assert renamed.persona_name == "Head Coach"
    edited = copy.deepcopy(renamed.to_dict())
    edited["layers"]["llm"]["model"] = "tavus-gpt-oss"
    edited["context"] = "Weekly check-ins."
    diffed = await tavus.personas.patch(created.persona_id, diff(renamed.to_dict(), edited))
    assert diffed.layers is not None
    assert diffed.layers.llm is not None
    assert (diffed.layers.llm.model, diffed.context) == ("tavus-gpt-oss", "Weekly check-ins.")
    with pytest.raises(PermissionDeniedError):
        await tavus.personas.delete(STOCK)
    await tavus.personas.delete(created.persona_id)
    with pytest.raises(NotFoundError):
        await tavus.personas.get(created.persona_id)


def test_lifecycle_through_the_sync_sdk(sync_tavus: Tavus) -> None:
    created = sync_tavus.personas.create(system_prompt="Answer briefly.")
    assert created.persona_id in [p.persona_id for p in sync_tavus.personas.list()]
    patched = sync_tavus.personas.patch(created.persona_id, Patch().add("/persona_name", "Brief"))
    assert sync_tavus.personas.get(created.persona_id).persona_name == patched.persona_name == "Brief"
    sync_tavus.personas.delete(created.persona_id)
    with pytest.raises(NotFoundError):
        sync_tavus.personas.delete(created.persona_id)


async def test_ensure_pipecat_stream_uses_the_echo_persona_and_reuses_it(tavus: AsyncTavus) -> None:
    count = len([p async for p in tavus.personas.list()])
    stream = await tavus.personas.ensure_pipecat_stream(replica_id=STOCK_REPLICA)
    assert (stream.persona_name, stream.pipeline_mode) == ("pipecat-stream", "echo")
    assert (await tavus.personas.ensure_pipecat_stream(replica_id=STOCK_REPLICA)).persona_id == stream.persona_id
    assert len([p async for p in tavus.personas.list()]) == count


async def test_ensure_pipecat_stream_creates_a_named_echo_persona_once(tavus: AsyncTavus) -> None:
    first = await tavus.personas.ensure_pipecat_stream(name="my-pipecat", replica_id=STOCK_REPLICA)
    assert (first.persona_name, first.pipeline_mode, first.default_replica_id) == ("my-pipecat", "echo", STOCK_REPLICA)
    again = await tavus.personas.ensure_pipecat_stream(name="my-pipecat", replica_id=STOCK_REPLICA)
    assert again.persona_id == first.persona_id
    assert [p.persona_name async for p in tavus.personas.list()].count("my-pipecat") == 1


def test_ensure_pipecat_stream_through_the_sync_sdk(sync_tavus: Tavus) -> None:
    first = sync_tavus.personas.ensure_pipecat_stream(name="sync-pipecat")
    assert sync_tavus.personas.ensure_pipecat_stream(name="sync-pipecat").persona_id == first.persona_id
