"""`chipcmp results`' answer: the measured results a question takes, with their value
for one accelerator, best first."""

from __future__ import annotations

from typing import Any

from chipcmp.analyses import measured
from chipcmp.model.measures import LINEAR_SCALING
from chipcmp.model.units import format_number
from chipcmp.output.results import Result, Table

RESULT_COLUMNS = ["round", "division", "submitter", "system", "accelerator", "accelerators",
                  "benchmark", "scenario", "metric", "value", "unit", "per_accelerator",
                  "valid", "source", "id", "product", "product_unmatched_because"]


def results_result(view: Any, results: list[Any], **question: Any) -> Result:
    from chipcmp.catalog.matching import product_named

    chosen = measured.select(results, **question)
    named = {name: product_named(view, name) for name in {r.accelerator for r in chosen}}
    records = [{"round": r.round, "division": r.division, "submitter": r.submitter,
                "system": r.system, "accelerator": r.accelerator,
                "accelerators": r.accelerators, "benchmark": r.benchmark,
                "scenario": r.scenario, "metric": r.metric, "value": r.value, "unit": r.unit,
                "per_accelerator": measured.per_accelerator(r), "valid": r.valid,
                "source": r.source, "id": r.id,
                "product": named[r.accelerator].entry.id if named[r.accelerator].entry
                else None,
                "product_unmatched_because": None if named[r.accelerator].entry
                else named[r.accelerator].why} for r in chosen]
    rows = [[r["round"], r["division"], r["submitter"], r["system"],
             r["accelerator"] + (f" = {r['product']}" if r["product"] else ""),
             str(r["accelerators"]), r["benchmark"], r["scenario"],
             f"{format_number(r['value'], 6)} {r['unit']}",
             "-" if r["per_accelerator"] is None else format_number(r["per_accelerator"], 5)]
            for r in records]
    notes = [LINEAR_SCALING] if any(r.metric == "time to train" for r in chosen) \
        else []
    unmatched = sorted(name for name, match in named.items() if match.entry is None)
    if unmatched:
        notes.append(f"accelerators no product is matched to ({len(unmatched)}): " +
                     "; ".join(f"{name!r}: {named[name].why}" for name in unmatched))
    if not results:
        notes.append("no measured results loaded: import them with 'chipcmp import mlperf "
                     "DIR...' and load the catalog with --catalog")
    table = Table(f"measured results: {len(records)} of {len(results)}",
                  ["round", "division", "submitter", "system", "accelerator", "n",
                   "benchmark", "scenario", "value", "per accelerator"], rows,
                  ["l"] * 6 + ["l", "l", "r", "r"], notes)
    summary = f"{len(records)} measured result(s) of {len(results)}"
    return Result([table], RESULT_COLUMNS, records, summary=summary)
