"""Importers for public datasets: each turns a CSV file into a chipcmp catalog (YAML text)
that validates, and accounts for every row: imported, or reported with its CSV line
number and the reason. Nothing is dropped silently.

- LAICS 2023 (MIT Lincoln Laboratory): one row per product x precision x form factor;
  PeakPerformance in ops/s, Power in W, which LAICS means as peak power of the form
  factor (chip, card or system): imported as power kind "max" at that scope.
- Epoch AI, "Data on Machine Learning Hardware": one row per product; FLOP/s and OP/s
  per precision, TDP in W (imported as kind "tdp" at card scope: the accelerator as
  sold), release price, memory, process, datasheet links.

Ids are stable across runs: derived from the names, never from row order, with a suffix
only for names that collide after slugging (in file order, which is stable too).
"""

from __future__ import annotations

import csv
import io
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from . import precision as precision_vocabulary
from .problems import ChipcmpError, Problem, error, warning

LAICS_URL = "https://github.com/areuther/ai-accelerators"
EPOCH_URL = "https://epoch.ai/data/machine-learning-hardware"


@dataclass
class ImportResult:
    catalog: dict[str, Any]
    problems: list[Problem] = field(default_factory=list)
    rows: int = 0
    imported_rows: int = 0

    @property
    def summary(self) -> str:
        return (f"{self.rows} rows: {self.imported_rows} imported into "
                f"{len(self.catalog['products'])} products, "
                f"{self.rows - self.imported_rows} not imported; "
                f"{len(self.problems)} line(s) reported")


def slug(*parts: str) -> str:
    text = "-".join(p for p in parts if p)
    text = re.sub(r"[^a-z0-9.]+", "-", text.lower()).strip("-.")
    return text[:72].rstrip("-.") or "unnamed"


def _number(text: str) -> float | None:
    """A finite number from a CSV cell, or None when the cell cannot be read as one."""
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


def _rows(path: Path) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """Header and (line number, row) pairs; quoted multi-line cells keep the line their
    row starts on. The byte-order mark both datasets carry is dropped."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ChipcmpError(f"cannot read {path}: {exc}") from None
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        raise ChipcmpError(f"{path} is empty") from None
    rows, start = [], reader.line_num + 1
    for cells in reader:
        if any(cell.strip() for cell in cells):
            rows.append((start, dict(zip(header, cells))))
        start = reader.line_num + 1
    return header, rows


def _require(path: Path, header: list[str], columns: list[str], dataset: str) -> None:
    missing = [c for c in columns if c not in header]
    if missing:
        raise ChipcmpError(f"{path} is not a {dataset} file: no column(s) "
                           f"{', '.join(missing)}")


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


# ----------------------------------------------------------------------------- LAICS
LAICS_COLUMNS = ["Company", "Product", "PeakPerformance", "Precision", "Power", "FormFactor",
                 "Technology", "IorT", "Notes", "ReferenceURL", "Reference"]
_LAICS_KIND = {"chip": "chip", "card": "card", "system": "system"}


def import_laics(path: Path) -> ImportResult:
    header, rows = _rows(path)
    _require(path, header, LAICS_COLUMNS, "LAICS")
    name = str(path)
    sources = _Sources("laics-2023", "Lincoln AI Computing Survey (LAICS), 2023 edition "
                                     "(A. Reuther et al., IEEE HPEC 2023)", LAICS_URL)
    products: dict[str, dict[str, Any]] = {}
    result = ImportResult({}, rows=len(rows))
    for line, row in rows:
        company, product = row["Company"].strip(), row["Product"].strip()
        form = row["FormFactor"].strip().lower()
        kind = _LAICS_KIND.get(form)
        if not product or kind is None:
            result.problems.append(error(name, line, 1, "unreadable-row",
                                         f"no product name or an unknown form factor "
                                         f"{row['FormFactor']!r}: row not imported"))
            continue
        peak = _number(row["PeakPerformance"])
        if peak is None or peak <= 0:
            result.problems.append(error(name, line, 1, "unreadable-cell",
                                         f"PeakPerformance {row['PeakPerformance']!r} is not a "
                                         f"positive number: {product} row not imported"))
            continue
        precision = row["Precision"].strip().lower()
        if precision == "":
            precision = "unspecified"
            result.problems.append(warning(name, line, 1, "no-precision",
                                           f"{product}: no precision given; imported as "
                                           "unspecified"))
        elif not precision_vocabulary.is_label(precision) or precision == "unspecified":
            result.problems.append(error(name, line, 1, "unknown-precision",
                                         f"{product}: precision {row['Precision']!r} is not a "
                                         "numeric format chipcmp can compare: row not imported"))
            continue
        source = sources.for_url(_first_url(row["ReferenceURL"]),
                                 f"{company} {product} ({row['Reference'].strip()})")
        product_id = slug("laics", company, product, form)
        entry = products.setdefault(product_id, {
            "id": product_id, "name": product, "vendor": company or "unspecified",
            "kind": kind, "segment": "unspecified", "source": source,
            "description": f"LAICS technology: {row['Technology'].strip() or 'unspecified'}; "
                           f"{row['IorT'].strip() or 'use unspecified'}",
            "compute": [], "power": [], "_line": line})
        unit = precision_vocabulary.unit_of(precision)
        entry["compute"].append({"precision": precision, "peak": _quantity(peak / 1e12, unit),
                                 "scope": kind, "source": source,
                                 "note": f"LAICS row at line {line}"})
        power = _number(row["Power"])
        if power is None or power <= 0:
            result.problems.append(warning(name, line, 1, "unreadable-cell",
                                           f"{product}: Power {row['Power']!r} is not a positive "
                                           "number; the figure is imported without power"))
        elif not any(p["scope"] == kind and p["value"] == _quantity(power, "W")
                     for p in entry["power"]):
            entry["power"].append({"kind": "max", "scope": kind, "value": _quantity(power, "W"),
                                   "source": source, "note": "LAICS peak power of the form "
                                                             "factor"})
        notes = " ".join(row["Notes"].split())
        if notes:
            entry["note"] = (entry.get("note", "") + " " + notes).strip()[:2000]
        result.imported_rows += 1
    result.catalog = _catalog(sources, products)
    return result


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
EPOCH_COLUMNS = ["Hardware name", "Manufacturer", "Type", "Release date", "Release price (USD)",
                 "TDP (W)", "Process size (nm)", "Memory (bytes)", "Memory bandwidth (byte/s)",
                 "Link to datasheet", *(c for c in EPOCH_FIGURES if not c.startswith("FP4"))]


def import_epoch(path: Path) -> ImportResult:
    header, rows = _rows(path)
    _require(path, header, EPOCH_COLUMNS, "Epoch AI hardware")
    name = str(path)
    sources = _Sources("epoch-hardware", "Epoch AI, Data on Machine Learning Hardware "
                                         "(CC-BY 4.0)", EPOCH_URL)
    products: dict[str, dict[str, Any]] = {}
    result = ImportResult({}, rows=len(rows))
    for line, row in rows:
        hardware = " ".join(row["Hardware name"].split())
        if not hardware:
            result.problems.append(error(name, line, 1, "unreadable-row",
                                         "no hardware name: row not imported"))
            continue
        source = sources.for_url(_first_url(row["Link to datasheet"]), f"{hardware} datasheet")
        entry: dict[str, Any] = {
            "id": slug("epoch", hardware), "name": hardware,
            "vendor": " ".join(row["Manufacturer"].split()) or "unspecified",
            "kind": "card", "segment": "unspecified", "source": source,
            "description": f"Epoch type: {row['Type'].strip() or 'unspecified'}; imported as "
                           "the accelerator as sold (card scope)",
            "compute": [], "power": [], "_line": line}

        def cell(column: str, scale: float = 1.0) -> float | None:
            text = row[column].strip()
            if not text:
                return None
            value = _number(text)
            if value is None or value <= 0:
                result.problems.append(warning(name, line, 1, "unreadable-cell",
                                               f"{hardware}: {column} {text!r} is not a "
                                               "positive number; left out"))
                return None
            return value / scale

        for column, (precision, engine) in EPOCH_FIGURES.items():
            value = cell(column, 1e12) if column in row else None
            if value is not None:
                figure = {"precision": precision,
                          "peak": _quantity(value, precision_vocabulary.unit_of(precision)),
                          "scope": "card", "source": source, "note": f"Epoch column {column}"}
                if engine:
                    figure["unit"] = engine
                entry["compute"].append(figure)
        tdp = cell("TDP (W)")
        if tdp is not None:
            entry["power"].append({"kind": "tdp", "scope": "card",
                                   "value": _quantity(tdp, "W"), "source": source})
        price = cell("Release price (USD)")
        if price is not None:
            price_url = _first_url(row.get("Source for the price", ""))
            price_source = sources.for_url(price_url, f"{hardware} price") if price_url \
                else source
            entry["price"] = {"value": _quantity(price, "USD"), "what": "release price",
                              "source": price_source}
        node = cell("Process size (nm)")
        if node is not None:
            entry["process"] = {"value": _quantity(node, "nm"), "source": source}
        memory, bandwidth = cell("Memory (bytes)", 1e9), cell("Memory bandwidth (byte/s)", 1e9)
        if memory is not None or bandwidth is not None:
            entry["memory"] = {"source": source}
            if memory is not None:
                entry["memory"]["capacity"] = _quantity(memory, "GB")
            if bandwidth is not None:
                entry["memory"]["bandwidth"] = _quantity(bandwidth, "GB/s")
        released = row["Release date"].strip()[:10]
        if re.match(r"^\d{4}-\d{2}-\d{2}$", released):
            entry["milestones"] = [{"event": "released", "date": released, "source": source}]
        elif released:
            result.problems.append(warning(name, line, 1, "unreadable-cell",
                                           f"{hardware}: Release date {released!r} is not a "
                                           "date; left out"))
        notes = " ".join(row.get("Notes", "").split())
        if notes:
            entry["note"] = notes[:2000]
        if not entry["compute"] and not entry["power"]:
            result.problems.append(warning(name, line, 1, "no-figures",
                                           f"{hardware}: no compute or power figure; imported "
                                           "with what it has"))
        key = entry["id"]
        if key in products:  # two rows, one name: keep both, the second with a suffix
            suffix = 2
            while f"{key}-{suffix}" in products:
                suffix += 1
            entry["id"] = f"{key}-{suffix}"
            result.problems.append(warning(name, line, 1, "duplicate-name",
                                           f"{hardware!r} is also at line "
                                           f"{products[key]['_line']}; imported as "
                                           f"{entry['id']}"))
        products[entry["id"]] = entry
        result.imported_rows += 1
    result.catalog = _catalog(sources, products)
    return result


def _catalog(sources: _Sources, products: dict[str, dict[str, Any]]) -> dict[str, Any]:
    cleaned = []
    for entry in products.values():
        entry = {k: v for k, v in entry.items() if not k.startswith("_") and v != []}
        cleaned.append(entry)
    return {"sources": sources.table, "products": cleaned}


IMPORTERS: dict[str, Callable[[Path], ImportResult]] = {
    "laics": import_laics,
    "epoch": import_epoch,
}


def to_yaml(result: ImportResult, dataset: str, path: Path) -> str:
    import yaml

    header = (f"# Imported by 'chipcmp import {dataset} {path.name}': "
              f"{result.summary}.\n# Figures as the dataset gives them; run chipcmp "
              "validate and crosscheck on it.\n")
    return header + yaml.safe_dump(result.catalog, allow_unicode=True, sort_keys=False,
                                   width=100)
