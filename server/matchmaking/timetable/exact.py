"""Exact timetables for small instances: the slot-indexed model solved by OR-Tools CP-SAT."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from ortools.sat.python import cp_model

from server.matchmaking.timetable.formulations import SlotIndexed
from server.matchmaking.timetable.model import Floats

SCALE = 1_000_000  # CP-SAT needs whole-number weights: micro-units


@dataclass(frozen=True)
class Solved:
    x: Floats
    objective: float  # of x, in the instance's weights
    bound: float  # proven upper bound on the optimum, in the instance's weights
    optimal: bool


def solve_exact(program: SlotIndexed, seconds: float, hint: Floats, workers: int = 2) -> Solved:
    """Maximise the weight of the chosen columns; `hint` is a feasible 0/1 start."""
    model = cp_model.CpModel()
    columns = len(program.cost)
    x = [model.new_bool_var(f"x{v}") for v in range(columns)]
    rows = program.rows.tocsr()
    for r in range(rows.shape[0]):
        members = rows.indices[rows.indptr[r] : rows.indptr[r + 1]]
        if len(members) > program.upper[r]:
            model.add(sum(x[v] for v in members) <= int(program.upper[r]))
    scaled = np.rint(program.cost * SCALE).astype(np.int64)
    slack = float(np.abs(program.cost * SCALE - scaled).max(initial=0.0))
    model.maximize(sum(int(c) * x[v] for v, c in enumerate(scaled)))
    for v in range(columns):
        model.add_hint(x[v], bool(hint[v] > 0.5))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(seconds, 0.01)
    solver.parameters.num_workers = workers
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return Solved(hint, float(program.cost @ hint), np.inf, False)
    chosen = np.array([solver.boolean_value(v) for v in x], dtype=np.float64)
    exact_weights = slack < 1e-6
    rounding = 0.0 if exact_weights else 0.5 * min(columns, float(program.upper.sum())) / SCALE
    optimal = status == cp_model.OPTIMAL and exact_weights
    objective = float(program.cost @ chosen)
    bound = objective if optimal else solver.best_objective_bound / SCALE + rounding
    return Solved(chosen, objective, bound, optimal)
