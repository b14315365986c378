"""A conversation whose agent died without ending it (kill -9, a lost machine) is still ended, by Tavus itself.

Every conversation the agent creates carries server-side timeouts. Here the conversation is created exactly as a
launch creates it (``open_conversation``, with the launch's default safety nets), the agent never ends it, and the
emulator's clock is moved on: the call ends at the first timeout that applies, with the documented shutdown reason.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass

import pytest

from agent.config import AgentConfig
from agent.lifecycle import conversation_settings, open_conversation
from tavus_sdk import AsyncTavus
from tavus_sdk.testing import TavusEmulator
from tavus_sdk.types.conversation import Conversation

REPLICA = "rfe12d8b9597"  # a stock replica of the emulator
CONFIG = AgentConfig(replica_id=REPLICA)  # what `tavus agent launch --replica ...` uses without further options
SAFETY = CONFIG.safety


@dataclass
class Abandoned:
    emulator: TavusEmulator
    tavus: AsyncTavus
    conversation_id: str

    async def get(self) -> Conversation:
        return await self.tavus.conversations.get(self.conversation_id, verbose=True)

    async def assert_active_after(self, seconds: float) -> None:
        self.emulator.advance(seconds)
        assert (await self.get()).status == "active"

    async def assert_ended_by(self, shutdown_reason: str, *, after: float) -> None:
        conversation = await self.get()
        assert conversation.status == "ended"
        assert conversation.shutdown_reason == shutdown_reason
        assert conversation.created_at is not None
        assert conversation.ended_at is not None
        assert (conversation.ended_at - conversation.created_at).total_seconds() == pytest.approx(after, abs=1)
        shutdowns = [e for e in conversation.events or [] if e.event_type == "system.shutdown"]
        assert [e.properties for e in shutdowns] == [{"replica_id": REPLICA, "shutdown_reason": shutdown_reason}]


@pytest.fixture
async def abandoned() -> AsyncIterator[Abandoned]:
    emulator = TavusEmulator()  # frozen clock: time moves only with advance()
    async with emulator.async_client() as tavus:
        joined = await open_conversation(tavus, CONFIG)  # what a launch does before the agent joins the room
        assert joined.created
        yield Abandoned(emulator, tavus, joined.conversation_id)


def test_every_created_conversation_carries_the_three_safety_nets() -> None:
    properties = conversation_settings(CONFIG, "p1")["properties"]
    assert properties == {
        "max_call_duration": SAFETY.max_call_duration,
        "participant_left_timeout": SAFETY.participant_left_timeout,
        "participant_absent_timeout": SAFETY.participant_absent_timeout,
    }
    # Tighter than Tavus' own defaults (3600 s, and 300 s for nobody joining), so a dead agent costs less.
    assert 0 < SAFETY.participant_absent_timeout < 300
    assert 0 < SAFETY.max_call_duration < 3600


async def test_nobody_joining_ends_the_call_at_participant_absent_timeout(abandoned: Abandoned) -> None:
    # The agent died before it (or anyone) got into the room.
    await abandoned.assert_active_after(SAFETY.participant_absent_timeout - 1)
    abandoned.emulator.advance(1)
    await abandoned.assert_ended_by("participant_absent_timeout reached", after=SAFETY.participant_absent_timeout)


async def test_an_empty_room_ends_the_call_at_participant_left_timeout(abandoned: Abandoned) -> None:
    emulator, conversation_id = abandoned.emulator, abandoned.conversation_id
    emulator.join(conversation_id, "agent")
    emulator.join(conversation_id, "visitor")
    emulator.advance(60)
    emulator.leave(conversation_id, "agent")  # killed: its connection drops, nobody calls /end
    await abandoned.assert_active_after(300)  # the visitor is still there, talking to a silent replica
    emulator.leave(conversation_id, "visitor")
    await abandoned.assert_active_after(SAFETY.participant_left_timeout - 1)
    emulator.advance(1)
    await abandoned.assert_ended_by(
        "participant_left_timeout reached", after=60 + 300 + SAFETY.participant_left_timeout
    )


async def test_a_visitor_who_never_leaves_is_cut_off_at_max_call_duration(abandoned: Abandoned) -> None:
    emulator, conversation_id = abandoned.emulator, abandoned.conversation_id
    emulator.join(conversation_id, "agent")
    emulator.join(conversation_id, "visitor")
    emulator.leave(conversation_id, "agent")
    await abandoned.assert_active_after(SAFETY.max_call_duration - 1)
    emulator.advance(1)
    await abandoned.assert_ended_by("max_call_duration reached", after=SAFETY.max_call_duration)
