"""`chipcmp export`'s answer rendered: every record for CSV and JSON, a summary table for
people."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from chipcmp.analyses.filters import describe_left_out
from chipcmp.analyses.metrics import describe_counts
from chipcmp.model.bounds import with_bound
from chipcmp.model.units import format_number
from chipcmp.output.results import Result, Table

if TYPE_CHECKING:
    from chipcmp.analyses.export import Export


def export_result(found: Export) -> Result:
    not_rated = len(found.records) - found.rated
    summary = (f"{len(found.records)} products; {found.efficiency_column} for {found.rated}"
               + (f", not for {not_rated} ({describe_counts(found.not_rated)})"
                  if found.not_rated else "")
               + (f"; {describe_left_out(found.left_out)}" if found.left_out else ""))
    return Result([export_table(found.records, found.peak_columns, found.efficiency_column)],
                  found.columns, found.records, summary=summary)


def export_table(records: list[dict[str, Any]], peak_names: list[str], eff_column: str
                 ) -> Table:
    shown_columns = ["id", "kind", "segment", *peak_names, "power_w", eff_column, "process_nm"]
    rows = []
    for record in records:
        row = []
        for column in shown_columns:
            value = record.get(column)
            bound = record.get(f"{column}_bound")
            if value is None:
                row.append("-")
            elif isinstance(value, (int, float)):
                row.append(with_bound(format_number(value, 4), bound))
            else:
                row.append(str(value))
        rows.append(row)
    align = ["l", "l", "l"] + ["r"] * (len(shown_columns) - 3)
    return Table(f"{len(records)} products (the figures every command would choose; "
                 "- missing)", shown_columns, rows, align,
                 ["csv and json carry every column: chipcmp export --format csv"])
