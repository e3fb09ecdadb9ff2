"""A thin wrapper over HiGHS for `maximise c.x subject to A x <= upper, 0 <= x <= 1`."""

from __future__ import annotations

from dataclasses import dataclass

import highspy
import numpy as np
import scipy.sparse as sp

from server.matchmaking.timetable.model import Floats


@dataclass(frozen=True)
class Solved:
    x: Floats
    objective: float  # of x (0 when none was found)
    bound: float  # proven upper bound on the optimum
    optimal: bool


def maximise(
    cost: Floats,
    rows: sp.csc_matrix,
    upper: Floats,
    integer: bool,
    time_limit: float | None = None,
    start: Floats | None = None,
) -> Solved:
    """Solve the 0/1 program (or its relaxation) with HiGHS; silent, within the time limit."""
    columns = len(cost)
    lp = highspy.HighsLp()
    lp.num_col_, lp.num_row_ = columns, rows.shape[0]
    lp.col_cost_ = cost
    lp.col_lower_, lp.col_upper_ = np.zeros(columns), np.ones(columns)
    lp.row_lower_, lp.row_upper_ = np.full(rows.shape[0], -highspy.kHighsInf), upper
    lp.sense_ = highspy.ObjSense.kMaximize
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = rows.indptr
    lp.a_matrix_.index_ = rows.indices
    lp.a_matrix_.value_ = rows.data
    if integer:
        lp.integrality_ = [highspy.HighsVarType.kInteger] * columns
    solver = highspy.Highs()
    solver.setOptionValue("output_flag", False)
    if time_limit is not None:
        solver.setOptionValue("time_limit", max(float(time_limit), 0.01))
    if integer:
        solver.setOptionValue("mip_rel_gap", 0.0)
        solver.setOptionValue("mip_abs_gap", 1e-9)
    solver.passModel(lp)
    if integer and start is not None:
        warm = highspy.HighsSolution()
        warm.col_value = list(start)
        warm.value_valid = True
        solver.setSolution(warm)
    solver.run()
    status = solver.getModelStatus()
    info = solver.getInfo()
    optimal = status == highspy.HighsModelStatus.kOptimal
    values = np.asarray(solver.getSolution().col_value, dtype=np.float64)
    has_solution = len(values) == columns and (
        optimal or info.primal_solution_status == highspy.SolutionStatus.kSolutionStatusFeasible
    )
    x = values if has_solution else np.zeros(columns)
    objective = float(cost @ x)
    if integer:
        bound = float(info.mip_dual_bound) if np.isfinite(info.mip_dual_bound) else np.inf
    else:
        bound = objective if optimal else np.inf
    return Solved(x=x, objective=objective, bound=max(bound, objective), optimal=optimal)
