"""What importing a whole MLPerf results round costs (issues 25 and 36), as a fresh
process on a generated repository of a recent round's shape and size.

    python benchmarks/mlperf_import.py [--systems 2000] [--training-systems 120] [--runs 3]

The generated round, in Inference v6.0's layout: an inference repository of `--systems`
systems (closed division, 50 submitters, each system with ResNet-50 and three LLMs in
Offline, Server, Interactive and SingleStream, a `mlperf_log_summary.txt` of the real
layout and length for each with its tokens lines and latency limits, a compliance run
(TEST07) and accuracy folders beside them, and the round's `summary_results.json` index
listing every result), and a training repository of `--training-systems` systems (5
benchmarks, 10 runs each, every log with the `:::MLLOG` lines of a real BERT run: about
50 KB). Inference v6.0 has about 520 results, v3.1 about 2,000; training v3.1 about 150
systems. Goal: importing it takes seconds, not minutes.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, os.path.dirname(__file__))

import quick  # noqa: E402

from scale import CHIPCMP, median  # noqa: E402

_SERVER = ("Completed samples per second    : {value}\nCompleted tokens per second: {tokens}\n"
           "Scheduled samples per second : {value}")
# folder -> (the summary's scenario, its result lines)
SCENARIOS = {"Offline": ("Offline", "Samples per second: {value}\nTokens per second: {tokens}"),
             "Server": ("Server", _SERVER),
             "Interactive": ("Server", _SERVER),
             "SingleStream": ("SingleStream", "90.0th percentile latency (ns) : {ns}\n"
                                              " * Early stopping 90.0th percentile estimate: "
                                              "{ns}")}
BENCHMARKS = ("resnet50", "llama2-70b-99", "gpt-oss-120b", "deepseek-r1")
TRAINING_BENCHMARKS = ("resnet", "bert", "ssd", "maskrcnn", "unet3d")

SUMMARY = """================================================
MLPerf Results Summary
================================================
SUT name : LWIS_Server
Scenario : {scenario}
Mode     : PerformanceOnly
{line}
Result is : VALID
  Min duration satisfied : Yes
  Min queries satisfied : Yes

================================================
Additional Stats
================================================
Min latency (ns)                : 515177038
Max latency (ns)                : 781881456198
Mean latency (ns)               : 390777143303
50.00 percentile latency (ns)   : 390704595246
90.00 percentile latency (ns)   : 703745866595
99.00 percentile latency (ns)   : 774272925773

================================================
Test Parameters Used
================================================
samples_per_query : 24288000
target_qps : 36800
ttft_latency (ns): 2000000000
tpot_latency (ns): 200000000
min_duration (ms): 600000
qsl_rng_seed : 7322528924094909334
performance_sample_count : 2048

No errors encountered during test.
"""


def _system(submitter: str, division: str, n: int) -> str:
    return json.dumps({"submitter": submitter, "division": division, "status": "available",
                       "system_name": f"{submitter} box {n}", "number_of_nodes": "1",
                       "accelerators_per_node": str(1 + n % 8),
                       "accelerator_model_name": f"{submitter} X{n % 5}"}, indent=4)


def inference_round(root: Path, systems: int, rng: random.Random) -> int:
    repo = root / "inference_results_v9.1"
    files = 0
    index = []
    for n in range(systems):
        submitter = f"Sub{n % 50}"
        base = repo / "closed" / submitter
        (base / "systems").mkdir(parents=True, exist_ok=True)
        (base / "systems" / f"sys{n}.json").write_text(_system(submitter, "closed", n))
        for bench in BENCHMARKS:
            for scenario, (said, line) in SCENARIOS.items():
                folder = base / "results" / f"sys{n}" / bench / scenario
                (folder / "accuracy").mkdir(parents=True)
                (folder / "accuracy" / "accuracy.txt").write_text("accuracy=76.0\n")
                value = round(rng.uniform(100, 50000), 1)
                text = SUMMARY.format(scenario=said, line=line.format(
                    value=value, tokens=round(value * 280, 1), ns=rng.randint(10**5, 10**8)))
                for run in ("performance/run_1", "TEST07/performance/run_1"):
                    (folder / run).mkdir(parents=True)
                    (folder / run / "mlperf_log_summary.txt").write_text(text)
                index.append({"ID": f"9.1-{len(index):04d}", "Category": "closed",
                              "Location": f"./closed/{submitter}/results/sys{n}/{bench}/"
                                          f"{scenario}/performance/run_1",
                              "Performance_Result": value, "Performance_Units": "Samples/s",
                              "weight_data_types": "fp8", "inferred": 0})
                files += 3
        files += 1
    (repo / "summary_results.json").write_text(json.dumps(index, indent=1))
    return files + 1


def _training_log(rng: random.Random) -> str:
    start = 1_621_400_000_000 + rng.randint(0, 10**6)
    lines = [{"key": "cache_clear", "time_ms": start - 30_000, "event_type": "POINT_IN_TIME",
              "value": True}]
    lines += [{"key": "init_start", "time_ms": start - 29_000 + i, "event_type":
               "INTERVAL_START", "value": None, "metadata": {"file": "run.py", "lineno": 996}}
              for i in range(8)]
    lines.append({"key": "run_start", "time_ms": start, "event_type": "INTERVAL_START"})
    minutes = rng.uniform(10, 30)
    for epoch in range(1, 40):
        lines.append({"key": "eval_accuracy", "time_ms": start + epoch * 20_000,
                      "event_type": "POINT_IN_TIME", "value": 0.3 + epoch / 100,
                      "metadata": {"file": "run.py", "lineno": 1441, "epoch_num": epoch}})
    lines.append({"key": "run_stop", "time_ms": start + int(minutes * 60_000),
                  "event_type": "INTERVAL_END", "metadata": {"status": "success"}})
    noise = "".join(f"step {i}: loss {rng.random():.6f} throughput {rng.random() * 1e4:.1f}\n"
                    for i in range(600))
    return noise + "".join(f"{i % 8}: :::MLLOG {json.dumps(line)}\n"
                           for i, line in enumerate(lines))


def training_round(root: Path, systems: int, rng: random.Random) -> int:
    repo = root / "training_results_v9.1"
    files = 0
    for n in range(systems):
        submitter = f"Sub{n % 20}"
        (repo / submitter / "systems").mkdir(parents=True, exist_ok=True)
        (repo / submitter / "systems" / f"sys{n}.json").write_text(
            _system(submitter, "closed", n))
        for bench in TRAINING_BENCHMARKS:
            folder = repo / submitter / "results" / f"sys{n}" / bench
            folder.mkdir(parents=True)
            for run in range(10):
                (folder / f"result_{run}.txt").write_text(_training_log(rng))
                files += 1
        files += 1
    return files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--systems", type=int, default=2000)
    parser.add_argument("--training-systems", type=int, default=120)
    parser.add_argument("--runs", type=int, default=3)
    args = quick.parse(parser, systems=6, training_systems=2, runs=1)
    rng = random.Random(25)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        began = time.perf_counter()
        files = inference_round(root, args.systems, rng)
        files += training_round(root, args.training_systems, rng)
        size = sum(p.stat().st_size for p in root.rglob("*") if p.is_file())
        print(f"generated {files:,} files, {size / 1e6:,.0f} MB in "
              f"{time.perf_counter() - began:.1f} s: {args.systems:,} inference systems, "
              f"{args.training_systems:,} training systems")
        out = root / "measured.yaml"
        command = [CHIPCMP, "import", "mlperf", str(root / "inference_results_v9.1"),
                   str(root / "training_results_v9.1"), "--output", str(out)]
        seconds, _ = median(command, args.runs)
        results = out.read_text(encoding="utf-8").count("\n- id: ")
        print(f"chipcmp import mlperf, median of {args.runs}: {seconds:.2f} s for "
              f"{results:,} results ({files / seconds:,.0f} files/s)")
    print("\ngoal: seconds, not minutes")


if __name__ == "__main__":
    main()
