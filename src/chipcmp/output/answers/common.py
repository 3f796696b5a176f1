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


DERIVED_LEGEND = ("* estimated: summed from parts, halved from a sparse figure, an assumed "
                  "precision, or a figure its source gives for either of two precisions "
                  "(the basis says which)")
# What each mark before a number means, in the words of a legend line.
BOUND_LEGENDS = {">=": "at least", "<=": "at most", "~": "approximate",
                 "?": "no bound (a ratio of two minima)"}
# What each word in a marks column means.
MARK_LEGENDS = {
    "announced": "not released yet (the date the sources give)",
    "roadmap": "planned, not released (the date the sources give)",
    "cancelled": "cancelled before release",
    "research": "a research chip, not a product",
    "unstated": "the sources give no release",
    "conflict": "sources disagree (chipcmp show ID lists them)",
    "flagged": "a figure found implausible, used because you asked (--include-flagged)",
    "ambiguous": "the name may be one of several products",
}


def shown(value: Bounded | None, suffix: str = "") -> str:
    if value is None:
        return "-"
    return render(value) + suffix + ("*" if value.derived else "")


def legends(cells: Iterable[str], mark_words: Iterable[str] = ()) -> list[str]:
    """The legend lines for the marks a table shows, and only those: bounds before
    numbers ('>= 4.5'), the estimate star, the words of a marks column."""
    cells = list(cells)
    lines = []
    bounds = [f"{symbol} {word}" for symbol, word in BOUND_LEGENDS.items()
              if any(c.startswith(symbol + " ") for c in cells)]
    if bounds:
        lines.append(", ".join(bounds))
    if any(c.endswith("*") for c in cells):
        lines.append(DERIVED_LEGEND)
    used = {word.split(":")[0] for words in mark_words for word in words.split(", ") if word}
    explained = [f"{word}: {text}" for word, text in MARK_LEGENDS.items() if word in used]
    if explained:
        lines.append("marks: " + "; ".join(explained))
    return lines


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
    """What a ranking took: 'int8 tensor 2, int8 unit not stated by the source 1, from
    parts 2'."""
    from chipcmp.model.vocabulary import unit_word

    counts: Counter[str] = Counter()
    for pick in picks:
        figure = pick.figure
        if figure is None or figure.field != "compute":
            counts["from parts" if figure is None else "stated efficiency"] += 1
        else:
            counts[f"{figure.figure.precision} {unit_word(figure.figure.unit)}"] += 1
    return ", ".join(f"{what} {n}" for what, n in sorted(counts.items()))


def catalogs_header(view: Any) -> str:
    """'catalogs: bundled 2026-11-29, epoch-hardware 2026-03-31 (chipcmp about: titles
    and terms)': each catalog used with the date its data is as of, in one short line,
    then any bundled snapshot that a user's file of the same dataset replaced. The titles,
    terms and addresses are `chipcmp about`'s (about.py)."""
    parts = [f"{info.name} {info.snapshot}" if info.snapshot else info.name
             for info in sorted(view.infos.values(), key=lambda i: i.position)]
    text = "catalogs: " + ", ".join(parts) + " (chipcmp about: titles and terms)"
    for shipped, used in view.catalog.replaced.items():
        text += f"; {used} is used instead of the bundled snapshot {Path(shipped).name}"
    return text
