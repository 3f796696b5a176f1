"""Importers for public datasets: each turns a CSV file into a chipcmp catalog (YAML text)
that validates, and accounts for every row: imported, or reported with its place in the
file (`path:line:col: severity code message`) and the reason. Nothing is dropped
silently, and damaged input is reported, never a crash (csvread.py reads the rows).

- LAICS 2023 (MIT Lincoln Laboratory): one row per product x precision x form factor;
  PeakPerformance in ops/s, Power in W, which LAICS means as peak power of the form
  factor (chip, card or system): imported as power kind "max" at that scope.
- Epoch AI, "Data on Machine Learning Hardware": one row per product; FLOP/s and OP/s
  per precision, TDP in W (imported as kind "tdp" at card scope: the accelerator as
  sold), release price, memory, process, datasheet links.

Segments: neither dataset states one. LAICS surveys AI accelerators (no consumer
graphics), so its power says it: at most limits.EDGE_MAX_W is edge, at least
limits.DATACENTER_MIN_W is datacenter, in between unspecified. Epoch also lists consumer
and workstation GPUs, so only the edge rule applies to it.

Ids are stable across runs: derived from the names, never from row order, with a suffix
only for names that collide after slugging (in file order, which is stable too).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from chipcmp.model import limits
from chipcmp.model import precision as precision_vocabulary
from chipcmp.model.problems import Problem, Severity, error, warning


@dataclass
class ImportResult:
    catalog: dict[str, Any]
    problems: list[Problem] = field(default_factory=list)
    rows: int = 0
    imported_rows: int = 0
    unreadable: bool = False  # the file cannot be read as the dataset at all

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.severity is Severity.ERROR)

    @property
    def summary(self) -> str:
        if self.unreadable:
            return f"not imported: {len(self.problems)} problem(s) with the file itself"
        return (f"{self.rows} rows: {self.imported_rows} imported into "
                f"{len(self.catalog['products'])} products, "
                f"{self.rows - self.imported_rows} not imported; "
                f"{len(self.problems)} line(s) reported")


def slug(*parts: str) -> str:
    text = "-".join(p for p in parts if p)
    text = re.sub(r"[^a-z0-9.]+", "-", text.lower()).strip("-.")
    return text[:72].rstrip("-.") or "unnamed"


def _number(text: str) -> float | None:
    """A finite number from a CSV cell ("1.25E+14", "1,248"), or None."""
    try:
        value = float(text.strip().replace(",", ""))
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _quantity(value: float, unit: str) -> str:
    return f"{float(f'{value:.6g}'):g} {unit}"


def _first_url(text: str) -> str | None:
    for token in re.split(r"[\s;,]+", text or ""):
        if re.match(r"^https?://\S+$", token):
            return token
    return None


class _Sources:
    """One source per distinct reference URL, ids stable by URL order of first use."""

    def __init__(self, prefix: str, dataset_title: str, dataset_url: str):
        self.prefix = prefix
        self.table: dict[str, dict[str, Any]] = {
            prefix: {"title": dataset_title, "kind": "dataset", "url": dataset_url}}
        self.by_url: dict[str, str] = {}

    def for_url(self, url: str | None, title: str) -> str:
        if url is None:
            return self.prefix
        if url not in self.by_url:
            source_id = f"{self.prefix}-ref-{len(self.by_url) + 1}"
            self.by_url[url] = source_id
            self.table[source_id] = {"title": title[:200] or url, "kind": "web", "url": url}
        return self.by_url[url]


@dataclass
class _Row:
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
class Dataset:
    """A public dataset chipcmp can import: its columns, its terms, how a row converts."""

    @property
    def id_prefix(self) -> str:
        """What every id of the catalog it imports starts with."""
        return f"{self.key}-"

    key: str              # the name `chipcmp import` takes, and its ids' prefix
    name: str             # the catalog's name (for --prefer)
    title: str
    url: str
    licence: str
    attribution: str
    columns: tuple[str, ...]   # every column the converter reads
    convert: Callable[[_Row, "_Sources", dict[str, dict[str, Any]]], bool]
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

    def about(self) -> dict[str, str]:
        return {"name": self.name, "kind": "dataset", "title": self.title, "url": self.url,
                "licence": self.licence, "attribution": self.attribution}


# ----------------------------------------------------------------------------- LAICS
_LAICS_KIND = {"chip": "chip", "card": "card", "system": "system"}


def _laics_segment(power: float | None) -> str:
    if power is None:
        return "unspecified"
    if power <= limits.EDGE_MAX_W:
        return "edge"
    return "datacenter" if power >= limits.DATACENTER_MIN_W else "unspecified"


def _laics_row(row: _Row, sources: _Sources, products: dict[str, dict[str, Any]]) -> bool:
    # Names and vendors are kept to 200 characters: a catalog field holds at most 10,000,
    # and a longer one is damage, not a name.
    company, product = row["Company"].strip()[:200], row["Product"].strip()[:200]
    form = row["FormFactor"].strip().lower()
    kind = _LAICS_KIND.get(form)
    if not product:
        row.problem("Product", "unreadable-row", "no product name: row not imported")
        return False
    if kind is None:
        row.problem("FormFactor", "unreadable-cell", f"{product}: form factor "
                    f"{row['FormFactor']!r} is not Chip, Card or System: row not imported")
        return False
    peak_cell = row["PeakPerformance"].strip()
    peak = _number(peak_cell)
    if peak_cell and (peak is None or peak <= 0):
        row.problem("PeakPerformance", "unreadable-cell",
                    f"PeakPerformance {row['PeakPerformance']!r} is not a positive number: "
                    f"{product} row not imported")
        return False
    precision = _laics_precision(row, product) if peak_cell else None
    power = _number(row["Power"])
    if power is not None and power <= 0:
        power = None
    source = sources.for_url(_first_url(row["ReferenceURL"]),
                             f"{company} {product} ({row['Reference'].strip()[:200]})")
    product_id = slug(LAICS.key, company, product, form)
    entry = products.setdefault(product_id, {
        "id": product_id, "name": product, "vendor": company or "unspecified",
        "kind": kind, "segment": _laics_segment(power), "source": source,
        "description": f"LAICS technology: {row['Technology'].strip()[:200] or 'unspecified'}; "
                       f"{row['IorT'].strip()[:200] or 'use unspecified'}",
        "compute": [], "power": [], "_line": row.line})
    if precision is None:  # LAICS lists the product without a figure (and marks it Skip)
        row.problem("PeakPerformance", "no-figure", f"{product}: no PeakPerformance; "
                    "imported without a compute figure", warning)
    else:
        unit = precision_vocabulary.unit_of(precision)
        entry["compute"].append({"precision": precision, "peak": _quantity(peak / 1e12, unit),
                                 "scope": kind, "source": source,
                                 "note": f"LAICS row at line {row.line}"})
    if power is None:
        row.problem("Power", "unreadable-cell", f"{product}: Power {row['Power']!r} is not a "
                    "positive number; imported without power", warning)
    elif not any(p["scope"] == kind and p["value"] == _quantity(power, "W")
                 for p in entry["power"]):
        entry["power"].append({"kind": "max", "scope": kind, "value": _quantity(power, "W"),
                               "source": source, "note": "LAICS peak power of the form factor"})
    notes = " ".join(row["Notes"].split())
    if notes:
        entry["note"] = (entry.get("note", "") + " " + notes).strip()[:2000]
    return True


def _laics_precision(row: _Row, product: str) -> str:
    """The row's precision label. An empty cell is unspecified; a label chipcmp does not
    know is unspecified too, the dataset's word kept in a warning (the figure is then
    ranked only with --assume-unspecified, never at a precision it may not have)."""
    text = row["Precision"].strip().lower()
    if text == "":
        row.problem("Precision", "no-precision", f"{product}: no precision given; imported "
                    "as unspecified", warning)
        return precision_vocabulary.UNSPECIFIED
    if precision_vocabulary.is_label(text) and not precision_vocabulary.is_either(text):
        if text == precision_vocabulary.ANALOG:
            row.problem("Precision", "analog-compute", f"{product}: analog compute; imported "
                        "as precision analog, compared only with other analog figures",
                        warning)
        return text
    row.problem("Precision", "unknown-precision", f"{product}: precision "
                f"{row['Precision'].strip()[:40]!r} is not one chipcmp knows; imported as "
                "unspecified", warning)
    return precision_vocabulary.UNSPECIFIED


LAICS = Dataset(
    "laics", "laics-2023",
    "Lincoln AI Computing Survey (LAICS), 2023 edition (A. Reuther et al., IEEE HPEC 2023)",
    "https://github.com/areuther/ai-accelerators",
    "Copyright 2023 MIT (A. I. Reuther), published as an open dataset",
    "A. Reuther, P. Michaleas, M. Jones, V. Gadepally, S. Samsi and J. Kepner, "
    "\"Lincoln AI Computing Survey (LAICS) Update\", IEEE HPEC 2023",
    ("Company", "Product", "PeakPerformance", "Precision", "Power", "FormFactor",
     "Technology", "IorT", "Notes", "ReferenceURL", "Reference"),
    _laics_row,
    required=("Company", "Product", "PeakPerformance", "Precision", "FormFactor"))


# ----------------------------------------------------------------------------- Epoch
EPOCH_FIGURES = {  # column -> (precision, execution unit)
    # One figure for fp16 or bf16 tensor-core (matrix) throughput; which of the two a
    # product runs the dataset does not say (a T4 has no bf16, a TPU no fp16).
    "Tensor-FP16/BF16 performance (FLOP/s)": ("fp16/bf16", "matrix"),
    "FP4 performance (FLOP/s)": ("fp4", None),
    "FP8 performance (FLOP/s)": ("fp8", None),
    "FP64 (double precision) performance (FLOP/s)": ("fp64", None),
    "FP32 (single precision) performance (FLOP/s)": ("fp32", None),
    "TF32 (TensorFloat-32) performance (FLOP/s)": ("tf32", None),
    # Holds the tensor figure for some GPUs (T4: 65.13) and the vector one for others
    # (A100: 77.97): the execution unit is left unstated.
    "FP16 (half precision) performance (FLOP/s)": ("fp16", None),
    "INT16 performance (OP/s)": ("int16", None),
    "INT8 performance (OP/s)": ("int8", None),
    "INT4 performance (OP/s)": ("int4", None),
}


def _epoch_cell(row: _Row, column: str, hardware: str, scale: float = 1.0) -> float | None:
    text = row[column].strip()
    if not text:
        return None
    value = _number(text)
    if value is None or value <= 0:
        row.problem(column, "unreadable-cell", f"{hardware}: {column} {text[:80]!r} is not a "
                    "positive number; left out", warning)
        return None
    return value / scale


def _epoch_row(row: _Row, sources: _Sources, products: dict[str, dict[str, Any]]) -> bool:
    hardware = " ".join(row["Hardware name"].split())
    if not hardware:
        row.problem("Hardware name", "unreadable-row", "no hardware name: row not imported")
        return False
    source = sources.for_url(_first_url(row["Link to datasheet"]), f"{hardware} datasheet")
    entry: dict[str, Any] = {
        "id": slug(EPOCH.key, hardware), "name": hardware[:200],
        "vendor": " ".join(row["Manufacturer"].split())[:200] or "unspecified",
        "kind": "card", "segment": "unspecified", "source": source,
        "description": f"Epoch type: {row['Type'].strip()[:200] or 'unspecified'}; imported as "
                       "the accelerator as sold (card scope)",
        "compute": [], "power": [], "_line": row.line}
    for column, (precision, engine) in EPOCH_FIGURES.items():
        value = _epoch_cell(row, column, hardware, 1e12)
        if value is not None:
            figure = {"precision": precision,
                      "peak": _quantity(value, precision_vocabulary.unit_of(precision)),
                      "scope": "card", "source": source, "note": f"Epoch column {column}"}
            if engine:
                figure["unit"] = engine
            entry["compute"].append(figure)
    tdp = _epoch_cell(row, "TDP (W)", hardware)
    if tdp is not None:
        entry["power"].append({"kind": "tdp", "scope": "card", "value": _quantity(tdp, "W"),
                               "source": source})
        if tdp <= limits.EDGE_MAX_W:
            entry["segment"] = "edge"
    price = _epoch_cell(row, "Release price (USD)", hardware)
    if price is not None:
        price_url = _first_url(row["Source for the price"])
        price_source = sources.for_url(price_url, f"{hardware} price") if price_url else source
        entry["price"] = {"value": _quantity(price, "USD"), "what": "release price",
                          "source": price_source}
    node = _epoch_cell(row, "Process size (nm)", hardware)
    if node is not None:
        entry["process"] = {"value": _quantity(node, "nm"), "source": source}
    memory = _epoch_cell(row, "Memory (bytes)", hardware, 1e9)
    bandwidth = _epoch_cell(row, "Memory bandwidth (byte/s)", hardware, 1e9)
    if memory is not None or bandwidth is not None:
        entry["memory"] = {"source": source}
        if memory is not None:
            entry["memory"]["capacity"] = _quantity(memory, "GB")
        if bandwidth is not None:
            entry["memory"]["bandwidth"] = _quantity(bandwidth, "GB/s")
    released = row["Release date"].strip()[:10]
    if _is_date(released):
        entry["milestones"] = [{"event": "released", "date": released, "source": source}]
    elif released:
        row.problem("Release date", "unreadable-cell", f"{hardware}: Release date "
                    f"{released!r} is not a date; left out", warning)
    notes = " ".join(row["Notes"].split())
    if notes:
        entry["note"] = notes[:2000]
    if not entry["compute"] and not entry["power"]:
        row.problem(None, "no-figures", f"{hardware}: no compute or power figure; imported "
                    "with what it has", warning)
    key = entry["id"]
    if key in products:  # two rows, one name: keep both, the second with a suffix
        suffix = 2
        while f"{key}-{suffix}" in products:
            suffix += 1
        entry["id"] = f"{key}-{suffix}"
        row.problem(None, "duplicate-name", f"{hardware!r} is also at line "
                    f"{products[key]['_line']}; imported as {entry['id']}", warning)
    products[entry["id"]] = entry
    return True


EPOCH = Dataset(
    "epoch", "epoch-hardware", "Epoch AI, Data on Machine Learning Hardware",
    "https://epoch.ai/data/machine-learning-hardware",
    "CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)",
    "Epoch AI, \"Data on Machine Learning Hardware\", "
    "https://epoch.ai/data/machine-learning-hardware",
    ("Hardware name", "Manufacturer", "Type", "Release date", "Release price (USD)",
     "TDP (W)", "Process size (nm)", "Memory (bytes)", "Memory bandwidth (byte/s)",
     "Link to datasheet", "Notes", "Source for the price", *EPOCH_FIGURES),
    _epoch_row,
    required=("Hardware name", "Manufacturer", tuple(EPOCH_FIGURES)))

IMPORTERS: dict[str, Dataset] = {d.key: d for d in (LAICS, EPOCH)}


# ---------------------------------------------------------------------------- reading
def import_file(dataset: Dataset | str, path: Path) -> ImportResult:
    """Import one dataset file. Rows that cannot be read are reported and left out; a
    file that cannot be read as the dataset at all gives `unreadable` and no rows."""
    dataset = IMPORTERS[dataset] if isinstance(dataset, str) else dataset
    name = str(path)
    sources = _Sources(dataset.name, f"{dataset.title} ({dataset.licence})", dataset.url)
    result = ImportResult({"about": dataset.about(), "sources": sources.table, "products": []})
    table = _read_table(path, result)
    if table is None:
        return result
    missing = dataset.lacking(lambda column: table.column(column) is not None)
    if missing:
        result.problems.append(error(name, 1, 1, "not-the-dataset",
                                     f"not a file of the {dataset.title}: no column(s) "
                                     f"{', '.join(missing)}"))
        result.unreadable = True
        return result
    absent = [c for c in dataset.columns if table.column(c) is None]
    if absent:
        result.problems.append(warning(name, 1, 1, "missing-column",
                                       f"no column(s) {', '.join(absent)} (another edition "
                                       "of the dataset?): read as empty in every row"))
    index = {column: table.column(column) for column in table.header if column}
    products: dict[str, dict[str, Any]] = {}
    result.rows = len(table.rows)
    for raw in table.rows:
        if raw.problem is not None:
            result.problems.append(raw.problem)
            continue
        row = _Row(name, raw.line, {c: raw.cells[i] for c, i in index.items()},
                   {c: raw.places[i] for c, i in index.items()}, result)
        if dataset.convert(row, sources, products):
            result.imported_rows += 1
    result.catalog["products"] = [
        {k: v for k, v in entry.items() if not k.startswith("_") and v != []}
        for entry in products.values()]
    return result


def _is_date(text: str) -> bool:
    from chipcmp.model import dates

    try:
        dates.check(text)
    except dates.DateError:
        return False
    return bool(text)


def _read_table(path: Path, result: ImportResult) -> Any:
    """The file's csvfile.CsvTable, or None when it cannot be read as CSV at all."""
    from chipcmp.read import csvfile as csvread

    from chipcmp.read import inputs

    name = str(path)
    raw, problems = inputs.read_problems(path, inputs.MAX_FILE_BYTES, "dataset file")
    if raw is None:
        result.problems.extend(problems)
    else:
        text, problems = csvread.decode(raw, name)
        if text is not None:
            table = csvread.read(name, text)
            result.problems.extend(table.problems)
            if table.header:
                return table
        result.problems.extend(problems)
    result.unreadable = True
    return None


def to_yaml(result: ImportResult, dataset: str, path: Path) -> str:
    import yaml

    about = result.catalog["about"]
    header = (f"# Imported by 'chipcmp import {dataset} {path.name}': {result.summary}.\n"
              f"# Data: {about['title']}, {about['url']}\n"
              f"# Terms: {about['licence']}; cite: {about['attribution']}\n"
              "# Figures as the dataset gives them; run chipcmp validate and crosscheck on "
              "it.\n")
    return header + yaml.safe_dump(result.catalog, allow_unicode=True, sort_keys=False,
                                   width=100)
