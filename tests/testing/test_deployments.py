"""Deployments: key-less init, start and end; limits; one deployment cannot end another's conversation."""

from __future__ import annotations

import httpx

from tavus_sdk.testing import TavusEmulator
from tests.testing.conftest import assert_fits

PAL = "p9a95912"


async def test_start_and_end_need_no_api_key(http: httpx.AsyncClient, emulator: TavusEmulator) -> None:
    created = (await http.post("/deployments", json={"pal_id": PAL, "channel": "embed", "password": "s3cret"})).json()
    assert_fits(created, "Deployment")
    assert created["has_password"] is True
    assert "password" not in created
    deployment_id = created["deployment_id"]
    async with httpx.AsyncClient(base_url=emulator.base_url, transport=emulator.transport()) as browser:
        assert (await browser.get(f"/deployments/{deployment_id}")).status_code == 401
        init = await browser.get(f"/deployments/{deployment_id}/init")
        assert init.status_code == 200
        assert init.json()["is_available"] is True
        started = await browser.post(f"/deployments/{deployment_id}/start")
        assert started.status_code == 200, started.text
        conversation = started.json()
        assert_fits(conversation, "Conversation")
        ended = await browser.post(f"/deployments/{deployment_id}/conversations/{conversation['conversation_id']}/end")
        assert ended.json() == {"conversation_id": conversation["conversation_id"], "status": "ended"}
    usage = (await http.get(f"/deployments/{deployment_id}")).json()
    assert (usage["usage_total"], usage["usage_today"]) == (1, 1)


async def test_concurrent_limit_and_max_duration(http: httpx.AsyncClient, emulator: TavusEmulator) -> None:
    body = {"pal_id": PAL, "channel": "widget", "limits": {"concurrent_call_limit": 1, "max_call_duration": 60}}
    deployment_id = (await http.post("/deployments", json=body)).json()["deployment_id"]
    first = (await http.post(f"/deployments/{deployment_id}/start")).json()
    assert (await http.post(f"/deployments/{deployment_id}/start")).status_code == 429
    emulator.advance(61)  # the call ends at its max_call_duration, freeing the slot
    assert (await http.get(f"/conversations/{first['conversation_id']}")).json()["status"] == "ended"
    assert (await http.post(f"/deployments/{deployment_id}/start")).status_code == 200


async def test_a_deployment_ends_only_its_own_conversations(http: httpx.AsyncClient) -> None:
    deployment_id = (await http.post("/deployments", json={"pal_id": PAL, "channel": "widget"})).json()["deployment_id"]
    other = (await http.post("/conversations", json={"persona_id": PAL})).json()
    refused = await http.post(f"/deployments/{deployment_id}/conversations/{other['conversation_id']}/end")
    assert refused.status_code == 404
    assert (await http.get(f"/conversations/{other['conversation_id']}")).json()["status"] == "active"


async def test_deployments_are_per_api_key(http: httpx.AsyncClient, emulator: TavusEmulator) -> None:
    await http.post("/deployments", json={"pal_id": PAL, "channel": "widget"})
    async with httpx.AsyncClient(
        base_url=emulator.base_url, transport=emulator.transport(), headers={"x-api-key": "other"}
    ) as other:
        assert (await other.get("/deployments")).json() == {"data": [], "total_count": 0}
