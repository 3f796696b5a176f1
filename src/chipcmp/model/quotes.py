"""Does a figure's number appear in its own quote? The check behind the rule
`number-not-in-quote`, which needs no source document: it compares the catalog with
itself, so an edit that changes 200 TOPS to 300 TOPS but leaves the quote saying 200 is
caught on every machine.

A quote states a number in digits ("200TOPS", "0.5TOPs", "1,248"), as a fraction ("1/5"),
a percentage ("60%"), an English word ("four", "one PetaFlop") or a Chinese numeral ("双",
"两", "四"), possibly with a 万 or 亿 multiplier. The figure's value (in its canonical unit)
matches a stated number n when it is n times a power of a thousand (an SI prefix: "5
petaFLOPS" is 5000 TFLOPS, "188KB" is 0.000188 GB), and, for a claim's ratio, also 1/n (a
latency "16x shorter" is a ratio of 1/16) or n percent. Digits glued to Latin letters are
part of a name (SV102, GC200, FP32) and state nothing.
"""

from __future__ import annotations

import math
import re
from typing import Any, Iterator

_NUMBER = re.compile(r"(?<![A-Za-z0-9.])(\d+(?:,\d{3})*(?:\.\d+)?)(?:\s*/\s*(\d+(?:\.\d+)?))?"
                     r"\s*(%|万|萬|亿|億)?")
_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
          "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "sixteen": 16,
          "twenty": 20, "hundred": 100, "thousand": 1000, "single": 1, "dual": 2,
          "double": 2, "twice": 2, "half": 0.5}
_CHINESE = {"一": 1, "二": 2, "两": 2, "兩": 2, "双": 2, "雙": 2, "三": 3, "四": 4, "五": 5,
            "六": 6, "七": 7, "八": 8, "九": 9, "十": 10, "单": 1, "單": 1}
_MULTIPLIERS = {"万": 1e4, "萬": 1e4, "亿": 1e8, "億": 1e8}


def stated_numbers(quote: str) -> set[float]:
    """Every number the quote states (a percentage both as n and n/100)."""
    found: set[float] = set()
    for match in _NUMBER.finditer(quote):
        number = float(match[1].replace(",", ""))
        if match[2]:
            denominator = float(match[2])
            found.add(number)
            found.add(denominator)
            if denominator:
                found.add(number / denominator)
        else:
            found.add(number)
        suffix = match[3]
        if suffix == "%":
            found.add(number / 100)
        elif suffix in _MULTIPLIERS:
            found.add(number * _MULTIPLIERS[suffix])
    for word in re.findall(r"[A-Za-z]+", quote):
        if word.lower() in _WORDS:
            found.add(float(_WORDS[word.lower()]))
    for character in quote:
        if character in _CHINESE:
            found.add(float(_CHINESE[character]))
    return found


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9)


def matches(value: float, stated: set[float], ratio: bool = False) -> bool:
    """`value` is a stated number times a power of a thousand (or, for a ratio, its
    inverse)."""
    for number in stated:
        if number <= 0:
            continue
        candidates = [number] + ([1 / number] if ratio else [])
        for candidate in candidates:
            for power in range(-6, 7):
                if _close(value, candidate * 1000.0 ** power):
                    return True
    return False


# The number fields of each kind of sourced mapping, as model_dump() gives them.
NUMBER_FIELDS = ("peak", "value", "capacity", "bandwidth", "channels", "score",
                 "frame_rate", "latency", "peak_memory", "count", "ratio", "saving")


def unstated(item: Any) -> Iterator[tuple[str, float]]:
    """(field, value) for each number of a sourced model (a figure, a part, a claim) that
    its quote does not state and that is not declared inferred."""
    fields = item.__dict__
    quote = fields.get("quote")
    if not quote:
        return
    stated = stated_numbers(quote)
    inferred = fields.get("inferred") or {}
    claim_like = "saving" in fields
    for field in NUMBER_FIELDS:
        raw = fields.get(field)
        if raw is None or field in inferred:
            continue
        values = raw if isinstance(raw, (list, tuple)) else [raw]
        for value in values:
            number = getattr(value, "value", value)
            if isinstance(number, bool) or not isinstance(number, (int, float)):
                continue
            if not matches(float(number), stated, ratio=claim_like):
                yield field, float(number)
