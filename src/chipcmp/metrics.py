"""Normalised figures and the metric registry behind `rank`, `compare` and `export`.

The rules that keep comparisons honest live here, in one place:
- one precision at a time; a figure at another precision is never used silently
  (an "unspecified" precision only with `assume_unspecified`, marked as assumed);
- dense against dense: a sparse-only figure is left out unless `sparse="halve"`, and
  then it is halved and marked derived;
- compute and power of the same scope (chip with chip, card with card); a card or
  system without its own compute figure takes the sum of its parts, marked derived.
  Power is never summed from parts: a card's power is more than its chips';
- bounds travel through the arithmetic (bounds.py); missing is a reason, never zero.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from .bounds import Bounded, divide, total
from .catalog import Catalog
from .model import PRECISION_PATTERN, Product
from .problems import UsageError
from .units import format_number

PRECISION_ORDER = ("int4", "int8", "int16", "fp8", "fp16", "bf16", "tf32", "fp32", "fp64")
NATURAL_SCOPE = {"chip": "chip", "soc": "chip", "card": "card", "module": "module",
                 "system": "system"}
POWER_KIND_PREFERENCE = ("tdp", "max", "typical", "measured")
SPARSE_POLICIES = ("exclude", "halve")


def is_float_precision(precision: str) -> bool:
    return precision.startswith(("fp", "bf", "tf"))


def compute_unit(precision: str) -> str:
    return "TFLOPS" if is_float_precision(precision) else "TOPS"


def precision_sort_key(precision: str) -> tuple[int, str]:
    base = precision.split(".")[0]
    order = PRECISION_ORDER.index(base) if base in PRECISION_ORDER else len(PRECISION_ORDER)
    return (order, precision)


def check_precision(precision: str) -> str:
    import re

    if not re.match(PRECISION_PATTERN, precision):
        raise UsageError(f"unknown precision {precision!r}; use one of "
                         f"{', '.join(PRECISION_ORDER)}, a mixed form such as fp16.32, "
                         "or unspecified")
    return precision


@dataclass(frozen=True)
class Options:
    """How to normalise: which precision, and what to do with sparse or unspecified figures."""

    precision: str = "int8"
    sparse: str = "exclude"
    assume_unspecified: bool = False
    from_parts: bool = True


def natural_scope(product: Product) -> str:
    return NATURAL_SCOPE[product.kind]


def peak_compute(catalog: Catalog, product: Product, options: Options,
                 _seen: frozenset[str] = frozenset()) -> Bounded | str:
    """The product's dense peak at options.precision, at its own scope, or why there is none."""
    precision, scope = options.precision, natural_scope(product)
    unit = compute_unit(precision)
    own = [f for f in product.compute if f.precision == precision]
    dense = sorted((f for f in own if not f.sparse),
                   key=lambda f: (f.scope or scope) != scope)
    if dense and (dense[0].scope or scope) == scope:
        figure = dense[0]
        return Bounded(figure.peak.value, figure.bound, False,
                       (f"{format_number(figure.peak.value)} {unit} {precision} "
                        f"({figure.source})",))
    parts_reason = None
    if options.from_parts and product.contains and product.id not in _seen:
        derived = parts_total(catalog, product, options, _seen)
        if isinstance(derived, Bounded):
            return derived
        parts_reason = derived
    sparse = [f for f in own if f.sparse and (f.scope or scope) == scope]
    if sparse:
        figure = sparse[0]
        if options.sparse == "halve":
            return Bounded(figure.peak.value / 2, figure.bound, True,
                           (f"sparse {format_number(figure.peak.value)} {unit} / 2 "
                            f"({figure.source})",))
        return f"sparse {precision} figure only (--sparse halve uses it halved)"
    if options.assume_unspecified:
        unspecified = [f for f in product.compute if f.precision == "unspecified"
                       and not f.sparse and (f.scope or scope) == scope]
        if unspecified:
            figure = unspecified[0]
            return Bounded(figure.peak.value, figure.bound, True,
                           (f"{format_number(figure.peak.value)} {unit} at unspecified "
                            f"precision, assumed {precision} ({figure.source})",))
    reason = _missing_compute_reason(product, precision, scope)
    return f"{reason}; from parts: {parts_reason}" if parts_reason else reason


def _missing_compute_reason(product: Product, precision: str, scope: str) -> str:
    others = sorted({f.precision for f in product.compute}, key=precision_sort_key)
    if not others:
        return "no compute figure"
    if precision in others:
        return f"no {precision} figure at {scope} scope"
    hint = " (--assume-unspecified uses it)" if others == ["unspecified"] else ""
    return f"no {precision} figure; has {', '.join(others)}{hint}"


def parts_total(catalog: Catalog, product: Product, options: Options,
                seen: frozenset[str] = frozenset()) -> Bounded | str:
    """The sum of the parts' peaks at options.precision (marked derived), or why there is
    none: a part without a count, or without the figure. `seen` stops a part list that
    names its own product."""
    seen = seen | {product.id}
    pieces = []
    for part in product.contains:
        child = catalog.products.get(part.product)
        if child is None or part.count is None:
            return f"count of {part.product} unknown"
        value = peak_compute(catalog, child, options, seen)
        if isinstance(value, str):
            return f"part {part.product} has none"
        pieces.append(Bounded(value.value * part.count, value.bound, True,
                              (f"{part.count} x {child.name} ({'; '.join(value.notes)})",)))
    return total(pieces)


def power_at(product: Product, scope: str) -> tuple[Bounded, str] | str:
    """The product's power at `scope` (TDP preferred, then max, typical, measured)."""
    figures = sorted((f for f in product.power if f.scope == scope),
                     key=lambda f: POWER_KIND_PREFERENCE.index(f.kind))
    if not figures:
        scopes = sorted({f.scope for f in product.power})
        return (f"no {scope} power" + (f" (has {', '.join(scopes)} power)" if scopes else ""))
    figure = figures[0]
    return (Bounded(figure.value.value, figure.bound, False,
                    (f"{format_number(figure.value.value)} W {figure.kind} ({figure.source})",)),
            figure.kind)


def efficiency(catalog: Catalog, product: Product, options: Options) -> Bounded | str:
    """Peak compute per watt at one scope; a document's own TOPS/W when it gives no power."""
    compute = peak_compute(catalog, product, options)
    scope = natural_scope(product)
    if isinstance(compute, Bounded):
        power = power_at(product, scope)
        if not isinstance(power, str):
            return divide(compute, power[0])
        reason = power
    else:
        reason = compute
    stated = [f for f in product.efficiency if f.precision == options.precision
              and not f.sparse and f.scope == scope]
    if stated:
        figure = stated[0]
        return Bounded(figure.value.value, figure.bound, False,
                       (f"stated {format_number(figure.value.value)} "
                        f"{compute_unit(options.precision)}/W ({figure.source})",))
    return reason


def per_dollar(catalog: Catalog, product: Product, options: Options) -> Bounded | str:
    compute = peak_compute(catalog, product, options)
    if isinstance(compute, str):
        return compute
    if product.price is None:
        return "no price"
    price = product.price
    return divide(compute, Bounded(price.value.value, price.bound, False,
                                   (f"{format_number(price.value.value)} USD ({price.source})",)))


def watts(catalog: Catalog, product: Product, options: Options) -> Bounded | str:
    power = power_at(product, natural_scope(product))
    return power if isinstance(power, str) else power[0]


def process_nm(catalog: Catalog, product: Product, options: Options) -> Bounded | str:
    if product.process is None:
        return "no process node"
    figure = product.process
    return Bounded(figure.value.value, figure.bound, False, (f"{figure.source}",))


@dataclass(frozen=True)
class Metric:
    name: str
    description: str
    unit: Callable[[str], str]
    evaluate: Callable[[Catalog, Product, Options], Bounded | str]
    uses_precision: bool = True
    descending: bool = True  # the default order: the most of it first

    def column(self, precision: str) -> str:
        """Column name with the unit in it: peak_int8_tops, tops_per_watt_int8, power_w."""
        unit, tag = compute_unit(precision).lower(), precision.replace(".", "_")
        return {"tops": f"peak_{tag}_{unit}", "tops-per-watt": f"{unit}_per_watt_{tag}",
                "tops-per-dollar": f"{unit}_per_usd_{tag}", "watts": "power_w",
                "process-nm": "process_nm"}[self.name]


METRICS: dict[str, Metric] = {m.name: m for m in (
    Metric("tops", "peak compute at the precision",
           compute_unit, peak_compute),
    Metric("tops-per-watt", "peak compute per watt, compute and power of the same scope",
           lambda p: f"{compute_unit(p)}/W", efficiency),
    Metric("tops-per-dollar", "peak compute per US dollar of price",
           lambda p: f"{compute_unit(p)}/USD", per_dollar),
    Metric("watts", "power at the product's own scope (TDP, else max, typical, measured)",
           lambda p: "W", watts, uses_precision=False),
    Metric("process-nm", "process node, smallest first", lambda p: "nm", process_nm,
           uses_precision=False, descending=False),
)}


def get_metric(name: str) -> Metric:
    metric = METRICS.get(name)
    if metric is None:
        raise UsageError(f"unknown metric {name!r}; choose one of {', '.join(METRICS)}")
    return metric


@dataclass
class Row:
    product: Product
    value: Bounded | None
    reason: str | None = None
    rank: int | None = None


@dataclass
class Ranking:
    metric: Metric
    options: Options
    ranked: list[Row] = field(default_factory=list)
    unranked: list[Row] = field(default_factory=list)
    filtered_out: int = 0  # products outside --segment / --kind
    total_ranked: int = 0  # before --top cut the list

    @property
    def unit(self) -> str:
        return self.metric.unit(self.options.precision)


def rank(catalog: Catalog, metric: Metric, options: Options, *, segment: str | None = None,
         kind: str | None = None, top: int | None = None, ascending: bool | None = None,
         only: set[str] | None = None) -> Ranking:
    """Every product that matches the filters (and is in `only`, when given), ranked by
    `metric`, the rest with reasons."""
    result = Ranking(metric, options)
    for product in catalog.products.values():
        if ((segment and product.segment != segment) or (kind and product.kind != kind)
                or (only is not None and product.id not in only)):
            result.filtered_out += 1
            continue
        value = metric.evaluate(catalog, product, options)
        if isinstance(value, str):
            result.unranked.append(Row(product, None, value))
        else:
            result.ranked.append(Row(product, value))
    descending = metric.descending if ascending is None else not ascending
    # Ties keep a stable order: by id, whatever the direction.
    result.ranked.sort(key=lambda r: r.product.id)
    result.ranked.sort(key=lambda r: r.value.value, reverse=descending)
    previous, position = None, 0
    for index, row in enumerate(result.ranked, start=1):
        if row.value.value != previous:
            position, previous = index, row.value.value
        row.rank = position
    result.total_ranked = len(result.ranked)
    if top is not None:
        result.ranked = result.ranked[:top]
    result.unranked.sort(key=lambda r: r.product.id)
    return result
