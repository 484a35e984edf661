"""The 达标路径 funds nothing in a school year already begun on its 编制日期, and counts a
layout plan's one-off construction as already committed in its yearly budget (3).

The county of every test: A and B, 1,000 pupils each; B's equipment is 80 % of 2,000 元 per
pupil, so the plan buys 0.05 × 2,000 × 1,000 = 100,000 元 = 10 万元 of equipment at B
(lead time 0: funded up to the target year) and nothing else.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from compliance_builders import cost_file, county, primary_school, school_id
from junheng.errors import ConfigError
from junheng.io import example_county
from junheng.planning.compliance import default_target_year, plan_compliance
from junheng.planning.compliance_check import PlanCheckError, check_plan
from junheng.planning.compliance_costs import load_costs
from junheng.planning.compliance_county import current_students
from junheng.planning.compliance_data import build_problem

B = school_id("B")
JUNE, DECEMBER = date(2026, 6, 1), date(2026, 12, 4)  # before and after 2026-09-01


def _county():
    return county(primary_school("A", 1000), primary_school("B", 1000, equipment_value=1600.0))


def _plan(target: int, tmp_path, **kw):
    data = _county()
    return plan_compliance(data, current_students(data), target, time_limit=30,
                           costs=load_costs(cost_file(tmp_path)), **kw)


def test_the_plan_years_start_at_the_first_school_year_not_yet_begun(tmp_path):
    # data year 2025: on 2026-06-01 the 2026 学年 has not begun (years 2026–2028); on
    # 2026-12-04 it has (years 2027–2028); without a date, data year + 1 as before
    data, costs = _county(), load_costs(cost_file(tmp_path))
    def years(day):
        return build_problem(data, current_students(data), 2028, costs=costs,
                             plan_date=day).years
    assert years(JUNE) == (2026, 2027, 2028)
    assert years(DECEMBER) == (2027, 2028)
    assert replace(build_problem(data, current_students(data), 2028, costs=costs,
                                 plan_date=DECEMBER), plan_date=None).years == (2026, 2027, 2028)


def test_a_december_plan_funds_its_equipment_in_the_next_school_year(tmp_path):
    # target 2027 on 2026-12-04: 2027 is the only plan year, so the 10 万元 is paid in 2027
    plan = _plan(2027, tmp_path, plan_date=DECEMBER)
    assert plan.confirmed
    assert plan.actions["funding"].tolist() == [{2027: 10.0}]
    assert plan.totals_by_year() == {2027: 10.0}


def test_a_target_year_already_begun_is_refused_with_the_year_to_use(tmp_path):
    with pytest.raises(ConfigError, match=(
            "^目标学年 2026 学年早于首个可实施学年 2027 学年（按编制日期 2026 年 12 月 4 日推算："
            "2026 学年已于 2026 年 9 月 1 日开学）：请把目标学年定为 2027 学年或之后。$")):
        _plan(2026, tmp_path, plan_date=DECEMBER)


def test_the_default_target_year_leaves_two_years_for_building_after_the_first():
    # data year 2025: data year + 3 = 2028; in December the first year is 2027, + 2 = 2029
    county_data = example_county()
    assert default_target_year(county_data, JUNE) == 2028
    assert default_target_year(county_data, DECEMBER) == 2029


def test_committed_spending_moves_the_plan_to_the_years_with_room(tmp_path):
    # budget 8 万元 a year, committed 8 in 2026 and 6 in 2027: the plan has 0, 2 and 8 万元
    # of room in 2026, 2027, 2028, exactly its 10 万元 (2 + 8)
    plan = _plan(2028, tmp_path, plan_date=JUNE, budget=8.0, committed={2026: 8.0, 2027: 6.0})
    assert plan.confirmed
    assert plan.totals_by_year() == {2026: 0.0, 2027: 2.0, 2028: 8.0}
    assert plan.problem.room(2026) == 0.0 and plan.problem.room(2027) == 2.0


def test_committed_spending_over_the_budget_leaves_that_year_empty(tmp_path):
    # committed 9 in 2026 exceeds the 8 万元 budget: the plan's room there is 0, not −1;
    # 8 (2027) + 8 (2028) hold the 10 万元
    plan = _plan(2028, tmp_path, plan_date=JUNE, budget=8.0, committed={2026: 9.0})
    assert plan.confirmed
    assert plan.totals_by_year()[2026] == 0.0
    assert sum(plan.totals_by_year().values()) == pytest.approx(10.0)


def test_too_much_committed_names_the_budget_both_plans_fit_in(tmp_path):
    # rooms 0, 1, 8 = 9 < 10: no plan. A budget B leaves (B − 8) + (B − 7) + B ≥ 10, so
    # B ≥ 25 / 3 = 8.33: 9 万元 (not proven least: committed spending, found by halving)
    plan = _plan(2028, tmp_path, plan_date=JUNE, budget=8.0, committed={2026: 8.0, 2027: 7.0})
    assert plan.actions.empty
    assert (plan.diagnosis.binding, plan.diagnosis.least_budget) == ("budget", 9.0)
    assert plan.diagnosis.message.startswith(
        "年度预算约束：每年 8 万元（计入布局调整方案各年的一次性投入后）不足以在 2028 学年前完成达标，"
        "每年 9 万元可以完成（已按此预算求得方案）")


def test_the_checker_refuses_spending_over_what_the_committed_leaves(tmp_path):
    plan = _plan(2028, tmp_path, plan_date=JUNE, budget=8.0, committed={2026: 8.0, 2027: 6.0})
    moved = plan.actions.assign(funding=[{2027: 3.0, 2028: 7.0}])
    with pytest.raises(PlanCheckError, match=(
            r"^\(3\) 2027 学年投入 3\.00 万元，超过年度预算 8\.00 万元扣除布局调整方案当年已安排的"
            r"一次性投入（建设投资和过渡期临时周转） 6\.00 万元后可用的 2\.00 万元。$")):
        check_plan(plan.problem, moved)
    assert check_plan(plan.problem, plan.actions) == pytest.approx(10.0)


def test_the_checker_refuses_spending_in_a_school_year_already_begun(tmp_path):
    plan = _plan(2028, tmp_path, plan_date=DECEMBER)
    early = plan.actions.assign(funding=[{2026: 4.0, 2027: 6.0}])
    with pytest.raises(PlanCheckError, match=(
            "^\\(1\\) B小学 在 2026 学年投入：该学年在编制日期 2026 年 12 月 4 日已开学，"
            "最早 2027 学年投入。$")):
        check_plan(plan.problem, early)


def test_the_workbook_states_the_plan_date_and_the_first_plan_year(tmp_path):
    from openpyxl import load_workbook

    from junheng.report.compliance_xlsx import write_compliance_xlsx

    plan = _plan(2027, tmp_path, plan_date=DECEMBER)
    sheet = load_workbook(write_compliance_xlsx(plan, tmp_path / "plan.xlsx"))["方案说明"]
    rows = {r[0]: r[1] for r in sheet.iter_rows(values_only=True) if r and r[0]}
    assert rows["编制日期"] == "2026 年 12 月 4 日（首个可实施学年 2027 学年）"


def test_the_greedy_schedule_keeps_to_what_the_committed_leaves(tmp_path):
    # the solver-free schedule (the repair's) of the same plan: earliest years first, within
    # 8 − 8 = 0 (2026), 8 − 6 = 2 (2027) and 8 (2028): 0, 2, 8 万元
    from junheng.planning.compliance_model import build_model
    from junheng.planning.compliance_repair import schedule

    plan = _plan(2028, tmp_path, plan_date=JUNE, budget=8.0, committed={2026: 8.0, 2027: 6.0})
    model = build_model(plan.problem)
    values = plan.solution.values.copy()
    assert schedule(model, values)
    spend = values[model.milp.block("spend")].reshape(len(model.lead_groups), -1).sum(axis=0)
    assert spend.round(6).tolist() == [0.0, 2.0, 8.0]
