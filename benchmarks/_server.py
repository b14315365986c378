"""A canned-response Tavus v2 server on raw asyncio, for client benchmarks.

    python benchmarks/_server.py [--port 0] [--lifetime 900]

Prints the port it listens on (one line, to stdout), then answers HTTP/1.1 keep-alive requests on 127.0.0.1:

- ``GET /v2/personas/{id}``: a ~1 KB persona;
- ``POST /v2/conversations``: an active conversation;
- anything else: 404; a request without ``x-api-key``: 401.

Bodies are prepared once, so the server costs next to nothing per request and the client is what gets
measured. It exits on SIGTERM, when its stdin reaches end of file (the parent went away), or after
``--lifetime`` seconds, whichever comes first. SIGINT is ignored: the parent decides when it stops.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import signal
import stat
import sys
from functools import lru_cache
from urllib.parse import unquote

CREATED_AT = "2026-11-21T09:14:03.512871Z"
UPDATED_AT = "2026-11-21T09:20:47.004113Z"

_MAX_HEADER_BYTES = 64 * 1024
_MAX_BODY_BYTES = 1024 * 1024


def persona(persona_id: str) -> dict[str, object]:
    return {
        "persona_id": persona_id,
        "persona_name": "Benchmark Concierge",
        "pipeline_mode": "full",
        "system_prompt": (
            "You are a friendly concierge for a boutique hotel. Answer questions about rooms, dining "
            "and local sights in under three sentences."
        ),
        "context": "The hotel has 42 rooms, a rooftop bar open 17:00-23:00 and breakfast 07:00-10:30.",
        "default_replica_id": "r79e1c033f",
        "layers": {
            "llm": {"model": "tavus-gpt-oss", "speculative_inference": True, "tools": []},
            "tts": {
                "tts_engine": "cartesia",
                "external_voice_id": "a0e99841-438c-4a64-b679-ae501e7d6091",
                "tts_model_name": "sonic",
                "tts_emotion_control": True,
                "voice_settings": {"speed": "normal", "emotion": ["positivity:high"]},
            },
            "stt": {"stt_engine": "tavus-advanced", "hotwords": "Tavus, concierge"},
            "perception": {
                "perception_model": "raven-0",
                "ambient_awareness_queries": ["Is the guest holding a room key?"],
                "perception_analysis_queries": [],
                "perception_tool_prompt": "",
                "perception_tools": [],
            },
            "conversational_flow": {
                "turn_detection_model": "sparrow-1",
                "turn_taking_patience": "medium",
                "replica_interruptibility": "medium",
            },
        },
        "created_at": CREATED_AT,
        "updated_at": UPDATED_AT,
    }


CONVERSATION = {
    "conversation_id": "c123456789abcdef",
    "conversation_name": "Benchmark call",
    "conversation_url": "https://tavus.daily.co/c123456789abcdef",
    "status": "active",
    "callback_url": "",
    "created_at": CREATED_AT,
}


def _response(status: str, body: bytes, close: bool = False) -> bytes:
    head = (
        f"HTTP/1.1 {status}\r\n"
        "content-type: application/json\r\n"
        f"content-length: {len(body)}\r\n"
        f"connection: {'close' if close else 'keep-alive'}\r\n"
        "\r\n"
    )
    return head.encode("ascii") + body


def _json(value: object) -> bytes:
    return json.dumps(value, separators=(",", ":")).encode()


@lru_cache(maxsize=256)
def _persona_response(persona_id: str) -> bytes:
    return _response("200 OK", _json(persona(persona_id)))


_CONVERSATION_RESPONSE = _response("200 OK", _json(CONVERSATION))
_NOT_FOUND = _response("404 Not Found", _json({"error": "Not found"}))
_UNAUTHORIZED = _response("401 Unauthorized", _json({"message": "Invalid access token"}))
_BAD_REQUEST = _response("400 Bad Request", _json({"error": "Malformed request"}), close=True)


def route(method: str, target: str, headers: dict[str, str], body: bytes) -> bytes:
    if "x-api-key" not in headers:
        return _UNAUTHORIZED
    path = target.split("?", 1)[0]
    if method == "GET" and path.startswith("/v2/personas/"):
        persona_id = unquote(path[len("/v2/personas/") :])
        if persona_id and "/" not in persona_id:
            return _persona_response(persona_id)
    elif method == "POST" and path == "/v2/conversations" and body:
        return _CONVERSATION_RESPONSE
    return _NOT_FOUND


async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while True:
            try:
                head = await reader.readuntil(b"\r\n\r\n")
            except asyncio.LimitOverrunError:
                writer.write(_BAD_REQUEST)
                return
            lines = head.decode("latin-1").split("\r\n")
            parts = lines[0].split(" ")
            if len(parts) != 3 or not parts[2].startswith("HTTP/1."):
                writer.write(_BAD_REQUEST)
                return
            method, target, version = parts
            headers: dict[str, str] = {}
            for line in lines[1:]:
                if line:
                    name, _, value = line.partition(":")
                    headers[name.strip().lower()] = value.strip()
            length = int(headers.get("content-length") or 0)
            if length < 0 or length > _MAX_BODY_BYTES:
                writer.write(_BAD_REQUEST)
                return
            body = await reader.readexactly(length) if length else b""
            writer.write(route(method, target, headers, body))
            connection = headers.get("connection", "").lower()
            if connection == "close" or (version == "HTTP/1.0" and connection != "keep-alive"):
                return
            if writer.transport.get_write_buffer_size() > 256 * 1024:
                await writer.drain()
    except (asyncio.IncompleteReadError, ConnectionError, ValueError):
        pass
    finally:
        writer.close()
        with contextlib.suppress(Exception):
            await writer.wait_closed()


async def parent_gone() -> None:
    """Returns when stdin reaches end of file (the benchmark closed it or died)."""
    try:
        is_pipe = stat.S_ISFIFO(os.fstat(sys.stdin.fileno()).st_mode)
    except (OSError, ValueError, AttributeError):
        is_pipe = False
    if not is_pipe:
        await asyncio.Event().wait()  # not started by the benchmark: rely on SIGTERM and the lifetime
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    while await reader.read(4096):
        pass


async def serve(port: int, lifetime: float) -> None:
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    server = await asyncio.start_server(handle, "127.0.0.1", port, limit=_MAX_HEADER_BYTES, backlog=256)
    print(server.sockets[0].getsockname()[1], flush=True)
    watchers = [asyncio.ensure_future(stop.wait()), asyncio.ensure_future(parent_gone())]
    async with server:
        await asyncio.wait(watchers, timeout=lifetime, return_when=asyncio.FIRST_COMPLETED)
    for task in watchers:
        task.cancel()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=0, help="0 (default) picks a free port")
    parser.add_argument("--lifetime", type=float, default=900.0, help="exit after this many seconds at most")
    args = parser.parse_args()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    asyncio.run(serve(args.port, args.lifetime))


if __name__ == "__main__":
    main()
