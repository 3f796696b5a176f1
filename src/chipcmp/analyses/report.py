"""The report page's content, as data: everything `chipcmp report` puts on one page, built
by the same functions the other commands use (so the page and the terminal cannot
disagree). output/html.py renders it; nothing here prints."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from chipcmp.analyses import claims as claim_checks
from chipcmp.analyses import field as field_module
from chipcmp.analyses import metrics
from chipcmp.analyses.filters import Filter
from chipcmp.analyses.sheet import Sheet, sheet
from chipcmp.catalog.view import CatalogInfo, Entry, View
from chipcmp.figures.select import Request
from chipcmp.model.schema import Source


@dataclass
class Report:
    generated: str
    catalogs: list[CatalogInfo]
    sources: int
    metric: metrics.Metric
    request: Request
    where: Filter | None
    ranking: metrics.Ranking
    field: field_module.Field
    entries: list[Entry]                    # every product shown, ranked first
    sheets: dict[str, Sheet] = field(default_factory=dict)   # show's answer by id
    claims: list[Any] = field(default_factory=list)           # claims.ClaimResult
    source_table: dict[str, Source] = field(default_factory=dict)
    rooflines: Any = None                   # analyses.roofline.Rooflines, when asked
    # With prices loaded: what an hour of peak compute costs, and what a million items
    # cost in each benchmark measured on a priced product (Offline), as rank gives them.
    costs: list[metrics.Ranking] = field(default_factory=list)

    @property
    def title(self) -> str:
        return (f"{self.metric.name} ({self.ranking.unit}"
                + (f", {self.request.describe()}" if self.metric.uses_precision else "")
                + ")")


def build(view: View, metric: metrics.Metric, request: Request,
          where: Filter | None = None, today: dt.date | None = None,
          roofline: list[Entry] | None = None) -> Report:
    ranking = metrics.rank(view, metric, request, where=where)
    the_field = field_module.build(view, request, where)
    results = claim_checks.check_claims(view)
    by_product: dict[str, list[Any]] = {}
    for result in results:
        for product_id in (result.claim.subject, result.claim.baseline):
            entry = view.find(product_id) if product_id else None
            if entry is not None:
                by_product.setdefault(entry.id, []).append(result)
    entries = [row.entry for row in ranking.ranked + ranking.unranked]
    sheets = {entry.id: sheet(view, entry, by_product.get(entry.id, []), request)
              for entry in entries}
    return Report(generated=(today or dt.date.today()).isoformat(),
                  catalogs=list(view.infos.values()), sources=len(view.catalog.sources),
                  metric=metric, request=request, where=where, ranking=ranking,
                  field=the_field, entries=entries, sheets=sheets, claims=results,
                  source_table=dict(view.catalog.sources),
                  rooflines=_rooflines(view, roofline, request) if roofline else None,
                  costs=_costs(view, request, where))


def _costs(view: View, request: Request, where: Filter | None) -> list[metrics.Ranking]:
    """The cost rankings of the page, where prices are loaded: per peak TOPS-hour at the
    page's precision, then per million items of each benchmark in which a priced product
    has a valid Offline result (the benchmarks with the most such products first)."""
    from dataclasses import replace

    from chipcmp.analyses import costs, measured
    from chipcmp.model import benchmarks

    if not view.catalog.prices:
        return []
    found = [metrics.rank(view, metrics.METRICS["usd-per-peak-tops-hour"], request,
                          where=where)]
    index, priced = measured.index_of(view), costs.index_of(view)
    counts: dict[str, set[str]] = {}
    for result in index.results:
        entry = index.match(result).entry
        if (result.valid and result.scenario == "offline" and entry is not None
                and result.metric == "throughput" and priced.of(entry)):
            counts.setdefault(result.benchmark, set()).add(entry.id)
    for name in sorted(counts, key=lambda b: (-len(counts[b]), b)):
        known = benchmarks.BENCHMARKS.get(name)
        item = known.item if known else "sample"
        asked = replace(request, benchmark=name, scenario="offline")
        ranking = metrics.rank(view, metrics.METRICS[f"cost-per-million-{item}s"], asked,
                               where=where)
        if ranking.ranked:
            found.append(ranking)
    return found


def _rooflines(view: View, entries: list[Entry], request: Request) -> Any:
    from chipcmp.analyses.roofline import rooflines

    return rooflines(view, entries, request)
