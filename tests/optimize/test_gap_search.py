"""Shift / swap descent and the neighbourhood search on single-source school instances."""

from __future__ import annotations

import csv
import math
import sys
from pathlib import Path

import numpy as np
import pytest

from junheng.optimize import FacilityProblem, SolveOptions, SolveStatus, solve_facility
from junheng.optimize._compiled import Compiled
from junheng.optimize._gap_search import applies, descend
from junheng.optimize._neighbourhood import neighbourhood_search
from junheng.optimize._solution import solution_from_arrays
from junheng.optimize.assign import Incumbent, assign

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # bench is a folder of the repository, not an installed package

from bench import school_data  # noqa: E402


def full_sites() -> FacilityProblem:
    """Sites A, B (fixed 10, capacity 5), both full: customers 0 (demand 3) and 1 (2) at A,
    2 (3) and 3 (2) at B. Costs A / B: customer 0 5 / 1, 1 1 / 9, 2 1 / 5, 3 9 / 1."""
    return FacilityProblem.from_cost_matrix([[5, 1, 1, 9], [1, 9, 5, 1]], [3, 2, 3, 2],
                                            [10, 10], [5, 5], single_source=True)


def test_swap_exchanges_two_customers_when_no_site_has_room():
    problem = full_sites()
    comp = Compiled(problem)
    at = _pairs(comp, [(0, 0), (0, 1), (1, 2), (1, 3)])  # 0, 1 at A; 2, 3 at B
    x = np.zeros(comp.k)
    x[at] = 1.0
    poor = Incumbent(np.array([True, True]), comp.no_steps(), x, 5 + 1 + 5 + 1 + 20.0)
    best = descend(comp, poor)
    # no shift fits (both sites full); swapping 0 and 2 (demand 3 each) gives 1 + 1 + 1 + 1
    assert best.cost == 24.0
    assert _served(comp, best) == {0: 1, 1: 0, 2: 0, 3: 1}


def three_full_sites() -> tuple[Compiled, Incumbent]:
    """Sites A, B (capacity 5), C (capacity 6), fixed 10 each. Demands 3, 3, 2, 3, 2; costs
    A / B / C: customer 0 5 / 1 / 9, 1 9 / 1 / 2, 2 9 / 1 / 9, 3 9 / 9 / 1, 4 1 / 9 / 9.
    Start: 0 and 4 at A (load 5 of 5), 1 and 2 at B (5 of 5), 3 at C (3 of 6):
    5 + 1 + 1 + 1 + 1 + 30 = 39."""
    problem = FacilityProblem.from_cost_matrix(
        [[5, 9, 9, 9, 1], [1, 1, 1, 9, 9], [9, 2, 9, 1, 9]], [3, 3, 2, 3, 2], [10, 10, 10],
        [5, 5, 6], single_source=True)
    comp = Compiled(problem)
    x = np.zeros(comp.k)
    x[_pairs(comp, [(0, 0), (1, 1), (1, 2), (2, 3), (0, 4)])] = 1.0
    return comp, Incumbent(np.ones(3, dtype=bool), comp.no_steps(), x, 39.0)


def test_ejection_chain_moves_a_customer_into_a_full_site():
    comp, start = three_full_sites()
    # No shift gains (A and B full; 0 to C +4, 1 to C +1, 2 to C +8) and no swap (0 and 1
    # +4; 0 and 2 do not fit B; every other exchange costs 8 or more): a local optimum
    assert descend(comp, start, eject=False) is start
    # the chain: 0 to B (1 - 5 = -4), which sends 1 to C (2 - 1 = +1): 36, then nothing
    # gains (the optimum: no site can close, 16 places for 13 children, and B holds only
    # one of the pairs 0 + 2 (cost 6 with 1 at C) or 1 + 2 (cost 9 with 0 at A))
    best = descend(comp, start)
    assert best.cost == 36.0
    assert _served(comp, best) == {0: 1, 1: 2, 2: 1, 3: 2, 4: 0}


def test_shift_that_empties_a_site_closes_it():
    # A, B: fixed 10, capacity 10; customer 0 (demand 2) costs 1 at A, 12 at B; customer 1
    # (demand 3) costs 2 at A, 1 at B. Moving 1 to A costs 1 more and saves B's 10.
    problem = FacilityProblem.from_cost_matrix([[1, 2], [12, 1]], [2, 3], [10, 10], [10, 10],
                                               single_source=True)
    comp = Compiled(problem)
    start = assign(comp, np.array([True, True]))
    assert start.cost == 22.0
    best = descend(comp, start)
    assert best.cost == 13.0 and best.is_open.tolist() == [True, False]


def test_descent_applies_to_one_capacity_without_steps_budget_or_side_rules():
    assert applies(Compiled(full_sites()))
    assert not applies(Compiled(full_sites().replace(budget=100.0)))
    assert not applies(Compiled(full_sites().replace(single_source=False)))


def newcastle_schools() -> FacilityProblem:
    """The 9 Newcastle primary schools of ``bench/data/tyneside`` (real GIAS capacities)
    and the 87 areas of that folder whose nearest of its 16 schools is one of them."""
    folder = ROOT / "bench" / "data" / "tyneside"
    with open(folder / "schools.csv", newline="") as handle:
        rows = list(csv.DictReader(handle))
    with open(folder / "areas.csv", newline="") as handle:
        area_xy, pupils = school_data.read_areas([list(csv.DictReader(handle))])
    every, _ = school_data.read_schools(rows)
    school_xy, capacity = school_data.read_schools(rows, la="Newcastle upon Tyne")
    nearest = np.argmin(((every[:, None] - area_xy[None]) ** 2).sum(-1), axis=0)
    ours = np.flatnonzero((every[:, None] == school_xy[None]).all(-1).any(1))
    mine = np.isin(nearest, ours)
    return school_data.school_problem(area_xy[mine], pupils[mine], school_xy, capacity)


#: The optimum of :func:`newcastle_schools`, proven by HiGHS (pupil-km: 8 schools open,
#: the 140-place St George's closed).
NEWCASTLE_OPTIMUM = 4405.549751640


def test_heuristic_reaches_the_optimum_highs_proves_on_real_schools():
    problem = newcastle_schools()
    assert (problem.n_sites, problem.n_customers, problem.total_demand) == (9, 87, 1835.0)
    exact = solve_facility(problem, SolveOptions(time_limit=60, method="plain"))
    assert exact.status is SolveStatus.OPTIMAL
    assert exact.objective == pytest.approx(NEWCASTLE_OPTIMUM, abs=1e-6)
    comp = Compiled(problem)
    start = assign(comp, np.ones(comp.m, dtype=bool))  # every school open: 4,701.91
    assert start.cost == pytest.approx(4701.914283300, abs=1e-6)
    best = neighbourhood_search(comp, descend(comp, start), deadline=math.inf,
                                offer=lambda _: None, size=4, max_size=4,
                                polish=lambda found: descend(comp, found))
    solution = solution_from_arrays(problem, open_sites=np.flatnonzero(best.is_open),
                                    pair_fraction=best.x)
    assert problem.evaluate(solution) == pytest.approx(NEWCASTLE_OPTIMUM, abs=1e-6)
    assert solution.open_sites == exact.open_sites == (0, 1, 2, 3, 5, 6, 7, 8)


def _pairs(comp: Compiled, wanted: list[tuple[int, int]]) -> list[int]:
    return [int(comp.pair_index[site, customer]) for site, customer in wanted]


def _served(comp: Compiled, incumbent: Incumbent) -> dict[int, int]:
    used = np.flatnonzero(incumbent.x > 0.5)
    return {int(comp.customer[k]): int(comp.site[k]) for k in used}
