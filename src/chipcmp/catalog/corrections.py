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

What a correction can say of its records: `name` (what the record's figures are of, where
the dataset names them for a larger product: one GPU's figures under a superchip's
name), `memory_type` (what the record's memory figure is of: on-chip SRAM, say),
`status` and `milestones` (a release the dataset does not date: a roadmap part's
planned date), `contains` (a composition, so a figure is
checked against the sum of its parts), `formats` (the formats the product computes in),
`segment`, `compute` (figures the source gives, added beside the dataset's), `flag`
(precisions, or a memory capacity or bandwidth, whose figures from the record's own
source are wrong: kept, shown, flagged, not ranked).

An architecture says the same of every record of one design, whatever catalog it is in:

    architectures:
      - id: nvidia-volta
        name: NVIDIA Volta (GV100)
        vendor: NVIDIA
        products: ['\bV100S?\b', '\bTitan V\b']
        matrix_formats: [fp16]
        formats: [fp64, fp32, fp16, int8]
        source: nvidia-volta-whitepaper
        reason: Volta's Tensor Cores multiply FP16 only: no BF16, no INT8 matrix rate

A record is of an architecture when its vendor contains `vendor` and its name matches
one of `products` (regular expressions, case-insensitive); where several match, the one
read last (a user's file after the bundled one) says. It gives the record its
`matrix_formats` (at those, a vector figure is not the product's peak) and, unless a
correction names the record's formats, its `formats`. The bundled file (data/corrections.yaml) is read whenever a dataset's
catalog is loaded; users add their own like identity files (--corrections,
CHIPCMP_CORRECTIONS, the config file). Files are read and validated like catalogs:
every problem located. A user's correction of a record that no loaded catalog has is an
error (unless the record is in the namespace of a dataset that is not loaded), and so are
two corrections of one record that disagree, wherever they are read.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Iterable, Literal

from pydantic import AfterValidator, Field, model_validator
from pydantic_core import PydanticCustomError

from chipcmp.catalog.load import LoadedCatalog
from chipcmp.model.problems import CatalogError, Problem, Severity, error
from chipcmp.model.schema import (ComputeFigure, Id, Milestone, Part, Precision, Segment,
                                  Source, Status, Strict, Text, empty)
from chipcmp.read import bundled

KEYS = ("sources", "corrections", "architectures")
NOT_A_MAPPING = "the top level must be a mapping with 'sources' and 'corrections'"


def _compiles(pattern: str) -> str:
    try:
        re.compile(pattern)
    except re.error as exc:
        raise PydanticCustomError("bad-pattern", "{detail}", {
            "detail": f"{pattern!r} is not a regular expression: {exc}"}) from None
    return pattern


NamePattern = Annotated[str, Field(min_length=1, max_length=200), AfterValidator(_compiles)]


class FigureFlag(Strict):
    """Figures of one precision, or one memory figure (capacity or bandwidth), that the
    record's own source gives wrong."""

    precision: Precision | None = None
    memory: Literal["capacity", "bandwidth"] | None = None
    reason: Text

    @model_validator(mode="after")
    def _one_figure(self) -> "FigureFlag":
        if (self.precision is None) == (self.memory is None):
            raise PydanticCustomError("flag-target", "{detail}", {
                "detail": "a flag names either a precision or a memory figure "
                          "(capacity, bandwidth), one of them"})
        return self

    @property
    def target(self) -> str:
        return self.precision or f"memory {self.memory}"


class Correction(Strict):
    records: Annotated[list[Id], Field(min_length=1)]
    source: Id
    quote: Text | None = None
    reason: Text
    name: Text | None = None
    memory_type: Text | None = None
    status: Status | None = None
    milestones: list[Milestone] = empty()
    contains: list[Part] = empty()
    formats: list[Precision] = empty()
    segment: Segment | None = None
    compute: list[ComputeFigure] = empty()
    flag: list[FigureFlag] = empty()


class Architecture(Strict):
    """One design and what a source says of every product of it (see the module's
    docstring): the formats its matrix units compute in (none: it has no matrix units),
    and the formats it computes in at all."""

    id: Id
    name: Text
    vendor: Text
    products: Annotated[list[NamePattern], Field(min_length=1)]
    matrix_formats: list[Precision] = empty()
    formats: list[Precision] = empty()
    source: Id
    quote: Text | None = None
    reason: Text

    def covers(self, vendor: str, name: str) -> bool:
        return self.vendor.casefold() in vendor.casefold() and \
            _patterns(tuple(self.products)).search(name) is not None


@functools.lru_cache(maxsize=256)
def _patterns(products: tuple[str, ...]) -> re.Pattern[str]:
    """An architecture's product patterns as one compiled expression (each its own group,
    so a pattern's alternatives stay its own)."""
    return re.compile("|".join(f"(?:{p})" for p in products), re.IGNORECASE)


class CorrectionsFile(Strict):
    sources: dict[Id, Source] = empty(dict)
    corrections: list[Correction] = empty()
    architectures: list[Architecture] = empty()


@dataclass
class Applied:
    """One correction as applied to one record: for show and crosscheck."""

    record: str
    correction: Correction | Architecture
    file: str
    figures: tuple[Any, ...] = ()  # the figures it added to the record (show credits them)

    @property
    def flags(self) -> list[FigureFlag]:
        """The precisions whose figures it says are wrong (an architecture says none)."""
        return [] if isinstance(self.correction, Architecture) else self.correction.flag

    @property
    def said_by(self) -> str:
        """'architecture NVIDIA Volta (GV100)', or 'a correction citing SOURCE'."""
        c = self.correction
        return f"architecture {c.name}" if isinstance(c, Architecture) else \
            f"a correction citing {c.source}"

    def describe(self) -> str:
        c = self.correction
        if isinstance(c, Architecture):
            return f"architecture {c.name}: matrix units in " + \
                (", ".join(c.matrix_formats) or "none") + \
                ("; formats " + ", ".join(c.formats) if c.formats else "")
        said = []
        if c.name:
            said.append(f"named {c.name}")
        if c.memory_type:
            said.append(f"memory {c.memory_type}")
        if c.status:
            said.append(f"status {c.status}")
        if c.milestones:
            said.append("milestones " + ", ".join(
                f"{m.event}{' planned' if m.planned else ''} {m.date}" for m in c.milestones))
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
            said.append("flags " + ", ".join(f.target for f in c.flag))
        return "; ".join(said)


@dataclass
class Corrections:
    items: list[tuple[Correction, str]] = field(default_factory=list)  # (correction, file)
    architectures: list[tuple[Architecture, str]] = field(default_factory=list)
    sources: dict[str, Source] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)
    # Where each correction was written, for locating problems found later: by id() of
    # the correction, its document and its path in it (("corrections", 0)).
    origins: dict[int, tuple[Any, tuple[Any, ...]]] = field(default_factory=dict)

    def locate(self, correction: Correction, *more: Any) -> tuple[str, int, int]:
        document, path = self.origins[id(correction)]
        line, col = document.locate(path + more)
        return document.path, line, col


def check(paths: Iterable[str | Path]) -> tuple[Corrections, list[Problem]]:
    """Read and validate corrections files; every problem located."""
    from chipcmp.catalog.load import read_shipped, remember

    found, problems = Corrections(), []
    for raw in paths:
        path = bundled.data_file(bundled.CORRECTIONS_FILE) if bundled.is_keyword(raw) \
            else Path(raw)
        document, read = read_shipped(path, NOT_A_MAPPING, "corrections file")
        if document is not None:
            read = read + add_document(found, document)
            remember(document, read)
        problems.extend(read)
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
    found.architectures.extend((a, document.path) for a in model.architectures)
    for index, architecture in enumerate(model.architectures):
        found.origins[id(architecture)] = (document, ("architectures", index))
        if architecture.source not in model.sources:
            problems.append(Problem(
                *Origin(document, ("architectures", index)).locate("source"),
                Severity.ERROR, "unknown-source",
                f"source {architecture.source!r} is not in this file's sources"))
    for index, correction in enumerate(model.corrections):
        found.origins[id(correction)] = (document, ("corrections", index))
        cited = [("source",)] + \
            [(field, n, "source") for field in ("compute", "milestones")
             for n in range(len(getattr(correction, field)))]
        for where in cited:
            value = correction.source if len(where) == 1 else \
                getattr(correction, where[0])[where[1]].source
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


def unknown_records(found: Corrections, known: set[str], files: Iterable[str],
                    not_loaded: tuple[str, ...] = ()) -> list[Problem]:
    """Records that the corrections of `files` name and no loaded catalog has (`known`):
    a correction that would do nothing, silently. A record in the namespace of a dataset
    that is not loaded (`not_loaded`: id prefixes) is about a catalog not in use."""
    from chipcmp.catalog.load import unknown_records as unknown

    wanted = set(files)
    named = [(record, lambda c=correction, i=index: found.locate(c, "records", i))
             for correction, path in found.items if path in wanted
             for index, record in enumerate(correction.records)]
    return unknown(named, known, not_loaded, "unknown-record",
                   ", so this correction would do nothing")


def conflicts(found: Corrections) -> list[Problem]:
    """Corrections of one record that say different things (two format lists, two
    segments, two compositions, two figures at one precision that do not agree within
    limits.FIGURES_AGREE): each is located at both, naming the other."""
    by_record: dict[str, list[Correction]] = {}
    for correction, _ in found.items:
        for record in dict.fromkeys(correction.records):
            by_record.setdefault(record, []).append(correction)
    problems: list[Problem] = []
    reported: set[tuple[int, int, str]] = set()
    for record, said in by_record.items():
        for n, first in enumerate(said):
            for second in said[n + 1:]:
                for what, where in _disagreements(first, second):
                    if (id(first), id(second), what) in reported:
                        continue
                    reported.add((id(first), id(second), what))
                    places = (found.locate(first, *where[0]), found.locate(second, *where[1]))
                    for here, there in (places, places[::-1]):
                        problems.append(error(
                            *here, "correction-conflict",
                            f"{record}: corrections disagree on {what}; the other is at "
                            f"{there[0]}:{there[1]}; keep one of the two"))
    return problems


def _disagreements(a: Correction, b: Correction
                   ) -> Iterable[tuple[str, tuple[tuple[Any, ...], tuple[Any, ...]]]]:
    """What two corrections of one record say differently, with where each says it."""
    from chipcmp.model import limits

    if a.formats and b.formats and set(a.formats) != set(b.formats):
        yield "the formats (" + ", ".join(a.formats) + " against " + \
            ", ".join(b.formats) + ")", (("formats",), ("formats",))
    if a.name and b.name and a.name != b.name:
        yield f"the name ({a.name} against {b.name})", (("name",), ("name",))
    if a.status and b.status and a.status != b.status:
        yield f"the status ({a.status} against {b.status})", (("status",), ("status",))
    if a.segment and b.segment and a.segment != b.segment:
        yield f"the segment ({a.segment} against {b.segment})", (("segment",), ("segment",))
    if a.contains and b.contains and \
            {(p.product, p.count) for p in a.contains} != {(p.product, p.count)
                                                            for p in b.contains}:
        yield "the composition", (("contains",), ("contains",))
    for i, fa in enumerate(a.compute):
        for j, fb in enumerate(b.compute):
            if (fa.precision, fa.sparse, fa.unit, fa.measure) == \
                    (fb.precision, fb.sparse, fb.unit, fb.measure) and \
                    not limits.agree(fa.peak.value, fb.peak.value):
                yield (f"the {fa.precision} figure ({fa.peak} against {fb.peak})",
                       (("compute", i, "peak"), ("compute", j, "peak")))


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
            if correction.name:
                update["name"] = correction.name
            if correction.status:
                update["status"] = correction.status
            if correction.memory_type and product.memory is not None:
                update["memory"] = product.memory.model_copy(
                    update={"type": correction.memory_type})
            if correction.milestones:
                update["milestones"] = [*product.milestones, *correction.milestones]
            added = [f.model_copy(update={"note": f.note or correction.reason})
                     for f in correction.compute]
            if added:
                update["compute"] = [*product.compute, *added]
            if update:
                catalog.products[record_id] = product.model_copy(update=update)
            applied.append(Applied(record_id, correction, path, tuple(added)))
    applied.extend(_apply_architectures(catalog, corrections, applied))
    return applied


def architecture_of(vendor: str, name: str, corrections: Corrections) -> Architecture | None:
    """The architecture a product of this vendor and name is of: the last read that
    covers it, or None."""
    return next((a for a, _ in reversed(corrections.architectures) if a.covers(vendor, name)),
                None)


def _apply_architectures(catalog: LoadedCatalog, corrections: Corrections,
                         applied: list[Applied]) -> list[Applied]:
    """Give each record its architecture's matrix formats, and its formats unless a
    correction names them."""
    if not corrections.architectures:
        return []
    paths = {id(a): path for a, path in corrections.architectures}
    formats_named = {a.record for a in applied if isinstance(a.correction, Correction)
                     and a.correction.formats}
    done = []
    for record_id, product in list(catalog.products.items()):
        architecture = architecture_of(product.vendor, product.name, corrections)
        if architecture is None:
            continue
        update: dict[str, Any] = {"matrix_formats": list(architecture.matrix_formats)}
        if architecture.formats and record_id not in formats_named:
            update["formats"] = list(architecture.formats)
        catalog.products[record_id] = product.model_copy(update=update)
        done.append(Applied(record_id, architecture, paths[id(architecture)]))
    return done


def markdown(found: Corrections) -> str:
    """The corrections as a Markdown table (docs/guide.md lists the bundled ones)."""
    rows = ["| records | says | source | reason |", "|---|---|---|---|"]
    for correction, _ in found.items:
        says = Applied("", correction, "").describe()
        source = found.sources.get(correction.source)
        cited = f"[{correction.source}]({source.url})" if source and source.url else \
            correction.source
        rows.append(f"| {', '.join(correction.records)} | {says} | {cited} | "
                    f"{' '.join(correction.reason.split())} |")
    return "\n".join(rows) + "\n"
