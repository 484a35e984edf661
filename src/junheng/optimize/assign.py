"""Best assignment (and expansion steps) for a given set of open sites.

With capacity that never binds each customer goes to its cheapest open site. Otherwise the
restricted MILP of :mod:`junheng.optimize._milp` with every ``y`` fixed is solved: a
transportation LP when demand may be split, a generalised assignment MIP when it may not.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from ortools.graph.python import min_cost_flow

from junheng.optimize._compiled import Compiled
from junheng.optimize._milp import Restriction, solve_mip
from junheng.optimize._solution import solution_cost
from junheng.optimize.facility import FacilitySolution
from junheng.optimize.highs import HighsSolver


@dataclass
class Incumbent:
    """A feasible solution in array form."""

    is_open: np.ndarray
    steps: np.ndarray
    x: np.ndarray
    cost: float
    w: np.ndarray | None = None  # side columns (optimize.side), when the problem has them

    def key(self) -> bytes:
        return np.packbits(self.is_open).tobytes()


def pair_fraction_nearest(comp: Compiled, is_open: np.ndarray) -> np.ndarray:
    """x per pair sending each customer to its cheapest open allowed site."""
    x = np.zeros(comp.k)
    idx = np.flatnonzero(is_open[comp.site])
    if idx.size:
        # pairs are sorted by customer then cost: the first open pair of a customer is its best
        first = idx[np.r_[True, comp.customer[idx][1:] != comp.customer[idx][:-1]]]
        x[first] = 1.0
    return x


def cost_of(comp: Compiled, is_open: np.ndarray, steps: np.ndarray, x: np.ndarray,
            w: np.ndarray | None = None) -> float:
    return solution_cost(comp.problem, np.flatnonzero(is_open).tolist(), comp.expansions(steps),
                         x, () if w is None else w)


def assign(comp: Compiled, is_open: np.ndarray, *, time_limit: float = 10.0,
           relative_gap: float = 1e-9) -> Incumbent | None:
    """The cheapest feasible completion of ``is_open``, or None when there is none."""
    steps = comp.no_steps()
    if comp.uncapacitated:
        x = pair_fraction_nearest(comp, is_open)
        served = np.bincount(comp.customer, weights=x, minlength=comp.n)
        if (served < 0.5).any():
            return None
        return Incumbent(is_open.copy(), steps, x, cost_of(comp, is_open, steps, x))
    restriction = Restriction(closed=~is_open, opened=is_open.copy(),
                              keep=is_open[comp.site], x_upper=np.ones(comp.k))
    solver = HighsSolver(time_limit=max(time_limit, 0.01), relative_gap=relative_gap,
                         absolute_gap=1e-9)
    _, chosen = solve_mip(comp, restriction, solver, strong=False)
    if chosen is None:
        return None
    cost = cost_of(comp, chosen.is_open, chosen.steps, chosen.x, chosen.w)
    if not math.isfinite(cost):
        return None
    return Incumbent(chosen.is_open, chosen.steps, chosen.x, cost, chosen.w)


def incumbent_from_solution(comp: Compiled, solution: FacilitySolution) -> Incumbent:
    """A solution in the solvers' array form, priced and checked by ``problem.evaluate``
    (which raises :class:`~junheng.errors.InfeasibleError` when it breaks a rule)."""
    from junheng.optimize._evaluate import pair_fractions

    problem = comp.problem
    cost = problem.evaluate(solution)
    is_open = np.zeros(comp.m, dtype=bool)
    is_open[list(solution.open_sites)] = True
    steps = comp.steps_out(problem.step_counts(solution.expansions))
    w = np.asarray(solution.side_values, float) if comp.has_side else None
    return Incumbent(is_open, steps, pair_fractions(problem, solution), cost, w)


def _steps_for(comp: Compiled, is_open: np.ndarray, load: np.ndarray) -> np.ndarray | None:
    """Fewest expansion steps per open site (and resource) so that its capacity covers
    ``load`` (per site, or sites × resources)."""
    if comp.multi:
        return _chain_steps(comp, is_open, load)
    steps = np.zeros(comp.m, dtype=np.int64)
    for i in np.flatnonzero(is_open):
        levels = slice(comp.level_start[i], comp.level_start[i + 1])
        fits = np.flatnonzero(comp.level_cap[levels] >= load[i] - 1e-9)
        if not fits.size:
            return None
        steps[i] = comp.level_steps[levels][fits[0]]
    return steps


def _chain_steps(comp: Compiled, is_open: np.ndarray, load: np.ndarray) -> np.ndarray | None:
    """:func:`_steps_for` with several resources: along each chain of the step table."""
    short = np.where(is_open[:, None], load - comp.cap, 0.0)
    steps = np.zeros((comp.m, comp.n_res), dtype=np.int64)
    for i, r in zip(*np.nonzero(short > 1e-9), strict=True):
        chain = (comp.step_site == i) & (comp.step_res == r)
        fits = np.flatnonzero(np.cumsum(comp.step_add[chain]) >= short[i, r] - 1e-9)
        if not fits.size:
            return None
        steps[i, r] = fits[0] + 1
    return steps


def _within_budget(comp: Compiled, is_open: np.ndarray, steps: np.ndarray) -> bool:
    budget = comp.problem.budget
    if budget is None:
        return True
    if comp.multi:
        taken = comp.step_rank <= steps[comp.step_site, comp.step_res]
        base = comp.level_spend[comp.level_start[:-1]][is_open].sum()
        return bool(base + comp.step_cost[taken].sum() <= budget + 1e-9)
    level = comp.level_start[:-1] + steps
    return bool(comp.level_spend[level][is_open].sum() <= budget + 1e-9)


def greedy_single_source(comp: Compiled, is_open: np.ndarray) -> Incumbent | None:
    """Regret-ordered greedy assignment to open sites (largest regret first), then shifts."""
    room = np.where(is_open[:, None], comp.max_cap, 0.0)
    use = comp.pair_use
    allowed = np.flatnonzero(is_open[comp.site])
    cust, cost = comp.customer[allowed], comp.cost[allowed]
    first = np.searchsorted(cust, np.arange(comp.n + 1))
    if (np.diff(first) == 0).any():
        return None
    second = np.where(np.diff(first) > 1, cost[np.minimum(first[:-1] + 1, cost.size - 1)], np.inf)
    regret = second - cost[first[:-1]]
    order = np.lexsort((-comp.problem.demand, -regret))
    chosen = np.full(comp.n, -1, dtype=np.int64)
    for j in order:
        options = allowed[first[j]: first[j + 1]]  # cheapest first
        fits = options[(room[comp.site[options]] >= use[options] - 1e-9).all(axis=1)]
        if not fits.size:
            return None
        chosen[j] = fits[0]
        room[comp.site[fits[0]]] -= use[fits[0]]
    _shift(comp, chosen, room, allowed, first)
    return _incumbent(comp, is_open, chosen)


def _shift(comp: Compiled, chosen: np.ndarray, room: np.ndarray, allowed: np.ndarray,
           first: np.ndarray, rounds: int = 5) -> None:
    """Move customers to cheaper open sites that still have room, until none improves
    (``room`` is sites × resources)."""
    use = comp.pair_use
    for _ in range(rounds):
        moved = False
        for j in range(comp.n):
            current = chosen[j]
            for k in allowed[first[j]: first[j + 1]]:
                if comp.cost[k] >= comp.cost[current] - 1e-12:
                    break
                if (room[comp.site[k]] >= use[k] - 1e-9).all():
                    room[comp.site[k]] -= use[k]
                    room[comp.site[current]] += use[current]
                    chosen[j], moved = k, True
                    break
        if not moved:
            return


def incumbent_from_pairs(comp: Compiled, is_open: np.ndarray,
                         chosen: np.ndarray) -> Incumbent | None:
    """A single-source incumbent from one chosen pair per customer (None if over budget)."""
    return _incumbent(comp, is_open, chosen)


def _incumbent(comp: Compiled, is_open: np.ndarray, chosen: np.ndarray) -> Incumbent | None:
    x = np.zeros(comp.k)
    x[chosen] = 1.0
    if comp.multi:
        load = np.zeros((comp.m, comp.n_res))
        np.add.at(load, comp.site[chosen], comp.pair_use[chosen])
    else:
        load = np.bincount(comp.site, weights=x * comp.pair_demand, minlength=comp.m)
    steps = _steps_for(comp, is_open, load)
    if steps is None or not _within_budget(comp, is_open, steps):
        return None
    return Incumbent(is_open.copy(), steps, x, cost_of(comp, is_open, steps, x))


def transport_flow(comp: Compiled, is_open: np.ndarray) -> Incumbent | None:
    """Splittable assignment as a min-cost flow (network simplex) on integer demands.

    Unit costs are scaled to integers (relative rounding about 1e-7), so the result is
    optimal for the rounded costs and priced exactly; :func:`assign` gives the exact LP.
    """
    demand = comp.problem.demand
    sites = np.flatnonzero(is_open)
    pairs = np.flatnonzero(is_open[comp.site] & (comp.pair_demand > 0))
    capacity = np.floor(np.minimum(comp.problem.capacity[sites], comp.reachable_demand[sites]))
    total = int(demand.sum())
    if capacity.sum() < total:
        return None
    unit = comp.cost[pairs] / comp.pair_demand[pairs]
    scale = 2.0 ** 40 / max(float(np.abs(unit).max(initial=1.0)) * max(total, 1), 1.0)
    node_of_site = np.full(comp.m, -1, dtype=np.int64)
    node_of_site[sites] = np.arange(sites.size)
    sink = sites.size + comp.n
    flow = min_cost_flow.SimpleMinCostFlow()
    tails = np.r_[node_of_site[comp.site[pairs]], np.arange(sites.size)]
    heads = np.r_[sites.size + comp.customer[pairs], np.full(sites.size, sink)]
    caps = np.r_[comp.pair_demand[pairs], capacity].astype(np.int64)
    costs = np.r_[np.rint(unit * scale), np.zeros(sites.size)].astype(np.int64)
    flow.add_arcs_with_capacity_and_unit_cost(tails, heads, caps, costs)
    supplies = np.r_[capacity, -demand, [total - capacity.sum()]].astype(np.int64)
    flow.set_nodes_supplies(np.arange(sink + 1), supplies)
    if flow.solve() != flow.OPTIMAL:
        return None
    x = np.zeros(comp.k)
    x[pairs] = flow.flows(np.arange(pairs.size)) / comp.pair_demand[pairs]
    zero = np.flatnonzero(demand == 0)
    if zero.size:  # customers without demand go to their cheapest open site
        x[_first_open(comp, is_open, zero)] = 1.0
    steps = np.zeros(comp.m, dtype=np.int64)
    return Incumbent(is_open.copy(), steps, x, cost_of(comp, is_open, steps, x))


def _first_open(comp: Compiled, is_open: np.ndarray, customers: np.ndarray) -> np.ndarray:
    nearest = pair_fraction_nearest(comp, is_open)
    return np.flatnonzero((nearest > 0) & np.isin(comp.customer, customers))


def quick_assign(comp: Compiled, is_open: np.ndarray, *, time_limit: float = 5.0) -> Incumbent | None:
    """A good completion fast: flow or exact LP when splittable, greedy when single-source."""
    problem = comp.problem
    if comp.has_side:  # greedy completions do not know the side rows
        return assign(comp, is_open, time_limit=time_limit)
    if problem.single_source and not comp.uncapacitated:
        return greedy_single_source(comp, is_open)
    flowable = (not comp.uncapacitated and not comp.multi and comp.level_site.size == comp.m
                and problem.budget is None and bool(np.all(np.mod(problem.demand, 1) == 0)))
    if flowable:
        return transport_flow(comp, is_open)
    return assign(comp, is_open, time_limit=time_limit)
