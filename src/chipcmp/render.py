"""Renderers: one set of rows, four forms (plain text table, rich table, CSV, JSON).

Renderers return text (or draw on a rich Console handed to them); they never decide
where output goes. Machine formats carry bare values: numbers as numbers, missing as
empty (CSV) or null (JSON), text cells that a spreadsheet would run as a formula
neutralised in CSV.
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Sequence

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class Table:
    """A table for people: headers, display strings, a title and notes under it."""

    title: str
    headers: list[str]
    rows: list[list[str]]
    align: list[str] = field(default_factory=list)  # "l" or "r" per column
    notes: list[str] = field(default_factory=list)


def display_width(text: str) -> int:
    """Terminal cells: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int, align: str) -> str:
    gap = " " * (width - display_width(text))
    return gap + text if align == "r" else text + gap


def to_text(table: Table) -> str:
    """A plain, aligned table for pipes and tests: no colour, no box drawing."""
    align = table.align or ["l"] * len(table.headers)
    widths = [max([display_width(h)] + [display_width(r[i]) for r in table.rows])
              for i, h in enumerate(table.headers)]
    lines = [table.title] if table.title else []
    lines.append("  ".join(_pad(h, w, a) for h, w, a in zip(table.headers, widths, align))
                 .rstrip())
    lines.append("  ".join("-" * w for w in widths))
    for row in table.rows:
        lines.append("  ".join(_pad(c, w, a) for c, w, a in zip(row, widths, align)).rstrip())
    lines.extend(table.notes)
    return "\n".join(lines) + "\n"


def print_rich(table: Table, console: Any) -> None:
    """The same table drawn by rich, for a terminal."""
    from rich.table import Table as RichTable

    rich_table = RichTable(title=table.title, title_justify="left", highlight=False)
    align = table.align or ["l"] * len(table.headers)
    for header, side in zip(table.headers, align):
        rich_table.add_column(header, justify="right" if side == "r" else "left",
                              overflow="fold")
    for row in table.rows:
        rich_table.add_row(*row)
    console.print(rich_table)
    for note in table.notes:
        console.print(note, highlight=False, markup=False)


def neutralise(cell: Any) -> Any:
    """Keep a spreadsheet from running text as a formula (numbers pass untouched)."""
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return "'" + cell
    return cell


def to_csv(columns: Sequence[str], records: Sequence[dict[str, Any]]) -> str:
    """RFC 4180 CSV (CRLF line ends, quoting as needed), empty cells for missing values."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for record in records:
        writer.writerow(["" if record.get(c) is None else _csv_cell(record.get(c))
                         for c in columns])
    return buffer.getvalue()


def _csv_cell(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)  # the shortest text that reads back to the same float
    return neutralise(value)


def to_json(records: Any) -> str:
    return json.dumps(records, ensure_ascii=False, indent=2) + "\n"
