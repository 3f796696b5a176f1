"""What a measured result means for one accelerator: the one rule that the MLPerf reader
and the analyses of measured results both use.

A throughput divided by the accelerators that made it is a per-accelerator throughput; a
time to train multiplied by them is accelerator-minutes, which assumes linear scaling (a
reader is told so); a latency has no per-accelerator value.
"""

from __future__ import annotations

LINEAR_SCALING = ("per accelerator: the time to train times the accelerators, which "
                  "assumes linear scaling")
PER_ACCELERATOR_THROUGHPUT = ("per accelerator: the throughput over the accelerators, which "
                              "assumes linear scaling")
LOWER_IS_BETTER = frozenset({"latency", "time to train"})


def scaling_note(metric: str) -> str:
    """What a per-accelerator value of a metric assumes, in words."""
    return LINEAR_SCALING if metric == "time to train" else PER_ACCELERATOR_THROUGHPUT


def per_accelerator(metric: str, value: float, accelerators: int) -> float | None:
    """The value for one accelerator, or None where there is none (latency)."""
    if metric == "throughput":
        return value / accelerators
    if metric == "time to train":
        return value * accelerators
    return None
