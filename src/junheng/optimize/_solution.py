"""Solutions in the solvers' array form: building a :class:`FacilitySolution`, and costs."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np

from junheng.optimize.facility import Assignment, FacilityProblem, FacilitySolution
from junheng.optimize.result import SolveStatus, relative_gap


def solution_from_arrays(
    problem: FacilityProblem,
    *,
    open_sites: Iterable[int],
    pair_fraction: np.ndarray,
    steps: Mapping[Any, int] | None = None,
    status: SolveStatus = SolveStatus.TIME_LIMIT,
    objective: float | None = None,
    bound: float = -math.inf,
    seconds: float = 0.0,
    details: dict[str, Any] | None = None,
    side_values: np.ndarray | None = None,
) -> FacilitySolution:
    """A :class:`FacilitySolution` from a fraction per pair (the solvers' internal form)."""
    side = () if side_values is None else tuple(float(v) for v in side_values)
    keep = np.flatnonzero(pair_fraction > 1e-9)
    assignment = tuple(
        Assignment(int(problem.pair_customer[k]), int(problem.pair_site[k]),
                   float(pair_fraction[k]))
        for k in keep)
    expansions = {(int(k) if np.ndim(k) == 0 else tuple(int(v) for v in k)): int(n)
                  for k, n in (steps or {}).items() if n > 0}
    if objective is None:
        objective = solution_cost(problem, sorted(set(open_sites)), expansions, pair_fraction,
                                  side)
    return FacilitySolution(
        status=status, objective=float(objective), bound=float(bound),
        gap=relative_gap(objective, bound), open_sites=tuple(sorted(int(i) for i in open_sites)),
        expansions=expansions, assignment=assignment, seconds=float(seconds),
        details=dict(details or {}), side_values=side)


def solution_cost(
    problem: FacilityProblem,
    open_sites: Sequence[int],
    expansions: Mapping[Any, int],
    pair_fraction: np.ndarray,
    side_values: Sequence[float] = (),
) -> float:
    """Objective of a solution given as open sites, steps per site, a fraction per pair and
    the side block's columns."""
    fixed = float(problem.fixed_cost[list(open_sites)].sum())
    side = float(problem.side.cost @ np.asarray(side_values, float)) if problem.side else 0.0
    return (fixed + expansion_cost(problem, expansions) + float(pair_fraction @ problem.pair_cost)
            + side)


def expansion_cost(problem: FacilityProblem, expansions: Mapping[Any, int]) -> float:
    """Total cost of the first ``n`` steps of each site (or site and resource) in
    ``expansions``."""
    total = 0.0
    for key, taken in expansions.items():
        site, resource = (key, None) if np.ndim(key) == 0 else key
        total += sum(step.cost for step in problem.expansion_steps(site, resource)[:taken])
    return total
