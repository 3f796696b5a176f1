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
                  "valid", "source", "id", "product", "product_unmatched_because",
                  "precision", "share_of_peak", "share_of_peak_none_because", "finding"]


def results_result(view: Any, results: list[Any], product: str | None = None,
                   **question: Any) -> Result:
    index = measured.index_of(view)  # `results` are the view's: their names are matched
    chosen = measured.select(results, **question)
    if product is not None:
        entry = view.get(product)
        chosen = [r for r in chosen if index.match(r).entry is entry]
    records = [result_record(view, index, r) for r in chosen]
    shares = {r.id: measured.delivered(view, index.match(r).entry, r) for r in chosen}
    rows = [[r["round"], r["division"], r["submitter"], r["system"],
             r["accelerator"] + (f" = {r['product']}" if r["product"] else ""),
             str(r["accelerators"]), r["benchmark"], r["scenario"],
             f"{format_number(r['value'], 6)} {r['unit']}",
             "-" if r["per_accelerator"] is None else format_number(r["per_accelerator"], 5),
             share_text(shares[r["id"]]) + (" !" if r["finding"] else "")]
            for r in records]
    notes = [LINEAR_SCALING] if any(r.metric == "time to train" for r in chosen) \
        else []
    notes.extend(share_notes(shares.values()))
    unmatched = sorted({r.accelerator for r in chosen if index.match(r).entry is None})
    if unmatched:
        notes.append(f"accelerators no product is matched to ({len(unmatched)}): " +
                     "; ".join(f"{name!r}: {index.match_named(name).why}"
                               for name in unmatched))
    if not results:
        notes.append("no measured results loaded: import them with 'chipcmp import mlperf "
                     "DIR...' and load the catalog with --catalog")
    table = Table(f"measured results: {len(records)} of {len(results)}",
                  ["round", "division", "submitter", "system", "accelerator", "n",
                   "benchmark", "scenario", "value", "per accelerator", "share of peak"],
                  rows, ["l"] * 6 + ["l", "l", "r", "r", "l"], notes)
    summary = f"{len(records)} measured result(s) of {len(results)}"
    return Result([table], RESULT_COLUMNS, records, summary=summary)


def result_record(view: Any, index: measured.MeasuredIndex, r: Any) -> dict[str, Any]:
    """One measured result as a record: its fields, the product it is, its share of peak."""
    match = index.match(r)
    return {"round": r.round, "division": r.division, "submitter": r.submitter,
            "system": r.system, "accelerator": r.accelerator,
            "accelerators": r.accelerators, "benchmark": r.benchmark,
            "scenario": r.scenario, "metric": r.metric, "value": r.value, "unit": r.unit,
            "per_accelerator": measured.per_accelerator(r), "valid": r.valid,
            "source": r.source, "id": r.id,
            "product": match.entry.id if match.entry else None,
            "product_unmatched_because": None if match.entry else match.why,
            "precision": r.precision,
            **share_fields(measured.delivered(view, match.entry, r))}


def best_of_product(index: measured.MeasuredIndex, entry: Any) -> dict[tuple[str, str], Any]:
    """A product's best valid result per (benchmark, scenario), by its per-accelerator
    value (the order `results` gives)."""
    best: dict[tuple[str, str], Any] = {}
    for r in measured.select([r for r in index.exactly(entry) if r.valid]):
        best.setdefault((r.benchmark, r.scenario), r)
    return best


def product_results_table(view: Any, index: measured.MeasuredIndex, entry: Any) -> Table | None:
    """`show`'s block: the product's best measured result per benchmark and scenario."""
    best = best_of_product(index, entry)
    if not best:
        return None
    shares = {r.id: measured.delivered(view, entry, r) for r in best.values()}
    rows = [[r.benchmark, r.scenario, f"{r.round} {r.division}", f"{r.submitter} {r.system}",
             str(r.accelerators), f"{format_number(r.value, 6)} {r.unit}",
             _per(r), share_text(shares[r.id]) + (" !" if shares[r.id].finding else "")]
            for r in best.values()]
    total = len(index.exactly(entry))
    notes = [f"the best of {total} result(s) per benchmark and scenario (all of them: "
             f"chipcmp results --product {entry.id})"]
    notes.extend(share_notes(shares.values()))
    return Table("measured results (MLPerf), best per accelerator",
                 ["benchmark", "scenario", "round", "system", "n", "value", "per accelerator",
                  "share of peak"], rows, ["l"] * 5 + ["r", "r", "l"], notes)


def compare_results_table(view: Any, index: measured.MeasuredIndex, entries: list[Any],
                          precision: str) -> Table | None:
    """`compare`'s block: each benchmark and scenario measured for any of the products,
    with each one's best per-accelerator value and its share of peak at the precision
    compared."""
    best = [best_of_product(index, entry) for entry in entries]
    keys = sorted({key for found in best for key in found})
    if not keys:
        return None
    rows = []
    for key in keys:
        row = [key[0], key[1]]
        for entry, found in zip(entries, best):
            r = found.get(key)
            if r is None:
                row.append("-")
                continue
            shares = {s.precision: s for s in measured.delivered(view, entry, r).shares}
            at = shares.get(precision)
            whole = measured.per_accelerator(r) is None and r.accelerators > 1
            row.append(_per(r) + (f" ({at.share:.0%} of {precision} peak)" if at else "")
                       + (f" ({r.accelerators} accelerators)" if whole else "")
                       + f" [{r.round}]")
        rows.append(row)
    return Table("measured (MLPerf): best per accelerator",
                 ["benchmark", "scenario", *[e.id for e in entries]], rows,
                 ["l", "l"] + ["r"] * len(entries),
                 ["per accelerator: a throughput over the accelerators, a time to train "
                  "times them (linear scaling assumed); a latency as measured"])


def _per(r: Any) -> str:
    value = measured.per_accelerator(r)
    unit = "accelerator-min" if r.metric == "time to train" else r.unit
    return f"{format_number(r.value if value is None else value, 5)} {unit}"


def share_fields(found: measured.Delivered) -> dict[str, Any]:
    """The share of peak as record fields (JSON and CSV)."""
    return {"share_of_peak": [{"precision": s.precision, "share": round(s.share, 6),
                               "peak_tops": s.peak / 1e12, "delivered_tops":
                               round(s.delivered / 1e12, 6), "stated": s.stated}
                              for s in found.shares] or None,
            "share_of_peak_none_because": found.why_none or None,
            "finding": found.finding or None}


def share_text(found: measured.Delivered) -> str:
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
        notes.append("share of peak: samples/s per accelerator x operations a sample over "
                     "the accelerator's dense peak, at the precision the result states, "
                     "else at each it may have run (the share at the precision run is one "
                     "of them; '!' marks a finding); operations a sample from " + "; ".join(
                         f"{title} ({f.ops_source.url})" for title, f in cited.items()))
    notes.extend(f"finding: {f.finding}" for f in found if f.finding)
    return notes
