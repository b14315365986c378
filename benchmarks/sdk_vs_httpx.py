"""Throughput of ``tavus_sdk.AsyncTavus`` against raw ``httpx.AsyncClient`` making the same calls.

    uv run python benchmarks/sdk_vs_httpx.py            # full run, about 20 s on 2 cores
    uv run python benchmarks/sdk_vs_httpx.py --quick    # smoke test, a few seconds
    uv run python benchmarks/sdk_vs_httpx.py --json     # table on stderr, one JSON line on stdout

Both clients talk to the canned-response server in ``_server.py``, started in its own process on an
ephemeral 127.0.0.1 port so it shares neither the event loop nor the GIL with them. Each workload
(sequential, and N workers sharing one client) gets fresh clients, warms both up, then times blocks of
requests in ABBA order (httpx, SDK / SDK, httpx / ...). The figures are the median requests per second of
each client, their ratio (SDK / httpx, above 1 means the SDK is faster) and the spread of the ratios of
the blocks run back to back. See README.md in this folder.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import json
import os
import platform
import statistics
import sys
import time
from collections.abc import Awaitable, Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pydantic
from _child import child_server  # this folder is on sys.path when run as a script

from tavus_sdk import AsyncTavus
from tavus_sdk.types.conversation import Conversation
from tavus_sdk.types.persona import Persona

SERVER_SCRIPT = Path(__file__).with_name("_server.py")
API_KEY = "tvs-benchmark-key"
PERSONA_ID = "p1"
CONVERSATION_BODY = {"replica_id": "r1", "persona_id": "p1"}
# The SDK's default timeout, so both clients carry the same per-request settings.
TIMEOUT = httpx.Timeout(60.0, connect=10.0)
GATE = 0.85
"""The project's bar: sequential SDK throughput at least this fraction of raw httpx."""

Call = Callable[[], Awaitable[Any]]


# --- the server process ---------------------------------------------------------------------------------


@contextlib.contextmanager
def running_server(lifetime: float, start_timeout: float = 15.0) -> Iterator[int]:
    """Start ``_server.py`` in a new process and yield its port; stop it on the way out, whatever happens."""
    argv = [sys.executable, str(SERVER_SCRIPT), "--lifetime", str(lifetime)]
    with child_server(argv, "benchmark server", str.isdigit, start_timeout=start_timeout) as (_, line):
        yield int(line)


# --- the two clients --------------------------------------------------------------------------------------


class HttpxClient:
    """Baseline: what a caller writes without the SDK (status check, JSON decode, no models)."""

    def __init__(self, base_url: str, label: str = "httpx") -> None:
        self.label = label
        self._client = httpx.AsyncClient(headers={"x-api-key": API_KEY}, timeout=TIMEOUT)
        self._persona_url = f"{base_url}/personas/{PERSONA_ID}"
        self._conversations_url = f"{base_url}/conversations"

    async def get_persona(self) -> Any:
        r = await self._client.get(self._persona_url)
        r.raise_for_status()
        return r.json()

    async def create_conversation(self) -> Any:
        # json= sets content-type: application/json, as the SDK does for a body.
        r = await self._client.post(self._conversations_url, json=CONVERSATION_BODY)
        r.raise_for_status()
        return r.json()

    def check(self, persona: Any, conversation: Any) -> None:
        if persona.get("persona_id") != PERSONA_ID or conversation.get("status") != "active":
            raise RuntimeError(f"unexpected responses: {persona!r}, {conversation!r}")

    async def aclose(self) -> None:
        await self._client.aclose()


class SdkClient:
    """Contender: the SDK, returning validated pydantic models (over httpx, or the given http client)."""

    def __init__(self, base_url: str, label: str = "SDK", http_client: httpx.AsyncClient | None = None) -> None:
        self.label = label
        self._client = AsyncTavus(api_key=API_KEY, base_url=base_url, http_client=http_client)

    async def get_persona(self) -> Persona:
        return await self._client.personas.get(PERSONA_ID)

    async def create_conversation(self) -> Conversation:
        return await self._client.conversations.create(replica_id="r1", persona_id="p1")

    def check(self, persona: Any, conversation: Any) -> None:
        if not isinstance(persona, Persona) or persona.persona_id != PERSONA_ID:
            raise RuntimeError(f"unexpected persona: {persona!r}")
        if not isinstance(conversation, Conversation) or conversation.status != "active":
            raise RuntimeError(f"unexpected conversation: {conversation!r}")

    async def aclose(self) -> None:
        await self._client.close()


Client = HttpxClient | SdkClient


def calls_for(client: Client, mix: str) -> tuple[Call, ...]:
    if mix == "get":
        return (client.get_persona,)
    if mix == "post":
        return (client.create_conversation,)
    return (client.get_persona, client.create_conversation)


# --- the workloads ---------------------------------------------------------------------------------------


async def sequential_block(calls: Sequence[Call], n: int, workers: int) -> None:
    """One request at a time."""
    del workers
    k = len(calls)
    for i in range(n):
        await calls[i % k]()


async def concurrent_block(calls: Sequence[Call], n: int, workers: int) -> None:
    """``workers`` tasks sharing one client take the next request number until ``n`` are done."""
    k = len(calls)
    numbers = iter(range(n))  # shared: each worker takes the next number, so the mix stays exact

    async def worker() -> None:
        for i in numbers:
            await calls[i % k]()

    await asyncio.gather(*(worker() for _ in range(workers)))


Block = Callable[[Sequence[Call], int, int], Awaitable[None]]


@dataclass
class Workload:
    name: str
    key: str
    block: Block
    requests: int
    workers: int


@dataclass(frozen=True)
class Measurement:
    rate: float
    """Requests per second, wall clock."""
    cpu_us: float
    """CPU time of this process (the clients; the server runs elsewhere) per request, in microseconds."""


@dataclass
class Result:
    workload: Workload
    baseline: list[Measurement] = field(default_factory=list)
    contender: list[Measurement] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        base = [m.rate for m in self.baseline]
        cont = [m.rate for m in self.contender]
        ratios = [c / b for b, c in zip(base, cont, strict=True)]
        base_cpu = statistics.median(m.cpu_us for m in self.baseline)
        cont_cpu = statistics.median(m.cpu_us for m in self.contender)
        return {
            "requests_per_block": self.workload.requests,
            "concurrency": self.workload.workers,
            "pairs": len(ratios),
            "httpx_rps_median": round(statistics.median(base), 1),
            "sdk_rps_median": round(statistics.median(cont), 1),
            "ratio": round(statistics.median(cont) / statistics.median(base), 3),
            "pair_ratio_median": round(statistics.median(ratios), 3),
            "pair_ratio_min": round(min(ratios), 3),
            "pair_ratio_max": round(max(ratios), 3),
            "httpx_cpu_us_per_request": round(base_cpu, 1),
            "sdk_cpu_us_per_request": round(cont_cpu, 1),
            "cpu_ratio": round(base_cpu / cont_cpu, 3),
            "httpx_rps": [round(x, 1) for x in base],
            "sdk_rps": [round(x, 1) for x in cont],
        }


async def run_block(block: Block, calls: Sequence[Call], n: int, workers: int, limit: float) -> Measurement:
    gc.collect()  # start every block with the same heap; collections during the block are part of the cost
    wall, cpu = time.perf_counter(), time.process_time()
    async with asyncio.timeout(limit):
        await block(calls, n, workers)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    return Measurement(rate=n / wall, cpu_us=cpu / n * 1e6)


async def run_workload(
    workload: Workload, base_url: str, args: argparse.Namespace, deadline: float, log: Callable[[str], None]
) -> Result:
    baseline = HttpxClient(base_url)
    contender: Client = HttpxClient(base_url, "httpx#2") if args.control else SdkClient(base_url)
    clients = (baseline, contender)
    result = Result(workload)
    try:
        for client in clients:
            client.check(await client.get_persona(), await client.create_conversation())
            # Warm-up: connection set-up, first-use costs, and for the concurrent workload the pool at full size.
            await run_block(
                workload.block, calls_for(client, args.mix), args.warmup, workload.workers, args.block_timeout
            )
        for pair in range(args.pairs):
            if time.monotonic() > deadline:
                log(f"  time limit reached after {pair} pair(s) of {workload.name}")
                break
            order = clients if pair % 2 == 0 else clients[::-1]
            got: dict[str, Measurement] = {}
            for client in order:
                got[client.label] = await run_block(
                    workload.block, calls_for(client, args.mix), workload.requests, workload.workers, args.block_timeout
                )
            b, c = got[baseline.label], got[contender.label]
            result.baseline.append(b)
            result.contender.append(c)
            log(
                f"  {workload.name} pair {pair + 1}/{args.pairs} ({' then '.join(x.label for x in order)}): "
                f"httpx {b.rate:,.0f} req/s {b.cpu_us:.0f} us CPU, "
                f"{contender.label} {c.rate:,.0f} req/s {c.cpu_us:.0f} us CPU, ratio {c.rate / b.rate:.3f}"
            )
    finally:
        for client in clients:
            await client.aclose()
    if not result.baseline:
        raise RuntimeError(f"no block of {workload.name} finished within the time limit")
    return result


# --- reporting -------------------------------------------------------------------------------------------


def environment() -> dict[str, Any]:
    return {
        "python": platform.python_version(),
        "httpx": httpx.__version__,
        "pydantic": pydantic.VERSION,
        "cpus": os.cpu_count(),
        "platform": platform.platform(terse=True),
        "load_average": round(os.getloadavg()[0], 2),
    }


def table(results: list[Result], args: argparse.Namespace, contender: str) -> str:
    env = environment()
    mixes = {
        "alternate": "GET persona / POST conversation, alternating",
        "get": "GET persona",
        "post": "POST conversation",
    }
    lines = [
        f"{contender} vs httpx.AsyncClient: {mixes[args.mix]}; medians over ABBA blocks",
        f"Python {env['python']}, httpx {env['httpx']}, pydantic {env['pydantic']}, {env['cpus']} CPUs, "
        f"load average {env['load_average']:.2f}",
        "",
        f"{'':<16} {'':>5} {'':>9} {'requests/s':^34}  {'client CPU us/request':^22}",
        f"{'workload':<16} {'pairs':>5} {'req/block':>9} {'httpx':>7} {contender:>7} {'ratio':>6} "
        f"{'pairs min-max':>11}  {'httpx':>7} {contender:>7} {'ratio':>6}",
    ]
    for result in results:
        s = result.summary()
        lines.append(
            f"{result.workload.name:<16} {s['pairs']:>5} {s['requests_per_block']:>9} "
            f"{s['httpx_rps_median']:>7,.0f} {s['sdk_rps_median']:>7,.0f} {s['ratio']:>5.2f}x "
            f"{s['pair_ratio_min']:>6.2f}-{s['pair_ratio_max']:.2f}  "
            f"{s['httpx_cpu_us_per_request']:>7.0f} {s['sdk_cpu_us_per_request']:>7.0f} {s['cpu_ratio']:>5.2f}x"
        )
    lines.append(
        f"ratios: {contender}/httpx requests per second and httpx/{contender} CPU per request, "
        f"so above 1 means {contender} is faster"
    )
    gate = gate_result(results)
    if gate is not None:
        verdict = "PASS" if gate["pass"] else "FAIL"
        lines.append(f"gate: sequential {contender}/httpx >= {GATE}: {verdict} ({gate['ratio']:.3f})")
    return "\n".join(line.rstrip() for line in lines)


def gate_result(results: list[Result]) -> dict[str, Any] | None:
    for result in results:
        if result.workload.key == "sequential":
            ratio = result.summary()["ratio"]
            return {"threshold": GATE, "ratio": ratio, "pass": ratio >= GATE}
    return None


# --- main ------------------------------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Throughput of tavus_sdk.AsyncTavus relative to raw httpx.AsyncClient (same process, ABBA).",
    )
    parser.add_argument("--quick", action="store_true", help="smoke test: 2 pairs of small blocks")
    parser.add_argument("--pairs", type=int, help="ABBA pairs per workload (default 8; 2 with --quick)")
    parser.add_argument("--requests", type=int, help="requests per sequential block (default 500; 200 with --quick)")
    parser.add_argument(
        "--concurrent-requests", type=int, help="requests per concurrent block (default 1000; 400 with --quick)"
    )
    parser.add_argument("--concurrency", type=int, default=32, help="workers sharing one client (default 32)")
    parser.add_argument(
        "--warmup", type=int, help="warm-up requests per client and workload (default 300; 100 with --quick)"
    )
    parser.add_argument(
        "--mix",
        choices=("alternate", "get", "post"),
        default="alternate",
        help="alternate GET persona and POST conversation (default), or only one of them",
    )
    parser.add_argument(
        "--workload", choices=("both", "sequential", "concurrent"), default="both", help="which workloads to run"
    )
    parser.add_argument(
        "--control", action="store_true", help="A/A run: a second raw httpx client instead of the SDK (noise floor)"
    )
    parser.add_argument("--json", action="store_true", help="print one JSON line on stdout (the table goes to stderr)")
    parser.add_argument("--strict", action="store_true", help=f"exit with status 1 if the sequential ratio is < {GATE}")
    parser.add_argument(
        "--max-seconds", type=float, default=600.0, help="stop starting new pairs after this long (default 600)"
    )
    parser.add_argument(
        "--block-timeout", type=float, default=120.0, help="abort a block after this long (default 120)"
    )
    args = parser.parse_args(argv)
    defaults = (2, 200, 400, 100) if args.quick else (8, 500, 1000, 300)
    args.pairs = args.pairs if args.pairs is not None else defaults[0]
    args.requests = args.requests if args.requests is not None else defaults[1]
    args.concurrent_requests = args.concurrent_requests if args.concurrent_requests is not None else defaults[2]
    args.warmup = args.warmup if args.warmup is not None else defaults[3]
    for name in ("pairs", "requests", "concurrent_requests", "concurrency", "warmup"):
        if getattr(args, name) < 1:
            parser.error(f"--{name.replace('_', '-')} must be at least 1")
    return args


async def benchmark(args: argparse.Namespace, log: Callable[[str], None]) -> list[Result]:
    workloads = []
    if args.workload in ("both", "sequential"):
        workloads.append(Workload("sequential", "sequential", sequential_block, args.requests, 1))
    if args.workload in ("both", "concurrent"):
        workloads.append(
            Workload(
                f"concurrent ({args.concurrency})",
                "concurrent",
                concurrent_block,
                args.concurrent_requests,
                args.concurrency,
            )
        )
    deadline = time.monotonic() + args.max_seconds
    results = []
    with running_server(lifetime=args.max_seconds + 300) as port:
        base_url = f"http://127.0.0.1:{port}/v2"
        log(f"server on {base_url}")
        for workload in workloads:
            results.append(await run_workload(workload, base_url, args, deadline, log))
    return results


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    out = sys.stderr if args.json else sys.stdout

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    contender = "httpx#2" if args.control else "SDK"
    try:
        results = asyncio.run(benchmark(args, log))
    except KeyboardInterrupt:
        log("interrupted; the server has been stopped")
        return 130
    print(table(results, args, contender), file=out, flush=True)
    gate = gate_result(results)
    if args.json:
        record = {
            "benchmark": "sdk_vs_httpx",
            "contender": contender,
            "mix": args.mix,
            "quick": args.quick,
            "environment": environment(),
            "workloads": {r.workload.key: r.summary() for r in results},
            "gate": gate,
        }
        print(json.dumps(record), flush=True)
    if args.strict and gate is not None and not gate["pass"]:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
