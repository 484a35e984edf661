"""The warm start's local search prices the floors (12) and (13) as the MILP does, so its plan
has the MILP's objective and respects them where they decide the plan.

Distances as in layout_builders: one step of 0.05° longitude is 4.609 km, ≈ 14.381 minutes at
the rural speed and ≈ 29.960 at the urban one (within the 30-minute day limit).
"""

from __future__ import annotations

import math

import pytest
from layout_builders import TP, V1_PRICES, county, line_county, school, village

from junheng.planning import build_layout_problem, load_layout_config, plan_layout
from junheng.planning.layout_data import layout_arrays
from junheng.planning.layout_heuristic import greedy_layout
from junheng.planning.layout_model import RELIEF_SHORT_YUAN, build_layout_milp

R = 6371.0088
STEP_KM = 2 * R * math.asin(math.cos(math.radians(34)) * math.sin(math.radians(0.025)))
STEP = STEP_KM * 1.3 / 25 * 60         # ≈ 14.381 minutes at the rural speed
URBAN_STEP = STEP_KM * 1.3 / 12 * 60   # ≈ 29.960 minutes at the urban speed (12 km/h)
A, B = "4103060011", "4103060012"


def config(**weights):
    # keep_points_beyond_review off: worked before that rule (TP's young pupils ride 28.8
    # minutes to C1, so the rule would keep TP); community_zoning off: A is relieved by
    # moving one of its community's two groups, which 就近划片 (grades 1–6 together) forbids
    return load_layout_config(None, new_sites="none", boarding_per_town=False, target_year=2025,
                              min_school_size={}, costs=V1_PRICES, keep_points_beyond_review=False,
                              community_zoning=False,
                              weights={"operating_yuan_per_school": 0,
                                       "school_bus_yuan_per_pupil_year": 0, **weights})


def start(data, cfg):
    """The local search's plan from scratch, its own objective and the MILP's for it."""
    problem = build_layout_problem(data, cfg)
    arr = layout_arrays(problem)
    milp, cols = build_layout_milp(arr)
    plan = greedy_layout(arr)
    return list(problem.sites.index), arr, plan, milp.objective(
        plan.column_values(cols, milp.n_cols, arr))


def relieved_county():
    """Urban school A (2 rooms, 90 seats) with 200 primary pupils today and by 2025 (village 1
    at A: 100 in grades 1–3, 100 in 4–6); urban school B one step away, 12 empty rooms."""
    classes = [{"school_id": A, "grade": f"g{g}", "class_no": "1", "students": n}
               for g, n in zip(range(1, 7), (34, 33, 33, 34, 33, 33), strict=True)]
    return county([village(1, 112.00, g13=100, g46=100, code="111")],
                  [school(A, "primary_school", 112.00, code="111"),
                   school(B, "primary_school", 112.05, code="111")], {A: 2, B: 12}, classes)


def test_start_keeps_a_relieved_school_at_its_relief_floor():
    # A is 110 over its 90 seats. Rule (12) lets it lose its overload plus 10% (110 + 20), but
    # no more than max(20% of 200, the overload) = 110: its floor is 200 − 110 = 90.
    # At 0.01 元 a pupil-minute moving a group of 100 to B costs 100 × URBAN_STEP × 360 × 0.01 a
    # year, far less than a classroom (800,000 / 20 = 40,000): moving both groups is the
    # cheapest plan without the floor, but leaves A with 0 pupils, 90 short.
    data, cfg = relieved_county(), config(funding_floor_pupils=0, yuan_per_pupil_minute=0.01)
    _, arr, plan, milp_objective = start(data, cfg)
    assert arr.stay_floor.tolist() == [90.0, 0.0]
    load = [sum(arr.pair_demand[p] for p in plan.pair if arr.pair_site[p] == s) for s in (0, 1)]
    assert load == [100, 100]  # one group stays: 100 ≥ 90
    move = 100 * URBAN_STEP * 360 * 0.01  # ≈ 10,786 元
    assert plan.rooms_primary.tolist() == [1, 0]  # 100 pupils in 2 rooms of 45: one more
    assert plan.objective == pytest.approx(move + 40_000, rel=1e-9)
    assert milp_objective == pytest.approx(plan.objective, rel=1e-12)
    assert milp_objective < RELIEF_SHORT_YUAN  # no pupil short of the floor
    solved = plan_layout(data, cfg, evaluate_cvs=False)
    assert solved.solution.objective == pytest.approx(plan.objective, rel=1e-9)


def test_start_closes_a_point_whose_funding_floor_costs_more_than_the_travel():
    # With no per-site cost and no minimum size, only the 公用经费 floor (13) pays for closing
    # the teaching point: 720 × (100 − 12) = 63,360 元 a year against village 3's 12 pupils
    # in grades 1–3 travelling two steps to C1: 12 × 2 STEP × 360 × 0.2 ≈ 24,851 元.
    data, cfg = line_county(far_village=False), config(funding_floor_pupils=100)
    sites, _, plan, milp_objective = start(data, cfg)
    assert not plan.open[sites.index(TP)]
    assert milp_objective == pytest.approx(plan.objective, rel=1e-12)
    kept = plan_layout(data, config(funding_floor_pupils=0), evaluate_cvs=False)
    closed = plan_layout(data, cfg, evaluate_cvs=False)
    assert {s.school_id: s.action for s in closed.outcome.schools}[TP] == "close"
    assert {s.school_id: s.action for s in kept.outcome.schools}[TP] == "keep"
    assert closed.solution.objective == pytest.approx(plan.objective, rel=1e-9)
    saving = 720 * 88 - 12 * 2 * STEP * 360 * 0.2
    keep_cost = kept.solution.objective + 720 * 88  # the same plan with the floor paid
    assert keep_cost - closed.solution.objective == pytest.approx(saving, rel=1e-6)


def test_rens_with_the_sites_only_fixed_keeps_a_school_at_its_floor():
    # A relaxation that sends both of A's groups to B whole (r = 0 in it, as an LP's can
    # be): RENS fixing those pairs leaves A 90 short of its floor (90 × RELIEF_SHORT_YUAN);
    # with the sites only fixed the sub-MIP keeps one group at A, the plan of the test above,
    # and that is the best of the candidate plans (here the local search repairs it too)
    import time

    from junheng.optimize import HighsSolver
    from junheng.planning.layout_start import _candidate_plans, _sites_only, rens_bounds

    data, cfg = relieved_county(), config(funding_floor_pupils=0, yuan_per_pupil_minute=0.01)
    arr = layout_arrays(build_layout_problem(data, cfg))
    milp, cols = build_layout_milp(arr)
    relaxed = milp.lower.copy()
    relaxed[cols.y] = 1.0
    relaxed[cols.x[arr.pair_site == 1]] = 1.0
    solver = HighsSolver(time_limit=30)
    optimum = 100 * URBAN_STEP * 360 * 0.01 + 40_000
    lower, upper = rens_bounds(arr, milp, cols, relaxed[cols.x], relaxed[cols.y])
    fixed = solver.solve(milp, lower=lower, upper=upper)
    assert fixed.values[cols.r].sum() == pytest.approx(90.0)
    sites = _sites_only(arr, milp, cols, relaxed, solver, time.perf_counter(), start=None)
    assert sites.values[cols.r].sum() == pytest.approx(0.0, abs=1e-9)
    assert sites.objective == pytest.approx(optimum, rel=1e-9)
    best = min(milp.objective(v) for v, _ in _candidate_plans(arr, milp, cols, relaxed, solver))
    assert best == pytest.approx(optimum, rel=1e-9)


def test_a_floor_no_plan_meets_is_a_penalty_in_pupils_apart_from_the_reported_objective():
    # No room may be added: A's 90 seats take neither group of 100, so both go to B and A
    # (an urban school, not a 撤并 candidate) stays open 90 short of its floor. The solver
    # pays 90 × RELIEF_SHORT_YUAN = 90,000,000 a year for it; the plan reports the 90 pupils
    # apart and its objective_yuan (综合评价值) without them, term by term: travel 200 ×
    # URBAN_STEP × 360 × 0.01 ≈ 21,571 元 (review he: the penalty read as money).
    data = relieved_county()
    cfg = load_layout_config(None, new_sites="none", boarding_per_town=False, target_year=2025,
                             min_school_size={}, costs=V1_PRICES, max_added_classrooms=0,
                             weights={"operating_yuan_per_school": 0, "funding_floor_pupils": 0,
                                      "yuan_per_pupil_minute": 0.01})
    plan = plan_layout(data, cfg, evaluate_cvs=False)
    after = plan.metrics["after"]
    assert after["relief_short_pupils"] == 90.0
    assert after["travel_weight_yuan"] == round(200 * URBAN_STEP * 360 * 0.01)
    rows = (after["operating_yuan"] - after["operating_pupil_yuan"] + after["travel_weight_yuan"]
            + after["staff_weight_yuan"] + after["capital_annual_yuan"]
            + after["hall_beyond_weight_yuan"])
    assert rows == after["objective_yuan"]
    assert after["objective_yuan"] + 90 * RELIEF_SHORT_YUAN == pytest.approx(
        plan.outcome.objective, abs=1.0)
