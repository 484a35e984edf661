"""Brief hcap (planner review finding 3, issue 16 item 1: a 大校额 school is relieved by new
schools): a crowded school over its seats and the size cap beside a 建设项目's new school that
opens in the plan's first school year sends its pupils there from that year — no room rented,
no year over the cap — and its 分流下限 holds no pupil above its seats or the cap.

The county (layout_builders: one parallel, lat 34°): villages 1, 2, 3 at 112.00, 112.005 and
112.01, each with 60 children of each age 6–11 and 40 of each age 0–5; primary C1 at 112.00
with 13 rooms (13 × 45 = 585 seats) and 140 pupils in each of grades 1–6 (840, over its seats
and over the size cap of 800); a project's new primary NEW at 112.01 (village 3's place),
finished 2027-08-01 so in use from 2027, the plan's first school year (planned 2026-12-04),
720 places. Target year 2029.

A village's primary children by school year (grades 1–3 = ages 6–8 then, so ages 4–6 today in
2027): 2027 140 + 180 = 320, 2028 120 + 180 = 300, 2029 120 + 160 = 280. Villages 1 and 2
(C1's today) are scaled to C1's 840 pupils (the plan's target-year groups: 140 = 120 × 7/6,
187 = 160 × 7/6 rounded), village 3 is NEW's (at the site, 0 minutes) as its children are.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from layout_builders import C1, TOWN, J, county, school, village
from test_layout import config

from junheng.jobs.layout import plan_layout_with_projects
from junheng.planning.layout_large import large_by_year
from junheng.planning.projects import county_at

NEW = "4103060800"
V1, V2, V3 = (f"{TOWN}00{n}" for n in (1, 2, 3))


def _county():
    ages = {f"age_{a}": 60 if 6 <= a <= 11 else 40 for a in range(15)}
    classes = [{"school_id": C1 if g <= 6 else J, "grade": f"g{g}", "class_no": "1",
                "students": 140 if g <= 6 else 120} for g in range(1, 10)]
    data = county([{**village(i + 1, lon), **ages} for i, lon in enumerate((112.00, 112.005, 112.01))],
                  [school(C1, "primary_school", 112.00), school(J, "junior_school", 112.00)],
                  {C1: 13, J: 18}, classes)
    project = {"school_id": NEW, "name": "示例县河口乡第二小学新建工程", "project_type": "new_build",
               "completion_date": pd.Timestamp("2027-08-01"), "status": "under_construction",
               "added_places": 720, "added_floor_area": 12000.0, "added_sports_area": 8000.0,
               "site_lon": 112.01, "site_lat": 34.0}
    return data.with_tables(projects=pd.DataFrame([project]).astype({"added_places": "Int64"}),
                            towns=pd.DataFrame({"town_code": [TOWN], "town_name": ["河口乡"]}))


def _config():
    return config(keep=[C1, J], target_year=2029, plan_date=date(2026, 12, 4), school_size_cap=800)


@pytest.fixture(scope="module")
def plan():
    return plan_layout_with_projects(_county(), _config())


def test_the_crowded_school_sends_its_pupils_to_the_opening_school_from_its_first_year(plan):
    o = plan.outcome
    at = {(a.village_id, a.stage_group): a.school_id for a in o.assignments}
    # village 2 (equally near both, 1.44 minutes) goes to NEW whole, village 1 stays at C1
    assert [at[(v, g)] for v in (V1, V2, V3) for g in ("grades_1_3", "grades_4_6")] == [C1, C1, NEW, NEW, NEW, NEW]
    # pupils by school year (every school, no cap: large_by_year's figures): C1 keeps village 1
    # only from 2027 on — 140 × 7/6 + 180 × 187/160 = 163.3 + 210.4 = 373.7 → 374, 2028
    # 300 × 7/6 = 350, 2029 327 (140 + 187) — within its 585 seats and the cap of 800; NEW
    # has village 2 (373.7) and village 3 (320, 300, 280): 694, 650, 607, within its 720
    data = county_at(_county(), 2029, today=date(2026, 12, 4)).data
    years = large_by_year(o, data, plan.problem.sites.assign(size_cap=0))
    assert {y: years[C1][y] for y in (2027, 2028, 2029)} == {2027: 374, 2028: 350, 2029: 327}
    assert {y: years[NEW][y] for y in (2027, 2028, 2029)} == {2027: 694, 2028: 650, 2029: 607}
    # so nothing is built, no 过渡期 row, no year over the cap, no move waits; but NEW's 2027
    # classes formed grade by grade (a new school: each grade a third of its group) are more
    # than its 720 / 45 = 16 rooms: grades 1–3 140 (village 3) + 140 × 7/6 = 163.3 (village
    # 2) = 303.3, 101.1 a grade, 3 classes each, 9; grades 4–6 180 + 210.4 = 390.4, 130.1 a
    # grade, 9: 18 classes, 2 rooms rented (pooled ⌈694 / 45⌉ = 16 said none); 2028: 260
    # (86.7: 6) and 390 (130: 9) = 15 classes, none
    assert (o.overflow, o.transition, o.large, o.shifts) == (((2027, NEW, "primary", 2),), (), (), ())
    assert {s.school_id: (s.action, s.added_classrooms, s.temporary_classrooms) for s in o.schools} == {
        C1: ("keep", 0, 0), J: ("keep", 0, 0), NEW: ("keep", 0, 0)}
    # the opening school is used: 607 of 720 places (84 %), not under half while C1 is crowded
    new = next(s for s in o.schools if s.school_id == NEW)
    assert (new.students_after["primary"], new.capacity["primary"]) == (607, 720)

