"""A school that passes 学校达标 only with the layout's land beside it, not yet granted, is
待核实 and not counted (brief hland; hsports: "pending is not passed")."""

from __future__ import annotations

from datetime import date

import pytest

from compliance_builders import cost_file, county, primary_school, school_id
from junheng.planning.compliance import plan_compliance
from junheng.planning.compliance_costs import load_costs
from junheng.planning.compliance_county import current_students
from junheng.planning.compliance_layout import county_after_layout
from junheng.planning.compliance_summary import counted, evaluation_summary, held, passing_text
from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool
from junheng.planning.option_b import counts_text
from junheng.planning.pending_land import plan_land

A, C = school_id("A"), school_id("C")


def _plan(tmp_path, land: float):
    """A: 1,000 pupils on 6,000 m² of sports area (6.0 m² a pupil, 80 % of 7.5), every other
    indicator met; the layout buys ``land`` m² beside it (rule (25)). C meets everything."""
    data = county(primary_school("A", 1000, sports_area=6.0), primary_school("C", 1000))
    layout = LayoutOutcome(status="optimal", metrics={}, county=data.county_code, year=data.school_year,
                           schools=(PlannedSchool(A, "A小学", "keep", added_sports_area=0.0,
                                                  sports_field=True, sports_land_area=land),))
    after = county_after_layout(data, layout)
    return plan_compliance(after, current_students(after), 2026, costs=load_costs(cost_file(tmp_path)),
                           time_limit=30, plan_date=date(2026, 6, 1))


def test_a_pass_only_with_pending_land_is_held_apart(tmp_path):
    # with the land: (6,000 + 750) / 1,000 = 6.75 m² = 90 % of 7.5, the one indicator below
    # standard and not below 85 %: A passes, the plan builds nothing there; without it 6.0 =
    # 80 % < 85 %: A passes only on land not yet granted
    plan = _plan(tmp_path, 750.0)
    units = plan.evaluation.units.set_index("school_id")
    assert bool(units.at[A, "passes"]) and bool(units.at[C, "passes"])
    assert plan.actions.empty or A not in set(plan.actions["school_id"])
    assert plan_land(plan) == {f"{A}:primary": pytest.approx(0.8)}  # 6,000 / 1,000 / 7.5
    stage = evaluation_summary(plan.evaluation, land=plan_land(plan))["stages"]["primary"]
    assert (stage["passing"], stage["land_passing"], stage["land_shares"]) == (2, ["A小学"], [0.8])
    assert counted(stage) == 1  # 2 passing − 1 held apart
    assert held(stage) == [(["A小学"], "扩充运动场地用地待自然资源部门确认")]
    assert passing_text(stage, " 所达标") == (
        "1/2 所达标，另 1 所（A小学）扩充运动场地用地待自然资源部门确认，"
        "不计该用地生均体育运动场馆面积为标准的 80.0%，待核实")
    # 方案甲's count as table 1's; 方案乙 not evaluated school by school (rv29 1)
    assert counts_text({"units": {"primary": 2}}, {"primary": stage}) == (
        "学校达标数（按预测中位数；待核实的不计入，与“评估未达标和待核实指标的整改措施”表同一口径）："
        "方案甲小学 1/2 所（另 1 所待核实）；方案乙未逐校测算（不新建学校，参评小学 2 所）。")


def test_a_pass_without_the_land_is_counted(tmp_path):
    # A at 6.4 m² (6,400 m², 85.3 % of 7.5) and 400 m² of land (6,800 m², 90.7 %): it passes
    # without the land too, so its pass is counted
    data = county(primary_school("A", 1000, sports_area=6.4), primary_school("C", 1000))
    layout = LayoutOutcome(status="optimal", metrics={}, county=data.county_code, year=data.school_year,
                           schools=(PlannedSchool(A, "A小学", "keep", sports_field=True, sports_land_area=400.0),))
    after = county_after_layout(data, layout)
    plan = plan_compliance(after, current_students(after), 2026, costs=load_costs(cost_file(tmp_path)),
                           time_limit=30, plan_date=date(2026, 6, 1))
    assert plan_land(plan) == {}
    stage = evaluation_summary(plan.evaluation, land=plan_land(plan))["stages"]["primary"]
    assert "land_passing" not in stage and counted(stage) == 2
    assert passing_text(stage, " 所达标") == "2/2 所达标"


def test_a_pass_only_once_new_backbone_teachers_are_appointed_is_held_apart_like_land(tmp_path):
    """Review rv29 2: a unit passing only once its new 骨干 are 认定 was counted as passing
    (「其中 7 所的达标待…认定」) while one waiting for land was 待核实: both are 待核实 now. Here A
    passes only with the land and C only once 认定 (``appointed``): 2 − 2 = 0/2 firm."""
    plan = _plan(tmp_path, 750.0)
    stage = evaluation_summary(plan.evaluation, land=plan_land(plan), appointed={"primary": ["C小学"]})["stages"]["primary"]
    assert (stage["passing"], stage["appointed_passing"]) == (2, ["C小学"])
    assert counted(stage) == 0
    assert held(stage) == [(["A小学"], "扩充运动场地用地待自然资源部门确认"), (["C小学"], "待新培养的骨干教师认定")]
    assert passing_text(stage, " 所达标") == (
        "0/2 所达标（另 2 所待核实），另 1 所（A小学）扩充运动场地用地待自然资源部门确认，不计该用地生均体育运动场馆面积为标准的 80.0%，"
        "待核实，另 1 所的达标待新培养的骨干教师认定（一人都未认定即不达标，见“教师培养培训”），待核实")
    # no 认定 pending in another stage: nothing said there
    assert "appointed_passing" not in evaluation_summary(plan.evaluation, appointed={"junior": ["乙中学"]})[
        "stages"]["primary"]
