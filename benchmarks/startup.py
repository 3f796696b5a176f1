"""Cold-start wall times of chipcmp commands, medians of repeated runs.

Run from the repository root in the venv where chipcmp is installed:
    python benchmarks/startup.py [--runs 15]
Each command runs as a fresh process (what a pre-commit hook or a shell user pays).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time

COMMANDS = {
    "python -c pass": [sys.executable, "-c", "pass"],
    "chipcmp --help": ["chipcmp", "--help"],
    "chipcmp validate": ["chipcmp", "validate"],
    "chipcmp rank --metric tops-per-watt": ["chipcmp", "rank", "--metric", "tops-per-watt"],
    "chipcmp export --format csv": ["chipcmp", "export", "--format", "csv"],
}


def median_ms(command: list[str], runs: int) -> float:
    times = []
    env = {**os.environ, "NO_COLOR": "1"}
    for _ in range(runs + 1):  # the first run warms the file cache and is dropped
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       env=env, check=False)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times[1:])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    if shutil.which("chipcmp") is None:
        sys.exit("chipcmp is not on PATH: activate the venv it is installed in")
    baseline = None
    print(f"{'command':40} {'median ms':>10} {'x python':>9}")
    for name, command in COMMANDS.items():
        ms = median_ms(command, args.runs)
        baseline = baseline or ms
        print(f"{name:40} {ms:10.1f} {ms / baseline:9.1f}")


if __name__ == "__main__":
    main()
