"""PALs and Faces: one store seen through both vocabularies, and the PAL-only rules."""

from __future__ import annotations

import httpx
import pytest

from tavus_sdk import AsyncTavus, NotFoundError
from tavus_sdk.testing import TavusEmulator
from tests.testing.conftest import assert_fits

FACE = "r79e1c033f"
PAL = {"pal_name": "Front desk", "system_prompt": "You greet visitors.", "default_face_id": FACE}


async def test_a_pal_created_on_pals_is_the_persona_on_personas(http: httpx.AsyncClient) -> None:
    created = (await http.post("/pals", json=PAL)).json()
    assert_fits(created, "Pal")
    assert set(created) >= {"pal_id", "pal_name", "default_face_id"}
    assert "persona_id" not in created
    persona = (await http.get(f"/personas/{created['pal_id']}")).json()
    assert persona["persona_id"] == created["pal_id"]
    assert persona["persona_name"] == "Front desk"
    assert persona["default_replica_id"] == FACE
    assert persona["system_prompt"] == created["system_prompt"]


async def test_a_persona_patched_on_personas_shows_on_pals_and_the_reverse(http: httpx.AsyncClient) -> None:
    persona = (await http.post("/personas", json={"persona_name": "Legacy", "system_prompt": "Hi."})).json()
    pal_id = persona["persona_id"]
    await http.patch(f"/personas/{pal_id}", json=[{"op": "add", "path": "/default_replica_id", "value": FACE}])
    pal = (await http.get(f"/pals/{pal_id}")).json()
    assert (pal["pal_name"], pal["default_face_id"]) == ("Legacy", FACE)
    renamed = await http.patch(f"/pals/{pal_id}", json=[{"op": "replace", "path": "/pal_name", "value": "Current"}])
    assert renamed.status_code == 200, renamed.text
    assert (await http.get(f"/personas/{pal_id}")).json()["persona_name"] == "Current"
    # 204, as the persona delete it is (docs.tavus.io/api-reference/personas/delete-persona).
    assert (await http.delete(f"/pals/{pal_id}")).status_code == 204
    gone = await http.get(f"/personas/{pal_id}")
    assert (gone.status_code, gone.json()) == (400, {"error": "Invalid persona_id"})


async def test_the_lists_hold_the_same_records(http: httpx.AsyncClient) -> None:
    await http.post("/pals", json=PAL)
    pals = {p["pal_id"] for p in (await http.get("/pals")).json()["data"]}
    personas = {p["persona_id"] for p in (await http.get("/personas")).json()["data"]}
    assert pals == personas


async def test_default_face_id_is_required_on_pals_only(http: httpx.AsyncClient) -> None:
    refused = await http.post("/pals", json={"pal_name": "No face", "system_prompt": "Hi."})
    assert refused.status_code == 422
    assert "default_face_id" in refused.text
    assert (await http.post("/personas", json={"persona_name": "No face", "system_prompt": "Hi."})).status_code == 200


async def test_errors_speak_pal_names(http: httpx.AsyncClient) -> None:
    missing = await http.get("/pals/pnope")
    # Tavus's unknown-id answer, in PAL words (docs.tavus.io/api-reference/personas/get-persona answers persona_id).
    assert missing.status_code == 400
    assert missing.json() == {"error": "Invalid pal_id"}
    unknown_face = await http.post("/pals", json={**PAL, "default_face_id": "rnope"})
    assert unknown_face.status_code == 400
    assert unknown_face.json()["errors"] == [{"field": "default_face_id", "message": "Face not found: rnope"}]
    stock = await http.patch("/pals/pdced222244b", json=[{"op": "replace", "path": "/pal_name", "value": "x"}])
    assert stock.status_code == 403
    assert "stock PAL" in stock.json()["message"]


async def test_a_face_is_the_replica(http: httpx.AsyncClient) -> None:
    body = {"face_name": "Rio", "train_video_url": "https://bucket.example.com/train.mp4"}
    face = (await http.post("/faces", json=body)).json()
    assert_fits(face, "Face")
    replica = (await http.get(f"/replicas/{face['face_id']}")).json()
    assert replica["replica_name"] == "Rio"
    await http.patch(f"/replicas/{face['face_id']}/name", json={"replica_name": "Rio 2"})
    assert (await http.get(f"/faces/{face['face_id']}")).json()["face_name"] == "Rio 2"
    renamed = await http.patch(f"/faces/{face['face_id']}/name", json={"face_name": "Rio 3"})
    assert renamed.json()["face_name"] == "Rio 3"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"train_image_url": "https://bucket.example.com/rio.png"}, "voice_name"),
        (
            {
                "train_image_url": "https://bucket.example.com/rio.png",
                "train_video_url": "https://bucket.example.com/train.mp4",
                "voice_name": "anna",
            },
            "train_image_url",
        ),
    ],
)
async def test_a_face_needs_exactly_one_source(http: httpx.AsyncClient, body: dict[str, str], field: str) -> None:
    response = await http.post("/faces", json=body)
    assert response.status_code == 422
    assert field in response.text


async def test_an_image_face_trains_even_with_no_training_time() -> None:
    from tavus_sdk.testing import Timings

    emulator = TavusEmulator(timings=Timings(replica_training=0))
    async with emulator.async_client("k") as tavus:
        face = await tavus.faces.create(train_image_url="https://bucket.example.com/rio.png", voice_name="anna")
        assert face.status == "completed"  # the official lifecycle: started, completed, error
        assert face.error_message is None


async def test_sdk_round_trip(tavus: AsyncTavus) -> None:
    pal = await tavus.pals.create(pal_name="SDK", system_prompt="Hi.", default_face_id=FACE)
    assert (await tavus.pals.get(pal.pal_id)).pal_name == "SDK"
    patched = await tavus.pals.patch(pal.pal_id, [{"op": "replace", "path": "/pal_name", "value": "SDK 2"}])
    assert patched.pal_name == "SDK 2"
    assert pal.pal_id in [p.pal_id async for p in tavus.pals.list()]
    assert (await tavus.personas.get(pal.pal_id)).persona_name == "SDK 2"
    await tavus.pals.delete(pal.pal_id)
    with pytest.raises(NotFoundError):
        await tavus.pals.get(pal.pal_id)


async def test_check_username(http: httpx.AsyncClient, emulator: TavusEmulator) -> None:
    free = await http.get("/pals/check-username", params={"username": "acme"})
    assert free.json() == {"available": True, "reason": None}
    pal = (await http.post("/pals", json={**PAL, "layers": {"conferencing": {"username": "Acme"}}})).json()
    taken = (await http.get("/pals/check-username", params={"username": "acme"})).json()
    assert taken["available"] is False
    assert "acme" in taken["reason"]
    missing = await http.get("/pals/check-username")
    assert missing.status_code == 400
    assert pal["pal_id"]


async def test_pals_and_faces_lists_page_and_filter_like_personas_and_replicas(http: httpx.AsyncClient) -> None:
    for i in range(12):
        assert (await http.post("/pals", json={**PAL, "pal_name": f"PAL {i}"})).status_code == 200
    mine = (await http.get("/pals", params={"pal_type": "user", "limit": 5, "page": 3})).json()
    assert mine["total_count"] == 12
    assert [p["pal_name"] for p in mine["data"]] == ["PAL 10", "PAL 11"]
    legacy = (await http.get("/pals", params={"persona_type": "user", "limit": 5})).json()
    assert (legacy["total_count"], len(legacy["data"])) == (12, 5)
    stock = (await http.get("/pals", params={"pal_type": "system"})).json()
    assert (
        stock["total_count"] == (await http.get("/personas", params={"persona_type": "system"})).json()["total_count"]
    )
    below = await http.get("/pals", params={"page": 0})
    assert below.status_code == 400  # pages start at 1, as on /personas
    faces = (await http.get("/faces", params={"face_type": "system", "verbose": "true", "limit": 2})).json()
    replicas = (await http.get("/replicas", params={"replica_type": "system"})).json()
    assert faces["total_count"] == replicas["total_count"]
    assert len(faces["data"]) == 2
    assert {f["face_type"] for f in faces["data"]} == {"system"}


async def test_every_pal_and_face_through_the_sdk_pager(tavus: AsyncTavus) -> None:
    for i in range(11):
        await tavus.pals.create(pal_name=f"PAL {i}", system_prompt="Hi.", default_face_id=FACE)
    first = await tavus.pals.list(pal_type="user")
    assert (len(first.data), first.total_count, first.has_next_page()) == (10, 11, True)
    assert len([pal async for pal in tavus.pals.list(pal_type="user")]) == 11
    assert len([pal async for pal in tavus.pals.list(pal_type="user", limit=3, max_items=5)]) == 5
    stock = [face async for face in tavus.faces.list(face_type="system", limit=2)]
    assert len(stock) == (await tavus.replicas.list(replica_type="system")).total_count
