"""Planner review rv 9: the 达标路径 booked a multi-year 临时周转 rent in the first year of the
run. Each school year's rent is now paid in that year, the total unchanged, and the checker
refuses a rent booked otherwise (planning.compliance_rent).

On the example county of test_compliance_temporary: 示例县城关第一小学 is 3 rooms short in
2028, 2029 and 2030 and none in 2031 (target year 2028, planned 2026-06-01)."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd
import pytest
from test_compliance_temporary import LEVEL, _plan

from junheng.planning.compliance_check import PlanCheckError, check_plan
from junheng.planning.compliance_rent import booked_by_year, rent_quantities


def test_a_three_year_rent_is_paid_in_each_of_its_years_and_the_checker_agrees():
    plan = _plan({2031: LEVEL})
    row = plan.actions[plan.actions["item"] == "temporary_classroom"].iloc[0]
    # 3 rooms × 3 years = 9 间·学年 × 2 万元 = 18 万元: 3 rooms a year, 6.00 万元 in each of
    # 2028, 2029 and 2030 (main booked all 18.00 in 2028); in use from 2028
    assert row["quantity"] == 9.0 and row["cost"] == 18.0
    assert row["funding"] == {2028: 6.0, 2029: 6.0, 2030: 6.0}
    assert row["in_use_year"] == 2028 and row["year"] == 2028
    assert check_plan(plan.problem, plan.actions) == pytest.approx(113.1)  # total unchanged
    # the rent booked in its first year, as main wrote it, is refused with the years it is used
    first = plan.actions.copy()
    at = first.index[first["item"] == "temporary_classroom"][0]
    first.at[at, "funding"] = {2028: 18.0}
    with pytest.raises(
        PlanCheckError,
        match=r"^\(2\) 示例县城关第一小学 .+ 应在使用的各学年分别支付（2028 学年 6\.00 万元、2029 学年 6\.00 万元、"
        r"2030 学年 6\.00 万元），方案写 2028 学年 18\.00 万元。$",
    ):
        check_plan(plan.problem, first)


def test_each_years_rooms_beyond_the_layouts_and_area_beyond_the_built_set_the_years_share():
    # rooms: 4, 2, 1 borrowed 2029–2031, the layout paying 1 of 2029's: 3, 2, 1 room-years;
    # 12.00 万元 paid 12 × 3/6 = 6.00, 12 × 2/6 = 4.00, 12 × 1/6 = 2.00
    # area: 240 m² needed 2030, 100 m² 2031, 40 m² of it built: 200 and 60 m²·学年 paid;
    # 4.00 万元 paid 4 × 200/260 = 3.08 and the rest, 0.92
    rooms = pd.DataFrame(
        {"school_id": ["D"], "borrowed": [{2029: 4, 2030: 2, 2031: 1}], "layout": [{2029: 1}]}
    )
    area = pd.DataFrame(
        {"school_id": ["D"], "needs": [{2030: 240.0, 2031: 100.0, 2032: 0.0}], "built": [40.0]}
    )
    problem = SimpleNamespace(temporary=rooms, rented_area=area)
    assert rent_quantities(problem, "D", "temporary_area") == {2030: 200.0, 2031: 60.0}
    frame = pd.DataFrame(
        {
            "school_id": ["D", "D", "D"],
            "item": ["temporary_classroom", "temporary_area", "equipment"],
            "cost": [12.0, 4.0, 5.0],
            "funding": [{2029: 12.0}, {2030: 4.0}, {2027: 5.0}],
        }
    )
    assert booked_by_year(problem, frame) == [
        {2029: 6.0, 2030: 4.0, 2031: 2.0},
        {2030: 3.08, 2031: 0.92},
        {2027: 5.0},
    ]
