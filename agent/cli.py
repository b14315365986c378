"""``python -m agent`` (and ``tavus agent launch``): options, the dry-run plan, and the exit codes.

Exit codes: 0 the conversation ran and ended (or the plan was printed), 1 it failed (the room, a service, the idle
timeout), 2 the options, the environment or the OpenAI key are wrong (nothing was created), 130 interrupted.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from collections.abc import Mapping, Sequence
from functools import partial
from typing import Any, TextIO

from agent.config import (
    DEFAULT_PERSONA_NAME,
    STT_SERVICES,
    TURN_DETECTION,
    AgentConfig,
    ConfigError,
    Models,
    SafetyNets,
    load_secrets,
)
from agent.topology import add_topology_options, topology_from_args

__all__ = ["build_parser", "config_from_args", "dry_run_plan", "format_plan", "main"]

_PLACEHOLDER_KEY = "not-used-in-a-dry-run"


def build_parser(prog: str = "python -m agent") -> argparse.ArgumentParser:
    defaults, models, safety = AgentConfig(replica_id="-"), Models(), SafetyNets()
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Start a Tavus conversation with the pipecat-stream persona and hold it with a Pipecat Flows "
        "agent. Needs TAVUS_API_KEY and OPENAI_API_KEY in the environment.",
        epilog=f"examples:\n  {prog} --replica r79e1c033f --dry-run\n  {prog} --replica r79e1c033f",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    room = parser.add_argument_group("conversation")
    room.add_argument("--replica", dest="replica_id", help="replica to talk through (needed to create a conversation)")
    room.add_argument("--persona-name", default=DEFAULT_PERSONA_NAME, help="echo persona to create or reuse")
    room.add_argument("--conversation-id", help="join this conversation instead of creating one")
    room.add_argument("--conversation-url", help="join this room URL instead of creating a conversation")
    room.add_argument("--meeting-token", help="token for a private room (when joining one)")
    room.add_argument("--require-auth", action="store_true", help="create a private room (joined with its token)")
    room.add_argument("--conversation-name", default=defaults.conversation_name)
    room.add_argument("--max-call-duration", type=int, default=safety.max_call_duration, metavar="SECONDS")
    room.add_argument(
        "--participant-left-timeout", type=int, default=safety.participant_left_timeout, metavar="SECONDS"
    )
    room.add_argument(
        "--participant-absent-timeout", type=int, default=safety.participant_absent_timeout, metavar="SECONDS"
    )
    room.add_argument("--max-participants", type=int, default=safety.max_participants, metavar="N")

    flow = parser.add_argument_group("flow")
    flow.add_argument("--flow", help="package.module:create_initial_node, or a FlowConfig .yaml/.json file")
    flow.add_argument(
        "--flow-handlers", action="append", default=[], metavar="MODULE", help="module with a flow file's tools"
    )
    flow.add_argument("--outcomes", default=defaults.outcomes, help="front desk outcomes: a .jsonl path or a URL")
    flow.add_argument("--goodbye-timeout", type=float, default=defaults.goodbye_timeout, metavar="SECONDS")
    flow.add_argument(
        "--rejoin-grace",
        type=float,
        default=defaults.rejoin_grace,
        metavar="SECONDS",
        help="how long a human who dropped may take to come back before the call ends",
    )
    flow.add_argument(
        "--idle-timeout",
        type=float,
        default=defaults.idle_timeout,
        metavar="SECONDS",
        help="end the call after this long with nobody speaking",
    )

    services = parser.add_argument_group("services")
    services.add_argument("--stt-model", default=models.stt)
    services.add_argument("--llm-model", default=models.llm)
    services.add_argument("--tts-model", default=models.tts)
    services.add_argument("--voice", default=models.voice)
    services.add_argument(
        "--stt-service",
        choices=STT_SERVICES,
        default=models.stt_service,
        help="openai: one upload per utterance; openai-realtime: streamed while the human speaks (lower latency)",
    )
    services.add_argument(
        "--turn-detection",
        choices=TURN_DETECTION,
        default=models.turn_detection,
        help="smart-turn: pipecat's end-of-turn model; speech-timeout: a fixed silence (faster on a slow CPU)",
    )
    services.add_argument("--bot-name", default=defaults.bot_name, help="the agent's name in the room")

    add_topology_options(parser)

    parser.add_argument("--dry-run", action="store_true", help="build everything, create nothing, print the plan")
    parser.add_argument(
        "--log-level", default="INFO", choices=["TRACE", "DEBUG", "INFO", "WARNING", "ERROR"], help="pipecat's log"
    )
    return parser


def config_from_args(args: argparse.Namespace) -> AgentConfig:
    return AgentConfig(
        replica_id=args.replica_id,
        persona_name=args.persona_name,
        conversation_id=args.conversation_id,
        conversation_url=args.conversation_url,
        meeting_token=args.meeting_token,
        require_auth=args.require_auth,
        conversation_name=args.conversation_name,
        flow=args.flow,
        flow_handlers=tuple(args.flow_handlers),
        outcomes=args.outcomes,
        models=Models(
            stt=args.stt_model,
            llm=args.llm_model,
            tts=args.tts_model,
            voice=args.voice,
            stt_service=args.stt_service,
            turn_detection=args.turn_detection,
        ),
        safety=SafetyNets(
            max_call_duration=args.max_call_duration,
            participant_left_timeout=args.participant_left_timeout,
            participant_absent_timeout=args.participant_absent_timeout,
            max_participants=args.max_participants,
        ),
        bot_name=args.bot_name,
        goodbye_timeout=args.goodbye_timeout,
        rejoin_grace=args.rejoin_grace,
        idle_timeout=args.idle_timeout,
    )


def dry_run_plan(config: AgentConfig, environ: Mapping[str, str]) -> dict[str, Any]:
    """Build the flow, the services, the transport and the pipeline exactly as a launch would; create nothing."""
    from agent.echo import TavusEchoSender
    from agent.flows import load_flow
    from agent.lifecycle import conversation_settings
    from agent.listening import HumanAudioOnly
    from agent.pipeline import build_pipeline, create_context_aggregators, create_services, create_transport

    flow = load_flow(config.flow, handlers=config.flow_handlers, outcomes=config.outcomes)
    # Keys are only reported as present or missing; a placeholder lets the services be built without them.
    services = create_services(config.models, _PLACEHOLDER_KEY, sample_rate=config.sample_rate)
    conversation_id = config.conversation_id or "<created at launch>"
    url = config.conversation_url or f"https://tavus.daily.co/{conversation_id}"
    transport = create_transport(url, None, config.bot_name, sample_rate=config.sample_rate)
    echo = TavusEchoSender(conversation_id, sample_rate=config.sample_rate)
    listener = HumanAudioOnly(lambda _participant_id: False)
    aggregators = create_context_aggregators(turn_detection=config.models.turn_detection)
    pipeline = build_pipeline(transport, services, echo, aggregators, listener)
    plan: dict[str, Any] = {
        "keys": {name: ("set" if environ.get(name, "").strip() else "MISSING") for name in _KEY_NAMES},
        "flow": {"source": flow.source, "initial_node": flow.initial_node.get("name"), "nodes": flow.node_names},
        "pipeline": [type(p).__name__ for p in pipeline.processors[1:-1]],
        "models": vars(config.models) | {"sample_rate": config.sample_rate},
        "goodbye_timeout": config.goodbye_timeout,
    }
    if config.joins_existing:
        plan["conversation"] = {"join": conversation_id, "url": config.conversation_url or "(looked up at launch)"}
    else:
        plan["persona"] = {
            "name": config.persona_name,
            "pipeline_mode": "echo",
            "replica_id": config.replica_id,
            "action": "reuse if it exists, else create",
        }
        plan["conversation"] = {"create": conversation_settings(config, "<persona id>")}
    return plan


_KEY_NAMES = ("TAVUS_API_KEY", "OPENAI_API_KEY")


def format_plan(plan: Mapping[str, Any]) -> str:
    lines = ["Dry run: nothing was created on Tavus.", ""]
    for section, value in plan.items():
        if isinstance(value, Mapping):
            lines.append(f"{section}:")
            lines += [f"  {key}: {_show(item)}" for key, item in value.items()]
        elif isinstance(value, list):
            lines.append(f"{section}: {' -> '.join(map(str, value))}")
        else:
            lines.append(f"{section}: {value}")
    return "\n".join(lines)


def _configure_logging(level: str, stream: TextIO) -> None:
    # pipecat logs every frame-level detail at DEBUG by default; a launch only needs what happens in the room.
    from loguru import logger

    logger.remove()
    logger.add(stream, level=level)


def _show(value: Any) -> str:
    if isinstance(value, Mapping):
        return ", ".join(f"{k}={_show(v)}" for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return str(value)


def main(
    argv: Sequence[str] | None = None,
    *,
    prog: str = "python -m agent",
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    """The whole command; ``tavus agent launch`` calls it with its own ``prog`` and arguments."""
    stdout, stderr = out or sys.stdout, err or sys.stderr
    args = build_parser(prog).parse_args(argv)
    _configure_logging(args.log_level, stderr)
    try:
        config = config_from_args(args)
        layer = topology_from_args(args, os.environ, dry_run=args.dry_run)
        if args.dry_run:
            if layer is None:
                plan = dry_run_plan(config, os.environ)
            else:
                from agent.video_layer import video_layer_plan

                plan = video_layer_plan(config, layer, os.environ)
            print(format_plan(plan), file=stdout)
            return 0
        secrets = load_secrets()
    except ConfigError as exc:
        print(f"error: {exc}", file=stderr)
        return 2

    from agent.lifecycle import launch

    if layer is not None:
        from agent.video_layer import launch_video_layer

        launch = partial(launch_video_layer, layer=layer)
    try:
        result = asyncio.run(launch(config, secrets, announce=lambda text: print(text, file=stdout, flush=True)))
    except ConfigError as exc:
        print(f"error: {exc}", file=stderr)
        return 2
    except (KeyboardInterrupt, asyncio.CancelledError):
        return 130
    except Exception as exc:
        print(f"error: {exc}", file=stderr)
        return 1
    if result.interrupted:
        return 130
    if result.failed:
        print(f"error: {result.stop_reason}", file=stderr)
        return 1
    return 0
