"""A round's `summary_results.json` (Inference v5.0 on): MLCommons' table of every result
of the round. It is an index and a cross-check, never the truth: a result is what its own
log says (read/mlperf.py); where the table disagrees (a value, or a unit: it labels some
token rates Samples/s), the log wins and the disagreement is reported. What it adds: the
weights' precision a submission states (`weight_data_types`), where its measurements
files are not in the repository; and the results it lists with no log, which are not
imported (reported; `inferred: 1`, a result MLPerf infers from another run, says so).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from chipcmp.model.problems import Problem, warning
from chipcmp.read import inputs

INDEX_FILE = "summary_results.json"
MAX_INDEX_BYTES = 64 * 1024 * 1024
# The index's spellings of a weights' format -> chipcmp's (MX formats are block-scaled
# floats computed at their element format's rate).
PRECISIONS = {"bfloat16": "bf16", "mxfp4": "fp4", "mxfp8": "fp8", "nvfp4": "fp4"}
AGREE = 1e-3  # relative: the table rounds some values
# The index's units -> chipcmp's, and the factor to them (Server's "Queries/s" are the
# completed samples per second the checker scores).
UNITS = {"tokens/s": ("tokens/s", 1.0), "samples/s": ("samples/s", 1.0),
         "queries/s": ("samples/s", 1.0), "latency (ms)": ("ms", 1.0),
         "latency (s)": ("ms", 1000.0)}


@dataclass(frozen=True)
class Listed:
    """One result as the index lists it."""

    id: str
    value: float | None
    unit: str
    precision: str | None
    inferred: bool
    line: int


class RoundIndex:
    def __init__(self, path: Path, entries: dict[str, Listed]):
        self.path = path
        self.entries = entries          # by the run folder, relative to the round
        self.seen: set[str] = set()

    def of(self, run_folder: str) -> Listed | None:
        found = self.entries.get(run_folder)
        if found is not None:
            self.seen.add(run_folder)
        return found

    def check(self, run_folder: str, value: float, unit: str, problems: list[Problem]
              ) -> None:
        """Report where the index disagrees with what the log gave."""
        listed = self.of(run_folder)
        if listed is None:
            return
        where = (str(self.path), listed.line, 1)
        said, factor = UNITS.get(listed.unit.lower(), (listed.unit, 1.0))
        if listed.unit and said != unit:
            problems.append(warning(*where, "index-disagrees",
                                    f"{listed.id} lists {run_folder} in {listed.unit}; its log "
                                    f"gives {unit}, which is used"))
        elif listed.value is not None and abs(listed.value * factor - value) > AGREE * value:
            problems.append(warning(*where, "index-disagrees",
                                    f"{listed.id} lists {run_folder} at {listed.value:g} "
                                    f"{listed.unit}; its log gives {value:g} {unit}, which is "
                                    "used"))

    def unread(self, problems: list[Problem]) -> None:
        """Report the closed results the index lists with no log in the repository (a log
        whose system was not imported is reported with its system)."""
        for folder, listed in sorted(self.entries.items()):
            if folder in self.seen or \
                    (self.path.parent / folder / "mlperf_log_summary.txt").is_file():
                continue
            why = ("a result MLPerf infers from another run (inferred: 1)" if listed.inferred
                   else "no log of it was found")
            problems.append(warning(str(self.path), listed.line, 1, "index-only",
                                    f"{listed.id} ({folder}): {why}; not imported"))


def load(root: Path, problems: list[Problem]) -> RoundIndex | None:
    """The round's index, where it has one (its closed division's entries)."""
    path = root / INDEX_FILE
    if not path.is_file():
        return None
    raw, found = inputs.read_problems(path, MAX_INDEX_BYTES, "results index")
    problems.extend(found)
    if raw is None:
        return None
    try:
        text = raw.decode("utf-8-sig")
        rows = json.loads(text)
        if not isinstance(rows, list):
            raise ValueError("not a list of results")
    except (ValueError, RecursionError) as exc:
        problems.append(warning(str(path), 1, 1, "bad-index",
                                f"not a results index ({exc}): not used"[:200]))
        return None
    entries: dict[str, Listed] = {}
    for row in rows:
        if not isinstance(row, dict) or row.get("Category") != "closed":
            continue
        folder = str(row.get("Location") or "").removeprefix("./").rstrip("/")
        if not folder:
            continue
        at = text.find(f'"{row.get("ID")}"')
        entries[folder] = Listed(str(row.get("ID")), _number(row.get("Performance_Result")),
                                 str(row.get("Performance_Units") or ""),
                                 precision_of(row.get("weight_data_types")),
                                 row.get("inferred") in (1, True, "1"),
                                 text.count("\n", 0, at) + 1 if at >= 0 else 1)
    return RoundIndex(path, entries)


def precision_of(value: Any) -> str | None:
    """The one format a `weight_data_types` names, in chipcmp's words, else None."""
    from chipcmp.model import precision

    text = str(value or "").strip().lower()
    text = PRECISIONS.get(text, text)
    return text if text in precision.FORMATS else None


def _number(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if number == number and number > 0 else None
