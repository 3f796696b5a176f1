"""What the pre-commit hook costs: cold wall time of `chipcmp validate` on the bundled
catalog beside yamllint (syntax and style only) and check-jsonschema (the exported schema)
on the same file, and the floor chipcmp's required packages set. Needs the bench extra:
pip install '.[bench]'. Runs are interleaved (one of each command, then again), so a
slower stretch of the machine hits every command alike; medians and the 25th percentile.

    python benchmarks/hook.py [--runs 21]

The floor: what any `chipcmp validate` must do with its required packages and nothing
else, in one process: typer parsing validate's arguments (typer builds a pydantic adapter
for each parameter it converts), PyYAML's C loader reading the file, and chipcmp's
pydantic models built.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import quick  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
FLOOR = """
import gc, os; gc.disable(); os.environ["PYDANTIC_DISABLE_PLUGINS"] = "__all__"
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional
import typer, yaml
from chipcmp.model import schema as model

class Format(str, Enum):
    table = "table"
    json = "json"

app = typer.Typer()

@app.command()
def validate(paths: Annotated[Optional[list[Path]], typer.Argument()] = None,
             output_format: Annotated[Format, typer.Option("--format")] = Format.table,
             strict: bool = False, together: bool = False,
             documents: Annotated[Optional[list[Path]], typer.Option()] = None) -> None:
    for path in paths:
        yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    for m in (model.Source, model.ProductSpec, model.Claim):
        m.model_rebuild()

@app.command()
def other() -> None:
    pass

app()
"""


def tool(name: str) -> str:
    path = BIN / name
    if not path.exists():
        sys.exit(f"{name} is not installed beside {sys.executable}: pip install '.[bench]'")
    return str(path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    args = quick.parse(parser, runs=2)
    catalog = str(ROOT / "data" / "chips.yaml")
    schema = str(ROOT / "schema" / "chips.schema.json")
    commands = {
        "chipcmp validate data/chips.yaml": [tool("chipcmp"), "validate", catalog],
        "yamllint data/chips.yaml": [tool("yamllint"), "-d", "relaxed", catalog],
        "check-jsonschema --schemafile ...": [tool("check-jsonschema"), "--schemafile",
                                              schema, catalog],
        "floor: typer, PyYAML, chipcmp's models": [sys.executable, "-c", FLOOR, "validate",
                                                   catalog],
        "python -c pass": [sys.executable, "-c", "pass"],
    }
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, command in commands.items():
            start = time.perf_counter()
            subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            times[name].append(time.perf_counter() - start)
    reference = statistics.median(times["yamllint data/chips.yaml"])
    print(f"{'command':42} {'median':>8} {'p25':>7} {'x yamllint':>11}")
    for name, values in times.items():
        median = statistics.median(values)
        p25 = statistics.quantiles(values, n=4)[0]
        print(f"{name:42} {median * 1000:6.0f}ms {p25 * 1000:5.0f}ms {median / reference:10.2f}x")


if __name__ == "__main__":
    main()
