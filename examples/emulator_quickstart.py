"""The SDK's main job, end to end, on the local Tavus emulator: no account, no network, about a second.

    uv run python examples/emulator_quickstart.py

It creates (or reuses) the echo-mode persona Pipecat needs, starts a conversation with server-side safety nets,
lets the emulated replica join, ends the conversation, reads the shutdown reason and shows the webhooks Tavus
would have POSTed to your callback URL. Point the same code at the real API by dropping the emulator and setting
TAVUS_API_KEY.
"""

from __future__ import annotations

import asyncio
import json

import httpx

from tavus_sdk import AsyncTavus
from tavus_sdk.testing import TavusEmulator

REPLICA = "r79e1c033f"  # a stock replica ("Demo Replica")


async def main() -> None:
    received: list[dict[str, object]] = []

    def callback_server(request: httpx.Request) -> httpx.Response:
        received.append(json.loads(request.content))
        return httpx.Response(200)

    emulator = TavusEmulator(webhook_transport=httpx.MockTransport(callback_server))
    async with AsyncTavus(api_key="demo-key", base_url=emulator.base_url, transport=emulator.transport()) as tavus:
        persona = await tavus.personas.ensure_pipecat_stream(replica_id=REPLICA)
        print(f"persona       {persona.persona_id} ({persona.persona_name}, pipeline_mode={persona.pipeline_mode})")

        conversation = await tavus.conversations.create(
            replica_id=REPLICA,
            persona_id=persona.persona_id,
            conversation_name="Emulator quickstart",
            callback_url="https://example.invalid/tavus-webhooks",
            require_auth=True,
            max_participants=3,
            properties={"max_call_duration": 600, "participant_left_timeout": 30, "participant_absent_timeout": 120},
        )
        print(f"conversation  {conversation.conversation_id} {conversation.status}")
        print(f"room          {conversation.conversation_url} (private: meeting token issued)")

        emulator.advance(5)  # the replica joins the room a moment after creation
        emulator.join(conversation.conversation_id)  # a human joins
        await tavus.conversations.end(conversation.conversation_id)
        ended = await tavus.conversations.get(conversation.conversation_id, verbose=True)
        print(f"ended         status={ended.status} shutdown_reason={ended.shutdown_reason}")

        active = [c for c in (await tavus.conversations.list()).data if c.status == "active"]
        print(f"still active  {len(active)} conversation(s)")

    await emulator.deliver_webhooks()
    for event in received:
        print(f"webhook       {event['event_type']}")
    print("\nNext: the same calls against Tavus itself: drop the emulator and set TAVUS_API_KEY.")


if __name__ == "__main__":
    asyncio.run(main())
