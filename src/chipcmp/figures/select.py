"""Which figure a product contributes: the one selection point every command uses.

At a precision (a family, a variant, or several families; see precision.py) and at the
product's own scope (chip, card, module or system), the compute figure is chosen so:

1. only dense figures of the asked families, at the product's scope, of the asked
   execution unit (any, matrix or vector), and not flagged as implausible
   (plausibility.py) unless `include_flagged`;
2. a matrix figure before one of unstated or vector unit; a figure labelled with the
   asked family before an either-label (fp16/bf16) that only may be it. A product whose
   matrix units compute in the asked format (its architecture says so) is never given a
   vector figure by this choice: its matrix peak is what it is compared at, and without
   one it is left out (`--unit vector` asks for vector figures);
3. then by source precedence (view.py), and within one source the highest;
4. without such a figure: the sum of the parts when every count and part figure is
   known (derived); then a sparse figure halved (with `sparse="halve"`); then a figure
   of unspecified precision (with `assume_unspecified`); each marked derived.

Power at a scope: precedence first, then, within one source, TDP before max, typical
and measured. Power is never summed from parts: a card draws more than its chips.

A figure from another source that disagrees with the chosen one beyond
limits.FIGURES_AGREE is a conflict, carried on the pick. When there is no figure, the
answer is an Omission: a code from OMISSIONS and a detail, never a sentence to parse.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from chipcmp.model import limits
from chipcmp.model import precision
from chipcmp.model.bounds import Bounded, divide, multiply, prefix, total
from chipcmp.model.precision import Query
from chipcmp.model.units import format_number
from chipcmp.model.vocabulary import POWER_KINDS, memory_admitted

if TYPE_CHECKING:
    from chipcmp.catalog.view import Entry, Sourced, View


# Why a product has no figure: code -> how the count of such products is labelled.
OMISSIONS = {
    "no-compute": "no compute figure",
    "other-precision": "other precision only",
    "unspecified-precision": "unspecified precision",
    "other-unit": "other execution unit only",
    "no-matrix-peak": "tensor peak not in the sources",
    "other-scope": "compute at another scope only",
    "sparse-only": "sparse only",
    "not-peak": "not a peak only",
    "flagged": "flagged as implausible",
    "no-power": "no power",
    "power-other-scope": "power at another scope only",
    "efficiency-only": "stated efficiency only (nothing to plot)",
    "no-price": "no price",
    "no-process": "no process node",
    "no-memory": "no memory capacity",
    "no-bandwidth": "no memory bandwidth",
    "other-memory": "memory of another kind only",
    "not-measured": "not measured in that benchmark and scenario",
    "no-measured-power": "no result with measured power",
    "other-limits": "measured at other latency limits only",
    "no-rental-price": "no price per accelerator-hour",
    "other-price": "priced only in another kind, region or provider",
}


@dataclass(frozen=True)
class Request:
    """How to choose figures: which precision and execution unit, and what to do with
    sparse, unspecified and flagged figures."""

    precision: Query = field(default_factory=lambda: precision.parse_query(precision.DEFAULT))
    unit: str = "best"
    sparse: str = "exclude"
    assume_unspecified: bool = False
    from_parts: bool = True
    include_flagged: bool = False
    memory_kind: str = "off-chip"  # vocabulary.MEMORY_CHOICES
    # What was measured (metric throughput): a benchmark (model/benchmarks.py) and an
    # MLPerf scenario.
    benchmark: str | None = None
    scenario: str | None = None
    # Which price per accelerator-hour a cost takes (analyses/costs.py): the cheapest of
    # this kind (vocabulary.PRICE_KINDS), in this region and from this provider where
    # named; and what a kWh costs, for the cost of a result's energy.
    price_kind: str = "on-demand"
    region: str | None = None
    provider: str | None = None
    kwh_price: float | None = None

    def at(self, query: Query) -> Request:
        return replace(self, precision=query)

    def describe(self) -> str:
        """'int8, dense, tensor figures first': what the figures are chosen by."""
        if self.benchmark is not None:
            return f"measured: MLPerf {self.benchmark} {self.scenario or 'offline'}"
        query = self.precision
        text = str(query) if len(query.families) + len(query.exact) == 1 else \
            " and ".join((*query.families, *query.exact))
        text += ", sparse halved" if self.sparse == "halve" else ", dense"
        text += {"best": ", tensor figures first", "matrix": ", tensor figures only",
                 "vector": ", vector figures only"}[self.unit]
        if self.assume_unspecified:
            text += ", unspecified precision assumed"
        if self.include_flagged:
            text += ", flagged figures included"
        if self.memory_kind != "off-chip":
            text += f", {self.memory_kind} memory"
        return text


@dataclass(frozen=True)
class Omission:
    """Why a product has no figure: a code (a key of OMISSIONS) and the detail."""

    code: str
    detail: str

    def __str__(self) -> str:
        return self.detail

    @property
    def label(self) -> str:
        return OMISSIONS[self.code]


@dataclass(frozen=True)
class Pick:
    """The figure a product contributes, with where it came from."""

    value: Bounded                          # notes: the basis, one entry a figure
    figure: Sourced | None = None           # None when summed from parts
    scope: str = ""
    conflicts: tuple[Sourced, ...] = ()     # other sources' figures that disagree
    others: tuple[Sourced, ...] = ()        # every other source's figure of this kind
    flagged: Any = None                     # the flag, when include_flagged used one
    inputs: tuple[Bounded, ...] = ()        # a ratio's terms, in its metric's order
    # What else an answer is made of, for scripts (a cost's price and result): keys of
    # its metric's `details`, in that order.
    details: tuple[tuple[str, Any], ...] = ()

    @property
    def basis(self) -> str:
        return "; ".join(self.value.notes)

    @property
    def conflicted(self) -> bool:
        return bool(self.conflicts)

    @property
    def conflict_text(self) -> str | None:
        """The other sources' figures that disagree, as text, or None."""
        return "; ".join(map(describe, self.conflicts)) or None


Answer = Pick | Omission


def describe_compute(sourced: Sourced, unit: str | None = None) -> str:
    """'312 TFLOPS fp16 tensor (nvidia-a100-datasheet)'."""
    from chipcmp.model.vocabulary import UNIT_WORDS

    figure = sourced.figure
    label = figure.precision
    text = f"{format_number(figure.peak.value)} {unit or precision.unit_of(label)} {label}"
    if figure.unit:
        text += f" {UNIT_WORDS[figure.unit]}"
    if figure.sparse:
        text += " sparse"
    return f"{text} ({figure.source})"


def describe_power(sourced: Sourced) -> str:
    figure = sourced.figure
    return f"{format_number(figure.value.value)} W {figure.kind} ({figure.source})"


def describe(sourced: Sourced) -> str:
    """A figure of any kind as text, with its source."""
    if sourced.field == "compute":
        return describe_compute(sourced)
    if sourced.field == "power":
        return describe_power(sourced)
    if sourced.field == "memory":
        figure = sourced.figure
        given = [f"{format_number(figure.capacity.value)} GB" if figure.capacity else "",
                 f"{format_number(figure.bandwidth.value)} GB/s" if figure.bandwidth else ""]
        return f"{', '.join(g for g in given if g)} ({sourced.source})"
    return f"{format_number(sourced.value)} ({sourced.source})"


def _bounded(sourced: Sourced, derived: bool, note: str) -> Bounded:
    return Bounded(sourced.value, sourced.figure.bound, derived, (note,))


def _units_agree(a: Sourced, b: Sourced) -> bool:
    """Two figures count the same execution units, or one does not say."""
    a_unit, b_unit = getattr(a.figure, "unit", None), getattr(b.figure, "unit", None)
    return a_unit is None or b_unit is None or a_unit == b_unit


def _others(chosen: Sourced, candidates: list[Sourced], key: Any) -> tuple[tuple, tuple]:
    """Each other record's own choice among `candidates`, and those that disagree."""
    per_record: dict[str, Sourced] = {}
    for sourced in sorted(candidates, key=key):
        if sourced.record.id != chosen.record.id:
            per_record.setdefault(sourced.record.id, sourced)
    others = tuple(per_record.values())
    conflicts = tuple(s for s in others if _units_agree(s, chosen)
                      and not limits.agree(s.value, chosen.value))
    return others, conflicts


# ----------------------------------------------------------------------------- compute
def compute(view: View, entry: Entry, request: Request,
            _seen: frozenset[str] = frozenset()) -> Answer:
    """The product's dense peak at request.precision and its own scope, or why none."""
    query, scope, flags = request.precision, entry.scope, view.flags
    in_family = [s for s in entry.compute if query.matches(s.figure.precision)
                 and s.figure.measure == "peak" and in_formats(entry, s.figure.precision, query)]
    at_scope = [s for s in in_family if s.scope == scope]
    matrix_only = request.unit == "best" and has_matrix_units(entry, query)
    of_unit = [s for s in at_scope if s.figure.unit == request.unit or
               (request.unit == "best" and not (matrix_only and s.figure.unit == "vector"))]
    usable = [s for s in of_unit if request.include_flagged or s.key not in flags]
    dense = [s for s in usable if not s.figure.sparse]
    if dense:
        def key(s: Sourced) -> tuple[Any, ...]:
            return (s.figure.unit != "matrix", not query.is_exact_match(s.figure.precision),
                    view.precedence(s)[:-1], -s.value, s.index)

        chosen = min(dense, key=key)
        either = not query.is_exact_match(chosen.figure.precision)
        decided = _decided_family(entry, chosen.figure.precision) if either else None
        if decided is not None:
            either = False
            note = describe_compute(chosen, query.unit) + f" ({decided})"
        else:
            note = describe_compute(chosen, query.unit) + (
                f" ({' or '.join(precision.families(chosen.figure.precision))}: the source "
                "does not say which)" if either else "")
        others, conflicts = _others(chosen, dense, key)
        return Pick(_bounded(chosen, either, note), chosen, scope, conflicts, others,
                    flags.get(chosen.key))
    parts_reason = None
    if request.from_parts and entry.contains and entry.id not in _seen:
        derived = parts_total(view, entry, request, _seen | {entry.id})
        if isinstance(derived, Pick):
            return derived
        parts_reason = derived.detail
    sparse = [s for s in usable if s.figure.sparse]
    if sparse:
        chosen = min(sparse, key=lambda s: (s.figure.unit != "matrix",
                                            view.precedence(s)[:-1], -s.value))
        if request.sparse == "halve":
            return Pick(Bounded(chosen.value / 2, chosen.figure.bound, True,
                                (f"sparse {format_number(chosen.value)} {query.unit} / 2 "
                                 f"({chosen.source})",)), chosen, scope,
                        flagged=flags.get(chosen.key))
        return Omission("sparse-only", f"sparse {query} figure only (--sparse halve uses it "
                                       "halved)")
    if request.assume_unspecified:
        unspecified = [s for s in entry.compute
                       if precision.may_stand_in(s.figure.precision, query)
                       and not s.figure.sparse and s.figure.measure == "peak"
                       and s.scope == scope
                       and (request.include_flagged or s.key not in flags)]
        if unspecified:
            chosen = min(unspecified, key=lambda s: (view.precedence(s)[:-1], -s.value))
            unnamed = ("an unnamed float" if chosen.figure.precision ==
                       precision.UNSPECIFIED_FLOAT else "unspecified")
            return Pick(_bounded(chosen, True, f"{format_number(chosen.value)} {query.unit} at "
                                               f"{unnamed} precision, assumed {query} "
                                               f"({chosen.source})"), chosen, scope,
                        flagged=flags.get(chosen.key))
    omission = _why_no_compute(entry, query, request, in_family, at_scope, of_unit, usable)
    if parts_reason:
        return Omission(omission.code, f"{omission.detail}; from parts: {parts_reason}")
    return omission


def _decided_family(entry: Entry, label: str) -> str | None:
    """Which precision a figure given for either of two ('fp16/bf16') is, where the
    formats a source gives the product (its architecture's, or a correction's) leave one:
    'fp16: it computes no bf16 (architecture NVIDIA Volta (GV100))'; None if not one."""
    families = precision.families(label)
    kept = [f for f in families if f in entry.formats]
    if not entry.formats or len(kept) != 1:
        return None
    lacked = " or ".join(f for f in families if f not in kept)
    said = [a.said_by for a in entry.corrections if a.correction.formats]
    return f"{kept[0]}: it computes no {lacked}" + (f", by {said[-1]}" if said else "")


def has_matrix_units(entry: Entry, query: Query) -> bool:
    """Whether a source says the product's matrix units compute in an asked format."""
    return bool(entry.matrix_formats & query.asked_families)


def in_formats(entry: Entry, label: str, query: Query) -> bool:
    """Whether a figure of `label` answers `query` for this product: always, unless a
    source says which formats the product computes in; then only a family it has (a
    fp16/bf16 figure is a TPU's bf16 figure, and no T4 figure is a bf16 one)."""
    formats = entry.formats
    if not formats:
        return True
    asked = [f for f in precision.families(label) if f in query.families] or \
        [precision.family(label)]
    return any(f in formats for f in asked)


def _why_no_compute(entry: Entry, query: Query, request: Request, in_family: list,
                    at_scope: list, of_unit: list, usable: list) -> Omission:
    labels = sorted({s.figure.precision for s in entry.compute}, key=precision.sort_key)
    if not labels:
        return Omission("no-compute", "no compute figure")
    delivered = [s for s in entry.compute if query.matches(s.figure.precision)
                 and s.figure.measure != "peak"]
    if delivered and not in_family:
        return Omission("not-peak", f"no {query} peak: {format_number(delivered[0].value)} "
                                    f"{query.unit} ({delivered[0].source}) is not a peak "
                                    "(a delivered figure), never ranked as one")
    if of_unit and not usable:
        flag = entry.view.flags.get(of_unit[0].key)
        return Omission("flagged", f"its {query} figure is flagged (--include-flagged ranks "
                                   f"it, marked): {flag.message if flag else 'implausible'}")
    if at_scope and not of_unit and request.unit == "best":
        return Omission("no-matrix-peak", f"its matrix units compute {query}, and its "
                                          f"matrix peak at {query} is not in the sources; "
                                          "it has a vector figure (--unit vector ranks it)")
    if at_scope and not of_unit:
        units = sorted({s.figure.unit or "unstated" for s in at_scope})
        return Omission("other-unit", f"no {query} {request.unit} figure (has {', '.join(units)})")
    if in_family:
        scopes = sorted({s.scope for s in in_family})
        return Omission("other-scope", f"no {query} figure at {entry.scope} scope (has "
                                       f"{', '.join(scopes)})")
    if set(labels) <= set(precision.UNNAMED):
        return Omission("unspecified-precision", f"no {query} figure; has unspecified "
                                                 "(--assume-unspecified uses it)")
    return Omission("other-precision", f"no {query} figure; has {', '.join(labels)}")


def parts_total(view: View, entry: Entry, request: Request,
                seen: frozenset[str] = frozenset()) -> Answer:
    """The sum of the parts' picks (marked derived), or why there is none: a part
    without a count, or without the figure. `seen` stops a part list that names its
    own product."""
    seen = seen | {entry.id}
    pieces = []
    for part in entry.contains:
        child = view.find(part.product)
        if child is None or part.count is None:
            return Omission("no-compute", f"count of {part.product} unknown")
        if child.id in seen:
            return Omission("no-compute", f"{part.product} is listed inside itself")
        value = compute(view, child, request, seen)
        if isinstance(value, Omission):
            return Omission(value.code, f"part {part.product} has none")
        count = Bounded(part.count, part.bound)
        pieces.append(multiply(Bounded(value.value.value, value.value.bound, True),
                               count).scaled(1, f"{prefix(part.bound)}{part.count} x {child.name} "
                                                f"({value.basis})"))
    if not pieces:
        return Omission("no-compute", "no parts")
    return Pick(total(pieces), None, entry.scope)


# ------------------------------------------------------------------------------- power
def power_order(view: View) -> Any:
    """The order in which power figures are chosen: by source precedence, then, within
    one source, TDP before max, typical and measured. The one rule for the power that
    pairs with a compute figure, in rankings and in plausibility checks alike."""

    def key(s: Sourced) -> tuple[Any, ...]:
        return (view.precedence(s)[:-1], POWER_KINDS.index(s.figure.kind), s.index)

    return key


def power(view: View, entry: Entry, scope: str | None = None,
          request: Request | None = None) -> Answer:
    """The product's power at `scope` (its own by default)."""
    scope = scope or entry.scope
    include_flagged = request.include_flagged if request else False
    flags = view.flags
    at_scope = [s for s in entry.power if s.scope == scope]
    usable = [s for s in at_scope if include_flagged or s.key not in flags]
    if not usable:
        if at_scope:
            flag = flags.get(at_scope[0].key)
            return Omission("flagged", f"its {scope} power is flagged (--include-flagged uses "
                                       f"it, marked): {flag.message if flag else 'implausible'}")
        scopes = sorted({s.scope for s in entry.power})
        if scopes:
            return Omission("power-other-scope", f"no {scope} power (has {', '.join(scopes)} "
                                                 "power)")
        return Omission("no-power", f"no {scope} power")

    key = power_order(view)
    chosen = min(usable, key=key)
    others, conflicts = _others(chosen, usable, key)
    return Pick(_bounded(chosen, False, describe_power(chosen)), chosen, scope, conflicts,
                others, flags.get(chosen.key))


def stated_efficiency(view: View, entry: Entry, request: Request) -> Answer:
    """A document's own TOPS/W, for a product it gives no power for."""
    query = request.precision
    stated = [s for s in entry.efficiency if query.matches(s.figure.precision)
              and not s.figure.sparse and s.scope == entry.scope
              and (request.unit == "best" or s.figure.unit == request.unit)]
    if not stated:
        return Omission("no-power", "no power and no stated efficiency")
    chosen = min(stated, key=lambda s: (view.precedence(s)[:-1], -s.value))
    return Pick(_bounded(chosen, False, f"stated {format_number(chosen.value)} "
                                        f"{query.unit}/W ({chosen.source})"), chosen,
                entry.scope)


def single(view: View, figures: list[Sourced], missing: Omission, value_of: Any,
           note: Any, bound_of: Any = None) -> Answer:
    """The first of a product's single figures (price, process node, memory) by
    precedence, with the other sources' figures and their conflicts."""
    if not figures:
        return missing
    chosen = figures[0]
    others = tuple(figures[1:])
    conflicts = tuple(s for s in others if not limits.agree(value_of(s), value_of(chosen)))
    bound = bound_of(chosen) if bound_of is not None else chosen.figure.bound
    return Pick(Bounded(value_of(chosen), bound, False, (note(chosen),)),
                chosen, "", conflicts, others)


def price(view: View, entry: Entry) -> Answer:
    return single(view, entry.price, Omission("no-price", "no price"),
                  lambda s: s.figure.value.value,
                  lambda s: f"{format_number(s.figure.value.value)} USD ({s.source})")


def process(view: View, entry: Entry) -> Answer:
    return single(view, entry.process, Omission("no-process", "no process node"),
                  lambda s: s.figure.value.value,
                  lambda s: f"{format_number(s.figure.value.value)} nm ({s.source})")


def _of_kind(entry: Entry, field_name: str, request: Request | None
             ) -> tuple[list[Sourced], Omission | None]:
    """The memory figures giving `field_name` of the asked kind (off-chip by default:
    on-chip SRAM is not ranked beside HBM), or why none."""
    choice = request.memory_kind if request else "off-chip"
    given = [s for s in entry.memory if getattr(s.figure, field_name) is not None]
    kept = [s for s in given if memory_admitted(s.figure.type, choice)]
    if not (request and request.include_flagged):
        flagged = entry.view.memory_flags.get(field_name, {})
        usable = [s for s in kept if s.key not in flagged]
        if kept and not usable:
            return [], Omission("flagged", f"its {field_name} figure is flagged (--include-"
                                           f"flagged ranks it): {flagged[kept[0].key].message}")
        kept = usable
    if given and not kept:
        kinds = sorted({s.figure.type or "unstated" for s in given})
        return [], Omission("other-memory", f"its {field_name} figure is of {', '.join(kinds)}, "
                                            f"not {choice} memory (--memory-kind chooses)")
    return kept, None


def memory_capacity(view: View, entry: Entry, request: Request | None = None) -> Answer:
    """The product's memory capacity (GB), from the first source that gives one, of the
    request's memory kind (off-chip by default)."""
    given, other = _of_kind(entry, "capacity", request)
    if other:
        return other
    return single(view, given, Omission("no-memory", "no memory capacity"),
                  lambda s: s.figure.capacity.value,
                  lambda s: f"{format_number(s.figure.capacity.value)} GB ({s.source})")


def memory_bandwidth(view: View, entry: Entry, request: Request | None = None) -> Answer:
    """The product's memory bandwidth (GB/s), from the first source that gives one, of
    the request's memory kind (off-chip by default)."""
    given, other = _of_kind(entry, "bandwidth", request)
    if other:
        return other
    return single(view, given, Omission("no-bandwidth", "no memory bandwidth"),
                  lambda s: s.figure.bandwidth.value,
                  lambda s: f"{format_number(s.figure.bandwidth.value)} GB/s ({s.source})",
                  bound_of=lambda s: s.figure.bandwidth_bound)


# ------------------------------------------------------------------ whole against parts
@dataclass(frozen=True)
class PartsCheck:
    """A product's own figure against the sum of its parts at the figure's precision."""

    figure: Sourced
    parts: Pick
    ratio: Bounded        # whole / parts
    caveat: str = ""      # the parts' figure is of unspecified precision

    @property
    def verdict(self) -> str:
        """fits, above (the whole claims more than its parts) or below."""
        low, high = self.ratio.interval
        if low > 1 + limits.FIGURES_AGREE:
            return "above"
        if high < 1 / (1 + limits.FIGURES_AGREE):
            return "below"
        return "fits"

    @property
    def twice(self) -> bool:
        return limits.is_twice(self.ratio.value)


def whole_against_parts(view: View, entry: Entry, figures: list[Sourced] | None = None,
                        fallback_unspecified: bool = False) -> list[PartsCheck]:
    """Each of the product's own dense figures (or `figures`) against the sum of its
    parts at that figure's precision family; with `fallback_unspecified`, against parts
    of unspecified precision when they give nothing else (marked by a caveat)."""
    if not entry.contains:
        return []
    checks = []
    for sourced in figures if figures is not None else entry.compute:
        figure = sourced.figure
        if figure.sparse or figure.measure != "peak":
            continue
        query = precision.family_query(figure.precision)
        parts = parts_total(view, entry, Request(query, include_flagged=False))
        caveat = ""
        if isinstance(parts, Omission) and fallback_unspecified:
            unspecified = precision.family_query(precision.UNSPECIFIED)
            parts = parts_total(view, entry, Request(unspecified))
            caveat = " (the parts' figure is of unspecified precision)"
        if isinstance(parts, Omission):
            continue
        whole = Bounded(sourced.value, figure.bound)
        checks.append(PartsCheck(sourced, parts, divide(whole, parts.value), caveat))
    return checks
