"""Checking sources against one another, over catalogs loaded together (the bundled one
and imported datasets).

Matching rule: two products are the same product when a name or alias of one equals a
name or alias of the other after normalising (lower case, letters and digits only) and
their vendors' first words agree, or when an alias (curated in the catalog's `aliases`)
equals the other's name outright. Matches are transitive: LAICS's "Ampere A100" and
Epoch's "NVIDIA A100 SXM4 40 GB" meet through the bundled A100's aliases.

Findings, each with the figures, their sources and the ratio:
- figure-disagreement: one product, one precision family, figures more than 5% apart
  (an exact 2x is flagged: one of them may count sparsity);
- power-disagreement: one product, one scope, power figures more than 5% apart;
- parts-mismatch: a figure against the sum of the parts another source lists (exactly 2x:
  a sparse figure posing as dense);
- implausible-efficiency: TOPS/W above the ceiling for digital silicon or below a
  thousandth of a TOPS/W: a unit slip shows up as orders of magnitude;
- precision-order: a wider format above a narrower one in one source (fp32 above fp16,
  int16 above int8): a label that cannot be right.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Iterator

from . import metrics
from .bounds import Bounded
from .catalog import Catalog
from .metrics import Options
from .model import Product
from .rules import EFFICIENCY_CEILING
from .units import format_number

TOLERANCE = 0.05
EFFICIENCY_FLOOR = 1e-3  # TOPS/W: below this no accelerator of the last decades sits
FAMILIES = {"int4": "int4", "int8": "int8", "int16": "int16", "fp8": "fp8",
            "fp16": "16-bit float", "bf16": "16-bit float", "tf32": "tf32", "fp32": "fp32",
            "fp64": "fp64"}
# Narrow to wide, where hardware never runs the wider format faster: integer formats, and
# the tensor (matrix) float formats. Vector float formats are left out on purpose: GPUs
# that run fp16 at 1/64 of fp32 (Pascal) or fp64 at 1/32 are real, not mislabelled.
ORDERS = (("int4", "int8", "int16"), ("fp8", "16-bit float", "tf32"))


@dataclass
class Finding:
    code: str
    products: list[str]
    message: str
    ratio: float | None = None
    figures: list[dict[str, Any]] = field(default_factory=list)

    def as_record(self) -> dict[str, Any]:
        return {"code": self.code, "products": self.products, "message": self.message,
                "ratio": None if self.ratio is None else round(self.ratio, 6),
                "figures": self.figures}


def normalise(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", text.lower())


def _vendor(product: Product) -> str:
    words = re.findall(r"[a-z0-9]+", product.vendor.lower())
    return words[0] if words else ""


def match_groups(catalog: Catalog) -> list[list[Product]]:
    """Products that are the same product, by the rule in the module docstring; groups of
    two or more only, each in catalog order."""
    products = list(catalog.products.values())
    parent = list(range(len(products)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        parent[find(i)] = find(j)

    by_name: dict[tuple[str, str], list[int]] = defaultdict(list)
    by_alias: dict[str, list[int]] = defaultdict(list)
    for index, product in enumerate(products):
        by_name[(normalise(product.name), _vendor(product))].append(index)
        for alias in product.aliases:
            by_alias[normalise(alias)].append(index)
            by_name[(normalise(alias), _vendor(product))].append(index)
    for indices in by_name.values():
        for other in indices[1:]:
            union(indices[0], other)
    names = defaultdict(list)
    for index, product in enumerate(products):
        names[normalise(product.name)].append(index)
    for alias, indices in by_alias.items():
        for other in names.get(alias, []):
            union(indices[0], other)
    groups: dict[int, list[Product]] = defaultdict(list)
    for index, product in enumerate(products):
        groups[find(index)].append(product)
    return [group for group in groups.values() if len(group) > 1]


def _family(precision: str) -> str | None:
    return FAMILIES.get(precision.split(".")[0])


def _peaks(product: Product) -> dict[str, tuple[float, Any]]:
    """The product's own dense figures, the highest per precision family."""
    best: dict[str, tuple[float, Any]] = {}
    for figure in product.compute:
        family = _family(figure.precision)
        if figure.sparse or family is None:
            continue
        if family not in best or figure.peak.value > best[family][0]:
            best[family] = (figure.peak.value, figure)
    return best


def _figure(product: Product, value: float, unit: str, detail: str, source: str,
            origin: str) -> dict[str, Any]:
    return {"product": product.id, "value": value, "unit": unit, "detail": detail,
            "source": source, "file": origin}


def crosscheck(catalog: Catalog) -> list[Finding]:
    findings: list[Finding] = []
    origin = {pid: catalog.origins[("product", pid)].document.path
              for (kind, pid) in catalog.origins if kind == "product"}
    for group in match_groups(catalog):
        findings.extend(_compare_figures(group, origin))
        findings.extend(_compare_power(group, origin))
        findings.extend(_against_parts(catalog, group, origin))
    for product in catalog.products.values():
        findings.extend(_efficiency(product, origin))
        findings.extend(_precision_order(product, origin))
    return findings


def _spread(values: list[float]) -> float:
    return max(values) / min(values)


def _twice(ratio: float) -> bool:
    return abs(ratio - 2) <= 0.05


def _compare_figures(group: list[Product], origin: dict[str, str]) -> Iterator[Finding]:
    families = defaultdict(list)
    for product in group:
        for family, (value, figure) in _peaks(product).items():
            families[family].append((product, value, figure))
    for family, members in families.items():
        if len({origin[p.id] for p, _, _ in members}) < 2:
            continue
        ratio = _spread([value for _, value, _ in members])
        if ratio <= 1 + TOLERANCE:
            continue
        unit = metrics.compute_unit(members[0][2].precision)
        text = ", ".join(f"{p.id} {format_number(v, 4)} {unit} ({f.precision}, {f.source})"
                         for p, v, f in members)
        hint = "; exactly 2x: one of them may count sparsity" if _twice(ratio) else ""
        yield Finding("figure-disagreement", [p.id for p, _, _ in members],
                      f"{family} peak disagrees across sources by {format_number(ratio, 3)}x: "
                      f"{text}{hint}", ratio,
                      [_figure(p, v, unit, f.precision, f.source, origin[p.id])
                       for p, v, f in members])


def _compare_power(group: list[Product], origin: dict[str, str]) -> Iterator[Finding]:
    scopes = defaultdict(list)
    for product in group:
        for figure in product.power:
            scopes[figure.scope].append((product, figure))
    for scope, members in scopes.items():
        if len({origin[p.id] for p, _ in members}) < 2:
            continue
        ratio = _spread([f.value.value for _, f in members])
        if ratio <= 1 + TOLERANCE:
            continue
        text = ", ".join(f"{p.id} {format_number(f.value.value, 4)} W ({f.kind}, {f.source})"
                         for p, f in members)
        yield Finding("power-disagreement", [p.id for p, _ in members],
                      f"{scope} power disagrees across sources by {format_number(ratio, 3)}x: "
                      f"{text}", ratio,
                      [_figure(p, f.value.value, "W", f.kind, f.source, origin[p.id])
                       for p, f in members])


def _against_parts(catalog: Catalog, group: list[Product],
                   origin: dict[str, str]) -> Iterator[Finding]:
    for assembled in (p for p in group if p.contains):
        for other in group:
            if other is assembled or origin[other.id] == origin[assembled.id]:
                continue
            for family, (value, figure) in _peaks(other).items():
                parts, caveat = _parts_peak(catalog, assembled, family), ""
                if parts is None:  # the parts' figure may not name its precision
                    parts = metrics.parts_total(catalog, assembled,
                                                Options(precision="unspecified"))
                    if not isinstance(parts, Bounded):
                        continue
                    caveat = " (the parts' figure is of unspecified precision)"
                ratio = value / parts.value
                if abs(ratio - 1) <= TOLERANCE:
                    continue
                unit = metrics.compute_unit(figure.precision)
                why = ("exactly 2x: a sparse figure posing as dense" if _twice(ratio)
                       else "does not fit its parts")
                yield Finding("parts-mismatch", [other.id, assembled.id],
                              f"{other.id}'s {family} {format_number(value, 4)} {unit} "
                              f"({figure.source}) against {assembled.id}'s parts "
                              f"{'; '.join(parts.notes)} = {format_number(parts.value, 4)} "
                              f"{unit}{caveat}: {format_number(ratio, 3)}x, {why}", ratio,
                              [_figure(other, value, unit, figure.precision, figure.source,
                                       origin[other.id])])


def _parts_peak(catalog: Catalog, assembled: Product, family: str) -> Bounded | None:
    """The largest sum of parts at a precision of `family` (fp16, fp16.32, bf16... for
    16-bit floats), or None when the parts give none."""
    candidates = [p for p in metrics.PRECISION_ORDER if FAMILIES.get(p) == family]
    candidates += [f"{p}.32" for p in candidates if p in ("fp16", "bf16")]
    best = None
    for precision in candidates:
        parts = metrics.parts_total(catalog, assembled, Options(precision=precision))
        if isinstance(parts, Bounded) and (best is None or parts.value > best.value):
            best = parts
    return best


def _efficiency(product: Product, origin: dict[str, str]) -> Iterator[Finding]:
    """Each figure against the ceiling of its precision; the product's best figure against
    the floor (a GPU's fp64 at 1/32 rate is slow on purpose, its best format is not)."""
    rated = []
    for family, (value, figure) in _peaks(product).items():
        scope = figure.scope or metrics.natural_scope(product)
        powers = [p for p in product.power if p.scope == scope]
        if powers:
            rated.append((value / powers[0].value.value, value, figure, powers[0]))
    best = max(rated, key=lambda r: r[0], default=None)
    for efficiency, value, figure, power in rated:
        watts = power.value.value
        ceiling = EFFICIENCY_CEILING.get(figure.precision.split(".")[0], 100.0)
        if efficiency > ceiling:
            orders = math.log10(efficiency / ceiling)
            why = f"{format_number(orders, 2)} orders of magnitude above {format_number(ceiling)}"
        elif efficiency < EFFICIENCY_FLOOR and best is not None and best[2] is figure:
            orders = math.log10(EFFICIENCY_FLOOR / efficiency)
            why = (f"{format_number(orders, 2)} orders of magnitude below "
                   f"{format_number(EFFICIENCY_FLOOR)}")
        else:
            continue
        powers = [power]
        unit = metrics.compute_unit(figure.precision)
        yield Finding("implausible-efficiency", [product.id],
                      f"{product.id}: {format_number(value, 4)} {unit} ({figure.precision}, "
                      f"{figure.source}) / {format_number(watts, 4)} W = "
                      f"{format_number(efficiency, 3)} {unit}/W, {why} {unit}/W for digital "
                      "silicon: a unit slip, or not digital silicon", efficiency,
                      [_figure(product, value, unit, figure.precision, figure.source,
                               origin[product.id]),
                       _figure(product, watts, "W", powers[0].kind, powers[0].source,
                               origin[product.id])])


def _precision_order(product: Product, origin: dict[str, str]) -> Iterator[Finding]:
    peaks = _peaks(product)
    for order in ORDERS:
        for narrow, wide in zip(order, order[1:]):
            if narrow in peaks and wide in peaks and \
                    peaks[wide][0] > peaks[narrow][0] * (1 + TOLERANCE):
                (n_value, n_figure), (w_value, w_figure) = peaks[narrow], peaks[wide]
                unit_n = metrics.compute_unit(n_figure.precision)
                unit_w = metrics.compute_unit(w_figure.precision)
                yield Finding("precision-order", [product.id],
                              f"{product.id}: {w_figure.precision} {format_number(w_value, 4)} "
                              f"{unit_w} is above {n_figure.precision} "
                              f"{format_number(n_value, 4)} {unit_n} ({w_figure.source}): a "
                              "wider format cannot be faster; a precision label is wrong",
                              w_value / n_value,
                              [_figure(product, w_value, unit_w, w_figure.precision,
                                       w_figure.source, origin[product.id]),
                               _figure(product, n_value, unit_n, n_figure.precision,
                                       n_figure.source, origin[product.id])])
