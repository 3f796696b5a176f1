"""How a view is made from loaded catalogs: each file named and ranked, and the records of
several catalogs matched into one entry per product (matching.py, with the identity
decisions). Kept apart from view.py, which matching reads, so that neither imports the
other."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from chipcmp.catalog.view import CURATED, CatalogInfo, View

if TYPE_CHECKING:
    from chipcmp.catalog.identity import Decisions
    from chipcmp.catalog.load import LoadedCatalog


def catalog_infos(catalog: LoadedCatalog) -> dict[str, CatalogInfo]:
    """How each loaded file is named and ranked."""
    from pathlib import Path

    infos = {}
    for position, path in enumerate(catalog.files):
        about = catalog.about.get(path)
        name = (about.name if about is not None and about.name else Path(path).stem)
        if path == str(catalog.bundled_path):
            name = "bundled"
        infos[path] = CatalogInfo(
            name=name, path=path, kind=about.kind if about is not None else CURATED,
            position=position, title=getattr(about, "title", None),
            licence=getattr(about, "licence", None),
            attribution=getattr(about, "attribution", None), url=getattr(about, "url", None),
            snapshot=getattr(about, "snapshot", None))
    return infos


def build(catalog: LoadedCatalog, prefer: Iterable[str] = (), merge: bool = True,
          decisions: Decisions | None = None) -> View:
    """The view of a loaded catalog, without plausibility flags: the records of several
    catalogs merged into one entry per product (matching.py, with the identity
    decisions), unless `merge` is off; one catalog is the view of one. Commands read the
    flagged view that figures.flags.build_view makes from this."""
    infos = catalog_infos(catalog)
    if not merge or (len(catalog.files) < 2 and decisions is None):
        return View(catalog, infos, prefer=prefer)
    from chipcmp.catalog.matching import match  # only when merging: validate never does

    matching = match(catalog, infos, decisions)
    made = View(catalog, infos, matching.groups, prefer, matching.ambiguous, matching.reasons)
    made.matching = matching
    return made
