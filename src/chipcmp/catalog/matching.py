"""Which records, across the catalogs loaded together, describe one product (one SKU).

Each name (a record's name, and each of its curated aliases) is read as a vendor, a model
and a variant:
- the vendor: the words of the vendor field, without legal and generic words, a
  subsidiary read as its parent (VENDOR_PARENTS: Habana is Intel);
- the model: the name's words without the vendor's, without product-line and
  architecture words that sources add or leave out (LINE_WORDS: "Tesla T4" is "T4",
  "Ampere A100" is "A100"), and without the variant's;
- the variant: the form factor (PCIe, SXM, SXM2..SXM5, NVL, DGXS, OAM; a bare SXM fits any
  SXMn) and the memory size ("40 GB").

Two records of different catalogs are one product when a name of each has the same model,
vendors that share a word, the same variant, and kinds that can be one product: a chip (or
SoC) is never its card, module or system, while sources call one board a card, a module
or a system as they please. A name with less variant than another of the same model
("A100" beside "A100 PCIe" and "A100 SXM4 40 GB") could be several products: it is
reported ambiguous with its candidates and left apart, never merged by guess. Records of
one catalog are never merged with each other: a catalog's products are distinct by its own
account. Matches are transitive, except that a group never takes in two records of one
catalog (the second is left apart and reported).

Identity files (identity.py) decide what the rules cannot: `same` groups are merged
whatever the rules say, `distinct` groups never are.
"""

from __future__ import annotations

import weakref

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from chipcmp.catalog.names import (LINE_WORDS, VENDOR_PARENTS, Name, read_name,
                                   vendor_words, words)
from chipcmp.model.groups import UnionFind

if TYPE_CHECKING:
    from chipcmp.catalog.load import LoadedCatalog
    from chipcmp.catalog.identity import Decisions
    from chipcmp.model.schema import ProductSpec
    from chipcmp.catalog.view import CatalogInfo, View  # types only; view imports none of this

CHIP_KINDS = frozenset({"chip", "soc"})


@dataclass
class Matching:
    groups: list[list[str]]                                        # product ids
    ambiguous: dict[str, list[str]] = field(default_factory=dict)  # id -> candidate ids
    reasons: dict[str, list[str]] = field(default_factory=dict)    # id -> why, its group's
    kept_apart: list[str] = field(default_factory=list)            # near misses, explained
    unknown_ids: list[str] = field(default_factory=list)           # in identity decisions
    distinct: set[frozenset[str]] = field(default_factory=set)     # pairs decided apart


def _forms_fit(a: str | None, b: str | None) -> bool:
    return a == b or (a is not None and b is not None and
                      {a[:3], b[:3]} == {"sxm"} and "sxm" in (a, b))


def same_variant(a: Name, b: Name) -> bool:
    return (set(a.variant) == set(b.variant) and _forms_fit(a.form, b.form)
            and a.memory == b.memory)


def less_specific(a: Name, b: Name) -> bool:
    """a names fewer variant attributes than b, and none that b contradicts."""
    if not set(a.variant) < set(b.variant):
        return False
    return (a.form is None or _forms_fit(a.form, b.form)) and \
        (a.memory is None or a.memory == b.memory)


def kinds_fit(a: ProductSpec, b: ProductSpec) -> bool:
    """A chip is not its card, module or system, unless one of the two kinds is only an
    importer's default (the dataset does not say)."""
    if not (a.kind_stated and b.kind_stated):
        return True
    return (a.kind in CHIP_KINDS) == (b.kind in CHIP_KINDS)


class _Groups(UnionFind):
    """Union-find over records that never puts two records of one catalog, or two
    records decided distinct, in one group."""

    def __init__(self, ids: list[str], file_of: dict[str, str]):
        super().__init__(ids)
        self.file_of = file_of
        self.apart: set[frozenset[str]] = set()

    def blocked(self, a: str, b: str, across_catalogs: bool = True) -> str | None:
        """Why a and b's groups cannot be one, or None."""
        ga, gb = self.members[self.find(a)], self.members[self.find(b)]
        if any(frozenset((x, y)) in self.apart for x in ga for y in gb):
            return "an identity file keeps them apart"
        if across_catalogs and {self.file_of[x] for x in ga} & {self.file_of[y] for y in gb}:
            return "the group would hold two records of one catalog"
        return None


def match(catalog: LoadedCatalog, infos: dict[str, CatalogInfo],
          decisions: Decisions | None = None) -> Matching:
    products = catalog.products
    file_of = catalog.file_of
    groups = _Groups(list(products), file_of)
    reasons: dict[str, list[str]] = defaultdict(list)
    result = Matching([])
    decided: set[str] = set()
    if decisions is not None:
        for decision, path in decisions.distinct:
            present = [i for i in decision.ids if i in products]
            result.unknown_ids += [f"{i} ({path})" for i in decision.ids if i not in products]
            for n, a in enumerate(present):
                for b in present[n + 1:]:
                    groups.apart.add(frozenset((a, b)))
        for decision, path in decisions.same:
            present = [i for i in decision.ids if i in products]
            result.unknown_ids += [f"{i} ({path})" for i in decision.ids if i not in products]
            for other in present[1:]:
                why = groups.blocked(present[0], other, across_catalogs=False)
                if why:
                    result.kept_apart.append(f"{present[0]} and {other}: decided same in "
                                             f"{path}, but {why}")
                    continue
                groups.union(present[0], other)
                for i in (present[0], other):
                    reasons[i].append(f"{present[0]} = {other}: {decision.reason} ({path})")
            decided.update(present)

    result.distinct = set(groups.apart)
    by_model: dict[tuple[str, ...], list[Name]] = defaultdict(list)
    for product in products.values():
        for text in [product.name, *product.aliases]:
            name = read_name(product.id, text, product.vendor)
            if name.model:
                by_model[name.model].append(name)

    ambiguous: dict[str, set[str]] = defaultdict(set)
    for model, names in by_model.items():
        if len(names) < 2:
            continue
        for a in names:
            for b in names:
                if a.record != b.record and a.vendors & b.vendors and less_specific(a, b) \
                        and kinds_fit(products[a.record], products[b.record]):
                    ambiguous[a.record].add(b.record)
    # A record is ambiguous when none of its names is specific enough to be matched.
    specific = {n.record for names in by_model.values() for n in names
                if not any(n.vendors & o.vendors and less_specific(n, o) for o in names)}
    for record in list(ambiguous):
        if record in specific or record in decided:
            del ambiguous[record]

    for model, names in by_model.items():
        for n, a in enumerate(names):
            for b in names[n + 1:]:
                if a.record == b.record or a.record in ambiguous or b.record in ambiguous:
                    continue
                if file_of[a.record] == file_of[b.record] or not (a.vendors & b.vendors):
                    continue
                if not same_variant(a, b):
                    continue
                pa, pb = products[a.record], products[b.record]
                if not kinds_fit(pa, pb):
                    result.kept_apart.append(
                        f"{a.record} ({pa.kind}) and {b.record} ({pb.kind}): same name "
                        f"{' '.join(model)!r}, but a chip is not its card, module or system")
                    continue
                if groups.find(a.record) == groups.find(b.record):
                    continue
                why = groups.blocked(a.record, b.record)
                if why:
                    result.kept_apart.append(f"{a.record} and {b.record}: same name "
                                             f"{' '.join(model)!r}, but {why}")
                    continue
                groups.union(a.record, b.record)
                text = (f"{a.record} and {b.record}: same vendor, model "
                        f"{' '.join(model)!r} and variant ({a.describe_variant()})"
                        + (f", by the alias {a.text!r}" if a.text not in (pa.name,) else "")
                        + (f", by the alias {b.text!r}" if b.text not in (pb.name,) else "")
                        + (f"; kinds {pa.kind} and {pb.kind}, one only an importer's default"
                           if pa.kind != pb.kind else ""))
                reasons[a.record].append(text)
                reasons[b.record].append(text)

    result.groups = list(groups.members.values())
    result.ambiguous = {record: sorted(candidates) for record, candidates in ambiguous.items()}
    for group in result.groups:
        merged = sorted({w for pid in group for w in reasons.get(pid, [])})
        for pid in group:
            result.reasons[pid] = merged
    return result


# ----------------------------------------------------- names outside the catalogs
# A fraction of an accelerator (an NVIDIA MIG slice, "1x1g.10gb MIG") is not one.
_PARTIAL = re.compile(r"\bmig\b|\b\d+g\.\d+gb\b", re.I)
# A Cloud TPU slice named by cores, "tpu-v3.8" / "TPU v3-8": several chips, not one.
_TPU_SLICE = re.compile(r"\btpu[- ]?v\d+[.-]\d+\b", re.I)
# A note in brackets that is no part of the name: a power limit, "(400W)".
_NOTE = re.compile(r"\(\s*\d+(?:\.\d+)?\s*w\s*\)", re.I)


@dataclass(frozen=True)
class NameMatch:
    """Which product a name written outside the catalogs (an MLPerf submission's
    accelerator) is: `entry` when exactly one fits, else the candidates and why not."""

    entry: Any = None
    candidates: tuple[Any, ...] = ()
    why: str = ""
    # No product, but one that differs only in its memory (A100 80GB for the catalog's
    # A100 40GB): the same compute in most lines, never taken as the same product; a
    # claim check may take its results, and says so.
    memory_variant_of: Any = None


def product_named(view: View, text: str) -> NameMatch:
    """The one product a name means, by the rules that match records: vendor words the
    name carries (of vendors the loaded catalogs know), the model, and a variant that
    fits (an exact variant first; a product name that says less is taken only when it is
    the only fit). A fraction of an accelerator, or a name several products fit, is no
    match, and says why; nothing is guessed."""
    if _PARTIAL.search(text):
        return NameMatch(why="a fraction of an accelerator (a MIG slice), not one")
    if _TPU_SLICE.search(text):
        return NameMatch(why="a Cloud TPU slice named by its cores (v3-8: 8 cores on 4 "
                             "chips), not one TPU: its count of chips is not in the name")
    clean = _NOTE.sub(" ", text)
    known = _known_vendors(view)
    # A vendor's name glued to the model ("Hailo8") is the vendor and the model.
    clean = " ".join(_split_vendor(word, known) for word in clean.split())
    said = {VENDOR_PARENTS.get(w, w) for w in words(clean)} & known
    name = read_name("", clean, " ".join(sorted(said)))
    # A vendor's name that is also another vendor's product line ("Tesla T4": NVIDIA's
    # Tesla line) does not by itself narrow the products to that vendor's.
    required = said - LINE_WORDS
    if not name.model:
        return NameMatch(why="no model in the name")
    exact: list[Any] = []
    fits: dict[Any, int] = {}  # entry -> how many variant attributes it shares
    memory_variants: list[Any] = []
    for entry, other in _names_by_model(view).get("".join(name.model), ()):
        if required and not required & other.vendors:
            continue
        if same_variant(name, other):
            exact.append(entry)
        elif less_specific(other, name) or less_specific(name, other):
            shared = len(set(other.variant) & set(name.variant))
            fits[entry] = max(fits.get(entry, 0), shared)
        elif _differs_in_memory_only(name, other):
            memory_variants.append(entry)
    exact = list(dict.fromkeys(exact))
    if len(exact) == 1:
        return NameMatch(exact[0])
    # Else the closest fit: the products sharing the most of the name's variant.
    best = max(fits.values(), default=0)
    closest = exact or [entry for entry, shared in fits.items() if shared == best]
    if len(closest) == 1:
        return NameMatch(closest[0])
    if closest:
        return NameMatch(candidates=tuple(closest),
                         why="several products fit: " + ", ".join(e.id for e in closest))
    variants = list(dict.fromkeys(memory_variants))
    closest = _containing(view, name, required)
    if len(variants) == 1:
        return NameMatch(why=f"no product of the loaded catalogs has this name; it is the "
                             f"{name.memory} memory variant of {variants[0].name} "
                             f"({variants[0].id}), not the same product",
                         memory_variant_of=variants[0])
    if closest:
        return NameMatch(why="no product of the loaded catalogs has this name; products "
                             "whose names contain it (not taken as it): "
                             + ", ".join(closest[:3]))
    return NameMatch(why="no product of the loaded catalogs has this name")


_BY_MODEL: "weakref.WeakKeyDictionary[Any, dict[str, list[tuple[Any, Name]]]]" = \
    weakref.WeakKeyDictionary()
_VENDORS: "weakref.WeakKeyDictionary[Any, set[str]]" = weakref.WeakKeyDictionary()
_OWN_NAMES: "weakref.WeakKeyDictionary[Any, list[tuple[Any, Any, Name]]]" = \
    weakref.WeakKeyDictionary()


def _known_vendors(view: View) -> set[str]:
    """The vendor words of every record of the view, read once a view."""
    found = _VENDORS.get(view)
    if found is None:
        found = _VENDORS[view] = {w for entry in view for r in entry.records
                                  for w in vendor_words(r.product.vendor)}
    return found


def _names_by_model(view: View) -> dict[str, list[tuple[Any, Name]]]:
    """Every name and alias of the view's records, read once a view, by model: a name
    written outside the catalogs is then set against the products of its model only
    (an MLPerf round names about seventy accelerators; each used to read every name)."""
    found = _BY_MODEL.get(view)
    if found is None:
        found = _BY_MODEL[view] = {}
        for entry in view:
            for record in entry.records:
                for written in (record.product.name, *record.product.aliases):
                    other = read_name(record.id, written, record.product.vendor)
                    found.setdefault("".join(other.model), []).append((entry, other))
    return found


def _split_vendor(word: str, vendors: set[str]) -> str:
    lowered = word.lower()
    for vendor in vendors:
        if len(vendor) >= 3 and lowered.startswith(vendor) and \
                lowered[len(vendor):len(vendor) + 1].isdigit():
            return f"{word[:len(vendor)]} {word[len(vendor):]}"
    return word


def _containing(view: View, name: Name, required: set[str]) -> list[str]:
    """Products whose model has every word of the name's model and more: suggestions for
    a reader, never a match ('Goya' is in 'Goya HL-1000', and might be another Goya)."""
    wanted = set(name.model)
    names = _OWN_NAMES.get(view)
    if names is None:
        names = _OWN_NAMES[view] = [
            (entry, record, read_name(record.id, record.product.name, record.product.vendor))
            for entry in view for record in entry.records]
    found: dict[str, str] = {}
    for entry, record, other in names:
        if entry.id not in found and \
                (wanted < set(other.model) or wanted < set(other.model) | other.vendors) \
                and not (required and not required & other.vendors):
            found[entry.id] = f"{entry.id} ({record.product.name})"
    return list(found.values())


def memory_variants(a: Any, b: Any) -> bool:
    """Two products (view entries) that are one model in two memory sizes (the A100 40GB
    and 80GB SXM): the same vendor and model, forms that fit, memories that differ."""
    for left in a.records:
        one = read_name(left.id, left.product.name, left.product.vendor)
        for right in b.records:
            other = read_name(right.id, right.product.name, right.product.vendor)
            if "".join(one.model) == "".join(other.model) and one.vendors & other.vendors \
                    and _differs_in_memory_only(one, other):
                return True
    return False


def _differs_in_memory_only(a: Name, b: Name) -> bool:
    return (_forms_fit(a.form, b.form) and a.memory is not None
            and b.memory is not None and a.memory != b.memory)


def accelerator_named(view: View, text: str, memory: str | None = None,
                      vendor: str | None = None) -> NameMatch:
    """The product an accelerator named outside the catalogs is, where it is one
    accelerator: an MLPerf submission's, a cloud price table's. A product id is that
    product; else the name, with the memory the source states where the name does not
    say it (what picks the SKU: "A100-SXM4" with 40 GB) and its vendor where the source
    names one, is matched by product_named. A name that matches a superchip made of one
    accelerator stands for that accelerator (a submission or an instance counts GPUs:
    72 for a GB200 NVL72, whose 36 superchips hold two Blackwell GPUs each)."""
    by_id = view.find(text)
    if by_id is not None:
        return _counted(view, NameMatch(by_id))
    name = text
    if memory and read_name("", text, "").memory is None:
        name = f"{name} {memory}"
    if vendor and not set(words(vendor)) & set(words(name)):
        name = f"{vendor} {name}"
    return _counted(view, product_named(view, name))


def _counted(view: View, match: NameMatch) -> NameMatch:
    """A superchip made of one kind of accelerator, as that accelerator."""
    from dataclasses import replace

    from chipcmp.model.vocabulary import kinds_of

    entry = match.entry
    if entry is None or entry.kind != "superchip":
        return match
    parts = [view.find(p.product) for p in entry.contains]
    accelerators = {p.id: p for p in parts if p is not None
                    and p.kind in kinds_of("accelerator")}
    if len(accelerators) != 1:
        return match
    return replace(match, entry=next(iter(accelerators.values())))
