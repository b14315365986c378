"""Cold start of the ``tavus`` command against ``python -c "import typer"`` on the same machine.

    uv run python benchmarks/cli_cold_start.py            # 15 rounds, about 15 s
    uv run python benchmarks/cli_cold_start.py --quick    # 4 rounds
    uv run python benchmarks/cli_cold_start.py --json     # table on stderr, one JSON line on stdout

Each round runs every command once, in a fresh process, in rotating order, so drift in the machine's load
touches all of them alike. The figure for each command is its median wall time divided by the median of the
baseline (``import typer``, the least any typer CLI can cost). Every process is a new interpreter, but the OS
file cache is warm after the first round, as it is for an operator who runs tavus twice.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _tavus() -> list[str]:
    script = Path(sys.executable).parent / "tavus"
    if script.exists():
        return [str(script)]
    found = shutil.which("tavus")
    return [found] if found else [sys.executable, "-m", "tavus_cli.main"]


def commands() -> dict[str, list[str]]:
    tavus = _tavus()
    return {
        'python -c "import typer"': [sys.executable, "-c", "import typer"],
        "tavus --help": [*tavus, "--help"],
        "tavus conversations --help": [*tavus, "conversations", "--help"],
        "tavus --emulator personas list": [*tavus, "--emulator", "personas", "list"],
    }


def run_once(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    result = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=ROOT)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed ({result.returncode}): {result.stderr.decode()[-500:]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--quick", action="store_true", help="4 rounds")
    parser.add_argument("--json", action="store_true", help="one JSON line of figures on stdout")
    args = parser.parse_args()
    rounds = 4 if args.quick else args.rounds
    env = {k: v for k, v in os.environ.items() if not k.startswith("TAVUS_")}
    cmds = commands()
    names = list(cmds)
    for name in names:  # warm the file cache and the bytecode caches once
        run_once(cmds[name], env)
    times: dict[str, list[float]] = {name: [] for name in names}
    for round_no in range(rounds):
        shift = round_no % len(names)
        for name in names[shift:] + names[:shift]:
            times[name].append(run_once(cmds[name], env))
    baseline = statistics.median(times[names[0]])
    figures = {
        name: {"median_s": statistics.median(t), "ratio": statistics.median(t) / baseline} for name, t in times.items()
    }
    out = sys.stderr if args.json else sys.stdout
    print(f"{'command':<34} {'median':>9} {'vs import typer':>16}", file=out)
    for name, figure in figures.items():
        print(f"{name:<34} {figure['median_s'] * 1000:>7.0f}ms {figure['ratio']:>15.2f}x", file=out)
    print(f"({rounds} rounds, Python {sys.version.split()[0]}, {os.cpu_count()} CPUs)", file=out)
    if args.json:
        print(json.dumps({"rounds": rounds, "figures": figures}))


if __name__ == "__main__":
    main()
