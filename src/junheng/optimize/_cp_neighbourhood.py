"""A neighbourhood's sub-problem solved by CP-SAT instead of HiGHS.

For single-source problems with one capacity, no expansion steps, budget, open-count or
side rules, and whole-number demands and capacities (:func:`applies`), the sub-MIP of
:mod:`._neighbourhood` is a small capacitated assignment problem. With the incumbent fixed
outside the neighbourhood's sites ``F``, let ``J`` be the customers the incumbent serves
from ``F``, ``O`` the open sites outside ``F``, ``P`` the pairs of ``J`` to ``F ∪ O``, and
``room_i`` the capacity of site ``i`` less the demand of the customers outside ``J`` it
serves (a caller may add customers served elsewhere to ``J``: :mod:`._deepen`)::

    min  Σ_{(i,j)∈P} ⌊s·c_ij⌉ x_ij + Σ_{i∈F} ⌊s·f_i⌉ y_i
    (1)  Σ_{i:(i,j)∈P} x_ij = 1                  for j ∈ J      (served once)
    (2)  x_ij ⇒ y_i                              for (i,j) ∈ P, i ∈ F (only by an open site)
    (3)  Σ_{j:(i,j)∈P} d_j x_ij ≤ room_i · y_i   for i ∈ F      (capacity)
    (3') Σ_{j:(i,j)∈P} d_j x_ij ≤ room_i         for i ∈ O      (the rest of an open site)
    (4)  y_s = 0                                 for the closed seed ``s`` (a drop move; several
                                                 for :mod:`._deepen`'s double swap)
         x, y ∈ {0, 1}

with costs scaled by ``s`` = :data:`SCALE` and rounded to integers (CP-SAT's objective is
integral); the solution's cost is recomputed exactly from the arrays, so the rounding
(at most half a thousandth of a unit per pair) can only make an improvement be missed, never
a worse plan be taken. Sites outside ``F`` keep their open / closed state, as in the
HiGHS sub-MIP, so every solution is feasible for the whole problem.

Why: on Trafford (73 × 737, an incumbent 0.12 % above the best known), the same 30
neighbourhoods of 10 sites took HiGHS 21.4 s (5 stopped at their 2 s limit, a gain of
33.56 in all) and CP-SAT with one worker 12.6 s (1 stopped, a gain of 37.57): CP-SAT's
propagation of the tight capacity knapsacks settles most of them in 0.1-0.5 s.
"""

from __future__ import annotations

import numpy as np
from ortools.sat.python import cp_model

from junheng.optimize._compiled import Compiled
from junheng.optimize.assign import Incumbent, cost_of

#: Costs are multiplied by this and rounded to whole numbers for CP-SAT.
SCALE = 1000.0


#: CP-SAT's linearization level: 2 adds the capacity rows' cuts to its LP (the same 30
#: neighbourhoods of a 31,430 incumbent: 16.8 s with 2, 20.5 s with the default 1, 60 s
#: and none finished with 0; HiGHS 20.4 s).
LINEARIZATION = 2


def applies(comp: Compiled) -> bool:
    """Single source, one capacity, no steps, budget, open count or side rules, and
    whole-number demands and capacities (the capacity rows are integral)."""
    problem = comp.problem
    if not (problem.single_source and not comp.multi and not comp.has_side
            and not problem.expansions and problem.budget is None and problem.p is None
            and not comp.uncapacitated):
        return False
    numbers = np.r_[problem.demand, problem.capacity[comp.usable]]
    return bool(np.all(np.isfinite(numbers)) and np.allclose(numbers, np.round(numbers)))


def solve_around(comp: Compiled, inc: Incumbent, free: np.ndarray, time_limit: float,
                 seed: int, shut: int | tuple[int, ...] | None = None,
                 movers: np.ndarray | None = None,
                 hint: tuple[np.ndarray, np.ndarray] | None = None
                 ) -> tuple[Incumbent | None, bool]:
    """The sub-problem of the module docstring (``movers``, customers added to ``J``;
    ``shut``, sites closed by (4); ``hint``, (sites open, pairs used) instead of the
    incumbent's); second: whether CP-SAT finished it (optimum or infeasibility proved)."""
    problem, used = comp.problem, inc.x > 0.5
    shut = () if shut is None else tuple(np.atleast_1d(shut).tolist())
    own = np.zeros(comp.n, dtype=bool) if movers is None else movers.copy()
    own[comp.customer[used & free[comp.site]]] = True
    outside = inc.is_open & ~free
    pairs = np.flatnonzero(own[comp.customer] & (free | outside)[comp.site]
                           & comp.usable[comp.site] & ~np.isin(comp.site, shut))
    rest = used & ~own[comp.customer]
    room = problem.capacity - np.bincount(comp.site[rest], weights=comp.pair_demand[rest],
                                          minlength=comp.m)
    model = cp_model.CpModel()
    x = [model.new_bool_var(f"x{k}") for k in pairs]
    sites = np.flatnonzero(free & comp.usable)
    y = {int(i): model.new_bool_var(f"y{i}") for i in sites}
    for i in sites:
        if comp.forced[i]:
            model.add(y[int(i)] == 1)
    for s in shut:
        if s in y:
            model.add(y[s] == 0)  # (4)
    customer, site = comp.customer[pairs], comp.site[pairs]
    for j in np.flatnonzero(own):
        mine = np.flatnonzero(customer == j)
        model.add_exactly_one([x[a] for a in mine])  # (1)
    demand = np.round(comp.pair_demand[pairs]).astype(np.int64)
    for i in np.unique(site):
        mine = np.flatnonzero(site == i)
        load = cp_model.LinearExpr.weighted_sum([x[a] for a in mine], demand[mine].tolist())
        limit = int(np.floor(room[i] + 1e-9))
        if int(i) in y:
            model.add(load <= limit * y[int(i)])  # (3)
            for a in mine:
                model.add_implication(x[a], y[int(i)])  # (2)
        else:
            model.add(load <= limit)  # (3')
    cost = np.round(comp.cost[pairs] * SCALE).astype(np.int64).tolist()
    fixed = np.round(problem.fixed_cost[sites] * SCALE).astype(np.int64).tolist()
    model.minimize(cp_model.LinearExpr.weighted_sum(x, cost)
                   + cp_model.LinearExpr.weighted_sum([y[int(i)] for i in sites], fixed))
    hinted_open, hinted = (inc.is_open, used) if hint is None else hint
    _hint(model, x, y, hinted[pairs], hinted_open, shut)
    solver, status = _solved(model, time_limit, seed)
    finished = status in (cp_model.OPTIMAL, cp_model.INFEASIBLE)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None, finished
    x_new = np.where(used & ~own[comp.customer], 1.0, 0.0)
    x_new[pairs] = [float(solver.boolean_value(v)) for v in x]
    is_open = inc.is_open.copy()
    for i, var in y.items():
        is_open[i] = solver.boolean_value(var)
    return Incumbent(is_open, inc.steps, x_new,
                     cost_of(comp, is_open, inc.steps, x_new, inc.w), inc.w), finished


def _solved(model: cp_model.CpModel, time_limit: float, seed: int
            ) -> tuple[cp_model.CpSolver, int]:
    """CP-SAT with one worker on ``model`` (the solver, to read the values, and its status)."""
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(time_limit, 0.05)
    solver.parameters.num_workers = 1
    solver.parameters.linearization_level = LINEARIZATION
    solver.parameters.random_seed = int(seed) % (2**31)
    return solver, solver.solve(model)


def _hint(model: cp_model.CpModel, x: list, y: dict, used: np.ndarray,
          is_open: np.ndarray, shut: tuple[int, ...]) -> None:
    """The incumbent as CP-SAT's hint (with ``shut``, its customers' pairs are gone and
    CP-SAT repairs the hint)."""
    for var, value in zip(x, used, strict=True):
        model.add_hint(var, bool(value))
    for i, var in y.items():
        model.add_hint(var, bool(is_open[i]) and i not in shut)
