"""Reduced-cost fixing from an optimal LP relaxation, for any :class:`~junheng.optimize.Milp`.

Let ``z`` be the optimum of the LP relaxation of ``min c·x, L ≤ A x ≤ U, l ≤ x ≤ u`` and
``d = c − Aᵀπ`` its reduced costs at an optimal dual ``π``. For every ``x`` feasible for the
relaxation (hence for every MILP solution)::

    (R1) c·x ≥ z + Σ_{k: d_k > 0} d_k (x_k − l_k) + Σ_{k: d_k < 0} |d_k| (u_k − x_k)

(each row term ``π_r (A x)_r`` is at least ``π_r`` times the row bound it is active at, and
every term of the sums is non-negative). So a solution that costs less than a cutoff ``C``
(the incumbent's objective, less the tolerance the solve may keep) has, for every integer
column ``k``::

    (R2) x_k ≤ l_k + ⌊(C − z) / d_k⌋        where d_k > 0
    (R3) x_k ≥ u_k − ⌊(C − z) / |d_k|⌋      where d_k < 0

Tightening the bounds to (R2)-(R3) removes only solutions of cost at least
``z + |d_k| (t_k + 1)`` (``t_k`` the steps left to column ``k``), the ``floor`` reported with
the fixing: the bound of the reduced MILP, capped by ``floor``, is a bound of the full one.
Continuous columns are left alone. Each quotient is rounded towards keeping more (a relative
slack of 1e-9 plus 1e-6), so the dual's round-off cannot remove a cheaper solution.

Examples
--------
Two items, pick at least one: ``min 3 a + 5 b, a + b ≥ 1``. The LP takes ``a`` (z = 3) and
prices ``b`` at a reduced cost of 2; a cutoff of 4 fixes ``b`` to 0 (3 + 2 > 4), and what it
removes costs at least 5:

>>> from junheng.optimize.highs import HighsSolver
>>> from junheng.optimize.model import Milp
>>> m = Milp()
>>> x = m.add_block("x", cost=[3.0, 5.0], lower=0, upper=1, integer=True)
>>> m.add_row("(1)", x, [1.0, 1.0], lo=1.0)
>>> fixed = reduced_cost_fixing(m, HighsSolver().solve(m, relax=True), cutoff=4.0)
>>> fixed.upper.tolist(), fixed.fixed, fixed.floor
([1.0, 0.0], 1, 5.0)
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from junheng.optimize.model import Milp
from junheng.optimize.result import MilpResult

#: Relative and absolute slack on the quotients of (R2)-(R3), towards keeping more.
RELATIVE_SLACK = 1e-9
ABSOLUTE_SLACK = 1e-6


@dataclass(frozen=True)
class Fixing:
    """Column bounds after (R2)-(R3); ``fixed`` counts the columns fixed at one value,
    ``tightened`` those whose range shrank; ``floor`` bounds every removed solution."""

    lower: np.ndarray
    upper: np.ndarray
    fixed: int
    tightened: int
    floor: float


def reduced_cost_fixing(model: Milp, relaxed: MilpResult, cutoff: float, *,
                        lower: np.ndarray | None = None, upper: np.ndarray | None = None,
                        keep: np.ndarray | None = None) -> Fixing:
    """(R2)-(R3) on the integer columns of ``model``.

    ``relaxed`` is its LP relaxation solved with the same column bounds (``lower`` /
    ``upper``, the model's own by default) and carrying reduced costs; ``cutoff`` the
    objective a solution must beat; ``keep`` column values (an incumbent) whose every
    column stays in range. Without reduced costs or with a cutoff at or below the LP bound
    nothing is fixed (``floor`` infinite).
    """
    lo = model.lower if lower is None else np.array(lower, float)
    hi = model.upper if upper is None else np.array(upper, float)
    d = relaxed.reduced_costs
    if d is None or not math.isfinite(cutoff) or not relaxed.bound < cutoff:
        return Fixing(lo, hi, 0, 0, math.inf)
    room = (cutoff - relaxed.bound) * (1.0 + RELATIVE_SLACK) + ABSOLUTE_SLACK * max(
        1.0, abs(cutoff))
    size = np.abs(d)
    up, down = (d > 0) & model.integer, (d < 0) & model.integer
    new_hi, new_lo = hi.copy(), lo.copy()
    # only where (R2) / (R3) applies: a column of reduced cost 0 and an infinite bound
    # would give inf − inf (a RuntimeWarning, though np.where then dropped the nan)
    new_hi[up] = np.minimum(hi[up], lo[up] + np.floor(room / size[up]))
    new_lo[down] = np.maximum(lo[down], hi[down] - np.floor(room / size[down]))
    if keep is not None:
        new_hi, new_lo = np.maximum(new_hi, keep), np.minimum(new_lo, keep)
    moved = (new_hi < hi) | (new_lo > lo)
    left = np.where(d[moved] > 0, new_hi[moved] - lo[moved], hi[moved] - new_lo[moved])
    floor = float(np.min(relaxed.bound + size[moved] * (left + 1.0), initial=math.inf))
    return Fixing(new_lo, new_hi, int((moved & (new_lo == new_hi)).sum()), int(moved.sum()),
                  floor)
