"""The view every command reads: products as entries, each with the records that describe
it and every figure those records give, tagged with where it came from.

One catalog is the view of one: each product its own entry. Several catalogs loaded
together are merged (merge.py decides which records are one product); nothing else in
chipcmp needs to know which case it is in.

Precedence (which record, and which figure, speaks first) is decided here, once:
1. figures whose source or catalog the user preferred (`--prefer`), in the order given;
2. curated catalogs (the bundled one, and any catalog not imported from a dataset) before
   catalogs imported from survey datasets;
3. the order in which the catalogs were given.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, Iterable

from chipcmp.model.problems import UsageError
from chipcmp.model.vocabulary import NATURAL_SCOPE

if TYPE_CHECKING:  # the model imports pydantic; this module stays light
    from chipcmp.catalog.load import LoadedCatalog
    from chipcmp.model.schema import ProductSpec

CURATED, DATASET = "curated", "dataset"


# Which kind of source speaks first among figures of equal standing: the maker's
# datasheet, then a paper, then an article or web page, then someone else's report of the
# vendor's figure, then a dataset's own word.
SOURCE_RANK = {"datasheet": 0, "paper": 1, "article": 2, "web": 2, "secondary": 3,
               "dataset": 4}

@dataclass(frozen=True)
class CatalogInfo:
    """One catalog file as loaded: how to name it, what it is, where it came in the order."""

    name: str       # how --prefer names it: the catalog's own name, else the file's stem
    path: str
    kind: str       # curated | dataset
    position: int   # 0 for the first catalog given
    title: str | None = None
    licence: str | None = None
    attribution: str | None = None
    url: str | None = None
    snapshot: str | None = None   # the date the catalog's data is as of, where it says

    @property
    def stem(self) -> str:
        """The file's name without its suffix: laics for laics.yaml."""
        from pathlib import Path

        return Path(self.path).stem


@dataclass(frozen=True)
class Record:
    """One catalog's description of a product."""

    product: ProductSpec
    catalog: CatalogInfo

    @property
    def id(self) -> str:
        return self.product.id

    @property
    def scope(self) -> str:
        return NATURAL_SCOPE[self.product.kind]


@dataclass(frozen=True, eq=False)
class Sourced:
    """One figure as one record gives it: a compute, power or efficiency figure, or a
    price, process node or memory figure. `scope` is where the figure applies in the
    entry: a figure of the product as its record describes it (at the record's own
    scope) is a figure of the entry's product, whatever kind each source calls it (a
    survey's "card" is the curated catalog's "module"); a figure of a part keeps its
    scope."""

    figure: Any
    record: Record
    field: str   # "compute", "power", "efficiency", "price", "process", "memory"
    index: int   # position in the record's list (0 for a single figure)
    scope: str = ""
    added_by: str | None = None  # the corrections file that added it to the record

    @property
    def origin(self) -> str:
        """Where the figure comes from, as show and the API credit it: the corrections
        file that added it, else its record's catalog."""
        if self.added_by is not None:
            from pathlib import Path

            return f"corrections {Path(self.added_by).name}"
        return self.record.catalog.name

    @property
    def key(self) -> tuple[str, str, int]:
        return (self.record.id, self.field, self.index)

    @property
    def source(self) -> str:
        return self.figure.source

    @property
    def value(self) -> float:
        figure = self.figure
        return (figure.peak if self.field == "compute" else figure.value).value

    @property
    def catalog(self) -> CatalogInfo:
        return self.record.catalog


@dataclass(eq=False)
class Entry:
    """One product of the view: its records, in precedence order."""

    id: str
    records: list[Record]
    view: View = field(repr=False)
    ambiguous: list[str] = field(default_factory=list)  # candidate entries it may be
    matched_because: list[str] = field(default_factory=list)
    as_kind: str | None = None  # a record seen as the product it belongs to

    representative: Record | None = None  # whose id and name the entry takes

    @property
    def first(self) -> ProductSpec:
        """The record that names the product: the first by precedence, or the most
        specific name (merge.py) when only datasets describe it."""
        return (self.representative or self.records[0]).product

    @property
    def name(self) -> str:
        return self.first.name

    @property
    def vendor(self) -> str:
        return self.first.vendor

    @cached_property
    def kind(self) -> str:
        """The first record's kind, or the first stated one when the first's is only an
        importer's default."""
        if self.as_kind:
            return self.as_kind
        stated = [r.product.kind for r in self.records if r.product.kind_stated]
        return self.first.kind if self.first.kind_stated or not stated else stated[0]

    @property
    def scope(self) -> str:
        return NATURAL_SCOPE[self.kind]

    @property
    def segment(self) -> str:
        return next((r.product.segment for r in self.records
                     if r.product.segment != "unspecified"), "unspecified")

    @property
    def ids(self) -> list[str]:
        return [r.id for r in self.records]

    @property
    def catalogs(self) -> list[CatalogInfo]:
        return list(dict.fromkeys(r.catalog for r in self.records))

    @property
    def contains(self) -> list[Any]:
        """The parts, from the first record that lists any."""
        return next((r.product.contains for r in self.records if r.product.contains), [])

    @cached_property
    def formats(self) -> set[str]:
        """The precision families the product computes in, where a record says (a
        correction, usually); empty when no source says."""
        from chipcmp.model import precision

        return {precision.family(f) for r in self.records for f in r.product.formats}

    @cached_property
    def matrix_formats(self) -> set[str]:
        """The precision families its matrix (tensor) units compute in, where a record
        says (its architecture, usually): at those, a vector figure is not its peak."""
        from chipcmp.model import precision

        return {precision.family(f) for r in self.records for f in r.product.matrix_formats}

    @cached_property
    def cited_sources(self) -> set[str]:
        """Every source id the product's records cite."""
        from chipcmp.model.schema import sourced_mappings

        return {node["source"] for record in self.records
                for _, node in sourced_mappings(record.product.model_dump())}

    @cached_property
    def corrections(self) -> list[Any]:
        """The corrections applied to the product's records (catalog/corrections.py)."""
        return [a for a in self.view.catalog.corrections if a.record in self.ids]

    @cached_property
    def compute(self) -> list[Sourced]:
        return self._gather("compute")

    @cached_property
    def power(self) -> list[Sourced]:
        return self._gather("power")

    @cached_property
    def efficiency(self) -> list[Sourced]:
        return self._gather("efficiency")

    @cached_property
    def price(self) -> list[Sourced]:
        return self._single("price")

    @cached_property
    def process(self) -> list[Sourced]:
        return self._single("process")

    @cached_property
    def memory(self) -> list[Sourced]:
        return self._single("memory")

    def items(self, name: str) -> list[Any]:
        """A list field of every record (benchmarks, milestones, video_decode), in order."""
        return [item for r in self.records for item in getattr(r.product, name)]

    def _scope(self, figure: Any, record: Record) -> str:
        own = getattr(figure, "scope", None)
        if not record.product.kind_stated:  # the importer's default scope: the product's
            return self.scope
        return self.scope if own is None or own == record.scope else own

    def _gather(self, name: str) -> list[Sourced]:
        added = {id(f): a.file for a in self.corrections for f in a.figures}
        found = [Sourced(figure, record, name, index, self._scope(figure, record),
                         added.get(id(figure)))
                 for record in self.records
                 for index, figure in enumerate(getattr(record.product, name))]
        found.sort(key=self.view.precedence)
        return found

    def _single(self, name: str) -> list[Sourced]:
        found = [Sourced(getattr(r.product, name), r, name, 0, self.scope) for r in self.records
                 if getattr(r.product, name) is not None]
        found.sort(key=self.view.precedence)
        return found


class View:
    """Entries over a loaded catalog, with the precedence that orders their figures."""

    def __init__(self, catalog: LoadedCatalog, infos: dict[str, CatalogInfo],
                 groups: Iterable[list[str]] | None = None, prefer: Iterable[str] = (),
                 ambiguous: dict[str, list[str]] | None = None,
                 reasons: dict[str, list[str]] | None = None):
        self.catalog = catalog
        self.infos = infos  # by file path
        self.prefer = tuple(prefer)
        # Figures found implausible, by figure key, and every finding in entry order: set
        # once, when the view is built (figures/flags.py), before any command reads it.
        self.flags: dict[tuple[str, str, int], Any] = {}
        self.flag_list: list[Any] = []
        # The flags of memory figures, by the field they concern (capacity, bandwidth).
        self.memory_flags: dict[str, dict[tuple[str, str, int], Any]] = {}
        # How the records were grouped, if merged (catalog/matching.Matching; the view
        # does not import matching, which reads views).
        self.matching: Any = None
        self._check_prefer()
        by_product = catalog.file_of
        grouped = list(groups) if groups is not None else [[pid] for pid in catalog.products]
        self.entries: dict[str, Entry] = {}
        self._by_id: dict[str, Entry] = {}
        for members in grouped:
            records = [Record(catalog.products[pid], infos[by_product[pid]]) for pid in members]
            records.sort(key=self._record_order)
            named = _representative(records)
            entry = Entry(named.id, records, self, representative=named)
            if reasons:
                entry.matched_because = reasons.get(entry.id, [])
            self.entries[entry.id] = entry
            for record in records:
                self._by_id[record.id] = entry
        for entry_id, candidates in (ambiguous or {}).items():
            entry = self._by_id.get(entry_id)
            if entry is not None:
                entry.ambiguous = list(dict.fromkeys(self._by_id[c].id for c in candidates
                                                     if c in self._by_id))

    # ------------------------------------------------------------------ precedence
    def _preferred(self, source: str | None, info: CatalogInfo) -> int:
        for index, wanted in enumerate(self.prefer):
            if wanted in (source, info.name, info.path, info.stem):
                return index
        return len(self.prefer)

    def _record_order(self, record: Record) -> tuple[Any, ...]:
        info = record.catalog
        return (self._preferred(record.product.source, info), info.kind != CURATED,
                info.position, record.id)

    def _source_rank(self, source_id: str | None) -> int:
        source = self.catalog.sources.get(source_id) if source_id else None
        return SOURCE_RANK.get(source.kind, len(SOURCE_RANK)) if source else len(SOURCE_RANK)

    def precedence(self, sourced: Sourced) -> tuple[Any, ...]:
        """The sort key of a figure: preferred first, curated before datasets, a
        datasheet before a paper, an article or a dataset's own word, then the order of
        the catalogs, then the record and the figure's place in it."""
        info = sourced.catalog
        return (self._preferred(sourced.source, info), info.kind != CURATED,
                self._source_rank(sourced.source), info.position, sourced.record.id,
                sourced.index)

    def why_first(self, chosen: Sourced, others: Iterable[Sourced]) -> str:
        """Why `chosen` comes before figures of the same kind from other records, in words:
        the precedence rule that decided it."""
        others = [o for o in others if o.record is not chosen.record]
        if not others:
            return "the only source"
        info = chosen.catalog
        mine = self._preferred(chosen.source, info)
        if mine < len(self.prefer) and any(self._preferred(o.source, o.catalog) > mine
                                           for o in others):
            return f"preferred (--prefer {self.prefer[mine]})"
        if info.kind == CURATED and any(o.catalog.kind != CURATED for o in others):
            return f"the curated catalog ({info.name}) before survey datasets"
        rank = self._source_rank(chosen.source)
        if any(self._source_rank(o.source) > rank for o in others):
            kind = self.catalog.sources[chosen.source].kind
            return f"a {kind} ({chosen.source}) before the others' sources"
        later = [o.catalog.name for o in others if o.catalog.position > info.position]
        if later:
            return f"{info.name} was given before {', '.join(dict.fromkeys(later))}"
        return "first by precedence"

    def _check_prefer(self) -> None:
        known = {i.name for i in self.infos.values()} | set(self.infos) | \
            {i.stem for i in self.infos.values()} | set(self.catalog.sources)
        unknown = [p for p in self.prefer if p not in known]
        if unknown:
            names = sorted({i.name for i in self.infos.values()})
            raise UsageError(f"--prefer {unknown[0]!r} names no catalog or source loaded; "
                             f"catalogs: {', '.join(names)}")

    # ------------------------------------------------------------------ lookup
    def __iter__(self):
        return iter(self.entries.values())

    def __len__(self) -> int:
        return len(self.entries)

    def find(self, product_id: str) -> Entry | None:
        """The entry a product id belongs to (any record's id)."""
        return self._by_id.get(product_id)

    def get(self, product_id: str) -> Entry:
        """The entry for an id, or a usage error that suggests close ids."""
        entry = self._by_id.get(product_id)
        if entry is None:
            import difflib

            close = difflib.get_close_matches(product_id, list(self._by_id), n=3)
            hint = f"; did you mean {', '.join(close)}?" if close else ""
            raise UsageError(f"unknown product id {product_id!r}{hint} "
                             f"('chipcmp find TEXT' searches ids and names)")
        return entry

    def record_entry(self, product_id: str) -> Entry:
        """One record on its own, as an entry (to set two sources of one product side
        by side)."""
        entry = self.get(product_id)
        record = next(r for r in entry.records if r.id == product_id)
        return Entry(record.id, [record], self, as_kind=entry.kind)


def _representative(records: list[Record]) -> Record:
    """The record a merged product is named after: a curated one if any (in precedence
    order), else the one whose name says the most about the variant (the SXM5 80 GB, not
    the bare "H100")."""
    if len(records) == 1 or records[0].catalog.kind == CURATED:
        return records[0]
    from chipcmp.catalog.names import read_name

    def specificity(record: Record) -> int:
        return len(read_name(record.id, record.product.name, record.product.vendor).variant)

    return max(records, key=specificity)  # max keeps the first of equals: precedence
