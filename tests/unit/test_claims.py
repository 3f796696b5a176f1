import math

import pytest

from conftest import DATA, view_of
from chipcmp.analyses import claims
from chipcmp.analyses.claims import Edge, ClaimSettings, find_negative_cycle
from chipcmp.model.precision import parse_query
from chipcmp.model.problems import UsageError

FIXTURE = view_of([DATA / "claims" / "checks.yaml"])
RESULTS = {r.claim.id: r for r in claims.check_claims(FIXTURE)}
BUNDLED = {r.claim.id: r for r in claims.check_claims(view_of())}


def verdict(claim_id):
    return RESULTS[claim_id].verdict


def test_ratio_within_spec_is_consistent():
    result = RESULTS["within-spec"]
    assert result.verdict == "consistent"
    assert result.spec.value == 2 and result.advantage.value == pytest.approx(0.75)


def test_beyond_spec_gives_k():
    result = RESULTS["beyond"]
    assert result.verdict == "beyond-spec"
    assert (result.advantage.value, result.advantage.bound) == (pytest.approx(1.5), "min")
    assert "1.5x better" in " ".join(result.explanation)


def test_extraordinary_threshold_is_settable():
    assert verdict("extraordinary") == "extraordinary"
    relaxed = claims.check_claims(FIXTURE, ["extraordinary"], ClaimSettings(threshold=6))[0]
    assert relaxed.verdict == "beyond-spec"
    with pytest.raises(UsageError):
        claims.check_claims(FIXTURE, None, ClaimSettings(threshold=1))


def test_lower_is_better_metrics_are_inverted():
    result = RESULTS["latency-beyond"]
    assert result.claimed.value == pytest.approx(4)


def test_latency_is_not_judged_against_peak_throughput():
    # A batch of one uses a fraction of the peak: the spec check says so, and no more.
    result = RESULTS["latency-beyond"]
    assert result.verdict == "unverifiable" and result.spec is None
    assert "peak throughput does not bound latency" in " ".join(result.explanation)


def test_efficiency_claim_against_tops_per_watt():
    result = RESULTS["efficiency"]
    assert result.spec.value == pytest.approx(4) and result.verdict == "consistent"


def test_compute_claim_contradicted_by_specs():
    assert verdict("compute-wrong") == "contradicted"


def test_the_precision_used_is_in_the_output_and_can_be_asked_for():
    assert RESULTS["within-spec"].precision == "int8"
    assert "Specs (peak compute, int8)" in " ".join(RESULTS["within-spec"].explanation)
    at_fp16 = claims.check_claims(FIXTURE, ["within-spec"],
                                  ClaimSettings(precision=parse_query("fp16")))[0]
    assert at_fp16.verdict == "unverifiable"
    assert any("no fp16 figure" in m for m in at_fp16.missing)


def test_claim_figures_name_their_basis():
    text = " ".join(BUNDLED["va1-resnet50-vs-t4"].explanation)
    assert "130 TOPS int8 tensor (nvidia-t4-datasheet)" in text


def test_missing_baseline_figure_is_named():
    result = RESULTS["missing-baseline-figure"]
    assert result.verdict == "unverifiable"
    assert any("nofig: no compute figure" in m for m in result.missing)
    assert RESULTS["label-baseline"].missing == ["a baseline product: 'the competition' is "
                                                 "not in the catalog"]


def test_composition():
    assert verdict("composition-ok") == "consistent"
    assert verdict("composition-too-much") == "contradicted"


def test_scores_and_two_disagreeing_claims():
    assert RESULTS["score-wrong"].verdict == "contradicted"
    assert "score-wrong" in RESULTS["score-ok"].cycle  # the two claims disagree


def test_three_claim_cycle_is_contradicted_and_named():
    for claim_id in ("cycle-ab", "cycle-bc", "cycle-ca"):
        result = RESULTS[claim_id]
        assert result.verdict == "contradicted"
        assert sorted(result.cycle) == ["cycle-ab", "cycle-bc", "cycle-ca"]
        assert "multiply to 8x" in " ".join(result.explanation)


def test_chain_gives_a_derived_bound():
    text = " ".join(RESULTS["chain-pq"].explanation)
    assert "p throughput on chain is >= 6x r's" in text


def test_scaling_is_judged_on_the_intervals_the_figures_were_rounded_from():
    # 5.3 / 2.6 is 2.038 as written, but 5.25/2.65 to 5.35/2.55 (1.98 to 2.10) as rounded:
    # consistent with linear scaling, not super-linear.
    for claim_id in ("scale-one", "scale-two"):
        scaling = RESULTS[claim_id].scaling
        assert scaling and "1.98x to 2.1x" in scaling[0], scaling
        assert "consistent with linear scaling" in scaling[0]
        assert "5.3: 5.25 to 5.35" in scaling[0] and "2.6: 2.55 to 2.65" in scaling[0]
    for claim_id in ("super-one", "super-two"):
        scaling = RESULTS[claim_id].scaling
        assert scaling and "super-linear" in scaling[0], scaling


def test_rounding_interval_of_a_figure_as_written():
    from chipcmp.model.bounds import rounding_interval

    assert rounding_interval(5.3) == pytest.approx((5.25, 5.35))
    assert rounding_interval(18) == (17.5, 18.5)
    assert rounding_interval(1 / 16) == pytest.approx((1 / 16.5, 1 / 15.5))
    assert rounding_interval(2) == (2, 2)       # one digit: taken as stated
    assert rounding_interval(600) == (600, 600)


def test_cost_claim_brought_to_cost_per_unit_of_work():
    text = " ".join(RESULTS["cost"].explanation)
    assert "0.4 / >= 2.5 = <= 0.16" in text and ">= 6.25x the work per dollar" in text


def test_negative_cycle_finder_on_a_consistent_set():
    edges = [Edge(("a", 1), ("b", 1), math.log(2), "x"), Edge(("b", 1), ("a", 1), 0.0, "y")]
    assert find_negative_cycle(edges) is None


def test_unknown_claim_id():
    with pytest.raises(UsageError, match="unknown claim"):
        claims.check_claims(FIXTURE, ["nope"])


# ------------------------------------------------------------ the bundled catalog
def test_bundled_va1_claim_is_beyond_spec_by_1_3():
    result = BUNDLED["va1-resnet50-vs-t4"]
    assert result.verdict == "beyond-spec"
    assert result.advantage.value == pytest.approx(2 / (200 / 130))
    assert round(result.advantage.value, 2) == 1.30


def test_bundled_hw3_composition_is_consistent():
    assert BUNDLED["tesla-hw3-two-chips"].verdict == "consistent"


def test_bundled_pod64_pair_reports_its_scaling():
    for claim_id in ("graphcore-pod64-bert-large-vs-dgx", "graphcore-pod64-bert-large-vs-2dgx"):
        assert any("1.98x to 2.1x" in s and "consistent with linear" in s
                   for s in BUNDLED[claim_id].scaling)


def test_bundled_every_unverifiable_names_what_is_missing():
    for result in BUNDLED.values():
        assert result.verdict in claims.VERDICTS
        if result.verdict == "unverifiable":
            assert result.missing, result.claim.id


def test_bundled_cost_claims_show_the_arithmetic():
    text = " ".join(BUNDLED["va1-server-cost-saving"].explanation)
    assert "0.4 / >= 2.5 = <= 0.16" in text and "6.25x" in text
    assert "va1-tco-saving" in BUNDLED["va1-server-cost-saving"].related


def test_a_claim_with_readings_is_checked_under_each():
    result = BUNDLED["graphcore-efficientnet-b4-training"]
    assert [label for label, _ in result.readings] == ["one A100 GPU", "one DGX A100"]
    assert result.verdict == "unverifiable"  # without the datasets: no figure to compare
    assert any("graphcore-ipu-m2000" in m for m in result.missing)
    record = result.as_record()
    assert [r["label"] for r in record["readings"]] == ["one A100 GPU", "one DGX A100"]
    assert "read as one A100 GPU or as one DGX A100" in record["explanation"]


def test_a_float_figure_is_assumed_at_float_precisions_only():
    assumed = {r.claim.id: r for r in claims.check_claims(
        view_of(), ["graphcore-resnext101-training"], ClaimSettings(assume_unspecified=True))}
    result = assumed["graphcore-resnext101-training"]
    by_label = dict(result.readings)
    assert by_label["one A100 GPU"].precision == "fp16"  # not int8 against 624 TOPS
    assert by_label["one A100 GPU"].spec.value == pytest.approx(1000 / 312)
    assert result.verdict == "depends-on-reading"
    assert by_label["one DGX A100"].verdict == "extraordinary"


def test_a_saving_that_restates_a_ratio_is_read_both_ways():
    result = BUNDLED["va1-server-cost-saving"]
    readings = dict(result.readings)
    assert readings["restatement"].claimed.value == pytest.approx(2.5)
    assert readings["independent"].claimed.value == pytest.approx(6.25)
    assert readings["independent"].claimed.bound == "min"
    text = " ".join(result.explanation)
    assert "1 - 1/>= 2.5" in text and "neither taken as the finding" in text


def test_the_bundled_claims_hold_no_circular_ratio_and_keep_the_adreno_claim():
    assert "exynos-2200-vs-snapdragon-888" not in BUNDLED
    adreno = BUNDLED["exynos-2200-gpu-vs-adreno-730"]
    assert adreno.verdict == "unverifiable"
    assert adreno.missing == ["3DMark Wild Life scores for qualcomm-snapdragon-898"]
