"""The words of the catalog that are not precisions (precision.py has those): kinds of
product, market segments, scopes and kinds of power figure. The model's choices, the
CLI's filters and the view all read them from here.
"""

KINDS = ("chip", "soc", "card", "module", "system")
SEGMENTS = ("datacenter", "edge", "automotive", "mobile", "embedded", "desktop", "research",
            "unspecified")
SCOPES = ("chip", "card", "module", "system")
# The scope a product's own figures are at: an SoC's figures are its chip's.
NATURAL_SCOPE = {"chip": "chip", "soc": "chip", "card": "card", "module": "module",
                 "system": "system"}
# Which power figure speaks first, within one source.
POWER_KINDS = ("tdp", "max", "typical", "measured")
# Which execution units a figure is chosen from: best (a matrix figure before one of
# unstated or vector unit), matrix only, or vector only.
EXECUTION_UNITS = ("best", "matrix", "vector")
# What a product with only a sparse figure gets: left out, or the figure halved (derived).
SPARSE_POLICIES = ("exclude", "halve")
