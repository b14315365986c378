"""Fan-out on one client: N ``personas.get`` calls gathered at once, against the same N capped by hand.

    uv run python benchmarks/fanout.py             # 500 and 2,000 calls, 5 runs each
    uv run python benchmarks/fanout.py --quick     # 500 calls, 2 runs
    uv run python benchmarks/fanout.py --json      # table on stderr, one JSON line on stdout

Each run takes a fresh ``AsyncTavus`` (connections are part of the cost) against the canned-response server of
``_server.py`` in its own process on 127.0.0.1, and times one of:

- **capped**: the caller caps concurrency with ``asyncio.Semaphore(100)`` around each call (the reference);
- **gathered**: ``asyncio.gather`` of every call with no cap of the caller's: the SDK's own in-flight cap
  (``max_in_flight``, 64 by default) and pool limits do the work;
- **no SDK cap**: as gathered, on an ``httpx.AsyncClient`` with httpx's default pool (100 connections, 20 kept
  alive) and ``max_in_flight`` out of the way: how one client behaved before it had a cap.

The figure is the ratio gathered / capped of the median wall times (1.0 means as fast as capping by hand; the
bar is 1.5). Timings are printed, never asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

import httpx
from sdk_vs_httpx import API_KEY, running_server  # this folder is on sys.path when run as a script

from tavus_sdk import AsyncTavus

BAR = 1.5
"""The project's bar: gathered within 1.5x of the capped time."""
CALL_TIMEOUT = 60.0
"""The SDK's default: each call's deadline covers its wait for a turn, so a much shorter one would fail the tail of
a big fan-out on a slow machine instead of measuring it."""


async def _one_run(base_url: str, calls: int, mode: str) -> tuple[float, int]:
    if mode == "no SDK cap":
        http = httpx.AsyncClient(timeout=CALL_TIMEOUT)
        client = AsyncTavus(api_key=API_KEY, base_url=base_url, http_client=http, max_in_flight=1_000_000)
    else:
        http = None
        client = AsyncTavus(api_key=API_KEY, base_url=base_url, timeout=CALL_TIMEOUT)
    gate = asyncio.Semaphore(100)

    async def capped(i: int) -> Any:
        async with gate:
            return await client.personas.get(f"p{i}")

    call: Callable[[int], Any] = capped if mode == "capped" else (lambda i: client.personas.get(f"p{i}"))
    started = time.perf_counter()
    try:
        results = await asyncio.gather(*(call(i) for i in range(calls)), return_exceptions=True)
    finally:
        elapsed = time.perf_counter() - started
        await client.close()
        if http is not None:
            await http.aclose()
    return elapsed, sum(isinstance(r, BaseException) for r in results)


def measure(base_url: str, calls: int, runs: int, modes: list[str]) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {mode: [] for mode in modes}
    for run in range(runs):
        # Rotate the order so that drift in the machine favours no mode.
        for mode in modes[run % len(modes) :] + modes[: run % len(modes)]:
            elapsed, failed = asyncio.run(_one_run(base_url, calls, mode))
            times[mode].append(elapsed)
            errors = f" ({failed} failed)" if failed else ""
            print(f"  {calls} calls, {mode:<11} run {run + 1}: {elapsed:.3f} s{errors}", file=sys.stderr)
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="500 calls, 2 runs")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--calls", type=int, action="append", help="calls per run (repeatable; default 500, 2000)")
    parser.add_argument("--json", action="store_true", help="one JSON line with the figures on stdout")
    parser.add_argument(
        "--no-cap-max",
        type=int,
        default=500,
        help="measure 'no SDK cap' only up to this many calls (it is slow; default 500)",
    )
    args = parser.parse_args(argv)
    sizes = args.calls or ([500] if args.quick else [500, 2000])
    runs = 2 if args.quick else args.runs
    modes = ["capped", "gathered", "no SDK cap"]
    figures: dict[str, Any] = {}
    with running_server(lifetime=900) as port:
        base_url = f"http://127.0.0.1:{port}/v2"
        for calls in sizes:
            wanted = modes if calls <= args.no_cap_max else modes[:2]
            times = measure(base_url, calls, runs, wanted)
            medians = {mode: statistics.median(values) for mode, values in times.items()}
            medians.setdefault("no SDK cap", float("nan"))
            figures[str(calls)] = {
                "median_seconds": medians,
                "gathered_over_capped": medians["gathered"] / medians["capped"],
                "no_sdk_cap_over_capped": medians["no SDK cap"] / medians["capped"],
            }
    print(f"{'calls':>6}  {'capped':>8}  {'gathered':>9}  {'no SDK cap':>10}  {'ratio':>6}  bar", file=sys.stderr)
    for calls, row in figures.items():
        m = row["median_seconds"]
        ratio = row["gathered_over_capped"]
        verdict = "ok" if ratio <= BAR else "OVER"
        no_cap = f"{m['no SDK cap']:>9.3f}s" if m["no SDK cap"] == m["no SDK cap"] else f"{'-':>10}"
        print(
            f"{calls:>6}  {m['capped']:>7.3f}s  {m['gathered']:>8.3f}s  {no_cap}  {ratio:>5.2f}x  "
            f"{verdict} (<= {BAR}x)",
            file=sys.stderr,
        )
    if args.json:
        print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
