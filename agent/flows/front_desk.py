"""The bundled flow: a front desk that greets a visitor and handles one request end to end.

greeting ──► appointment ──► confirm_appointment ──► goodbye (ends the conversation)
   │              ▲                 │
   │              └──── change ─────┘
   ├────────► question ──► (answered) ──► goodbye
   │              └── (not answered) ──► message
   └────────► message ──► confirm_message ──► goodbye

Every function validates what the LLM extracted and answers with the problems instead of moving on, so the
model asks again. What is learnt is kept in ``flow_manager.state`` (later prompts read it back through
``{{ }}`` placeholders) and the outcome is recorded once the visitor confirms.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, time
from typing import Any

from pipecat.flows import FlowArgs, FlowManager, FlowsFunctionSchema, NodeConfig

from agent.outcomes import JsonlOutcomeSink, OutcomeSink, outcome_sink

__all__ = ["NEEDS", "FrontDesk", "FrontDeskSettings", "create_initial_node"]

NEEDS = ("appointment", "question", "message")
_PHONE_CHARS = re.compile(r"[\s().\-]")
_NAME = re.compile(r"^[^\W\d_][\w' .\-]*$")

FlowResult = tuple[dict[str, Any], NodeConfig | None]

_DEFAULT_FAQ = {
    "opening hours": "Monday to Friday, 9 am to 5 pm.",
    "address": "12 Harbour Street, second floor; the entrance is next to the pharmacy.",
    "parking": "There is free parking behind the building for one hour.",
    "payment": "We accept cards and all major insurance plans.",
}


@dataclass
class FrontDeskSettings:
    business_name: str = "Harbour Street Clinic"
    services: tuple[str, ...] = ("check-up", "cleaning", "consultation")
    opens: time = time(9, 0)
    closes: time = time(17, 0)
    open_weekdays: frozenset[int] = frozenset(range(5))
    """``date.weekday()`` numbers: Monday is 0."""
    faq: Mapping[str, str] = field(default_factory=lambda: dict(_DEFAULT_FAQ))
    outcomes: OutcomeSink = field(default_factory=lambda: JsonlOutcomeSink("front_desk_outcomes.jsonl"))
    now: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))
    """The clock: appointment dates are checked against it, outcomes are stamped with it."""


def _error(*problems: str) -> FlowResult:
    return {"status": "error", "problems": list(problems)}, None


def _phone(value: object) -> str | None:
    """Digits with an optional leading +, 7 to 15 digits (E.164 allows 15); None when it is not a number."""
    if not isinstance(value, str):
        return None
    compact = _PHONE_CHARS.sub("", value.strip())
    digits = compact.removeprefix("+")
    if not digits.isdigit() or not 7 <= len(digits) <= 15:
        return None
    return compact


def _text(value: object, *, limit: int) -> str | None:
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    return text if 0 < len(text) <= limit else None


class FrontDesk:
    """Builds the front-desk nodes; the handlers close over the settings (outcome sink, clock, services)."""

    def __init__(self, settings: FrontDeskSettings | None = None) -> None:
        self.settings = settings or FrontDeskSettings()

    # -- nodes ---------------------------------------------------------------------------------------------------

    def initial_node(self) -> NodeConfig:
        return self.greeting_node()

    def node_names(self) -> list[str]:
        """Every node of the flow, the initial one first (for the launch plan)."""
        builders = (
            self.greeting_node,
            self.appointment_node,
            self.confirm_appointment_node,
            self.question_node,
            self.message_node,
            self.confirm_message_node,
            self.goodbye_node,
        )
        return [str(build().get("name")) for build in builders]

    def greeting_node(self) -> NodeConfig:
        s = self.settings
        return NodeConfig(
            name="greeting",
            role_message=(
                f"You are the front desk assistant of {s.business_name}, speaking to a visitor through a video "
                "avatar. Keep every reply to one or two short spoken sentences: no lists, no markdown, no emojis. "
                "Only record what the visitor actually said, always through the functions; never invent details."
            ),
            task_messages=[
                {
                    "role": "developer",
                    "content": (
                        f"Greet the visitor on behalf of {s.business_name} and ask for their name and whether they "
                        "want to book an appointment, ask a question or leave a message. When you know both, call "
                        "record_visitor_need."
                    ),
                }
            ],
            functions=[
                FlowsFunctionSchema(
                    name="record_visitor_need",
                    description="Record the visitor's name and what they need.",
                    properties={
                        "name": {"type": "string", "description": "The visitor's name as they said it."},
                        "need": {"type": "string", "enum": list(NEEDS), "description": "What the visitor wants."},
                    },
                    required=["name", "need"],
                    handler=self._record_visitor_need,
                )
            ],
        )

    def appointment_node(self) -> NodeConfig:
        s = self.settings
        days = ", ".join(_WEEKDAYS[d] for d in sorted(s.open_weekdays))
        return NodeConfig(
            name="appointment",
            task_messages=[
                {
                    "role": "developer",
                    "content": (
                        "Help {{ visitor_name }} book an appointment. Ask for the service "
                        f"({', '.join(s.services)}), the day, the time and a phone number. We are open {days}, "
                        f"{s.opens:%H:%M} to {s.closes:%H:%M}; today is {s.now():%A %Y-%m-%d}. Then call "
                        "record_appointment_request with the date as YYYY-MM-DD and the time as HH:MM (24 h). If it "
                        "reports problems, explain them briefly and ask again."
                    ),
                }
            ],
            functions=[
                FlowsFunctionSchema(
                    name="record_appointment_request",
                    description="Record the appointment the visitor asked for, once every detail is known.",
                    properties={
                        "service": {"type": "string", "enum": list(s.services)},
                        "date": {"type": "string", "description": "Day of the appointment, YYYY-MM-DD."},
                        "time": {"type": "string", "description": "Start time, HH:MM, 24-hour clock."},
                        "phone": {"type": "string", "description": "Phone number to reach the visitor."},
                    },
                    required=["service", "date", "time", "phone"],
                    handler=self._record_appointment_request,
                )
            ],
        )

    def confirm_appointment_node(self) -> NodeConfig:
        return NodeConfig(
            name="confirm_appointment",
            task_messages=[
                {
                    "role": "developer",
                    "content": (
                        "Read the appointment back to {{ visitor_name }}: a {{ appointment.service }} on "
                        "{{ appointment.date }} at {{ appointment.time }}, phone {{ appointment.phone }}. Ask whether "
                        "that is right. Call confirm_appointment if they agree, change_appointment if not."
                    ),
                }
            ],
            functions=[
                self._no_args("confirm_appointment", "The visitor confirmed the appointment.", self._confirm_appt),
                self._no_args("change_appointment", "The visitor wants to change a detail.", self._change_appt),
            ],
        )

    def question_node(self) -> NodeConfig:
        faq = "\n".join(f"- {topic}: {answer}" for topic, answer in self.settings.faq.items())
        return NodeConfig(
            name="question",
            task_messages=[
                {
                    "role": "developer",
                    "content": (
                        "Ask {{ visitor_name }} for their question if they have not said it yet, and answer it "
                        f"using only these facts:\n{faq}\nWhen you have answered, call record_question with "
                        "answered=true. If the facts do not cover it, say so and call record_question with "
                        "answered=false so they can leave a message for the staff."
                    ),
                }
            ],
            functions=[
                FlowsFunctionSchema(
                    name="record_question",
                    description="Record the visitor's question and whether you could answer it from the facts.",
                    properties={
                        "question": {"type": "string", "description": "The question, in a short sentence."},
                        "answered": {"type": "boolean", "description": "True when the facts answered it."},
                    },
                    required=["question", "answered"],
                    handler=self._record_question,
                )
            ],
        )

    def message_node(self) -> NodeConfig:
        return NodeConfig(
            name="message",
            task_messages=[
                {
                    "role": "developer",
                    "content": (
                        "Take a message from {{ visitor_name }} for the staff: what it is about, optionally who it "
                        "is for, and a phone number to call back. Then call record_message. If it reports "
                        "problems, explain them briefly and ask again."
                    ),
                }
            ],
            functions=[
                FlowsFunctionSchema(
                    name="record_message",
                    description="Record the visitor's message once the text and a callback number are known.",
                    properties={
                        "message": {"type": "string", "description": "The message, in the visitor's words."},
                        "callback_phone": {"type": "string", "description": "Number to call the visitor back."},
                        "recipient": {"type": "string", "description": "Who it is for, if they said."},
                    },
                    required=["message", "callback_phone"],
                    handler=self._record_message,
                )
            ],
        )

    def confirm_message_node(self) -> NodeConfig:
        return NodeConfig(
            name="confirm_message",
            task_messages=[
                {
                    "role": "developer",
                    "content": (
                        "Read the message back to {{ visitor_name }}: '{{ message.message }}', callback number "
                        "{{ message.callback_phone }}. Ask whether it is right. Call confirm_message if they agree, "
                        "change_message if not."
                    ),
                }
            ],
            functions=[
                self._no_args("confirm_message", "The visitor confirmed the message.", self._confirm_message),
                self._no_args("change_message", "The visitor wants to change the message.", self._change_message),
            ],
        )

    def goodbye_node(self) -> NodeConfig:
        return NodeConfig(
            name="goodbye",
            task_messages=[
                {
                    "role": "developer",
                    "content": (
                        "Tell {{ visitor_name }} in one short sentence what happens next ({{ next_step }}), thank "
                        "them and say goodbye."
                    ),
                }
            ],
            functions=[],
            post_actions=[{"type": "end_conversation"}],
        )

    # -- handlers ------------------------------------------------------------------------------------------------

    async def _record_visitor_need(self, args: FlowArgs, flow_manager: FlowManager) -> FlowResult:
        name = _text(args.get("name"), limit=80)
        need = args.get("need")
        problems = []
        if name is None or not _NAME.match(name):
            problems.append("name: ask for the visitor's name; it must be a name, not empty")
        if need not in NEEDS:
            problems.append(f"need: must be one of {', '.join(NEEDS)}")
        if problems:
            return _error(*problems)
        flow_manager.state["visitor_name"] = name
        flow_manager.state["need"] = need
        nodes = {"appointment": self.appointment_node, "question": self.question_node, "message": self.message_node}
        return {"status": "ok"}, nodes[str(need)]()

    async def _record_appointment_request(self, args: FlowArgs, flow_manager: FlowManager) -> FlowResult:
        s = self.settings
        problems: list[str] = []
        service = args.get("service")
        if service not in s.services:
            problems.append(f"service: must be one of {', '.join(s.services)}")
        day = _parse(args.get("date"), "%Y-%m-%d")
        today = s.now().date()
        if day is None:
            problems.append("date: use YYYY-MM-DD")
        elif day.date() < today:
            problems.append(f"date: {day.date().isoformat()} is in the past; today is {today.isoformat()}")
        elif day.weekday() not in s.open_weekdays:
            problems.append(f"date: we are closed on {_WEEKDAYS[day.weekday()]}s")
        at = _parse(args.get("time"), "%H:%M")
        if at is None:
            problems.append("time: use HH:MM on a 24-hour clock")
        elif not s.opens <= at.time() < s.closes:
            problems.append(f"time: we take appointments from {s.opens:%H:%M} to {s.closes:%H:%M}")
        phone = _phone(args.get("phone"))
        if phone is None:
            problems.append("phone: a phone number of 7 to 15 digits")
        if problems or day is None or at is None:
            return _error(*problems)
        flow_manager.state["appointment"] = {
            "service": service,
            "date": day.date().isoformat(),
            "time": f"{at:%H:%M}",
            "phone": phone,
        }
        return {"status": "ok"}, self.confirm_appointment_node()

    async def _confirm_appt(self, args: FlowArgs, flow_manager: FlowManager) -> FlowResult:
        appointment = flow_manager.state.get("appointment")
        if not appointment:
            return {"status": "error", "problems": ["no appointment recorded yet"]}, self.appointment_node()
        next_step = "the clinic will call to confirm the booking"
        return await self._finish(flow_manager, "appointment", {"appointment": appointment}, next_step)

    async def _change_appt(self, args: FlowArgs, flow_manager: FlowManager) -> FlowResult:
        return {"status": "ok"}, self.appointment_node()

    async def _record_question(self, args: FlowArgs, flow_manager: FlowManager) -> FlowResult:
        question = _text(args.get("question"), limit=500)
        answered = args.get("answered")
        problems = []
        if question is None:
            problems.append("question: the visitor's question, in a short sentence")
        if not isinstance(answered, bool):
            problems.append("answered: true or false")
        if problems:
            return _error(*problems)
        flow_manager.state["question"] = question
        if answered:
            return await self._finish(
                flow_manager, "question", {"question": question, "answered": True}, "nothing, they have their answer"
            )
        return {"status": "ok", "next": "take a message for the staff"}, self.message_node()

    async def _record_message(self, args: FlowArgs, flow_manager: FlowManager) -> FlowResult:
        text = _text(args.get("message"), limit=1000)
        phone = _phone(args.get("callback_phone"))
        recipient = args.get("recipient")
        problems = []
        if text is None:
            problems.append("message: what the message is about")
        if phone is None:
            problems.append("callback_phone: a phone number of 7 to 15 digits")
        if recipient is not None and _text(recipient, limit=80) is None:
            problems.append("recipient: a name, or leave it out")
        if problems:
            return _error(*problems)
        message: dict[str, Any] = {"message": text, "callback_phone": phone}
        if recipient is not None:
            message["recipient"] = _text(recipient, limit=80)
        flow_manager.state["message"] = message
        return {"status": "ok"}, self.confirm_message_node()

    async def _confirm_message(self, args: FlowArgs, flow_manager: FlowManager) -> FlowResult:
        message = flow_manager.state.get("message")
        if not message:
            return {"status": "error", "problems": ["no message recorded yet"]}, self.message_node()
        details: dict[str, Any] = {"message": message}
        if "question" in flow_manager.state:
            details["question"] = flow_manager.state["question"]
        return await self._finish(flow_manager, "message", details, "the staff will call back")

    async def _change_message(self, args: FlowArgs, flow_manager: FlowManager) -> FlowResult:
        return {"status": "ok"}, self.message_node()

    async def _finish(
        self, flow_manager: FlowManager, outcome: str, details: dict[str, Any], next_step: str
    ) -> FlowResult:
        state = flow_manager.state
        record = {
            "conversation_id": state.get("conversation_id"),
            "visitor_name": state.get("visitor_name"),
            "need": state.get("need"),
            "outcome": outcome,
            "details": details,
            "recorded_at": self.settings.now().isoformat(),
        }
        try:
            await self.settings.outcomes.record(record)
        except Exception as exc:  # the visitor hears that it failed instead of a false confirmation
            return _error(f"could not save it ({type(exc).__name__}); apologise and ask them to call the clinic")
        state["outcome"] = outcome
        state["next_step"] = next_step
        return {"status": "recorded"}, self.goodbye_node()

    @staticmethod
    def _no_args(name: str, description: str, handler: Any) -> FlowsFunctionSchema:
        return FlowsFunctionSchema(name=name, description=description, properties={}, required=[], handler=handler)


_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _parse(value: object, pattern: str) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return datetime.strptime(value.strip(), pattern)
    except ValueError:
        return None


def create_initial_node() -> NodeConfig:
    """The front desk with default settings; outcomes go to ``$FRONT_DESK_OUTCOMES`` (a path or an http(s) URL)."""
    target = os.environ.get("FRONT_DESK_OUTCOMES", "front_desk_outcomes.jsonl")
    return FrontDesk(FrontDeskSettings(outcomes=outcome_sink(target))).initial_node()
