"""Reading a CSV file that may be damaged: every row is parsed or reported, never lost,
never the cause of a crash.

RFC 4180 with the usual leniency: a byte-order mark is dropped; lines end in CRLF or LF,
and a carriage return alone is text, not a line break (damage inside a cell must not cut
a row in two and shift every line number after it); a quoted cell may hold separators,
quotes ("") and line breaks; a quote inside an unquoted cell is text. Each row and each cell knows the 1-based line and column where it
starts (a quoted cell over several lines keeps its first line).

What cannot be read is a Problem with that place, and the row it is in is left out:
- a row with fewer or more cells than the header (short-row, long-row), and the last
  row short or cut inside a quoted cell (truncated: the file ends inside the row);
- text after a closing quote (bad-quote); a NUL character (nul-byte);
- a cell over MAX_CELL characters (cell-too-large);
- a header that names a column twice (duplicate-column).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from chipcmp.model.problems import Problem, error

MAX_CELL = 65_536  # characters in one cell; notes in the public datasets stay under 2,000

_UNQUOTED = re.compile(r'(?:[^,\r\n]|\r(?!\n))*')
_QUOTED_BODY = re.compile(r'(?:[^"]|"")*')
_REST_OF_LINE = re.compile(r"(?:[^\r\n]|\r(?!\n))*")


@dataclass
class CsvRow:
    line: int                              # where the row starts
    cells: list[str]
    places: list[tuple[int, int]]          # (line, col) where each cell starts
    problem: Problem | None = None         # why the row cannot be used, if it cannot


@dataclass
class CsvTable:
    path: str
    header: list[str] = field(default_factory=list)
    rows: list[CsvRow] = field(default_factory=list)       # data rows, usable or not
    problems: list[Problem] = field(default_factory=list)  # header and file problems
    text: str = ""                                         # what was read (quotes cite it)

    def column(self, name: str) -> int | None:
        """The index of a column (its first occurrence), or None."""
        try:
            return self.header.index(name)
        except ValueError:
            return None


class _Cursor:
    """Position in the text, with line and column kept as it moves."""

    def __init__(self, text: str):
        self.text, self.pos, self.line, self.line_start = text, 0, 1, 0

    @property
    def col(self) -> int:
        return self.pos - self.line_start + 1

    def advance_to(self, end: int) -> None:
        chunk = self.text[self.pos:end]
        breaks = chunk.count("\n")  # CRLF and LF alike
        if breaks:
            last = chunk.rfind("\n")
            self.line += breaks
            self.line_start = self.pos + last + 1
        self.pos = end

    def at_line_end(self) -> bool:
        text, pos = self.text, self.pos
        return pos >= len(text) or text.startswith("\n", pos) or text.startswith("\r\n", pos)

    def skip_line_end(self) -> None:
        text = self.text
        if text.startswith("\r\n", self.pos):
            end = self.pos + 2
        elif text.startswith("\n", self.pos):
            end = self.pos + 1
        else:
            return
        self.pos = end
        self.line += 1
        self.line_start = end

    def skip_rest_of_line(self) -> None:
        match = _REST_OF_LINE.match(self.text, self.pos)
        self.pos = match.end()
        self.skip_line_end()


def _parse(path: str, text: str) -> list[CsvRow]:
    """Rows as written (the header first), each with the problem that spoils it."""
    cursor, rows = _Cursor(text), []
    while cursor.pos < len(text):
        if cursor.at_line_end():  # a blank line
            cursor.skip_line_end()
            continue
        row = CsvRow(cursor.line, [], [])
        while True:
            place = (cursor.line, cursor.col)
            if text.startswith('"', cursor.pos):
                body = _QUOTED_BODY.match(text, cursor.pos + 1)
                close = body.end()
                if close >= len(text):  # no closing quote before the end of the file
                    row.problem = error(path, row.line, 1, "truncated",
                                        f"the file ends inside the quoted cell that starts at "
                                        f"line {place[0]}, column {place[1]}: the row that "
                                        f"starts at line {row.line} is cut off")
                    cursor.advance_to(len(text))
                    break
                cell = body.group().replace('""', '"')
                cursor.advance_to(close + 1)
                if not (cursor.at_line_end() or text.startswith(",", cursor.pos)):
                    row.problem = row.problem or error(
                        path, cursor.line, cursor.col, "bad-quote",
                        "text after the closing quote of a cell; quote the whole cell, "
                        'and double a quote inside it ("")')
                    cursor.skip_rest_of_line()
                    break
            else:
                match = _UNQUOTED.match(text, cursor.pos)
                cell = match.group()
                cursor.advance_to(match.end())
            row.cells.append(cell)
            row.places.append(place)
            if row.problem is None and "\x00" in cell:
                row.problem = error(path, place[0], place[1], "nul-byte",
                                    "a NUL character in the cell: the file is damaged here")
            if row.problem is None and len(cell) > MAX_CELL:
                row.problem = error(path, place[0], place[1], "cell-too-large",
                                    f"a cell of {len(cell)} characters, over the limit of "
                                    f"{MAX_CELL}")
            if text.startswith(",", cursor.pos):
                cursor.pos += 1
                continue
            cursor.skip_line_end()
            break
        rows.append(row)
    return rows


def read(path: str, text: str) -> CsvTable:
    """The header and the data rows of a CSV text; each row usable or with its problem."""
    text = text[1:] if text.startswith("\ufeff") else text
    table = CsvTable(path, text=text)
    rows = _parse(path, text)
    if not rows:
        table.problems.append(error(path, 1, 1, "empty-file", "the file holds no header row"))
        return table
    head, data = rows[0], rows[1:]
    if head.problem is not None:
        table.problems.append(head.problem)
    table.header = [cell.strip() for cell in head.cells]
    seen: dict[str, int] = {}
    for index, name in enumerate(table.header):
        if name in seen and name:
            line, col = head.places[index]
            table.problems.append(error(path, line, col, "duplicate-column",
                                        f"column {name!r} again (first as column "
                                        f"{seen[name] + 1}); the first is read"))
        seen.setdefault(name, index)
    width = len(table.header)
    for position, row in enumerate(data):
        if row.problem is None and len(row.cells) != width:
            last = position == len(data) - 1
            short = len(row.cells) < width
            code = "truncated" if last and short else "short-row" if short else "long-row"
            message = (f"{len(row.cells)} cells where the header has {width}"
                       + (": the file ends inside the row that starts here" if code ==
                          "truncated" else ""))
            row.problem = error(path, row.line, 1, code, message)
        table.rows.append(row)
    return table


def decode(raw: bytes, path: str) -> tuple[str | None, list[Problem]]:
    """UTF-8 text, or a located problem at the first byte that is not UTF-8."""
    from chipcmp.read.yamlfile import decode as decode_utf8

    return decode_utf8(raw, path)
