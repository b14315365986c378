"""Where the sources disagree, every documented shape works: error bodies, wrapped resources, empty successes."""

from __future__ import annotations

import httpx
import pytest
import respx

from tavus_sdk import AsyncTavus, BadRequestError, InvalidIdError, NotFoundError, Tavus

from .conftest import resolve

PERSONA = {"persona_id": "p1", "persona_name": "Coach", "pipeline_mode": "full", "system_prompt": "Hi"}
REPLICA = {"replica_id": "r1", "replica_name": "Anna", "status": "completed"}
VIDEO = {"video_id": "v1", "video_name": "Intro", "status": "ready"}


@pytest.mark.parametrize("id_field", ["persona_id", "conversation_id", "replica_id", "video_id"])
async def test_tavus_unknown_id_400_is_a_not_found_and_a_bad_request(
    client: AsyncTavus | Tavus, router: respx.MockRouter, id_field: str
) -> None:
    # docs.tavus.io/api-reference/conversations/end-conversation: 400 {"error": "Invalid conversation_id"}
    router.get("/personas/nope").mock(return_value=httpx.Response(400, json={"error": f"Invalid {id_field}"}))
    with pytest.raises(NotFoundError) as caught:
        await resolve(client.personas.get("nope"))
    assert isinstance(caught.value, BadRequestError)
    assert isinstance(caught.value, InvalidIdError)
    assert caught.value.status_code == 400
    assert caught.value.message.endswith(f": Invalid {id_field}")


async def test_other_400s_are_not_not_found(client: AsyncTavus | Tavus, router: respx.MockRouter) -> None:
    router.post("/personas").mock(return_value=httpx.Response(400, json={"error": "system_prompt is required"}))
    with pytest.raises(BadRequestError) as caught:
        await resolve(client.personas.create(persona_name="x"))
    assert not isinstance(caught.value, NotFoundError)
    assert "system_prompt is required" in caught.value.message


@pytest.mark.parametrize(
    "body", [{"message": "Invalid access token"}, {"error": "Invalid access token"}], ids=["message", "error"]
)
async def test_error_messages_are_read_from_message_or_error(
    client: AsyncTavus | Tavus, router: respx.MockRouter, body: dict[str, str]
) -> None:
    router.get("/personas").mock(return_value=httpx.Response(401, json=body))
    with pytest.raises(Exception, match="Invalid access token"):
        await resolve(client.personas.list())


@pytest.mark.parametrize(
    "body", [PERSONA, {"data": [PERSONA]}, {"data": PERSONA}], ids=["bare", "wrapped-list", "wrapped-object"]
)
async def test_get_persona_accepts_bare_and_wrapped(
    client: AsyncTavus | Tavus, router: respx.MockRouter, body: object
) -> None:
    router.get("/personas/p1").mock(return_value=httpx.Response(200, json=body))
    persona = await resolve(client.personas.get("p1"))
    assert (persona.persona_id, persona.persona_name) == ("p1", "Coach")


@pytest.mark.parametrize(
    "reply",
    [
        httpx.Response(200),
        httpx.Response(200, text="OK"),
        httpx.Response(200, json={"message": "Persona updated successfully"}),
        httpx.Response(304),
    ],
    ids=["empty", "plain-text", "message-only", "304-no-changes"],
)
async def test_patch_without_a_persona_in_the_reply_reads_it_back(
    client: AsyncTavus | Tavus, router: respx.MockRouter, reply: httpx.Response
) -> None:
    patch = router.patch("/personas/p1").mock(return_value=reply)
    get = router.get("/personas/p1").mock(return_value=httpx.Response(200, json={"data": [PERSONA]}))
    persona = await resolve(
        client.personas.patch("p1", [{"op": "replace", "path": "/persona_name", "value": "Coach"}], timeout=5)
    )
    assert persona.persona_name == "Coach"
    assert (patch.call_count, get.call_count) == (1, 1)
    assert get.calls.last.request.content == b""  # a plain GET, whatever the patch call carried


async def test_patch_with_the_persona_in_the_reply_sends_nothing_more(
    client: AsyncTavus | Tavus, router: respx.MockRouter
) -> None:
    router.patch("/personas/p1").mock(return_value=httpx.Response(200, json={**PERSONA, "persona_name": "New"}))
    get = router.get("/personas/p1")
    persona = await resolve(client.personas.patch("p1", [{"op": "replace", "path": "/persona_name", "value": "New"}]))
    assert persona.persona_name == "New"
    assert not get.called


@pytest.mark.parametrize(
    "reply", [httpx.Response(200), httpx.Response(200, text="OK"), httpx.Response(200, json=REPLICA)]
)
async def test_replica_rename_returns_the_replica_whatever_the_200_carries(
    client: AsyncTavus | Tavus, router: respx.MockRouter, reply: httpx.Response
) -> None:
    router.patch("/replicas/r1/name").mock(return_value=reply)
    router.get("/replicas/r1").mock(return_value=httpx.Response(200, json=REPLICA))
    replica = await resolve(client.replicas.rename("r1", "Anna"))
    assert replica.replica_id == "r1"


@pytest.mark.parametrize(
    "reply", [httpx.Response(200), httpx.Response(200, text="OK"), httpx.Response(200, json=VIDEO)]
)
async def test_video_rename_returns_the_video_whatever_the_200_carries(
    client: AsyncTavus | Tavus, router: respx.MockRouter, reply: httpx.Response
) -> None:
    router.patch("/videos/v1/name").mock(return_value=reply)
    router.get("/videos/v1").mock(return_value=httpx.Response(200, json=VIDEO))
    video = await resolve(client.videos.rename("v1", "Intro"))
    assert video.video_id == "v1"


@pytest.mark.parametrize("status", [200, 202, 204])
async def test_deletes_and_end_succeed_on_every_documented_status(
    client: AsyncTavus | Tavus, router: respx.MockRouter, status: int
) -> None:
    router.delete("/conversations/c1").mock(return_value=httpx.Response(status))
    router.delete("/personas/p1").mock(return_value=httpx.Response(status))
    router.post("/conversations/c1/end").mock(return_value=httpx.Response(status))
    assert await resolve(client.conversations.delete("c1")) is None
    assert await resolve(client.personas.delete("p1")) is None
    assert await resolve(client.conversations.end("c1")) is None
