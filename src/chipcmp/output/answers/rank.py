"""`chipcmp rank`'s answer: the ranking as a table, records and a summary."""

from __future__ import annotations


from chipcmp.analyses import filters
from chipcmp.analyses.filters import describe_left_out
from chipcmp.analyses.metrics import Ranking, describe_counts
from chipcmp.output.results import Result, Table
from chipcmp.output.answers.common import DERIVED_LEGEND, IDENTITY_COLUMNS, LEGEND, UNRANKED_SHOWN, conflict_text, describe_request, identity, marks, number, shown, taken


# ------------------------------------------------------------------------------ rank
def rank_result(ranking: Ranking, where: filters.Filter | None = None,
                top: int | None = None) -> Result:
    column = ranking.column
    columns = ["rank", *IDENTITY_COLUMNS, column, f"{column}_bound", "derived", "basis",
               "not_ranked_because", "not_ranked_code", "precision", "unit", "conflicts",
               "flagged", "ambiguous_with", "release"]
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
        text += f"; {describe_left_out(ranking.filtered_left_out)}"
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
    if where is not None and where.active and (ranking.filtered_left_out or
                                               not where.is_rank_default):
        notes.append(f"filters: {where.describe()}: "
                     f"{describe_left_out(ranking.filtered_left_out) or 'none left out'}")
    if metric.uses_precision and ranking.ranked:
        notes.append(f"figures taken: {taken(r.answer for r in ranking.ranked)}")
    if ranking.coverage:
        notes.append(str(ranking.coverage))
    if any(r.answer.value.derived for r in ranking.ranked):
        notes.append(DERIVED_LEGEND)
    notes.append(LEGEND)
    if any_marks:
        notes.append("marks: announced, roadmap, cancelled: not released (the date the "
                     "sources give); conflict: sources disagree (chipcmp show ID lists them); "
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
                 notes, droppable=("basis", "name"))


def _ranked_count(ranking: Ranking) -> str:
    if len(ranking.ranked) < ranking.total_ranked:
        return f"top {len(ranking.ranked)} of {ranking.total_ranked} ranked"
    return f"{ranking.total_ranked} ranked"


