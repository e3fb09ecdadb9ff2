"""A fast upper bound: the fractional b-matching of the pairs as a min-cost flow (OR-Tools).

Flow runs source -> person (left copy) -> partner (right copy) -> sink; each pair gives two
arcs, so y[e] = (flow one way + flow the other) / 2 is a half-integral fractional matching.
The source sends at most 2 x slots x tables (all tables of all slots), so the bound also
counts the tables. Costs are rounded up, so the bound stays a bound.
"""

from __future__ import annotations

import numpy as np
from ortools.graph.python import min_cost_flow

from server.matchmaking.timetable.model import Floats, Model

SCALE = 1_000_000


def flow_bound(model: Model) -> tuple[Floats, float]:
    """Pair values y in {0, 1/2, 1} and the bound sum(w y) they prove."""
    people, pairs = model.people, model.pairs
    if pairs == 0:
        return np.zeros(0), 0.0
    source, sink = 2 * people, 2 * people + 1
    capacity = model.capacity
    gain = np.ceil(model.weight * SCALE).astype(np.int64)
    everyone = np.arange(people)
    tails = np.concatenate([np.full(people, source), model.a, model.b, everyone + people, [source]])
    heads = np.concatenate(
        [everyone, model.b + people, model.a + people, np.full(people, sink), [sink]]
    )
    caps = np.concatenate([capacity, np.ones(2 * pairs, dtype=np.int64), capacity, [2 * pairs]])
    costs = np.concatenate(
        [np.zeros(people, np.int64), -gain, -gain, np.zeros(people + 1, np.int64)]
    )
    flow = min_cost_flow.SimpleMinCostFlow()
    arcs = flow.add_arcs_with_capacity_and_unit_cost(tails, heads, caps, costs)
    supply = int(min(2 * model.slots * model.tables, 2 * pairs, capacity.sum()))
    supplies = np.zeros(2 * people + 2, dtype=np.int64)
    supplies[source], supplies[sink] = supply, -supply
    flow.set_nodes_supplies(np.arange(2 * people + 2), supplies)
    if flow.solve() != flow.OPTIMAL:
        raise RuntimeError("min-cost flow failed on the timetable bound")
    used = flow.flows(arcs)
    y = (used[people : people + pairs] + used[people + pairs : people + 2 * pairs]) / 2.0
    return y.astype(np.float64), float(-flow.optimal_cost()) / (2 * SCALE)
