"""Reading MLPerf results repositories: each result by MLPerf's rules, every run and file
used or reported with its place (small trees in each round's layout, and the real slice
of five repositories when ../shared/external is present)."""

import json
from pathlib import Path

import pytest

from conftest import EXTERNAL, REAL_EXTERNAL
from chipcmp.model.precision import FORMATS
from chipcmp.read import mlperf

SLICE = EXTERNAL / "mlperf"
SYSTEM = {"submitter": "Acme", "division": "closed", "status": "available",
          "system_name": "Acme Box", "number_of_nodes": "2", "accelerators_per_node": "4",
          "accelerator_model_name": "Acme X1"}


def _log(start_ms, minutes, status="success", prefix=""):
    lines = [{"key": "run_start", "time_ms": start_ms, "event_type": "INTERVAL_START"},
             {"key": "run_stop", "time_ms": start_ms + minutes * 60_000,
              "metadata": {"status": status}}]
    return "".join(f"{prefix}:::MLLOG {json.dumps(line)}\n" for line in lines)


def training_tree(root: Path, runs) -> Path:
    repo = root / "training_results_v9.0"
    (repo / "Acme" / "systems").mkdir(parents=True)
    (repo / "Acme" / "systems" / "box.json").write_text(json.dumps(SYSTEM))
    bench = repo / "Acme" / "results" / "box" / "resnet"
    bench.mkdir(parents=True)
    for n, (minutes, status) in enumerate(runs):
        (bench / f"result_{n}.txt").write_text("noise line\n" + _log(1000, minutes, status,
                                                                       " 0: "))
    return repo


def test_a_benchmark_with_fewer_runs_than_the_rules_require_has_no_result(tmp_path):
    """ResNet-50 needs five runs (mlperf_logging's result file counts)."""
    reading = mlperf.read([training_tree(tmp_path, [(30, "success"), (10, "success"),
                                                    (20, "success")])])
    assert reading.results == []
    assert [p.code for p in reading.problems] == ["no-result"]
    assert "resnet needs 5" in reading.problems[0].message


def test_a_scaling_factor_multiplies_the_score_and_unet3d_drops_four(tmp_path):
    from chipcmp.read.mlperf_training import olympic

    repo = training_tree(tmp_path, [(30, "success"), (10, "success"), (20, "success"),
                                    (40, "success"), (25, "success")])
    bench = repo / "Acme" / "results" / "box" / "resnet"
    (bench / "scaling.json").write_text('{"scaling_factor": 1.1}')
    [result] = mlperf.read([repo]).results
    assert result.value == pytest.approx(25 * 1.1)
    assert any(f.endswith("scaling.json") for f in result.files)
    (bench / "scaling.json").write_text('{"scaling_factor": "much"}')
    reading = mlperf.read([repo])
    assert reading.results == [] and [p.code for p in reading.problems] == ["bad-scaling"]
    times = [float(t) for t in range(1, 41)]
    assert olympic(times, "unet3d") == pytest.approx(sum(range(5, 37)) / 32)
    assert olympic([None] * 5 + times[5:], "unet3d") is None      # five did not converge
    # one did not converge: it is one of the four slowest dropped
    assert olympic([None] + times[1:], "unet3d") == pytest.approx(sum(range(6, 38)) / 32)


def test_time_to_train_drops_the_fastest_and_slowest_and_averages_the_rest(tmp_path):
    repo = training_tree(tmp_path, [(30, "success"), (10, "success"), (20, "success"),
                                    (40, "success"), (25, "success")])
    reading = mlperf.read([repo])
    [result] = reading.results
    assert (result.benchmark, result.scenario, result.unit) == ("resnet50", "training", "min")
    assert result.value == pytest.approx(25)  # (20 + 25 + 30) / 3
    assert result.system.accelerators == 8 and result.per_accelerator == pytest.approx(200)
    assert reading.problems == []


def test_a_failed_run_counts_as_the_slowest_and_two_make_no_result(tmp_path):
    one = training_tree(tmp_path / "a", [(30, "success"), (10, "success"), (20, "aborted"),
                                         (40, "success"), (25, "success")])
    reading = mlperf.read([one])
    assert reading.results[0].value == pytest.approx((25 + 30 + 40) / 3)
    assert [p.code for p in reading.problems] == ["failed-run"]
    two = training_tree(tmp_path / "b", [(30, "aborted"), (10, "success"), (20, "aborted"),
                                         (40, "success"), (25, "success")])
    reading = mlperf.read([two])
    assert reading.results == []
    assert sorted(p.code for p in reading.problems) == ["failed-run", "failed-run",
                                                        "no-result"]


def inference_tree(root: Path) -> Path:
    repo = root / "inference_results_v0.5"
    sub = repo / "closed" / "Acme"
    (sub / "systems").mkdir(parents=True)
    (sub / "systems" / "box.json").write_text(json.dumps(SYSTEM))
    base = sub / "results" / "box" / "resnet"
    files = {
        "Offline/performance/run_1": "Scenario : Offline\nSamples per second: 1000.5\n"
                                     "Result is : VALID\n",
        "Server/performance/run_1": "Scenario : Server\nScheduled samples per second : 900\n"
                                    "Result is : VALID\n",
        "Server/performance/run_2": "Scenario : Server\nScheduled samples per second : 800\n"
                                    "Result is : VALID\n",
        "Server/performance/run_3": "Scenario : Server\nScheduled samples per second : 5\n"
                                    "Result is : INVALID\n",
        "SingleStream/performance": "Scenario : Single Stream\n"
                                    "90th percentile latency (ns) : 2500000\n"
                                    "Result is : VALID\n",
    }
    for folder, text in files.items():
        (base / folder).mkdir(parents=True)
        (base / folder / "mlperf_log_summary.txt").write_text(text)
    return repo


def test_inference_scenarios_by_mlperfs_rules_and_the_v05_spellings(tmp_path):
    reading = mlperf.read([inference_tree(tmp_path)])
    by_scenario = {m.scenario: m for m in reading.results}
    assert by_scenario["offline"].value == 1000.5 and by_scenario["offline"].unit == "samples/s"
    assert by_scenario["server"].value == 800  # the least favourable VALID run
    assert by_scenario["singlestream"].value == 2.5 and by_scenario["singlestream"].unit == "ms"
    assert {m.benchmark for m in reading.results} == {"resnet50"}
    assert [p.code for p in reading.problems] == ["invalid-run"]
    assert by_scenario["server"].system.round == "inference v0.5"


def test_a_missing_system_description_and_a_folder_that_is_not_a_repository(tmp_path):
    repo = inference_tree(tmp_path)
    (repo / "closed" / "Acme" / "systems" / "box.json").unlink()
    reading = mlperf.read([repo, tmp_path / "elsewhere"])
    assert reading.results == []
    assert sorted(p.code for p in reading.problems) == ["not-the-dataset", "read-error"]


def test_the_real_slice_gives_the_values_read_by_hand():
    reading = mlperf.read(sorted(p for p in SLICE.iterdir() if p.is_dir()))
    found = {(m.system.round, m.system.id, m.benchmark, m.scenario): m.value
             for m in reading.results}
    assert found[("training v1.0", "ipu-pod16-TF1", "resnet50", "training")] == \
        pytest.approx(37.115, abs=5e-4)
    assert found[("inference v0.5", "alibaba_HanGuang", "resnet50", "offline")] == 69306.6
    pod64 = found[("training v1.0", "ipu-pod64-POPART-closed", "bert", "training")]
    dgx = found[("training v1.0", "dgxa100_ngc21.05_pytorch", "bert", "training")]
    assert dgx / pod64 == pytest.approx(1.96, abs=0.005)
    pod64 = found[("training v1.1", "ipu-pod64-POPART-closed", "bert", "training")]
    dgx = found[("training v1.1", "dgxa100_ngc21.09_pytorch", "bert", "training")]
    assert dgx / pod64 == pytest.approx(1.89, abs=0.005)
    assert not [p for p in reading.problems if str(p.severity) == "error"]


from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=300), st.binary(max_size=300), st.binary(max_size=300),
       st.one_of(st.binary(max_size=200), st.builds(
           lambda v: json.dumps({"weight_data_types": v}).encode(),
           st.one_of(st.text(max_size=20), st.integers(), st.none()))))
def test_damaged_files_are_reported_never_a_crash(tmp_path_factory, system, log, summary,
                                                  numerics):
    root = tmp_path_factory.mktemp("damaged")
    training = training_tree(root, [(30, "success"), (10, "success"), (20, "success")])
    (training / "Acme" / "systems" / "box.json").write_bytes(system)
    (training / "Acme" / "results" / "box" / "resnet" / "result_0.txt").write_bytes(log)
    inference = inference_tree(root)
    summary_path = next((inference / "closed").rglob("mlperf_log_summary.txt"))
    summary_path.write_bytes(summary)
    where = inference / "closed" / "Acme" / "measurements" / "box" / "resnet" / "Offline"
    where.mkdir(parents=True)
    (where / "box.json").write_bytes(numerics)
    reading = mlperf.read([training, inference])
    assert all(p.line >= 1 and p.col >= 1 and p.code for p in reading.problems)
    for result in reading.results:
        assert result.value >= 0 and result.files
        assert result.precision is None or result.precision in FORMATS


def test_import_writes_a_catalog_of_measured_results_that_validates(tmp_path, cli):
    repos = [training_tree(tmp_path / "t", [(30, "success"), (10, "success"),
                                             (20, "success"), (15, "success"),
                                             (25, "success")]),
             inference_tree(tmp_path / "i")]
    out = tmp_path / "measured.yaml"
    imported = cli("import", "mlperf", *repos, "-o", out)
    assert imported.exit_code == 0
    assert "4 results" in imported.stderr
    assert cli("validate", out).exit_code == 0
    listed = cli("results", "--catalog", "@bundled", "--catalog", out,
                 "--scenario", "offline", "--format", "json")
    assert listed.exit_code == 0
    [row] = json.loads(listed.stdout)
    assert {k: row[k] for k in ("round", "benchmark", "scenario", "value", "unit",
                                "accelerators", "per_accelerator", "valid")} == {
        "round": "inference v0.5", "benchmark": "resnet50", "scenario": "offline",
        "value": 1000.5, "unit": "samples/s", "accelerators": 8,
        "per_accelerator": pytest.approx(1000.5 / 8), "valid": True}


def test_import_of_a_folder_that_is_not_a_repository_exits_2(tmp_path, cli):
    imported = cli("import", "mlperf", tmp_path)
    assert imported.exit_code == 2
    assert "not-the-dataset" in imported.stderr
    assert cli("import", "laics", tmp_path, tmp_path).exit_code == 2


def test_results_of_the_real_slice_by_mlperfs_rules(tmp_path, cli):
    out = tmp_path / "measured.yaml"
    assert cli("import", "mlperf", *sorted(p for p in SLICE.iterdir() if p.is_dir()),
               "-o", out).exit_code == 0
    listed = cli("results", "--catalog", "@bundled", "--catalog", out, "--format", "json")
    assert listed.exit_code == 0
    rows = json.loads(listed.stdout)
    found = {(r["round"], r["system"], r["benchmark"], r["scenario"]): r["value"]
             for r in rows}
    assert found[("training v1.0", "ipu-pod16-TF1", "resnet50", "training")] == \
        pytest.approx(37.115, abs=5e-4)
    assert found[("inference v0.5", "alibaba_HanGuang", "resnet50", "offline")] == 69306.6
    assert len(rows) == len({r["id"] for r in rows}) > (400 if REAL_EXTERNAL else 5)


@pytest.mark.parametrize("written, product", [
    ("NVIDIA Tesla T4", "nvidia-t4"), ("Nvidia T4", "nvidia-t4"),
    ("NVIDIA A100-SXM4-40GB", "nvidia-a100"), ("NVIDIA A100-SXM-40GB (400W)", "nvidia-a100"),
    ("Graphcore IPU GC200", "graphcore-gc200"),
    ("NVIDIA A100-SXM4-80GB (400W)", None),     # the bundled A100 is the 40 GB one
    ("NVIDIA A100-SXM-80GB (1x1g.10gb MIG)", None),  # a slice of a GPU is not one
    ("NVIDIA GRID T4-16Q", None),               # a virtual GPU profile, another name
])
def test_a_submissions_accelerator_is_the_one_product_its_name_fits(written, product):
    import chipcmp
    from chipcmp.catalog.matching import product_named

    match = product_named(chipcmp.load("@curated").view, written)
    assert (match.entry.id if match.entry else None) == product
    assert match.entry is not None or match.why


def test_results_name_the_product_or_say_why_not(tmp_path, cli):
    repo = inference_tree(tmp_path)  # accelerator "Acme X1": no such product
    out = tmp_path / "measured.yaml"
    assert cli("import", "mlperf", repo, "-o", out).exit_code == 0
    listed = cli("results", "--catalog", "@bundled", "--catalog", out, "--format", "json")
    assert listed.exit_code == 0
    rows = json.loads(listed.stdout)
    assert {(r["product"], r["product_unmatched_because"]) for r in rows} == {
        (None, "no product of the loaded catalogs has this name")}


NAMES = """
sources:
  doc: {title: Doc, url: https://example.com/doc}
products:
  - {id: hailo-8, name: Hailo-8, vendor: Hailo, kind: chip, segment: edge}
  - {id: agx-xavier, name: Jetson AGX Xavier, vendor: NVIDIA, kind: module, segment: edge}
  - {id: goya, name: Goya HL-1000, vendor: Habana, kind: chip, segment: datacenter}
  - {id: tpu-v3, name: TPU v3, vendor: Google, kind: chip, segment: datacenter}
"""


@pytest.mark.parametrize("written, product, why", [
    ("Hailo8", "hailo-8", ""),                     # the vendor glued to the model
    ("NVIDIA AGX Xavier", "agx-xavier", ""),        # Jetson is a product line
    ("Goya", None, "products whose names contain it (not taken as it): goya"),
    ("tpu-v3.8", None, "a Cloud TPU slice named by its cores"),
    ("NVIDIA Xavier", None, "products whose names contain it"),
])
def test_submission_names_as_submitters_write_them(tmp_path, written, product, why):
    from conftest import view_of
    from chipcmp.catalog.matching import product_named

    path = tmp_path / "names.yaml"
    path.write_text(NAMES, encoding="utf-8")
    match = product_named(view_of([path]), written)
    assert (match.entry.id if match.entry else None) == product
    assert why in match.why


def test_the_precision_a_submission_states_in_its_measurements(tmp_path):
    repo = inference_tree(tmp_path)
    where = repo / "closed" / "Acme" / "measurements" / "box" / "resnet"
    for scenario, text in (("Offline", '{"weight_data_types": "INT8", "input_data_types": '
                                       '"int8"}'),
                           ("Server", '{"weight_data_types": "int8, fp32"}'),
                           ("SingleStream", "{not json")):
        (where / scenario).mkdir(parents=True)
        (where / scenario / "box.json").write_text(text)
    reading = mlperf.read([repo])
    by_scenario = {m.scenario: m for m in reading.results}
    assert by_scenario["offline"].precision == "int8"
    assert by_scenario["offline"].files[-1].endswith("measurements/box/resnet/Offline/box.json")
    assert by_scenario["server"].precision is None          # two formats: not one precision
    assert by_scenario["singlestream"].precision is None
    assert sorted(p.code for p in reading.problems) == ["bad-measurements", "invalid-run"]


def test_a_folder_holding_rounds_stands_for_them(tmp_path):
    inference_tree(tmp_path)
    training_tree(tmp_path, [(30, "success"), (10, "success"), (20, "success"),
                             (15, "success"), (25, "success")])
    reading = mlperf.read([tmp_path])
    assert {m.system.round for m in reading.results} == {"inference v0.5", "training v9.0"}
    assert [p.code for p in reading.problems] == ["invalid-run"]   # the tree's own


# ------------------------------------------------------- values that are not measurements
@pytest.mark.parametrize("written, reason", [
    ("nan", "NaN"), ("inf", "infinite"), ("-inf", "infinite"), ("0", "zero or negative"),
    ("-5", "zero or negative"), ("1e308", "outside"), ("1e10", "outside"),
])
def test_a_summary_value_that_is_no_measurement_is_reported_where_it_is(tmp_path, written,
                                                                        reason):
    repo = inference_tree(tmp_path)
    offline = next(repo.rglob("Offline/performance/run_1/mlperf_log_summary.txt"))
    offline.write_text(f"Scenario : Offline\nSamples per second: {written}\n"
                       "Result is : VALID\n")
    reading = mlperf.read([repo])
    assert "offline" not in {m.scenario for m in reading.results}
    (problem,) = [p for p in reading.problems if p.code == "not-a-measurement"]
    assert (problem.path, problem.line, problem.col) == (str(offline), 2, 21)
    assert reason in problem.message and str(problem.severity) == "error"


def test_a_run_whose_times_are_no_measurement_is_reported(tmp_path):
    repo = training_tree(tmp_path, [(30, "success"), (10, "success"), (20, "success")])
    log = repo / "Acme" / "results" / "box" / "resnet" / "result_1.txt"
    log.write_text(":::MLLOG " + json.dumps({"key": "run_start", "time_ms": 0}) + "\n"
                   ":::MLLOG {\"key\": \"run_stop\", \"time_ms\": Infinity, "
                   "\"metadata\": {\"status\": \"success\"}}\n")
    reading = mlperf.read([repo])
    assert reading.results == []
    (problem,) = [p for p in reading.problems if p.code == "not-a-measurement"]
    assert (problem.path, problem.line) == (str(log), 2)


@pytest.mark.parametrize("per_node", ["nan", "inf", "1e308", "-4", "2.5", 1e300, -1])
def test_an_accelerator_count_that_is_no_count_is_reported(tmp_path, per_node):
    repo = training_tree(tmp_path, [(30, "success"), (10, "success"), (20, "success")])
    system = repo / "Acme" / "systems" / "box.json"
    system.write_text(json.dumps({**SYSTEM, "accelerators_per_node": per_node}, indent=1))
    reading = mlperf.read([repo])
    assert reading.results == []
    (problem,) = [p for p in reading.problems if p.code == "bad-system"]
    assert problem.path == str(system) and problem.line == 7  # the key's line
    assert "not a count of accelerators" in problem.message


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(st.one_of(st.floats(), st.integers(min_value=-10**30, max_value=10**30).map(str),
                 st.sampled_from(["nan", "NaN", "inf", "-0", "0.0", "1e-320", "1e309",
                                  "0x10", "1_000", "١٢٣"])))
def test_any_summary_value_gives_a_measurement_or_a_located_error(tmp_path_factory, value):
    repo = inference_tree(tmp_path_factory.mktemp("values"))
    offline = next(repo.rglob("Offline/performance/run_1/mlperf_log_summary.txt"))
    offline.write_text(f"Scenario : Offline\nSamples per second: {value}\nResult is : VALID\n")
    reading = mlperf.read([repo])
    from chipcmp.model import limits

    for result in reading.results:
        assert limits.measured_problem(result.value, result.unit) is None
    if not any(m.scenario == "offline" for m in reading.results):
        assert any(p.path == str(offline) and p.line == 2 for p in reading.problems)


def test_a_name_that_is_not_utf8_is_reported_readably(tmp_path, cli):
    import os

    repo = inference_tree(tmp_path)
    os.mkdir(os.fsencode(repo / "closed") + b"/Caf\xe9")
    reading = mlperf.read([repo])
    (problem,) = [p for p in reading.problems if p.code == "bad-file-name"]
    assert problem.path.endswith("closed/Caf\\xe9") and "not valid UTF-8" in problem.message
    assert {m.scenario for m in reading.results} == {"offline", "server", "singlestream"}
    imported = cli("import", "mlperf", repo)
    assert imported.exit_code == 1
    assert "Caf\\xe9:1:1: error bad-file-name" in imported.stderr


@pytest.mark.parametrize("stated, read", [("40GB", "40 GB"), ("80 GB", "80 GB"),
                                          ("16 GiB", "16 GB"), ("1.5 TB", "1.5 TB"),
                                          ("", ""), (None, ""), ("N/A", ""),
                                          ("2x 40GB", "")])
def test_an_accelerators_stated_memory_is_read_as_one_size(stated, read):
    from chipcmp.read.mlperf import _memory

    assert _memory(stated) == read
