"""Benchmark: wall time of a fresh `crossdoc audit` of seeds/ and of `crossdoc --help`.

Run: python benchmarks/bench.py [--runs N]
Budgets (2-core machine): audit < 2 s, --help < 0.3 s. Each run is a new process, so the
times include interpreter start, imports and building the spaCy pipeline.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUDGETS = {"crossdoc --help": 0.3, "crossdoc audit (seeds/)": 2.0}


def time_command(args: list[str], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(args, cwd=ROOT, check=False, capture_output=True)
        times.append(time.perf_counter() - start)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as reports:
        commands = {
            "crossdoc --help": [sys.executable, "-m", "checker", "--help"],
            "crossdoc audit (seeds/)": [
                sys.executable,
                "-m",
                "checker",
                "audit",
                "--reports",
                reports,
            ],
        }
        print(f"{'command':28} {'median':>8} {'min':>8} {'max':>8} {'budget':>8}")
        for name, args in commands.items():
            times = time_command(args, runs)
            print(
                f"{name:28} {statistics.median(times):8.3f} {min(times):8.3f} {max(times):8.3f} "
                f"{BUDGETS[name]:8.1f}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
