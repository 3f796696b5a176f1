"""`chipcmp rank`'s answer: the ranking as a table, records and a summary."""

from __future__ import annotations


from chipcmp.analyses import filters
from chipcmp.analyses.filters import describe_left_out
from chipcmp.analyses.metrics import Ranking, describe_counts
from chipcmp.output.results import Result, Table
from chipcmp.output.answers.common import (IDENTITY_COLUMNS, conflict_text, describe_request,
                                           identity, legends, marks, number, shown, taken)


# ------------------------------------------------------------------------------ rank
def rank_result(ranking: Ranking, where: filters.Filter | None = None,
                top: int | None = None) -> Result:
    column = ranking.column
    details = ranking.metric.details
    columns = ["rank", *IDENTITY_COLUMNS, column, f"{column}_bound", "derived", "basis",
               "not_ranked_because", "not_ranked_code", "precision", "unit", "conflicts",
               "flagged", "ambiguous_with", "release"]
    columns += [d for d in details if d not in columns]
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
            "release": filters.release(row.entry).state,
            # a cost's price and result (its metric's details), None where not ranked
            **{key: None for key in details}, **dict(pick.details if pick else ()),
        })
    return Result([rank_table(ranking, where)], columns, records,
                  summary=rank_summary(ranking, where))


def rank_summary(ranking: Ranking, where: filters.Filter | None) -> str:
    text = f"{_ranked_count(ranking)}, {len(ranking.unranked)} without a figure"
    if ranking.coverage:
        text += f"; {ranking.coverage.summary}"
    caveats = ranking.metric.caveats(ranking.request)
    if caveats:
        text += "; " + "; ".join(caveats)
    if ranking.unranked:
        text += f" ({describe_counts(ranking.omission_counts())})"
    if ranking.filtered_out:
        text += f"; {describe_left_out(ranking.filtered_left_out)}"
    return text


def rank_table(ranking: Ranking, where: filters.Filter | None = None) -> Table:
    """The ranking for people: rank, name, kind, the value and the figures it is made of
    (TOPS and W beside TOPS/W) on one line; the id and the basis where the terminal has
    room for them (piped output, csv and json always keep them)."""
    metric, request = ranking.metric, ranking.request
    described = describe_request(request, metric.uses_precision or metric.measured)
    title = (f"{metric.name} ({ranking.unit}{', ' + described if described else ''}): "
             f"{_ranked_count(ranking)}, {len(ranking.unranked)} without a figure")
    inputs = metric.inputs(request)
    row_marks = [", ".join(marks(r.answer, r.entry)) for r in ranking.ranked]
    any_marks = any(row_marks)
    headers = ["#", "name", "kind", ranking.unit, *inputs] + (["marks"] if any_marks
                                                              else []) + ["id", "basis"]
    rows = []
    for r, mark in zip(ranking.ranked, row_marks):
        terms = [shown(v) for v in r.answer.inputs] or ["-"] * len(inputs)
        rows.append([str(r.rank), r.entry.name, r.entry.kind, shown(r.answer.value),
                     *terms, *([mark] if any_marks else []), r.entry.id, r.answer.basis])
    notes = []
    if where is not None and where.active and (ranking.filtered_left_out or
                                               not where.is_rank_default):
        notes.append(f"filters: {where.describe()}: "
                     f"{describe_left_out(ranking.filtered_left_out) or 'none left out'}")
    if metric.uses_precision and ranking.ranked:
        notes.append(f"figures taken: {taken(r.answer for r in ranking.ranked)}")
    if ranking.coverage:
        notes.append(str(ranking.coverage))
    notes.extend(f"note: {caveat}" for caveat in metric.caveats(request))
    values = len(inputs) + 1
    notes.extend(legends((cell for row in rows for cell in row[3:3 + values]), row_marks))
    if ranking.unranked:
        notes.append(f"not ranked: {describe_counts(ranking.omission_counts())} "
                     "(--format csv lists each with its reason)")
    align = ["r", "l", "l", *["r"] * values] + (["l"] if any_marks else []) + ["l", "l"]
    return Table(title, headers, rows, align, notes,
                 whole=("#", ranking.unit, *inputs, "id"),
                 droppable=("basis", "id", "kind", "marks", *reversed(inputs)),
                 wrap=("name",))


def _ranked_count(ranking: Ranking) -> str:
    if len(ranking.ranked) < ranking.total_ranked:
        return f"top {len(ranking.ranked)} of {ranking.total_ranked} ranked"
    return f"{ranking.total_ranked} ranked"


