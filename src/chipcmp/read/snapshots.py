"""Making the bundled snapshots of public datasets (read/bundled.BUNDLED) from the files
their publishers publish: the same import a user runs, with the snapshot's date.

    python -m chipcmp.read.snapshots EXTERNAL_DIR      # rewrites data/epoch.yaml, ...

`tests/acceptance/test_bundled_snapshots.py` makes each one again from ../shared/external, when
present, and checks the bundled file is exactly what it makes.
"""

from __future__ import annotations

import sys
from pathlib import Path

from chipcmp.read import bundled


def make(snapshot: bundled.Bundled, external: Path) -> str:
    """The catalog text of one bundled snapshot, made from the published files."""
    from chipcmp.read import importers

    paths = [external / source for source in snapshot.sources]
    result = importers.import_paths(importers.IMPORTERS[snapshot.dataset], paths)
    if result.unreadable or result.errors:
        raise SystemExit(f"{snapshot.keyword}: {result.summary}")
    return importers.to_yaml(result, snapshot.dataset, paths, snapshot.snapshot)


def main(argv: list[str]) -> int:
    external = Path(argv[0]) if argv else Path("../shared/external")
    for snapshot in bundled.BUNDLED:
        if snapshot.dataset is None:
            continue
        target = bundled.data_file(snapshot.file)
        target.write_text(make(snapshot, external), encoding="utf-8")
        print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
