"""Claims set beside measured results (analyses/claims/measured.py): system against
system at the claim's counts, per accelerator beside it, what an unmeasured side would
have to measure, proxies only when named, latency only against latency."""

import pytest

from conftest import DATA, view_of
from chipcmp.analyses import claims
from chipcmp.analyses.claims import measured

VIEW = view_of([DATA / "claims" / "measured.yaml"])
RESULTS = {r.claim.id: r for r in claims.check_claims(VIEW)}


def text(claim_id: str) -> str:
    return " ".join(RESULTS[claim_id].explanation)


def test_system_against_system_at_the_claims_counts():
    check = RESULTS["rack-beyond"].measured
    assert check.verdict == measured.BEYOND
    (comparison,) = check.comparisons          # the open division is not mixed in
    assert (comparison.round, comparison.division) == ("training v1.0", "closed")
    # the best result of each side: box8 at 20 min, not box8b at 25
    assert comparison.baseline.system == "box8"
    assert comparison.ratio == pytest.approx(2.0)
    # per accelerator: (20 x 8) / (10 x 32), with the claim's 5.3 at 8/32 of it
    assert comparison.per_accelerator == pytest.approx(0.5)
    assert comparison.claimed_per_accelerator == pytest.approx((5.25 / 4, 5.35 / 4))
    assert "assumes linear scaling" in text("rack-beyond")
    assert "2.62x the measured ratio" in text("rack-beyond")


def test_the_side_is_found_through_its_composition_and_memory_variants_are_said():
    sentence = text("rack-beyond")
    assert "rack32 (32 x tile)" in sentence
    assert "Greenco G100-SXM-80GB (400W) is a memory variant of G100 40GB SXM" in sentence
    assert "Rackco/results/rack32/bert/ (2 file(s))" in sentence


def test_verdicts_consistent_and_short():
    assert RESULTS["rack-consistent"].measured.verdict == measured.CONSISTENT
    assert RESULTS["rack-short"].measured.verdict == measured.SHORT
    assert "short of what was measured" in text("rack-short")


def test_other_counts_are_compared_per_accelerator_only():
    check = RESULTS["rack-two-boxes"].measured
    (comparison,) = check.comparisons
    assert comparison.ratio is None
    assert comparison.per_accelerator == pytest.approx(0.5)
    assert "not measured at the claim's counts (1 x rack against 2 x box)" in text(
        "rack-two-boxes")
    assert check.verdict == measured.BEYOND


def test_only_the_baseline_measured_gives_what_the_subject_must_measure():
    check = RESULTS["fast-target"].measured
    assert check.verdict == measured.TARGET
    target = check.target
    # valid results only (the invalid 99,999 is left out); the 8-card system per card
    assert (target["measured_low"], target["measured_high"]) == (1000, 1200)
    assert (target["must_measure_low"], target["must_measure_high"]) == (2000, 2400)
    assert target["must_measure"] == "min" and target["scenario"] == "offline"
    assert "fast would have to measure at least 2,000 to 2,400 samples/s" in text(
        "fast-target")


def test_latency_against_measured_latency():
    check = RESULTS["fast-latency"].measured
    assert check.comparisons[0].scenario == "singlestream"
    assert check.comparisons[0].ratio == pytest.approx(2.0)
    assert check.verdict == measured.BEYOND
    assert "peak throughput does not bound latency" in text("fast-latency")


def test_a_proxy_only_when_the_claim_names_it():
    assert RESULTS["fast-other-workload"].measured is None
    check = RESULTS["fast-proxy"].measured
    assert check.proxy and check.benchmark == "resnet50"
    assert "named by the claim as a proxy for EfficientNet-B0 inference" in text("fast-proxy")


def test_a_metric_the_benchmark_does_not_measure_is_said():
    check = RESULTS["fast-training-throughput"].measured
    assert check.verdict == measured.NOT_MEASURED
    assert "none of its scenarios measures throughput in training" in text(
        "fast-training-throughput")


def test_records_carry_the_measured_comparison():
    record = RESULTS["rack-beyond"].as_record()["measured"]
    assert record["verdict"] == "beyond-measured"
    (comparison,) = record["comparisons"]
    assert comparison["measured_ratio"] == pytest.approx(2.0)
    assert comparison["files"][0] == "runs:Rackco/results/rack32/bert/result_0.txt"


def test_no_results_loaded_no_measured_check():
    view = view_of([DATA / "claims" / "checks.yaml"])
    assert all(r.measured is None for r in claims.check_claims(view))


def test_proxy_needs_a_benchmark(tmp_path):
    from chipcmp.model.schema import Claim
    from pydantic import ValidationError

    with pytest.raises(ValidationError):
        Claim(id="x", kind="ratio", subject="a", baseline="b", metric="throughput",
              ratio=2, proxy=True, source="doc")


# ------------------------------------------------------------------- the real slice
def test_pod64_bert_claim_beside_the_measured_ratios(measured_slice):
    import chipcmp

    catalog = chipcmp.load("@bundled", measured_slice)
    (result,) = catalog.claims("graphcore-pod64-bert-large-vs-dgx").core
    check = result.measured
    ratios = {c.round: round(c.ratio, 2) for c in check.comparisons}
    assert ratios == {"training v1.0": 1.96, "training v1.1": 1.89}
    assert check.verdict == measured.BEYOND
    assert {c.division for c in check.comparisons} == {"closed"}
    sentence = " ".join(result.explanation)
    assert "Graphcore/results/ipu-pod64-POPART-closed/bert/" in sentence
    assert "5.3x" in result.summary() and "1.96x (training v1.0 closed)" in result.summary()


def test_va1_claim_says_what_the_va1_must_measure(measured_slice):
    import chipcmp

    catalog = chipcmp.load("@bundled", measured_slice)
    (result,) = catalog.claims("va1-resnet50-vs-t4").core
    target = result.measured.target
    assert target["product"] == "vastai-va1" and target["scenario"] == "offline"
    assert 5400 < target["measured_low"] < target["measured_high"] < 6300
    assert target["must_measure_low"] == pytest.approx(2 * target["measured_low"])
