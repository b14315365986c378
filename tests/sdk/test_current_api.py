"""client.pals, faces, tools, skills, deployments, conversations.canvas: what is sent, what is parsed, what is
refused before anything is sent."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from tavus_sdk import Tavus
from tavus_sdk.patch import PatchPathError

PAL = {"pal_id": "p1", "pal_name": "Desk", "default_face_id": "r1", "future_field": 1}


def _client(answers: dict[str, Any], seen: list[httpx.Request]) -> Tavus:
    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        key = f"{request.method} {request.url.path.removeprefix('/v2')}"
        return httpx.Response(200, json=answers[key]) if key in answers else httpx.Response(404, json={"message": key})

    return Tavus(api_key="k", base_url="http://local.test/v2", transport=httpx.MockTransport(handler), max_retries=0)


@pytest.mark.parametrize("body", [PAL, {"data": [PAL]}], ids=["bare", "wrapped"])
def test_get_pal_parses_both_documented_shapes(body: dict[str, Any]) -> None:
    pal = _client({"GET /pals/p1": body}, []).pals.get("p1")
    assert (pal.pal_id, pal.pal_name, pal.default_face_id) == ("p1", "Desk", "r1")
    assert pal.model_extra == {"future_field": 1}


def test_create_pal_sends_pal_names_and_needs_a_face() -> None:
    seen: list[httpx.Request] = []
    client = _client({"POST /pals": PAL}, seen)
    client.pals.create(pal_name="Desk", system_prompt="Hi.", default_face_id="r1", tool_ids=["t1"])
    assert json.loads(seen[0].content) == {
        "pal_name": "Desk",
        "system_prompt": "Hi.",
        "default_face_id": "r1",
        "tool_ids": ["t1"],
    }
    with pytest.raises(TypeError, match="default_face_id"):
        client.pals.create(pal_name="No face", system_prompt="Hi.")  # type: ignore[call-arg]
    assert len(seen) == 1


def test_pal_patch_paths_are_checked_in_pal_names() -> None:
    seen: list[httpx.Request] = []
    client = _client({"PATCH /pals/p1": PAL}, seen)
    with pytest.raises(PatchPathError, match='did you mean "/pal_name"'):
        client.pals.patch("p1", [{"op": "replace", "path": "/persona_name", "value": "x"}])
    assert seen == []
    client.pals.patch("p1", [{"op": "replace", "path": "/pal_name", "value": "x"}])
    assert seen[0].headers["content-type"].startswith("application/json")


def test_attaching_more_than_50_tools_is_refused_before_sending() -> None:
    seen: list[httpx.Request] = []
    client = _client({}, seen)
    with pytest.raises(ValueError, match="at most 50"):
        client.pals.tools.attach("p1", [f"t{n}" for n in range(51)])
    with pytest.raises(ValueError, match="at least one"):
        client.pals.tools.attach("p1", [])
    assert seen == []


def test_skills_attach_and_replace_send_config_objects() -> None:
    seen: list[httpx.Request] = []
    attachment = {"skill_id": "presentation", "config": {"document_ids": ["d1"]}}
    answers = {
        "PUT /pals/p1/skills/presentation": attachment,
        "PUT /pals/p1/skills": {"data": {"internet_search": {"skill_id": "internet_search", "config": {}}}},
    }
    client = _client(answers, seen)
    assert client.pals.skills.attach("p1", "presentation", {"document_ids": ["d1"]}).config == {"document_ids": ["d1"]}
    replaced = client.pals.skills.replace("p1", {"internet_search": None})
    assert list(replaced.data) == ["internet_search"]
    assert [json.loads(r.content) for r in seen] == [
        {"config": {"document_ids": ["d1"]}},
        {"skills": {"internet_search": {"config": {}}}},
    ]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({}, "exactly one"),
        ({"train_video_url": "https://x.test/a.mp4", "train_image_url": "https://x.test/a.png"}, "exactly one"),
        ({"train_image_url": "https://x.test/a.png"}, "voice_name"),
    ],
)
def test_face_sources_are_checked_before_sending(params: dict[str, str], message: str) -> None:
    seen: list[httpx.Request] = []
    with pytest.raises(TypeError, match=message):
        _client({}, seen).faces.create(**params)  # type: ignore[arg-type]
    assert seen == []


def test_tools_list_sends_its_filters_and_update_needs_a_field() -> None:
    seen: list[httpx.Request] = []
    client = _client({"GET /tools": {"data": [{"tool_id": "end_call"}], "total_count": 1}}, seen)
    page = client.tools.list(type="system", limit=5)
    assert [t.tool_id for t in page] == ["end_call"]
    assert dict(seen[0].url.params) == {"type": "system", "limit": "5"}
    with pytest.raises(ValueError, match="at least one field"):
        client.tools.update("t1")


def test_deployment_end_and_canvas_record() -> None:
    seen: list[httpx.Request] = []
    answers = {
        "POST /deployments/d1/conversations/c1/end": {"conversation_id": "c1", "status": "ended"},
        "POST /conversations/c1/canvas/interactions": {"success": True},
    }
    client = _client(answers, seen)
    assert client.deployments.end("d1", "c1").status == "ended"
    recorded = client.conversations.canvas.record(
        "c1",
        interaction_id="ci_1",
        tool_call_id="call_1",
        component="canvas.text",
        component_version="v1",
        type="dismiss",
    )
    assert recorded is True
    assert json.loads(seen[1].content)["interaction_id"] == "ci_1"


def test_check_username_refuses_a_blank_name() -> None:
    seen: list[httpx.Request] = []
    with pytest.raises(ValueError, match="non-empty username"):
        _client({}, seen).pals.check_username(" ")
    assert seen == []
