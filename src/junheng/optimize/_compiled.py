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
    ``level_spend`` what the level costs against the budget (constraint 7). With several
    resources (``multi``) the steps of one site form one chain per resource, so a site has
    one level (its base: fixed cost, ``level_cap`` infinite and unused) and the chains are
    in the step table (``step_site``, ``step_res``, ``step_rank``: position in its chain from
    1, ``step_cost``, ``step_add``), which the MILP uses for every problem. ``pair_use`` and
    ``cap`` are the pairs × resources use and sites × resources capacity.
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
        self.n_res = p.n_resources
        self.multi = self.n_res > 1
        self.pair_use = np.asarray(p.pair_usage, float)
        self.cap = p.capacity_matrix
        self._build_levels()
        self._build_steps()

    def _build_steps(self) -> None:
        """The step table: every expansion step (none when capacity never binds), sorted
        by site then resource, keeping each chain's order."""
        given = [] if self.uncapacitated else list(self.problem.expansions)
        order = sorted(range(len(given)), key=lambda k: (given[k].site, given[k].resource))
        steps = [given[k] for k in order]
        # a side row's step k (given order) is the step table's column position[k]
        self.step_position = np.full(len(self.problem.expansions), -1, dtype=np.int64)
        self.step_position[np.array(order, dtype=np.int64)] = np.arange(len(order))
        self.step_site = np.array([s.site for s in steps], dtype=np.int64)
        self.step_res = np.array([s.resource for s in steps], dtype=np.int64)
        self.step_cost = np.array([s.cost for s in steps], dtype=float)
        self.step_add = np.array([s.capacity for s in steps], dtype=float)
        chain = self.step_site * self.n_res + self.step_res
        first = np.r_[True, chain[1:] != chain[:-1]] if chain.size else np.zeros(0, bool)
        start = np.maximum.accumulate(np.where(first, np.arange(chain.size), 0))
        self.step_rank = np.arange(chain.size) - start + 1

    def step_matrix(self, steps: np.ndarray) -> np.ndarray:
        """Steps taken as a sites × resources matrix (a vector per site with one resource)."""
        return np.asarray(steps).reshape(self.m, self.n_res)

    def steps_out(self, matrix: np.ndarray) -> np.ndarray:
        """The solvers' form of a sites × resources step count: a vector with one resource."""
        return matrix if self.multi else matrix[:, 0]

    def no_steps(self) -> np.ndarray:
        return self.steps_out(np.zeros((self.m, self.n_res), dtype=np.int64))

    def expansions(self, steps: np.ndarray) -> dict:
        """A solution's ``expansions``: per site, or per (site, resource) when multi."""
        matrix = self.step_matrix(steps)
        return {((int(i), int(r)) if self.multi else int(i)): int(matrix[i, r])
                for i, r in zip(*np.nonzero(matrix), strict=True)}

    @cached_property
    def max_cap(self) -> np.ndarray:
        """Sites × resources capacity with every step of the step table taken."""
        extra = np.zeros((self.m, self.n_res))
        np.add.at(extra, (self.step_site, self.step_res), self.step_add)
        return self.cap + extra

    @cached_property
    def min_use(self) -> np.ndarray:
        """``D_r = Σ_j min_i u_ijr`` per resource (the total demand with one resource)."""
        if not self.multi:
            return np.array([self.problem.total_demand])
        least = np.full((self.n, self.n_res), np.inf)
        np.minimum.at(least, self.customer, self.pair_use)
        return np.where(np.isfinite(least), least, 0.0).sum(axis=0)

    def covers(self, is_open: np.ndarray, margin: float = 1.0) -> bool:
        """True when the open sites' largest capacity of every resource is at least
        ``margin`` times the least total use of it (a necessary condition, for heuristics)."""
        if not self.multi:
            return bool(self.level_cap[self.top_level][is_open].sum()
                        >= margin * self.problem.total_demand)
        return bool((self.max_cap[is_open].sum(axis=0) >= margin * self.min_use - 1e-9).all())

    def _build_levels(self) -> None:
        p = self.problem
        site, cap, cost, spend, steps = [], [], [], [], []
        for i in range(self.m):
            c = np.inf if self.multi else float(p.capacity[i])
            f = float(p.fixed_cost[i])
            s = 0.0 if self.already[i] else f
            site.append(i), cap.append(c), cost.append(f), spend.append(s), steps.append(0)
            if self.uncapacitated or self.multi:
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
    def reachable_use(self) -> np.ndarray:
        """Sites × resources use of every customer with a pair at the site."""
        use = np.zeros((self.m, self.n_res))
        np.add.at(use, self.site, self.pair_use)
        return use

    @cached_property
    def uncapacitated(self) -> bool:
        """True when every site can hold all the demand it can reach (capacity never binds)
        and no side rule is given (side rows may count expansion steps)."""
        if self.problem.side is not None:
            return False
        if self.n_res > 1:
            return bool((self.cap >= self.reachable_use - 1e-9).all())
        return bool((self.problem.capacity >= self.reachable_demand - 1e-9).all())

    @property
    def has_side(self) -> bool:
        return self.problem.side is not None

    @cached_property
    def integral(self) -> bool:
        """True when some optimal solution has an integer objective (prune at UB - 1)."""
        p = self.problem
        data = [p.pair_cost, p.fixed_cost, np.array([s.cost for s in p.expansions])]
        if p.side is not None:
            data += [p.side.cost[p.side.integer]]
            if (p.side.cost[~p.side.integer] != 0).any():
                return False
        integer = all(np.all(np.mod(a, 1) == 0) for a in data)
        return integer and (p.single_source or self.uncapacitated)

    @cached_property
    def needs_aggregate(self) -> bool:
        """True when the Lagrangian master uses the aggregate capacity cut (9): with one
        capacity that can bind (the MILP adds (9) per resource with several)."""
        return not self.uncapacitated and not self.multi

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
