"""A neighbourhood's sub-problem by CP-SAT, against hand-worked optima, enumeration and the
HiGHS sub-MIP it replaces."""

from __future__ import annotations

import numpy as np
import pytest
from test_neighbourhood import enumerated, three_sites

from junheng.optimize import FacilityProblem
from junheng.optimize import _neighbourhood as neighbourhood
from junheng.optimize._compiled import Compiled
from junheng.optimize._cp_neighbourhood import applies, solve_around
from junheng.optimize.assign import assign, cost_of, greedy_single_source


def test_applies_to_whole_number_single_source_problems_only():
    problem = three_sites().replace(capacity=np.full(3, 4.0))  # three_sites never fills a site
    assert applies(Compiled(problem))
    assert not applies(Compiled(three_sites()))
    assert not applies(Compiled(problem.replace(demand=np.full(6, 1.5))))
    assert not applies(Compiled(problem.replace(capacity=np.full(3, 6.5))))
    assert not applies(Compiled(problem.replace(p=2)))
    assert not applies(Compiled(problem.replace(single_source=False)))


def test_every_site_free_reaches_the_optimum():
    comp = Compiled(three_sites())
    start = greedy_single_source(comp, np.array([True, True, True]))  # each at its door: 60
    found, finished = solve_around(comp, start, np.ones(3, dtype=bool), 10.0, seed=0)
    # sites 0 and 2 closed, their four customers to site 1 at 5 each: 20 + 20 = 40
    assert finished
    assert start.cost == 60.0
    assert found.cost == 40.0 == enumerated(three_sites())
    assert found.is_open.tolist() == [False, True, False]


def test_the_shut_site_stays_closed():
    comp = Compiled(three_sites())
    start = greedy_single_source(comp, np.array([True, True, True]))
    found, finished = solve_around(comp, start, np.ones(3, dtype=bool), 10.0, seed=0, shut=1)
    # without site 1: site 0 (or 2) alone takes all six (0 + 0 + 5 + 5 + 9 + 9 = 28) + 20
    # = 48; both open: 40 + 5 + 5 = 50
    assert finished
    assert found.cost == 48.0
    assert not found.is_open[1]
    assert found.is_open.sum() == 1


def test_outside_sites_keep_their_customers_and_only_their_room_is_offered():
    comp = Compiled(three_sites())
    start = greedy_single_source(comp, np.array([True, True, True]))
    free = np.array([True, False, False])
    found, finished = solve_around(comp, start, free, 10.0, seed=0)
    # customers 0, 1 (at site 0) may move to site 1 (room 4 of 6) at 5 each: 20 saved,
    # 10 more travel; site 1 keeps its customers 2, 3 and site 2 its 4, 5
    assert finished
    assert found.cost == 50.0
    assert found.is_open.tolist() == [False, True, True]
    used = found.x > 0.5
    at = {int(comp.customer[k]): int(comp.site[k]) for k in np.flatnonzero(used)}
    assert at == {0: 1, 1: 1, 2: 1, 3: 1, 4: 2, 5: 2}


def test_no_room_for_a_shut_sites_customers_is_a_finished_no():
    # capacity 2 each: site 1's customers have nowhere to go when it is shut
    problem = three_sites().replace(capacity=np.full(3, 2.0))
    comp = Compiled(problem)
    start = greedy_single_source(comp, np.array([True, True, True]))
    found, finished = solve_around(comp, start, np.ones(3, dtype=bool), 10.0, seed=0, shut=1)
    assert found is None
    assert finished


def test_costs_are_recomputed_exactly_after_rounding():
    # two sites 0.0004 apart in cost per customer: rounded to thousandths they tie; the
    # returned cost is the arrays' own, never the rounded one
    problem = FacilityProblem.from_cost_matrix([[1.0004, 1.0004], [1.0001, 1.0001]], [1, 1],
                                               [0.0, 0.0], [2, 2], single_source=True)
    comp = Compiled(problem)
    start = greedy_single_source(comp, np.array([True, True]))
    found, _ = solve_around(comp, start, np.ones(2, dtype=bool), 10.0, seed=0)
    assert found.cost == pytest.approx(cost_of(comp, found.is_open, found.steps, found.x))
    assert found.cost in (pytest.approx(2.0002), pytest.approx(2.0005), pytest.approx(2.0008))


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_cp_sat_and_highs_find_the_same_neighbourhood_optimum(seed, monkeypatch):
    rng = np.random.default_rng(seed)
    sites, customers = rng.uniform(0, 10, (5, 2)), rng.uniform(0, 10, (9, 2))
    demand = rng.integers(1, 6, 9).astype(float)
    problem = FacilityProblem.from_points(
        sites, customers, demand, fixed_cost=np.round(rng.uniform(5, 30, 5)),
        capacity=np.full(5, np.ceil(demand.sum() * 0.4)), single_source=True)
    comp = Compiled(problem)
    start = assign(comp, np.ones(5, dtype=bool))
    for first in range(5):
        free = np.zeros(5, dtype=bool)
        free[[first, (first + 1) % 5, (first + 2) % 5]] = True
        for shut in (None, first):
            cp, cp_done = neighbourhood._solve_around(comp, start, free, 30.0, 0, shut)
            monkeypatch.setattr(neighbourhood, "CP_SAT", False)
            mip, mip_done = neighbourhood._solve_around(comp, start, free, 30.0, 0, shut)
            monkeypatch.setattr(neighbourhood, "CP_SAT", True)
            assert cp_done and mip_done
            assert (cp is None) == (mip is None)
            if cp is not None:
                assert cp.cost == pytest.approx(mip.cost, abs=1e-6)
                assert cp.cost == pytest.approx(cost_of(comp, cp.is_open, cp.steps, cp.x))
