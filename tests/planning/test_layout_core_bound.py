"""The layout's Lagrangian bound with exact joint site subproblems (planning.layout_bound):
each site's knapsack against brute force, the bound under the brute-force optimum, the
penalty tests keeping every optimal plan, and the bounded solve reaching the optimum."""

from __future__ import annotations

import itertools
import math
from dataclasses import replace

import numpy as np
import pytest
from layout_builders import FLAT_COSTS, TP, V1_PRICES, line_county
from test_layout_core import arrays

from junheng.optimize import HighsSolver, SolveStatus
from junheng.planning import build_layout_problem, load_layout_config, solve_layout
from junheng.planning.layout_bound import (
    LayoutLagrangian,
    layout_bound,
    penalty_fixing,
    solve_with_fixing,
)
from junheng.planning.layout_bound_sites import _Site, _Stage, forced_values, solve_site
from junheng.planning.layout_data import layout_arrays
from junheng.planning.layout_model import build_layout_milp, solve_layout_milp

INF = math.inf


def _site(
    demand_p,
    demand_j,
    *,
    seats=(30, 50),
    room=(30, 50),
    rooms=(2, 1),
    cap=120,
    fixed=1000.0,
    floor=0.0,
    relief=0.0,
    minimum=0.0,
) -> _Site:
    stages, first = [], 0
    for d, s, size, most in zip((demand_p, demand_j), seats, room, rooms, strict=True):
        w = np.arange(min(sum(d), cap) + 1)
        n_rooms = np.ceil(np.maximum(w - s, 0) / size)
        price = np.where(n_rooms <= most, 100.0 * n_rooms, INF)
        stages.append(_Stage(np.arange(first, first + len(d)), np.array(d, np.int64), price))
        first += len(d)
    t = np.arange(cap + 1, dtype=float)
    phi = 1000.0 * np.maximum(relief - t, 0) + 7.0 * np.maximum(floor - t, 0)
    phi[t < minimum] = INF
    return _Site(fixed, tuple(stages), phi)


def _brute(site: _Site, reduced: np.ndarray, forced: int | None = None) -> float:
    """(S1)-(S5) by enumerating every subset of the site's pairs."""
    sp, sj = site.stages
    items = np.r_[sp.pairs, sj.pairs]
    demand = np.r_[sp.demand, sj.demand]
    primary = np.r_[np.ones(sp.pairs.size, bool), np.zeros(sj.pairs.size, bool)]
    best = INF
    for take in itertools.product((0, 1), repeat=items.size):
        take = np.array(take, bool)
        if forced is not None and not take[items == forced].all():
            continue
        p, j = int(demand[take & primary].sum()), int(demand[take & ~primary].sum())
        if p + j >= site.phi.size or p >= sp.room_price.size or j >= sj.room_price.size:
            continue
        value = reduced[items[take]].sum() + sp.room_price[p] + sj.room_price[j] + site.phi[p + j]
        best = min(best, site.fixed + value)
    return best


def test_a_hand_worked_site():
    # primary pupils 20, 25, 40 (reduced costs -300, -200, -50), 30 seats and 30 per room at
    # 100 each, at most 2 rooms; junior 30 (-10) on 50 seats; size cap 120. Taking all
    # primary pupils (85) needs 2 rooms: -550 + 200; without the 40: 45 pupils, 1 room,
    # -500 + 100 = -400, the best; the junior pair adds -10: V = 1000 - 410
    site = _site([20, 25, 40], [30])
    reduced = np.array([-300.0, -200.0, -50.0, -10.0])
    sol = solve_site(site, reduced)
    assert sol.value == pytest.approx(590.0)
    assert sorted(sol.chosen) == [0, 1, 3]
    # forcing the 40 in: 85 pupils, 2 rooms: 1000 - 560 + 200 = 640, and the bound holds
    assert forced_values(site, sol, reduced)[2] == pytest.approx(640.0)
    assert _brute(site, reduced, forced=2) == pytest.approx(640.0)


@pytest.mark.parametrize("seed", range(12))
def test_the_site_knapsack_is_exact_and_its_forced_values_are_bounds(seed):
    rng = np.random.default_rng(seed)
    n_p, n_j = int(rng.integers(0, 6)), int(rng.integers(0, 5))
    site = _site(
        rng.integers(1, 40, n_p).tolist(),
        rng.integers(1, 40, n_j).tolist(),
        seats=(int(rng.integers(0, 60)), int(rng.integers(0, 60))),
        rooms=(int(rng.integers(0, 3)), int(rng.integers(0, 3))),
        cap=int(rng.integers(40, 150)),
        floor=float(rng.integers(0, 60)),
        relief=float(rng.integers(0, 30)),
        minimum=float(rng.integers(0, 20)),
    )
    reduced = rng.normal(0, 300, n_p + n_j)
    sol = solve_site(site, reduced)
    expected = _brute(site, reduced)
    assert sol.value == pytest.approx(expected) if math.isfinite(expected) else sol.value == INF
    for k, bound in forced_values(site, sol, reduced).items():
        assert bound <= _brute(site, reduced, forced=k) + 1e-6


def _random_county(seed: int):
    """The line county of test_layout_core with random pair costs, seats and floors."""
    _, arr = arrays()
    rng = np.random.default_rng(seed)
    return replace(
        arr,
        pair_cost=arr.pair_cost * rng.uniform(0.3, 2.0, arr.pair_cost.size),
        seats_primary=arr.seats_primary * rng.uniform(0.5, 1.5, arr.n_sites).round(),
        stay_floor=np.minimum(rng.integers(0, 60, arr.n_sites), 40).astype(float),
        open_cost=arr.open_cost * rng.uniform(0.2, 2.0, arr.n_sites),
    )


def _brute_optimum(arr) -> float:
    """Every assignment of customers to sites, each completed (sites, rooms, beds, side
    columns) by the MILP with x fixed; the cheapest."""
    m, cols = build_layout_milp(arr)
    options = [np.flatnonzero(arr.pair_customer == j) for j in range(arr.n_customers)]
    solver, best = HighsSolver(relative_gap=1e-12), INF
    for choice in itertools.product(*options):
        upper, lower = m.upper, m.lower
        upper[cols.x] = 0.0
        upper[cols.x[list(choice)]] = lower[cols.x[list(choice)]] = 1.0
        result = solver.solve(m, lower=lower, upper=upper)
        if result.objective is not None:
            best = min(best, result.objective)
    return best


def _check_bound_and_fixing(arr) -> None:
    """L and the penalty tests against the brute-force optimum: L at most the optimum, and
    the MILP with the fixed bounds still has a plan of the optimum's cost."""
    m, cols = build_layout_milp(arr)
    optimum = _brute_optimum(arr)
    found = layout_bound(arr, m, optimum, deadline=math.inf, max_iterations=40)
    assert found.lp_bound - 1e-6 <= optimum and found.bound <= optimum + 1e-6
    bound, fix = penalty_fixing(arr, *found.multipliers, optimum, found.priced)
    assert bound <= optimum + 1e-6 and fix.floor > optimum
    lower, upper = m.lower, m.upper
    lower[cols.y] = np.maximum(lower[cols.y], fix.open_lower)
    upper[cols.y] = np.minimum(upper[cols.y], fix.open_upper)
    upper[cols.x] = np.minimum(upper[cols.x], fix.pair_upper)
    kept = HighsSolver(relative_gap=1e-12).solve(m, lower=lower, upper=upper)
    assert kept.objective == pytest.approx(optimum, rel=1e-9)


@pytest.mark.parametrize("seed", range(4))
def test_the_bound_is_below_the_brute_force_optimum_and_fixing_keeps_the_optimum(seed):
    _check_bound_and_fixing(_random_county(seed))


def test_the_bound_lies_between_the_lp_bound_and_the_optimum_on_the_line_county():
    _, arr = arrays()
    m, _ = build_layout_milp(arr)
    best, _ = solve_layout_milp(arr, HighsSolver(time_limit=30, relative_gap=1e-9))
    found = layout_bound(arr, m, best.objective, deadline=math.inf, max_iterations=60)
    # LP 1,087,709; L 1,091,891; optimum 1,106,376 元 (test_layout_core's hand-worked plan)
    assert found.lp_bound < found.bound <= best.objective
    value, opened, _, direction, _ = LayoutLagrangian(arr, found.priced).evaluate(
        *found.multipliers
    )
    assert value == pytest.approx(found.bound, rel=1e-12) and opened.any()
    assert direction.shape == (arr.n_customers,)


def test_the_bounded_solve_reaches_the_layout_paths_optimum():
    _, arr = arrays()
    solver = HighsSolver(time_limit=30, relative_gap=1e-9)
    path, _ = solve_layout_milp(arr, solver)
    bounded, cols = solve_layout_milp(arr, solver, bound=True)
    m, _ = build_layout_milp(arr)
    assert bounded.status is SolveStatus.OPTIMAL
    assert bounded.objective == pytest.approx(path.objective, rel=1e-9)
    assert m.violation(bounded.values) <= 1e-9
    assert bounded.bound <= bounded.objective


def test_the_bounded_solve_takes_its_subgradient_steps_whatever_the_time_limit():
    # the steps stop by count (BOUND_STEPS = 3), not by a share of the time limit: a limit of
    # 1 ms once cut them to one (L at the LP duals, the LP bound 1,087,709), so the fixing, and
    # the plan found under the node limit, hung on the machine's load; three steps from the LP
    # duals towards the optimum 1,106,376 give 1,091,858 (the bound above the LP's 1,087,709)
    _, arr = arrays()
    m, cols = build_layout_milp(arr)
    best, _ = solve_layout_milp(arr, HighsSolver(time_limit=30, relative_gap=1e-9))
    lagrangian = []
    for seconds in (1e-3, 30.0):
        solver = HighsSolver(time_limit=seconds, relative_gap=1e-9)
        result, figures = solve_with_fixing(arr, m, cols, best.values, solver)
        assert result.objective == pytest.approx(best.objective, rel=1e-9)
        lagrangian.append(round(figures["lagrangian"]))
    assert lagrangian == [1_091_858, 1_091_858]


def test_fractional_demand_leaves_the_bounded_solve_to_the_layout_path():
    _, arr = arrays()
    half = replace(arr, pair_demand=arr.pair_demand + 0.5)
    with pytest.raises(ValueError, match="whole-pupil"):
        LayoutLagrangian(half)
    solver = HighsSolver(time_limit=30, relative_gap=1e-9)
    path, _ = solve_layout_milp(half, solver)
    bounded, _ = solve_layout_milp(half, solver, bound=True)
    assert bounded.objective == pytest.approx(path.objective, rel=1e-9)


def _config(**options):
    """The line county's scenario of test_layout_core, with ``options``."""
    return load_layout_config(
        None,
        new_sites="none",
        boarding_per_town=True,
        target_year=2025,
        weights=FLAT_COSTS,
        **options,
    )


@pytest.mark.parametrize("options", [{}, {"keep": [TP]}, {"annual_budget_yuan": 3_000_000}])
def test_solve_layout_with_the_bound_gives_the_layout_paths_optimum(options):
    # kept sites are forced open in the master; the budget (10) is dropped by the bound
    problem = build_layout_problem(
        line_county(c1_rooms=2), _config(costs=V1_PRICES, gap=1e-9, **options)
    )
    path, bounded = solve_layout(problem), solve_layout(problem, bound=True)
    assert bounded.objective == pytest.approx(path.objective, rel=1e-7)
    assert bounded.status is SolveStatus.OPTIMAL and bounded.bound <= bounded.objective
    assert bounded.open_sites == path.open_sites


def _priced(arr, seed: int):
    """``arr`` with random site and pair costs."""
    rng = np.random.default_rng(seed)
    return replace(
        arr,
        open_cost=arr.open_cost * rng.uniform(0.1, 3.0, arr.n_sites),
        pair_cost=arr.pair_cost * rng.uniform(0.3, 2.0, arr.pair_cost.size),
    )


@pytest.mark.parametrize("seed", range(3))
def test_the_town_rule_in_the_master_keeps_the_bound_and_the_fixing_valid(seed):
    # village 4's pupils of grades 4-6 board at C1, the town's only boarding primary
    # candidate (9c); random costs make opening it worth it or not
    arr = layout_arrays(build_layout_problem(line_county(c1_rooms=2), _config(min_boarders=9)))
    assert arr.towns
    _check_bound_and_fixing(_priced(arr, seed))


@pytest.mark.parametrize("towns", [((0, 1),), ((0, 1), (1, 2)), ((0, 1, 2),)])
@pytest.mark.parametrize("seed", range(2))
def test_towns_of_several_sites_keep_the_fixing_valid(towns, seed):
    # towns of several candidates, overlapping or not (in this county C1 is always open in
    # the relaxation, so the master opens no extra site: the rule's credit is not reached)
    _, arr = arrays()
    arr = replace(arr, towns=tuple(np.array(t) for t in towns), min_boarders=0.0)
    _check_bound_and_fixing(_priced(arr, seed))
