"""Claims against what was measured (MLPerf results loaded with the catalogs).

A claim about a workload MLPerf runs (model/benchmarks.py says which, and which scenario
measures the claim's metric) is set beside the measured ratio of the same round,
division, benchmark and scenario:
- system against system, where both sides were measured at the claim's counts (an
  IPU-POD64 is 64 GC200, a DGX A100 8 A100: the composition the catalog gives);
- per accelerator, always beside it, which assumes linear scaling (said).
Its verdict: consistent with what was measured (the measured ratio lies in the interval
the claim's figure stands for), beyond it (the claim says more), or short of it. Where
only one side was measured, the answer is what the other would have to measure.

A result stands for a product when its accelerator is that product, or (said, never
silently) the memory variant of it (an A100 80GB for the catalog's A100 40GB).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from chipcmp.model import bounds
from chipcmp.analyses.claims.result import BEYOND_MEASURED as BEYOND
from chipcmp.analyses.claims.result import CONSISTENT
from chipcmp.analyses.claims.result import SHORT_OF_MEASURED as SHORT
from chipcmp.analyses.measured import MeasuredIndex, per_accelerator
from chipcmp.catalog.view import Entry, View
from chipcmp.model import benchmarks
from chipcmp.model.measures import LOWER_IS_BETTER, scaling_note
from chipcmp.model.schema import Claim
from chipcmp.model.units import format_number

MIXED = "mixed"
# The measured verdicts that decide a claim (mixed, and a side not measured, do not).
DECIDING = (CONSISTENT, BEYOND, SHORT)
TARGET, NOT_MEASURED = "only-one-side-measured", "not-measured"


# ------------------------------------------------------------------- which results
@dataclass(frozen=True)
class Level:
    """A claim's side at one level of its composition: one IPU-POD64 is 16 IPU-M2000 is
    64 GC200."""

    entry: Entry
    count: int


def levels(view: View, product_id: str, count: int) -> list[Level]:
    """The side as written, then down through products made of one kind of part."""
    found = [Level(view.get(product_id), count)]
    while True:
        parts = found[-1].entry.first.contains
        if len(parts) != 1 or parts[0].count is None or parts[0].bound != "exact":
            return found
        part = view.find(parts[0].product)
        if part is None or any(level.entry is part for level in found):
            return found
        found.append(Level(part, found[-1].count * parts[0].count))


# ------------------------------------------------------------------- the answer
@dataclass
class Comparison:
    """One round's measured ratio, subject against baseline (>1: the subject better)."""

    round: str
    division: str
    scenario: str
    subject: Any
    baseline: Any
    ratio: float | None              # system against system, at the claim's counts
    per_accelerator: float | None    # per accelerator (linear scaling assumed)
    claimed_per_accelerator: tuple[float, float] | None
    verdict: str

    def record(self) -> dict[str, Any]:
        return {"round": self.round, "division": self.division, "scenario": self.scenario,
                "subject_system": self.subject.system, "baseline_system": self.baseline.system,
                "subject_value": self.subject.value, "baseline_value": self.baseline.value,
                "unit": self.subject.unit, "subject_accelerators": self.subject.accelerators,
                "baseline_accelerators": self.baseline.accelerators,
                "measured_ratio": _rounded(self.ratio),
                "measured_ratio_per_accelerator": _rounded(self.per_accelerator),
                "verdict": self.verdict,
                "files": [f"{r.source}:{f}" for r in (self.subject, self.baseline)
                          for f in r.files]}


@dataclass
class MeasuredCheck:
    benchmark: str
    proxy: bool
    verdict: str
    comparisons: list[Comparison] = field(default_factory=list)
    target: dict[str, Any] | None = None     # what the unmeasured side would have to measure
    sentences: list[str] = field(default_factory=list)

    def summary(self) -> str:
        shown = ", ".join(f"{format_number(c.ratio if c.ratio is not None else c.per_accelerator, 3)}x"
                          f"{'' if c.ratio is not None else ' per accelerator'} "
                          f"({c.round} {c.division}{_scenario_note(c.scenario)})"
                          for c in self.comparisons)
        if self.target is not None:
            shown = (f"{self.target['product']} must measure "
                     f"{_needed_text((self.target['must_measure_low'], self.target['must_measure_high']), self.target['must_measure'], self.target['unit'], short=True)}"
                     f" in {self.target['scenario']}")
        return f"measured: {self.verdict}" + (f" ({shown})" if shown else "")

    def record(self) -> dict[str, Any]:
        return {"benchmark": self.benchmark, "proxy": self.proxy, "verdict": self.verdict,
                "comparisons": [c.record() for c in self.comparisons], "target": self.target,
                "explanation": " ".join(self.sentences)}


def _n(value: float) -> str:
    """A measured value as read: thousands grouped, small values to four digits."""
    return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:#.4g}".rstrip(".")


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 12)


def _scenario_note(scenario: str) -> str:
    return "" if scenario in ("training", "offline") else f", {scenario}"


# ------------------------------------------------------------------- the check
def check(view: View, claim: Claim, index: MeasuredIndex) -> MeasuredCheck | None:
    """The claim beside what was measured, or None where MLPerf measures nothing it
    states (another workload, or no results loaded)."""
    from chipcmp.analyses.claims.result import claimed_interval

    if claim.kind != "ratio" or claim.baseline is None or not index.results:
        return None
    match = benchmarks.for_workload(claim.workload, claim.benchmark, claim.proxy)
    if match is None:
        return None
    scenarios = benchmarks.scenarios_for(claim.metric, match.mode)
    bench = match.benchmark.name
    proxy = (f" ({bench} named by the claim as a proxy for {claim.workload})"
             if match.proxy else "")
    if not scenarios:
        return MeasuredCheck(bench, match.proxy, NOT_MEASURED, sentences=[
            f"Measured: MLPerf runs {match.benchmark.title}{proxy}, but none of its "
            f"scenarios measures {claim.metric} in {match.mode or 'inference'}."])
    interval = claimed_interval(claim)
    subject = levels(view, claim.subject, claim.subject_count)
    baseline = levels(view, claim.baseline, claim.baseline_count)
    found = MeasuredCheck(bench, match.proxy, NOT_MEASURED)
    for scenario in scenarios:
        found.comparisons.extend(_compare(index, subject, baseline, bench, scenario,
                                          interval))
    head = (f"Measured (MLPerf {bench}{proxy}, "
            f"{', '.join(scenarios)}; {_metric_words(scenarios[0])}):")
    if found.comparisons:
        verdicts = {c.verdict for c in found.comparisons}
        found.verdict = verdicts.pop() if len(verdicts) == 1 else MIXED
        found.sentences.append(head)
        found.sentences.extend(_describe(index, c, subject, baseline, claim)
                               for c in found.comparisons)
        found.sentences.append(_verdict_sentence(found, interval, claim))
        return found
    target = _target(index, subject, baseline, bench, scenarios, interval, claim)
    if target is not None:
        found.verdict, found.target = TARGET, target
        found.sentences.extend([head, target["sentence"]])
        return found
    found.sentences.append(f"{head} no result of {subject[0].entry.id} or "
                           f"{baseline[0].entry.id} (nor of what they are made of) is "
                           "loaded.")
    return found


def _metric_words(scenario: str) -> str:
    return {"training": "time to train, lower is better",
            "offline": "samples/s, higher is better",
            "server": "samples/s, higher is better",
            "singlestream": "90th-percentile latency, lower is better"}.get(scenario, "")


def _better(result: Any) -> float:
    """A key that sorts the best result first."""
    return result.value if result.metric in LOWER_IS_BETTER else -result.value


def _ratio(subject_value: float, baseline_value: float, metric: str) -> float:
    """subject over baseline, oriented so that more than 1 is better."""
    if metric in LOWER_IS_BETTER:
        return baseline_value / subject_value
    return subject_value / baseline_value


def _judge(measured: float, interval: tuple[float, float] | None) -> str:
    if interval is None:
        return CONSISTENT
    low, high = interval
    if measured < low * (1 - 1e-9):
        return BEYOND
    if measured > high * (1 + 1e-9):
        return SHORT
    return CONSISTENT


def _compare(index: MeasuredIndex, subject: list[Level], baseline: list[Level],
             bench: str, scenario: str, interval: tuple[float, float] | None
             ) -> list[Comparison]:
    """Per round and division: system against system where both sides were measured at
    the claim's counts; else per accelerator (the smallest parts of each side)."""
    s_leaf, b_leaf = subject[-1], baseline[-1]
    s_results = _all_levels(index, subject, bench, scenario)
    b_results = _all_levels(index, baseline, bench, scenario)
    comparisons = []
    groups = sorted({(r.round, r.division) for r in s_results} &
                    {(r.round, r.division) for r in b_results})
    for round_name, division in groups:
        s_group = [r for r in s_results if (r.round, r.division) == (round_name, division)]
        b_group = [r for r in b_results if (r.round, r.division) == (round_name, division)]
        s_sized = [r for r in s_group if _at_claim_count(index, r, subject)]
        b_sized = [r for r in b_group if _at_claim_count(index, r, baseline)]
        metric = s_group[0].metric
        # Each side's best result, at the claim's count where it was measured at it.
        s_best, b_best = min(s_sized or s_group, key=_better), min(b_sized or b_group,
                                                                     key=_better)
        if s_sized and b_sized:
            ratio = _ratio(s_best.value, b_best.value, metric)
            verdict = _judge(ratio, interval)
        else:
            ratio, verdict = None, ""
        per = _per_accelerator_ratio(s_best, b_best)
        claimed_per = None
        if interval is not None and per is not None:
            factor = b_leaf.count / s_leaf.count
            claimed_per = (interval[0] * factor, interval[1] * factor)
            if ratio is None:
                verdict = _judge(per, claimed_per)
        if not verdict:
            continue  # latency at other counts: nothing comparable
        comparisons.append(Comparison(round_name, division, scenario, s_best, b_best,
                                      ratio, per, claimed_per, verdict))
    return comparisons


def _all_levels(index: MeasuredIndex, side: list[Level], bench: str,
                scenario: str) -> list[Any]:
    seen: dict[str, Any] = {}
    for level in side:
        for result in index.of(level.entry, bench, scenario):
            seen[result.id] = result
    return list(seen.values())


def _at_claim_count(index: MeasuredIndex, result: Any, side: list[Level]) -> bool:
    return any(level.count == result.accelerators and
               index.stands_for(result, level.entry) is not None for level in side)


def _stands_for(index: MeasuredIndex, result: Any, side: list[Level]) -> tuple[Level, str]:
    """The level of a side a result stands for, and how ('' or a memory variant)."""
    for level in side:
        how = index.stands_for(result, level.entry)
        if how is not None:
            return level, how
    raise ValueError(f"{result.id} stands for no level of the side")


def _per_accelerator_ratio(subject: Any, baseline: Any) -> float | None:
    s, b = per_accelerator(subject), per_accelerator(baseline)
    if s is None or b is None:
        return None
    return _ratio(s, b, subject.metric)


def _system(index: MeasuredIndex, result: Any, side: list[Level]) -> str:
    level, how = _stands_for(index, result, side)
    note = f"; {how}" if how else ""
    return f"{result.submitter} {result.system} ({result.accelerators} x {level.entry.id}{note})"


def _describe(index: MeasuredIndex, c: Comparison, subject: list[Level],
              baseline: list[Level], claim: Claim) -> str:
    unit = c.subject.unit
    text = (f"{c.round} {c.division}, {c.scenario}: {_system(index, c.subject, subject)} "
            f"{_n(c.subject.value)} {unit}; {_system(index, c.baseline, baseline)} "
            f"{_n(c.baseline.value)} {unit}")
    if c.ratio is not None:
        text += f": {format_number(c.ratio, 3)}x, system against system"
    else:
        text += (f": not measured at the claim's counts ({subject[0].count} x "
                 f"{subject[0].entry.id} against {baseline[0].count} x "
                 f"{baseline[0].entry.id})")
    if c.per_accelerator is not None:
        text += f"; per accelerator {format_number(c.per_accelerator, 3)}x"
        if c.claimed_per_accelerator:
            text += (f", where the claim is {_interval(c.claimed_per_accelerator)} "
                     f"({subject[-1].count} x {subject[-1].entry.id} against "
                     f"{baseline[-1].count} x {baseline[-1].entry.id})")
        text += f" ({scaling_note(c.subject.metric)})"
    return text + f". Files: {_files(c.subject)}; {_files(c.baseline)}."


def _files(result: Any) -> str:
    if not result.files:
        return f"{result.source} ({result.system}, no files listed)"
    folders = {f.rsplit("/", 1)[0] for f in result.files}
    if len(folders) == 1:
        return f"{result.source}: {folders.pop()}/ ({len(result.files)} file(s))"
    return f"{result.source}: " + ", ".join(result.files)


def _interval(interval: tuple[float, float] | None) -> str:
    if interval is None:
        return "-"
    low, high = interval
    if not math.isfinite(high):
        return f">= {format_number(low, 3)}x"
    if low <= 0:
        return f"<= {format_number(high, 3)}x"
    if math.isclose(low, high, rel_tol=1e-9):
        return f"{format_number(low, 3)}x"
    return f"{format_number(low, 3)}x to {format_number(high, 3)}x"


_VERDICT_WORDS = {CONSISTENT: "consistent with what was measured",
                  BEYOND: "beyond what was measured (it says more)",
                  SHORT: "short of what was measured (it says less)"}


def _verdict_sentence(found: MeasuredCheck, interval: tuple[float, float] | None,
                      claim: Claim) -> str:
    claimed = f"The claim ({_interval(interval)})"
    if found.verdict == MIXED:
        return claimed + " is " + "; ".join(
            f"{_VERDICT_WORDS[c.verdict]} in {c.round} {c.division} {c.scenario}"
            for c in found.comparisons) + "."
    sentence = f"{claimed} is {_VERDICT_WORDS[found.verdict]}"
    if found.verdict == BEYOND and interval is not None:
        gaps = [interval[0] / c.ratio if c.ratio is not None
                else c.claimed_per_accelerator[0] / c.per_accelerator
                for c in found.comparisons]
        low, high = min(gaps), max(gaps)
        sentence += ": " + (f"{format_number(low, 3)}x" if math.isclose(low, high, rel_tol=1e-3)
                            else f"{format_number(low, 3)}x to {format_number(high, 3)}x") + \
            " the measured ratio"
    return sentence + (" (measured in MLPerf, not in the vendor's own setting, which the "
                       "source does not give).")


def _target(index: MeasuredIndex, subject: list[Level], baseline: list[Level], bench: str,
            scenarios: tuple[str, ...], interval: tuple[float, float] | None,
            claim: Claim) -> dict[str, Any] | None:
    """Only one side measured: what the other would have to measure, from the measured
    side's per-accelerator values (every round and division loaded)."""
    if interval is None:
        return None
    for scenario in scenarios:
        s_results = _all_levels(index, subject, bench, scenario)
        b_results = _all_levels(index, baseline, bench, scenario)
        if bool(s_results) == bool(b_results):
            continue
        measured_side, other = (baseline, subject) if b_results else (subject, baseline)
        results = b_results or s_results
        values = [v for v in (per_accelerator(r) for r in results) if v is not None]
        if not values:
            continue
        metric = results[0].metric
        unit = results[0].unit
        low_v, high_v = min(values), max(values)
        leaf, other_leaf = measured_side[-1], other[-1]
        # The measured side's value at the claim's count, then the claim's ratio on it.
        side_low, side_high = low_v * leaf.count, high_v * leaf.count
        if metric in LOWER_IS_BETTER:   # a time: accelerator-minutes over the count
            side_low, side_high = low_v / leaf.count, high_v / leaf.count
        # The unmeasured side is the measured one times the claim's ratio, or over it.
        multiply = (measured_side is baseline) != (metric in LOWER_IS_BETTER)
        need, need_bound = _needed(side_low, side_high, interval, multiply)
        rounds = sorted({f"{r.round} {r.division}" for r in results})
        variants = sorted({r.accelerator for r in results
                           if _stands_for(index, r, measured_side)[1]})
        variant_note = (f"; counting {', '.join(variants)}, memory variants of "
                        f"{measured_side[-1].entry.name}" if variants else "")
        who = f"{other[0].count} x {other[0].entry.id}" if other[0].count != 1 \
            else other[0].entry.id
        measured_who = f"{measured_side[-1].entry.id}"
        sentence = (f"No result of {other[0].entry.id} is loaded; {measured_who} measured "
                    f"{_n(low_v)} to {_n(high_v)} {unit} per "
                    f"accelerator in {scenario} ({len(results)} result(s): "
                    f"{', '.join(rounds)}{variant_note}), so {measured_side[0].count} x "
                    f"{measured_side[0].entry.id} is {_n(side_low)} to {_n(side_high)} {unit}, "
                    f"and by the claim "
                    f"({_interval(interval)}) {who} would have to measure "
                    f"{_needed_text(need, need_bound, unit)} in "
                    f"MLPerf {bench} {scenario}"
                    + (f" (made of {other_leaf.count} x {other_leaf.entry.id})"
                       if other_leaf.entry is not other[0].entry else "") + ".")
        return {"scenario": scenario, "measured_product": measured_side[-1].entry.id,
                "measured_low": low_v, "measured_high": high_v,
                "per_accelerator": True, "unit": unit, "results": len(results),
                "rounds": rounds, "must_measure": need_bound, "product": other[0].entry.id,
                "must_measure_low": need[0], "must_measure_high": need[1],
                "sentence": sentence}
    return None


def _needed(side_low: float, side_high: float, interval: tuple[float, float],
            multiply: bool) -> tuple[tuple[float, float], str]:
    """What the unmeasured side must measure: (low, high) over the measured results,
    and whether that is a minimum, a maximum or a range ('min', 'max', 'range')."""
    lo, hi = interval
    if multiply:   # a throughput times the ratio
        if not math.isfinite(hi):
            return (side_low * lo, side_high * lo), "min"
        if lo <= 0:
            return (side_low * hi, side_high * hi), "max"
        return (side_low * lo, side_high * hi), "range"
    # a time over the ratio
    if not math.isfinite(hi):
        return (side_low / lo, side_high / lo), "max"
    if lo <= 0:
        return (side_low / hi, side_high / hi), "min"
    return (side_low / hi, side_high / lo), "range"


def _needed_text(need: tuple[float, float], bound: str, unit: str,
                 short: bool = False) -> str:
    numbers = f"{_n(need[0])} to {_n(need[1])} {unit}"
    over = "" if short else " (the claim's ratio over the lowest and over the highest result)"
    words = bounds.WORDS.get(bound, "")
    return f"{words} {numbers}{over}" if words else numbers
