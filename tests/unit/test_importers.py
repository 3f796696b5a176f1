from pathlib import Path

import pytest

from conftest import DATA, EXTERNAL
from chipcmp.catalog import load as catalog
from chipcmp.read import importers

DATASETS = DATA / "datasets"


def load_imported(result, tmp_path, name):
    path = tmp_path / name
    path.write_text(importers.to_yaml(result, "x", Path(name)), encoding="utf-8")
    return catalog.check([path])


def by_id(result, product_id):
    return next(p for p in result.catalog["products"] if p["id"] == product_id)


def test_laics_rows_are_imported_or_reported_with_their_line(tmp_path):
    result = importers.import_file("laics", DATASETS / "laics_small.csv")
    # Every row is kept: Gaudi2 without a compute figure, Mythic's figure as analog.
    assert (result.rows, result.imported_rows) == (8, 8)
    reported = {(p.line, p.code, str(p.severity)) for p in result.problems}
    assert reported == {(8, "no-figure", "warning"), (9, "analog-compute", "warning"),
                        (10, "no-precision", "warning"), (11, "unreadable-cell", "warning")}
    assert by_id(result, "laics-habana-gaudi2-card")["power"][0]["value"] == "650 W"
    assert "compute" not in by_id(result, "laics-habana-gaudi2-card")
    assert by_id(result, "laics-mythic-m1076-chip")["compute"][0]["precision"] == "analog"
    loaded, problems = load_imported(result, tmp_path, "laics.yaml")
    assert [p for p in problems if str(p.severity) == "error"] == []


def test_laics_groups_precisions_and_keeps_power_kind_and_scope():
    result = importers.import_file("laics", DATASETS / "laics_small.csv")
    t4 = by_id(result, "laics-nvidia-t4-card")
    assert [(c["precision"], c["peak"]) for c in t4["compute"]] == [("int8", "131 TOPS"),
                                                                   ("fp16.32", "65 TFLOPS")]
    assert t4["power"] == [{"kind": "max", "scope": "card", "value": "150 W",
                            "source": t4["compute"][0]["source"],
                            "note": "LAICS peak power of the form factor"}]
    t10 = by_id(result, "laics-enflame-cloudblazer-t10-card")
    assert t10["compute"][0]["peak"] == "8e-11 TFLOPS"  # as given: the slip is kept, visible
    assert "spans three lines" in t10["note"]
    assert result.catalog["sources"][t10["compute"][0]["source"]]["url"] == \
        "https://example.com/t10"
    mystery = by_id(result, "laics-acme-mystery-chip")
    assert mystery["compute"][0]["precision"] == "unspecified"
    assert mystery["compute"][0]["source"] == "laics-2023"  # no reference: the dataset


def test_ids_are_stable_across_runs():
    first = importers.import_file("laics", DATASETS / "laics_small.csv")
    second = importers.import_file("laics", DATASETS / "laics_small.csv")
    assert [p["id"] for p in first.catalog["products"]] == \
        [p["id"] for p in second.catalog["products"]]
    assert importers.to_yaml(first, "laics", Path("f.csv")) == \
        importers.to_yaml(second, "laics", Path("f.csv"))


def test_epoch_import(tmp_path):
    result = importers.import_file("epoch", DATASETS / "epoch_small.csv")
    assert (result.rows, result.imported_rows) == (5, 5)
    assert {(p.line, p.code) for p in result.problems} == {
        (6, "unreadable-cell"), (7, "no-figures"), (8, "duplicate-name")}
    a100 = by_id(result, "epoch-nvidia-a100-sxm4-40-gb")
    # Epoch's tensor column is one matrix figure for fp16 or bf16, unsaid which
    assert ("fp16/bf16", "matrix", "312 TFLOPS") in [
        (c["precision"], c.get("unit"), c["peak"]) for c in a100["compute"]]
    assert a100["power"][0]["kind"] == "tdp" and a100["price"]["value"] == "15000 USD"
    assert a100["memory"]["bandwidth"] == "1555 GB/s"
    assert a100["milestones"][0]["date"] == "2020-05-14"
    assert by_id(result, "epoch-odd-accelerator-2")
    loaded, problems = load_imported(result, tmp_path, "epoch.yaml")
    assert [p for p in problems if str(p.severity) == "error"] == []


def test_a_file_that_is_not_the_dataset_is_unreadable_with_a_located_reason(tmp_path):
    def unreadable(dataset, path):
        result = importers.import_file(dataset, path)
        assert result.unreadable and result.imported_rows == 0
        return [(p.line, p.col, p.code) for p in result.problems]

    assert unreadable("laics", DATASETS / "epoch_small.csv") == [(1, 1, "not-the-dataset")]
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    assert unreadable("epoch", empty) == [(1, 1, "empty-file")]
    assert unreadable("epoch", tmp_path / "missing.csv") == [(1, 1, "read-error")]
    assert unreadable("epoch", tmp_path) == [(1, 1, "not-a-file")]
    latin = tmp_path / "latin.csv"
    latin.write_bytes(b"Hardware name\ncaf\xe9\n")
    assert unreadable("epoch", latin) == [(2, 4, "not-utf8")]


def test_another_edition_lacking_a_column_imports_and_says_which(tmp_path):
    """An edition without a column the importer reads (not one that makes the dataset
    what it is) imports, its cells empty, with one warning naming the column."""
    import csv

    rows = list(csv.reader((DATASETS / "epoch_small.csv").open(encoding="utf-8")))
    keep = [i for i, column in enumerate(rows[0])
            if column not in ("INT8 performance (OP/s)", "Notes")]
    older = tmp_path / "older.csv"
    with older.open("w", newline="", encoding="utf-8") as file:
        csv.writer(file).writerows([[row[i] for i in keep] for row in rows])
    result = importers.import_file("epoch", older)
    assert not result.unreadable and result.imported_rows == 5
    lacking = [p for p in result.problems if p.code == "missing-column"]
    assert [(p.line, p.col, str(p.severity)) for p in lacking] == [(1, 1, "warning")]
    assert "Notes, INT8 performance (OP/s)" in lacking[0].message
    a100 = by_id(result, "epoch-nvidia-a100-sxm4-40-gb")
    assert "int8" not in {c["precision"] for c in a100["compute"]}

    figureless = tmp_path / "figureless.csv"
    figureless.write_text("Hardware name,Manufacturer,TDP (W)\nX1,Acme,10\n")
    result = importers.import_file("epoch", figureless)
    assert result.unreadable
    assert "one of (Tensor-FP16/BF16 performance (FLOP/s)," in result.problems[0].message


@pytest.mark.parametrize("dataset, file", [("laics", "laics_2023.csv"),
                                           ("epoch", "epoch_ml_hardware.csv")])
def test_real_files_every_row_accounted_and_clean(tmp_path, dataset, file):
    result = importers.import_file(dataset, EXTERNAL / file)
    not_imported = {p.line for p in result.problems if str(p.severity) == "error"}
    assert result.imported_rows + len(not_imported) == result.rows
    loaded, problems = load_imported(result, tmp_path, f"{dataset}.yaml")
    assert [p for p in problems if str(p.severity) == "error"] == []
    assert len(loaded.products) == len(result.catalog["products"])


# ---------------------------------------------------------------- reading the notes
def _figures(result, product_id):
    return by_id(result, product_id)["compute"]


def test_laics_notes_make_estimates_approximate_and_no_peak_not_a_peak():
    result = importers.import_file("laics", DATASETS / "laics_reading.csv")
    assert result.errors == 0 and result.imported_rows == 4
    estimator = _figures(result, "laics-acme-estimator-system")[0]
    assert estimator["bound"] == "approx" and "measure" not in estimator
    runner = _figures(result, "laics-acme-runner-chip")[0]
    assert runner["measure"] == "delivered" and "no peak" in runner["inferred"]["note"]
    assert _figures(result, "laics-acme-sparser-card")[0]["sparse"] is True
    plain = _figures(result, "laics-acme-plain-card")[0]
    assert "sparse" not in plain and plain.get("bound", "exact") == "exact"
    assert {p.code for p in result.problems} == {"note-read"}


def test_a_figure_that_is_not_a_peak_is_shown_but_never_ranked(tmp_path):
    result = importers.import_file("laics", DATASETS / "laics_reading.csv")
    loaded, problems = load_imported(result, tmp_path, "laics.yaml")
    from chipcmp.figures import select
    from conftest import request
    from chipcmp.figures.flags import attach
    from chipcmp.catalog.assemble import build

    view = attach(build(loaded))
    runner = select.compute(view, view.get("laics-acme-runner-chip"), request("int8"))
    assert runner.code == "not-peak" and "never ranked" in runner.detail


@pytest.mark.parametrize("product, unit", [("epoch-acme-v1", "vector"), ("epoch-acme-w2", "vector"),
                                           ("epoch-acme-m3", "matrix"), ("epoch-acme-e4", "matrix"),
                                           ("epoch-acme-u5", None)])
def test_epochs_fp16_column_gets_the_unit_its_row_shows(product, unit):
    result = importers.import_file("epoch", DATASETS / "epoch_reading.csv")
    fp16 = next(f for f in _figures(result, product) if f["precision"] == "fp16")
    assert fp16.get("unit") == unit
    assert ("unit" in fp16.get("inferred", {})) == (unit is not None)


def test_epoch_notes_on_sparsity():
    result = importers.import_file("epoch", DATASETS / "epoch_reading.csv")
    assert _figures(result, "epoch-acme-s6")[0]["sparse"] is True
    assert "sparse" not in _figures(result, "epoch-acme-d7")[0]  # "... to dense matrices"
    assert all("sparse" not in f for f in _figures(result, "epoch-acme-v1"))  # "without"


def test_epoch_segments_from_product_lines_and_power():
    result = importers.import_file("epoch", DATASETS / "epoch_small.csv")
    segments = {p["id"]: p["segment"] for p in result.catalog["products"]}
    assert "unspecified" not in segments.values()
    from chipcmp.read.importers.epoch import _segment

    assert _segment("NVIDIA GeForce RTX 4090") == _segment("NVIDIA RTX A6000") == \
        _segment("NVIDIA Quadro RTX 8000") == "desktop"
    assert _segment("NVIDIA H100 PCIe") == _segment("Google TPU v5p") == "datacenter"


def test_an_import_writes_no_source_that_nothing_cites(tmp_path, cli):
    bad = tmp_path / "bad.csv"
    bad.write_text("\ufeffCompany,Product,Label,PeakPerformance,Precision,Power,Technology,"
                   "IorT,FormFactor,PlotLocation,Hide,PlotLocationZ,HideZ,Updated,Notes,"
                   "ReferenceURL,Reference\nAcme,Bad,Acme,notanumber,int8,xx,dataflow,"
                   "inference,Chip,,,,,,,https://example.com/r,r\n", encoding="utf-8")
    out = tmp_path / "bad.yaml"
    assert cli("import", "laics", bad, "-o", out).exit_code == 1
    assert cli("validate", "--strict", out).exit_code == 0   # no unused-source warning
    assert "sources: {}" in out.read_text(encoding="utf-8")


def test_the_registry_names_each_importer_by_its_own_key():
    assert list(importers.REGISTRY) == list(importers.IMPORTERS)
    assert all(key == importer.key for key, importer in importers.IMPORTERS.items())
