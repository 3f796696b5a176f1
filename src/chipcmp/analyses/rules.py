"""Validation beyond the schema: rules over a loaded catalog, each with a code, a
severity and a message that says how to fix it. Warnings do not fail `validate` unless
--strict; errors do. Each rule's docstring is its documentation (docs/reference.md's table).

The plausibility rules (implausible-efficiency, implausible-power, implausible-compute,
implausible-bandwidth, parts-mismatch) are the checks of plausibility.py, the same that crosscheck reports and
that keep a figure out of rankings: validate locates them in the file.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator

from chipcmp.figures import select as figures
from chipcmp.model import precision
from chipcmp.catalog.load import LoadedCatalog
from chipcmp.figures.select import Pick
from chipcmp.model.schema import sourced_mappings, sourced_models
from chipcmp.model.problems import Problem, error, warning
from chipcmp.model.units import format_number
from chipcmp.catalog.view import View


@dataclass(frozen=True)
class Context:
    catalog: LoadedCatalog
    view: View
    documents: tuple[Path, ...]  # folders to look for source documents in
    today: dt.date


Rule = Callable[[Context], Iterator[Problem]]
_VALUE_KEY = {"compute": "peak", "power": "value", "efficiency": "value"}


def _at(context: Context, kind: str, item_id: str, *path: Any, key: bool = False
        ) -> tuple[str, int, int]:
    origin = context.catalog.origins[(kind, item_id)]
    return origin.locate(*path, key=key)


def _plausibility(context: Context, code: str) -> Iterator[Problem]:
    for flag in context.view.flag_list:
        if flag.code != code:
            continue
        located = flag.figures[0]
        record_id, field, index = located.key
        path = ("memory", "bandwidth") if field == "memory" else \
            (field, index, _VALUE_KEY[field])
        yield warning(*_at(context, "product", record_id, *path), code, flag.message)


def parts_mismatch(context: Context) -> Iterator[Problem]:
    """A card, module or system's own dense compute is more, or less, than the sum of its
    parts (beyond limits.FIGURES_AGREE): check the part counts, or whether one figure is
    sparse."""
    return _plausibility(context, "parts-mismatch")


def implausible_efficiency(context: Context) -> Iterator[Problem]:
    """Dense TOPS/W above the ceiling for digital silicon at its precision (limits.py:
    halved on old nodes), or a product's best figure below limits.EFFICIENCY_FLOOR: check
    GOPS/TOPS, mW/W and sparsity."""
    return _plausibility(context, "implausible-efficiency")


def implausible_power(context: Context) -> Iterator[Problem]:
    """Power outside limits.POWER_RANGE_W for the kind of product: check the unit and
    the scope."""
    return _plausibility(context, "implausible-power")


def implausible_compute(context: Context) -> Iterator[Problem]:
    """Peak compute outside limits.COMPUTE_RANGE_TOPS for the kind of product: check the
    unit."""
    return _plausibility(context, "implausible-compute")


def implausible_bandwidth(context: Context) -> Iterator[Problem]:
    """An off-chip memory bandwidth beyond what its capacity can give (from 8 GB up, more
    than 100 GB/s a GB): on-chip SRAM not named so (write its `type`), or a slip."""
    return _plausibility(context, "implausible-bandwidth")


def future_date(context: Context) -> Iterator[Problem]:
    """A milestone after today that is not `planned: true`."""
    from chipcmp.model import dates

    today = context.today.isoformat()
    for product in context.catalog.products.values():
        for index, milestone in enumerate(product.milestones):
            if milestone.planned:
                continue
            if dates.start(milestone.date) > context.today:
                yield warning(*_at(context, "product", product.id, "milestones", index, "date"),
                              "future-date",
                              f"{milestone.event} on {milestone.date} is after today "
                              f"({today}); mark it 'planned: true' or correct the date")


def quote_not_found(context: Context) -> Iterator[Problem]:
    """With --documents DIR, a quote its source document does not contain verbatim."""
    catalog = context.catalog
    texts: dict[str, str | None] = {}
    for (kind, item_id), origin in catalog.origins.items():
        if kind == "source":
            continue
        item = catalog.products.get(item_id) if kind == "product" else catalog.claims.get(item_id)
        if item is None:
            continue
        for path, sourced in sourced_mappings(item.model_dump()):
            source = catalog.sources.get(sourced["source"])
            if source is None or source.document is None or not sourced.get("quote"):
                continue
            if source.document not in texts:
                texts[source.document] = _read_document(context.documents, source.document)
            text = texts[source.document]
            if text is not None and sourced["quote"] not in text:
                yield error(*origin.locate(*path, "quote"), "quote-not-found",
                            f"the quote is not in {source.document}; copy it verbatim "
                            "(same punctuation, spaces and characters)")


def number_not_in_quote(context: Context) -> Iterator[Problem]:
    """A figure whose number its own quote does not state (after unit prefixes: "5
    petaFLOPS" is 5000 TFLOPS), unless the figure says how it was inferred
    (`inferred: {peak: ...}`); needs no source document."""
    from chipcmp.model.quotes import unstated

    for origin, path, sourced in _sourced_figures(context.catalog, ("product", "claim")):
        for field, value in unstated(sourced):
            yield error(*origin.locate(*path, field), "number-not-in-quote",
                        f"{field} {format_number(value)} is not a number its quote "
                        f"states ({sourced.quote[:60]!r}); fix the figure or the quote, "
                        f"or say how it was derived: inferred: {{{field}: ...}}")


def _sourced_figures(catalog: LoadedCatalog, kinds: tuple[str, ...],
                     files: set[str] | None = None) -> Iterator[tuple[Any, tuple, Any]]:
    """(origin, path, sourced model) for every sourced mapping of the catalog's items of
    these kinds (product, claim), of the given files only when `files` is given."""
    tables = {"product": catalog.products, "claim": catalog.claims}
    for (kind, item_id), origin in catalog.origins.items():
        item = tables[kind].get(item_id) if kind in kinds else None
        if item is None or (files is not None and catalog.file_of.get(item_id) not in files):
            continue
        for path, sourced in sourced_models(item):
            yield origin, path, sourced


def unquoted_figure(context: Context) -> Iterator[Problem]:
    """In a catalog whose `about` says `quotes: required` (the datasheet catalog), a
    figure without the spec line of its source that gives the number: add it as
    `quote`, its label and figure as the document prints them."""
    from chipcmp.model.quotes import NUMBER_FIELDS

    catalog = context.catalog
    required = {file for file, about in catalog.about.items() if about.quotes == "required"}
    for origin, path, sourced in _sourced_figures(catalog, ("product",), required):
        fields = sourced.__dict__
        if fields.get("quote") or all(fields.get(f) is None or isinstance(fields[f], str)
                                      for f in NUMBER_FIELDS):
            continue
        yield error(*origin.locate(*path), "unquoted-figure",
                    "this catalog requires every figure to quote its source's spec "
                    "line: add `quote` with the label and figure as the document "
                    "prints them")


def circular_claim(context: Context) -> Iterator[Problem]:
    """A claim whose quote is the quote of a figure of its own subject or baseline: a
    ratio the catalog computed from the figures it is then checked against proves
    nothing; keep the figures, drop the claim (or quote the claim's own words)."""
    catalog = context.catalog
    for claim in catalog.claims.values():
        if not claim.quote:
            continue
        for product_id in (claim.subject, claim.baseline):
            product = catalog.products.get(product_id) if product_id else None
            if product is None:
                continue
            if any(s is not product and getattr(s, "quote", None) == claim.quote
                   for _, s in sourced_models(product)):
                yield warning(*_at(context, "claim", claim.id, "quote"), "circular-claim",
                              f"{claim.id} quotes the same words as {product_id}'s figures: a "
                              "ratio computed from the figures it is checked against proves "
                              "nothing; keep the figures and drop the claim")
                break


def _read_document(folders: tuple[Path, ...], name: str) -> str | None:
    for folder in folders:
        candidate = folder / name
        if candidate.is_file():
            from chipcmp.read.inputs import MAX_DOCUMENT_BYTES, Refused, read_bytes

            try:
                return read_bytes(candidate, MAX_DOCUMENT_BYTES, "document").decode("utf-8")
            except (Refused, UnicodeDecodeError):
                return None
    return None


def sparse_only(context: Context) -> Iterator[Problem]:
    """A sparse figure with no dense one at that precision, own or from parts: add the
    dense figure the source gives, or the parts; or, where the vendor gives no dense
    figure, say so on the sparse one (`inferred: {dense: 'NVIDIA gives none'}`)."""
    view = context.view
    for entry in view:
        for sourced in entry.compute:
            figure = sourced.figure
            if not figure.sparse or "dense" in figure.inferred:
                continue
            query = precision.family_query(figure.precision)
            dense = figures.compute(view, entry, figures.Request(query, include_flagged=True))
            if isinstance(dense, Pick):
                continue
            yield warning(*_at(context, "product", sourced.record.id, "compute", sourced.index,
                               "sparse"),
                          "sparse-only",
                          f"a sparse {figure.precision} figure with no dense one: add the "
                          "dense figure the source gives (often half), or the parts it is "
                          "made of, so rankings can use it")


def unused_source(context: Context) -> Iterator[Problem]:
    """A source that no figure, part, product or claim cites: remove it or cite it."""
    catalog = context.catalog
    for source_id in catalog.sources:
        if source_id not in catalog.cited_sources and ("source", source_id) in catalog.origins:
            yield warning(*_at(context, "source", source_id, key=True), "unused-source",
                          f"no figure, part, product or claim cites source {source_id!r}; "
                          "remove it or cite it")


RULES: dict[str, tuple[str, Rule]] = {
    "parts-mismatch": ("warning", parts_mismatch),
    "implausible-efficiency": ("warning", implausible_efficiency),
    "implausible-power": ("warning", implausible_power),
    "implausible-compute": ("warning", implausible_compute),
    "implausible-bandwidth": ("warning", implausible_bandwidth),
    "future-date": ("warning", future_date),
    "quote-not-found": ("error", quote_not_found),
    "number-not-in-quote": ("error", number_not_in_quote),
    "unquoted-figure": ("error", unquoted_figure),
    "circular-claim": ("warning", circular_claim),
    "sparse-only": ("warning", sparse_only),
    "unused-source": ("warning", unused_source),
}


def lint(catalog: LoadedCatalog, documents: list[Path] | None = None,
         today: dt.date | None = None) -> list[Problem]:
    """Every rule over a loaded catalog (each record on its own: a file's products are
    distinct by its own account). `documents`: folders holding source documents."""
    from chipcmp.figures.flags import build_view

    context = Context(catalog, build_view(catalog, merge=False), tuple(documents or ()),
                      today or dt.date.today())
    problems = [problem for _, rule in RULES.values() for problem in rule(context)]
    return sorted(problems, key=lambda p: (p.path, p.line, p.col, p.code))
