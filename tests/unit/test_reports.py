import pytest

from conftest import DATA, request, view_of
from chipcmp.analyses import metrics
from chipcmp.output import answers as reports
from chipcmp.model.problems import UsageError
from chipcmp.analyses.sheet import sheet
from chipcmp.analyses.export import export
from chipcmp.analyses.compare import compare

VIEW = view_of([DATA / "valid" / "ranking.yaml"])
BUNDLED = view_of()


def ranking(view=VIEW, **kwargs):
    return metrics.rank(view, metrics.get_metric("tops-per-watt"), request(), **kwargs)


def test_rank_records_give_unranked_an_empty_value_and_no_rank():
    result = reports.rank_result(ranking())
    assert result.columns[:7] == ["rank", "id", "name", "vendor", "kind", "segment",
                                  "tops_per_watt_int8"]
    zeta = next(r for r in result.records if r["id"] == "zeta-nopower")
    assert zeta["rank"] is None and zeta["tops_per_watt_int8"] is None
    assert zeta["not_ranked_because"] == "no chip power"
    assert zeta["not_ranked_code"] == "no-power"


def test_top_limits_the_records_too():
    result = reports.rank_result(ranking(top=3), top=3)
    assert [r["rank"] for r in result.records] == [1, 1, 3]


def test_rank_table_header_names_unit_precision_what_was_taken_and_left_out():
    table = reports.rank_result(ranking()).blocks[0]
    assert table.title.startswith("tops-per-watt (TOPS/W, int8, dense, tensor figures first)")
    assert "without a figure" in table.title
    assert any(n.startswith("figures taken: ") for n in table.notes)
    assert any(note.startswith("not ranked: ") for note in table.notes)


def test_export_columns_are_stable_and_unit_named():
    result = reports.export_result(export(VIEW, request()))
    columns, records = result.columns, result.records
    assert columns[:5] == ["id", "name", "vendor", "kind", "segment"]
    assert columns[5:7] == ["peak_int8_tops", "peak_int8_tops_bound"]
    assert columns[7:9] == ["peak_unspecified_tops", "peak_unspecified_tops_bound"]
    assert columns[9:18] == ["power_w", "power_w_bound", "power_kind", "power_scope",
                             "tops_per_watt_int8", "tops_per_watt_int8_bound", "process_nm",
                             "price_usd", "sources"]
    alpha = next(r for r in records if r["id"] == "alpha")
    assert (alpha["peak_int8_tops"], alpha["power_w"], alpha["process_nm"]) == (200, 75, 7)
    assert alpha["tops_per_watt_int8"] == pytest.approx(200 / 75)
    board = next(r for r in records if r["id"] == "epsilon-board")
    # the peak columns follow the rank rule too: a board's figure from its parts, marked
    assert board["peak_int8_tops"] == 400 and board["peak_int8_tops_derived"] is True
    assert board["tops_per_watt_int8"] == pytest.approx(2.5)
    assert board["tops_per_watt_int8_derived"] is True
    delta = next(r for r in records if r["id"] == "delta-sparse")
    assert delta["peak_int8_tops"] is None  # sparse never appears as a dense column


def test_export_and_rank_leave_out_the_same_products_for_the_same_reasons():
    exported = reports.export_result(export(BUNDLED, request()))
    left_out = {r["id"] for r in exported.records if r["not_rated_because"]}
    ranked = ranking(BUNDLED)
    assert left_out == {r.entry.id for r in ranked.unranked}


def test_export_peak_columns_are_families_with_their_unit():
    records = reports.export_result(export(BUNDLED, request())).records
    t4 = next(r for r in records if r["id"] == "nvidia-t4")
    assert t4["peak_fp16_tflops"] == 65 and t4["peak_fp16_tflops_unit"] == "matrix"
    a100 = next(r for r in records if r["id"] == "nvidia-a100")
    assert a100["peak_fp64_tflops"] == 19.5  # the FP64 Tensor Core figure, matrix first


def test_show_lists_figures_sources_used_and_claims():
    from chipcmp.analyses import claims

    verdicts = claims.claims_naming(BUNDLED, "vastai-va1")
    result = reports.show_result(sheet(BUNDLED, BUNDLED.get("vastai-va1"), verdicts))
    whats = [r["what"] for r in result.records]
    assert "power tdp" in whats and "contains" in whats
    assert [r["id"] for r in result.document["claims"]] == ["va1-resnet50-vs-t4"]
    assert result.document["sources"]["qbitai-vastai-d000"]["document"].startswith("000_")
    power = next(r for r in result.records if r["what"] == "power tdp")
    assert power["used"] == "card power"


def test_show_unknown_id_suggests():
    with pytest.raises(UsageError, match="did you mean"):
        reports.show_result(sheet(VIEW, VIEW.get("alpah"), []))


def test_show_marks_the_figure_used_at_each_family():
    result = reports.show_result(sheet(BUNDLED, BUNDLED.get("nvidia-a100"), []))
    used = {(r["what"], r["value"], r["unit"]): r["used"] for r in result.records}
    assert used[("peak fp16", 312, "TFLOPS")] == "at fp16"
    assert used[("peak fp64", 19.5, "TFLOPS")] == "at fp64"
    assert used[("peak fp64", 9.7, "TFLOPS")] is None


def test_compare_ratios_against_the_first():
    result = reports.compare_result(compare(VIEW, ["alpha", "beta", "zeta-nopower"], request()))
    beta = result.records[1]
    assert beta["peak_int8_tops_vs_first"] == pytest.approx(130 / 200)
    assert beta["tops_per_watt_int8_vs_first"] == pytest.approx((130 / 70) / (200 / 75))
    zeta = result.records[2]
    assert zeta["power_w"] is None and "no chip power" in zeta["notes"]
    assert zeta["peak_int8_tops_vs_first_bound"] == "min"
    with pytest.raises(UsageError):
        reports.compare_result(compare(VIEW, ["alpha"], request()))


def test_compare_marks_other_scopes_and_refuses_a_product_against_itself():
    result = reports.compare_result(compare(VIEW, ["alpha", "beta"], request()))
    table = result.blocks[0]
    assert table.headers[:4] == ["id", "name", "kind", "scope"]
    assert result.records[1]["scope_differs"] is True
    assert "†" in table.rows[1][4] and any(n.startswith("†") for n in table.notes)
    with pytest.raises(UsageError, match="named twice"):
        reports.compare_result(compare(VIEW, ["alpha", "alpha"], request()))


def test_show_gives_source_titles_urls_and_separate_memory_bounds():
    result = reports.show_result(sheet(BUNDLED, BUNDLED.get("nvidia-t4"), []))
    sources = result.blocks[2]
    source = next(row for row in sources.rows if row[0] == "nvidia-t4-datasheet")
    assert source[2].startswith("NVIDIA T4") and source[3].startswith("https://www.nvidia.com")
    memory = {r["what"]: (r["value"], r["bound"]) for r in result.records}
    assert memory["memory"] == (16, "exact") and memory["bandwidth"] == (320, "min")
