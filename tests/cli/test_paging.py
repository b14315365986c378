"""Lists longer than one page (Tavus's default page size is 10): every command sees every item."""

from __future__ import annotations

import json

import pytest

from tavus_sdk.testing import Limits, TavusEmulator
from tests.cli.conftest import Cli, Sent

REPLICA = "r79e1c033f"


@pytest.fixture
def emulator() -> TavusEmulator:
    # More active calls than one page holds: no concurrency limit in the way.
    return TavusEmulator(limits=Limits(max_concurrent_conversations=None))


def test_end_all_active_ends_every_active_call_on_every_page(cli: Cli, emulator: TavusEmulator) -> None:
    active: list[str] = []
    with emulator.client() as tavus:
        for i in range(25):
            if i % 2 == 0:  # 13 active calls, interleaved with 12 that are already over
                active.append(
                    tavus.conversations.create(
                        replica_id=REPLICA, properties={"participant_absent_timeout": 3600}
                    ).conversation_id
                )
            else:
                assert tavus.conversations.create(replica_id=REPLICA, test_mode=True).status == "ended"
    listed = cli("conversations", "list", "--status", "active", "-q")
    assert sorted(listed.stdout.split()) == sorted(active)
    result = cli("conversations", "end", "--all-active", "--yes", "--json")
    assert result.exit_code == 0, result.output
    assert sorted(json.loads(result.stdout)["ended"]) == sorted(active)
    assert all((emulator.record("conversations", c) or {}).get("status") == "ended" for c in active)
    assert cli("conversations", "list", "--status", "active", "-q").stdout == ""


def test_pipecat_stream_is_found_behind_30_newer_personas(cli: Cli, emulator: TavusEmulator, sent: Sent) -> None:
    first = cli("personas", "create", "--pipecat-stream", "--name", "my-pipecat", "--replica", REPLICA, "-q")
    assert first.exit_code == 0, first.output
    with emulator.client() as tavus:
        for i in range(30):
            tavus.personas.create(persona_name=f"newer {i}", system_prompt="Be brief.")
    again = cli("personas", "create", "--pipecat-stream", "--name", "my-pipecat", "-q")
    assert again.exit_code == 0, again.output
    assert again.stdout == first.stdout
    named = [p for p in emulator.records("personas") if p["persona_name"] == "my-pipecat"]
    assert len(named) == 1


def test_the_docs_own_persona_body_is_accepted(cli: Cli, emulator: TavusEmulator) -> None:
    # docs.tavus.io/api-reference/personas/create-persona: raven-1 perception, the newest STT and flow options
    body = (
        '{"persona_name": "Docs", "system_prompt": "Be kind.", "layers": {'
        '"perception": {"perception_model": "raven-1", "visual_awareness_queries": ["Is the user smiling?"]},'
        '"stt": {"stt_engine": "tavus-auto"},'
        '"conversational_flow": {"voice_isolation": "near", "idle_engagement": "patient"},'
        '"tts": {"tts_engine": "cartesia", "pronunciation_dictionary_id": "pd1"}},'
        '"document_tags": ["faq"]}'
    )
    result = cli("personas", "create", "--file", "-", "-q", input=body)
    assert result.exit_code == 0, result.output
    record = emulator.record("personas", result.stdout.strip())
    assert record is not None
    assert record["layers"]["perception"]["perception_model"] == "raven-1"
    assert record["document_tags"] == ["faq"]
