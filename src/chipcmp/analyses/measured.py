"""Measured results (MLPerf) beside the specs: which results a question takes, each
result's value for one accelerator, and their order (best first).

A throughput divided by the accelerators that made it is a per-accelerator throughput; a
time to train multiplied by them is accelerator-minutes, which assumes linear scaling (a
reader is told so); a latency has no per-accelerator value.
"""

from __future__ import annotations

from typing import Any, Iterable

LINEAR_SCALING = ("per accelerator: the time to train times the accelerators, which "
                  "assumes linear scaling")
LOWER_IS_BETTER = frozenset({"latency", "time to train"})


def per_accelerator(result: Any) -> float | None:
    """The result's value for one accelerator, or None where it has none (latency)."""
    if result.metric == "throughput":
        return result.value / result.accelerators
    if result.metric == "time to train":
        return result.value * result.accelerators
    return None


def select(results: Iterable[Any], benchmark: str | None = None, scenario: str | None = None,
           round_name: str | None = None, submitter: str | None = None) -> list[Any]:
    """The results a question takes, best first within each benchmark and scenario (by
    the per-accelerator value where there is one)."""
    def wanted(r: Any) -> bool:
        return ((benchmark is None or r.benchmark == benchmark.lower())
                and (scenario is None or r.scenario == scenario.lower())
                and (round_name is None or r.round == round_name.lower().replace("_", " "))
                and (submitter is None or submitter.lower() in r.submitter.lower()))

    def key(r: Any) -> tuple[Any, ...]:
        value = per_accelerator(r)
        value = r.value if value is None else value
        sign = 1 if r.metric in LOWER_IS_BETTER else -1
        return (r.benchmark, r.scenario, sign * value, r.round, r.system)

    return sorted((r for r in results if wanted(r)), key=key)
