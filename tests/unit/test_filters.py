import pytest

from conftest import DATA, request, view_of
from chipcmp.analyses import metrics
from chipcmp.analyses.filters import Filter, release_date
from chipcmp.model.problems import UsageError

VIEW = view_of([DATA / "valid" / "ranking.yaml"])
BUNDLED = view_of()


def admitted(view, **kwargs):
    where = Filter(**kwargs)
    return {e.id for e in view if where.admits(view, e, request())}


def test_edge_is_a_group_of_segments():
    assert admitted(VIEW, segment="edge") >= {"gamma", "eta-unspec", "theta-tie"}  # eta: embedded
    assert "alpha" not in admitted(VIEW, segment="edge")
    assert admitted(BUNDLED, segment="edge") >= {"tesla-hw3", "samsung-exynos-2200"}
    # announced in 2021 and not shown released since: asked for
    assert "rockchip-rv1106" in admitted(BUNDLED, segment="edge", include_announced=True)


def test_unknown_segment_or_kind_names_the_choices():
    with pytest.raises(UsageError, match="choose one of datacenter, edge"):
        Filter(segment="space")
    with pytest.raises(UsageError, match="chip, soc, card"):
        Filter(kind="board")


def test_kind_groups_compare_like_with_like():
    accelerators = admitted(BUNDLED, kind="accelerator", include_announced=True)
    every = admitted(BUNDLED, kind="all", include_announced=True)
    assert "nvidia-a100" in accelerators and "nvidia-dgx-a100" not in accelerators
    assert every == admitted(BUNDLED, include_announced=True)
    field = view_of(["@bundled"])
    accelerators = admitted(field, kind="accelerator", include_announced=True)
    # a superchip (two GPUs and a CPU) is compared with neither one GPU nor a system
    assert "nvidia-gb200" in admitted(field, kind="superchip", include_announced=True)
    assert "nvidia-gb200" not in accelerators
    assert "nvidia-gb200-blackwell-gpu" in accelerators


def test_rank_compares_accelerators_unless_asked():
    import chipcmp

    catalog = chipcmp.load("@bundled")
    ranked = {r["id"] for r in catalog.rank("tops", "fp16").records if r["rank"]}
    assert "nvidia-dgx-b200" not in ranked and "nvidia-gb200" not in ranked
    systems = {r["id"] for r in catalog.rank("tops", "fp16", kind="system").records
               if r["rank"]}
    assert "nvidia-dgx-a100" in systems and "nvidia-a100" not in systems


def test_power_filters_take_bounds_at_their_word():
    assert admitted(VIEW, max_power=10) == {"gamma", "theta-tie", "eta-unspec"}
    assert "gamma" in admitted(VIEW, max_power=5)      # "up to 5 W" is at most 5 W
    assert admitted(VIEW, min_power=100) == {"delta-sparse", "epsilon-board"}
    with pytest.raises(UsageError):
        Filter(max_power=0)


def test_vendor_and_release_dates():
    assert admitted(BUNDLED, vendor="nvid") >= {"nvidia-t4", "nvidia-a100"}
    # the first of released, announced, shipping, mass production, sampling that happened
    assert release_date(BUNDLED.get("qualcomm-snapdragon-888")) == "2021-01"
    assert release_date(BUNDLED.get("vastai-sv102")) is None  # production only planned
    assert admitted(BUNDLED, released_after="2021-02") == {"samsung-exynos-2200",
                                                           "qualcomm-snapdragon-898"}
    assert admitted(BUNDLED, released_after="2021-02", include_announced=True) == {
        "cambricon-7nm-auto-2021", "samsung-exynos-2200", "qualcomm-snapdragon-898"}
    assert admitted(BUNDLED, released_before="2020") == {"yitu-questcore"}
    with pytest.raises(UsageError, match="takes a date"):
        Filter(released_after="last year")


def test_a_ranking_says_what_the_filters_left_out():
    from chipcmp.output import answers as reports

    where = Filter(segment="edge", max_power=10)
    ranking = metrics.rank(VIEW, metrics.get_metric("tops-per-watt"), request(), where=where)
    assert ranking.filtered_out == 7
    notes = reports.rank_result(ranking, where).blocks[0].notes
    assert notes[0] == ("filters: segment edge (edge, embedded, mobile, automotive), power "
                        "<= 10 W: 7 left out by the filters (3 power unknown, 3 other "
                        "segment, 1 power out of range)")
    assert ranking.filtered_left_out == {"power-unknown": 3, "segment": 3, "power": 1}


def test_a_product_of_unknown_segment_is_counted_apart_never_dropped_silently():
    from chipcmp.analyses.filters import Filter as F

    where = F(segment="datacenter")
    survey = view_of([DATA / "merge" / "survey_a.yaml"])
    ranking = metrics.rank(survey, metrics.get_metric("tops"), request(), where=where)
    unknown = [e.id for e in survey if e.segment == "unspecified"]
    assert ranking.filtered_left_out.get("segment-unknown", 0) == len(unknown) > 0
