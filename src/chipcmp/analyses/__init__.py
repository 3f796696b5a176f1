"""Analyses over the flagged view: the metric registry and ranking, filters, the field
(compute against power), claim checks, crosscheck of sources, and validate's lint rules.
Nothing here prints or formats text for people beyond the messages of its findings.

May import: chipcmp.figures, chipcmp.catalog, chipcmp.read, chipcmp.model.
"""
