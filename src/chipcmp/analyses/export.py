"""`chipcmp export`'s answer as data: one record per product, stable columns with the
unit in the name, each figure the one `rank` takes."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from chipcmp.analyses import filters, metrics
from chipcmp.analyses.metrics import omission_counts
from chipcmp.analyses.records import IDENTITY_COLUMNS, identity, number
from chipcmp.catalog.view import View
from chipcmp.figures import select as figures
from chipcmp.figures.select import Omission, Pick, Request
from chipcmp.model import precision


@dataclass(frozen=True)
class Export:
    """Every product the filter admits as a record of `columns` (bare numbers, empty for
    missing); the peak columns made (one a precision family present), the efficiency
    column, how many products have it and why the others do not (codes and counts), and
    how many the filter left out, by reason."""

    columns: list[str]
    records: list[dict[str, Any]]
    peak_columns: list[str]
    efficiency_column: str
    rated: int
    not_rated: dict[str, int]
    left_out: dict[str, int]


def _family_columns(view: View) -> list[str]:
    """The families a peak column is made for: each family a dense figure of the view
    belongs to (both of an either-label's), in vocabulary order."""
    labels = {s.figure.precision for entry in view for s in entry.compute
              if not s.figure.sparse}
    return sorted({f for label in labels for f in precision.families(label)},
                  key=precision.sort_key)


def export(view: View, request: Request, where: filters.Filter | None = None) -> Export:
    """One row per product, stable columns: for each precision family, the figure `rank`
    takes at that family (figures.compute, with the request's options: from parts, an
    either-label, marked derived), the power it divides by, and TOPS/W at the request's
    precision by the rank rule."""
    labels = _family_columns(view)
    peak_names = [f"peak_{label.replace('.', '_').replace('/', '_')}_"
                  f"{precision.unit_of(label).lower()}" for label in labels]
    efficiency = metrics.METRICS["tops-per-watt"]
    eff_column = efficiency.column(request)
    columns = list(IDENTITY_COLUMNS)
    for name in peak_names:
        columns += [name, f"{name}_bound"]
    columns += ["power_w", "power_w_bound", "power_kind", "power_scope", eff_column,
                f"{eff_column}_bound", "process_nm", "price_usd", "sources"]
    columns += [f"{name}_unit" for name in peak_names]
    columns += [f"{name}_derived" for name in peak_names]
    columns += [f"{eff_column}_derived", "not_rated_because", "not_rated_code", "released",
                "memory_gb",
                "memory_gb_bound", "bandwidth_gb_s", "bandwidth_gb_s_bound", "catalogs",
                "group", "conflicts", "measured_results", f"bytes_per_op_{request.precision.tag}",
                "release", "release_detail"]
    # How many measured results (MLPerf) are of the product; empty when none are loaded
    # ('chipcmp results --product ID' lists them).
    index = None
    if view.catalog.results:
        from chipcmp.analyses.measured import index_of

        index = index_of(view)
    records, omissions, left_out = [], [], Counter()
    for entry in view:
        why = where.why_not(view, entry, request) if where is not None else None
        if why is not None:
            left_out[why] += 1
            continue
        record: dict[str, Any] = identity(entry)
        conflicts: list[str] = []
        for label, name in zip(labels, peak_names):
            pick = figures.compute(view, entry, request.at(precision.family_query(label)))
            chosen = pick if isinstance(pick, Pick) else None
            record[name] = chosen.value.value if chosen else None
            record[f"{name}_bound"] = chosen.value.bound if chosen else None
            record[f"{name}_derived"] = chosen.value.derived if chosen else None
            record[f"{name}_unit"] = chosen.figure.figure.unit \
                if chosen and chosen.figure is not None else None
            if chosen and chosen.conflicts:
                conflicts.append(f"{label}: {chosen.conflict_text}")
        power = figures.power(view, entry, entry.scope, request)  # what rank divides by
        chosen_power = power if isinstance(power, Pick) else None
        record.update({
            "power_w": chosen_power.value.value if chosen_power else None,
            "power_w_bound": chosen_power.value.bound if chosen_power else None,
            "power_kind": chosen_power.figure.figure.kind if chosen_power else None,
            "power_scope": chosen_power.scope if chosen_power else None,
        })
        if chosen_power and chosen_power.conflicts:
            conflicts.append(f"power: {chosen_power.conflict_text}")
        rated = efficiency.evaluate(view, entry, request)
        omissions.append(rated if isinstance(rated, Omission) else None)
        rated_pick = rated if isinstance(rated, Pick) else None
        record[eff_column] = number(rated_pick.value) if rated_pick else None
        record[f"{eff_column}_bound"] = rated_pick.value.bound if rated_pick else None
        record[f"{eff_column}_derived"] = rated_pick.value.derived if rated_pick else None
        record["not_rated_because"] = rated.detail if isinstance(rated, Omission) else None
        record["not_rated_code"] = rated.code if isinstance(rated, Omission) else None
        process = figures.process(view, entry)
        record["process_nm"] = process.value.value if isinstance(process, Pick) else None
        price = figures.price(view, entry)
        record["price_usd"] = price.value.value if isinstance(price, Pick) else None
        record["sources"] = ";".join(sorted(entry.cited_sources)) or None
        record["released"] = filters.release_date(entry)
        release = filters.release(entry)
        record["release"], record["release_detail"] = release.state, release.detail or None
        for key, figure in (("memory_gb", figures.memory_capacity),
                            ("bandwidth_gb_s", figures.memory_bandwidth)):
            found = figure(view, entry, request)  # the figure `rank --metric memory|bandwidth` takes
            record[key] = found.value.value if isinstance(found, Pick) else None
            record[f"{key}_bound"] = found.value.bound if isinstance(found, Pick) else None
        moved = metrics.bytes_per_op(view, entry, request)
        record[f"bytes_per_op_{request.precision.tag}"] = number(moved.value) \
            if isinstance(moved, Pick) else None
        record["catalogs"] = ";".join(c.name for c in entry.catalogs)
        record["group"] = ";".join(entry.ids) if len(entry.ids) > 1 else None
        record["conflicts"] = " | ".join(conflicts) or None
        record["measured_results"] = None if index is None else \
            sum(1 for r in index.exactly(entry) if r.valid)
        records.append({column: record.get(column) for column in columns})
    rated = sum(o is None for o in omissions)
    return Export(columns, records, peak_names, eff_column, rated,
                  omission_counts(omissions), dict(left_out))
