from conftest import DATA
from chipcmp import catalog, field
from chipcmp.metrics import Options

CATALOG = catalog.load([DATA / "valid" / "ranking.yaml"])


def test_points_and_left_out():
    result = field.build(CATALOG, Options())
    plotted = {p.product.id for p in result.points}
    assert plotted == {"alpha", "beta", "gamma", "theta-tie", "epsilon-board"}
    assert result.left_out["zeta-nopower"] == "no chip power"
    assert "sparse" in result.left_out["delta-sparse"]
    assert result.left_out_counts == {"no compute figure": 3, "no power": 2}
    assert "5 plotted, 5 left out" in result.caption()


def test_pareto_frontier_is_the_most_compute_for_the_power():
    frontier = [p.product.id for p in field.build(CATALOG, Options()).frontier]
    assert frontier == ["gamma", "theta-tie", "beta", "alpha", "epsilon-board"]
    only_cards = field.build(CATALOG, Options(), kind="card")
    assert [p.product.id for p in only_cards.frontier] == ["beta", "epsilon-board"]


def test_dominated_point_is_off_the_frontier():
    points = field.build(CATALOG, Options()).points
    slow = next(p for p in points if p.product.id == "beta")
    dominated = field.Point(slow.product, slow.compute.scaled(0.5), slow.power.scaled(2), "tdp")
    assert dominated not in field.pareto_frontier(points + [dominated])
