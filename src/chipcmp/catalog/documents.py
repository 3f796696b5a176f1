"""Which kind of file a parsed YAML document is, told by its top-level keys: a catalog, an
identity file (`same`, `distinct`) or a corrections file (`corrections`, `architectures`). Kept apart from
the modules that validate each kind, so that telling them apart loads none of them."""

from __future__ import annotations

CATALOG_KEYS = ("about", "sources", "products", "claims", "results", "prices")
IDENTITY_KEYS = ("same", "distinct")


def kind_of(data: object) -> str:
    """'identity', 'corrections' or 'catalog' (anything else is checked as a catalog)."""
    if not isinstance(data, dict):
        return "catalog"
    keys = set(data)
    if keys & set(IDENTITY_KEYS) and not keys & set(CATALOG_KEYS):
        return "identity"
    if keys & {"corrections", "architectures"} and "products" not in keys:
        return "corrections"
    return "catalog"
