"""`chipcmp find`'s answer: the products a text matches, with the catalogs they come
from."""

from __future__ import annotations


from typing import TYPE_CHECKING

from chipcmp.output.answers.common import identity
from chipcmp.output.results import Result, Table

if TYPE_CHECKING:
    from chipcmp.catalog.search import Hit


# ------------------------------------------------------------------------------ find
FIND_COLUMNS = ["id", "name", "vendor", "kind", "segment", "catalogs", "records", "matched",
                "score"]


def find_result(hits: list[Hit], query: str, top: int | None = None) -> Result:
    shown_hits = hits[:top] if top else hits
    records = [{**identity(h.entry), "catalogs": ", ".join(c.name for c in h.entry.catalogs),
                "records": ", ".join(h.entry.ids), "matched": h.matched, "score": h.score}
               for h in shown_hits]
    rows = [[r["id"], r["name"], r["kind"], r["catalogs"], r["matched"]] for r in records]
    more = len(hits) - len(shown_hits)
    notes = [f"... and {more} more (--top)"] if more else []
    table = Table(f"{len(hits)} product(s) match {query!r}", ["id", "name", "kind", "catalogs",
                                                              "matched"], rows, notes=notes,
                  wrap=("name",), droppable=("matched", "catalogs"))
    summary = None if hits else (f"nothing matches {query!r}; try a shorter part of the "
                                 "name, or the vendor")
    return Result([table], FIND_COLUMNS, records, summary=summary)
