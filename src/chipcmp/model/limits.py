"""Tolerances and plausibility limits: one table that validate's rules, crosscheck, the
merged view, the claim checks and the field all read, so they cannot disagree.
"""

from __future__ import annotations

from chipcmp.model import precision

# Two figures of one quantity agree when within 5% of each other. Published figures are
# rounded: the DGX A100's "5 petaFLOPS" is 8 x 624 = 4,992; LAICS's "1.00E+15" for the
# H100 is 989.4 TFLOPS. Used for a whole against the sum of its parts, for sources against
# one another, and for "exactly 2x" (a sparse figure posing as dense).
FIGURES_AGREE = 0.05

# A claim's ratio is rounded by the vendor ("2x", "60%"): 1% of slack before a claim is
# said to need more than the specs give, or to contradict them.
CLAIM_ROUNDING = 0.01

# A saving s restates a ratio claim r when s = 1 - 1/r within this (60% and 2.5x).
RESTATEMENT = 0.01

# Above this process node the efficiency ceiling is halved: older silicon spends more
# energy per operation.
OLD_NODE_NM = 16.0

# Dense TOPS/W below which no accelerator of the last decades sits: a product whose best
# figure is below it has a unit slip (FLOP/s read as TFLOP/s).
EFFICIENCY_FLOOR = 1e-3

# Power in W outside which a figure is implausible for the kind of product.
POWER_RANGE_W = {"chip": (1e-3, 1500.0), "soc": (1e-3, 1500.0), "card": (1e-3, 1500.0),
                 "module": (1e-3, 5000.0), "superchip": (1e-3, 10_000.0),
                 "system": (1e-3, 500_000.0)}

# Peak compute in TOPS (or TFLOPS) outside which a figure is implausible: 0.1 GOPS at the
# low end for every kind (below is a microcontroller or a unit slip), and at the high end
# 20 POPS for one chip, 100 POPS for a card or module, 200 POPS for a superchip, 100 EOPS
# for a system.
COMPUTE_RANGE_TOPS = {"chip": (1e-4, 20_000.0), "soc": (1e-4, 20_000.0),
                      "card": (1e-4, 100_000.0), "module": (1e-4, 100_000.0),
                      "superchip": (1e-4, 200_000.0), "system": (1e-4, 1e8)}

# Segments for imported products that state none, by power (importers.py): at most
# 15 W is a device outside the data centre (edge); a LAICS accelerator at 75 W or more
# (the PCIe slot's own budget and above) is a data-centre part.
EDGE_MAX_W = 15.0
DATACENTER_MIN_W = 75.0

# Measured results (MLPerf) outside which a value is not a measurement: a unit slip, a
# broken log or a planted file, never imported. Per unit, for one system: throughput from
# a millionth of a sample a second to 10^9 (the largest published are about 10^6, a whole
# rack on ResNet-50); a latency from a nanosecond to an hour; a time to train from a
# second to a year; samples per query from 1 to 10^6.
MEASURED_RANGE = {"samples/s": (1e-6, 1e9), "ms": (1e-6, 3.6e6), "min": (1 / 60, 525_600.0),
                  "samples": (1.0, 1e6),
                  # an LLM's tokens: a rack of 72 GPUs gives about 10^6 tokens/s
                  "tokens/s": (1e-6, 1e10)}
# Accelerators in one system: the largest MLPerf systems hold about 10^4.
MAX_ACCELERATORS = 1_000_000

# What an hour of one accelerator may cost, in USD: rentals of 2026's largest GPUs are
# about 10 USD an hour, list prices per hour nothing like 1,000. Beyond it a price table's
# cell is a placeholder or a unit slip (a monthly price, cents), reported, never priced.
MAX_USD_PER_ACCELERATOR_HOUR = 1_000.0

# The largest value a dataset's cell may give, per unit, once read in chipcmp's units:
# beyond it the cell is a unit slip or garbage, reported and left out by the importer.
# The ceilings of the plausibility ranges for whole systems (compute, power), and for
# the rest a thousand times today's largest (a rack's 10^4 GB of memory, 10^6 GB/s).
IMPORTED_CEILING = {"TOPS": COMPUTE_RANGE_TOPS["system"][1], "W": POWER_RANGE_W["system"][1],
                    "GB": 1e7, "GB/s": 1e9, "USD": 1e9, "nm": 1e4}


def imported_problem(value: float, unit: str) -> str | None:
    """Why a dataset's positive, finite cell (in `unit`) cannot be right, or None."""
    ceiling = IMPORTED_CEILING.get(unit)
    if ceiling is not None and value > ceiling:
        return f"{value:g} {unit} is beyond {ceiling:g} {unit}, more than any product has"
    return None


def measured_problem(value: float, unit: str) -> str | None:
    """Why `value` in `unit` cannot be a measured result, or None when it can be."""
    if value != value:
        return "not a number (NaN)"
    if value in (float("inf"), float("-inf")):
        return "infinite"
    if value <= 0:
        return "zero or negative, which no measurement is"
    low, high = MEASURED_RANGE.get(unit, (0.0, float("inf")))
    if not low <= value <= high:
        return (f"outside {low:g}..{high:g} {unit}, the range a measurement of one system "
                "can take")
    return None


# The extraordinary threshold of claim checks: against a baseline that reaches a quarter
# of its peak, the subject would need all of its own.
EXTRAORDINARY = 4.0


# A wafer-scale chip (its form factor says "wafer") is the silicon of about this many of
# the largest dies a reticle allows: Cerebras's WSE-3 is 46,225 mm2, a reticle about
# 850 mm2. Its compute ceiling is that many chips'.
WAFER_DIES = 55


def compute_range(kind: str, label: str, form_factor: str | None = None
                  ) -> tuple[float, float]:
    """Peak compute outside which a figure is implausible for the kind of product (and
    its form factor: a wafer-scale chip) at a precision: COMPUTE_RANGE_TOPS is for 8-bit
    operands, and each doubling of operand width halves the upper end (as it halves the
    efficiency ceiling: fp16 10,000 TFLOPS for one chip, fp32 5,000). A label that names
    no width keeps the 8-bit range."""
    low, high = COMPUTE_RANGE_TOPS[kind]
    if "wafer" in (form_factor or "").lower():
        high *= WAFER_DIES
    bits = precision.bits(label)
    return low, high * 8 / bits if bits else high


def efficiency_ceiling(label: str, node_nm: float | None = None) -> float:
    """Dense TOPS/W above which digital silicon at this precision is implausible."""
    ceiling = precision.ceiling(label)
    return ceiling / 2 if node_nm is not None and node_nm > OLD_NODE_NM else ceiling


def agree(a: float, b: float) -> bool:
    """Two positive figures of one quantity agree within FIGURES_AGREE."""
    return max(a, b) <= min(a, b) * (1 + FIGURES_AGREE)


def is_twice(ratio: float) -> bool:
    """A ratio of exactly 2 (either way), within FIGURES_AGREE: the mark of sparsity."""
    return agree(ratio, 2.0) or agree(ratio, 0.5)


def table() -> list[tuple[str, str, str]]:
    """Every tolerance and limit as (name, value, what it decides): docs/reference.md's
    table is generated from this, so the documentation cannot restate a number this file
    changed."""
    from chipcmp.model.units import format_number as n

    def ranges(limits: dict[str, tuple[float, float]], unit: str) -> str:
        return "; ".join(f"{kind} {n(low)}..{n(high)} {unit}" for kind, (low, high)
                         in limits.items())

    ceilings = ", ".join(f"{f.name} {n(f.ceiling)}" for f in precision.FORMATS.values())
    return [
        ("FIGURES_AGREE", f"{n(FIGURES_AGREE * 100)}%", "two figures of one quantity agree "
         "(sources against one another, a whole against its parts); beyond it, a conflict"),
        ("CLAIM_ROUNDING", f"{n(CLAIM_ROUNDING * 100)}%", "slack for a vendor's rounded "
         "ratio before a claim needs more than the specs give"),
        ("RESTATEMENT", f"{n(RESTATEMENT * 100)}%", "a saving s restates a ratio r when "
         "s = 1 - 1/r within this"),
        ("EXTRAORDINARY", f"{n(EXTRAORDINARY)}x", "implied advantage from which a claim is "
         "extraordinary (claims --extraordinary changes it)"),
        ("efficiency ceilings", f"{ceilings} TOPS/W", "dense TOPS/W above which digital "
         f"silicon at a precision is implausible; analog {n(precision.ANALOG_CEILING)}, "
         f"unspecified {n(precision.UNSPECIFIED_CEILING)}"),
        ("OLD_NODE_NM", f"{n(OLD_NODE_NM)} nm", "above this process node the efficiency "
         "ceiling is halved"),
        ("EFFICIENCY_FLOOR", f"{n(EFFICIENCY_FLOOR)} TOPS/W", "a product's best figure below "
         "it is a unit slip"),
        ("POWER_RANGE_W", ranges(POWER_RANGE_W, "W"), "power outside it is implausible"),
        ("COMPUTE_RANGE_TOPS", ranges(COMPUTE_RANGE_TOPS, "TOPS"), "peak compute outside it "
         "is implausible, at 8-bit operands; the upper end halves with each doubling of "
         "width (a chip's fp16 at most 10000 TFLOPS)"),
        ("MEASURED_RANGE", "; ".join(f"{unit} {low:g}..{high:g}" for unit, (low, high)
                                     in MEASURED_RANGE.items()),
         "a measured result outside it is not a measurement (not imported; an error in a "
         "catalog)"),
        ("MAX_ACCELERATORS", f"{MAX_ACCELERATORS:,}", "accelerators in one measured system"),
        ("IMPORTED_CEILING", "; ".join(f"{n(v)} {u}" for u, v in IMPORTED_CEILING.items()),
         "a dataset's cell beyond it is reported and left out"),
        ("EDGE_MAX_W", f"{n(EDGE_MAX_W)} W", "an imported product at most this is edge"),
        ("DATACENTER_MIN_W", f"{n(DATACENTER_MIN_W)} W", "a LAICS product at least this is "
         "datacenter"),
    ]


def markdown() -> str:
    """The table as Markdown, for docs/reference.md."""
    rows = ["| limit | value | what it decides |", "|---|---|---|"]
    rows += [f"| `{name}` | {value} | {what} |" for name, value, what in table()]
    return "\n".join(rows) + "\n"



# Off-chip memory of 8 GB or more gives at most so many GB/s for each GB it holds: the
# widest HBM parts reach about 40-60 (H100: 3,350 GB/s from 80 GB; V100: 900 from 16), a
# GDDR6X card about 76 (RTX 3080: 760 from 10). Above this a bandwidth is on-chip SRAM,
# or a tenfold slip. Smaller memories are left alone: old cards of 1 GB or less reached
# well over 100 GB/s a GB (GTX 280: 141 GB/s from 1 GB).
MAX_OFFCHIP_BANDWIDTH_PER_GB = 100.0
BANDWIDTH_CHECKED_FROM_GB = 8.0
