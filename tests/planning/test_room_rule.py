"""One room rule in both plans (brief hroom): a school-stage-year's 普通教室 need is its classes
formed grade by grade, in the layout's 过渡期 (planning.layout_years), the layout checker's
re-derivation (planning.layout_check_years) and the 达标路径's yearly gaps
(planning.compliance_temporary.room_gaps), on a hand-made primary school whose seats say 1 room
and whose grades say 4."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from layout_builders import V1_PRICES

from junheng.model import CountyData
from junheng.planning import load_layout_config
from junheng.planning.compliance_temporary import room_gaps
from junheng.planning.layout_check import PlanViolation
from junheng.planning.layout_check_years import check_years
from junheng.planning.layout_counts import grade_mix
from junheng.planning.layout_outcome import (
    LayoutOutcome,
    PlannedSchool,
    VillageAssignment,
    YearRooms,
)
from junheng.planning.layout_years import site_years, year_shares
from junheng.standards import load_class_size

#: 第四小学 of the planner review, by hand: 19 rooms of 45 (855 seats), 893 pupils in 2029,
#: grade by grade 135, 136, 137 | 160, 160, 165. Pooled: ⌈(893 − 855) / 45⌉ = ⌈0.84⌉ = 1 room.
#: Grade by grade: 135 / 45 = 3 classes, 136 and 137 → 4 each, 160, 160, 165 → 4 each:
#: 3 + 4 + 4 + 4 + 4 + 4 = 23 classes in 19 rooms → 4 rooms.
GRADES = {"g1": 135, "g2": 136, "g3": 137, "g4": 160, "g5": 160, "g6": 165}
YEARS = [2029, 2030, 2031, 2032]  # the target year 2029 and the three after it


def county() -> CountyData:
    """Data year 2028: school F today with the pupils above in classes of 45 or fewer, 19
    普通教室; one village V with 100 children of every age 0–14, so each stage group's
    children (and pupils) are the same every year."""
    classes = [
        {"school_id": "F", "grade": g, "class_no": str(k + 1), "students": n // 4}
        for g, n in GRADES.items()
        for k in range(4)
    ]
    return CountyData.from_records(
        {"county_code": "410331", "school_year": 2028},
        schools=[{"school_id": "F", "name": "第四小学", "school_type": "primary_school"}],
        classes=classes,
        facilities=[{"school_id": "F", "classrooms": 19}],
        teachers=[],
        villages=[{"village_code": "V", **{f"age_{a}": 100 for a in range(15)}}],
    )


def shares(data: CountyData):
    """The planner's grade shares of F (today's pupils: no forecast of grades here)."""
    sites = grade_mix(data, data.schools["school_id"]).assign(kind="primary_school")
    return year_shares(data, sites)


ROWS = [("V", "grades_1_3", "F", 408), ("V", "grades_4_6", "F", 485)]


def layout_years(data: CountyData):
    # the solve's seats add 1 room (pooled), built from 2029; 临时周转 up to 4 years in a row
    # (the four years looked at: the school's 3 rooms borrowed beside it are within the rule)
    return site_years(
        data,
        ROWS,
        {("F", "primary"): 1},
        {("F", "primary"): 855},
        {("F", "primary"): 45},
        2029,
        4,
        2029,
        shares=shares(data),
    )


def outcome(rows) -> LayoutOutcome:
    school = PlannedSchool(
        "F",
        "第四小学",
        "expand",
        phase=1,
        added_classrooms=1,
        added_classrooms_by_stage={"primary": 1, "junior": 0},
        capacity={"primary": 900, "junior": 0},
        students_after={"primary": 893, "junior": 0},
        capital_yuan=800_000.0,
    )
    assignments = tuple(VillageAssignment(v, g, s, n, 1.0, 5.0, False) for v, g, s, n in ROWS)
    return LayoutOutcome(
        "optimal",
        (school,),
        {},
        year=2028,
        target_year=2029,
        assignments=assignments,
        transition=rows,
    )


def config():
    return load_layout_config(
        None,
        class_size_primary=45,
        costs=V1_PRICES,
        temporary_peak_years=4,
        plan_date=date(2028, 6, 1),
        expansion_lead_years=0,
    )


def test_the_layout_the_checker_and_the_compliance_plan_count_the_same_rooms():
    data = county()
    y = layout_years(data)
    # grade by grade 4 rooms beyond the 19 every year (pooled seats said 1); after the target
    # year at most its 4
    assert y.need == {("F", "primary"): {2029: 4, 2030: 4, 2031: 4, 2032: 4}}
    assert (y.built, y.temporary) == ({("F", "primary"): 1}, {("F", "primary"): 0})
    # the 过渡期 rows: the plan's 1 room built from 2029, the other 3 borrowed each year
    rows = y.rows({"F": 2029})
    assert [(r.year, r.pupils, r.overflow, r.built, r.temporary, r.new_rooms) for r in rows] == [
        (2029, 893, 4, 1, 3, 1),
        (2030, 893, 4, 1, 3, 0),
        (2031, 893, 4, 1, 3, 0),
        (2032, 893, 4, 1, 3, 0),
    ]
    # the checker re-derives the same rows (its own grade shares from the county's classes; a
    # row it derives otherwise is 「过渡期记录与推算不符」, below) and then, since brief hnewsch's
    # rule (T), refuses the 3 rooms borrowed in 2029, the target year, at a school that builds
    with pytest.raises(PlanViolation, match="^第四小学（小学）规划年 2029 学年以临时周转解决 3 间：本校新建教室，"
                       "规划年所需教室应一并新建，不临时周转。$"):
        check_years(data, outcome(rows), config())
    # the 达标路径: the forecast's pupils of F grade by grade, classes less rooms, 4 each year
    students = pd.DataFrame(
        [
            {"school_id": "F", "grade": g, "year": year, "students": float(n)}
            for year in YEARS
            for g, n in GRADES.items()
        ]
    )
    gaps, pupils = room_gaps(data, students, ["F"], YEARS, load_class_size(), None)
    assert gaps.loc["F"].to_dict() == {2029: 4, 2030: 4, 2031: 4, 2032: 4}
    assert pupils.loc["F"].to_dict() == {2029: 893, 2030: 893, 2031: 893, 2032: 893}


def test_the_checker_refuses_rooms_borrowed_short_of_the_grade_need():
    data = county()
    rows = layout_years(data).rows({"F": 2029})
    # a plan counting seats pooled: 2029's overflow 1, none borrowed beside the built room
    pooled = (YearRooms(2029, "F", "primary", 893, 1, 1, 0, 1), *rows[1:])
    with pytest.raises(
        PlanViolation,
        match="^2029 学年第四小学（小学）过渡期记录与推算不符：学生 893 人，"
        "缺口 4 间，已建 1 间。$",
    ):
        check_years(data, outcome(pooled), config())
