"""What every route shares: auth, routing, validation errors, faults, the clock, persistence, in-process use."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

import tavus_sdk._retry
from tavus_sdk import APIConnectionError, AsyncTavus, InternalServerError, NotFoundError, Tavus
from tavus_sdk.testing import Clock, TavusEmulator
from tavus_sdk.testing._spec import spec_index

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture
def no_sleep(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    waits: list[float] = []

    async def fake(seconds: float) -> None:
        waits.append(seconds)

    monkeypatch.setattr(tavus_sdk._retry, "_sleep_async", fake)
    return waits


# -- auth ---------------------------------------------------------------------------------------------------


async def test_missing_key_is_401_with_the_official_error_body(emulator: TavusEmulator) -> None:
    # 401 bodies are {"message": ...} (docs.tavus.io/api-reference/authentication).
    async with httpx.AsyncClient(base_url=emulator.base_url, transport=emulator.transport()) as http:
        response = await http.get("/personas")
    assert response.status_code == 401
    assert response.json() == {"message": "Missing API key: send it in the x-api-key header"}


async def test_any_non_empty_key_is_accepted_by_default(emulator: TavusEmulator) -> None:
    async with httpx.AsyncClient(base_url=emulator.base_url, transport=emulator.transport()) as http:
        assert (await http.get("/personas", headers={"x-api-key": "anything"})).status_code == 200
        assert (await http.get("/personas", headers={"x-api-key": "  "})).status_code == 401


async def test_api_keys_restrict_who_gets_in() -> None:
    emulator = TavusEmulator(api_keys=["k1"])
    async with httpx.AsyncClient(base_url=emulator.base_url, transport=emulator.transport()) as http:
        assert (await http.get("/personas", headers={"x-api-key": "k1"})).status_code == 200
        denied = await http.get("/personas", headers={"x-api-key": "k2"})
    assert (denied.status_code, denied.json()["message"]) == (401, "Invalid access token")


def test_empty_api_keys_are_refused() -> None:
    with pytest.raises(ValueError, match="non-empty"):
        TavusEmulator(api_keys=[""])


# -- routing ------------------------------------------------------------------------------------------------


LIST_PATHS = sorted({op.path for op in spec_index() if op.operation_id.endswith("_list") and "{" not in op.path})


@pytest.mark.parametrize("path", LIST_PATHS)
async def test_every_list_route_answers_with_and_without_a_trailing_slash(http: httpx.AsyncClient, path: str) -> None:
    plain, slashed = await http.get(path), await http.get(path + "/")
    assert plain.status_code == slashed.status_code == 200
    assert "data" in plain.json()


async def test_unknown_path_is_a_json_404(http: httpx.AsyncClient) -> None:
    response = await http.get("/nothing-here")
    assert response.status_code == 404
    assert response.json()["message"] == "No route for GET /v2/nothing-here (paths start with /v2)"


async def test_wrong_method_is_405_with_allow(http: httpx.AsyncClient) -> None:
    response = await http.put("/personas")
    assert response.status_code == 405
    assert response.headers["allow"] == "GET, POST"
    assert "allowed: GET, POST" in response.json()["message"]


async def test_unknown_id_is_tavus_400_caught_as_not_found(tavus: AsyncTavus) -> None:
    with pytest.raises(NotFoundError) as caught:
        await tavus.personas.get("p000000")
    assert caught.value.status_code == 400
    assert caught.value.body == {"error": "Invalid persona_id"}


# -- validation ---------------------------------------------------------------------------------------------


async def test_body_that_is_not_json_is_400(http: httpx.AsyncClient) -> None:
    response = await http.post("/personas", content=b"{nope", headers={"content-type": "application/json"})
    assert response.status_code == 400
    assert response.json()["message"].startswith("Request body is not valid JSON")
    assert response.json()["errors"][0]["field"] == "body"


async def test_schema_violations_are_422_naming_each_field(http: httpx.AsyncClient) -> None:
    response = await http.post("/personas", json={"pipeline_mode": "loud", "layers": {"llm": {"model": 7}}})
    assert response.status_code == 422
    errors = {e["field"]: e["message"] for e in response.json()["errors"]}
    assert errors["pipeline_mode"] == "'loud' is not one of the allowed values: 'full', 'echo'"
    assert errors["layers.llm.model"] == "7 is not of type 'string'"
    assert response.json()["message"] == "Invalid request body"


async def test_missing_required_body_is_422(http: httpx.AsyncClient) -> None:
    response = await http.post("/personas")
    assert response.status_code == 422
    assert response.json()["errors"] == [{"field": "body", "message": "a JSON body is required"}]


async def test_query_values_of_the_wrong_kind_are_400_naming_the_parameter(http: httpx.AsyncClient) -> None:
    response = await http.get("/voices", params={"page": "first", "limit": "500"})
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"field": "limit", "message": "must be at most 100, got 500"},
        {"field": "page", "message": "must be an integer, got 'first'"},
    ]


async def test_a_rejected_request_changes_nothing(emulator: TavusEmulator, http: httpx.AsyncClient) -> None:
    before = emulator.records("personas")
    await http.post("/personas", json={"persona_name": "no prompt"})
    assert emulator.records("personas") == before


# -- faults -------------------------------------------------------------------------------------------------


async def test_status_fault_with_retry_after_is_retried_by_the_sdk(
    emulator: TavusEmulator, tavus: AsyncTavus, no_sleep: list[float]
) -> None:
    fault = emulator.faults.add("GET /personas/*", status=503, retry_after=3, times=2)
    persona = await tavus.personas.get("pdced222244b")
    assert persona.persona_name == "Sales Coach"
    assert no_sleep == [3.0, 3.0]  # the SDK honoured Retry-After twice, then the fault was used up
    assert fault.hits == 2
    assert len(emulator.faults) == 0


async def test_fault_that_never_ends_surfaces_the_status(emulator: TavusEmulator, tavus: AsyncTavus) -> None:
    emulator.faults.add("personas_list", status=500, times=None, message="database on fire")
    with pytest.raises(InternalServerError) as caught:
        await tavus.personas.list(max_retries=0)
    assert caught.value.body == {"message": "database on fire", "error": "internal_error"}


async def test_dropped_before_changes_nothing_and_the_sdk_does_not_resend_a_create(
    emulator: TavusEmulator, tavus: AsyncTavus, no_sleep: list[float]
) -> None:
    before = len(emulator.records("personas"))
    emulator.faults.add("POST /personas", drop="before", times=None)
    with pytest.raises(APIConnectionError):
        await tavus.personas.create(persona_name="x", pipeline_mode="echo")
    assert len(emulator.records("personas")) == before
    assert emulator.faults.take("personas_create", "POST", "/personas") is not None


async def test_dropped_after_keeps_the_write_and_loses_the_reply(emulator: TavusEmulator, tavus: AsyncTavus) -> None:
    emulator.faults.add("personas_create", drop="after")
    with pytest.raises(APIConnectionError):
        await tavus.personas.create(persona_name="written", pipeline_mode="echo")
    assert [p["persona_name"] for p in emulator.records("personas")].count("written") == 1
    created = await tavus.personas.create(persona_name="second", pipeline_mode="echo")  # then normal again
    assert created.persona_name == "second"


async def test_delay_fault_slows_a_request_then_answers_normally(emulator: TavusEmulator, tavus: AsyncTavus) -> None:
    emulator.faults.add("* /personas", delay=0.05)
    assert (await tavus.personas.list()).data


def test_fault_patterns() -> None:
    emulator = TavusEmulator()
    emulator.faults.add("DELETE /personas/*", status=500)
    assert emulator.faults.take("personas_get", "GET", "/personas/p1") is None
    assert emulator.faults.take("personas_delete", "DELETE", "/personas/p1/") is not None


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({}, "a fault needs a status, a delay or a drop"),
        ({"status": 42}, "status must be an HTTP status"),
        ({"drop": "sideways"}, "drop must be 'before' or 'after'"),
        ({"status": 500, "times": 0}, "times must be at least 1"),
    ],
)
def test_bad_faults_are_refused(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        TavusEmulator().faults.add("*", **kwargs)  # type: ignore[arg-type]


# -- clock, state, in-process use ---------------------------------------------------------------------------


def test_frozen_clock_moves_only_when_advanced() -> None:
    clock = Clock()
    start = clock.now()
    assert clock.now() == start
    clock.advance(90)
    assert clock.now() == start + 90
    with pytest.raises(ValueError, match="only moves forward"):
        clock.advance(-1)


def test_running_clock_follows_the_wall_clock_and_can_jump() -> None:
    clock = Clock(frozen=False)
    first = clock.now()
    clock.advance(3600)
    assert clock.now() - first >= 3600


def test_sync_client_works_on_the_same_transport(emulator: TavusEmulator, sync_tavus: Tavus) -> None:
    created = sync_tavus.personas.create(persona_name="sync", pipeline_mode="echo")
    assert emulator.record("personas", created.persona_id)["persona_name"] == "sync"  # type: ignore[index]


def test_state_file_is_written_on_every_change_and_reloaded(tmp_path: Path) -> None:
    state = tmp_path / "state.json"
    first = TavusEmulator(state_file=state)
    with first.client() as tavus:
        persona = tavus.personas.create(persona_name="persisted", pipeline_mode="echo")
    saved = json.loads(state.read_text())
    assert saved["tables"]["personas"][persona.persona_id]["persona_name"] == "persisted"
    second = TavusEmulator(state_file=state)
    assert second.record("personas", persona.persona_id)["persona_name"] == "persisted"  # type: ignore[index]


def test_state_file_of_another_format_is_refused(tmp_path: Path) -> None:
    state = tmp_path / "state.json"
    state.write_text(json.dumps({"format": 99}))
    with pytest.raises(ValueError, match="unsupported emulator state format 99"):
        TavusEmulator(state_file=state)


def test_reset_forgets_everything_but_stock(emulator: TavusEmulator, sync_tavus: Tavus) -> None:
    sync_tavus.personas.create(persona_name="gone", pipeline_mode="echo")
    emulator.faults.add("*", status=500)
    emulator.reset()
    assert "gone" not in [p["persona_name"] for p in emulator.records("personas")]
    assert len(emulator.faults) == 0
    assert emulator.record("personas", "pipecat0") is not None


def test_without_stock_data_the_emulator_starts_empty() -> None:
    assert TavusEmulator(stock=False).records("personas") == []


def test_requests_alone_see_every_timer_fire_when_due(emulator: TavusEmulator, sync_tavus: Tavus) -> None:
    """Between writes, requests skip the lifecycles until something is due; nothing due may be missed."""
    conversation = sync_tavus.conversations.create(replica_id="r79e1c033f", properties={"max_call_duration": 60})
    conversation_id = conversation.conversation_id
    replica = sync_tavus.replicas.create(train_video_url="https://example.com/v.mp4", replica_name="Quiet")
    span = emulator.timings.replica_training

    def moved(seconds: float) -> None:
        emulator.clock.advance(seconds)  # the clock alone: only the next request can notice

    moved(emulator.timings.replica_join - 0.01)
    assert not sync_tavus.conversations.get(conversation_id, verbose=True).events
    moved(0.01)
    assert [e.event_type for e in sync_tavus.conversations.get(conversation_id, verbose=True).events or []] == [
        "system.replica_joined"
    ]
    moved(span / 2 - emulator.timings.replica_join)
    assert sync_tavus.replicas.get(replica.replica_id).training_progress == "50/100"
    moved(60 - span / 2 - 0.01)
    assert sync_tavus.conversations.get(conversation_id).status == "active"
    moved(0.01)
    ended = sync_tavus.conversations.get(conversation_id, verbose=True)
    assert (ended.status, ended.shutdown_reason) == ("ended", "max_call_duration reached")
