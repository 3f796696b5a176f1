"""Corrections: sourced facts over what a dataset says, applied before the view is built,
validated like catalogs, shown by show."""

import chipcmp
from conftest import DATA
from chipcmp.catalog import corrections

FOLDER = DATA / "corrections"
DATASET, FILE = str(FOLDER / "dataset.yaml"), str(FOLDER / "corrections.yaml")


def load():
    return chipcmp.load(DATASET, corrections=[FILE])


def test_a_composition_checks_a_systems_figure_against_its_parts():
    box = load().product("x-box")
    peak = box.peak("fp16")
    # 1600 is exactly twice 8 x 100: flagged as sparse posing as dense; the parts' sum
    assert (peak.value, peak.derived) == (800, True) and "8 x GPU" in peak.basis
    assert box.segment == "datacenter"


def test_formats_say_which_family_an_either_label_answers():
    tpu = load().product("x-tpu")
    assert tpu.peak("bf16").value == 200
    assert tpu.peak("fp16") is None  # the fp16/bf16 figure is bf16; fp16 is a lacked format
    gpu = load().product("x-gpu")
    assert gpu.peak("fp16").value == gpu.peak("bf16").value == 100  # no formats: either


def test_a_flag_and_a_sourced_figure_replace_a_wrong_one(cli):
    npu = load().product("x-npu")
    assert npu.peak("fp16").value == 256 and npu.peak("fp16").source == "sheet"
    shown = cli("show", "x-npu", "--catalog", DATASET, "--corrections", FILE)
    assert shown.exit_code == 0
    out = shown.stdout
    assert "corrections (sourced facts" in out and "flagged" in out


def test_without_corrections_the_dataset_is_taken_at_its_word():
    plain = chipcmp.load(DATASET)
    assert plain.product("x-npu").peak("fp16").value == 512
    assert plain.product("x-box").peak("fp16").value == 1600


def test_a_corrections_file_is_validated_with_located_problems(write, cli):
    path = write("sources: {}\ncorrections:\n  - records: [a]\n    source: nope\n"
                 "    reason: r\n", "corr.yaml")
    validated = cli("validate", path)
    assert validated.exit_code == 1
    assert ":4:13: error unknown-source" in validated.stdout
    assert cli("validate", "--together", DATASET, FILE).exit_code == 0
    _, problems = corrections.check(["@bundled"])
    assert problems == []


def test_a_correction_of_a_record_no_catalog_has_is_an_error(write, cli):
    """A typo would otherwise do nothing, silently: validate and every data command say
    where; a record of a dataset that is not loaded (laics-...) is not checked."""
    path = write("sources:\n  s: {title: S, url: https://example.com}\ncorrections:\n"
                 "  - records: [x-gpu, x-gpuu, laics-other]\n    segment: edge\n"
                 "    source: s\n    reason: r\n", "corr.yaml")
    validated = cli("validate", "--together", DATASET, path)
    assert validated.exit_code == 1
    out = validated.stdout
    assert f"{path}:4:22: error unknown-record" in out and "'x-gpuu'" in out
    assert "laics-other" not in out
    ranked = cli("rank", "--catalog", DATASET, "--corrections", path)
    assert ranked.exit_code == 1
    err = ranked.stderr
    assert f"{path}:4:22: error unknown-record" in err


def test_corrections_that_disagree_are_errors_at_both(write, cli):
    path = write("sources:\n  s: {title: S, url: https://example.com}\ncorrections:\n"
                 "  - records: [x-npu]\n    formats: [int8, fp16]\n"
                 "    compute: [{precision: int8, peak: 100 TOPS, source: s}]\n"
                 "    source: s\n    reason: r\n"
                 "  - records: [x-npu, x-gpu]\n    formats: [int8]\n"
                 "    compute: [{precision: int8, peak: 9000 TOPS, source: s}]\n"
                 "    source: s\n    reason: r\n"
                 "  - records: [x-npu]\n"
                 "    compute: [{precision: int8, peak: 102 TOPS, source: s}]\n"
                 "    source: s\n    reason: within rounding of the first\n", "corr.yaml")
    validated = cli("validate", "--together", DATASET, path)
    assert validated.exit_code == 1
    out = validated.stdout
    conflicts = [line for line in out.splitlines() if "correction-conflict" in line]
    assert f"{path}:5:14: error correction-conflict x-npu: corrections disagree on the " \
           f"formats (int8, fp16 against int8); the other is at {path}:10" in out
    assert any(line.startswith(f"{path}:10:14:") for line in conflicts)
    assert any(line.startswith(f"{path}:6:39:") and "100 TOPS against 9000 TOPS" in line
               for line in conflicts)
    assert any(line.startswith(f"{path}:11:39:") for line in conflicts)
    assert not any(":16:" in line for line in conflicts)   # 100 and 102 agree
    ranked = cli("rank", "--catalog", DATASET, "--corrections", path)
    assert ranked.exit_code == 1
    assert "correction-conflict" in ranked.stderr


def test_show_credits_a_corrected_figure_to_the_corrections_file(cli):
    ran = cli("show", "x-npu", "--catalog", DATASET, "--corrections", FILE, "--format", "json")
    assert ran.exit_code == 0
    shown = ran.stdout
    import json

    figures = json.loads(shown)["figures"]
    by_value = {f["value"]: f["catalog"] for f in figures if f["what"].startswith("peak")}
    assert by_value == {512: "survey-x", 256: "corrections corrections.yaml"}
    assert load().product("x-npu").peak("fp16").catalog == "corrections corrections.yaml"


def test_a_named_corrections_file_must_exist(cli, tmp_path):
    ranked = cli("rank", "--corrections", tmp_path / "nope.yaml")
    assert ranked.exit_code == 2
    assert "nope.yaml:1:1: error read-error" in ranked.stderr


def test_a_peak_below_what_the_product_delivers_is_flagged(write):
    path = write("sources:\n  s: {title: T, url: https://example.com}\nproducts:\n"
                 "  - id: p\n    name: P\n    vendor: V\n    kind: chip\n    segment: edge\n"
                 "    compute:\n"
                 "      - {precision: int8, peak: 10 TOPS, source: s}\n"
                 "      - {precision: int8, measure: delivered, peak: 26 TOPS, source: s}\n")
    catalog = chipcmp.load(str(path))
    assert catalog.product("p").peak("int8") is None  # the 10 TOPS peak is flagged
    findings = catalog.crosscheck().records
    assert [f["code"] for f in findings] == ["peak-below-delivered"]


def test_corrections_set_once_in_the_environment(monkeypatch, cli):
    monkeypatch.setenv("CHIPCMP_CORRECTIONS", FILE)
    ranked = cli("rank", "--metric", "tops", "--precision", "fp16", "--catalog", DATASET,
                 "--format", "json")
    assert ranked.exit_code == 0
    assert '"x-npu"' in ranked.stdout
    from chipcmp.read import settings

    assert settings.resolve().corrections == [FILE]


MEMORY_DATASET = """\
about: {name: survey-m, kind: dataset, title: A survey, url: https://example.com/m}
sources:
  m: {title: Survey M, kind: dataset, url: https://example.com/m}
products:
  - {id: m-fast, name: Fast, vendor: Acme, kind: card, segment: datacenter,
     memory: {capacity: 192 GB, bandwidth: 10300 GB/s, source: m}}
  - {id: m-plain, name: Plain, vendor: Acme, kind: card, segment: datacenter,
     memory: {capacity: 80 GB, bandwidth: 3350 GB/s, source: m}}
"""
MEMORY_FLAG = """\
sources:
  std: {title: A memory standard, kind: web, url: https://example.com/std}
corrections:
  - records: [m-fast]
    flag: [{memory: bandwidth, reason: "beyond what its memory allows"}]
    source: std
    reason: the standard caps the pin rate
"""


def test_a_memory_bandwidth_flag_keeps_the_figure_out_of_the_bandwidth_ranking(write, cli):
    """A correction may flag a record's memory bandwidth (or capacity) as it flags a
    precision: kept and shown, not ranked; the capacity beside it still ranks."""
    dataset, flags = write(MEMORY_DATASET, "m.yaml"), write(MEMORY_FLAG, "corr.yaml")
    ran = cli("rank", "--metric", "bandwidth", "--catalog", dataset, "--corrections", flags,
              "--format", "json")
    assert ran.exit_code == 0
    rows = {r["id"]: r for r in ran.json()}
    assert rows["m-plain"]["rank"] == 1
    assert rows["m-fast"]["not_ranked_code"] == "flagged"
    assert "beyond what its memory allows" in rows["m-fast"]["not_ranked_because"]
    memory = cli("rank", "--metric", "memory", "--catalog", dataset, "--corrections", flags,
                 "--format", "json")
    assert [r["id"] for r in memory.json() if r["rank"]] == ["m-fast", "m-plain"]
    asked = cli("rank", "--metric", "bandwidth", "--include-flagged", "--catalog", dataset,
                "--corrections", flags, "--format", "json")
    assert [r["id"] for r in asked.json() if r["rank"]][0] == "m-fast"
    shown = cli("show", "m-fast", "--catalog", dataset, "--corrections", flags)
    assert "flags memory bandwidth" in shown.stdout


def test_a_flag_names_a_precision_or_a_memory_figure_not_both(write, cli):
    bad = MEMORY_FLAG.replace("{memory: bandwidth,", "{memory: bandwidth, precision: fp16,")
    both = cli("validate", "--together", write(MEMORY_DATASET, "m.yaml"),
               write(bad, "corr.yaml"))
    assert both.exit_code == 1 and "error flag-target" in both.stdout
    neither = MEMORY_FLAG.replace("{memory: bandwidth,", "{")
    assert "error flag-target" in cli("validate", write(neither, "c2.yaml")).stdout


def test_the_bundled_bandwidth_screen_leaves_out_a_bandwidth_beyond_hbm3(cli):
    """Epoch's MI308X row gives 10.3 TB/s over an 8,192-bit HBM3 bus (10 Gb/s a pin, HBM3
    stops at 6.4); the pre-launch "MI300" row is the MI300A, whose AMD figure speaks."""
    ran = cli("rank", "--metric", "bandwidth", "--format", "json")
    rows = {r["id"]: r for r in ran.json()}
    assert rows["epoch-amd-radeon-instinct-mi308x"]["not_ranked_code"] == "flagged"
    assert "epoch-amd-radeon-instinct-mi300" not in rows
    assert rows["amd-instinct-mi300a"]["bandwidth_gb_s"] == 5300
