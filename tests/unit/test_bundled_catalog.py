"""The curated catalog itself: clean, sourced, and quoting its documents verbatim."""

from typing import Any, Iterator

import pytest
import yaml

from conftest import SEEDS
from chipcmp.read import bundled
from chipcmp.catalog import load as catalog
from chipcmp.analyses.sheet import sheet

RAW = yaml.safe_load(bundled.catalog_path().read_text(encoding="utf-8"))
LOADED = catalog.load(None)


def sourced_items(node: Any, path: tuple = ()) -> Iterator[tuple[tuple, dict]]:
    """Every mapping that carries a source (figures, parts, claims, products)."""
    if isinstance(node, dict):
        if "source" in node:
            yield path, node
        for key, value in node.items():
            yield from sourced_items(value, path + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from sourced_items(value, path + (index,))


FIGURE_KEYS = {"peak", "value", "capacity", "bandwidth", "channels", "score", "frame_rate",
               "count", "ratio", "saving"}


def test_every_number_has_a_source():
    def numbers_without_source(node: Any, path: tuple = (), sourced: bool = False):
        if isinstance(node, dict):
            here = sourced or "source" in node
            for key, value in node.items():
                if key in FIGURE_KEYS and not here and not (key == "count" and value is None):
                    yield path + (key,)
                yield from numbers_without_source(value, path + (key,), here)
        elif isinstance(node, list):
            for index, value in enumerate(node):
                yield from numbers_without_source(value, path + (index,), sourced)

    unsourced = [p for p in numbers_without_source(RAW["products"] + RAW["claims"])
                 # a part without source states only that the system holds that product
                 if p[-1] != "count"]
    assert unsourced == []


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed documents (../shared/seeds) are absent")
def test_every_quote_is_verbatim_in_its_document():
    documents = {}
    missing = []
    for path, item in sourced_items(RAW):
        source = RAW["sources"][item["source"]]
        if "document" not in source:
            continue
        name = source["document"]
        if name not in documents:
            documents[name] = (SEEDS / name).read_text(encoding="utf-8")
        assert "quote" in item, path
        if item["quote"] not in documents[name]:
            missing.append((path, item["quote"]))
    assert missing == []


def test_sources_name_documents_that_exist_when_seeds_present():
    names = {s["document"] for s in RAW["sources"].values() if "document" in s}
    assert len(names) == 5
    if SEEDS.is_dir():
        assert names <= {p.name for p in SEEDS.iterdir()}


def test_every_source_is_used():
    used = {item["source"] for _, item in sourced_items(RAW)}
    assert set(RAW["sources"]) - used == set()


def test_products_the_issue_names_are_present():
    required = {"vastai-sv102", "vastai-va1", "cambricon-7nm-auto-2021", "tesla-fsd-chip",
                "tesla-hw3", "rockchip-rv1106", "rockchip-rv1103", "rockchip-rk3568",
                "rockchip-rv1126", "graphcore-ipu-m2000", "oppo-marisilicon-x", "enflame-t21",
                "yitu-questcore", "biren-first-gpu", "samsung-exynos-2200",
                "qualcomm-snapdragon-888", "huawei-kirin-9000", "nvidia-jetson-agx-xavier",
                "nvidia-rtx-2080-ti", "brainscales-2", "nvidia-t4", "nvidia-a100",
                "nvidia-dgx-a100"}
    assert required <= set(LOADED.products)


def test_bounds_follow_the_wording():
    cambricon = LOADED.products["cambricon-7nm-auto-2021"].compute[0]
    assert (cambricon.peak.value, cambricon.bound, cambricon.precision) == (200, "min",
                                                                            "unspecified")
    rv1106 = LOADED.products["rockchip-rv1106"].compute[0]
    assert (rv1106.peak.value, rv1106.bound) == (0.5, "max")


def test_baseline_figures_keep_dense_and_sparse_apart():
    a100 = LOADED.products["nvidia-a100"]
    int8 = {f.sparse: f.peak.value for f in a100.compute if f.precision == "int8"}
    assert int8 == {False: 624, True: 1248}
    assert all(f.sparse for f in LOADED.products["nvidia-dgx-a100"].compute)
    t4 = LOADED.products["nvidia-t4"]
    assert (t4.power[0].value.value, t4.power[0].scope) == (70, "card")


def test_baselines_cite_datasheets_by_url():
    for product_id in ("nvidia-t4", "nvidia-a100", "nvidia-dgx-a100"):
        product = LOADED.products[product_id]
        for figure in [*product.compute, *product.power]:
            source = LOADED.sources[figure.source]
            assert source.kind == "datasheet" and source.url.startswith("https://")


def test_a_figure_changed_without_its_quote_is_an_error_without_the_documents(tmp_path, cli):
    text = bundled.catalog_path().read_text(encoding="utf-8")
    edited = text.replace("{precision: int8, peak: 200 TOPS, scope: chip, source: "
                          "qbitai-vastai-d000",
                          "{precision: int8, peak: 300 TOPS, scope: chip, source: "
                          "qbitai-vastai-d000")
    assert edited != text
    path = tmp_path / "chips.yaml"
    path.write_text(edited, encoding="utf-8")
    loaded, problems = catalog.check([path])
    from chipcmp.analyses import rules

    found = [p for p in rules.lint(loaded) if p.code == "number-not-in-quote"]
    assert len(found) == 1 and "peak 300" in found[0].message
    assert cli("validate", path).exit_code == 1


@pytest.mark.parametrize("make", ["missing", "empty", "lacking"])
def test_documents_that_cannot_check_the_quotes_are_an_error_exit_2(tmp_path, make, cli):
    folder = tmp_path / "docs"
    if make != "missing":
        folder.mkdir()
    if make == "lacking":
        (folder / "other.txt").write_text("x")
    validated = cli("validate", "--documents", folder)
    assert validated.exit_code == 2
    assert "no quote could be checked" in validated.stderr or make == "lacking"


COVERAGE = {  # issue 14's list: each in the catalog, or in a left-out comment with reason
    "VA1 decoding up to 8K": "分辨率支持高达8K",
    "Cambricon against Tesla HW3": "200TOPS什么概念？",
    "Find X5 platforms": "骁龙8Gen1, 天玑9000",
    "DTU 2.0 as T20/T21's part": "id: enflame-dtu-2",
    "Snapdragon 898 with Kryo 780 and Adreno 730": "Kryo 780",
    "Biren against NVIDIA's next GPU": "性能将与 NVIDIA 的下一代 GPU 相媲美",
    "Yitu's TPU cost": "per: TPU core",
    "RNNPool on the STM32F439": "RNNPool-Face-M4",
    "super-resolution on the iPhone 7": "6.39ms",
    "Deci's 11.8x": "11.8倍",
}


@pytest.mark.parametrize("item", list(COVERAGE))
def test_every_item_of_the_coverage_list_is_here(item):
    assert COVERAGE[item] in bundled.catalog_path().read_text(encoding="utf-8")


def test_inferred_attributes_are_recorded_and_shown():
    from chipcmp.output import answers as reports
    from conftest import view_of

    dgx = LOADED.products["nvidia-dgx-a100"].compute[0]
    assert "8 x 624" in dgx.inferred["sparse"]
    result = reports.show_result(sheet(view_of(), view_of().get("nvidia-dgx-a100"), []))
    assert any(r["inferred"] and "precision" in r["inferred"] for r in result.records)
    va1 = reports.show_result(sheet(view_of(), view_of().get("vastai-va1"), []))
    assert any(r["what"] == "contains" and "count" in (r["inferred"] or {})
               for r in va1.records)
