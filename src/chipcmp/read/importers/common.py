"""What every importer shares: the result of an import, a dataset's description
(Dataset: columns, terms, how a row converts), the rows handed to a converter, the sources
made from reference URLs, stable ids."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any, Callable

from chipcmp.model.problems import Problem, Severity, error



@dataclass
class ImportResult:
    catalog: dict[str, Any]
    problems: list[Problem] = field(default_factory=list)
    rows: int = 0
    imported_rows: int = 0
    unreadable: bool = False  # the file cannot be read as the dataset at all
    made: str = "products"    # the catalog section the imported rows become
    # Names the catalogs must resolve (a price table's accelerators), by (name, memory,
    # maker) as the table gives them: where each was first read ((path, line, col)), the
    # provider, and the product a user decided it is (or None); for reporting the names
    # no product is matched to.
    names: dict[tuple[Any, ...], tuple[Any, ...]] = field(default_factory=dict)

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.severity is Severity.ERROR)

    @property
    def summary(self) -> str:
        if self.unreadable:
            return f"not imported: {len(self.problems)} problem(s) with the file itself"
        if self.made == "prices":
            return (f"{self.rows} rows: {len(self.catalog['prices'])} prices (the "
                    "latest, then cheapest, of each accelerator, provider, region and "
                    "kind, from "
                    f"{self.imported_rows} rows); {len(self.problems)} problem(s) "
                    "reported")
        if self.made != "products":
            return (f"{self.rows} files read: {self.imported_rows} {self.made}; "
                    f"{len(self.problems)} problem(s) reported")
        return (f"{self.rows} rows: {self.imported_rows} imported into "
                f"{len(self.catalog['products'])} products, "
                f"{self.rows - self.imported_rows} not imported; "
                f"{len(self.problems)} line(s) reported")


def slug_text(text: str) -> str:
    """Text as id characters (model.schema.ID_PATTERN): lower case, runs of anything else
    one '-'."""
    return re.sub(r"[^a-z0-9.]+", "-", text.lower()).strip("-.")


def slug(*parts: str) -> str:
    text = slug_text("-".join(p for p in parts if p))
    return text[:72].rstrip("-.") or "unnamed"


def number_in(text: str) -> float | None:
    """A finite number from a CSV cell ("1.25E+14", "1,248"), or None."""
    try:
        value = float(text.strip().replace(",", ""))
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def quantity_text(value: float, unit: str) -> str:
    return f"{float(f'{value:.6g}'):g} {unit}"


def first_url(text: str) -> str | None:
    for token in re.split(r"[\s;,]+", text or ""):
        if re.match(r"^https?://\S+$", token):
            return token
    return None


class Sources:
    """One source per distinct reference URL, ids stable by URL order of first use."""

    def __init__(self, prefix: str, dataset_title: str, dataset_url: str):
        self.prefix = prefix
        self.table: dict[str, dict[str, Any]] = {
            prefix: {"title": dataset_title, "kind": "dataset", "url": dataset_url}}
        self.by_url: dict[str, str] = {}

    def for_url(self, url: str | None, title: str, kind: str = "web") -> str:
        """The source for a reference URL (`kind`: web, or datasheet where the dataset's
        column says the link is one)."""
        if url is None:
            return self.prefix
        if url not in self.by_url:
            source_id = f"{self.prefix}-ref-{len(self.by_url) + 1}"
            self.by_url[url] = source_id
            self.table[source_id] = {"title": title[:200] or url, "kind": kind, "url": url}
        return self.by_url[url]


@dataclass
class DatasetRow:
    """One data row, with what the converters need to report on it."""

    path: str
    line: int
    cells: dict[str, str]
    places: dict[str, tuple[int, int]]
    result: ImportResult

    def __getitem__(self, column: str) -> str:
        return self.cells.get(column, "")

    def problem(self, column: str | None, code: str, message: str,
                severity: Callable[..., Problem] = error) -> None:
        line, col = self.places.get(column, (self.line, 1)) if column else (self.line, 1)
        self.result.problems.append(severity(self.path, line, col, code, message))


@dataclass(frozen=True)
class Described:
    """What every importer says of the data it reads: the name `chipcmp import` takes
    (its ids' prefix), the catalog's name (for --prefer), and the data's title, address
    and terms, which the catalog's `about` carries."""

    key: str              # the name `chipcmp import` takes, and its ids' prefix
    name: str             # the catalog's name (for --prefer)
    title: str
    url: str
    licence: str
    attribution: str

    @property
    def id_prefix(self) -> str:
        """What every id of the catalog it imports starts with."""
        return f"{self.key}-"

    def about(self) -> dict[str, str]:
        return {"name": self.name, "kind": "dataset", "title": self.title, "url": self.url,
                "licence": self.licence, "attribution": self.attribution}


@dataclass(frozen=True)
class Dataset(Described):
    """A public dataset chipcmp can import: its columns, its terms, how a row converts."""

    columns: dict[str, str]    # every column the converter reads -> how it reads it
    convert: Callable[[DatasetRow, "Sources", dict[str, dict[str, Any]]], bool]
    # Without these the file is not this dataset (a tuple: one of its columns will do).
    # Another edition may lack one of the other columns: its cells read as empty, and the
    # import says so.
    required: tuple[str | tuple[str, ...], ...]

    def lacking(self, present: Callable[[str], bool]) -> list[str]:
        """The required columns (or choices of columns) a file's header does not have."""
        missing = []
        for need in self.required:
            choices = need if isinstance(need, tuple) else (need,)
            if not any(map(present, choices)):
                missing.append(choices[0] if len(choices) == 1
                               else f"one of ({', '.join(choices)})")
        return missing


def is_date(text: str) -> bool:
    from chipcmp.model import dates

    try:
        dates.check(text)
    except dates.DateError:
        return False
    return bool(text)


@dataclass(frozen=True)
class NoteReading:
    """What a dataset's note says about the figure it sits beside."""

    estimate: bool = False          # "Estimated peak": the figure is approximate
    not_peak: bool = False          # "no peak": the figure is not a peak at all
    sparse: bool | None = None      # True: counts sparsity; False: said dense; None: unsaid
    said: str = ""                  # the words that said it, for the figure's `inferred`


_ESTIMATE = re.compile(r"\bestimat\w*", re.I)
_NOT_PEAK = re.compile(r"\bno(?:t an?)? peak\b|\bnot (?:the |a )?peak\b", re.I)
_DENSE = re.compile(r"\b(?:without|no|excluding|w/o) sparsity\b|\bdense\b", re.I)
_SPARSE = re.compile(r"\bwith sparsity\b|\bsparsity\b|\bsparse\b", re.I)


def read_note(text: str) -> NoteReading:
    """The reading rules for a note about one figure: an estimate is approximate; "no
    peak" is not a peak; sparsity counts unless the note says dense ("without sparsity",
    "... to dense matrices" wins over the word sparse)."""
    said = []
    estimate = _ESTIMATE.search(text)
    not_peak = _NOT_PEAK.search(text)
    dense, sparse = _DENSE.search(text), _SPARSE.search(text)
    for match in (estimate, not_peak, dense or sparse):
        if match:
            said.append(match.group(0))
    return NoteReading(bool(estimate), bool(not_peak),
                       False if dense else True if sparse else None,
                       "; ".join(dict.fromkeys(said)))
