"""Union-find: items joined into groups, each group named by one of its members. The one
implementation that matching records across catalogs and checking identity decisions
both use."""

from __future__ import annotations

from typing import Hashable, Iterable


class UnionFind:
    """Groups of items: `find` names an item's group, `union` joins two groups, and
    `members` lists each group's items (by the name of the group)."""

    def __init__(self, items: Iterable[Hashable] = ()):
        self.parent: dict[Hashable, Hashable] = {}
        self.members: dict[Hashable, list[Hashable]] = {}
        for item in items:
            self.add(item)

    def add(self, item: Hashable) -> None:
        if item not in self.parent:
            self.parent[item] = item
            self.members[item] = [item]

    def find(self, item: Hashable) -> Hashable:
        self.add(item)
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]  # halve the path
            item = self.parent[item]
        return item

    def union(self, a: Hashable, b: Hashable) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra
            self.members[ra] += self.members.pop(rb)

    def joined(self, a: Hashable, b: Hashable) -> bool:
        return a in self.parent and b in self.parent and self.find(a) == self.find(b)
