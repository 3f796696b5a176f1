"""What merging the sources costs (issue 13's figures), as fresh processes.

    python benchmarks/merge.py [--runs 5] [--records 10000]

- `chipcmp rank` on the bundled catalog with both public datasets imported beside it
  (when ../shared/external is present), merged and with --no-merge;
- a generated case: 10,000 records in three overlapping catalogs (generate.overlapping),
  merged and with --no-merge.
Goal: merging costs at most 1.5x of ranking the same products unmerged.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, os.path.dirname(__file__))

import quick  # noqa: E402

from generate import overlapping  # noqa: E402
from scale import CHIPCMP, median  # noqa: E402

EXTERNAL = Path(__file__).resolve().parents[2] / "shared" / "external"


def compare(label: str, catalogs: list[str], runs: int) -> float:
    args = [item for path in catalogs for item in ("--catalog", path)]
    merged, _ = median([CHIPCMP, "rank", *args], runs)
    plain, _ = median([CHIPCMP, "rank", "--no-merge", *args], runs)
    print(f"{label:52} {merged * 1000:8.0f} ms {plain * 1000:8.0f} ms {merged / plain:6.2f}x")
    return merged / plain


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--records", type=int, default=10_000)
    args = quick.parse(parser, runs=1, records=300)
    print(f"{'rank --metric tops-per-watt, median of ' + str(args.runs):52} {'merged':>11} "
          f"{'--no-merge':>11} {'ratio':>7}")
    with tempfile.TemporaryDirectory() as folder:
        if EXTERNAL.is_dir():
            paths = ["@bundled"]
            for dataset, file in (("laics", "laics_2023.csv"), ("epoch", "epoch_ml_hardware.csv")):
                target = Path(folder) / f"{dataset}.yaml"
                subprocess.run([CHIPCMP, "import", dataset, str(EXTERNAL / file), "--output",
                                str(target)], capture_output=True, check=False)
                paths.append(str(target))
            compare("bundled + LAICS + Epoch (325 records)", paths, args.runs)
        paths = []
        for index, text in enumerate(overlapping(args.records)):
            path = Path(folder) / f"generated-{index}.yaml"
            path.write_text(text, encoding="utf-8")
            paths.append(str(path))
        ratio = compare(f"generated, {args.records:,} records in 3 catalogs", paths,
                        max(1, args.runs // 2))
    print(f"\ngoal: merged at most 1.5x unmerged on the generated case: "
          f"{'met' if ratio <= 1.5 else 'NOT met'} ({ratio:.2f}x)")


if __name__ == "__main__":
    main()
