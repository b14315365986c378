"""Guardrail sets (the newest docs' "legacy" sets): create, paged list, get, JSON Patch, delete, personas.

Item fields are singular (``guardrail_name``, ``guardrail_prompt``), as in openapi.yaml and the
legacy-guardrail-sets page; the answers are Tavus's: create ``{guardrails_id, guardrails_name, status,
created_at}``, unknown id 400 ``{"error": "Invalid guardrails_id"}``, patch 200 ``{"message"}`` or 304, delete 204.
"""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest

from tavus_sdk import AsyncTavus, BadRequestError, NotFoundError, Tavus
from tavus_sdk.patch import Patch
from tavus_sdk.testing import TavusEmulator
from tavus_sdk.testing._spec import load_spec
from tests.testing.conftest import assert_fits

HEALTHCARE = load_spec()["paths"]["/guardrails"]["post"]["requestBody"]["content"]["application/json"]["examples"][
    "healthcare"
]["value"]
ONE = {"guardrail_name": "no_competitors", "guardrail_prompt": "Never discuss competitors' products."}


async def create(http: httpx.AsyncClient, *items: dict[str, Any], name: str | None = None) -> dict[str, Any]:
    """Create a set and return it as GET shows it."""
    body: dict[str, Any] = {"data": list(items) or [ONE]}
    if name is not None:
        body["name"] = name
    response = await http.post("/guardrails", json=body)
    assert response.status_code == 200, response.text
    return await fetch(http, response.json()["guardrails_id"])


async def fetch(http: httpx.AsyncClient, guardrails_id: str) -> dict[str, Any]:
    response = await http.get(f"/guardrails/{guardrails_id}")
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def patch(http: httpx.AsyncClient, guardrails_id: str, operations: Any) -> httpx.Response:
    return await http.patch(f"/guardrails/{guardrails_id}", json=operations)


def errors_of(response: httpx.Response) -> dict[str, str]:
    return {error["field"]: error["message"] for error in response.json().get("errors", [])}


def refused(response: httpx.Response) -> str:
    assert response.status_code == 400, response.text
    assert set(response.json()) == {"error"}
    text: str = response.json()["error"]
    return text


# -- create, list, get --------------------------------------------------------------------------------------


async def test_create_answers_the_documented_summary(http: httpx.AsyncClient) -> None:
    response = await http.post("/guardrails", json=HEALTHCARE)
    assert response.status_code == 200
    created = response.json()
    assert set(created) == {"guardrails_id", "guardrails_name", "status", "created_at"}
    assert re.fullmatch(r"g[0-9a-f]{11}", created["guardrails_id"])
    assert (created["guardrails_name"], created["status"]) == ("Healthcare Compliance Guardrails", "active")
    assert_fits(created, "Guardrails")
    stored = await fetch(http, created["guardrails_id"])
    assert stored["data"] == HEALTHCARE["data"]
    assert stored["guardrails_name"] == "Healthcare Compliance Guardrails"
    assert_fits(stored, "Guardrails")


async def test_modality_defaults_to_verbal(http: httpx.AsyncClient) -> None:
    assert (await create(http, ONE))["data"] == [{**ONE, "modality": "verbal"}]


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"data": []}, "data", "should be non-empty"),
        ({"data": [{"guardrail_prompt": "Be nice."}]}, "data.0.guardrail_name", "is required"),
        ({"data": [{"guardrail_name": "nice"}]}, "data.0.guardrail_prompt", "is required"),
        ({"data": [{**ONE, "guardrail_name": "No Competitors"}]}, "data.0.guardrail_name", "does not match"),
        ({"data": [{**ONE, "guardrail_name": "g" * 101}]}, "data.0.guardrail_name", "is too long"),
        ({"data": [{**ONE, "guardrail_prompt": "p" * 1001}]}, "data.0.guardrail_prompt", "is too long"),
        ({"data": [{**ONE, "callback_url": "https://x.test/" + "a" * 2040}]}, "data.0.callback_url", "is too long"),
        ({"data": [{**ONE, "modality": "audio"}]}, "data.0.modality", "'verbal', 'visual'"),
        ({"data": [{**ONE, "callback_url": 5}]}, "data.0.callback_url", "is not of type 'string'"),
        (
            {"data": [{"guardrails_name": "a", "guardrails_prompt": "b"}]},
            "data.0.guardrail_name",
            "is required",
        ),
    ],
)
async def test_create_rejects_a_body_that_breaks_the_schema(
    http: httpx.AsyncClient, body: dict[str, Any], field: str, message: str
) -> None:
    response = await http.post("/guardrails", json=body)
    assert response.status_code == 422
    assert message in errors_of(response)[field]
    assert (await http.get("/guardrails")).json()["total_count"] == 0


async def test_list_and_get_show_the_stored_sets(http: httpx.AsyncClient) -> None:
    first, second = await create(http), await create(http, *HEALTHCARE["data"])
    listed = (await http.get("/guardrails")).json()
    assert_fits(listed, "GuardrailsList")
    assert listed == {"data": [first, second], "total_count": 2, "page": 1, "limit": 10}
    # Tavus's own client asks for legacy=false&type=user&page=1: it is answered, not refused.
    asked = await http.get("/guardrails", params={"legacy": "false", "type": "user", "page": 1, "limit": 25})
    assert asked.status_code == 200
    missing = await http.get("/guardrails/g00000000000")
    assert refused(missing) == "Invalid guardrails_id"


async def test_the_list_pages_and_filters(http: httpx.AsyncClient) -> None:
    ids = [(await create(http, {**ONE, "guardrail_name": f"rule_{i}"}))["guardrails_id"] for i in range(11)]
    first = (await http.get("/guardrails")).json()
    assert ([s["guardrails_id"] for s in first["data"]], first["total_count"]) == (ids[:10], 11)
    second = (await http.get("/guardrails", params={"page": 2})).json()
    assert [s["guardrails_id"] for s in second["data"]] == ids[10:]
    named = (await http.get("/guardrails", params={"name_or_uuid": "RULE_7"})).json()
    assert [s["guardrails_id"] for s in named["data"]] == [ids[7]]


# -- patch --------------------------------------------------------------------------------------------------


async def test_the_docs_patch_example_answers_a_message(http: httpx.AsyncClient, emulator: TavusEmulator) -> None:
    created = await create(http, *HEALTHCARE["data"])
    emulator.advance(30)
    response = await patch(
        http,
        created["guardrails_id"],
        [
            {"op": "replace", "path": "/data/0/guardrail_prompt", "value": "Your updated prompt"},
            {"op": "add", "path": "/data/1/callback_url", "value": "https://your-server.com/webhook"},
        ],
    )
    assert (response.status_code, response.json()) == (200, {"message": "Guardrails updated successfully"})
    patched = await fetch(http, created["guardrails_id"])
    assert patched["data"][0] == {**HEALTHCARE["data"][0], "guardrail_prompt": "Your updated prompt"}
    assert patched["data"][1]["callback_url"] == "https://your-server.com/webhook"
    assert patched["updated_at"] > created["updated_at"]


async def test_a_patch_that_changes_nothing_is_304(http: httpx.AsyncClient) -> None:
    created = await create(http)
    response = await patch(
        http, created["guardrails_id"], [{"op": "test", "path": "/data/0/modality", "value": "verbal"}]
    )
    assert (response.status_code, response.content) == (304, b"")


async def test_remove_needs_no_value_and_an_appended_guardrail_gets_the_default(http: httpx.AsyncClient) -> None:
    created = await create(http, {**ONE, "callback_url": "https://example.com/hook"})
    response = await patch(
        http,
        created["guardrails_id"],
        [
            {"op": "remove", "path": "/data/0/callback_url"},
            {"op": "add", "path": "/data/-", "value": {"guardrail_name": "alone", "guardrail_prompt": "Alone?"}},
        ],
    )
    assert response.status_code == 200, response.text
    assert (await fetch(http, created["guardrails_id"]))["data"] == [
        {**ONE, "modality": "verbal"},
        {"guardrail_name": "alone", "guardrail_prompt": "Alone?", "modality": "verbal"},
    ]


async def test_the_old_plural_path_is_refused_with_the_singular_suggested(http: httpx.AsyncClient) -> None:
    created = await create(http)
    response = await patch(
        http, created["guardrails_id"], [{"op": "replace", "path": "/data/0/guardrails_prompt", "value": "x"}]
    )
    text = refused(response)
    assert '"guardrails_prompt" is not a field of Guardrail' in text
    assert 'did you mean "/data/0/guardrail_prompt"?' in text


@pytest.mark.parametrize(
    "operations",
    [
        [{"op": "replace", "path": "/guardrails_id", "value": "g1"}],
        [{"op": "replace", "path": "/data/0/modality", "value": "audio"}],
        [{"op": "remove", "path": "/data/0"}],
        [{"op": "remove", "path": "/data/2/callback_url"}],
        [
            {"op": "replace", "path": "/data/0/modality", "value": "visual"},
            {"op": "test", "path": "/data/0/modality", "value": "verbal"},
        ],
    ],
)
async def test_a_refused_patch_is_400_and_changes_nothing(http: httpx.AsyncClient, operations: Any) -> None:
    created = await create(http)
    assert refused(await patch(http, created["guardrails_id"], operations)).startswith("Invalid patch operation: ")
    assert await fetch(http, created["guardrails_id"]) == created


# -- delete and personas ------------------------------------------------------------------------------------


async def test_delete_answers_204_and_the_set_is_gone(http: httpx.AsyncClient) -> None:
    created = await create(http)
    response = await http.delete(f"/guardrails/{created['guardrails_id']}")
    assert (response.status_code, response.content) == (204, b"")
    assert refused(await http.get(f"/guardrails/{created['guardrails_id']}")) == "Invalid guardrails_id"
    assert refused(await http.delete(f"/guardrails/{created['guardrails_id']}")) == "Invalid guardrails_id"


async def test_personas_attach_existing_sets_only_and_lose_them_when_deleted(http: httpx.AsyncClient) -> None:
    created = await create(http)
    unknown = await http.post("/personas", json={"system_prompt": "Help.", "guardrails_id": "g12345"})
    assert unknown.status_code == 400
    persona = await http.post("/personas", json={"system_prompt": "Help.", "guardrails_id": created["guardrails_id"]})
    assert persona.json()["guardrails_id"] == created["guardrails_id"]
    await http.delete(f"/guardrails/{created['guardrails_id']}")
    assert (await http.get(f"/personas/{persona.json()['persona_id']}")).json()["guardrails_id"] is None


# -- SDK ----------------------------------------------------------------------------------------------------


async def test_lifecycle_through_the_async_sdk(tavus: AsyncTavus) -> None:
    created = await tavus.guardrails.create(data=HEALTHCARE["data"], name="Healthcare")
    assert (created.guardrails_name, created.status, created.data) == ("Healthcare", "active", None)
    assert [g.guardrails_id for g in (await tavus.guardrails.list()).data] == [created.guardrails_id]
    got = await tavus.guardrails.get(created.guardrails_id)
    assert got.data is not None
    assert [g.guardrail_name for g in got.data] == ["healthcare_compliance", "participant_alone"]
    patched = await tavus.guardrails.patch(
        created.guardrails_id, Patch().replace("/data/1/modality", "verbal").remove("/data/0/callback_url")
    )
    assert patched.data is not None
    assert [g.modality for g in patched.data] == ["verbal", "verbal"]
    assert patched.data[0].callback_url is None
    persona = await tavus.personas.create(system_prompt="Help.", guardrails_id=created.guardrails_id)
    assert persona.guardrails_id == created.guardrails_id
    await tavus.guardrails.delete(created.guardrails_id)
    with pytest.raises(NotFoundError):
        await tavus.guardrails.get(created.guardrails_id)
    with pytest.raises(BadRequestError):
        await tavus.personas.patch(persona.persona_id, Patch().add("/guardrails_id", created.guardrails_id))


def test_lifecycle_through_the_sync_sdk(sync_tavus: Tavus) -> None:
    created = sync_tavus.guardrails.create(data=[ONE])
    patched = sync_tavus.guardrails.patch(
        created.guardrails_id, [{"op": "replace", "path": "/data/0/guardrail_prompt", "value": "Stay on topic."}]
    )
    assert patched.data is not None
    assert patched.data[0].guardrail_prompt == "Stay on topic."
    assert [g.guardrails_id for g in sync_tavus.guardrails.list()] == [created.guardrails_id]
    assert sync_tavus.guardrails.get(created.guardrails_id) == patched
    sync_tavus.guardrails.delete(created.guardrails_id)
    with pytest.raises(NotFoundError):
        sync_tavus.guardrails.get(created.guardrails_id)
