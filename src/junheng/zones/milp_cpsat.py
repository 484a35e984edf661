"""Solve an all-integer :class:`~junheng.optimize.model.Milp` on OR-Tools CP-SAT: every column
becomes an integer variable (infinite bounds capped at :data:`BIG`), every row a linear
constraint; coefficients must be integers (true of the districting model: populations, band
and flow capacities are whole numbers).

>>> from junheng.optimize.model import Milp
>>> m = Milp()
>>> x = m.add_block("x", cost=[3.0, 2.0], lower=0, upper=1, integer=True)
>>> m.add_row("(1)", x, [1.0, 1.0], lo=1.0)
>>> status, objective, bound, values = solve_milp_cpsat(m, time_limit=10)
>>> status, objective, values.astype(int).tolist()
('optimal', 2.0, [0, 1])
"""

from __future__ import annotations

import numpy as np
from ortools.sat.python import cp_model

BIG = 10**9
_STATUS = {cp_model.OPTIMAL: "optimal", cp_model.FEASIBLE: "time_limit",
           cp_model.INFEASIBLE: "infeasible"}


def _int(value: float) -> int:
    return int(np.clip(np.round(value), -BIG, BIG))


def solve_milp_cpsat(milp, *, time_limit: float, threads: int = 2, hint=None):
    """``(status, objective, bound, values)`` of ``milp`` (values None without a solution);
    ``hint``: column values of a solution to start from."""
    model = cp_model.CpModel()
    lower, upper = milp.lower, milp.upper
    v = [model.new_int_var(_int(lo), _int(hi), f"v{j}") for j, (lo, hi)
         in enumerate(zip(lower, upper, strict=True))]
    matrix = milp.matrix().tocsr()
    for r, (lo, hi) in enumerate(zip(milp.row_lower, milp.row_upper, strict=True)):
        start, end = matrix.indptr[r], matrix.indptr[r + 1]
        expr = sum(_int(c) * v[j] for j, c in zip(matrix.indices[start:end],
                                                   matrix.data[start:end], strict=True))
        if np.isfinite(lo):
            model.add(expr >= _int(lo))
        if np.isfinite(hi):
            model.add(expr <= _int(hi))
    cost = milp.cost
    model.minimize(sum(_int(c) * v[j] for j, c in enumerate(cost) if c))
    for var, value in zip(v, [] if hint is None else hint, strict=False):
        model.add_hint(var, _int(value))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = float(time_limit)
    solver.parameters.num_workers = threads
    code = solver.solve(model)
    status = _STATUS.get(code, "no_solution")
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return status, None, solver.best_objective_bound, None
    values = np.array([solver.value(x) for x in v], float)
    return status, float(solver.objective_value), float(solver.best_objective_bound), values
