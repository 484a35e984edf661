"""The zoning MILP on hand-made paths and grids where each numbered constraint binds; every
solution is verified by the solver-free checker (BFS contiguity) and objectives are worked
out by hand in the comments."""

from __future__ import annotations

import numpy as np
import pytest

from junheng.zones.check import check_plan
from junheng.zones.model import solve_zones
from junheng.zones.problem import Weights, ZoneProblem, nearest_candidates

PATH5 = [[0, 1], [1, 2], [2, 3], [3, 4]]
TRAVEL_ONLY = Weights(over=0.0, moved=0.0, travel=1.0)


def _path5(**kw) -> ZoneProblem:
    # blocks 0..4 on a path, school A at block 0, school B at block 4, one pupil each.
    distance = np.array([[0, 9], [5, 1], [0, 5], [5, 0], [9, 0]], float)
    kw.setdefault("weights", TRAVEL_ONLY)
    return ZoneProblem(pupils=[1, 1, 1, 1, 1], edges=PATH5, root=[0, 4],
                       capacity=[10, 10], distance=distance, **kw)


@pytest.mark.parametrize("method", ["cut", "flow"])
def test_contiguity_binds(method):
    # Without contiguity 1→B, 2→A, 3→B costs 1 + 0 + 0 = 1 but splits both zones. Zone A
    # is a prefix 0..t: t=0 costs 1+5+0 = 6, t=1: 5+5+0 = 10, t=2: 5+0+0 = 5, t=3: 10.
    problem = _path5()
    assert check_plan(problem, [0, 1, 0, 1, 1]) == [
        "学校 1 的学区不连通：分成 2 片（各片首个地块：地块 1、地块 3）。",
        "学校 2 的学区不连通：分成 2 片（各片首个地块：地块 2、地块 4）。"]
    plan = solve_zones(problem, method=method, time_limit=30)
    assert plan.status == "optimal"
    assert plan.school.tolist() == [0, 0, 0, 1, 1]
    assert plan.objective == pytest.approx(5.0)
    assert check_plan(problem, plan.school) == []


@pytest.mark.parametrize("method", ["cut", "flow"])
def test_pin_binds_with_contiguity(method):
    # Block 1 may only go to B, so B's zone is 1..4: 1 + 5 + 0 = 6.
    allowed = np.ones((5, 2), bool)
    allowed[1, 0] = False
    problem = _path5(allowed=allowed)
    plan = solve_zones(problem, method=method, time_limit=30)
    assert plan.school.tolist() == [0, 1, 1, 1, 1]
    assert plan.objective == pytest.approx(6.0)
    assert check_plan(problem, [0, 0, 0, 1, 1]) == ["地块 2 不允许划入学校 1（固定划片或候选限制）。"]


def _path4(capacity, **kw) -> ZoneProblem:
    # blocks 0..3 of 10 pupils, A at 0, B at 3; distance to A is i km, to B 3 - i km.
    distance = np.array([[i, 3 - i] for i in range(4)], float)
    return ZoneProblem(pupils=[10] * 4, edges=PATH5[:3], root=[0, 3], capacity=capacity,
                       distance=distance, **kw)


@pytest.mark.parametrize("method", ["cut", "flow"])
def test_hard_capacity_binds(method):
    # Free: [A, A, B, B], 10·(0+1+1+0) = 20 pupil-km. B holds 10: [A, A, A, B], 10·3 = 30.
    free = solve_zones(_path4([40, 40], weights=TRAVEL_ONLY), method=method)
    assert free.school.tolist() == [0, 0, 1, 1] and free.objective == pytest.approx(20.0)
    problem = _path4([30, 10], weights=TRAVEL_ONLY, hard_capacity=True)
    plan = solve_zones(problem, method=method)
    assert plan.school.tolist() == [0, 0, 0, 1] and plan.objective == pytest.approx(30.0)
    assert check_plan(problem, [0, 0, 1, 1]) == ["学校 2 划入 20 人，超过容量 10 人。"]


@pytest.mark.parametrize("method", ["cut", "flow"])
def test_demand_over_capacity_gives_the_least_over_plan(method):
    # 40 pupils, 15 + 15 places: 10 over at best; 1000 per pupil over dominates travel
    # (0.1 per pupil-km): [A, A, B, B] puts 5 over at each: 1000·10 + 0.1·20 = 10002.
    problem = _path4([15, 15], hard_capacity=True)
    assert solve_zones(problem, method=method).status == "infeasible"
    soft = _path4([15, 15])
    plan = solve_zones(soft, method=method)
    assert plan.school.tolist() == [0, 0, 1, 1]
    assert soft.over(plan.school).tolist() == [5.0, 5.0]
    assert plan.objective == pytest.approx(10002.0)


@pytest.mark.parametrize("method", ["cut", "flow"])
def test_cap_on_moved_binds(method):
    # Today [A, A, A, B]; moving block 2 to B saves 10 pupil-km of travel (weight 0.1 → 1)
    # but moves 10 pupils (weight 0.05 → 0.5): it moves unless at most 5 may move.
    weights = Weights(over=1000.0, moved=0.05, travel=0.1)
    current = np.array([0, 0, 0, 1])
    free = _path4([40, 40], current=current, weights=weights)
    assert solve_zones(free, method=method).school.tolist() == [0, 0, 1, 1]
    capped = _path4([40, 40], current=current, weights=weights, max_moved=5)
    plan = solve_zones(capped, method=method)
    assert plan.school.tolist() == [0, 0, 0, 1] and plan.objective == pytest.approx(3.0)
    assert check_plan(capped, [0, 0, 1, 1]) == ["调整学区的学生 10 人，超过上限 5 人。"]


def _grid(rows: int, cols: int):
    edges = [(r * cols + c, r * cols + c + 1) for r in range(rows) for c in range(cols - 1)]
    edges += [(r * cols + c, (r + 1) * cols + c) for r in range(rows - 1) for c in range(cols)]
    xy = np.array([(r, c) for r in range(rows) for c in range(cols)], float)
    return edges, xy


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_flow_and_cut_agree_on_random_grids(seed):
    rng = np.random.default_rng(seed)
    edges, xy = _grid(5, 6)
    root = rng.choice(30, 4, replace=False)
    pupils = rng.integers(1, 20, 30)
    distance = np.linalg.norm(xy[:, None] - xy[root][None], axis=2)
    current = distance.argmin(axis=1)
    common = {"pupils": pupils, "edges": edges, "root": root, "distance": distance,
              "current": current, "capacity": np.full(4, pupils.sum() / 4 * 1.02),
              "allowed": nearest_candidates(distance, 3, current)}
    plans = [solve_zones(ZoneProblem(**common), method=m, time_limit=60, relative_gap_limit=1e-9)
             for m in ("cut", "flow")]
    assert [p.status for p in plans] == ["optimal", "optimal"]
    assert plans[0].objective == pytest.approx(plans[1].objective, rel=1e-6)
    for plan in plans:
        assert check_plan(ZoneProblem(**common), plan.school) == []


def test_cpsat_agrees_with_highs_where_contiguity_and_the_cap_bind():
    from junheng.zones.cpsat import solve_zones_cpsat

    problem = _path5()
    plan = solve_zones_cpsat(problem, time_limit=30)
    assert plan.school.tolist() == [0, 0, 0, 1, 1] and plan.objective == pytest.approx(5.0)
    weights = Weights(over=1000.0, moved=0.05, travel=0.1)
    capped = _path4([40, 40], current=np.array([0, 0, 0, 1]), weights=weights, max_moved=5)
    assert solve_zones_cpsat(capped, time_limit=30).school.tolist() == [0, 0, 0, 1]
