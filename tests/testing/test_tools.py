"""Standalone tools and PAL tools: the documented rules."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.testing.conftest import assert_fits

TOOL = {"name": "get_weather", "description": "Get the current weather for a city"}
PAL = {"pal_name": "Desk", "system_prompt": "Hi.", "default_face_id": "r79e1c033f"}


async def tool(http: httpx.AsyncClient, **body: Any) -> dict[str, Any]:
    response = await http.post("/tools", json={**TOOL, **body})
    assert response.status_code == 200, response.text
    created: dict[str, Any] = response.json()
    return created


async def test_create_defaults_and_shape(http: httpx.AsyncClient) -> None:
    created = await tool(http)
    assert_fits(created, "Tool")
    assert created["delivery"] == {"app_message": True}
    assert (created["trigger_type"], created["origin"], created["is_system_tool"]) == ("in_call", "llm", False)
    assert isinstance(created["owner_id"], int)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": "1bad"}, "name"),
        ({"name": "x" * 65}, "name"),
        ({"description": "d" * 10001}, "description"),
        ({"parameters": {"type": "object", "properties": {"tavus_secret": {"type": "string"}}}}, "parameters"),
        ({"delivery": {"app_message": True, "api": {"url": "https://api.example.com"}}}, "delivery"),
        ({"delivery": {"app_message": False}}, "delivery"),
        ({"on_call": "static_filler"}, "static_filler"),
    ],
)
async def test_create_rules(http: httpx.AsyncClient, body: dict[str, Any], field: str) -> None:
    response = await http.post("/tools", json={**TOOL, **body})
    assert response.status_code == 422, response.text
    assert response.json()["errors"][0]["field"].startswith(field)


async def test_names_are_unique_until_the_tool_is_deleted(http: httpx.AsyncClient) -> None:
    first = await tool(http)
    assert (await http.post("/tools", json=TOOL)).status_code == 409
    assert (await http.delete(f"/tools/{first['tool_id']}")).status_code == 204  # docs: tools/delete-tool
    await tool(http)


async def test_names_are_unique_per_api_key(http: httpx.AsyncClient, emulator: Any) -> None:
    await tool(http)
    async with httpx.AsyncClient(
        base_url=emulator.base_url, transport=emulator.transport(), headers={"x-api-key": "another-account"}
    ) as other:
        assert (await other.post("/tools", json=TOOL)).status_code == 200
        assert (await other.get("/tools")).json()["total_count"] == 1


async def test_secrets_are_masked_and_a_mask_is_never_stored(http: httpx.AsyncClient) -> None:
    api = {"url": "https://api.example.com/w", "auth": {"type": "bearer", "token": "s3cret"}}
    created = await tool(http, delivery={"api": api})
    assert created["delivery"]["api"]["auth"]["token"] == "********"
    fetched = (await http.get(f"/tools/{created['tool_id']}")).json()
    echoed = await http.patch(f"/tools/{created['tool_id']}", json={"delivery": fetched["delivery"]})
    assert echoed.status_code == 422
    assert echoed.json()["errors"][0]["field"] == "delivery.api.auth.token"


async def test_update_merges_fields(http: httpx.AsyncClient) -> None:
    created = await tool(http, tags=["weather"])
    updated = (await http.patch(f"/tools/{created['tool_id']}", json={"description": "New."})).json()
    assert (updated["description"], updated["tags"], updated["name"]) == ("New.", ["weather"], "get_weather")


async def test_system_tool_is_listed_first_and_read_only(http: httpx.AsyncClient) -> None:
    own = await tool(http)
    listed = (await http.get("/tools", params={"type": "all"})).json()
    assert [t["tool_id"] for t in listed["data"]] == ["end_call", own["tool_id"]]
    assert (await http.get("/tools")).json()["data"][0]["tool_id"] == own["tool_id"]
    system = (await http.get("/tools/end_call")).json()
    assert (system["is_system_tool"], system["owner_id"]) == (True, None)
    assert (await http.patch("/tools/end_call", json={"description": "x"})).status_code == 403
    assert (await http.delete("/tools/end_call")).status_code == 403


async def test_list_pages(http: httpx.AsyncClient) -> None:
    ids = [(await tool(http, name=f"tool_{n}"))["tool_id"] for n in range(3)]
    first = (await http.get("/tools", params={"limit": 2, "page": 1})).json()
    second = (await http.get("/tools", params={"limit": 2, "page": 2})).json()
    assert [t["tool_id"] for t in first["data"] + second["data"]] == ids
    assert first["total_count"] == second["total_count"] == 3
    newest = (await http.get("/tools", params={"sort": "desc", "limit": 1})).json()
    assert newest["data"][0]["tool_id"] == ids[-1]


async def test_attach_list_detach(http: httpx.AsyncClient) -> None:
    pal = (await http.post("/pals", json=PAL)).json()
    created = await tool(http)
    attached = await http.post(f"/pals/{pal['pal_id']}/tools", json={"tool_ids": [created["tool_id"]] * 2})
    assert attached.status_code == 200, attached.text
    assert [t["tool_id"] for t in attached.json()["data"]] == [created["tool_id"]]
    # 204 "Tool detached" (docs.tavus.io/api-reference/pal-tools/detach-tool-from-pal)
    assert (await http.delete(f"/pals/{pal['pal_id']}/tools/{created['tool_id']}")).status_code == 204
    assert (await http.get(f"/pals/{pal['pal_id']}/tools")).json() == {"data": [], "total_count": 0}
    assert (await http.get(f"/tools/{created['tool_id']}")).status_code == 200  # detached, not deleted
    again = await http.delete(f"/pals/{pal['pal_id']}/tools/{created['tool_id']}")
    assert again.status_code == 404


async def test_at_most_50_tools_per_pal(http: httpx.AsyncClient) -> None:
    ids = [(await tool(http, name=f"tool_{n}"))["tool_id"] for n in range(51)]
    pal = (await http.post("/pals", json={**PAL, "tool_ids": ids[:50]})).json()
    refused = await http.post(f"/pals/{pal['pal_id']}/tools", json={"tool_ids": ids[50:]})
    assert refused.status_code == 400
    assert "at most 50" in refused.json()["message"]
    assert len((await http.get(f"/pals/{pal['pal_id']}/tools")).json()["data"]) == 50


async def test_system_and_unknown_tools_cannot_be_attached(http: httpx.AsyncClient) -> None:
    pal = (await http.post("/pals", json=PAL)).json()
    system = await http.post(f"/pals/{pal['pal_id']}/tools", json={"tool_ids": ["end_call"]})
    assert system.status_code == 400
    unknown = await http.post("/pals", json={**PAL, "tool_ids": ["tnope"]})
    assert unknown.status_code == 400
    assert unknown.json()["errors"] == [{"field": "tool_ids.0", "message": "Tool not found: tnope"}]
    assert len((await http.get("/personas")).json()["data"]) == len((await http.get("/pals")).json()["data"])
