"""Warm starts for the layout MILP: a near-optimal plan before HiGHS begins.

HiGHS proves the gap only against its best plan. Left alone on a county it spends about
half its time in primal heuristics (RENS, RINS, reduced-cost sub-MIPs, feasibility jump)
looking for one. :func:`warm_start` finds a plan within about 1 % of the optimum in a
fraction of that time, so the solver can spend its time on the bound:

1. the LP relaxation of the MILP;
2. RENS (relaxation-enforced neighbourhood search): fix every ``y_i`` and every ``x_ij``
   the LP already sets to 0 or 1 and solve the remaining small MILP with HiGHS (on the
   demo county 10 of 141 sites, 156 of 750 customers and 758 of 7,423 pairs stay free);
3. the local search of :func:`~junheng.planning.layout_heuristic.greedy_layout` from that
   plan (the better of the two is used);
4. when the sub-MIP has no solution (the fixing can cut off every plan, e.g. with the
   relief bound (12)) or its plan, also after the local search, leaves more pupils short of
   the relief floors (12) than the LP does, the sub-MIP with only the sites fixed (both
   plans are candidates); without either plan, the local search
   from the LP's rounding, and from scratch. The local search prices the floors (12) and
   (13) as the MILP does, so its plans keep relieved schools at their floors, and moves a
   城区 community's parts together (就近划片, rule (18)), so its plans keep the 划片.

Every start is checked against the MILP's own rows
(:meth:`~junheng.optimize.Milp.violation`) before it is used. Its sub-MIPs stop at
``START_NODES`` branch-and-bound nodes, a limit of work, not of seconds: a bureau
re-running the same county on a loaded machine gets the same start, so the same plan
(planner review: two demo runs ended in different plans, 第一初级中学 2029 2,042 against
2,009 pupils, when the sub-MIP's share of the time limit, 30 % of it in wall-clock seconds,
cut it short at a different point). The branch and bound after it stops by work too (the
scenario's ``node_limit``); the time limit is the safety net of the whole solve, and only a
plan it stops may differ between runs.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import numpy as np

from junheng.optimize import HighsSolver, Milp
from junheng.planning.layout_data import LayoutArrays
from junheng.planning.layout_heuristic import greedy_layout

if TYPE_CHECKING:
    from junheng.planning.layout_model import LayoutColumns

RENS_GAP = 0.002   # the sub-MIP's own gap; it is small and solves at its root
#: the sub-MIPs' limit of work in nodes (the demo county's RENS closes at its root, 1 node):
#: the same start on any machine, however loaded
START_NODES = 500


@dataclass(frozen=True)
class WarmStart:
    """A feasible start for the layout MILP (``values`` None when none was found)."""

    values: np.ndarray | None
    objective: float | None
    source: str           # rens | rens+search | lp_rounding+search | greedy | none
    lp_bound: float | None
    seconds: float


def warm_start(arr: LayoutArrays, milp: Milp, cols: LayoutColumns,
               solver: HighsSolver | None = None) -> WarmStart:
    """A verified start for the layout MILP (see the module docstring).

    Parameters
    ----------
    arr, milp, cols
        The problem's numbers and the MILP built from them by
        :func:`~junheng.planning.layout_model.build_layout_milp`.
    solver
        The solve's HiGHS settings (default: a 60-second limit, seed 0): the warm start
        uses its seed, stops its sub-MIPs at ``START_NODES`` nodes and its time limit only
        as the safety net.

    Returns
    -------
    WarmStart
        The cheapest plan that passes :meth:`Milp.violation`, or ``values=None``.

    Examples
    --------
    >>> from junheng.io import example_county
    >>> from junheng.planning import build_layout_problem, load_layout_config
    >>> from junheng.planning.layout_data import layout_arrays
    >>> from junheng.planning.layout_model import build_layout_milp
    >>> arr = layout_arrays(build_layout_problem(example_county(), load_layout_config()))
    >>> milp, cols = build_layout_milp(arr)
    >>> start = warm_start(arr, milp, cols)
    >>> start.source.startswith("rens"), start.values is not None
    (True, True)
    """
    solver = solver or HighsSolver(time_limit=60.0)
    began = time.perf_counter()
    lp = replace(solver, relative_gap=0.0, options={}).solve(milp, relax=True)
    if lp.values is None:
        return WarmStart(None, None, "none", None, time.perf_counter() - began)
    remaining = max(solver.time_limit - (time.perf_counter() - began), 1.0)
    sub_solver = replace(solver, time_limit=remaining, relative_gap=RENS_GAP,
                         options={"mip_max_nodes": START_NODES})
    plans = _candidate_plans(arr, milp, cols, lp.values, sub_solver)
    best = min(((milp.objective(v), source, v) for v, source in plans
                if milp.violation(v) <= 1e-6), key=lambda t: t[0], default=None)
    seconds = time.perf_counter() - began
    if best is None:
        return WarmStart(None, None, "none", lp.objective, seconds)
    return WarmStart(best[2], best[0], best[1], lp.objective, seconds)


def _candidate_plans(arr: LayoutArrays, milp: Milp, cols: LayoutColumns, relaxed: np.ndarray,
                     solver: HighsSolver) -> list[tuple[np.ndarray, str]]:
    """The RENS plan and the local search from it; without one, the local search from the
    LP's rounding or else from scratch. When every plan leaves schools short of their
    relief floors (12) where the LP is not, also RENS with the sites fixed only."""
    x_lp, y_lp = relaxed[cols.x], relaxed[cols.y]
    began = time.perf_counter()
    lower, upper = rens_bounds(arr, milp, cols, x_lp, y_lp)
    sub = solver.solve(milp, lower=lower, upper=upper)
    if sub.values is None:  # the pairs' fixing cut off every plan: fix the sites only
        sub = _sites_only(arr, milp, cols, relaxed, solver, began, start=None)
    plans = _plans_from(arr, milp, cols, sub, relaxed)
    if sub.values is not None and min(
            _short(v, cols) for v, _ in plans) > _short(relaxed, cols) + 0.5:
        # the pairs' fixing forced the shortfall (demo county: 62.0 M with 25 pupils short,
        # 58.0 M after the local search -> 36.39 M, the optimum)
        better = _sites_only(arr, milp, cols, relaxed, solver, began, start=sub.values)
        if better.values is not None and better.objective < sub.objective:
            plans += _plans_from(arr, milp, cols, better, relaxed)
    return plans


def _sites_only(arr: LayoutArrays, milp: Milp, cols: LayoutColumns, relaxed: np.ndarray,
                solver: HighsSolver, began: float, *, start: np.ndarray | None):
    """RENS with only the sites the LP sets fixed, in the warm start's time left."""
    lower, upper = rens_bounds(arr, milp, cols, relaxed[cols.x], relaxed[cols.y],
                               fix_pairs=False)
    left = max(solver.time_limit - (time.perf_counter() - began), 1.0)
    return replace(solver, time_limit=left).solve(milp, lower=lower, upper=upper, start=start)


def _plans_from(arr: LayoutArrays, milp: Milp, cols: LayoutColumns, sub,
                relaxed: np.ndarray) -> list[tuple[np.ndarray, str]]:
    """A sub-MIP's plan and the local search from it; without one, the local search from
    the LP's rounding or else from scratch."""
    plans: list[tuple[np.ndarray, str]] = []
    if sub.values is not None:
        rens = np.where(milp.integer, np.round(sub.values), sub.values)
        plans.append((rens, "rens"))
        guides = [((rens[cols.x], rens[cols.y]), "rens+search")]
    else:
        guides = [((relaxed[cols.x], relaxed[cols.y]), "lp_rounding+search"), (None, "greedy")]
    for guide, source in guides:
        greedy = greedy_layout(arr, guide=guide)
        if greedy is not None:
            plans.append((greedy.column_values(cols, milp.n_cols, arr), source))
            break
    return plans


def _short(values: np.ndarray, cols: LayoutColumns) -> float:
    """Pupils short of the relief floors (12) in column values."""
    return float(values[cols.r].sum())


def rens_bounds(arr: LayoutArrays, milp: Milp, cols: LayoutColumns, x_lp: np.ndarray,
                y_lp: np.ndarray, *, fix_pairs: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """Column bounds of the RENS sub-MIP: sites and pairs the LP sets to 0 or 1 fixed
    there (a customer assigned whole keeps that site), pairs to fixed-closed sites at 0;
    with ``fix_pairs`` False only the sites."""
    lower, upper = milp.lower, milp.upper
    tol = 1e-6
    shut, opened = y_lp <= tol, y_lp >= 1 - tol
    lower[cols.y[opened]] = np.maximum(lower[cols.y[opened]], 1.0)
    upper[cols.y[shut]] = np.minimum(upper[cols.y[shut]], 0.0)
    whole = (x_lp >= 1 - tol) & fix_pairs
    settled = np.zeros(arr.n_customers, bool)
    settled[arr.pair_customer[whole]] = True
    lower[cols.x[whole]] = 1.0
    upper[cols.x[shut[arr.pair_site] | (settled[arr.pair_customer] & ~whole)]] = 0.0
    return lower, upper
