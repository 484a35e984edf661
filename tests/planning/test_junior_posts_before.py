"""The junior 编制 of the school years before the plan year (brief hpeak, rv23: the 公办 junior
pupils of 2028 and 2029 needed about 34 posts more than the 1,119 the plan staffs 2030 with,
and ``junior_posts`` began with 2030).

A hand-made county (test_layout_years' villages V1 and V2, alike; data year 2025): each
village's grades 7–9 are 300 in 2026, 330 in 2027, 300 in 2028 and 2029, 270 in 2030 (the
plan year) and 300 in 2031–2033. 一初中 R keeps V2; 村初中 P closes in 2025 + 3 = 2028 and its
V1 goes to R. Junior 编制 ⌈pupils ÷ 13.5⌉ per school:

* 2026: P 300 → ⌈22.2⌉ = 23, R 300 → 23: 46 (every pupil at R, as the loads re-derived
  counted them: ⌈600 ÷ 13.5⌉ = ⌈44.4⌉ = 45);
* 2027: P 330 → ⌈24.4⌉ = 25, R 25: 50 (at R alone ⌈660 ÷ 13.5⌉ = 49);
* 2028, 2029: P closed, R 600 → 45;
* 2030: R 540 → 40, the plan year's (the ledger's 40, all staffed);
* 2031–2033: R 600 → 45.
"""

from __future__ import annotations

import pandas as pd
from test_layout_years import county

from junheng.planning.layout_large import pupils_by_year
from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool, VillageAssignment
from junheng.planning.staffing_absorb import stage_posts
from junheng.planning.staffing_peak import junior_before, junior_peak, with_stage_posts
from junheng.report.teacher_peak import peak_text

#: the ledger of the plan year: R's 40 posts, 36 teachers today (P's 8 moved with V1 among them),
#: 4 hired
LEDGER = {"year": 2030, "ratio": {"primary": 19.0, "junior": 13.5},
          "schools": [{"school_id": "R", "name": "一初中", "stage": "junior", "need": 40, "today": 36,
                       "hire": 4, "surplus": 0}]}


def plan() -> LayoutOutcome:
    bare = LayoutOutcome(
        "optimal",
        (PlannedSchool("R", "一初中", "keep", capacity={"junior": 1200}),
         PlannedSchool("P", "村初中", "close", phase=3, capacity={"junior": 400})),
        {}, year=2025, target_year=2030, staffing=LEDGER,
        assignments=(VillageAssignment("V1", "grades_7_9", "R", 270, 1.0, 5.0, False, before_school="P"),
                     VillageAssignment("V2", "grades_7_9", "R", 270, 1.0, 5.0, False, before_school="R")))
    sites = pd.DataFrame({"class_size_junior": 50, "size_cap": 2000, "seats_junior": [1200, 400]}, index=["R", "P"])
    placed = pupils_by_year(bare, county(), sites)
    pupils = tuple(sorted((y, s, st, n) for y, by in placed.items() for (s, st), n in by.items()))
    return LayoutOutcome(**{**bare.__dict__, "year_pupils": pupils})


def test_the_closing_school_holds_its_pupils_until_it_closes():
    assert [r for r in plan().year_pupils if r[0] <= 2028] == [
        (2026, "P", "junior", 300), (2026, "R", "junior", 300), (2027, "P", "junior", 330),
        (2027, "R", "junior", 330), (2028, "R", "junior", 600)]


def test_the_posts_before_the_plan_year_are_those_of_the_schools_open_that_year():
    assert stage_posts(county(), plan())["junior"] == {
        2026: 46, 2027: 50, 2028: 45, 2029: 45, 2030: 40, 2031: 45, 2032: 45, 2033: 45}
    # without the 过渡期's pupils (a plan made before them) the loads re-derived stand: every
    # pupil at R from 2026 (45 and 49), P not counted
    old = LayoutOutcome(**{**plan().__dict__, "year_pupils": ()})
    assert stage_posts(county(), old)["junior"] == {2026: 45, 2027: 49, 2028: 45, 2029: 45, 2030: 40,
                                                    2031: 45, 2032: 45, 2033: 45}


def test_the_junior_posts_begin_after_the_data_year_and_the_years_above_the_staffed_are_said():
    data = county()
    data.teachers = pd.DataFrame()  # no primary surplus: no 消化 figures
    staffing = with_stage_posts(plan(), data).staffing
    assert "forecast" not in staffing
    assert staffing["junior_posts"] == [[2026, 46], [2027, 50], [2028, 45], [2029, 45], [2030, 40],
                                        [2031, 45], [2032, 45], [2033, 45]]
    # rv25 1: each year's 编制 against the junior teachers in post that year; without a teacher
    # table today's 36 stand, the shortfall at least 46 − 36 = 10, 14, 9, 9; the 编制 never falls
    # below the 40 staffed after 2030: the 4 hires stand
    assert junior_before(staffing) == {"year": 2030, "today": 36, "known": False,
                                       "years": [[2026, 46, 36, None], [2027, 50, 36, None],
                                                 [2028, 45, 36, None], [2029, 45, 36, None]]}
    assert junior_peak(staffing) is None
    assert peak_text(staffing) == (
        "初中编制 2026—2029 学年分别为 46、50、45、45 人，比现有专任教师 36 人至少缺 10、14、9、9 人（退休另增缺口），"
        "由临时聘用（代课）补足，费用未计入财政支出")  # brief hwords2: the plan transfers none, so none early; rv26 3: not priced
    assert peak_text(staffing, full=False) == ""  # 表 2 weighs the hires only


def test_the_shortfall_before_the_plan_year_is_against_the_teachers_in_post_that_year():
    """R's 36 junior teachers: J1 man born 1966-01 retires at 60 + ⌈(12 + 0 + 1) / 4⌉ = 4 months,
    2026-05, before 2026 starts; J2 man born 1967-01 at 60 + ⌈25 / 4⌉ = 7 months, 2027-08, before
    2027 starts; the other 34 born 1990. In post 35 (2026), 34 (2027–2029): short 46 − 35 = 11,
    50 − 34 = 16, 45 − 34 = 11, 11."""
    data = county()
    data.teachers = pd.DataFrame({
        "teacher_id": [f"J{i}" for i in range(1, 37)], "school_id": "R", "stage": "junior", "full_time": True,
        "sex": "male", "birth_year": [1966, 1967] + [1990] * 34, "birth_month": 1})
    staffing = with_stage_posts(plan(), data).staffing
    assert staffing["junior_in_post"] == [[2026, 35], [2027, 34], [2028, 34], [2029, 34]]
    assert peak_text(staffing) == (
        "初中编制 2026—2029 学年分别为 46、50、45、45 人，在岗专任教师（现有 36 人减退休）缺 11、16、11、11 人，"
        "由临时聘用（代课）补足，费用未计入财政支出")  # brief hwords2: the plan transfers none, so none early; rv26 3: not priced
