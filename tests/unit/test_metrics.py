import pytest

from conftest import DATA, request, view_of
from chipcmp.analyses import metrics
from chipcmp.analyses.filters import Filter
from chipcmp.model.problems import UsageError

VIEW = view_of([DATA / "valid" / "ranking.yaml"])


def ranked(metric, **kwargs):
    req = kwargs.pop("request", request())
    return metrics.rank(VIEW, metrics.get_metric(metric), req, **kwargs)


def test_tops_per_watt_pairs_scopes_and_ranks():
    result = ranked("tops-per-watt")
    order = [(r.rank, r.entry.id) for r in result.ranked]
    assert order[0] == (1, "alpha")
    values = {r.entry.id: r.answer.value for r in result.ranked}
    assert values["alpha"].value == pytest.approx(200 / 75)
    assert values["beta"].value == pytest.approx(130 / 70)
    # 2 x 200 TOPS from parts over the card's own 160 W, marked derived
    assert values["epsilon-board"].value == pytest.approx(2.5)
    assert values["epsilon-board"].derived
    # a minimum over a maximum is a minimum
    assert values["gamma"].bound == "min"


def test_missing_is_a_typed_omission_never_zero():
    result = ranked("tops-per-watt")
    reasons = {r.entry.id: r.omission for r in result.unranked}
    assert (reasons["zeta-nopower"].code, reasons["zeta-nopower"].detail) == \
        ("no-power", "no chip power")
    assert reasons["iota-cardpower"].code == "power-other-scope"
    assert reasons["iota-cardpower"].detail == "no card power (has chip power)"
    assert reasons["delta-sparse"].code == "sparse-only"
    assert reasons["eta-unspec"].code == "unspecified-precision"
    assert reasons["formula"].code == "no-compute"
    assert all(r.answer is None and r.rank is None for r in result.unranked)
    assert result.omission_counts() == {"no-power": 1, "power-other-scope": 1,
                                        "sparse-only": 1, "unspecified-precision": 1,
                                        "no-compute": 1}


def test_sparse_only_is_halved_when_asked():
    result = ranked("tops", request=request(sparse="halve"))
    delta = next(r for r in result.ranked if r.entry.id == "delta-sparse")
    assert delta.answer.value.value == 200 and delta.answer.value.derived
    assert "sparse 400 TOPS / 2" in delta.answer.basis


def test_unspecified_precision_only_when_assumed():
    result = ranked("tops", request=request(assume_unspecified=True))
    eta = next(r for r in result.ranked if r.entry.id == "eta-unspec")
    assert eta.answer.value.derived and "assumed int8" in eta.answer.basis


def test_ties_share_a_rank_and_keep_a_stable_order():
    result = ranked("tops-per-watt")
    by_id = {r.entry.id: r.rank for r in result.ranked}
    assert by_id["alpha"] == by_id["theta-tie"]  # both 200/75 and 20/7.5
    ids = [r.entry.id for r in result.ranked]
    assert ids.index("alpha") < ids.index("theta-tie")


def test_filters_top_and_order():
    edge = ranked("tops", where=Filter(segment="edge"))
    assert {r.entry.segment for r in edge.ranked + edge.unranked} <= {"edge", "embedded"}
    assert edge.filtered_out > 0
    assert len(ranked("tops", top=2).ranked) == 2
    ascending = ranked("tops", ascending=True)
    assert ascending.ranked[0].answer.value.value <= ascending.ranked[-1].answer.value.value
    assert ranked("process-nm").ranked[0].entry.id == "alpha"


def test_float_precision_reads_tflops_and_columns_name_it():
    fp16, variant = request("fp16"), request("fp16.32")
    assert metrics.get_metric("tops-per-watt").unit(fp16) == "TFLOPS/W"
    assert metrics.get_metric("tops-per-watt").column(variant) == "tflops_per_watt_fp16_32"
    assert metrics.get_metric("tops").column(request()) == "peak_int8_tops"
    assert metrics.get_metric("tops").column(request("fp16,bf16")) == \
        "peak_fp16_bf16_tflops"


def test_per_dollar_and_watts():
    assert ranked("tops-per-dollar").ranked[0].answer.value.value == pytest.approx(130 / 2000)
    assert {r.entry.id for r in ranked("watts").ranked} >= {"alpha", "beta"}


def test_unknown_metric():
    with pytest.raises(UsageError, match="choose one of"):
        metrics.get_metric("flops")


def test_every_metric_is_one_registry_entry_with_its_column():
    for metric in metrics.METRICS.values():
        assert metric.column(request())
        assert metric.description
    assert "tops-per-watt" in metrics.help_text()


def test_bundled_catalog_ranks_sv102_above_t4():
    result = metrics.rank(view_of(), metrics.get_metric("tops-per-watt"), request())
    values = {r.entry.id: (r.rank, r.answer.value.value) for r in result.ranked}
    assert values["vastai-sv102"][1] == pytest.approx(200 / 75)
    assert values["nvidia-t4"][1] == pytest.approx(130 / 70)
    assert values["vastai-sv102"][0] < values["nvidia-t4"][0]


def test_bundled_fp16_family_ranks_the_t4_first_and_the_a100_second():
    """The T4's 65 TFLOPS (fp16.32) and the A100's 312 (fp16) are one kind of figure."""
    result = metrics.rank(view_of(), metrics.get_metric("tops-per-watt"), request("fp16"))
    order = [(r.entry.id, round(r.answer.value.value, 2)) for r in result.ranked[:2]]
    assert order == [("nvidia-t4", 0.93), ("nvidia-a100", 0.78)]
    assert "fp16.32 tensor" in result.ranked[0].answer.basis


def test_the_price_count_is_of_every_product_whatever_top_keeps():
    from chipcmp.analyses import metrics as m

    view = view_of(["@bundled"])
    whole = m.rank(view, m.get_metric("tops-per-dollar"), request())
    cut = m.rank(view, m.get_metric("tops-per-dollar"), request(), top=3)
    assert len(cut.ranked) == 3
    assert cut.coverage.summary == whole.coverage.summary


def test_memory_bandwidth_and_bytes_per_op_are_ranked_with_their_sources():
    from chipcmp.analyses import metrics as m

    view = view_of(["@bundled"])
    memory = m.rank(view, m.get_metric("memory"), request())
    h100 = next(r for r in memory.ranked if r.entry.id == "nvidia-h100-sxm5-80gb")
    assert h100.answer.value.value == 80 and "datasheet" in h100.answer.basis
    bandwidth = m.rank(view, m.get_metric("bandwidth"), request())
    h100 = next(r for r in bandwidth.ranked if r.entry.id == "nvidia-h100-sxm5-80gb")
    assert h100.answer.value.value == 3350
    # the T4's bandwidth is "at least 320 GB/s": its bound is kept
    t4 = next(r for r in bandwidth.ranked if r.entry.id == "nvidia-t4")
    assert t4.answer.value.bound == "min"
    per_op = m.rank(view, m.get_metric("bytes-per-op"), request("fp16"))
    t4 = next(r for r in per_op.ranked if r.entry.id == "nvidia-t4")
    assert t4.answer.value.value == pytest.approx(320 / 65 / 1000)
    # on-chip SRAM only (Groq, Cerebras): left out of off-chip memory, and saying so
    assert {r.omission.code for r in memory.unranked} <= {"no-memory", "other-memory"}


def test_memory_and_bandwidth_filters_take_the_figure_at_its_bound(cli):
    import json

    ranked = cli("rank", "--metric", "tops", "--precision", "fp16", "--min-memory", "128",
                 "--format", "json")
    assert ranked.exit_code == 0
    ids = [r["id"] for r in json.loads(ranked.stdout)]
    view = view_of(["@bundled"])
    from chipcmp.figures.select import memory_capacity
    assert ids and all(memory_capacity(view, view.get(i)).value.value >= 128 for i in ids)
    assert cli("rank", "--min-bandwidth", "3000", "--min-memory", "0").exit_code == 2
