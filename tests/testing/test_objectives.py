"""Objectives: sets of objectives (create, paged list, get, JSON Patch, delete) and attaching them to personas.

The answers are Tavus's (openapi.yaml createObjectives ... deleteObjective): create answers ``{objectives_id,
objective_name, status, created_at}``, an unknown id is 400 ``{"error": "Invalid objectives_id"}``, a patch 200
``{"message"}`` or 304, a refused patch 400 ``{"error"}``, delete 204.
"""

from __future__ import annotations

import copy
import re
from typing import Any

import httpx
import pytest

from tavus_sdk import AsyncTavus, NotFoundError, Tavus
from tavus_sdk.patch import Patch
from tavus_sdk.testing import TavusEmulator
from tavus_sdk.testing._spec import load_spec
from tests.testing.conftest import assert_fits

EXAMPLES = load_spec()["paths"]["/objectives"]["post"]["requestBody"]["content"]["application/json"]["examples"]
INTAKE = EXAMPLES["patient_intake"]["value"]
ONE = {"objective_name": "get_patient_name", "objective_prompt": "Ask for the patient's full name."}
DEFAULTS = {"confirmation_mode": "auto", "modality": "verbal"}


async def create(http: httpx.AsyncClient, *items: dict[str, Any]) -> dict[str, Any]:
    """Create a set and return it as GET shows it (create's own answer is only a summary)."""
    response = await http.post("/objectives", json={"data": list(items) or [ONE]})
    assert response.status_code == 200, response.text
    return await fetch(http, response.json()["objectives_id"])


async def fetch(http: httpx.AsyncClient, objectives_id: str) -> dict[str, Any]:
    response = await http.get(f"/objectives/{objectives_id}")
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def patch(http: httpx.AsyncClient, objectives_id: str, operations: Any) -> httpx.Response:
    return await http.patch(f"/objectives/{objectives_id}", json=operations)


def errors_of(response: httpx.Response) -> dict[str, str]:
    return {error["field"]: error["message"] for error in response.json().get("errors", [])}


def refused(response: httpx.Response) -> str:
    """The text of Tavus's 400 ``{"error": ...}``."""
    assert response.status_code == 400, response.text
    body = response.json()
    assert set(body) == {"error"}, body
    text: str = body["error"]
    return text


# -- create -------------------------------------------------------------------------------------------------


async def test_create_answers_the_documented_summary(http: httpx.AsyncClient) -> None:
    response = await http.post("/objectives", json={"data": [ONE, {**ONE, "objective_name": "second"}]})
    assert response.status_code == 200
    created = response.json()
    assert set(created) == {"objectives_id", "objective_name", "status", "created_at"}
    assert re.fullmatch(r"o[0-9a-f]{11}", created["objectives_id"])
    assert (created["objective_name"], created["status"]) == ("get_patient_name", "active")
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z", created["created_at"])
    assert_fits(created, "Objectives")
    stored = await fetch(http, created["objectives_id"])
    assert stored["data"] == [{**ONE, **DEFAULTS}, {**ONE, "objective_name": "second", **DEFAULTS}]
    assert stored["created_at"] == stored["updated_at"] == created["created_at"]
    assert_fits(stored, "Objectives")


async def test_defaults_fill_only_what_an_objective_leaves_out(http: httpx.AsyncClient) -> None:
    created = await create(http, *INTAKE["data"])
    items = {item["objective_name"]: item for item in created["data"]}
    assert [item["objective_name"] for item in created["data"]] == [item["objective_name"] for item in INTAKE["data"]]
    assert items["check_patient_status"]["next_conditional_objectives"] == {
        "new_patient_intake_process": "If the patient has never been to the practice before",
        "existing_patient_intake_process": "If the patient has been to the practice before",
    }
    assert items["existing_patient_intake_process"]["next_required_objective"] == "get_patient_name"
    assert items["existing_patient_intake_process"]["confirmation_mode"] == "manual"
    assert items["new_patient_intake_process"]["confirmation_mode"] == "auto"
    assert {item["modality"] for item in created["data"]} == {"verbal"}
    assert "callback_url" not in items["get_patient_name"]


async def test_the_documented_chain_with_next_required_objective_is_accepted(http: httpx.AsyncClient) -> None:
    created = await create(http, *EXAMPLES["chained"]["value"]["data"])
    assert created["data"][0]["next_required_objective"] == "get_patient_name"


async def test_the_set_name_and_allow_loops_of_tavus_client_are_accepted(http: httpx.AsyncClient) -> None:
    response = await http.post("/objectives", json={"name": "intake", "allow_loops": False, "data": [ONE]})
    assert response.status_code == 200, response.text
    assert (await fetch(http, response.json()["objectives_id"]))["name"] == "intake"


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"data": []}, "data", "should be non-empty"),
        ({}, "data", "is required"),
        ({"data": [{"objective_prompt": "Ask."}]}, "data.0.objective_name", "is required"),
        ({"data": [{"objective_name": "ask"}]}, "data.0.objective_prompt", "is required"),
        ({"data": [{**ONE, "objective_name": "Get the name"}]}, "data.0.objective_name", "does not match"),
        ({"data": [{**ONE, "objective_name": "n" * 101}]}, "data.0.objective_name", "is too long"),
        ({"data": [{**ONE, "objective_prompt": "p" * 10001}]}, "data.0.objective_prompt", "is too long"),
        ({"data": [{**ONE, "objective_name": f"o{i}"} for i in range(51)]}, "data", "is too long"),
        ({"data": [{**ONE, "confirmation_mode": "sometimes"}]}, "data.0.confirmation_mode", "'auto', 'manual'"),
        ({"data": [{**ONE, "modality": "smell"}]}, "data.0.modality", "'verbal', 'visual'"),
        ({"data": [{**ONE, "output_variables": "patient_name"}]}, "data.0.output_variables", "is not of type"),
        ({"data": [{**ONE, "next_required_objective": ["x"]}]}, "data.0.next_required_objective", "is not of type"),
    ],
)
async def test_create_rejects_a_body_that_breaks_the_schema(
    http: httpx.AsyncClient, body: dict[str, Any], field: str, message: str
) -> None:
    response = await http.post("/objectives", json=body)
    assert response.status_code == 422
    assert message in errors_of(response)[field]
    assert (await http.get("/objectives")).json() == {"data": [], "total_count": 0}


async def test_the_older_plural_next_required_objectives_is_refused_by_name(http: httpx.AsyncClient) -> None:
    second = {"objective_name": "second", "objective_prompt": "Then this."}
    response = await http.post("/objectives", json={"data": [{**ONE, "next_required_objectives": ["second"]}, second]})
    text = refused(response)
    assert "data.0.next_required_objectives" in text
    assert "send next_required_objective" in text
    assert (await http.get("/objectives")).json()["total_count"] == 0


async def test_next_required_objective_must_name_an_objective_of_the_set(http: httpx.AsyncClient) -> None:
    response = await http.post("/objectives", json={"data": [{**ONE, "next_required_objective": "get_insurance"}]})
    assert refused(response) == (
        "Invalid request: data.0.next_required_objective "
        "'get_insurance' is not the objective_name of an objective in this set ('get_patient_name')"
    )


async def test_next_conditional_objectives_must_name_objectives_of_the_set(http: httpx.AsyncClient) -> None:
    item = {**ONE, "next_conditional_objectives": {"existing_patient": "If they have been before"}}
    assert "data.0.next_conditional_objectives.existing_patient" in refused(
        await http.post("/objectives", json={"data": [item]})
    )


async def test_objective_names_are_unique_in_a_set(http: httpx.AsyncClient) -> None:
    response = await http.post("/objectives", json={"data": [ONE, {**ONE, "objective_prompt": "Again."}]})
    assert "'get_patient_name' is already the name of objective 0" in refused(response)


# -- list, get ----------------------------------------------------------------------------------------------


async def test_list_and_get_show_the_stored_sets(http: httpx.AsyncClient) -> None:
    first, second = await create(http, ONE), await create(http, *INTAKE["data"])
    listed = (await http.get("/objectives")).json()
    assert_fits(listed, "ObjectivesList")
    assert listed == {"data": [first, second], "total_count": 2}


async def test_the_list_pages_from_1_ten_at_a_time(http: httpx.AsyncClient) -> None:
    ids = [(await create(http, {**ONE, "objective_name": f"o{i}"}))["objectives_id"] for i in range(12)]

    async def page(**query: Any) -> dict[str, Any]:
        response = await http.get("/objectives", params=query)
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    first = await page()
    assert ([s["objectives_id"] for s in first["data"]], first["total_count"]) == (ids[:10], 12)
    assert [s["objectives_id"] for s in (await page(page=1))["data"]] == ids[:10]
    assert [s["objectives_id"] for s in (await page(page=2))["data"]] == ids[10:]
    assert [s["objectives_id"] for s in (await page(page=2, limit=5))["data"]] == ids[5:10]
    assert (await page(page=3))["data"] == []
    assert [s["objectives_id"] for s in (await page(sort="descending", limit=2))["data"]] == ids[:-3:-1]
    assert [s["objectives_id"] for s in (await page(name_or_uuid="O11"))["data"]] == [ids[11]]
    assert [s["objectives_id"] for s in (await page(name_or_uuid=ids[3]))["data"]] == [ids[3]]
    assert (await http.get("/objectives", params={"page": 0})).status_code == 400


async def test_an_unknown_id_is_400_invalid_objectives_id(http: httpx.AsyncClient) -> None:
    for response in (
        await http.get("/objectives/o00000000000"),
        await patch(http, "o00000000000", [{"op": "remove", "path": "/data/0/callback_url"}]),
        await http.delete("/objectives/o00000000000"),
    ):
        assert refused(response) == "Invalid objectives_id"


# -- patch --------------------------------------------------------------------------------------------------


async def test_the_docs_patch_example_answers_a_message_and_changes_the_set(
    http: httpx.AsyncClient, emulator: TavusEmulator
) -> None:
    created = await create(http, {**ONE, "callback_url": "https://example.com/hook"}, {**ONE, "objective_name": "b"})
    emulator.advance(60)
    example = load_spec()["paths"]["/objectives/{objectives_id}"]["patch"]["requestBody"]["content"]
    response = await patch(
        http, created["objectives_id"], example["application/json-patch+json"]["examples"]["docs_example"]["value"]
    )
    assert response.status_code == 200, response.text
    assert response.json() == {"message": "Objective updated successfully"}
    assert_fits(response.json(), "UpdateMessage")
    patched = await fetch(http, created["objectives_id"])
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


async def test_a_patch_that_changes_nothing_is_304_with_no_body(
    http: httpx.AsyncClient, emulator: TavusEmulator
) -> None:
    created = await create(http)
    emulator.advance(5)
    same = [{"op": "replace", "path": "/data/0/objective_prompt", "value": ONE["objective_prompt"]}]
    response = await patch(http, created["objectives_id"], same)
    assert (response.status_code, response.content) == (304, b"")
    assert await fetch(http, created["objectives_id"]) == created


async def test_an_appended_objective_gets_the_defaults(http: httpx.AsyncClient) -> None:
    created = await create(http)
    added = {"objective_name": "get_dob", "objective_prompt": "Ask for the date of birth."}
    response = await patch(http, created["objectives_id"], [{"op": "add", "path": "/data/-", "value": added}])
    assert response.status_code == 200
    assert (await fetch(http, created["objectives_id"]))["data"][1] == {**added, **DEFAULTS}


async def test_removing_a_defaulted_field_restores_its_default(http: httpx.AsyncClient) -> None:
    created = await create(http, {**ONE, "modality": "visual"})
    await patch(http, created["objectives_id"], [{"op": "remove", "path": "/data/0/modality"}])
    assert (await fetch(http, created["objectives_id"]))["data"][0]["modality"] == "verbal"


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
    assert [
        (i["objective_name"], i["objective_prompt"]) for i in (await fetch(http, created["objectives_id"]))["data"]
    ] == [
        ("second", "Then this."),
        ("get_patient_name", "Then this."),
    ]


@pytest.mark.parametrize(
    ("operations", "expected"),
    [
        (
            [
                {"op": "replace", "path": "/data/0/objective_prompt", "value": "Changed."},
                {"op": "test", "path": "/data/0/objective_name", "value": "someone_else"},
            ],
            'test failed at "/data/0/objective_name"',
        ),
        ([{"op": "remove", "path": "/data/3/callback_url"}], "index 3 is out of range"),
        ([{"op": "replace", "path": "/data/0/objective_nam", "value": "x"}], 'did you mean "/data/0/objective_name"?'),
        ([{"op": "replace", "path": "/objectives_id", "value": "o1"}], "is read-only"),
        ([{"op": "replace", "path": "/data/0/modality", "value": "smell"}], "'verbal', 'visual'"),
        ([{"op": "remove", "path": "/data/0/objective_prompt"}], "is required"),
        ([{"op": "remove", "path": "/data"}], "a set needs at least one objective"),
    ],
)
async def test_a_refused_patch_is_400_and_changes_nothing(
    http: httpx.AsyncClient, operations: list[dict[str, Any]], expected: str
) -> None:
    created = await create(http)
    text = refused(await patch(http, created["objectives_id"], operations))
    assert text.startswith("Invalid patch operation: ")
    assert expected in text
    assert await fetch(http, created["objectives_id"]) == created


async def test_renaming_a_referenced_objective_needs_its_reference_renamed_too(http: httpx.AsyncClient) -> None:
    created = await create(http, *INTAKE["data"])
    rename = {"op": "replace", "path": "/data/3/objective_name", "value": "get_full_name"}
    assert "data.2.next_required_objective" in refused(await patch(http, created["objectives_id"], [rename]))
    both = await patch(
        http,
        created["objectives_id"],
        [rename, {"op": "replace", "path": "/data/2/next_required_objective", "value": "get_full_name"}],
    )
    assert both.status_code == 200, both.text
    assert (await fetch(http, created["objectives_id"]))["data"][2]["next_required_objective"] == "get_full_name"


@pytest.mark.parametrize(
    "body",
    [{"op": "replace", "path": "/data/0/modality", "value": "visual"}, [], [{"op": "frobnicate", "path": "/data"}]],
)
async def test_a_body_that_is_not_a_json_patch_is_422(http: httpx.AsyncClient, body: Any) -> None:
    created = await create(http)
    response = await patch(http, created["objectives_id"], body)
    assert response.status_code == 422
    assert response.json()["errors"]


# -- delete -------------------------------------------------------------------------------------------------


async def test_delete_answers_204_and_the_set_is_gone(http: httpx.AsyncClient) -> None:
    kept, gone = await create(http), await create(http)
    response = await http.delete(f"/objectives/{gone['objectives_id']}")
    assert (response.status_code, response.content) == (204, b"")
    assert refused(await http.get(f"/objectives/{gone['objectives_id']}")) == "Invalid objectives_id"
    assert (await http.get("/objectives")).json() == {"data": [kept], "total_count": 1}


# -- personas -----------------------------------------------------------------------------------------------


async def test_a_persona_attaches_an_existing_set_and_refuses_an_unknown_one(http: httpx.AsyncClient) -> None:
    created = await create(http)
    persona = {"system_prompt": "You are a lead qualification assistant.", "objectives_id": created["objectives_id"]}
    ok = await http.post("/personas", json=persona)
    assert ok.status_code == 200
    assert ok.json()["objectives_id"] == created["objectives_id"]
    unknown = await http.post("/personas", json={**persona, "objectives_id": "o12345"})
    assert unknown.status_code == 400


async def test_deleting_an_attached_set_detaches_it_from_its_personas(
    http: httpx.AsyncClient, emulator: TavusEmulator
) -> None:
    created = await create(http)
    persona = (
        await http.post("/personas", json={"system_prompt": "Help.", "objectives_id": created["objectives_id"]})
    ).json()
    other = (await http.post("/personas", json={"system_prompt": "Other."})).json()
    emulator.advance(10)
    assert (await http.delete(f"/objectives/{created['objectives_id']}")).status_code == 204
    after = (await http.get(f"/personas/{persona['persona_id']}")).json()
    assert after["objectives_id"] is None
    assert after["updated_at"] > persona["updated_at"]
    assert (await http.get(f"/personas/{other['persona_id']}")).json() == other


# -- SDK ----------------------------------------------------------------------------------------------------


async def test_lifecycle_through_the_async_sdk(tavus: AsyncTavus) -> None:
    created = await tavus.objectives.create(data=copy.deepcopy(INTAKE["data"]))
    assert (created.objective_name, created.status, created.data) == ("check_patient_status", "active", None)
    listed = await tavus.objectives.list()
    assert [s.objectives_id for s in listed.data] == [created.objectives_id]
    assert [s.objectives_id async for s in tavus.objectives.list()] == [created.objectives_id]
    got = await tavus.objectives.get(created.objectives_id)
    assert got.data is not None
    assert len(got.data) == 4
    assert got.data[2].next_required_objective == "get_patient_name"
    patched = await tavus.objectives.patch(
        created.objectives_id,
        Patch().test("/data/3/objective_name", "get_patient_name").add("/data/3/output_variables", ["full_name"]),
    )
    assert patched.data is not None
    assert patched.data[3].output_variables == ["full_name"]
    unchanged = await tavus.objectives.patch(
        created.objectives_id, [{"op": "replace", "path": "/data/3/output_variables", "value": ["full_name"]}]
    )
    assert unchanged == patched
    persona = await tavus.personas.create(system_prompt="Run the intake.", objectives_id=created.objectives_id)
    assert persona.objectives_id == created.objectives_id
    await tavus.objectives.delete(created.objectives_id)
    with pytest.raises(NotFoundError):
        await tavus.objectives.get(created.objectives_id)
    assert (await tavus.personas.get(persona.persona_id)).objectives_id is None


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


def test_iteration_walks_every_page_of_sets(sync_tavus: Tavus) -> None:
    created = [sync_tavus.objectives.create(data=[{**ONE, "objective_name": f"o{i}"}]).objectives_id for i in range(23)]
    assert [s.objectives_id for s in sync_tavus.objectives.list()] == created
    assert [s.objectives_id for s in sync_tavus.objectives.list(limit=5)] == created
    assert len(sync_tavus.objectives.list().data) == 10
