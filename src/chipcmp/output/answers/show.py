"""`chipcmp show`'s answer rendered: every figure of every source, which one each command
uses, the parts, the sources, the measured results and the claims naming the product."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from chipcmp.model.bounds import with_bound
from chipcmp.model.units import format_number
from chipcmp.output.results import Result, Table

if TYPE_CHECKING:
    from chipcmp.analyses.sheet import Sheet

FIGURE_COLUMNS = ["what", "value", "bound", "unit", "scope", "detail", "source", "catalog",
                  "used", "quote", "inferred", "record"]


def show_result(sheet: Sheet) -> Result:
    """Everything about one product: every figure from every source with its bound,
    scope, source and quote, which one each command uses, the parts and the claims."""
    from chipcmp.model.vocabulary import UNIT_WORDS
    from chipcmp.output.answers.results import product_results_table, result_record

    entry = sheet.entry
    records = [fact.as_row() for fact in sheet.facts]
    rows = [[r["what"], value_text(r), r["scope"] or "",
             UNIT_WORDS.get(r["detail"] or "", r["detail"] or ""),
             _source_label(sheet, r["source"]), _catalog_label(sheet, r["catalog"]),
             r["used"] or "", r["quote"] or "", inferred_text(r["inferred"])]
            for r in records]
    headers = ["what", "value", "scope", "detail", "source", "catalog", "used", "quote",
               "inferred"]
    keep = [i for i, h in enumerate(headers) if h in ("what", "value", "source", "quote")
            or any(row[i] for row in rows)]
    if sheet.catalogs < 2:
        keep = [i for i in keep if headers[i] != "catalog"]
    figure_table = Table(f"{entry.name} ({entry.id}): figures", [headers[i] for i in keep],
                         [[row[i] for i in keep] for row in rows], notes=sheet.used_notes,
                         whole=("what", "detail"), wrap=("value", "source", "used"),
                         droppable=("record", "inferred", "quote", "catalog", "scope"))
    facts = Table("", ["field", "value"], [[k, str(v)] for k, v in (
        ("vendor", entry.vendor), ("kind", entry.kind), ("segment", entry.segment),
        ("family", entry.first.family), ("status", entry.first.status),
        ("release", sheet.release.text),
        ("description", entry.first.description), ("note", entry.first.note),
        ("records", ", ".join(f"{r.id} ({r.catalog.name})" for r in entry.records)
         if len(entry.records) > 1 else None),
        ("matched", "; ".join(entry.matched_because) or None),
        ("may be", ", ".join(entry.ambiguous) or None)) if v],
                  whole=("field",), wrap=("value",))
    sources = Table("sources", ["id", "kind", "title", "where"], [
        [sid, source.kind, source.title,
         " ".join(x for x in (source.url, source.document) if x)]
        for sid, source in sheet.sources.items()], wrap=("title", "where"))
    claim_lines = "\n".join(f"claim {r.claim.id}: {r.verdict}. {' '.join(r.explanation)}"
                            for r in sheet.verdicts)
    document = {**entry.first.model_dump(mode="json", exclude_none=True),
                "id": entry.id, "records": entry.ids, "figures": records,
                "release": {"state": sheet.release.state,
                            "detail": sheet.release.detail or None},
                "sources": {sid: source.model_dump(mode="json", exclude_none=True)
                            for sid, source in sheet.sources.items()},
                "claims": [r.as_record() for r in sheet.verdicts],
                "corrections": [{"record": a.record, "says": a.describe(),
                                 "source": a.correction.source, "reason": a.correction.reason,
                                 "file": a.file} for a in entry.corrections],
                "results": [result_record(row) for row in sheet.results],
                "prices": [{**price.model_dump(mode="json", exclude_none=True),
                            "price_source": named} for price, named in sheet.prices]}
    blocks: list[Table | str] = [facts, figure_table, sources]
    measured_table = product_results_table(sheet.best_results, entry.id)
    if measured_table is not None:
        blocks.append(measured_table)
    if sheet.prices:
        alone = any(p.host == "not-included" for p, _ in sheet.prices)
        blocks.append(Table("prices per accelerator-hour (the cheapest first of each kind)",
                            ["USD/h", "kind", "where"],
                            [[format_number(p.usd_per_accelerator_hour), p.kind, named]
                             for p, named in sheet.prices], ["r", "l", "l"],
                            ["a price without its host is shown, never taken for a cost"]
                            if alone else [], whole=("USD/h", "kind"), wrap=("where",)))
    if entry.corrections:
        blocks.append(Table("corrections (sourced facts over what a dataset says)",
                            ["record", "says", "source", "reason"],
                            [[a.record, a.describe(), a.correction.source,
                              " ".join(a.correction.reason.split())]
                             for a in entry.corrections], wrap=("says", "reason")))
    if claim_lines:
        blocks.append(claim_lines + "\n")
    return Result(blocks, FIGURE_COLUMNS, records, document)


def inferred_text(inferred: dict[str, str] | None) -> str:
    """'sparse: 8 x 624 = 4,992; precision: ...' for a table cell."""
    return "; ".join(f"{k}: {v}" for k, v in (inferred or {}).items())


def value_text(record: dict[str, Any]) -> str:
    value = record["value"]
    if value is None:
        return "?"
    if isinstance(value, (int, float)):
        value = format_number(value)
    return with_bound(f"{value} {record['unit'] or ''}".strip(), record["bound"])


def _source_label(sheet: Sheet, source_id: str | None) -> str:
    if source_id is None:
        return ""
    source = sheet.sources.get(source_id)
    if source is None:
        return source_id
    # A figure read from a seed document is what a vendor said, as an article reports
    # it; anything else was read from the cited page itself, whose kind says what it is.
    return source_id + (f" (vendor claim, via {source.kind})" if source.document
                        else f" ({source.kind})")


def _catalog_label(sheet: Sheet, name: str | None) -> str:
    """'epoch-hardware (snapshot 2026-03-31)': the catalog a figure came from and the
    date its data is as of."""
    if not name:
        return ""
    snapshot = sheet.snapshots.get(name)
    return f"{name} (snapshot {snapshot})" if snapshot else name
