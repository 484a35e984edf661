"""The kernel MILP of the large single-source branch (:mod:`junheng.optimize._large_single`)."""

from __future__ import annotations

import time

import numpy as np
import pytest

from junheng.optimize import FacilityProblem, SolveOptions, solve_facility
from junheng.optimize import _large_single as large_single
from junheng.optimize._large_single import (
    _to_pool,
    cheapest_pairs,
    early_mip,
    end_pairs,
    highs_starved,
    kernel_mip,
    lp_support,
    pool_pairs,
    quick_mip,
)
from junheng.optimize._milp import Chosen
from junheng.optimize.assign import greedy_single_source
from junheng.optimize.solve import _result, _Run


def door_problem() -> FacilityProblem:
    # sites 0-2 (fixed 20, capacity 6); two customers (demand 1) at each site's door; site 3
    # (fixed 20) is 50 from everyone
    costs = [[0, 0, 5, 5, 9, 9], [5, 5, 0, 0, 5, 5], [9, 9, 5, 5, 0, 0], [50] * 6]
    return FacilityProblem.from_cost_matrix(costs, [1] * 6, [20] * 4, [6] * 4,
                                            single_source=True)


def test_lp_support_is_the_one_open_site_and_its_bound_the_optimum():
    # the LP opens y = (t, 1, t, 0) at best, costing 40 + 20 t: t = 0, every customer at
    # site 1 (20 + 4 x 5 = 40), integral, so the support is site 1's six pairs
    run = _Run(door_problem(), SolveOptions())
    support = lp_support(run)
    assert sorted(run.comp.site[support].tolist()) == [1] * 6
    assert run.bound == pytest.approx(40.0)


def test_kernel_mip_reaches_the_optimum_from_the_door_start():
    # start: sites 0-2 open, each customer at its door, 60; the kernel (site 1's pairs and
    # the door pairs) holds the optimum 40, which plain HiGHS confirms
    problem = door_problem()
    run = _Run(problem, SolveOptions())
    run.offer(greedy_single_source(run.comp, np.array([True, True, True, False])))
    assert run.upper == pytest.approx(60.0)
    kernel_mip(run)
    solution = _result(run)
    assert problem.evaluate(solution) == pytest.approx(40.0)  # the solver-free checker
    assert solution.open_sites == (1,)
    assert solve_facility(problem, SolveOptions(method="plain")).objective == pytest.approx(40.0)


def test_pool_keeps_the_pairs_of_solutions_within_one_percent_of_its_best():
    # solutions HiGHS could report on the door problem, by each customer's site: every
    # customer at its door (3 x 20 = 60), sites 0 and 1 (40 + 5 + 5 = 50), site 1 alone
    # (20 + 4 x 5 = 40); only the last is within 1 % of the best, 40
    run = _Run(door_problem(), SolveOptions())
    comp = run.comp
    assert not pool_pairs(run).any()  # no solution yet

    def solution(site_of: list[int]) -> Chosen:
        x = np.zeros(comp.k)
        for j, i in enumerate(site_of):
            x[(comp.customer == j) & (comp.site == i)] = 1.0
        return Chosen(np.isin(np.arange(comp.m), site_of), comp.no_steps(), x)

    for site_of in ([0, 0, 1, 1, 2, 2], [0, 0, 1, 1, 1, 1], [1] * 6):
        _to_pool(run, solution(site_of))
    assert [cost for cost, _ in run.cache["pool"]] == pytest.approx([60.0, 50.0, 40.0])
    assert sorted(comp.site[pool_pairs(run)].tolist()) == [1] * 6
    # the 50 solution's pairs at 40.3 (0.75 % above the best) join the kernel
    run.cache["pool"].append((40.3, run.cache["pool"][1][1]))
    used = pool_pairs(run)
    assert sorted(zip(comp.customer[used].tolist(), comp.site[used].tolist(), strict=True)) == [
        (0, 0), (0, 1), (1, 0), (1, 1), (2, 1), (3, 1), (4, 1), (5, 1)]


def test_cheapest_pairs_by_customer_with_ties_to_the_lower_pair():
    # key = the door problem's costs; customer 0 (sites 0-3: 0, 5, 9, 50) keeps sites 0
    # and 1, customer 2 (5, 0, 5, 50) site 1 and, of the tied 0 and 2, the lower pair 0,
    # customer 4 (9, 5, 0, 50) sites 2 and 1; customers 1, 3, 5 as their twins
    comp = _Run(door_problem(), SolveOptions()).comp
    kept = cheapest_pairs(comp, comp.cost, 2)
    assert sorted(zip(comp.customer[kept].tolist(), comp.site[kept].tolist(), strict=True)) == [
        (0, 0), (0, 1), (1, 0), (1, 1), (2, 0), (2, 1), (3, 0), (3, 1), (4, 1), (4, 2),
        (5, 1), (5, 2)]
    assert cheapest_pairs(comp, comp.cost, 4).all()  # every customer has 4 pairs


def test_quick_mip_runs_only_when_plain_highs_would_be_starved(monkeypatch):
    # a fresh run has the whole CPU (share 1): HiGHS's phase, 25 % of 10 s, gets 2.5 s of
    # CPU, more than 2 s per 1,000 pairs (0.048 s for 24 pairs): no quick MILP; with
    # 0.2 s per pair (4.8 s) HiGHS would be starved
    run = _Run(door_problem(), SolveOptions(time_limit=10.0))
    assert not highs_starved(run)
    run.offer(greedy_single_source(run.comp, np.array([True, True, True, False])))
    quick_mip(run)
    assert "quick_mip_found" not in run.details and run.upper == pytest.approx(60.0)
    monkeypatch.setattr(large_single, "EARLY_MIN_CPU", 0.2)
    assert highs_starved(run)


def test_quick_mip_keeps_the_lp_open_site_and_recombines_to_the_optimum(monkeypatch):
    # the LP opens site 1 fully and shuts 0, 2, 3 (y = (0, 1, 0, 0)): the restricted model
    # has site 1 alone, 20 + 4 x 5 = 40, below the door start's 60 (3 x 20); plain HiGHS
    # is then skipped
    problem = door_problem()
    run = _Run(problem, SolveOptions())
    run.offer(greedy_single_source(run.comp, np.array([True, True, True, False])))
    assert run.upper == pytest.approx(60.0)
    monkeypatch.setattr(large_single, "EARLY_MIN_CPU", 1e3)  # HiGHS starved
    quick_mip(run)
    assert run.details["quick_mip_found"] == pytest.approx(40.0)
    solution = _result(run)
    assert problem.evaluate(solution) == pytest.approx(40.0)  # the solver-free checker
    assert solution.open_sites == (1,)
    early_mip(run)
    assert "early_mip_skipped" in run.details


def test_early_mip_is_skipped_when_it_would_get_too_little_cpu(monkeypatch):
    # 10 s of wall and no CPU since the start: share 0.1 (the floor); HiGHS would run to
    # 55 % of 100 s, 45 s of wall, 4.5 s of CPU; 2 s per 1,000 pairs would be 0.048 s for
    # the door problem's 24 pairs, so it runs only with the minimum raised: 200 s per
    # 1,000 pairs = 4.8 s > 4.5, skipped, the incumbent unchanged
    run = _Run(door_problem(), SolveOptions(time_limit=100.0))
    run.started, run.cpu = time.perf_counter() - 10.0, time.process_time()
    run.deadline = run.started + 100.0
    run.offer(greedy_single_source(run.comp, np.array([True, True, True, False])))
    monkeypatch.setattr(large_single, "EARLY_MIN_CPU", 0.2)
    early_mip(run)
    assert run.details["early_mip_skipped"] == pytest.approx(45.0, abs=0.5)
    assert run.upper == pytest.approx(60.0)


def test_both_trajectory_ends_join_the_last_kernel():
    # the first trajectory ends at the door start (60); plain HiGHS's trajectory ends at
    # the optimum (site 1 alone, 40), the incumbent: the last kernel still gets the door
    # pairs (6) besides site 1's (6), 10 pairs in all (customers 2, 3 are at site 1 in both)
    problem = door_problem()
    run = _Run(problem, SolveOptions(time_limit=20.0))
    start = greedy_single_source(run.comp, np.array([True, True, True, False]))
    run.offer(start)
    early_mip(run)
    ends = run.cache["ends"]
    assert [end.cost for end in ends] == pytest.approx([60.0, 40.0])
    assert ends[0] is start
    comp, used = run.comp, end_pairs(run)
    assert sorted(zip(comp.customer[used].tolist(), comp.site[used].tolist(), strict=True)) == [
        (0, 0), (0, 1), (1, 0), (1, 1), (2, 1), (3, 1), (4, 1), (4, 2), (5, 1), (5, 2)]
    assert problem.evaluate(_result(run)) == pytest.approx(40.0)


def test_last_search_runs_to_the_end_where_the_quick_mip_took_plain_highs_place(monkeypatch):
    # the last search stops at 95 % of the time limit for the final MILP; where quick_mip
    # ran (plain HiGHS starved, run.cache["quick"]) the final MILP would get a few seconds
    # of a starved CPU, and the search runs to 99 %; not with a budget (CP-SAT's
    # neighbourhoods do not apply, the final MILP's fixing serves such rules). The door
    # problem's costs with capacity 4 (a site cannot hold the 6 customers: capacitated)
    seen = []
    monkeypatch.setattr(large_single, "search_neighbourhoods",
                        lambda run, until, kick=False: seen.append((until, kick)))
    costs = [[0, 0, 5, 5, 9, 9], [5, 5, 0, 0, 5, 5], [9, 9, 5, 5, 0, 0], [50] * 6]
    for budget in (None, 1_000.0):
        problem = FacilityProblem.from_cost_matrix(costs, [1] * 6, [20] * 4, [4] * 4,
                                                   single_source=True, budget=budget)
        run = _Run(problem, SolveOptions(time_limit=10.0))
        large_single.last_search(run)
        run.cache["quick"] = True
        large_single.last_search(run)
    assert seen == [(0.95, True), (0.99, True), (0.95, True), (0.95, True)]
