"""Building problems: validation, adapters, and infeasibility explained before solving."""

from __future__ import annotations

import math

import numpy as np
import pytest

from junheng.errors import InfeasibleError
from junheng.optimize import FacilityProblem, solve_facility


def test_pairs_are_sorted_by_customer_then_cost_and_read_only():
    problem = FacilityProblem.from_pairs([(1, 0, 5.0), (0, 1, 2.0), (0, 0, 7.0)],
                                         demand=[1, 1], fixed_cost=[0, 0])
    assert problem.pair_customer.tolist() == [0, 0, 1]
    assert problem.pair_cost.tolist() == [5.0, 7.0, 2.0]
    with pytest.raises(ValueError):
        problem.pair_cost[0] = 1.0


def test_k_nearest_keeps_each_customers_cheapest_pairs():
    costs = np.array([[1.0, 5.0], [2.0, 1.0], [7.0, 3.0]])
    problem = FacilityProblem.from_cost_matrix(costs, [1, 1], k_nearest=2)
    kept = set(zip(problem.pair_site.tolist(), problem.pair_customer.tolist(), strict=True))
    assert kept == {(0, 0), (1, 0), (1, 1), (2, 1)}


def test_from_points_weighs_distance_by_demand_and_can_floor_it():
    problem = FacilityProblem.from_points([[0, 0]], [[1, 1], [3, 4]], demand=[2, 1])
    assert problem.pair_cost.tolist() == pytest.approx([2 * math.sqrt(2), 5.0])
    floored = FacilityProblem.from_points([[0, 0]], [[1, 1]], demand=[2], floor_distance=True,
                                          weight_by_demand=False)
    assert floored.pair_cost.tolist() == [1.0]


def test_radius_drops_far_pairs():
    problem = FacilityProblem.from_points([[0, 0], [10, 0]], [[1, 0], [9, 0]], [1, 1],
                                          max_distance=2)
    assert problem.n_pairs == 2


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"demand": [-1, 1]}, "客户需求必须是非负"),
    ({"fixed_cost": [1, -5]}, "设施固定费用必须是非负"),
    ({"forced_open": [0], "forced_closed": [0]}, "同时被指定为必须开设和必须关闭"),
    ({"forced_open": [5]}, "不存在的设施编号"),
    ({"p": -1}, "必须是非负整数"),
    ({"budget": -3}, "预算为 -3"),
])
def test_invalid_data_is_rejected_in_chinese(kwargs, message):
    base = {"demand": [1, 1], "fixed_cost": [1, 1]}
    with pytest.raises(ValueError, match=message):
        FacilityProblem.from_cost_matrix([[1, 2], [3, 4]], **{**base, **kwargs})


def test_duplicate_pairs_are_rejected():
    with pytest.raises(ValueError, match="分配对重复"):
        FacilityProblem.from_pairs([(0, 0, 1.0), (0, 0, 2.0)], demand=[1], fixed_cost=[0])


def test_total_capacity_below_demand_is_explained_before_solving():
    problem = FacilityProblem.from_cost_matrix(
        [[1, 1], [1, 1]], demand=[2500, 2600], fixed_cost=[1, 1], capacity=[2100, 2100])
    with pytest.raises(InfeasibleError,
                       match="^总容量 4,200 小于需求 5,100：请增加候选校址或放宽距离上限。"):
        solve_facility(problem)


def test_customers_without_any_usable_site_are_named():
    problem = FacilityProblem.from_cost_matrix(
        [[1, float("inf"), 2], [1, 3, float("inf")]], demand=[1, 1, 1], fixed_cost=[1, 1],
        forced_closed=[1])
    with pytest.raises(InfeasibleError, match="客户 1 没有可用的设施") as caught:
        problem.check_feasible()
    assert caught.value.details["customers"] == [1]


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"p": 3}, "要求恰好开设 3 个设施，但只有 2 个"),
    ({"p": 1, "forced_open": [0, 1]}, "必须开设的设施有 2 个，多于允许开设的 1 个"),
    ({"p": 0}, "开设数量为 0"),
    ({"budget": 1.0, "forced_open": [0]}, "必须开设的新设施固定费用合计 5，超过预算 1"),
    ({"p": 1, "capacity": [1, 1]}, "开设 1 个设施时最大总容量 1 小于需求 2"),
])
def test_rules_that_cannot_hold_together_are_explained(kwargs, message):
    options = {"capacity": math.inf, **kwargs}
    capacity = options.pop("capacity")
    problem = FacilityProblem.from_cost_matrix([[1, 1], [1, 1]], [1, 1], [5, 5], capacity,
                                               **options)
    with pytest.raises(InfeasibleError, match=message):
        problem.check_feasible()


def test_single_source_customer_larger_than_any_site_is_explained():
    problem = FacilityProblem.from_cost_matrix([[1], [1]], [8], [1, 1], [5, 5],
                                               single_source=True)
    with pytest.raises(InfeasibleError, match="单一来源分配不能拆分"):
        problem.check_feasible()
    problem.replace(single_source=False).check_feasible()  # split over both sites it fits
