"""The neighbourhood search for single-source problems, against optima found by enumeration."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest

from junheng.optimize import FacilityProblem, SolveOptions, solve_facility
from junheng.optimize._compiled import Compiled
from junheng.optimize._neighbourhood import (
    Settled,
    closed_start,
    neighbourhood_search,
    restriction_around,
    site_neighbours,
)
from junheng.optimize.assign import Incumbent, assign, greedy_single_source


def enumerated(problem: FacilityProblem) -> float:
    """The optimum of a tiny single-source problem by trying every assignment."""
    n, m = problem.n_customers, problem.n_sites
    cost = np.full((m, n), math.inf)
    cost[problem.pair_site, problem.pair_customer] = problem.pair_cost
    best = math.inf
    for chosen in itertools.product(range(m), repeat=n):
        load = np.bincount(chosen, weights=problem.demand, minlength=m)
        if (load > problem.capacity).any():
            continue
        used = np.unique(chosen)
        total = problem.fixed_cost[used].sum() + sum(cost[i, j] for j, i in enumerate(chosen))
        best = min(best, total)
    return float(best)


def three_sites() -> FacilityProblem:
    """Sites 0-2 (fixed 20, capacity 6); two customers (demand 1) at each site's door."""
    costs = [[0, 0, 5, 5, 9, 9], [5, 5, 0, 0, 5, 5], [9, 9, 5, 5, 0, 0]]
    return FacilityProblem.from_cost_matrix(costs, [1] * 6, [20, 20, 20], [6, 6, 6],
                                            single_source=True)


def test_sites_are_ordered_by_the_demand_of_customers_they_share():
    # each customer keeps its two nearest sites: customers 0, 1 (demand 1 + 2) sites 0, 1;
    # 2, 3 (3 + 4) sites 1, 0 (tie of 5 with site 2: lower index); 4, 5 (5 + 6) sites 2, 1.
    # Shared demand: sites 0-1 = 3 + 7 = 10, sites 1-2 = 11, sites 0-2 = 0; self first.
    problem = FacilityProblem.from_cost_matrix(
        [[0, 0, 5, 5, 9, 9], [5, 5, 0, 0, 5, 5], [9, 9, 5, 5, 0, 0]], [1, 2, 3, 4, 5, 6],
        [20, 20, 20], [30, 30, 30], k_nearest=2, single_source=True)
    order = site_neighbours(Compiled(problem))
    assert order.tolist() == [[0, 1, 2], [1, 2, 0], [2, 1, 0]]


def test_restriction_frees_the_neighbourhood_and_its_customers_only():
    problem = three_sites()
    comp = Compiled(problem)
    start = greedy_single_source(comp, np.array([True, True, True]))  # each at its door
    free = np.array([True, True, False])
    rule = restriction_around(comp, start, free)
    assert rule.closed.tolist() == [False, False, False]
    assert rule.opened.tolist() == [False, False, True]
    # customers 0-3 (served by sites 0, 1) may use every open or free site; 4, 5 keep site 2
    pairs = {(int(comp.site[k]), int(comp.customer[k])) for k in np.flatnonzero(rule.keep)}
    assert pairs == {(i, j) for i in range(3) for j in range(4)} | {(2, 4), (2, 5)}


def test_search_reaches_the_optimum_of_three_sites_from_every_site_open():
    problem = three_sites()
    comp = Compiled(problem)
    start = greedy_single_source(comp, np.array([True, True, True]))
    offered = []
    best = neighbourhood_search(comp, start, deadline=math.inf, offer=offered.append, size=2)
    # closing sites 0 and 2 sends four customers to site 1 at 5 each: 20 + 20 = 40
    assert start.cost == pytest.approx(60.0)
    assert best.cost == pytest.approx(40.0) == enumerated(problem)
    assert best.is_open.tolist() == [False, True, False]
    assert offered[-1] is best


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_search_matches_enumeration_on_small_random_problems(seed):
    rng = np.random.default_rng(seed)
    sites, customers = rng.uniform(0, 10, (4, 2)), rng.uniform(0, 10, (6, 2))
    demand = rng.integers(1, 6, 6).astype(float)
    problem = FacilityProblem.from_points(
        sites, customers, demand, fixed_cost=rng.uniform(5, 30, 4),
        capacity=np.full(4, demand.sum() * 0.45), single_source=True)
    comp = Compiled(problem)
    start = assign(comp, np.ones(4, dtype=bool))
    best = neighbourhood_search(comp, start, deadline=math.inf, offer=lambda _: None, size=2)
    solution = solve_facility(problem, SolveOptions(time_limit=30))
    assert problem.evaluate(solution) == pytest.approx(solution.objective)
    assert best.cost == pytest.approx(enumerated(problem))
    assert solution.objective == pytest.approx(enumerated(problem))


def line_of_sites(n: int) -> FacilityProblem:
    """Sites 0 to n - 1 on a line (fixed 20 + index, capacity 6), two customers (demand 1)
    at each door (cost 0), each with one more pair (cost 5): to the next site to the
    right, the last site's two to the one before it."""
    costs = np.full((n, 2 * n), math.inf)
    for site in range(n):
        costs[site, 2 * site: 2 * site + 2] = 0.0
        costs[site + 1 if site < n - 1 else site - 1, 2 * site: 2 * site + 2] = 5.0
    return FacilityProblem.from_cost_matrix(costs, [1] * 2 * n, 20.0 + np.arange(n), [6] * n,
                                            single_source=True)


def at_doors(comp: Compiled, sites: list[int]) -> Incumbent:
    """Customer j at site ``sites[j]`` (every site open)."""
    x = np.zeros(comp.k)
    x[[int(comp.pair_index[i, j]) for j, i in enumerate(sites)]] = 1.0
    return Incumbent(np.ones(comp.m, dtype=bool), comp.no_steps(), x, 0.0)


def test_settled_sub_mips_wait_for_a_change_at_the_sites_they_read():
    comp = Compiled(line_of_sites(4))
    settled, start = Settled(comp), at_doors(comp, [0, 0, 1, 1, 2, 2, 3, 3])
    first, last = np.array([True, False, False, False]), np.array([False, False, False, True])
    # the sub-MIP around site 0 frees customers 0, 1, whose pairs reach sites 0 and 1;
    # around site 3: customers 6, 7, sites 3 and 2
    assert settled.reach(start, first).tolist() == [True, True, False, False]
    assert settled.reach(start, last).tolist() == [False, False, True, True]
    assert not settled.known((0, False, 1), start, first)
    settled.remember((0, False, 1))
    settled.remember((3, False, 1))
    assert settled.known((0, False, 1), start, first)
    assert not settled.known((0, True, 1), start, first)  # closing site 0 was not tried
    moved = at_doors(comp, [1, 0, 1, 1, 2, 2, 3, 3])  # customer 0 to site 1
    settled.moved(start, moved)
    assert settled.changed_at.tolist() == [1, 1, 0, 0]
    assert not settled.known((0, False, 1), moved, first)
    assert settled.known((3, False, 1), moved, last)
    # an open-count rule links every site
    linked = Settled(Compiled(line_of_sites(4).replace(p=3)))
    assert linked.reach(start, first).tolist() == [True] * 4


def test_search_with_settled_sub_mips_skipped_reaches_the_optimum():
    comp = Compiled(line_of_sites(6))
    start = assign(comp, np.ones(6, dtype=bool))
    counts: dict = {}
    best = neighbourhood_search(comp, start, deadline=math.inf, offer=lambda _: None, size=3,
                                counts=counts)
    # a closed site sends its two customers to its one other site (+10), which stays open;
    # the most fixed cost saved so: close 1, 3, 5 (21 + 23 + 25 = 69; 0, 2, 4 save 66,
    # 0, 2, 5 67, 0, 3, 5 68; no four fit): 20 + 22 + 24 + 3 × 10 = 96
    assert start.cost == 135.0
    assert best.cost == 96.0
    assert best.is_open.tolist() == [True, False, True, False, True, False]
    assert counts["skipped"] > 0


def test_closed_start_sends_the_closed_sites_customers_to_their_cheapest_room():
    comp = Compiled(line_of_sites(4))
    start = at_doors(comp, [0, 0, 1, 1, 2, 2, 3, 3])
    # site 1 closed: customers 2, 3 to site 2 (their one other pair; room 4 of 6)
    warm = closed_start(comp, start, 1)
    assert warm is not None and warm.is_open.tolist() == [True, False, True, True]
    served = {int(comp.customer[k]): int(comp.site[k]) for k in np.flatnonzero(warm.x)}
    assert served == {0: 0, 1: 0, 2: 2, 3: 2, 4: 2, 5: 2, 6: 3, 7: 3}
    # site 2 closed (its customers 4, 5 at site 3): closing site 1 leaves 2, 3 no room
    without = at_doors(comp, [0, 0, 1, 1, 3, 3, 3, 3])
    without.is_open[2] = False
    assert closed_start(comp, without, 1) is None
