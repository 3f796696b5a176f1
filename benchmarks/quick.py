"""What the benchmark scripts share: `--quick` (tiny sizes and one run, to show that the
script still runs: CI runs each so, tests/acceptance/test_benchmarks.py, `pytest -m slow`;
its figures mean nothing), a user's environment with nothing cached or installed, and the
time of a command as a fresh process."""

from __future__ import annotations

import argparse
import os
import subprocess
import time
from typing import Any


def parse(parser: argparse.ArgumentParser, **small: Any) -> argparse.Namespace:
    """The script's arguments; with --quick, the `small` values instead."""
    parser.add_argument("--quick", action="store_true",
                        help="tiny sizes and one run: only that the script runs")
    args = parser.parse_args()
    if args.quick:
        for name, value in small.items():
            setattr(args, name, value)
    return args


def isolated(home: str) -> dict[str, str]:
    """The environment of a user with nothing cached, installed or configured, under
    `home` (the bundled catalogs only)."""
    env = {**os.environ, "NO_COLOR": "1", "XDG_CACHE_HOME": os.path.join(home, "cache"),
           "XDG_DATA_HOME": os.path.join(home, "data"),
           "XDG_CONFIG_HOME": os.path.join(home, "config")}
    env.pop("CHIPCMP_CATALOG", None)
    return env


def timed(command: list[str], env: dict[str, str]) -> float:
    """Seconds a command takes as a fresh process, its output thrown away."""
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
                   check=True)
    return time.perf_counter() - start
