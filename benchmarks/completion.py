"""What a shell user waits for at each Tab: `chipcmp __complete` for a command name, an
option, an option's value and a product id, as fresh processes, beside `python -c pass`;
medians, interleaved. The first run of each (which writes the small files completion
reads) is a warm-up, kept out of the median.

    python benchmarks/completion.py [--runs 21]

Goal (issue 32): each under 100 ms on this 2-core machine, under 5x `python -c pass`.
Run it in a venv with a plain (non-editable) install, as users have.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile

sys.path.insert(0, os.path.dirname(__file__))

import quick  # noqa: E402
from scale import CHIPCMP  # noqa: E402

COMMANDS = {
    "python -c pass": [sys.executable, "-c", "pass"],
    "a command name (ra)": [CHIPCMP, "__complete", "1", "chipcmp", "ra"],
    "an option (rank --pre)": [CHIPCMP, "__complete", "2", "chipcmp", "rank", "--pre"],
    "a value (--metric t)": [CHIPCMP, "__complete", "3", "chipcmp", "rank", "--metric", "t"],
    "a product id (show nvidia)": [CHIPCMP, "__complete", "2", "chipcmp", "show", "nvidia"],
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    args = quick.parse(parser, runs=1)
    with tempfile.TemporaryDirectory() as home:
        env = quick.isolated(home)
        first = {name: quick.timed(command, env) for name, command in COMMANDS.items()}
        times: dict[str, list[float]] = {name: [] for name in COMMANDS}
        for _ in range(args.runs):
            for name, command in COMMANDS.items():
                times[name].append(quick.timed(command, env))
    base = statistics.median(times["python -c pass"])
    print(f"{'chipcmp __complete, median of ' + str(args.runs):34} {'median':>9} "
          f"{'x pass':>7} {'first run':>10}")
    for name, values in times.items():
        value = statistics.median(values)
        print(f"{name:34} {value * 1000:6.0f} ms {value / base:6.1f}x "
              f"{first[name] * 1000:7.0f} ms")
    print("\ngoal: each under 100 ms (under 5x python -c pass)")


if __name__ == "__main__":
    main()
