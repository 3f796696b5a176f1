"""How MLPerf Training scores a benchmark's runs: the rules of MLCommons' result summarizer
(github.com/mlcommons/logging, mlperf_logging/result_summarizer/result_summarizer.py:
`_compute_olympic_average`, `_get_scaling_factor`, `_compute_strong_scaling_scores`) and
the run counts of mlperf_logging/benchmark_meta.py (`_ALL_RESULT_FILE_COUNTS`).

- Each run's time to train is its `run_start` to its `run_stop`; a run that does not
  converge (no successful `run_stop`) is dropped.
- The score is the olympic average: the times sorted, the `max_dropped` fastest and
  slowest left out (4 for unet3d, 1 for every other benchmark), the non-converged runs
  counting among the slowest; with more non-converged runs than `max_dropped` there is no
  result.
- A benchmark folder's `scaling.json` (`{"scaling_factor": f}`, added by the review
  committee) multiplies the score.
- A benchmark needs its number of runs (the counts below); with fewer there is no result.
"""

from __future__ import annotations

import json
from pathlib import Path

from chipcmp.model.problems import Problem, warning
from chipcmp.read import inputs

MAX_DROPPED = {"unet3d": 4}   # else 1
# _ALL_RESULT_FILE_COUNTS['training'] (benchmark folder name -> runs a result needs); a
# benchmark not named here is scored from the runs it has.
RESULT_FILE_COUNTS = {
    "bert": 10, "dlrm": 5, "dlrm_dcnv2": 10, "gnmt": 10, "gpt3": 3, "maskrcnn": 5,
    "minigo": 10, "resnet": 5, "ssd": 5, "retinanet": 5, "stable_diffusion": 10,
    "transformer": 10, "ncf": 10, "rnnt": 10, "unet3d": 40, "gnn": 10, "rgat": 10,
    "llama2_70b_lora": 10,
}
MAX_SCALING_BYTES = 64 * 1024


def olympic(times: list[float | None], benchmark: str) -> float | None:
    """The olympic average of a benchmark's times to train (None: a run that did not
    converge), or None when the rules give no result."""
    failed = sum(t is None for t in times)
    max_dropped = MAX_DROPPED.get(benchmark.lower(), 1)
    if failed > max_dropped:
        return None
    scores = sorted(t for t in times if t is not None)
    countable = scores[max_dropped:len(scores) - (max_dropped - failed)]
    return sum(countable) / len(countable) if countable else None


def too_few_runs(runs: int, benchmark: str) -> int | None:
    """The runs the benchmark needs, when it has fewer; else None."""
    needed = RESULT_FILE_COUNTS.get(benchmark.lower())
    return needed if needed is not None and runs < needed else None


def scaling_factor(benchmark_folder: Path, problems: list[Problem]) -> float | None:
    """The review committee's scaling factor for a benchmark folder (1 when it has no
    scaling.json), or None when the file cannot be read as one (reported)."""
    path = benchmark_folder / "scaling.json"
    if not path.is_file():
        return 1.0
    raw, found = inputs.read_problems(path, MAX_SCALING_BYTES, "scaling file")
    problems.extend(found)
    try:
        factor = json.loads(raw.decode("utf-8"))["scaling_factor"] if raw else None
        factor = float(factor)  # type: ignore[arg-type]
    except (ValueError, KeyError, TypeError, RecursionError):
        factor = None
    if factor is None or not 0 < factor < 100:
        problems.append(warning(str(path), 1, 1, "bad-scaling",
                                "not a scaling factor ({\"scaling_factor\": a number}): the "
                                "benchmark's result is not imported"))
        return None
    return factor
