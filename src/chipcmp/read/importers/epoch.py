"""Epoch AI, "Data on Machine Learning Hardware": one row per product; FLOP/s and OP/s per
precision, TDP in W (imported as kind "tdp" at card scope: the accelerator as sold),
release price, memory, process, datasheet links. Its segments: edge at most
limits.EDGE_MAX_W, desktop for the consumer and workstation product lines it lists beside
the data-centre accelerators (DESKTOP_LINES), datacenter otherwise. Its FP16 column's
execution unit is read from the row (_fp16_unit), its notes' word on sparsity kept."""

from __future__ import annotations

import re
from typing import Any

from chipcmp.model import limits
from chipcmp.model import precision as precision_vocabulary
from chipcmp.model.problems import warning
from chipcmp.read.importers.common import (Dataset, DatasetRow, Sources, first_url, is_date,
                                           number_in, quantity_text, read_note, slug)



# ----------------------------------------------------------------------------- Epoch
# Epoch surveys the hardware machine learning runs on: data-centre accelerators, and the
# consumer and workstation graphics cards named by these product lines (desktop). A
# product of at most limits.EDGE_MAX_W is edge whatever its line.
DESKTOP_LINES = re.compile(r"\b(?:GeForce|Radeon (?:RX|Pro|VII)|Quadro|TITAN|RTX A\d{4}|"
                           r"RTX \d{4} Ada|Arc A\d)", re.I)
FP16_COLUMN = "FP16 (half precision) performance (FLOP/s)"
TENSOR_COLUMN = "Tensor-FP16/BF16 performance (FLOP/s)"
FP32_COLUMN = "FP32 (single precision) performance (FLOP/s)"
# Vector (SIMD) units run fp16 at most twice their fp32 rate (two halves packed in one
# lane); a fp16 rate four times fp32 or more can only come from matrix units.
VECTOR_FP16_MAX, MATRIX_FP16_MIN = 2.0, 4.0
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
    # (A100: 77.97): its execution unit is read from the row (_fp16_unit).
    FP16_COLUMN: ("fp16", None),
    "INT16 performance (OP/s)": ("int16", None),
    "INT8 performance (OP/s)": ("int8", None),
    "INT4 performance (OP/s)": ("int4", None),
}


def _epoch_cell(row: DatasetRow, column: str, hardware: str, unit: str,
                scale: float = 1.0) -> float | None:
    """A cell's positive, finite number in `unit` (the cell's over `scale`), or None: an
    empty cell silently, anything else reported."""
    text = row[column].strip()
    if not text:
        return None
    value = number_in(text)
    if value is None or value <= 0:
        row.problem(column, "unreadable-cell", f"{hardware}: {column} {text[:80]!r} is not a "
                    "positive number; left out", warning)
        return None
    reason = limits.imported_problem(value / scale, unit)
    if reason is not None:
        row.problem(column, "implausible-cell", f"{hardware}: {column} {text[:80]!r}: "
                    f"{reason}; left out")
        return None
    return value / scale


def _epoch_row(row: DatasetRow, sources: Sources, products: dict[str, dict[str, Any]]) -> bool:
    hardware = " ".join(row["Hardware name"].split())
    if not hardware:
        row.problem("Hardware name", "unreadable-row", "no hardware name: row not imported")
        return False
    source = sources.for_url(first_url(row["Link to datasheet"]), f"{hardware} datasheet",
                             "datasheet")
    entry: dict[str, Any] = {
        "id": slug(EPOCH.key, hardware), "name": hardware[:200],
        "vendor": " ".join(row["Manufacturer"].split())[:200] or "unspecified",
        "kind": "card", "kind_stated": False, "segment": _segment(hardware), "source": source,
        "description": f"Epoch type: {row['Type'].strip()[:200] or 'unspecified'}; imported as "
                       "the accelerator as sold (card scope)",
        "compute": [], "power": [], "_line": row.line}
    note = read_note(row["Notes"])  # about the row's figures: only its word on sparsity
    values = {column: _epoch_cell(row, column, hardware, "TOPS", 1e12)
              for column in EPOCH_FIGURES}
    for column, (precision, engine) in EPOCH_FIGURES.items():
        value = values[column]
        if value is not None:
            figure = {"precision": precision,
                      "peak": quantity_text(value, precision_vocabulary.unit_of(precision)),
                      "scope": "card", "source": source, "note": f"Epoch column {column}"}
            if engine:
                figure["unit"] = engine
            if column == FP16_COLUMN:
                _fp16_unit(figure, value, values[TENSOR_COLUMN], values[FP32_COLUMN])
            if note.sparse:
                figure["sparse"] = True
                figure["inferred"] = {"sparse": f"Epoch notes say {note.said!r}"}
            entry["compute"].append(figure)
    tdp = _epoch_cell(row, "TDP (W)", hardware, "W")
    if tdp is not None:
        entry["power"].append({"kind": "tdp", "scope": "card", "value": quantity_text(tdp, "W"),
                               "source": source})
        if tdp <= limits.EDGE_MAX_W:
            entry["segment"] = "edge"
    price = _epoch_cell(row, "Release price (USD)", hardware, "USD")
    if price is not None:
        price_url = first_url(row["Source for the price"])
        price_source = sources.for_url(price_url, f"{hardware} price") if price_url else source
        entry["price"] = {"value": quantity_text(price, "USD"), "what": "release price",
                          "source": price_source}
    node = _epoch_cell(row, "Process size (nm)", hardware, "nm")
    if node is not None:
        entry["process"] = {"value": quantity_text(node, "nm"), "source": source}
    memory = _epoch_cell(row, "Memory (bytes)", hardware, "GB", 1e9)
    bandwidth = _epoch_cell(row, "Memory bandwidth (byte/s)", hardware, "GB/s",
                            1e9)
    if memory is not None or bandwidth is not None:
        entry["memory"] = {"source": source}
        if memory is not None:
            entry["memory"]["capacity"] = quantity_text(memory, "GB")
        if bandwidth is not None:
            entry["memory"]["bandwidth"] = quantity_text(bandwidth, "GB/s")
    released = row["Release date"].strip()[:10]
    if is_date(released):
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
    {"Hardware name": "name and id; its product line gives the segment (desktop for "
                      "consumer and workstation lines, else datacenter; edge at most "
                      f"{limits.EDGE_MAX_W:g} W)",
     "Manufacturer": "vendor", "Type": "in the description",
     "Release date": "a released milestone (a calendar date)",
     "Release price (USD)": "a release price", "TDP (W)": "power of kind tdp",
     "Process size (nm)": "process node", "Memory (bytes)": "memory capacity",
     "Memory bandwidth (byte/s)": "memory bandwidth",
     "Link to datasheet": "the figures' source", "Source for the price": "the price's source",
     "Notes": "sparse or dense as it says (a note about the row's figures)",
     TENSOR_COLUMN: "a matrix figure labelled fp16/bf16: it answers for either, unless a "
                    "source says which formats the product has (corrections)",
     FP16_COLUMN: "an fp16 figure, its unit read from the row: equal to the tensor figure "
                  "matrix, below it vector; else at most 2x FP32 vector, 4x or more matrix",
     **{column: f"a {label} figure" for column, (label, _) in EPOCH_FIGURES.items()
        if column not in (TENSOR_COLUMN, FP16_COLUMN)}},
    _epoch_row,
    required=("Hardware name", "Manufacturer", tuple(EPOCH_FIGURES)))


def _fp16_unit(figure: dict[str, Any], fp16: float, tensor: float | None,
               fp32: float | None) -> None:
    """Which execution units Epoch's FP16 figure counts, read from the row's own figures
    (TFLOPS): the tensor figure (equal: matrix; lower: vector), else the ratio to FP32
    (at most 2x: vector; 4x or more: matrix). What the row cannot tell stays unstated."""
    unit, why = None, ""
    if tensor:
        if limits.agree(fp16, tensor):
            unit, why = "matrix", f"equal to the row's tensor figure ({tensor:g})"
        elif fp16 < tensor:
            unit, why = "vector", f"below the row's tensor figure ({tensor:g})"
    elif fp32:
        ratio = fp16 / fp32
        if ratio <= VECTOR_FP16_MAX * (1 + limits.FIGURES_AGREE):
            unit, why = "vector", f"{ratio:.3g}x the row's FP32 figure: a vector rate"
        elif ratio >= MATRIX_FP16_MIN:
            unit, why = "matrix", f"{ratio:.3g}x the row's FP32 figure: only matrix units reach it"
    if unit:
        figure["unit"] = unit
        figure["inferred"] = {"unit": f"Epoch's FP16 column, {why}"}


def _segment(hardware: str) -> str:
    """desktop for a consumer or workstation product line, else datacenter (the edge rule
    on power comes after, with the TDP)."""
    return "desktop" if DESKTOP_LINES.search(hardware) else "datacenter"
