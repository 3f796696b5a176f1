"""`chipcmp results`' answer: the measured results a question takes, with their value
for one accelerator, best first."""

from __future__ import annotations

from typing import Any

from chipcmp.analyses import measured
from chipcmp.model.units import format_number
from chipcmp.output.results import Result, Table

RESULT_COLUMNS = ["round", "division", "submitter", "system", "accelerator", "accelerators",
                  "benchmark", "scenario", "metric", "value", "unit", "per_accelerator",
                  "valid", "source", "id"]


def results_result(results: list[Any], **question: Any) -> Result:
    chosen = measured.select(results, **question)
    records = [{"round": r.round, "division": r.division, "submitter": r.submitter,
                "system": r.system, "accelerator": r.accelerator,
                "accelerators": r.accelerators, "benchmark": r.benchmark,
                "scenario": r.scenario, "metric": r.metric, "value": r.value, "unit": r.unit,
                "per_accelerator": measured.per_accelerator(r), "valid": r.valid,
                "source": r.source, "id": r.id} for r in chosen]
    rows = [[r["round"], r["division"], r["submitter"], r["system"], r["accelerator"],
             str(r["accelerators"]), r["benchmark"], r["scenario"],
             f"{format_number(r['value'], 6)} {r['unit']}",
             "-" if r["per_accelerator"] is None else format_number(r["per_accelerator"], 5)]
            for r in records]
    notes = [measured.LINEAR_SCALING] if any(r.metric == "time to train" for r in chosen) \
        else []
    if not results:
        notes.append("no measured results loaded: import them with 'chipcmp import mlperf "
                     "DIR...' and load the catalog with --catalog")
    table = Table(f"measured results: {len(records)} of {len(results)}",
                  ["round", "division", "submitter", "system", "accelerator", "n",
                   "benchmark", "scenario", "value", "per accelerator"], rows,
                  ["l"] * 6 + ["l", "l", "r", "r"], notes)
    summary = f"{len(records)} measured result(s) of {len(results)}"
    return Result([table], RESULT_COLUMNS, records, summary=summary)
