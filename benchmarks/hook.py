"""What the pre-commit hook costs: median cold wall time of `chipcmp validate` on the
bundled catalog beside check-jsonschema (with the exported schema) and yamllint on the
same file. Needs the bench extra: pip install '.[bench]'.

    python benchmarks/hook.py [--runs 15]
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, os.path.dirname(__file__))

from scale import median  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def tool(name: str) -> str:
    path = BIN / name
    if not path.exists():
        sys.exit(f"{name} is not installed beside {sys.executable}: pip install '.[bench]'")
    return str(path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    catalog = str(ROOT / "data" / "chips.yaml")
    schema = str(ROOT / "schema" / "chips.schema.json")
    commands = {
        "chipcmp validate data/chips.yaml": [tool("chipcmp"), "validate", catalog],
        "check-jsonschema --schemafile ...": [tool("check-jsonschema"), "--schemafile",
                                              schema, catalog],
        "yamllint data/chips.yaml": [tool("yamllint"), "-d", "relaxed", catalog],
    }
    results = {name: median(command, args.runs)[0] * 1000
               for name, command in commands.items()}
    reference = results["check-jsonschema --schemafile ..."]
    print(f"{'command':40} {'median ms':>10} {'x check-jsonschema':>19}")
    for name, ms in results.items():
        print(f"{name:40} {ms:10.1f} {ms / reference:19.2f}")


if __name__ == "__main__":
    main()
