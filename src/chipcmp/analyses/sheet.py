"""Everything about one product, as data (what `chipcmp show` prints and the API's
Product.figures returns): every figure and fact each source gives, which one every
command uses, the sources cited, the claims naming it, the corrections applied, its
measured results."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from chipcmp.analyses import measured
from chipcmp.analyses.filters import Release, release
from chipcmp.catalog.view import Entry, Sourced, View
from chipcmp.figures import select as figures
from chipcmp.figures.select import Pick, Request
from chipcmp.model import precision
from chipcmp.model.schema import Source
from chipcmp.model.units import format_number


@dataclass(frozen=True)
class FigureFact:
    """One figure or fact a source gives a product, as data: what `show` lists (a row of
    its table and of its JSON), and what the API's Product.figures returns."""

    what: str                      # "peak int8 sparse", "power tdp", "memory", a benchmark
    value: Any
    bound: str
    unit: str
    scope: str
    detail: str
    source: str | None
    catalog: str | None
    used: str | None
    quote: str | None
    inferred: dict[str, str] | None
    record: str | None
    figure: str = ""               # peak, power, efficiency, process, price, memory, ...
    precision: str | None = None   # compute and efficiency figures
    execution_unit: str | None = None
    sparse: bool = False
    kind: str | None = None        # a power figure's kind

    def as_row(self) -> dict[str, Any]:
        """The row `show` prints (its JSON and CSV columns)."""
        return {"what": self.what, "value": self.value, "bound": self.bound,
                "unit": self.unit, "scope": self.scope, "detail": self.detail,
                "source": self.source, "catalog": self.catalog, "used": self.used,
                "quote": self.quote, "inferred": self.inferred, "record": self.record}


@dataclass(frozen=True)
class Sheet:
    """`chipcmp show`'s answer."""

    entry: Entry
    facts: list[FigureFact]
    used_notes: list[str]
    sources: dict[str, Source]          # the sources its figures cite, by id, in id order
    snapshots: dict[str, str]           # catalog name -> the date its data is as of
    catalogs: int                       # how many catalogs are loaded
    verdicts: list[Any]                 # the claims naming it, checked
    results: list[measured.MeasuredRow]     # every measured result of the product itself
    best_results: measured.ProductResults | None
    release: Release                    # what the sources say of its release
    # Its prices per accelerator-hour (schema.AcceleratorPrice), cheapest first in each
    # kind, each with where it comes from (costs.price_named)
    prices: list[tuple[Any, str]] = field(default_factory=list)


def sheet(view: View, entry: Entry, verdicts: list[Any], request: Request | None = None
          ) -> Sheet:
    request = request or Request()
    used = _used_figures(view, entry, request)
    cited = sorted(sid for sid in entry.cited_sources if sid in view.catalog.sources)
    rows: list[measured.MeasuredRow] = []
    if view.catalog.results:
        index = measured.index_of(view)
        rows = [measured.row_of(view, index, r) for r in index.exactly(entry)]
    return Sheet(entry, figure_facts(view, entry, request, used), _used_notes(used),
                 {sid: view.catalog.sources[sid] for sid in cited},
                 {info.name: info.snapshot for info in view.infos.values() if info.snapshot},
                 len(view.infos), verdicts, rows, measured.of_product(view, entry),
                 release(entry), _prices(view, entry))


def _prices(view: View, entry: Entry) -> list[tuple[Any, str]]:
    from chipcmp.analyses import costs
    from chipcmp.model.vocabulary import PRICE_KINDS

    if not view.catalog.prices:
        return []
    found = sorted(costs.index_of(view).of(entry),
                   key=lambda p: (PRICE_KINDS.index(p.kind), p.usd_per_accelerator_hour, p.id))
    return [(p, costs.price_named(view, p)) for p in found]


def figure_facts(view: View, entry: Entry, request: Request,
                 used: dict[tuple, str] | None = None) -> list[FigureFact]:
    """Every figure and fact the product's records give, in the order show lists them,
    each with what every command uses it for."""
    used = _used_figures(view, entry, request) if used is None else used
    facts = []
    for sourced in entry.compute:
        figure = sourced.figure
        measured = figure.measure  # "peak", or "delivered" (not a peak)
        facts.append(_figure_fact(
            f"{measured} {figure.precision}" + (" sparse" if figure.sparse else ""),
            figure.peak.value, figure.bound, precision.unit_of(figure.precision), sourced,
            figure.unit or "", used.get(sourced.key), figure=measured,
            precision=figure.precision, execution_unit=figure.unit, sparse=figure.sparse))
    for sourced in entry.power:
        figure = sourced.figure
        facts.append(_figure_fact(f"power {figure.kind}", figure.value.value, figure.bound,
                                  "W", sourced, "", used.get(sourced.key), figure="power",
                                  kind=figure.kind))
    for sourced in entry.efficiency:
        figure = sourced.figure
        facts.append(_figure_fact(f"efficiency {figure.precision}", figure.value.value,
                                  figure.bound, "TOPS/W", sourced, figure.unit or "",
                                  used.get(sourced.key), figure="efficiency",
                                  precision=figure.precision, execution_unit=figure.unit,
                                  sparse=figure.sparse))
    for sourced in entry.process:
        facts.append(_figure_fact("process", sourced.value, sourced.figure.bound, "nm",
                                  sourced, "", used.get(sourced.key), scope="",
                                  figure="process"))
    for sourced in entry.price:
        facts.append(_figure_fact("price", sourced.value, sourced.figure.bound, "USD",
                                  sourced, sourced.figure.what or "", used.get(sourced.key),
                                  scope="", figure="price"))
    for sourced in entry.memory:
        memory = sourced.figure
        for what, value, bound in (("memory", memory.capacity, memory.bound),
                                   ("bandwidth", memory.bandwidth, memory.bandwidth_bound)):
            if value is not None:
                facts.append(_figure_fact(what, value.value, bound, value.unit, sourced,
                                          memory.type or "", None, scope="", figure=what))
    for record in entry.records:
        product = record.product
        for decode in product.video_decode:
            facts.append(_fact("video decode", decode.channels, decode.bound, "channels",
                               f"{decode.resolution} {', '.join(decode.codecs)}".strip(),
                               decode, record, "video decode"))
        for bench in product.benchmarks:
            value, unit = ((bench.score, "points") if bench.score is not None else
                           (bench.frame_rate.value, "FPS") if bench.frame_rate is not None
                           else (bench.latency.value, "s"))
            detail = ", ".join(x for x in (bench.conditions, f"peak memory "
                                           f"{format_number(bench.peak_memory.value * 1e6)} kB"
                                           if bench.peak_memory else None) if x)
            facts.append(_fact(bench.workload, value, bench.bound, unit, detail, bench,
                               record, "benchmark"))
        for feature in product.features:
            facts.append(_fact(feature.name, feature.value, "exact", "", "", feature, record,
                               "feature"))
        if product.rental:
            rental = product.rental
            facts.append(_fact("rental", rental.value.value, rental.bound, "USD/h",
                               f"per {rental.per}", rental, record, "rental"))
        for milestone in product.milestones:
            facts.append(_fact(milestone.event + (" (planned)" if milestone.planned else ""),
                               milestone.date, "exact", "", "", milestone, record,
                               "milestone"))
        if product.interface:
            facts.append(_fact("interface", product.interface.value, "exact", "", "",
                               product.interface, record, "interface"))
    for part in entry.contains:
        child = view.find(part.product)
        facts.append(FigureFact("contains", part.count, part.bound, "", "",
                                f"x {child.name if child else part.product} ({part.product})",
                                part.source, None, None, part.quote, _inferred(part), None,
                                figure="contains"))
    return facts


def _used_figures(view: View, entry: Entry, request: Request) -> dict[tuple, str]:
    """Which figure each command uses: the compute figure per precision family present
    (and at the request's precision), the power at the product's scope."""
    used: dict[tuple, str] = {}
    labels = {f for s in entry.compute for f in precision.families(s.figure.precision)}
    for label in sorted(labels, key=precision.sort_key):
        pick = figures.compute(view, entry, request.at(precision.family_query(label)))
        if isinstance(pick, Pick) and pick.figure is not None:
            used.setdefault(pick.figure.key, f"at {label}")
            if used[pick.figure.key] != f"at {label}" and f"at {label}" not in \
                    used[pick.figure.key]:
                used[pick.figure.key] += f", {label}"
    for scope in sorted({s.scope for s in entry.power}):
        pick = figures.power(view, entry, scope, request)
        if isinstance(pick, Pick):
            used[pick.figure.key] = (f"{scope} power"
                                     + (f": {view.why_first(pick.figure, pick.others)}"
                                        if pick.others else ""))
            for other in pick.conflicts:
                used[other.key] = (f"disagrees ({format_number(other.value / pick.value.value, 3)}"
                                   "x the one used)")
    for answer in (figures.process(view, entry), figures.price(view, entry)):
        if isinstance(answer, Pick):
            used[answer.figure.key] = "used"
    for key in view.flags:
        if key[0] in entry.ids:
            used[key] = (used.get(key, "") + " flagged").strip()
    return used


def _used_notes(used: dict[tuple, str]) -> list[str]:
    notes = ["used: the figure every command takes (at each precision family; for power, at "
             "each scope). A matrix figure before one of unstated or vector unit, then by "
             "source: curated catalogs before survey datasets, then the order the catalogs "
             "were given (--prefer changes it); within one source the highest, and TDP "
             "before max, typical, measured"]
    if any("flagged" in v for v in used.values()):
        notes.append("flagged: found implausible (chipcmp crosscheck says why); not used "
                     "unless --include-flagged")
    return notes


def _figure_fact(what: str, value: float, bound: str, unit: str, sourced: Sourced,
                 detail: str, used: str | None, scope: str | None = None,
                 **kinds: Any) -> FigureFact:
    return FigureFact(what, value, bound, unit, sourced.scope if scope is None else scope,
                      detail, sourced.source, sourced.origin, used,
                      getattr(sourced.figure, "quote", None) or getattr(sourced.figure,
                                                                        "note", None),
                      _inferred(sourced.figure), sourced.record.id, **kinds)


def _inferred(figure: Any) -> dict[str, str] | None:
    """What the catalog read into the source, and how: {'sparse': '8 x 624 = 4,992'}."""
    inferred = getattr(figure, "inferred", None)
    return {k: " ".join(v.split()) for k, v in inferred.items()} if inferred else None


def _fact(what: str, value: Any, bound: str, unit: str, detail: str, fact: Any,
          record: Any, figure: str) -> FigureFact:
    return FigureFact(what, value, bound, unit, "", detail, fact.source, record.catalog.name,
                      None, fact.quote or fact.note, _inferred(fact), record.id,
                      figure=figure)


