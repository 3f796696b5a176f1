"""The model: the words and numbers every other layer speaks, with no I/O.

Problems (located, as data), the vocabulary (kinds, segments, scopes, bound words),
precision families, units and quantities, partial dates, bounded numbers, tolerances and
plausibility limits, the numbers a quote states, and the catalog's schema (pydantic).

May import: nothing of chipcmp's outside this package.
"""
