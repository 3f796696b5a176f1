"""`chipcmp compare`'s answer: products side by side at one precision, with ratios
against the first."""

from __future__ import annotations

from typing import Any

from chipcmp.figures import select as figures
from chipcmp.analyses import metrics
from chipcmp.model.bounds import Bounded, divide
from chipcmp.figures.select import Omission, Pick, Request
from chipcmp.model.problems import UsageError
from chipcmp.output.results import Result, Table
from chipcmp.catalog.view import View
from chipcmp.output.answers.common import IDENTITY_COLUMNS, LEGEND, conflict_text, describe_request, identity, number, shown


# --------------------------------------------------------------------------- compare
def compare_result(view: View, ids: list[str], request: Request) -> Result:
    if len(ids) < 2:
        raise UsageError("compare needs at least two product ids")
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    if repeated:
        raise UsageError(f"{repeated[0]} is named twice: compare sets different products "
                         "side by side")
    entries = [view.get(product_id) for product_id in ids]
    notes = []
    same = [(a, b) for n, a in enumerate(ids) for b in ids[n + 1:]
            if view.get(a) is view.get(b)]
    if same:  # two records of one product: set the sources side by side
        entries = [view.record_entry(product_id) for product_id in ids]
        notes.extend(f"{a} and {b} are one product in the merged view: compared record "
                     "against record" for a, b in same)
    query = request.precision
    unit = query.unit
    peak_col = metrics.METRICS["tops"].column(query)
    eff_col = metrics.METRICS["tops-per-watt"].column(query)
    columns = [*IDENTITY_COLUMNS, peak_col, f"{peak_col}_bound", "power_w", "power_w_bound",
               eff_col, f"{eff_col}_bound", f"{peak_col}_vs_first",
               f"{peak_col}_vs_first_bound", f"{eff_col}_vs_first", f"{eff_col}_vs_first_bound",
               "notes", "scope", "scope_differs", "basis", "conflicts", "memory_gb",
               "memory_gb_bound", "bandwidth_gb_s", "bandwidth_gb_s_bound",
               f"bytes_per_op_{query.tag}"]
    values = []
    for entry in entries:
        peak = figures.compute(view, entry, request)
        power = figures.power(view, entry, entry.scope, request)
        eff = metrics.per_watt(view, entry, request)
        values.append((entry, peak, power, eff))
    first_scope = entries[0].scope
    first_peak, first_eff = values[0][1], values[0][3]
    records, rows = [], []
    for entry, peak, power, eff in values:
        held = figures.memory_capacity(view, entry)
        moved = figures.memory_bandwidth(view, entry)
        per_op = metrics.bytes_per_op(view, entry, request)
        held_v = held.value if isinstance(held, Pick) else None
        moved_v = moved.value if isinstance(moved, Pick) else None
        per_op_v = per_op.value if isinstance(per_op, Pick) else None
        peak_v = peak.value if isinstance(peak, Pick) else None
        power_v = power.value if isinstance(power, Pick) else None
        eff_v = eff.value if isinstance(eff, Pick) else None
        peak_ratio = _ratio(peak_v, first_peak)
        eff_ratio = _ratio(eff_v, first_eff)
        differs = entry.scope != first_scope
        missing = [str(n) for n in (peak, power, eff) if isinstance(n, Omission)]
        missing = list(dict.fromkeys(missing))
        conflicts = "; ".join(t for t in (conflict_text(p) for p in (peak, power)
                                          if isinstance(p, Pick)) if t) or None
        records.append({
            **identity(entry), peak_col: number(peak_v),
            f"{peak_col}_bound": peak_v.bound if peak_v else None,
            "power_w": number(power_v), "power_w_bound": power_v.bound if power_v else None,
            eff_col: number(eff_v), f"{eff_col}_bound": eff_v.bound if eff_v else None,
            f"{peak_col}_vs_first": number(peak_ratio),
            f"{peak_col}_vs_first_bound": peak_ratio.bound if peak_ratio else None,
            f"{eff_col}_vs_first": number(eff_ratio),
            f"{eff_col}_vs_first_bound": eff_ratio.bound if eff_ratio else None,
            "notes": "; ".join(missing) or None, "scope": entry.scope,
            "scope_differs": differs,
            "basis": "; ".join(p.basis for p in (peak, power) if isinstance(p, Pick)) or None,
            "conflicts": conflicts,
            "memory_gb": number(held_v), "memory_gb_bound": held_v.bound if held_v else None,
            "bandwidth_gb_s": number(moved_v),
            "bandwidth_gb_s_bound": moved_v.bound if moved_v else None,
            f"bytes_per_op_{query.tag}": number(per_op_v),
        })
        mark = "†" if differs else ""
        rows.append([entry.id, entry.kind, entry.scope, shown(peak_v) + (mark if peak_v else ""),
                     shown(power_v) + (mark if power_v else ""), shown(eff_v),
                     shown(peak_ratio, "x") + (mark if peak_ratio else ""),
                     shown(eff_ratio, "x"), shown(held_v), shown(moved_v), shown(per_op_v),
                     "conflict" if conflicts else "", "; ".join(missing)])
    headers = ["id", "kind", "scope", unit, "W", f"{unit}/W", f"{unit} vs first",
               f"{unit}/W vs first", "GB", "GB/s", "B/op", "marks", "missing"]
    optional = ("GB", "GB/s", "B/op", "marks", "missing")  # shown when any product has it
    keep = [i for i, h in enumerate(headers) if h not in optional
            or any(row[i] not in ("", "-") for row in rows)]
    notes.append("* derived (see basis); " + LEGEND)
    if any(r["scope_differs"] for r in records):
        notes.append(f"† at another scope than {ids[0]}'s ({first_scope}): a chip's figures "
                     "beside a card's or a system's are not like for like; TOPS/W is each "
                     "product's own, compute and power of one scope")
    if any(r["conflicts"] for r in records):
        notes.append("conflict: another source gives a different figure (chipcmp show ID)")
    notes.append("basis: " + " | ".join(f"{r['id']}: {r['basis']}" for r in records
                                        if r["basis"]))
    title = f"compare at {describe_request(request)} ({unit}; ratios against {ids[0]})"
    table = Table(title, [headers[i] for i in keep], [[row[i] for i in keep] for row in rows],
                  [["l", "l", "l", "r", "r", "r", "r", "r", "r", "r", "r", "l", "l"][i]
                   for i in keep], notes)
    blocks: list[Table] = [table]
    if view.catalog.results:
        from chipcmp.analyses.measured import index_of
        from chipcmp.output.answers.results import compare_results_table

        index = index_of(view)
        measured_table = compare_results_table(view, index, entries, str(query))
        if measured_table is not None:
            blocks.append(measured_table)
    return Result(blocks, columns, records)


def _ratio(value: Bounded | None, first: Any) -> Bounded | None:
    if value is None or not isinstance(first, Pick):
        return None
    return divide(value, first.value)


