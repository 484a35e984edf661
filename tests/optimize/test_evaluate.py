"""``problem.evaluate`` checks every constraint without a solver and names the one broken."""

from __future__ import annotations

from dataclasses import replace

import pytest
from facility_builders import expandable, line, two_sites

from junheng.errors import InfeasibleError
from junheng.optimize import Assignment, FacilityProblem, SolveStatus
from junheng.optimize.facility import FacilitySolution


def make(open_sites, assignment, expansions=None) -> FacilitySolution:
    return FacilitySolution(
        status=SolveStatus.OPTIMAL, objective=0.0, bound=0.0, gap=0.0,
        open_sites=tuple(open_sites), expansions=expansions or {},
        assignment=tuple(Assignment(*a) for a in assignment), seconds=0.0)


GOOD = make([0, 1], [(0, 0, 1.0), (1, 0, 1.0), (2, 1, 1.0)])


def test_a_feasible_solution_gets_its_objective_recomputed():
    # fixed 10 + 12, costs 1 + 2 + 1
    assert two_sites().evaluate(GOOD) == pytest.approx(26.0)


def test_unserved_customer_breaks_constraint_1():
    bad = replace(GOOD, assignment=GOOD.assignment[:2])
    with pytest.raises(InfeasibleError, match=r"约束 \(1\)：客户 2 的分配比例合计 0"):
        two_sites().evaluate(bad)


def test_forbidden_pair_breaks_constraint_1():
    problem = FacilityProblem.from_cost_matrix([[1, float("inf")], [2, 3]], [1, 1], [1, 1])
    bad = make([0, 1], [(0, 0, 1.0), (1, 0, 1.0)])
    with pytest.raises(InfeasibleError, match=r"约束 \(1\)：.*不在允许的分配对中"):
        problem.evaluate(bad)


def test_customer_at_a_closed_site_breaks_constraint_2():
    bad = replace(GOOD, open_sites=(0,))
    with pytest.raises(InfeasibleError, match=r"约束 \(2\)：客户 2 被分配给未开设的设施 1"):
        two_sites().evaluate(bad)


def test_overloaded_site_breaks_constraint_3():
    bad = make([0, 1], [(0, 0, 1.0), (1, 0, 1.0), (2, 1, 1.0)])
    with pytest.raises(InfeasibleError, match=r"约束 \(3\)：设施 0 承担需求 4，超过容量 3"):
        two_sites(capacity0=3).evaluate(bad)


def test_expansion_lifts_capacity_and_is_charged():
    # site 0 with both steps holds 6 >= 5: fixed 1 + steps 3 + 5 + costs 1 + 1
    solution = make([0], [(0, 0, 1.0), (1, 0, 1.0)], {0: 2})
    assert expandable().evaluate(solution) == pytest.approx(11.0)
    with pytest.raises(InfeasibleError, match=r"约束 \(3\)：设施 0 承担需求 5，超过容量 4"):
        expandable().evaluate(replace(solution, expansions={0: 1}))


def test_expansion_at_a_closed_site_breaks_constraint_4():
    bad = make([1], [(0, 1, 1.0), (1, 1, 1.0)], {0: 1})
    with pytest.raises(InfeasibleError, match=r"约束 \(4\)：设施 0 未开设却做了扩容"):
        expandable().evaluate(bad)


def test_forced_sites_are_checked_by_constraint_5():
    with pytest.raises(InfeasibleError, match=r"约束 \(5\)：设施 0 必须开设"):
        line(forced_open=[0]).evaluate(make([1], [(j, 1, 1.0) for j in range(4)]))
    with pytest.raises(InfeasibleError, match=r"约束 \(5\)：设施 1 必须关闭"):
        two_sites(forced_closed=[1]).evaluate(GOOD)


def test_open_count_is_checked_by_constraint_6():
    all_open = make([0, 1, 2, 3], [(j, j, 1.0) for j in range(4)])
    with pytest.raises(InfeasibleError, match=r"约束 \(6\)：开设了 4 个设施，要求恰好 2 个"):
        line(p=2).evaluate(all_open)
    with pytest.raises(InfeasibleError, match=r"约束 \(6\)：开设了 4 个设施，要求至多 3 个"):
        line(p=3, open_rule="at_most").evaluate(all_open)


def test_budget_is_checked_by_constraint_7():
    solution = make([0], [(0, 0, 1.0), (1, 0, 1.0)], {0: 2})
    with pytest.raises(InfeasibleError, match=r"约束 \(7\)：新增投入 8 超过预算 4"):
        expandable(already_open=[0], budget=4).evaluate(solution)


def test_split_customer_breaks_single_source_constraint_8():
    split = make([0, 1], [(0, 0, 1.0), (1, 0, 0.5), (1, 1, 0.5), (2, 1, 1.0)])
    assert two_sites().evaluate(split) == pytest.approx(22 + 1 + 1 + 1.5 + 1)
    with pytest.raises(InfeasibleError, match=r"约束 \(8\)：客户 1 的需求被拆分"):
        two_sites(single_source=True).evaluate(split)


@pytest.mark.parametrize(("solution", "message"), [
    (make([0, 7], [(0, 0, 1.0)]), "不存在的设施"),
    (make([0, 1], [(0, 0, 1.5), (1, 0, 1.0), (2, 1, 1.0)]), "超出 0 到 1 的范围"),
    (make([0, 1], [(9, 0, 1.0)]), "不存在的客户编号"),
    (make([0], [(0, 0, 1.0), (1, 0, 1.0)], {0: 3}), "只有 2 个扩容步骤"),
])
def test_malformed_solutions_raise_value_error(solution, message):
    problem = expandable() if solution.expansions else two_sites()
    with pytest.raises(ValueError, match=message):
        problem.evaluate(solution)
