"""How a product stands in a record (CSV and JSON rows): the identity columns every
answer starts with, and numbers as bare floats (the bound in a column of its own)."""

from __future__ import annotations

from typing import Any

from chipcmp.model.bounds import Bounded

IDENTITY_COLUMNS = ["id", "name", "vendor", "kind", "segment"]


def identity(entry: Any) -> dict[str, Any]:
    """The identity columns of a product (catalog.view.Entry)."""
    return {"id": entry.id, "name": entry.name, "vendor": entry.vendor, "kind": entry.kind,
            "segment": entry.segment}


def number(value: Bounded | None) -> float | None:
    return None if value is None else round(value.value, 12)
