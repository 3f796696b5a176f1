"""`chipcmp results`' answer: the measured results a question takes, with their value
for one accelerator, best first."""

from __future__ import annotations

from typing import Any

from chipcmp.analyses.measured import (ComparedResults, Delivered, MeasuredAnswer, MeasuredRow,
                                       ProductResults)
from chipcmp.model.measures import LINEAR_SCALING
from chipcmp.model.units import format_number
from chipcmp.output.results import Result, Table

RESULT_COLUMNS = ["round", "division", "submitter", "system", "accelerator", "accelerators",
                  "benchmark", "scenario", "metric", "value", "unit", "per_accelerator",
                  "valid", "source", "id", "product", "product_unmatched_because",
                  "precision", "share_of_peak", "share_of_peak_none_because", "finding",
                  "latency_limits", "inferred", "power_w", "energy"]


def results_result(found: MeasuredAnswer) -> Result:
    records = [result_record(row) for row in found.rows]
    rows = [[r["round"], r["division"], r["submitter"], r["system"],
             r["accelerator"] + (f" = {r['product']}" if r["product"] else ""),
             str(r["accelerators"]), r["benchmark"], r["scenario"],
             f"{format_number(r['value'], 6)} {r['unit']}",
             "-" if r["per_accelerator"] is None else format_number(r["per_accelerator"], 5),
             share_text(row.delivered) + (" !" if r["finding"] else "")]
            for r, row in zip(records, found.rows)]
    notes = [LINEAR_SCALING] if any(row.result.metric == "time to train"
                                    for row in found.rows) else []
    notes.extend(share_notes(row.delivered for row in found.rows))
    if found.unmatched:
        notes.append(f"accelerators no product is matched to ({len(found.unmatched)}): " +
                     "; ".join(f"{name!r}: {why}" for name, why in found.unmatched))
    if not found.loaded:
        notes.append("no measured results loaded: import them with 'chipcmp import mlperf "
                     "DIR...' and load the catalog with --catalog")
    table = Table(f"measured results: {len(records)} of {found.loaded}",
                  ["round", "division", "submitter", "system", "accelerator", "n",
                   "benchmark", "scenario", "value", "per accelerator", "share of peak"],
                  rows, ["l"] * 6 + ["l", "l", "r", "r", "l"], notes,
                  whole=("round", "value", "per accelerator"),
                  droppable=("division", "submitter", "system", "n", "share of peak",
                             "accelerator"),
                  wrap=("system", "accelerator", "share of peak", "benchmark", "scenario"))
    summary = f"{len(records)} measured result(s) of {found.loaded}"
    return Result([table], RESULT_COLUMNS, records, summary=summary)


def result_record(row: MeasuredRow) -> dict[str, Any]:
    """One measured result as a record: its fields, the product it is, its share of peak."""
    r = row.result
    return {"round": r.round, "division": r.division, "submitter": r.submitter,
            "system": r.system, "accelerator": r.accelerator,
            "accelerators": r.accelerators, "benchmark": r.benchmark,
            "scenario": r.scenario, "metric": r.metric, "value": r.value, "unit": r.unit,
            "per_accelerator": row.per_accelerator, "valid": r.valid,
            "source": r.source, "id": r.id,
            "product": row.entry.id if row.entry else None,
            "product_unmatched_because": row.unmatched_because,
            "precision": r.precision, **share_fields(row.delivered),
            # the limits a Server or Interactive LLM result holds at (ms); a result MLPerf
            # infers from another run is never imported, so every one here is measured
            "latency_limits": r.latency_limits.model_dump() if r.latency_limits else None,
            "inferred": False,
            # the system's wall power in the run, and its energy (per joule, per query)
            "power_w": r.power_w,
            "energy": r.energy.model_dump() if r.energy else None}


def product_results_table(found: ProductResults | None, product_id: str) -> Table | None:
    """`show`'s block: the product's best measured result per benchmark and scenario."""
    if found is None:
        return None
    energy = any(row.result.energy for row in found.best)
    rows = [[row.result.benchmark, row.result.scenario,
             f"{row.result.round} {row.result.division}",
             f"{row.result.submitter} {row.result.system}", str(row.result.accelerators),
             f"{format_number(row.result.value, 6)} {row.result.unit}", _per(row),
             share_text(row.delivered) + (" !" if row.delivered.finding else ""),
             *([energy_text(row.result)] if energy else [])]
            for row in found.best]
    notes = [f"the best of {found.total} result(s) per benchmark and scenario (all of them: "
             f"chipcmp results --product {product_id})"]
    notes.extend(share_notes(row.delivered for row in found.best))
    if energy:
        notes.append(ENERGY_NOTE)
    return Table("measured results (MLPerf), best per accelerator",
                 ["benchmark", "scenario", "round", "system", "n", "value", "per accelerator",
                  "share of peak", *(["energy"] if energy else [])], rows,
                 ["l"] * 5 + ["r", "r", "l", "r"], notes,
                 whole=("value", "per accelerator"), wrap=("system", "share of peak"))


ENERGY_NOTE = ("energy: MLPerf's power results, the whole system at the wall (host and "
               "network included): per joule of it, per query, or to train")


def energy_text(result: Any) -> str:
    """'4.106 tokens/J', '1.698 kWh', or '-' where the run measured no power."""
    if result.energy is None:
        return "-"
    return f"{format_number(result.energy.value, 4)} {result.energy.unit}"


def compare_results_table(found: ComparedResults | None, ids: list[str],
                          precision: str) -> Table | None:
    """`compare`'s block: each benchmark and scenario measured for any of the products,
    with each one's best per-accelerator value and its share of peak at the precision
    compared."""
    if found is None:
        return None
    rows = []
    for key in found.keys:
        row = [key[0], key[1]]
        for best in found.best:
            measured = best.get(key)
            if measured is None:
                row.append("-")
                continue
            r = measured.result
            at = next((s for s in measured.delivered.shares if s.precision == precision),
                      None)
            whole = measured.per_accelerator is None and r.accelerators > 1
            row.append(_per(measured) + (f" ({at.share:.0%} of {precision} peak)" if at else "")
                       + (f" ({r.accelerators} accelerators)" if whole else "")
                       + (f", system {energy_text(r)}" if r.energy else "")
                       + f" [{r.round}]")
        rows.append(row)
    return Table("measured (MLPerf): best per accelerator",
                 ["benchmark", "scenario", *ids], rows, ["l", "l"] + ["r"] * len(ids),
                 ["per accelerator: a throughput over the accelerators, a time to train "
                  "times them (linear scaling assumed); a latency as measured",
                  *([ENERGY_NOTE] if any(m.result.energy for best in found.best
                                         for m in best.values()) else [])])


def _per(row: MeasuredRow) -> str:
    r = row.result
    unit = "accelerator-min" if r.metric == "time to train" else r.unit
    value = r.value if row.per_accelerator is None else row.per_accelerator
    return f"{format_number(value, 5)} {unit}"


def share_fields(found: Delivered) -> dict[str, Any]:
    """The share of peak as record fields (JSON and CSV)."""
    return {"share_of_peak": [{"precision": s.precision, "share": round(s.share, 6),
                               "peak_tops": s.peak / 1e12, "delivered_tops":
                               round(s.delivered / 1e12, 6), "stated": s.stated}
                              for s in found.shares] or None,
            "share_of_peak_none_because": found.why_none or None,
            "share_ruled_out": "; ".join(found.ruled_out) or None,
            "finding": found.finding or None}


def share_text(found: Delivered) -> str:
    """'35% int8, 70% fp16' (each precision the submission may have run), or '-'."""
    if not found.shares:
        return "-"
    return ", ".join(f"{s.share:.0%} {s.precision}" for s in found.shares)


def share_notes(found: Any) -> list[str]:
    """How a share of peak is reckoned, the constants' sources, and the findings."""
    found = list(found)
    notes = []
    cited = {f.ops_source.title: f for f in found if f.shares and f.ops_source}
    if cited:
        notes.append("share of peak: samples (or an LLM's tokens) a second per accelerator "
                     "x operations a sample (or token) over the accelerator's dense peak, at "
                     "the precision the result states, else at each it may have run (the "
                     "share at the precision run is one of them; '!' marks a finding); "
                     "operations from " + "; ".join(
                         f"{title} ({f.ops_source.url})" for title, f in cited.items()))
    notes.extend(f"finding: {f.finding}" for f in found if f.finding)
    return notes
