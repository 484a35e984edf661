"""Rule (23): a new school is built whole for the pupils the plan sends it, its classes formed
grade by grade at the standard class size in every school year it is open (review he: the plan
without a forecast opened a 九年一贯制 school at 人民路社区片区 three rooms short of its own pupils
in the plan year: 371 primary pupils, about 62 a grade, in 9 rooms); the checker re-derives it
year by year and names the school, the year, the rooms needed and built.

County: village 1 at 112.00 with 20 children of every age 0–14, so 60 in each stage group every
year (the growth to any year is 1); a primary P and a junior school J at 112.05, both closed;
the candidate site N at 112.00. Data year 2025, target 2027, plan day 2025-06-01 (the first
school year the plan acts in is the data year + 1, 2026), a new school in use one year after:
2027, the years looked at 2027–2030.
No fill margin, field or equipment price (``ONLY_AREA``): the stages' seats ask 120 / 45 →
3 primary and 60 / 50 → 2 junior rooms; grade by grade 20 pupils make a class in each of the
six primary and three junior grades: 6 and 3 rooms.
"""

from __future__ import annotations

import pytest
from layout_builders import TOWN, county, school, village
from test_layout_new_cost import NO_SITE_COST, ONLY_AREA, J, N, P

from junheng.planning import load_layout_config, plan_layout
from junheng.planning.layout_check import PlanViolation, check_plan
from junheng.planning.layout_json import layout_json


def every_age_county():
    return county([{**village(1, 112.00, code="220"), **{f"age_{a}": 20 for a in range(15)}}],
                  [school(P, "primary_school", 112.05, code="220"),
                   school(J, "junior_school", 112.05, code="220")], {P: 12, J: 12})


def config(**kw):
    base = {"new_sites": [{"id": N, "name": "新校", "lon": 112.00, "lat": 34.0, "town_code": TOWN}],
            "boarding_per_town": False, "target_year": 2027, "today_shares": False,
            "cv_limits": False, "weights": NO_SITE_COST, **ONLY_AREA, "close": [P, J],
            "plan_date": "2025-06-01", "new_school_lead_years": 1, "expansion_lead_years": 0}
    return load_layout_config(None, **{**base, **kw})


@pytest.fixture(scope="module")
def plan():
    return plan_layout(every_age_county(), config(), evaluate_cvs=False)


def test_a_new_school_builds_a_room_for_each_grades_class(plan):
    new = next(s for s in plan.outcome.schools if s.school_id == N)
    assert (new.action, dict(new.students_after)) == ("new", {"primary": 120, "junior": 60})
    # 6 primary grades of 20 pupils and 3 junior grades of 20: a class each, not 3 + 2
    assert dict(new.added_classrooms_by_stage) == {"primary": 6, "junior": 3}
    assert new.temporary_classrooms == 0
    # its classes fill its rooms: no 理由 says a room is short (layout_reasons.room_notes)
    assert "约缺" not in plan.outcome.kept_reasons.get(N, "")
    check_plan(plan.problem, layout_json(plan.outcome), every_age_county())


def test_the_checker_names_the_year_and_the_rooms_a_new_school_lacks(plan):
    doc = layout_json(plan.outcome)
    new = next(s for s in doc["schools"] if s["school_id"] == N)
    new["added_classrooms_by_stage"] = {"primary": 3, "junior": 3}
    with pytest.raises(PlanViolation) as err:
        check_plan(plan.problem, doc, every_age_county())
    # every year from its opening (2027) to three years after the target: 120 pupils, 6 rooms
    for year in range(2027, 2031):
        assert (f"新建学校新校 {year} 学年小学按年级编班（每个年级按标准班额）需普通教室 6 间，建设 3 间："
                "新建学校一次建成，教室须容纳方案分配给它的学生（不以临时周转解决）。") in err.value.lines
    assert not any("初中按年级编班" in line for line in err.value.lines)
