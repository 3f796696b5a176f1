"""Rows for the data commands (rank, export, show, compare): records for scripts and
tables for people, built from the catalog and the metrics. Nothing here prints."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from . import metrics
from .bounds import Bounded, divide, render
from .catalog import Catalog
from .metrics import Options, Ranking, compute_unit, natural_scope, precision_sort_key
from .model import BOUND_SYMBOLS, Product, sourced_mappings
from .problems import UsageError
from .render import Table
from .units import format_number

IDENTITY_COLUMNS = ["id", "name", "vendor", "kind", "segment"]


def _identity(product: Product) -> dict[str, Any]:
    return {c: getattr(product, c) for c in IDENTITY_COLUMNS}


def _number(value: Bounded | None) -> float | None:
    return None if value is None else round(value.value, 12)


def _shown(value: Bounded | None, suffix: str = "") -> str:
    if value is None:
        return "-"
    return render(value) + suffix + ("*" if value.derived else "")


def get_product(catalog: Catalog, product_id: str) -> Product:
    product = catalog.products.get(product_id)
    if product is None:
        import difflib

        close = difflib.get_close_matches(product_id, list(catalog.products), n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else \
            "; 'chipcmp export' lists every id"
        raise UsageError(f"unknown product id {product_id!r}{hint}")
    return product


# ----------------------------------------------------------------------------- rank
def rank_records(ranking: Ranking) -> tuple[list[str], list[dict[str, Any]]]:
    column = ranking.metric.column(ranking.options.precision)
    columns = ["rank", *IDENTITY_COLUMNS, column, f"{column}_bound", "derived", "basis",
               "not_ranked_because"]
    records = []
    for row in ranking.ranked + ranking.unranked:
        records.append({
            "rank": row.rank, **_identity(row.product),
            column: _number(row.value),
            f"{column}_bound": row.value.bound if row.value else None,
            "derived": row.value.derived if row.value else None,
            "basis": "; ".join(row.value.notes) if row.value else None,
            "not_ranked_because": row.reason,
        })
    return columns, records


def rank_table(ranking: Ranking) -> Table:
    options = ranking.options
    precision = f", {options.precision}" if ranking.metric.uses_precision else ""
    sparse = ", sparse halved" if options.sparse == "halve" else ", dense figures"
    title = (f"{ranking.metric.name} ({ranking.unit}{precision}"
             f"{sparse if ranking.metric.uses_precision else ''}): "
             f"{_ranked_count(ranking)}, {len(ranking.unranked)} without a figure")
    rows = [[str(r.rank), r.product.id, r.product.name, r.product.kind, _shown(r.value),
             "; ".join(r.value.notes)] for r in ranking.ranked]
    notes = []
    if any(r.value.derived for r in ranking.ranked):
        notes.append("* derived: from parts, halved from sparse, or an assumed precision "
                     "(see basis)")
    notes.append(">= at least, <= at most, ~ approximate, ? no bound (a ratio of two minima)")
    if ranking.unranked:
        reasons = Counter(_reason_kind(r.reason) for r in ranking.unranked)
        notes.append("not ranked (no figure): " +
                     ", ".join(f"{n} {kind}" for kind, n in reasons.most_common()))
        notes.extend(f"  {r.product.id}: {r.reason}" for r in ranking.unranked)
    if ranking.filtered_out:
        notes.append(f"{ranking.filtered_out} product(s) left out by --segment, --kind or "
                     "--frontier")
    return Table(title, ["#", "id", "name", "kind", ranking.unit, "basis"], rows,
                 ["r", "l", "l", "l", "r", "l"], notes)


def _ranked_count(ranking: Ranking) -> str:
    if len(ranking.ranked) < ranking.total_ranked:
        return f"top {len(ranking.ranked)} of {ranking.total_ranked} ranked"
    return f"{ranking.total_ranked} ranked"


def _reason_kind(reason: str | None) -> str:
    reason = reason or ""
    for marker, kind in (("sparse", "sparse only"), ("unspecified", "unspecified precision"),
                         ("no compute", "no compute figure"), ("power", "no power"),
                         ("price", "no price"), ("process", "no process node")):
        if marker in reason:
            return kind
    return "other precision only"


# ---------------------------------------------------------------------------- export
def export_records(catalog: Catalog) -> tuple[list[str], list[dict[str, Any]]]:
    """One row per product, stable columns: the catalog's own dense figures (nothing
    derived from parts), the main power figure and int8 TOPS/W at the same scope."""
    precisions = sorted({f.precision for p in catalog.products.values() for f in p.compute
                         if not f.sparse}, key=precision_sort_key)
    peak_columns = [f"peak_{p.replace('.', '_')}_{compute_unit(p).lower()}" for p in precisions]
    columns = list(IDENTITY_COLUMNS)
    for name in peak_columns:
        columns += [name, f"{name}_bound"]
    columns += ["power_w", "power_w_bound", "power_kind", "power_scope", "tops_per_watt_int8",
                "tops_per_watt_int8_bound", "process_nm", "price_usd", "sources"]
    own_only = Options(precision="int8", from_parts=False)
    records = []
    for product in catalog.products.values():
        record: dict[str, Any] = _identity(product)
        scope = natural_scope(product)
        for precision, name in zip(precisions, peak_columns):
            figure = next((f for f in product.compute if f.precision == precision
                           and not f.sparse and (f.scope or scope) == scope), None)
            record[name] = figure.peak.value if figure else None
            record[f"{name}_bound"] = figure.bound if figure else None
        power = _main_power(product)
        record.update({
            "power_w": power.value.value if power else None,
            "power_w_bound": power.bound if power else None,
            "power_kind": power.kind if power else None,
            "power_scope": power.scope if power else None,
        })
        efficiency = metrics.efficiency(catalog, product, own_only)
        record["tops_per_watt_int8"] = _number(efficiency) if isinstance(efficiency, Bounded) \
            else None
        record["tops_per_watt_int8_bound"] = efficiency.bound \
            if isinstance(efficiency, Bounded) else None
        record["process_nm"] = product.process.value.value if product.process else None
        record["price_usd"] = product.price.value.value if product.price else None
        record["sources"] = ";".join(sorted(_sources_of(product))) or None
        records.append(record)
    return columns, records


def _main_power(product: Product):
    scope = natural_scope(product)
    ordered = sorted(product.power, key=lambda f: (f.scope != scope,
                                                   metrics.POWER_KIND_PREFERENCE.index(f.kind)))
    return ordered[0] if ordered else None


def _sources_of(product: Product) -> set[str]:
    return {node["source"] for _, node in sourced_mappings(product.model_dump())}


def export_table(columns: list[str], records: list[dict[str, Any]]) -> Table:
    shown = ["id", "kind", "segment"] + [c for c in columns if c.startswith("peak_")
                                         and not c.endswith("_bound")] + \
            ["power_w", "tops_per_watt_int8", "process_nm"]
    rows = []
    for record in records:
        row = []
        for column in shown:
            value = record.get(column)
            bound = record.get(f"{column}_bound")
            if value is None:
                row.append("-")
            elif isinstance(value, float) or isinstance(value, int) and column != "id":
                symbol = BOUND_SYMBOLS.get(bound or "exact", "")
                row.append(f"{symbol} {format_number(value, 4)}".strip())
            else:
                row.append(str(value))
        rows.append(row)
    align = ["l", "l", "l"] + ["r"] * (len(shown) - 3)
    return Table(f"{len(records)} products (the catalog's own dense figures; - missing)",
                 shown, rows, align, ["csv and json carry every column: "
                                      "chipcmp export --format csv"])


# ------------------------------------------------------------------------------ show
@dataclass
class ProductView:
    product: Product
    record: dict[str, Any]
    figures: Table
    facts: Table
    sources: Table
    verdicts: list[Any]  # claims.Result for every claim naming the product

    @property
    def claims(self) -> list[Any]:
        return [result.claim for result in self.verdicts]


def show(catalog: Catalog, product_id: str) -> ProductView:
    product = get_product(catalog, product_id)
    rows = []
    for figure in product.compute:
        what = f"peak {figure.precision}" + (" sparse" if figure.sparse else "")
        rows.append([what, _figure_text(figure.peak.value, figure.bound,
                                        compute_unit(figure.precision)),
                     figure.scope or natural_scope(product), *_source_cells(catalog, figure)])
    for figure in product.power:
        rows.append([f"power {figure.kind}", _figure_text(figure.value.value, figure.bound, "W"),
                     figure.scope, *_source_cells(catalog, figure)])
    for figure in product.efficiency:
        rows.append([f"efficiency {figure.precision}",
                     _figure_text(figure.value.value, figure.bound, "TOPS/W"), figure.scope,
                     *_source_cells(catalog, figure)])
    if product.process:
        rows.append(["process", _figure_text(product.process.value.value, product.process.bound,
                                             "nm"), "", *_source_cells(catalog, product.process)])
    if product.price:
        rows.append(["price", _figure_text(product.price.value.value, product.price.bound, "USD"),
                     product.price.what or "", *_source_cells(catalog, product.price)])
    if product.memory:
        memory = product.memory
        parts = [_figure_text(m.value, bound, m.unit) for m, bound in (
            (memory.capacity, memory.bound), (memory.bandwidth, memory.bandwidth_bound))
            if m is not None]
        rows.append(["memory", ", ".join(parts) + (f" {memory.type}" if memory.type else ""),
                     "", *_source_cells(catalog, memory)])
    for decode in product.video_decode:
        rows.append(["video decode", _figure_text(decode.channels, decode.bound, "channels") +
                     f" {decode.resolution}", ", ".join(decode.codecs),
                     *_source_cells(catalog, decode)])
    for bench in product.benchmarks:
        value = _figure_text(bench.score, bench.bound, "points") if bench.score is not None \
            else _figure_text(bench.frame_rate.value, bench.bound, "FPS")
        rows.append([bench.workload, value, bench.conditions or "",
                     *_source_cells(catalog, bench)])
    for milestone in product.milestones:
        rows.append([milestone.event + (" (planned)" if milestone.planned else ""),
                     milestone.date, "", *_source_cells(catalog, milestone)])
    if product.interface:
        rows.append(["interface", product.interface.value, "",
                     *_source_cells(catalog, product.interface)])
    for part in product.contains:
        child = catalog.products.get(part.product)
        rows.append(["contains", f"{part.count if part.count else '?'} x "
                                 f"{child.name if child else part.product}", part.product,
                     *(_source_cells(catalog, part) if part.source else ["", ""])])
    figures = Table(f"{product.name} ({product.id}): figures", ["what", "value", "scope/detail",
                                                              "source", "quote"], rows)
    facts = Table("", ["field", "value"], [[k, str(v)] for k, v in (
        ("vendor", product.vendor), ("kind", product.kind), ("segment", product.segment),
        ("family", product.family), ("status", product.status),
        ("description", product.description), ("note", product.note)) if v])
    from .claims import claims_naming

    verdicts = claims_naming(catalog, product.id)
    cited = sorted(sid for sid in _sources_of(product) if sid in catalog.sources)
    sources = Table("sources", ["id", "kind", "title", "where"], [
        [sid, catalog.sources[sid].kind, catalog.sources[sid].title,
         " ".join(x for x in (catalog.sources[sid].url, catalog.sources[sid].document) if x)]
        for sid in cited])
    record = {**product.model_dump(mode="json", exclude_none=True),
              "sources": {sid: catalog.sources[sid].model_dump(mode="json", exclude_none=True)
                          for sid in sorted(_sources_of(product)) if sid in catalog.sources}}
    return ProductView(product, record, figures, facts, sources, verdicts)


def _figure_text(value: float, bound: str, unit: str) -> str:
    return f"{BOUND_SYMBOLS[bound]} {format_number(value)} {unit}".strip()


def _source_cells(catalog: Catalog, figure: Any) -> list[str]:
    source = catalog.sources.get(figure.source)
    label = figure.source
    if source is not None:
        # A figure read from a seed document is what a vendor said, as an article reports
        # it; anything else was added from a cited page and is not from the documents.
        label += (f" (vendor claim, via {source.kind})" if source.document
                  else f" ({source.kind}, not from the documents)")
    return [label, figure.quote or (figure.note or "")]


# --------------------------------------------------------------------------- compare
def compare(catalog: Catalog, ids: list[str], options: Options
            ) -> tuple[list[str], list[dict[str, Any]], Table]:
    if len(ids) < 2:
        raise UsageError("compare needs at least two product ids")
    products = [get_product(catalog, product_id) for product_id in ids]
    unit = compute_unit(options.precision)
    p = options.precision.replace(".", "_")
    peak_col, eff_col = f"peak_{p}_{unit.lower()}", f"{unit.lower()}_per_watt_{p}"
    columns = [*IDENTITY_COLUMNS, peak_col, f"{peak_col}_bound", "power_w", "power_w_bound",
               eff_col, f"{eff_col}_bound", f"{peak_col}_vs_first",
               f"{peak_col}_vs_first_bound", f"{eff_col}_vs_first", f"{eff_col}_vs_first_bound",
               "notes"]
    values = []
    for product in products:
        peak = metrics.peak_compute(catalog, product, options)
        power = metrics.power_at(product, natural_scope(product))
        eff = metrics.efficiency(catalog, product, options)
        values.append((product, peak, power, eff))
    first_peak, first_eff = values[0][1], values[0][3]
    records, rows = [], []
    for product, peak, power, eff in values:
        peak_v = peak if isinstance(peak, Bounded) else None
        power_v = power[0] if not isinstance(power, str) else None
        eff_v = eff if isinstance(eff, Bounded) else None
        peak_ratio = _ratio(peak_v, first_peak)
        eff_ratio = _ratio(eff_v, first_eff)
        notes = [n for n in (peak if isinstance(peak, str) else None,
                             power if isinstance(power, str) else None,
                             eff if isinstance(eff, str) and eff != peak else None) if n]
        records.append({
            **_identity(product), peak_col: _number(peak_v),
            f"{peak_col}_bound": peak_v.bound if peak_v else None,
            "power_w": _number(power_v), "power_w_bound": power_v.bound if power_v else None,
            eff_col: _number(eff_v), f"{eff_col}_bound": eff_v.bound if eff_v else None,
            f"{peak_col}_vs_first": _number(peak_ratio),
            f"{peak_col}_vs_first_bound": peak_ratio.bound if peak_ratio else None,
            f"{eff_col}_vs_first": _number(eff_ratio),
            f"{eff_col}_vs_first_bound": eff_ratio.bound if eff_ratio else None,
            "notes": "; ".join(notes) or None,
        })
        rows.append([product.id, _shown(peak_v), _shown(power_v), _shown(eff_v),
                     _shown(peak_ratio, "x"), _shown(eff_ratio, "x"), "; ".join(notes)])
    table = Table(f"compare at {options.precision} ({unit}; ratios against {ids[0]})",
                  ["id", unit, "W", f"{unit}/W", f"{unit} vs first", f"{unit}/W vs first",
                   "missing"], rows, ["l", "r", "r", "r", "r", "r", "l"],
                  ["* derived (see rank's basis); >= at least, <= at most, ? no bound"])
    return columns, records, table


def _ratio(value: Bounded | None, first: Bounded | str) -> Bounded | None:
    if value is None or not isinstance(first, Bounded):
        return None
    return divide(value, first)


# ---------------------------------------------------------------------------- claims
def claims_table(results: list[Any], settings: Any) -> Table:
    rows = [[r.claim.id, r.verdict, _shown(r.claimed, "x"), _shown(r.spec, "x"),
             _shown(r.advantage, "x"), " ".join(r.explanation)] for r in results]
    title = (f"{len(results)} claim(s) checked: {verdict_counts(results)} "
             f"(extraordinary at an implied advantage >= {format_number(settings.threshold)})")
    notes = ["claimed and spec are subject / baseline, oriented so that more than 1x is "
             "better (a latency or cost ratio is inverted); advantage = claimed / spec"]
    return Table(title, ["id", "verdict", "claimed", "spec", "advantage", "arithmetic"], rows,
                 ["l", "l", "r", "r", "r", "l"], notes)


def claims_text(results: list[Any], settings: Any) -> str:
    """Plain text: one block a claim, the arithmetic one sentence a line."""
    table = claims_table(results, settings)
    lines = [table.title, table.notes[0], ""]
    for result in results:
        numbers = ", ".join(f"{label} {_shown(value, 'x')}" for label, value in (
            ("claimed", result.claimed), ("spec", result.spec),
            ("advantage", result.advantage)) if value is not None)
        lines.append(f"{result.claim.id}: {result.verdict}" + (f" ({numbers})" if numbers else ""))
        lines.extend(f"  {sentence}" for sentence in result.explanation)
        if result.missing:
            lines.append("  missing: " + "; ".join(result.missing))
        lines.append("")
    return "\n".join(lines)


def verdict_counts(results: list[Any]) -> str:
    counts = Counter(r.verdict for r in results)
    return ", ".join(f"{n} {verdict}" for verdict, n in sorted(counts.items()))
