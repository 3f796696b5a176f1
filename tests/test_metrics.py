import pytest

from conftest import DATA
from chipcmp import catalog, metrics
from chipcmp.metrics import Options
from chipcmp.problems import UsageError

CATALOG = catalog.load([DATA / "valid" / "ranking.yaml"])


def ranked(metric, **kwargs):
    options = kwargs.pop("options", Options())
    result = metrics.rank(CATALOG, metrics.get_metric(metric), options, **kwargs)
    return result


def test_tops_per_watt_pairs_scopes_and_ranks():
    result = ranked("tops-per-watt")
    order = [(r.rank, r.product.id) for r in result.ranked]
    assert order[0] == (1, "alpha")
    values = {r.product.id: r.value for r in result.ranked}
    assert values["alpha"].value == pytest.approx(200 / 75)
    assert values["beta"].value == pytest.approx(130 / 70)
    # 2 x 200 TOPS from parts over the card's own 160 W, marked derived
    assert values["epsilon-board"].value == pytest.approx(2.5)
    assert values["epsilon-board"].derived
    # a minimum over a maximum is a minimum
    assert values["gamma"].bound == "min"


def test_missing_is_listed_apart_never_zero():
    result = ranked("tops-per-watt")
    reasons = {r.product.id: r.reason for r in result.unranked}
    assert reasons["zeta-nopower"] == "no chip power"
    assert reasons["iota-cardpower"] == "no card power (has chip power)"
    assert "sparse" in reasons["delta-sparse"]
    assert "unspecified" in reasons["eta-unspec"]
    assert "formula" in reasons
    assert all(r.value is None and r.rank is None for r in result.unranked)


def test_sparse_only_is_halved_when_asked():
    result = ranked("tops", options=Options(sparse="halve"))
    delta = next(r for r in result.ranked if r.product.id == "delta-sparse")
    assert delta.value.value == 200 and delta.value.derived
    assert "sparse 400 TOPS / 2" in delta.value.notes[0]


def test_unspecified_precision_only_when_assumed():
    result = ranked("tops", options=Options(assume_unspecified=True))
    eta = next(r for r in result.ranked if r.product.id == "eta-unspec")
    assert eta.value.derived and "assumed int8" in eta.value.notes[0]


def test_ties_share_a_rank_and_keep_a_stable_order():
    result = ranked("tops-per-watt")
    by_id = {r.product.id: r.rank for r in result.ranked}
    assert by_id["alpha"] == by_id["theta-tie"]  # both 200/75 and 20/7.5
    ids = [r.product.id for r in result.ranked]
    assert ids.index("alpha") < ids.index("theta-tie")


def test_filters_top_and_order():
    edge = ranked("tops", segment="edge")
    assert {r.product.segment for r in edge.ranked + edge.unranked} == {"edge"}
    assert edge.filtered_out > 0
    assert len(ranked("tops", top=2).ranked) == 2
    ascending = ranked("tops", ascending=True)
    assert ascending.ranked[0].value.value <= ascending.ranked[-1].value.value
    assert ranked("process-nm").ranked[0].product.id == "alpha"


def test_float_precision_reads_tflops():
    metric = metrics.get_metric("tops-per-watt")
    assert metric.unit("fp16") == "TFLOPS/W"
    assert metric.column("fp16.32") == "tflops_per_watt_fp16_32"
    assert metrics.get_metric("tops").column("int8") == "peak_int8_tops"


def test_per_dollar_and_watts():
    assert ranked("tops-per-dollar").ranked[0].value.value == pytest.approx(130 / 2000)
    assert {r.product.id for r in ranked("watts").ranked} >= {"alpha", "beta"}


def test_unknown_metric_and_precision():
    with pytest.raises(UsageError, match="choose one of"):
        metrics.get_metric("flops")
    with pytest.raises(UsageError):
        metrics.check_precision("int7")
    assert metrics.check_precision("fp16.32") == "fp16.32"


def test_bundled_catalog_ranks_sv102_above_t4():
    bundled = catalog.load(None)
    result = metrics.rank(bundled, metrics.get_metric("tops-per-watt"), Options())
    values = {r.product.id: (r.rank, r.value.value) for r in result.ranked}
    assert values["vastai-sv102"][1] == pytest.approx(200 / 75)
    assert values["nvidia-t4"][1] == pytest.approx(130 / 70)
    assert values["vastai-sv102"][0] < values["nvidia-t4"][0]
