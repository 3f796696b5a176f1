"""Corrections: sourced facts over what a dataset says, applied before the view is built,
validated like catalogs, shown by show."""

import chipcmp
from conftest import DATA
from chipcmp.catalog import corrections
from chipcmp.cli.app import main

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


def test_a_flag_and_a_sourced_figure_replace_a_wrong_one(capsys):
    npu = load().product("x-npu")
    assert npu.peak("fp16").value == 256 and npu.peak("fp16").source == "sheet"
    assert main(["show", "x-npu", "--catalog", DATASET, "--corrections", FILE]) == 0
    out = capsys.readouterr().out
    assert "corrections (sourced facts" in out and "flagged" in out


def test_without_corrections_the_dataset_is_taken_at_its_word():
    plain = chipcmp.load(DATASET)
    assert plain.product("x-npu").peak("fp16").value == 512
    assert plain.product("x-box").peak("fp16").value == 1600


def test_a_corrections_file_is_validated_with_located_problems(write, capsys):
    path = write("sources: {}\ncorrections:\n  - records: [a]\n    source: nope\n"
                 "    reason: r\n", "corr.yaml")
    assert main(["validate", str(path)]) == 1
    assert ":4:13: error unknown-source" in capsys.readouterr().out
    assert main(["validate", FILE]) == 0
    _, problems = corrections.check(["@bundled"])
    assert problems == []


def test_a_named_corrections_file_must_exist(capsys, tmp_path):
    assert main(["rank", "--corrections", str(tmp_path / "nope.yaml")]) == 2
    assert "nope.yaml:1:1: error read-error" in capsys.readouterr().err


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


def test_corrections_set_once_in_the_environment(monkeypatch, capsys):
    monkeypatch.setenv("CHIPCMP_CORRECTIONS", FILE)
    assert main(["rank", "--metric", "tops", "--precision", "fp16", "--catalog", DATASET,
                 "--format", "json"]) == 0
    assert '"x-npu"' in capsys.readouterr().out
    from chipcmp.read import settings

    assert settings.resolve().corrections == [FILE]
