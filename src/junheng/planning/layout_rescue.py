"""The rescue of a layout solve that stops short: when HiGHS ends with a plan but a proven gap
above the target (its node or time limit), the exact per-site bound of
:mod:`junheng.planning.layout_bound` at the plan's objective as cutoff fixes sites and pairs,
and HiGHS re-solves the reduced MILP from the plan within a node budget.

Every plan either survives the fixing (it costs at least the reduced MILP's bound ``B_red``)
or is removed by it (it costs more than the cutoff ``C``, the first plan's objective), so
``min(C, B_red)`` bounds every plan; so do HiGHS's first bound ``B_1`` and the Lagrangian
bound ``L``. The rescue reports::

    objective = min(first objective, reduced objective)
    bound     = min(objective, max(B_1, L, min(C, B_red)))

(``B_red`` −∞ where HiGHS calls the reduced MILP infeasible or fails: the first plan is in
its range, :func:`trusted_bound`) and the gap and status from those (:func:`rescued_status`:
"最优" only within the target, :func:`~junheng.optimize.status_words.status_words`). The
budget is nodes, as the product's node limit: the same work on any machine (the bound's three
subgradient steps are a count too).

Not the product's behaviour (``solve_layout(rescue_nodes=0)``, the default): measured 2026-12-07
(brief hrescue, ``python -m bench.layout --rescue``, one process, load 2-10 on the 2-core
machine). The scan: ``generate(seed=7, counties=12, years=1)`` at the product's stop (node limit
2,000, gap 0.01 %, a county skipped after 120 s): 9 counties reach 0.01 % in 1-354 nodes and
0.2-5.6 s of CPU, 3 are infeasible (5, 10, 12, presolve), none stops short. So the comparison
lowers the node limit ``N`` until HiGHS stops short, on bench.layout's demo county and generated
counties 1-3; proven gap after ``N`` nodes, then default + rescue / plain HiGHS with ``N + K``
nodes (``K`` = 1, 5, 20):

* ``N = 1``: demo 0.6779 %: 0.6779 / 0.6667, 0.4712 / 0.5505, 0.4712 / 0.5505; county 1 0.2225 %:
  0.1986 / 0.2075, 0.1723 / 0.2075, 0.0094 / 0.0094; county 2 0.0197 %: 0.0197 / 0.0095,
  0.0180 / 0.0095, 0.0095 / 0.0095; county 3 0.0151 %: 0.0096 / 0.0150, 0.0096 / 0.0098,
  0.0096 / 0.0098.
* ``N = 5``: demo 0.5505 %: 0.5505 / 0.5505, 0.4712 / 0.5505, 0.4712 / 0.5505; county 1
  0.2075 %: 0.1986 / 0.2075, 0.1723 / 0.2075, 0.0094 / 0.0094; counties 2 and 3 reach 0.01 %.

The rescue proves a smaller gap in 11 of 18 pairs, the same in 4 and a larger one in 3 (demo
``N = 1, K = 1``; county 2 ``N = 1``, ``K`` = 1 and 5: HiGHS's next node closes what the
reduced MILP's new root must find again), at 0.5-2.1 s more CPU than plain HiGHS (the LP for the
duals, three steps, the tests and a second root): not strictly better, so not the default. The
fixing holds 37-54 sites open and closes 47-63 (those the rules keep or close included) and
removes 112-459 pairs (county 3: 493 once the bound holds 就近划片 (18)), but ``L`` stays 0.05-2.6 % under the cutoff (demo 36,151,674 against
37,065,259; below HiGHS's root bound, as :mod:`~junheng.planning.layout_bound` found), so the
reduced MILP's bound is what moves, not ``L``.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, replace

import numpy as np

from junheng.optimize import HighsSolver, Milp, MilpResult, SolveStatus
from junheng.optimize.result import relative_gap, status_at_gap
from junheng.planning.layout_bound import fixed_bounds, layout_bound, penalty_fixing
from junheng.planning.layout_data import LayoutArrays
from junheng.planning.layout_model import whole_pupils

#: Subgradient steps of the bound before its penalty tests: a count, not seconds.
RESCUE_STEPS = 3


#: ``path["rescue"]`` where the solve needed no rescue (or the bound cannot run).
NOT_NEEDED = "not run: gap reached, no plan, or pupils not whole"


@dataclass(frozen=True)
class RescueBounds:
    """The bounds the rescue combines (each bounds every plan, ``reduced`` only with
    ``cutoff``)."""

    first: float  # HiGHS's bound when it stopped short
    lagrangian: float  # layout_bound's L at the cutoff
    cutoff: float  # the first plan's objective
    reduced: float  # the reduced MILP's bound

    def combined(self, objective: float) -> float:
        """``min(objective, max(first, L, min(cutoff, reduced)))``.

        >>> RescueBounds(90.0, 92.0, 100.0, 97.0).combined(99.0)
        97.0
        >>> RescueBounds(90.0, 92.0, 100.0, 120.0).combined(99.0)  # reduced MILP above the cutoff
        99.0
        >>> RescueBounds(95.0, 92.0, 100.0, -math.inf).combined(100.0)  # nothing proven after
        95.0
        """
        return min(objective, max(self.first, self.lagrangian, min(self.cutoff, self.reduced)))


def stopped_short(arr: LayoutArrays, result: MilpResult, target: float) -> bool:
    """True when ``result`` has a plan, a proven gap above ``target`` (or none) and the county's
    demands are whole pupils (the bound's exact knapsacks need them)."""
    gap = math.inf if result.gap is None else result.gap
    return result.values is not None and gap > target + 1e-12 and whole_pupils(arr)


def rescued_status(gap: float, target: float) -> SolveStatus:
    """The status at the combined gap: :func:`status_at_gap` within ``target``, else stopped by
    a limit (the reduced solve may have closed its own gap, not the combined one).

    >>> rescued_status(0.00005, 1e-4).value, rescued_status(0.0, 1e-4).value
    ('gap_limit', 'optimal')
    >>> rescued_status(0.002, 1e-4).value
    'time_limit'
    """
    if gap <= target + 1e-12:
        return status_at_gap(gap)
    return SolveStatus.TIME_LIMIT


def trusted_bound(reduced: MilpResult) -> float:
    """The reduced MILP's bound, or −∞ where HiGHS calls it infeasible or failed: the first plan
    is in its range, so that is round-off or an error, never a proof that every plan costs more
    than the cutoff."""
    if reduced.status in (SolveStatus.INFEASIBLE, SolveStatus.ERROR):
        return -math.inf
    return reduced.bound


def _best(first: MilpResult, reduced: MilpResult) -> tuple[float, np.ndarray]:
    """The cheaper plan of the two solves (the first on a tie)."""
    if reduced.values is not None and reduced.objective < first.objective:
        return reduced.objective, reduced.values
    return first.objective, first.values


def rescue(arr: LayoutArrays, milp: Milp, cols, first: MilpResult, solver: HighsSolver, *,
           nodes: int) -> tuple[MilpResult, dict]:
    """Fix by the exact bound at ``first``'s objective, re-solve from its plan within ``nodes``
    nodes (``solver``'s time limit the safety net); the combined result and the figures
    ``path`` records: the bounds, the sites held open and closed and the pairs fixed to 0,
    the reduced solve's nodes.

    ``first`` must have a plan (:func:`stopped_short`)."""
    began, cutoff = time.perf_counter(), first.objective
    found = layout_bound(arr, milp, cutoff, max_iterations=RESCUE_STEPS, deadline=math.inf)
    lagrangian, fix = penalty_fixing(arr, *found.multipliers, cutoff, found.priced)
    lower, upper = fixed_bounds(milp, cols, fix, np.round(first.values))
    budget = replace(solver, options={**solver.options, "mip_max_nodes": int(nodes)})
    reduced = budget.solve(milp, start=first.values, lower=lower, upper=upper)
    bounds = RescueBounds(first.bound, max(lagrangian, found.bound), cutoff,
                          trusted_bound(reduced))
    objective, values = _best(first, reduced)
    bound = bounds.combined(objective)
    gap = relative_gap(objective, bound)
    result = MilpResult(rescued_status(gap, solver.relative_gap), objective, bound, gap,
                        first.seconds + time.perf_counter() - began, first.nodes + reduced.nodes,
                        values)
    figures = {"first_bound": first.bound, "first_gap": first.gap, "lagrangian": bounds.lagrangian,
               "cutoff": cutoff, "reduced_bound": bounds.reduced, "fixed": fix.counts,
               "nodes": reduced.nodes, "node_budget": int(nodes)}
    return result, figures


def rescue_short(arr: LayoutArrays, milp: Milp, cols, result: MilpResult, solver: HighsSolver, *,
                 nodes: int, path: dict | None = None) -> MilpResult:
    """``result``, rescued by :func:`rescue` within ``nodes`` nodes when it stopped short
    (:func:`stopped_short` at ``solver.relative_gap``), in the time ``solver`` has left;
    ``path["rescue"]`` gets :func:`rescue`'s figures, or why it did not run."""
    path = path if path is not None else {}
    if not stopped_short(arr, result, solver.relative_gap):
        path["rescue"] = NOT_NEEDED
        return result
    left = max(solver.time_limit - result.seconds, 1.0)
    result, path["rescue"] = rescue(arr, milp, cols, result, replace(solver, time_limit=left),
                                    nodes=nodes)
    return result
