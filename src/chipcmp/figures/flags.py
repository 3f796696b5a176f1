"""Figures that cannot be right: the checks behind validate's warnings, crosscheck's
findings and the flags that keep a figure out of rankings (until --include-flagged).

Each check looks at the figures one record gives (a unit slip or a wrong scope is one
source's mistake) or at a whole against the sum of its parts:

- implausible-efficiency: dense peak per watt (compute and power of one scope, from one
  source) above the ceiling for digital silicon at its precision (limits.py: halved on
  old nodes), or a record's best figure below limits.EFFICIENCY_FLOOR: a unit slip, or not
  digital silicon. Both figures of the pair are flagged: either may be the wrong one;
- implausible-compute, implausible-power: a figure outside the range for the kind of
  product (limits.COMPUTE_RANGE_TOPS, limits.POWER_RANGE_W);
- implausible-bandwidth: an off-chip memory's bandwidth beyond what its capacity can
  give (limits.MAX_OFFCHIP_BANDWIDTH_PER_GB, from 8 GB up): on-chip SRAM not named so,
  or a slip;
- parts-mismatch: a product's own dense figure against the sum of its parts, beyond
  limits.FIGURES_AGREE; exactly 2x is a sparse figure posing as dense.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Iterator

from chipcmp.model import limits
from chipcmp.model import precision
from chipcmp.model.bounds import render
from chipcmp.model.units import format_number

if TYPE_CHECKING:
    from chipcmp.catalog.identity import Decisions
    from chipcmp.catalog.load import LoadedCatalog
    from chipcmp.catalog.view import Entry, Record, Sourced, View


@dataclass(frozen=True)
class Flag:
    code: str
    figures: tuple[Sourced, ...]   # the figures it concerns; the first is the one located
    message: str                   # a sentence: what is wrong and what to check
    ratio: float | None = None
    entry_id: str = ""
    memory: str = ""               # a memory figure's field it concerns (capacity, bandwidth)

    @property
    def keys(self) -> tuple[tuple[str, str, int], ...]:
        return tuple(s.key for s in self.figures)


def _node(record: Record) -> float | None:
    process = record.product.process
    return process.value.value if process is not None else None


def record_flags(view: View, entry: Entry) -> Iterator[Flag]:
    """Checks on the figures of each record on its own. A record's compute is paired with
    the power every command would divide it by (figures.power_order: TDP first)."""
    from chipcmp.figures.select import power_order

    by_record: dict[str, list[Sourced]] = {}
    for sourced in entry.compute:
        by_record.setdefault(sourced.record.id, []).append(sourced)
    order = power_order(view)
    powers: dict[tuple[str, str], Sourced] = {}
    for sourced in entry.power:
        where = (sourced.record.id, sourced.scope)
        if where not in powers or order(sourced) < order(powers[where]):
            powers[where] = sourced
        yield from _power_range(entry, sourced)
    for figures in by_record.values():
        for sourced in figures:
            yield from _compute_range(entry, sourced)
        yield from _efficiency(entry, figures, powers)
    for sourced in entry.memory:
        yield from _bandwidth(entry, sourced)


def _bandwidth(entry: Entry, sourced: Sourced) -> Iterator[Flag]:
    from chipcmp.model.vocabulary import ON_CHIP_KINDS, memory_kind

    memory = sourced.figure
    if memory.capacity is None or memory.bandwidth is None or \
            memory_kind(memory.type) in ON_CHIP_KINDS or \
            memory.capacity.value < limits.BANDWIDTH_CHECKED_FROM_GB:
        return
    per_gb = memory.bandwidth.value / memory.capacity.value
    if per_gb > limits.MAX_OFFCHIP_BANDWIDTH_PER_GB:
        yield Flag("implausible-bandwidth", (sourced,),
                   f"{sourced.record.id}: {format_number(memory.bandwidth.value)} GB/s from "
                   f"{format_number(memory.capacity.value)} GB ({sourced.source}) is "
                   f"{format_number(per_gb, 3)} GB/s a GB, beyond the "
                   f"{format_number(limits.MAX_OFFCHIP_BANDWIDTH_PER_GB)} off-chip memory "
                   "gives: on-chip SRAM not named so (a correction's memory_type), or a slip",
                   per_gb / limits.MAX_OFFCHIP_BANDWIDTH_PER_GB, entry.id, memory="bandwidth")


def _power_range(entry: Entry, sourced: Sourced) -> Iterator[Flag]:
    kind = sourced.record.product.kind
    low, high = limits.POWER_RANGE_W[kind]
    watts = sourced.value
    if not low <= watts <= high:
        yield Flag("implausible-power", (sourced,),
                   f"{sourced.record.id}: {format_number(watts)} W ({sourced.source}) is "
                   f"outside {format_number(low)}..{format_number(high)} W for a {kind}; "
                   "check the unit (mW, W, kW) and the scope", None, entry.id)


def _compute_range(entry: Entry, sourced: Sourced) -> Iterator[Flag]:
    product = sourced.record.product
    kind = product.kind
    low, high = limits.compute_range(kind, sourced.figure.precision, product.form_factor)
    peak = sourced.value
    if not low <= peak <= high:
        unit = precision.unit_of(sourced.figure.precision)
        yield Flag("implausible-compute", (sourced,),
                   f"{sourced.record.id}: {format_number(peak, 4)} {unit} "
                   f"({sourced.figure.precision}, {sourced.source}) is outside "
                   f"{format_number(low)}..{format_number(high)} {unit} for a {kind} at its "
                   "width; check the unit (GOPS, TOPS, POPS; FLOP/s or TFLOP/s), and whether "
                   "the figure counts sparsity or a narrower format than its label",
                   None, entry.id)


def _efficiency(entry: Entry, figures: list[Sourced],
                powers: dict[tuple[str, str], Sourced]) -> Iterator[Flag]:
    rated = []
    for sourced in figures:
        if sourced.figure.sparse or sourced.figure.measure != "peak":
            continue
        power = powers.get((sourced.record.id, sourced.scope))
        if power is not None:
            rated.append((sourced.value / power.value, sourced, power))
    best = max(rated, key=lambda r: r[0], default=None)
    for efficiency, sourced, power in rated:
        label = sourced.figure.precision
        node = _node(sourced.record)
        ceiling = limits.efficiency_ceiling(label, node)
        if efficiency > ceiling:
            orders = math.log10(efficiency / ceiling)
            why = (f"{format_number(orders, 2)} orders of magnitude above "
                   f"{format_number(ceiling)}" if orders >= 1 else
                   f"above {format_number(ceiling)}")
        elif efficiency < limits.EFFICIENCY_FLOOR and best is not None and best[1] is sourced:
            orders = math.log10(limits.EFFICIENCY_FLOOR / efficiency)
            why = (f"{format_number(orders, 2)} orders of magnitude below "
                   f"{format_number(limits.EFFICIENCY_FLOOR)}")
        else:
            continue
        unit = precision.unit_of(label)
        at_node = f" at {format_number(node)} nm" if node else ""
        yield Flag("implausible-efficiency", (sourced, power),
                   f"{sourced.record.id}: {format_number(sourced.value, 4)} {unit} ({label}, "
                   f"{sourced.source}) / {format_number(power.value, 4)} W = "
                   f"{format_number(efficiency, 3)} {unit}/W, {why} {unit}/W for digital "
                   f"silicon{at_node}: a unit slip (GOPS or TOPS? mW or W?), a sparse figure, "
                   "or not digital silicon", efficiency, entry.id)


def below_delivered(entry: Entry) -> Iterator[Flag]:
    """A peak below what the product is said to deliver at the same precision and scope
    (a source's throughput, not a peak) cannot be its peak: a unit slip, or the peak of
    another variant."""
    delivered = [s for s in entry.compute if s.figure.measure != "peak" and not s.figure.sparse]
    for done in delivered:
        families = precision.families(done.figure.precision)
        for sourced in entry.compute:
            if sourced.figure.measure != "peak" or sourced.figure.sparse or \
                    sourced.scope != done.scope or \
                    precision.families(sourced.figure.precision) != families:
                continue
            if sourced.value * (1 + limits.FIGURES_AGREE) < done.value:
                unit = precision.unit_of(sourced.figure.precision)
                yield Flag("peak-below-delivered", (sourced, done),
                           f"{sourced.record.id}: the peak {format_number(sourced.value, 4)} "
                           f"{unit} ({sourced.source}) is below the "
                           f"{format_number(done.value, 4)} {unit} the product delivers "
                           f"({done.source}): a unit slip, or another variant's peak",
                           done.value / sourced.value, entry.id)


def corrected_flags(entry: Entry) -> Iterator[Flag]:
    """Figures a correction says are wrong (its `flag`), and figures in a format a source
    says the product lacks (`formats`): kept and shown, not ranked."""
    formats = entry.formats
    flagged: set[tuple[str, str, int]] = set()
    for applied in entry.corrections:
        correction = applied.correction
        for wrong in applied.flags:
            if wrong.memory is not None:
                yield from _memory_corrected(entry, applied, wrong)
                continue
            for sourced in entry.compute:
                if sourced.record.id == applied.record and sourced.source != \
                        correction.source and precision.families(sourced.figure.precision) \
                        == precision.families(wrong.precision):
                    flagged.add(sourced.key)
                    yield Flag("corrected", (sourced,),
                               f"{sourced.record.id}: {format_number(sourced.value, 4)} "
                               f"{precision.unit_of(sourced.figure.precision)} "
                               f"({sourced.figure.precision}, {sourced.source}) is corrected: "
                               f"{wrong.reason} ({correction.source})", None, entry.id)
    if not formats:
        return
    for sourced in entry.compute:
        families = precision.families(sourced.figure.precision)
        if sourced.key in flagged or precision.is_either(sourced.figure.precision) or \
                families[0] in precision.UNNAMED or families[0] in formats:
            continue
        yield Flag("format-lacking", (sourced,),
                   f"{sourced.record.id}: a {sourced.figure.precision} figure "
                   f"({format_number(sourced.value, 4)} "
                   f"{precision.unit_of(sourced.figure.precision)}, {sourced.source}), but "
                   f"{entry.id} computes in {', '.join(sorted(formats))} only (the source "
                   "of its architecture or of a correction says so)", None, entry.id)


def _memory_corrected(entry: Entry, applied: Any, wrong: Any) -> Iterator[Flag]:
    """A correction's flag of a record's memory capacity or bandwidth."""
    for sourced in entry.memory:
        value = getattr(sourced.figure, wrong.memory)
        if sourced.record.id != applied.record or sourced.source == \
                applied.correction.source or value is None:
            continue
        unit = "GB/s" if wrong.memory == "bandwidth" else "GB"
        yield Flag("corrected", (sourced,),
                   f"{sourced.record.id}: its memory {wrong.memory} "
                   f"{format_number(value.value, 4)} {unit} ({sourced.source}) is corrected: "
                   f"{wrong.reason} ({applied.correction.source})", None, entry.id,
                   memory=wrong.memory)


def parts_flags(view: View, entry: Entry) -> Iterator[Flag]:
    """The product's own figures (from every source) against the sum of its parts."""
    from chipcmp.figures.select import whole_against_parts

    for check in whole_against_parts(view, entry, fallback_unspecified=True):
        if check.verdict == "fits":
            continue
        sourced = check.figure
        unit = precision.unit_of(sourced.figure.precision)
        side = "more" if check.verdict == "above" else "less"
        if check.twice and check.verdict == "above":
            why = "exactly 2x: a sparse figure posing as dense"
        elif check.twice:
            why = "exactly half: one part's figure given for the whole, or a count wrong"
        else:
            why = "check the part counts, the scope, or whether one figure is sparse"
        yield Flag("parts-mismatch", (sourced,),
                   f"{sourced.record.id}'s {sourced.figure.precision} "
                   f"{format_number(sourced.value, 4)} {unit} ({sourced.source}) is {side} "
                   f"than {entry.id}'s parts {check.parts.basis} = "
                   f"{render(check.parts.value)} {unit}{check.caveat}: "
                   f"{format_number(check.ratio.value, 3)}x, {why}", check.ratio.value,
                   entry.id)


def build_view(catalog: LoadedCatalog, prefer: Iterable[str] = (), merge: bool = True,
               decisions: Decisions | None = None) -> View:
    """The view every command reads: merged (catalog/view.py), its implausible figures
    flagged once, here, before anything selects a figure from it."""
    from chipcmp.catalog.assemble import build

    return attach(build(catalog, prefer, merge, decisions))


def attach(view: View) -> View:
    """Run every check over the view and set its flags: record checks first, then parts
    (whose sums leave out the figures the record checks flagged)."""
    local = [flag for entry in view for flag in [*record_flags(view, entry),
                                                  *corrected_flags(entry),
                                                  *below_delivered(entry)]]
    view.flags = by_key(local)
    parts = [flag for entry in view if entry.contains for flag in parts_flags(view, entry)]
    view.flag_list = local + parts
    view.flags = by_key(view.flag_list)
    view.memory_flags = {}
    for flag in view.flag_list:
        if flag.memory:
            view.memory_flags.setdefault(flag.memory, {}).update(dict.fromkeys(flag.keys, flag))
    return view


def by_key(flags: list[Flag]) -> dict[tuple[str, str, int], Flag]:
    """The first flag on each figure."""
    keyed: dict[tuple[str, str, int], Flag] = {}
    for flag in flags:
        for key in flag.keys:
            keyed.setdefault(key, flag)
    return keyed
