"""The facility location MILP in HiGHS, built from arrays, with fixings and a warm start.

Constraint numbers are those of :mod:`junheng.optimize.facility`. Columns: ``y`` (one per
site), ``z`` (one per expansion step), ``x`` (one per kept pair).
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field

import highspy
import numpy as np
import scipy.sparse as sp

from junheng.optimize._compiled import Compiled
from junheng.optimize.facility import OpenRule
from junheng.optimize.highs import new_highs

INF = highspy.kHighsInf


@dataclass
class Restriction:
    """What bound-based fixing removed: closed/open sites, dropped pairs, tighter x bounds."""

    closed: np.ndarray  # sites fixed closed
    opened: np.ndarray  # sites fixed open
    keep: np.ndarray  # pairs kept as columns
    x_upper: np.ndarray  # upper bound per pair (1, or tighter)

    @classmethod
    def none(cls, comp: Compiled) -> Restriction:
        return cls(np.zeros(comp.m, bool), np.zeros(comp.m, bool), np.ones(comp.k, bool),
                   np.ones(comp.k))


@dataclass
class MipResult:
    status: highspy.HighsModelStatus
    objective: float
    bound: float
    is_open: np.ndarray | None
    steps: np.ndarray | None
    x: np.ndarray | None
    seconds: float
    nodes: int = 0
    info: dict = field(default_factory=dict)


class _Rows:
    """Triplets of a sparse constraint matrix built block by block."""

    def __init__(self) -> None:
        self.rows: list[np.ndarray] = []
        self.cols: list[np.ndarray] = []
        self.vals: list[np.ndarray] = []
        self.lower: list[np.ndarray] = []
        self.upper: list[np.ndarray] = []
        self.count = 0

    def add(self, rows: np.ndarray, cols: np.ndarray, vals: np.ndarray,
            lower: np.ndarray, upper: np.ndarray) -> None:
        self.rows.append(np.asarray(rows, np.int64) + self.count)
        self.cols.append(np.asarray(cols, np.int64))
        self.vals.append(np.asarray(vals, float))
        self.lower.append(np.asarray(lower, float))
        self.upper.append(np.asarray(upper, float))
        self.count += len(lower)

    def matrix(self, n_cols: int) -> sp.csc_matrix:
        return sp.csc_matrix(
            (np.concatenate(self.vals), (np.concatenate(self.rows), np.concatenate(self.cols))),
            shape=(self.count, n_cols))


@dataclass
class Layout:
    """Column positions: y at 0..m-1, then z steps, then x for kept pairs."""

    comp: Compiled
    keep: np.ndarray

    def __post_init__(self) -> None:
        comp = self.comp
        self.step_level = np.flatnonzero(comp.level_steps > 0)  # one z per level above base
        self.n_z = self.step_level.size
        self.pairs = np.flatnonzero(self.keep)
        self.z0 = comp.m
        self.x0 = comp.m + self.n_z
        self.n_cols = self.x0 + self.pairs.size


def build(comp: Compiled, restriction: Restriction, *, strong: bool = True,
          aggregate: bool = True) -> tuple[highspy.HighsLp, Layout]:
    """The MILP of the module docstring over the pairs ``restriction`` keeps."""
    problem, lay = comp.problem, Layout(comp, restriction.keep)
    m, pairs = comp.m, lay.pairs
    site, cust = comp.site[pairs], comp.customer[pairs]
    xcol = lay.x0 + np.arange(pairs.size)
    zsite = comp.level_site[lay.step_level]
    zcol = lay.z0 + np.arange(lay.n_z)
    rows = _Rows()
    # (1) every customer fully served
    rows.add(cust, xcol, np.ones(pairs.size), np.ones(comp.n), np.ones(comp.n))
    # (2) only by an open site (strong linking; implied by (3) when capacity binds)
    if strong:
        link = np.flatnonzero(~restriction.opened[site])
        k = np.arange(link.size)
        rows.add(np.r_[k, k], np.r_[xcol[link], site[link]],
                 np.r_[np.ones(link.size), -np.ones(link.size)],
                 np.full(link.size, -INF), np.zeros(link.size))
    if not comp.uncapacitated:
        # (3) capacity, with expansions
        add_cap = comp.level_cap[lay.step_level] - comp.level_cap[lay.step_level - 1]
        cap = np.minimum(problem.capacity, comp.reachable_demand)
        rows.add(np.r_[site, np.arange(m), zsite],
                 np.r_[xcol, np.arange(m), zcol],
                 np.r_[comp.pair_demand[pairs], -cap, -add_cap],
                 np.full(m, -INF), np.zeros(m))
    if lay.n_z:
        # (4) steps in order, at open sites: z_k - z_(k-1) ≤ 0 with z_0 = y
        first = comp.level_steps[lay.step_level] == 1
        prev = np.where(first, zsite, zcol - 1)
        k = np.arange(lay.n_z)
        rows.add(np.r_[k, k], np.r_[zcol, prev], np.r_[np.ones(lay.n_z), -np.ones(lay.n_z)],
                 np.full(lay.n_z, -INF), np.zeros(lay.n_z))
    if problem.p is not None:
        # (6) number of open sites
        exact = problem.open_rule is OpenRule.EXACTLY
        rows.add(np.zeros(m), np.arange(m), np.ones(m),
                 [problem.p if exact else -INF], [problem.p])
    if problem.budget is not None:
        # (7) budget on new fixed costs
        base = comp.level_start[:-1]
        step_spend = comp.level_spend[lay.step_level] - comp.level_spend[lay.step_level - 1]
        rows.add(np.zeros(m + lay.n_z), np.r_[np.arange(m), zcol],
                 np.r_[comp.level_spend[base], step_spend], [-INF], [problem.budget])
    if aggregate and not comp.uncapacitated:
        # (9) aggregate capacity, a valid cut
        add_cap = comp.level_cap[lay.step_level] - comp.level_cap[lay.step_level - 1]
        demand = problem.total_demand
        rows.add(np.zeros(m + lay.n_z), np.r_[np.arange(m), zcol],
                 np.r_[np.minimum(problem.capacity, demand), np.minimum(add_cap, demand)],
                 [demand], [INF])
    return _lp(comp, lay, rows, restriction), lay


def _lp(comp: Compiled, lay: Layout, rows: _Rows, restriction: Restriction) -> highspy.HighsLp:
    problem, pairs = comp.problem, lay.pairs
    step_cost = comp.level_cost[lay.step_level] - comp.level_cost[lay.step_level - 1]
    y_lower = (comp.forced | restriction.opened).astype(float)
    y_upper = (comp.usable & ~restriction.closed).astype(float)
    z_upper = y_upper[comp.level_site[lay.step_level]]
    x_upper = np.minimum(restriction.x_upper[pairs], y_upper[comp.site[pairs]])
    matrix = rows.matrix(lay.n_cols)
    lp = highspy.HighsLp()
    lp.num_col_, lp.num_row_ = lay.n_cols, rows.count
    lp.col_cost_ = np.r_[problem.fixed_cost, step_cost, comp.cost[pairs]]
    lp.col_lower_ = np.r_[y_lower, np.zeros(lay.n_z), np.zeros(pairs.size)]
    lp.col_upper_ = np.r_[y_upper, z_upper, x_upper]
    lp.row_lower_ = np.concatenate(rows.lower)
    lp.row_upper_ = np.concatenate(rows.upper)
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_, lp.a_matrix_.index_, lp.a_matrix_.value_ = (
        matrix.indptr, matrix.indices, matrix.data)
    integer, continuous = highspy.HighsVarType.kInteger, highspy.HighsVarType.kContinuous
    x_type = integer if problem.single_source and not comp.uncapacitated else continuous
    lp.integrality_ = [integer] * (comp.m + lay.n_z) + [x_type] * pairs.size
    return lp


def warm_vector(comp: Compiled, lay: Layout, is_open: np.ndarray, steps: np.ndarray,
                x: np.ndarray) -> np.ndarray:
    """Column values of a known solution (pairs outside the layout must carry no flow)."""
    z = (comp.level_steps[lay.step_level] <= steps[comp.level_site[lay.step_level]])
    return np.r_[is_open.astype(float), z.astype(float), x[lay.pairs]]


def solve_mip(comp: Compiled, restriction: Restriction, *, time_limit: float,
              relative_gap: float, absolute_gap: float, threads: int, seed: int,
              log: bool, warm: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None,
              strong: bool = True, tuning: dict | None = None) -> MipResult:
    """Build, warm-start and solve; read values only when HiGHS holds a solution."""
    started = time.perf_counter()
    lp, lay = build(comp, restriction, strong=strong)
    h = new_highs()
    settings = {"output_flag": log, "threads": int(threads), "random_seed": int(seed),
                "time_limit": max(float(time_limit), 0.01), "mip_rel_gap": float(relative_gap),
                "mip_abs_gap": float(absolute_gap), **(tuning or {})}
    for name, value in settings.items():
        h.setOptionValue(name, value)
    h.passModel(lp)
    if warm is not None:
        solution = highspy.HighsSolution()
        solution.col_value = warm_vector(comp, lay, *warm)
        solution.value_valid = True
        h.setSolution(solution)
    h.run()
    return _read(comp, lay, h, started)


def _read(comp: Compiled, lay: Layout, h: highspy.Highs, started: float) -> MipResult:
    status, info = h.getModelStatus(), h.getInfo()
    seconds = time.perf_counter() - started
    has_solution = info.primal_solution_status == 2  # kSolutionStatusFeasible
    bound = info.mip_dual_bound if math.isfinite(info.mip_dual_bound) else -math.inf
    result = MipResult(status, info.objective_function_value if has_solution else math.inf,
                       bound, None, None, None, seconds, nodes=int(info.mip_node_count))
    if status == highspy.HighsModelStatus.kInfeasible:
        result.bound = math.inf
    if not has_solution:
        return result
    values = np.asarray(h.getSolution().col_value)
    result.is_open = values[: comp.m] > 0.5
    z = values[lay.z0: lay.x0] > 0.5
    steps = np.zeros(comp.m, dtype=np.int64)
    np.maximum.at(steps, comp.level_site[lay.step_level],
                  np.where(z, comp.level_steps[lay.step_level], 0))
    result.steps = steps
    x = np.zeros(comp.k)
    x[lay.pairs] = np.clip(values[lay.x0:], 0.0, 1.0)
    result.x = x
    return result
