import pytest
from pydantic import ValidationError

from chipcmp.model.schema import Claim, ProductSpec, Source, parse_ratio

SOURCE = {"source": "s"}


def product(**fields):
    base = {"id": "p", "name": "P", "vendor": "V", "kind": "chip", "segment": "edge"}
    base.update(fields)
    return ProductSpec.model_validate(base)


def error_types(exc: ValidationError) -> list[str]:
    return [e["type"] for e in exc.errors()]


def test_product_with_figures():
    p = product(compute=[{"precision": "int8", "peak": "200 TOPS", "bound": "min", **SOURCE}],
                power=[{"kind": "max", "scope": "chip", "value": "75 W", **SOURCE}],
                process={"value": "7 nm", **SOURCE})
    assert p.compute[0].peak.value == 200
    assert p.compute[0].bound == "min"
    assert p.power[0].value.value == 75
    assert p.process.value.unit == "nm"


def test_quantities_serialise_back_to_text():
    p = product(power=[{"kind": "tdp", "scope": "chip", "value": "300 mW", **SOURCE}])
    assert p.model_dump()["power"][0]["value"] == "0.3 W"


@pytest.mark.parametrize("precision", ["int4", "int8", "fp16", "bf16", "tf32", "fp16.32",
                                       "fp8", "unspecified", "int16"])
def test_precisions_accepted(precision):
    product(compute=[{"precision": precision, "peak": "1 TOPS", **SOURCE}])


@pytest.mark.parametrize("precision", ["int7", "FP16", "fp16/32", ""])
def test_precisions_refused(precision):
    with pytest.raises(ValidationError):
        product(compute=[{"precision": precision, "peak": "1 TOPS", **SOURCE}])


def test_unknown_keys_rejected():
    with pytest.raises(ValidationError) as caught:
        product(colour="red")
    assert error_types(caught.value) == ["extra_forbidden"]


def test_power_needs_kind_and_scope():
    with pytest.raises(ValidationError) as caught:
        product(power=[{"value": "75 W", **SOURCE}])
    assert sorted(e["loc"][-1] for e in caught.value.errors()) == ["kind", "scope"]


def test_zero_and_negative_refused_with_codes():
    with pytest.raises(ValidationError) as caught:
        product(compute=[{"precision": "int8", "peak": "0 TOPS", **SOURCE}],
                power=[{"kind": "tdp", "scope": "chip", "value": "-1 W", **SOURCE}])
    assert error_types(caught.value) == ["not-positive", "not-positive"]


def test_chip_cannot_contain_parts():
    with pytest.raises(ValidationError) as caught:
        product(contains=[{"product": "q", "count": 2}])
    assert error_types(caught.value) == ["bad-contains"]
    card = product(kind="card", contains=[{"product": "q"}])
    assert card.contains[0].count is None  # unknown count stays unknown


def test_benchmark_needs_one_result():
    with pytest.raises(ValidationError):
        product(benchmarks=[{"workload": "w", **SOURCE}])
    p = product(benchmarks=[{"workload": "3DMark", "score": 8134, **SOURCE}])
    assert p.benchmarks[0].score == 8134


@pytest.mark.parametrize("date, ok", [(2021, True), ("2021-07", True), ("2021-Q4", True),
                                      ("2021-13", False), ("July 2021", False)])
def test_milestone_dates(date, ok):
    milestone = {"event": "announced", "date": date, **SOURCE}
    if ok:
        assert product(milestones=[milestone]).milestones[0].date == str(date)
    else:
        with pytest.raises(ValidationError):
            product(milestones=[milestone])


def test_source_needs_url_or_document():
    with pytest.raises(ValidationError):
        Source.model_validate({"title": "T"})
    assert Source.model_validate({"title": "T", "document": "a.txt"}).kind == "article"


def claim(**fields):
    base = {"id": "c", "kind": "ratio", "subject": "a", "baseline": "b", "metric": "throughput",
            "ratio": 2, **SOURCE}
    base.update(fields)
    return Claim.model_validate(base)


def test_ratio_forms():
    assert parse_ratio("1/5") == pytest.approx(0.2)
    assert parse_ratio("60%") == pytest.approx(0.6)
    assert parse_ratio(2.5) == 2.5
    for bad in ("two", "1/0", 0, -1, True):
        with pytest.raises(Exception):
            parse_ratio(bad)


def test_range_claim_needs_range_bound():
    c = claim(ratio=["1/10", "1/5"], bound="range")
    assert c.ratio == pytest.approx((0.1, 0.2))
    with pytest.raises(ValidationError):
        claim(ratio=["1/10", "1/5"])
    with pytest.raises(ValidationError):
        claim(ratio=2, bound="range")
    with pytest.raises(ValidationError):
        claim(ratio=["1/5", "1/10"], bound="range")  # backwards


def test_saving_becomes_cost_ratio_with_flipped_bound():
    c = claim(kind="cost", metric="tco", ratio=None, saving="50%", bound="min")
    assert c.subject_over_baseline == pytest.approx(0.5)
    assert c.effective_bound == "max"


def test_claim_needs_a_baseline_unless_composition():
    with pytest.raises(ValidationError):
        claim(baseline=None)
    assert claim(baseline=None, baseline_label="the human brain").baseline_label
    assert claim(kind="composition", baseline=None, ratio=None).kind == "composition"


def test_claim_ratio_and_saving_exclusive():
    with pytest.raises(ValidationError):
        claim(kind="cost", saving=0.6)
