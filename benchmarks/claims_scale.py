"""Wall time of the claim checks on a large generated catalog (10,000 products and
100,000 claims by default), split into loading and checking.

    python benchmarks/claims_scale.py [--products 10000] [--claims 100000]
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import tempfile
import time
from collections import Counter

sys.path.insert(0, os.path.dirname(__file__))

import quick  # noqa: E402

from generate import generate  # noqa: E402

import chipcmp  # noqa: E402
from chipcmp.analyses import claims  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--products", type=int, default=10_000)
    parser.add_argument("--claims", type=int, default=100_000)
    args = quick.parse(parser, products=40, claims=100)
    gc.disable()  # as the CLI does for a command
    with tempfile.TemporaryDirectory() as directory:
        path = os.path.join(directory, "catalog.yaml")
        with open(path, "w", encoding="utf-8") as stream:
            stream.write(generate(args.products, args.claims))
        start = time.perf_counter()
        loaded = chipcmp.load(path)   # the view every command reads
        loaded_at = time.perf_counter()
        results = claims.check_claims(loaded.view)
        done = time.perf_counter()
    print(f"{args.products} products, {args.claims} claims")
    print(f"load and validate: {loaded_at - start:6.2f} s")
    print(f"check claims:      {done - loaded_at:6.2f} s")
    print("verdicts:", dict(Counter(r.verdict for r in results)))


if __name__ == "__main__":
    main()
