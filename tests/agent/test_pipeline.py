"""The pipeline factory: real services and a real Daily transport, assembled offline (nothing connects)."""

from __future__ import annotations

import pytest
from pipecat.services.openai.stt import OpenAIRealtimeSTTService
from pipecat.transports.daily.transport import DailyTransport

from agent.config import ConfigError, Models
from agent.echo import TavusEchoSender
from agent.listening import HumanAudioOnly
from agent.pipeline import build_pipeline, create_context_aggregators, create_services, create_transport


def test_the_pipeline_runs_stt_llm_tts_then_echo_between_the_room_edges() -> None:
    services = create_services(Models(), "sk-offline", sample_rate=24000)
    transport = create_transport("https://tavus.daily.co/c123", "token", "agent", sample_rate=24000)
    echo = TavusEchoSender("c123", sample_rate=24000)
    listener = HumanAudioOnly(lambda _participant_id: True)
    pipeline = build_pipeline(transport, services, echo, create_context_aggregators(), listener)
    names = [type(p).__name__ for p in pipeline.processors]
    assert names == [
        "PipelineSource",
        "DailyInputTransport",
        "HumanAudioOnly",
        "OpenAISTTService",
        "LLMUserAggregator",
        "OpenAILLMService",
        "OpenAITTSService",
        "TavusEchoSender",
        "DailyOutputTransport",
        "LLMAssistantAggregator",
        "PipelineSink",
    ]
    assert pipeline.processors[2] is listener
    assert pipeline.processors[7] is echo


def test_models_and_rates_reach_the_services_and_the_transport() -> None:
    models = Models(stt="whisper-1", llm="gpt-4.1", tts="tts-1", voice="nova")
    services = create_services(models, "sk-offline", sample_rate=16000)
    assert services.stt._settings.model == "whisper-1"
    assert services.llm._settings.model == "gpt-4.1"
    assert services.tts._settings.model == "tts-1"
    assert services.tts._settings.voice == "nova"
    transport = create_transport("https://tavus.daily.co/c1", None, "Front desk", sample_rate=16000)
    assert isinstance(transport, DailyTransport)
    assert transport._params.audio_out_enabled is False  # the replica is the voice, not the agent
    assert transport._params.audio_in_enabled is True
    assert transport._params.audio_out_sample_rate == 16000


def test_the_lower_latency_switches_configure_pipecat_services(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
    models = Models(stt="gpt-realtime-whisper", stt_service="openai-realtime", turn_detection="speech-timeout")
    services = create_services(models, "sk-offline", sample_rate=24000)
    assert isinstance(services.stt, OpenAIRealtimeSTTService)
    assert services.stt._base_url == "ws://127.0.0.1:9/v1/realtime"
    assert services.stt._settings.model == "gpt-realtime-whisper"
    aggregators = create_context_aggregators(turn_detection="speech-timeout")
    strategies = aggregators.user()._params.user_turn_strategies
    assert [type(s).__name__ for s in strategies.stop] == ["SpeechTimeoutUserTurnStopStrategy"]
    default = create_context_aggregators()
    assert default.user()._params.user_turn_strategies is None  # pipecat's default: its smart-turn model


def test_an_unknown_switch_value_is_refused() -> None:
    with pytest.raises(ConfigError, match="stt_service must be one of openai, openai-realtime, not 'deepgram'"):
        Models(stt_service="deepgram")
