"""The compliance checker names an item as the plan's workbook does (ITEM_NAMES, the
plan.xlsx 建设内容 words), never by its identifier, and a year list as 2029、2030.

The county: A and B, 1,000 pupils each; B's equipment is 80 % of 2,000 元 per pupil, so the
plan buys 0.05 × 2,000 × 1,000 = 100,000 元 = 10 万元 of equipment at B (lead time 0: paid
up to the target year 2028) and nothing else.
"""

from __future__ import annotations

from datetime import date

import pytest

from compliance_builders import cost_file, county, primary_school
from junheng.planning.compliance import plan_compliance
from junheng.planning.compliance_check import PlanCheckError, check_plan
from junheng.planning.compliance_costs import load_costs
from junheng.planning.compliance_county import current_students


@pytest.fixture(scope="module")
def plan(tmp_path_factory):
    data = county(primary_school("A", 1000), primary_school("B", 1000, equipment_value=1600.0))
    costs = load_costs(cost_file(tmp_path_factory.mktemp("costs")))
    return plan_compliance(data, current_students(data), 2028, time_limit=30, costs=costs,
                           plan_date=date(2026, 6, 1))


def test_a_late_payment_names_the_item_and_its_years_in_words(plan):
    # lead 0, target 2028: 2029 and 2030 are both after the last year 2028 − 0
    late = plan.actions.assign(funding=[{2028: 4.0, 2029: 3.0, 2030: 3.0}])
    with pytest.raises(PlanCheckError, match=(
            "^\\(1\\) B小学 购置教学仪器设备 在 2029、2030 学年投入，实施周期 0 年，2028 学年前无法投入"
            "使用。$")):
        check_plan(plan.problem, late)


def test_a_cost_off_its_unit_price_names_the_item(plan):
    # 10 万元 recomputed from the unit cost; the row says 12
    dear = plan.actions.assign(cost=12.0)
    with pytest.raises(PlanCheckError, match=(
            "^B小学 购置教学仪器设备 的费用 12\\.00 万元与单价计算的 10\\.00 万元不符。$")):
        check_plan(plan.problem, dear)


def test_yearly_payments_off_the_cost_name_the_item(plan):
    # 4 + 5 = 9 万元 paid against a cost of 10
    short = plan.actions.assign(funding=[{2027: 4.0, 2028: 5.0}])
    with pytest.raises(PlanCheckError, match="^\\(2\\) B小学 购置教学仪器设备 的分年投入合计与费用不符。$"):
        check_plan(plan.problem, short)


def test_spending_at_a_private_school_names_the_item(plan):
    # B treated as 民办: the plan's only action (its equipment) is refused by rule (13)
    from dataclasses import replace

    b = plan.actions["school_id"].iloc[0]
    with pytest.raises(PlanCheckError, match=(
            "^\\(13\\) B小学 是民办学校，方案不应安排财政投入（购置教学仪器设备）。$")):
        check_plan(replace(plan.problem, private=frozenset({b})), plan.actions)
