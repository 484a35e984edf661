"""The layout instance stated for the facility core: same numbers, same optimum, each
solver's answer checked by the other's model (line county of conftest; STEP ≈ 14.381 min)."""

from __future__ import annotations

import math
from dataclasses import replace

import pytest
from layout_builders import C1, FLAT_COSTS, TP, V1_PRICES, J, line_county

from junheng.errors import InfeasibleError
from junheng.optimize import HighsSolver, SolveOptions, SolveStatus, solve_facility
from junheng.planning import build_layout_problem, load_layout_config, solve_layout
from junheng.planning.layout_core import (
    RESOURCES,
    facility_problem,
    facility_solution,
    full_layout_values,
    layout_facility_problem,
    layout_values,
    single_capacity,
)
from junheng.planning.layout_data import layout_arrays
from junheng.planning.layout_model import build_layout_milp, solve_layout_milp
from junheng.planning.layout_model_receivers import Receivers

R = 6371.0088
STEP = 2 * R * math.asin(math.cos(math.radians(34)) * math.sin(math.radians(0.025))) * 1.3 / 25 * 60


def arrays(**kw):
    kw.setdefault("weights", FLAT_COSTS)
    kw.setdefault("costs", V1_PRICES)
    cfg = load_layout_config(None, new_sites="none", boarding_per_town=True, target_year=2025,
                             keep_points_beyond_review=False,  # worked before the rule
                             **kw)
    problem = build_layout_problem(line_county(far_village=False, c1_rooms=2), cfg)
    # without rows (24), (27) (classes grade by grade at existing schools: C1 would add 4 rooms, not
    # the seats' 3): the core cannot state them, and solve_layout takes the core only without them
    return problem, replace(layout_arrays(problem), receivers=Receivers())


def test_single_capacity_keeps_only_the_size_cap_and_the_plan_lists():
    problem, arr = arrays(keep=[TP])
    one = single_capacity(arr)
    assert one.seats_primary.tolist() == one.size_cap.tolist() == [2000.0, 2000.0, 2000.0]
    assert one.max_rooms.sum() == one.max_blocks.sum() == one.min_size.sum() == 0
    assert one.towns == () and one.budget is None
    assert one.stay_floor.sum() == one.floor_quota.sum() == 0  # no (12), (13)
    core = facility_problem(one)
    tp = problem.sites.index.get_loc(TP)
    assert core.forced_open == {tp} and core.single_source
    # demand per customer: grades 1-3, 4-6, 7-9 of villages 1-3 (60, 30, 12 each)
    assert sorted(core.demand.tolist()) == [12.0] * 3 + [30.0] * 3 + [60.0] * 3
    assert core.fixed_cost.tolist() == [400_000.0] * 3


def test_both_solvers_reach_the_hand_worked_optimum_and_check_each_other():
    problem, arr = arrays()
    one = single_capacity(arr)
    # C1 needs 3 more classrooms under the full rules; with the size cap alone it needs
    # none: the point closes, village 3's grades 1-3 walk two steps to C1, 180 STEP of day
    # travel in all (as in test_layout), two open schools.
    expected = 0.2 * 360 * 180 * STEP + 2 * 400_000
    layout, cols = solve_layout_milp(one, HighsSolver(time_limit=30, relative_gap=1e-9))
    core = facility_problem(one)
    ours = solve_facility(core, SolveOptions(time_limit=30))
    assert layout.status is ours.status is SolveStatus.OPTIMAL
    assert layout.objective == pytest.approx(expected, rel=1e-7)
    assert ours.objective == pytest.approx(expected, rel=1e-7)
    assert set(problem.sites.index[list(ours.open_sites)]) == {C1, J}
    # the core's plan passes the layout MILP's rows with the same objective ...
    m, _ = build_layout_milp(one)
    values = layout_values(one, cols, m.n_cols, ours)
    assert m.violation(values) == 0.0
    assert m.objective(values) == pytest.approx(expected, rel=1e-7)
    # ... and the layout path's plan passes the core's solver-free check
    checked = core.evaluate(facility_solution(one, cols, layout))
    assert checked == pytest.approx(expected, rel=1e-7)


def test_the_full_rules_cost_more_than_the_single_capacity_relaxation():
    _, arr = arrays()
    solver = HighsSolver(time_limit=30, relative_gap=1e-9)
    full, _ = solve_layout_milp(arr, solver)
    one, _ = solve_layout_milp(single_capacity(arr), solver)
    # The same plan plus what the full rules need: C1's 204 primary pupils on 90 seats,
    # 3 classrooms (800,000 元 over 20 years each); the town's boarding primary (C1, 100
    # beds) and junior school (J, 200 beds) exist already.
    assert full.objective == pytest.approx(one.objective + 3 * 40_000, rel=1e-7)
    assert one.bound <= one.objective <= full.bound <= full.objective


def test_the_full_layout_on_the_core_reaches_the_hand_worked_optimum():
    problem, arr = arrays()
    core = layout_facility_problem(arr)
    assert core.n_resources == 4 and core.resource_names == RESOURCES
    ours = solve_facility(core, SolveOptions(time_limit=30))
    # as above: the single-capacity plan plus C1's 3 primary classrooms (40,000 元 a year
    # each); the boarding schools (C1 100 beds, J 200) need no bed block
    expected = 0.2 * 360 * 180 * STEP + 2 * 400_000 + 3 * 40_000
    assert ours.status is SolveStatus.OPTIMAL
    assert ours.objective == pytest.approx(expected, rel=1e-7)
    assert core.evaluate(ours) == pytest.approx(expected, rel=1e-7)
    c1 = problem.sites.index.get_loc(C1)
    assert ours.expansions == {(c1, 0): 3}
    # checked by the layout MILP's own rows, with the same objective
    m, cols = build_layout_milp(arr)
    values = full_layout_values(arr, cols, m.n_cols, ours)
    assert m.violation(values) <= 1e-9
    assert m.objective(values) == pytest.approx(expected, rel=1e-7)


def test_the_core_check_rejects_a_plan_without_the_towns_boarding_school():
    # Village 4's 9 pupils of grades 4-6 board at C1: with a minimum of 9 boarders C1 is the
    # town's boarding primary (9c); a solution with every o at 0 breaks (9).
    cfg = load_layout_config(None, new_sites="none", boarding_per_town=True, target_year=2025,
                             keep_points_beyond_review=False,  # worked before the rule
                             weights=FLAT_COSTS, min_boarders=9)
    arr = layout_arrays(build_layout_problem(line_county(c1_rooms=2), cfg))
    core = layout_facility_problem(arr)
    ours = solve_facility(core, SolveOptions(time_limit=30))
    n = arr.n_sites
    no_boarding = replace(ours, side_values=(0.0,) * n + ours.side_values[n:])
    with pytest.raises(InfeasibleError, match=r"约束 \(9\)"):
        core.evaluate(no_boarding)


@pytest.mark.parametrize("options", [{}, {"keep": [TP]}, {"annual_budget_yuan": 3_000_000}])
def test_solve_layout_through_the_core_gives_the_layout_paths_optimum(options):
    cfg = load_layout_config(None, new_sites="none", boarding_per_town=True, target_year=2025,
                             keep_points_beyond_review=False,  # worked before the rule
                             weights=FLAT_COSTS, costs=V1_PRICES, gap=1e-9, **options)
    problem = build_layout_problem(line_county(c1_rooms=2), cfg)
    path, core = solve_layout(problem, core=False), solve_layout(problem, core=True)
    assert core.objective == pytest.approx(path.objective, rel=1e-7)
    assert core.status is SolveStatus.OPTIMAL
    assert core.open_sites == path.open_sites


def test_the_cores_milp_after_lp_fixing_keeps_the_optimum_and_a_valid_bound():
    # the optimum of the test above as the warm start and the cutoff: the core's MILP is
    # preceded by fixing by LP reduced costs (optimize/fixing.py), whose LP is the layout
    # MILP's LP (the core's step chains relax like the integer room counts)
    from junheng.optimize._compiled import Compiled
    from junheng.optimize._milp import Chosen, Restriction, solve_mip_fixed
    from junheng.optimize.assign import incumbent_from_solution

    _, arr = arrays()
    core = layout_facility_problem(arr)
    best = solve_facility(core, SolveOptions(time_limit=30))
    comp = Compiled(core)
    inc = incumbent_from_solution(comp, best)
    result, chosen, found = solve_mip_fixed(
        comp, Restriction.none(comp), HighsSolver(time_limit=30, relative_gap=1e-9),
        warm=Chosen(inc.is_open, inc.steps, inc.x, inc.w), cutoff=best.objective)
    m, _ = build_layout_milp(arr)
    lp = HighsSolver().solve(m, relax=True).objective
    assert found["lp_bound"] == pytest.approx(lp, rel=1e-9)
    assert found["lp_tightened"] >= found["lp_fixed"] > 0
    assert result.objective == pytest.approx(best.objective, rel=1e-9)
    assert lp <= result.bound <= result.objective + 1e-6
    assert chosen is not None and chosen.is_open.tolist() == inc.is_open.tolist()
