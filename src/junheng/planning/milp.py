"""A small sparse MILP builder over HiGHS (highspy): named variable blocks, row triplets.

Used by the planners whose models have several resources per site (seats per stage, beds),
which the generic facility-location core does not express. Status is mapped to ours.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import highspy
import numpy as np

from junheng.optimize.highs import new_highs

INF = highspy.kHighsInf


@dataclass
class Milp:
    """Columns are added in blocks; rows as (indices, coefficients, lower, upper)."""

    cost: list[np.ndarray] = field(default_factory=list)
    lower: list[np.ndarray] = field(default_factory=list)
    upper: list[np.ndarray] = field(default_factory=list)
    integer: list[np.ndarray] = field(default_factory=list)
    n_cols: int = 0
    rows_i: list[np.ndarray] = field(default_factory=list)
    rows_j: list[np.ndarray] = field(default_factory=list)
    rows_v: list[np.ndarray] = field(default_factory=list)
    row_lo: list[float] = field(default_factory=list)
    row_hi: list[float] = field(default_factory=list)

    def add_block(self, cost, lower, upper, integer: bool) -> np.ndarray:
        """Add ``len(cost)`` columns; return their indices."""
        cost = np.asarray(cost, float)
        n = len(cost)
        self.cost.append(cost)
        self.lower.append(np.broadcast_to(np.asarray(lower, float), n).copy())
        self.upper.append(np.broadcast_to(np.asarray(upper, float), n).copy())
        self.integer.append(np.full(n, integer))
        idx = np.arange(self.n_cols, self.n_cols + n)
        self.n_cols += n
        return idx

    def add_row(self, cols, coefs, lo=-INF, hi=INF) -> None:
        cols = np.asarray(cols, dtype=np.int64)
        if len(cols) == 0:
            if lo > 1e-9 or hi < -1e-9:
                raise ValueError("empty row with a non-trivial bound")
            return
        r = len(self.row_lo)
        self.rows_i.append(np.full(len(cols), r, dtype=np.int64))
        self.rows_j.append(cols)
        self.rows_v.append(np.broadcast_to(np.asarray(coefs, float), len(cols)).copy())
        self.row_lo.append(lo)
        self.row_hi.append(hi)

    def add_rows(self, rows: np.ndarray, cols: np.ndarray, coefs: np.ndarray, lo: np.ndarray,
                 hi: np.ndarray) -> None:
        """Add many rows at once: ``rows`` numbers them 0..k-1 locally."""
        count = int(np.max(rows)) + 1 if len(rows) else 0
        self.rows_i.append(np.asarray(rows, np.int64) + len(self.row_lo))
        self.rows_j.append(np.asarray(cols, np.int64))
        self.rows_v.append(np.asarray(coefs, float))
        self.row_lo.extend(np.broadcast_to(np.asarray(lo, float), count).tolist())
        self.row_hi.extend(np.broadcast_to(np.asarray(hi, float), count).tolist())

    def triplets(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Row, column and value of every non-zero coefficient."""
        rows = np.concatenate(self.rows_i) if self.rows_i else np.zeros(0, np.int64)
        cols = np.concatenate(self.rows_j) if self.rows_j else np.zeros(0, np.int64)
        vals = np.concatenate(self.rows_v) if self.rows_v else np.zeros(0)
        nz = vals != 0
        return rows[nz], cols[nz], vals[nz]

    def violation(self, values: np.ndarray) -> float:
        """Largest violation of a bound, row or integrality by ``values`` (0 when feasible)."""
        values = np.asarray(values, float)
        if len(values) != self.n_cols:
            raise ValueError(f"{len(values)} values for {self.n_cols} columns")
        rows, cols, vals = self.triplets()
        activity = np.bincount(rows, vals * values[cols], minlength=len(self.row_lo))
        lo, hi = np.asarray(self.row_lo, float), np.asarray(self.row_hi, float)
        integ = np.concatenate(self.integer)
        parts = [np.concatenate(self.lower) - values, values - np.concatenate(self.upper),
                 lo - activity, activity - hi,
                 np.abs(values[integ] - np.round(values[integ]))]
        return float(max((np.max(p, initial=0.0) for p in parts), default=0.0))

    def solve(self, *, time_limit: float, gap: float, seed: int = 0, threads: int = 1,
              start: np.ndarray | None = None, options: dict | None = None,
              lower: np.ndarray | None = None, upper: np.ndarray | None = None,
              relax: bool = False) -> MilpResult:
        """Solve with HiGHS.

        ``start``: a feasible solution to begin from; ``options``: further HiGHS options by
        name; ``lower``/``upper``: column bounds replacing the model's (for a sub-MIP with
        some columns fixed); ``relax``: solve the LP relaxation instead.
        """
        h = new_highs()
        h.setOptionValue("time_limit", float(time_limit))
        h.setOptionValue("mip_rel_gap", float(gap))
        h.setOptionValue("random_seed", int(seed))
        h.setOptionValue("threads", int(threads))
        for key, value in (options or {}).items():
            h.setOptionValue(key, value)
        lp = highspy.HighsLp()
        lp.num_col_ = self.n_cols
        lp.num_row_ = len(self.row_lo)
        lp.col_cost_ = np.concatenate(self.cost)
        lp.col_lower_ = np.concatenate(self.lower) if lower is None else np.asarray(lower, float)
        lp.col_upper_ = np.concatenate(self.upper) if upper is None else np.asarray(upper, float)
        lp.row_lower_ = np.asarray(self.row_lo, float)
        lp.row_upper_ = np.asarray(self.row_hi, float)
        rows, cols, vals = self.triplets()
        order = np.lexsort((rows, cols))
        rows, cols, vals = rows[order], cols[order], vals[order]
        start_idx = np.searchsorted(cols, np.arange(self.n_cols + 1))
        lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
        lp.a_matrix_.start_ = start_idx.astype(np.int32)
        lp.a_matrix_.index_ = rows.astype(np.int32)
        lp.a_matrix_.value_ = vals
        lp.a_matrix_.num_col_ = self.n_cols
        lp.a_matrix_.num_row_ = len(self.row_lo)
        if not relax:
            kinds = (highspy.HighsVarType.kContinuous, highspy.HighsVarType.kInteger)
            lp.integrality_ = [kinds[b] for b in np.concatenate(self.integer).tolist()]
        h.passModel(lp)
        if start is not None:
            sol = highspy.HighsSolution()
            sol.col_value = list(map(float, start))
            sol.value_valid = True
            h.setSolution(sol)
        began = time.perf_counter()
        h.run()
        seconds = time.perf_counter() - began
        status = h.getModelStatus()
        info = h.getInfo()
        has_solution = info.primal_solution_status == 2  # kSolutionStatusFeasible
        values = np.asarray(h.getSolution().col_value) if has_solution else None
        name = {highspy.HighsModelStatus.kOptimal: "optimal",
                highspy.HighsModelStatus.kInfeasible: "infeasible",
                highspy.HighsModelStatus.kTimeLimit: "time_limit",
                highspy.HighsModelStatus.kSolutionLimit: "time_limit",
                highspy.HighsModelStatus.kUnboundedOrInfeasible: "infeasible"}.get(status, "error")
        if name == "time_limit" and has_solution:
            name = "feasible"
        objective = float(info.objective_function_value) if has_solution else None
        if relax:
            bound, gap_value = objective, 0.0 if has_solution else None
        else:
            bound = float(info.mip_dual_bound) if has_solution else None
            gap_value = float(info.mip_gap) if has_solution else None
        return MilpResult(name, values, objective, bound, gap_value, seconds,
                          int(max(info.mip_node_count, 0)))


@dataclass(frozen=True)
class MilpResult:
    status: str  # optimal | feasible | infeasible | time_limit | error
    values: np.ndarray | None
    objective: float | None
    bound: float | None
    gap: float | None
    seconds: float
    nodes: int = 0
