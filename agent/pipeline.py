"""The agent's pipeline: Daily room in, OpenAI STT -> Flows LLM -> OpenAI TTS, echo messages to the replica out.

    transport.input() -> HumanAudioOnly -> STT -> user aggregator -> LLM -> TTS -> TavusEchoSender -> transport.output()
    -> assistant aggregator

The transport never plays audio itself: the TTS audio is consumed by the echo sender and reaches the room as the
replica's voice. So the echo sender, not the transport, reports when the bot starts and stops speaking (pipecat.flows
runs deferred post-actions on the stop).
"""

from __future__ import annotations

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
from pipecat.services.openai.stt import OpenAISTTService
from pipecat.services.openai.tts import OpenAITTSService
from pipecat.transports.base_transport import BaseTransport
from pipecat.transports.daily.transport import DailyParams, DailyTransport

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
        stt=OpenAISTTService(api_key=openai_api_key, settings=OpenAISTTService.Settings(model=models.stt)),
        llm=OpenAILLMService(api_key=openai_api_key, settings=OpenAILLMService.Settings(model=models.llm)),
        tts=OpenAITTSService(
            api_key=openai_api_key,
            sample_rate=sample_rate,
            settings=OpenAITTSService.Settings(model=models.tts, voice=models.voice),
        ),
    )


def create_transport(room_url: str, token: str | None, bot_name: str, *, sample_rate: int) -> DailyTransport:
    """The agent's seat in the Tavus room. Audio out stays off: the replica speaks, the agent only listens."""
    params = DailyParams(
        audio_in_enabled=True,
        audio_out_enabled=False,
        camera_out_enabled=False,
        audio_out_sample_rate=sample_rate,
    )
    return DailyTransport(room_url, token, bot_name, params)


def create_context_aggregators(*, vad: bool = True) -> LLMContextAggregatorPair:
    """The shared LLM context; Silero VAD decides when the human has finished speaking."""
    user_params = LLMUserAggregatorParams(vad_analyzer=SileroVADAnalyzer()) if vad else LLMUserAggregatorParams()
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
