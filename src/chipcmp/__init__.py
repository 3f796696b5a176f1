"""chipcmp: compare AI accelerators from a curated, sourced catalog."""

__version__ = "0.1.0"
