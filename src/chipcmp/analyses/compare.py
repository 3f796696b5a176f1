"""`chipcmp compare`'s answer as data: products side by side at one precision, each with
the figures every command takes, and ratios against the first."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from chipcmp.analyses import measured, metrics
from chipcmp.catalog.view import Entry, View
from chipcmp.figures import select as figures
from chipcmp.figures.select import Answer, Omission, Pick, Request
from chipcmp.model.bounds import Bounded, divide
from chipcmp.model.problems import UsageError
from chipcmp.model.vocabulary import like_scopes


def value_of(answer: Answer) -> Bounded | None:
    """The value a figure choice gave, or None for an omission."""
    return answer.value if isinstance(answer, Pick) else None


@dataclass(frozen=True)
class Compared:
    """One product of a comparison: the figures every command takes at the request, the
    ratios to the first product's, and whether its scope differs from the first's."""

    entry: Entry
    peak: Answer
    power: Answer
    efficiency: Answer
    memory: Answer
    bandwidth: Answer
    bytes_per_op: Answer
    peak_vs_first: Bounded | None
    efficiency_vs_first: Bounded | None
    scope_differs: bool

    @property
    def missing(self) -> list[str]:
        """Why a figure is missing, each reason once."""
        return list(dict.fromkeys(str(a) for a in (self.peak, self.power, self.efficiency)
                                  if isinstance(a, Omission)))

    @property
    def conflicts(self) -> str | None:
        return "; ".join(t for t in (p.conflict_text for p in (self.peak, self.power)
                                     if isinstance(p, Pick)) if t) or None

    @property
    def basis(self) -> str | None:
        return "; ".join(p.basis for p in (self.peak, self.power)
                         if isinstance(p, Pick)) or None


@dataclass(frozen=True)
class SideBySide:
    request: Request
    products: list[Compared]
    peak_column: str              # the record columns of the peak and of TOPS/W
    efficiency_column: str
    notes: list[str]              # records of one product compared record against record
    measured: measured.ComparedResults | None

    @property
    def first(self) -> Compared:
        return self.products[0]


def compare(view: View, ids: list[str], request: Request) -> SideBySide:
    """The products of `ids` (the first the reference) side by side; two records of one
    product are compared record against record."""
    if len(ids) < 2:
        raise UsageError("compare needs at least two product ids")
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    if repeated:
        raise UsageError(f"{repeated[0]} is named twice: compare sets different products "
                         "side by side")
    entries = [view.get(product_id) for product_id in ids]
    same = [(a, b) for n, a in enumerate(ids) for b in ids[n + 1:]
            if view.get(a) is view.get(b)]
    notes = []
    if same:  # two records of one product: set the sources side by side
        entries = [view.record_entry(product_id) for product_id in ids]
        notes = [f"{a} and {b} are one product in the merged view: compared record "
                 "against record" for a, b in same]
    first_peak = first_efficiency = None
    products = []
    for entry in entries:
        peak = figures.compute(view, entry, request)
        efficiency = metrics.per_watt(view, entry, request)
        if not products:
            first_peak, first_efficiency = peak, efficiency
        products.append(Compared(
            entry, peak, figures.power(view, entry, entry.scope, request), efficiency,
            figures.memory_capacity(view, entry, request),
            figures.memory_bandwidth(view, entry, request),
            metrics.bytes_per_op(view, entry, request),
            _ratio(value_of(peak), first_peak), _ratio(value_of(efficiency), first_efficiency),
            not like_scopes(entry.scope, entries[0].scope)))
    return SideBySide(request, products, metrics.METRICS["tops"].column(request),
                      metrics.METRICS["tops-per-watt"].column(request), notes,
                      measured.compared(view, entries))


def _ratio(value: Bounded | None, first: Any) -> Bounded | None:
    if value is None or not isinstance(first, Pick):
        return None
    return divide(value, first.value)
