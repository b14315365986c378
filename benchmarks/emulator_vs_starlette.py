"""Throughput of the served Tavus emulator against a bare starlette app answering the same two routes.

    uv run python benchmarks/emulator_vs_starlette.py            # full run, about 20 s on 2 cores
    uv run python benchmarks/emulator_vs_starlette.py --quick    # smoke test, a few seconds
    uv run python benchmarks/emulator_vs_starlette.py --json     # table on stderr, one JSON line on stdout

Two servers, each in its own process on a free 127.0.0.1 port, served by uvicorn with the same settings
(asyncio loop, h11, no access log, no lifespan):

- **emulator**: ``TavusEmulator(limits=Limits(max_concurrent_conversations=None))`` on a running clock, the app
  ``python -m tavus_sdk.testing`` serves (auth, routing, spec validation, lifecycle tickers, the route handler);
- **bare**: a starlette app that checks for ``x-api-key``, parses the POST body as JSON and answers canned JSON of
  the same shape and size (a persona for ``GET /v2/personas/{id}``, an active conversation for
  ``POST /v2/conversations``): the floor that uvicorn + starlette cost on this machine.

Both stay up for the whole run; only one is ever under load. The client (a raw asyncio HTTP/1.1 keep-alive client
by default, since httpx is slower than the bare server; ``--client httpx`` for httpx) runs in this process. Each
workload (GET persona or POST conversation, sequential or N connections) warms both servers up, then times blocks
in ABBA order (bare, emulator / emulator, bare / ...). The emulator's state is reset before each of its blocks,
outside the timing, so every block starts from the stock data (``--stored N`` adds N conversations first); a POST
block grows the conversation table by one record per request, as a test run would. Reported: the median requests
per second of each server, their ratio emulator / bare, the spread of the per-pair ratios, and each server
process's CPU time per request (``time.process_time`` read through ``GET /_bench/cpu``, a route both apps get from
the same wrapper). Numbers only; nothing passes or fails. See README.md in this folder.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import json
import os
import platform
import signal
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from _child import child_server  # this script runs from benchmarks/, next to _child.py and _server.py
from _server import parent_gone

API_KEY = "tvs-benchmark-key"
PERSONA_ID = "pdced222244b"  # a stock persona
REPLICA_ID = "r79e1c033f"  # a stock replica, ready
CONVERSATION_BODY = {"replica_id": REPLICA_ID, "persona_id": PERSONA_ID}
SERVERS = ("bare", "emulator")
CPU_PATH = "/_bench/cpu"

# The bare app's canned answers: the shapes and sizes of the emulator's (434 and ~344 bytes of JSON).
CANNED_PERSONA: dict[str, Any] = {
    "persona_id": PERSONA_ID,
    "persona_name": "Sales Coach",
    "pipeline_mode": "full",
    "system_prompt": "You are Sales Coach, a stock Tavus persona.",
    "context": "",
    "default_replica_id": "rfe12d8b9597",
    "layers": {
        "llm": {"model": "tavus-gpt-4o"},
        "tts": {"tts_engine": "cartesia"},
        "perception": {"perception_model": "raven-0"},
        "stt": {"stt_engine": "tavus-advanced"},
    },
    "created_at": "2026-01-01T12:00:00.000000Z",
    "updated_at": "2026-01-01T12:00:00.000000Z",
}
CANNED_CONVERSATION: dict[str, Any] = {
    "conversation_id": "cd1c5f5272eeb5a0",
    "conversation_name": "New Conversation 1767268800000",
    "conversation_url": "https://tavus.daily.co/cd1c5f5272eeb5a0",
    "status": "active",
    "callback_url": "",
    "replica_id": REPLICA_ID,
    "persona_id": PERSONA_ID,
    "created_at": "2026-01-01T12:00:00.000000Z",
    "updated_at": "2026-01-01T12:00:00.000000Z",
    "ended_at": None,
}


# --- the server processes ----------------------------------------------------------------------------------------


def emulator_app() -> Any:
    from tavus_sdk.testing import Clock, Limits, TavusEmulator

    # What the served emulator runs (a running clock), without the concurrency limit so POSTs never hit a 400.
    emulator = TavusEmulator(clock=Clock(frozen=False), limits=Limits(max_concurrent_conversations=None))
    return emulator.app


def bare_app() -> Any:
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import JSONResponse, Response
    from starlette.routing import Route

    def dumps(value: object) -> bytes:
        return json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode()

    personas: dict[str, bytes] = {}
    conversation = dumps(CANNED_CONVERSATION)
    unauthorized = {"message": "Missing API key: send it in the x-api-key header"}

    async def get_persona(request: Request) -> Response:
        if not request.headers.get("x-api-key"):
            return JSONResponse(unauthorized, status_code=401)
        persona_id = request.path_params["persona_id"]
        body = personas.get(persona_id)
        if body is None:
            body = personas[persona_id] = dumps({**CANNED_PERSONA, "persona_id": persona_id})
        return Response(body, media_type="application/json")

    async def create_conversation(request: Request) -> Response:
        if not request.headers.get("x-api-key"):
            return JSONResponse(unauthorized, status_code=401)
        await request.json()  # the emulator parses and validates the body; parse it here too
        return Response(conversation, media_type="application/json")

    return Starlette(
        routes=[
            Route("/v2/personas/{persona_id}", get_persona, methods=["GET"]),
            Route("/v2/conversations", create_conversation, methods=["POST"]),
        ]
    )


class CpuProbe:
    """Wraps either app the same way: ``GET /_bench/cpu`` answers the server process's CPU seconds so far
    (``time.process_time``), everything else goes to the app. The cost is one string comparison per request."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope["path"] == CPU_PATH:
            body = repr(time.process_time()).encode()
            headers = [(b"content-type", b"text/plain"), (b"content-length", str(len(body)).encode())]
            await send({"type": "http.response.start", "status": 200, "headers": headers})
            await send({"type": "http.response.body", "body": body})
            return
        await self.app(scope, receive, send)


async def serve(kind: str, lifetime: float) -> None:
    """Serve one app on a free port, print the port, stop when stdin closes, on SIGTERM or after ``lifetime``."""
    import uvicorn

    app = CpuProbe(emulator_app() if kind == "emulator" else bare_app())
    # The same settings for both apps; keep-alive outlasts the other server's blocks, when these connections idle.
    config = uvicorn.Config(
        app,
        loop="asyncio",
        http="h11",
        ws="none",
        lifespan="off",
        log_level="warning",
        access_log=False,
        timeout_keep_alive=300,
        backlog=512,
    )
    server = uvicorn.Server(config)
    # IPPROTO_TCP explicitly: asyncio sets TCP_NODELAY only on sockets that say they are TCP, and the accepted
    # connections inherit this one's protocol (without it every response waits ~40 ms for a delayed ACK).
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    serving = asyncio.ensure_future(server.serve(sockets=[sock]))
    while not server.started:
        if serving.done():
            await serving  # surfaces a start-up error
            return
        await asyncio.sleep(0.01)
    print(sock.getsockname()[1], flush=True)
    watcher = asyncio.ensure_future(parent_gone())
    await asyncio.wait([watcher, serving], timeout=lifetime, return_when=asyncio.FIRST_COMPLETED)
    server.should_exit = True
    watcher.cancel()
    await serving


@dataclass
class ServerProcess:
    kind: str
    port: int
    proc: subprocess.Popen[bytes]
    _probe: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None

    async def cpu_seconds(self) -> float:
        """The server process's CPU time so far, over a keep-alive connection of its own."""
        if self._probe is None:
            self._probe = await asyncio.open_connection("127.0.0.1", self.port)
        reader, writer = self._probe
        writer.write(f"GET {CPU_PATH} HTTP/1.1\r\nhost: 127.0.0.1:{self.port}\r\n\r\n".encode())
        return float(await read_response(reader))

    async def aclose(self) -> None:
        if self._probe is not None:
            await close_stream(self._probe[1])
            self._probe = None


@contextlib.contextmanager
def running_server(kind: str, lifetime: float, start_timeout: float = 30.0) -> Iterator[ServerProcess]:
    """Start this script in ``--serve`` mode in a new process; stop it on the way out, whatever happens."""
    argv = [sys.executable, __file__, "--serve", kind, "--lifetime", str(lifetime)]
    child = child_server(argv, f"{kind} server", str.isdigit, start_timeout=start_timeout, stop_grace=5.0)
    with child as (proc, line):
        yield ServerProcess(kind, int(line), proc)


# --- the clients -------------------------------------------------------------------------------------------------


async def read_response(reader: asyncio.StreamReader) -> bytes:
    """The body of one HTTP/1.1 response, which must be a 200 with a content-length."""
    head = await reader.readuntil(b"\r\n\r\n")
    if head[9:12] != b"200":
        raise RuntimeError(f"unexpected response: {head[:120]!r}")
    start = head.lower().find(b"\r\ncontent-length:")
    if start < 0:
        raise RuntimeError(f"response without content-length: {head[:200]!r}")
    length = int(head[start + 17 : head.index(b"\r\n", start + 2)])
    return await reader.readexactly(length)


async def close_stream(writer: asyncio.StreamWriter) -> None:
    writer.close()
    with contextlib.suppress(Exception):
        await writer.wait_closed()


class RawClient:
    """HTTP/1.1 keep-alive over asyncio streams, one connection per worker: requests are prepared once and a
    response is read by its content-length, so the client costs far less than either server."""

    def __init__(self, port: int, connections: int) -> None:
        self._port = port
        self._size = connections
        self._streams: list[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = []
        host = f"127.0.0.1:{port}"
        body = json.dumps(CONVERSATION_BODY).encode()
        self._get = (
            f"GET /v2/personas/{PERSONA_ID} HTTP/1.1\r\nhost: {host}\r\nx-api-key: {API_KEY}\r\n"
            "accept: application/json\r\n\r\n"
        ).encode()
        self._post = (
            f"POST /v2/conversations HTTP/1.1\r\nhost: {host}\r\nx-api-key: {API_KEY}\r\n"
            f"accept: application/json\r\ncontent-type: application/json\r\ncontent-length: {len(body)}\r\n\r\n"
        ).encode() + body

    async def open(self) -> None:
        for _ in range(self._size):
            self._streams.append(await asyncio.open_connection("127.0.0.1", self._port))

    async def _exchange(self, worker: int, request: bytes) -> bytes:
        reader, writer = self._streams[worker]
        writer.write(request)
        return await read_response(reader)

    async def get_persona(self, worker: int = 0) -> bytes:
        return await self._exchange(worker, self._get)

    async def create_conversation(self, worker: int = 0) -> bytes:
        return await self._exchange(worker, self._post)

    async def aclose(self) -> None:
        for _, writer in self._streams:
            await close_stream(writer)
        self._streams.clear()


class HttpxClient:
    """One ``httpx.AsyncClient`` shared by every worker, as an application would use it."""

    def __init__(self, port: int, connections: int) -> None:
        import httpx

        del connections  # httpx's pool opens what the workers need
        self._client = httpx.AsyncClient(
            base_url=f"http://127.0.0.1:{port}/v2", headers={"x-api-key": API_KEY}, timeout=60.0
        )

    async def open(self) -> None:
        pass

    async def get_persona(self, worker: int = 0) -> bytes:
        r = await self._client.get(f"/personas/{PERSONA_ID}")
        r.raise_for_status()
        return r.content

    async def create_conversation(self, worker: int = 0) -> bytes:
        r = await self._client.post("/conversations", json=CONVERSATION_BODY)
        r.raise_for_status()
        return r.content

    async def aclose(self) -> None:
        await self._client.aclose()


Client = RawClient | HttpxClient
Call = Callable[[int], Awaitable[bytes]]


def check(kind: str, persona: bytes, conversation: bytes) -> None:
    """Both servers must answer what the benchmark claims they answer."""
    p, c = json.loads(persona), json.loads(conversation)
    if p.get("persona_id") != PERSONA_ID or not isinstance(p.get("layers"), dict):
        raise RuntimeError(f"{kind}: unexpected persona {p!r}")
    if c.get("status") != "active" or not c.get("conversation_id") or c.get("persona_id") != PERSONA_ID:
        raise RuntimeError(f"{kind}: unexpected conversation {c!r}")


async def reset_emulator(port: int) -> None:
    """Back to the stock data (the emulator's admin route), on a connection of its own."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(f"POST /_emulator/reset HTTP/1.1\r\nhost: 127.0.0.1:{port}\r\ncontent-length: 0\r\n\r\n".encode())
        await read_response(reader)
    finally:
        await close_stream(writer)


# --- the workloads -----------------------------------------------------------------------------------------------


async def run_requests(call: Call, n: int, workers: int) -> None:
    """``workers`` tasks (one connection each) take the next request number until ``n`` are done."""
    numbers = iter(range(n))

    async def worker(index: int) -> None:
        for _ in numbers:
            await call(index)

    await asyncio.gather(*(worker(i) for i in range(workers)))


@dataclass
class Workload:
    name: str
    key: str
    route: str  # "get" or "post"
    requests: int
    workers: int


@dataclass(frozen=True)
class Measurement:
    rate: float
    """Requests per second, wall clock."""
    server_cpu_us: float
    """CPU time of the server process per request, in microseconds."""
    client_cpu_us: float


@dataclass
class Result:
    workload: Workload
    bare: list[Measurement] = field(default_factory=list)
    emulator: list[Measurement] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        base = [m.rate for m in self.bare]
        emu = [m.rate for m in self.emulator]
        ratios = [e / b for b, e in zip(base, emu, strict=True)]
        bare_cpu = statistics.median(m.server_cpu_us for m in self.bare)
        emu_cpu = statistics.median(m.server_cpu_us for m in self.emulator)
        out: dict[str, Any] = {
            "requests_per_block": self.workload.requests,
            "concurrency": self.workload.workers,
            "pairs": len(ratios),
            "bare_rps_median": round(statistics.median(base), 1),
            "emulator_rps_median": round(statistics.median(emu), 1),
            "ratio": round(statistics.median(emu) / statistics.median(base), 3),
            "pair_ratio_min": round(min(ratios), 3),
            "pair_ratio_max": round(max(ratios), 3),
            "bare_server_cpu_us": round(bare_cpu, 1),
            "emulator_server_cpu_us": round(emu_cpu, 1),
            "server_cpu_ratio": round(emu_cpu / bare_cpu, 3),
            "bare_client_cpu_us": round(statistics.median(m.client_cpu_us for m in self.bare), 1),
            "emulator_client_cpu_us": round(statistics.median(m.client_cpu_us for m in self.emulator), 1),
            "bare_rps": [round(x, 1) for x in base],
            "emulator_rps": [round(x, 1) for x in emu],
        }
        return out


async def run_block(server: ServerProcess, call: Call, n: int, workers: int, limit: float) -> Measurement:
    gc.collect()  # the client starts every block with the same heap
    server_cpu = await server.cpu_seconds()
    wall, cpu = time.perf_counter(), time.process_time()
    async with asyncio.timeout(limit):
        await run_requests(call, n, workers)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    server_cpu = await server.cpu_seconds() - server_cpu
    return Measurement(rate=n / wall, server_cpu_us=server_cpu / n * 1e6, client_cpu_us=cpu / n * 1e6)


def make_client(kind: str, port: int, connections: int) -> Client:
    return HttpxClient(port, connections) if kind == "httpx" else RawClient(port, connections)


async def run_workload(
    workload: Workload,
    servers: dict[str, ServerProcess],
    args: argparse.Namespace,
    deadline: float,
    log: Callable[[str], None],
) -> Result:
    clients = {kind: make_client(args.client, servers[kind].port, workload.workers) for kind in SERVERS}
    calls: dict[str, Call] = {}
    result = Result(workload)
    try:
        for kind, client in clients.items():
            await client.open()
            check(kind, await client.get_persona(), await client.create_conversation())
            calls[kind] = client.get_persona if workload.route == "get" else client.create_conversation
            # Warm-up in the workload's shape: first-use costs, and every connection open and used.
            await run_requests(calls[kind], args.warmup, workload.workers)
        for pair in range(args.pairs):
            if time.monotonic() > deadline:
                log(f"  time limit reached after {pair} pair(s) of {workload.name}")
                break
            order = SERVERS if pair % 2 == 0 else SERVERS[::-1]
            got: dict[str, Measurement] = {}
            for kind in order:
                if kind == "emulator":
                    # Every block starts from the stock data, plus --stored conversations; outside the timing.
                    await reset_emulator(servers[kind].port)
                    await run_requests(clients[kind].create_conversation, args.stored, workload.workers)
                got[kind] = await run_block(
                    servers[kind], calls[kind], workload.requests, workload.workers, args.block_timeout
                )
            b, e = got["bare"], got["emulator"]
            result.bare.append(b)
            result.emulator.append(e)
            log(
                f"  {workload.name} pair {pair + 1}/{args.pairs} ({' then '.join(order)}): "
                f"bare {b.rate:,.0f} req/s {b.server_cpu_us:.0f} us server CPU, "
                f"emulator {e.rate:,.0f} req/s {e.server_cpu_us:.0f} us server CPU, ratio {e.rate / b.rate:.3f}"
            )
    finally:
        for client in clients.values():
            await client.aclose()
    if not result.bare:
        raise RuntimeError(f"no block of {workload.name} finished within the time limit")
    return result


# --- reporting ---------------------------------------------------------------------------------------------------


def environment() -> dict[str, Any]:
    import starlette
    import uvicorn

    return {
        "python": platform.python_version(),
        "uvicorn": uvicorn.__version__,
        "starlette": starlette.__version__,
        "cpus": os.cpu_count(),
        "platform": platform.platform(terse=True),
        "load_average": round(os.getloadavg()[0], 2),
    }


def table(results: list[Result], args: argparse.Namespace) -> str:
    env = environment()
    lines = [
        f"served emulator vs bare starlette (uvicorn, h11, one process each), {args.client} client; "
        "medians over ABBA blocks"
        + (f"; the emulator holds {args.stored:,} conversations at the start of each block" if args.stored else ""),
        f"Python {env['python']}, uvicorn {env['uvicorn']}, starlette {env['starlette']}, {env['cpus']} CPUs, "
        f"load average {env['load_average']:.2f}",
        "",
        f"{'':<33} {'':>5} {'':>9} {'requests/s':^37}  {'server CPU us/request':^24}",
        f"{'workload':<33} {'pairs':>5} {'req/block':>9} {'bare':>8} {'emulator':>8} {'ratio':>6} "
        f"{'pairs min-max':>12}  {'bare':>7} {'emulator':>8} {'ratio':>6}",
    ]
    for result in results:
        s = result.summary()
        cpu = f"{s['bare_server_cpu_us']:>7.0f} {s['emulator_server_cpu_us']:>8.0f} {s['server_cpu_ratio']:>5.2f}x"
        lines.append(
            f"{result.workload.name:<33} {s['pairs']:>5} {s['requests_per_block']:>9} "
            f"{s['bare_rps_median']:>8,.0f} {s['emulator_rps_median']:>8,.0f} {s['ratio']:>5.2f}x "
            f"{s['pair_ratio_min']:>6.2f}-{s['pair_ratio_max']:.2f}  {cpu}"
        )
    lines.append(
        "ratios are emulator / bare: below 1 the emulator answers fewer requests per second, "
        "above 1 it spends more server CPU per request"
    )
    return "\n".join(line.rstrip() for line in lines)


# --- main --------------------------------------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Requests per second of the served Tavus emulator relative to a bare starlette app (ABBA).",
    )
    parser.add_argument("--quick", action="store_true", help="smoke test: 2 pairs of small blocks")
    parser.add_argument("--pairs", type=int, help="ABBA pairs per workload (default 8; 2 with --quick)")
    parser.add_argument("--requests", type=int, help="requests per sequential block (default 1000; 200 with --quick)")
    parser.add_argument(
        "--concurrent-requests", type=int, help="requests per concurrent block (default 1000; 200 with --quick)"
    )
    parser.add_argument("--concurrency", type=int, default=16, help="connections in the concurrent workload (16)")
    parser.add_argument(
        "--warmup", type=int, help="warm-up requests per server and workload (default 300; 100 with --quick)"
    )
    parser.add_argument(
        "--route", choices=("both", "get", "post"), default="both", help="GET persona, POST conversation or both"
    )
    parser.add_argument(
        "--workload", choices=("both", "sequential", "concurrent"), default="both", help="which workloads to run"
    )
    parser.add_argument(
        "--stored",
        type=int,
        default=0,
        help="conversations the emulator holds at the start of each of its blocks (default 0: the stock data only)",
    )
    parser.add_argument(
        "--client",
        choices=("raw", "httpx"),
        default="raw",
        help="raw asyncio HTTP/1.1 (default; far cheaper than either server) or one httpx.AsyncClient",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON line on stdout (the table goes to stderr)")
    parser.add_argument(
        "--max-seconds", type=float, default=300.0, help="stop starting new pairs after this long (default 300)"
    )
    parser.add_argument("--block-timeout", type=float, default=60.0, help="abort a block after this long (default 60)")
    parser.add_argument("--serve", choices=SERVERS, help=argparse.SUPPRESS)
    parser.add_argument("--lifetime", type=float, default=900.0, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    defaults = (2, 200, 200, 100) if args.quick else (8, 1000, 1000, 300)
    args.pairs = args.pairs if args.pairs is not None else defaults[0]
    args.requests = args.requests if args.requests is not None else defaults[1]
    args.concurrent_requests = args.concurrent_requests if args.concurrent_requests is not None else defaults[2]
    args.warmup = args.warmup if args.warmup is not None else defaults[3]
    for name in ("pairs", "requests", "concurrent_requests", "concurrency", "warmup"):
        if getattr(args, name) < 1:
            parser.error(f"--{name.replace('_', '-')} must be at least 1")
    if args.stored < 0:
        parser.error("--stored must be at least 0")
    return args


def workloads(args: argparse.Namespace) -> list[Workload]:
    out = []
    for route, label in (("get", "GET persona"), ("post", "POST conversation")):
        if args.route not in ("both", route):
            continue
        if args.workload in ("both", "sequential"):
            out.append(Workload(f"{label}, sequential", f"{route}_sequential", route, args.requests, 1))
        if args.workload in ("both", "concurrent"):
            out.append(
                Workload(
                    f"{label}, {args.concurrency} concurrent",
                    f"{route}_concurrent",
                    route,
                    args.concurrent_requests,
                    args.concurrency,
                )
            )
    return out


async def benchmark(args: argparse.Namespace, log: Callable[[str], None]) -> list[Result]:
    deadline = time.monotonic() + args.max_seconds
    results = []
    with contextlib.ExitStack() as stack:
        servers = {kind: stack.enter_context(running_server(kind, lifetime=args.max_seconds + 300)) for kind in SERVERS}
        log(", ".join(f"{kind} on http://127.0.0.1:{server.port}/v2" for kind, server in servers.items()))
        try:
            for workload in workloads(args):
                results.append(await run_workload(workload, servers, args, deadline, log))
        finally:
            for server in servers.values():
                await server.aclose()
    return results


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.serve is not None:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when the server stops
        asyncio.run(serve(args.serve, args.lifetime))
        return 0
    out = sys.stderr if args.json else sys.stdout

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    try:
        results = asyncio.run(benchmark(args, log))
    except KeyboardInterrupt:
        log("interrupted; the servers have been stopped")
        return 130
    print(table(results, args), file=out, flush=True)
    if args.json:
        record = {
            "benchmark": "emulator_vs_starlette",
            "client": args.client,
            "quick": args.quick,
            "stored_conversations": args.stored,
            "environment": environment(),
            "workloads": {r.workload.key: r.summary() for r in results},
        }
        print(json.dumps(record), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
