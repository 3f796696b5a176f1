"""The Python API: the same answers as the command line, figures as pint quantities, one
documented error type, and a cheap import."""

import json
import subprocess
import sys

import pytest

import chipcmp
from conftest import DATA
from chipcmp.cli.app import app


@pytest.fixture(scope="module")
def catalog():
    return chipcmp.load("@curated")


def test_the_public_names():
    assert set(chipcmp.__all__) >= {"load", "Catalog", "Product", "Figure", "Answer",
                                    "ChipcmpError"}
    for name in chipcmp.__all__:
        assert getattr(chipcmp, name) is not None


def test_importing_chipcmp_imports_nothing_heavy():
    code = ("import sys, chipcmp; heavy = [m for m in sys.modules if m.split('.')[0] in "
            "('pint', 'pandas', 'matplotlib', 'pydantic', 'yaml', 'typer', 'rich')]; "
            "print(heavy)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip() == "[]"


def test_every_figure_is_a_pint_quantity(catalog):
    import pint

    count = 0
    for product in catalog.products:
        for figure in product.figures:
            assert isinstance(figure.quantity, pint.Quantity), (product.id, figure)
            assert figure.quantity.magnitude == figure.value
            count += 1
    assert count > 50


def test_quantities_convert_as_users_expect(catalog):
    sv102 = catalog.product("vastai-sv102")
    peak, power = sv102.peak("int8"), sv102.power()
    assert peak.quantity.to("POPS").magnitude == pytest.approx(0.2)
    assert power.quantity.to("kW").magnitude == pytest.approx(0.075)
    assert (peak.quantity / power.quantity).to("TOPS/W").magnitude == pytest.approx(200 / 75)
    assert power.quantity.to("mW").magnitude == pytest.approx(75_000)
    assert power.quantity.to("MW").magnitude == pytest.approx(75e-6)  # mW is not MW
    assert (peak.bound, peak.precision, peak.scope, peak.source) == \
        ("exact", "int8", "chip", "qbitai-vastai-d000")
    assert peak.quote == "INT8峰值算力达到200TOPS" and peak.used == "at int8"


def test_figures_carry_execution_unit_and_inferred(catalog):
    t4 = catalog.product("nvidia-t4")
    peak = t4.peak("fp16")
    assert (peak.value, peak.precision, peak.execution_unit) == (65, "fp16.32", "matrix")
    assert "Tensor Core" in peak.inferred["unit"]
    assert t4.peak("fp64") is None


def test_the_cli_and_the_api_rank_alike(cli):
    catalog = chipcmp.load()  # both default to every bundled catalog
    for args, call in (
            (["rank", "--metric", "tops-per-watt"], lambda: catalog.rank("tops-per-watt")),
            (["rank", "--metric", "tops", "--precision", "fp16", "--segment", "datacenter"],
             lambda: catalog.rank("tops", "fp16", segment="datacenter")),
            (["compare", "vastai-va1", "nvidia-t4"],
             lambda: catalog.compare("vastai-va1", "nvidia-t4")),
            (["claims"], lambda: catalog.claims())):
        printed = cli(*args, "--format", "json").json()
        assert printed == json.loads(call().text("json")), args


def test_records_and_data_frames(catalog):
    ranking = catalog.rank("tops-per-watt", top=3, include_announced=True)
    assert [r["id"] for r in ranking] == ["vastai-sv102", "vastai-va1", "nvidia-t4"]
    assert [r["release"] for r in ranking] == ["announced", "announced", "released"]
    released = catalog.rank("tops-per-watt", top=1)
    assert [r["id"] for r in released] == ["nvidia-t4"]
    frame = ranking.to_pandas()
    assert list(frame.columns) == ranking.columns and len(frame) == 3


def test_products_by_id_or_name(catalog):
    assert catalog.product("T4").id == "nvidia-t4"
    assert catalog.product("Jetson AGX Xavier").id == "nvidia-jetson-agx-xavier"
    with pytest.raises(chipcmp.ChipcmpError, match="did you mean"):
        catalog.product("nvidia-t5x")
    assert {p.id for p in catalog.find("graphcore")} >= {"graphcore-ipu-m2000"}


def test_errors_are_one_type_carrying_located_problems(capsys):
    with pytest.raises(chipcmp.ChipcmpError) as caught:
        chipcmp.load(DATA / "invalid" / "several_problems.yaml")
    problems = caught.value.problems
    assert len(problems) > 1 and all(p.line >= 1 and p.col >= 1 for p in problems)
    with pytest.raises(chipcmp.ChipcmpError, match="unknown metric"):
        chipcmp.load().rank("flops")
    with pytest.raises(chipcmp.ChipcmpError, match="unknown option"):
        chipcmp.load().rank(segmant="edge")
    assert capsys.readouterr() == ("", "")  # nothing printed


def test_several_catalogs_merge_as_on_the_command_line():
    merged = chipcmp.load("@bundled", DATA / "merge" / "survey_a.yaml")
    assert "curated" in merged.catalogs or "bundled" in merged.catalogs
    assert merged.product("a-t9") is not None


def test_the_api_offers_every_command():
    """One route: each command of the command line is a call of the API (the Catalog's
    methods for the commands that read catalogs). `completion` prints a shell script and
    is the shell's, not a question about accelerators."""
    import typer.main

    from chipcmp import api

    calls = {"validate": api.validate, "import": api.import_dataset, "update": api.update,
             "schema": api.schema, "find": api.Catalog.search}
    for name in typer.main.get_command(app).commands:
        if name == "completion":
            continue
        call = calls.get(name) or getattr(api.Catalog, name, None)
        assert callable(call), f"no API call for chipcmp {name}"


def test_import_schema_and_plot_through_the_api(tmp_path):
    from conftest import DATA

    imported = chipcmp.api.import_dataset("laics", DATA / "datasets" / "laics_small.csv",
                                          snapshot="2023-10-01")
    assert imported.text.startswith("# Imported by") and not imported.result.errors
    assert "# Snapshot: the data as of 2023-10-01" in imported.text
    assert chipcmp.api.schema()["title"] == "chipcmp catalog"
    plotted = chipcmp.load().plot(precision="int8")
    assert "TOPS" in plotted
    with pytest.raises(chipcmp.ChipcmpError, match="date"):
        chipcmp.api.import_dataset("laics", DATA / "datasets" / "laics_small.csv",
                                   snapshot="yesterday")
