"""Which records, across the catalogs loaded together, describe one product.

Two records from different catalogs are the same product when a name or alias of one
equals a name or alias of the other after normalising (lower case, letters and digits
only) and their vendors' first words agree, or when a curated alias equals the other's
name outright. Matches are transitive. Records of one catalog are never merged: a
catalog's products are distinct by its own account.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .catalog import Catalog
    from .view import CatalogInfo


@dataclass
class Matching:
    groups: list[list[str]]                                   # product ids, every record once
    ambiguous: dict[str, list[str]] = field(default_factory=dict)
    reasons: dict[str, list[str]] = field(default_factory=dict)  # by any member id


def normalise(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", text.lower())


def vendor_word(vendor: str) -> str:
    words = re.findall(r"[a-z0-9]+", vendor.lower())
    return words[0] if words else ""


def match(catalog: Catalog, infos: dict[str, CatalogInfo]) -> Matching:
    products = list(catalog.products.values())
    file_of = catalog.file_of
    parent = list(range(len(products)))
    reasons: dict[int, list[str]] = defaultdict(list)

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int, why: str) -> None:
        if file_of[products[i].id] == file_of[products[j].id]:
            return  # one catalog's records are distinct products
        if find(i) != find(j):
            parent[find(i)] = find(j)
            reasons[i].append(why)
            reasons[j].append(why)

    by_name: dict[tuple[str, str], list[int]] = defaultdict(list)
    for index, product in enumerate(products):
        vendor = vendor_word(product.vendor)
        for name in [product.name, *product.aliases]:
            by_name[(normalise(name), vendor)].append(index)
    for (name, vendor), indices in by_name.items():
        for other in indices[1:]:
            union(indices[0], other, f"{products[indices[0]].id} and {products[other].id}: "
                                     f"same name {name!r} and vendor {vendor!r}")
    names: dict[str, list[int]] = defaultdict(list)
    for index, product in enumerate(products):
        names[normalise(product.name)].append(index)
    for index, product in enumerate(products):
        for alias in product.aliases:
            for other in names.get(normalise(alias), []):
                union(index, other, f"{product.id}'s alias {alias!r} is "
                                    f"{products[other].id}'s name")
    groups: dict[int, list[str]] = defaultdict(list)
    for index, product in enumerate(products):
        groups[find(index)].append(product.id)
    result = Matching(list(groups.values()))
    for index, why in reasons.items():
        result.reasons.setdefault(products[index].id, []).extend(why)
    for group in result.groups:
        merged = sorted({w for pid in group for w in result.reasons.get(pid, [])})
        for pid in group:
            result.reasons[pid] = merged
    return result
