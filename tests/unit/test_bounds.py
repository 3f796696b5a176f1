import math

import pytest

from chipcmp.model.bounds import Bounded, divide, render, total


def b(value, bound="exact"):
    return Bounded(value, bound)


@pytest.mark.parametrize("numerator, denominator, expected", [
    (b(200), b(75), (200 / 75, "exact")),
    (b(200, "min"), b(75), (200 / 75, "min")),        # a minimum over an exact: a minimum
    (b(200, "min"), b(75, "max"), (200 / 75, "min")),  # a minimum over a maximum: a minimum
    (b(200, "min"), b(75, "min"), (200 / 75, "unbounded")),  # nothing known
    (b(200, "max"), b(75), (200 / 75, "max")),
    (b(200, "max"), b(75, "min"), (200 / 75, "max")),
    (b(200), b(75, "min"), (200 / 75, "max")),
    (b(200), b(75, "max"), (200 / 75, "min")),
    (b(200, "approx"), b(75), (200 / 75, "approx")),
    (b(200, "max"), b(75, "max"), (200 / 75, "unbounded")),
])
def test_division_keeps_the_right_bound(numerator, denominator, expected):
    result = divide(numerator, denominator)
    assert (result.value, result.bound) == (pytest.approx(expected[0]), expected[1])


def test_total_of_parts():
    assert (total([b(72), b(72)]).value, total([b(72), b(72)]).bound) == (144, "exact")
    mixed = total([b(100, "min"), b(50)])
    assert (mixed.value, mixed.bound) == (150, "min")
    assert total([b(100, "min"), b(50, "max")]).bound == "min"
    assert total([b(1)]).derived


def test_intervals():
    assert b(5, "min").interval == (5, math.inf)
    assert b(5, "max").interval == (0, 5)


def test_render_shows_bounds():
    assert render(b(200, "min")) == ">= 200"
    assert render(b(0.5, "max")) == "<= 0.5"
    assert render(b(4000, "approx")) == "~ 4000"
    assert render(b(2.6666666)) == "2.667"
    assert render(b(2.0, "unbounded")) == "? 2"


def test_notes_accumulate():
    ratio = divide(Bounded(200, notes=("200 TOPS",)), Bounded(75, notes=("75 W",)))
    assert ratio.notes == ("200 TOPS", "75 W")
