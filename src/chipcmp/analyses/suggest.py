"""Records that may be one product although nothing merged them: what `chipcmp identity
--suggest` proposes for a person to decide in an identity file (same or distinct, with
the reason).

Two entries of one vendor are proposed when they give at least SHARED_FIGURES figures
exactly alike (a peak at one precision, a power, a memory capacity or bandwidth, a
release date) and none differently: a die beside the product made of it (GH100 beside
H100 SXM5), a row renamed in a later version of a dataset. Sibling SKUs differ in
something both give (memory, power, a date) and are not proposed. The names hint which
a pair is: a model number that one name holds inside the other's ("H100" in "GH100")
reads as the same product. Pairs already one entry, or decided distinct, are not
proposed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from chipcmp.model import dates, limits, precision
from chipcmp.model.units import format_number

if TYPE_CHECKING:
    from chipcmp.catalog.view import Entry, View

SHARED_FIGURES = 3  # fewer identical figures is what parts of one generation share


@dataclass(frozen=True)
class Suggestion:
    """Two entries that may be one product, with the figures they share and a hint."""

    first: Entry
    second: Entry
    shared: tuple[str, ...]     # '989.4 TFLOPS fp16/bf16', '700 W tdp', '80 GB memory'
    hint: str                   # 'same model number (h100 in gh100)', or not

    @property
    def likely_same(self) -> bool:
        return self.hint.startswith("same model")

    def as_record(self) -> dict[str, Any]:
        return {"first": self.first.id, "second": self.second.id,
                "first_name": self.first.name, "second_name": self.second.name,
                "shared": list(self.shared), "hint": self.hint}


def _figures(entry: Entry) -> dict[tuple[str, ...], dict[str, float]]:
    """Each figure of the entry, by what it measures (a precision, a kind of power,
    memory, a milestone): its text and value (a date as its first day's ordinal)."""
    found: dict[tuple[str, ...], dict[str, float]] = {}

    def add(what: tuple[str, ...], text: str, value: float) -> None:
        found.setdefault(what, {})[text] = value

    for s in entry.compute:
        label = s.figure.precision + (" sparse" if s.figure.sparse else "")
        add(("compute", label), f"{format_number(s.value, 4)} "
                                f"{precision.unit_of(s.figure.precision)} {label}", s.value)
    for s in entry.power:
        add(("power", s.figure.kind), f"{format_number(s.value, 4)} W {s.figure.kind}",
            s.value)
    for s in entry.memory:
        if s.figure.capacity is not None:
            add(("capacity",), f"{format_number(s.figure.capacity.value, 4)} GB memory",
                s.figure.capacity.value)
        if s.figure.bandwidth is not None:
            add(("bandwidth",), f"{format_number(s.figure.bandwidth.value, 4)} GB/s "
                                "memory bandwidth", s.figure.bandwidth.value)
    for m in entry.items("milestones"):
        if not m.planned:  # a date agrees only with itself: 1e6 days apart otherwise
            add(("milestone", m.event), f"{m.event} {m.date}",
                dates.start(m.date).toordinal() * 1e6)
    return found


# What two records of one product may give differently (a bandwidth revised after
# launch, a die's date beside its product's); any other figure given differently makes
# them two products.
MAY_DIFFER = ("bandwidth", "milestone")


def _compare(a: dict[tuple[str, ...], dict[str, float]],
             b: dict[tuple[str, ...], dict[str, float]]) -> tuple[list[str], list[str]]:
    """The figures both give alike (within limits.FIGURES_AGREE), and what both give
    differently where one product could not."""
    shared, differ = [], []
    for what in a.keys() & b.keys():
        alike = [text for text, value in a[what].items()
                 if any(limits.agree(value, other) for other in b[what].values())]
        if alike:
            shared.extend(alike)
        elif what[0] not in MAY_DIFFER:
            differ.append(f"{' / '.join(sorted(a[what]))} against "
                          f"{' / '.join(sorted(b[what]))}")
    return sorted(shared), sorted(differ)


_MODEL = re.compile(r"[a-z]*\d[a-z0-9]*")


def _hint(a: Entry, b: Entry) -> str:
    """Whether the names read as one model: a model number of one inside one of the
    other's ('h100' in 'gh100'), else as siblings."""
    ours = set(_MODEL.findall(a.name.lower())) - {"1", "2"}
    theirs = set(_MODEL.findall(b.name.lower())) - {"1", "2"}
    for x in ours:
        for y in theirs:
            if x == y or (len(min(x, y, key=len)) >= 3 and
                          (x.endswith(y) or y.endswith(x))):
                return f"same model number ({min(x, y, key=len)} in {max(x, y, key=len)})"
    return "different model numbers"


def _variants_differ(a: Entry, b: Entry) -> list[str]:
    """What the names say differently of the variant: a form factor (PCIe, SXM2) or a
    memory size each names, and not alike."""
    from chipcmp.catalog.names import read_name

    na, nb = (read_name(e.id, e.name, e.vendor) for e in (a, b))
    return [f"{getattr(na, part)} against {getattr(nb, part)}" for part in ("form", "memory")
            if getattr(na, part) and getattr(nb, part) and getattr(na, part) != getattr(nb, part)]


def suggest(view: View) -> list[Suggestion]:
    """The pairs of entries that may be one product (module docstring), most shared
    figures first."""
    from chipcmp.catalog.names import vendor_groups

    distinct = view.matching.distinct if view.matching is not None else set()
    figures = {e.id: _figures(e) for e in view}
    found = []
    for group in vendor_groups(view):
        for n, a in enumerate(group):
            for b in group[n + 1:]:
                shared, differ = _compare(figures[a.id], figures[b.id])
                differ += _variants_differ(a, b)
                if len(shared) < SHARED_FIGURES or differ or \
                        any(frozenset((x, y)) in distinct for x in a.ids for y in b.ids):
                    continue
                found.append(Suggestion(a, b, tuple(sorted(shared)), _hint(a, b)))
    return sorted(found, key=lambda s: (-len(s.shared), s.first.id, s.second.id))
