"""What a vendor claim can measure: the one registry of claim metrics, as the ranking
metrics have theirs (analyses/metrics.py). The catalog's schema takes its choices from it,
and the claim checks read from it which way is better, which spec figure answers the claim,
and how to name that figure; a new claim metric is one entry here.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Direction(Enum):
    HIGHER_IS_BETTER = "higher"
    LOWER_IS_BETTER = "lower"


# The spec figures a claim can be set against (analyses/claims.py maps each to the
# function that gives it), and what each is called in an explanation.
PEAK, PER_WATT, PER_DOLLAR = "peak", "per-watt", "per-dollar"
SPEC_NAMES = {PEAK: "peak compute", PER_WATT: "peak compute per watt",
              PER_DOLLAR: "peak compute per dollar"}
SPEC_UNITS = {PEAK: "", PER_WATT: "/W", PER_DOLLAR: "/USD"}


@dataclass(frozen=True)
class ClaimMetric:
    name: str
    direction: Direction
    spec: str | None = PEAK       # the spec figure a ratio of it is checked against; None:
    #                               no spec figure answers it (unverifiable from specs)
    same_quantity: bool = False   # the claim states the spec quantity itself (no advantage)
    needs: tuple[str, ...] = ()   # the figures a generation claim of it needs
    cost: bool = False            # a cost (server cost, TCO): checked as cost per work
    description: str = ""
    no_spec_because: str = ""     # why no spec figure answers it, where that needs saying

    @property
    def lower_is_better(self) -> bool:
        return self.direction is Direction.LOWER_IS_BETTER


_HIGHER, _LOWER = Direction.HIGHER_IS_BETTER, Direction.LOWER_IS_BETTER
CLAIM_METRICS: dict[str, ClaimMetric] = {m.name: m for m in (
    ClaimMetric("throughput", _HIGHER, description="work per second, e.g. images/s"),
    ClaimMetric("speed", _HIGHER, description="work per unit time, e.g. 1 / time to train"),
    ClaimMetric("latency", _LOWER, spec=None, description="time for one inference",
                no_spec_because="peak throughput does not bound latency: a batch of one "
                                "uses a fraction of the peak, and how large a fraction "
                                "differs from chip to chip"),
    ClaimMetric("compute", _HIGHER, same_quantity=True, description="peak compute itself"),
    ClaimMetric("perf-per-watt", _HIGHER, spec=PER_WATT, needs=("compute", "power")),
    ClaimMetric("perf-per-dollar", _HIGHER, spec=PER_DOLLAR, needs=("compute", "price")),
    ClaimMetric("power", _LOWER, spec=None),
    ClaimMetric("power-per-channel", _LOWER, spec=None),
    ClaimMetric("video-channels", _HIGHER, spec=None),
    ClaimMetric("server-cost", _LOWER, spec=None, cost=True),
    ClaimMetric("tco", _LOWER, spec=None, cost=True),
    ClaimMetric("score", _HIGHER, spec=None, description="a benchmark score, checked "
                                                        "against the scores the catalog gives"),
)}
# Delivered performance (what a workload ran at), as opposed to a spec.
PERFORMANCE = frozenset({"throughput", "speed", "latency"})
