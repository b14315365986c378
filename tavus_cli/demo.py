"""``tavus demo``: the main job in one command, on an embedded emulator (no account, no network)."""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

REPLICA = "r79e1c033f"  # a stock replica ("Demo Replica")


def _say(label: str, text: str) -> None:
    sys.stdout.write(f"{label:<14}{text}\n")


def command(
    replica: Annotated[str, typer.Option("--replica", help="The stock replica the demo talks through.")] = REPLICA,
) -> None:
    """Walk through the main job on a local emulator: persona, conversation, replica joins, end, webhooks.

    Nothing leaves this machine. The last lines say how to do the same against Tavus.

    \b
    Example:
      tavus demo
    """
    import httpx

    from tavus_sdk.testing import TavusEmulator

    received: list[dict[str, Any]] = []

    def callback_server(request: httpx.Request) -> httpx.Response:
        received.append(json.loads(request.content))
        return httpx.Response(200)

    emulator = TavusEmulator(webhook_transport=httpx.MockTransport(callback_server))
    _say("emulator", f"a local Tavus API at {emulator.base_url} (in this process)")
    with emulator.client("demo-key") as tavus:
        persona = tavus.personas.ensure_pipecat_stream(replica_id=replica)
        _say(
            "persona",
            f"{persona.persona_id} {persona.persona_name} (pipeline_mode={persona.pipeline_mode}: "
            "its voice will come from your Pipecat pipeline)",
        )

        conversation = tavus.conversations.create(
            replica_id=replica,
            persona_id=persona.persona_id,
            conversation_name="tavus demo",
            callback_url="https://example.invalid/tavus-webhooks",
            require_auth=True,
            max_participants=3,
            properties={"max_call_duration": 600, "participant_left_timeout": 30, "participant_absent_timeout": 120},
        )
        _say(
            "conversation",
            f"{conversation.conversation_id} {conversation.status}; safety nets: max 10 min, "
            "ends 30 s after the last person leaves, or 2 min if nobody comes",
        )
        _say("join at", f"{conversation.conversation_url} (private room: meeting token issued)")

        emulator.advance(5)  # the replica joins a moment after creation
        emulator.join(conversation.conversation_id)
        shown = tavus.conversations.get(conversation.conversation_id, verbose=True)
        events = [str(e.event_type) for e in shown.events or []]
        _say("in the room", f"replica and a person; events so far: {', '.join(events) or 'none'}")

        personas = tavus.personas.list().data
        replicas = tavus.replicas.list().data
        active = [str(c.conversation_id) for c in tavus.conversations.list(status="active") if c.status == "active"]
        _say(
            "account", f"{len(personas)} personas, {len(replicas)} replicas, active conversations: {', '.join(active)}"
        )

        tavus.conversations.end(conversation.conversation_id)
        ended = tavus.conversations.get(conversation.conversation_id, verbose=True)
        _say("ended", f"status={ended.status} shutdown_reason={ended.shutdown_reason}")

    emulator.deliver_webhooks_sync()
    _say("webhooks", ", ".join(str(event.get("event_type")) for event in received) + " (POSTed to callback_url)")
    sys.stdout.write(next_steps(replica))


def next_steps(replica: str, tavus: str | None = None) -> str:
    """What to run next, each line exactly as it can be pasted here: ``tavus`` when it is on PATH, else
    ``uv run tavus`` under uv (a clone), with the one line that puts it on PATH."""
    tavus = tavus or invocation()
    on_path = "(to say just `tavus`: uv tool install '.[all]' in the clone)\n" if tavus != "tavus" else ""
    return (
        "\nThat was the whole job, offline. Next, still offline (any command takes --emulator):\n"
        f"  {tavus} --emulator personas create --pipecat-stream --replica {replica}\n"
        f"  {tavus} --emulator agent launch --replica {replica} --dry-run\n"
        "Then against Tavus, with TAVUS_API_KEY and OPENAI_API_KEY set (or in ./.env):\n"
        f"  {tavus} agent launch --replica {replica}\n"
        f"  {tavus} conversations end --all-active --older-than 10m\n"
        f"{on_path}"
    )


def invocation() -> str:
    """How the user's shell runs ``tavus``: by name, unless uv started this one from a clone's venv that the shell
    does not have on PATH (``uv run`` puts it there only for its child), and no other install is on PATH."""
    found = shutil.which("tavus")
    if os.environ.get("UV") and (found is None or Path(found).resolve().is_relative_to(Path(sys.prefix).resolve())):
        return "uv run tavus"
    return "tavus"
