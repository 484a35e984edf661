"""The movers of the split flow re-optimised (optimize._rins) and the search's kick
(optimize._large_single.kick_step), against a hand-worked instance."""

from __future__ import annotations

import numpy as np
import pytest

from junheng.optimize import FacilityProblem, SolveOptions
from junheng.optimize._compiled import Compiled
from junheng.optimize._large_single import kick_step
from junheng.optimize._rins import movers, rins
from junheng.optimize.assign import Incumbent, cost_of
from junheng.optimize.solve import _result, _Run


def crossed() -> tuple[FacilityProblem, list[int]]:
    """Sites at x = 0 and 10 (capacity 2, fixed 10), customers of demand 1 at x = 1, 4, 9;
    a pair costs the distance. The assignment given sends the customer at 1 to site 10 and
    those at 4 and 9 to site 0."""
    costs = [[abs(c - s) for c in (1.0, 4.0, 9.0)] for s in (0.0, 10.0)]
    problem = FacilityProblem.from_cost_matrix(costs, [1] * 3, [10, 10], [2, 2],
                                               single_source=True)
    return problem, [1, 0, 0]


def assigned(comp: Compiled, sites: list[int]) -> Incumbent:
    x = np.array([1.0 if sites[j] == i else 0.0
                  for i, j in zip(comp.site, comp.customer, strict=True)])
    is_open, steps = np.ones(comp.m, dtype=bool), np.zeros(comp.m, dtype=np.int64)
    return Incumbent(is_open, steps, x, cost_of(comp, is_open, steps, x))


def test_the_movers_are_where_the_split_flow_differs_and_are_re_routed():
    problem, sites = crossed()
    comp = Compiled(problem)
    inc = assigned(comp, sites)
    assert inc.cost == pytest.approx(42.0)  # 20 + 9 + 4 + 9
    # split flow: 1 and 4 at site 0 (its two places), 9 at site 10: 20 + 1 + 4 + 1 = 26;
    # the customer at 4 is where the split flow has it, the two others move
    assert movers(comp, inc).tolist() == [True, False, True]
    # room: site 0 has 1 place left beside the customer at 4, site 10 both places
    found = rins(comp, inc, time_limit=10.0)
    assert found.cost == pytest.approx(26.0)
    used = found.x > 0.5
    assert sorted(zip(comp.customer[used].tolist(), comp.site[used].tolist(), strict=True)) == [
        (0, 0), (1, 0), (2, 1)]
    assert movers(comp, found).tolist() == [False, False, False]
    assert rins(comp, found, time_limit=10.0) is found  # no movers: nothing to do


def test_the_kick_tries_rins_then_the_closure():
    problem, sites = crossed()
    run = _Run(problem, SolveOptions(time_limit=30))
    inc = assigned(run.comp, sites)
    run.offer(inc)
    found = kick_step(run, inc)
    assert found.cost == pytest.approx(26.0) == run.upper
    assert problem.evaluate(_result(run)) == pytest.approx(26.0)  # the solver-free checker
    (before, after, _), = run.details["rins"]
    assert (before, after) == (pytest.approx(42.0), pytest.approx(26.0))
    assert "deepen" not in run.details
    # from 26 RINS finds nothing cheaper (3 s of KICK_SLICE); the closure is tried: 3
    # pupils, 4 places, but either site alone holds 2: nothing closes, nothing is cheaper
    assert kick_step(run, found).cost == pytest.approx(26.0)
    assert [(round(a, 6), round(b, 6)) for a, b, _ in run.details["rins"]] == [
        (42.0, 26.0), (26.0, 26.0)]
    assert len(run.details["deepen"]) == 1


def test_after_the_move_to_a_cut_set_the_kick_does_not_deepen():
    problem, sites = crossed()
    run = _Run(problem, SolveOptions(time_limit=30))
    inc = assigned(run.comp, sites)
    run.offer(inc)
    best = rins(run.comp, inc, time_limit=10.0)  # 26, as above
    run.offer(best)
    run.cache["moved"] = best  # what haircut_step leaves when it moved
    # RINS from 26 finds nothing cheaper; no closure is tried, the start comes back
    assert kick_step(run, best) is best
    assert [(round(a, 6), round(b, 6)) for a, b, _ in run.details["rins"]] == [(26.0, 26.0)]
    assert "deepen" not in run.details
