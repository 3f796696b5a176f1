"""Quantities: the unit registry and the parser for strings such as "200 TOPS".

pint is the authority on units, built from the project's own small definitions
file (units.txt). It is also the slowest thing chipcmp could import (~100 ms)
and a pint parse costs ~90 us a value, so the catalog is not parsed through it
value by value: every quantity is stored as a float in the canonical unit of
its kind (TOPS, W, nm, ...), and the factors for the spellings a catalog uses
are computed once from the same prefix table as units.txt. pint is imported
only for a unit string outside that table (and a test checks that every factor
in the table is the one pint gives). `Measure.to_pint()` hands out a real pint
Quantity whenever one is wanted.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

DEFINITIONS_FILE = Path(__file__).with_name("units.txt")

# SI prefixes as in units.txt (the fast table is built from these).
PREFIXES = {"p": 1e-12, "n": 1e-9, "u": 1e-6, "µ": 1e-6, "m": 1e-3, "": 1.0,
            "k": 1e3, "M": 1e6, "G": 1e9, "T": 1e12, "P": 1e15, "E": 1e18}


class QuantityKind(Enum):
    """What a number measures: its pint dimensionality, canonical unit and the
    base symbols whose prefixed spellings are accepted without asking pint."""

    COMPUTE = ("compute", "[operation] / [time]", "TOPS", 1e12, ("OPS", "FLOPS"))
    POWER = ("power", "[power]", "W", 1.0, ("W",))
    LENGTH = ("length", "[length]", "nm", 1e-9, ("m",))
    MONEY = ("money", "[currency]", "USD", 1.0, ("USD",))
    MEMORY = ("memory", "[information]", "GB", 1e9, ("B",))
    BANDWIDTH = ("bandwidth", "[information] / [time]", "GB/s", 1e9, ("B/s",))
    EFFICIENCY = ("efficiency", "[operation] / [time] / [power]", "TOPS/W", 1e12,
                  ("OPS/W", "FLOPS/W"))
    FRAME_RATE = ("frame rate", "[frame] / [time]", "FPS", 1.0, ("FPS",))
    FREQUENCY = ("frequency", "1 / [time]", "GHz", 1e9, ("Hz",))
    TIME = ("time", "[time]", "s", 1.0, ("s",))
    RENTAL = ("rental price", "[currency] / [time]", "USD/h", 1 / 3600, ("USD/s",))

    def __init__(self, label: str, dimensionality: str, canonical: str,
                 canonical_in_base: float, base_symbols: tuple[str, ...]):
        self.label = label
        self.dimensionality = dimensionality
        self.canonical = canonical
        self.canonical_in_base = canonical_in_base
        self.base_symbols = base_symbols

    @property
    def example(self) -> str:
        return {"compute": "200 TOPS", "power": "75 W", "length": "7 nm", "money": "4000 USD",
                "memory": "16 GB", "bandwidth": "320 GB/s", "efficiency": "11.6 TOPS/W",
                "frame rate": "30 FPS", "frequency": "1.5 GHz", "time": "6.39 ms",
                "rental price": "0.45 USD/h"}[self.label]


# Spellings a catalog uses that no prefix makes: their factor to the kind's canonical unit.
EXTRA_SPELLINGS = (("USD/h", QuantityKind.RENTAL, 1.0), ("min", QuantityKind.TIME, 60.0),
                   ("h", QuantityKind.TIME, 3600.0))


def _fast_table() -> dict[str, tuple[QuantityKind, float]]:
    """Map each prefixed spelling ("TOPS", "mW", "GB/s") to its kind and its factor to
    the kind's canonical unit. Efficiency also takes a prefix on the watt ("GOPS/mW")."""
    table: dict[str, tuple[QuantityKind, float]] = {}
    for kind in QuantityKind:
        for symbol in kind.base_symbols:
            for prefix, factor in PREFIXES.items():
                table[prefix + symbol] = (kind, factor / kind.canonical_in_base)
    for spelling, kind, factor in EXTRA_SPELLINGS:
        table[spelling] = (kind, factor)
    for top, top_factor in PREFIXES.items():
        for bottom in ("m", "k"):
            for symbol in ("OPS", "FLOPS"):
                table[f"{top}{symbol}/{bottom}W"] = (
                    QuantityKind.EFFICIENCY,
                    top_factor / PREFIXES[bottom] / QuantityKind.EFFICIENCY.canonical_in_base)
    return table


FAST_UNITS = _fast_table()

# A number (thousands grouped by commas or underscores, or not) and the rest, the unit.
_NUMBER = re.compile(r"\s*([+-]?(?:\d{1,3}(?:,\d{3})+(?:\.\d*)?|\d[\d_]*(?:\.\d*)?|\.\d+)"
                     r"(?:[eE][+-]?\d+)?)\s*(.*?)\s*\Z", re.S)
_NOT_FINITE = re.compile(r"\s*[+-]?(nan|inf|infinity|\.nan|\.inf)\b", re.I)


class UnitError(ValueError):
    """A quantity that cannot be read. `code` is the problem code shown to the user."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True, slots=True)
class Measure:
    """A number in the canonical unit of its kind: 200 TOPS, 75 W, 7 nm."""

    value: float
    kind: QuantityKind

    @property
    def unit(self) -> str:
        return self.kind.canonical

    def __str__(self) -> str:
        # repr() is the shortest text that reads back to the same float: written out and
        # parsed again, a Measure is the same quantity.
        value = self.value
        number = str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
        return f"{number} {self.unit}"

    def to_pint(self) -> Any:
        """The same amount as a pint Quantity (imports pint on first use)."""
        return registry().Quantity(self.value, self.unit)


def format_number(value: float, digits: int = 6) -> str:
    """A short, exact-looking rendering: 200, 0.5, 2.667, 1e+18 only when huge."""
    if value == 0:
        return "0"
    if float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    text = f"{value:.{digits}g}"
    return text


@functools.cache
def registry() -> Any:
    """The one pint registry, built from units.txt. Imported on first need only."""
    import pint

    return pint.UnitRegistry(str(DEFINITIONS_FILE), case_sensitive=True)


@functools.cache
def _unit_factor_from_pint(unit_text: str) -> tuple[str, Any]:
    """Ask pint about a spelling outside the fast table: (dimensionality, factor to
    base units), or ("error", message) when pint cannot read it."""
    import pint

    ureg = registry()
    try:
        unit = ureg.parse_units(unit_text)
    except (pint.errors.UndefinedUnitError, pint.errors.DefinitionSyntaxError) as error:
        return ("error", str(error))
    except Exception as error:  # pint raises assorted errors on garbage input
        return ("error", f"cannot read {unit_text!r} as a unit ({type(error).__name__})")
    quantity = ureg.Quantity(1.0, unit)
    return (str(quantity.dimensionality), quantity.to_base_units().magnitude)


def _suggest(unit_text: str) -> str:
    """A unit chipcmp accepts that the text was likely meant as: one that differs only in
    case first ('tops' and 'Tops' are TOPS, never 'ps'), else the closest spelling."""
    import difflib

    lowered: dict[str, list[str]] = {}
    for unit in FAST_UNITS:
        lowered.setdefault(unit.lower(), []).append(unit)
    same = lowered.get(unit_text.strip().lower(), [])
    if same:
        # of several ('mW', 'MW'), the one that shares most letters' case with the text
        close = [max(same, key=lambda u: sum(a == b for a, b in zip(u, unit_text)))]
    else:
        close = difflib.get_close_matches(unit_text, FAST_UNITS, n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def unit_factor(unit_text: str, kind: QuantityKind) -> float:
    """The factor that turns a number in `unit_text` into the canonical unit of `kind`."""
    fast = FAST_UNITS.get(unit_text)
    if fast is not None:
        found_kind, factor = fast
        if found_kind is not kind:
            raise UnitError("wrong-dimension",
                            f"{unit_text!r} is a unit of {found_kind.label}, expected "
                            f"{kind.label} like {kind.example!r}")
        return factor
    dimensionality, base_factor = _unit_factor_from_pint(unit_text)
    if dimensionality == "error":
        raise UnitError("unknown-unit",
                        f"unknown unit {unit_text!r}{_suggest(unit_text)}; expected "
                        f"{kind.label} like {kind.example!r}")
    if dimensionality != kind.dimensionality:
        described = next((k.label for k in QuantityKind if k.dimensionality == dimensionality),
                         f"dimension {dimensionality}")
        raise UnitError("wrong-dimension",
                        f"{unit_text!r} is a unit of {described}, expected {kind.label} "
                        f"like {kind.example!r}")
    return float(base_factor) / kind.canonical_in_base


def parse_quantity(text: Any, kind: QuantityKind) -> Measure:
    """Read "200 TOPS" as a Measure of `kind`; raise UnitError naming what was expected."""
    if isinstance(text, Measure):
        if text.kind is not kind:
            raise UnitError("wrong-dimension", f"expected {kind.label}, got {text.kind.label}")
        return text
    if isinstance(text, bool) or not isinstance(text, (str, int, float)):
        raise UnitError("bad-quantity",
                        f"expected {kind.label} as text like {kind.example!r}, "
                        f"got {type(text).__name__}")
    if isinstance(text, (int, float)):
        if isinstance(text, float) and not math.isfinite(text):
            raise UnitError("not-finite", f"{text} is not a finite number")
        raise UnitError("missing-unit",
                        f"bare number {text!r}: give the unit, like {kind.example!r}")
    if _NOT_FINITE.match(text):
        raise UnitError("not-finite", f"{text.strip()!r} is not a finite number")
    match = _NUMBER.match(text)
    if match is None:
        raise UnitError("bad-quantity",
                        f"cannot read {text!r} as a number and a unit, like {kind.example!r}")
    number_text, unit_text = match.groups()
    number = float(number_text.replace("_", "").replace(",", ""))
    if not math.isfinite(number):
        raise UnitError("not-finite", f"{number_text!r} is out of range (not a finite number)")
    if re.match(r"^,?\d", unit_text):
        raise UnitError("bad-quantity",
                        f"cannot read the number in {text.strip()!r}: group thousands in "
                        "threes (1,248) or not at all (1248)")
    if not unit_text:
        raise UnitError("missing-unit",
                        f"bare number {number_text!r}: give the unit, like {kind.example!r}")
    factor = unit_factor(unit_text, kind)
    value = number * factor
    if factor != 1.0:
        value = float(f"{value:.12g}")  # drop float noise such as 7.000000000000001
    return Measure(value, kind)
