"""What the field out of the box costs (issue 26's goal): the default `chipcmp rank`
(every bundled catalog: curated, Epoch's snapshot, MLPerf's) against `rank --catalog
@curated`, measured side by side as fresh processes, interleaved (one of each, then
again) so a slower stretch of the machine hits both alike; medians.

    python benchmarks/bundled.py [--runs 21]

Goal: the default at most 1.5x the curated catalog alone. Run it in a venv with a plain
(non-editable) install, as users have. The first default run after an install builds the
cache (XDG_CACHE_HOME); it is kept out of the median as a warm-up and shown apart.
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
    "rank (every bundled catalog)": [CHIPCMP, "rank", "--metric", "tops-per-watt"],
    "rank --catalog @curated": [CHIPCMP, "rank", "--metric", "tops-per-watt", "--catalog",
                                "@curated"],
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    args = quick.parse(parser, runs=1)
    with tempfile.TemporaryDirectory() as home:
        env = quick.isolated(home)
        first = quick.timed(COMMANDS["rank (every bundled catalog)"], env)
        times: dict[str, list[float]] = {name: [] for name in COMMANDS}
        for _ in range(args.runs):
            for name, command in COMMANDS.items():
                times[name].append(quick.timed(command, env))
    medians = {name: statistics.median(values) for name, values in times.items()}
    base = medians["rank --catalog @curated"]
    print(f"{'command, median of ' + str(args.runs):40} {'median':>9} {'x curated':>10}")
    for name, value in medians.items():
        print(f"{name:40} {value * 1000:7.0f} ms {value / base:9.2f}x")
    print(f"{'first default run (builds the cache)':40} {first * 1000:7.0f} ms")
    print("\ngoal: the default at most 1.5x rank --catalog @curated")


if __name__ == "__main__":
    main()
