"""p-median and capacitated p-median as special cases of :class:`FacilityProblem`.

p-median: exactly ``p`` sites open, no fixed costs, no capacity, each customer to one site,
cost = weight × distance. Capacitated p-median adds a capacity per site and keeps single
assignment; the OR-Library convention (Osman & Christofides) sums plain distances, so the
cost is not weighted by demand unless asked.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np

from junheng.optimize.facility import FacilityProblem


def p_median_problem(
    distances: Sequence[Sequence[float]] | np.ndarray,
    p: int,
    weights: Sequence[float] | np.ndarray | None = None,
    **options: Any,
) -> FacilityProblem:
    """A p-median problem from a sites × customers distance matrix (inf: not allowed).

    Examples
    --------
    >>> from junheng.optimize import solve_facility
    >>> problem = p_median_problem([[0, 1, 10], [1, 0, 9], [10, 9, 0]], p=2)
    >>> solve_facility(problem).objective
    1.0
    """
    matrix = np.asarray(distances, dtype=float)
    weight = np.ones(matrix.shape[1]) if weights is None else np.asarray(weights, dtype=float)
    return FacilityProblem.from_cost_matrix(matrix * weight[None, :], weight, 0.0, math.inf,
                                            p=p, single_source=True, **options)


def capacitated_p_median_problem(
    distances: Sequence[Sequence[float]] | np.ndarray,
    p: int,
    demand: Sequence[float] | np.ndarray,
    capacity: float | Sequence[float] | np.ndarray,
    *,
    weight_by_demand: bool = False,
    **options: Any,
) -> FacilityProblem:
    """A capacitated p-median problem: exactly p sites, capacities, single assignment.

    Examples
    --------
    >>> from junheng.optimize import solve_facility
    >>> problem = capacitated_p_median_problem(
    ...     [[0, 1, 10], [1, 0, 9], [10, 9, 0]], p=2, demand=[1, 1, 1], capacity=2)
    >>> solve_facility(problem).objective
    1.0
    """
    matrix = np.asarray(distances, dtype=float)
    load = np.asarray(demand, dtype=float)
    costs = matrix * load[None, :] if weight_by_demand else matrix
    return FacilityProblem.from_cost_matrix(costs, load, 0.0, capacity, p=p,
                                            single_source=True, **options)
