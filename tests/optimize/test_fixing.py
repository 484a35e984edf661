"""Reduced-cost fixing from the LP (optimize/fixing.py): hand-worked bounds, and never a
cheaper solution removed (brute force over every integer point of small facility MILPs)."""

from __future__ import annotations

import functools
import math
import warnings

import numpy as np
import pytest

from junheng.optimize import HighsSolver, Milp, MilpResult
from junheng.optimize.fixing import reduced_cost_fixing


def pick(upper_a: float, upper_b: float, need: float) -> Milp:
    """min 3 a + 5 b s.t. (1) a + b ≥ need, a, b integer in [0, upper]."""
    m = Milp()
    m.add_block("x", [3.0, 5.0], 0, [upper_a, upper_b], integer=True)
    m.add_row("(1)", [0, 1], [1.0, 1.0], lo=need)
    return m


def test_a_column_above_its_bound_keeps_only_the_steps_the_cutoff_pays_for():
    # LP: a = 1, z = 3, dual of (1) = 3, reduced cost of b = 5 - 3 = 2. Cutoff 8 leaves
    # room 5 = 2 steps of b (R2); b = 3 costs at least 3 + 2·3 = 9, the floor.
    m = pick(4, 4, 1)
    fixed = reduced_cost_fixing(m, HighsSolver().solve(m, relax=True), cutoff=8.0)
    assert fixed.upper.tolist() == [4.0, 2.0]
    assert fixed.lower.tolist() == [0.0, 0.0]
    assert (fixed.fixed, fixed.tightened, fixed.floor) == (0, 1, 9.0)


def test_a_column_at_its_upper_bound_is_fixed_there_when_leaving_it_costs_too_much():
    # a ≤ 1, need 2: LP a = 1, b = 1, z = 8, dual 5, reduced cost of a = 3 - 5 = -2.
    # Cutoff 9: room 1 < 2, so a = 1 (R3); a = 0 costs at least 8 + 2 = 10 (b = 2: 10).
    m = pick(1, 3, 2)
    relaxed = HighsSolver().solve(m, relax=True)
    fixed = reduced_cost_fixing(m, relaxed, cutoff=9.0)
    assert fixed.lower.tolist() == [1.0, 0.0]
    assert (fixed.fixed, fixed.tightened, fixed.floor) == (1, 1, 10.0)
    # cutoff 11: room 3 pays one step of a, nothing is fixed
    loose = reduced_cost_fixing(m, relaxed, cutoff=11.0)
    assert (loose.fixed, loose.tightened, loose.floor) == (0, 0, math.inf)


def test_the_incumbents_columns_stay_in_range():
    # b = 3 is what the caller holds: its range is kept up to 3, the floor is b = 4's 11
    m = pick(4, 4, 1)
    fixed = reduced_cost_fixing(m, HighsSolver().solve(m, relax=True), cutoff=8.0,
                                keep=np.array([0.0, 3.0]))
    assert fixed.upper.tolist() == [4.0, 3.0]
    assert fixed.floor == 11.0


def test_a_column_of_reduced_cost_zero_and_no_upper_bound_is_left_alone_without_a_warning():
    # pick(4, 4, 1) and a continuous column t in [0, ∞) of cost 0 in no row: its reduced
    # cost is 0, and (R3)'s u − ⌊room / 0⌋ was ∞ − ∞ (numpy's RuntimeWarning, the nan then
    # dropped); b is fixed as in the first test (≤ 2, floor 9), t keeps [0, ∞)
    m = pick(4, 4, 1)
    m.add_block("t", [0.0], 0, np.inf, integer=False)
    relaxed = HighsSolver().solve(m, relax=True)
    assert relaxed.reduced_costs.tolist() == [0.0, 2.0, 0.0]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # any RuntimeWarning fails the test
        fixed = reduced_cost_fixing(m, relaxed, cutoff=8.0)
    assert fixed.upper.tolist() == [4.0, 2.0, math.inf]
    assert fixed.lower.tolist() == [0.0, 0.0, 0.0]
    assert (fixed.fixed, fixed.tightened, fixed.floor) == (0, 1, 9.0)


def test_nothing_is_fixed_without_reduced_costs_or_above_the_lp_bound():
    m = pick(4, 4, 1)
    milp = HighsSolver().solve(m)  # a MILP result carries no reduced costs
    assert milp.reduced_costs is None
    assert reduced_cost_fixing(m, milp, cutoff=8.0).tightened == 0
    relaxed = HighsSolver().solve(m, relax=True)
    at_bound = reduced_cost_fixing(m, relaxed, cutoff=3.0)
    assert (at_bound.tightened, at_bound.floor) == (0, math.inf)


def facility(seed: int) -> tuple[Milp, int]:
    """3 sites × 3 customers: open y, assign x (binary, single source), expansion steps e
    in {0, 1, 2} (capacity 2 each); (1) each customer once, (2) x ≤ y, (3) capacity with
    expansions, e ≤ 2 y. Returns the model and its column count."""
    rng = np.random.default_rng(seed)
    n = 3
    demand = rng.integers(1, 5, n).astype(float)
    m = Milp()
    y = m.add_block("open", rng.integers(5, 40, n).astype(float), 0, 1, integer=True)
    x = m.add_block("assign", rng.integers(1, 20, n * n).astype(float), 0, 1, integer=True)
    e = m.add_block("steps", rng.integers(2, 15, n).astype(float), 0, 2, integer=True)
    cap = rng.integers(2, 7, n).astype(float)
    for j in range(n):
        m.add_row("(1)", x[j::n], np.ones(n), lo=1.0, hi=1.0)
    for i in range(n):
        for j in range(n):
            m.add_row("(2)", [x[i * n + j], y[i]], [1.0, -1.0], hi=0.0)
        m.add_row("(3)", np.r_[x[i * n: i * n + n], y[i], e[i]],
                  np.r_[demand, -cap[i], -2.0], hi=0.0)
        m.add_row("(3)", [e[i], y[i]], [1.0, -2.0], hi=0.0)
    return m, m.n_cols


@functools.cache
def solved(seed: int) -> tuple[Milp, np.ndarray, np.ndarray, MilpResult]:
    """:func:`facility`, every feasible integer point of it (brute force), their costs and
    its LP relaxation."""
    m, n_cols = facility(seed)
    grids = np.meshgrid(*[np.arange(m.lower[k], m.upper[k] + 1) for k in range(n_cols)],
                        indexing="ij")
    points = np.stack([g.ravel() for g in grids], axis=1).astype(float)
    activity = points @ m.matrix().T.toarray()
    ok = np.all((activity >= m.row_lower - 1e-9) & (activity <= m.row_upper + 1e-9), axis=1)
    return m, points[ok], points[ok] @ m.cost, HighsSolver().solve(m, relax=True)


@pytest.mark.parametrize("seed", range(12))
def test_fixing_never_removes_a_solution_cheaper_than_the_cutoff(seed):
    m, points, cost, relaxed = solved(seed)
    best = cost.min()
    for cutoff in (best + 1e-9, best + 0.5 * (np.median(cost) - best), np.median(cost)):
        fixed = reduced_cost_fixing(m, relaxed, cutoff)
        inside = np.all((points >= fixed.lower - 1e-9) & (points <= fixed.upper + 1e-9), axis=1)
        assert inside[cost < cutoff].all()  # every optimal solution among them
        assert (cost[~inside] >= fixed.floor - 1e-6).all()
        assert fixed.floor >= cutoff - 1e-6


def test_the_brute_force_instances_do_fix_columns():
    removed = 0
    for seed in range(12):
        m, _, cost, relaxed = solved(seed)
        removed += reduced_cost_fixing(m, relaxed, cost.min() + 1e-9).tightened
    assert removed >= 12
