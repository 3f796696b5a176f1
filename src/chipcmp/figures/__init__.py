"""Figures: which compute and power figure a product contributes at a precision, unit,
scope and sparse policy (the one selection point), the sum of parts, and the plausibility
flags, built once, eagerly, with the view every command reads.

May import: chipcmp.catalog, chipcmp.read, chipcmp.model.
"""
