"""One product, one figure: rank, compare, export, show, the report page and the API's
`Product.peak` give the same figure at every precision, execution unit and sparse policy,
over a catalog with parts-derived cards, sparse-only products, several power kinds in one
record, vector and matrix figures and an either-label (the figure-selection rule lives in
figures.py alone)."""

import html
import json
import re

import pytest

import chipcmp
from conftest import DATA

CATALOG = DATA / "figures" / "consistency.yaml"
PRODUCTS = ("gamma-chip", "gamma-card", "delta", "epsilon")
CASES = [(precision, unit, sparse) for precision in ("int8", "fp16", "bf16", "fp32")
         for unit in ("best", "matrix", "vector") for sparse in ("exclude", "halve")]


def run_json(cli, *args):
    """What a command prints as JSON over CATALOG, run by the `cli` fixture's runner."""
    ran = cli(*args, "--catalog", CATALOG, "--format", "json")
    assert ran.exit_code in (0, 1)
    return json.loads(ran.stdout)


def column(precision):
    return f"peak_{precision}_{'tops' if precision.startswith('int') else 'tflops'}"


@pytest.fixture(scope="module")
def api():
    return chipcmp.load(str(CATALOG))


@pytest.mark.parametrize("precision, unit, sparse", CASES)
def test_every_command_and_the_api_take_the_same_figure(cli, api, precision, unit,
                                                        sparse):
    options = ["--precision", precision, "--unit", unit, "--sparse", sparse]
    name = column(precision)
    ranked = {r["id"]: r[name] for r in run_json(cli, "rank", "--metric", "tops",
                                                   *options)}
    compared = {r["id"]: r[name] for r in run_json(cli, "compare", *PRODUCTS, *options)}
    exported = {r["id"]: r.get(name) for r in run_json(
        cli, "export", "--precision", precision, "--unit", unit, "--sparse", sparse)}
    reporting = cli("report", "--metric", "tops", *options, "--catalog", CATALOG)
    assert reporting.exit_code == 0
    page = reporting.stdout
    reported = {}
    for product in PRODUCTS:
        match = re.search(rf'href="#p-{re.escape(product)}">.*?<td class="num" '
                          r'data-sort="([^"]+)"', page)
        reported[product] = float(html.unescape(match[1])) if match else None
    for product in PRODUCTS:
        figure = api.product(product).peak(precision, unit=unit, sparse=sparse)
        from_api = figure.value if figure is not None else None
        answers = {"rank": ranked.get(product), "compare": compared.get(product),
                   "export": exported.get(product), "report": reported[product],
                   "api": from_api}
        assert len(set(answers.values())) == 1, (product, answers)


def test_show_marks_the_figure_rank_takes(cli, api):
    for product in PRODUCTS:
        shown = run_json(cli, "show", product)
        for precision in ("int8", "fp16", "bf16", "fp32"):
            figure = api.product(product).peak(precision)
            used = [f["value"] for f in shown["figures"] if f["what"].startswith("peak ")
                    and re.search(rf"\bat {precision}\b|, {precision}\b", f["used"] or "")]
            if figure is None or not figure.source:  # none, or from parts: nothing to mark
                assert used == [], (product, precision)
            else:
                assert used == [figure.value], (product, precision)


def test_the_chip_with_a_typical_and_a_tdp_power_ranks_at_its_tdp_unflagged(cli, api):
    rows = run_json(cli, "rank", "--metric", "tops-per-watt")
    gamma = next(r for r in rows if r["id"] == "gamma-chip")
    assert gamma["tops_per_watt_int8"] == 2 and gamma["flagged"] is None
    assert api.product("gamma-chip").power().value == 50
    checked = cli("crosscheck", "--catalog", CATALOG, "--format", "json")
    assert checked.exit_code in (0, 1)
    assert "gamma-chip" not in checked.stdout


def test_the_api_peak_follows_the_options_rank_takes(api):
    card = api.product("gamma-card").peak("int8")
    assert (card.value, card.derived) == (400, True) and "4 x Gamma" in card.basis
    assert api.product("delta").peak("int8") is None
    halved = api.product("delta").peak("int8", sparse="halve")
    assert (halved.value, halved.derived, halved.sparse) == (400, True, True)
