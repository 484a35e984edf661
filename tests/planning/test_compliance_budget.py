"""Issue 16: the plan's yearly budget defaults to a share of the county's 一般公共预算教育支出
(a 假设值 the user overrides), and when it cannot finish by the target year the plan is for the
earliest year it can, and says so."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from compliance_builders import cost_file, county, primary_school
from junheng.jobs.compliance import plan_within_budget
from junheng.planning.compliance_costs import load_costs
from junheng.planning.compliance_county import current_students
from junheng.planning.compliance_json import compliance_dict, year_rows


def _county(spending: float | None):
    # A (main city, no land for a field) needs a 4,375 m² hall to reach the 85 % floor of its
    # sports area (as in test_compliance_gym_cap): 1,837.5 万元 at 0.42 万元/m².
    schools = (
        primary_school("A", 1000, code="111", sports_area=2.0),
        primary_school("C", 1000, code="111"),
    )
    if spending is None:
        return county(*schools)
    return county(
        *schools,
        {
            "county_figures": [
                {
                    "year": 2024,
                    "figure": "public_education_spending",
                    "value": spending,
                    "unit": "万元",
                    "evidence": "县财政局 2024 年决算",
                }
            ]
        },
    )


def _plan(data, tmp_path):
    # today's pupils in every year 2026-2028 (the earliest-year search tries the later ones)
    students = pd.concat([current_students(data).assign(year=y) for y in (2026, 2027, 2028)])
    options = {"costs": load_costs(cost_file(tmp_path, land__gym_max_area=6000, land__floor_margin=0.0)),
               "time_limit": 30,
               "plan_date": date(2026, 6, 1)}  # before the 2026 学年 begins: 2026 is a plan year
    return plan_within_budget(data, data, students, 2026, None, options)


def test_the_default_budget_phases_the_hall_and_moves_the_target_year(tmp_path):
    # 10 % of 10,000 万元 = 1,000 万元 a year: 1,837.5 万元 cannot be paid in 2026 alone, so the
    # plan is for 2027 (2026: 1,000, 2027: 837.5), and the notes say why.
    plan, notes = _plan(_county(10_000.0), tmp_path)
    assert plan.problem.budget == 1000.0 and plan.problem.target_year == 2027
    assert plan.confirmed
    doc = compliance_dict(plan)
    assert year_rows(doc) == (
        ["2026", "2027"],
        [("体育场馆建设", [1000.0, 837.5], 1837.5), ("一次性投入合计", [1000.0, 837.5], 1837.5)],
    )
    assert notes[0] == (
        "年度预算：按 2024 年一般公共预算教育支出 10,000 万元（含高中等各学段，工作簿未分学段）的 10% 计，每年 1,000.00 万元（假设值，可在计算时"
        "指定年度预算，或在县区单价文件中修改预算占比）；建设和新增人员经费都在此额度内分年度安排。"
    )
    assert notes[1].startswith(
        "按默认年度预算，2026 学年前不能完成全部整改（年度预算约束：每年 1,000 万元"
        "不足以在 2026 学年前完成达标，至少需要每年 1,838 万元"
    )
    assert notes[1].endswith("本方案按最早可以完成的 2027 学年编制。")


def test_without_the_figure_there_is_no_limit_and_the_plan_says_so(tmp_path):
    plan, notes = _plan(_county(None), tmp_path)
    assert plan.problem.budget is None and plan.objective == pytest.approx(1837.5)
    assert notes[0].startswith(
        "年度预算：工作簿的县级年度数据没有一般公共预算教育支出，本方案不限年度预算"
    )
