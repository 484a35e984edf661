"""Planner review rv14 N1: a 划片 or a new school's 片区 applies to entrants (一年级、七年级新生);
enrolled pupils finish at their school; only a closing school moves all its pupils
(planning.layout_entrants; ``rezoning_grades``, docs/layout-yaml.md).

The primary county: data year 2025, planned 2027-12-05 (first school year 2028); village V has
100 children of each age, so each grade holds 100 pupils in every year (一至三年级 300,
四至六年级 300) and 一至三年级 can be aged forward to 2031."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from types import SimpleNamespace

import pandas as pd
import pytest
from layout_builders import V1_PRICES
from test_layout_arrivals import SIZES
from test_layout_arrivals import plan as junior_plan
from test_layout_arrivals import sites as junior_sites
from test_layout_years import county as years_county

from junheng.planning import load_layout_config
from junheng.planning.layout_check import PlanViolation
from junheng.planning.layout_check_years import check_years
from junheng.planning.layout_large import pupils_by_year, with_large
from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool, VillageAssignment
from junheng.planning.layout_waiting import with_waiting


def county() -> SimpleNamespace:
    return SimpleNamespace(school_year=2025, villages=pd.DataFrame(
        {"village_code": ["V"], **{f"age_{a}": [100] for a in range(15)}}))


def sites() -> pd.DataFrame:
    return pd.DataFrame({"class_size_primary": 45, "class_size_junior": 50, "size_cap": 2000,
                         "seats_primary": [900, 900]}, index=["R", "P"])


def plan(rules=None, p_action: str = "keep") -> LayoutOutcome:
    """V's primary pupils (600) move from 西关小学 P to 东城小学 R, which has room: no wait."""
    return LayoutOutcome(
        "optimal",
        (PlannedSchool("R", "东城小学", "keep", capacity={"primary": 900}),
         PlannedSchool("P", "西关小学", p_action, phase=3 if p_action == "close" else None,
                       capacity={"primary": 900})),
        {}, year=2025, target_year=2030, rules={"plan_date": "2027-12-05", "rezoning_grades": "entry", **(rules or {})},
        assignments=tuple(VillageAssignment("V", g, "R", 300, 1.0, 5.0, False, before_school="P")
                          for g in ("grades_1_3", "grades_4_6")))


def placed(outcome: LayoutOutcome) -> dict[int, tuple[int | None, int | None]]:
    out = {y: (by.get(("R", "primary")), by.get(("P", "primary")))
           for y, by in pupils_by_year(outcome, county(), sites()).items()}
    return {y: pair for y, pair in out.items() if pair != (None, None)}  # 2032–: not yet born


def test_a_rezoned_primary_takes_one_grade_a_year_from_2028():
    # 2028: 一年级 at R (100), 二至六年级 at P (500); one more grade each year
    assert placed(plan()) == {2026: (None, 600), 2027: (None, 600), 2028: (100, 500),
                              2029: (200, 400), 2030: (300, 300), 2031: (400, 200),
                              # 2032: 六年级 (100) still at P; R's 一至三年级 are not yet born
                              2032: (None, 100)}


def test_the_whole_stage_key_restores_the_old_numbers():
    assert placed(plan({"rezoning_grades": "whole"})) == dict.fromkeys(range(2026, 2032), (600, None))


def test_a_closing_school_still_moves_all_its_pupils_the_year_it_closes():
    # P closes in phase 3 (2028): all 600 at R from 2028, under the entry rule too
    assert placed(plan(p_action="close")) == {2026: (None, 600), 2027: (None, 600),
                                              **dict.fromkeys(range(2028, 2032), (600, None))}


def test_the_plan_says_which_grades_move_and_who_is_still_at_the_old_school():
    notes = with_large(plan(), county(), sites()).notes
    assert notes == (
        "划片只对新生（《义务教育法》第十二条就近入学，每年招生入学按片区招收一年级、七年级新生）：划片调整和新建学校的片区"
        "自调整学年起只对起始年级新生，其他年级在原校就读至毕业，撤并的学校学生全部转出；本方案的学位和校额按目标学年 2030 "
        "学年全部按新片区就读核定，目标学年仍在原校的学生逐校列出。西关小学：2028 学年起一年级新生按新片区入学（划入东城小学），"
        "二至六年级在原校就读至毕业，2033 学年完成；目标学年 2030 学年仍有小学原片区学生 300 人在西关小学就读。",)
    assert with_large(plan({"rezoning_grades": "whole"}), county(), sites()).notes == ()


ENTRY = {"plan_date": "2026-12-05", "rezoning_grades": "entry"}


def config(grades: str):
    return load_layout_config(None, class_size_junior=50, costs=V1_PRICES, temporary_peak_years=3,
                              plan_date=date(2026, 12, 5), expansion_lead_years=2,
                              rezoning_grades=grades)


def test_the_receivers_rows_fill_grade_by_grade_and_the_checker_agrees():
    # 一初中 R: V1's 七至九年级 move from 实验中学 P in 2029 (its works): 七年级 in 2029 (100 of
    # 300), 七、八年级 in 2030 (2/3 of 270 = 180), all from 2031; V2 is R's own
    data = years_county()
    entry = with_waiting(replace(junior_plan(), rules=ENTRY), data, SIZES, junior_sites()).transition
    assert [(r.year, r.pupils) for r in entry] == [(2027, 330), (2029, 400), (2030, 450),
                                                   (2031, 600), (2032, 600)]
    assert check_years(data, replace(junior_plan(), transition=entry), config("entry")) == {}
    # the default is still the whole stage group (docs/layout-yaml.md)
    assert load_layout_config(None).rezoning_grades == "whole"


def test_the_checker_refuses_enrolled_grades_moved_under_the_entry_rule():
    data = years_county()
    whole = with_waiting(replace(junior_plan(), rules={"plan_date": "2026-12-05",
                                                       "rezoning_grades": "whole"}),
                         data, SIZES, junior_sites()).transition
    assert [(r.year, r.pupils) for r in whole][:2] == [(2027, 330), (2029, 600)]
    assert check_years(data, replace(junior_plan(), transition=whole), config("whole")) == {}
    with pytest.raises(PlanViolation, match=r"2029 学年一初中（初中）过渡期记录与推算不符：学生 400 人，"
                                            r"缺口 2 间，已建 6 间。\n2030 学年.*学生 450 人"):
        check_years(data, replace(junior_plan(), transition=whole), config("entry"))
