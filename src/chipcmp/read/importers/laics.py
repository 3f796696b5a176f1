"""LAICS 2023 (MIT Lincoln Laboratory): one row per product x precision x form factor;
PeakPerformance in ops/s, Power in W, which LAICS means as peak power of the form factor
(chip, card or system): imported as power kind "max" at that scope. It surveys AI
accelerators only, so its power gives the segment: at most limits.EDGE_MAX_W is edge, at
least limits.DATACENTER_MIN_W is datacenter, in between unspecified."""

from __future__ import annotations

from typing import Any

from chipcmp.model import limits
from chipcmp.model import precision as precision_vocabulary
from chipcmp.model.problems import warning
from chipcmp.read.importers.common import (Dataset, DatasetRow, Sources, first_url, number_in,
                                           quantity_text, read_note, slug)



# ----------------------------------------------------------------------------- LAICS
_LAICS_KIND = {"chip": "chip", "card": "card", "system": "system"}


def _laics_segment(power: float | None) -> str:
    if power is None:
        return "unspecified"
    if power <= limits.EDGE_MAX_W:
        return "edge"
    return "datacenter" if power >= limits.DATACENTER_MIN_W else "unspecified"


def _laics_row(row: DatasetRow, sources: Sources, products: dict[str, dict[str, Any]]) -> bool:
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
    peak = number_in(peak_cell)
    if peak_cell and (peak is None or peak <= 0):
        row.problem("PeakPerformance", "unreadable-cell",
                    f"PeakPerformance {row['PeakPerformance']!r} is not a positive number: "
                    f"{product} row not imported")
        return False
    reason = limits.imported_problem(peak / 1e12, "TOPS") if peak else None
    if reason is not None:
        row.problem("PeakPerformance", "implausible-cell", f"PeakPerformance "
                    f"{peak_cell[:80]!r}: {reason}: {product} row not imported")
        return False
    precision = _laics_precision(row, product) if peak_cell else None
    power = number_in(row["Power"])
    if power is not None and (power <= 0 or limits.imported_problem(power, "W")):
        power = None  # reported below, as a power that is not a positive number
    source = sources.for_url(first_url(row["ReferenceURL"]),
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
        figure = {"precision": precision, "peak": quantity_text(peak / 1e12, unit),
                  "scope": kind, "source": source, "note": f"LAICS row at line {row.line}"}
        entry["compute"].append(figure)
        _apply_note(row, product, figure)
    if power is None:
        row.problem("Power", "unreadable-cell", f"{product}: Power {row['Power']!r} is not a "
                    f"positive number up to {limits.IMPORTED_CEILING['W']:g} W; imported "
                    "without power", warning)
    elif not any(p["scope"] == kind and p["value"] == quantity_text(power, "W")
                 for p in entry["power"]):
        entry["power"].append({"kind": "max", "scope": kind, "value": quantity_text(power, "W"),
                               "source": source, "note": "LAICS peak power of the form factor"})
    notes = " ".join(row["Notes"].split())
    if notes:
        entry["note"] = (entry.get("note", "") + " " + notes).strip()[:2000]
    return True


def _laics_precision(row: DatasetRow, product: str) -> str:
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
    {"Company": "vendor",
     "Product": "name; with Company and FormFactor, the id",
     "PeakPerformance": "a compute figure: ops/s as TOPS or TFLOPS at the row's precision; "
                        "empty: the product is imported without one (warning no-figure)",
     "Precision": "the figure's precision (int8, fp16.32, bf16, ...); analog kept as "
                  "analog; empty or unknown: unspecified (warning)",
     "Power": "power of kind max at the form factor's scope",
     "FormFactor": "kind (chip, card, system) and the figures' scope",
     "Technology": "in the description", "IorT": "in the description",
     "Notes": "read for the figure: an estimate is approximate (~); 'no peak' is not a "
              "peak (measure: delivered, never ranked); sparse or dense as it says",
     "ReferenceURL": "the figure's source (its first address)",
     "Reference": "the source's title"},
    _laics_row,
    required=("Company", "Product", "PeakPerformance", "Precision", "FormFactor"))


def _apply_note(row: DatasetRow, product: str, figure: dict[str, Any]) -> None:
    """LAICS's note on a row is about the row's one figure: read it (common.read_note)."""
    note = read_note(row["Notes"])
    if note.estimate:
        figure["bound"] = "approx"
    if note.not_peak:
        figure["measure"] = "delivered"
    if note.sparse:
        figure["sparse"] = True
    if note.said:
        figure["inferred"] = {"note": f"LAICS notes say {note.said!r}"}
        row.problem("Notes", "note-read", f"{product}: the note says {note.said!r}: imported as "
                    + ", ".join(w for w, on in (("approximate", note.estimate),
                                                ("not a peak", note.not_peak),
                                                ("sparse", note.sparse),
                                                ("dense", note.sparse is False)) if on),
                    warning)
