"""The zoning model on OR-Tools CP-SAT (the alternative the issue asks to measure).

Same formulation as :mod:`junheng.zones.model` with the cut method: rows (1)–(5) and the
separators (8) added round by round, each round hinted with the best connected plan. CP-SAT
needs integer coefficients, so costs are scaled by :data:`SCALE` and rounded: the reported
objective is recomputed exactly from the plan, the bound is the solver's divided by SCALE
(exact to the rounding, at most half a unit per pupil term).
"""

from __future__ import annotations

import math
import time

import numpy as np
from ortools.sat.python import cp_model

from junheng.optimize.result import relative_gap
from junheng.zones.check import check_plan
from junheng.zones.graph import components
from junheng.zones.problem import ZonePlan, ZoneProblem
from junheng.zones.repair import connect, improve

SCALE = 100
_STATUS = {cp_model.OPTIMAL: "optimal", cp_model.FEASIBLE: "time_limit",
           cp_model.INFEASIBLE: "infeasible"}


def _model(p: ZoneProblem):
    m, w = cp_model.CpModel(), p.weights
    x = {(i, s): m.new_bool_var(f"x{i}_{s}") for i, s in zip(*np.nonzero(p.allowed), strict=True)}
    for i in range(p.n):
        m.add_exactly_one(x[i, s] for s in range(p.k) if (i, s) in x)           # (1)
    for s in range(p.k):
        m.add(x[int(p.root[s]), s] == 1)                                           # (2)
    pupils = np.round(p.pupils).astype(int)
    top = int(pupils.sum())
    over = [m.new_int_var(0, 0 if p.hard_capacity else top, f"o{s}") for s in range(p.k)]
    for s in range(p.k):                                                           # (3)
        m.add(sum(int(pupils[i]) * v for (i, t), v in x.items() if t == s) - over[s]
              <= int(math.floor(p.capacity[s])))
    if p.max_moved is not None:                                                    # (4)
        stay = [int(pupils[i]) * x[i, int(p.current[i])] for i in range(p.n)
                if p.current[i] >= 0 and (i, int(p.current[i])) in x]
        m.add(sum(stay) >= int(pupils[p.current >= 0].sum()) - int(p.max_moved))
    if p.max_over is not None:                                                     # (4c)
        m.add(sum(over) <= int(math.floor(p.max_over)))
    adjacency = p.adjacency
    for (i, s), v in x.items():                                                    # (5)
        if i != p.root[s]:
            m.add(v <= sum(x[j, s] for j in adjacency[i] if (j, s) in x))
    cost = []
    pairs = np.array(list(x), np.int64).reshape(-1, 2)
    costs = p.pair_cost(pairs[:, 0], pairs[:, 1])                                   # (9)
    for c, v in zip(costs.tolist(), x.values(), strict=True):
        cost.append(int(round(SCALE * c)) * v)
    m.minimize(sum(cost) + int(round(SCALE * w.over)) * sum(over))
    return m, x, adjacency


def solve_zones_cpsat(problem: ZoneProblem, *, time_limit: float = 60.0,
                      relative_gap_limit: float = 1e-4, start: np.ndarray | None = None,
                      threads: int = 2, max_rounds: int = 200) -> ZonePlan:
    """Solve ``problem`` on CP-SAT (see the module docstring); same result as
    :func:`junheng.zones.model.solve_zones`."""
    began, p = time.perf_counter(), problem
    m, x, adjacency = _model(p)
    usable = start is not None and not check_plan(p, start)
    best = improve(p, np.asarray(start), adjacency) if usable else None
    bound, status = -math.inf, "no_solution"
    for rounds in range(1, max_rounds + 1):
        left = time_limit - (time.perf_counter() - began)
        if left <= 0:
            break
        if best is not None:
            m.clear_hints()
            for (i, s), v in x.items():
                m.add_hint(v, int(best[i] == s))
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = left
        solver.parameters.num_workers = threads
        solver.parameters.relative_gap_limit = relative_gap_limit
        code = solver.solve(m)
        status = _STATUS.get(code, "no_solution")
        if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            break
        bound = solver.best_objective_bound / SCALE
        school = np.array([next(s for s in range(p.k) if (i, s) in x and solver.value(x[i, s]))
                           for i in range(p.n)])
        if _separate(m, x, p, school, adjacency) == 0:
            objective = p.objective(school)
            return ZonePlan(school, status if code == cp_model.FEASIBLE or
                            relative_gap(objective, bound) <= 1e-6 else "gap_limit",
                            objective, bound, relative_gap(objective, bound),
                            time.perf_counter() - began, "cpsat", rounds)
        fixed = connect(p, school, adjacency)
        fixed = improve(p, fixed, adjacency) if fixed is not None else None
        if fixed is not None and (best is None or p.objective(fixed) < p.objective(best)):
            best = fixed
    seconds = time.perf_counter() - began
    if best is None:
        return ZonePlan(np.full(p.n, -1), status, math.nan, bound, math.inf, seconds, "cpsat")
    objective = p.objective(best)
    return ZonePlan(best, "time_limit", objective, bound, relative_gap(objective, bound),
                    seconds, "cpsat")


def _separate(m, x, p: ZoneProblem, school: np.ndarray, adjacency) -> int:
    added = 0
    for s in range(p.k):
        for part in components(np.nonzero(school == s)[0].tolist(), adjacency):
            if p.root[s] in part:
                continue
            border = sorted({j for i in part for j in adjacency[i]} - set(part))
            for a in part:                                                         # (8)
                m.add(x[a, s] <= sum(x[j, s] for j in border if (j, s) in x))
                added += 1
    return added
