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
- Power, where `power/result_N/node_K.txt` logs exist: each run's energy (run_energy),
  averaged the olympic way with the runs ordered by their times, times the same factor:
  the whole system's energy to train, at the wall (nodes and switches).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator

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
MAX_POWER_LOG_BYTES = 64 * 1024 * 1024
JOULES_PER_KWH = 3.6e6


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


# -------------------------------------------------------------------- training power
def run_energy(benchmark_folder: Path, result_name: str, time_to_train_ms: float,
               problems: list[Problem]) -> float | None:
    """The energy of one run in joules, as the result summarizer's `_compute_total_power`
    reckons it: for each node's log under power/<result>/, the readings (W) times the
    time since the last one, from power_measurement_start to power_measurement_stop,
    times the node's conversion efficiency, scaled from the measured window to the run's
    time to train; plus each switch's interconnect_power_est x the time to train. None
    (reported) where a node's log has no start."""
    folder = benchmark_folder / "power" / result_name
    total = 0.0
    nodes = sorted(folder.glob("node_*.txt"))
    if not nodes:
        return None
    for path in (*nodes, *sorted(folder.glob("sw_*.txt"))):
        raw, found = inputs.read_problems(path, MAX_POWER_LOG_BYTES, "power log")
        problems.extend(found)
        if raw is None:
            return None
        events = sorted(_events(raw.decode("utf-8", errors="replace")),
                        key=lambda e: e.get("time_ms", 0))
        efficiency = next((_number(e.get("value")) for e in events
                           if e.get("key") == "conversion_eff"), 1.0)
        if efficiency is None or not 0 < efficiency <= 1:
            problems.append(warning(str(path), 1, 1, "bad-power-log",
                                    "its conversion_eff is not a number in (0, 1]: the "
                                    "run's energy is not read"))
            return None
        if path.name.startswith("sw_"):
            estimate = next((_number(e.get("value")) for e in events
                             if e.get("key") == "interconnect_power_est"), 0.0)
            if estimate is None:
                problems.append(warning(str(path), 1, 1, "bad-power-log",
                                        "its interconnect_power_est is not a number: the "
                                        "run's energy is not read"))
                return None
            total += efficiency * estimate * time_to_train_ms / 1000
            continue
        start = next((e["time_ms"] for e in events
                      if e.get("key") == "power_measurement_start"), None)
        if start is None:
            problems.append(warning(str(path), 1, 1, "no-power-window",
                                    "no power_measurement_start: the run's energy is not "
                                    "read"))
            return None
        stop, previous, last, energy = None, start, start, 0.0
        for event in events:
            if event.get("key") == "power_measurement_stop":
                stop = event["time_ms"]
                break
            if event.get("key") == "power_reading" and event["time_ms"] >= start:
                watts = _number(event.get("value"))
                if watts is None:
                    problems.append(warning(str(path), 1, 1, "bad-power-log",
                                            f"a power_reading of {event.get('value')!r}, not "
                                            "watts: the run's energy is not read"))
                    return None
                energy += watts * (event["time_ms"] - previous)
                previous = last = event["time_ms"]
        stop = stop if stop is not None else last
        if stop <= start:
            return None
        total += efficiency * energy * time_to_train_ms / (stop - start) / 1000
    return total


def olympic_energy(times: list[float | None], energies: list[float | None],
                   benchmark: str) -> float | None:
    """The olympic average of the runs' energies, the runs ordered by their times (the
    summarizer's `_index_olympic_average`)."""
    failed = sum(t is None for t in times)
    max_dropped = MAX_DROPPED.get(benchmark.lower(), 1)
    converged = [(t, e) for t, e in zip(times, energies) if t is not None]
    if failed > max_dropped or any(e is None for _, e in converged):
        return None
    ordered = [e for _, e in sorted(converged, key=lambda pair: pair[0])]
    countable = ordered[max_dropped:len(ordered) - (max_dropped - failed)]
    return sum(countable) / len(countable) if countable else None  # type: ignore[arg-type]


def _number(value: object) -> float | None:
    """A finite number, or None."""
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return number if number == number and abs(number) != float("inf") else None


def mllog(text: str) -> Iterator[tuple[int, int, dict | None]]:
    """Each `:::MLLOG {json}` line of a log (after any prefix such as ' 0: '): its line
    number, the column of the marker, and the event (None: not a JSON object)."""
    for number, line in enumerate(text.splitlines(), 1):
        at = line.find(":::MLLOG")
        if at < 0:
            continue
        try:
            event = json.loads(line[at + len(":::MLLOG"):])
        except (ValueError, RecursionError):
            event = None
        yield number, at + 1, event if isinstance(event, dict) else None


def _events(text: str) -> list[dict]:
    return [event for _, _, event in mllog(text)
            if event is not None and isinstance(event.get("time_ms"), (int, float))]
