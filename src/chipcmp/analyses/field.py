"""The field: every product as a point of peak compute against power, at one precision,
with the Pareto frontier (the most compute for the power). The figures are those of
tops-per-watt (metrics.py), so a plot and a ranking cannot disagree. No drawing here:
plot.py draws these points; rank --frontier uses the frontier.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from chipcmp.figures import select as figures
from chipcmp.model.bounds import Bounded
from chipcmp.figures.select import Omission, Pick, Request
from chipcmp.analyses.filters import Filter
from chipcmp.analyses.metrics import describe_counts, omission_counts
from chipcmp.catalog.view import Entry, View


@dataclass(frozen=True)
class Point:
    entry: Entry
    compute: Pick   # TOPS or TFLOPS at the precision, the product's own scope
    power: Pick     # W at the same scope

    @property
    def efficiency(self) -> float:
        return self.compute.value.value / self.power.value.value

    @property
    def power_kind(self) -> str:
        return self.power.figure.figure.kind

    @property
    def x(self) -> Bounded:
        return self.power.value

    @property
    def y(self) -> Bounded:
        return self.compute.value


@dataclass
class Field:
    request: Request
    points: list[Point] = field(default_factory=list)
    left_out: dict[str, Omission] = field(default_factory=dict)  # product id -> why
    frontier: list[Point] = field(default_factory=list)          # by power, ascending
    filtered: Counter = field(default_factory=Counter)  # left out by filters.LEFT_OUT code

    @property
    def filtered_out(self) -> int:
        return sum(self.filtered.values())

    @property
    def left_out_counts(self) -> Counter[str]:
        return omission_counts(self.left_out.values())

    def caption(self) -> str:
        unit = self.request.precision.unit
        counts = describe_counts(self.left_out_counts)
        return (f"peak {unit} ({self.request.describe()}) against power of the same "
                f"scope: {len(self.points)} plotted, {len(self.left_out)} left out"
                + (f" ({counts})" if counts else ""))


def build(view: View, request: Request, where: Filter | None = None) -> Field:
    """Points for the products that pass the filter; the others with the reason."""
    result = Field(request)
    for entry in view:
        why = where.why_not(view, entry, request) if where is not None else None
        if why is not None:
            result.filtered[why] += 1
            continue
        compute = figures.compute(view, entry, request)
        power = figures.power(view, entry, compute.scope, request) \
            if isinstance(compute, Pick) else compute
        if isinstance(power, Omission):
            # rank's tops-per-watt takes a document's own TOPS/W here; a plot cannot
            stated = figures.stated_efficiency(view, entry, request)
            result.left_out[entry.id] = power if isinstance(stated, Omission) else \
                Omission("efficiency-only", "a stated efficiency, no compute and power to "
                                            "place it by")
            continue
        result.points.append(Point(entry, compute, power))
    result.frontier = pareto_frontier(result.points)
    return result


def pareto_frontier(points: list[Point]) -> list[Point]:
    """The points no other point beats on both counts (as much compute or more for as
    little power or less, one of them strictly), ordered by power."""
    ordered = sorted(points, key=lambda p: (p.x.value, -p.y.value, p.entry.id))
    frontier: list[Point] = []
    best = float("-inf")
    for point in ordered:
        if point.y.value > best:
            frontier.append(point)
            best = point.y.value
    return frontier
