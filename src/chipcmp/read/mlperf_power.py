"""The power of an MLPerf Inference result, as MLPerf's power checker computes it.

A result has power when its `performance/power/` folder exists. The power analyser's
readings are `performance/run_1/spl.txt`, one line a reading: `Time,<MM-DD-YYYY
HH:MM:SS.fff>,Watts,<W>,...`; the run's `mlperf_log_detail.txt` gives the window,
`power_begin` and `power_end` (:::MLLOG lines). The watts are the mean of the readings
strictly inside the window whose watts are above zero (inference_policies
power_measurement.adoc; submission checker `checks/power_check.py` at b66003e1, which
takes the timestamps as UTC from v4.1 on). `ranging/` is an unscored run.

What the power means: Offline, Server and Interactive give watts, and their throughput
over them is samples (or tokens) per joule; SingleStream and MultiStream give energy per
query, watts x the window's seconds x 1000 / the run's `result_query_count` (mJ). The
watts are the whole system's, AC at the wall: per accelerator only as system watts over
its accelerators, and said so.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from dataclasses import dataclass
from pathlib import Path

from chipcmp.model.problems import Problem, warning
from chipcmp.read import inputs

MAX_POWER_LOG_BYTES = 64 * 1024 * 1024
TIME_FORMAT = "%m-%d-%Y %H:%M:%S.%f"
THROUGHPUT_SCENARIOS = ("offline", "server", "interactive")


@dataclass(frozen=True)
class Power:
    watts: float              # the system's mean wall power in the run's window
    readings: int             # readings averaged
    seconds: float            # the window
    queries: int | None       # the run's queries (energy per query)
    files: tuple[str, ...]


def has_power(scenario_folder: Path) -> bool:
    return (scenario_folder / "performance" / "power").is_dir()


def read_power(run: Path, problems: list[Problem]) -> Power | None:
    """The power of the run in folder `run` (its spl.txt and mlperf_log_detail.txt), or
    None with the problem reported."""
    detail, spl = run / "mlperf_log_detail.txt", run / "spl.txt"
    raw, found = inputs.read_problems(detail, MAX_POWER_LOG_BYTES, "log detail")
    problems.extend(found)
    if raw is None:
        return None
    keys = _mllog(raw.decode("utf-8", errors="replace"), ("power_begin", "power_end",
                                                         "result_query_count"))
    try:
        begin = dt.datetime.strptime(str(keys["power_begin"]), TIME_FORMAT)
        end = dt.datetime.strptime(str(keys["power_end"]), TIME_FORMAT)
    except (KeyError, ValueError):
        problems.append(warning(str(detail), 1, 1, "no-power-window",
                                "no power_begin and power_end: the result's power is not "
                                "read"))
        return None
    raw, found = inputs.read_problems(spl, MAX_POWER_LOG_BYTES, "power readings")
    problems.extend(found)
    if raw is None:
        return None
    watts = []
    for line in raw.decode("utf-8", errors="replace").splitlines():
        if not line.startswith("Time"):
            continue
        fields = line.split(",")
        try:
            at = dt.datetime.strptime(fields[1], TIME_FORMAT)
            value = float(fields[3])
        except (IndexError, ValueError):
            continue
        if begin < at < end and 0 < value < math.inf:
            watts.append(value)
    if not watts:
        problems.append(warning(str(spl), 1, 1, "no-power-readings",
                                f"no reading above 0 W between power_begin {begin} and "
                                f"power_end {end}: the result's power is not read"))
        return None
    queries = keys.get("result_query_count")
    counted = isinstance(queries, (int, float)) and math.isfinite(queries) and queries >= 1
    return Power(sum(watts) / len(watts), len(watts), (end - begin).total_seconds(),
                 int(queries) if counted else None, (str(detail), str(spl)))


def energy(power: Power, scenario: str, value: float, unit: str) -> tuple[float, str] | None:
    """What the power makes of a result: its throughput per joule (samples/J, tokens/J),
    or the energy of one query (mJ/query); None where it cannot (no query count)."""
    if scenario in THROUGHPUT_SCENARIOS:
        return value / power.watts, unit.replace("/s", "/J")
    if power.queries:
        return power.watts * power.seconds * 1000 / power.queries, "mJ/query"
    return None


def _mllog(text: str, wanted: tuple[str, ...]) -> dict[str, object]:
    """The values of some :::MLLOG keys of a log (the last of each)."""
    found: dict[str, object] = {}
    for match in re.finditer(r":::MLLOG (\{.*\})", text):
        try:
            event = json.loads(match.group(1))
        except (ValueError, RecursionError):
            continue
        if isinstance(event, dict) and event.get("key") in wanted:
            found[str(event["key"])] = event.get("value")
    return found
