"""An MLPerf Inference result's power, as MLPerf's power checker computes it: the mean of
the analyser's readings inside the run's power window, above 0 W; throughput per joule
for Offline, Server and Interactive, energy per query for SingleStream (a small tree, and
the real v4.1 power results when ../shared/external is present)."""

import json
from pathlib import Path

import pytest

from conftest import REAL_EXTERNAL, SHARED
from chipcmp.read import mlperf
from chipcmp.read.mlperf_power import energy, read_power

SYSTEM = {"submitter": "Acme", "division": "closed", "status": "available",
          "system_name": "Acme Box", "number_of_nodes": "1", "accelerators_per_node": "8",
          "accelerator_model_name": "NVIDIA H200-SXM-141GB", "accelerator_memory_capacity":
          "141 GB"}


def _mllog(key, value):
    return ":::MLLOG " + json.dumps({"key": key, "value": value, "time_ms": 1.0}) + "\n"


def _readings(*pairs):
    return "".join(f"Time,{at},Watts,{watts},Volts,230.0,Amps,1.0,PF,0.96,Mark,x\n"
                   for at, watts in pairs)


def powered_tree(root: Path) -> Path:
    repo = root / "inference_results_v4.1"
    sub = repo / "closed" / "Acme"
    (sub / "systems").mkdir(parents=True)
    (sub / "systems" / "box.json").write_text(json.dumps(SYSTEM))
    scenario = sub / "results" / "box" / "llama2-70b-99" / "Offline" / "performance"
    (scenario / "power").mkdir(parents=True)
    (scenario / "power" / "server.json").write_text("{}")
    run = scenario / "run_1"
    run.mkdir()
    (run / "mlperf_log_summary.txt").write_text(
        "Scenario : Offline\nTokens per second: 30000\nResult is : VALID\n")
    (run / "mlperf_log_detail.txt").write_text(
        _mllog("power_begin", "07-17-2024 10:00:00.000")
        + _mllog("power_end", "07-17-2024 10:00:10.000") + _mllog("result_query_count", 1))
    (run / "spl.txt").write_text(_readings(
        ("07-17-2024 09:59:59.000", 9999.0),     # before the window: not averaged
        ("07-17-2024 10:00:01.000", 5000.0),
        ("07-17-2024 10:00:02.000", 7000.0),
        ("07-17-2024 10:00:03.000", -1.0),       # no reading: not averaged
        ("07-17-2024 10:00:10.000", 9999.0)))    # at the end: not inside
    return repo


def test_power_is_the_mean_of_the_readings_inside_the_window(tmp_path):
    reading = mlperf.read([powered_tree(tmp_path)])
    result, = reading.results
    assert result.power_w == 6000
    assert result.energy == (5.0, "tokens/J")               # 30,000 tokens/s over 6 kW
    assert not reading.problems


def test_energy_per_query_for_single_stream(tmp_path):
    run = powered_tree(tmp_path) / "closed" / "Acme" / "results" / "box" / "llama2-70b-99" / \
        "Offline" / "performance" / "run_1"
    power = read_power(run, [])
    assert power is not None and power.seconds == 10 and power.queries == 1
    assert energy(power, "singlestream", 2.0, "ms") == (6000 * 10 * 1000, "mJ/query")


def test_a_run_without_its_window_is_reported(tmp_path):
    repo = powered_tree(tmp_path)
    detail = next(repo.rglob("mlperf_log_detail.txt"))
    detail.write_text(_mllog("result_query_count", 1))
    reading = mlperf.read([repo])
    assert reading.results[0].power_w is None
    assert [p.code for p in reading.problems] == ["no-power-window"]


def test_rank_by_tokens_per_joule(tmp_path, cli):
    out = tmp_path / "powered.yaml"
    assert cli("import", "mlperf", powered_tree(tmp_path), "-o", out).exit_code == 0
    ran = cli("rank", "--catalog", "@bundled", "--catalog", out, "--metric",
              "tokens-per-joule", "--benchmark", "llama2-70b", "--format", "json")
    assert ran.exit_code == 0
    rows = [r for r in ran.json() if r["rank"]]
    assert [r["id"] for r in rows] == ["nvidia-h200-sxm-141gb"]
    assert rows[0]["per_joule"] == 5.0
    assert "6000 W" in rows[0]["basis"] and "wall" in rows[0]["basis"]
    results = cli("results", "--catalog", "@bundled", "--catalog", out, "--benchmark",
                  "llama2-70b", "--format", "json").json()
    assert results[0]["power_w"] == 6000 and results[0]["energy"] == {
        "value": 5.0, "unit": "tokens/J"}
    assert results[0]["latency_limits"] is None and results[0]["inferred"] is False
    shown = cli("show", "nvidia-h200-sxm-141gb", "--catalog", "@datasheets", "--catalog",
                out).stdout
    assert "5 tokens/J" in shown and "whole system at the wall" in shown


@pytest.mark.skipif(not REAL_EXTERNAL, reason="../shared/external is absent")
def test_the_real_v41_power_results():
    root = SHARED / "external" / "mlperf" / "inference_results_v4.1"
    reading = mlperf.read([root])
    powered = {(m.benchmark, m.scenario): m for m in reading.results
               if m.system.id == "H200-SXM-141GBx8_TRT_MaxQ" and m.power_w}
    offline = powered[("llama2-70b", "offline")]
    assert 3000 < offline.power_w < 10000                  # an 8-GPU system at the wall
    assert offline.energy[1] == "tokens/J"
    assert offline.energy[0] == pytest.approx(offline.value / offline.power_w)
    assert ("llama2-70b", "server") in powered


def test_training_energy_by_the_result_summarizer(tmp_path):
    """A training run's energy: readings x the time since the last one, from
    power_measurement_start to _stop, x the conversion efficiency, scaled to the run's
    time to train; the runs' energies averaged the olympic way in order of their times."""
    from chipcmp.read.mlperf_training import olympic_energy, run_energy

    bench = tmp_path / "llama2_70b_lora"
    (bench / "power" / "result_0").mkdir(parents=True)
    events = [("power_measurement_start", None, 0), ("conversion_eff", 0.5, 0),
              ("power_reading", 1000.0, 1000), ("power_reading", 3000.0, 2000),
              ("power_measurement_stop", None, 2000)]
    (bench / "power" / "result_0" / "node_0.txt").write_text("".join(
        ":::MLLOG " + json.dumps({"key": k, "value": v, "time_ms": t}) + "\n"
        for k, v, t in events))
    # (1000 W x 1 s + 3000 W x 1 s) x 0.5 over the 2 s window, scaled to a 4 s run
    assert run_energy(bench, "result_0", 4000, []) == pytest.approx(4000.0)
    assert run_energy(bench, "result_9", 4000, []) is None
    assert olympic_energy([3.0, 1.0, 2.0], [30.0, 10.0, 20.0], "x") == 20.0
    assert olympic_energy([3.0, None, 2.0], [30.0, None, 20.0], "x") == 30.0


@pytest.mark.skipif(not REAL_EXTERNAL, reason="../shared/external is absent")
def test_the_real_training_v50_energy():
    reading = mlperf.read([SHARED / "external" / "mlperf" / "training_results_v5.0"])
    lenovo, = [m for m in reading.results if m.system.submitter == "Lenovo"]
    kwh, unit = lenovo.energy
    assert unit == "kWh" and 1.0 < kwh < 3.0       # 8 B200s and their host for 11 minutes


@pytest.mark.parametrize("detail, spl", [
    (b"\xff\xfe not utf-8 :::MLLOG {", b"Time,garbage\nTime,07-17-2024 10:00:01.000,Watts,x\n"),
    (_mllog("power_begin", "soon").encode() + _mllog("power_end", 5).encode(), b""),
    (_mllog("power_begin", "07-17-2024 10:00:00.000").encode()
     + _mllog("power_end", "07-17-2024 09:00:00.000").encode(), _readings(
        ("07-17-2024 10:00:01.000", 5000.0)).encode()),
    (_mllog("result_query_count", "many").encode(), b"\x00" * 100),
])
def test_damaged_power_files_are_reported_never_a_crash(tmp_path, detail, spl):
    repo = powered_tree(tmp_path)
    run = next(repo.rglob("run_1"))
    (run / "mlperf_log_detail.txt").write_bytes(detail)
    (run / "spl.txt").write_bytes(spl)
    reading = mlperf.read([repo])
    result, = reading.results                 # the result stands, without its power
    assert result.power_w is None and result.energy is None
    assert reading.problems and all(p.line >= 1 for p in reading.problems)


@pytest.mark.parametrize("index", [b"{", b"[1, 2]", b'{"a": 1}', b"\xff" * 10,
                                   b'[{"Category": "closed", "Location": 5, "ID": null}]',
                                   b'[{"Category": "closed", "Location": "./x", '
                                   b'"Performance_Result": "NaN", "inferred": "yes"}]'])
def test_a_damaged_round_index_is_reported_never_a_crash(tmp_path, index):
    repo = powered_tree(tmp_path)
    (repo / "summary_results.json").write_bytes(index)
    reading = mlperf.read([repo])
    assert len(reading.results) == 1          # the logs are read whatever the index says
    assert all(p.line >= 1 and p.code for p in reading.problems)


def test_a_damaged_training_power_log_gives_no_energy(tmp_path):
    from chipcmp.read.mlperf_training import run_energy

    bench = tmp_path / "bench"
    (bench / "power" / "result_0").mkdir(parents=True)
    (bench / "power" / "result_0" / "node_0.txt").write_text(
        ':::MLLOG {"key": "power_reading", "value": "hot", "time_ms": 5}\n:::MLLOG [1]\n')
    problems = []
    assert run_energy(bench, "result_0", 1000, problems) is None
    assert [p.code for p in problems] == ["no-power-window"]


@pytest.mark.parametrize("value", ['"hot"', "Infinity", "NaN"])
def test_a_training_power_reading_that_is_not_watts_gives_no_energy(tmp_path, value):
    from chipcmp.read.mlperf_training import run_energy

    bench = tmp_path / "bench"
    (bench / "power" / "result_0").mkdir(parents=True)
    (bench / "power" / "result_0" / "node_0.txt").write_text(
        ':::MLLOG {"key": "power_measurement_start", "time_ms": 0}\n'
        f':::MLLOG {{"key": "power_reading", "value": {value}, "time_ms": 5}}\n'
        ':::MLLOG {"key": "power_measurement_stop", "time_ms": 10}\n')
    problems = []
    assert run_energy(bench, "result_0", 1000, problems) is None
    assert [p.code for p in problems] == ["bad-power-log"]


def test_an_infinite_query_count_gives_no_energy_per_query(tmp_path):
    repo = powered_tree(tmp_path)
    run = next(repo.rglob("run_1"))
    (run / "mlperf_log_detail.txt").write_text(
        _mllog("power_begin", "07-17-2024 10:00:00.000")
        + _mllog("power_end", "07-17-2024 10:00:10.000")
        + ':::MLLOG {"key": "result_query_count", "value": Infinity, "time_ms": 1}\n')
    power = read_power(run, [])
    assert power is not None and power.queries is None
    assert energy(power, "singlestream", 2.0, "ms") is None
