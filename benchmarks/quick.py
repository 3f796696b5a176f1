"""`--quick` for every benchmark script: tiny sizes and one run, to show that the script
still runs (CI runs each so: tests/test_benchmarks.py, `pytest -m slow`); its figures
mean nothing."""

from __future__ import annotations

import argparse
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
