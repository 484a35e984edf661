"""How the layout solve reports the end of a solve without a plan (status, bound, reason)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from layout_builders import FLAT_COSTS, line_county

from junheng.errors import InfeasibleError, SolverError
from junheng.optimize import MilpResult, SolveStatus
from junheng.planning import build_layout_problem, load_layout_config, plan_layout
from junheng.planning.layout_json import layout_json
from junheng.planning.layout_model_errors import no_plan as _no_plan


def ended(status: SolveStatus, bound: float) -> MilpResult:
    return MilpResult(status, None, bound, None, 60.0, 12, None)


CONFIG = load_layout_config(None, new_sites="none", boarding_per_town=False, target_year=2025,
                            weights=FLAT_COSTS)


@pytest.fixture(scope="module")
def problem():
    return build_layout_problem(line_county(), CONFIG)


@pytest.fixture(scope="module")
def plan():
    return plan_layout(line_county(), CONFIG, evaluate_cvs=False)


def test_time_limit_without_a_plan_is_a_solver_error_with_status_and_bound(problem):
    with pytest.raises(SolverError, match="^在 600 秒、2,000 个分支节点内未找到可行方案：请提高求解时间上限或"
                                          "求解工作量上限，或放宽约束。$") as caught:
        raise _no_plan(problem, ended(SolveStatus.NO_SOLUTION, 1_500_000.0))
    assert (caught.value.status, caught.value.bound) == ("no_solution", 1_500_000.0)


def test_a_solver_failure_is_not_called_a_time_limit(problem):
    with pytest.raises(SolverError, match="数值或模型错误") as caught:
        raise _no_plan(problem, ended(SolveStatus.ERROR, float("-inf")))
    assert caught.value.status == "error"


def test_proven_infeasibility_names_the_demand(problem):
    # line county: grades 1-3 and 4-6 of villages 1-4 (60+30+12+9, twice) and grades 7-9
    with pytest.raises(InfeasibleError, match="小学 222 人、初中 111 人") as caught:
        raise _no_plan(problem, ended(SolveStatus.INFEASIBLE, float("inf")))
    assert caught.value.details["status"] == "infeasible"


@pytest.mark.parametrize(("status", "written"), [
    (SolveStatus.OPTIMAL, "optimal"), (SolveStatus.GAP_LIMIT, "optimal"),
    (SolveStatus.TIME_LIMIT, "feasible")])
def test_plan_json_keeps_the_documented_status_strings(plan, status, written):
    # docs/layout-json.md: optimal (proven within the scenario's gap) | feasible (time limit)
    ended_at = replace(plan.solution, status=status)
    assert ended_at.status is status
    assert ended_at.plan_status == written
    # the plan's outcome, and so plan.json, carries the solution's plan_status
    assert layout_json(plan.outcome)["status"] == plan.solution.plan_status == "optimal"
