"""Cost per unit of work (analyses/costs.py and the cost metrics): the price a question
takes, USD per million items over measured throughput, kWh per million items over
measured wall power, USD per peak TOPS-hour, each with the price and result it used."""

import pytest

from conftest import DATA, request, view_of
from chipcmp.analyses import costs, metrics
from chipcmp.figures.select import Omission, Pick
from chipcmp.model.problems import UsageError

VIEW = view_of([DATA / "prices" / "costs.yaml"])


def asked(benchmark="llama2-70b", **options):
    return request(benchmark=benchmark, scenario="offline", **options)


def evaluate(metric, product, req):
    return metrics.METRICS[metric].evaluate(VIEW, VIEW.get(product), req)


def test_the_cheapest_price_of_the_asked_kind_region_and_provider():
    entry = VIEW.get("fast")
    assert costs.cheapest(VIEW, entry, asked()).id == "p-fast-b"
    assert costs.cheapest(VIEW, entry, asked(region="east")).id == "p-fast-a"
    assert costs.cheapest(VIEW, entry, asked(provider="A")).id == "p-fast-a"
    assert costs.cheapest(VIEW, entry, asked(price_kind="spot")).id == "p-fast-spot"


def test_a_price_of_the_accelerator_alone_is_never_taken():
    # p-fast-alone (1.0 USD/h, host not included) is cheaper than every whole instance
    entry = VIEW.get("fast")
    assert costs.cheapest(VIEW, entry, asked(provider="c")).code == "other-price"
    assert "the accelerator alone" in costs.cheapest(VIEW, entry, asked(provider="c")).detail


def test_no_price_and_another_kind_only_say_why():
    missing = costs.cheapest(VIEW, VIEW.get("fast"), asked(region="north"))
    assert missing.code == "other-price" and "no on-demand price from north" in missing.detail
    idle = costs.cheapest(VIEW, VIEW.get("idle"), asked())
    assert idle.code == "other-price" and "reserved (a)" in idle.detail


def test_cost_per_million_tokens_is_price_over_throughput_per_accelerator():
    pick = evaluate("cost-per-million-tokens", "fast", asked())
    assert isinstance(pick, Pick)
    # 24,000 tokens/s on 8 accelerators: 3,000 each; 5.4 USD/h / (3,000 x 3,600) x 10^6
    assert pick.value.value == pytest.approx(5.4 / (3000 * 3600) * 1e6)
    details = dict(pick.details)
    assert details["product"] == "fast"
    assert details["usd_per_accelerator_hour"] == 5.4 and details["price_id"] == "p-fast-b"
    assert details["per_accelerator"] == 3000 and details["result_id"] == "r-fast"
    assert details["cost_per_million"] == pytest.approx(0.5)
    assert details["unit"] == "USD per million tokens"
    assert "MLPerf system is not the cloud instance" in details["caveats"]
    assert "b west on-demand" in details["price_source"]
    assert "/ (3000 tokens/s x 3600) x 10^6" in pick.basis
    # a price the importer was told the product of
    slow = evaluate("cost-per-million-tokens", "slow", asked())
    assert slow.value.value == pytest.approx(1.2 / (500 * 3600) * 1e6)


def test_cost_per_million_samples_for_other_benchmarks():
    pick = evaluate("cost-per-million-samples", "slow", asked("resnet50"))
    assert pick.value.value == pytest.approx(1.2 / (10000 * 3600) * 1e6)
    assert dict(pick.details)["unit"] == "USD per million samples"


def test_tokens_and_samples_are_not_mixed():
    with pytest.raises(UsageError, match="use --metric cost-per-million-samples"):
        evaluate("cost-per-million-tokens", "slow", asked("resnet50"))
    with pytest.raises(UsageError, match="use --metric kwh-per-million-tokens"):
        evaluate("kwh-per-million-samples", "fast", asked())


def test_a_cost_needs_both_halves():
    idle = evaluate("cost-per-million-tokens", "idle", asked())
    assert isinstance(idle, Omission) and idle.code == "not-measured"
    spot_slow = evaluate("cost-per-million-tokens", "slow", asked(price_kind="spot"))
    assert spot_slow.code == "other-price"


def test_the_ranking_cheapest_first_with_coverage_and_caveats():
    ranking = metrics.rank(VIEW, metrics.METRICS["cost-per-million-tokens"], asked())
    assert [r.entry.id for r in ranking.ranked] == ["fast", "slow"]
    assert ranking.unit == "USD/M tokens" and ranking.column == "usd_per_million_tokens"
    assert ranking.coverage.summary == ("prices: 3 of 3 products have one; the cheapest "
                                        "on-demand taken")
    spot = metrics.METRICS["cost-per-million-tokens"].caveats(asked(price_kind="spot"))
    assert any("spot prices can vanish" in c for c in spot)


def test_kwh_per_million_from_the_systems_wall_power():
    pick = evaluate("kwh-per-million-tokens", "fast", asked())
    # 4 tokens/J: 10^6 tokens take 250,000 J = 0.0694 kWh
    assert pick.value.value == pytest.approx(1e6 / 4 / 3.6e6)
    assert dict(pick.details)["energy_cost_per_million"] is None
    priced = evaluate("kwh-per-million-tokens", "fast", asked(kwh_price=0.15))
    assert dict(priced.details)["energy_cost_per_million"] == pytest.approx(
        1e6 / 4 / 3.6e6 * 0.15)
    assert "at the wall" in priced.basis
    assert evaluate("kwh-per-million-tokens", "slow", asked()).code == "no-measured-power"


def test_usd_per_peak_tops_hour_is_a_spec_labelled_peak():
    pick = evaluate("usd-per-peak-tops-hour", "fast", request("fp8"))
    assert pick.value.value == pytest.approx(5.4 / 2000)
    assert "peak 2000 TFLOPS fp8" in pick.basis
    assert metrics.METRICS["usd-per-peak-tops-hour"].unit(request("fp8")) == \
        "USD/peak TFLOPS-h"
    assert not metrics.METRICS["usd-per-peak-tops-hour"].measured


def test_names_no_product_is_are_reported_with_what_fits():
    index = costs.index_of(VIEW)
    assert index.unmatched() == {"Nobody N9": "no product of the loaded catalogs has this "
                                              "name"}
    place = ("prices.csv", 3, 1)
    problems = costs.unmatched_names(VIEW, {("Fast F8", None, None): (place, "a", None),
                                            ("Acme", None, None): (place, "a", None),
                                            ("X", None, None): (place, "a", "no-such-id")})
    assert [(p.code, str(p.severity)) for p in problems] == [
        ("unmatched-name", "warning"), ("unknown-product", "error")]
    assert "--name 'Acme=PRODUCT_ID'" in problems[0].message


@pytest.mark.parametrize("metric, options, said", [
    ("tops", {"region": "east"}, "--region: metric tops takes no price"),
    ("throughput", {"price_kind": "spot"}, "--price-kind: metric throughput takes no price"),
    ("cost-per-million-tokens", {"kwh_price": 0.1},
     "the metrics that do: kwh-per-million-tokens, kwh-per-million-samples"),
    ("kwh-per-million-tokens", {"provider": "a"}, "cost-per-million-tokens"),
])
def test_a_price_option_a_metric_does_not_read_is_a_usage_error(metric, options, said):
    with pytest.raises(UsageError, match=said):
        metrics.rank(VIEW, metrics.METRICS[metric], asked(**options))
