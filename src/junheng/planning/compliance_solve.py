"""Solve the compliance model: rounds of MILP, repair and cuts until the gap is proven.

Each round solves the MILP of the current outer approximation (its bound is a valid lower
bound of the conic problem, since every cut only removes points outside the cones), turns its
solution into a feasible plan (:func:`~junheng.planning.compliance_repair.feasible_values`;
the best one so far is the upper bound and the next round's warm start), and adds tangent
cuts where the solution breaks a cone. It stops when the best plan is within ``gap`` of the
bound, when a round's solution breaks no cone, or at the time limit.

Status: OPTIMAL within :data:`~junheng.optimize.result.OPTIMALITY_GAP`; GAP_LIMIT within the
requested gap, or when the outer approximation has converged (the round's solution breaks no
cone) and only the rounding to whole m² and 100 元 separates the plan from the bound (the gap
says by how much); TIME_LIMIT when time or the round limit ran out first.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

import numpy as np

from junheng.optimize import HighsSolver, SolveStatus, relative_gap
from junheng.optimize.cv_cone import add_cuts
from junheng.optimize.result import OPTIMALITY_GAP
from junheng.planning.compliance_model import ComplianceModel
from junheng.planning.compliance_repair import feasible_values, greedy_values

#: HiGHS's sub-MIP heuristics (RINS, RENS, root reduced cost) spent most of each round on the
#: demo county (24 of 28 s) finding what the repaired warm start already gives; without them a
#: round takes 4 s to the same optimum (measured with bench.compliance).
MILP_OPTIONS = {"mip_heuristic_run_rins": False, "mip_heuristic_run_rens": False,
                "mip_heuristic_run_root_reduced_cost": False}


@dataclass(frozen=True)
class Round:
    """One round: the MILP's objective and bound, the best plan after it, cuts added, the
    MILP's seconds and the seconds since the solve began."""

    objective: float | None
    bound: float
    best: float | None
    cuts: int
    seconds: float
    elapsed: float = 0.0


@dataclass(frozen=True, eq=False)
class ComplianceSolution:
    """The best plan found (model column values) with its cost, the bound and the gap (万元)."""

    status: SolveStatus
    values: np.ndarray | None
    objective: float | None
    bound: float
    gap: float | None
    seconds: float
    rounds: tuple[Round, ...]
    greedy: float | None

    def seconds_to(self, gap: float) -> float | None:
        """Seconds until the best plan was first proven within ``gap`` (None: never)."""
        for r in self.rounds:
            if r.best is not None and relative_gap(r.best, r.bound) <= gap:
                return r.elapsed
        return None


def _cost(model: ComplianceModel, values: np.ndarray | None) -> float:
    if values is None:
        return math.inf
    return model.milp.objective(values) + model.constant


def solve_compliance(model: ComplianceModel, *, time_limit: float = 60.0, gap: float = 1e-4,
                     max_rounds: int = 60, seed: int = 0) -> ComplianceSolution:
    """Solve ``model`` to a proven relative ``gap`` or until ``time_limit`` seconds."""
    began = time.perf_counter()
    best = greedy_values(model)
    greedy = _cost(model, best) if best is not None else None
    _relaxation_rounds(model, best, began + time_limit / 4)
    bound, rounds, infeasible, converged = -math.inf, [], False, False
    while len(rounds) < max_rounds:
        left = time_limit - (time.perf_counter() - began)
        if left < 0.5:
            break
        solver = HighsSolver(time_limit=left, relative_gap=gap / 2, seed=seed,
                             options=MILP_OPTIONS)
        result = solver.solve(model.milp, start=best)
        if result.status is SolveStatus.INFEASIBLE:
            infeasible = best is None
            break
        if math.isfinite(result.bound):
            bound = max(bound, result.bound + model.constant)
        cuts = 0
        if result.values is not None:
            candidate = feasible_values(model, result.values)
            if _cost(model, candidate) < _cost(model, best):
                best = candidate
            cuts = sum(add_cuts(model.milp, c.cone, c.columns, result.values, "(7)",
                                inner=best) for c in model.cones)
        rounds.append(Round(None if result.objective is None else
                            result.objective + model.constant, bound,
                            None if best is None else _cost(model, best), cuts,
                            result.seconds, time.perf_counter() - began))
        converged = result.values is not None and cuts == 0 and result.status in (
            SolveStatus.OPTIMAL, SolveStatus.GAP_LIMIT)
        if result.values is None or cuts == 0 or _closed(_cost(model, best), bound, gap):
            break
    return _solution(model, best, bound, rounds, greedy, infeasible,
                     time.perf_counter() - began, gap, converged)


def _relaxation_rounds(model: ComplianceModel, inner: np.ndarray | None, until: float,
                       max_rounds: int = 40) -> int:
    """Cut the cones where the LP relaxation's solutions break them (rounds are cheap: one LP
    each), so the first MILP starts from an approximation that is tight where it matters."""
    solver = HighsSolver()
    added = 0
    for _ in range(max_rounds):
        if time.perf_counter() > until:
            break
        result = solver.solve(model.milp, relax=True)
        if result.values is None:
            break
        cuts = sum(add_cuts(model.milp, c.cone, c.columns, result.values, "(7)", inner=inner)
                   for c in model.cones)
        added += cuts
        if cuts == 0:
            break
    return added


def _closed(cost: float, bound: float, gap: float) -> bool:
    return math.isfinite(cost) and relative_gap(cost, bound) <= gap


def _solution(model: ComplianceModel, best: np.ndarray | None, bound: float, rounds: list,
              greedy: float | None, infeasible: bool, seconds: float, gap: float,
              converged: bool) -> ComplianceSolution:
    if best is None:
        status = SolveStatus.INFEASIBLE if infeasible else SolveStatus.NO_SOLUTION
        return ComplianceSolution(status, None, None, math.inf if infeasible else bound, None,
                                  seconds, tuple(rounds), greedy)
    cost = _cost(model, best)
    bound = min(bound, cost)
    achieved = relative_gap(cost, bound)
    if achieved <= OPTIMALITY_GAP:
        status = SolveStatus.OPTIMAL
    elif achieved <= gap or converged:
        status = SolveStatus.GAP_LIMIT
    else:
        status = SolveStatus.TIME_LIMIT
    return ComplianceSolution(status, best, cost, bound, achieved, seconds, tuple(rounds), greedy)
