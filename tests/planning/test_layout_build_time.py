"""One build-time rule for the layout plan and the 达标路径 (review 2026-12-04 finding 1): an
expansion is in use ``expansion_lead_years`` (default 2, the 达标路径's teaching_area, gym and
dormitory 实施周期) after the first school year the plan acts in, a new school
``new_school_lead_years`` (2, costs.yaml ``layout.new_school``); each build's money is paid
evenly in the school years before it is in use; both checkers hold the plan to it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pandas as pd
import pytest
from layout_builders import C1, TP, line_county
from test_layout import config, school_row

from junheng.planning import plan_layout
from junheng.planning.compliance_costs import load_costs
from junheng.planning.layout_check import PlanViolation, check_plan
from junheng.planning.layout_check_years import check_years
from junheng.planning.layout_config import load_layout_config
from junheng.planning.layout_json import layout_json
from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool, YearRooms
from junheng.planning.layout_spending import once_by_year, yearly_money
from junheng.planning.plans_combined import combined_years, layout_leads

DECEMBER = date(2026, 12, 4)


def test_the_layouts_build_times_are_the_compliance_price_files():
    # one table: costs.yaml teaching_area, gym, dormitory_area and layout.new_school all 2
    # years; the layout's defaults are the same
    leads = layout_leads(load_costs())
    cfg = load_layout_config(None)
    assert leads == {"classroom": 2, "bed": 2, "new": 2, "area": 2}
    assert (cfg.expansion_lead_years, cfg.new_school_lead_years) == (2, 2)


def test_each_build_is_paid_evenly_in_the_years_before_it_is_in_use():
    # data year 2025, phase 4: in use 2029. The new school's 5,186.42 万 in 2027 and 2028,
    # 2,593.21 万 each; the expansion's 100.01 万 as 50.00 + 50.01 (whole 0.01 万 parts, the
    # rest last); a plan without the rules (older plan.json) pays in the year of use
    plan = LayoutOutcome("optimal", (
        PlannedSchool("N", "新建初级中学", "new", phase=4, capital_yuan=51_864_200.0),
        PlannedSchool("A", "甲小学", "expand", phase=4, capital_yuan=1_000_100.0)), {},
        year=2025, target_year=2030,
        rules={"new_school_lead_years": 2, "expansion_lead_years": 2})
    assert once_by_year(plan) == {2027: 25_932_100.0 + 500_000.0, 2028: 25_932_100.0 + 500_100.0}
    assert once_by_year(replace(plan, rules={})) == {2029: 52_864_300.0}
    # the combined table's layout line is the same, in 万元
    by = combined_years(plan, pd.DataFrame(columns=["project", "annual_cost", "funding"]),
                        2030, 1)
    assert (by["years"], by["layout_construction"]) == ([2027, 2028], [2643.21, 2643.22])


def test_a_december_plan_expands_two_years_on_and_pays_in_the_years_between():
    """line_county, C1 of 2 rooms, target 2027 (test_layout_first_year had the build in 2027
    with 0 build years): made on 2026-12-04 the first school year is 2027, so C1's 2 rooms
    could be in use in 2029 at the earliest. Classes formed grade by grade (a third of each
    group in each grade, 45 a class; brief hroom): 2027 34 + 102 pupils → 3 + 3 classes − 2
    rooms = 4; 2028 0 + 102 → 1; 2029 0 + 68 (22.7 a grade) → 1; 2030 0 + 34 → 1 (by seats
    2, 1 and none from 2029: both rooms were borrowed, nothing built). Rule (27): the solve adds
    the target year's 4 (2 by seats). Room 1 is needed 2027–2030, 4 years in a row: built, in use
    from 2029 (phase 4); rooms 2–4 (2027 only) are borrowed; TP closes into C1 after its build, in 2030 (phase 5). Its pupils stay at TP until
    then (review rv10 2: the rows count the pupils at C1 that year): village 3's 4 pupils of
    grades 1–3 in 2027 are not at C1, 136 − 4 = 132 (still 4 rooms short)."""
    data = line_county(far_village=False, c1_rooms=2)
    cfg = config(plan_date=DECEMBER, expansion_lead_years=2, target_year=2027)
    plan = plan_layout(data, cfg)
    assert (school_row(plan, C1)["phase"], school_row(plan, TP)["phase"]) == (4, 5)
    assert plan.outcome.transition == (
        YearRooms(2027, C1, "primary", 132, 4, 0, 4, 0),
        YearRooms(2028, C1, "primary", 102, 1, 0, 1, 0),
        YearRooms(2029, C1, "primary", 68, 1, 1, 0, 1),
        YearRooms(2030, C1, "primary", 34, 1, 1, 0, 0))
    c1 = next(s for s in plan.outcome.schools if s.school_id == C1)
    assert (c1.built_classrooms, c1.temporary_classrooms, c1.shown_action) == (1, 3, "expand")
    # the built room's 800,000 元 paid evenly in its 2 build years
    assert check_years(data, plan.outcome, cfg) == {2027: 400_000.0, 2028: 400_000.0}
    check_plan(plan.problem, layout_json(plan.outcome), data)
    # check_plan with the county re-derives the 过渡期 too (check_years): a 2028 row saying
    # 0 rooms short, where 102 pupils over C1's 90 seats of 45 need 1, is refused
    doc = layout_json(plan.outcome)
    doc["transition"][1].update(overflow=0, temporary=0)
    check_plan(plan.problem, doc)  # without the county the rows are not looked at
    with pytest.raises(PlanViolation, match=f"^2028 学年学校{C1}（小学）过渡期记录与推算不符：学生 102 人，"
                                            "缺口 1 间，已建 0 间。$"):
        check_plan(plan.problem, doc, data)
    assert [(r.year, r.once_yuan, r.running_yuan, r.starts) for r in yearly_money(plan.outcome)] == [
        # the built room's 400,000 a build year, and the rooms short before it (4 in 2027, 1 in
        # 2028) met by 临时周转 at 20,000 元 a room-year (review rv2 6: every 周转 room is
        # priced): 480,000 and 420,000
        (2027, 480_000.0, 0.0, ""), (2028, 420_000.0, 0.0, ""),
        (2029, 0.0, 0.0, "扩建 1 所"), (2030, 0.0, -400_000.0, "撤并教学点 1 个"),  # TP: 个 (finding 18)
        # to 2031, the target year 2027 + 5 recurring years − 1 (brief hyears 2: it was 2027 + 3)
        (2031, 0.0, -400_000.0, "")]
    # the 综合评价 annualises the 1 built room, 800,000 / 20 = 40,000 元 a year (the solver
    # priced all 4 built, rule (27): its objective is 3 × 40,000 元 a year more)
    after = plan.metrics["after"]
    assert after["capital_annual_yuan"] == 40_000.0
    assert after["objective_yuan"] == pytest.approx(plan.outcome.objective - 120_000, abs=1)
    # both checkers refuse an expansion that builds its 2 rooms a year sooner (2028: 2027 + 1
    # < 2027 + 2)
    doc = layout_json(plan.outcome)
    next(s for s in doc["schools"] if s["school_id"] == C1).update(
        phase=3, temporary_classrooms=0, temporary_yuan=0.0)
    with pytest.raises(PlanViolation) as raised:
        check_plan(plan.problem, doc)
    assert (f"扩建学校学校{C1}在 2028 学年投入使用，早于首个可实施学年之后 2 个学年（2029 学年）。"
            in raised.value.lines)
    sooner = replace(plan.outcome, schools=tuple(
        replace(s, phase=3, temporary_classrooms=0, temporary_yuan=0.0) if s.school_id == C1
        else s for s in plan.outcome.schools))
    with pytest.raises(PlanViolation) as raised:
        check_years(data, sooner, cfg)
    assert raised.value.lines[0] == (
        f"扩建学校学校{C1}在 2028 学年投入使用，早于首个可实施学年 2027 学年之后 2 个学年（建设周期），应不早于 2029 学年。")
