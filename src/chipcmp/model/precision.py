"""The precision vocabulary: the one place that says what a precision label means.

A label names the number format a compute figure counts in:

- a format: int4, int8, int16, fp4, fp8, fp16, bf16, tf32, fp32, fp64;
- a format with its accumulator: fp16.32 multiplies in fp16 and accumulates in fp32;
  it belongs to the fp16 family, as fp16.16 does (bf16.32 to bf16, int8.32 to int8);
- two formats joined by "/" (fp16/bf16): the source gives one figure for either format
  and does not say which a product runs (Epoch AI's "Tensor-FP16/BF16" column). Such a
  figure answers a question about either family, and says so in its basis;
- unspecified: the source gives no precision at all; float: it gives a figure in FLOP/s
  (a float format) without naming the format. With --assume-unspecified an unspecified
  figure may stand in for any precision, a float one for float precisions only;
- analog: operations computed in the analog domain (in-memory compute, Mythic's chips),
  whose effective precision depends on the noise and the converters. A family of its own,
  counted in TOPS but never compared with a digital format, nor joined to one in a
  question, nor stood in for one.

A question about precision (`--precision`) names a family (fp16: all of its variants),
one variant exactly (fp16.32), or several families joined by commas (fp16,bf16). Families
are never mixed unless asked for that way, and integer and float formats never at all
(one is counted in TOPS, the other in TFLOPS).

Each format carries its order (narrow to wide) and the dense TOPS/W above which digital
silicon computing in it is implausible.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from chipcmp.model.problems import UsageError

UNSPECIFIED = "unspecified"
UNSPECIFIED_FLOAT = "float"
ANALOG = "analog"
UNNAMED = (UNSPECIFIED, UNSPECIFIED_FLOAT)  # labels that name no format
DEFAULT = "int8"  # what --precision means when not given: the inference format


@dataclass(frozen=True)
class Format:
    name: str
    is_float: bool
    bits: int
    ceiling: float  # dense TOPS/W: above it, digital silicon in this format is implausible


# Narrow to wide within each kind; this order is the order of columns and of lists.
# Ceilings: an int8 MAC array at 5-7 nm reaches ~10-20 TOPS/W at the chip; 100 leaves
# room for the best edge NPUs. Each doubling of operand width halves it.
FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("int4", False, 4, 200.0),
    Format("int8", False, 8, 100.0),
    Format("int16", False, 16, 50.0),
    Format("fp4", True, 4, 200.0),
    Format("fp8", True, 8, 100.0),
    Format("fp16", True, 16, 50.0),
    Format("bf16", True, 16, 50.0),
    Format("tf32", True, 19, 25.0),
    Format("fp32", True, 32, 25.0),
    Format("fp64", True, 64, 12.5),
)}
ORDER = tuple(FORMATS)
UNSPECIFIED_CEILING = 200.0  # the loosest: the figure may be at any precision
# Analog in-memory compute claims tens of TOPS/W in products and hundreds in research
# chips; above a thousand the figure is a unit slip.
ANALOG_CEILING = 1000.0
# The order in which a claim check looks for a precision both products have: the formats
# AI accelerators are compared in first.
CLAIM_ORDER = ("int8", "fp16", "bf16", "tf32", "fp32", "fp8", "int4", "int16", "fp4", "fp64")

# Steps from narrow to wide where hardware never runs the wider format faster: integer
# formats, and the matrix float formats (fp16 and bf16 as one step). Vector float formats
# are left out on purpose: GPUs that run fp16 at 1/64 of fp32 (Pascal) are real.
WIDENING_STEPS = ((("int4",), ("int8",), ("int16",)), (("fp8",), ("fp16", "bf16"), ("tf32",)))

_FORMAT = "|".join(sorted(FORMATS, key=len, reverse=True))
# The catalog's grammar for a label (also the JSON Schema's pattern).
LABEL_PATTERN = (rf"^(unspecified|float|analog|({_FORMAT})(\.(8|16|32|64))?|({_FORMAT})/({_FORMAT}))$")
_LABEL = re.compile(LABEL_PATTERN)
LABEL_HELP = ("int4, int8, int16, fp4, fp8, fp16, bf16, tf32, fp32, fp64; a variant with its "
              "accumulator such as fp16.32 (fp16 multiply, fp32 accumulate); fp16/bf16 when "
              "the source gives one figure for either; float for FLOP/s in an unnamed format; "
              "analog for analog in-memory compute; or unspecified")


def is_label(label: str) -> bool:
    return bool(_LABEL.match(label))


def families(label: str) -> tuple[str, ...]:
    """The families a label belongs to: ("fp16",) for fp16.32, ("fp16", "bf16") for
    fp16/bf16, ("unspecified",) for unspecified."""
    if "/" in label:
        return tuple(label.split("/"))
    return (label.split(".")[0],)


def family(label: str) -> str:
    """The one family of a label ("fp16" for fp16.32); an either-label keeps its text."""
    found = families(label)
    return found[0] if len(found) == 1 else label


def is_float(label: str) -> bool:
    """True for float formats (counted in TFLOPS); unspecified counts as integer (TOPS)."""
    first = families(label)[0]
    if first == UNSPECIFIED_FLOAT:
        return True
    return FORMATS[first].is_float if first in FORMATS else False


def may_stand_in(label: str, query: Query) -> bool:
    """With --assume-unspecified: may a figure of this label stand in at the query's
    precision? An unspecified one anywhere, a float one at float precisions."""
    return label == UNSPECIFIED or (label == UNSPECIFIED_FLOAT and query.is_float)


def bits(label: str) -> int | None:
    """The operand width of a label's format (16 for fp16.32; the wider of an
    either-label's formats), or None for a label that names no format."""
    widths = [FORMATS[f].bits for f in families(label) if f in FORMATS]
    return max(widths) if widths else None


def unit_of(label: str) -> str:
    return "TFLOPS" if is_float(label) else "TOPS"


def ceiling(label: str) -> float:
    """Dense TOPS/W above which digital silicon at this label is implausible (the
    loosest of the families an either-label names)."""
    return max((FORMATS[f].ceiling if f in FORMATS else
                ANALOG_CEILING if f == ANALOG else UNSPECIFIED_CEILING)
               for f in families(label))


def sort_key(label: str) -> tuple[int, str]:
    first = families(label)[0]
    return (ORDER.index(first) if first in FORMATS else len(ORDER), label)


def is_either(label: str) -> bool:
    return "/" in label


@dataclass(frozen=True)
class Query:
    """What a user asks for: families (every variant of each) or exact variants."""

    text: str
    families: tuple[str, ...] = ()
    exact: tuple[str, ...] = ()

    def matches(self, label: str) -> bool:
        if label in self.exact:
            return True
        return any(f in self.families for f in families(label))

    @property
    def asked_families(self) -> set[str]:
        """Every family the query is about (an exact variant's too)."""
        return {*self.families, *(family(e) for e in self.exact)}

    def is_exact_match(self, label: str) -> bool:
        """The label is of the asked family itself, not an either-label that only may be."""
        return not is_either(label) or all(f in self.families for f in families(label))

    @property
    def is_float(self) -> bool:
        return is_float((self.families or self.exact)[0])

    @property
    def unit(self) -> str:
        return "TFLOPS" if self.is_float else "TOPS"

    @property
    def tag(self) -> str:
        """For column names: int8, fp16_32, fp16_bf16."""
        return "_".join(p.replace(".", "_") for p in (*self.families, *self.exact))

    @property
    def ceiling(self) -> float:
        return max(ceiling(label) for label in (*self.families, *self.exact))

    def __str__(self) -> str:
        return self.text


def family_query(label: str) -> Query:
    """A query for the families a label belongs to (fp16 for fp16.32; both of an
    either-label's): what a figure of that label answers at."""
    return Query(label, families(label))


def parse_query(text: str) -> Query:
    """`--precision`: a family, an exact variant, or several joined by commas."""
    parts = [p.strip().lower() for p in text.split(",") if p.strip()]
    if not parts:
        raise UsageError("--precision needs a precision, such as int8 or fp16")
    fams: list[str] = []
    exact: list[str] = []
    for part in parts:
        if not is_label(part) or is_either(part):
            raise UsageError(f"unknown precision {part!r}; use {LABEL_HELP.split('; or')[0]}, "
                             "several families joined by commas (fp16,bf16), or unspecified")
        if "." in part:
            exact.append(part)
        elif part not in fams:
            fams.append(part)
    if ANALOG in fams and len(fams) + len(exact) > 1:
        raise UsageError(f"--precision {text!r} joins analog compute to a digital format; "
                         "analog figures are compared only with one another")
    kinds = {is_float(p) for p in (*fams, *exact)}
    if len(kinds) > 1:
        raise UsageError(f"--precision {text!r} mixes integer and float formats (TOPS and "
                         "TFLOPS); compare them one kind at a time")
    return Query(",".join(parts), tuple(fams), tuple(exact))
