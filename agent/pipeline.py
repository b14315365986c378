"""The agent's pipeline: Daily room in, OpenAI STT -> Flows LLM -> OpenAI TTS, echo messages to the replica out.

    transport.input() -> HumanAudioOnly -> STT -> user aggregator -> LLM -> TTS -> TavusEchoSender -> transport.output()
    -> assistant aggregator

The transport never plays audio itself: the TTS audio is consumed by the echo sender and reaches the room as the
replica's voice. So the echo sender, not the transport, reports when the bot starts and stops speaking (pipecat.flows
runs deferred post-actions on the stop).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from pipecat.audio.vad.silero import SileroVADAnalyzer
from pipecat.pipeline.pipeline import Pipeline
from pipecat.processors.aggregators.llm_context import LLMContext
from pipecat.processors.aggregators.llm_response_universal import (
    LLMContextAggregatorPair,
    LLMUserAggregatorParams,
)
from pipecat.processors.frame_processor import FrameProcessor
from pipecat.services.llm_service import LLMService
from pipecat.services.openai.llm import OpenAILLMService
from pipecat.services.openai.stt import OpenAIRealtimeSTTService, OpenAISTTService
from pipecat.services.openai.tts import OpenAITTSService
from pipecat.transports.base_transport import BaseTransport
from pipecat.transports.daily.transport import DailyParams, DailyTransport
from pipecat.turns.user_stop.speech_timeout_user_turn_stop_strategy import SpeechTimeoutUserTurnStopStrategy
from pipecat.turns.user_turn_strategies import UserTurnStrategies

from agent.config import Models
from agent.echo import TavusEchoSender

__all__ = ["Services", "build_pipeline", "create_context_aggregators", "create_services", "create_transport"]


@dataclass
class Services:
    stt: FrameProcessor
    llm: LLMService[Any]
    tts: FrameProcessor


def create_services(models: Models, openai_api_key: str, *, sample_rate: int) -> Services:
    """OpenAI speech-to-text, LLM and text-to-speech; nothing connects until the pipeline starts."""
    return Services(
        stt=_speech_to_text(models, openai_api_key),
        llm=OpenAILLMService(api_key=openai_api_key, settings=OpenAILLMService.Settings(model=models.llm)),
        tts=OpenAITTSService(
            api_key=openai_api_key,
            sample_rate=sample_rate,
            settings=OpenAITTSService.Settings(model=models.tts, voice=models.voice),
        ),
    )


def _speech_to_text(models: Models, openai_api_key: str) -> FrameProcessor:
    if models.stt_service == "openai-realtime":
        # Streams while the human speaks; the agent's own voice detection still decides the turns.
        return OpenAIRealtimeSTTService(
            api_key=openai_api_key,
            base_url=_realtime_url(os.environ.get("OPENAI_BASE_URL")),
            settings=OpenAIRealtimeSTTService.Settings(model=models.stt),
        )
    return OpenAISTTService(api_key=openai_api_key, settings=OpenAISTTService.Settings(model=models.stt))


def _realtime_url(base_url: str | None) -> str:
    """The Realtime websocket next to ``OPENAI_BASE_URL`` (OpenAI's own when unset)."""
    if not base_url:
        return "wss://api.openai.com/v1/realtime"
    scheme, rest = base_url.rstrip("/").split("://", 1)
    return f"{'wss' if scheme == 'https' else 'ws'}://{rest}/realtime"


def create_transport(room_url: str, token: str | None, bot_name: str, *, sample_rate: int) -> DailyTransport:
    """The agent's seat in the Tavus room. Audio out stays off: the replica speaks, the agent only listens."""
    params = DailyParams(
        audio_in_enabled=True,
        audio_out_enabled=False,
        camera_out_enabled=False,
        audio_out_sample_rate=sample_rate,
    )
    return DailyTransport(room_url, token, bot_name, params)


def create_context_aggregators(*, vad: bool = True, turn_detection: str = "smart-turn") -> LLMContextAggregatorPair:
    """The shared LLM context; Silero VAD hears speech, and ``turn_detection`` decides when the human is done
    (``smart-turn``: pipecat's default end-of-turn model; ``speech-timeout``: a fixed silence after the words)."""
    if not vad:
        return LLMContextAggregatorPair(LLMContext(), user_params=LLMUserAggregatorParams())
    strategies = None
    if turn_detection == "speech-timeout":
        strategies = UserTurnStrategies(stop=[SpeechTimeoutUserTurnStopStrategy()])
    user_params = LLMUserAggregatorParams(vad_analyzer=SileroVADAnalyzer(), user_turn_strategies=strategies)
    return LLMContextAggregatorPair(LLMContext(), user_params=user_params)


def build_pipeline(
    transport: BaseTransport,
    services: Services,
    echo: TavusEchoSender,
    aggregators: LLMContextAggregatorPair,
    listener: FrameProcessor,
) -> Pipeline:
    """``listener`` drops the audio of anyone but the humans (``agent.listening.HumanAudioOnly``)."""
    return Pipeline(
        [
            transport.input(),
            listener,
            services.stt,
            aggregators.user(),
            services.llm,
            services.tts,
            echo,
            transport.output(),
            aggregators.assistant(),
        ]
    )
