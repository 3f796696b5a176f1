"""A claim's result: its verdict, the numbers behind it and the sentences that explain
them; the verdicts and what the checks are told (ClaimSettings)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from chipcmp.model import limits
from chipcmp.model.bounds import (APPROX, EXACT, MAX, MIN, Bounded, divide, render,
                                  rounding_interval)
from chipcmp.figures.select import Request
from chipcmp.model.claim_metrics import CLAIM_METRICS
from chipcmp.model.schema import Claim
from chipcmp.model.precision import Query

CONSISTENT, BEYOND, EXTRAORDINARY, CONTRADICTED, UNVERIFIABLE, DEPENDS = (
    "consistent", "beyond-spec", "extraordinary", "contradicted", "unverifiable",
    "depends-on-reading")
# What was measured (MLPerf) says of a claim: beyond or short of the measured ratio
# (consistent is the specs' word too). Where a measured verdict is given, it is the
# claim's headline: a spec bounds what the hardware could do, a measurement says what it
# did (check_claim; the spec verdict is kept beside it).
BEYOND_MEASURED, SHORT_OF_MEASURED = "beyond-measured", "short-of-measured"
VERDICTS = (CONSISTENT, BEYOND, EXTRAORDINARY, CONTRADICTED, UNVERIFIABLE, DEPENDS,
            BEYOND_MEASURED, SHORT_OF_MEASURED)
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
    measured: Any = None                    # measured.MeasuredCheck, where MLPerf measured it
    spec_verdict: str | None = None         # the specs' verdict, where a measured one heads

    def as_record(self) -> dict[str, Any]:
        record = self._numbers()
        record["readings"] = [{"label": label, **result._numbers(), "verdict": result.verdict,
                               "explanation": " ".join(result.explanation),
                               "missing": result.missing}
                              for label, result in self.readings]
        record["measured"] = self.measured.record() if self.measured else None
        record["spec_verdict"] = self.spec_verdict
        return record

    def summary(self) -> str:
        """'beyond-spec (claimed 2x, spec 1.538x*, advantage 1.3x*)', or per reading."""
        if self.readings:
            return f"{self.verdict} (" + "; ".join(
                f"{label}: {result.verdict}" + (f", advantage {_shown(result.advantage)}"
                                                if result.advantage else "")
                + (f", {result.measured.summary()}" if result.measured else "")
                for label, result in self.readings) + ")"
        numbers = ", ".join(f"{label} {_shown(value)}" for label, value in (
            ("claimed", self.claimed), ("spec", self.spec), ("advantage", self.advantage))
            if value is not None)
        headline = self.verdict if self.spec_verdict is None else \
            f"{self.verdict} (as measured; specs: {self.spec_verdict})"
        return headline + (f" ({numbers})" if numbers else "") + \
            (f"; {self.measured.summary()}" if self.measured else "")

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


def claimed_interval(claim: Claim) -> tuple[float, float] | None:
    """The claim as an interval of 'how many times better' (>1 better): an exact figure
    stands for the numbers it may have been rounded from (5.3 is 5.25 to 5.35), a bound
    ("at least 2") is taken as written, a range as given; None without a ratio."""
    value = claim.subject_over_baseline
    if value is None:
        return None
    if isinstance(value, tuple):
        low, high = value
    else:
        bound = claim.effective_bound
        rounded_low, rounded_high = rounding_interval(value) if bound == EXACT \
            else (value, value)
        low = rounded_low if bound in (EXACT, MIN, APPROX) else 0.0
        high = rounded_high if bound in (EXACT, MAX, APPROX) else math.inf
    if CLAIM_METRICS[claim.metric].lower_is_better:
        low, high = (1 / high if math.isfinite(high) else 0.0), (1 / low if low > 0 else math.inf)
    return low, high


def _range(low: float, high: float) -> Bounded:
    """A [low, high] range as a Bounded: kept as its geometric middle, marked approx;
    the interval itself is carried by the graph check."""
    return Bounded(math.sqrt(low * high), APPROX)


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


