"""`chipcmp compare`'s answer rendered: products side by side at one precision, with
ratios against the first."""

from __future__ import annotations

from typing import TYPE_CHECKING

from chipcmp.analyses.filters import release
from chipcmp.output.answers.common import (IDENTITY_COLUMNS, describe_request, legends,
                                           identity, number, shown)
from chipcmp.output.answers.results import compare_results_table
from chipcmp.output.results import Result, Table

if TYPE_CHECKING:
    from chipcmp.analyses.compare import SideBySide

HEADERS = ["id", "name", "kind", "scope", "{unit}", "W", "{unit}/W", "{unit} vs first",
           "{unit}/W vs first", "GB", "GB/s", "B/op", "marks", "missing"]
ALIGN = ["l", "l", "l", "l", "r", "r", "r", "r", "r", "r", "r", "r", "l", "l"]
OPTIONAL = ("GB", "GB/s", "B/op", "marks", "missing")  # shown when any product has it


def compare_result(found: SideBySide) -> Result:
    from chipcmp.analyses.compare import value_of

    query = found.request.precision
    peak_col, eff_col = found.peak_column, found.efficiency_column
    per_op_col = f"bytes_per_op_{query.tag}"
    columns = [*IDENTITY_COLUMNS, peak_col, f"{peak_col}_bound", "power_w", "power_w_bound",
               eff_col, f"{eff_col}_bound", f"{peak_col}_vs_first",
               f"{peak_col}_vs_first_bound", f"{eff_col}_vs_first", f"{eff_col}_vs_first_bound",
               "notes", "scope", "scope_differs", "basis", "conflicts", "memory_gb",
               "memory_gb_bound", "bandwidth_gb_s", "bandwidth_gb_s_bound", per_op_col,
               "release"]
    records, rows = [], []
    for product in found.products:
        values = {name: value_of(getattr(product, name)) for name in (
            "peak", "power", "efficiency", "memory", "bandwidth", "bytes_per_op")}
        ratios = {f"{peak_col}_vs_first": product.peak_vs_first,
                  f"{eff_col}_vs_first": product.efficiency_vs_first}
        named = {peak_col: values["peak"], "power_w": values["power"],
                 eff_col: values["efficiency"], **ratios, "memory_gb": values["memory"],
                 "bandwidth_gb_s": values["bandwidth"]}
        record = identity(product.entry)
        released = release(product.entry)
        for name, value in named.items():
            record[name] = number(value)
            record[f"{name}_bound"] = value.bound if value else None
        record.update({"notes": "; ".join(product.missing) or None,
                       "scope": product.entry.scope, "scope_differs": product.scope_differs,
                       "basis": product.basis, "conflicts": product.conflicts,
                       per_op_col: number(values["bytes_per_op"]),
                       "release": released.state})
        records.append({column: record[column] for column in columns})
        mark = "†" if product.scope_differs else ""
        rows.append([product.entry.id, product.entry.name, product.entry.kind,
                     product.entry.scope,
                     shown(values["peak"]) + (mark if values["peak"] else ""),
                     shown(values["power"]) + (mark if values["power"] else ""),
                     shown(values["efficiency"]),
                     shown(product.peak_vs_first, "x") + (mark if product.peak_vs_first
                                                          else ""),
                     shown(product.efficiency_vs_first, "x"), shown(values["memory"]),
                     shown(values["bandwidth"]), shown(values["bytes_per_op"]),
                     ", ".join(m for m in (released.mark,
                                           "conflict" if product.conflicts else "") if m),
                     "; ".join(product.missing)])
    ids = [p.entry.id for p in found.products]
    return Result([_table(found, rows, records), *_measured(found, ids)], columns, records)


def _table(found: SideBySide, rows: list[list[str]], records: list[dict]) -> Table:
    unit = found.request.precision.unit
    headers = [h.format(unit=unit) for h in HEADERS]
    keep = [i for i, h in enumerate(HEADERS) if h not in OPTIONAL
            or any(row[i] not in ("", "-") for row in rows)]
    first = found.first.entry
    notes = list(found.notes)
    notes.extend(legends(cell for row in rows for cell in row))
    if any(r["scope_differs"] for r in records):
        notes.append(f"† at another scope than {first.id}'s ({first.scope}): a chip's "
                     "figures beside an accelerator's (card or module) or a system's are not "
                     "like for like; TOPS/W is "
                     "each product's own, compute and power of one scope")
    if any(r["conflicts"] for r in records):
        notes.append("conflict: another source gives a different figure (chipcmp show ID)")
    notes.append("basis: " + " | ".join(f"{r['id']}: {r['basis']}" for r in records
                                        if r["basis"]))
    title = (f"compare at {describe_request(found.request)} ({unit}; ratios against "
             f"{first.id})")
    return Table(title, [headers[i] for i in keep], [[row[i] for i in keep] for row in rows],
                 [ALIGN[i] for i in keep], notes, pivot="name")


def _measured(found: SideBySide, ids: list[str]) -> list[Table]:
    table = compare_results_table(found.measured, ids, str(found.request.precision))
    return [table] if table is not None else []
