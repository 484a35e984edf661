"""Brief hentry2 (issue 16, rv14 N1): the solve's 过渡期 decisions (rooms built or met by 临时周转)
count the pupils where the plan's placement rule puts them, so that the checker, which counts
them so, accepts an entry plan and refuses one decided with every pupil at its plan school
(planning.layout_placed, layout_years.site_years, layout_check_years).

The county: data year 2025, planned 2027-12-05 (first school year 2028), target year 2030,
primary classes of 50 formed as one cohort (no grade figures). 西关小学 P's village V (5
children of each age: 一至三年级 15, 四至六年级 15 in every year) is rezoned to 东城小学 R from
2028, whose own village W has these children (age today: count)::

    0: 80, 1: 90, 2–5: 100, 6: 90, 7: 100, 8: 100, 9–14: 100

一至六年级 in school year y are today's ages 6 − s … 11 − s (s = y − 2025), so W's primary
pupils are 2028 ages 3–8: 590, 2029 ages 2–7: 590, 2030 ages 1–6: 580 (一至三年级 ages 1–3:
290, 四至六年级 ages 4–6: 290), 2031 ages 0–5: 570; 一至三年级 cannot be aged to 2032.
R has 600 primary seats (12 rooms) and the solve adds 1 room: its target year holds 580 + 30
= 610 pupils (13 classes)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from types import SimpleNamespace

import pandas as pd
import pytest
from layout_builders import V1_PRICES

from junheng.planning import load_layout_config
from junheng.planning.layout_check import PlanViolation
from junheng.planning.layout_check_years import check_years
from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool, VillageAssignment
from junheng.planning.layout_placed import plan_timing
from junheng.planning.layout_runs import kept_within
from junheng.planning.layout_waiting import with_waiting
from junheng.planning.layout_years import site_years

W_AGES = {0: 80, 1: 90, 6: 90}


def county() -> SimpleNamespace:
    return SimpleNamespace(school_year=2025, villages=pd.DataFrame(
        {"village_code": ["V", "W"], **{f"age_{a}": [5, W_AGES.get(a, 100)] for a in range(15)}}))


ROWS = [("V", "grades_1_3", "R", 15, "P"), ("V", "grades_4_6", "R", 15, "P"),
        ("W", "grades_1_3", "R", 290, "R"), ("W", "grades_4_6", "R", 290, "R")]
KEY = ("R", "primary")


def sites() -> pd.DataFrame:
    return pd.DataFrame({"class_size_primary": 50, "class_size_junior": 50, "size_cap": 2000,
                         "seats_primary": [600, 900]}, index=["R", "P"])


def decided(timing):
    return site_years(county(), ROWS, {KEY: 1}, {KEY: 600}, {KEY: 50}, 2030, 3, 2028,
                      timing=timing)


def plan(temporary: int, rule: str = "entry", transition=()) -> LayoutOutcome:
    room = 800_000.0
    return LayoutOutcome(
        "optimal",
        (PlannedSchool("R", "东城小学", "expand", phase=3, capacity={"primary": 650},
                       added_classrooms=1, added_classrooms_by_stage={"primary": 1},
                       capital_yuan=room, temporary_classrooms=temporary,
                       temporary_yuan=temporary * room),
         PlannedSchool("P", "西关小学", "keep", capacity={"primary": 900})),
        {}, year=2025, target_year=2030,
        rules={"plan_date": "2027-12-05", "rezoning_grades": rule},
        assignments=tuple(VillageAssignment(v, g, s, n, 1.0, 5.0, False, before_school=b)
                          for v, g, s, n, b in ROWS),
        transition=transition)


def config(rule: str):
    return load_layout_config(None, class_size_primary=50, costs=V1_PRICES,
                              temporary_peak_years=3, plan_date=date(2027, 12, 5),
                              expansion_lead_years=0, rezoning_grades=rule)


def checked(years, temporary: int, rule: str):
    """The plan whose 过渡期 rows are ``years``' (R built in 2028), as the solve writes it
    (with_waiting: each row counts the pupils there), checked under ``rule``."""
    outcome = plan(temporary, rule, years.rows({"R": 2028}))
    outcome = with_waiting(outcome, county(), {"primary": 50, "junior": 50}, sites())
    return check_years(county(), outcome, config(rule))


def test_the_timing_of_an_entry_plan_and_of_a_whole_one():
    # R keeps its school and builds in 2028 (phase 3): V moves in from the first school year;
    # under whole the same placement, without the entry rule's year (brief hearly: the whole
    # decisions are placed too, as the rows and the checker place the pupils)
    assert plan_timing(plan(0), county(), sites()) == ({}, {}, {}, 2028)
    assert plan_timing(plan(0, "whole"), county(), sites()) == ({}, {}, {}, None)


def test_every_pupil_at_the_plan_school_borrows_the_room_for_three_years():
    # whole: R holds W and all 30 of V: 620, 620, 610, 600 → 13, 13, 13, 12 classes on 12
    # rooms: room 1 needed 2028–2030 (3 years, not the last year 2031): met by 临时周转
    whole = decided(None)
    assert whole.pupils[KEY] == {2028: 620, 2029: 620, 2030: 610, 2031: 600}
    assert whole.need[KEY] == {2028: 1, 2029: 1, 2030: 1, 2031: 0}
    assert (whole.temporary[KEY], whole.built[KEY], whole.first) == (1, 0, {})


def test_under_entry_the_receiver_fills_grade_by_grade_and_needs_no_room():
    # entry from 2028: 一年级 of V (15 / 3 = 5) in 2028, 一、二年级 (10) 2029, 一至三年级 (15)
    # 2030, and 四年级 too (15 + 5 = 20) 2031: 595, 600, 595, 590 → 12 classes each year: no
    # year needs the room, so the solve's room for its target year stays built (a room no year
    # needs is not met by 临时周转)
    entry = decided(({}, {}, {}, 2028))
    assert entry.pupils[KEY] == {2028: 595, 2029: 600, 2030: 595, 2031: 590}
    assert entry.need[KEY] == {2028: 0, 2029: 0, 2030: 0, 2031: 0}
    assert (entry.temporary[KEY], entry.built[KEY]) == (0, 1)


def test_the_checker_accepts_the_entry_decisions_and_refuses_the_whole_ones_under_entry():
    # the room (800,000 元) paid in 2028, the school year R's build is in use (build time 0)
    assert checked(decided(({}, {}, {}, 2028)), 0, "entry") == {2028: 800_000.0}
    with pytest.raises(PlanViolation, match="^东城小学（小学）以临时周转解决 1 间，按逐年缺口应为 0 间"
                                            "（每间教室连续需用不超过 3 年、且最后一年不再需用的才临时周转）。$"):
        checked(decided(None), 1, "entry")
    # under whole the whole decisions are the checker's too
    assert checked(decided(None), 1, "whole") == {}


def test_the_solve_decides_again_until_its_timing_is_its_own():
    # kept_within: the first plan is decided with every pupil at its plan school (no timing),
    # the next on the first plan's timing; that plan's timing is the same: no third plan
    empty = LayoutOutcome("optimal", (), {}, year=2025, target_year=2030)
    asked: list = []

    def plan_of(floors, *timing):
        asked.append(timing)
        return SimpleNamespace(outcome=empty, problem=None)

    kept_within(plan_of, 0, (), 3, lambda p: ("T",))
    # with the builds' years so far and the listing years of the plans decided on a timing: none
    assert asked == [(), (("T", {}, {}),)]
    asked.clear()  # a plan without its years (no timing): one plan, as before
    kept_within(plan_of, 0, (), 3, lambda p: None)
    assert asked == [()]
    asked.clear()  # a timing that never settles: 3 + TIMING_TRIES (3) plans more, then stop
    kept_within(plan_of, 0, (), 3, lambda p: (len(asked),))
    assert len(asked) == 7


# 大校额 in a transition year under entry (brief hentry2 item 2). 西关小学 P (size cap 700) is a
# 大校额 school today: its own village U (50 of each age: 300 primary pupils every year) and V
# (100 of each age: 600), rezoned to 东城小学 R from 2028. Under entry P keeps V's older grades:
# 2026–2027 900 (before the plan acts), 2028 300 + 五个年级 500 = 800, 2029 300 + 400 = 700
# (within the cap); R holds V's 100, 200, … (never over). The plan lists P's 2026–2028 and says
# that 500 of its 800 in 2028 are enrolled pupils finishing there (300 without them).


def cap_county() -> SimpleNamespace:
    return SimpleNamespace(school_year=2025, villages=pd.DataFrame(
        {"village_code": ["V", "U"], **{f"age_{a}": [100, 50] for a in range(15)}}))


def cap_plan(rule: str = "entry") -> LayoutOutcome:
    return LayoutOutcome(
        "optimal",
        (PlannedSchool("R", "东城小学", "keep", capacity={"primary": 900}),
         PlannedSchool("P", "西关小学", "keep", capacity={"primary": 900})),
        {}, year=2025, target_year=2030, rules={"plan_date": "2027-12-05", "rezoning_grades": rule},
        assignments=(*(VillageAssignment("V", g, "R", 300, 1.0, 5.0, False, before_school="P")
                       for g in ("grades_1_3", "grades_4_6")),
                     *(VillageAssignment("U", g, "P", 150, 1.0, 5.0, False, before_school="P")
                       for g in ("grades_1_3", "grades_4_6"))))


def cap_sites() -> pd.DataFrame:
    return pd.DataFrame({"class_size_primary": 45, "class_size_junior": 50, "size_cap": 700,
                         "seats_primary": [900, 900]}, index=["R", "P"])


def cap_config(rule: str):
    return load_layout_config(None, costs=V1_PRICES, plan_date=date(2027, 12, 5),
                              school_size_cap=700, rezoning_grades=rule)


def test_a_school_over_its_cap_for_its_enrolled_pupils_is_named_and_checked():
    from junheng.planning.layout_check_large import check_large
    from junheng.planning.layout_large import with_large

    entry = with_large(cap_plan(), cap_county(), cap_sites())
    assert entry.large == ((2026, "P", 900, 700), (2027, "P", 900, 700), (2028, "P", 800, 700))
    assert entry.notes[-1] == (
        "大校额逐年中的在读学生（划片只对新生）：下列学校在过渡学年超过校额上限，其中有已划入新片区、在原校就读至毕业的在读学生"
        "（义务教育在校生原则上不因学区调整转学，方案不为校额把他们中途转出，其毕业后减少）："
        "西关小学（上限 700 人）2028 学年 800 人，其中在读学生 500 人，不计他们 300 人。")
    check_large(cap_county(), entry, cap_config("entry"))
    # a plan that leaves the year out, or counts it under the whole-stage rule, is refused
    with pytest.raises(PlanViolation, match="^2028 学年西关小学在校 800 人，超过校额上限 700 人，方案“大校额逐年”未列出。$"):
        check_large(cap_county(), replace(entry, large=entry.large[:2]), cap_config("entry"))
    whole = with_large(cap_plan("whole"), cap_county(), cap_sites())
    # whole: V at R from 2026 (the rule before rv14), P at 300: nothing over, nothing said
    assert (whole.large, whole.notes) == ((), ())
    with pytest.raises(PlanViolation, match="2026 学年西关小学在校 900 人，超过校额上限 700 人，方案“大校额逐年”未列出"):
        check_large(cap_county(), replace(whole, rules=entry.rules), cap_config("entry"))
