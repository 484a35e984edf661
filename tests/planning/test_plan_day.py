"""The plan day (编制日期; blank: today) decides the first school year a plan acts in and when a
project past its 竣工日期 and not finished is counted in use: from the school year after its
date when the plan is made before that date, from the next school year not yet begun when it
is made after (planner review 2026-12-05 finding 2). The suite runs on one day (``conftest.
PLAN_DAY``); these tests give theirs.

The cause found here (brief tf): ``plan_layout_with_projects`` and ``run_compliance`` flagged
the county's projects as late on the machine's date, not the plan's: a plan dated 2026-06-01
and made on 2026-12-05 said four projects due 2026-06 … 08 were late (计划竣工已过) that on
its day were not yet due."""

from __future__ import annotations

import re
from datetime import date

import pandas as pd
import pytest

from compliance_builders import cost_file, county, primary_school, school_id
from junheng.io import example_county
from junheng.jobs.compliance import run_compliance
from junheng.jobs.forecast import forecast_with_projects
from junheng.jobs.layout import plan_layout_with_projects
from junheng.model.times import today_beijing
from junheng.planning import load_layout_config
from junheng.planning.compliance_json import compliance_dict

JUNE = date(2026, 6, 1)  # the 2026 学年 has not begun: a project due 2026-08 is not yet late
DECEMBER = date(2026, 12, 5)  # it began on 2026-09-01: the project due 2026-08 and not finished is late
LATE = "计划竣工已过，请更新项目状态"


def test_the_suite_makes_its_plans_on_one_day(plan_day):
    # conftest pins the clock every 编制日期 reads: the suite gives the same result in 2030
    assert plan_day == DECEMBER
    assert today_beijing() == DECEMBER


def _rooms(forecast, name: str) -> dict[int, int]:
    rows = forecast.schools[forecast.schools["name"] == name]
    return {int(y): int(r) for y, r in zip(rows["year"], rows["classrooms"], strict=True)
            if y <= 2028}


def test_a_project_due_in_august_counts_from_2026_on_a_june_plan_day_and_from_2027_in_december(
        demo_years):
    # the demo county (洛北县, data year 2025): 洛北县第一初级中学教学楼改扩建, 在建, due
    # 2026-08-25, 495 places = floor(495 / 50) = 9 rooms of 50 pupils; on 2026-06-01 it is in
    # use from the 2026 学年 (the one after its date); on 2026-12-05, not finished, the 2026
    # 学年 began without it: from 2027
    june = forecast_with_projects(demo_years, today=JUNE)
    december = forecast_with_projects(demo_years, today=DECEMBER)
    school = "洛北县第一初级中学"
    reported = _rooms(june, school)[2025]
    assert _rooms(june, school) == {2025: reported, 2026: reported + 9, 2027: reported + 9,
                                    2028: reported + 9}
    assert _rooms(december, school) == {2025: reported, 2026: reported, 2027: reported + 9,
                                        2028: reported + 9}
    assert "洛北县第一初级中学教学楼改扩建，2026 学年起 +9 间" in june.notes[0]
    assert ("洛北县第一初级中学教学楼改扩建，已逾期（原计划 2026 年 8 月竣工），按最早 2027 学年起投入使用计，须县政府督办，+9 间"
            in december.notes[0])
    # a project late on both days (due 2025-12-30): the school year after each day
    assert ("洛北县实验小学教学楼改扩建，已逾期（原计划 2025 年 12 月竣工），按最早 2026 学年起投入使用计，"
            "须县政府督办，+14 间") in june.notes[0]
    assert ("洛北县实验小学教学楼改扩建，已逾期（原计划 2025 年 12 月竣工），按最早 2027 学年起投入使用计，"
            "须县政府督办，+14 间") in december.notes[0]


def _counted(notes) -> str:
    return next(n for n in notes if n.startswith("已计入的在建、规划项目"))


def test_the_layout_plan_flags_a_late_project_on_its_own_plan_day_not_the_machines():
    # 示例县: 城关第一小学教学楼改扩建 due 2026-08-20, 河口乡运动场改造 2026-10-31, 城东小学新建
    # 2026-08-31, all unfinished. A plan dated 2026-06-01 is made before all three dates: none
    # is late, whatever day the machine says (the suite's: 2026-12-05, when all three are)
    config = load_layout_config().model_copy(update={"plan_date": JUNE})
    notes = plan_layout_with_projects(example_county(), config, verify=False).outcome.notes
    assert notes[0].startswith("首个可实施学年：2026 学年（按编制日期 2026 年 6 月 1 日推算：2026 学年尚未开学，")
    counted = _counted(notes)
    assert LATE not in counted
    assert ("示例县城关第一小学教学楼改扩建（示例县城关第一小学，改扩建，在建，2026 年 8 月竣工）："
            "新增学位 270 个（按每班 45 人折合普通教室 6 间）") in counted


def test_the_compliance_plan_flags_a_late_project_on_its_own_plan_day_not_the_machines(tmp_path):
    # B's 教学楼改扩建 due 2026-08-20, 在建: not late on the plan's day 2026-06-01 (counted in
    # the 2026 学年, floor(90 / 45) = 2 rooms); late on the suite's day, 2026-12-05
    data = county(primary_school("A", 1000), primary_school("B", 1000)).with_tables(
        projects=pd.DataFrame({
            "school_id": [school_id("B")], "name": ["B小学教学楼改扩建"], "project_type": ["expansion"],
            "status": ["under_construction"], "completion_date": ["2026-08-20"],
            "added_places": [90]}))
    plan = run_compliance([data], costs=cost_file(tmp_path), target_year=2026, time_limit=20,
                          plan_date=JUNE)
    counted = _counted(compliance_dict(plan)["assumptions"])
    assert counted.startswith("已计入的在建、规划项目（2026 学年开学前竣工，共 1 项）："
                              "B小学教学楼改扩建（B小学，改扩建，在建，2026 年 8 月竣工）：")
    assert LATE not in counted


def test_the_compliance_plan_lists_a_planned_project_not_begun_from_its_earliest_year_as_the_layout(tmp_path):
    # rv7 8: the 整改 listed 余下洼 「规划，2027 年 8 月竣工」 beside the layout's 「最早 2029 学年」.
    # B's 改扩建 is 规划, due 2027-08-20. On 2026-12-05 the first school year not begun is 2027;
    # with an expansion's build time of 2 years (the cost file's teaching_area) it is in use from
    # 2027 + 2 = 2029, after 2027 (the year its date gives); with 0 years, 2027: its date stands
    data = county(primary_school("A", 1000), primary_school("B", 1000)).with_tables(
        projects=pd.DataFrame({
            "school_id": [school_id("B")], "name": ["B小学教学楼改扩建"], "project_type": ["expansion"],
            "status": ["planned"], "completion_date": ["2027-08-20"], "added_places": [90]}))
    said = {}
    for lead in (2, 0):
        plan = run_compliance([data], costs=cost_file(tmp_path, items__teaching_area__lead_years=lead),
                              target_year=2030, time_limit=20, plan_date=DECEMBER)
        said[lead] = _counted(compliance_dict(plan)["assumptions"])
    assert ("B小学教学楼改扩建（B小学，改扩建，规划，未开工，原计划 2027 年 8 月竣工，"
            "按未开工项目的建设周期最早 2029 学年投入使用）：") in said[2]
    assert "B小学教学楼改扩建（B小学，改扩建，规划，2027 年 8 月竣工）：" in said[0]


def _late(counted: str) -> list[str]:
    """The projects the counted-projects sentence says are late, in its order."""
    return re.findall(rf"([^；：（）]+)（[^（）]*竣工；{LATE}）", counted.split("：", 1)[1])


@pytest.mark.slow
def test_the_demo_county_s_layout_plan_on_two_plan_days(demo_years, demo_run):
    # 洛北县 (data year 2025) planned on 2026-06-01 and on 2026-12-05: the first school year is
    # 2026 (not begun) and 2027 (2026 began on 09-01); a new school needs 2 years: from 2028
    # and 2029; the projects due 2026-06 … 08 and not finished are late only in December, the
    # one due 2025-12-30 on both days. December: the demo's own plan, made "today", the suite's
    # day (PLAN_DAY). June: the same notes from what plan_layout_with_projects makes them of,
    # on the June config (until 2026-12-07 a whole second solve of the demo county, 38 s of the
    # suite; that a plan takes its day, not the machine's, is the example county's test above)
    from dataclasses import replace

    from junheng.planning.layout_conditions import lead_years
    from junheng.planning.layout_phases import lead_note, phase_note, plan_phase
    from junheng.planning.projects import county_at

    data = demo_years[-1]
    june = load_layout_config(None, plan_date=JUNE)
    plan = demo_run.plan.outcome
    assert plan.rules["plan_date"] == "2026-12-05"
    built = replace(county_at(data, data.school_year + june.target_years_ahead, today=JUNE),
                    leads=lead_years(june))
    first = data.school_year + plan_phase(june, data.school_year)
    notes = {JUNE: [phase_note(june, data.school_year) + lead_note(first, june.new_school_lead_years),
                    *built.plan_notes("布局调整方案", None, new_schools_used=True)],
             DECEMBER: plan.notes}
    assert notes[JUNE][0].startswith(
        "首个可实施学年：2026 学年（按编制日期 2026 年 6 月 1 日推算：2026 学年尚未开学，年度预算自该学年起计）。"
        "新建学校须征地、立项和建设，最早在首个可实施学年之后 2 个学年即 2028 学年启用")
    assert notes[DECEMBER][0].startswith(
        "首个可实施学年：2027 学年（按编制日期 2026 年 12 月 5 日推算：2026 学年已于 2026 年 9 月 1 日开学，"
        "建设和撤并最早自下一学年起实施，年度预算自该学年起计）。"
        "新建学校须征地、立项和建设，最早在首个可实施学年之后 2 个学年即 2029 学年启用")
    assert _late(_counted(notes[JUNE])) == ["洛北县实验小学教学楼改扩建"]
    assert _late(_counted(notes[DECEMBER])) == [
        "黄城镇初级中学迁建工程", "郑沟镇中心小学学生宿舍楼", "洛北县实验小学教学楼改扩建",
        "洛北县第一初级中学教学楼改扩建", "黄城镇初级中学运动场新建"]
