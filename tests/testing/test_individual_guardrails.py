"""Individual guardrails beside the legacy sets, on the same ``/guardrails`` paths: POST routed by the body's shape,
the list by ``legacy``, GET/PATCH/DELETE by the kind of id; ``guardrail_ids`` on personas and PALs must name one.
(docs.tavus.io/api-reference/guardrails/create-guardrails, list-guardrails, get-guardrails, legacy-guardrail-sets)
"""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest

from tavus_sdk import AsyncTavus, BadRequestError, Tavus
from tavus_sdk.testing import TavusEmulator
from tests.testing.conftest import assert_fits

ONE = {"guardrail_name": "no_competitors", "guardrail_prompt": "Never discuss competitors' products."}
FIELDS = {
    "uuid",
    "guardrail_name",
    "guardrail_prompt",
    "modality",
    "tags",
    "app_message",
    "created_at",
    "updated_at",
}


async def create(http: httpx.AsyncClient, **fields: Any) -> dict[str, Any]:
    response = await http.post("/guardrails", json={**ONE, **fields})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def test_a_top_level_guardrail_name_creates_an_individual_guardrail(http: httpx.AsyncClient) -> None:
    created = await create(http, tags=["compliance"], callback_url="https://example.test/hook")
    assert set(created) == FIELDS | {"callback_url"}
    assert re.fullmatch(r"g[0-9a-f]{12}", created["uuid"])
    # The documented defaults: modality verbal, app_message true.
    assert (created["modality"], created["app_message"], created["tags"]) == ("verbal", True, ["compliance"])
    assert_fits(created, "IndividualGuardrail")
    assert (await http.get(f"/guardrails/{created['uuid']}")).json() == created


async def test_a_data_body_still_creates_a_set(http: httpx.AsyncClient) -> None:
    response = await http.post("/guardrails", json={"name": "Compliance", "data": [ONE]})
    assert response.status_code == 200
    assert set(response.json()) == {"guardrails_id", "guardrails_name", "status", "created_at"}
    got = (await http.get(f"/guardrails/{response.json()['guardrails_id']}")).json()
    assert got["data"] == [{**ONE, "modality": "verbal"}]
    assert "uuid" not in got


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"guardrail_name": "No Competitors"}, "guardrail_name", "does not match"),
        ({"guardrail_name": "g" * 101}, "guardrail_name", "is too long"),
        ({"guardrail_prompt": "p" * 1001}, "guardrail_prompt", "is too long"),
        ({"callback_url": "https://x.test/" + "a" * 2040}, "callback_url", "is too long"),
        ({"tags": [f"t{i}" for i in range(33)]}, "tags", "is too long"),
        ({"tags": ["t" * 65]}, "tags.0", "is too long"),
        ({"modality": "audio"}, "modality", "'verbal', 'visual'"),
        ({"app_message": "no"}, "app_message", "is not of type 'boolean'"),
    ],
)
async def test_the_documented_limits_are_enforced(
    http: httpx.AsyncClient, fields: dict[str, Any], field: str, message: str
) -> None:
    response = await http.post("/guardrails", json={**ONE, **fields})
    assert response.status_code == 422, response.text
    errors = {error["field"]: error["message"] for error in response.json()["errors"]}
    assert message in errors[field]
    assert (await http.get("/guardrails", params={"legacy": "false"})).json()["total_count"] == 0


async def test_a_missing_prompt_is_named(http: httpx.AsyncClient) -> None:
    response = await http.post("/guardrails", json={"guardrail_name": "nice"})
    assert response.status_code == 422
    assert "is required" in {e["field"]: e["message"] for e in response.json()["errors"]}["guardrail_prompt"]


async def test_legacy_false_lists_individual_guardrails_from_page_0(http: httpx.AsyncClient) -> None:
    made = [await create(http, guardrail_name=f"rule_{i}") for i in range(11)]
    await http.post("/guardrails", json={"data": [ONE]})
    first = (await http.get("/guardrails", params={"legacy": "false"})).json()
    assert_fits(first, "GuardrailsList")
    assert (first["total_count"], first["page"], first["limit"]) == (11, 0, 10)
    assert first["data"] == made[:10]
    second = (await http.get("/guardrails", params={"legacy": "false", "page": 1})).json()
    assert second["data"] == made[10:]
    # Without legacy=false the list is the sets, as before.
    sets = (await http.get("/guardrails")).json()
    assert sets["total_count"] == 1
    assert "guardrails_id" in sets["data"][0]


async def test_the_list_filters_by_tags_any_of_and_by_name_or_uuid(http: httpx.AsyncClient) -> None:
    a = await create(http, guardrail_name="a_rule", tags=["compliance"])
    b = await create(http, guardrail_name="b_rule", tags=["sales", "pricing"])
    await create(http, guardrail_name="c_rule")

    async def uuids(**query: Any) -> list[str]:
        body = (await http.get("/guardrails", params={"legacy": "false", **query})).json()
        return [item["uuid"] for item in body["data"]]

    assert await uuids(tags="pricing,compliance") == [a["uuid"], b["uuid"]]
    assert await uuids(tags="nothing") == []
    assert await uuids(name_or_uuid="B_RU") == [b["uuid"]]
    assert await uuids(name_or_uuid=a["uuid"]) == [a["uuid"]]


async def test_patch_is_routed_by_the_kind_of_id(http: httpx.AsyncClient) -> None:
    single = await create(http)
    made = await http.post("/guardrails", json={"data": [ONE]})
    set_id = made.json()["guardrails_id"]
    changed = await http.patch(
        f"/guardrails/{single['uuid']}",
        json=[
            {"op": "replace", "path": "/guardrail_prompt", "value": "Never quote prices."},
            {"op": "add", "path": "/tags/-", "value": "pricing"},
        ],
    )
    assert (changed.status_code, changed.json()) == (200, {"message": "Guardrails updated successfully"})
    after = (await http.get(f"/guardrails/{single['uuid']}")).json()
    assert (after["guardrail_prompt"], after["tags"]) == ("Never quote prices.", ["pricing"])
    same = await http.patch(
        f"/guardrails/{single['uuid']}", json=[{"op": "replace", "path": "/tags", "value": ["pricing"]}]
    )
    assert same.status_code == 304
    removed = await http.patch(f"/guardrails/{single['uuid']}", json=[{"op": "remove", "path": "/tags/0"}])
    assert removed.status_code == 200
    assert (await http.get(f"/guardrails/{single['uuid']}")).json()["tags"] == []
    await http.patch(f"/guardrails/{single['uuid']}", json=[{"op": "add", "path": "/tags/-", "value": "pricing"}])
    # A set's id still takes set paths; a set path on a guardrail is refused and changes nothing.
    on_set = await http.patch(
        f"/guardrails/{set_id}", json=[{"op": "replace", "path": "/data/0/modality", "value": "visual"}]
    )
    assert on_set.status_code == 200
    wrong = await http.patch(
        f"/guardrails/{single['uuid']}", json=[{"op": "replace", "path": "/data/0/modality", "value": "visual"}]
    )
    assert wrong.status_code == 400
    assert set(wrong.json()) == {"error"}
    read_only = await http.patch(
        f"/guardrails/{single['uuid']}", json=[{"op": "replace", "path": "/uuid", "value": "g1"}]
    )
    assert read_only.status_code == 400
    assert (await http.get(f"/guardrails/{single['uuid']}")).json() == after


async def test_delete_is_routed_by_the_kind_of_id_and_unknown_ids_are_invalid(http: httpx.AsyncClient) -> None:
    single = await create(http)
    set_id = (await http.post("/guardrails", json={"data": [ONE]})).json()["guardrails_id"]
    assert (await http.delete(f"/guardrails/{single['uuid']}")).status_code == 204
    assert (await http.get("/guardrails", params={"legacy": "false"})).json()["total_count"] == 0
    assert (await http.get(f"/guardrails/{set_id}")).status_code == 200
    gone = await http.get(f"/guardrails/{single['uuid']}")
    assert (gone.status_code, gone.json()) == (400, {"error": "Invalid guardrails_id"})
    assert (await http.delete(f"/guardrails/{set_id}")).status_code == 204


async def test_personas_and_pals_attach_existing_guardrails_only(http: httpx.AsyncClient) -> None:
    single = await create(http, tags=["compliance"])
    persona = {"persona_name": "Guarded", "system_prompt": "Be helpful.", "guardrail_ids": [single["uuid"]]}
    made = await http.post("/personas", json={**persona, "guardrail_tags": ["compliance"]})
    assert made.status_code == 200, made.text
    persona_id = made.json()["persona_id"]
    stored = (await http.get(f"/personas/{persona_id}")).json()
    assert (stored["guardrail_ids"], stored["guardrail_tags"]) == ([single["uuid"]], ["compliance"])

    unknown = await http.post("/personas", json={**persona, "guardrail_ids": [single["uuid"], "g000000000000"]})
    assert unknown.status_code == 400
    assert "Guardrail not found: g000000000000" in unknown.text

    pal = {"pal_name": "Guarded", "system_prompt": "Be helpful.", "default_face_id": "r79e1c033f"}
    pal_made = await http.post("/pals", json={**pal, "guardrail_ids": [single["uuid"]]})
    assert pal_made.status_code == 200, pal_made.text
    pal_id = pal_made.json()["pal_id"]
    assert (await http.get(f"/pals/{pal_id}")).json()["guardrail_ids"] == [single["uuid"]]
    bad_pal = await http.post("/pals", json={**pal, "guardrail_ids": ["g000000000000"]})
    assert bad_pal.status_code == 400

    # Deleting the guardrail removes the reference (delete-guardrails page).
    await http.delete(f"/guardrails/{single['uuid']}")
    assert (await http.get(f"/personas/{persona_id}")).json()["guardrail_ids"] == []
    assert (await http.get(f"/pals/{pal_id}")).json()["guardrail_ids"] == []


async def test_at_most_50_guardrails_per_persona(http: httpx.AsyncClient) -> None:
    uuids = [(await create(http, guardrail_name=f"rule_{i}"))["uuid"] for i in range(51)]
    persona = {"persona_name": "Guarded", "system_prompt": "Be helpful."}
    too_many = await http.post("/personas", json={**persona, "guardrail_ids": uuids})
    assert too_many.status_code in (400, 422)
    assert "guardrail_ids" in too_many.text
    assert (await http.post("/personas", json={**persona, "guardrail_ids": uuids[:50]})).status_code == 200


async def test_lifecycle_through_the_async_sdk(tavus: AsyncTavus) -> None:
    made = await tavus.guardrails.individual.create(
        guardrail_name="no_pricing", guardrail_prompt="Never quote prices.", tags=["sales"], app_message=False
    )
    assert (made.tags, made.app_message, made.modality) == (["sales"], False, "verbal")
    legacy = await tavus.guardrails.create(data=[ONE])
    listed = [g async for g in tavus.guardrails.individual.list(tags=["sales"])]
    assert [g.uuid for g in listed] == [made.uuid]
    assert [s.guardrails_id async for s in tavus.guardrails.list()] == [legacy.guardrails_id]
    patched = await tavus.guardrails.individual.patch(
        made.uuid, [{"op": "replace", "path": "/modality", "value": "visual"}]
    )
    assert patched.modality == "visual"
    with pytest.raises(ValueError, match="data"):
        await tavus.guardrails.individual.patch(
            made.uuid, [{"op": "replace", "path": "/data/0/modality", "value": "visual"}]
        )
    await tavus.guardrails.individual.delete(made.uuid)
    with pytest.raises(BadRequestError):
        await tavus.guardrails.individual.get(made.uuid)


def test_sync_sdk_pages_through_every_guardrail(sync_tavus: Tavus, emulator: TavusEmulator) -> None:
    made = [sync_tavus.guardrails.individual.create(guardrail_name=f"r_{i}", guardrail_prompt="p") for i in range(23)]
    page = sync_tavus.guardrails.individual.list(limit=10)
    assert len(page.data) == 10
    assert [g.uuid for g in sync_tavus.guardrails.individual.list(limit=10)] == [g.uuid for g in made]
    persona = sync_tavus.personas.create(
        persona_name="Guarded", system_prompt="Be helpful.", guardrail_ids=[made[0].uuid], guardrail_tags=["x"]
    )
    assert persona.guardrail_ids == [made[0].uuid]


async def test_a_pal_made_through_the_sdk_carries_its_guardrails(tavus: AsyncTavus) -> None:
    rule = await tavus.guardrails.individual.create(guardrail_name="no_pricing", guardrail_prompt="Never.")
    pal = await tavus.pals.create(
        pal_name="Front desk",
        system_prompt="You greet visitors.",
        default_face_id="r79e1c033f",
        guardrail_ids=[rule.uuid],
        guardrail_tags=["compliance"],
    )
    assert (pal.guardrail_ids, pal.guardrail_tags) == ([rule.uuid], ["compliance"])
    with pytest.raises(BadRequestError, match="Guardrail not found"):
        await tavus.pals.create(
            pal_name="Front desk", system_prompt="p", default_face_id="r79e1c033f", guardrail_ids=["g000000000000"]
        )


async def test_a_removed_field_is_gone(http: httpx.AsyncClient) -> None:
    made = await create(http, callback_url="https://example.test/hook")
    removed = await http.patch(f"/guardrails/{made['uuid']}", json=[{"op": "remove", "path": "/callback_url"}])
    assert removed.status_code == 200
    assert "callback_url" not in (await http.get(f"/guardrails/{made['uuid']}")).json()
