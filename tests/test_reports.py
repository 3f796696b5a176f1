import pytest

from conftest import DATA
from chipcmp import catalog, metrics, reports
from chipcmp.metrics import Options
from chipcmp.problems import UsageError

CATALOG = catalog.load([DATA / "valid" / "ranking.yaml"])


def test_rank_records_give_unranked_an_empty_value_and_no_rank():
    ranking = metrics.rank(CATALOG, metrics.get_metric("tops-per-watt"), Options())
    columns, records = reports.rank_records(ranking)
    assert columns[:7] == ["rank", "id", "name", "vendor", "kind", "segment",
                           "tops_per_watt_int8"]
    zeta = next(r for r in records if r["id"] == "zeta-nopower")
    assert zeta["rank"] is None and zeta["tops_per_watt_int8"] is None
    assert zeta["not_ranked_because"] == "no chip power"


def test_rank_table_header_names_unit_precision_and_left_out():
    ranking = metrics.rank(CATALOG, metrics.get_metric("tops-per-watt"), Options())
    table = reports.rank_table(ranking)
    assert table.title.startswith("tops-per-watt (TOPS/W, int8, dense figures)")
    assert "without a figure" in table.title
    assert any(note.startswith("not ranked (no figure):") for note in table.notes)


def test_export_columns_are_stable_and_unit_named():
    columns, records = reports.export_records(CATALOG)
    assert columns[:5] == ["id", "name", "vendor", "kind", "segment"]
    assert columns[5:7] == ["peak_int8_tops", "peak_int8_tops_bound"]
    assert columns[-9:] == ["power_w", "power_w_bound", "power_kind", "power_scope",
                            "tops_per_watt_int8", "tops_per_watt_int8_bound", "process_nm",
                            "price_usd", "sources"]
    alpha = next(r for r in records if r["id"] == "alpha")
    assert (alpha["peak_int8_tops"], alpha["power_w"], alpha["process_nm"]) == (200, 75, 7)
    assert alpha["tops_per_watt_int8"] == pytest.approx(200 / 75)
    board = next(r for r in records if r["id"] == "epsilon-board")
    assert board["peak_int8_tops"] is None  # export shows the catalog's own figures only
    delta = next(r for r in records if r["id"] == "delta-sparse")
    assert delta["peak_int8_tops"] is None  # sparse never appears as a dense column


def test_show_lists_figures_sources_and_claims():
    bundled = catalog.load(None)
    view = reports.show(bundled, "vastai-va1")
    whats = [row[0] for row in view.figures.rows]
    assert "power tdp" in whats and "contains" in whats
    assert [c.id for c in view.claims] == ["va1-resnet50-vs-t4"]
    assert view.record["sources"]["qbitai-vastai-d000"]["document"].startswith("000_")


def test_show_unknown_id_suggests():
    with pytest.raises(UsageError, match="did you mean"):
        reports.show(CATALOG, "alpah")


def test_compare_ratios_against_the_first():
    columns, records, table = reports.compare(CATALOG, ["alpha", "beta", "zeta-nopower"],
                                              Options())
    beta = records[1]
    assert beta["peak_int8_tops_vs_first"] == pytest.approx(130 / 200)
    assert beta["tops_per_watt_int8_vs_first"] == pytest.approx((130 / 70) / (200 / 75))
    zeta = records[2]
    assert zeta["power_w"] is None and "no chip power" in zeta["notes"]
    assert zeta["peak_int8_tops_vs_first_bound"] == "min"
    with pytest.raises(UsageError):
        reports.compare(CATALOG, ["alpha"], Options())


def test_show_gives_source_titles_urls_and_separate_memory_bounds():
    view = reports.show(catalog.load(None), "nvidia-t4")
    source = next(row for row in view.sources.rows if row[0] == "nvidia-t4-datasheet")
    assert source[2].startswith("NVIDIA T4") and source[3].startswith("https://www.nvidia.com")
    memory = next(row for row in view.figures.rows if row[0] == "memory")
    assert memory[1] == "16 GB, >= 320 GB/s GDDR6"
