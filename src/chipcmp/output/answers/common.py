"""What every command's answer shares: the identity columns, bounds and marks as shown,
the legends, the text of a figure and of what was taken."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from chipcmp.analyses.filters import release
from chipcmp.analyses.records import IDENTITY_COLUMNS, identity, number  # noqa: F401
from chipcmp.model.bounds import Bounded, render

if TYPE_CHECKING:
    from chipcmp.catalog.view import Entry
    from chipcmp.figures.select import Pick, Request


LEGEND = ">= at least, <= at most, ~ approximate, ? no bound (a ratio of two minima)"
UNRANKED_SHOWN = 12  # products listed by name under a table; the counts cover all
DERIVED_LEGEND = ("* derived: from parts, halved from sparse, an assumed precision, or a "
                  "figure the source gives for either of two precisions (see basis)")


def shown(value: Bounded | None, suffix: str = "") -> str:
    if value is None:
        return "-"
    return render(value) + suffix + ("*" if value.derived else "")


def describe_request(request: Request, uses_precision: bool = True) -> str:
    return request.describe() if uses_precision else ""


def marks(pick: Pick | None, entry: Entry) -> list[str]:
    """Words for what a value carries besides its number: a part not released, sources
    that disagree, a flagged figure, a name that may be one of several products."""
    found = []
    unreleased = release(entry).mark
    if unreleased:
        found.append(unreleased)
    if pick is not None and pick.conflicts:
        found.append("conflict")
    if pick is not None and pick.flagged is not None:
        found.append("flagged")
    if entry.ambiguous:
        found.append("ambiguous")
    return found


def conflict_text(pick: Pick | None) -> str | None:
    return pick.conflict_text if pick is not None else None


def taken(picks: Iterable[Pick]) -> str:
    """What a ranking took: 'int8 matrix 2, int8 unit unstated 1, from parts 2'."""
    counts: Counter[str] = Counter()
    for pick in picks:
        figure = pick.figure
        if figure is None or figure.field != "compute":
            counts["from parts" if figure is None else "stated efficiency"] += 1
        else:
            counts[f"{figure.figure.precision} {figure.figure.unit or 'unit unstated'}"] += 1
    return ", ".join(f"{what} {n}" for what, n in sorted(counts.items()))


def catalogs_header(view: Any) -> str:
    """'catalogs: bundled (curated, as of ...); epoch-hardware (Epoch AI ..., as of
    2026-03-31; CC BY 4.0); ...': each catalog used with its date and terms, then any
    bundled snapshot that a user's file of the same dataset replaced."""
    parts = []
    for info in sorted(view.infos.values(), key=lambda i: i.position):
        what = [info.title or ("curated" if info.kind == "curated" else info.stem)]
        if info.snapshot:
            what.append(f"as of {info.snapshot}")
        terms = f"; {info.licence.split(' (')[0]}" if info.licence else ""
        parts.append(f"{info.name} ({', '.join(what)}{terms})")
    text = "catalogs: " + "; ".join(parts)
    for shipped, used in view.catalog.replaced.items():
        text += f"; {used} is used instead of the bundled snapshot {Path(shipped).name}"
    return text
