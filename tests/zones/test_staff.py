"""Staff-drawn plans: the plan under a staff plan's caps is never worse than the staff plan
(it starts from it), strictly better where a better plan exists; the window search keeps
every rule of the full problem. Plans are verified by the solver-free checker."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from bench.zones import staff_plan

from junheng.jobs.zones import solve_plan
from junheng.jobs.zones_staff import compare_one
from junheng.zones.check import check_plan
from junheng.zones.graph import neighbours
from junheng.zones.problem import ZoneProblem, nearest_candidates
from junheng.zones.windows import solve_windows, sub_problem


def _solve(problem, start):
    return solve_plan(problem, start, method="flow", time_limit=30, gap=1e-6)


def _path4() -> ZoneProblem:
    # blocks 0–3 on a path, pupils 10, 8, 12, 10; A (block 0) and B (block 3) 25 places each.
    # Today A = {0}, B = {1, 2, 3}: B holds 30, 5 over.
    return ZoneProblem(pupils=[10, 8, 12, 10], edges=[[0, 1], [1, 2], [2, 3]], root=[0, 3],
                       capacity=[25, 25], distance=np.array([[i, 3 - i] for i in range(4)]),
                       current=[0, 1, 1, 1])


def test_a_staff_plan_that_overcorrects_is_beaten():
    # Staff: A = {0, 1, 2} holds 30 (5 over), 20 moved. Moving block 1 alone (8 pupils)
    # puts nobody over: fewer over, fewer moved.
    problem = _path4()
    result = compare_one(problem, "方案甲", np.array([0, 0, 0, 1]), _solve)
    assert (result.staff_over, result.staff_moved) == (5.0, 20.0)
    assert result.broken == ()
    assert result.plan.school.tolist() == [0, 0, 1, 1]
    assert (result.over, result.moved) == (0.0, 8.0)
    assert result.verdict == "超员少于人工方案，调整人数不多于人工方案"
    assert check_plan(result.problem, result.plan.school) == []


def test_a_staff_plan_that_is_already_best_is_matched():
    # Staff moves block 1: nobody over, 8 moved; nothing moving at most 8 does better.
    result = compare_one(_path4(), "方案乙", np.array([0, 0, 1, 1]), _solve)
    assert (result.over, result.moved) == (0.0, 8.0)
    assert result.verdict == "不劣于人工方案"
    assert "本方案：超员 0 人，调整学区 8 人（不劣于人工方案）" in result.text()


def test_a_split_staff_plan_is_named_invalid_and_only_caps_the_moves():
    # Staff gives block 2 to A and block 1 to B: both zones are split. Moving at most 12
    # pupils, block 1 (8) goes to A: 0 over.
    result = compare_one(_path4(), "方案丙", np.array([0, 1, 0, 1]), _solve)
    assert result.broken == ("学校 1 的学区不连通：分成 2 片（各片首个地块：地块 1、地块 3）。",
                             "学校 2 的学区不连通：分成 2 片（各片首个地块：地块 2、地块 4）。")
    assert result.problem.max_over is None and result.problem.max_moved == 12.0
    assert (result.over, result.moved) == (0.0, 8.0)
    assert result.text().startswith("人工方案“方案丙”：超员 0 人，调整学区 12 人（无效：学校 1 的学区不连通")


def _grid_city(side: int, k: int, seed: int) -> ZoneProblem:
    rng = np.random.default_rng(seed)
    edges = [(r * side + c, r * side + c + 1) for r in range(side) for c in range(side - 1)]
    edges += [(r * side + c, (r + 1) * side + c) for r in range(side - 1) for c in range(side)]
    xy = np.array([(r, c) for r in range(side) for c in range(side)], float)
    root = rng.choice(side * side, k, replace=False)
    pupils = rng.integers(1, 30, side * side).astype(float)
    distance = np.linalg.norm(xy[:, None] - xy[root][None], axis=2)
    current = distance.argmin(axis=1)
    demand = np.bincount(current, weights=pupils, minlength=k)
    return ZoneProblem(pupils=pupils, edges=edges, root=root, distance=distance,
                       capacity=np.round(demand * rng.uniform(0.7, 1.3, k)), current=current,
                       allowed=nearest_candidates(distance, 3, current), keep_share=0.8)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_the_plan_is_never_worse_than_the_staff_plan_it_starts_from(seed):
    problem = _grid_city(8, 5, seed)
    staff = staff_plan(problem, 6)
    assert check_plan(problem, staff) == [] and problem.moved(staff) > 0
    result = compare_one(problem, "人工", staff, _solve)
    assert check_plan(result.problem, result.plan.school) == []
    assert result.over <= result.staff_over and result.moved <= result.staff_moved
    assert result.problem.objective(result.plan.school) <= result.problem.objective(staff)


@pytest.mark.parametrize("seed", [0, 1])
def test_a_window_is_the_full_problem_restricted(seed):
    # Moving blocks inside a window changes the sub-problem's objective by exactly what it
    # changes the full problem's, and the caps left are the full caps less the fixed use.
    problem = _grid_city(10, 8, seed)
    staff = staff_plan(problem, 8)
    capped = replace(problem, max_moved=problem.moved(staff) + 30,
                     max_over=float(problem.over(staff).sum()))
    window = [0, *sorted({int(staff[j]) for i in np.nonzero(staff == 0)[0]
                          for j in neighbours(problem.n, problem.edges)[i]} - {0})]
    sub, blocks = sub_problem(capped, staff, window)
    local = np.array([window.index(s) for s in staff[blocks]])
    other = local.copy()
    movable = [b for b in range(len(blocks)) if b not in set(sub.root.tolist())]
    other[movable[0]] = (other[movable[0]] + 1) % len(window)
    full = staff.copy()
    full[blocks] = np.asarray(window)[other]
    assert sub.objective(other) - sub.objective(local) == pytest.approx(
        capped.objective(full) - capped.objective(staff))
    assert sub.max_moved - sub.moved(local) == pytest.approx(capped.max_moved - capped.moved(staff))
    assert sub.max_over - sub.over(local).sum() == pytest.approx(
        capped.max_over - capped.over(staff).sum())


def test_the_window_search_from_a_staff_plan_keeps_its_caps():
    problem = _grid_city(12, 8, 3)
    staff = staff_plan(problem, 10)
    capped = replace(problem, max_moved=problem.moved(staff),
                     max_over=float(problem.over(staff).sum()))
    plan = solve_windows(capped, staff, time_limit=20, size=4, cut_share=0.0)
    assert plan.method == "windows" and plan.rounds > 0
    assert check_plan(capped, plan.school) == []
    assert plan.objective <= capped.objective(staff)
    assert plan.bound <= plan.objective
