from conftest import DATA, request, view_of
from chipcmp.analyses import field
from chipcmp.analyses import metrics
from chipcmp.analyses.filters import Filter

VIEW = view_of([DATA / "valid" / "ranking.yaml"])


def test_points_and_left_out():
    result = field.build(VIEW, request())
    plotted = {p.entry.id for p in result.points}
    assert plotted == {"alpha", "beta", "gamma", "theta-tie", "epsilon-board"}
    assert result.left_out["zeta-nopower"].detail == "no chip power"
    assert result.left_out["delta-sparse"].code == "sparse-only"
    assert result.left_out_counts == {"no-power": 1, "power-other-scope": 1,
                                      "sparse-only": 1, "unspecified-precision": 1,
                                      "no-compute": 1}
    assert "5 plotted, 5 left out" in result.caption()


def test_the_field_and_the_ranking_leave_out_the_same_products_for_the_same_reasons():
    the_field = field.build(VIEW, request())
    ranking = metrics.rank(VIEW, metrics.get_metric("tops-per-watt"), request())
    assert the_field.left_out_counts == ranking.omission_counts()


def test_pareto_frontier_is_the_most_compute_for_the_power():
    frontier = [p.entry.id for p in field.build(VIEW, request()).frontier]
    assert frontier == ["gamma", "theta-tie", "beta", "alpha", "epsilon-board"]
    only_cards = field.build(VIEW, request(), Filter(kind="card"))
    assert [p.entry.id for p in only_cards.frontier] == ["beta", "epsilon-board"]


def test_dominated_point_is_off_the_frontier():
    from dataclasses import replace

    points = field.build(VIEW, request()).points
    slow = next(p for p in points if p.entry.id == "beta")
    dominated = field.Point(slow.entry, replace(slow.compute, value=slow.y.scaled(0.5)),
                            replace(slow.power, value=slow.x.scaled(2)))
    assert dominated not in field.pareto_frontier(points + [dominated])
