"""Objectives: sets of objectives (create, list, get, JSON Patch, delete) and attaching them to personas."""

from __future__ import annotations

import copy
import re
from typing import Any

import httpx
import pytest

from tavus_sdk import AsyncTavus, BadRequestError, NotFoundError, Tavus
from tavus_sdk.patch import Patch
from tavus_sdk.testing import TavusEmulator
from tavus_sdk.testing._spec import load_spec
from tests.testing.conftest import assert_fits

INTAKE = load_spec()["paths"]["/objectives"]["post"]["requestBody"]["content"]["application/json"]["examples"][
    "patient_intake"
]["value"]
ONE = {"objective_name": "get_patient_name", "objective_prompt": "Ask for the patient's full name."}


async def create(http: httpx.AsyncClient, *items: dict[str, Any]) -> dict[str, Any]:
    response = await http.post("/objectives", json={"data": list(items) or [ONE]})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def patch(http: httpx.AsyncClient, objectives_id: str, operations: Any) -> httpx.Response:
    return await http.patch(f"/objectives/{objectives_id}", json=operations)


def errors_of(response: httpx.Response) -> dict[str, str]:
    return {error["field"]: error["message"] for error in response.json().get("errors", [])}


# -- create -------------------------------------------------------------------------------------------------


async def test_create_answers_the_stored_set_with_an_o_id_and_iso_timestamps(http: httpx.AsyncClient) -> None:
    created = await create(http, ONE)
    assert re.fullmatch(r"o[0-9a-f]{11}", created["objectives_id"])
    assert created["created_at"] == created["updated_at"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z", created["created_at"])
    assert created["data"] == [{**ONE, "confirmation_mode": "auto", "modality": "verbal"}]
    assert_fits(created, "Objectives")


async def test_defaults_fill_only_what_an_objective_leaves_out(http: httpx.AsyncClient) -> None:
    created = await create(http, *INTAKE["data"])
    items = {item["objective_name"]: item for item in created["data"]}
    assert [item["objective_name"] for item in created["data"]] == [item["objective_name"] for item in INTAKE["data"]]
    assert items["check_patient_status"]["next_conditional_objectives"] == {
        "new_patient_intake_process": "If the patient has never been to the practice before",
        "existing_patient_intake_process": "If the patient has been to the practice before",
    }
    assert items["existing_patient_intake_process"]["confirmation_mode"] == "manual"
    assert items["new_patient_intake_process"]["confirmation_mode"] == "auto"
    assert items["new_patient_intake_process"]["callback_url"] == "https://your-server.com/objectives-webhook"
    assert {item["modality"] for item in created["data"]} == {"verbal"}
    assert "callback_url" not in items["get_patient_name"]


async def test_explicit_manual_and_visual_are_kept(http: httpx.AsyncClient) -> None:
    created = await create(http, {**ONE, "confirmation_mode": "manual", "modality": "visual"})
    assert created["data"][0]["confirmation_mode"] == "manual"
    assert created["data"][0]["modality"] == "visual"


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"data": []}, "data", "should be non-empty"),
        ({}, "data", "is required"),
        ({"data": [{"objective_prompt": "Ask."}]}, "data.0.objective_name", "is required"),
        ({"data": [{"objective_name": "ask"}]}, "data.0.objective_prompt", "is required"),
        ({"data": [{**ONE, "confirmation_mode": "sometimes"}]}, "data.0.confirmation_mode", "'auto', 'manual'"),
        ({"data": [{**ONE, "modality": "smell"}]}, "data.0.modality", "'verbal', 'visual'"),
        ({"data": [{**ONE, "output_variables": "patient_name"}]}, "data.0.output_variables", "is not of type"),
        ({"data": [{**ONE, "next_required_objectives": "x"}]}, "data.0.next_required_objectives", "is not of type"),
    ],
)
async def test_create_rejects_a_body_that_breaks_the_schema(
    http: httpx.AsyncClient, body: dict[str, Any], field: str, message: str
) -> None:
    response = await http.post("/objectives", json=body)
    assert response.status_code == 422
    assert message in errors_of(response)[field]
    assert (await http.get("/objectives")).json() == {"data": []}


async def test_next_required_objectives_must_name_objectives_of_the_set(http: httpx.AsyncClient) -> None:
    response = await http.post(
        "/objectives", json={"data": [{**ONE, "next_required_objectives": ["get_patient_name", "get_insurance"]}]}
    )
    assert response.status_code == 422
    assert errors_of(response) == {
        "data.0.next_required_objectives.1": (
            "'get_insurance' is not the objective_name of an objective in this set ('get_patient_name')"
        )
    }
    assert "get_insurance" in response.json()["message"]
    assert (await http.get("/objectives")).json() == {"data": []}


async def test_next_conditional_objectives_must_name_objectives_of_the_set(http: httpx.AsyncClient) -> None:
    item = {**ONE, "next_conditional_objectives": {"existing_patient": "If they have been before"}}
    response = await http.post("/objectives", json={"data": [item]})
    assert response.status_code == 422
    assert list(errors_of(response)) == ["data.0.next_conditional_objectives.existing_patient"]


async def test_objective_names_are_unique_in_a_set(http: httpx.AsyncClient) -> None:
    response = await http.post("/objectives", json={"data": [ONE, {**ONE, "objective_prompt": "Again."}]})
    assert response.status_code == 422
    assert errors_of(response) == {"data.1.objective_name": "'get_patient_name' is already the name of objective 0"}


async def test_names_with_spaces_are_accepted_as_the_docs_examples_use_them(http: httpx.AsyncClient) -> None:
    created = await create(http, {**ONE, "objective_name": "Get the name"})
    assert created["data"][0]["objective_name"] == "Get the name"


# -- list, get ----------------------------------------------------------------------------------------------


async def test_list_and_get_show_the_stored_sets(http: httpx.AsyncClient) -> None:
    first, second = await create(http, ONE), await create(http, *INTAKE["data"])
    listed = (await http.get("/objectives")).json()
    assert_fits(listed, "ObjectivesList")
    assert listed["data"] == [first, second]
    got = await http.get(f"/objectives/{second['objectives_id']}")
    assert got.status_code == 200
    assert got.json() == second
    assert_fits(got.json(), "Objectives")


async def test_get_of_an_unknown_set_is_404(http: httpx.AsyncClient) -> None:
    response = await http.get("/objectives/o00000000000")
    assert response.status_code == 404
    assert response.json()["message"] == "Objectives not found: o00000000000"


# -- patch --------------------------------------------------------------------------------------------------


async def test_the_docs_patch_example_updates_the_first_objective(
    http: httpx.AsyncClient, emulator: TavusEmulator
) -> None:
    created = await create(http, {**ONE, "callback_url": "https://example.com/hook"}, {**ONE, "objective_name": "b"})
    emulator.advance(60)
    response = await patch(
        http,
        created["objectives_id"],
        [
            {"op": "replace", "path": "/data/0/objective_name", "value": "updated_objective_name"},
            {"op": "replace", "path": "/data/0/objective_prompt", "value": "Updated prompt for the objective"},
            {"op": "replace", "path": "/data/0/confirmation_mode", "value": "manual"},
            {"op": "add", "path": "/data/0/output_variables", "value": ["new_variable"]},
            {"op": "replace", "path": "/data/0/modality", "value": "visual"},
            {"op": "remove", "path": "/data/0/callback_url"},
        ],
    )
    assert response.status_code == 200, response.text
    patched = response.json()
    assert_fits(patched, "Objectives")
    assert patched["data"][0] == {
        "objective_name": "updated_objective_name",
        "objective_prompt": "Updated prompt for the objective",
        "confirmation_mode": "manual",
        "output_variables": ["new_variable"],
        "modality": "visual",
    }
    assert patched["data"][1] == created["data"][1]
    assert patched["created_at"] == created["created_at"]
    assert patched["updated_at"] > created["updated_at"]
    assert (await http.get(f"/objectives/{created['objectives_id']}")).json() == patched


async def test_an_appended_objective_gets_the_defaults(http: httpx.AsyncClient) -> None:
    created = await create(http)
    added = {"objective_name": "get_dob", "objective_prompt": "Ask for the date of birth."}
    response = await patch(http, created["objectives_id"], [{"op": "add", "path": "/data/-", "value": added}])
    assert response.status_code == 200
    assert response.json()["data"][1] == {**added, "confirmation_mode": "auto", "modality": "verbal"}


async def test_removing_a_defaulted_field_restores_its_default(http: httpx.AsyncClient) -> None:
    created = await create(http, {**ONE, "modality": "visual"})
    response = await patch(http, created["objectives_id"], [{"op": "remove", "path": "/data/0/modality"}])
    assert response.json()["data"][0]["modality"] == "verbal"


async def test_move_copy_and_test_work_on_items(http: httpx.AsyncClient) -> None:
    created = await create(http, ONE, {"objective_name": "second", "objective_prompt": "Then this."})
    response = await patch(
        http,
        created["objectives_id"],
        [
            {"op": "test", "path": "/data/1/objective_name", "value": "second"},
            {"op": "move", "from": "/data/1", "path": "/data/0"},
            {"op": "copy", "from": "/data/0/objective_prompt", "path": "/data/1/objective_prompt"},
        ],
    )
    assert response.status_code == 200, response.text
    assert [(item["objective_name"], item["objective_prompt"]) for item in response.json()["data"]] == [
        ("second", "Then this."),
        ("get_patient_name", "Then this."),
    ]


async def test_a_failing_test_is_409_and_changes_nothing(http: httpx.AsyncClient, emulator: TavusEmulator) -> None:
    created = await create(http)
    emulator.advance(5)
    response = await patch(
        http,
        created["objectives_id"],
        [
            {"op": "replace", "path": "/data/0/objective_prompt", "value": "Changed."},
            {"op": "test", "path": "/data/0/objective_name", "value": "someone_else"},
        ],
    )
    assert response.status_code == 409
    assert response.json()["error"] == "conflict"
    assert 'test failed at "/data/0/objective_name"' in response.json()["message"]
    assert (await http.get(f"/objectives/{created['objectives_id']}")).json() == created


async def test_a_path_past_the_last_item_is_409(http: httpx.AsyncClient) -> None:
    created = await create(http)
    response = await patch(http, created["objectives_id"], [{"op": "remove", "path": "/data/3/callback_url"}])
    assert response.status_code == 409
    assert "index 3 is out of range" in response.json()["message"]


@pytest.mark.parametrize(
    ("path", "suggestion"),
    [("/data/0/objective_nam", "/data/0/objective_name"), ("/data/objective_prompt", "/data/0/objective_prompt")],
)
async def test_a_bad_path_is_422_with_a_suggestion(http: httpx.AsyncClient, path: str, suggestion: str) -> None:
    created = await create(http)
    response = await patch(http, created["objectives_id"], [{"op": "replace", "path": path, "value": "x"}])
    assert response.status_code == 422
    assert f'did you mean "{suggestion}"?' in errors_of(response)["0.path"]
    assert (await http.get(f"/objectives/{created['objectives_id']}")).json() == created


@pytest.mark.parametrize("path", ["/objectives_id", "/created_at", "/updated_at"])
async def test_server_set_fields_are_read_only(http: httpx.AsyncClient, path: str) -> None:
    created = await create(http)
    response = await patch(http, created["objectives_id"], [{"op": "replace", "path": path, "value": "o1"}])
    assert response.status_code == 422
    assert "is read-only" in errors_of(response)["0.path"]


@pytest.mark.parametrize(
    ("operations", "field", "message"),
    [
        ([{"op": "replace", "path": "/data/0/modality", "value": "smell"}], "data.0.modality", "'verbal', 'visual'"),
        ([{"op": "remove", "path": "/data/0/objective_prompt"}], "data.0.objective_prompt", "is required"),
        ([{"op": "remove", "path": "/data/0"}], "data", "a set needs at least one objective"),
        ([{"op": "remove", "path": "/data"}], "data", "a set needs at least one objective"),
    ],
)
async def test_a_patch_that_breaks_the_set_is_422(
    http: httpx.AsyncClient, operations: list[dict[str, Any]], field: str, message: str
) -> None:
    created = await create(http)
    response = await patch(http, created["objectives_id"], operations)
    assert response.status_code == 422
    assert message in errors_of(response)[field]
    assert (await http.get(f"/objectives/{created['objectives_id']}")).json() == created


async def test_renaming_a_referenced_objective_needs_its_references_renamed_too(http: httpx.AsyncClient) -> None:
    created = await create(http, *INTAKE["data"])
    rename = {"op": "replace", "path": "/data/3/objective_name", "value": "get_full_name"}
    alone = await patch(http, created["objectives_id"], [rename])
    assert alone.status_code == 422
    assert list(errors_of(alone)) == ["data.2.next_required_objectives.0"]
    both = await patch(
        http,
        created["objectives_id"],
        [rename, {"op": "replace", "path": "/data/2/next_required_objectives/0", "value": "get_full_name"}],
    )
    assert both.status_code == 200, both.text
    assert both.json()["data"][2]["next_required_objectives"] == ["get_full_name"]


@pytest.mark.parametrize(
    "body",
    [{"op": "replace", "path": "/data/0/modality", "value": "visual"}, [], [{"op": "frobnicate", "path": "/data"}]],
)
async def test_a_body_that_is_not_a_json_patch_is_422(http: httpx.AsyncClient, body: Any) -> None:
    created = await create(http)
    response = await patch(http, created["objectives_id"], body)
    assert response.status_code == 422
    assert response.json()["errors"]


async def test_patch_of_an_unknown_set_is_404(http: httpx.AsyncClient) -> None:
    response = await patch(http, "o00000000000", [{"op": "remove", "path": "/data/0/callback_url"}])
    assert response.status_code == 404


# -- delete -------------------------------------------------------------------------------------------------


async def test_delete_answers_an_empty_200_and_the_set_is_gone(http: httpx.AsyncClient) -> None:
    kept, gone = await create(http), await create(http)
    response = await http.delete(f"/objectives/{gone['objectives_id']}")
    assert (response.status_code, response.content) == (200, b"")
    assert (await http.get(f"/objectives/{gone['objectives_id']}")).status_code == 404
    assert (await http.delete(f"/objectives/{gone['objectives_id']}")).status_code == 404
    assert (await http.get("/objectives")).json() == {"data": [kept]}


# -- personas -----------------------------------------------------------------------------------------------


async def test_a_persona_attaches_an_existing_set_and_refuses_an_unknown_one(http: httpx.AsyncClient) -> None:
    created = await create(http)
    persona = {"system_prompt": "You are a lead qualification assistant.", "objectives_id": created["objectives_id"]}
    ok = await http.post("/personas", json=persona)
    assert ok.status_code == 200
    assert ok.json()["objectives_id"] == created["objectives_id"]
    unknown = await http.post("/personas", json={**persona, "objectives_id": "o12345"})
    assert unknown.status_code == 400
    assert errors_of(unknown) == {"objectives_id": "Objectives not found: o12345"}


async def test_a_persona_patch_attaches_a_set(http: httpx.AsyncClient) -> None:
    created = await create(http)
    persona = (await http.post("/personas", json={"system_prompt": "Help."})).json()
    path = f"/personas/{persona['persona_id']}"
    unknown = await http.patch(path, json=[{"op": "add", "path": "/objectives_id", "value": "o12345"}])
    assert unknown.status_code == 400
    assert errors_of(unknown) == {"objectives_id": "Objectives not found: o12345"}
    attached = await http.patch(path, json=[{"op": "add", "path": "/objectives_id", "value": created["objectives_id"]}])
    assert attached.json()["objectives_id"] == created["objectives_id"]


async def test_deleting_an_attached_set_detaches_it_from_its_personas(
    http: httpx.AsyncClient, emulator: TavusEmulator
) -> None:
    created = await create(http)
    persona = (
        await http.post("/personas", json={"system_prompt": "Help.", "objectives_id": created["objectives_id"]})
    ).json()
    other = (await http.post("/personas", json={"system_prompt": "Other."})).json()
    emulator.advance(10)
    assert (await http.delete(f"/objectives/{created['objectives_id']}")).status_code == 200
    after = (await http.get(f"/personas/{persona['persona_id']}")).json()
    assert after["objectives_id"] is None
    assert after["updated_at"] > persona["updated_at"]
    assert (await http.get(f"/personas/{other['persona_id']}")).json() == other
    renamed = await http.patch(
        f"/personas/{persona['persona_id']}", json=[{"op": "replace", "path": "/persona_name", "value": "Still fine"}]
    )
    assert renamed.status_code == 200


# -- SDK ----------------------------------------------------------------------------------------------------


async def test_lifecycle_through_the_async_sdk(tavus: AsyncTavus) -> None:
    created = await tavus.objectives.create(data=copy.deepcopy(INTAKE["data"]))
    assert created.data is not None
    assert len(created.data) == 4
    assert created.data[3].confirmation_mode == "auto"
    listed = await tavus.objectives.list()
    assert [s.objectives_id for s in listed.data] == [created.objectives_id]
    assert [s.objectives_id async for s in tavus.objectives.list()] == [created.objectives_id]
    got = await tavus.objectives.get(created.objectives_id)
    assert got == created
    patched = await tavus.objectives.patch(
        created.objectives_id,
        Patch().test("/data/3/objective_name", "get_patient_name").add("/data/3/output_variables", ["full_name"]),
    )
    assert patched.data is not None
    assert patched.data[3].output_variables == ["full_name"]
    persona = await tavus.personas.create(system_prompt="Run the intake.", objectives_id=created.objectives_id)
    assert persona.objectives_id == created.objectives_id
    await tavus.objectives.delete(created.objectives_id)
    with pytest.raises(NotFoundError):
        await tavus.objectives.get(created.objectives_id)
    assert (await tavus.personas.get(persona.persona_id)).objectives_id is None
    with pytest.raises(BadRequestError) as raised:
        await tavus.personas.create(system_prompt="Run the intake.", objectives_id=created.objectives_id)
    assert raised.value.status_code == 400


def test_lifecycle_through_the_sync_sdk(sync_tavus: Tavus) -> None:
    created = sync_tavus.objectives.create(data=[ONE])
    assert [s.objectives_id for s in sync_tavus.objectives.list()] == [created.objectives_id]
    patched = sync_tavus.objectives.patch(
        created.objectives_id, [{"op": "replace", "path": "/data/0/confirmation_mode", "value": "manual"}]
    )
    assert patched.data is not None
    assert patched.data[0].confirmation_mode == "manual"
    assert sync_tavus.objectives.get(created.objectives_id) == patched
    sync_tavus.objectives.delete(created.objectives_id)
    with pytest.raises(NotFoundError):
        sync_tavus.objectives.delete(created.objectives_id)
