"""What a launch needs: the room to join or create, the models, the flow, and the API keys (kept out of reprs)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "DEFAULT_PERSONA_NAME",
    "STT_SERVICES",
    "TURN_DETECTION",
    "AgentConfig",
    "ConfigError",
    "Models",
    "SafetyNets",
    "Secrets",
    "load_secrets",
]

DEFAULT_PERSONA_NAME = "pipecat-stream"
"""The echo-mode persona the SDK creates or reuses (``tavus.personas.ensure_pipecat_stream``)."""


class ConfigError(Exception):
    """A launch cannot start as configured; the message says what to change."""


STT_SERVICES = ("openai", "openai-realtime")
"""``openai``: one upload per utterance once voice detection calls it over; ``openai-realtime``: audio streamed
over a websocket while the human speaks, so the transcript is ready as the speech ends."""
TURN_DETECTION = ("smart-turn", "speech-timeout")
"""``smart-turn``: pipecat's local end-of-turn model decides the human has finished; ``speech-timeout``: a fixed
silence after the last words does."""


@dataclass(frozen=True)
class Models:
    stt: str = "gpt-4o-transcribe"
    llm: str = "gpt-4.1-mini"
    tts: str = "gpt-4o-mini-tts"
    voice: str = "alloy"
    stt_service: str = "openai"
    turn_detection: str = "smart-turn"

    def __post_init__(self) -> None:
        if self.stt_service not in STT_SERVICES:
            raise ConfigError(f"stt_service must be one of {', '.join(STT_SERVICES)}, not {self.stt_service!r}")
        if self.turn_detection not in TURN_DETECTION:
            allowed = ", ".join(TURN_DETECTION)
            raise ConfigError(f"turn_detection must be one of {allowed}, not {self.turn_detection!r}")


@dataclass(frozen=True)
class SafetyNets:
    """Server-side limits: Tavus ends the call even if this process dies without ending it."""

    max_call_duration: int = 1800
    participant_left_timeout: int = 15
    participant_absent_timeout: int = 180
    max_participants: int = 3
    """The replica, the human and this agent each take a place."""

    def __post_init__(self) -> None:
        if self.max_participants < 3:
            raise ConfigError("max_participants must be at least 3: the replica, the human and the agent")
        if not 0 < self.max_call_duration <= 3600:
            raise ConfigError("max_call_duration must be between 1 and 3600 seconds")
        if self.participant_left_timeout < 0 or self.participant_absent_timeout < 0:
            raise ConfigError("participant timeouts cannot be negative")

    def properties(self) -> dict[str, Any]:
        return {
            "max_call_duration": self.max_call_duration,
            "participant_left_timeout": self.participant_left_timeout,
            "participant_absent_timeout": self.participant_absent_timeout,
        }


@dataclass(frozen=True)
class AgentConfig:
    replica_id: str | None = None
    persona_name: str = DEFAULT_PERSONA_NAME
    conversation_id: str | None = None
    """Join this conversation instead of creating one."""
    conversation_url: str | None = None
    meeting_token: str | None = field(default=None, repr=False)
    require_auth: bool = False
    conversation_name: str = "Front desk"
    flow: str | None = None
    """``package.module:function`` returning the initial node, or a FlowConfig ``.yaml``/``.yml``/``.json`` file;
    the bundled front desk when unset."""
    flow_handlers: tuple[str, ...] = ()
    """Modules whose functions a FlowConfig file names."""
    outcomes: str = "front_desk_outcomes.jsonl"
    """Where the front desk records outcomes: a JSON lines path or an http(s) URL."""
    models: Models = field(default_factory=Models)
    safety: SafetyNets = field(default_factory=SafetyNets)
    bot_name: str = "Front desk agent"
    sample_rate: int = 24000
    """Echo audio rate announced to Tavus (and asked of the TTS)."""
    goodbye_timeout: float = 15.0
    """How long the last words may take to play on the replica before the conversation is ended anyway."""
    rejoin_grace: float = 10.0
    """How long the call waits for a human who dropped (a page reload, a network blip) before it ends."""
    idle_timeout: float = 300.0
    """How long the call may go with nobody speaking before it ends."""

    def __post_init__(self) -> None:
        joining = self.conversation_id is not None or self.conversation_url is not None
        if not joining and not self.replica_id:
            raise ConfigError("a replica is needed to create a conversation: pass --replica (or --conversation-id)")
        if self.conversation_url is not None and self.conversation_id is None:
            # The id is in the room URL (https://tavus.daily.co/<conversation_id>); it is what /end needs.
            object.__setattr__(self, "conversation_id", self.conversation_url.rstrip("/").rsplit("/", 1)[-1])
        for name in ("goodbye_timeout", "rejoin_grace"):
            if getattr(self, name) < 0:
                raise ConfigError(f"{name} cannot be negative")
        if self.idle_timeout <= 0:
            raise ConfigError("idle_timeout must be more than 0 seconds")

    @property
    def joins_existing(self) -> bool:
        return self.conversation_id is not None


@dataclass(frozen=True)
class Secrets:
    tavus_api_key: str = field(repr=False)
    openai_api_key: str = field(repr=False)
    openai_base_url: str | None = None
    """``OPENAI_BASE_URL``, as the OpenAI client (and so every OpenAI service) reads it; OpenAI's own when unset."""


_KEYS = {"TAVUS_API_KEY": "the Tavus API", "OPENAI_API_KEY": "OpenAI speech-to-text, LLM and text-to-speech"}


def load_secrets(environ: Mapping[str, str] | None = None) -> Secrets:
    """Both keys, or a ``ConfigError`` naming every missing one (never a value)."""
    env = os.environ if environ is None else environ
    missing = [f"{name} (for {purpose})" for name, purpose in _KEYS.items() if not env.get(name, "").strip()]
    if missing:
        raise ConfigError("missing " + " and ".join(missing) + "; set it in the environment and try again")
    return Secrets(
        tavus_api_key=env["TAVUS_API_KEY"].strip(),
        openai_api_key=env["OPENAI_API_KEY"].strip(),
        openai_base_url=env.get("OPENAI_BASE_URL", "").strip() or None,
    )
