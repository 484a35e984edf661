"""The 不调整 column of the layout's comparison counts the hires the unadjusted county needs
the same way the plan's are counted, so the adjustment's saving leaves out the hires
enrolment causes (review2 finding 2: 0 | 720 万元 booked 72 junior hires against the
adjustment and understated its 每年减少). Every figure worked by hand."""

from __future__ import annotations

import pandas as pd

from junheng.model import CountyData
from junheng.planning.layout_costs import with_hire_cost
from junheng.planning.layout_county import PlanningYear
from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool
from junheng.planning.plans_budget import running_parts

INFO = {"county_code": "410306", "school_year": 2025}
TOWN = "410306001"


def _teacher(tid: str, school: str) -> dict:
    return {
        "teacher_id": tid,
        "school_id": school,
        "stage": "junior",
        "subject": "chinese",
        "full_time": True,
        "degree": "bachelor",
        "backbone": "none",
    }


def _year() -> PlanningYear:
    """Junior schools X (2 teachers, 54 pupils in 2030) and Y (1 teacher, 27 pupils)."""
    schools = [
        {
            "school_id": s,
            "name": n,
            "school_type": "junior_school",
            "town_code": TOWN,
            "ownership": "public",
        }
        for s, n in (("X", "甲中学"), ("Y", "乙中学"))
    ]
    teachers = [_teacher("X1", "X"), _teacher("X2", "X"), _teacher("Y1", "Y")]
    data = CountyData.from_records(INFO, schools=schools, teachers=teachers)
    pupils = pd.DataFrame(
        [
            {"school_id": s, "grade": f"g{g}", "students": n / 3}
            for s, n in (("X", 54), ("Y", 27))
            for g in (7, 8, 9)
        ]
    )
    return PlanningYear(data, pupils, 2030)


def test_the_unadjusted_county_hires_what_enrolment_needs():
    # without the plan: X needs 54 / 13.5 = 4 and has 2 (hires 2), Y 27 / 13.5 = 2 and has 1
    # (hires 1): 3. Closing Y into X: X needs 81 / 13.5 = 6, has 2 + Y's 1: hires 3. The
    # closure causes no hire: both columns carry 3.
    year = _year()
    assert year.staffing_before().county() == {
        "need": 6,
        "today": 3,
        "moved": 0,
        "new_posts": 0,
        "hire": 3,
        "surplus": 0,
    }
    plan = LayoutOutcome(
        "optimal",
        (
            PlannedSchool("X", "甲中学", "keep", students_after={"primary": 0, "junior": 81}),
            PlannedSchool(
                "Y",
                "乙中学",
                "close",
                merged_into="X",
                teachers_to_redeploy=1,
                students_after={"primary": 0, "junior": 0},
            ),
        ),
        {},
    )
    assert year.staffing(plan).county()["hire"] == 3


def test_both_columns_carry_their_hires_and_only_the_difference_is_the_plans():
    # 不调整 71 hires, 调整后 72, at 10 万元: 710 and 720 万元, each in its column's running
    # cost; the plan's running change counts 1 hire, 10 万元
    m = with_hire_cost(
        {
            "before": {"operating_yuan": 68_002_000.0, "hire_staff_yuan": 0.0},
            "after": {"operating_yuan": 50_759_100.0, "hire_staff_yuan": 0.0},
        },
        72,
        100_000,
        before_hires=71,
    )
    assert m["before"] == {"operating_yuan": 75_102_000.0, "hire_staff_yuan": 7_100_000.0}
    assert m["after"] == {"operating_yuan": 57_959_100.0, "hire_staff_yuan": 7_200_000.0}
    plan = LayoutOutcome(
        "optimal",
        (),
        m,
        weights={"teacher_yuan_per_year": 100_000},
        staffing={"county": {"hire": 72}},
    )
    assert running_parts(plan) == [["新聘教师人员经费", 10.0, "1 人，每人每年按 10.00 万元测算"]]
    # the same hires in both columns: no hiring row in the plan's running change
    same = with_hire_cost(m, 72, 100_000, before_hires=72)
    assert running_parts(replace_metrics(plan, same)) == []


def replace_metrics(plan: LayoutOutcome, metrics: dict) -> LayoutOutcome:
    from dataclasses import replace

    return replace(plan, metrics=metrics)
