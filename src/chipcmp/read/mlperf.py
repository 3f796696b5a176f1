"""Reading MLPerf results repositories as MLCommons publishes them, and computing each
result by MLPerf's rules. Nothing here writes a catalog yet: the result is data
(`Measured` results and located problems), for the importer and the checks to use.

Layouts (a round is named by its repository's folder, `training_results_v1.0`,
`inference_results_v0.5`):
- training: `<submitter>/systems/<system>.json` and
  `<submitter>/results/<system>/<benchmark>/result_N.txt`, the runs' `:::MLLOG {json}`
  lines (sometimes after a prefix such as ` 0: `);
- inference: `<division>/<submitter>/systems/<system>.json` and
  `<division>/<submitter>/results/<system>/<benchmark>/<scenario>/performance/[run_N/]
  mlperf_log_summary.txt`.

Rules:
- training (read/mlperf_training.py): a run's time to train is from its `run_start` to
  its `run_stop`; a run that stops without success (or never stops) counts among the
  slowest; the olympic average of MLCommons' result summarizer (one fastest and one
  slowest dropped, four for unet3d), times the review committee's `scaling.json` factor;
  too many failed runs, or fewer runs than the benchmark needs, give no result (reported).
- inference (read/mlperf_rules.py): the line of the run's summary the submission
  checker scores, by round, benchmark and scenario (Offline samples or tokens per
  second, Server scheduled or completed ones, SingleStream and MultiStream latencies),
  each of a run whose result is VALID; where a scenario was run several times, the least
  favourable VALID run is taken. An INVALID run is reported, not used; its power, where
  measured, is read/mlperf_power.py's.

Every file read is bounded (read/inputs.py); every system, run and file is used or
reported with its location.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from chipcmp.model import benchmarks, limits
from chipcmp.model.measures import per_accelerator
from chipcmp.read.mlperf_rules import headline, latency_limits, round_version
from chipcmp.model.problems import Problem, error, warning
from chipcmp.read import inputs, mlperf_index, mlperf_power, mlperf_training

ROUND = re.compile(r"^(training|inference)_results_v(\d+\.\d+)$")
MAX_SUMMARY_BYTES = 1024 * 1024
MAX_LOG_BYTES = 64 * 1024 * 1024
# Scenario spellings across rounds -> one name. Interactive is Server at tighter latency
# limits: its summary says "Scenario : Server", its folder names it.
SCENARIOS = {"offline": "offline", "server": "server", "singlestream": "singlestream",
             "single stream": "singlestream", "multistream": "multistream",
             "multi stream": "multistream", "interactive": "interactive"}


def reads(parts: tuple[str, ...]) -> int | None:
    """The size limit of the file at `parts` (its path inside a round's folder) when this
    reader opens such a file, else None: all that an archive of a round need unpack."""
    if not parts:
        return None
    name, folders = parts[-1], parts[:-1]
    if name.endswith(".json") and (folders[-1:] == ("systems",) or "measurements" in folders):
        return MAX_SUMMARY_BYTES
    if name == "mlperf_log_summary.txt" and "performance" in folders:
        return MAX_SUMMARY_BYTES
    if name in ("mlperf_log_detail.txt", "spl.txt") and "performance" in folders and \
            "ranging" not in folders:
        from chipcmp.read.mlperf_power import MAX_POWER_LOG_BYTES

        return MAX_POWER_LOG_BYTES
    if name.startswith("result_") and name.endswith(".txt") and "results" in folders:
        return MAX_LOG_BYTES
    if name == mlperf_index.INDEX_FILE and not folders:
        return mlperf_index.MAX_INDEX_BYTES
    if name.startswith(("node_", "sw_")) and name.endswith(".txt") and "power" in folders:
        return mlperf_training.MAX_POWER_LOG_BYTES
    if name == "scaling.json" and "results" in folders:
        return mlperf_training.MAX_SCALING_BYTES
    return None


@dataclass(frozen=True)
class System:
    round: str            # "training v1.0"
    division: str
    submitter: str
    id: str               # MLPerf's system id (unique within round, division, submitter)
    name: str
    status: str
    accelerator: str
    accelerators: int     # per node x nodes
    path: str
    memory: str = ""      # the accelerator's memory as stated, "40 GB" ('' when not)


@dataclass(frozen=True)
class Measured:
    system: System
    benchmark: str        # resnet50, bert, ...
    scenario: str         # offline, server, singlestream, multistream, training
    metric: str           # throughput, latency, time to train, samples per query
    value: float
    unit: str
    runs: int             # runs the value is made from
    files: tuple[str, ...]
    precision: str | None = None  # the weights' numerics, where measurements/ states one
    # A Server or Interactive LLM result holds at its limits: (time to first token, time
    # per output token) in ms, as the run's summary states them.
    latency_limits: tuple[float, float] | None = None
    # Where the run measured power (read/mlperf_power.py): the system's wall watts, and
    # what they make of the result (tokens/J, samples/J, or mJ/query).
    power_w: float | None = None
    energy: tuple[float, str] | None = None

    @property
    def per_accelerator(self) -> float | None:
        """The value for one accelerator (model/measures.py)."""
        return per_accelerator(self.metric, self.value, self.system.accelerators)


@dataclass
class ResultsReading:
    results: list[Measured] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    systems: int = 0
    files: int = 0


def read(folders: list[Path]) -> ResultsReading:
    """Every result of every repository folder given."""
    reading = ResultsReading()
    for folder in _rounds(folders, reading):
        match = ROUND.match(Path(folder).name)
        if match is None or not Path(folder).is_dir():
            reading.problems.append(error(str(folder), 1, 1, "not-the-dataset",
                                          "not an MLPerf results repository (a folder named "
                                          "like training_results_v1.0 or "
                                          "inference_results_v0.5)"))
            continue
        kind, version = match.groups()
        round_name = f"{kind} v{version}"
        if kind == "training":
            _training(Path(folder), round_name, reading)
        else:
            _inference(Path(folder), round_name, reading)
    return reading


def _rounds(folders: list[Path], reading: ResultsReading) -> list[Path]:
    """The folders given; one that is no round but holds rounds (a folder the rounds were
    cloned into) stands for the rounds in it."""
    found: list[Path] = []
    for folder in map(Path, folders):
        inside = [p for p in _folders(folder, reading) if ROUND.match(p.name)] \
            if not ROUND.match(folder.name) and folder.is_dir() else []
        found.extend(inside or [folder])
    return found


def _folders(folder: Path, reading: ResultsReading) -> list[Path]:
    """The folders in `folder`, in name order; a name that is not UTF-8 is reported (in a
    readable form) and left out, and a folder that cannot be listed is reported."""
    return [p for p in _listed(folder, reading) if p.is_dir()]


def _listed(folder: Path, reading: ResultsReading, pattern: str | None = None) -> list[Path]:
    try:
        found = sorted(folder.glob(pattern) if pattern else folder.iterdir())
    except OSError as exc:
        reading.problems.append(error(str(folder), 1, 1, "read-error",
                                      f"cannot list the folder: {exc.strerror or exc}"))
        return []
    kept = []
    for path in found:
        try:
            str(path).encode("utf-8")
        except UnicodeEncodeError:
            reading.problems.append(error(str(path), 1, 1, "bad-file-name",
                                          "the name is not valid UTF-8: not read"))
            continue
        kept.append(path)
    return kept


# ------------------------------------------------------------------------- systems
def _system(path: Path, round_name: str, division: str | None, reading: ResultsReading
            ) -> System | None:
    reading.files += 1
    raw, problems = inputs.read_problems(path, MAX_SUMMARY_BYTES, "system description")
    reading.problems.extend(problems)
    if raw is None:
        return None
    try:
        data = json.loads(raw.decode("utf-8-sig"))
        if not isinstance(data, dict):
            raise ValueError("not a JSON object")
    except (ValueError, RecursionError) as exc:  # UnicodeDecodeError is a ValueError
        reading.problems.append(error(str(path), 1, 1, "bad-system",
                                      f"not a system description: {exc}"[:200]))
        return None
    accelerator = " ".join(str(data.get("accelerator_model_name", "")).split())
    per_node, nodes = _count(data.get("accelerators_per_node")), \
        _count(data.get("number_of_nodes"), 1)
    if per_node is None or nodes is None or \
            (per_node or 0) * nodes > limits.MAX_ACCELERATORS:
        reading.problems.append(error(
            str(path), *_key_place(raw, "accelerators_per_node" if per_node is None
                                   else "number_of_nodes"), "bad-system",
            f"accelerators_per_node {data.get('accelerators_per_node')!r} x number_of_nodes "
            f"{data.get('number_of_nodes')!r} is not a count of accelerators (1 to "
            f"{limits.MAX_ACCELERATORS:,}): its results are not imported"))
        return None
    count = per_node * nodes
    stated = [int(n) for n in re.findall(r"\(x(\d+)\)", accelerator)]
    if len(stated) > 1 or re.search(r"\s\+\s", accelerator):
        reading.problems.append(warning(
            str(path), *_key_place(raw, "accelerator_model_name"), "mixed-system",
            f"{accelerator!r}: a system of several accelerator models; its results are "
            "not set against one product (not imported)"))
        return None
    if stated and stated[0] != count:
        reading.problems.append(warning(
            str(path), *_key_place(raw, "accelerators_per_node"), "accelerator-count",
            f"the accelerator's name says {stated[0]}, accelerators_per_node x "
            f"number_of_nodes {per_node} x {nodes} = {count}: MLPerf's count ({count}) is "
            "used"))
    if not accelerator or count <= 0:
        reading.problems.append(warning(str(path), 1, 1, "bad-system",
                                        "no accelerator model or count: its results are not "
                                        "used"))
        return None
    reading.systems += 1
    return System(round_name, str(data.get("division") or division or "unspecified"),
                  str(data.get("submitter") or path.parents[1].name), path.stem,
                  str(data.get("system_name") or path.stem), str(data.get("status") or ""),
                  accelerator, count, str(path),
                  _memory(data.get("accelerator_memory_capacity")))


_CAPACITY = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([GT])(?:i?B)?\s*$", re.IGNORECASE)


def _memory(value: Any) -> str:
    """An accelerator's memory as '40 GB' (submitters write '40GB', '40 GiB', '40 GB'),
    or '' when the field says no one size."""
    match = _CAPACITY.match(str(value or ""))
    return f"{match[1]} {match[2].upper()}B" if match else ""


def _count(value: Any, default: int = 0) -> int | None:
    """A count as submitters write it (8, "8", "8.0"; missing or empty: `default`), or
    None when it is no count (negative, fractional, NaN, infinite, huge)."""
    if value is None or isinstance(value, str) and not value.strip():
        return default
    try:
        number = float(str(value).strip())
    except ValueError:
        return default  # text such as "n/a": no count given
    if not (0 <= number <= limits.MAX_ACCELERATORS) or not number.is_integer():
        return None
    return int(number)


def _key_place(raw: bytes, key: str) -> tuple[int, int]:
    """Line and column of a JSON key's first appearance (1, 1 when it is not there)."""
    at = raw.find(f'"{key}"'.encode())
    return _place(raw.decode("utf-8", errors="replace"), max(at, 0)) if at >= 0 else (1, 1)


def _place(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of an offset in a text."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


# ------------------------------------------------------------------------ training
def _training(root: Path, round_name: str, reading: ResultsReading) -> None:
    for submitter in _folders(root, reading):
        systems_dir, results_dir = submitter / "systems", submitter / "results"
        if not results_dir.is_dir():
            continue
        for system_dir in _folders(results_dir, reading):
            system = _system(systems_dir / f"{system_dir.name}.json", round_name, None,
                             reading)
            if system is None:
                continue
            for bench_dir in _folders(system_dir, reading):
                logs = _listed(bench_dir, reading, "result_*.txt")
                times = [_time_to_train(log, reading) for log in logs]
                reading.files += len(logs)
                if any(t is _NOT_A_MEASUREMENT for t in times):
                    continue  # reported: the benchmark's result is not imported
                needed = mlperf_training.too_few_runs(len(logs), bench_dir.name)
                value = mlperf_training.olympic(times, bench_dir.name)  # type: ignore[arg-type]
                benchmark = benchmarks.spelled(bench_dir.name)
                if value is None or needed is not None:
                    reading.problems.append(warning(
                        str(bench_dir), 1, 1, "no-result",
                        f"{len(logs)} run(s), {sum(t is None for t in times)} failed"
                        + (f"; {bench_dir.name} needs {needed}" if needed else "")
                        + ": MLPerf's rules give no result"))
                    continue
                factor = mlperf_training.scaling_factor(bench_dir, reading.problems)
                if factor is None:
                    continue
                scaling = (bench_dir / "scaling.json",) if factor != 1.0 else ()
                energy = _training_energy(bench_dir, logs, times, reading)
                reading.results.append(Measured(
                    system, benchmark, "training", "time to train", value * factor, "min",
                    len(logs), tuple(str(f) for f in (*logs, *scaling)),
                    energy=(energy * factor / mlperf_training.JOULES_PER_KWH, "kWh")
                    if energy else None))


def _training_energy(bench_dir: Path, logs: list[Path], times: list[Any],
                     reading: ResultsReading) -> float | None:
    """The olympic energy of a benchmark's runs in joules, where it measured power."""
    if not (bench_dir / "power").is_dir():
        return None
    energies = [mlperf_training.run_energy(bench_dir, log.stem, t * 60_000, reading.problems)
                if t is not None else None for log, t in zip(logs, times)]
    reading.files += sum(e is not None for e in energies)
    return mlperf_training.olympic_energy(times, energies, bench_dir.name)


_NOT_A_MEASUREMENT = object()  # a log whose times are not a measurement (reported)


def _time_to_train(path: Path, reading: ResultsReading) -> Any:
    """Minutes from run_start to a successful run_stop, None (a failed run), or
    _NOT_A_MEASUREMENT (times that cannot be real, reported at run_stop)."""
    raw, problems = inputs.read_problems(path, MAX_LOG_BYTES, "training log")
    reading.problems.extend(problems)
    if raw is None:
        return None
    start = stop = None
    success = False
    stop_line = 1
    for number, col, event in mlperf_training.mllog(raw.decode("utf-8", errors="replace")):
        if event is None:
            reading.problems.append(warning(str(path), number, col, "bad-log-line",
                                            "a :::MLLOG line that is not a JSON object"))
            continue
        key = event.get("key")
        if key == "run_start":
            start = event.get("time_ms")
        elif key == "run_stop":
            stop, stop_line = event.get("time_ms"), number
            metadata = event.get("metadata") or {}
            value = event.get("value") or {}
            success = metadata.get("status") == "success" or \
                (isinstance(value, dict) and value.get("success") is True)
    if not isinstance(start, (int, float)) or not isinstance(stop, (int, float)) or \
            not success or not stop >= start:
        reading.problems.append(warning(str(path), 1, 1, "failed-run",
                                        "no successful run_stop after run_start: counted "
                                        "as the slowest run"))
        return None
    minutes = (stop - start) / 60_000
    reason = limits.measured_problem(minutes, "min")
    if reason is not None:
        reading.problems.append(error(str(path), stop_line, 1, "not-a-measurement",
                                      f"run_start {start!r} to run_stop {stop!r} ms: "
                                      f"{minutes:g} min, {reason}; the benchmark's result is "
                                      "not imported"))
        return _NOT_A_MEASUREMENT
    return minutes


# ----------------------------------------------------------------------- inference
def _inference(root: Path, round_name: str, reading: ResultsReading) -> None:
    index = mlperf_index.load(root, reading.problems)
    if index is not None:
        reading.files += 1
    for division in _folders(root, reading):
        for submitter in _folders(division, reading):
            results_dir = submitter / "results"
            if not results_dir.is_dir():
                continue
            for system_dir in _folders(results_dir, reading):
                system = _system(submitter / "systems" / f"{system_dir.name}.json",
                                 round_name, division.name, reading)
                if system is None:
                    continue
                for bench_dir in _folders(system_dir, reading):
                    for scenario_dir in _folders(bench_dir, reading):
                        _scenario(system, bench_dir.name, scenario_dir, reading, index)
    if index is not None:
        index.unread(reading.problems)


def _scenario(system: System, bench: str, folder: Path, reading: ResultsReading,
              index: mlperf_index.RoundIndex | None = None) -> None:
    scenario = SCENARIOS.get(folder.name.lower().replace("_", " "))
    # performance/run_N/ only: the compliance tests' runs (TEST01, TEST04, ... beside
    # performance/) check a result, and a power result's ranging/ run sets the analyser's
    # range: neither is a result.
    summaries = [s for s in _listed(folder / "performance", reading,
                                    "**/mlperf_log_summary.txt")
                 if "ranging" not in s.relative_to(folder).parts]
    if scenario is None or not summaries:
        return
    version = round_version(system.round)
    values = []
    limits_seen: set[tuple[float, float] | None] = set()
    for summary in summaries:
        reading.files += 1
        raw, problems = inputs.read_problems(summary, MAX_SUMMARY_BYTES, "log summary")
        reading.problems.extend(problems)
        if raw is None:
            continue
        text = raw.decode("utf-8", errors="replace")
        ran = re.search(r"^Scenario\s*:\s*(\w+)", text, re.M)
        if ran and SCENARIOS.get(ran.group(1).lower()) not in (scenario, None) and \
                {scenario, SCENARIOS.get(ran.group(1).lower())} != {"server", "interactive"}:
            reading.problems.append(warning(
                str(summary), *_place(text, ran.start(1)), "inferred-result",
                f"a {ran.group(1)} run under {folder.name}: MLPerf infers this scenario's "
                "result from another's run; it is not a measurement, not imported"))
            continue
        metric, unit, pattern, higher = headline(version, bench, scenario, text)
        valid = re.search(r"^Result is\s*:\s*(\w+)", text, re.M)
        found = re.search(pattern, text, re.M)
        if not valid or not found:
            reading.problems.append(warning(str(summary), 1, 1, "bad-summary",
                                            f"no result line for {scenario}: not used"))
            continue
        limits_seen.add(latency_limits(text))
        if valid.group(1) != "VALID":
            reading.problems.append(warning(str(summary), 1, 1, "invalid-run",
                                            f"the run's result is {valid.group(1)}: not used"))
            continue
        line, col = _place(text, found.start(1))
        try:
            value = float(found.group(1))
        except ValueError:
            reading.problems.append(error(str(summary), line, col, "bad-summary",
                                          f"{found.group(1)!r} is not a number: not "
                                          "imported"))
            continue
        value = value / 1e6 if unit == "ms" else value  # the summary gives nanoseconds
        reason = limits.measured_problem(value, unit)
        if reason is not None:
            reading.problems.append(error(str(summary), line, col, "not-a-measurement",
                                          f"{found.group(1)!r} ({value:g} {unit}): {reason}; "
                                          "not imported"))
            continue
        values.append((value, summary))
    if not values:
        return
    pick = (min if higher else max)(values, key=lambda v: v[0])  # the least favourable
    benchmark = benchmarks.spelled(bench)
    numerics, described = _numerics(system, bench, folder, reading)
    if index is not None:  # the round's index: a cross-check, and the stated precision
        run = Path(pick[1]).parent.relative_to(index.path.parent).as_posix()
        index.check(run, pick[0], unit, reading.problems)
        listed = index.of(run)
        if numerics is None and listed is not None and listed.precision:
            numerics, described = listed.precision, described + (str(index.path),)
    held = next(iter(limits_seen)) if len(limits_seen) == 1 and \
        scenario in ("server", "interactive") else None
    power = None
    if mlperf_power.has_power(folder):
        reading.files += 2
        power = mlperf_power.read_power(Path(pick[1]).parent, reading.problems)
    reading.results.append(Measured(
        system, benchmark, scenario, metric, pick[0], unit, len(values),
        tuple(str(s) for _, s in values) + described + (power.files if power else ()),
        numerics, held, power.watts if power else None,
        mlperf_power.energy(power, scenario, pick[0], unit) if power else None))


def _numerics(system: System, bench: str, folder: Path, reading: ResultsReading
              ) -> tuple[str | None, tuple[str, ...]]:
    """The precision a submission's weights ran at, from `<submitter>/measurements/
    <system>/<benchmark>/<scenario>/*.json` ("weight_data_types": "int8"), where that
    names one format; and the files read for it."""
    from chipcmp.model import precision

    submitter = folder.parents[3]
    where = submitter / "measurements" / system.id / bench / folder.name
    if not where.is_dir():
        return None, ()
    found: set[str] = set()
    read: list[str] = []
    for path in _listed(where, reading, "*.json"):
        reading.files += 1
        raw, problems = inputs.read_problems(path, MAX_SUMMARY_BYTES, "measurements file")
        reading.problems.extend(problems)
        if raw is None:
            continue
        try:
            data = json.loads(raw.decode("utf-8"))
        except (ValueError, RecursionError) as exc:
            reading.problems.append(warning(str(path), 1, 1, "bad-measurements",
                                            f"not JSON ({exc}): its precision is not used"))
            continue
        types = data.get("weight_data_types") if isinstance(data, dict) else None
        if isinstance(types, str):
            read.append(str(path))
            found.update(t for t in re.split(r"[\s,/;]+", types.strip().lower()) if t)
    labels = {t for t in found if t in precision.FORMATS}  # a format, not "float"
    if len(found) == 1 and labels:
        return labels.pop(), tuple(read)
    return None, tuple(read)
