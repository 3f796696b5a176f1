"""The catalog: catalog files loaded and validated item by item, identity files, the
matching of records across catalogs, the merged view (one entry a product, every source
kept, precedence) and search by name.

May import: chipcmp.read, chipcmp.model.
"""
