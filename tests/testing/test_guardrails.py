"""Guardrails: sets of guardrails (create, list, get, JSON Patch, delete) and attaching them to personas."""

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
ONE = {"guardrails_name": "no_competitors", "guardrails_prompt": "Never discuss competitors' products."}


async def create(http: httpx.AsyncClient, *items: dict[str, Any]) -> dict[str, Any]:
    response = await http.post("/guardrails", json={"data": list(items) or [ONE]})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def patch(http: httpx.AsyncClient, guardrails_id: str, operations: Any) -> httpx.Response:
    return await http.patch(f"/guardrails/{guardrails_id}", json=operations)


def errors_of(response: httpx.Response) -> dict[str, str]:
    return {error["field"]: error["message"] for error in response.json().get("errors", [])}


# -- create, list, get --------------------------------------------------------------------------------------


async def test_create_answers_the_stored_set_with_a_g_id_and_modality_defaulted(http: httpx.AsyncClient) -> None:
    created = await create(http, ONE)
    assert re.fullmatch(r"g[0-9a-f]{11}", created["guardrails_id"])
    assert created["data"] == [{**ONE, "modality": "verbal"}]
    assert created["created_at"] == created["updated_at"]
    assert_fits(created, "Guardrails")


async def test_the_docs_example_set_keeps_its_names_modalities_and_callback(http: httpx.AsyncClient) -> None:
    created = await create(http, *HEALTHCARE["data"])
    assert created["data"] == HEALTHCARE["data"]
    assert created["data"][0]["guardrails_name"] == "Healthcare Compliance Guardrails"
    assert [item["modality"] for item in created["data"]] == ["verbal", "visual"]


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"data": []}, "data", "should be non-empty"),
        ({"data": [{"guardrails_prompt": "Be nice."}]}, "data.0.guardrails_name", "is required"),
        ({"data": [{"guardrails_name": "nice"}]}, "data.0.guardrails_prompt", "is required"),
        ({"data": [{**ONE, "modality": "audio"}]}, "data.0.modality", "'verbal', 'visual'"),
        ({"data": [{**ONE, "callback_url": 5}]}, "data.0.callback_url", "is not of type 'string'"),
    ],
)
async def test_create_rejects_a_body_that_breaks_the_schema(
    http: httpx.AsyncClient, body: dict[str, Any], field: str, message: str
) -> None:
    response = await http.post("/guardrails", json=body)
    assert response.status_code == 422
    assert message in errors_of(response)[field]
    assert (await http.get("/guardrails")).json() == {"data": []}


async def test_list_and_get_show_the_stored_sets(http: httpx.AsyncClient) -> None:
    first, second = await create(http), await create(http, *HEALTHCARE["data"])
    listed = (await http.get("/guardrails")).json()
    assert_fits(listed, "GuardrailsList")
    assert listed["data"] == [first, second]
    got = await http.get(f"/guardrails/{first['guardrails_id']}")
    assert got.json() == first
    missing = await http.get("/guardrails/g00000000000")
    assert (missing.status_code, missing.json()["message"]) == (404, "Guardrails not found: g00000000000")


# -- patch --------------------------------------------------------------------------------------------------


async def test_the_docs_patch_example_updates_the_first_guardrail(
    http: httpx.AsyncClient, emulator: TavusEmulator
) -> None:
    created = await create(http, *HEALTHCARE["data"])
    emulator.advance(30)
    response = await patch(
        http,
        created["guardrails_id"],
        [
            {"op": "replace", "path": "/data/0/guardrails_prompt", "value": "Your updated prompt"},
            {"op": "add", "path": "/data/1/callback_url", "value": "https://your-server.com/webhook"},
        ],
    )
    assert response.status_code == 200, response.text
    patched = response.json()
    assert_fits(patched, "Guardrails")
    assert patched["data"][0] == {**HEALTHCARE["data"][0], "guardrails_prompt": "Your updated prompt"}
    assert patched["data"][1]["callback_url"] == "https://your-server.com/webhook"
    assert patched["created_at"] == created["created_at"]
    assert patched["updated_at"] > created["updated_at"]
    assert (await http.get(f"/guardrails/{created['guardrails_id']}")).json() == patched


async def test_remove_needs_no_value_and_an_appended_guardrail_gets_the_default(http: httpx.AsyncClient) -> None:
    created = await create(http, {**ONE, "callback_url": "https://example.com/hook"})
    response = await patch(
        http,
        created["guardrails_id"],
        [
            {"op": "remove", "path": "/data/0/callback_url"},
            {"op": "add", "path": "/data/-", "value": {"guardrails_name": "alone", "guardrails_prompt": "Alone?"}},
        ],
    )
    assert response.status_code == 200, response.text
    assert response.json()["data"] == [
        {**ONE, "modality": "verbal"},
        {"guardrails_name": "alone", "guardrails_prompt": "Alone?", "modality": "verbal"},
    ]


async def test_a_failing_test_is_409_and_changes_nothing(http: httpx.AsyncClient) -> None:
    created = await create(http)
    response = await patch(
        http,
        created["guardrails_id"],
        [
            {"op": "replace", "path": "/data/0/modality", "value": "visual"},
            {"op": "test", "path": "/data/0/modality", "value": "verbal"},
        ],
    )
    assert response.status_code == 409
    assert 'test failed at "/data/0/modality"' in response.json()["message"]
    assert (await http.get(f"/guardrails/{created['guardrails_id']}")).json() == created


async def test_a_bad_path_is_422_with_a_suggestion(http: httpx.AsyncClient) -> None:
    created = await create(http)
    response = await patch(
        http, created["guardrails_id"], [{"op": "replace", "path": "/data/0/guardrail_prompt", "value": "x"}]
    )
    assert response.status_code == 422
    message = errors_of(response)["0.path"]
    assert '"guardrail_prompt" is not a field of Guardrail' in message
    assert 'did you mean "/data/0/guardrails_prompt"?' in message


@pytest.mark.parametrize(
    ("operations", "status", "field"),
    [
        ([{"op": "replace", "path": "/guardrails_id", "value": "g1"}], 422, "0.path"),
        ([{"op": "replace", "path": "/data/0/modality", "value": "audio"}], 422, "data.0.modality"),
        ([{"op": "remove", "path": "/data/0"}], 422, "data"),
        ([{"op": "remove", "path": "/data/2/callback_url"}], 409, None),
        ({"op": "remove", "path": "/data/0/callback_url"}, 422, "body"),
    ],
)
async def test_a_rejected_patch_changes_nothing(
    http: httpx.AsyncClient, operations: Any, status: int, field: str | None
) -> None:
    created = await create(http)
    response = await patch(http, created["guardrails_id"], operations)
    assert response.status_code == status
    if field is not None:
        assert field in errors_of(response)
    assert (await http.get(f"/guardrails/{created['guardrails_id']}")).json() == created


# -- delete and personas ------------------------------------------------------------------------------------


async def test_delete_answers_an_empty_200_and_the_set_is_gone(http: httpx.AsyncClient) -> None:
    created = await create(http)
    response = await http.delete(f"/guardrails/{created['guardrails_id']}")
    assert (response.status_code, response.content) == (200, b"")
    assert (await http.get(f"/guardrails/{created['guardrails_id']}")).status_code == 404
    assert (await http.delete(f"/guardrails/{created['guardrails_id']}")).status_code == 404
    assert (await http.get("/guardrails")).json() == {"data": []}


async def test_personas_attach_existing_sets_only_and_lose_them_when_deleted(http: httpx.AsyncClient) -> None:
    created = await create(http)
    unknown = await http.post("/personas", json={"system_prompt": "Help.", "guardrails_id": "g12345"})
    assert unknown.status_code == 400
    assert errors_of(unknown) == {"guardrails_id": "Guardrails not found: g12345"}
    persona = await http.post("/personas", json={"system_prompt": "Help.", "guardrails_id": created["guardrails_id"]})
    assert persona.json()["guardrails_id"] == created["guardrails_id"]
    await http.delete(f"/guardrails/{created['guardrails_id']}")
    assert (await http.get(f"/personas/{persona.json()['persona_id']}")).json()["guardrails_id"] is None


# -- SDK ----------------------------------------------------------------------------------------------------


async def test_lifecycle_through_the_async_sdk(tavus: AsyncTavus) -> None:
    created = await tavus.guardrails.create(data=HEALTHCARE["data"])
    assert created.data is not None
    assert [g.modality for g in created.data] == ["verbal", "visual"]
    assert [g.guardrails_id for g in (await tavus.guardrails.list()).data] == [created.guardrails_id]
    assert await tavus.guardrails.get(created.guardrails_id) == created
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
        created.guardrails_id, [{"op": "replace", "path": "/data/0/guardrails_prompt", "value": "Stay on topic."}]
    )
    assert patched.data is not None
    assert patched.data[0].guardrails_prompt == "Stay on topic."
    assert [g.guardrails_id for g in sync_tavus.guardrails.list()] == [created.guardrails_id]
    assert sync_tavus.guardrails.get(created.guardrails_id) == patched
    sync_tavus.guardrails.delete(created.guardrails_id)
    with pytest.raises(NotFoundError):
        sync_tavus.guardrails.get(created.guardrails_id)
