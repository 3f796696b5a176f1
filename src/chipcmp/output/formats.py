"""Output formats: one formatter per format, chosen from FORMATTERS by name; each renders
any Result (results.py). The CLI's --format choices come from this registry.

Machine formats carry bare values: numbers as numbers, missing as empty (CSV) or null
(JSON); a CSV text cell that a spreadsheet would run as a formula is neutralised.
On a terminal the table format is drawn by rich; piped, it is plain aligned text.
"""

from __future__ import annotations

import unicodedata
from typing import Any, Callable, Sequence

from chipcmp.output.results import Result, Table

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


# ------------------------------------------------------------------------------ table
def display_width(text: str) -> int:
    """Terminal cells: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int, align: str) -> str:
    gap = " " * (width - display_width(text))
    return gap + text if align == "r" else text + gap


def table_text(table: Table) -> str:
    """A plain, aligned table for pipes and tests: no colour, no box drawing."""
    align = table.align or ["l"] * len(table.headers)
    widths = [max([display_width(h)] + [display_width(r[i]) for r in table.rows])
              for i, h in enumerate(table.headers)]
    lines = [table.title] if table.title else []
    if table.headers:
        lines.append("  ".join(_pad(h, w, a) for h, w, a in zip(table.headers, widths, align))
                     .rstrip())
        lines.append("  ".join("-" * w for w in widths))
        for row in table.rows:
            lines.append("  ".join(_pad(c, w, a) for c, w, a in zip(row, widths, align))
                         .rstrip())
    lines.extend(table.notes)
    return "\n".join(lines) + "\n"


def to_table(result: Result) -> str:
    parts = ([result.header] if result.header else []) + \
        [table_text(b) if isinstance(b, Table) else b for b in result.blocks]
    return "\n".join(p if p.endswith("\n") else p + "\n" for p in parts if p)


def draw(result: Result, console: Any) -> None:
    """The table format on a terminal: tables drawn by rich, text as it is."""
    from rich import box
    from rich.table import Table as RichTable

    if result.header:
        console.print(result.header, markup=False, highlight=False, style="dim")
    for block in result.blocks:
        if not isinstance(block, Table):
            console.print(block.rstrip("\n"), markup=False, highlight=False)
            continue
        if block.pivot and _width(block, list(range(len(block.headers)))) > console.width:
            block = turned(block)
        shown, hidden = _fitted(block, console.width)
        narrow = bool(hidden) or _width(block, shown) > console.width
        # A light box: no vertical rules, so the columns take the width, not the lines.
        rich_table = RichTable(title=block.title or None, title_justify="left",
                               highlight=False, box=box.SIMPLE_HEAD, pad_edge=False,
                               show_edge=False)
        align = block.align or ["l"] * len(block.headers)
        for index in shown:
            header, side = block.headers[index], align[index]
            whole, wraps = header in block.whole, header in block.wrap
            # Too narrow: one line a row, cut with an ellipsis, so a screen shows rows;
            # but a value is never cut, and a name wraps rather than lose its end.
            rich_table.add_column(header, justify="right" if side == "r" else "left",
                                  overflow="fold" if wraps or not (whole or narrow)
                                  else "ellipsis",
                                  no_wrap=not wraps and (whole or narrow),
                                  min_width=_longest(block, index) if whole else None)
        for row in block.rows:
            rich_table.add_row(*(row[index] for index in shown))
        if block.headers:
            console.print(rich_table)
        elif block.title:
            console.print(block.title, markup=False, highlight=False)
        if hidden:
            console.print(f"not shown at {console.width} columns: {', '.join(hidden)} "
                          "(a wider terminal, chipcmp show ID, or --format csv or json "
                          "shows them)", highlight=False, markup=False, style="dim")
        for note in block.notes:
            console.print(note, highlight=False, markup=False)


def turned(table: Table) -> Table:
    """The table one column a row: its pivot column's cells head the columns, its other
    headers head the rows (a row whose cells are all empty is left out). Each cell may
    wrap; the header column stays whole."""
    key = table.headers.index(table.pivot)
    heads = [row[key] for row in table.rows]
    rows = [[header, *(row[index] for row in table.rows)]
            for index, header in enumerate(table.headers)
            if index != key and any(row[index] not in ("", "-") for row in table.rows)]
    return Table(table.title, ["", *heads], rows, ["l"] * (len(heads) + 1), table.notes,
                 whole=("",), wrap=tuple(heads))


def _longest(table: Table, index: int) -> int:
    return max([display_width(table.headers[index])] +
               [display_width(row[index]) for row in table.rows])


WRAPPED_WIDTH = 28  # the room a wrapping column (a name) is given before other columns


def _width(table: Table, shown: list[int]) -> int:
    """The cells a table of these columns takes: each column's longest cell (a wrapping
    column's, up to WRAPPED_WIDTH) and two of padding between columns."""
    return sum(min(_longest(table, index), WRAPPED_WIDTH)
               if table.headers[index] in table.wrap else _longest(table, index)
               for index in shown) + 2 * max(len(shown) - 1, 0)


def _fitted(table: Table, width: int) -> tuple[list[int], list[str]]:
    """The columns that fit `width`, leaving out the table's droppable ones in order
    until the rest fits; and the headers left out."""
    shown = list(range(len(table.headers)))
    hidden: list[str] = []
    for header in table.droppable:
        if _width(table, shown) <= width:
            break
        if header in table.headers:
            shown.remove(table.headers.index(header))
            hidden.append(header)
    return shown, hidden


# ------------------------------------------------------------------------------- csv
def neutralise(cell: Any) -> Any:
    """Keep a spreadsheet from running text as a formula (numbers pass untouched)."""
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return "'" + cell
    return cell


def csv_text(columns: Sequence[str], records: Sequence[dict[str, Any]]) -> str:
    """RFC 4180 CSV (CRLF line ends, quoting as needed), empty cells for missing values."""
    import csv
    import io

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
    if isinstance(value, (list, tuple)):
        return neutralise(";".join(str(v) for v in value))
    if isinstance(value, dict):
        return neutralise("; ".join(f"{k}: {v}" for k, v in value.items()))
    return neutralise(value)


def to_csv(result: Result) -> str:
    return csv_text(result.columns, result.records)


# ------------------------------------------------------------------------------ json
def json_text(value: Any) -> str:
    import json

    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"


def to_json(result: Result) -> str:
    return json_text(result.document if result.document is not None else result.records)


# ------------------------------------------------------------------------------ html
def to_html(result: Result) -> str:
    from chipcmp.output.html import result_page

    return result_page(result)


# --------------------------------------------------------------------------- registry
FORMATTERS: dict[str, Callable[[Result], str]] = {
    "table": to_table,
    "csv": to_csv,
    "json": to_json,
    "html": to_html,
}


def render(result: Result, name: str) -> str:
    return FORMATTERS[name](result)
