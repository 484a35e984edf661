"""Expansions whose rooms the pupils no longer fill soon after the target year
(planning.layout_later; review 2026-12-03 finding 1)."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd

from junheng.planning.layout_later import later_need_notes, later_pupils, with_later_need
from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool, VillageAssignment


def county() -> SimpleNamespace:
    """Data year 2025; two villages. Village V1 has 100 children of each age 4–14 except ages
    4, 5, 6 with 40 each; V2 has 10 of each age. Target 2030 (shift 5): grades 7–9 are ages
    7, 8, 9 today (V1 300); 2031 ages 6, 7, 8 (240); 2032 ages 5, 6, 7 (180); 2033 ages 4,
    5, 6 (120)."""
    ages = {f"age_{a}": [40 if a in (4, 5, 6) else 100, 10] for a in range(15)}
    return SimpleNamespace(school_year=2025,
                           villages=pd.DataFrame({"village_code": ["V1", "V2"], **ages}))


def outcome(rooms: int = 4) -> LayoutOutcome:
    """School S receives V1's 300 junior pupils and V2's 30: 330 pupils in 2030. It had 150
    seats; the plan adds ``rooms`` junior rooms of 50 (seats 150 + 50 × rooms)."""
    school = PlannedSchool("S", "甲初中", "expand", added_classrooms=rooms,
                           added_classrooms_by_stage={"primary": 0, "junior": rooms},
                           capacity={"primary": 0, "junior": 150 + 50 * rooms},
                           students_after={"primary": 0, "junior": 330})
    assignments = (VillageAssignment("V1", "grades_7_9", "S", 300, 1.0, 5.0, False),
                   VillageAssignment("V2", "grades_7_9", "S", 30, 1.0, 5.0, False))
    return LayoutOutcome("optimal", (school,), {}, target_year=2030, assignments=assignments)


def test_pupils_of_later_years_grow_as_their_villages_children():
    # V1: 300 × 240/300, 300 × 180/300, 300 × 120/300; V2 stays 30
    assert later_pupils(county(), outcome()) == {("S", "junior"): {2031: 270, 2032: 210, 2033: 150}}


def test_an_expansion_whose_rooms_stand_idle_is_named_with_its_figures():
    notes = later_need_notes(county(), outcome(), {"primary": 45, "junior": 50})
    # rooms filled: (270 − 150) / 50 → 3, (210 − 150) → 2, 0 → 0 of the 4 built
    assert notes == {"S": "甲初中（按 2030 学年需求新建初中教室 4 间，扩建前初中学位 150 个；规划后初中学生 2030 学年 "
                          "330 人，2031 学年 270 人，2032 学年 210 人，2033 学年 150 人；需用新增教室 2031 学年 "
                          "3 间，2032 学年 2 间，2033 学年 0 间）：2031 学年起新增教室中有 1 间闲置，2033 学年起不扩建也够"}
    planned = with_later_need(outcome(), county(), {"primary": 45, "junior": 50})
    assert planned.notes[-1].startswith("1 所学校的扩建，按各村适龄儿童推算，目标学年后 3 年内学生回落")
    assert planned.kept_reasons["S"].startswith("需论证：甲初中（按 2030 学年需求新建初中教室 4 间")


def test_rooms_still_filled_every_later_year_are_not_named():
    # two rooms: 2031 needs 3 → both filled; 2032 needs 2 → filled; 2033 needs 0 → idle
    assert set(later_need_notes(county(), outcome(2), {"junior": 50})) == {"S"}
    growing = county()
    growing.villages.loc[0, ["age_4", "age_5", "age_6"]] = 100
    assert later_need_notes(growing, outcome(), {"junior": 50}) == {}
    assert with_later_need(outcome(), growing, {"junior": 50}) == outcome()


def test_only_rooms_built_can_stand_idle():
    # planner review: 4 expansions whose rooms were all met by 临时周转 were named as building
    # rooms that stand idle. S's 4 rooms, 3 met by 临时周转: 1 built, filled in 2031 (3 needed)
    # and 2032 (2), idle in 2033 (0)
    from dataclasses import replace

    borrowed = replace(outcome(), schools=(replace(outcome().schools[0], temporary_classrooms=3),))
    assert later_need_notes(county(), borrowed, {"junior": 50}) == {"S": (
        "甲初中（按 2030 学年需求新建初中教室 1 间，扩建前初中学位 150 个；规划后初中学生 2030 学年 330 人，"
        "2031 学年 270 人，2032 学年 210 人，2033 学年 150 人；需用新增教室 2031 学年 1 间，2032 学年 1 间，"
        "2033 学年 0 间）：2033 学年起不扩建也够")}
    every = replace(outcome(), schools=(replace(outcome().schools[0], temporary_classrooms=4),))
    assert later_need_notes(county(), every, {"junior": 50}) == {}
    # a new school's idle rooms are said by its sizing note, not as an expansion's
    new = replace(outcome(), schools=(replace(outcome().schools[0], action="new"),))
    assert later_need_notes(county(), new, {"junior": 50}) == {}


def test_the_target_year_says_the_classes_its_rooms_are_built_for():
    """Brief hlast3: pupils fewer than a school's seats still need a room where the classes
    formed grade by grade exceed its rooms; the line says so beside the target year's pupils.
    S: 330 pupils a third a grade, 110 → 3 classes of at most 50 each = 9 classes
    (grade_classes); its rooms before the plan 150 seats ÷ 50 = 3; so its 过渡期 row holds an
    overflow of 9 − 3 = 6 in 2030. 2031: 270 → 90 a grade → 2 each = 6 classes, 3 over;
    2032: 210 → 70 → 6 classes, 3 over; 2033: 150 → 50 → 3 classes, none over. Of the 4 rooms
    built: 3, 3, 0 filled. Rule (T) (brief htrule): rooms 1–3 are needed 2030–2032 and room 4
    2030 alone, each run ≤ 3 years and none in 2033: the 临时周转 rule would borrow all four,
    built because 2030 needs them: 4 × 42 万元 = 168.00 万元 saved, 3 × 3 + 1 = 10 room-years
    at 2 万元 = 20.00 万元 (the shipped prices); no pupils by year: no lender said."""
    from dataclasses import replace

    from junheng.planning.layout_counts import grade_classes
    from junheng.planning.layout_outcome import YearRooms

    assert [grade_classes(n, [1 / 3] * 3, 50) for n in (330, 270, 210, 150)] == [9, 6, 6, 3]
    rows = tuple(YearRooms(y, "S", "junior", n, k, 4, max(k - 4, 0))
                 for y, n, k in ((2030, 330, 6), (2031, 270, 3), (2032, 210, 3), (2033, 150, 0)))
    assert later_need_notes(county(), replace(outcome(), transition=rows), {"junior": 50}) == {"S": (
        "甲初中（按 2030 学年需求新建初中教室 4 间，扩建前初中学位 150 个；规划后初中学生 2030 学年 330 人"
        "（按年级编班 9 个班、现有教室 3 间），2031 学年 270 人，2032 学年 210 人，2033 学年 150 人；"
        "需用新增教室 2031 学年 3 间，2032 学年 3 间，2033 学年 0 间）：2031 学年起新增教室中有 1 间闲置，"
        "2033 学年起不扩建也够；其中 3 间只在 2030—2032 学年需用、1 间只在 2030 学年需用（未超过临时周转年限 3 年），"
        "因本校扩建，规划年 2030 学年所需教室一并新建、不以临时周转解决，若改为临时周转，可少建 4 间、省 168.00 万元，"
        "另付周转费 20.00 万元（10 间·学年）")}
