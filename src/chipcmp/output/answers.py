"""Each data command's answer as a Result (results.py): tables for people, records for
scripts, a summary. Built from the view and the metrics; nothing here prints."""

from __future__ import annotations

from collections import Counter
from typing import Any, Iterable

from chipcmp.figures import select as figures
from chipcmp.analyses import filters
from chipcmp.analyses import metrics
from chipcmp.model import precision
from chipcmp.model.bounds import Bounded, divide, render, with_bound
from chipcmp.figures.select import Omission, Pick, Request
from chipcmp.analyses.metrics import Ranking, describe_counts, omission_counts
from chipcmp.model.problems import UsageError
from chipcmp.output.results import Result, Table
from chipcmp.model.units import format_number
from chipcmp.catalog.view import Entry, Sourced, View

IDENTITY_COLUMNS = ["id", "name", "vendor", "kind", "segment"]
LEGEND = ">= at least, <= at most, ~ approximate, ? no bound (a ratio of two minima)"
UNRANKED_SHOWN = 12  # products listed by name under a table; the counts cover all
DERIVED_LEGEND = ("* derived: from parts, halved from sparse, an assumed precision, or a "
                  "figure the source gives for either of two precisions (see basis)")


def identity(entry: Entry) -> dict[str, Any]:
    return {"id": entry.id, "name": entry.name, "vendor": entry.vendor, "kind": entry.kind,
            "segment": entry.segment}


def number(value: Bounded | None) -> float | None:
    return None if value is None else round(value.value, 12)


def shown(value: Bounded | None, suffix: str = "") -> str:
    if value is None:
        return "-"
    return render(value) + suffix + ("*" if value.derived else "")


def describe_request(request: Request, uses_precision: bool = True) -> str:
    return request.describe() if uses_precision else ""


def marks(pick: Pick | None, entry: Entry) -> list[str]:
    """Words for what a value carries besides its number: sources that disagree, a
    flagged figure, a name that may be one of several products."""
    found = []
    if pick is not None and pick.conflicts:
        found.append("conflict")
    if pick is not None and pick.flagged is not None:
        found.append("flagged")
    if entry.ambiguous:
        found.append("ambiguous")
    return found


def conflict_text(pick: Pick | None) -> str | None:
    if pick is None or not pick.conflicts:
        return None
    return "; ".join(_figure_text(s) for s in pick.conflicts)


def _figure_text(sourced: Sourced) -> str:
    if sourced.field == "compute":
        return figures.describe_compute(sourced)
    if sourced.field == "power":
        return figures.describe_power(sourced)
    return f"{format_number(sourced.value)} ({sourced.source})"


def taken(picks: Iterable[Pick]) -> str:
    """What a ranking took: 'int8 matrix 2, int8 unit unstated 1, from parts 2'."""
    counts: Counter[str] = Counter()
    for pick in picks:
        figure = pick.figure
        if figure is None or figure.field != "compute":
            counts["from parts" if figure is None else "stated efficiency"] += 1
        else:
            counts[f"{figure.figure.precision} {figure.figure.unit or 'unit unstated'}"] += 1
    return ", ".join(f"{what} {n}" for what, n in sorted(counts.items()))


# ------------------------------------------------------------------------------ rank
def rank_result(ranking: Ranking, where: filters.Filter | None = None,
                top: int | None = None) -> Result:
    column = ranking.column
    columns = ["rank", *IDENTITY_COLUMNS, column, f"{column}_bound", "derived", "basis",
               "not_ranked_because", "not_ranked_code", "precision", "unit", "conflicts",
               "flagged", "ambiguous_with"]
    rows = ranking.ranked if top is not None else ranking.ranked + ranking.unranked
    records = []
    for row in rows:
        pick, figure = row.answer, row.answer.figure if row.answer else None
        source_figure = figure.figure if figure is not None and figure.field == "compute" \
            else None
        records.append({
            "rank": row.rank, **identity(row.entry),
            column: number(pick.value) if pick else None,
            f"{column}_bound": pick.value.bound if pick else None,
            "derived": pick.value.derived if pick else None,
            "basis": pick.basis if pick else None,
            "not_ranked_because": row.omission.detail if row.omission else None,
            "not_ranked_code": row.omission.code if row.omission else None,
            "precision": source_figure.precision if source_figure else None,
            "unit": source_figure.unit if source_figure else None,
            "conflicts": conflict_text(pick),
            "flagged": pick.flagged.message if pick and pick.flagged else None,
            "ambiguous_with": ", ".join(row.entry.ambiguous) or None,
        })
    return Result([rank_table(ranking, where)], columns, records,
                  summary=rank_summary(ranking, where))


def rank_summary(ranking: Ranking, where: filters.Filter | None) -> str:
    text = f"{_ranked_count(ranking)}, {len(ranking.unranked)} without a figure"
    if ranking.coverage:
        text += f"; {ranking.coverage.summary}"
    if ranking.unranked:
        text += f" ({describe_counts(ranking.omission_counts())})"
    if ranking.filtered_out:
        text += f"; {ranking.filtered_out} left out by the filters"
    return text


def rank_table(ranking: Ranking, where: filters.Filter | None = None) -> Table:
    metric, request = ranking.metric, ranking.request
    described = describe_request(request, metric.uses_precision)
    title = (f"{metric.name} ({ranking.unit}{', ' + described if described else ''}): "
             f"{_ranked_count(ranking)}, {len(ranking.unranked)} without a figure")
    any_marks = any(marks(r.answer, r.entry) for r in ranking.ranked)
    headers = ["#", "id", "name", "kind", ranking.unit, "basis"] + (["marks"] if any_marks
                                                                    else [])
    rows = []
    for r in ranking.ranked:
        row = [str(r.rank), r.entry.id, r.entry.name, r.entry.kind, shown(r.answer.value),
               r.answer.basis]
        if any_marks:
            row.append(", ".join(marks(r.answer, r.entry)))
        rows.append(row)
    notes = []
    if where is not None and where.active:
        notes.append(f"filters: {where.describe()}: {ranking.filtered_out} product(s) left "
                     "out")
    if metric.uses_precision and ranking.ranked:
        notes.append(f"figures taken: {taken(r.answer for r in ranking.ranked)}")
    if ranking.coverage:
        notes.append(str(ranking.coverage))
    if any(r.answer.value.derived for r in ranking.ranked):
        notes.append(DERIVED_LEGEND)
    notes.append(LEGEND)
    if any_marks:
        notes.append("marks: conflict: sources disagree (chipcmp show ID lists them); "
                     "flagged: a figure found implausible, ranked on request; ambiguous: the "
                     "name may be one of several products")
    if ranking.unranked:
        notes.append(f"not ranked (no figure): {describe_counts(ranking.omission_counts())}")
        notes.extend(f"  {r.entry.id}: {r.omission.detail}"
                     for r in ranking.unranked[:UNRANKED_SHOWN])
        if len(ranking.unranked) > UNRANKED_SHOWN:
            notes.append(f"  ... and {len(ranking.unranked) - UNRANKED_SHOWN} more "
                         "(--format json or csv gives each with its reason)")
    return Table(title, headers, rows, ["r", "l", "l", "l", "r", "l", "l"][:len(headers)],
                 notes)


def _ranked_count(ranking: Ranking) -> str:
    if len(ranking.ranked) < ranking.total_ranked:
        return f"top {len(ranking.ranked)} of {ranking.total_ranked} ranked"
    return f"{ranking.total_ranked} ranked"


# ---------------------------------------------------------------------------- export
def _family_columns(view: View) -> list[str]:
    """The families a peak column is made for: each family a dense figure of the view
    belongs to (both of an either-label's), in vocabulary order."""
    labels = {s.figure.precision for entry in view for s in entry.compute
              if not s.figure.sparse}
    return sorted({f for label in labels for f in precision.families(label)},
                  key=precision.sort_key)


def export_result(view: View, request: Request, where: filters.Filter | None = None
                  ) -> Result:
    """One row per product, stable columns: for each precision family, the figure `rank`
    takes at that family (figures.compute, with the request's options: from parts, an
    either-label, marked derived), the power it divides by, and TOPS/W at the request's
    precision by the rank rule."""
    labels = _family_columns(view)
    peak_names = [f"peak_{label.replace('.', '_').replace('/', '_')}_"
                  f"{precision.unit_of(label).lower()}" for label in labels]
    efficiency = metrics.METRICS["tops-per-watt"]
    eff_column = efficiency.column(request.precision)
    columns = list(IDENTITY_COLUMNS)
    for name in peak_names:
        columns += [name, f"{name}_bound"]
    columns += ["power_w", "power_w_bound", "power_kind", "power_scope", eff_column,
                f"{eff_column}_bound", "process_nm", "price_usd", "sources"]
    columns += [f"{name}_unit" for name in peak_names]
    columns += [f"{name}_derived" for name in peak_names]
    columns += [f"{eff_column}_derived", "not_rated_because", "not_rated_code", "released",
                "memory_gb",
                "memory_gb_bound", "bandwidth_gb_s", "bandwidth_gb_s_bound", "catalogs",
                "group", "conflicts"]
    records, omissions, filtered = [], [], 0
    for entry in view:
        if where is not None and not where.admits(view, entry, request):
            filtered += 1
            continue
        record: dict[str, Any] = identity(entry)
        conflicts: list[str] = []
        for label, name in zip(labels, peak_names):
            pick = figures.compute(view, entry, request.at(precision.Query(label, (label,))))
            chosen = pick if isinstance(pick, Pick) else None
            record[name] = chosen.value.value if chosen else None
            record[f"{name}_bound"] = chosen.value.bound if chosen else None
            record[f"{name}_derived"] = chosen.value.derived if chosen else None
            record[f"{name}_unit"] = chosen.figure.figure.unit \
                if chosen and chosen.figure is not None else None
            if chosen and chosen.conflicts:
                conflicts.append(f"{label}: {conflict_text(chosen)}")
        power = figures.power(view, entry, entry.scope, request)  # what rank divides by
        chosen_power = power if isinstance(power, Pick) else None
        record.update({
            "power_w": chosen_power.value.value if chosen_power else None,
            "power_w_bound": chosen_power.value.bound if chosen_power else None,
            "power_kind": chosen_power.figure.figure.kind if chosen_power else None,
            "power_scope": chosen_power.scope if chosen_power else None,
        })
        if chosen_power and chosen_power.conflicts:
            conflicts.append(f"power: {conflict_text(chosen_power)}")
        rated = efficiency.evaluate(view, entry, request)
        omissions.append(rated if isinstance(rated, Omission) else None)
        rated_pick = rated if isinstance(rated, Pick) else None
        record[eff_column] = number(rated_pick.value) if rated_pick else None
        record[f"{eff_column}_bound"] = rated_pick.value.bound if rated_pick else None
        record[f"{eff_column}_derived"] = rated_pick.value.derived if rated_pick else None
        record["not_rated_because"] = rated.detail if isinstance(rated, Omission) else None
        record["not_rated_code"] = rated.code if isinstance(rated, Omission) else None
        process = figures.process(view, entry)
        record["process_nm"] = process.value.value if isinstance(process, Pick) else None
        price = figures.price(view, entry)
        record["price_usd"] = price.value.value if isinstance(price, Pick) else None
        record["sources"] = ";".join(sorted(sources_of(entry))) or None
        record["released"] = filters.release_date(entry)
        memory = entry.memory[0].figure if entry.memory else None
        for key, attribute, bound in (("memory_gb", "capacity", "bound"),
                                      ("bandwidth_gb_s", "bandwidth", "bandwidth_bound")):
            value = getattr(memory, attribute) if memory is not None else None
            record[key] = value.value if value is not None else None
            record[f"{key}_bound"] = getattr(memory, bound) if value is not None else None
        record["catalogs"] = ";".join(c.name for c in entry.catalogs)
        record["group"] = ";".join(entry.ids) if len(entry.ids) > 1 else None
        record["conflicts"] = " | ".join(conflicts) or None
        records.append({column: record.get(column) for column in columns})
    counts = omission_counts(omissions)
    summary = (f"{len(records)} products; {eff_column} for {sum(o is None for o in omissions)}"
               + (f", not for {len(omissions) - sum(o is None for o in omissions)} "
                  f"({describe_counts(counts)})" if counts else "")
               + (f"; {filtered} left out by the filters" if filtered else ""))
    return Result([export_table(columns, records, peak_names, eff_column)], columns, records,
                  summary=summary)


def export_table(columns: list[str], records: list[dict[str, Any]], peak_names: list[str],
                 eff_column: str) -> Table:
    shown_columns = ["id", "kind", "segment", *peak_names, "power_w", eff_column, "process_nm"]
    rows = []
    for record in records:
        row = []
        for column in shown_columns:
            value = record.get(column)
            bound = record.get(f"{column}_bound")
            if value is None:
                row.append("-")
            elif isinstance(value, (int, float)):
                row.append(with_bound(format_number(value, 4), bound))
            else:
                row.append(str(value))
        rows.append(row)
    align = ["l", "l", "l"] + ["r"] * (len(shown_columns) - 3)
    return Table(f"{len(records)} products (the figures every command would choose; "
                 "- missing)", shown_columns, rows, align,
                 ["csv and json carry every column: chipcmp export --format csv"])


def sources_of(entry: Entry) -> set[str]:
    from chipcmp.model.schema import sourced_mappings

    return {node["source"] for record in entry.records
            for _, node in sourced_mappings(record.product.model_dump())}


# ------------------------------------------------------------------------------ show
FIGURE_COLUMNS = ["what", "value", "bound", "unit", "scope", "detail", "source", "catalog",
                  "used", "quote", "inferred", "record"]


def show_result(view: View, product_id: str, verdicts: list[Any],
                request: Request | None = None) -> Result:
    """Everything about one product: every figure from every source with its bound,
    scope, source and quote, which one each command uses, the parts and the claims."""

    entry = view.get(product_id)
    request = request or Request()
    used = _used_figures(view, entry, request)
    records = []
    for sourced in entry.compute:
        figure = sourced.figure
        records.append(_figure_record(
            f"peak {figure.precision}" + (" sparse" if figure.sparse else ""), figure.peak.value,
            figure.bound, precision.unit_of(figure.precision), sourced,
            figure.unit or "", used.get(sourced.key), view))
    for sourced in entry.power:
        figure = sourced.figure
        records.append(_figure_record(f"power {figure.kind}", figure.value.value, figure.bound,
                                      "W", sourced, "", used.get(sourced.key), view))
    for sourced in entry.efficiency:
        figure = sourced.figure
        records.append(_figure_record(f"efficiency {figure.precision}", figure.value.value,
                                      figure.bound, "TOPS/W", sourced, figure.unit or "",
                                      used.get(sourced.key), view))
    for sourced in entry.process:
        records.append(_figure_record("process", sourced.value, sourced.figure.bound, "nm",
                                      sourced, "", used.get(sourced.key), view, scope=""))
    for sourced in entry.price:
        records.append(_figure_record("price", sourced.value, sourced.figure.bound, "USD",
                                      sourced, sourced.figure.what or "", used.get(sourced.key),
                                      view, scope=""))
    for sourced in entry.memory:
        memory = sourced.figure
        for what, value, bound in (("memory", memory.capacity, memory.bound),
                                   ("bandwidth", memory.bandwidth, memory.bandwidth_bound)):
            if value is not None:
                records.append(_figure_record(what, value.value, bound, value.unit, sourced,
                                              memory.type or "", None, view, scope=""))
    for record in entry.records:
        product = record.product
        for decode in product.video_decode:
            records.append(_fact_record("video decode", decode.channels, decode.bound,
                                        "channels", f"{decode.resolution} "
                                        f"{', '.join(decode.codecs)}".strip(), decode, record))
        for bench in product.benchmarks:
            value, unit = ((bench.score, "points") if bench.score is not None else
                           (bench.frame_rate.value, "FPS") if bench.frame_rate is not None
                           else (bench.latency.value, "s"))
            detail = ", ".join(x for x in (bench.conditions, f"peak memory "
                                           f"{format_number(bench.peak_memory.value * 1e6)} kB"
                                           if bench.peak_memory else None) if x)
            records.append(_fact_record(bench.workload, value, bench.bound, unit, detail,
                                        bench, record))
        for feature in product.features:
            records.append(_fact_record(feature.name, feature.value, "exact", "", "",
                                        feature, record))
        if product.rental:
            rental = product.rental
            records.append(_fact_record("rental", rental.value.value, rental.bound, "USD/h",
                                        f"per {rental.per}", rental, record))
        for milestone in product.milestones:
            records.append(_fact_record(milestone.event + (" (planned)" if milestone.planned
                                                          else ""), milestone.date, "exact",
                                        "", "", milestone, record))
        if product.interface:
            records.append(_fact_record("interface", product.interface.value, "exact", "", "",
                                        product.interface, record))
    for part in entry.contains:
        child = view.find(part.product)
        records.append({"what": "contains", "value": part.count, "bound": part.bound,
                        "unit": "", "scope": "",
                        "detail": f"x {child.name if child else part.product} ({part.product})",
                        "source": part.source, "catalog": None, "used": None,
                        "quote": part.quote, "inferred": _inferred(part), "record": None})
    rows = [[r["what"], value_text(r), r["scope"] or "", r["detail"] or "",
             _source_label(view, r["source"]), r["catalog"] or "", r["used"] or "",
             r["quote"] or "", inferred_text(r["inferred"])] for r in records]
    headers = ["what", "value", "scope", "detail", "source", "catalog", "used", "quote",
               "inferred"]
    keep = [i for i, h in enumerate(headers) if h in ("what", "value", "source", "quote")
            or any(row[i] for row in rows)]
    if len(entry.catalogs) < 2:
        keep = [i for i in keep if headers[i] != "catalog"]
    figure_table = Table(f"{entry.name} ({entry.id}): figures", [headers[i] for i in keep],
                         [[row[i] for i in keep] for row in rows],
                         notes=_used_notes(entry, used))
    facts = Table("", ["field", "value"], [[k, str(v)] for k, v in (
        ("vendor", entry.vendor), ("kind", entry.kind), ("segment", entry.segment),
        ("family", entry.first.family), ("status", entry.first.status),
        ("description", entry.first.description), ("note", entry.first.note),
        ("records", ", ".join(f"{r.id} ({r.catalog.name})" for r in entry.records)
         if len(entry.records) > 1 else None),
        ("matched", "; ".join(entry.matched_because) or None),
        ("may be", ", ".join(entry.ambiguous) or None)) if v])
    cited = sorted(sid for sid in sources_of(entry) if sid in view.catalog.sources)
    sources = Table("sources", ["id", "kind", "title", "where"], [
        [sid, view.catalog.sources[sid].kind, view.catalog.sources[sid].title,
         " ".join(x for x in (view.catalog.sources[sid].url,
                              view.catalog.sources[sid].document) if x)]
        for sid in cited])
    claim_lines = "\n".join(f"claim {r.claim.id}: {r.verdict}. {' '.join(r.explanation)}"
                            for r in verdicts)
    document = {**entry.first.model_dump(mode="json", exclude_none=True),
                "id": entry.id, "records": entry.ids, "figures": records,
                "sources": {sid: view.catalog.sources[sid].model_dump(mode="json",
                                                                      exclude_none=True)
                            for sid in cited},
                "claims": [r.as_record() for r in verdicts]}
    blocks: list[Table | str] = [facts, figure_table, sources]
    if claim_lines:
        blocks.append(claim_lines + "\n")
    return Result(blocks, FIGURE_COLUMNS, records, document)


def _used_figures(view: View, entry: Entry, request: Request) -> dict[tuple, str]:
    """Which figure each command uses: the compute figure per precision family present
    (and at the request's precision), the power at the product's scope."""
    used: dict[tuple, str] = {}
    labels = {f for s in entry.compute for f in precision.families(s.figure.precision)}
    for label in sorted(labels, key=precision.sort_key):
        pick = figures.compute(view, entry, request.at(precision.Query(label, (label,))))
        if isinstance(pick, Pick) and pick.figure is not None:
            used.setdefault(pick.figure.key, f"at {label}")
            if used[pick.figure.key] != f"at {label}" and f"at {label}" not in \
                    used[pick.figure.key]:
                used[pick.figure.key] += f", {label}"
    for scope in sorted({s.scope for s in entry.power}):
        pick = figures.power(view, entry, scope, request)
        if isinstance(pick, Pick):
            used[pick.figure.key] = (f"{scope} power"
                                     + (f": {view.why_first(pick.figure, pick.others)}"
                                        if pick.others else ""))
            for other in pick.conflicts:
                used[other.key] = (f"disagrees ({format_number(other.value / pick.value.value, 3)}"
                                   "x the one used)")
    for answer in (figures.process(view, entry), figures.price(view, entry)):
        if isinstance(answer, Pick):
            used[answer.figure.key] = "used"
    for key in view.flags:
        if key[0] in entry.ids:
            used[key] = (used.get(key, "") + " flagged").strip()
    return used


def _used_notes(entry: Entry, used: dict[tuple, str]) -> list[str]:
    notes = ["used: the figure every command takes (at each precision family; for power, at "
             "each scope). A matrix figure before one of unstated or vector unit, then by "
             "source: curated catalogs before survey datasets, then the order the catalogs "
             "were given (--prefer changes it); within one source the highest, and TDP "
             "before max, typical, measured"]
    if any("flagged" in v for v in used.values()):
        notes.append("flagged: found implausible (chipcmp crosscheck says why); not used "
                     "unless --include-flagged")
    return notes


def _figure_record(what: str, value: float, bound: str, unit: str, sourced: Sourced,
                   detail: str, used: str | None, view: View, scope: str | None = None
                   ) -> dict[str, Any]:
    return {"what": what, "value": value, "bound": bound, "unit": unit,
            "scope": sourced.scope if scope is None else scope, "detail": detail,
            "source": sourced.source, "catalog": sourced.catalog.name, "used": used,
            "quote": getattr(sourced.figure, "quote", None) or getattr(sourced.figure, "note",
                                                                        None),
            "inferred": _inferred(sourced.figure), "record": sourced.record.id}


def _inferred(figure: Any) -> dict[str, str] | None:
    """What the catalog read into the source, and how: {'sparse': '8 x 624 = 4,992'}."""
    inferred = getattr(figure, "inferred", None)
    return {k: " ".join(v.split()) for k, v in inferred.items()} if inferred else None


def inferred_text(inferred: dict[str, str] | None) -> str:
    """'sparse: 8 x 624 = 4,992; precision: ...' for a table cell."""
    return "; ".join(f"{k}: {v}" for k, v in (inferred or {}).items())


def _fact_record(what: str, value: Any, bound: str, unit: str, detail: str, fact: Any,
                 record: Any) -> dict[str, Any]:
    return {"what": what, "value": value, "bound": bound, "unit": unit, "scope": "",
            "detail": detail, "source": fact.source, "catalog": record.catalog.name,
            "used": None, "quote": fact.quote or fact.note, "inferred": _inferred(fact),
            "record": record.id}


def value_text(record: dict[str, Any]) -> str:
    value = record["value"]
    if value is None:
        return "?"
    if isinstance(value, (int, float)):
        value = format_number(value)
    return with_bound(f"{value} {record['unit'] or ''}".strip(), record["bound"])


def _source_label(view: View, source_id: str | None) -> str:
    if source_id is None:
        return ""
    source = view.catalog.sources.get(source_id)
    if source is None:
        return source_id
    # A figure read from a seed document is what a vendor said, as an article reports
    # it; anything else was added from a cited page and is not from the documents.
    return source_id + (f" (vendor claim, via {source.kind})" if source.document
                        else f" ({source.kind}, not from the documents)")


# --------------------------------------------------------------------------- compare
def compare_result(view: View, ids: list[str], request: Request) -> Result:
    if len(ids) < 2:
        raise UsageError("compare needs at least two product ids")
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    if repeated:
        raise UsageError(f"{repeated[0]} is named twice: compare sets different products "
                         "side by side")
    entries = [view.get(product_id) for product_id in ids]
    notes = []
    same = [(a, b) for n, a in enumerate(ids) for b in ids[n + 1:]
            if view.get(a) is view.get(b)]
    if same:  # two records of one product: set the sources side by side
        entries = [view.record_entry(product_id) for product_id in ids]
        notes.extend(f"{a} and {b} are one product in the merged view: compared record "
                     "against record" for a, b in same)
    query = request.precision
    unit = query.unit
    peak_col = metrics.METRICS["tops"].column(query)
    eff_col = metrics.METRICS["tops-per-watt"].column(query)
    columns = [*IDENTITY_COLUMNS, peak_col, f"{peak_col}_bound", "power_w", "power_w_bound",
               eff_col, f"{eff_col}_bound", f"{peak_col}_vs_first",
               f"{peak_col}_vs_first_bound", f"{eff_col}_vs_first", f"{eff_col}_vs_first_bound",
               "notes", "scope", "scope_differs", "basis", "conflicts"]
    values = []
    for entry in entries:
        peak = figures.compute(view, entry, request)
        power = figures.power(view, entry, entry.scope, request)
        eff = metrics.per_watt(view, entry, request)
        values.append((entry, peak, power, eff))
    first_scope = entries[0].scope
    first_peak, first_eff = values[0][1], values[0][3]
    records, rows = [], []
    for entry, peak, power, eff in values:
        peak_v = peak.value if isinstance(peak, Pick) else None
        power_v = power.value if isinstance(power, Pick) else None
        eff_v = eff.value if isinstance(eff, Pick) else None
        peak_ratio = _ratio(peak_v, first_peak)
        eff_ratio = _ratio(eff_v, first_eff)
        differs = entry.scope != first_scope
        missing = [str(n) for n in (peak, power, eff) if isinstance(n, Omission)]
        missing = list(dict.fromkeys(missing))
        conflicts = "; ".join(t for t in (conflict_text(p) for p in (peak, power)
                                          if isinstance(p, Pick)) if t) or None
        records.append({
            **identity(entry), peak_col: number(peak_v),
            f"{peak_col}_bound": peak_v.bound if peak_v else None,
            "power_w": number(power_v), "power_w_bound": power_v.bound if power_v else None,
            eff_col: number(eff_v), f"{eff_col}_bound": eff_v.bound if eff_v else None,
            f"{peak_col}_vs_first": number(peak_ratio),
            f"{peak_col}_vs_first_bound": peak_ratio.bound if peak_ratio else None,
            f"{eff_col}_vs_first": number(eff_ratio),
            f"{eff_col}_vs_first_bound": eff_ratio.bound if eff_ratio else None,
            "notes": "; ".join(missing) or None, "scope": entry.scope,
            "scope_differs": differs,
            "basis": "; ".join(p.basis for p in (peak, power) if isinstance(p, Pick)) or None,
            "conflicts": conflicts,
        })
        mark = "†" if differs else ""
        rows.append([entry.id, entry.kind, entry.scope, shown(peak_v) + (mark if peak_v else ""),
                     shown(power_v) + (mark if power_v else ""), shown(eff_v),
                     shown(peak_ratio, "x") + (mark if peak_ratio else ""),
                     shown(eff_ratio, "x"), "conflict" if conflicts else "",
                     "; ".join(missing)])
    headers = ["id", "kind", "scope", unit, "W", f"{unit}/W", f"{unit} vs first",
               f"{unit}/W vs first", "marks", "missing"]
    keep = [i for i, h in enumerate(headers) if h not in ("marks", "missing")
            or any(row[i] for row in rows)]
    notes.append("* derived (see basis); " + LEGEND)
    if any(r["scope_differs"] for r in records):
        notes.append(f"† at another scope than {ids[0]}'s ({first_scope}): a chip's figures "
                     "beside a card's or a system's are not like for like; TOPS/W is each "
                     "product's own, compute and power of one scope")
    if any(r["conflicts"] for r in records):
        notes.append("conflict: another source gives a different figure (chipcmp show ID)")
    notes.append("basis: " + " | ".join(f"{r['id']}: {r['basis']}" for r in records
                                        if r["basis"]))
    title = f"compare at {describe_request(request)} ({unit}; ratios against {ids[0]})"
    table = Table(title, [headers[i] for i in keep], [[row[i] for i in keep] for row in rows],
                  [["l", "l", "l", "r", "r", "r", "r", "r", "l", "l"][i] for i in keep], notes)
    return Result([table], columns, records)


def _ratio(value: Bounded | None, first: Any) -> Bounded | None:
    if value is None or not isinstance(first, Pick):
        return None
    return divide(value, first.value)


# ---------------------------------------------------------------------------- claims
def claims_result(results: list[Any], settings: Any) -> Result:
    records = [r.as_record() for r in results]
    columns = list(records[0]) if records else ["id", "verdict"]
    header = (f"{len(results)} claim(s) checked: {verdict_counts(results)} "
              f"(extraordinary at an implied advantage >= {format_number(settings.threshold)})")
    lines = [header, "claimed and spec are subject / baseline, oriented so that more than 1x "
             "is better (a latency or cost ratio is inverted); advantage = claimed / spec", ""]
    for result in results:
        lines.append(f"{result.claim.id}: {result.summary()}")
        lines.extend(f"  {sentence}" for sentence in result.explanation)
        if result.missing:
            lines.append("  missing: " + "; ".join(result.missing))
        lines.append("")
    return Result(["\n".join(lines)], columns, records,
                  summary=f"{len(results)} claim(s): {verdict_counts(results)}")


def verdict_counts(results: list[Any]) -> str:
    counts = Counter(r.verdict for r in results)
    return ", ".join(f"{n} {verdict}" for verdict, n in sorted(counts.items()))


# -------------------------------------------------------------------------- identity
MATCH_COLUMNS = ["id", "name", "catalog", "product", "status", "candidates", "why"]


def identity_result(view: View) -> Result:
    """Which records were found to be one product and why, the names left apart as
    ambiguous with their candidates, and the near misses kept apart."""
    records, lines = [], []
    groups = [entry for entry in view if len(entry.records) > 1]
    ambiguous = [entry for entry in view if entry.ambiguous]
    for entry in view:
        status = ("merged" if len(entry.records) > 1 else
                  "ambiguous" if entry.ambiguous else "alone")
        for record in entry.records:
            records.append({"id": record.id, "name": record.product.name,
                            "catalog": record.catalog.name, "product": entry.id,
                            "status": status, "candidates": ", ".join(entry.ambiguous) or None,
                            "why": "; ".join(entry.matched_because) or None})
    lines.append(f"{len(groups)} product(s) found in several catalogs, "
                 f"{sum(len(e.records) for e in groups)} records in all:")
    for entry in groups:
        lines.append(f"  {entry.id}: " + ", ".join(f"{r.id} ({r.catalog.name})"
                                                 for r in entry.records))
        lines.extend(f"    because {why}" for why in entry.matched_because)
    lines.append("")
    lines.append(f"{len(ambiguous)} name(s) that could be several products, left apart:")
    for entry in ambiguous:
        record = entry.records[0]
        lines.append(f"  {entry.id} ({record.catalog.name}) {entry.name!r}: may be "
                     f"{', '.join(entry.ambiguous)}")
    matching = view.matching
    if matching is not None and matching.kept_apart:
        lines.append("")
        lines.append(f"{len(matching.kept_apart)} pair(s) alike but kept apart:")
        lines.extend(f"  {text}" for text in matching.kept_apart)
    if matching is not None and matching.unknown_ids:
        lines.append("")
        lines.append("identity decisions naming records not loaded (inactive): "
                     + ", ".join(matching.unknown_ids))
    if matching is None:
        lines.append("")
        lines.append("one catalog loaded: nothing to match (load several with --catalog, "
                     "CHIPCMP_CATALOG or the config file)")
    summary = (f"{len(view)} products from {sum(len(e.records) for e in view)} records; "
               f"{len(groups)} merged, {len(ambiguous)} ambiguous")
    return Result(["\n".join(lines) + "\n"], MATCH_COLUMNS, records, summary=summary)


# ------------------------------------------------------------------------------ find
FIND_COLUMNS = ["id", "name", "vendor", "kind", "segment", "catalogs", "records", "matched",
                "score"]


def find_result(view: View, query: str, top: int | None = None) -> Result:
    from chipcmp.catalog.search import find

    hits = find(view, query)
    shown_hits = hits[:top] if top else hits
    records = [{**identity(h.entry), "catalogs": ", ".join(c.name for c in h.entry.catalogs),
                "records": ", ".join(h.entry.ids), "matched": h.matched, "score": h.score}
               for h in shown_hits]
    rows = [[r["id"], r["name"], r["kind"], r["catalogs"], r["matched"]] for r in records]
    more = len(hits) - len(shown_hits)
    notes = [f"... and {more} more (--top)"] if more else []
    table = Table(f"{len(hits)} product(s) match {query!r}", ["id", "name", "kind", "catalogs",
                                                              "matched"], rows, notes=notes)
    summary = None if hits else (f"nothing matches {query!r}; try a shorter part of the "
                                 "name, or the vendor")
    return Result([table], FIND_COLUMNS, records, summary=summary)
