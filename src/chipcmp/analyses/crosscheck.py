"""Checking sources against one another, over the catalogs loaded together (the bundled
one and imported datasets), on the merged view: the records merge.py finds to be one
product are compared figure by figure.

Findings, each with the figures, their sources and the ratio:
- figure-disagreement: the figure each source gives for one precision family (chosen as
  every command chooses, figures.py) differs from the one used beyond
  limits.FIGURES_AGREE (an exact 2x is flagged: one of them may count sparsity);
- power-disagreement: the same for power, at one scope;
- implausible-efficiency, implausible-compute, implausible-power, parts-mismatch: the
  plausibility checks (plausibility.py), which also keep such figures out of rankings;
- sibling-copy: two products of one vendor with the same dense peak in one matrix
  format and different ones in another: a vendor that sets two SKUs of one design apart
  in one matrix format sets them apart in the others (clocks and units scale them
  alike), so the equal figure may be one row's copied into the other's (or the two are
  of different designs: the finding asks for a datasheet, it changes nothing);
- precision-order: a wider format above a narrower one in one source (int16 above int8,
  tf32 above fp16): a label that cannot be right. Vector float formats are exempt: GPUs
  that run fp16 at 1/64 of fp32 (Pascal) or fp64 at 1/32 are real, not mislabelled.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterator

from chipcmp.figures import select as figures
from chipcmp.model import limits
from chipcmp.model import precision
from chipcmp.figures.select import Pick, Request
from chipcmp.model.precision import family_query
from chipcmp.model.units import format_number
from chipcmp.catalog.view import Entry, Sourced, View



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


def _figure(sourced: Sourced) -> dict[str, Any]:
    figure = sourced.figure
    value = sourced.value if sourced.field != "memory" else figure.bandwidth.value
    if sourced.field == "compute":
        unit, detail = precision.unit_of(figure.precision), figure.precision
    elif sourced.field == "memory":
        unit, detail = "GB/s", figure.type or "memory bandwidth"
    else:
        unit, detail = "W", figure.kind
    return {"product": sourced.record.id, "value": value, "unit": unit,
            "detail": detail, "source": sourced.source, "file": sourced.catalog.path}


def crosscheck(view: View) -> list[Finding]:
    findings: list[Finding] = []
    for entry in view:
        if len(entry.records) > 1:
            findings.extend(_compare_figures(view, entry))
            findings.extend(_compare_power(view, entry))
        findings.extend(_precision_order(view, entry))
    findings.extend(_sibling_copies(view))
    for flag in view.flag_list:
        findings.append(Finding(flag.code, list(dict.fromkeys(s.record.id for s in flag.figures))
                                if flag.code != "parts-mismatch" else
                                [flag.figures[0].record.id, flag.entry_id],
                                flag.message, flag.ratio, [_figure(s) for s in flag.figures]))
    return findings


# The formats matrix units compute in: a vendor sets its SKUs apart in these together.
# Vector formats are left out: a SKU may keep its matrix rates and lose its FP64 (H800).
_MATRIX_FAMILIES = ("int4", "int8", "fp4", "fp8", "fp16", "bf16", "tf32")


def _peaks(entry: Entry) -> dict[str, list[Sourced]]:
    """The entry's dense peaks in matrix formats (not vector figures), by label."""
    found: dict[str, list[Sourced]] = {}
    for s in entry.compute:
        if not s.figure.sparse and s.figure.measure == "peak" and \
                s.figure.unit != "vector" and \
                all(f in _MATRIX_FAMILIES for f in precision.families(s.figure.precision)):
            found.setdefault(s.figure.precision, []).append(s)
    return found


def _sibling_copies(view: View) -> Iterator[Finding]:
    """Pairs of one vendor's products equal at one precision and apart at another."""
    from chipcmp.catalog.names import vendor_groups

    for entries in vendor_groups(view):
        peaks = [(entry, _peaks(entry)) for entry in entries]
        for n, (a, pa) in enumerate(peaks):
            for b, pb in peaks[n + 1:]:
                equal, apart = [], []
                for label in pa.keys() & pb.keys():
                    pairs = [(x, y) for x in pa[label] for y in pb[label]]
                    if any(x.value == y.value for x, y in pairs):
                        equal.append(next((x, y) for x, y in pairs if x.value == y.value))
                    elif not any(limits.agree(x.value, y.value) for x, y in pairs):
                        apart.append(pairs[0])
                if not (equal and apart):
                    continue
                said_equal = ", ".join(f"{format_number(x.value, 4)} "
                                       f"{precision.unit_of(x.figure.precision)} "
                                       f"{x.figure.precision}" for x, _ in equal)
                said_apart = ", ".join(f"{x.figure.precision} {format_number(x.value, 4)} "
                                       f"against {format_number(y.value, 4)}"
                                       for x, y in apart)
                yield Finding("sibling-copy", [a.id, b.id],
                              f"{a.id} and {b.id} give the same {said_equal} but differ at "
                              f"{said_apart}: one row's figure copied into the other's? "
                              "Check each against its vendor's datasheet",
                              None, [_figure(s) for pair in equal + apart for s in pair])


def _disagreement(code: str, what: str, entry: Entry, pick: Pick) -> Finding:
    members = [pick.figure, *pick.conflicts]
    values = [s.value for s in members]
    ratio = max(values) / min(values)
    text = ", ".join(f"{s.record.id} {format_number(s.value, 4)} "
                     f"{_figure(s)['unit']} ({_figure(s)['detail']}, {s.source})"
                     for s in members)
    return Finding(code, [s.record.id for s in members],
                   f"{what} disagrees across sources by {format_number(ratio, 3)}x: {text}; "
                   f"used: {pick.figure.record.id}'s (first by precedence)"
                   f"{_likely_cause(members, ratio)}", ratio,
                   [_figure(s) for s in members])


def _likely_cause(members: list[Sourced], ratio: float) -> str:
    """What a disagreement most likely is, from what the figures say of themselves."""
    units = {getattr(s.figure, "unit", None) for s in members}
    if len(units) > 1 and ratio >= 2:
        return ("; the units differ or one is unstated: one may be a vector (SIMD) rate, "
                "the other a tensor (matrix) one")
    if limits.is_twice(ratio):
        return "; exactly 2x: one may count sparsity, or one die of a two-die package"
    kinds = {getattr(s.figure, "kind", None) for s in members} - {None}
    if len(kinds) > 1:
        return f"; the power kinds differ ({', '.join(sorted(kinds))})"
    return ("; the records may be different variants (memory, form factor, power limit) of "
            "one name")


def _compare_figures(view: View, entry: Entry) -> Iterator[Finding]:
    labels = {f for s in entry.compute for f in precision.families(s.figure.precision)}
    for family in sorted(labels, key=precision.sort_key):
        if family in precision.UNNAMED:
            continue
        query = family_query(family)
        pick = figures.compute(view, entry, Request(query, from_parts=False))
        if isinstance(pick, Pick) and pick.figure is not None and pick.conflicts:
            yield _disagreement("figure-disagreement", f"{family} peak", entry, pick)


def _compare_power(view: View, entry: Entry) -> Iterator[Finding]:
    for scope in sorted({s.scope for s in entry.power}):
        pick = figures.power(view, entry, scope)
        if isinstance(pick, Pick) and pick.conflicts:
            yield _disagreement("power-disagreement", f"{scope} power", entry, pick)


def _precision_order(view: View, entry: Entry) -> Iterator[Finding]:
    """A wider format faster than a narrower one, like with like only: figures of one
    record, dense peaks, of the same execution unit (matrix with matrix; figures whose
    unit is unstated only with each other), never a tensor rate against a vector one."""
    for record in entry.records:
        own = [s for s in entry.compute if s.record is record and not s.figure.sparse
               and s.figure.unit != "vector" and s.figure.measure == "peak"
               and not precision.is_either(s.figure.precision)]
        for unit in sorted({s.figure.unit or "" for s in own}):
            yield from _order_within(record, [s for s in own if (s.figure.unit or "") == unit])


def _order_within(record: Any, own: list[Sourced]) -> Iterator[Finding]:
    best: dict[str, Sourced] = {}
    for sourced in own:
        fam = precision.family(sourced.figure.precision)
        if fam not in best or sourced.value > best[fam].value:
            best[fam] = sourced
    for order in precision.WIDENING_STEPS:
        for narrow_step, wide_step in zip(order, order[1:]):
            narrow = [best[f] for f in narrow_step if f in best]
            wide = [best[f] for f in wide_step if f in best]
            if not narrow or not wide:
                continue
            n = max(narrow, key=lambda s: s.value)
            w = max(wide, key=lambda s: s.value)
            if w.value > n.value * (1 + limits.FIGURES_AGREE):
                yield Finding("precision-order", [record.id],
                              f"{record.id}: {w.figure.precision} "
                              f"{format_number(w.value, 4)} "
                              f"{precision.unit_of(w.figure.precision)} is above "
                              f"{n.figure.precision} {format_number(n.value, 4)} "
                              f"{precision.unit_of(n.figure.precision)} ({w.source}): a "
                              "wider format cannot be faster; a precision label is wrong",
                              w.value / n.value, [_figure(w), _figure(n)])
