"""Pronunciation dictionaries: create 201, paged list (from 0, newest first), get, JSON Patch with 304, delete 204."""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest

from tavus_sdk import AsyncTavus, NotFoundError, Tavus
from tavus_sdk.patch import Patch, PatchPathError
from tavus_sdk.testing import TavusEmulator
from tests.testing.conftest import API_KEY, assert_fits

TAVUS = {"text": "Tavus", "pronunciation": "TAH-vus", "type": "alias"}
CVI = {"text": "CVI", "pronunciation": "conversational video interface", "type": "alias"}
DEFAULTS = {"case_sensitive": False, "word_boundaries": True}


async def create(http: httpx.AsyncClient, name: str = "Brand Terms", *rules: dict[str, Any]) -> dict[str, Any]:
    response = await http.post("/pronunciation-dictionaries", json={"name": name, "rules": list(rules) or [TAVUS]})
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


async def patch(http: httpx.AsyncClient, dictionary_id: str, operations: Any) -> httpx.Response:
    return await http.patch(f"/pronunciation-dictionaries/{dictionary_id}", json=operations)


async def test_create_is_201_with_the_rules_and_their_defaults(http: httpx.AsyncClient) -> None:
    created = await create(http)
    assert_fits(created, "PronunciationDictionary")
    assert re.fullmatch(r"pd_[a-z0-9]{14}", created["pronunciation_dictionary_id"])
    assert (created["name"], created["rules"], created["rules_count"]) == ("Brand Terms", [{**TAVUS, **DEFAULTS}], 1)
    got = await http.get(f"/pronunciation-dictionaries/{created['pronunciation_dictionary_id']}")
    assert got.json() == created


async def test_rules_can_be_left_for_later(http: httpx.AsyncClient) -> None:
    response = await http.post("/pronunciation-dictionaries", json={"name": "Medical Terms"})
    assert (response.status_code, response.json()["rules"], response.json()["rules_count"]) == (201, [], 0)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"rules": [TAVUS]}, "name"),
        ({"name": "n" * 256}, "name"),
        ({"name": "x", "rules": [{**TAVUS, "type": "phoneme"}]}, "rules.0.type"),
        ({"name": "x", "rules": [{**TAVUS, "text": "t" * 201}]}, "rules.0.text"),
        ({"name": "x", "rules": [{"text": "Tavus", "type": "alias"}]}, "rules.0.pronunciation"),
    ],
)
async def test_a_body_that_breaks_the_schema_is_422(http: httpx.AsyncClient, body: dict[str, Any], field: str) -> None:
    response = await http.post("/pronunciation-dictionaries", json=body)
    assert response.status_code == 422
    assert field in {e["field"] for e in response.json()["errors"]}


async def test_duplicate_texts_are_400(http: httpx.AsyncClient) -> None:
    response = await http.post("/pronunciation-dictionaries", json={"name": "x", "rules": [TAVUS, TAVUS]})
    assert response.status_code == 400
    assert response.json() == {"error": "Invalid request: duplicate text values in rules ('Tavus')"}


async def test_the_list_is_newest_first_from_page_0_without_rules(
    http: httpx.AsyncClient, emulator: TavusEmulator
) -> None:
    ids = []
    for i in range(12):
        ids.append((await create(http, f"dict {i}"))["pronunciation_dictionary_id"])
        emulator.advance(1)
    first = (await http.get("/pronunciation-dictionaries")).json()
    assert_fits(first, "PronunciationDictionaryList")
    assert [d["pronunciation_dictionary_id"] for d in first["data"]] == ids[::-1][:10]
    assert (first["total_count"], first["page"], first["limit"]) == (12, 0, 10)
    assert "rules" not in first["data"][0]
    assert first["data"][0]["rules_count"] == 1
    second = (await http.get("/pronunciation-dictionaries", params={"page": 1})).json()
    assert [d["pronunciation_dictionary_id"] for d in second["data"]] == ids[1::-1]
    oldest = (await http.get("/pronunciation-dictionaries", params={"sort": "asc", "limit": 2})).json()
    assert [d["pronunciation_dictionary_id"] for d in oldest["data"]] == ids[:2]


async def test_a_patch_replaces_name_and_rules(http: httpx.AsyncClient, emulator: TavusEmulator) -> None:
    created = await create(http)
    emulator.advance(10)
    ops = [
        {"op": "replace", "path": "/name", "value": "Updated Brand Terms"},
        {"op": "replace", "path": "/rules", "value": [TAVUS, CVI]},
    ]
    response = await patch(http, created["pronunciation_dictionary_id"], ops)
    assert response.status_code == 200, response.text
    updated = response.json()
    assert_fits(updated, "PronunciationDictionary")
    assert (updated["name"], updated["rules_count"]) == ("Updated Brand Terms", 2)
    assert updated["rules"][1] == {**CVI, **DEFAULTS}
    assert updated["updated_at"] > created["updated_at"]
    assert updated["created_at"] == created["created_at"]


async def test_no_change_and_read_only_fields_answer_304(http: httpx.AsyncClient) -> None:
    created = await create(http)
    dictionary_id = created["pronunciation_dictionary_id"]
    for ops in (
        [{"op": "replace", "path": "/name", "value": "Brand Terms"}],
        [{"op": "replace", "path": "/pronunciation_dictionary_id", "value": "pd_other"}],
        [{"op": "replace", "path": "/created_at", "value": "2020-01-01T00:00:00Z"}],
    ):
        response = await patch(http, dictionary_id, ops)
        assert (response.status_code, response.content) == (304, b""), ops
    assert (await http.get(f"/pronunciation-dictionaries/{dictionary_id}")).json() == created


async def test_a_patch_with_duplicates_is_400_and_a_broken_one_422(http: httpx.AsyncClient) -> None:
    created = await create(http)
    dictionary_id = created["pronunciation_dictionary_id"]
    duplicate = await patch(http, dictionary_id, [{"op": "add", "path": "/rules/-", "value": TAVUS}])
    assert duplicate.status_code == 400
    assert "duplicate text" in duplicate.json()["error"]
    missing = await patch(http, dictionary_id, [{"op": "remove", "path": "/rules/5"}])
    assert (missing.status_code, set(missing.json())) == (422, {"message"})
    assert missing.json()["message"].startswith("Invalid JSON patch format")
    assert (await http.get(f"/pronunciation-dictionaries/{dictionary_id}")).json() == created


async def test_unknown_ids_are_404_and_delete_is_204(http: httpx.AsyncClient) -> None:
    created = await create(http)
    dictionary_id = created["pronunciation_dictionary_id"]
    response = await http.delete(f"/pronunciation-dictionaries/{dictionary_id}")
    assert (response.status_code, response.content) == (204, b"")
    for gone in (
        await http.get(f"/pronunciation-dictionaries/{dictionary_id}"),
        await http.delete(f"/pronunciation-dictionaries/{dictionary_id}"),
        await patch(http, dictionary_id, [{"op": "replace", "path": "/name", "value": "x"}]),
    ):
        assert (gone.status_code, gone.json()) == (404, {"message": "Pronunciation dictionary not found"})


async def test_dictionaries_belong_to_their_api_key(emulator: TavusEmulator, http: httpx.AsyncClient) -> None:
    created = await create(http)
    async with httpx.AsyncClient(
        base_url=emulator.base_url, transport=emulator.transport(), headers={"x-api-key": "another-" + API_KEY}
    ) as other:
        assert (await other.get("/pronunciation-dictionaries")).json()["total_count"] == 0
        missing = await other.get(f"/pronunciation-dictionaries/{created['pronunciation_dictionary_id']}")
        assert missing.status_code == 404


async def test_deleting_a_dictionary_detaches_it_from_personas(http: httpx.AsyncClient) -> None:
    created = await create(http)
    dictionary_id = created["pronunciation_dictionary_id"]
    persona = (
        await http.post(
            "/personas",
            json={"system_prompt": "Speak.", "layers": {"tts": {"pronunciation_dictionary_id": dictionary_id}}},
        )
    ).json()
    await http.delete(f"/pronunciation-dictionaries/{dictionary_id}")
    after = (await http.get(f"/personas/{persona['persona_id']}")).json()
    assert after["layers"]["tts"]["pronunciation_dictionary_id"] is None


async def test_the_sdk_lifecycle(tavus: AsyncTavus, sync_tavus: Tavus) -> None:
    created = await tavus.pronunciation_dictionaries.create(name="Brand Terms", rules=[TAVUS])
    assert created.rules_count == 1
    renamed = await tavus.pronunciation_dictionaries.patch(
        created.pronunciation_dictionary_id, Patch().replace("/name", "Renamed")
    )
    assert renamed.name == "Renamed"
    # 304 "no changes": the dictionary is read back, so the call still returns it.
    same = await tavus.pronunciation_dictionaries.patch(
        created.pronunciation_dictionary_id, [{"op": "replace", "path": "/name", "value": "Renamed"}]
    )
    assert same == renamed
    with pytest.raises(PatchPathError, match="did you mean"):
        await tavus.pronunciation_dictionaries.patch(created.pronunciation_dictionary_id, Patch().replace("/nam", "x"))
    for i in range(3):
        sync_tavus.pronunciation_dictionaries.create(name=f"d{i}")
    names = [d.name for d in sync_tavus.pronunciation_dictionaries.list(limit=2)]
    assert names == ["d2", "d1", "d0", "Renamed"]
    await tavus.pronunciation_dictionaries.delete(created.pronunciation_dictionary_id)
    with pytest.raises(NotFoundError):
        sync_tavus.pronunciation_dictionaries.get(created.pronunciation_dictionary_id)
