"""The bundled catalog with the two public datasets imported beside it (the real files
from ../shared/external, else the small fixtures of tests/data/external): the questions
the figures must answer right."""

from collections import Counter

import pytest

from conftest import EXTERNAL, REAL_EXTERNAL, import_datasets, request, view_of
from chipcmp.analyses import field
from chipcmp.analyses import metrics
from chipcmp.output import answers as reports
from chipcmp.analyses.export import export
from chipcmp.analyses.compare import compare



@pytest.fixture(scope="module")
def paths(tmp_path_factory):
    return import_datasets(tmp_path_factory.mktemp("datasets"),
                           [("laics", EXTERNAL / "laics_2023.csv"),
                            ("epoch", EXTERNAL / "epoch_ml_hardware.csv")])


@pytest.fixture(scope="module")
def merged(paths):
    """As the CLI builds it: the bundled identity decisions applied."""
    from chipcmp.catalog import identity

    return view_of(paths, decisions=identity.load(["@bundled"]))


def test_a_record_against_itself_at_fp16_is_1x_matrix_against_matrix(merged):
    result = reports.compare_result(compare(merged, ["nvidia-a100", "epoch-nvidia-a100-sxm4-40-gb"],
                                    request("fp16")))
    first, second = result.records
    assert (first["peak_fp16_tflops"], second["peak_fp16_tflops"]) == (312, 312)
    assert second["peak_fp16_tflops_vs_first"] == 1
    assert "tensor" in first["basis"] and "tensor" in second["basis"]


def test_fp16_ranking_never_takes_a_vector_figure_over_a_matrix_one(merged):
    ranking = metrics.rank(merged, metrics.get_metric("tops"), request("fp16"))
    values = {r.entry.id: r.answer.value.value for r in ranking.ranked}
    # the datasheet catalog's H100 SXM5 (one product with Epoch's H100 SXM5 and GH100
    # rows, data/identity.yaml) gives 989.5: the datasheet's 1,979 with sparsity, halved
    assert values["nvidia-h100-sxm5-80gb"] == pytest.approx(989.5)
    assert values["nvidia-a100"] == 312
    for row in ranking.ranked:
        entry, figure = row.entry, row.answer.figure
        if figure is None:
            continue
        matrix = [s for s in entry.compute if s.figure.unit == "matrix" and not s.figure.sparse
                  and request("fp16").precision.matches(s.figure.precision)
                  and s.scope == entry.scope and s.key not in merged.flags]
        if matrix:
            assert figure.figure.unit == "matrix", entry.id


@pytest.mark.parametrize("which", ["bundled", "all three"])
def test_rank_plot_and_export_leave_out_the_same_counts_by_reason(paths, which):
    view = view_of(paths[:1] if which == "bundled" else paths)
    req = request()
    ranking = metrics.rank(view, metrics.get_metric("tops-per-watt"), req)
    the_field = field.build(view, req)
    exported = reports.export_result(export(view, req))
    exported = Counter(r["not_rated_code"] for r in exported.records if r["not_rated_code"])
    assert ranking.omission_counts() == the_field.left_out_counts == exported
    assert len(ranking.unranked) == len(the_field.left_out)


def test_graphcore_claims_get_a_verdict_under_each_reading_from_laics_gc200(merged):
    from chipcmp.analyses import claims

    result = claims.check_claims(merged, ["graphcore-efficientnet-b4-training"])[0]
    record = result.as_record()
    readings = {r["label"]: r for r in record["readings"]}
    one_gpu, one_dgx = readings["one A100 GPU"], readings["one DGX A100"]
    assert one_gpu["spec_ratio"] == pytest.approx(1000 / 312)
    assert one_gpu["implied_advantage"] == pytest.approx(18 / (1000 / 312))
    assert one_dgx["spec_ratio"] == pytest.approx(1000 / 2496)
    assert round(one_dgx["implied_advantage"]) == 45
    assert one_gpu["precision"] == one_dgx["precision"] == "bf16"
    assert "250 TFLOPS bf16 (laics-2023" in one_gpu["explanation"]


def test_max_power_ranks_only_products_at_or_under_it(merged):
    from chipcmp.figures import select as figures
    from chipcmp.analyses.filters import Filter

    where = Filter(max_power=10)
    ranking = metrics.rank(merged, metrics.get_metric("tops-per-watt"), request(), where=where)
    assert len(ranking.ranked) > (10 if REAL_EXTERNAL else 5)
    for row in ranking.ranked:
        assert figures.power(merged, row.entry).value.interval[1] <= 10, row.entry.id


def test_find_t4_lists_the_t4_from_every_catalog(merged):
    from chipcmp.catalog.search import find

    hit = next(h for h in find(merged, "t4") if h.entry.id == "nvidia-t4")
    assert [c.name for c in hit.entry.catalogs] == ["bundled", "laics-2023", "epoch-hardware"]


def test_edge_products_of_the_datasets_get_the_edge_segment(merged):
    from chipcmp.analyses.filters import Filter

    ranking = metrics.rank(merged, metrics.get_metric("tops-per-watt"), request(),
                           where=Filter(segment="edge"))
    assert len(ranking.ranked) > (20 if REAL_EXTERNAL else 5)
    assert "laics-perceive-ergo-chip" in {r.entry.id for r in ranking.ranked}


@pytest.mark.parametrize("dataset, csv_name, rows", [("laics", "laics_2023.csv", 135),
                                                      ("epoch", "epoch_ml_hardware.csv", 175)])
def test_the_real_datasets_import_every_row_with_no_error(dataset, csv_name, rows, cli,
                                                          tmp_path):
    import csv

    if not REAL_EXTERNAL:  # the fixture's rows
        with open(EXTERNAL / csv_name, encoding="utf-8-sig", newline="") as stream:
            rows = sum(1 for _ in csv.DictReader(stream))

    imported = cli("import", dataset, EXTERNAL / csv_name, "-o", tmp_path / "x.yaml")
    assert imported.exit_code == 0
    err = imported.stderr
    assert f"{rows} rows: {rows} imported" in err and "0 not imported" in err
    assert " error " not in err


@pytest.mark.parametrize("query, record", [("mythic", "laics-mythic-m1076-chip"),
                                           ("gaudi2", "laics-habana-gaudi2-card")])
def test_find_reaches_the_rows_that_cannot_be_ranked(paths, cli, query, record):
    args = [a for p in paths for a in ("--catalog", str(p))]
    found = cli("find", query, "--format", "json", *args)
    assert found.exit_code == 0
    assert record in found.stdout


def test_analog_figures_are_never_ranked_as_int8(merged):
    ranking = metrics.rank(merged, metrics.get_metric("tops"), request("int8"))
    assert not any("mythic" in row.entry.id for row in ranking.ranked)
    analog = metrics.rank(merged, metrics.get_metric("tops"), request("analog"))
    assert {row.entry.id for row in analog.ranked} >= {"laics-mythic-m1076-chip"}


# ------------------------------------------- the field's answers (issue 24's sweep)
@pytest.fixture(scope="module")
def field_catalog(paths):
    import chipcmp

    return chipcmp.load(*[str(p) for p in paths])


def _ranked(catalog, metric, precision, **filters):
    return {r["id"]: r for r in catalog.rank(metric, precision, **filters).records
            if r["rank"] is not None}


def test_dgx_h100_is_ranked_from_its_parts_and_its_sparse_figure_found(field_catalog):
    fp16 = _ranked(field_catalog, "tops", "fp16", kind="system")
    value = next(v for k, v in fp16["laics-nvidia-dgx-h100-system"].items()
                 if k.startswith("peak_"))
    assert value == pytest.approx(8 * 989.5)
    findings = field_catalog.crosscheck().records
    assert any(f["code"] == "parts-mismatch" and "laics-nvidia-dgx-h100-system" in f["products"]
               and "sparse" in f["message"] for f in findings)


def test_headlines_slips_and_no_peak_figures_are_not_ranked_as_peaks(field_catalog):
    ranked = set(_ranked(field_catalog, "tops", "fp16")) | \
        set(_ranked(field_catalog, "tops-per-watt", "int8"))
    for product in ("laics-tachyum-prodigy-chip", "laics-intel-arria-10-1150-chip",
                    "laics-cornami-cornami-chip", "laics-hailo-hailo-8-chip"):
        assert product not in ranked, product


def test_formats_a_product_lacks_give_no_figure(field_catalog):
    ascend = field_catalog.product("laics-huawei-hisilicon-ascend-910-chip")
    assert ascend.peak("fp16").value == 256
    for tpu in ("epoch-google-tpu-v4", "epoch-google-tpu-v5p", "epoch-google-tpu-v5e"):
        assert field_catalog.product(tpu).peak("fp16") is None, tpu
        assert field_catalog.product(tpu).peak("bf16") is not None, tpu
    for gpu in ("epoch-nvidia-tesla-t4", "epoch-nvidia-tesla-v100-sxm2-32-gb"):
        assert field_catalog.product(gpu).peak("bf16") is None, gpu


def test_one_row_a_product_across_the_datasets(field_catalog):
    for a, b in (("laics-google-tpu1-chip", "epoch-google-tpu-v1"),
                 ("laics-google-tpu4i-chip", "epoch-google-tpu-v4i"),
                 ("laics-alibaba-hanguang-800-card", "epoch-t-head-hanguang-800"),
                 ("laics-huawei-hisilicon-ascend-310-chip", "epoch-huawei-ascend-310"),
                 ("laics-huawei-hisilicon-ascend-910-chip", "epoch-huawei-ascend-910")):
        assert field_catalog.product(a).id == field_catalog.product(b).id, (a, b)


def test_the_datacenter_segment_keeps_the_field(field_catalog):
    kept = set(_ranked(field_catalog, "tops", "fp16", segment="datacenter")) | \
        set(_ranked(field_catalog, "tops", "bf16", segment="datacenter"))
    for product in ("epoch-nvidia-b200", "epoch-amd-instinct-mi300x", "epoch-nvidia-h100-pcie",
                    "epoch-intel-habana-gaudi3", "epoch-google-tpu-v5p"):
        assert field_catalog.product(product).id in kept, product


def test_crosscheck_finds_no_precision_order_from_a_tensor_figure_against_a_vector_one(
        field_catalog):
    assert not [f for f in field_catalog.crosscheck().records
                if f["code"] == "precision-order"]
