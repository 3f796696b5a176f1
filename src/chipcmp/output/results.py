"""What a command produces, as data: tables for people, records for scripts, a summary
line. Formatters (formats.py) turn a Result into text; nothing here prints."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Table:
    """A table for people: headers, display strings, a title and notes under it."""

    title: str
    headers: list[str]
    rows: list[list[str]]
    align: list[str] = field(default_factory=list)  # "l" or "r" per column
    notes: list[str] = field(default_factory=list)
    whole: tuple[str, ...] = ("id",)  # columns never broken across lines (ids are copied)
    # Columns a terminal too narrow for the table leaves out, the first first (a note says
    # which; csv, json and a wider terminal show them).
    droppable: tuple[str, ...] = ()
    # Columns whose text wraps onto more lines when the terminal is narrow (names); the
    # others are cut with an ellipsis there, so a row stays one line.
    wrap: tuple[str, ...] = ()
    # The column whose cells head the columns when a terminal too narrow for the table
    # draws it turned, one column a row (products side by side: compare).
    pivot: str | None = None


@dataclass
class Result:
    """One command's answer.

    blocks: for people, in order: tables, and preformatted text (problem lines, claim
    arithmetic, a text plot);
    columns and records: one row per item for CSV and JSON, stable column order;
    document: what JSON gives instead of the records, when the answer is one object;
    summary: one line for stderr (counts, what was left out).
    """

    blocks: list[Table | str] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)
    records: list[dict[str, Any]] = field(default_factory=list)
    document: Any = None
    summary: str | None = None
    header: str | None = None   # the catalogs used, with dates and terms (table format)
