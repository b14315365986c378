"""Four HTTP clients side by side: raw httpx, the SDK on httpx, the SDK on aiohttp, raw aiohttp.

    uv run python benchmarks/http_paths.py            # full run: GET persona and POST conversation, ~2 min on 2 cores
    uv run python benchmarks/http_paths.py --quick    # smoke test, about 15 s
    uv run python benchmarks/http_paths.py --json     # table on stderr, one JSON line on stdout

Every client talks to the raw asyncio server of ``_server.py`` (its own process, 127.0.0.1). For each call (GET
persona, POST conversation) and workload (sequential; N workers sharing one client) the four clients are made fresh,
checked and warmed up, then timed in rotating mirrored rounds (A B C D, D C B A, B C D A, A D C B, ...), so drift in
the machine favours none of them. Reported: each client's median requests per second and CPU per request, and three
ratios of medians from this one run: aiohttp path / raw aiohttp, aiohttp path / httpx path, httpx path / raw httpx.
Timings are printed, never asserted. Needs aiohttp (``uv sync --extra aiohttp``). See README.md in this folder.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import aiohttp
from sdk_vs_httpx import (  # this folder is on sys.path when run as a script
    API_KEY,
    CONVERSATION_BODY,
    PERSONA_ID,
    Block,
    Call,
    HttpxClient,
    Measurement,
    SdkClient,
    calls_for,
    concurrent_block,
    environment,
    run_block,
    running_server,
    sequential_block,
)

from tavus_sdk import DefaultAioHttpClient


class AiohttpClient:
    """What pipecat's ``TavusApi`` does: one ``aiohttp.ClientSession``, status check, JSON decode, no models."""

    label = "raw aiohttp"

    def __init__(self, base_url: str) -> None:
        # The SDK's timeouts (60 s, 10 s to connect) and aiohttp's default pool.
        self._session = aiohttp.ClientSession(
            headers={"x-api-key": API_KEY}, timeout=aiohttp.ClientTimeout(total=60, sock_connect=10)
        )
        self._persona_url = f"{base_url}/personas/{PERSONA_ID}"
        self._conversations_url = f"{base_url}/conversations"

    async def get_persona(self) -> Any:
        async with self._session.get(self._persona_url) as r:
            r.raise_for_status()
            return await r.json()

    async def create_conversation(self) -> Any:
        async with self._session.post(self._conversations_url, json=CONVERSATION_BODY) as r:
            r.raise_for_status()
            return await r.json()

    def check(self, persona: Any, conversation: Any) -> None:
        if persona.get("persona_id") != PERSONA_ID or conversation.get("status") != "active":
            raise RuntimeError(f"unexpected responses: {persona!r}, {conversation!r}")

    async def aclose(self) -> None:
        await self._session.close()


Client = HttpxClient | SdkClient | AiohttpClient
LABELS = ("raw httpx", "SDK httpx", "SDK aiohttp", "raw aiohttp")
RATIOS = (
    ("aiohttp path / raw aiohttp", "SDK aiohttp", "raw aiohttp"),
    ("aiohttp path / httpx path", "SDK aiohttp", "SDK httpx"),
    ("httpx path / raw httpx", "SDK httpx", "raw httpx"),
)


def make_clients(base_url: str) -> list[Client]:
    return [
        HttpxClient(base_url, "raw httpx"),
        SdkClient(base_url, "SDK httpx"),
        SdkClient(base_url, "SDK aiohttp", http_client=DefaultAioHttpClient()),
        AiohttpClient(base_url),
    ]


def rounds(clients: Sequence[Client], n: int) -> list[list[Client]]:
    """Mirrored rotations: each client runs first, last and in between equally often over every 2 x len rounds."""
    orders = []
    for i in range(n):
        shift = (i // 2) % len(clients)
        order = [*clients[shift:], *clients[:shift]]
        orders.append(order if i % 2 == 0 else order[::-1])
    return orders


@dataclass
class Row:
    mix: str
    workload: str
    requests: int
    workers: int
    got: dict[str, list[Measurement]] = field(default_factory=lambda: {label: [] for label in LABELS})

    def rate(self, label: str) -> float:
        return statistics.median(m.rate for m in self.got[label])

    def summary(self) -> dict[str, Any]:
        ratios = {}
        for name, top, bottom in RATIOS:
            per_round = [a.rate / b.rate for a, b in zip(self.got[top], self.got[bottom], strict=True)]
            ratios[name] = {
                "ratio": round(self.rate(top) / self.rate(bottom), 3),
                "round_min": round(min(per_round), 3),
                "round_max": round(max(per_round), 3),
            }
        return {
            "mix": self.mix,
            "workload": self.workload,
            "requests_per_block": self.requests,
            "concurrency": self.workers,
            "rounds": len(self.got[LABELS[0]]),
            "rps_median": {label: round(self.rate(label), 1) for label in LABELS},
            "cpu_us_median": {
                label: round(statistics.median(m.cpu_us for m in self.got[label]), 1) for label in LABELS
            },
            "ratios": ratios,
        }


async def measure(
    mix: str, name: str, block: Block, requests: int, workers: int, base_url: str, args: argparse.Namespace
) -> Row:
    clients = make_clients(base_url)
    row = Row(mix, name, requests, workers)
    calls: dict[str, Sequence[Call]] = {c.label: calls_for(c, mix) for c in clients}
    try:
        for client in clients:
            client.check(await client.get_persona(), await client.create_conversation())
            await run_block(block, calls[client.label], args.warmup, workers, args.block_timeout)
        for i, order in enumerate(rounds(clients, args.rounds)):
            for client in order:
                row.got[client.label].append(
                    await run_block(block, calls[client.label], requests, workers, args.block_timeout)
                )
            figures = ", ".join(f"{c.label} {row.got[c.label][-1].rate:,.0f}" for c in order)
            print(f"  {mix} {name} round {i + 1}/{args.rounds}: {figures} req/s", file=sys.stderr, flush=True)
    finally:
        for client in clients:
            await client.aclose()
    return row


def table(rows: list[Row]) -> str:
    env = environment()
    lines = [
        "Four HTTP clients against _server.py (raw asyncio, 127.0.0.1); medians over mirrored rounds in one run",
        f"Python {env['python']}, httpx {env['httpx']}, aiohttp {aiohttp.__version__}, pydantic {env['pydantic']}, "
        f"{env['cpus']} CPUs, load average {env['load_average']:.2f}",
        "",
        "| call | workload | "
        + " | ".join(f"{label} req/s" for label in LABELS)
        + " | "
        + " | ".join(name for name, _, _ in RATIOS)
        + " |",
        "|---|---|" + "---|" * (len(LABELS) + len(RATIOS)),
    ]
    for row in rows:
        s = row.summary()
        rates = " | ".join(f"{s['rps_median'][label]:,.0f}" for label in LABELS)
        ratios = " | ".join(
            f"**{r['ratio']:.2f}** ({r['round_min']:.2f}-{r['round_max']:.2f})"
            for r in (s["ratios"][name] for name, _, _ in RATIOS)
        )
        lines.append(f"| {row.mix} | {row.workload} | {rates} | {ratios} |")
    lines += ["", "client CPU us/request (the server runs in another process):", ""]
    lines.append("| call | workload | " + " | ".join(LABELS) + " |")
    lines.append("|---|---|" + "---|" * len(LABELS))
    for row in rows:
        cpu = row.summary()["cpu_us_median"]
        lines.append(f"| {row.mix} | {row.workload} | " + " | ".join(f"{cpu[label]:.0f}" for label in LABELS) + " |")
    lines.append("ratios: of median requests per second, with the min-max of the per-round ratios in brackets")
    return "\n".join(lines)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="raw httpx, SDK on httpx, SDK on aiohttp, raw aiohttp, one run.")
    parser.add_argument("--quick", action="store_true", help="smoke test: 2 rounds of small blocks")
    parser.add_argument("--rounds", type=int, help="rounds per row, each client once per round (default 6; 2 quick)")
    parser.add_argument("--requests", type=int, help="requests per sequential block (default 400; 100 quick)")
    parser.add_argument("--concurrent-requests", type=int, help="requests per concurrent block (default 1000; 200)")
    parser.add_argument("--concurrency", type=int, default=32, help="workers sharing one client (default 32)")
    parser.add_argument("--warmup", type=int, help="warm-up requests per client and row (default 200; 50 quick)")
    parser.add_argument("--mix", choices=("get", "post", "both"), default="both", help="which call (default both)")
    parser.add_argument(
        "--workload", choices=("both", "sequential", "concurrent"), default="both", help="which workloads to run"
    )
    parser.add_argument("--json", action="store_true", help="print one JSON line on stdout (the table goes to stderr)")
    parser.add_argument("--block-timeout", type=float, default=120.0, help="abort a block after this long")
    args = parser.parse_args(argv)
    defaults = (2, 100, 200, 50) if args.quick else (6, 400, 1000, 200)
    for name, default in zip(("rounds", "requests", "concurrent_requests", "warmup"), defaults, strict=True):
        if getattr(args, name) is None:
            setattr(args, name, default)
        if getattr(args, name) < 1:
            parser.error(f"--{name.replace('_', '-')} must be at least 1")
    return args


async def benchmark(args: argparse.Namespace) -> list[Row]:
    mixes = ("get", "post") if args.mix == "both" else (args.mix,)
    workloads: list[tuple[str, Block, int, int]] = []
    if args.workload in ("both", "sequential"):
        workloads.append(("sequential", sequential_block, args.requests, 1))
    if args.workload in ("both", "concurrent"):
        workloads.append(
            (f"{args.concurrency} in flight", concurrent_block, args.concurrent_requests, args.concurrency)
        )
    rows = []
    with running_server(lifetime=3600) as port:
        base_url = f"http://127.0.0.1:{port}/v2"
        for mix in mixes:
            for name, block, requests, workers in workloads:
                rows.append(await measure(mix, name, block, requests, workers, base_url, args))
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.monotonic()
    log: Callable[[str], None] = lambda message: print(message, file=sys.stderr, flush=True)  # noqa: E731
    try:
        rows = asyncio.run(benchmark(args))
    except KeyboardInterrupt:
        log("interrupted; the server has been stopped")
        return 130
    print(table(rows), file=sys.stderr if args.json else sys.stdout, flush=True)
    log(f"took {time.monotonic() - started:.0f} s")
    if args.json:
        record = {
            "benchmark": "http_paths",
            "quick": args.quick,
            "environment": {**environment(), "aiohttp": aiohttp.__version__},
            "rows": [row.summary() for row in rows],
        }
        print(json.dumps(record), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
