"""Speed and scale of chipcmp, measured in one run (issue 7's figures).

    python benchmarks/scale.py [--sizes 1000 10000 100000] [--runs 5]

Prints, as fresh processes (what a user or a hook pays):
- cold start: python -c pass, chipcmp --help, validate, rank, claims on the bundled catalog;
- scale: generated catalogs (benchmarks/generate.py: sources, parts and claims in
  realistic proportion) for validate, rank and claims, beside the floor for YAML input,
  a bare yaml.load(..., Loader=yaml.CSafeLoader) of the same file, with the ratio;
- the growth from 10,000 to 100,000 products, and peak memory at the largest size.
Run it in the venv where chipcmp is installed (non-editable, for real cold starts).
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, os.path.dirname(__file__))

import quick  # noqa: E402

from generate import generate  # noqa: E402

BIN = Path(sys.executable).parent
CHIPCMP = str(BIN / "chipcmp") if (BIN / "chipcmp").exists() else "chipcmp"
BARE_PARSE = ("import sys, yaml; yaml.load(open(sys.argv[1], encoding='utf-8'), "
              "Loader=yaml.CSafeLoader)")


def timed(command: list[str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (KiB) of one fresh process."""
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             env={**os.environ, "NO_COLOR": "1"})
    _, status, usage = os.wait4(child.pid, 0)
    return time.perf_counter() - start, usage.ru_maxrss


def median(command: list[str], runs: int) -> tuple[float, int]:
    results = [timed(command) for _ in range(runs)]
    return statistics.median(r[0] for r in results), max(r[1] for r in results)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    parser.add_argument("--runs", type=int, default=5, help="runs per cold-start figure")
    parser.add_argument("--cold-only", action="store_true", help="only the cold starts")
    args = quick.parse(parser, sizes=[50], runs=1)
    print(f"# chipcmp benchmarks, {time.strftime('%Y-%m-%d')}, {platform.machine()}, "
          f"{os.cpu_count()} cores, Python {platform.python_version()}")
    print("\n## cold start (bundled catalog), median of", args.runs, "runs")
    cold = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "chipcmp --help": [CHIPCMP, "--help"],
        "chipcmp validate": [CHIPCMP, "validate"],
        "chipcmp rank --metric tops-per-watt": [CHIPCMP, "rank", "--metric", "tops-per-watt"],
        "chipcmp claims": [CHIPCMP, "claims"],
    }
    timed(cold["chipcmp validate"])  # warm the file cache
    for name, command in cold.items():
        seconds, _ = median(command, args.runs)
        print(f"{name:40} {seconds * 1000:9.1f} ms")
    if args.cold_only:
        return

    print("\n## scale (generated catalogs; 100,000 products and over: one run, else 3)")
    print(f"{'products':>9} {'MB':>6} {'bare parse':>11} {'validate':>9} {'x parse':>8} "
          f"{'rank':>8} {'claims':>8}")
    validate_times: dict[int, float] = {}
    peak_kib = 0
    with tempfile.TemporaryDirectory() as directory:
        for size in args.sizes:
            path = Path(directory) / f"catalog-{size}.yaml"
            path.write_text(generate(size), encoding="utf-8")
            runs = 1 if size >= 100_000 else 3
            parse, _ = median([sys.executable, "-c", BARE_PARSE, str(path)], runs)
            validate, validate_kib = median([CHIPCMP, "validate", str(path)], runs)
            rank, _ = median([CHIPCMP, "rank", "--catalog", str(path)], runs)
            claims, claims_kib = median([CHIPCMP, "claims", "--format", "json", "--catalog",
                                         str(path)], runs)
            validate_times[size] = validate
            peak_kib = max(validate_kib, claims_kib)
            print(f"{size:9,} {path.stat().st_size / 1e6:6.1f} {parse:10.2f}s {validate:8.2f}s "
                  f"{validate / parse:7.2f}x {rank:7.2f}s {claims:7.2f}s")
    if 10_000 in validate_times and 100_000 in validate_times:
        growth = validate_times[100_000] / validate_times[10_000]
        print(f"\ngrowth of validate from 10,000 to 100,000 products: {growth:.1f}x")
    print(f"peak memory at {args.sizes[-1]:,} products (validate or claims): "
          f"{peak_kib / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
