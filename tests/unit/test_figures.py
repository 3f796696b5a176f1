"""The one selection point: which figure a product contributes, and why none."""

import pytest

from conftest import DATA, request, view_of
from chipcmp.figures import select as figures
from chipcmp.figures.select import Omission, Pick

UNITS = view_of([DATA / "valid" / "units.yaml"])
RANKING = view_of([DATA / "valid" / "ranking.yaml"])


def pick(view, product_id, precision="int8", **kwargs):
    return figures.compute(view, view.get(product_id), request(precision, **kwargs))


def test_a_matrix_figure_comes_before_unstated_and_vector_ones():
    chosen = pick(UNITS, "gpu", "fp16")
    assert isinstance(chosen, Pick)
    assert chosen.value.value == 300 and chosen.figure.figure.unit == "matrix"
    assert chosen.basis == "300 TFLOPS fp16.32 tensor (sheet)"
    assert not chosen.value.derived


def test_vector_figures_on_request():
    assert pick(UNITS, "gpu", "fp16", unit="vector").value.value == 40
    none = pick(UNITS, "vector-only", "fp16", unit="matrix")
    assert isinstance(none, Omission) and none.code == "other-unit"


def test_fp16_and_bf16_stay_apart_unless_both_are_asked():
    assert pick(UNITS, "gpu", "bf16").figure.figure.precision == "bf16"
    assert pick(UNITS, "gpu", "fp16,bf16").value.value == 300


def test_an_either_label_answers_both_families_marked():
    for family in ("fp16", "bf16"):
        chosen = pick(UNITS, "either", family)
        assert chosen.value.value == 100 and chosen.value.derived
        assert "fp16 or bf16: the source does not say which" in chosen.basis
    assert isinstance(pick(UNITS, "either", "fp16.32"), Omission)


def test_omission_codes():
    assert pick(RANKING, "formula").code == "no-compute"
    assert pick(RANKING, "eta-unspec").code == "unspecified-precision"
    assert pick(RANKING, "delta-sparse").code == "sparse-only"
    assert pick(RANKING, "alpha", "fp16").code == "other-precision"
    assert set(figures.OMISSIONS) >= {"no-compute", "flagged", "no-power", "other-scope"}


def test_parts_are_summed_when_the_whole_has_no_figure():
    board = pick(RANKING, "epsilon-board")
    assert board.value.value == 400 and board.value.derived and board.figure is None
    assert board.basis.startswith("2 x Alpha (200 TOPS int8 (doc))")
    own_only = figures.compute(RANKING, RANKING.get("epsilon-board"),
                               request(from_parts=False))
    assert own_only.code == "no-compute"


def test_power_prefers_tdp_within_a_source_and_never_sums_parts():
    power = figures.power(RANKING, RANKING.get("alpha"))
    assert power.value.value == 75 and power.figure.figure.kind == "max"
    missing = figures.power(RANKING, RANKING.get("iota-cardpower"))
    assert missing.code == "power-other-scope"


def test_whole_against_parts_uses_one_tolerance():
    claims_view = view_of([DATA / "claims" / "checks.yaml"])
    ok = figures.whole_against_parts(claims_view, claims_view.get("board-ok"))
    too_much = figures.whole_against_parts(claims_view, claims_view.get("board-too-much"))
    assert [c.verdict for c in ok] == ["fits"] and ok[0].ratio.value == pytest.approx(1)
    assert [c.verdict for c in too_much] == ["above"]
    assert too_much[0].ratio.value == pytest.approx(200 / 144)


def test_the_compute_ceiling_halves_with_each_doubling_of_operand_width():
    from chipcmp.model import limits

    assert limits.compute_range("chip", "int8")[1] == 20_000
    assert limits.compute_range("chip", "fp16.32")[1] == 10_000
    assert limits.compute_range("chip", "fp32")[1] == 5_000
    assert limits.compute_range("card", "int4")[1] == 200_000
    assert limits.compute_range("chip", "unspecified")[1] == 20_000
    # a wafer-scale chip is the silicon of tens of the largest dies: Cerebras's WSE-3
    # gives 125 PFLOPS at fp16
    assert limits.compute_range("chip", "fp16", "wafer-scale")[1] >= 125_000
