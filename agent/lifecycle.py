"""One conversation from start to end: persona, conversation, the agent in the room, and exactly one end call.

``launch`` creates (or joins) the Tavus conversation, runs the agent until something stops it, and ends the
conversation once whatever stopped it: the flow ending, the human or the replica leaving, Ctrl-C, SIGTERM, an
error anywhere, or a room that cannot be joined. Everything that could fail before billing starts (keys, the
flow, the services) is checked before the conversation is created.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Awaitable, Callable, Coroutine, Mapping
from dataclasses import dataclass
from functools import partial
from typing import Any

from loguru import logger
from pipecat.flows import FlowManager
from pipecat.frames.frames import ErrorFrame
from pipecat.pipeline.worker import PipelineParams, PipelineWorker
from pipecat.processors.aggregators.llm_response_universal import LLMContextAggregatorPair
from pipecat.services.llm_service import LLMService
from pipecat.services.stt_service import STTService
from pipecat.services.tts_service import TTSService
from pipecat.transports.base_transport import BaseTransport
from pipecat.utils.errors import ErrorCategory, classify_http_exception, classify_http_status_code
from pipecat.workers.runner import WorkerRunner

from agent.config import AgentConfig, Models, Secrets
from agent.echo import TavusEchoSender
from agent.events import TavusEvents, attach_events
from agent.flows import LoadedFlow, load_flow
from agent.listening import HumanAudioOnly
from agent.openai_key import check_openai_key
from agent.pipeline import Services, build_pipeline, create_context_aggregators, create_services, create_transport
from agent.signals import StopSignals
from tavus_sdk import AsyncTavus

__all__ = [
    "AgentSession",
    "ConversationEnder",
    "JoinedConversation",
    "LaunchResult",
    "conversation_settings",
    "launch",
    "open_conversation",
]

TransportFactory = Callable[[str, str | None, str, int], BaseTransport]
ServicesFactory = Callable[[Models, str, int], Services]
AggregatorsFactory = Callable[[], LLMContextAggregatorPair]
KeyCheck = Callable[[Secrets], Awaitable[None]]


def _default_transport(url: str, token: str | None, bot_name: str, sample_rate: int) -> BaseTransport:
    return create_transport(url, token, bot_name, sample_rate=sample_rate)


def _default_services(models: Models, openai_api_key: str, sample_rate: int) -> Services:
    return create_services(models, openai_api_key, sample_rate=sample_rate)


@dataclass(frozen=True)
class JoinedConversation:
    conversation_id: str
    conversation_url: str
    meeting_token: str | None
    replica_name: str | None
    """The replica's display name in the room (its persona's name), to tell it from the human."""
    created: bool


@dataclass(frozen=True)
class LaunchResult:
    conversation_id: str
    conversation_url: str
    stop_reason: str
    ended: bool
    """Whether this process's end call succeeded."""
    interrupted: bool = False
    """Ctrl-C (SIGINT) stopped the agent: a command exits with 130, as an interrupted command does."""
    failed: bool = False
    """The room, a service or the idle timeout stopped the agent: a command exits with 1."""
    transport_failed: bool = False
    """The room could not be joined, or the connection to it failed (``failed`` is set too)."""


def conversation_settings(config: AgentConfig, persona_id: str) -> dict[str, Any]:
    """The ``conversations.create`` arguments, safety nets included."""
    settings: dict[str, Any] = {
        "persona_id": persona_id,
        "conversation_name": config.conversation_name,
        "max_participants": config.safety.max_participants,
        "properties": config.safety.properties(),
    }
    if config.replica_id:
        settings["replica_id"] = config.replica_id
    if config.require_auth:
        settings["require_auth"] = True
    return settings


async def open_conversation(tavus: AsyncTavus, config: AgentConfig) -> JoinedConversation:
    """Create the conversation (with the pipecat-stream persona), or look up the one to join."""
    if config.joins_existing:
        assert config.conversation_id is not None
        existing = await tavus.conversations.get(config.conversation_id)
        if existing.status == "ended":
            raise RuntimeError(f"conversation {existing.conversation_id} has already ended")
        url = config.conversation_url or existing.conversation_url
        if not url:
            raise RuntimeError(f"conversation {existing.conversation_id} has no room URL")
        replica_name = config.persona_name
        if existing.persona_id:
            replica_name = (await tavus.personas.get(existing.persona_id)).persona_name or replica_name
        token = config.meeting_token or existing.meeting_token
        return JoinedConversation(existing.conversation_id, url, token, replica_name, created=False)
    persona = await tavus.personas.ensure_pipecat_stream(name=config.persona_name, replica_id=config.replica_id)
    created = await tavus.conversations.create(**conversation_settings(config, persona.persona_id))
    # Billing has started even without a room URL: the caller ends it, and says why it could not be joined.
    return JoinedConversation(
        created.conversation_id,
        created.conversation_url or "",
        created.meeting_token,
        persona.persona_name or config.persona_name,
        created=True,
    )


class ConversationEnder:
    """Ends the conversation once, however many exit paths ask for it, and never hides the original error."""

    def __init__(self, tavus: AsyncTavus, conversation_id: str) -> None:
        self._tavus = tavus
        self.conversation_id = conversation_id
        self._lock = asyncio.Lock()
        self.reason: str | None = None
        self.ended = False

    async def end(self, reason: str) -> bool:
        async with self._lock:
            if self.reason is not None:
                return False
            self.reason = reason
            try:
                await self._tavus.conversations.end(self.conversation_id)
            except Exception as exc:
                # Tavus still ends it by itself (participant_left_timeout, max_call_duration).
                logger.error(f"could not end conversation {self.conversation_id} ({reason}): {exc}")
                return False
            self.ended = True
            logger.info(f"ended conversation {self.conversation_id}: {reason}")
            return True


Announce = Callable[[str], None]


def _print(text: str) -> None:
    print(text, flush=True)


class AgentSession:
    """The agent in the room: pipeline, flow, who is who, and the reasons to stop."""

    def __init__(
        self,
        config: AgentConfig,
        conversation: JoinedConversation,
        flow: LoadedFlow,
        services: Services,
        *,
        transport_factory: TransportFactory = _default_transport,
        aggregators_factory: AggregatorsFactory = create_context_aggregators,
    ) -> None:
        self.config = config
        self.conversation = conversation
        self.flow = flow
        self.events = TavusEvents(conversation.conversation_id)
        self.echo = TavusEchoSender(
            conversation.conversation_id, sample_rate=config.sample_rate, before_end=self._wait_for_last_words
        )
        self.transport = transport_factory(
            conversation.conversation_url, conversation.meeting_token, config.bot_name, config.sample_rate
        )
        self.aggregators = aggregators_factory()
        self.listener = HumanAudioOnly(lambda participant_id: participant_id in self.human_ids, on_started=self._deafen)
        self.pipeline = build_pipeline(self.transport, services, self.echo, self.aggregators, self.listener)
        self.worker = PipelineWorker(
            self.pipeline,
            params=PipelineParams(audio_out_sample_rate=config.sample_rate),
            # RTVI would broadcast its client events as app messages into the Tavus room, to nobody's use.
            enable_rtvi=False,
            idle_timeout_secs=config.idle_timeout,
            # Ours stops with a reason of its own; pipecat's would cancel as if the flow had ended.
            cancel_on_idle_timeout=False,
        )
        self.flow_manager = FlowManager(
            worker=self.worker,
            llm=services.llm,
            context_aggregator=self.aggregators,
            transport=self.transport,
            global_functions=list(flow.global_functions),
        )
        self.flow_manager.state["conversation_id"] = conversation.conversation_id
        attach_events(self.flow_manager, self.events)
        # The runner's own signal handling would stop the worker without saying why; StopSignals records the reason.
        self.runner = WorkerRunner(handle_sigint=False, handle_sigterm=False)
        self.human_ids: set[str] = set()
        self.replica_ids: set[str] = set()
        self.flow_started = False
        self.stop_reason: str | None = None
        self.failed = False
        """Something went wrong (the room, a service, nobody speaking): a command exits with 1."""
        self.transport_failed = False
        """The transport reported an error (e.g. the room could not be joined) and that stopped the agent."""
        self.goodbye_heard: bool | None = None
        """After the flow ended: whether the replica reported the end of the last words in time."""
        self._failure: BaseException | None = None
        self._pending: set[asyncio.Task[None]] = set()
        self._grace: asyncio.Task[None] | None = None
        self._register_handlers()

    # -- running ---------------------------------------------------------------------------------------------------

    async def run(self) -> str:
        """Run until stopped; returns why. An error raised in an event handler is raised here."""
        await self.runner.add_workers(self.worker)
        if self.stop_reason is None:  # a stop asked for while setting up needs no pipeline
            await self.runner.run()
        if self._grace is not None:
            self._grace.cancel()
        if self._failure is not None:
            raise self._failure
        if self.stop_reason is None:
            self.stop_reason = "the flow ended" if self.flow_started else "the pipeline stopped"
        return self.stop_reason

    async def stop(self, reason: str) -> None:
        """Stop now (no goodbye): the first reason given is the one reported."""
        if self.stop_reason is None:
            self.stop_reason = reason
            logger.info(f"stopping: {reason}")
        await self.worker.cancel(reason=reason)

    def stop_soon(self, reason: str) -> None:
        """``stop`` from synchronous code (a signal handler)."""
        self._spawn(self.stop(reason))

    def _spawn(self, coroutine: Coroutine[Any, Any, None]) -> asyncio.Task[None]:
        task = asyncio.get_running_loop().create_task(coroutine)
        self._pending.add(task)
        task.add_done_callback(self._pending.discard)
        return task

    async def _fail(self, reason: str) -> None:
        if self.stop_reason is None:
            self.failed = True
        await self.stop(reason)

    async def _wait_for_last_words(self) -> None:
        started = self.echo.last_utterance_started_at
        if started is None:
            return
        self.goodbye_heard = await self.events.wait_until_replica_stops(
            since=started, inference_id=self.echo.last_inference_id, timeout=self.config.goodbye_timeout
        )
        if not self.goodbye_heard:
            logger.warning(
                f"the replica did not report the end of its last words within {self.config.goodbye_timeout}s"
            )

    # -- room and pipeline events ------------------------------------------------------------------------------

    def is_replica(self, participant: Mapping[str, Any]) -> bool:
        info = participant.get("info") or {}
        name = info.get("userName") if isinstance(info, Mapping) else None
        # A transport that knows the replica's room (the video-layer one) says who is in it; a human who picked the
        # persona's name is then still a human.
        in_replica_room: set[str] | None = getattr(self.transport, "replica_room_participants", None)
        if in_replica_room is not None:
            return participant.get("id") in in_replica_room
        return participant.get("id") in self.replica_ids or (
            self.conversation.replica_name is not None and name == self.conversation.replica_name
        )

    def _register_handlers(self) -> None:
        handlers: dict[str, Callable[..., Awaitable[None]]] = {
            "on_joined": self._on_joined,
            "on_participant_joined": self._on_participant_joined,
            "on_participant_left": self._on_participant_left,
            "on_app_message": self._on_app_message,
            "on_error": self._on_error,
        }
        for event, handler in handlers.items():
            self.transport.add_event_handler(event, self._guarded(handler))
        self.worker.add_event_handler("on_pipeline_error", self._guarded(self._on_pipeline_error))
        self.worker.add_event_handler("on_idle_timeout", self._guarded(self._on_idle_timeout))

    def _guarded(self, handler: Callable[..., Awaitable[None]]) -> Callable[..., Awaitable[None]]:
        # pipecat logs and swallows exceptions raised in event handlers; here they stop the agent and reach run().
        async def run_handler(_source: object, *args: Any) -> None:
            try:
                await handler(*args)
            except Exception as exc:
                if self._failure is None:
                    self._failure = exc
                await self.stop(f"error: {exc!r}")

        return run_handler

    async def _on_joined(self, data: Mapping[str, Any]) -> None:
        # Whoever was in the room before the agent arrived is reported here, not by participant-joined events.
        participants = data.get("participants") if isinstance(data, Mapping) else None
        for key, participant in (participants or {}).items():
            if key != "local" and isinstance(participant, Mapping):
                await self._on_participant_joined(participant)

    async def _on_participant_joined(self, participant: Mapping[str, Any]) -> None:
        participant_id = str(participant.get("id"))
        if self.is_replica(participant):
            if participant_id not in self.replica_ids:
                self.replica_ids.add(participant_id)
                await self._unsubscribe(participant_id)
        elif participant_id not in self.human_ids:
            self.human_ids.add(participant_id)
            if self._grace is not None:
                self._grace.cancel()
                self._grace = None
        # The greeting is for a human, spoken by the replica: it waits until both are in the room.
        if self.replica_ids and self.human_ids and not self.flow_started:
            self.flow_started = True
            await self.flow_manager.initialize(self.flow.initial_node)

    async def _unsubscribe(self, participant_id: str) -> None:
        # Saves the bandwidth; HumanAudioOnly is what keeps the replica's voice out whatever the transport replays.
        update = getattr(self.transport, "update_subscriptions", None)
        if update is not None:
            await update(participant_settings={participant_id: {"media": {"microphone": "unsubscribed"}}})

    async def _deafen(self) -> None:
        # DailyTransport has just replayed the captures it deferred until its input started, the replica's too.
        for participant_id in sorted(self.replica_ids):
            await self._unsubscribe(participant_id)

    async def _on_participant_left(self, participant: Mapping[str, Any], reason: str = "") -> None:
        participant_id = str(participant.get("id"))
        if participant_id in self.replica_ids or self.is_replica(participant):
            await self.stop("the replica left the room")
            return
        self.human_ids.discard(participant_id)
        if self.human_ids or self._grace is not None:
            return
        if self.config.rejoin_grace <= 0:
            await self.stop("the human left the room")
            return
        logger.info(f"the human left; waiting {self.config.rejoin_grace:g}s for them to come back")
        self._grace = self._spawn(self._end_after_grace())

    async def _end_after_grace(self) -> None:
        await asyncio.sleep(self.config.rejoin_grace)
        await self.stop("the human left the room")

    async def _on_app_message(self, message: Any, sender: str = "") -> None:
        await self.events.handle_app_message(message)

    async def _on_error(self, error: str) -> None:
        if self.stop_reason is None:
            self.transport_failed = True
        await self._fail(f"transport error: {error}")

    async def _on_pipeline_error(self, frame: ErrorFrame) -> None:
        # A rejected key, an unknown model or voice fails every later request too: the replica would stay mute.
        category = frame.category
        if category in (None, ErrorCategory.UNKNOWN):
            # Some services leave an HTTP error unclassified, or keep only its text (pipecat's OpenAI
            # speech-to-text); the status, in the OpenAI client's "Error code: 401 - ..." form, still says whether
            # it will recur.
            status = _OPENAI_STATUS.search(frame.error)
            if frame.exception is not None:
                category = classify_http_exception(frame.exception)
            elif status is not None:
                category = classify_http_status_code(int(status.group(1)))
        if category is None or not category.is_permanent:
            return
        await self._fail(f"{_service_kind(frame.processor)} error: {frame.error}")

    async def _on_idle_timeout(self) -> None:
        await self._fail(f"idle timeout: nobody spoke for {self.config.idle_timeout:g}s")


_OPENAI_STATUS = re.compile(r"\bError code: (\d{3})\b")


def _service_kind(processor: object) -> str:
    if isinstance(processor, STTService):
        return "speech-to-text"
    if isinstance(processor, LLMService):
        return "LLM"
    if isinstance(processor, TTSService):
        return "text-to-speech"
    return "pipeline"


async def launch(
    config: AgentConfig,
    secrets: Secrets,
    *,
    tavus: AsyncTavus | None = None,
    transport_factory: TransportFactory = _default_transport,
    services_factory: ServicesFactory = _default_services,
    aggregators_factory: AggregatorsFactory | None = None,
    check_keys: KeyCheck = check_openai_key,
    announce: Announce = _print,
    handle_signals: bool = True,
    on_session: Callable[[AgentSession], None] | None = None,
    prepare: Callable[[], Awaitable[None]] | None = None,
) -> LaunchResult:
    """Create or join the conversation, run the agent in its room, and end the conversation exactly once.

    With ``handle_signals``, SIGINT and SIGTERM are handled from before the conversation is created until its end
    call has returned. ``prepare`` runs after every check and before the conversation is created (the video-layer
    topology creates the agent's room there); a signal that arrives during it stops the launch before Tavus.
    """
    flow = load_flow(config.flow, handlers=config.flow_handlers, outcomes=config.outcomes)
    services = services_factory(config.models, secrets.openai_api_key, config.sample_rate)
    await check_keys(secrets)
    signals = StopSignals(announce)
    if handle_signals:
        signals.install()
    owns_client = tavus is None
    client = tavus or AsyncTavus(api_key=secrets.tavus_api_key)
    try:
        if prepare is not None:
            await prepare()
            if signals.reason is not None:  # nothing exists on Tavus yet: there is nothing to end
                announce(f"Stopped before a conversation was created: {signals.reason}")
                return LaunchResult("", "", signals.reason, ended=False, interrupted=signals.interrupted)
        conversation = await open_conversation(client, config)
        return await _run_conversation(
            config,
            client,
            conversation,
            flow,
            services,
            signals,
            transport_factory=transport_factory,
            aggregators_factory=aggregators_factory
            or partial(create_context_aggregators, turn_detection=config.models.turn_detection),
            announce=announce,
            on_session=on_session,
        )
    finally:
        signals.remove()
        if owns_client:
            await client.close()


def _join_link(conversation: JoinedConversation) -> str:
    # A private room (require_auth) lets in only who brings its meeting token; Daily reads it from ?t=.
    if not conversation.meeting_token:
        return conversation.conversation_url
    separator = "&" if "?" in conversation.conversation_url else "?"
    return f"{conversation.conversation_url}{separator}t={conversation.meeting_token}"


async def _run_conversation(
    config: AgentConfig,
    tavus: AsyncTavus,
    conversation: JoinedConversation,
    flow: LoadedFlow,
    services: Services,
    signals: StopSignals,
    *,
    transport_factory: TransportFactory,
    aggregators_factory: AggregatorsFactory,
    announce: Announce,
    on_session: Callable[[AgentSession], None] | None,
) -> LaunchResult:
    ender = ConversationEnder(tavus, conversation.conversation_id)
    signals.conversation_id = conversation.conversation_id
    reason = "the agent stopped"
    failed = transport_failed = False
    try:
        if not conversation.conversation_url:
            raise RuntimeError(f"conversation {conversation.conversation_id} was created without a room URL")
        verb = "Created" if conversation.created else "Joining"
        announce(f"{verb} conversation {conversation.conversation_id}. Join it here: {_join_link(conversation)}")
        if signals.reason is not None:  # arrived while the conversation was being created
            reason = signals.reason
        else:
            session = AgentSession(
                config,
                conversation,
                flow,
                services,
                transport_factory=transport_factory,
                aggregators_factory=aggregators_factory,
            )
            if on_session is not None:
                on_session(session)
            signals.on_stop(session.stop_soon)
            reason = await session.run()
            failed, transport_failed = session.failed, session.transport_failed
            current = asyncio.current_task()
            if current is not None and current.cancelling():
                # pipecat's runner absorbs the cancellation; the caller still asked this task to stop.
                reason = "cancelled"
                raise asyncio.CancelledError
    except asyncio.CancelledError:
        reason = "cancelled"
        raise
    except BaseException as exc:
        reason = f"error: {exc!r}"
        raise
    finally:
        signals.on_stop(None)
        # Shielded, and the signal handlers stay until it returns: a second Ctrl-C while the end call is in
        # flight must not leave the conversation billing.
        await asyncio.shield(ender.end(reason))
    announce(f"Conversation {conversation.conversation_id} ended: {reason}")
    return LaunchResult(
        conversation.conversation_id,
        conversation.conversation_url,
        reason,
        ender.ended,
        interrupted=signals.interrupted,
        failed=failed,
        transport_failed=transport_failed,
    )
