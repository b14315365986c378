"""A local OpenAI for the real pipecat OpenAI services: ``/models``, transcriptions, chat completions and speech.

It serves on 127.0.0.1 (``base_url`` ends in ``/v1``, as ``OPENAI_BASE_URL`` does) and records every request. It
transcribes by recognising the clips it was told about: a request's audio is compared with each known clip by
normalised cross-correlation, and the best match above a threshold gives that clip's name as the text. So a test
can tell from the requests alone whose voice reached speech-to-text.

``fail`` makes an endpoint answer an HTTP error, as OpenAI does for a revoked key or an unknown model.
"""

from __future__ import annotations

import asyncio
import io
import json
import socket
import threading
import time
import wave
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

GOOD_KEY = "sk-fake-openai"
SPEECH_RATE = 24000
MATCH_THRESHOLD = 0.6


@dataclass
class Transcription:
    at: float
    audio: np.ndarray
    """16-bit samples as sent."""
    sample_rate: int
    text: str


@dataclass
class FakeOpenAI:
    clips: dict[str, tuple[np.ndarray, int]] = field(default_factory=dict)
    """Name -> (16-bit samples, sample rate) of each voice a transcription may carry."""
    reply: str = "Hello there."
    speech_seconds: float = 0.2
    """Audio per reply sentence the speech endpoint returns."""
    tool_call: str | None = None
    """Answer a user turn by calling this tool (when the request offers it) instead of with ``reply``."""
    fail: dict[str, int] = field(default_factory=dict)
    """Endpoint ("models", "stt", "llm", "tts") -> the HTTP status it answers instead."""
    transcriptions: list[Transcription] = field(default_factory=list)
    chats: list[tuple[float, dict[str, Any]]] = field(default_factory=list)
    speeches: list[tuple[float, str]] = field(default_factory=list)
    tool_calls_answered: list[tuple[float, str]] = field(default_factory=list)
    """When each tool-call answer finished streaming, and the tool."""
    model_checks: list[str] = field(default_factory=list)
    base_url: str = ""

    def app(self) -> Starlette:
        return Starlette(
            routes=[
                Route("/v1/models", self._models, methods=["GET"]),
                Route("/v1/audio/transcriptions", self._transcribe, methods=["POST"]),
                Route("/v1/chat/completions", self._chat, methods=["POST"]),
                Route("/v1/audio/speech", self._speech, methods=["POST"]),
            ]
        )

    def texts(self) -> list[str]:
        return [t.text for t in self.transcriptions]

    def _refusal(self, endpoint: str, request: Request) -> Response | None:
        status = self.fail.get(endpoint)
        if status is None and request.headers.get("authorization") != f"Bearer {GOOD_KEY}":
            status = 401
        if status is None:
            return None
        code = "invalid_api_key" if status == 401 else "model_not_found"
        body = {"error": {"message": f"refused by the fake ({status})", "type": "invalid_request_error", "code": code}}
        return JSONResponse(body, status_code=status)

    async def _models(self, request: Request) -> Response:
        self.model_checks.append(request.headers.get("authorization", ""))
        refusal = self._refusal("models", request)
        return refusal or JSONResponse({"object": "list", "data": [{"id": "gpt-4.1-mini", "object": "model"}]})

    async def _transcribe(self, request: Request) -> Response:
        body = await request.body()
        refusal = self._refusal("stt", request)
        if refusal is not None:
            return refusal
        samples, rate = _wav_in(body)
        text = self.recognise(samples, rate)
        self.transcriptions.append(Transcription(time.monotonic(), samples, rate, text))
        return JSONResponse({"text": text})

    def recognise(self, samples: np.ndarray, rate: int) -> str:
        best, score = "", MATCH_THRESHOLD
        for name, (clip, clip_rate) in self.clips.items():
            if clip_rate == rate and (found := _correlation(samples, clip)) > score:
                best, score = name, found
        return best or "(unrecognised speech)"

    async def _chat(self, request: Request) -> Response:
        payload = await request.json()
        self.chats.append((time.monotonic(), payload))
        refusal = self._refusal("llm", request)
        if refusal is not None:
            return refusal
        tool = self._tool_to_call(payload)
        return StreamingResponse(self._chat_chunks(payload.get("model", ""), tool), media_type="text/event-stream")

    def _tool_to_call(self, payload: dict[str, Any]) -> str | None:
        messages = payload.get("messages") or [{}]
        offered = {t.get("function", {}).get("name") for t in payload.get("tools") or []}
        if self.tool_call in offered and messages[-1].get("role") == "user":
            return self.tool_call
        return None

    async def _chat_chunks(self, model: str, tool: str | None = None) -> AsyncIterator[bytes]:
        def chunk(delta: dict[str, Any], finish: str | None = None) -> bytes:
            choice = {"index": 0, "delta": delta, "finish_reason": finish}
            body = {"id": "chatcmpl-1", "object": "chat.completion.chunk", "created": 0, "model": model}
            return f"data: {json.dumps(body | {'choices': [choice]})}\n\n".encode()

        if tool is not None:
            call = {"index": 0, "id": f"call_{len(self.tool_calls_answered)}", "type": "function"}
            yield chunk({"role": "assistant", "tool_calls": [call | {"function": {"name": tool, "arguments": "{}"}}]})
            yield chunk({}, "tool_calls")
            yield b"data: [DONE]\n\n"
            self.tool_calls_answered.append((time.monotonic(), tool))
            return
        yield chunk({"role": "assistant", "content": ""})
        for word in self.reply.split(" "):
            yield chunk({"content": word + " "})
        yield chunk({}, "stop")
        yield b"data: [DONE]\n\n"

    async def _speech(self, request: Request) -> Response:
        payload = await request.json()
        self.speeches.append((time.monotonic(), payload.get("input", "")))
        refusal = self._refusal("tts", request)
        if refusal is not None:
            return refusal
        seconds = self.speech_seconds
        tone = (3000 * np.sin(np.arange(int(SPEECH_RATE * seconds)) * 2 * np.pi * 220 / SPEECH_RATE)).astype("<i2")
        return Response(tone.tobytes(), media_type="audio/pcm")


def _wav_in(body: bytes) -> tuple[np.ndarray, int]:
    """The WAV file inside a multipart body (pipecat sends ``audio.wav``)."""
    start = body.find(b"RIFF")
    if start < 0:
        return np.zeros(0, dtype="<i2"), 16000
    with wave.open(io.BytesIO(body[start:])) as wav:
        return np.frombuffer(wav.readframes(wav.getnframes()), dtype="<i2"), wav.getframerate()


def _correlation(audio: np.ndarray, clip: np.ndarray) -> float:
    """Peak normalised cross-correlation of ``clip`` within ``audio`` (1.0: the clip is in there untouched)."""
    c = clip.astype(np.float64)
    a = np.concatenate([np.zeros(len(c)), audio.astype(np.float64), np.zeros(len(c))])
    if not c.any() or not a.any():
        return 0.0
    size = 1 << int(np.ceil(np.log2(len(a) + len(c))))
    lags = len(a) - len(c) + 1
    corr = np.fft.irfft(np.fft.rfft(a, size) * np.conj(np.fft.rfft(c, size)), size)[:lags]
    squares = np.concatenate([[0.0], np.cumsum(a * a)])
    energy = squares[len(c) : len(c) + lags] - squares[:lags]
    score = corr / np.sqrt(np.maximum(energy, 1e-9) * float(c @ c))
    return float(np.max(np.where(energy > 1e-3 * float(c @ c), score, 0.0)))


@contextmanager
def serve_openai(fake: FakeOpenAI) -> Iterator[FakeOpenAI]:
    """Serve ``fake`` on a free 127.0.0.1 port in a thread; ``fake.base_url`` is set while it runs."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    config = uvicorn.Config(fake.app(), log_level="error", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=lambda: asyncio.run(server.serve(sockets=[sock])), daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert time.monotonic() < deadline, "the fake OpenAI server did not start"
        time.sleep(0.01)
    fake.base_url = f"http://127.0.0.1:{sock.getsockname()[1]}/v1"
    try:
        yield fake
    finally:
        server.should_exit = True
        thread.join(timeout=5)
        sock.close()
