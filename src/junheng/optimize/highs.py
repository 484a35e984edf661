"""HiGHS (highspy) behind one door: the only place junheng creates a solver, passes it a
:class:`~junheng.optimize.model.Milp`, and maps its status to :class:`SolveStatus`.

Nothing outside :mod:`junheng.optimize` imports highspy (a test enforces it), and
:func:`new_highs` is the only constructor: its banner goes to /dev/null (the core never
prints) and solver output is off.

Examples
--------
>>> from junheng.optimize.model import Milp
>>> m = Milp()
>>> x = m.add_block("x", cost=[3.0, 2.0], lower=0, upper=1, integer=True)
>>> m.add_row("(1)", x, [1.0, 1.0], lo=1.0)
>>> result = HighsSolver(time_limit=10).solve(m)
>>> result.status.value, result.objective, result.values.astype(int).tolist()
('optimal', 2.0, [0, 1])
"""

from __future__ import annotations

import math
import os
import sys
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import highspy
import numpy as np

from junheng.optimize.model import Milp
from junheng.optimize.result import MilpResult, SolveStatus, relative_gap, status_at_gap

_MODEL = highspy.HighsModelStatus
_INFEASIBLE = (_MODEL.kInfeasible, _MODEL.kUnboundedOrInfeasible)
_LIMITS = (_MODEL.kTimeLimit, _MODEL.kSolutionLimit, _MODEL.kIterationLimit,
           _MODEL.kInterrupt, _MODEL.kObjectiveBound, _MODEL.kObjectiveTarget)
_FEASIBLE = 2  # HiGHS's kSolutionStatusFeasible


def new_highs() -> highspy.Highs:
    """``highspy.Highs()`` with the banner swallowed and solver output off."""
    sys.stdout.flush()
    saved = os.dup(1)
    try:
        with open(os.devnull, "w") as devnull:
            os.dup2(devnull.fileno(), 1)
            h = highspy.Highs()
    finally:
        os.dup2(saved, 1)
        os.close(saved)
    h.setOptionValue("output_flag", False)
    return h


@dataclass(frozen=True)
class HighsSolver:
    """HiGHS with its settings: pass one to :meth:`solve` (or :class:`HighsSession`).

    ``relative_gap`` / ``absolute_gap`` stop the branch and bound (HiGHS's defaults are
    1e-4 and 1e-6); ``options`` are further HiGHS options by name.
    """

    time_limit: float = math.inf
    relative_gap: float = 1e-4
    absolute_gap: float = 1e-6
    seed: int = 0
    threads: int = 1
    log: bool = False
    options: Mapping[str, Any] = field(default_factory=dict)

    def settings(self) -> dict[str, Any]:
        return {"output_flag": bool(self.log), "threads": int(self.threads),
                "random_seed": int(self.seed), "time_limit": float(self.time_limit),
                "mip_rel_gap": float(self.relative_gap),
                "mip_abs_gap": float(self.absolute_gap), **self.options}

    def configured(self) -> highspy.Highs:
        """A new HiGHS instance with these settings."""
        h = new_highs()
        for name, value in self.settings().items():
            h.setOptionValue(name, value)
        return h

    def solve(self, model: Milp, *, start: np.ndarray | None = None,
              lower: np.ndarray | None = None, upper: np.ndarray | None = None,
              relax: bool = False, on_improving: Callable[[], None] | None = None,
              on_solution: Callable[[np.ndarray], None] | None = None) -> MilpResult:
        """Solve ``model``; check ``result.status`` before reading ``result.values``.

        ``start``: column values of a feasible solution to begin from; ``lower`` /
        ``upper``: column bounds replacing the model's (a sub-MIP with some columns
        fixed); ``relax``: solve the LP relaxation instead; ``on_improving``: called each
        time the branch and bound finds a better solution (e.g. to time it);
        ``on_solution``: called with the column values of each such solution (a copy).
        """
        h = self.configured()
        h.passModel(highs_lp(model, lower=lower, upper=upper, relax=relax))
        if start is not None:
            solution = highspy.HighsSolution()
            solution.col_value = np.asarray(start, float)
            solution.value_valid = True
            h.setSolution(solution)
        if on_improving is not None or on_solution is not None:
            def improved(_kind, _message, out, _in, _user) -> None:
                if on_improving is not None:
                    on_improving()
                if on_solution is not None:
                    on_solution(np.array(out.mip_solution, dtype=float))

            h.setCallback(improved, None)
            h.startCallback(highspy.cb.HighsCallbackType.kCallbackMipImprovingSolution)
        return run(h, relax=relax)


def highs_lp(model: Milp, *, lower: np.ndarray | None = None, upper: np.ndarray | None = None,
             relax: bool = False) -> highspy.HighsLp:
    """``model`` as HiGHS's column-wise LP (with integrality unless ``relax``)."""
    matrix = model.matrix()
    lp = highspy.HighsLp()
    lp.num_col_, lp.num_row_ = model.n_cols, model.n_rows
    lp.col_cost_ = model.cost
    lp.col_lower_ = model.lower if lower is None else np.asarray(lower, float)
    lp.col_upper_ = model.upper if upper is None else np.asarray(upper, float)
    lp.row_lower_, lp.row_upper_ = model.row_lower, model.row_upper
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = matrix.indptr.astype(np.int32)
    lp.a_matrix_.index_ = matrix.indices.astype(np.int32)
    lp.a_matrix_.value_ = matrix.data
    lp.a_matrix_.num_col_, lp.a_matrix_.num_row_ = model.n_cols, model.n_rows
    if not relax:
        kinds = (highspy.HighsVarType.kContinuous, highspy.HighsVarType.kInteger)
        lp.integrality_ = [kinds[b] for b in model.integer.tolist()]
    return lp


def run(h: highspy.Highs, *, relax: bool) -> MilpResult:
    """Run HiGHS on the model it holds and read the result (values only with a solution)."""
    began = time.perf_counter()
    h.run()
    seconds = time.perf_counter() - began
    model_status, info = h.getModelStatus(), h.getInfo()
    has_solution = info.primal_solution_status == _FEASIBLE
    objective = float(info.objective_function_value) if has_solution else None
    if model_status in _INFEASIBLE:
        bound = math.inf
    elif relax:
        bound = objective if model_status == _MODEL.kOptimal and has_solution else -math.inf
    else:
        bound = float(info.mip_dual_bound) if math.isfinite(info.mip_dual_bound) else -math.inf
    gap = relative_gap(objective, bound) if has_solution else None
    solution = h.getSolution()
    values = np.asarray(solution.col_value) if has_solution else None
    duals = (np.asarray(solution.col_dual) if relax and math.isfinite(bound)
             and solution.dual_valid else None)
    return MilpResult(status=solve_status(model_status, has_solution, gap), objective=objective,
                      bound=bound, gap=gap, seconds=seconds,
                      nodes=max(int(info.mip_node_count), 0), values=values,
                      reduced_costs=duals)


def solve_status(model_status: highspy.HighsModelStatus, has_solution: bool,
                 gap: float | None) -> SolveStatus:
    """HiGHS's model status as ours: the one place the mapping lives."""
    if model_status in _INFEASIBLE:
        return SolveStatus.INFEASIBLE
    if model_status == _MODEL.kOptimal and has_solution:
        return status_at_gap(gap if gap is not None else math.inf)
    if has_solution and (model_status in _LIMITS or model_status == _MODEL.kOptimal):
        return SolveStatus.TIME_LIMIT
    if model_status in _LIMITS:
        return SolveStatus.NO_SOLUTION
    return SolveStatus.ERROR


class HighsSession:
    """A model loaded once into HiGHS and re-solved after its costs or row bounds change
    (HiGHS restarts from the last basis): the Lagrangian master's repeated solves."""

    def __init__(self, model: Milp, solver: HighsSolver, *, relax: bool):
        self.relax = relax
        self.h = solver.configured()
        self.h.passModel(highs_lp(model, relax=relax))
        self._columns = np.arange(model.n_cols, dtype=np.int32)

    def set_costs(self, cost: np.ndarray) -> None:
        """Replace every column's cost."""
        self.h.changeColsCost(self._columns.size, self._columns, np.asarray(cost, float))

    def set_row_bounds(self, row: int, lo: float, hi: float) -> None:
        self.h.changeRowBounds(int(row), float(lo), float(hi))

    def solve(self) -> MilpResult:
        return run(self.h, relax=self.relax)
