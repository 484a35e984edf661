"""The planner's rules of a zoning plan (review finding 4): a kept school keeps 80 % of the
pupils it has places for (4b), no school is pushed over capacity beyond today's load to
empty another (3b), and both are named by the checker. Figures are worked by hand.

Line county: block 0 = school A (no pupils), block 1 = village of 10 today at A, block 2 =
village of 10 today at B, block 3 = school B. Village 2 is 0 km from A and 5 km from B."""

from __future__ import annotations

import numpy as np
import pytest

from junheng.zones.check import soft_breaks
from junheng.zones.model import solve_zones
from junheng.zones.problem import Weights, ZoneProblem

DISTANCE = np.array([[0.0, 5.0], [0.0, 5.0], [0.0, 5.0], [5.0, 0.0]])


def line(capacity, *, keep_share=None, weights=Weights(1000, 1, 1, 2000, 2000)):
    return ZoneProblem(pupils=[0, 10, 10, 0], edges=[[0, 1], [1, 2], [2, 3]], root=[0, 3],
                       capacity=capacity, distance=DISTANCE, current=[0, 0, 1, 1],
                       keep_share=keep_share, weights=weights)


@pytest.mark.parametrize("method", ["cut", "flow"])
def test_a_kept_school_keeps_its_share_instead_of_saving_travel(method):
    # Without the rule: village 2 to A, 10 moved, 0 km: objective 10.
    free = solve_zones(line([30, 30]), method=method)
    assert free.school.tolist() == [0, 0, 0, 1] and free.objective == pytest.approx(10.0)
    # With 80 %: B keeps 8 of 10 or pays 2,000 per pupil short; staying costs 10 × 5 km = 50.
    kept = solve_zones(line([30, 30], keep_share=0.8), method=method)
    assert kept.school.tolist() == [0, 0, 1, 1] and kept.objective == pytest.approx(50.0)
    assert line([30, 30], keep_share=0.8).objective(free.school) == pytest.approx(16010.0)


@pytest.mark.parametrize("method", ["cut", "flow"])
def test_no_school_is_pushed_over_capacity_to_empty_another(method):
    # A: 15 places, 10 today; B: 5 places, 10 today (5 over). Moving village 2 to A leaves
    # 5 over at A instead of B: the same total, so the old objective moved it for 45 km less.
    old = solve_zones(line([15, 5], weights=Weights(1000, 1, 1, 2000, 0)), method=method)
    assert old.school.tolist() == [0, 0, 0, 1] and old.objective == pytest.approx(5010.0)
    new = solve_zones(line([15, 5]), method=method)
    assert new.school.tolist() == [0, 0, 1, 1] and new.objective == pytest.approx(5050.0)
    assert line([15, 5]).objective(old.school) == pytest.approx(15010.0)


def test_the_keep_share_counts_only_the_pupils_a_school_has_places_for():
    p = line([30, 5], keep_share=0.8)
    assert p.today.tolist() == [10.0, 10.0] and p.keep.tolist() == [8.0, 4.0]
    assert p.ceiling.tolist() == [30.0, 10.0]
    assert p.short(np.array([0, 0, 0, 1])).tolist() == [0.0, 4.0]


def test_the_checker_names_the_soft_rules_a_plan_breaks():
    p = line([15, 5], keep_share=0.8)
    assert soft_breaks(p, [0, 0, 1, 1], ["甲校", "乙校"]) == []
    assert soft_breaks(p, [0, 0, 0, 1], ["甲校", "乙校"]) == [
        "乙校现状 10 人，方案保留 0 人，少于 80% 的下限 4 人（每少 1 人罚 2,000）。",
        "甲校方案 20 人，超过容量与现状中较大者 15 人（新增超员 5 人，每人另罚 2,000）。"]
