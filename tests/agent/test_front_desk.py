"""The bundled front-desk flow, driven turn by turn by a scripted LLM through the real Flows machinery."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from agent.flows.front_desk import FrontDesk, FrontDeskSettings
from agent.outcomes import JsonlOutcomeSink
from tests.agent.scripted import Step, run_flow

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)  # a Monday


class FailingSink:
    async def record(self, outcome: dict[str, Any]) -> None:
        raise OSError("disk full")

    def describe(self) -> str:
        return "nowhere"


@pytest.fixture
def outcomes(tmp_path: Path) -> Path:
    return tmp_path / "outcomes.jsonl"


def desk(outcomes: Path) -> FrontDesk:
    return FrontDesk(FrontDeskSettings(outcomes=JsonlOutcomeSink(outcomes), now=lambda: NOW))


def recorded(outcomes: Path) -> list[dict[str, Any]]:
    if not outcomes.exists():
        return []
    return [json.loads(line) for line in outcomes.read_text().splitlines()]


GOOD_APPOINTMENT = {"service": "cleaning", "date": "2026-11-25", "time": "14:30", "phone": "+44 (20) 7946-0958"}


async def test_booking_an_appointment_end_to_end(outcomes: Path) -> None:
    run = await run_flow(
        desk(outcomes).initial_node(),
        [
            Step(say="Hello, welcome to Harbour Street Clinic. May I have your name?", user="Ana, I'd like to book"),
            Step(call=("record_visitor_need", {"name": "Ana", "need": "appointment"})),
            Step(say="Which service, day and time?", user="A cleaning on Wednesday at half past two, +44 20 7946 0958"),
            Step(call=("record_appointment_request", GOOD_APPOINTMENT)),
            Step(say="A cleaning on 2026-11-25 at 14:30. Is that right?", user="Yes"),
            Step(call=("confirm_appointment", {})),
            Step(say="The clinic will call to confirm. Goodbye, Ana!"),
        ],
        state={"conversation_id": "c123"},
    )
    assert run.nodes == ["greeting", "appointment", "confirm_appointment", "goodbye"]
    assert run.ended
    assert run.spoken[-1] == "The clinic will call to confirm. Goodbye, Ana!"
    assert run.state["appointment"] == {**GOOD_APPOINTMENT, "phone": "+442079460958"}
    assert recorded(outcomes) == [
        {
            "conversation_id": "c123",
            "visitor_name": "Ana",
            "need": "appointment",
            "outcome": "appointment",
            "details": {"appointment": {**GOOD_APPOINTMENT, "phone": "+442079460958"}},
            "recorded_at": NOW.isoformat(),
        }
    ]


def tool_result(run_message: dict[str, Any] | None) -> dict[str, Any]:
    assert run_message is not None
    assert run_message["role"] == "tool"
    result: dict[str, Any] = json.loads(run_message["content"])
    return result


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"date": "25/11/2026"}, "date: use YYYY-MM-DD"),
        ({"date": "2026-11-20"}, "date: 2026-11-20 is in the past; today is 2026-11-23"),
        ({"date": "2026-11-28"}, "date: we are closed on Saturdays"),
        ({"time": "2pm"}, "time: use HH:MM on a 24-hour clock"),
        ({"time": "17:00"}, "time: we take appointments from 09:00 to 17:00"),
        ({"phone": "call me"}, "phone: a phone number of 7 to 15 digits"),
        ({"phone": "12345"}, "phone: a phone number of 7 to 15 digits"),
        ({"service": "surgery"}, "service: must be one of check-up, cleaning, consultation"),
    ],
)
async def test_invalid_appointment_details_are_refused_and_asked_again(
    outcomes: Path, change: dict[str, str], problem: str
) -> None:
    run = await run_flow(
        desk(outcomes).appointment_node(),
        [
            Step(call=("record_appointment_request", {**GOOD_APPOINTMENT, **change})),
            Step(say="Sorry, could you give me that again?"),
        ],
        state={"visitor_name": "Ana"},
        timeout=1.0,
    )
    assert run.nodes == ["appointment"]  # the flow stays put
    assert tool_result(run.inferences[-1].last_message) == {"status": "error", "problems": [problem]}
    assert "appointment" not in run.state
    assert not run.ended
    assert recorded(outcomes) == []


async def test_a_wrong_detail_can_be_changed_before_confirming(outcomes: Path) -> None:
    run = await run_flow(
        desk(outcomes).appointment_node(),
        [
            Step(call=("record_appointment_request", GOOD_APPOINTMENT)),
            Step(say="A cleaning at 14:30, right?", user="No, at 15:00"),
            Step(call=("change_appointment", {})),
            Step(call=("record_appointment_request", {**GOOD_APPOINTMENT, "time": "15:00"})),
            Step(say="A cleaning at 15:00, right?", user="Yes"),
            Step(call=("confirm_appointment", {})),
            Step(say="Bye!"),
        ],
        state={"visitor_name": "Ana", "need": "appointment"},
    )
    assert run.nodes == ["appointment", "confirm_appointment", "appointment", "confirm_appointment", "goodbye"]
    [outcome] = recorded(outcomes)
    assert outcome["details"]["appointment"]["time"] == "15:00"
    # The confirmation prompt was rendered from state, with the corrected time.
    confirm = [i for i in run.inferences if i.node == "confirm_appointment"][-1]
    assert confirm.tools == ["confirm_appointment", "change_appointment"]


async def test_prompts_read_state_across_nodes(outcomes: Path) -> None:
    run = await run_flow(
        desk(outcomes).initial_node(),
        [
            Step(call=("record_visitor_need", {"name": "Ana", "need": "appointment"})),
            Step(call=("record_appointment_request", GOOD_APPOINTMENT)),
            Step(say="Is that right?"),
        ],
        timeout=1.0,
    )
    assert run.nodes == ["greeting", "appointment", "confirm_appointment"]
    task = [m for m in run.messages if m.get("role") == "developer"][-1]["content"]
    assert "Read the appointment back to Ana: a cleaning on 2026-11-25 at 14:30, phone +442079460958." in task
    assert run.inferences[0].tools == ["record_visitor_need"]
    assert run.inferences[1].tools == ["record_appointment_request"]
    assert "front desk assistant of Harbour Street Clinic" in (run.inferences[-1].system_instruction or "")


@pytest.mark.parametrize(
    ("args", "problems"),
    [
        ({"name": "", "need": "appointment"}, ["name: ask for the visitor's name; it must be a name, not empty"]),
        ({"name": "42", "need": "question"}, ["name: ask for the visitor's name; it must be a name, not empty"]),
        ({"name": "Ana", "need": "complain"}, ["need: must be one of appointment, question, message"]),
    ],
)
async def test_the_greeting_refuses_a_missing_name_or_unknown_need(
    outcomes: Path, args: dict[str, str], problems: list[str]
) -> None:
    run = await run_flow(
        desk(outcomes).initial_node(),
        [Step(call=("record_visitor_need", args)), Step(say="Sorry, what was your name?")],
        timeout=1.0,
    )
    assert run.nodes == ["greeting"]
    assert tool_result(run.inferences[-1].last_message) == {"status": "error", "problems": problems}
    assert "visitor_name" not in run.state


async def test_an_answered_question_is_recorded_and_ends(outcomes: Path) -> None:
    run = await run_flow(
        desk(outcomes).initial_node(),
        [
            Step(call=("record_visitor_need", {"name": "Bo", "need": "question"})),
            Step(say="We are open Monday to Friday, 9 am to 5 pm.", user="Great, thanks"),
            Step(call=("record_question", {"question": "When are you open?", "answered": True})),
            Step(say="Goodbye, Bo."),
        ],
        state={"conversation_id": "c7"},
    )
    assert run.nodes == ["greeting", "question", "goodbye"]
    assert run.ended
    [outcome] = recorded(outcomes)
    assert outcome["outcome"] == "question"
    assert outcome["details"] == {"question": "When are you open?", "answered": True}
    # The facts the LLM may use are in the question node's instructions.
    question_task = [m for m in run.messages if m.get("role") == "developer"][1]["content"]
    assert "opening hours: Monday to Friday, 9 am to 5 pm." in question_task


async def test_an_unanswered_question_becomes_a_message_for_the_staff(outcomes: Path) -> None:
    run = await run_flow(
        desk(outcomes).initial_node(),
        [
            Step(call=("record_visitor_need", {"name": "Bo", "need": "question"})),
            Step(call=("record_question", {"question": "Do you treat cats?", "answered": False})),
            Step(say="Let me take a message. What's your number?", user="555 0100 22, ask if you treat cats"),
            Step(call=("record_message", {"message": "Does the clinic treat cats?", "callback_phone": "555 0100 22"})),
            Step(say="Is that right?", user="Yes"),
            Step(call=("confirm_message", {})),
            Step(say="The staff will call you back. Bye!"),
        ],
    )
    assert run.nodes == ["greeting", "question", "message", "confirm_message", "goodbye"]
    [outcome] = recorded(outcomes)
    assert outcome["outcome"] == "message"
    assert outcome["need"] == "question"
    assert outcome["details"] == {
        "message": {"message": "Does the clinic treat cats?", "callback_phone": "555010022"},
        "question": "Do you treat cats?",
    }


async def test_a_message_needs_a_text_and_a_callback_number(outcomes: Path) -> None:
    run = await run_flow(
        desk(outcomes).message_node(),
        [
            Step(call=("record_message", {"message": "  ", "callback_phone": "none", "recipient": ""})),
            Step(say="What is the message, and your number?"),
        ],
        state={"visitor_name": "Cy"},
        timeout=1.0,
    )
    assert run.nodes == ["message"]
    assert tool_result(run.inferences[-1].last_message)["problems"] == [
        "message: what the message is about",
        "callback_phone: a phone number of 7 to 15 digits",
        "recipient: a name, or leave it out",
    ]


async def test_an_outcome_that_cannot_be_saved_does_not_end_the_conversation(tmp_path: Path) -> None:
    failing = FrontDesk(FrontDeskSettings(outcomes=FailingSink(), now=lambda: NOW))
    run = await run_flow(
        failing.confirm_message_node(),
        [Step(call=("confirm_message", {})), Step(say="Sorry, please call the clinic.")],
        state={"visitor_name": "Cy", "need": "message", "message": {"message": "hi", "callback_phone": "5550100"}},
        timeout=1.0,
    )
    assert run.nodes == ["confirm_message"]
    assert tool_result(run.inferences[-1].last_message)["problems"] == [
        "could not save it (OSError); apologise and ask them to call the clinic"
    ]
    assert not run.ended
