"""The settled open set's assignment re-optimised region by region (optimize._region) and the
search's kick after a move to a cut set (optimize._large_single.kick_step), against a
hand-worked instance."""

from __future__ import annotations

import time

import numpy as np
import pytest

from junheng.optimize import FacilityProblem, SolveOptions, _region
from junheng.optimize._compiled import Compiled
from junheng.optimize._gap_search import descend
from junheng.optimize._large_single import kick_step
from junheng.optimize._region import Regions, region_search
from junheng.optimize.assign import Incumbent, cost_of
from junheng.optimize.solve import _result, _Run


def cycle() -> FacilityProblem:
    """Site 0 (closed in :func:`served`, every pair free) and sites 1-3, capacity 1 each
    (site 0: 3), fixed cost 1; three customers of demand 1. Customer 0 is served by site 1
    at 10, customer 1 by site 2 at 10, customer 2 by site 3 at 10; each would rather take
    the next site's place (cost 0), and the site after costs 25."""
    costs = [[0.0, 0.0, 0.0],  # site 0
             [10.0, 25.0, 0.0],  # site 1
             [0.0, 10.0, 25.0],  # site 2
             [25.0, 0.0, 10.0]]  # site 3
    return FacilityProblem.from_cost_matrix(costs, [1, 1, 1], [1, 1, 1, 1], [3, 1, 1, 1],
                                            single_source=True)


def served(comp: Compiled, sites: list[int]) -> Incumbent:
    """Customer ``j`` served by ``sites[j]``, sites 1-3 open."""
    x = np.array([1.0 if sites[j] == i else 0.0
                  for i, j in zip(comp.site, comp.customer, strict=True)])
    is_open, steps = np.array([False, True, True, True]), np.zeros(comp.m, dtype=np.int64)
    return Incumbent(is_open, steps, x, cost_of(comp, is_open, steps, x))


def test_the_descent_is_stuck_and_a_region_of_the_three_open_sites_turns_the_cycle():
    comp = Compiled(cycle())
    inc = served(comp, [1, 2, 3])
    assert inc.cost == pytest.approx(33.0)  # 10 + 10 + 10 and three open sites at 1
    # every site is full: no shift; a swap pays 0 + 25 for 10 + 10 (+5); an ejection
    # chain needs a third site with room: none
    assert descend(comp, inc) is inc
    regions = Regions(comp, seed=0)
    # ties in the shared demand: the seed, then the others by index; closed site 0 skipped
    assert np.flatnonzero(regions.region(1, inc.is_open)).tolist() == [1, 2, 3]
    found = region_search(comp, inc, time.perf_counter() + 10.0, regions)
    # the cycle: customer 0 to site 2, 1 to site 3, 2 to site 1, each at 0; three open at 1
    assert found.cost == pytest.approx(3.0)
    used = found.x > 0.5
    assert sorted(zip(comp.customer[used].tolist(), comp.site[used].tolist(),
                      strict=True)) == [(0, 2), (1, 3), (2, 1)]
    assert found.is_open.tolist() == [False, True, True, True]


def test_regions_of_two_sites_see_no_cycle_and_stop_once_each_is_proved(monkeypatch):
    monkeypatch.setattr(_region, "SIZE", 2)
    comp = Compiled(cycle())
    inc = served(comp, [1, 2, 3])
    regions = Regions(comp, seed=0)
    assert np.flatnonzero(regions.region(3, inc.is_open)).tolist() == [1, 3]
    # two sites' customers exchange places only by a swap (+5): every region's optimum is
    # the incumbent; after three proved regions in a row the search stops, long before
    # its deadline
    began = time.perf_counter()
    assert region_search(comp, inc, began + 60.0, regions) is inc
    assert time.perf_counter() - began < 30.0
    assert regions.position == 4  # site 0 (closed) passed over once in the cycle


def test_after_a_move_the_kick_tries_the_regions_first():
    problem = cycle()
    run = _Run(problem, SolveOptions(time_limit=10))
    inc = served(run.comp, [1, 2, 3])
    run.offer(inc)
    run.cache["moved"] = inc  # what haircut_step leaves when it moved
    found = kick_step(run, inc)
    assert found.cost == pytest.approx(3.0) == run.upper
    assert problem.evaluate(_result(run)) == pytest.approx(3.0)  # the solver-free checker
    (before, after, _), = run.details["regions"]
    assert (before, after) == (pytest.approx(33.0), pytest.approx(3.0))
    assert "rins" not in run.details and "deepen" not in run.details


def test_after_a_move_rins_follows_regions_that_find_nothing(monkeypatch):
    monkeypatch.setattr(_region, "SIZE", 2)
    problem = cycle()
    run = _Run(problem, SolveOptions(time_limit=10))
    inc = served(run.comp, [1, 2, 3])
    run.offer(inc)
    run.cache["moved"] = inc
    # the split flow of sites 1-3 is the cycle (cost 0): every customer is a mover of RINS
    found = kick_step(run, inc)
    assert found.cost == pytest.approx(3.0) == run.upper
    assert [(round(a, 6), round(b, 6)) for a, b, _ in run.details["regions"]] == [(33.0, 33.0)]
    assert [(round(a, 6), round(b, 6)) for a, b, _ in run.details["rins"]] == [(33.0, 3.0)]
    assert "deepen" not in run.details
    result = _result(run)
    assert (result.status.value, result.objective) == ("time_limit", pytest.approx(3.0))
