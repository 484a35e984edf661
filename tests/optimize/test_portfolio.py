"""Helper processes of ``SolveOptions(workers=...)`` (:mod:`junheng.optimize._portfolio`)."""

from __future__ import annotations

import multiprocessing
import os
import time

import numpy as np
import pytest

from junheng.optimize import FacilityProblem, SolveOptions, solve_facility
from junheng.optimize._large_single import join_helpers
from junheng.optimize._portfolio import (
    HELPER_SHARE,
    Helper,
    _work,
    gather,
    idle_cores,
    start_helpers,
)
from junheng.optimize.assign import greedy_single_source
from junheng.optimize.solve import _result, _Run


def door_problem() -> FacilityProblem:
    # sites 0-2 (fixed 20, capacity 6), two customers (demand 1) at each site's door; site 3
    # (fixed 20) is 50 from everyone. Optimum 40: site 1 alone, 20 + 4 x 5.
    costs = [[0, 0, 5, 5, 9, 9], [5, 5, 0, 0, 5, 5], [9, 9, 5, 5, 0, 0], [50] * 6]
    return FacilityProblem.from_cost_matrix(costs, [1] * 6, [20] * 4, [6] * 4,
                                            single_source=True)


@pytest.mark.parametrize("workers", [0, 9])
def test_workers_out_of_range_are_refused_in_chinese(workers):
    with pytest.raises(ValueError, match=f"进程数为 {workers}：应在 1 到 8 之间。"):
        SolveOptions(workers=workers)


def test_a_helpers_optimum_replaces_the_main_process_start_and_its_bound_counts():
    # the main process holds the door start (every site but 3 open, each customer at its
    # door: 3 x 20 = 60); the helper solves the whole problem (small: proven, 40)
    problem = door_problem()
    options = SolveOptions(time_limit=30, workers=2)
    run = _Run(problem, options)
    run.offer(greedy_single_source(run.comp, np.array([True, True, True, False])))
    assert run.upper == pytest.approx(60.0)
    join_helpers(run, start_helpers(problem, options, count=1))
    solution = _result(run)
    assert problem.evaluate(solution) == pytest.approx(40.0)  # the solver-free checker
    assert solution.open_sites == (1,)
    assert solution.bound == pytest.approx(40.0)  # the helper's proof holds here too
    [note] = solution.details["helpers"]
    assert note.startswith("seed 1000: 40.00 (bound 40.00, ")


def _send(pipe, solution) -> None:
    """A helper's body that answers with ``solution``."""
    pipe.send(solution)
    pipe.close()


@pytest.mark.parametrize("ends, pairs", [([], 10), ([3], 16)])
def test_a_helpers_trajectory_ends_join_the_kernel(ends, pairs):
    # main process and helper both hold the door start (60); the kernel gets the LP
    # support (site 1's six pairs) and the door pairs (six; customers 2, 3 at site 1 in
    # both): 10 pairs; a helper whose trajectory ends used site 3 adds its six pairs: 16
    problem = door_problem()
    run = _Run(problem, SolveOptions(time_limit=30, workers=2))
    run.offer(greedy_single_source(run.comp, np.array([True, True, True, False])))
    answer = _result(run)
    assert answer.bound == -np.inf  # no bound yet (an integral problem's ceil used to fail)
    at = np.flatnonzero(np.isin(run.comp.site, ends))
    answer.details["end_pairs"] = at.tolist() + [-1, run.comp.k]  # out of range: ignored
    join_helpers(run, [_helper(_send, answer, pipe=True)])
    assert run.details["kernel_pairs"] == pairs
    assert problem.evaluate(_result(run)) == pytest.approx(40.0)


def test_without_an_answer_the_main_process_searches_on_from_its_own_end():
    # the door start (sites 0-2 open: 60 + 0 = 60) and a helper that dies: no kernel, but
    # the search the main process's own phases left for after the join (run.horizon)
    # closes sites 0 and 2: the optimum 40
    problem = door_problem()
    run = _Run(problem, SolveOptions(time_limit=30, workers=2))
    run.horizon = HELPER_SHARE
    run.offer(greedy_single_source(run.comp, np.array([True, True, True, False])))
    assert run.upper == pytest.approx(60.0)
    join_helpers(run, [_helper(os._exit, 3)])
    assert run.horizon == 1.0 and "helpers_to" not in run.details
    assert run.details["helpers"] == ["seed 7: died (exit code 3)"]
    assert problem.evaluate(_result(run)) == pytest.approx(40.0)


def test_idle_cores_are_between_none_and_all_but_this_process_own():
    assert -1.0 <= idle_cores(0.05) <= (os.cpu_count() or 1) - 1.0 + 1e-9


def _helper(target, *args, pipe: bool = False) -> Helper:
    """A helper process running ``target(*args)``, given the pipe's sending end first
    when ``pipe``."""
    context = multiprocessing.get_context("spawn")
    receive, send = context.Pipe(duplex=False)
    process = context.Process(target=target, args=(send, *args) if pipe else args,
                              daemon=True)
    process.start()
    send.close()
    return Helper(process, receive, seed=7)


def random_problem(sites: int, customers: int) -> FacilityProblem:
    """Every pair, random costs 1-59, demands 1-4, fixed cost 40, capacity 12."""
    rng = np.random.default_rng(4)
    costs = rng.integers(1, 60, size=(sites, customers)).astype(float)
    return FacilityProblem.from_cost_matrix(
        costs, rng.integers(1, 5, size=customers).tolist(), [40.0] * sites,
        [12.0] * sites, single_source=True)


def test_a_helper_that_dies_is_reported_without_waiting_for_the_deadline():
    helper = _helper(os._exit, 3)  # dies at once, sends nothing
    began = time.perf_counter()
    found, notes = gather([helper], deadline=began + 60)
    assert found == [] and notes == ["seed 7: died (exit code 3)"]
    assert time.perf_counter() - began < 30  # not the 60 s deadline


def test_a_helper_silent_at_the_deadline_is_stopped():
    # a real helper on 6,000 pairs with 60 s: it cannot have started, solved and answered
    # within the 1 s the main process waits
    helper = _helper(_work, random_problem(60, 100), SolveOptions(time_limit=60),
                     time.time() + 60, pipe=True)
    found, notes = gather([helper], deadline=time.perf_counter() + 1.0)
    assert found == [] and notes == ["seed 7: no answer by the deadline"]
    assert not helper.process.is_alive()


def test_two_workers_on_a_large_single_source_problem_give_a_checked_solution(monkeypatch):
    # 30 sites x 50 customers, every pair (1,500 > the 1,000 pairs of the exact search):
    # the large single-source branch, where the helper runs (a core idle, whatever the
    # machine's load while the suite runs)
    monkeypatch.setattr("junheng.optimize.solve.idle_cores", lambda: 1.5)
    problem = random_problem(30, 50)
    solution = solve_facility(problem, SolveOptions(time_limit=8, workers=2))
    assert problem.evaluate(solution) == pytest.approx(solution.objective)
    assert solution.bound <= solution.objective + 1e-6
    started, answer = solution.details["helpers"]
    assert started == "1 of 1 started (idle cores 1.50)"
    assert answer.startswith("seed 1000: ")
    if "helpers_to" in solution.details:  # the search goes on from the recombination
        assert solution.details["neighbourhoods"][-1][0] == solution.details["helpers_to"]


def test_with_helpers_the_main_process_lays_its_phases_out_in_their_share():
    # 100 s with helpers stopping at 75 %: the first search's 30 % ends at 22.5 s, the
    # last phase's 95 % at 71.25 s; alone at 30 s and 95 s; never past the deadline
    run = _Run(door_problem(), SolveOptions(time_limit=100))
    run.horizon = HELPER_SHARE
    assert HELPER_SHARE == 0.75
    assert run.phase_end(0.3) - run.started == pytest.approx(22.5)
    assert run.phase_end(0.95) - run.started == pytest.approx(71.25)
    run.horizon = 1.0
    assert run.phase_end(0.3) - run.started == pytest.approx(30.0)
    assert run.phase_end(2.0) == run.deadline


def test_no_helper_starts_without_an_idle_core(monkeypatch):
    monkeypatch.setattr("junheng.optimize.solve.idle_cores", lambda: 0.4)
    problem = random_problem(30, 50)
    solution = solve_facility(problem, SolveOptions(time_limit=3, workers=2))
    assert problem.evaluate(solution) == pytest.approx(solution.objective)
    assert solution.details["helpers"] == ["0 of 1 started (idle cores 0.40)"]
