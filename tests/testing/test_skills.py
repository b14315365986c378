"""The skills registry and PAL skills, keyed by skill_id."""

from __future__ import annotations

import httpx

from tests.testing.conftest import assert_fits

PAL = {"pal_name": "Desk", "system_prompt": "Hi.", "default_face_id": "r79e1c033f"}
DECK = {"document_ids": ["d1234567890"], "slides_trigger": "walk_the_deck", "prompt": "Walk the deck."}


async def pal_id(http: httpx.AsyncClient) -> str:
    return str((await http.post("/pals", json=PAL)).json()["pal_id"])


async def test_registry(http: httpx.AsyncClient) -> None:
    listed = (await http.get("/skills")).json()["data"]
    assert [s["skill_id"] for s in listed] == ["internet_search", "presentation", "magic_canvas"]
    assert (await http.get("/skills/presentation")).json() == {"skill_id": "presentation"}
    assert (await http.get("/skills/nope")).status_code == 404


async def test_attach_get_update_detach(http: httpx.AsyncClient) -> None:
    pid = await pal_id(http)
    attached = await http.put(f"/pals/{pid}/skills/presentation", json={"config": DECK})
    assert attached.status_code == 200, attached.text
    assert_fits(attached.json(), "SkillAttachment")
    first = attached.json()["attached_at"]
    merged = await http.patch(
        f"/pals/{pid}/skills/presentation", json={"config": {"prompt": None, "slides_trigger": "on_demand"}}
    )
    assert merged.json()["config"] == {"document_ids": ["d1234567890"], "slides_trigger": "on_demand"}
    assert merged.json()["attached_at"] == first
    listed = (await http.get(f"/pals/{pid}/skills")).json()
    assert list(listed["data"]) == ["presentation"]
    assert (await http.delete(f"/pals/{pid}/skills/presentation")).status_code == 200
    assert (await http.get(f"/pals/{pid}/skills/presentation")).status_code == 404
    assert (await http.get("/skills/presentation")).status_code == 200  # still in the registry


async def test_an_empty_body_attaches_with_no_configuration(http: httpx.AsyncClient) -> None:
    pid = await pal_id(http)
    attached = await http.put(f"/pals/{pid}/skills/internet_search")
    assert attached.status_code == 200, attached.text
    assert attached.json()["config"] == {}


async def test_configuration_is_validated(http: httpx.AsyncClient) -> None:
    pid = await pal_id(http)
    missing = await http.put(f"/pals/{pid}/skills/presentation", json={"config": {}})
    assert missing.status_code == 422
    assert missing.json()["errors"][0]["field"] == "config.document_ids"
    await http.put(f"/pals/{pid}/skills/presentation", json={"config": DECK})
    removed = await http.patch(f"/pals/{pid}/skills/presentation", json={"config": {"document_ids": None}})
    assert removed.status_code == 422
    assert (await http.get(f"/pals/{pid}/skills/presentation")).json()["config"] == DECK  # nothing lost
    unknown = await http.put(f"/pals/{pid}/skills/teleport", json={})
    assert unknown.status_code == 404


async def test_replace_sets_the_whole_set(http: httpx.AsyncClient) -> None:
    pid = await pal_id(http)
    await http.put(f"/pals/{pid}/skills/magic_canvas", json={})
    replaced = await http.put(f"/pals/{pid}/skills", json={"skills": {"internet_search": {"config": {}}}})
    assert list(replaced.json()["data"]) == ["internet_search"]
    bad = await http.put(f"/pals/{pid}/skills", json={"skills": {"presentation": {"config": {}}}})
    assert bad.status_code == 422
    assert list((await http.get(f"/pals/{pid}/skills")).json()["data"]) == ["internet_search"]


async def test_stock_pals_are_read_only(http: httpx.AsyncClient) -> None:
    refused = await http.put("/pals/pdced222244b/skills/internet_search", json={})
    assert refused.status_code == 403
