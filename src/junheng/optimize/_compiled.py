"""A facility problem compiled into the flat arrays the solvers share."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

from junheng.optimize.facility import FacilityProblem

#: Largest sites × customers matrix the heuristics hold densely.
DENSE_LIMIT = 8_000_000


@dataclass(eq=False)
class Compiled:
    """Pairs sorted by customer, capacity levels per site, and what the data allow.

    A *level* is one way to open a site: level 0 with its own capacity, level k with its
    first k expansion steps taken. ``level_cost`` is the fixed cost plus the steps' costs,
    ``level_spend`` what the level costs against the budget (constraint 7).
    """

    problem: FacilityProblem

    def __post_init__(self) -> None:
        p = self.problem
        self.m, self.n, self.k = p.n_sites, p.n_customers, p.n_pairs
        self.site, self.customer, self.cost = p.pair_site, p.pair_customer, p.pair_cost
        self.pair_demand = p.demand[self.customer]
        self.start = np.searchsorted(self.customer, np.arange(self.n + 1))
        self.usable = np.ones(self.m, dtype=bool)
        self.usable[list(p.forced_closed)] = False
        self.forced = np.zeros(self.m, dtype=bool)
        self.forced[list(p.forced_open)] = True
        self.already = np.zeros(self.m, dtype=bool)
        self.already[list(p.already_open)] = True
        self._build_levels()

    def _build_levels(self) -> None:
        p = self.problem
        site, cap, cost, spend, steps = [], [], [], [], []
        for i in range(self.m):
            c, f = float(p.capacity[i]), float(p.fixed_cost[i])
            s = 0.0 if self.already[i] else f
            site.append(i), cap.append(c), cost.append(f), spend.append(s), steps.append(0)
            if self.uncapacitated:
                continue  # expansions never pay when no capacity binds
            for k, step in enumerate(p.expansion_steps(i), start=1):
                c, f, s = c + step.capacity, f + step.cost, s + step.cost
                site.append(i), cap.append(c), cost.append(f), spend.append(s), steps.append(k)
        self.level_site = np.array(site, dtype=np.int64)
        self.level_cap = np.array(cap)
        self.level_cost = np.array(cost)
        self.level_spend = np.array(spend)
        self.level_steps = np.array(steps, dtype=np.int64)
        self.level_start = np.searchsorted(self.level_site, np.arange(self.m + 1))
        self.top_level = self.level_start[1:] - 1

    @cached_property
    def reachable_demand(self) -> np.ndarray:
        return np.bincount(self.site, weights=self.pair_demand, minlength=self.m)

    @cached_property
    def uncapacitated(self) -> bool:
        """True when every site can hold all the demand it can reach (capacity never binds)."""
        return bool((self.problem.capacity >= self.reachable_demand - 1e-9).all())

    @cached_property
    def integral(self) -> bool:
        """True when some optimal solution has an integer objective (prune at UB - 1)."""
        p = self.problem
        data = [p.pair_cost, p.fixed_cost, np.array([s.cost for s in p.expansions])]
        integer = all(np.all(np.mod(a, 1) == 0) for a in data)
        return integer and (p.single_source or self.uncapacitated)

    @cached_property
    def needs_aggregate(self) -> bool:
        """True when the aggregate capacity cut (9) can bind."""
        return not self.uncapacitated

    @cached_property
    def dense(self) -> np.ndarray | None:
        """Sites × customers cost with +inf for forbidden pairs, or None when too large."""
        if self.m * self.n > DENSE_LIMIT:
            return None
        matrix = np.full((self.m, self.n), np.inf)
        matrix[self.site, self.customer] = self.cost
        return matrix

    @cached_property
    def pair_index(self) -> np.ndarray:
        """Sites × customers index of each pair, -1 where forbidden."""
        index = np.full((self.m, self.n), -1, dtype=np.int64)
        index[self.site, self.customer] = np.arange(self.k)
        return index

    def tolerance(self, upper: float, relative_gap: float) -> float:
        """How far below ``upper`` a bound must stay for a branch to remain worth exploring."""
        if self.integral:  # any solution below the incumbent is at least 1 better
            return max(1.0 - 1e-4, relative_gap * abs(upper))
        return max(1e-9 * max(abs(upper), 1.0), relative_gap * abs(upper))
