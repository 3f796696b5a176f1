"""Claims against one another, per (metric, workload): in log space each claim bounds
log(subject) - log(baseline), a difference constraint, so claims that cannot all hold are
a negative cycle (Bellman-Ford), and shortest paths give derived bounds (A against C
through B) and what two claims imply about scaling."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable

from chipcmp.model.bounds import EXACT, rounding_interval
from chipcmp.model.schema import Claim
from chipcmp.model.units import format_number
from chipcmp.catalog.view import View
from chipcmp.analyses.claims.result import CONTRADICTED, ClaimResult, claimed_interval


# ------------------------------------------------------------------- against one another
Node = tuple[str, int]  # (product id, count)


@dataclass
class Edge:
    """x[target] - x[origin] <= weight (log space), from one claim."""

    origin: Node
    target: Node
    weight: float
    claim_id: str
    claim: Claim | None = None


def _log_bounds(claim: Claim) -> tuple[float, float] | None:
    """Bounds on log(subject metric) - log(baseline metric), 'better' oriented."""
    interval = claimed_interval(claim)
    if interval is None:
        return None
    low, high = interval
    return (math.log(low) if low > 0 else -math.inf,
            math.log(high) if math.isfinite(high) else math.inf)


def claim_edges(view: View, claims: Iterable[Claim]) -> dict[tuple[str, str], list[Edge]]:
    """Difference constraints, grouped by (metric, workload); a node is a product of the
    view (any of its records' ids names it) and a count."""
    groups: dict[tuple[str, str], list[Edge]] = defaultdict(list)
    for claim in claims:
        # A claim read several ways is checked against the specs reading by reading;
        # against other claims only when it is unambiguous.
        if claim.kind != "ratio" or claim.baseline is None or claim.readings:
            continue
        bounds = _log_bounds(claim)
        if bounds is None:
            continue
        low, high = bounds
        subject: Node = (view.get(claim.subject).id, claim.subject_count)
        baseline: Node = (view.get(claim.baseline).id, claim.baseline_count)
        key = (claim.metric, claim.workload or "")
        if math.isfinite(high):   # x_s - x_b <= high
            groups[key].append(Edge(baseline, subject, high, claim.id, claim))
        if math.isfinite(low):    # x_b - x_s <= -low
            groups[key].append(Edge(subject, baseline, -low, claim.id, claim))
    return groups


def find_negative_cycle(edges: list[Edge]) -> list[Edge] | None:
    """Bellman-Ford from a virtual source; returns the edges of one negative cycle.

    After every round the predecessor graph is searched for a cycle (linear time): a cycle
    there is a negative cycle, so contradictions are found in a few rounds instead of after
    |V| rounds, and a consistent set stops as soon as nothing relaxes."""
    nodes = {e.origin for e in edges} | {e.target for e in edges}
    distance = {n: 0.0 for n in nodes}
    via: dict[Node, Edge] = {}
    for _ in range(len(nodes)):
        changed = False
        for edge in edges:
            candidate = distance[edge.origin] + edge.weight
            if candidate < distance[edge.target] - 1e-12:
                distance[edge.target] = candidate
                via[edge.target] = edge
                changed = True
        if not changed:
            return None
        cycle = _predecessor_cycle(via)
        if cycle is not None:
            return cycle
    return _predecessor_cycle(via)


def _predecessor_cycle(via: dict[Node, Edge]) -> list[Edge] | None:
    state: dict[Node, int] = {}  # 1: on the current walk, 2: done
    for start in via:
        if start in state:
            continue
        walk, node = [], start
        while node in via and node not in state:
            state[node] = 1
            walk.append(node)
            node = via[node].origin
        if state.get(node) == 1:  # came back onto this walk: a cycle
            cycle, current = [], node
            while True:
                edge = via[current]
                cycle.append(edge)
                current = edge.origin
                if current == node:
                    break
            for visited in walk:
                state[visited] = 2
            return list(reversed(cycle))
        for visited in walk:
            state[visited] = 2
    return None


def shortest_paths(edges: list[Edge], nodes: list[Node]) -> dict[Node, dict[Node, float]]:
    """Floyd-Warshall over a small group: dist[u][v] bounds x[v] - x[u] from above."""
    dist = {u: {v: (0.0 if u == v else math.inf) for v in nodes} for u in nodes}
    for edge in edges:
        dist[edge.origin][edge.target] = min(dist[edge.origin][edge.target], edge.weight)
    for k in nodes:
        row_k = dist[k]
        for i in nodes:
            d_ik = dist[i][k]
            if d_ik == math.inf:
                continue
            row_i = dist[i]
            for j in nodes:
                candidate = d_ik + row_k[j]
                if candidate < row_i[j]:
                    row_i[j] = candidate
    return dist


MAX_DERIVED_GROUP = 30  # all-pairs bounds (cubic) only for groups small enough to read


def check_against_one_another(view: View, claims: list[Claim],
                              results: dict[str, ClaimResult]) -> None:
    for (metric, workload), edges in claim_edges(view, claims).items():
        cycle = find_negative_cycle(edges)
        if cycle is not None:
            ids = list(dict.fromkeys(edge.claim_id for edge in cycle))
            path = " -> ".join(f"{_node(e.origin)}" for e in cycle) + \
                f" -> {_node(cycle[0].origin)}"
            total = math.exp(-sum(e.weight for e in cycle))
            for claim_id in ids:
                result = results[claim_id]
                result.verdict = CONTRADICTED
                result.cycle = ids
                result.explanation.append(
                    f"Contradicted by the claims {', '.join(i for i in ids if i != claim_id) or claim_id}: "
                    f"around the cycle {path} their bounds multiply to "
                    f"{format_number(total, 4)}x, more than 1.")
            continue
        nodes = sorted({e.origin for e in edges} | {e.target for e in edges})
        if len(nodes) > MAX_DERIVED_GROUP:
            continue
        dist = shortest_paths(edges, nodes)
        direct = {(e.origin, e.target) for e in edges} | {(e.target, e.origin) for e in edges}
        _report_scaling(nodes, dist, edges, results, metric)
        _report_chains(nodes, dist, direct, edges, results, metric, workload)


def _node(node: Node) -> str:
    product, count = node
    return f"{count} x {product}" if count != 1 else product


def _interval_text(low: float, high: float) -> str:
    if math.isfinite(low) and math.isfinite(high) and math.isclose(low, high, rel_tol=1e-9):
        return f"{format_number(math.exp(low), 4)}x"
    if math.isfinite(low) and math.isfinite(high):
        return f"{format_number(math.exp(low), 3)}x to {format_number(math.exp(high), 3)}x"
    parts = []
    if math.isfinite(low):
        parts.append(f">= {format_number(math.exp(low), 4)}x")
    if math.isfinite(high):
        parts.append(f"<= {format_number(math.exp(high), 4)}x")
    return " and ".join(parts) or "unbounded"


def _as_written(edges: list[Edge], one: Node, many: Node) -> str:
    """'; each figure read as the interval it was rounded from (5.3: 5.25 to 5.35)'."""
    shown = []
    claims = {e.claim_id: e.claim for e in edges
              if e.claim is not None and {one, many} & {e.origin, e.target}}
    for claim in claims.values():
        value = claim.subject_over_baseline
        if isinstance(value, float | int) and claim.effective_bound == EXACT:
            low, high = rounding_interval(value)
            if low != high:
                shown.append(f"{format_number(value)}: {format_number(low, 4)} to "
                             f"{format_number(high, 4)}")
    return ("; each figure read as the interval it was rounded from (" +
            ", ".join(shown) + ")") if shown else ""


def _claims_on_path(edges: list[Edge], a: Node, b: Node) -> list[str]:
    return sorted({e.claim_id for e in edges if a in (e.origin, e.target)
                   or b in (e.origin, e.target)})


def _report_scaling(nodes: list[Node], dist: dict[Node, dict[Node, float]],
                    edges: list[Edge], results: dict[str, ClaimResult], metric: str) -> None:
    """Two nodes of one product in different counts: what the claims imply about scaling."""
    for one in nodes:
        for many in nodes:
            if one[0] != many[0] or one[1] >= many[1]:
                continue
            high, low = dist[one][many], -dist[many][one]  # bounds on x_many - x_one
            if not (math.isfinite(high) or math.isfinite(low)):
                continue
            factor = many[1] / one[1]
            implied = _interval_text(low, high)
            if math.isfinite(low) and math.exp(low) > factor * (1 + 1e-9):
                kind = "super-linear (more than"
            elif math.isfinite(high) and math.exp(high) < factor * (1 - 1e-9):
                kind = "sub-linear (less than"
            else:
                kind = "consistent with linear scaling (at"
            text = (f"The claims imply {_node(many)} is {implied} {_node(one)}: {kind} "
                    f"{format_number(factor)}x){_as_written(edges, one, many)}.")
            for claim_id in _claims_on_path(edges, one, many):
                if claim_id in results:
                    results[claim_id].scaling.append(text)
                    results[claim_id].explanation.append(text)
                    results[claim_id].related = sorted(
                        set(results[claim_id].related) |
                        (set(_claims_on_path(edges, one, many)) - {claim_id}))


def _report_chains(nodes: list[Node], dist: dict[Node, dict[Node, float]],
                   direct: set[tuple[Node, Node]], edges: list[Edge],
                   results: dict[str, ClaimResult], metric: str, workload: str) -> None:
    """A bound between two products that no single claim gives, derived through others."""
    for a in nodes:
        for b in nodes:
            if a >= b or (a, b) in direct or a[0] == b[0]:
                continue
            high, low = dist[a][b], -dist[b][a]  # bounds on x_b - x_a
            if not (math.isfinite(high) or math.isfinite(low)):
                continue
            better, worse = (b, a) if low > -math.inf and (low >= 0 or high == math.inf) \
                else (a, b)
            if better == a:
                low, high = -high, -low
            text = (f"Derived through the claims: {_node(better)} {metric}"
                    f"{' on ' + workload if workload else ''} is {_interval_text(low, high)} "
                    f"{_node(worse)}'s.")
            for claim_id in _claims_on_path(edges, a, b):
                results[claim_id].explanation.append(text)


