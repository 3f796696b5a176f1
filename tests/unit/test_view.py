"""The merged view: precedence, --prefer, conflicts and flagged figures."""

import pytest

from conftest import DATA, request, view_of
from chipcmp.figures import select as figures
from chipcmp.catalog import identity
from chipcmp.analyses import metrics
from chipcmp.output import answers as reports
from chipcmp.model.problems import UsageError
from chipcmp.analyses.sheet import sheet
from chipcmp.analyses.export import export

MERGE = DATA / "merge"
CATALOGS = [MERGE / "curated.yaml", MERGE / "survey_a.yaml", MERGE / "survey_b.yaml"]
DECISIONS = identity.load([MERGE / "identity.yaml"])


def merged(prefer=()):
    return view_of(CATALOGS, prefer, decisions=DECISIONS)


def test_one_catalog_is_the_view_of_one():
    alone = view_of([MERGE / "curated.yaml"])
    assert [e.id for e in alone] == ["acme-t9", "acme-z100-sxm", "acme-q1"]
    assert all(len(e.records) == 1 for e in alone)


def test_the_curated_catalog_comes_before_survey_datasets():
    view = merged()
    entry = view.get("a-t9")
    assert entry.id == "acme-t9"  # named after the curated record
    power = figures.power(view, entry)
    assert power.value.value == 70 and power.figure.source == "sheet"
    assert view.why_first(power.figure, power.others) == \
        "the curated catalog (curated) before survey datasets"


def test_prefer_a_catalog_or_a_source():
    for preferred in ("survey-a", "survey_a", "a"):  # its name, its file's stem, a source
        view = merged([preferred])
        assert figures.power(view, view.get("acme-t9")).value.value == 150
    with pytest.raises(UsageError, match="names no catalog or source"):
        merged(["nowhere"])


def test_disagreeing_figures_are_conflicts_on_the_row_in_show_and_in_export():
    view = merged()
    ranking = metrics.rank(view, metrics.get_metric("tops-per-watt"), request())
    row = next(r for r in ranking.ranked if r.entry.id == "acme-t9")
    assert [s.value for s in row.answer.conflicts] == [150]
    assert reports.marks(row.answer, row.entry) == ["conflict"]
    shown = reports.show_result(sheet(view, view.get("acme-t9"), []))
    used = {(r["what"], r["value"], r["catalog"]): r["used"] for r in shown.records}
    assert used[("power max", 150, "survey-a")] == "disagrees (2.14x the one used)"
    assert used[("power max", 70, "curated")].startswith("card power: the curated catalog")
    record = next(r for r in reports.export_result(export(view, request())).records
                  if r["id"] == "acme-t9")
    assert "150 W max (a)" in record["conflicts"] and record["group"] == "acme-t9;a-t9;b-t9"


def test_a_flagged_figure_is_not_ranked_and_a_sound_source_takes_its_place():
    view = merged()
    h200 = view.get("a-h200")
    assert {k[0] for k in view.flags} >= {"a-h200"}
    compute = figures.compute(view, h200, request())
    power = figures.power(view, h200)
    assert compute.value.value == 480 and power.value.value == 700  # b's, not 500 at 2 mW
    flagged = view_of([MERGE / "survey_a.yaml"])
    ranking = metrics.rank(flagged, metrics.get_metric("tops-per-watt"), request())
    left = {r.entry.id: r.omission for r in ranking.unranked}
    assert left["a-h200"].code == "flagged"
    assert "250000 TOPS/W" in left["a-h200"].detail
    included = metrics.rank(flagged, metrics.get_metric("tops-per-watt"),
                            request(include_flagged=True))
    first = included.ranked[0]
    assert first.entry.id == "a-h200" and first.answer.flagged is not None
    assert reports.marks(first.answer, first.entry) == ["flagged"]


def test_ambiguous_rows_are_marked_with_their_candidates():
    view = merged()
    ranking = metrics.rank(view, metrics.get_metric("tops"), request())
    row = next(r for r in ranking.ranked if r.entry.id == "a-z100")
    assert "ambiguous" in reports.marks(row.answer, row.entry)
    record = next(r for r in reports.rank_result(ranking).records if r["id"] == "a-z100")
    assert "acme-z100-sxm" in record["ambiguous_with"]


def test_ids_of_any_record_find_the_product():
    view = merged()
    assert view.get("b-t9") is view.get("acme-t9")
    with pytest.raises(UsageError, match="chipcmp find"):
        view.get("no-such-thing")
