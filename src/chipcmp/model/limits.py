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
                 "module": (1e-3, 5000.0), "system": (1e-3, 500_000.0)}

# Peak compute in TOPS (or TFLOPS) outside which a figure is implausible: 0.1 GOPS at the
# low end for every kind (below is a microcontroller or a unit slip), and at the high end
# 20 POPS for one chip, 100 POPS for a card or module, 100 EOPS for a system.
COMPUTE_RANGE_TOPS = {"chip": (1e-4, 20_000.0), "soc": (1e-4, 20_000.0),
                      "card": (1e-4, 100_000.0), "module": (1e-4, 100_000.0),
                      "system": (1e-4, 1e8)}

# Segments for imported products that state none, by power (importers.py): at most
# 15 W is a device outside the data centre (edge); a LAICS accelerator at 75 W or more
# (the PCIe slot's own budget and above) is a data-centre part.
EDGE_MAX_W = 15.0
DATACENTER_MIN_W = 75.0

# The extraordinary threshold of claim checks: against a baseline that reaches a quarter
# of its peak, the subject would need all of its own.
EXTRAORDINARY = 4.0


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
