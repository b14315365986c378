"""personas.ensure_pipecat_stream: reuse the echo persona by name, create it only when missing."""

from __future__ import annotations

import json

import httpx
import pytest
import respx

from tavus_sdk import AsyncTavus, Tavus, TavusError

from .conftest import resolve

ECHO = {"persona_id": "p-echo", "persona_name": "pipecat-stream", "pipeline_mode": "echo"}
OTHER = {"persona_id": "p-full", "persona_name": "Sales Coach", "pipeline_mode": "full"}


async def test_reuses_existing_echo_persona(client: AsyncTavus | Tavus, router: respx.MockRouter) -> None:
    router.get("/personas").mock(return_value=httpx.Response(200, json={"data": [OTHER, ECHO]}))
    create = router.post("/personas")
    persona = await resolve(client.personas.ensure_pipecat_stream(replica_id="r1"))
    assert persona.persona_id == "p-echo"
    assert not create.called


async def test_creates_echo_persona_when_missing(client: AsyncTavus | Tavus, router: respx.MockRouter) -> None:
    router.get("/personas").mock(return_value=httpx.Response(200, json={"data": [OTHER]}))
    create = router.post("/personas").mock(
        return_value=httpx.Response(200, json={**ECHO, "persona_id": "p-new", "default_replica_id": "r1"})
    )
    persona = await resolve(client.personas.ensure_pipecat_stream(replica_id="r1"))
    assert persona.persona_id == "p-new"
    assert json.loads(create.calls.last.request.content) == {
        "persona_name": "pipecat-stream",
        "pipeline_mode": "echo",
        "default_replica_id": "r1",
    }


async def test_custom_name_and_no_replica(client: AsyncTavus | Tavus, router: respx.MockRouter) -> None:
    router.get("/personas").mock(return_value=httpx.Response(200, json={"data": [ECHO]}))
    create = router.post("/personas").mock(return_value=httpx.Response(200, json={**ECHO, "persona_name": "mine"}))
    await resolve(client.personas.ensure_pipecat_stream(name="mine"))
    assert json.loads(create.calls.last.request.content) == {"persona_name": "mine", "pipeline_mode": "echo"}


async def test_refuses_a_same_named_full_persona(client: AsyncTavus | Tavus, router: respx.MockRouter) -> None:
    clash = {**OTHER, "persona_name": "pipecat-stream"}
    router.get("/personas").mock(return_value=httpx.Response(200, json={"data": [clash]}))
    with pytest.raises(TavusError, match="pipeline_mode is 'full', not 'echo'"):
        await resolve(client.personas.ensure_pipecat_stream())
