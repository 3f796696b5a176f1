"""Checking vendor claims against the specs and against one another.

Each claim gets one result: a verdict and the arithmetic behind it.

- consistent: the specs (or the other claims) allow it as stated.
- beyond-spec: the claim needs the subject to use its hardware k times better than the
  baseline does (k = claimed ratio / ratio of peak specs); k is given.
- extraordinary: as beyond-spec, with k at or above a threshold (ClaimSettings.threshold,
  default 4: against a baseline that reaches a quarter of its peak, the subject would
  need all of its own).
- contradicted: the specs, or a cycle of claims, rule it out; the others are named.
- unverifiable: a figure is missing; it is named.

Checks against one another work per (metric, workload): in log space each claim bounds
log(subject) - log(baseline), a difference constraint, so a set of claims that cannot all
hold is a negative cycle (Bellman-Ford), and shortest paths give derived bounds (A against
C through B), including what two claims imply about scaling (POD64 at 5.3x one DGX A100
and 2.6x two implies two DGX A100 at 2.04x one: super-linear).
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

from chipcmp.figures import select as figures
from chipcmp.model import limits
from chipcmp.analyses import metrics
from chipcmp.model import precision
from chipcmp.model.bounds import APPROX, EXACT, MAX, MIN, UNBOUNDED, WORDS, Bounded, divide, render
from chipcmp.figures.select import Pick, Request
from chipcmp.model.claim_metrics import CLAIM_METRICS, PER_DOLLAR, PER_WATT, PEAK, PERFORMANCE, SPEC_NAMES, SPEC_UNITS
from chipcmp.model.schema import Claim
from chipcmp.model.precision import Query
from chipcmp.model.units import format_number
from chipcmp.catalog.view import Entry, View

CONSISTENT, BEYOND, EXTRAORDINARY, CONTRADICTED, UNVERIFIABLE, DEPENDS = (
    "consistent", "beyond-spec", "extraordinary", "contradicted", "unverifiable",
    "depends-on-reading")
VERDICTS = (CONSISTENT, BEYOND, EXTRAORDINARY, CONTRADICTED, UNVERIFIABLE, DEPENDS)
TOLERANCE = limits.CLAIM_ROUNDING


@dataclass
class ClaimResult:
    claim: Claim
    verdict: str
    explanation: list[str] = field(default_factory=list)
    claimed: Bounded | None = None          # subject / baseline as claimed ("better" = >1)
    spec: Bounded | None = None             # the same ratio from the specs
    advantage: Bounded | None = None        # claimed / spec
    precision: str | None = None
    missing: list[str] = field(default_factory=list)
    related: list[str] = field(default_factory=list)
    cycle: list[str] = field(default_factory=list)
    scaling: list[str] = field(default_factory=list)
    readings: list[tuple[str, ClaimResult]] = field(default_factory=list)  # (label, result)

    def as_record(self) -> dict[str, Any]:
        record = self._numbers()
        record["readings"] = [{"label": label, **result._numbers(), "verdict": result.verdict,
                               "explanation": " ".join(result.explanation),
                               "missing": result.missing}
                              for label, result in self.readings]
        return record

    def summary(self) -> str:
        """'beyond-spec (claimed 2x, spec 1.538x*, advantage 1.3x*)', or per reading."""
        if self.readings:
            return f"{self.verdict} (" + "; ".join(
                f"{label}: {result.verdict}" + (f", advantage {_shown(result.advantage)}"
                                                if result.advantage else "")
                for label, result in self.readings) + ")"
        numbers = ", ".join(f"{label} {_shown(value)}" for label, value in (
            ("claimed", self.claimed), ("spec", self.spec), ("advantage", self.advantage))
            if value is not None)
        return self.verdict + (f" ({numbers})" if numbers else "")

    def _numbers(self) -> dict[str, Any]:
        def number(value: Bounded | None) -> float | None:
            return None if value is None else round(value.value, 12)

        claim = self.claim
        return {
            "id": claim.id, "kind": claim.kind, "metric": claim.metric,
            "workload": claim.workload, "subject": claim.subject,
            "subject_count": claim.subject_count,
            "baseline": claim.baseline or claim.baseline_label,
            "baseline_count": claim.baseline_count, "verdict": self.verdict,
            "explanation": " ".join(self.explanation),
            "claimed_ratio": number(self.claimed),
            "claimed_bound": self.claimed.bound if self.claimed else None,
            "spec_ratio": number(self.spec),
            "spec_bound": self.spec.bound if self.spec else None,
            "implied_advantage": number(self.advantage),
            "implied_advantage_bound": self.advantage.bound if self.advantage else None,
            "precision": self.precision, "missing": self.missing, "related": self.related,
            "cycle": self.cycle, "scaling": self.scaling,
            "source": claim.source, "quote": claim.quote,
        }


def _shown(value: Bounded | None) -> str:
    return "-" if value is None else render(value) + "x" + ("*" if value.derived else "")


def claimed_ratio(claim: Claim) -> Bounded | None:
    """The claim as 'how many times better' (>1 better), whatever the metric's direction."""
    value = claim.subject_over_baseline
    if value is None:
        return None
    bound = claim.effective_bound
    if isinstance(value, tuple):
        ratio = _range(*value)
    else:
        ratio = Bounded(value, bound)
    if CLAIM_METRICS[claim.metric].lower_is_better:
        ratio = divide(Bounded(1.0), ratio)
    return ratio


def _range(low: float, high: float) -> Bounded:
    """A [low, high] range as a Bounded: kept as its geometric middle, marked approx;
    the interval itself is carried by the graph check."""
    return Bounded(math.sqrt(low * high), APPROX)


# ------------------------------------------------------------------- spec figures
FigureFunction = Callable[[View, Entry, Request], figures.Answer]


def _candidates(claim: Claim, settings: ClaimSettings) -> list[Query]:
    """The precisions to try, in order: the one asked for (--precision), else the
    claim's own, else the formats accelerators are compared in (precision.CLAIM_ORDER)."""
    if settings.precision is not None:
        return [settings.precision]
    if claim.precision is not None:
        return [precision.parse_query(precision.family(claim.precision))]
    return [precision.parse_query(p) for p in precision.CLAIM_ORDER]


def _matching_compute(view: View, subject: Entry, baseline: Entry, claim: Claim,
                      figure: FigureFunction, settings: ClaimSettings
                      ) -> tuple[Query, Pick, Pick] | list[str]:
    """The first precision at which both products have the figure, or what is missing."""
    candidates = _candidates(claim, settings)
    for query in candidates:
        request = settings.request(query)
        a, b = figure(view, subject, request), figure(view, baseline, request)
        if isinstance(a, Pick) and isinstance(b, Pick):
            return query, a, b
    return [_lacking(view, entry, candidates, figure, settings)
            for entry in (subject, baseline)]


def _lacking(view: View, entry: Entry, candidates: list[Query], figure: FigureFunction,
             settings: ClaimSettings) -> str:
    """What one product of a pair can give, or why it gives nothing."""
    available = [str(q) for q in candidates
                 if isinstance(figure(view, entry, settings.request(q)), Pick)]
    if available:
        return f"{entry.id} has {', '.join(available)}"
    return f"{entry.id}: {figure(view, entry, settings.request(candidates[0]))}"


# ------------------------------------------------------------------- the checks
@dataclass(frozen=True)
class ClaimSettings:
    """How to check: the extraordinary threshold, the precision to compare at (None: the
    first both products have), and whether a figure of unstated precision may stand in
    (marked as assumed) and flagged figures may be used."""

    threshold: float = limits.EXTRAORDINARY
    assume_unspecified: bool = False
    precision: Query | None = None
    include_flagged: bool = False

    def request(self, query: Query) -> Request:
        return Request(query, assume_unspecified=self.assume_unspecified,
                       include_flagged=self.include_flagged)


Check = Callable[[View, Claim, ClaimSettings], ClaimResult]


def check_ratio(view: View, claim: Claim, settings: ClaimSettings) -> ClaimResult:
    claimed = claimed_ratio(claim)
    result = ClaimResult(claim, UNVERIFIABLE, claimed=claimed)
    subject = view.get(claim.subject)
    baseline = view.get(claim.baseline) if claim.baseline else None
    result.explanation.append(_claim_sentence(claim, claimed))
    if baseline is None:
        result.missing.append(f"a baseline product: '{claim.baseline_label}' is not in the "
                              "catalog")
        result.explanation.append(f"Unverifiable: the baseline ({claim.baseline_label}) is not "
                                  "a product with figures.")
        return result
    measured = CLAIM_METRICS[claim.metric]
    if claim.metric == "score":
        return _check_score(claim, subject, baseline, result)
    if measured.spec is None:
        result.missing.append(f"{claim.metric} figures for {subject.id} and {baseline.id}"
                              if claim.metric != "power" else
                              _power_missing(subject, baseline))
        result.explanation.append(f"Unverifiable: needs {result.missing[-1]}.")
        return result
    figure = SPEC_FIGURES[measured.spec]
    found = _matching_compute(view, subject, baseline, claim, figure, settings)
    if isinstance(found, list):
        result.missing.extend(found)
        result.explanation.append(f"Unverifiable: no {figure_name(claim)} at a precision both "
                                  "have (see missing).")
        return result
    query, a_pick, b_pick = found
    a, b = a_pick.value, b_pick.value
    a = a.scaled(claim.subject_count) if claim.subject_count != 1 else a
    b = b.scaled(claim.baseline_count) if claim.baseline_count != 1 else b
    spec = divide(a, b)
    result.spec, result.precision = spec, str(query)
    unit = query.unit
    name = figure_name(claim)
    result.explanation.append(
        f"Specs ({name}, {query}): {_count(claim.subject_count)}{subject.name} "
        f"{render(a)} {unit}{_per(claim)} / {_count(claim.baseline_count)}{baseline.name} "
        f"{render(b)} {unit}{_per(claim)} = {render(spec)}.")
    result.explanation.append(f"Figures used: {subject.id}: {a_pick.basis} | "
                              f"{baseline.id}: {b_pick.basis}.")
    if measured.same_quantity:
        return _verdict_same_quantity(result, claimed, spec)
    advantage = divide(claimed, spec)
    result.advantage = advantage
    return _verdict_advantage(result, advantage, settings.threshold)


# Which function of analyses/metrics.py gives each spec figure a claim can be set against.
SPEC_FIGURES = {PEAK: metrics.peak, PER_WATT: metrics.per_watt, PER_DOLLAR: metrics.per_dollar}


def figure_name(claim: Claim) -> str:
    return SPEC_NAMES[CLAIM_METRICS[claim.metric].spec or PEAK]


def _per(claim: Claim) -> str:
    return SPEC_UNITS[CLAIM_METRICS[claim.metric].spec or PEAK]


def _count(count: int) -> str:
    return f"{count} x " if count != 1 else ""


def _power_missing(subject: Entry, baseline: Entry) -> str:
    lacking = [e.id for e in (subject, baseline) if not e.power]
    return "power figures for " + " and ".join(lacking or [subject.id, baseline.id])


def _claim_sentence(claim: Claim, claimed: Bounded | None) -> str:
    on = f" on {claim.workload}" if claim.workload else ""
    if claimed is None:
        return f"Claim: {claim.subject} {claim.metric}{on}."
    said = claim.subject_over_baseline  # a range is a tuple; a bound "range" goes only with it
    said_text = (f"{format_number(said[0], 4)}..{format_number(said[1], 4)}"
                 if isinstance(said, tuple) else render(Bounded(said, claim.effective_bound)))
    baseline = f"{_count(claim.baseline_count)}{claim.baseline or claim.baseline_label}'s"
    if claim.readings:
        baseline = "the baseline's, read as " + " or as ".join(r.label for r in claim.readings)
    text = (f"Claim: {_count(claim.subject_count)}{claim.subject} {claim.metric}{on} is "
            f"{said_text}x {baseline}")
    if CLAIM_METRICS[claim.metric].lower_is_better:
        text += f" (lower is better: {render(claimed)}x better)"
    return text + "."


def _verdict_advantage(result: ClaimResult, advantage: Bounded, threshold: float) -> ClaimResult:
    low, high = advantage.interval
    k = render(advantage)
    if high <= 1 + TOLERANCE or advantage.bound == UNBOUNDED or low <= 1 + TOLERANCE:
        result.verdict = CONSISTENT
        result.explanation.append(
            f"Implied advantage: claimed / specs = {k}; the specs allow it (no more than the "
            "baseline's use of its own peak is needed)." if high <= 1 + TOLERANCE else
            f"Implied advantage: claimed / specs = {k}; within what the specs allow.")
        return result
    if low >= threshold:
        result.verdict = EXTRAORDINARY
        result.explanation.append(
            f"Implied advantage: claimed / specs = {k}: the subject must use its hardware "
            f"{format_number(low, 3)}x better than the baseline, at or above the "
            f"extraordinary threshold {format_number(threshold)}.")
    else:
        result.verdict = BEYOND
        result.explanation.append(
            f"Implied advantage: claimed / specs = {k}: the subject must use its hardware "
            f"{format_number(low, 3)}x better than the baseline uses its own.")
    return result


def _verdict_same_quantity(result: ClaimResult, claimed: Bounded, spec: Bounded) -> ClaimResult:
    """A claim about the quantity the specs give: it holds or it does not."""
    c_low, c_high = claimed.interval
    s_low, s_high = spec.interval
    if c_low > s_high * (1 + TOLERANCE) or c_high < s_low * (1 - TOLERANCE):
        result.verdict = CONTRADICTED
        result.explanation.append(f"Contradicted by the specs: claimed {render(claimed)}, "
                                  f"specs give {render(spec)}.")
    else:
        result.verdict = CONSISTENT
        result.explanation.append(f"Consistent: claimed {render(claimed)}, specs give "
                                  f"{render(spec)}.")
    return result


def _check_score(claim: Claim, subject: Entry, baseline: Entry, result: ClaimResult) -> ClaimResult:
    def score(entry: Entry) -> Bounded | None:
        found = [b for b in entry.items("benchmarks") if b.score is not None
                 and (claim.workload is None or b.workload == claim.workload)]
        return Bounded(found[0].score, found[0].bound) if found else None

    a, b = score(subject), score(baseline)
    if a is None or b is None:
        lacking = [e.id for e, s in ((subject, a), (baseline, b)) if s is None]
        result.missing.append(f"{claim.workload} scores for {', '.join(lacking)}")
        result.explanation.append(f"Unverifiable: needs {result.missing[-1]}.")
        return result
    spec = divide(a, b)
    result.spec = spec
    result.explanation.append(f"Scores: {subject.name} {render(a)} / {baseline.name} "
                              f"{render(b)} = {render(spec)}.")
    return _verdict_same_quantity(result, result.claimed, spec)


def check_composition(view: View, claim: Claim, settings: ClaimSettings) -> ClaimResult:
    """The whole against the sum of its parts (figures.whole_against_parts, the check
    validate and crosscheck make too)."""
    entry = view.get(claim.subject)
    result = ClaimResult(claim, UNVERIFIABLE)
    if not entry.contains:
        result.missing.append(f"the parts of {entry.id}")
        result.explanation.append(f"Unverifiable: {entry.id} lists no parts.")
        return result
    checks = figures.whole_against_parts(view, entry)
    wanted = settings.precision
    if wanted is not None:
        checks = [c for c in checks if wanted.matches(c.figure.figure.precision)]
    if not checks:
        own = sorted({s.figure.precision for s in entry.compute if not s.figure.sparse})
        result.missing.append(f"{entry.id}'s own figure at a precision its parts give"
                              + (f" (it has {', '.join(own)})" if own else ""))
        result.explanation.append(f"Unverifiable: needs {result.missing[0]}.")
        return result
    check = checks[0]
    label = check.figure.figure.precision
    unit = precision.unit_of(label)
    whole = Bounded(check.figure.value, check.figure.figure.bound)
    result.claimed, result.spec, result.precision = check.ratio, Bounded(1.0), label
    result.explanation.append(
        f"{entry.name}: {render(whole)} {unit} ({label}, {check.figure.source}) against its "
        f"parts {check.parts.basis} = {render(check.parts.value)} {unit}; whole / parts = "
        f"{render(check.ratio)}.")
    if check.verdict == "above":
        result.verdict = CONTRADICTED
        result.explanation.append("Contradicted: the whole claims more than the sum of its "
                                  "parts.")
    elif check.verdict == "below":
        result.verdict = CONSISTENT
        result.explanation.append("Consistent, with the whole below the sum of its parts (a "
                                  "lower clock or fewer units enabled?).")
    else:
        result.verdict = CONSISTENT
        result.explanation.append("Consistent: the whole is the sum of its parts.")
    return result


def check_generation(view: View, claim: Claim, settings: ClaimSettings) -> ClaimResult:
    if claim.baseline is not None:
        return check_ratio(view, claim, settings)
    claimed = claimed_ratio(claim)
    subject = view.get(claim.subject)
    result = ClaimResult(claim, UNVERIFIABLE, claimed=claimed)
    result.explanation.append(_claim_sentence(claim, claimed))
    result.missing.append(f"the previous generation as a product ({claim.baseline_label})")
    needs = CLAIM_METRICS[claim.metric].needs
    if needs and not all(getattr(subject, figure) for figure in needs):
        result.missing.append(f"{' and '.join(needs)} figures for {subject.id}")
    result.explanation.append("Unverifiable: needs " + "; ".join(result.missing) + ".")
    return result


def check_cost(view: View, claim: Claim, settings: ClaimSettings) -> ClaimResult:
    """A saving turned into cost per unit of work, beside the compute claim it comes with."""
    claimed = claimed_ratio(claim)  # "times better" = baseline cost / subject cost
    cost = divide(Bounded(1.0), claimed)  # subject cost / baseline cost
    result = ClaimResult(claim, UNVERIFIABLE, claimed=claimed)
    result.explanation.append(
        f"Claim: {claim.subject}'s {claim.metric} is {render(cost)} of "
        f"{claim.baseline or claim.baseline_label}'s"
        + (f" (a saving of {_percent(claim.saving, claim.bound)})" if claim.saving
           else "") + ".")
    companions = [c for c in view.catalog.claims.values()
                  if c.subject == claim.subject and c.baseline == claim.baseline
                  and c.metric in ("compute", "throughput") and c.ratio is not None
                  and not isinstance(c.ratio, tuple)]
    subject = view.find(claim.subject)
    baseline = view.find(claim.baseline) if claim.baseline else None
    lacking = [e.id for e in (subject, baseline) if e is not None and not e.price]
    missing = (f"prices (or {claim.metric}) for {' and '.join(lacking)}" if lacking
               else f"{claim.metric} figures")
    for companion in companions:
        work = claimed_ratio(companion)
        per_work = divide(cost, work)
        result.related.append(companion.id)
        compound = (f"{render(cost)} / {render(work)} = {render(per_work)} of the baseline's "
                    f"{claim.metric} per unit of {companion.metric}, "
                    f"{render(divide(Bounded(1.0), per_work))}x the work per dollar")
        if _restates(claim, companion):
            result.explanation.append(
                f"A saving of {_percent(claim.saving, claim.bound)} is 1 - 1/{render(work)}: "
                f"it may be {companion.id} ({render(work)}x the {companion.metric}) said "
                "again, as a saving per unit of work. Two readings, neither taken as the "
                "finding:")
            independent = ClaimResult(claim, UNVERIFIABLE, claimed=divide(Bounded(1.0), per_work),
                                 missing=[missing])
            independent.explanation.append(f"Independent claims, compounded: {compound}.")
            restated = ClaimResult(claim, UNVERIFIABLE, claimed=claimed, missing=[missing])
            restated.explanation.append(
                f"A restatement: the same {render(work)}x, {render(cost)} of the baseline's "
                f"{claim.metric} per unit of {companion.metric}, {render(claimed)}x the work "
                "per dollar.")
            result.readings += [("independent", independent), ("restatement", restated)]
            result.explanation.append(f"independent: {compound}; restatement: "
                                      f"{render(claimed)}x the work per dollar.")
        else:
            result.explanation.append(f"With {companion.id} ({render(work)}x the "
                                      f"{companion.metric}): {compound}.")
    _fit_savings(view, claim, cost, result)
    result.missing.append(missing)
    result.explanation.append(f"Unverifiable against specs: needs {missing}.")
    return result


def _restates(claim: Claim, companion: Claim) -> bool:
    """A saving s that equals 1 - 1/r of a companion ratio r (within rounding): one claim
    said twice, perhaps, rather than two."""
    if claim.saving is None or isinstance(companion.ratio, tuple):
        return False
    return abs(claim.saving - (1 - 1 / companion.ratio)) <= limits.RESTATEMENT


def _percent(fraction: float, bound: str) -> str:
    words = WORDS.get(bound, "")
    return f"{words + ' ' if words else ''}{format_number(fraction * 100, 4)}%"


def _fit_savings(view: View, claim: Claim, cost: Bounded, result: ClaimResult) -> None:
    """Does a TCO claim fit a server-cost claim of the same vendor? TCO = w * server cost +
    (1 - w) * other costs, w the server's share of TCO: solve for the other costs."""
    if not CLAIM_METRICS[claim.metric].cost:
        return
    other_metric = "tco" if claim.metric == "server-cost" else "server-cost"
    for other in view.catalog.claims.values():
        if (other.metric != other_metric or other.subject != claim.subject
                or other.baseline != claim.baseline or other.kind != "cost"):
            continue
        other_cost = divide(Bounded(1.0), claimed_ratio(other))
        server, tco = (cost, other_cost) if claim.metric == "server-cost" else (other_cost, cost)
        result.related.append(other.id)
        tco_high = tco.interval[1]
        if not math.isfinite(tco_high):
            result.explanation.append(f"With {other.id}: a TCO with no upper bound fits any "
                                      "server cost.")
            continue
        needs = []
        for share in (0.25, 0.5, 0.75):
            rest = (tco_high - share * server.value) / (1 - share)
            needs.append(f"server {format_number(share * 100)}% of TCO: other costs <= "
                         f"{format_number(rest, 3)}x" if rest > 0 else
                         f"server {format_number(share * 100)}% of TCO: impossible")
        verdict = ("they fit" if tco_high >= server.value else
                   "they fit only if the other costs (power, space, operation) fall further")
        result.explanation.append(
            f"With {other.id}: server cost {render(server)} and TCO {render(tco)} of the "
            f"baseline's; {verdict}: " + "; ".join(needs) + ".")


CHECKS: dict[str, Check] = {
    "ratio": check_ratio,
    "composition": check_composition,
    "generation": check_generation,
    "cost": check_cost,
}


# ------------------------------------------------------------------- against one another
Node = tuple[str, int]  # (product id, count)


@dataclass
class Edge:
    """x[target] - x[origin] <= weight (log space), from one claim."""

    origin: Node
    target: Node
    weight: float
    claim_id: str


def _log_bounds(claim: Claim) -> tuple[float, float] | None:
    """Bounds on log(subject metric) - log(baseline metric), 'better' oriented."""
    value = claim.subject_over_baseline
    if value is None:
        return None
    if isinstance(value, tuple):
        low, high = value
    else:
        bound = claim.effective_bound
        low = value if bound in (EXACT, MIN, APPROX) else 0.0
        high = value if bound in (EXACT, MAX, APPROX) else math.inf
    if CLAIM_METRICS[claim.metric].lower_is_better:
        low, high = (1 / high if math.isfinite(high) else 0.0), (1 / low if low > 0 else math.inf)
    return (math.log(low) if low > 0 else -math.inf,
            math.log(high) if math.isfinite(high) else math.inf)


def claim_edges(view: View, claims: Iterable[Claim]) -> dict[tuple[str, str], list[Edge]]:
    """Difference constraints, grouped by (metric, workload); a node is a product of the
    view (any of its records' ids names it) and a count."""
    groups: dict[tuple[str, str], list[Edge]] = defaultdict(list)
    for claim in claims:
        # A claim read several ways is checked against the specs reading by reading;
        # against other claims only when it is unambiguous.
        if claim.kind != "ratio" or claim.baseline is None or claim.readings:
            continue
        bounds = _log_bounds(claim)
        if bounds is None:
            continue
        low, high = bounds
        subject: Node = (view.get(claim.subject).id, claim.subject_count)
        baseline: Node = (view.get(claim.baseline).id, claim.baseline_count)
        key = (claim.metric, claim.workload or "")
        if math.isfinite(high):   # x_s - x_b <= high
            groups[key].append(Edge(baseline, subject, high, claim.id))
        if math.isfinite(low):    # x_b - x_s <= -low
            groups[key].append(Edge(subject, baseline, -low, claim.id))
    return groups


def find_negative_cycle(edges: list[Edge]) -> list[Edge] | None:
    """Bellman-Ford from a virtual source; returns the edges of one negative cycle.

    After every round the predecessor graph is searched for a cycle (linear time): a cycle
    there is a negative cycle, so contradictions are found in a few rounds instead of after
    |V| rounds, and a consistent set stops as soon as nothing relaxes."""
    nodes = {e.origin for e in edges} | {e.target for e in edges}
    distance = {n: 0.0 for n in nodes}
    via: dict[Node, Edge] = {}
    for _ in range(len(nodes)):
        changed = False
        for edge in edges:
            candidate = distance[edge.origin] + edge.weight
            if candidate < distance[edge.target] - 1e-12:
                distance[edge.target] = candidate
                via[edge.target] = edge
                changed = True
        if not changed:
            return None
        cycle = _predecessor_cycle(via)
        if cycle is not None:
            return cycle
    return _predecessor_cycle(via)


def _predecessor_cycle(via: dict[Node, Edge]) -> list[Edge] | None:
    state: dict[Node, int] = {}  # 1: on the current walk, 2: done
    for start in via:
        if start in state:
            continue
        walk, node = [], start
        while node in via and node not in state:
            state[node] = 1
            walk.append(node)
            node = via[node].origin
        if state.get(node) == 1:  # came back onto this walk: a cycle
            cycle, current = [], node
            while True:
                edge = via[current]
                cycle.append(edge)
                current = edge.origin
                if current == node:
                    break
            for visited in walk:
                state[visited] = 2
            return list(reversed(cycle))
        for visited in walk:
            state[visited] = 2
    return None


def shortest_paths(edges: list[Edge], nodes: list[Node]) -> dict[Node, dict[Node, float]]:
    """Floyd-Warshall over a small group: dist[u][v] bounds x[v] - x[u] from above."""
    dist = {u: {v: (0.0 if u == v else math.inf) for v in nodes} for u in nodes}
    for edge in edges:
        dist[edge.origin][edge.target] = min(dist[edge.origin][edge.target], edge.weight)
    for k in nodes:
        row_k = dist[k]
        for i in nodes:
            d_ik = dist[i][k]
            if d_ik == math.inf:
                continue
            row_i = dist[i]
            for j in nodes:
                candidate = d_ik + row_k[j]
                if candidate < row_i[j]:
                    row_i[j] = candidate
    return dist


MAX_DERIVED_GROUP = 30  # all-pairs bounds (cubic) only for groups small enough to read


def check_against_one_another(view: View, claims: list[Claim],
                              results: dict[str, ClaimResult]) -> None:
    for (metric, workload), edges in claim_edges(view, claims).items():
        cycle = find_negative_cycle(edges)
        if cycle is not None:
            ids = list(dict.fromkeys(edge.claim_id for edge in cycle))
            path = " -> ".join(f"{_node(e.origin)}" for e in cycle) + \
                f" -> {_node(cycle[0].origin)}"
            total = math.exp(-sum(e.weight for e in cycle))
            for claim_id in ids:
                result = results[claim_id]
                result.verdict = CONTRADICTED
                result.cycle = ids
                result.explanation.append(
                    f"Contradicted by the claims {', '.join(i for i in ids if i != claim_id) or claim_id}: "
                    f"around the cycle {path} their bounds multiply to "
                    f"{format_number(total, 4)}x, more than 1.")
            continue
        nodes = sorted({e.origin for e in edges} | {e.target for e in edges})
        if len(nodes) > MAX_DERIVED_GROUP:
            continue
        dist = shortest_paths(edges, nodes)
        direct = {(e.origin, e.target) for e in edges} | {(e.target, e.origin) for e in edges}
        _report_scaling(nodes, dist, edges, results, metric)
        _report_chains(nodes, dist, direct, edges, results, metric, workload)


def _node(node: Node) -> str:
    product, count = node
    return f"{count} x {product}" if count != 1 else product


def _interval_text(low: float, high: float) -> str:
    if math.isfinite(low) and math.isfinite(high) and math.isclose(low, high, rel_tol=1e-9):
        return f"{format_number(math.exp(low), 4)}x"
    parts = []
    if math.isfinite(low):
        parts.append(f">= {format_number(math.exp(low), 4)}x")
    if math.isfinite(high):
        parts.append(f"<= {format_number(math.exp(high), 4)}x")
    return " and ".join(parts) or "unbounded"


def _claims_on_path(edges: list[Edge], a: Node, b: Node) -> list[str]:
    return sorted({e.claim_id for e in edges if a in (e.origin, e.target)
                   or b in (e.origin, e.target)})


def _report_scaling(nodes: list[Node], dist: dict[Node, dict[Node, float]],
                    edges: list[Edge], results: dict[str, ClaimResult], metric: str) -> None:
    """Two nodes of one product in different counts: what the claims imply about scaling."""
    for one in nodes:
        for many in nodes:
            if one[0] != many[0] or one[1] >= many[1]:
                continue
            high, low = dist[one][many], -dist[many][one]  # bounds on x_many - x_one
            if not (math.isfinite(high) or math.isfinite(low)):
                continue
            factor = many[1] / one[1]
            implied = _interval_text(low, high)
            if math.isfinite(low) and math.exp(low) > factor * (1 + 1e-9):
                kind = "super-linear (more than"
            elif math.isfinite(high) and math.exp(high) < factor * (1 - 1e-9):
                kind = "sub-linear (less than"
            else:
                kind = "consistent with linear scaling ("
            text = (f"The claims imply {_node(many)} is {implied} {_node(one)}: {kind} "
                    f"{format_number(factor)}x).")
            for claim_id in _claims_on_path(edges, one, many):
                if claim_id in results:
                    results[claim_id].scaling.append(text)
                    results[claim_id].explanation.append(text)
                    results[claim_id].related = sorted(
                        set(results[claim_id].related) |
                        (set(_claims_on_path(edges, one, many)) - {claim_id}))


def _report_chains(nodes: list[Node], dist: dict[Node, dict[Node, float]],
                   direct: set[tuple[Node, Node]], edges: list[Edge],
                   results: dict[str, ClaimResult], metric: str, workload: str) -> None:
    """A bound between two products that no single claim gives, derived through others."""
    for a in nodes:
        for b in nodes:
            if a >= b or (a, b) in direct or a[0] == b[0]:
                continue
            high, low = dist[a][b], -dist[b][a]  # bounds on x_b - x_a
            if not (math.isfinite(high) or math.isfinite(low)):
                continue
            better, worse = (b, a) if low > -math.inf and (low >= 0 or high == math.inf) \
                else (a, b)
            if better == a:
                low, high = -high, -low
            text = (f"Derived through the claims: {_node(better)} {metric}"
                    f"{' on ' + workload if workload else ''} is {_interval_text(low, high)} "
                    f"{_node(worse)}'s.")
            for claim_id in _claims_on_path(edges, a, b):
                results[claim_id].explanation.append(text)


# ------------------------------------------------------------------- entry point
_READING_FIELDS = ("subject", "subject_count", "baseline", "baseline_count")


def check_claim(view: View, claim: Claim, settings: ClaimSettings) -> ClaimResult:
    """One claim's result; a claim with readings is checked under each, and its verdict is
    theirs when they agree, else depends-on-reading."""
    check = CHECKS[claim.kind]
    if not claim.readings:
        return check(view, claim, settings)
    parts = []
    for reading in claim.readings:
        update = {name: getattr(reading, name) for name in _READING_FIELDS
                  if getattr(reading, name) is not None}
        variant = claim.model_copy(update={**update, "readings": []})
        parts.append((reading.label, check(view, variant, settings)))
    verdicts = {result.verdict for _, result in parts}
    overall = ClaimResult(claim, verdicts.pop() if len(verdicts) == 1 else DEPENDS,
                     claimed=parts[0][1].claimed, readings=parts)
    precisions = {result.precision for _, result in parts}
    overall.precision = precisions.pop() if len(precisions) == 1 else None
    overall.missing = list(dict.fromkeys(m for _, result in parts for m in result.missing))
    overall.explanation.append(_claim_sentence(claim, overall.claimed))
    overall.explanation.append(
        f"The source leaves the comparison open: {len(parts)} readings, each checked.")
    for label, result in parts:
        overall.explanation.append(f"Read as {label}: {result.verdict}. " + " ".join(
            sentence for sentence in result.explanation if not sentence.startswith("Claim:")))
    holding = [label for label, r in parts if r.verdict in (CONSISTENT, BEYOND)]
    checked = [label for label, r in parts if r.verdict != UNVERIFIABLE]
    if checked:
        overall.explanation.append(
            "Within what the specs allow (consistent or beyond-spec) under: "
            + (", ".join(holding) if holding else "no reading") + ".")
    return overall


def check_claims(view: View, ids: list[str] | None = None,
                 settings: ClaimSettings = ClaimSettings()) -> list[ClaimResult]:
    """A result for every claim (or the named ones), in catalog order."""
    from chipcmp.model.problems import UsageError

    if not settings.threshold > 1:
        raise UsageError("the extraordinary threshold must be above 1")
    claims = view.catalog.claims
    unknown = [i for i in ids or [] if i not in claims]
    if unknown:
        raise UsageError(f"unknown claim id(s): {', '.join(unknown)}; 'chipcmp claims' lists "
                         "them all")
    results = {claim.id: check_claim(view, claim, settings) for claim in claims.values()}
    check_against_one_another(view, list(claims.values()), results)
    return [results[i] for i in (ids or list(claims))]


def claims_naming(view: View, product_id: str,
                  settings: ClaimSettings = ClaimSettings()) -> list[ClaimResult]:
    """Verdicts of the claims whose subject or baseline is the product (any of its
    records)."""
    entry = view.get(product_id)
    ids = [c.id for c in view.catalog.claims.values()
           if any(view.find(i) is entry for i in (c.subject, c.baseline) if i)]
    return check_claims(view, ids, settings) if ids else []
