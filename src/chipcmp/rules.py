"""Validation beyond the schema: rules over a loaded catalog, each with a code, a
severity and a message that says how to fix it. Warnings do not fail `validate` unless
--strict; errors do.

| code | severity | rule |
|---|---|---|
| parts-mismatch | warning | a card, module or system's own compute is below, or above, the sum of its parts |
| implausible-efficiency | warning | peak compute per watt above what digital silicon of its precision reaches |
| implausible-power | warning | power outside a sane range for the product's kind |
| implausible-compute | warning | a chip's peak compute outside a sane range |
| future-date | warning | a milestone that has happened, dated after today |
| quote-not-found | error | a quote that its source document (when available) does not contain |
| sparse-only | warning | a sparse figure with no dense figure at that precision, own or from parts |
| unused-source | warning | a source that no figure, part, product or claim names |
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator

from . import metrics
from .bounds import Bounded, divide
from .catalog import Catalog
from .metrics import Options, natural_scope
from .model import sourced_mappings
from .problems import Problem, error, warning
from .units import format_number

# Dense peak TOPS/W above which digital silicon is implausible, by precision. An int8
# MAC array at 5-7 nm reaches ~10-20 TOPS/W at the chip; 100 leaves room for the best
# edge NPUs. Each doubling of operand width halves it; nodes above 16 nm halve it again.
EFFICIENCY_CEILING = {"int4": 200.0, "int8": 100.0, "int16": 50.0, "fp8": 100.0, "fp16": 50.0,
                      "bf16": 50.0, "tf32": 25.0, "fp32": 25.0, "fp64": 12.5,
                      "unspecified": 200.0}
POWER_RANGE_W = {"chip": (1e-3, 1500.0), "soc": (1e-3, 1500.0), "card": (1e-3, 1500.0),
                 "module": (1e-3, 5000.0), "system": (1e-3, 500_000.0)}
CHIP_COMPUTE_RANGE_TOPS = (1e-4, 20_000.0)


@dataclass(frozen=True)
class Context:
    catalog: Catalog
    documents: tuple[Path, ...]  # folders to look for source documents in
    today: dt.date


Rule = Callable[[Context], Iterator[Problem]]


def _at(context: Context, kind: str, item_id: str, *path: Any, key: bool = False
        ) -> tuple[str, int, int]:
    origin = context.catalog.origins[(kind, item_id)]
    return origin.locate(*path, key=key)


def parts_mismatch(context: Context) -> Iterator[Problem]:
    catalog = context.catalog
    for product in catalog.products.values():
        if not product.contains:
            continue
        for index, figure in enumerate(product.compute):
            if figure.sparse:
                continue
            parts = metrics.parts_total(catalog, product, Options(precision=figure.precision))
            if not isinstance(parts, Bounded):
                continue
            ratio = divide(Bounded(figure.peak.value, figure.bound), parts)
            low, high = ratio.interval
            if low > 1.01 or high < 0.99:
                side = "more" if low > 1.01 else "less"
                yield warning(*_at(context, "product", product.id, "compute", index, "peak"),
                              "parts-mismatch",
                              f"{product.id}'s {figure.precision} peak "
                              f"{format_number(figure.peak.value)} is {side} than its parts "
                              f"({'; '.join(parts.notes)} = {format_number(parts.value)}); "
                              "check the part counts, or whether one figure is sparse")


def implausible_efficiency(context: Context) -> Iterator[Problem]:
    catalog = context.catalog
    for product in catalog.products.values():
        if product.segment == "research":  # analog and in-memory designs are exempt
            continue
        node = product.process.value.value if product.process else None
        for index, figure in enumerate(product.compute):
            if figure.sparse:
                continue
            power = metrics.power_at(product, figure.scope or natural_scope(product))
            if isinstance(power, str):
                continue
            efficiency = figure.peak.value / power[0].value
            yield from _efficiency_warning(context, product, node, figure.precision, efficiency,
                                           ("compute", index, "peak"))
        for index, stated in enumerate(product.efficiency):
            if not stated.sparse:
                yield from _efficiency_warning(context, product, node, stated.precision,
                                               stated.value.value, ("efficiency", index,
                                                                    "value"))


def _efficiency_warning(context: Context, product: Any, node: float | None, precision: str,
                        efficiency: float, path: tuple[Any, ...]) -> Iterator[Problem]:
    ceiling = EFFICIENCY_CEILING.get(precision.split(".")[0], 100.0)
    if node is not None and node > 16:
        ceiling /= 2
    if efficiency > ceiling:
        yield warning(*_at(context, "product", product.id, *path), "implausible-efficiency",
                      f"{format_number(efficiency, 4)} TOPS/W at {precision} is above "
                      f"{format_number(ceiling)} TOPS/W, the ceiling for digital silicon"
                      f"{' at ' + format_number(node) + ' nm' if node else ''}; check the "
                      "unit (GOPS or TOPS? mW or W?) and whether the figure is sparse")


def implausible_power(context: Context) -> Iterator[Problem]:
    for product in context.catalog.products.values():
        low, high = POWER_RANGE_W[product.kind]
        for index, figure in enumerate(product.power):
            watts = figure.value.value
            if not low <= watts <= high:
                yield warning(*_at(context, "product", product.id, "power", index, "value"),
                              "implausible-power",
                              f"{format_number(watts)} W is outside {format_number(low)}.."
                              f"{format_number(high)} W for a {product.kind}; check the unit "
                              "(mW, W, kW) and the scope")


def implausible_compute(context: Context) -> Iterator[Problem]:
    low, high = CHIP_COMPUTE_RANGE_TOPS
    for product in context.catalog.products.values():
        if product.kind not in ("chip", "soc"):
            continue
        for index, figure in enumerate(product.compute):
            if not low <= figure.peak.value <= high:
                yield warning(*_at(context, "product", product.id, "compute", index, "peak"),
                              "implausible-compute",
                              f"{format_number(figure.peak.value)} TOPS is outside "
                              f"{format_number(low)}..{format_number(high)} TOPS for one "
                              "chip; check the unit (GOPS, TOPS, POPS)")


def future_date(context: Context) -> Iterator[Problem]:
    today = context.today.isoformat()
    for product in context.catalog.products.values():
        for index, milestone in enumerate(product.milestones):
            if milestone.planned:
                continue
            start = milestone.date.replace("-Q", "-0").replace("-H", "-0")[:10]
            if start > today:
                yield warning(*_at(context, "product", product.id, "milestones", index, "date"),
                              "future-date",
                              f"{milestone.event} on {milestone.date} is after today "
                              f"({today}); mark it 'planned: true' or correct the date")


def quote_not_found(context: Context) -> Iterator[Problem]:
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


def _read_document(folders: tuple[Path, ...], name: str) -> str | None:
    for folder in folders:
        candidate = folder / name
        if candidate.is_file():
            try:
                return candidate.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                return None
    return None


def sparse_only(context: Context) -> Iterator[Problem]:
    catalog = context.catalog
    for product in catalog.products.values():
        for index, figure in enumerate(product.compute):
            if not figure.sparse:
                continue
            dense = metrics.peak_compute(catalog, product, Options(precision=figure.precision))
            if isinstance(dense, Bounded):
                continue
            yield warning(*_at(context, "product", product.id, "compute", index, "sparse"),
                          "sparse-only",
                          f"a sparse {figure.precision} figure with no dense one: add the "
                          "dense figure the source gives (often half), or the parts it is "
                          "made of, so rankings can use it")


def unused_source(context: Context) -> Iterator[Problem]:
    catalog = context.catalog
    for source_id in catalog.sources:
        if source_id not in catalog.cited_sources and ("source", source_id) in catalog.origins:
            yield warning(*_at(context, "source", source_id, key=True), "unused-source",
                          f"no figure, part, product or claim cites source {source_id!r}; "
                          "remove it or cite it")


RULES: dict[str, Rule] = {
    "parts-mismatch": parts_mismatch,
    "implausible-efficiency": implausible_efficiency,
    "implausible-power": implausible_power,
    "implausible-compute": implausible_compute,
    "future-date": future_date,
    "quote-not-found": quote_not_found,
    "sparse-only": sparse_only,
    "unused-source": unused_source,
}


def lint(catalog: Catalog, documents: list[Path] | None = None,
         today: dt.date | None = None) -> list[Problem]:
    """Every rule over a loaded catalog. `documents`: folders holding source documents
    (quotes are checked against those found there)."""
    context = Context(catalog, tuple(documents or ()), today or dt.date.today())
    problems = [problem for rule in RULES.values() for problem in rule(context)]
    return sorted(problems, key=lambda p: (p.path, p.line, p.col, p.code))
