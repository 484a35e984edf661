"""The open set of the split assignment with every capacity cut (optimize._haircut) and the
pipeline's move to it (optimize._haircut_move.haircut_step), against a hand-worked
instance."""

from __future__ import annotations

import math
import time

import numpy as np
import pytest

from junheng.optimize import FacilityProblem, SolveOptions
from junheng.optimize import _haircut_move as haircut_move
from junheng.optimize._compiled import Compiled
from junheng.optimize._haircut import chosen_move, chosen_sites, model
from junheng.optimize._haircut_move import haircut_step, move_to, set_order
from junheng.optimize._neighbourhood import capped
from junheng.optimize.assign import Incumbent, cost_of, greedy_single_source, transport_flow
from junheng.optimize.solve import _result, _Run


def three(capacity: int = 10) -> FacilityProblem:
    """Sites at x = 0, 1, 2 (capacity 10, fixed 10); four customers of demand 5 at x = 0,
    0.5, 1.5, 2; a pair costs the distance."""
    costs = [[abs(c - s) for c in (0.0, 0.5, 1.5, 2.0)] for s in (0.0, 1.0, 2.0)]
    return FacilityProblem.from_cost_matrix(costs, [5] * 4, [10] * 3, [capacity] * 3,
                                            single_source=True)


def test_the_cut_opens_the_site_the_full_capacities_do_without():
    comp = Compiled(three())
    # uncut: sites 0 and 2 hold the 20 pupils exactly: 20 + 0.5 + 0.5 = 21 (all three: 30+)
    assert chosen_sites(comp, 10.0, haircut=0.0).tolist() == [True, False, True]
    # cut by 0.2 × 5 = 1 place a site: two sites hold 18 < 20, all three open
    assert chosen_sites(comp, 10.0, haircut=0.2).tolist() == [True, True, True]


def test_the_model_rows_are_the_docstring_s():
    milp = model(Compiled(three()), 1.0)
    assert [(group, count) for group, _, count in milp.row_groups()] == [
        ("(1)", 4), ("(2)", 3), ("(3)", 12)]
    # all open, each customer at its nearest site, those at 0.5 and 1.5 split 4/5 + 1/5 with
    # site 1: sites 0 and 2 hold 5 + 4 = 9 = 10 - 1, within (2)
    y, x = np.ones(3), np.zeros(12)
    pairs = {(0, 0): 1.0, (0, 1): 0.8, (1, 1): 0.2, (2, 2): 0.8, (1, 2): 0.2, (2, 3): 1.0}
    comp = Compiled(three())
    for k, (i, j) in enumerate(zip(comp.site, comp.customer, strict=True)):
        x[k] = pairs.get((int(i), int(j)), 0.0)
    assert milp.violation(np.r_[y, x]) == pytest.approx(0.0)
    x[comp.site == 0] *= 1.2  # site 0 holds 6 + 4.8 = 10.8: (2) broken by 1.8, (1) at
    # customer 0 by 0.2, (3) by x = 1.2 > y = 1
    broken = milp.violations(np.r_[y, x])
    assert (broken["(1)"], broken["(2)"], broken["(3)"]) == (
        pytest.approx(0.2), pytest.approx(1.8), pytest.approx(0.2))


def test_the_pipeline_moves_to_the_cut_set():
    problem = three(capacity=11)
    run = _Run(problem, SolveOptions(time_limit=30))
    inc = greedy_single_source(run.comp, np.ones(3, dtype=bool))
    assert inc.cost == pytest.approx(31.0)  # 30 + 0.5 + 0.5, each at its nearest site
    run.offer(inc)
    # HAIRCUT 0.1 × 5 = 0.5 place a site: sites 0 and 2 hold 2 × 10.5 >= 20, site 1 closes;
    # single source: 0 and 0.5 at site 0, 1.5 and 2 at site 2 (10 of 11 places each): 21
    haircut_step(run)
    before, after, _, shut, opened = run.details["haircut"]
    assert (before, after, shut, opened) == (pytest.approx(31.0), pytest.approx(21.0), 1, 0)
    assert run.cache["start"].is_open.tolist() == [True, False, True]
    assert run.upper == pytest.approx(21.0)


def test_each_cut_s_set_is_moved_to_once(monkeypatch):
    monkeypatch.setattr(haircut_move, "HAIRCUTS", (0.4, 0.0, 0.2))
    run = _Run(three(capacity=11), SolveOptions(time_limit=30))
    run.offer(greedy_single_source(run.comp, np.ones(3, dtype=bool)))  # 31, as above
    # cut 0.4 × 5 = 2: two sites hold 2 × 9 < 20, all three open (the incumbent's set: no
    # move); cut 0: sites 0 and 2 (22 places), moved to at 21; cut 0.2 × 5 = 1: 2 × 10 = 20
    # >= 20, sites 0 and 2 again (20 + 1 against 30 + 1): not moved to twice
    haircut_step(run)
    assert run.details["haircuts"] == [(0.0, 2, pytest.approx(21.0))]
    before, after, _, shut, opened = run.details["haircut"]
    assert (before, after, shut, opened) == (pytest.approx(31.0), pytest.approx(21.0), 1, 0)


def test_the_pipeline_keeps_the_incumbent_when_the_move_is_dearer():
    problem = three()
    run = _Run(problem, SolveOptions(time_limit=30))
    inc = greedy_single_source(run.comp, np.array([True, False, True]))
    assert inc.cost == pytest.approx(21.0)
    run.offer(inc)
    # cut 0.5: 2 sites hold 19 < 20, the cut set opens all three; CP-SAT may leave the
    # site it opens shut (its y is free) and does, at 21 instead of 31
    haircut_step(run)
    before, after, _, shut, opened = run.details["haircut"]
    assert (before, after, shut, opened) == (pytest.approx(21.0), pytest.approx(21.0), 0, 1)
    assert run.upper == pytest.approx(21.0)


def blocked(e: int = 6) -> FacilityProblem:
    """Sites 0, 1, 2 (capacity 10, fixed 20); customers a, b, c, e of demand 5, 4, 4, ``e``;
    pair costs (site 0 / 1 / 2): a 0 / 10 / 30, b 8 / 0 / 30, c 8 / 0 / 30, e 6 / 6 / 0."""
    costs = [[0, 8, 8, 6], [10, 0, 0, 6], [30, 30, 30, 0]]
    return FacilityProblem.from_cost_matrix(costs, [5, 4, 4, e], [20] * 3, [10] * 3,
                                            single_source=True)


def test_when_the_movers_are_blocked_every_customer_moves():
    problem = blocked()
    run = _Run(problem, SolveOptions(time_limit=30))
    inc = greedy_single_source(run.comp, np.ones(3, dtype=bool))
    assert inc.cost == pytest.approx(60.0)  # a at 0, b and c at 1, e at 2: 3 × 20 + 0
    run.offer(inc)
    # the cut: 0.1 × 19 / 4 = 0.475 place a site. Sites 0 and 1 hold 2 × 9.525 >= 19:
    # 40 + a at 0, b and c at 1, e split 6 units at 1 per unit over both = 46 (all three:
    # 60; any set with site 2 and one other pays 30 / 4 or 30 / 5 per unit for 3.475 units)
    assert chosen_sites(run.comp, 10.0).tolist() == [True, True, False]
    # the split flow keeps a, b and c in place: e alone moves, to 5 places at site 0 and 2
    # at site 1, and CP-SAT over e alone has no assignment. Over every customer: {a, b} at
    # 0 (0 + 8) and {c, e} at 1 (0 + 6), or {a, c} at 0 and {b, e} at 1: 40 + 14 = 54
    haircut_step(run)
    before, after, _, shut, opened = run.details["haircut"]
    assert (before, after, shut, opened) == (pytest.approx(60.0), pytest.approx(54.0), 1, 0)
    assert run.details["haircut_fallback"] == pytest.approx(54.0)
    # one try over e (CP-SAT proves it has no place: no second seed), one over everyone
    assert run.details["haircut_tries"] == [2]
    assert run.cache["start"].is_open.tolist() == [True, True, False]
    assert run.upper == pytest.approx(54.0)
    assert problem.evaluate(_result(run)) == pytest.approx(54.0)  # the solver-free checker


def test_a_set_with_no_single_source_assignment_leaves_the_closure_to_the_next_step():
    problem = blocked().replace(demand=np.array([6.0, 6.0, 6.0, 1.0]))
    run = _Run(problem, SolveOptions(time_limit=30))
    inc = greedy_single_source(run.comp, np.ones(3, dtype=bool))
    # by regret (second cheapest less cheapest): a (10) at 0, b (8) at 1, c (8) finds 4
    # places at sites 1 and 0 and goes to 2 (30), e (6) at 2: 3 × 20 + 30 = 90
    assert inc.cost == pytest.approx(90.0)
    run.offer(inc)
    # cut 0.1 × 19 / 4 = 0.475: sites 0 and 1 hold 2 × 9.525 >= 19 (split: 40 + 2.475
    # units of b or c at 0 for 8 / 6 each + e at 0 for 6 = 49.3; all three: 60 + 3.3), but
    # three customers of 6 in two schools of 10 places cannot be single-sourced: neither
    # CP-SAT finds an assignment, the incumbent stays and no start is left for the last search
    assert chosen_sites(run.comp, 10.0).tolist() == [True, True, False]
    haircut_step(run)
    before, after, _, shut, opened = run.details["haircut"]
    assert (before, after, shut, opened) == (pytest.approx(90.0), pytest.approx(90.0), 0, 0)
    assert run.details["haircuts"] == [(0.1, 2, None)]  # the set tried, two sites open
    assert run.details["haircut_fallback"] is None
    assert "start" not in run.cache and run.incumbent is inc


def test_moves_near_the_cheapest_are_told_apart_by_their_open_set():
    def move(cost: float, bound: float, *open_sites: int
             ) -> tuple[Incumbent, float, np.ndarray]:
        sites = np.isin(np.arange(4), open_sites)
        return Incumbent(sites, np.zeros(4), np.zeros(4), cost), bound, sites

    # cheapest 100: within MOVE_TIE 1 % are costs up to 101, so 100 (bound 90), 100.5 (bound
    # 80, both two sites open) and 100.8 (bound 95, three open); 101.5 (bound 70) is too dear.
    # The most sites open first: 100.8, though dearer and of the greatest bound.
    found, sites = chosen_move([move(100.0, 90.0, 0, 1), move(100.5, 80.0, 0, 2),
                                move(101.5, 70.0, 1, 2), move(100.8, 95.0, 0, 1, 2)])
    assert (found.cost, sites.tolist()) == (100.8, [True, True, True, False])
    # as many open: the least bound, 80 (100.5), not the cheapest (100, bound 90)
    found, sites = chosen_move([move(100.0, 90.0, 0, 1), move(100.5, 80.0, 0, 2),
                                move(101.5, 70.0, 1, 2)])
    assert (found.cost, sites.tolist()) == (100.5, [True, False, True, False])
    found, _ = chosen_move([move(100.0, 90.0, 0, 1), move(101.2, 80.0, 0, 2)])  # 101.2 > 101
    assert found.cost == 100.0


def test_a_blocked_move_is_tried_from_the_next_base_before_every_customer():
    problem = blocked()
    run = _Run(problem, SolveOptions(time_limit=30))
    comp, sites = run.comp, np.array([True, True, False])
    start = greedy_single_source(comp, np.ones(3, dtype=bool))  # 60, e alone blocked (above)
    # another base: b at site 0 instead of 1 (pairs a0 b0 c1 e2): 60 + 8 = 68
    x = np.zeros(comp.k)
    for site, customer in ((0, 0), (0, 1), (1, 2), (2, 3)):
        x[(comp.site == site) & (comp.customer == customer)] = 1.0
    other = Incumbent(np.ones(3, dtype=bool), comp.no_steps(), x,
                      cost_of(comp, np.ones(3, dtype=bool), comp.no_steps(), x))
    assert other.cost == pytest.approx(68.0)
    # from it the split flow (a 0, b 1, c 1, e split) moves b and e; a (5) and c (4) stay:
    # b at 0 (9 places) and e at 1 (10) fit, 40 + 8 + 6 = 54 (e at 0 would make 11)
    found = move_to(run, [start, other], sites, transport_flow(comp, sites))
    assert found.cost == pytest.approx(54.0)
    assert "haircut_fallback" not in run.details  # every customer was not needed


def _b_at_site_0(comp: Compiled) -> Incumbent:
    """``blocked()``'s assignment a 0, b 0, c 1, e 2 (all three sites open): 60 + 8 = 68."""
    x = np.zeros(comp.k)
    for site, customer in ((0, 0), (0, 1), (1, 2), (2, 3)):
        x[(comp.site == site) & (comp.customer == customer)] = 1.0
    return Incumbent(np.ones(3, dtype=bool), comp.no_steps(), x,
                     cost_of(comp, np.ones(3, dtype=bool), comp.no_steps(), x))


def _timed_out(monkeypatch, times: int) -> list[int]:
    """CP-SAT's move stopped by its limit with no assignment (and no proof) in the first
    ``times`` tries, solved after: the seed of each try."""
    real, seeds = haircut_move.close_proved, []

    def stopped(comp, inc, move, split, time_limit, seed, *, everyone=False):
        seeds.append(seed)
        if len(seeds) <= times:
            return None, False
        return real(comp, inc, move, split, time_limit, seed, everyone=everyone)

    monkeypatch.setattr(haircut_move, "close_proved", stopped)
    return seeds


def test_a_move_whose_try_runs_out_of_time_is_tried_again_with_another_seed(monkeypatch):
    run = _Run(blocked(), SolveOptions(time_limit=30, seed=3))
    comp, sites = run.comp, np.array([True, True, False])
    other = _b_at_site_0(comp)
    assert other.cost == pytest.approx(68.0)
    seeds = _timed_out(monkeypatch, 1)
    # from 68 the split flow moves b and e: b at 0, e at 1, 40 + 8 + 6 = 54 (the test above),
    # found at the second try, seed 3 + MOVE_SEED
    found = move_to(run, [other], sites, transport_flow(comp, sites))
    assert found.cost == pytest.approx(54.0)
    assert seeds == [3, 1003] and haircut_move.MOVE_SEED == 1000
    assert run.details["haircut_tries"] == [2]
    assert "haircut_fallback" not in run.details
    run.offer(found)
    assert comp.problem.evaluate(_result(run)) == pytest.approx(54.0)  # the solver-free checker


def test_tries_run_out_of_time_from_every_base_and_every_customer_is_not_tried(monkeypatch):
    run = _Run(blocked(), SolveOptions(time_limit=30))
    comp, sites = run.comp, np.array([True, True, False])
    start = greedy_single_source(comp, np.ones(3, dtype=bool))  # 60
    seeds = _timed_out(monkeypatch, 10)
    # MOVE_TRIES (3) seeds from each base, none finds an assignment or proves there is none:
    # no move, and no try over every customer (it is for movers proved blocked)
    assert move_to(run, [start, _b_at_site_0(comp)], sites,
                   transport_flow(comp, sites)) is None
    assert seeds == [0, 1000, 2000, 0, 1000, 2000] and haircut_move.MOVE_TRIES == 3
    assert run.details["haircut_tries"] == [6]
    assert "haircut_fallback" not in run.details


def test_a_wall_limit_is_the_cpu_seconds_at_the_share_ended_by_until():
    far = time.perf_counter() + 1000.0
    assert capped(8.0, 0.25, far) == pytest.approx(32.0)  # 8 s of CPU at a quarter of a core
    assert capped(8.0, 1.0, far) == pytest.approx(8.0)
    # 10 s to until: 32 s cut to at most 10 (and more than 9: this call takes far less)
    assert 9.0 < capped(8.0, 0.25, time.perf_counter() + 10.0) <= 10.0
    assert capped(8.0, 0.25, time.perf_counter() - 5.0) == 0.05  # until passed: the floor


def test_the_step_tries_no_cut_after_its_wall_time(monkeypatch):
    monkeypatch.setattr(haircut_move, "HAIRCUTS", (0.4, 0.0, 0.2))
    monkeypatch.setattr(haircut_move, "HAIRCUT_WALL", 0.0)
    run = _Run(three(capacity=11), SolveOptions(time_limit=30))
    run.offer(greedy_single_source(run.comp, np.ones(3, dtype=bool)))  # 31, as above
    # the same cuts as test_each_cut_s_set_is_moved_to_once, which moves to 21 through cut
    # 0: with no wall time the first cut is not tried, nothing is moved, the incumbent stays
    haircut_step(run)
    assert run.details["haircut_capped"] == [0.4]
    assert "haircuts" not in run.details and "start" not in run.cache
    before, after, _, shut, opened = run.details["haircut"]
    assert (before, after, shut, opened) == (pytest.approx(31.0), pytest.approx(31.0), 0, 0)


def test_a_move_tries_no_base_after_until():
    run = _Run(blocked(), SolveOptions(time_limit=30))
    comp, sites = run.comp, np.array([True, True, False])
    start = greedy_single_source(comp, np.ones(3, dtype=bool))  # 60
    # the move from it reaches 54 through every customer (test above); ended before it starts
    assert move_to(run, [start], sites, transport_flow(comp, sites),
                   until=time.perf_counter() - 1.0) is None
    assert "haircut_fallback" not in run.details
    assert move_to(run, [start], sites, transport_flow(comp, sites)).cost == pytest.approx(54.0)


def test_sets_with_more_sites_open_come_first_then_less_split_cost():
    def item(cut: float, open_count: int, split: float) -> tuple:
        sites = np.arange(5) < open_count
        return cut, sites, Incumbent(sites, np.zeros(5), np.zeros(5), split)

    # two sets of 3 sites (split 10 and 9) and one of 4 (split 12): the 4 first although
    # dearer, then of the 3s the one of split 9
    ordered = sorted([item(0.1, 3, 10.0), item(0.05, 3, 9.0), item(0.2, 4, 12.0)], key=set_order)
    assert [cut for cut, _, _ in ordered] == [0.2, 0.05, 0.1]


def two_cuts(monkeypatch, order_cpu: float) -> _Run:
    """Cuts 0 and 0.4 on :func:`three` (capacity 11) from sites 0 and 1 open, the step's
    :data:`ORDER_CPU` set to ``order_cpu``."""
    monkeypatch.setattr(haircut_move, "HAIRCUTS", (0.0, 0.4))
    monkeypatch.setattr(haircut_move, "ORDER_CPU", order_cpu)
    run = _Run(three(capacity=11), SolveOptions(time_limit=30))
    inc = greedy_single_source(run.comp, np.array([True, True, False]))
    # by regret: 0 at site 0, 1.5 and 2 at site 1 (10 of 11 places), 0.5 at site 0:
    # 20 + 0 + 0.5 + 0.5 + 1 = 22
    assert inc.cost == pytest.approx(22.0)
    run.offer(inc)
    return run


def test_the_step_moves_to_the_set_with_more_sites_first(monkeypatch):
    run = two_cuts(monkeypatch, 0.0)  # CPU enough to compute both sets before a move
    monkeypatch.setattr(haircut_move, "FIRST_ORDERED", False)
    # cut 0: sites 0 and 2 (2 open, split 21); cut 0.4 × 5 = 2 places: two sites hold
    # 2 × 9 < 20, all three (3 open), moved to first: CP-SAT over the movers, site 2's y
    # free, leaves it shut at 22 (open: 31); then sites 0 and 2 at 21, kept (22 is more
    # than 1 % above it)
    haircut_step(run)
    assert run.details["haircuts"] == [(0.4, 3, pytest.approx(22.0)),
                                       (0.0, 2, pytest.approx(21.0))]
    assert run.cache["start"].is_open.tolist() == [True, False, True]
    assert run.upper == pytest.approx(21.0)
    assert run.comp.problem.evaluate(_result(run)) == pytest.approx(21.0)  # solver-free check


def test_ordered_sets_end_the_step_at_the_first_move_found(monkeypatch):
    run = two_cuts(monkeypatch, 0.0)
    # as above, the 3-open set first: its move (22, site 2 left shut) is kept and cut 0's
    # set (21) is not moved to
    haircut_step(run)
    assert run.details["haircuts"] == [(0.4, 3, pytest.approx(22.0))]
    assert run.cache["start"].cost == pytest.approx(22.0)
    assert run.cache["start"].is_open.tolist() == [True, True, False]
    assert run.comp.problem.evaluate(_result(run)) == pytest.approx(22.0)


def test_with_too_little_cpu_each_set_is_moved_to_in_the_cuts_order(monkeypatch):
    run = two_cuts(monkeypatch, math.inf)  # no share of a core gives the step enough CPU
    # cut 0's set first (21), then all three: from the incumbent (sites 0 and 1) only site
    # 2 is free and stays shut, 22 again; 21 kept as before
    haircut_step(run)
    assert run.details["haircuts"] == [(0.0, 2, pytest.approx(21.0)),
                                       (0.4, 3, pytest.approx(22.0))]
    assert run.cache["start"].is_open.tolist() == [True, False, True]


def test_after_the_quick_mip_the_step_ends_sooner(monkeypatch):
    # the step's wall time: 0.35 of the 30 s limit (10.5 s) as a rule, 0.3 (9 s) where the
    # quick MILP ran (run.cache["quick"], plain HiGHS starved); read from the `until` it
    # hands cut_sets (no set: nothing is moved)
    untils = []

    def no_sets(run, start, until):
        untils.append(until - time.perf_counter())
        return [], False

    monkeypatch.setattr(haircut_move, "cut_sets", no_sets)
    run = _Run(three(capacity=11), SolveOptions(time_limit=30))
    run.offer(greedy_single_source(run.comp, np.ones(3, dtype=bool)))  # 31, as above
    haircut_step(run)
    run.cache["quick"] = True
    haircut_step(run)
    assert untils == [pytest.approx(10.5, abs=0.1), pytest.approx(9.0, abs=0.1)]
    assert "start" not in run.cache


def test_a_set_missed_from_the_start_is_tried_again_from_the_move_found(monkeypatch):
    run = two_cuts(monkeypatch, 0.0)  # ordered: the 3-open set (cut 0.4) first, then cut 0's
    start, real, calls = run.incumbent, haircut_move.move_to, []

    def missed_from_the_start(run, bases, sites, split, until=math.inf):
        calls.append(([base.cost for base in bases], int(sites.sum())))
        if bases[0] is start and sites.sum() == 3:  # the 3-open set missed from 22
            return None
        return real(run, bases, sites, split, until=until)

    monkeypatch.setattr(haircut_move, "move_to", missed_from_the_start)
    haircut_step(run)
    # the 3-open set missed from 22; cut 0's set reached (21, sites 0 and 2); the 3-open set
    # again from that move: CP-SAT leaves site 1 shut, 21
    assert calls == [([22.0], 3), ([22.0], 2), ([21.0], 3)]
    assert run.details["haircuts"] == [(0.4, 3, None), (0.0, 2, pytest.approx(21.0)),
                                       (0.4, 3, pytest.approx(21.0))]
    assert run.cache["start"].cost == pytest.approx(21.0)
    assert run.comp.problem.evaluate(_result(run)) == pytest.approx(21.0)
