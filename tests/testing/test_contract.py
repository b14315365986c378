"""Contract tests: every operation of ``openapi/tavus-v2.yaml`` against the emulator's ASGI app, with schemathesis.

Each request goes through the starlette app in-process (what ``python -m tavus_sdk.testing`` serves) with an
``x-api-key`` and positive data only, and every response must pass four checks: no 5xx, a status code and a content
type the operation documents, and a body that fits the documented schema for that status.

Path parameters point at real records where it matters: before each request the emulator is reset and a record of
every resource is created through the API (a persona, a conversation, a replica, a video, a document, an
objectives set, a guardrails set, a pronunciation dictionary and a transcription), so GET, PATCH and DELETE of
existing records are exercised, not only 404s. For some requests the records are left mid-lifecycle (replica
training, video queued, document started, transcription started, conversation active); for the others the clock
is moved on until everything has settled (replica and video ready, crawl done and past its recrawl cooldown,
transcription completed, conversation ended by its duration limit).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis import Case, GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from schemathesis.specs.openapi.schemas import OpenApiSchema

from tavus_sdk.testing import TavusEmulator, handlers
from tavus_sdk.testing._dispatch import BASE_PATH
from tavus_sdk.testing._spec import Operation, load_spec, spec_index, spec_path
from tests.slow_guard import slow_fixture

API_KEY = "contract-test-key"
HEADERS = {"x-api-key": API_KEY}
# The host schemathesis' ASGI client sends; the API lives under /v2, as on https://tavusapi.com/v2.
BASE_URL = "http://testserver" + BASE_PATH
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
MAX_EXAMPLES = 15

STOCK_PERSONA = "pdced222244b"
STOCK_REPLICA = "r79e1c033f"  # ready, so conversations and videos can use it

OPERATIONS = [op.operation_id for op in spec_index()]

# One request body per resource, each valid and accepted as documented; they create the records the path
# parameters point at.
SEEDS: tuple[tuple[str, str, dict[str, Any]], ...] = (
    ("tools", "/tools", {"name": "contract_tool", "description": "A tool for the contract tests."}),
    ("replicas", "/replicas", {"train_video_url": "https://example.com/train.mp4", "replica_name": "Contract"}),
    ("videos", "/videos", {"replica_id": STOCK_REPLICA, "script": "Hello from the contract tests."}),
    (
        "documents",
        "/documents",
        {
            "document_name": "Contract site",
            "document_url": "https://example.com/",
            "crawl": {"depth": 1, "max_pages": 5},
            "tags": ["contract"],
        },
    ),
    (
        "objectives",
        "/objectives",
        {
            "data": [
                {
                    "objective_name": "ask_name",
                    "objective_prompt": "Ask for the user's name.",
                    "confirmation_mode": "auto",
                    "modality": "verbal",
                    "callback_url": "https://example.com/objectives",
                }
            ]
        },
    ),
    (
        "guardrails",
        "/guardrails",
        {"data": [{"guardrail_name": "no_advice", "guardrail_prompt": "Never give medical advice."}]},
    ),
    (
        "pronunciation_dictionaries",
        "/pronunciation-dictionaries",
        {"name": "Brand Terms", "rules": [{"text": "Tavus", "pronunciation": "TAH-vus", "type": "alias"}]},
    ),
    (
        "transcriptions",
        "/transcriptions",
        {"file_url": "https://example.com/video.mp4", "callback_url": "https://example.com/hook"},
    ),
    (
        "personas",
        "/personas",
        {
            # Named and layered so the spec's documented patches (a guarded rename, the docs' layer edits) apply.
            "persona_name": "Sales Coach",
            "system_prompt": "Answer briefly.",
            "context": "A persona for the contract tests.",
            "default_replica_id": STOCK_REPLICA,
            "layers": {
                "llm": {"model": "tavus-gpt-4o"},
                "tts": {"tts_engine": "cartesia"},
                "stt": {"hotwords": "Tavus"},
                "perception": {"perception_model": "raven-0", "perception_tool_prompt": "Use tools when asked."},
            },
        },
    ),
    (
        "conversations",
        "/conversations",
        {"replica_id": STOCK_REPLICA, "persona_id": STOCK_PERSONA},
    ),
)
ID_FIELDS = {
    "replicas": "replica_id",
    "videos": "video_id",
    "documents": "document_id",
    "objectives": "objectives_id",
    "guardrails": "guardrails_id",
    "pronunciation_dictionaries": "dictionary_id",
    "transcriptions": "transcription_id",
    "personas": "persona_id",
    "conversations": "conversation_id",
    "tools": "tool_id",
}
# Seeded after the records: the persona seen as a PAL gets the tool and a skill, so detaching them can succeed.
FOLLOW_UPS = (
    ("POST", "/pals/{pal_id}/tools", {"tool_ids": ["{tool_id}"]}),
    ("POST", "/deployments", {"pal_id": "{pal_id}", "channel": "widget"}),
    ("POST", "/deployments/{deployment_id}/start", {}),
    ("PUT", "/pals/{pal_id}/skills/internet_search", {"config": {}}),
)
# The current API's names for the same records, and the stock registry's skills.
ALIASES = {"pal_id": "persona_id", "face_id": "replica_id"}
STOCK_SKILLS = ["internet_search", "presentation"]
# Path parameters named differently from the id field of the created record.
RESPONSE_ID = {"dictionary_id": "pronunciation_dictionary_id"}
STOCK_IDS = {"persona_id": STOCK_PERSONA, "replica_id": STOCK_REPLICA}
# Top-level body fields that name another record, and the path parameter whose ids they take.
REFERENCES = {
    "persona_id": "persona_id",
    "replica_id": "replica_id",
    "default_replica_id": "replica_id",
    "objectives_id": "objectives_id",
    "guardrails_id": "guardrails_id",
    "document_ids": "document_id",
    "default_face_id": "face_id",
    "tool_ids": "tool_id",
}


@dataclass
class Seeded:
    """Real ids per path parameter name: the record created here first, then a stock one where there is one."""

    ids: dict[str, list[str]] = field(default_factory=dict)
    failed: dict[str, str] = field(default_factory=dict)

    def pick(self, param: str, choice: int) -> str | None:
        """``choice`` 0 keeps the generated value (an unknown id), 1 the created record, 2 the stock one."""
        candidates = self.ids.get(param)
        if choice == 0 or not candidates:
            return None
        return candidates[(choice - 1) % len(candidates)]


@pytest.fixture(scope="module")
@slow_fixture
def contract_schema() -> OpenApiSchema:
    return schemathesis.openapi.from_path(spec_path())


def seed(emulator: TavusEmulator, *, settled: bool) -> Seeded:
    """Reset the emulator, create one record of every resource through the API, optionally let them settle."""
    emulator.reset()
    seeded = Seeded()
    for table, path, body in SEEDS:
        reply = emulator.dispatcher.handle(
            "POST",
            BASE_PATH + path,
            {**HEADERS, "content-type": "application/json"},
            {},
            json.dumps(body).encode(),
        )
        if not 200 <= reply.status < 300:
            # A resource whose handler is missing or broken: its own operations fail the checks on their own.
            seeded.failed[table] = f"{reply.status} {reply.body.decode(errors='replace')}"
            continue
        param = ID_FIELDS[table]
        seeded.ids[param] = [reply.json()[RESPONSE_ID.get(param, param)]]
        if param in STOCK_IDS:
            seeded.ids[param].append(STOCK_IDS[param])
    for alias, param in ALIASES.items():
        seeded.ids[alias] = list(seeded.ids.get(param, []))
    seeded.ids["skill_id"] = list(STOCK_SKILLS)
    _follow_ups(emulator, seeded)
    if settled:
        # Past every lifecycle and the recrawl cooldown; the conversation ends at its maximum duration.
        timings, limits = emulator.timings, emulator.limits
        lifecycles = (
            timings.replica_training + timings.video_queue + timings.video_generation + timings.crawl
        ) + timings.transcription
        emulator.advance(max(limits.recrawl_cooldown, limits.max_call_duration) + lifecycles + 1)
    return seeded


def _follow_ups(emulator: TavusEmulator, seeded: Seeded) -> None:
    for method, template, body in FOLLOW_UPS:
        ids = {param: values[0] for param, values in seeded.ids.items() if values}
        if "{deployment_id}" in template and "deployment_id" not in ids:
            continue
        text = json.dumps(body).replace("{tool_id}", ids.get("tool_id", "")).replace("{pal_id}", ids.get("pal_id", ""))
        filled = json.loads(text)
        reply = emulator.dispatcher.handle(
            method,
            BASE_PATH + template.format(**ids),
            {**HEADERS, "content-type": "application/json"},
            {},
            json.dumps(filled).encode(),
        )
        if reply.status != 200:
            seeded.failed[template] = f"{reply.status} {reply.body.decode(errors='replace')}"
        elif template == "/deployments":
            seeded.ids["deployment_id"] = [reply.json()["deployment_id"]]
        elif template.endswith("/start"):  # the second conversation: one a deployment can end
            seeded.ids["conversation_id"].append(reply.json()["conversation_id"])


def aim(case: Case, seeded: Seeded, choice: int) -> None:
    """Point the path parameters and the body's references at real records (``choice`` as in ``Seeded.pick``)."""
    for param in list(case.path_parameters or {}):
        real = seeded.pick(param, choice)
        if real is not None:
            case.path_parameters = {**case.path_parameters, param: real}
    if not isinstance(case.body, dict):
        return
    body = dict(case.body)
    for name, param in REFERENCES.items():
        real = seeded.pick(param, choice)
        if name in body and real is not None:
            body[name] = [real] if isinstance(body[name], list) else real
    case.body = body


def call(case: Case, emulator: TavusEmulator) -> int:
    response = case.call(base_url=BASE_URL, headers=HEADERS, app=emulator.app)
    case.validate_response(response, checks=CHECKS)
    return response.status_code


# --- the records the requests are aimed at --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("settled", "statuses"),
    [
        (
            False,
            {
                "conversations": "active",
                "replicas": "started",
                "videos": "queued",
                "documents": "started",
                "transcriptions": "started",
            },
        ),
        (
            True,
            {
                "conversations": "ended",
                "replicas": "completed",
                "videos": "ready",
                "documents": "ready",
                "transcriptions": "completed",
            },
        ),
    ],
)
def test_seeded_records_exist_in_the_intended_states(settled: bool, statuses: dict[str, str]) -> None:
    emulator = TavusEmulator()
    seeded = seed(emulator, settled=settled)
    assert not seeded.failed
    records = {table: emulator.record(table, seeded.ids[param][0]) for table, param in ID_FIELDS.items()}
    assert all(records.values()), records
    assert {table: records[table]["status"] for table in statuses} == statuses


# --- every operation, generated requests ---------------------------------------------------------------------


@pytest.mark.parametrize("operation_id", OPERATIONS)
def test_generated_requests_conform(contract_schema: OpenApiSchema, operation_id: str) -> None:
    operation = contract_schema.find_operation_by_id(operation_id)
    emulator = TavusEmulator()
    aimed: list[int] = []

    @settings(
        max_examples=MAX_EXAMPLES,
        derandomize=True,
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate],  # no shrinking: a failure's request is reported as it was sent
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(GenerationMode.POSITIVE), choice=st.integers(0, 2), settled=st.booleans())
    def run(case: Case, choice: int, settled: bool) -> None:
        aim(case, seed(emulator, settled=settled), choice)
        call(case, emulator)
        aimed.append(choice)

    run()
    if spec_index().by_id[operation_id].path_params:
        assert any(aimed), f"{operation_id}: no generated request was aimed at an existing record"


# --- every operation, the documented request bodies against real records --------------------------------------


def documented_bodies(op: Operation) -> Iterator[tuple[str | None, Any]]:
    """The spec's request examples as ``(media type, body)``; one body-less request when there are none."""
    index = spec_index()
    definition = load_spec()["paths"][op.path][op.method.lower()]
    content = index.resolve(definition.get("requestBody", {})).get("content", {})
    found = False
    for media, entry in content.items():
        for example in (entry.get("examples") or {}).values():
            found = True
            yield media, index.resolve(example)["value"]
    if not found:
        yield None, None


def required_query(op: Operation) -> dict[str, Any]:
    """The documented example of every required query parameter (e.g. ``username`` of the username check)."""
    definition = load_spec()["paths"][op.path][op.method.lower()]
    index = spec_index()
    params = [index.resolve(p) for p in definition.get("parameters", [])]
    return {p["name"]: p["example"] for p in params if p["in"] == "query" and p.get("required")}


def documented_references(body: Any, seeded: Seeded) -> Any:
    """Tool ids in a documented body point at the seeded tool: the docs' ``tabc123def456`` exists nowhere."""
    if isinstance(body, dict) and "tool_ids" in body and seeded.ids.get("tool_id"):
        return {**body, "tool_ids": seeded.ids["tool_id"][:1]}
    return body


@pytest.mark.parametrize("operation_id", OPERATIONS)
def test_documented_requests_on_real_records_succeed(contract_schema: OpenApiSchema, operation_id: str) -> None:
    op = spec_index().by_id[operation_id]
    operation = contract_schema.find_operation_by_id(operation_id)
    emulator = TavusEmulator()
    answered: list[tuple[str, int]] = []
    for settled in (False, True):
        for choice in (1, 2) if op.path_params else (1,):
            for media, body in documented_bodies(op):
                seeded = seed(emulator, settled=settled)
                params = {name: seeded.pick(name, choice) for name in op.path_params}
                if None in params.values():
                    pytest.fail(f"{operation_id}: no record to aim at; seeding failed: {seeded.failed}")
                query = required_query(op)
                body = documented_references(body, seeded)
                if media is None:
                    case = operation.Case(path_parameters=params, query=query)
                else:
                    case = operation.Case(path_parameters=params, query=query, body=body, media_type=media)
                status = call(case, emulator)
                answered.append((f"settled={settled} {params} {json.dumps(body)[:80]}", status))
    assert any(200 <= status < 300 for _, status in answered), (
        f"{operation_id}: no documented request on an existing record succeeded: {answered}"
    )


# --- routes --------------------------------------------------------------------------------------------------


def test_every_spec_operation_has_a_handler() -> None:
    missing = sorted(set(spec_index().by_id) - set(handlers.routes()))
    assert not missing, f"spec operations without an emulator route handler: {missing}"


def test_every_handler_is_a_spec_operation() -> None:
    unknown = sorted(set(handlers.routes()) - set(spec_index().by_id))
    assert not unknown, f"emulator route handlers for operations the spec does not have: {unknown}"
