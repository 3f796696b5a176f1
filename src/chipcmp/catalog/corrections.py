"""Corrections: sourced facts, kept in a file of their own, that correct or complete what
a dataset says of a record. Each names the records it is about, cites its source and
says why; a correction states what its source gives, never a guess.

    sources:
      nvidia-dgx-h100: {title: NVIDIA DGX H100 datasheet, kind: datasheet, url: ...}
    corrections:
      - records: [laics-nvidia-dgx-h100-system]
        contains: [{product: epoch-nvidia-h100-sxm5-80gb, count: 8}]
        source: nvidia-dgx-h100
        quote: "8x NVIDIA H100 Tensor Core GPUs"
        reason: the system is eight H100 SXM5; its parts check its figures

What a correction can say of its records: `contains` (a composition, so a figure is
checked against the sum of its parts), `formats` (the formats the product computes in),
`segment`, `compute` (figures the source gives, added beside the dataset's), `flag`
(precisions whose figures from the record's own source are wrong: kept, shown, flagged,
not ranked). The bundled file (data/corrections.yaml) is read whenever a dataset's
catalog is loaded; users add their own like identity files (--corrections,
CHIPCMP_CORRECTIONS, the config file). Files are read and validated like catalogs:
every problem located. A correction whose records are not loaded does nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Iterable

from pydantic import Field

from chipcmp.catalog.load import LoadedCatalog
from chipcmp.model.problems import CatalogError, Problem, Severity
from chipcmp.model.schema import (ComputeFigure, Id, Part, Precision, Segment, Source, Strict,
                                  Text)
from chipcmp.read import bundled

KEYS = ("sources", "corrections")
NOT_A_MAPPING = "the top level must be a mapping with 'sources' and 'corrections'"


class FigureFlag(Strict):
    precision: Precision
    reason: Text


class Correction(Strict):
    records: Annotated[list[Id], Field(min_length=1)]
    source: Id
    quote: Text | None = None
    reason: Text
    contains: list[Part] = []
    formats: list[Precision] = []
    segment: Segment | None = None
    compute: list[ComputeFigure] = []
    flag: list[FigureFlag] = []


class CorrectionsFile(Strict):
    sources: dict[Id, Source] = {}
    corrections: list[Correction] = []


@dataclass
class Applied:
    """One correction as applied to one record: for show and crosscheck."""

    record: str
    correction: Correction
    file: str

    def describe(self) -> str:
        said = []
        c = self.correction
        if c.contains:
            said.append("contains " + ", ".join(f"{p.count} x {p.product}" for p in c.contains))
        if c.formats:
            said.append("formats " + ", ".join(c.formats))
        if c.segment:
            said.append(f"segment {c.segment}")
        if c.compute:
            from chipcmp.model import precision
            from chipcmp.model.units import format_number

            said.append("figures " + ", ".join(
                f"{format_number(f.peak.value)} {precision.unit_of(f.precision)} "
                f"{f.precision}" for f in c.compute))
        if c.flag:
            said.append("flags " + ", ".join(f.precision for f in c.flag))
        return "; ".join(said)


@dataclass
class Corrections:
    items: list[tuple[Correction, str]] = field(default_factory=list)  # (correction, file)
    sources: dict[str, Source] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)


def check(paths: Iterable[str | Path]) -> tuple[Corrections, list[Problem]]:
    """Read and validate corrections files; every problem located."""
    from chipcmp.catalog.load import read_document

    found, problems = Corrections(), []
    for raw in paths:
        path = bundled.data_file(bundled.CORRECTIONS_FILE) if bundled.is_keyword(raw) \
            else Path(raw)
        document, read = read_document(path, NOT_A_MAPPING, "corrections file")
        problems.extend(read)
        if document is not None:
            problems.extend(add_document(found, document))
    return found, problems


def add_document(found: Corrections, document: Any) -> list[Problem]:
    """Validate one parsed corrections file and add what it says."""
    from chipcmp.catalog.load import Origin, validate_section

    found.files.append(document.path)
    model, problems = validate_section(CorrectionsFile, document.data, document, (),
                                       top_level=KEYS)
    if model is None:
        return problems
    found.sources.update(model.sources)
    found.items.extend((c, document.path) for c in model.corrections)
    for index, correction in enumerate(model.corrections):
        cited = [("source",)] + [("compute", n, "source") for n in
                                 range(len(correction.compute))]
        for where in cited:
            value = correction.source if len(where) == 1 else \
                correction.compute[where[1]].source
            if value not in model.sources:
                problems.append(Problem(
                    *Origin(document, ("corrections", index)).locate(*where),
                    Severity.ERROR, "unknown-source",
                    f"source {value!r} is not in this file's sources"))
    return problems


def load(paths: Iterable[str | Path]) -> Corrections:
    found, problems = check(paths)
    if any(p.severity is Severity.ERROR for p in problems):
        raise CatalogError(problems, "corrections file")
    return found


def apply(catalog: LoadedCatalog, corrections: Corrections) -> list[Applied]:
    """Change the loaded records as the corrections say (a record's ProductSpec is
    replaced by a corrected copy; nothing in the files is written), and return what was
    applied. Parts that are not loaded are left out of a composition."""
    applied: list[Applied] = []
    for source_id, source in corrections.sources.items():
        catalog.sources.setdefault(source_id, source)
    for correction, path in corrections.items:
        for record_id in correction.records:
            product = catalog.products.get(record_id)
            if product is None:
                continue
            update: dict[str, Any] = {}
            parts = [p.model_copy(update={"source": p.source or correction.source})
                     for p in correction.contains if p.product in catalog.products]
            if parts:
                update["contains"] = parts
            if correction.formats:
                update["formats"] = list(correction.formats)
            if correction.segment:
                update["segment"] = correction.segment
            if correction.compute:
                added = [f.model_copy(update={"note": f.note or correction.reason})
                         for f in correction.compute]
                update["compute"] = [*product.compute, *added]
            if update:
                catalog.products[record_id] = product.model_copy(update=update)
            applied.append(Applied(record_id, correction, path))
    return applied


def markdown(found: Corrections) -> str:
    """The corrections as a Markdown table (the README lists the bundled ones)."""
    rows = ["| records | says | source | reason |", "|---|---|---|---|"]
    for correction, _ in found.items:
        says = Applied("", correction, "").describe()
        source = found.sources.get(correction.source)
        cited = f"[{correction.source}]({source.url})" if source and source.url else \
            correction.source
        rows.append(f"| {', '.join(correction.records)} | {says} | {cited} | "
                    f"{' '.join(correction.reason.split())} |")
    return "\n".join(rows) + "\n"
