"""Measured results (MLPerf) beside the specs: which results a question takes and their
order, best first (by the value for one accelerator, model/measures.py, where there is
one)."""

from __future__ import annotations

from typing import Any, Iterable

from chipcmp.model.measures import LOWER_IS_BETTER
from chipcmp.model.measures import per_accelerator as _per_accelerator


def per_accelerator(result: Any) -> float | None:
    """The result's value for one accelerator, or None where it has none (latency)."""
    return _per_accelerator(result.metric, result.value, result.accelerators)


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
