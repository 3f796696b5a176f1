"""Each claim against the specs: a ratio against the peak figures both products have, a
composition against the sum of parts, a generation claim, a cost claim beside the work it
comes with. One check a claim kind (CHECKS)."""

from __future__ import annotations

import math
from typing import Callable

from chipcmp.figures import select as figures
from chipcmp.model import limits
from chipcmp.analyses import metrics
from chipcmp.model import precision
from chipcmp.model.bounds import UNBOUNDED, WORDS, Bounded, divide, render
from chipcmp.figures.select import Pick, Request
from chipcmp.model.claim_metrics import CLAIM_METRICS, PER_DOLLAR, PER_WATT, PEAK, SPEC_NAMES, SPEC_UNITS
from chipcmp.model.schema import Claim
from chipcmp.model.precision import Query
from chipcmp.model.units import format_number
from chipcmp.catalog.view import Entry, View
from chipcmp.analyses.claims.result import BEYOND, CONSISTENT, CONTRADICTED, ClaimResult, ClaimSettings, EXTRAORDINARY, TOLERANCE, UNVERIFIABLE, claimed_ratio


# ------------------------------------------------------------------- spec figures
FigureFunction = Callable[[View, Entry, Request], figures.Answer]


def _candidates(claim: Claim, settings: ClaimSettings) -> list[Query]:
    """The precisions to try, in order: the one asked for (--precision), else the
    claim's own, else the formats accelerators are compared in (precision.CLAIM_ORDER)."""
    if settings.precision is not None:
        return [settings.precision]
    if claim.precision is not None:
        return [precision.family_query(precision.family(claim.precision))]
    return [precision.family_query(p) for p in precision.CLAIM_ORDER]


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
Check = Callable[[View, Claim, ClaimSettings], ClaimResult]


def check_ratio(view: View, claim: Claim, settings: ClaimSettings) -> ClaimResult:
    claimed = claimed_ratio(claim)
    result = ClaimResult(claim, UNVERIFIABLE, claimed=claimed)
    subject = view.get(claim.subject)
    baseline = view.get(claim.baseline) if claim.baseline else None
    result.explanation.append(claim_sentence(claim, claimed))
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
        because = f" ({measured.no_spec_because})" if measured.no_spec_because else ""
        result.explanation.append(f"Unverifiable from the specs: needs "
                                  f"{result.missing[-1]}{because}.")
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


def claim_sentence(claim: Claim, claimed: Bounded | None) -> str:
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
    result.explanation.append(claim_sentence(claim, claimed))
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


