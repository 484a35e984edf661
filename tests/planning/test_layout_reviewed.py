"""Closures a county has already 论证'd (planning.layout_reviewed, brief hkeys 1): the plan
YAML's ``closures_reviewed`` lets them take effect in the first school year although rule (26)
closes nothing else before 2028 for a plan made on 2026-12-04 (test_layout_closure_spread)."""

from __future__ import annotations

from datetime import date

import pytest
from test_layout_closure_spread import DECEMBER, POINTS, config, points_county

from junheng.errors import ConfigError
from junheng.planning import load_layout_config, plan_layout
from junheng.planning.layout_check import PlanViolation, check_plan
from junheng.planning.layout_json import layout_json
from junheng.planning.layout_procedure import procedure_paragraphs, procedure_status
from junheng.planning.layout_reviewed import ClosureReview, reviewed_year
from junheng.report.layout_info import setting_rows

DONE = {"P3": "2026-09-20", "P4": {"report": "2026-09-10", "hearing": "2026-11-30"}}


def test_closures_already_reviewed_take_effect_in_the_first_school_year():
    # P3, P4 论证'd by 2026-09-30: 2027 (phase 2), the plan's first school year; P1, P2 spread
    # over what is left from 2028 (phase 3), k = 2: 3 + ⌊2i / 2⌋, P1 (10) in 3, P2 (20) in 4
    plan = plan_layout(points_county(), config(plan_date=DECEMBER, closures_reviewed=DONE),
                       evaluate_cvs=False)
    schools = {s.school_id: s for s in plan.outcome.schools}
    assert {p: schools[p].phase for p in POINTS} == {"P1": 3, "P2": 4, "P3": 2, "P4": 2}
    note = next(n for n in plan.outcome.notes if "分期撤并" in n)
    assert "撤并最早自 2028 学年起实施；方案设置“已完成撤并论证的学校”所列 2 个校点已完成论证，" \
           "自其论证、听证、公示均未超过期限的学年起撤并。" in note
    check_plan(plan.problem, layout_json(plan.outcome))
    # the 撤并程序 line of 2027: no step late, the steps done said with their days
    line = next(p for p in procedure_paragraphs(plan.outcome) if p.startswith("2027 学年"))
    assert line == (
        "2027 学年撤并教学点 2 个（现有在校生 70 人、教师 4 人）：2026 年 9 月底前完成逐点论证报告，"
        "2026 年 12 月底前（2027 年春季学期开学前）召开听证会，2027 年 3 月底前公示撤并方案和听证结果，"
        "2027 年 5 月底前完成报批，2027 年 9 月秋季开学起撤并；其中学校P3已于 2026 年 9 月 20 日完成逐点论证报告；"
        "学校P4已于 2026 年 9 月 10 日完成逐点论证报告、2026 年 11 月 30 日召开听证会"
        "（方案设置“已完成撤并论证的学校”），其余步骤按上述期限办理。")
    assert [procedure_status(schools[p], plan.outcome) for p in POINTS] == [
        "待论证、听证", "待论证、听证", "已完成论证，待听证、公示、报批", "已完成论证、听证，待公示、报批"]
    # the table of settings names them with their days
    assert [r[1] for r in setting_rows(plan.outcome) if r[0] == "规则：已完成撤并论证的学校"] == [
        "学校P3已于 2026 年 9 月 20 日完成逐点论证报告；"
        "学校P4已于 2026 年 9 月 10 日完成逐点论证报告、2026 年 11 月 30 日召开听证会"]


def test_the_checker_still_refuses_a_closure_not_reviewed_in_the_first_year():
    plan = plan_layout(points_county(), config(plan_date=DECEMBER, closures_reviewed=DONE),
                       evaluate_cvs=False)
    edited = layout_json(plan.outcome)
    for s in edited["schools"]:  # P1 moved back to 2027 by hand; P3, P4 there already
        if s["school_id"] == "P1":
            s["phase"] = 2
    with pytest.raises(PlanViolation) as caught:
        check_plan(plan.problem, edited)
    assert caught.value.lines == (
        "学校P1在 2027 学年撤并，其逐点论证报告须在 2026 年 9 月底前完成，编制日期 2026 年 12 月 4 日已过此期限，"
        "撤并应不早于 2028 学年。",)


def test_a_step_still_to_do_after_its_deadline_moves_the_closure_a_year():
    # report done 2026-09-20; made 2027-01-10 without a hearing: 2027's hearing was due by
    # 2026-12-31, so 2028; with the hearing held 2026-12-20, 2027; a 公示 in April 2027 misses
    # 2027's (by 2027-03-31): 2028
    report = date(2026, 9, 20)
    assert reviewed_year(ClosureReview(report=report), date(2027, 1, 10)) == 2028
    assert reviewed_year(ClosureReview(report=report, hearing=date(2026, 12, 20)), date(2027, 1, 10)) == 2027
    assert reviewed_year(ClosureReview(report=report, hearing=date(2026, 12, 20), notice=date(2027, 4, 2)),
                         date(2027, 4, 5)) == 2028
    # a report done in October is late for the next school year: the one after
    assert reviewed_year(ClosureReview(report=date(2026, 10, 8)), DECEMBER) == 2028


def test_a_reviewed_date_after_the_plan_date_or_an_unknown_school_is_refused():
    with pytest.raises(ConfigError) as caught:
        plan_layout(points_county(), config(plan_date=DECEMBER, closures_reviewed={"P3": "2026-12-20"}),
                    evaluate_cvs=False)
    assert str(caught.value) == (
        "方案设置“closures_reviewed”（已完成撤并论证的学校）中 P3（学校P3）的论证报告完成日期 2026-12-20 晚于编制日期 "
        "2026-12-04：只能填写已经完成的论证、听证和公示。")
    with pytest.raises(ConfigError) as caught:
        plan_layout(points_county(), config(plan_date=DECEMBER, closures_reviewed={"P9": "2026-09-20"}),
                    evaluate_cvs=False)
    assert str(caught.value) == \
        "方案设置“closures_reviewed”（已完成撤并论证的学校）中的 P9 不是本县参与布局规划的学校标识码。"
    with pytest.raises(ConfigError) as caught:
        plan_layout(points_county(), config(plan_date=DECEMBER, closures_reviewed={
            "P3": {"report": "2026-09-20", "hearing": "2026-09-01"}}), evaluate_cvs=False)
    assert str(caught.value) == (
        "方案设置“closures_reviewed”（已完成撤并论证的学校）中 P3（学校P3）的听证会日期 2026-09-01 早于论证报告完成日期 "
        "2026-09-20：应依次论证、听证、公示。")
    with pytest.raises(ConfigError, match="“closures_reviewed.P3.report”.*值“9月”无效：应为日期，写作 年-月-日"):
        load_layout_config(None, closures_reviewed={"P3": "9月"})
