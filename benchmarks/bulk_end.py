"""Bulk end: ``tavus conversations end --all-active`` against a sequential SDK loop, at the same server latency.

    uv run python benchmarks/bulk_end.py             # 100 conversations, 100 ms per request, 5 rounds
    uv run python benchmarks/bulk_end.py --quick     # 2 rounds, default concurrency only
    uv run python benchmarks/bulk_end.py --json      # table on stderr, one JSON line with the figures on stdout

The emulator is served on 127.0.0.1 in its own process (``tavus_sdk.testing``'s server, with no cap on active
conversations) and a fault that delays every API request by ``--latency`` seconds. Each measurement starts from
a reset emulator holding ``--conversations`` active conversations, and times one of:

- **sequential**: the SDK in this process lists the active conversations (pages of 100, as the CLI asks) and
  then ends them one by one; client creation included, process start not;
- **cli N**: the ``tavus conversations end --all-active --yes --concurrency N`` process, start included.

The order of the contenders rotates from round to round, so drift in the machine favours none. Reported: the
median wall time of each, its min-max, and the ratio sequential / contender of the medians (above 1 means the CLI
is faster). After each run every conversation must be ended, or the run counts as failed. Timings are printed,
never asserted.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
from _child import child_server  # this folder is on sys.path when run as a script

from tavus_cli._bulk import DEFAULT_CONCURRENCY
from tavus_sdk import Tavus

API_KEY = "bench-key"
REPLICA = "r79e1c033f"
"""A stock replica of the emulator."""


def serve() -> None:
    """``--serve``: the emulator with no cap on active conversations, on a free port; prints its base URL."""
    from tavus_sdk.testing import Clock, Limits, TavusEmulator
    from tavus_sdk.testing import serve as serve_emulator

    emulator = TavusEmulator(clock=Clock(frozen=False), limits=Limits(max_concurrent_conversations=None))
    serve_emulator(emulator, host="127.0.0.1", port=0, out=sys.stderr, on_ready=lambda url: print(url, flush=True))


@contextlib.contextmanager
def served_emulator(start_timeout: float = 20.0) -> Iterator[str]:
    argv = [sys.executable, __file__, "--serve"]

    def ready(line: str) -> bool:
        return line.startswith("http://127.0.0.1:")

    # The served emulator does not watch its stdin: no grace, straight to SIGTERM.
    child = child_server(argv, "emulator", ready, start_timeout=start_timeout, stop_grace=0, stderr=subprocess.DEVNULL)
    with child as (_, url):
        yield url


class Bench:
    def __init__(self, base_url: str, conversations: int, latency: float) -> None:
        self.base_url = base_url
        self.conversations = conversations
        self.latency = latency
        root = base_url.removesuffix("/v2")
        self.admin = httpx.Client(base_url=f"{root}/_emulator", headers={"x-api-key": API_KEY}, timeout=30)
        self.tavus = Tavus(api_key=API_KEY, base_url=base_url)

    def prepare(self) -> None:
        """A reset emulator with the conversations active and every API request delayed."""
        self.admin.post("/reset").raise_for_status()
        for _ in range(self.conversations):
            self.tavus.conversations.create(replica_id=REPLICA, properties={"participant_absent_timeout": 3600})
        fault = {"match": "*", "delay": self.latency, "times": None}
        self.admin.post("/faults", json=fault).raise_for_status()

    def active(self) -> int:
        """Active conversations left (faults cleared first, so this is quick)."""
        self.admin.delete("/faults").raise_for_status()
        return sum(1 for _ in self.tavus.conversations.list(status="active", limit=100))

    def sequential(self) -> float:
        started = time.perf_counter()
        with Tavus(api_key=API_KEY, base_url=self.base_url) as tavus:
            ids = [c.conversation_id for c in tavus.conversations.list(status="active", limit=100)]
            for conversation_id in ids:
                tavus.conversations.end(conversation_id)
        return time.perf_counter() - started

    def cli(self, concurrency: int) -> float:
        tavus = Path(sys.executable).with_name("tavus")
        env = {**os.environ, "TAVUS_API_KEY": API_KEY, "TAVUS_BASE_URL": self.base_url}
        # Start as an installed command does, from compiled bytecode (pip and `uv tool install` compile it; the
        # first run here writes it): an environment that forbids .pyc files would time the compiler instead.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        args = [str(tavus), "conversations", "end", "--all-active", "--yes", "--concurrency", str(concurrency), "-q"]
        started = time.perf_counter()
        done = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
        elapsed = time.perf_counter() - started
        if done.returncode != 0 or len(done.stdout.split()) != self.conversations:
            raise RuntimeError(f"tavus exited {done.returncode}: {done.stderr.strip()[-300:]}")
        return elapsed

    def close(self) -> None:
        self.admin.close()
        self.tavus.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--conversations", type=int, default=100)
    parser.add_argument("--latency", type=float, default=0.1, help="seconds added to every API request")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--concurrency", default="1,4,8,16,32", help="CLI concurrencies to time, comma-separated")
    parser.add_argument("--quick", action="store_true", help="2 rounds, default concurrency only")
    parser.add_argument("--json", action="store_true", help="one JSON line with the figures on stdout")
    args = parser.parse_args()
    if args.serve:
        serve()
        return 0
    rounds = 2 if args.quick else args.rounds
    levels = [DEFAULT_CONCURRENCY] if args.quick else [int(n) for n in args.concurrency.split(",")]
    contenders: dict[str, Callable[[Bench], float]] = {"sequential": Bench.sequential}
    for level in levels:
        contenders[f"cli {level}"] = lambda bench, level=level: bench.cli(level)
    times: dict[str, list[float]] = {name: [] for name in contenders}
    with served_emulator() as base_url:
        bench = Bench(base_url, args.conversations, args.latency)
        try:
            bench.prepare()
            bench.cli(DEFAULT_CONCURRENCY)  # warm-up, untimed: writes the bytecode the timed runs start from
            names = list(contenders)
            for number in range(rounds):
                order = names[number % len(names) :] + names[: number % len(names)]
                for name in order:
                    bench.prepare()
                    elapsed = contenders[name](bench)
                    left = bench.active()
                    if left:
                        raise RuntimeError(f"{name}: {left} conversation(s) still active")
                    times[name].append(elapsed)
                print(
                    f"round {number + 1}/{rounds}: " + ", ".join(f"{n} {times[n][-1]:.2f}s" for n in names),
                    file=sys.stderr,
                )
        finally:
            bench.close()
    base = statistics.median(times["sequential"])
    rows = []
    print(
        f"\n{args.conversations} conversations, {args.latency * 1000:.0f} ms per request, {rounds} rounds",
        file=sys.stderr,
    )
    print(f"{'contender':<12} {'median s':>9} {'min-max s':>13} {'vs sequential':>14}", file=sys.stderr)
    for name, values in times.items():
        median = statistics.median(values)
        rows.append({"name": name, "median": median, "min": min(values), "max": max(values), "ratio": base / median})
        spread = f"{min(values):.2f}-{max(values):.2f}"
        print(f"{name:<12} {median:>9.2f} {spread:>13} {base / median:>13.1f}x", file=sys.stderr)
    if args.json:
        print(json.dumps({"conversations": args.conversations, "latency": args.latency, "rows": rows}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
