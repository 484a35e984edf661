"""先建后撤 (planner review finding 23): a closure into a receiver whose project is still 规划."""

from __future__ import annotations

import pytest

from junheng.model import CountyData
from junheng.planning.layout_conditions import with_conditions
from junheng.planning.layout_json import layout_from_json, layout_json
from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool
from junheng.planning.layout_reasons import action_reasons
from junheng.planning.plans_combined import _school_layout_text
from junheng.report.plan_rows import _layout_detail

#: review re finding 8: the same words as the 达标路径's (compliance_outside, layout_conditions.NO_GUARANTEE)
#: review 2026-12-05 finding 4: with when the project is in use and the closure against it
CONDITION = ("（先建后撤：余下洼村小学迁建项目竣工投入使用后撤并，计划 2027 年 8 月竣工、2027 学年起投入使用，"
             "撤并安排在该学年；项目现为规划状态（未开工），尚不能作为保障，推迟竣工则撤并顺延）")


def _county(status: str) -> CountyData:
    """One teaching point and one receiver whose 迁建 has ``status``."""
    schools = [{"school_id": sid, "name": name, "school_type": kind, "town_code": "410306001",
                "lon": 113.0, "lat": lat}
               for sid, name, kind, lat in (("A", "上桃寨村教学点", "teaching_point", 34.0),
                                            ("B", "余下洼村小学", "primary_school", 34.0288))]
    return CountyData.from_records(
        {"county_code": "410306", "school_year": 2025, "county_name": "示例县"}, schools=schools,
        projects=[{"school_id": "B", "name": "余下洼村小学迁建", "project_type": "relocation",
                   "completion_date": "2027-08-20", "added_places": 270, "status": status}])


def _plan() -> LayoutOutcome:
    a = PlannedSchool("A", "上桃寨村教学点", "close", kind="teaching_point", merged_into="B",
                      students_expected=12, lon=113.0, lat=34.0, town_code="410306001")
    b = PlannedSchool("B", "余下洼村小学", "keep", lon=113.0, lat=34.0288, town_code="410306001")
    return LayoutOutcome("optimal", (a, b), {}, year=2025, target_year=2030)


def test_planned_receiver_makes_the_closure_conditional() -> None:
    plan = with_conditions(_plan(), _county("planned"))
    closed = plan.schools[0]
    assert closed.condition == CONDITION
    # 0.0288° of latitude × 111.19 km = 3.2 km
    assert action_reasons(plan)["A"] == (
        "教学点，2030 学年不调整预计在校 12 人（现有在校生按本乡镇适龄儿童增减推算），"
        f"并入 3.2 公里外的余下洼村小学（同乡镇）{CONDITION}")
    names = {"A": "上桃寨村教学点", "B": "余下洼村小学"}
    assert _layout_detail(closed, names) == f"学生并入余下洼村小学{CONDITION}"
    assert _school_layout_text(closed, names) == f"撤并，并入余下洼村小学{CONDITION}"
    # review rd 1: the closed 教学点 is counted in 个, not as a school
    assert plan.notes == ("先建后撤：撤并的 1 个教学点的接收学校的建设项目现为规划状态（未开工），尚不能作为保障，待接收学校的"
                          "项目竣工投入使用后撤并，见各校“理由”；推迟竣工则撤并顺延，或改并入其他学校。",)
    assert layout_from_json(layout_json(plan)).schools[0].condition == CONDITION


@pytest.mark.parametrize("status", ["completed", "under_construction"])
def test_built_or_building_receiver_has_no_condition(status: str) -> None:
    plan = with_conditions(_plan(), _county(status))
    assert plan == _plan()  # nothing changes: no condition, no note
    assert action_reasons(plan)["A"].endswith("并入 3.2 公里外的余下洼村小学（同乡镇）")


def test_a_receiver_not_begun_is_in_use_no_sooner_than_its_build_time() -> None:
    # Review rv 13: 余下洼村小学's 迁建 is 规划 on 2026-12-05, due 2027-08-20. Not begun, it is in
    # use no sooner than the first school year not begun (2027) + the build time of a 迁建 (the
    # plan's new-school lead, 2 学年) = 2029, not the 2027 its 竣工日期 gives; the closure at
    # phase 4 (2025 + 4 = 2029) says it waits for the 迁建.
    from dataclasses import replace

    plan = replace(_plan(), rules={"plan_date": "2026-12-05"})
    plan = replace(plan, schools=(replace(plan.schools[0], phase=4), plan.schools[1]))
    leads = {"relocation": 2, "new_build": 2, "expansion": 2}
    closed = with_conditions(plan, _county("planned"), leads).schools[0]
    assert closed.condition == (
        # rv5 11: one date with its reason, no second 「（最早 2029 学年）」
        "（先建后撤：余下洼村小学迁建项目竣工投入使用后撤并，原计划 2027 年 8 月竣工，按未开工迁建项目的建设周期最早 "
        "2029 学年投入使用，撤并安排在该学年；项目现为规划状态（未开工），尚不能作为保障，"
        "推迟竣工则撤并顺延）")
    # without the build times (an older caller) the project's own date stands
    assert with_conditions(plan, _county("planned")).schools[0].condition.startswith(
        "（先建后撤：余下洼村小学迁建项目竣工投入使用后撤并，计划 2027 年 8 月竣工、2027 学年起投入使用，撤并在 2029 学年")


def _checked(status: str, phase: int) -> list[str]:
    """The checker's lines on 上桃寨村教学点 closing at ``phase`` into 余下洼村小学 (迁建 at ``status``)."""
    from datetime import date
    from types import SimpleNamespace as NS

    from junheng.planning.layout_check import PlanViolation
    from junheng.planning.layout_check_projects import check_project_waits

    problem = NS(school_year=2025, target_year=2030, config=NS(
        plan_date=date(2026, 12, 5), new_school_lead_years=2, expansion_lead_years=2))
    plan = {"schools": [{"school_id": "A", "name": "上桃寨村教学点", "action": "close", "phase": phase},
                        {"school_id": "B", "name": "余下洼村小学", "action": "keep", "phase": None}],
            "assignments": [{"school_id": "B", "before_school": "A"}]}
    try:
        check_project_waits(problem, plan, _county(status))
    except PlanViolation as exc:
        return list(exc.lines)
    return []


def test_the_checker_refuses_a_closure_sooner_than_a_project_not_begun() -> None:
    # 2027 (phase 2) < 2029 = 2027 + 2 (the 迁建 is 规划); 2029 (phase 4) is the earliest
    assert _checked("planned", 2) == [
        "先建后撤：上桃寨村教学点在 2027 学年撤并，但接收学校余下洼村小学的迁建项目现为规划状态（未开工），"
        "按建设周期最早 2029 学年投入使用，撤并应不早于该学年。"]
    assert _checked("planned", 4) == []
    # a 迁建 begun (在建) is in use from its 竣工日期's school year: 2027-08-20 → 2027
    assert _checked("under_construction", 2) == []
