"""One more closure by the split flow's movers and CP-SAT (optimize._deepen), against
hand-worked instances."""

from __future__ import annotations

import math
import time

import numpy as np
import pytest

from junheng.optimize import FacilityProblem, SolveOptions
from junheng.optimize import _deepen as deepen_module
from junheng.optimize import _neighbourhood as neighbourhood
from junheng.optimize._compiled import Compiled
from junheng.optimize._deepen import Memo, candidates, close_one, deepen
from junheng.optimize._large_single import deepen_step, early_mip
from junheng.optimize.assign import greedy_single_source
from junheng.optimize.solve import _result, _Run


def line() -> FacilityProblem:
    """Sites at x = 0, 1, 2 (capacity 2, 2, 3; fixed 10); five customers of demand 1 at
    x = 0, 0.9, 1.1, 2, 2; a pair costs the distance."""
    sites, customers = [0.0, 1.0, 2.0], [0.0, 0.9, 1.1, 2.0, 2.0]
    costs = [[abs(c - s) for c in customers] for s in sites]
    return FacilityProblem.from_cost_matrix(costs, [1] * 5, [10, 10, 10], [2, 2, 3],
                                            single_source=True)


def start(problem: FacilityProblem):
    comp = Compiled(problem)
    # each customer at its nearest site: 0 -> 0, 0.9 and 1.1 -> 1, both at 2 -> 2
    inc = greedy_single_source(comp, np.ones(3, dtype=bool))
    assert inc.cost == pytest.approx(30.2)  # 3 × 10 + 0.1 + 0.1
    return comp, inc


def test_candidates_fit_the_spare_places_and_rank_by_the_split_flow():
    comp, inc = start(line())
    # spare 7 - 5 = 2: sites 0 and 1 (capacity 2) fit, site 2 (3) does not.
    # Site 1 closed: 0.9 -> site 0 (0.9), 1.1 -> site 2 (0.9): 20 + 1.8 = 21.8.
    # Site 0 closed: x = 0 -> site 1 (1), which sends 1.1 -> site 2 (0.9): 20 + 2.0 = 22.0
    # (x = 0 -> site 2 instead: 2 + 0.2 = 2.2).
    ranked = candidates(comp, inc)
    assert [(round(cost, 6), s) for cost, s, _ in ranked] == [(21.8, (1, None)), (22.0, (0, None))]


def test_a_forced_open_site_is_no_candidate():
    comp, inc = start(line().replace(forced_open=frozenset({1})))
    assert [s for _, s, _ in candidates(comp, inc)] == [(0, None)]


def test_no_candidate_without_spare_places():
    # capacity 2, 2, 1: 5 places for 5 pupils, nothing can close
    comp = Compiled(line().replace(capacity=np.array([2.0, 2.0, 1.0])))
    inc = greedy_single_source(comp, np.ones(3, dtype=bool))
    assert candidates(comp, inc) == []
    assert deepen(comp, inc, deadline=time.perf_counter() + 10) is inc


def test_close_one_moves_only_the_movers():
    comp, inc = start(line())
    _, s, split = candidates(comp, inc)[0]
    found = close_one(comp, inc, s, split, 10.0, seed=0)
    # the movers are 0.9 and 1.1 (site 1's); room: site 0 has 1 left, site 2 has 1 left:
    # 0.9 -> 0 and 1.1 -> 2 (1.8) beats 0.9 -> 2 and 1.1 -> 0 (2.2)
    assert found.cost == pytest.approx(21.8)
    at = {int(comp.customer[k]): int(comp.site[k]) for k in np.flatnonzero(found.x > 0.5)}
    assert at == {0: 0, 1: 0, 2: 2, 3: 2, 4: 2}


def test_deepen_closes_the_best_candidate_then_stops():
    problem = line()
    comp, inc = start(problem)
    found = deepen(comp, inc, deadline=time.perf_counter() + 10)
    # after site 1 closes no places are spare (5 for 5): no further closure
    assert found.cost == pytest.approx(21.8)
    assert found.is_open.tolist() == [True, False, True]


def test_with_site_1_forced_open_site_0_closes():
    comp, inc = start(line().replace(forced_open=frozenset({1})))
    found = deepen(comp, inc, deadline=time.perf_counter() + 10)
    # site 0 closed: 22.0 (first test)
    assert found.cost == pytest.approx(22.0)
    assert found.is_open.tolist() == [False, True, True]


def test_nothing_cheaper_leaves_the_start():
    # fixed cost 0.5: closing site 1 saves 0.5 and costs 1.8 - 0.2 = 1.6 more travel
    problem = line().replace(fixed_cost=np.full(3, 0.5))
    comp = Compiled(problem)
    inc = greedy_single_source(comp, np.ones(3, dtype=bool))
    assert deepen(comp, inc, deadline=time.perf_counter() + 10) is inc


def far() -> FacilityProblem:
    """Sites at x = 0, 1, 2 (capacity 3, fixed 10); customers of demand 1 at 1.8, 2, 2.2."""
    customers = [1.8, 2.0, 2.2]
    costs = [[abs(c - s) for c in customers] for s in (0.0, 1.0, 2.0)]
    return FacilityProblem.from_cost_matrix(costs, [1] * 3, [10] * 3, [3] * 3,
                                            single_source=True)


def test_without_spare_places_a_swap_is_ranked_and_taken():
    comp = Compiled(far())
    inc = greedy_single_source(comp, np.array([True, False, False]))
    assert inc.cost == pytest.approx(16.0)  # 10 + 1.8 + 2 + 2.2
    assert candidates(comp, inc) == []  # 3 places for 3 pupils: no closure
    # open 2, close 0: 10 + 0.2 + 0 + 0.2 = 10.4; open 1, close 0: 10 + 0.8 + 1 + 1.2 = 13
    ranked = candidates(comp, inc, swap=True)
    assert [(round(cost, 6), move) for cost, move, _ in ranked] == [(10.4, (0, 2)), (13.0, (0, 1))]
    found = deepen(comp, inc, deadline=time.perf_counter() + 10)
    # from site 2 open no swap is cheaper (13 and 16): it stops there
    assert found.cost == pytest.approx(10.4)
    assert found.is_open.tolist() == [False, False, True]


def test_a_forced_closed_site_is_not_opened_by_a_swap():
    comp = Compiled(far().replace(forced_closed=frozenset({2})))
    inc = greedy_single_source(comp, np.array([True, False, False]))
    assert [move for _, move, _ in candidates(comp, inc, swap=True)] == [(0, 1)]
    assert deepen(comp, inc, deadline=time.perf_counter() + 10).cost == pytest.approx(13.0)


def test_the_pipeline_step_offers_the_closure_and_records_it():
    problem = line()
    run = _Run(problem, SolveOptions(time_limit=30))
    run.offer(greedy_single_source(run.comp, np.ones(3, dtype=bool)))
    assert run.upper == pytest.approx(30.2)
    found = deepen_step(run)
    assert found.cost == pytest.approx(21.8) == run.upper
    (before, after, _, closed), = run.details["deepen"]
    assert (before, after, closed) == (pytest.approx(30.2), pytest.approx(21.8), 1)
    assert problem.evaluate(_result(run)) == pytest.approx(21.8)  # the solver-free checker


def test_the_pipeline_step_leaves_problems_cp_sat_does_not_solve():
    # demands of 1.5 are not whole numbers: the CP-SAT sub-problem does not apply
    problem = line().replace(demand=np.full(5, 1.5), capacity=np.array([3.0, 3.0, 4.5]))
    run = _Run(problem, SolveOptions(time_limit=30))
    start = greedy_single_source(run.comp, np.ones(3, dtype=bool))
    run.offer(start)
    assert deepen_step(run) is start
    assert "deepen" not in run.details


def test_the_neighbourhood_search_kicks_again_after_each_stall(monkeypatch):
    monkeypatch.setattr(neighbourhood, "STALL", 1)
    comp = Compiled(far())
    inc = greedy_single_source(comp, np.array([True, False, False]))  # 16.0
    calls, memo = [], Memo()

    def kick(best):
        calls.append(round(best.cost, 6))
        return deepen(comp, best, deadline=time.perf_counter() + 10, memo=memo)

    found = neighbourhood.neighbourhood_search(comp, inc, deadline=time.perf_counter() + 30,
                                               offer=lambda _: None, size=1, kick=kick)
    # the first sub-MIP (site 0 closed, nothing else free) finds nothing: the kick swaps
    # to site 2 (10.4, test above); every later stall kicks again, from the same 10.4
    assert calls[:2] == [16.0, 10.4] and set(calls[2:]) <= {10.4}
    assert found.cost == pytest.approx(10.4)
    # the swaps back (open 0 or 1, close 2: 16 and 13) were tried once and are remembered:
    # split costs above 10.4 are not even ranked, so nothing is left to try
    assert [move for _, move, _ in memo.fresh(comp, found, swap=True, deadline=math.inf)] == []


def two_closures() -> FacilityProblem:
    """Sites at x = 0, 10, 5 (capacity 2, 1, 4; fixed 10); customers of demand 3 at x = 5
    and of demand 2 at x = 10; a pair costs the distance."""
    costs = [[abs(c - s) for c in (5.0, 10.0)] for s in (0.0, 10.0, 5.0)]
    return FacilityProblem.from_cost_matrix(costs, [3, 2], [10] * 3, [2, 1, 4],
                                            single_source=True)


def test_the_memo_goes_down_the_ranking_from_the_same_open_set():
    comp = Compiled(two_closures())
    inc = greedy_single_source(comp, np.ones(3, dtype=bool))
    # 3 at site 2 (0), 2 at site 0 (10): 30 + 10
    assert inc.cost == pytest.approx(40.0)
    # spare 7 - 5 = 2: site 0 (2) and site 1 (1) fit. Site 0 closed, split: 1 unit of the
    # 2 at site 1 (0), 1 at site 2 (2.5), the 3 at site 2: 22.5. Site 1 closed: the 3 at
    # site 2, of the 2 one unit at site 2 (2.5) and one at site 0 (5), or 1 unit of the 3
    # at site 0 (5 / 3 for a unit)...: 26.67. Single source, site 0 closed: 3 and 2 into
    # places 1 and 4 do not fit; site 1 closed: 3 at site 2, 2 at site 0: 30.
    ranked = candidates(comp, inc)
    assert [(round(cost, 2), move) for cost, move, _ in ranked] == [
        (22.5, (0, None)), (26.67, (1, None))]
    memo = Memo()
    first = deepen(comp, inc, deadline=time.perf_counter() + 10, tries=1, memo=memo)
    assert first is inc and memo.tried == {inc.key(): {(0, None)}}
    second = deepen(comp, inc, deadline=time.perf_counter() + 10, tries=1, memo=memo)
    assert second.cost == pytest.approx(30.0)
    assert second.is_open.tolist() == [True, False, True]
    # without the memo the same first try fails again
    assert deepen(comp, inc, deadline=time.perf_counter() + 10, tries=1) is inc


def test_a_closure_found_by_the_first_trajectory_skips_highs_second_one():
    run = _Run(line(), SolveOptions(time_limit=600))
    run.offer(greedy_single_source(run.comp, np.ones(3, dtype=bool)))
    run.details["deepen"] = [(30.2, 30.2, 1.0, 0), (30.2, 29.0, 1.0, 0)]  # no closure (a swap)
    early_mip(run)
    assert "early_mip_skipped" not in run.details
    run = _Run(line(), SolveOptions(time_limit=600))
    run.offer(greedy_single_source(run.comp, np.ones(3, dtype=bool)))
    deepen_step(run)  # 30.2 -> 21.8
    early_mip(run)
    assert run.details["early_mip_skipped"] > 0


def two_towns() -> FacilityProblem:
    """far() twice, 100 apart: sites at x = 0, 2, 100, 102 (capacity 3, fixed 10),
    customers of demand 1 at 1.8, 2, 2.2 and 101.8, 102, 102.2; a pair costs the distance."""
    sites, customers = (0.0, 2.0, 100.0, 102.0), (1.8, 2.0, 2.2, 101.8, 102.0, 102.2)
    costs = [[abs(c - s) for c in customers] for s in sites]
    return FacilityProblem.from_cost_matrix(costs, [1] * 6, [10] * 4, [3] * 4,
                                            single_source=True)


def test_a_double_swap_joins_the_ranking_and_is_made_in_one_move():
    comp = Compiled(two_towns())
    inc = greedy_single_source(comp, np.array([True, False, True, False]))
    assert inc.cost == pytest.approx(32.0)  # 20 + 2 × (1.8 + 2 + 2.2)
    # single swaps: open 1 for 0 (or 3 for 2): 20 + 0.2 + 0 + 0.2 + 6 = 26.4; open 3 for 0
    # (or 1 for 2) sends a town 100 away: not below 32, not ranked. The double swap of
    # the two cheap ones: 20 + 2 × 0.4 = 20.8, first.
    ranked = Memo().fresh(comp, inc, swap=True, deadline=math.inf)
    assert [(round(cost, 6), move) for cost, move, _ in ranked] == [
        (20.8, ((0, 2), (1, 3))), (26.4, (0, 1)), (26.4, (2, 3))]
    found = deepen(comp, inc, deadline=time.perf_counter() + 10, once=True)
    assert found.cost == pytest.approx(20.8)
    assert found.is_open.tolist() == [False, True, False, True]


def test_a_closure_is_tried_at_most_closures_times_per_open_set(monkeypatch):
    monkeypatch.setattr(deepen_module, "CLOSURES", 1)
    comp = Compiled(two_closures())
    inc = greedy_single_source(comp, np.ones(3, dtype=bool))
    memo = Memo()
    # the first closure (site 0) fails as above; with one closure per open set the
    # second (site 1, 30.0) is never tried and nothing else is cheaper
    assert deepen(comp, inc, deadline=time.perf_counter() + 10, tries=1, memo=memo) is inc
    assert deepen(comp, inc, deadline=time.perf_counter() + 10, tries=1, memo=memo) is inc
    assert memo.tried[inc.key()] == {(0, None)}
