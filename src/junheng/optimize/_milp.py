"""The facility location MILP, built with :class:`~junheng.optimize.model.Milp` from the
compiled arrays, with fixings and a warm start.

Constraint numbers are those of :mod:`junheng.optimize.facility`. Column blocks: ``open``
(``y``, one per site), ``steps`` (``z``, one per expansion step of the compiled step table:
by site, then resource, each chain in order), ``assign`` (``x``, one per kept pair). The
capacity rows (3) are one per site and resource (row ``r·m + i``), the cut (9) one per
resource.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import NamedTuple

import numpy as np

from junheng.optimize._compiled import Compiled
from junheng.optimize.facility import OpenRule
from junheng.optimize.fixing import reduced_cost_fixing
from junheng.optimize.highs import HighsSolver
from junheng.optimize.model import INF, Milp
from junheng.optimize.result import MilpResult


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
class Layout:
    """Column positions: y at 0..m-1, then z steps, then x for kept pairs."""

    comp: Compiled
    keep: np.ndarray

    def __post_init__(self) -> None:
        comp = self.comp
        self.n_z = comp.step_site.size
        self.pairs = np.flatnonzero(self.keep)
        self.z0 = comp.m
        self.x0 = comp.m + self.n_z
        self.w0 = self.x0 + self.pairs.size  # side columns (optimize.side) after x
        self.n_w = comp.problem.side.n_cols if comp.has_side else 0
        self.n_cols = self.w0 + self.n_w


class Chosen(NamedTuple):
    """A MILP solution read back as the solvers' arrays."""

    is_open: np.ndarray
    steps: np.ndarray
    x: np.ndarray
    w: np.ndarray | None = None  # side columns, when the problem has a side block


def build(comp: Compiled, restriction: Restriction, *, strong: bool = True,
          aggregate: bool = True) -> tuple[Milp, Layout]:
    """The MILP of :mod:`junheng.optimize.facility` over the pairs ``restriction`` keeps."""
    lay = Layout(comp, restriction.keep)
    m = Milp()
    _columns(m, comp, lay, restriction)
    _serve_rows(m, comp, lay, restriction, strong=strong)
    if not comp.uncapacitated:
        _capacity_rows(m, comp, lay)
    _rule_rows(m, comp, lay)
    if aggregate and not comp.uncapacitated:
        _aggregate_row(m, comp, lay)
    if comp.has_side:
        _side_rows(m, comp, lay)
    return m, lay


def _side_rows(m: Milp, comp: Compiled, lay: Layout) -> None:
    """(S) the side block's rows, each under its own group name."""
    side = comp.problem.side
    pair_col = np.full(comp.k, -1, dtype=np.int64)
    pair_col[lay.pairs] = lay.x0 + np.arange(lay.pairs.size)  # dropped pairs carry x = 0
    parts = [side.on_open, side.on_step.remap(lay.z0 + comp.step_position),
             side.on_pair.remap(pair_col), side.on_side.remap(lay.w0 + np.arange(lay.n_w))]
    rows = np.concatenate([p.row for p in parts])
    cols = np.concatenate([p.index for p in parts])
    coefs = np.concatenate([p.coef for p in parts])
    for group in dict.fromkeys(side.groups):
        mine = np.flatnonzero(np.asarray(side.groups) == group)
        local = np.full(side.n_rows, -1, dtype=np.int64)
        local[mine] = np.arange(mine.size)
        at = local[rows] >= 0
        m.add_rows(group, local[rows[at]], cols[at], coefs[at], side.row_lower[mine],
                   side.row_upper[mine])


def _columns(m: Milp, comp: Compiled, lay: Layout, restriction: Restriction) -> None:
    """The blocks; (8) y, z binary, x binary when single-source; side columns as given."""
    problem, pairs = comp.problem, lay.pairs
    y_lower = (comp.forced | restriction.opened).astype(float)
    y_upper = (comp.usable & ~restriction.closed).astype(float)
    z_upper = y_upper[comp.step_site]
    x_upper = np.minimum(restriction.x_upper[pairs], y_upper[comp.site[pairs]])
    # (8) y and z binary; x binary when single-source, else continuous in [0, 1]
    m.add_block("open", problem.fixed_cost, y_lower, y_upper, integer=True)
    m.add_block("steps", comp.step_cost, 0.0, z_upper, integer=True)
    m.add_block("assign", comp.cost[pairs], 0.0, x_upper,
                integer=problem.single_source and not comp.uncapacitated)
    if comp.has_side:
        side = problem.side
        m.add_block("side", side.cost, side.lower, side.upper, integer=side.integer)


def _serve_rows(m: Milp, comp: Compiled, lay: Layout, restriction: Restriction, *,
                strong: bool) -> None:
    pairs = lay.pairs
    site, cust = comp.site[pairs], comp.customer[pairs]
    xcol = lay.x0 + np.arange(pairs.size)
    # (1) every customer fully served
    m.add_rows("(1)", cust, xcol, 1.0, np.ones(comp.n), np.ones(comp.n))
    if strong:
        # (2) only by an open site (strong linking; implied by (3) when capacity binds)
        link = np.flatnonzero(~restriction.opened[site])
        k = np.arange(link.size)
        m.add_rows("(2)", np.r_[k, k], np.r_[xcol[link], site[link]],
                   np.r_[np.ones(link.size), -np.ones(link.size)],
                   np.full(link.size, -INF), np.zeros(link.size))


def _capacity_rows(m: Milp, comp: Compiled, lay: Layout) -> None:
    pairs, n_sites, n_res = lay.pairs, comp.m, comp.n_res
    zcol = lay.z0 + np.arange(lay.n_z)
    xcol = lay.x0 + np.arange(pairs.size)
    sites = np.arange(n_sites)
    # (3) capacity of each resource, with expansions (row r·m + i)
    if comp.multi:
        cap = np.minimum(comp.cap, comp.reachable_use).T.ravel()
        use = comp.pair_use[pairs].T.ravel()
    else:
        cap, use = np.minimum(comp.problem.capacity, comp.reachable_demand), comp.pair_demand[pairs]
    shift = np.repeat(np.arange(n_res) * n_sites, pairs.size)
    m.add_rows("(3)", np.r_[np.tile(comp.site[pairs], n_res) + shift,
                            np.arange(n_sites * n_res), comp.step_res * n_sites + comp.step_site],
               np.r_[np.tile(xcol, n_res), np.tile(sites, n_res), zcol],
               np.r_[use, -cap, -comp.step_add],
               np.full(n_sites * n_res, -INF), np.zeros(n_sites * n_res))
    if lay.n_z:
        # (4) steps in order, at open sites: z_k - z_(k-1) ≤ 0 with z_0 = y
        prev = np.where(comp.step_rank == 1, comp.step_site, zcol - 1)
        k = np.arange(lay.n_z)
        m.add_rows("(4)", np.r_[k, k], np.r_[zcol, prev],
                   np.r_[np.ones(lay.n_z), -np.ones(lay.n_z)],
                   np.full(lay.n_z, -INF), np.zeros(lay.n_z))


def _rule_rows(m: Milp, comp: Compiled, lay: Layout) -> None:
    """(6) the open count and (7) the budget."""
    problem, n_sites = comp.problem, comp.m
    zcol = lay.z0 + np.arange(lay.n_z)
    if problem.p is not None:
        # (6) number of open sites
        exact = problem.open_rule is OpenRule.EXACTLY
        m.add_row("(6)", np.arange(n_sites), 1.0, problem.p if exact else -INF, problem.p)
    if problem.budget is not None:
        # (7) budget on new fixed costs
        base = comp.level_start[:-1]
        m.add_row("(7)", np.r_[np.arange(n_sites), zcol],
                  np.r_[comp.level_spend[base], comp.step_cost], hi=problem.budget)


def _aggregate_row(m: Milp, comp: Compiled, lay: Layout) -> None:
    # (9) aggregate capacity of each resource, a valid cut
    zcol = lay.z0 + np.arange(lay.n_z)
    for r, demand in enumerate(comp.min_use):
        steps = comp.step_res == r
        m.add_row("(9)", np.r_[np.arange(comp.m), zcol[steps]],
                  np.r_[np.minimum(comp.cap[:, r], demand),
                        np.minimum(comp.step_add[steps], demand)], lo=demand)


def warm_vector(comp: Compiled, lay: Layout, is_open: np.ndarray, steps: np.ndarray,
                x: np.ndarray, w: np.ndarray | None = None) -> np.ndarray | None:
    """Column values of a known solution (pairs outside the layout must carry no flow);
    None when the problem has side columns and ``w`` is not known."""
    if lay.n_w and w is None:
        return None
    z = comp.step_rank <= comp.step_matrix(steps)[comp.step_site, comp.step_res]
    side = np.zeros(0) if w is None else w
    return np.r_[is_open.astype(float), z.astype(float), x[lay.pairs], side]


def solve_mip(comp: Compiled, restriction: Restriction, solver: HighsSolver, *,
              warm: Chosen | None = None, strong: bool = True,
              on_solution: Callable[[Chosen], None] | None = None
              ) -> tuple[MilpResult, Chosen | None]:
    """Build, warm-start and solve; the arrays are read only when HiGHS holds a solution.
    ``on_solution`` gets each improving solution of the branch and bound as it is found."""
    model, lay = build(comp, restriction, strong=strong)
    start = None if warm is None else warm_vector(comp, lay, *warm)
    found = None if on_solution is None else (
        lambda values: on_solution(_chosen(comp, lay, values)))
    result = solver.solve(model, start=start, on_solution=found)
    if result.values is None:
        return result, None
    return result, _chosen(comp, lay, result.values)


def solve_mip_fixed(comp: Compiled, restriction: Restriction, solver: HighsSolver, *,
                    warm: Chosen | None, cutoff: float
                    ) -> tuple[MilpResult, Chosen | None, dict]:
    """:func:`solve_mip` after fixing by LP reduced costs: the LP relaxation is solved
    first and (R1)-(R3) of :mod:`junheng.optimize.fixing` tighten the integer columns for
    solutions cheaper than ``cutoff`` (the warm start's columns always stay in range). The
    result's bound is capped by what the fixing removed and raised to the LP bound, so it
    bounds the unfixed model; the counts and seconds of the fixing come third."""
    began = time.perf_counter()
    model, lay = build(comp, restriction)
    start = None if warm is None else warm_vector(comp, lay, *warm)
    relaxed = replace(solver, relative_gap=0.0).solve(model, relax=True)
    fixing = reduced_cost_fixing(model, relaxed, cutoff, keep=start)
    seconds = time.perf_counter() - began
    left = replace(solver, time_limit=max(solver.time_limit - seconds, 0.01))
    result = left.solve(model, start=start, lower=fixing.lower, upper=fixing.upper)
    result = replace(result, bound=max(min(result.bound, fixing.floor), relaxed.bound))
    details = {"lp_bound": relaxed.bound, "lp_fixed": fixing.fixed,
               "lp_tightened": fixing.tightened, "lp_seconds": round(seconds, 3)}
    if result.values is None:
        return result, None, details
    return result, _chosen(comp, lay, result.values), details


def _chosen(comp: Compiled, lay: Layout, values: np.ndarray) -> Chosen:
    z = values[lay.z0: lay.x0] > 0.5
    steps = np.zeros((comp.m, comp.n_res), dtype=np.int64)
    np.maximum.at(steps, (comp.step_site, comp.step_res), np.where(z, comp.step_rank, 0))
    x = np.zeros(comp.k)
    x[lay.pairs] = np.clip(values[lay.x0: lay.w0], 0.0, 1.0)
    w = values[lay.w0:].copy() if lay.n_w else None
    if w is not None:
        side = comp.problem.side
        w[side.integer] = np.round(w[side.integer])
    return Chosen(values[: comp.m] > 0.5, comp.steps_out(steps), x, w)
