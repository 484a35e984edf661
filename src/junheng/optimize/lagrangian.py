"""Lagrangian lower bounds for facility location, and the penalty tests they allow.

Relax (1) with multipliers ``u_j``; with reduced costs ``r_ij = c_ij - u_j`` the problem
splits by site. Opening site ``i`` at level ``l`` (base capacity or some expansion steps)
is worth ``V_il = F_il + g_i(S_il)`` where ``g_i(S) = min Σ_j r_ij x_ij`` subject to
``Σ_j d_j x_ij ≤ S, 0 ≤ x_ij ≤ 1`` — a fractional knapsack, or just ``Σ_j min(0, r_ij)``
when capacity never binds. The *master* picks at most one level per site subject to (5),
(6), (7) and the aggregate capacity cut (9); it is solved exactly (sorting, or a small
HiGHS MIP when (7) or (9) take part), so ``L(u) = Σ_j u_j + master`` is a valid bound and
is at least the LP bound when (9) binds (Beasley 1988 on the cap instances). Subgradient
steps maximise ``L``.

Several resources (constraint (3) per resource ``r``, use ``u_ijr`` per pair): the site
problem ``min Σ_j r_ij x_ij + steps`` subject to every resource's row with its own step chain
is a multi-dimensional knapsack. It is not solved; instead, for each resource alone (the
other rows and their steps dropped: a relaxation, so its value is lower) the best level of
that resource's chain is found by the knapsack above, and ``V_i = f_i + max_r min_l (steps
of r to level l + g_ir(S_irl))`` — the largest of lower bounds is a lower bound, so ``L(u)``
stays valid; it is weaker than the joint knapsack (:class:`MultiKnapsacks`). The master then
has one level per site, the budget counts only the sites' own spend (the steps' spend
dropped: a relaxation) and the aggregate cut (9) is left to the MILP. A forced item still
costs at least ``r_ij`` more in every relaxation, so the penalty tests below stay sound.

Penalty tests (all sound, applied only to solutions strictly better than the incumbent
``UB`` by more than the tolerance): forcing site ``i`` open or closed gives bound
``L_i^open`` / ``L_i^closed`` by re-solving the master; forcing ``x_ij = 1`` costs at least
``r_ij`` more (a forced item can only worsen a knapsack), so with ``r_ij > 0``
``max(L, L_i^open) + r_ij`` bounds every solution using the pair.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from junheng.optimize._compiled import Compiled
from junheng.optimize.facility import OpenRule
from junheng.optimize.highs import HighsSession, HighsSolver
from junheng.optimize.model import Milp
from junheng.optimize.result import SolveStatus


@dataclass(frozen=True, eq=False)
class LagrangianResult:
    """Best bound found, the multipliers that gave it and the penalty-test bounds."""

    bound: float
    multipliers: np.ndarray
    reduced_cost: np.ndarray  # per pair, c_ij - u_j
    level_value: np.ndarray  # V_il per level
    chosen: np.ndarray  # levels chosen by the master at the best multipliers
    open_bound: np.ndarray  # per site: bound when forced open (inf: impossible)
    closed_bound: np.ndarray  # per site: bound when forced closed
    iterations: int
    seconds: float

    def pair_bound(self, comp: Compiled) -> np.ndarray:
        """Bound on every solution with ``x_ij = 1`` (for splittable: per unit of x_ij)."""
        site_bound = np.maximum(self.bound, self.open_bound)[comp.site]
        return site_bound + np.maximum(self.reduced_cost, 0.0)


# --------------------------------------------------------------------------- knapsacks

Take = Callable[[np.ndarray], np.ndarray]

#: Largest items × levels × capacity a 0-1 knapsack DP may touch per iteration.
DP_LIMIT = 3_000_000


class Knapsacks:
    """``g_i(S)`` for every level at once.

    Fractional knapsacks (items sorted by r/d) in general; exact 0-1 knapsacks by dynamic
    programming when assignment is single-source and demands and capacities are small
    integers, which lifts the bound above the LP bound.
    """

    def __init__(self, comp: Compiled):
        self.comp = comp
        self.capacity = np.minimum(comp.level_cap, comp.reachable_demand[comp.level_site] + 1.0)
        self.big = 2.0 * (float(comp.pair_demand.sum()) + 2.0)
        self.binary = comp.problem.single_source and not comp.uncapacitated and _small_integers(
            comp, self.capacity)

    def values(self, reduced: np.ndarray) -> tuple[np.ndarray, Take]:
        """``g`` per level, and a function giving x per pair for level weights."""
        comp = self.comp
        idx = np.flatnonzero(reduced < 0)
        if comp.uncapacitated:
            g = np.bincount(comp.site[idx], weights=reduced[idx], minlength=comp.m)
            return g[comp.level_site], lambda weight: self._take_all(idx, weight)
        if idx.size == 0:
            return np.zeros(comp.level_site.size), lambda weight: np.zeros(comp.k)
        if self.binary:
            return self._binary(idx, reduced)
        return self._fractional(idx, reduced)

    def _take_all(self, idx: np.ndarray, weight: np.ndarray) -> np.ndarray:
        x = np.zeros(self.comp.k)
        site_weight = np.bincount(self.comp.level_site, weights=weight, minlength=self.comp.m)
        x[idx] = site_weight[self.comp.site[idx]]
        return x

    def _fractional(self, idx: np.ndarray, reduced: np.ndarray) -> tuple[np.ndarray, Take]:
        comp, ls = self.comp, self.comp.level_site
        demand = comp.pair_demand[idx]
        with np.errstate(divide="ignore", invalid="ignore"):
            key = np.where(demand > 0, reduced[idx] / demand, -np.inf)
        order = idx[np.lexsort((key, comp.site[idx]))]
        site, d, r = comp.site[order], comp.pair_demand[order], reduced[order]
        cum_d, cum_r = np.cumsum(d), np.cumsum(r)
        first = np.searchsorted(site, np.arange(comp.m))
        end = np.searchsorted(site, np.arange(comp.m), side="right")
        base_d = np.where(first > 0, cum_d[first - 1], 0.0)
        base_r = np.where(first > 0, cum_r[first - 1], 0.0)
        local = cum_d - base_d[site]
        # items of one site fit while their running demand stays within the capacity
        pos = np.searchsorted(site * self.big + local, ls * self.big + self.capacity,
                              side="right")
        pos = np.clip(pos, first[ls], end[ls])
        some = pos > first[ls]
        prev = np.maximum(pos - 1, 0)
        full_r = np.where(some, cum_r[prev] - base_r[ls], 0.0)
        used = np.where(some, local[prev], 0.0)
        has_next = pos < end[ls]
        nxt = np.minimum(pos, order.size - 1)
        room = np.where(d[nxt] > 0, (self.capacity - used) / np.where(d[nxt] > 0, d[nxt], 1), 1)
        frac = np.where(has_next, np.clip(room, 0.0, 1.0), 0.0)
        g = full_r + frac * r[nxt]

        def take(weight: np.ndarray) -> np.ndarray:
            x = np.zeros(comp.k)
            for level in np.flatnonzero(weight > 1e-9):
                x[order[first[ls[level]]: pos[level]]] += weight[level]
                if has_next[level]:
                    x[order[pos[level]]] += weight[level] * frac[level]
            return x

        return g, take

    def _binary(self, idx: np.ndarray, reduced: np.ndarray) -> tuple[np.ndarray, Take]:
        """Exact 0-1 knapsacks, one DP row per site, all sites advanced together."""
        comp = self.comp
        order = idx[np.argsort(comp.site[idx], kind="stable")]
        site = comp.site[order]
        first = np.searchsorted(site, np.arange(comp.m))
        rank = np.arange(order.size) - first[site]
        slots = int(rank.max()) + 1
        top = int(self.capacity.max())
        if slots * comp.m * (top + 1) > DP_LIMIT:
            return self._fractional(idx, reduced)
        weight = np.zeros((comp.m, slots), dtype=np.int64)
        value = np.zeros((comp.m, slots))
        item = np.full((comp.m, slots), -1, dtype=np.int64)
        weight[site, rank] = comp.pair_demand[order].astype(np.int64)
        value[site, rank] = reduced[order]
        item[site, rank] = order
        best = np.zeros((comp.m, top + 1))
        took = np.zeros((slots, comp.m, top + 1), dtype=bool)
        grid = np.arange(top + 1)[None, :]
        rows = np.arange(comp.m)[:, None]
        for t in range(slots):
            source = grid - weight[:, t, None]
            candidate = np.where(source >= 0, best[rows, np.maximum(source, 0)] + value[:, t, None],
                                 np.inf)
            took[t] = candidate < best - 1e-12
            best = np.minimum(best, candidate)
        cap = np.minimum(self.capacity, top).astype(np.int64)
        g = best[comp.level_site, cap]

        def take(level_weight: np.ndarray) -> np.ndarray:
            x = np.zeros(comp.k)
            for level in np.flatnonzero(level_weight > 1e-9):
                i, c = comp.level_site[level], cap[level]
                for t in range(slots - 1, -1, -1):
                    if took[t, i, c]:
                        x[item[i, t]] += level_weight[level]
                        c -= weight[i, t]
            return x

        return g, take


def _small_integers(comp: Compiled, capacity: np.ndarray) -> bool:
    demand = comp.pair_demand
    integer = bool(np.all(np.mod(demand, 1) == 0) and np.all(np.mod(capacity, 1) == 0))
    return integer and float(capacity.max(initial=0)) * comp.m <= DP_LIMIT


class _ResourceView:
    """One resource of a multi-resource problem as the arrays :class:`Knapsacks` reads:
    pair weights ``u_ijr``, and per site its base level and the levels of the resource's
    step chain (``level_cost``: the steps' cost only; the fixed cost is the main level's)."""

    def __init__(self, comp: Compiled, r: int):
        self.problem, self.m, self.k, self.site = comp.problem, comp.m, comp.k, comp.site
        self.pair_demand = comp.pair_use[:, r]
        self.reachable_demand = comp.reachable_use[:, r]
        self.uncapacitated = bool((comp.cap[:, r] >= self.reachable_demand - 1e-9).all())
        site, cap, cost = [], [], []
        for i in range(comp.m):
            chain = np.flatnonzero((comp.step_site == i) & (comp.step_res == r))
            if self.uncapacitated:
                chain = chain[:0]
            site += [i] * (chain.size + 1)
            cap += list(comp.cap[i, r] + np.r_[0.0, np.cumsum(comp.step_add[chain])])
            cost += list(np.r_[0.0, np.cumsum(comp.step_cost[chain])])
        self.level_site = np.array(site, dtype=np.int64)
        self.level_cap, self.level_cost = np.array(cap), np.array(cost)


class MultiKnapsacks:
    """Site values with several resources: per site the largest over resources of the best
    level of that resource alone (module docstring); a valid, weaker bound than the joint
    multi-dimensional knapsack. Same interface as :class:`Knapsacks` (one level per site)."""

    def __init__(self, comp: Compiled):
        self.comp = comp
        self.views = [_ResourceView(comp, r) for r in range(comp.n_res)]
        self.parts = [Knapsacks(view) for view in self.views]  # type: ignore[arg-type]
        self._exact = [part.binary for part in self.parts]

    @property
    def binary(self) -> bool:
        return any(part.binary for part in self.parts)

    @binary.setter
    def binary(self, value: bool) -> None:
        for part, exact in zip(self.parts, self._exact, strict=True):
            part.binary = value and exact

    def values(self, reduced: np.ndarray) -> tuple[np.ndarray, Take]:
        comp = self.comp
        per_site = np.empty((comp.n_res, comp.m))
        picks = []
        for r, (view, part) in enumerate(zip(self.views, self.parts, strict=True)):
            g, take = part.values(reduced)
            total = view.level_cost + g
            per_site[r] = np.inf
            np.minimum.at(per_site[r], view.level_site, total)
            best = np.flatnonzero(total <= per_site[r][view.level_site] + 1e-12)[::-1]
            level = np.full(comp.m, -1)
            level[view.level_site[best]] = best  # the cheapest level of each site
            picks.append((level, take, view.level_site.size))
        binding = np.argmax(per_site, axis=0)
        g_site = per_site[binding, np.arange(comp.m)]

        def take(weight: np.ndarray) -> np.ndarray:
            x = np.zeros(comp.k)
            for r, (level, take_r, n_levels) in enumerate(picks):
                sites = np.flatnonzero((binding == r) & (weight > 1e-9))
                if sites.size:
                    level_weight = np.zeros(n_levels)
                    level_weight[level[sites]] = weight[sites]
                    x += take_r(level_weight)
            return x

        return g_site[comp.level_site], take


# --------------------------------------------------------------------------- the master


class Master:
    """min Σ V_l w_l over levels: ≤ 1 level per site, (5), (6), (7) and (9).

    Solved exactly by sorting when every site has one level, there is no budget and the
    aggregate capacity cut reduces to a minimum count (all capacities equal). Otherwise the
    subgradient loop uses its LP relaxation (a valid, weaker bound) and the final bound
    solves it as a MIP.
    """

    def __init__(self, comp: Compiled, *, aggregate: bool):
        self.comp = comp
        problem = comp.problem
        self.aggregate = aggregate
        self.low, self.high = count_limits(comp, aggregate)
        single_level = comp.level_site.size == comp.m
        self.sortable = single_level and problem.budget is None and self.low is not None
        if not self.sortable:
            self._build()

    # sorting ---------------------------------------------------------------------

    def _select(self, value: np.ndarray, forced: np.ndarray,
                usable: np.ndarray) -> tuple[float, np.ndarray]:
        chosen = forced.copy()
        if (forced & ~usable).any():
            return math.inf, chosen.astype(float)
        count = int(forced.sum())
        candidates = np.flatnonzero(usable & ~forced)
        candidates = candidates[np.argsort(value[candidates], kind="stable")]
        negative = int((value[candidates] < 0).sum())
        take = min(max(negative, self.low - count), self.high - count)
        if take < 0 or take > candidates.size or (count + take) < self.low:
            return math.inf, chosen.astype(float)
        chosen[candidates[:take]] = True
        return float(value[chosen].sum()), chosen.astype(float)

    # LP / MIP ----------------------------------------------------------------------

    def _build(self) -> None:
        comp, problem = self.comp, self.comp.problem
        levels = comp.level_site.size
        m = Milp()
        every = m.add_block("level", np.zeros(levels), 0.0, 1.0, integer=True)
        # (5) at most one level per site; forced sites exactly one, closed sites none
        m.add_rows("(5)", comp.level_site, every, 1.0, comp.forced.astype(float),
                   comp.usable.astype(float))
        if problem.p is not None:  # (6) number of open sites
            exact = problem.open_rule is OpenRule.EXACTLY
            m.add_row("(6)", every, 1.0, problem.p if exact else 0.0, float(problem.p))
        if problem.budget is not None:  # (7) budget on new fixed costs
            m.add_row("(7)", every, comp.level_spend, hi=float(problem.budget))
        if self.aggregate:  # (9) aggregate capacity
            demand = comp.problem.total_demand
            m.add_row("(9)", every, np.minimum(comp.level_cap, demand), lo=demand)
        self.row_lower, self.row_upper = m.row_lower, m.row_upper
        self.lp = HighsSession(m, HighsSolver(), relax=True)
        self.mip = HighsSession(m, HighsSolver(time_limit=10.0, relative_gap=1e-9), relax=False)
        self.levels = every

    def _run(self, session: HighsSession, value: np.ndarray,
             integer: bool) -> tuple[float, np.ndarray]:
        session.set_costs(value)
        result = session.solve()
        if result.status is SolveStatus.INFEASIBLE:
            return math.inf, np.zeros(self.levels.size)
        if not integer and result.status is not SolveStatus.OPTIMAL:
            return -math.inf, np.zeros(self.levels.size)
        if result.values is None:
            return result.bound, np.zeros(self.levels.size)
        return float(result.bound), np.clip(result.values, 0.0, 1.0)

    # public ---------------------------------------------------------------------

    def solve(self, value: np.ndarray, *, exact: bool = False) -> tuple[float, np.ndarray]:
        """A lower bound of the master and level weights attaining it (LP or exact)."""
        if self.sortable:
            return self._select(value, self.comp.forced, self.comp.usable)
        return self._run(self.mip if exact else self.lp, value, integer=exact)

    def site_bounds(self, value: np.ndarray, weight: np.ndarray,
                    base: float) -> tuple[np.ndarray, np.ndarray]:
        """Lower bounds of the master with each site forced open, and forced closed."""
        comp = self.comp
        site_weight = np.bincount(comp.level_site, weights=weight, minlength=comp.m)
        open_bound = np.where(site_weight > 1 - 1e-9, base, -math.inf)
        closed_bound = np.where(site_weight < 1e-9, base, -math.inf)
        for i in range(comp.m):
            if site_weight[i] > 1e-9 and not comp.forced[i]:
                closed_bound[i] = self._forced(value, i, False)
            if site_weight[i] < 1 - 1e-9 and comp.usable[i]:
                open_bound[i] = self._forced(value, i, True)
        open_bound[~comp.usable] = math.inf
        closed_bound[comp.forced] = math.inf
        return open_bound, closed_bound

    def _forced(self, value: np.ndarray, site: int, open_: bool) -> float:
        if self.sortable:
            forced, usable = self.comp.forced.copy(), self.comp.usable.copy()
            if open_:
                forced[site] = True
            else:
                usable[site] = False
            return self._select(value, forced, usable)[0]
        fixed = 1.0 if open_ else 0.0
        self.lp.set_row_bounds(site, fixed, fixed)
        bound, _ = self._run(self.lp, value, integer=False)
        self.lp.set_row_bounds(site, self.row_lower[site], self.row_upper[site])
        return bound


def count_limits(comp: Compiled, aggregate: bool) -> tuple[int | None, int]:
    """Fewest and most open sites, when (6) and (9) reduce to counts; (None, .) otherwise."""
    problem = comp.problem
    high = comp.m if problem.p is None else problem.p
    low = problem.p if problem.p is not None and problem.open_rule is OpenRule.EXACTLY else 0
    if not aggregate:
        return low, high
    caps = np.unique(np.minimum(comp.level_cap[comp.usable[comp.level_site]],
                                problem.total_demand))
    if caps.size != 1 or caps[0] <= 0:
        return None, high
    return max(low, math.ceil(problem.total_demand / caps[0] - 1e-9)), high


# --------------------------------------------------------------------------- subgradient


def initial_multipliers(comp: Compiled) -> np.ndarray:
    """Each customer's cheapest allowed cost: a common, good start."""
    u = np.full(comp.n, 0.0)
    starts = comp.start[:-1]
    has = comp.start[1:] > starts
    u[has] = comp.cost[starts[has]]  # pairs are sorted by customer then cost
    return u


@dataclass
class _Ascent:
    """Subgradient state shared by the phases of one run."""

    comp: Compiled
    master: Master
    upper: float
    tolerance: Callable[[float], float]
    deadline: float
    primal: Callable[[np.ndarray], float] | None
    primal_every: int
    best: tuple[float, np.ndarray]
    iterations: int = 0

    def done(self) -> bool:
        return (self.best[0] >= self.upper - self.tolerance(self.upper)
                or time.perf_counter() > self.deadline)

    def run(self, knapsacks: Knapsacks | MultiKnapsacks, u: np.ndarray, *, theta: float, patience: int,
            max_iterations: int, min_theta: float = 1e-3) -> None:
        """Held-Karp steps with Polyak step sizes, halving theta when the bound stalls."""
        comp, stall = self.comp, 0
        for it in range(1, max_iterations + 1):
            self.iterations += 1
            g, take = knapsacks.values(comp.cost - u[comp.customer])
            master_value, weight = self.master.solve(comp.level_cost + g)
            bound = float(u.sum()) + master_value
            if bound > self.best[0] + 1e-9 * max(1.0, abs(bound)):
                self.best, stall = (bound, u.copy()), 0
            else:
                stall += 1
            if not math.isfinite(bound):
                return  # an infeasible master: no multipliers help
            if self.primal is not None and it % self.primal_every == 1:
                self.upper = min(self.upper, self.primal(weight > 0.5))
            if self.done():
                return
            if stall >= patience:
                theta, stall = theta / 2.0, 0
                if theta < min_theta:
                    return
            direction = 1.0 - np.bincount(comp.customer, weights=take(weight), minlength=comp.n)
            norm = float(direction @ direction)
            if norm < 1e-12:
                return  # the relaxed solution satisfies (1): it is optimal
            target = self.upper if math.isfinite(self.upper) else abs(bound) * 1.05 + 1.0
            u = u + theta * max(target - bound, 1e-9 * max(1.0, abs(target))) / norm * direction


def subgradient(
    comp: Compiled,
    upper: float,
    *,
    tolerance: Callable[[float], float],
    deadline: float,
    max_iterations: int = 600,
    patience: int = 10,
    multipliers: np.ndarray | None = None,
    primal: Callable[[np.ndarray], float] | None = None,
    primal_every: int = 10,
    min_theta: float = 1e-3,
) -> LagrangianResult:
    """Maximise L(u) by subgradient steps.

    Two phases when 0-1 knapsacks apply: fast fractional knapsacks first, then the exact
    ones from the multipliers reached. ``primal(chosen_levels)`` may turn a master solution
    into a feasible cost; it is called every ``primal_every`` iterations and lowers the step
    target ``upper``.
    """
    started = time.perf_counter()
    knapsacks = MultiKnapsacks(comp) if comp.multi else Knapsacks(comp)
    master = Master(comp, aggregate=comp.needs_aggregate)
    u = initial_multipliers(comp) if multipliers is None else multipliers.copy()
    state = _Ascent(comp, master, upper, tolerance, deadline, primal, primal_every,
                    (-math.inf, u))
    if knapsacks.binary:
        knapsacks.binary = False
        state.run(knapsacks, u, theta=2.0, patience=max(patience // 2, 3),
                  max_iterations=max_iterations)
        knapsacks.binary = True
        if not state.done():
            state.run(knapsacks, state.best[1].copy(), theta=0.5, patience=patience,
                      max_iterations=max_iterations)
    else:
        state.run(knapsacks, u, theta=2.0, patience=patience, max_iterations=max_iterations,
                  min_theta=min_theta)
    return _finish(comp, knapsacks, master, state.best, state.iterations, started)


def _finish(comp: Compiled, knapsacks: Knapsacks | MultiKnapsacks, master: Master,
            best: tuple[float, np.ndarray], iterations: int, started: float) -> LagrangianResult:
    u = best[1]
    reduced = comp.cost - u[comp.customer]
    g, _ = knapsacks.values(reduced)
    value = comp.level_cost + g
    exact_value, chosen = master.solve(value, exact=True)
    relaxed_value, weight = (exact_value, chosen) if master.sortable else master.solve(value)
    open_bound, closed_bound = master.site_bounds(value, weight, relaxed_value)
    total = float(u.sum())
    return LagrangianResult(
        bound=max(total + exact_value, best[0]), multipliers=u, reduced_cost=reduced,
        level_value=value, chosen=chosen > 0.5, open_bound=open_bound + total,
        closed_bound=closed_bound + total, iterations=iterations,
        seconds=time.perf_counter() - started)
