"""MLPerf Inference's recent rounds (v4.1 on) read by the submission checker's rules:
LLM results in tokens per second, Interactive named by its folder, compliance runs and
inferred scenarios not taken as results, latency limits kept, systems of mixed
accelerators reported; and the measured ranking built on them (small trees in v6.0's
layout, and the real v4.1 and v6.0 slices when ../shared/external is present)."""

import json
from pathlib import Path

import pytest

from conftest import REAL_EXTERNAL, SHARED
from chipcmp.read import mlperf
from chipcmp.read.mlperf_rules import headline, key_for

RECENT = SHARED / "external" / "mlperf"
SYSTEM = {"submitter": "Acme", "division": "closed", "status": "available",
          "system_name": "Acme Box", "number_of_nodes": "1", "accelerators_per_node": "8",
          "accelerator_model_name": "NVIDIA H100-SXM-80GB", "accelerator_memory_capacity":
          "80 GB"}


def summary(scenario, lines, limits=None):
    text = f"Scenario : {scenario}\nMode     : PerformanceOnly\n{lines}Result is : VALID\n"
    if limits:
        text += f"ttft_latency (ns): {limits[0]}\ntpot_latency (ns): {limits[1]}\n"
    return text


def recent_tree(root: Path, round_name="inference_results_v6.0", system=SYSTEM) -> Path:
    repo = root / round_name
    sub = repo / "closed" / "Acme"
    (sub / "systems").mkdir(parents=True)
    (sub / "systems" / "box.json").write_text(json.dumps(system))
    base = sub / "results" / "box"
    files = {
        "llama2-70b-99/Offline/performance/run_1":
            summary("Offline", "Samples per second: 80.5\nTokens per second: 24000.5\n"),
        # a compliance test's run: it checks the result, it is not one
        "llama2-70b-99/Offline/TEST07/performance/run_1":
            summary("Offline", "Samples per second: 1\nTokens per second: 99999\n"),
        "llama2-70b-99/Server/performance/run_1":
            summary("Server", "Completed samples per second : 70\n"
                              "Completed tokens per second: 20000\n"
                              "Scheduled samples per second : 72\n", (2000000000, 200000000)),
        "llama2-70b-99/Interactive/performance/run_1":
            summary("Server", "Completed samples per second : 40\n"
                              "Completed tokens per second: 12000\n", (450000000, 40000000)),
        "resnet50/Server/performance/run_1":
            summary("Server", "Completed samples per second : 5000\n"
                              "Scheduled samples per second : 5100\n"),
        "resnet50/SingleStream/performance/run_1":
            summary("SingleStream", "90.0th percentile latency (ns) : 900000\n"
                                    " * Early stopping 90.0th percentile estimate: 1000000\n"),
        # a MultiStream result inferred from a SingleStream run
        "resnet50/MultiStream/performance/run_1":
            summary("SingleStream", "90.0th percentile latency (ns) : 900000\n"),
    }
    for folder, text in files.items():
        (base / folder).mkdir(parents=True)
        (base / folder / "mlperf_log_summary.txt").write_text(text)
    return repo


def test_llm_results_are_tokens_per_second_by_the_checkers_fields(tmp_path):
    reading = mlperf.read([recent_tree(tmp_path)])
    found = {(m.benchmark, m.scenario): m for m in reading.results}
    assert found[("llama2-70b", "offline")].value == 24000.5
    assert found[("llama2-70b", "offline")].unit == "tokens/s"
    assert found[("llama2-70b", "server")].value == 20000        # completed, not scheduled
    assert found[("llama2-70b", "server")].latency_limits == (2000, 200)
    interactive = found[("llama2-70b", "interactive")]
    assert interactive.value == 12000 and interactive.latency_limits == (450, 40)
    assert found[("llama2-70b", "offline")].latency_limits is None
    assert found[("resnet50", "server")].value == 5000           # completed since v4.1
    assert found[("resnet50", "singlestream")].value == 1.0      # the early-stopping estimate
    assert ("resnet50", "multistream") not in found
    assert [p.code for p in reading.problems] == ["inferred-result"]
    assert all("TEST07" not in f for m in reading.results for f in m.files)


def test_older_rounds_keep_their_own_fields():
    assert key_for((4, 0), "llama2-70b-99", "server") == "result_completed_samples_per_sec"
    assert key_for((4, 0), "resnet50", "server") == "result_scheduled_samples_per_sec"
    assert key_for((1, 0), "resnet50", "singlestream") == "result_90.00_percentile_latency_ns"
    assert key_for((4, 1), "gptj-99", "offline") == "result_inferred_tokens_per_second"
    assert key_for((6, 0), "whisper", "offline") == "result_tokens_per_second"
    # a round newer than the tables is read by the newest; an LLM they do not name yet
    # is scored in tokens where its summary gives them
    assert key_for((7, 0), "llama2-70b-99", "interactive") == \
        "result_completed_tokens_per_second"
    assert key_for((6, 0), "new-llm", "offline", "Tokens per second: 5\n") == \
        "result_tokens_per_second"
    assert headline((6, 0), "resnet50", "offline", "")[1] == "samples/s"


def test_mixed_and_miscounted_systems_are_reported(tmp_path):
    mixed = dict(SYSTEM, accelerator_model_name="AMD Instinct MI300X (x8) and AMD Instinct "
                                                "MI325X (x8)", number_of_nodes="2")
    reading = mlperf.read([recent_tree(tmp_path, system=mixed)])
    assert reading.results == [] and "mixed-system" in [p.code for p in reading.problems]
    counted = dict(SYSTEM, accelerator_model_name="AMD Instinct MI355X (x87)",
                   number_of_nodes="11")
    reading = mlperf.read([recent_tree(tmp_path / "b", system=counted)])
    assert {m.system.accelerators for m in reading.results} == {88}   # MLPerf's count
    assert "accelerator-count" in [p.code for p in reading.problems]


def test_rank_by_a_benchmark_ranks_products_by_measured_tokens_per_accelerator(tmp_path, cli):
    out = tmp_path / "measured.yaml"
    assert cli("import", "mlperf", recent_tree(tmp_path), "-o", out).exit_code == 0
    ran = cli("rank", "--catalog", "@bundled", "--catalog", out, "--benchmark", "llama2-70b",
              "--format", "json")
    assert ran.exit_code == 0
    rows = [r for r in ran.json() if r["rank"]]
    assert [r["id"] for r in rows] == ["nvidia-h100-sxm5-80gb"]
    assert rows[0]["per_accelerator"] == pytest.approx(24000.5 / 8)
    assert "Acme box [inference v6.0 closed]" in rows[0]["basis"]
    server = cli("rank", "--catalog", "@bundled", "--catalog", out, "--benchmark",
                 "llama2-70b", "--scenario", "interactive", "--format", "json").json()
    assert [r["per_accelerator"] for r in server if r["rank"]] == [1500]
    assert cli("rank", "--scenario", "server").exit_code == 2
    assert cli("rank", "--benchmark", "llama2-70b", "--scenario", "nope").exit_code == 2


@pytest.mark.skipif(not REAL_EXTERNAL, reason="../shared/external is absent")
def test_the_real_recent_rounds(tmp_path, cli):
    reading = mlperf.read([RECENT / "inference_results_v6.0", RECENT / "inference_results_v4.1"])
    found = {(m.system.round, m.system.submitter, m.system.id, m.benchmark, m.scenario): m
             for m in reading.results}
    amd = found[("inference v6.0", "AMD", "8xMI355X_2xEPYC_9575F", "llama2-70b", "interactive")]
    assert amd.unit == "tokens/s" and amd.latency_limits == (450, 40)
    gb300 = found[("inference v6.0", "NVIDIA", "GB300-NVL72_GB300-288GB_aarch64x72_TRT",
                   "llama2-70b", "offline")]
    assert gb300.system.accelerators == 72 and gb300.value == pytest.approx(1126850, rel=1e-4)
    codes = {p.code for p in reading.problems}
    assert "mixed-system" in codes and "accelerator-count" in codes
    out = tmp_path / "recent.yaml"
    assert cli("import", "mlperf", RECENT / "inference_results_v6.0", "-o", out).exit_code == 0
    ranked = cli("rank", "--catalog", "@bundled", "--catalog", out, "--benchmark",
                 "llama2-70b", "--format", "json").json()
    by_id = {r["id"]: r for r in ranked if r["rank"]}
    # GB300 NVL72 counts its 72 GPUs: the result is of the GPU, not of the superchip
    assert by_id["nvidia-gb300-blackwell-ultra-gpu"]["per_accelerator"] == \
        pytest.approx(1126850 / 72, rel=1e-4)
    assert "nvidia-gb300" not in by_id


@pytest.mark.skipif(not REAL_EXTERNAL, reason="../shared/external is absent")
def test_the_real_training_v5_rounds():
    """Training v5.x by the result summarizer's rules: olympic average of ten Llama 2 70B
    LoRA runs times the review committee's scaling factor; three Llama 3.1 405B runs."""
    from chipcmp.read.mlperf_training import olympic

    root = RECENT / "training_results_v5.1"
    reading = mlperf.read([root])
    found = {(m.system.id, m.benchmark): m for m in reading.results}
    amd = found[("MI355X_EPYC_9575F_pytorch", "llama2_70b_lora")]
    bench = root / "AMD" / "results" / "MI355X_EPYC_9575F_pytorch" / "llama2_70b_lora"
    factor = json.loads((bench / "scaling.json").read_text())["scaling_factor"]
    times = [mlperf._time_to_train(log, mlperf.ResultsReading())
             for log in sorted(bench.glob("result_*.txt"))]
    assert amd.runs == 10 and amd.value == pytest.approx(olympic(times, "llama2_70b_lora")
                                                         * factor)
    assert 9 < amd.value < 12             # AMD's MI355X trains the LoRA in about 10 minutes
    big = found[("hsg_ngpu5120_ngc25.09_nemo", "llama31_405b")]
    assert big.system.accelerators == 5120 and big.runs == 3


def test_the_rounds_index_is_a_cross_check_and_states_the_precision(tmp_path):
    """summary_results.json: where it disagrees with a log the log wins and it is
    reported; a result it lists with no log is not imported; its weight_data_types give
    the precision the repository's measurements files do not."""
    repo = recent_tree(tmp_path)
    base = "closed/Acme/results/box"
    rows = [
        {"ID": "6.0-0001", "Category": "closed", "Performance_Result": 24000.5,
         "Performance_Units": "Tokens/s", "weight_data_types": "fp4", "inferred": 1,
         "Location": f"./{base}/llama2-70b-99/Offline/performance/run_1"},
        {"ID": "6.0-0002", "Category": "closed", "Performance_Result": 19000,
         "Performance_Units": "Tokens/s", "weight_data_types": "MXFP4", "inferred": 0,
         "Location": f"./{base}/llama2-70b-99/Server/performance/run_1"},
        {"ID": "6.0-0003", "Category": "closed", "Performance_Result": 12000,
         "Performance_Units": "Samples/s", "weight_data_types": "fp8", "inferred": 0,
         "Location": f"./{base}/llama2-70b-99/Interactive/performance/run_1"},
        {"ID": "6.0-0004", "Category": "closed", "Performance_Result": 900,
         "Performance_Units": "Tokens/s", "weight_data_types": "fp4", "inferred": 1,
         "Location": f"./{base}/llama2-70b-99.9/Offline/performance/run_1"},
        {"ID": "6.0-0005", "Category": "open", "Location": "./open/x"},
    ]
    (repo / "summary_results.json").write_text(json.dumps(rows, indent=1))
    reading = mlperf.read([repo])
    found = {(m.benchmark, m.scenario): m for m in reading.results}
    offline = found[("llama2-70b", "offline")]
    assert offline.precision == "fp4"          # a log of its own: measured, whatever
    assert found[("llama2-70b", "server")].value == 20000        # the log wins
    assert found[("llama2-70b", "server")].precision == "fp4"    # MXFP4 computes at fp4
    problems = {(p.code, p.line > 1) for p in reading.problems}
    messages = " ".join(p.message for p in reading.problems)
    assert ("index-disagrees", True) in problems and "19000" in messages
    assert "in Samples/s; its log gives tokens/s" in messages
    assert "6.0-0004" in messages and "infers from another run" in messages
    assert ("llama2-70b-99.9", "offline") not in found
