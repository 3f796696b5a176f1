"""Output: each command's answer as data (a Result of tables, records and a JSON
document), the report page, the formatters (table, csv, json, html), plots, and writing
files where the user pointed.

May import: chipcmp.analyses, chipcmp.figures, chipcmp.catalog, chipcmp.read,
chipcmp.model.
"""
