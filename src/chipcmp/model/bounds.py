"""Bounded numbers and their arithmetic.

A figure "up to 0.5" is the interval (0, 0.5]; "more than 200" is [200, inf); an exact
figure is a point. Dividing intervals gives the bound of a ratio: a minimum over an
exact value is a minimum, a minimum over a maximum is a minimum, and a minimum over a
minimum says nothing at all ("unbounded"), which is shown, not hidden.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

EXACT, MIN, MAX, APPROX, UNBOUNDED = "exact", "min", "max", "approx", "unbounded"
RANGE = "range"  # a claim's ratio given as [low, high]
# The one home of how a bound is shown: a symbol before a number, words before a percent.
SYMBOLS = {EXACT: "", MIN: ">=", MAX: "<=", APPROX: "~", UNBOUNDED: "?", RANGE: ""}
WORDS = {EXACT: "", MIN: "at least", MAX: "at most", APPROX: "about", UNBOUNDED: "",
         RANGE: ""}


def symbol(bound: str | None) -> str:
    """'>=' for min, '<=' for max, '~' for approx, '?' for unbounded, '' for exact."""
    return SYMBOLS.get(bound or EXACT, "")


def prefix(bound: str | None) -> str:
    """The symbol and a space, ready to stand before a number ('>= '), or ''."""
    shown = symbol(bound)
    return f"{shown} " if shown else ""


def with_bound(number: str, bound: str | None) -> str:
    """'>= 200', '200'."""
    return f"{prefix(bound)}{number}"


@dataclass(frozen=True)
class Bounded:
    """A value with its bound and the steps that produced it (for showing the arithmetic)."""

    value: float
    bound: str = EXACT
    derived: bool = False
    notes: tuple[str, ...] = field(default=())

    @property
    def interval(self) -> tuple[float, float]:
        if self.bound == MIN:
            return (self.value, math.inf)
        if self.bound == MAX:
            return (0.0, self.value)
        if self.bound == UNBOUNDED:
            return (0.0, math.inf)
        return (self.value, self.value)

    def scaled(self, factor: float, note: str | None = None) -> Bounded:
        """Multiplied by an exact positive factor: the bound is unchanged."""
        notes = self.notes + ((note,) if note else ())
        return Bounded(self.value * factor, self.bound, self.derived or note is not None, notes)


def _make(low: float, high: float, point: float, approx: bool,
          derived: bool, notes: tuple[str, ...]) -> Bounded:
    """The Bounded that an interval describes; a one-sided bound shows its known end."""
    if low > 0 and math.isfinite(high):
        if math.isclose(low, high, rel_tol=1e-12):
            return Bounded(low, APPROX if approx else EXACT, derived, notes)
        return Bounded(point, APPROX, derived, notes)  # both ends known: a range, shown ~
    if math.isfinite(high):
        return Bounded(high, MAX, derived, notes)
    if low > 0:
        return Bounded(low, MIN, derived, notes)
    return Bounded(point, UNBOUNDED, derived, notes)


def divide(numerator: Bounded, denominator: Bounded) -> Bounded:
    """numerator / denominator with the bound that interval arithmetic gives."""
    n_low, n_high = numerator.interval
    d_low, d_high = denominator.interval
    low = n_low / d_high if d_high > 0 else math.inf
    high = n_high / d_low if d_low > 0 else math.inf
    return _make(low, high, numerator.value / denominator.value,
                 APPROX in (numerator.bound, denominator.bound),
                 numerator.derived or denominator.derived, numerator.notes + denominator.notes)


def multiply(a: Bounded, b: Bounded) -> Bounded:
    """a * b (both positive) with the bound that interval arithmetic gives: at most 6
    cards of 200 TOPS are at most 1,200 TOPS."""
    a_low, a_high = a.interval
    b_low, b_high = b.interval
    return _make(a_low * b_low, a_high * b_high, a.value * b.value,
                 APPROX in (a.bound, b.bound), a.derived or b.derived, a.notes + b.notes)


def total(parts: list[Bounded]) -> Bounded:
    """The sum of bounded values (the sum of their intervals)."""
    return _make(sum(p.interval[0] for p in parts), sum(p.interval[1] for p in parts),
                 sum(p.value for p in parts), any(p.bound == APPROX for p in parts),
                 True, tuple(n for p in parts for n in p.notes))


def render(value: Bounded, digits: int = 4) -> str:
    """'>= 200', '<= 0.5', '~ 4000', '2.667', '? 2' (no bound)."""
    from chipcmp.model.units import format_number

    return with_bound(format_number(round_significant(value.value, digits)), value.bound)


def round_significant(value: float, digits: int) -> float:
    if value == 0 or not math.isfinite(value):
        return value
    return round(value, digits - 1 - int(math.floor(math.log10(abs(value)))))


def rounding_interval(value: float) -> tuple[float, float]:
    """The numbers a figure as written may have been rounded from, when it carries two
    significant digits or more: 5.3 is [5.25, 5.35], 18 is [17.5, 18.5]. A figure of one
    digit ("2x", "600x") is taken as stated: its rounding would be most of its size. A
    ratio below 1 written as a fraction ("1/16", kept as 0.0625) is rounded on its
    reciprocal's side: [1/16.5, 1/15.5]."""
    if value <= 0 or not math.isfinite(value):
        return (value, value)
    if value < 1:
        reciprocal = 1 / value
        if len(_digits(reciprocal)[0]) < len(_digits(value)[0]):
            low, high = rounding_interval(reciprocal)
            return (1 / high, 1 / low)
    digits, decimals = _digits(value)
    if len(digits) < 2:
        return (value, value)
    half = 0.5 * 10.0 ** -decimals
    return (value - half, value + half)


def _digits(value: float) -> tuple[str, int]:
    """The significant digits of a number's shortest writing and its decimals:
    5.3 -> ('53', 1); 18 -> ('18', 0); 600 -> ('6', 0); 0.0625 -> ('625', 4)."""
    text = repr(float(value))
    if "e" in text:
        text = format(float(value), ".17f")
    whole, _, fraction = text.partition(".")
    fraction = fraction.rstrip("0")
    return (whole + fraction).strip("0") or "0", len(fraction)
