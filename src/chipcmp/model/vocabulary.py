"""The words of the catalog that are not precisions (precision.py has those): kinds of
product, market segments, scopes and kinds of power figure. The model's choices, the
CLI's filters and the view all read them from here.
"""

KINDS = ("chip", "soc", "card", "module", "superchip", "system")
# Kinds asked for together: one accelerator (a chip or SoC, a card, a module), which is
# what `rank` compares by default (a superchip or a system holds several), or every kind.
KIND_GROUPS = {"accelerator": ("chip", "soc", "card", "module"), "all": KINDS}
SEGMENTS = ("datacenter", "edge", "automotive", "mobile", "embedded", "desktop", "research",
            "unspecified")


def kinds_of(asked: str) -> tuple[str, ...]:
    """The kinds a --kind value names: a kind, or a group of KIND_GROUPS."""
    return KIND_GROUPS.get(asked, (asked,))


# How a price per accelerator-hour is paid: on demand, on spot (interruptible; it can
# vanish), reserved (a commitment), or a list price spread over hours by the source.
PRICE_KINDS = ("on-demand", "spot", "reserved", "list")
# What a price per accelerator-hour holds of the machine around the accelerator: the
# whole instance (host included), a host's price added to the accelerator's (a cloud
# that prices them on separate rows), or the accelerator alone (a host is extra).
HOST_SHARES = ("included", "added", "not-included")

SCOPES = ("chip", "card", "module", "superchip", "system")
# The scope a product's own figures are at: an SoC's figures are its chip's.
NATURAL_SCOPE = {"chip": "chip", "soc": "chip", "card": "card", "module": "module",
                 "superchip": "superchip", "system": "system"}
# What a scope is compared as: a card (PCIe) and a module (SXM, OAM) are each one
# accelerator as sold, and compare as like with like; a chip and a system do not. A
# superchip (NVIDIA's GB200: a CPU and two GPUs on one board) is several accelerators
# sold as one part, compared with neither a single accelerator nor a whole system.
SCOPE_LEVEL = {"chip": "chip", "card": "accelerator", "module": "accelerator",
               "superchip": "superchip", "system": "system"}


def like_scopes(a: str, b: str) -> bool:
    """Whether figures at scopes `a` and `b` compare as like with like."""
    return SCOPE_LEVEL.get(a, a) == SCOPE_LEVEL.get(b, b)


# Which power figure speaks first, within one source.
POWER_KINDS = ("tdp", "max", "typical", "measured")
# Which execution units a figure is chosen from: best (a matrix figure before one of
# unstated or vector unit), matrix only, or vector only.
EXECUTION_UNITS = ("best", "matrix", "vector")
# Which memory figures rank as a product's memory: off-chip memory (HBM, GDDR, LPDDR,
# DDR) by default, on-chip SRAM on request, or any.
MEMORY_CHOICES = ("off-chip", "on-chip", "any")
# The kind of memory a figure's `type` names: (kind, pattern), the first that matches.
MEMORY_KINDS = (("sram", r"sram|on-?(chip|die)|scratchpad"), ("hbm", r"hbm"),
                ("gddr", r"gddr"), ("lpddr", r"lpddr"), ("ddr", r"\bddr"))
ON_CHIP_KINDS = ("sram",)


def memory_kind(type_text: str | None) -> str | None:
    """'hbm', 'gddr', 'lpddr', 'ddr' or 'sram' for a memory type as sources write it
    ('HBM2e', 'on-chip SRAM'), or None when it names none of them."""
    import re

    if not type_text:
        return None
    return next((kind for kind, pattern in MEMORY_KINDS
                 if re.search(pattern, type_text, re.IGNORECASE)), None)


def memory_admitted(type_text: str | None, choice: str) -> bool:
    """Whether a memory figure of this type answers `choice` (MEMORY_CHOICES). A figure
    of no stated type is taken as off-chip memory, the kind nearly every part has."""
    on_chip = memory_kind(type_text) in ON_CHIP_KINDS
    return choice == "any" or on_chip == (choice == "on-chip")


# What a product with only a sparse figure gets: left out, or the figure halved (derived).
SPARSE_POLICIES = ("exclude", "halve")


# How an execution unit is said to a reader: "tensor" (the word buyers know from
# datasheets) for a matrix unit; a figure whose source names no unit says so.
UNIT_WORDS = {"matrix": "tensor", "vector": "vector"}
UNSTATED_UNIT = "unit not stated by the source"


def unit_word(unit: str | None) -> str:
    """'tensor' for matrix, 'vector', or that the source does not state it."""
    return UNIT_WORDS.get(unit or "", UNSTATED_UNIT)
