import math

import pytest

from chipcmp.model.units import (FAST_UNITS, Measure, QuantityKind, UnitError, format_number,
                           parse_quantity, registry, unit_factor)


@pytest.mark.parametrize("text, kind, value", [
    ("200 TOPS", QuantityKind.COMPUTE, 200),
    ("0.5 TOPS", QuantityKind.COMPUTE, 0.5),
    ("500 GOPS", QuantityKind.COMPUTE, 0.5),
    ("1 POPS", QuantityKind.COMPUTE, 1000),
    ("40 TFLOPS", QuantityKind.COMPUTE, 40),
    ("75 W", QuantityKind.POWER, 75),
    ("300 mW", QuantityKind.POWER, 0.3),
    ("6.5 kW", QuantityKind.POWER, 6500),
    ("7 nm", QuantityKind.LENGTH, 7),
    ("11.6 TOPS/W", QuantityKind.EFFICIENCY, 11.6),
    ("500 GOPS/W", QuantityKind.EFFICIENCY, 0.5),
    ("4000 USD", QuantityKind.MONEY, 4000),
    ("16 GB", QuantityKind.MEMORY, 16),
    ("2 TB/s", QuantityKind.BANDWIDTH, 2000),
    ("30.8 FPS", QuantityKind.FRAME_RATE, 30.8),
    ("  200TOPS ", QuantityKind.COMPUTE, 200),
])
def test_parses_to_canonical_unit(text, kind, value):
    measure = parse_quantity(text, kind)
    assert measure.kind is kind
    assert measure.value == pytest.approx(value)


def test_unit_outside_fast_table_goes_through_pint():
    # "watt" is not in the fast table; pint knows it from units.txt.
    assert parse_quantity("75 watt", QuantityKind.POWER).value == 75
    assert parse_quantity("2 TOPS / mW", QuantityKind.EFFICIENCY).value == pytest.approx(2000)


@pytest.mark.parametrize("text, kind, code", [
    ("75 TOPS", QuantityKind.POWER, "wrong-dimension"),
    ("200 W", QuantityKind.COMPUTE, "wrong-dimension"),
    ("200 TFLOP", QuantityKind.COMPUTE, "wrong-dimension"),  # a count, not a rate
    ("200 Tops", QuantityKind.COMPUTE, "unknown-unit"),
    ("0.5 TOPs", QuantityKind.COMPUTE, "unknown-unit"),
    ("5 furlongs", QuantityKind.LENGTH, "unknown-unit"),
    ("200", QuantityKind.COMPUTE, "missing-unit"),
    (200, QuantityKind.COMPUTE, "missing-unit"),
    ("NaN TOPS", QuantityKind.COMPUTE, "not-finite"),
    ("inf W", QuantityKind.POWER, "not-finite"),
    ("1e400 W", QuantityKind.POWER, "not-finite"),
    (float("nan"), QuantityKind.POWER, "not-finite"),
    ("TOPS", QuantityKind.COMPUTE, "bad-quantity"),
    ("", QuantityKind.COMPUTE, "bad-quantity"),
    (None, QuantityKind.COMPUTE, "bad-quantity"),
    (True, QuantityKind.COMPUTE, "bad-quantity"),
])
def test_bad_quantities_name_the_problem(text, kind, code):
    with pytest.raises(UnitError) as caught:
        parse_quantity(text, kind)
    assert caught.value.code == code
    assert caught.value.message


def test_wrong_dimension_says_what_was_expected():
    with pytest.raises(UnitError, match="power like '75 W'"):
        parse_quantity("75 TOPS", QuantityKind.POWER)


def test_unknown_unit_suggests_the_near_spelling():
    with pytest.raises(UnitError, match="did you mean 'TOPS'"):
        parse_quantity("0.5 TOPs", QuantityKind.COMPUTE)


def test_units_are_case_sensitive():
    assert parse_quantity("5 mW", QuantityKind.POWER).value == pytest.approx(0.005)
    assert parse_quantity("5 MW", QuantityKind.POWER).value == pytest.approx(5e6)


def test_fast_table_agrees_with_pint():
    ureg = registry()
    for spelling, (kind, factor) in FAST_UNITS.items():
        quantity = ureg.Quantity(1.0, spelling)
        assert str(quantity.dimensionality) == kind.dimensionality, spelling
        in_canonical = quantity.to(kind.canonical).magnitude
        assert math.isclose(in_canonical, factor, rel_tol=1e-12), spelling


def test_measure_round_trips_through_text_and_pint():
    measure = parse_quantity("11.6 TOPS/W", QuantityKind.EFFICIENCY)
    assert str(measure) == "11.6 TOPS/W"
    assert parse_quantity(str(measure), QuantityKind.EFFICIENCY) == measure
    assert measure.to_pint().to("GOPS/W").magnitude == pytest.approx(11600)


def test_format_number():
    assert format_number(200.0) == "200"
    assert format_number(0.5) == "0.5"
    assert format_number(2.6666666666) == "2.66667"
    assert format_number(0) == "0"


def test_measure_passes_through_when_kinds_match():
    measure = Measure(75.0, QuantityKind.POWER)
    assert parse_quantity(measure, QuantityKind.POWER) is measure
    with pytest.raises(UnitError):
        parse_quantity(measure, QuantityKind.COMPUTE)


def test_unit_factor_for_prefixed_watts():
    assert unit_factor("kW", QuantityKind.POWER) == 1000


def test_thousands_separators():
    assert parse_quantity("1,248 TOPS", QuantityKind.COMPUTE).value == 1248
    assert parse_quantity("1,248.5 TOPS", QuantityKind.COMPUTE).value == 1248.5
    for text in ("1,24 TOPS", "12,4800 TOPS"):
        with pytest.raises(UnitError, match="group thousands in threes") as caught:
            parse_quantity(text, QuantityKind.COMPUTE)
        assert caught.value.code == "bad-quantity"


@pytest.mark.parametrize("written, meant", [
    ("Tops", "TOPS"), ("tops", "TOPS"), ("TOPs", "TOPS"), ("tflops", "TFLOPS"),
    ("gb/s", "GB/s"), ("mw", "mW"),
])
def test_a_unit_in_another_case_is_suggested_first(written, meant):
    from chipcmp.model.units import UnitError, parse_quantity

    with pytest.raises(UnitError) as caught:
        parse_quantity(f"5 {written}", QuantityKind.COMPUTE if "ops" in written.lower()
                       else QuantityKind.BANDWIDTH if "/s" in written else QuantityKind.POWER)
    assert f"did you mean {meant!r}" in str(caught.value)
