"""The field: every product as a point of peak compute against power, at one precision,
with the Pareto frontier (the most compute for the power). No drawing here: plot.py
draws these points; rank --frontier uses the frontier.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from . import metrics
from .bounds import Bounded
from .catalog import Catalog
from .metrics import Options, natural_scope
from .model import Product


@dataclass(frozen=True)
class Point:
    product: Product
    compute: Bounded  # TOPS or TFLOPS at the precision, the product's own scope
    power: Bounded    # W at the same scope
    power_kind: str

    @property
    def efficiency(self) -> float:
        return self.compute.value / self.power.value


@dataclass
class Field:
    options: Options
    points: list[Point] = field(default_factory=list)
    left_out: dict[str, str] = field(default_factory=dict)  # product id -> reason
    frontier: list[Point] = field(default_factory=list)     # by power, ascending

    @property
    def left_out_counts(self) -> Counter[str]:
        return Counter("no compute figure" if "power" not in reason else "no power"
                       for reason in self.left_out.values())

    def caption(self) -> str:
        unit = metrics.compute_unit(self.options.precision)
        counts = ", ".join(f"{n} {why}" for why, n in self.left_out_counts.most_common())
        sparse = "sparse halved" if self.options.sparse == "halve" else "dense"
        assumed = ", unspecified precision assumed" if self.options.assume_unspecified else ""
        return (f"peak {unit} ({self.options.precision}, {sparse}{assumed}) against power of "
                f"the same scope: {len(self.points)} plotted, {len(self.left_out)} left out"
                + (f" ({counts})" if counts else ""))


def build(catalog: Catalog, options: Options, *, segment: str | None = None,
          kind: str | None = None) -> Field:
    """Points for the products that match the filters; the others with the reason."""
    result = Field(options)
    for product in catalog.products.values():
        if (segment and product.segment != segment) or (kind and product.kind != kind):
            continue
        compute = metrics.peak_compute(catalog, product, options)
        if isinstance(compute, str):
            result.left_out[product.id] = compute
            continue
        power = metrics.power_at(product, natural_scope(product))
        if isinstance(power, str):
            result.left_out[product.id] = power
            continue
        result.points.append(Point(product, compute, power[0], power[1]))
    result.frontier = pareto_frontier(result.points)
    return result


def pareto_frontier(points: list[Point]) -> list[Point]:
    """The points no other point beats on both counts (as much compute or more for as
    little power or less, one of them strictly), ordered by power."""
    ordered = sorted(points, key=lambda p: (p.power.value, -p.compute.value, p.product.id))
    frontier: list[Point] = []
    best = float("-inf")
    for point in ordered:
        if point.compute.value > best:
            frontier.append(point)
            best = point.compute.value
    return frontier
