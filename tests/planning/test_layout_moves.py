"""Review rv 4: a 划片 move goes no sooner than the year the plan's work at the receiving
school is in use, unless the receiver has room (its standard seats and its size cap) in every
year from then until it is ready (planning.layout_waiting); the pupils wait at their present
school, which the 过渡期, the 大校额逐年 note and the checker count.

The county (test_layout_years): data year 2025, target 2029, planned 2026-12-05 (first school
year 2027); each village's grades 7–9 are 330 in 2027, 300 in 2028 and 2029."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pandas as pd
import pytest
from test_layout_years import config as years_config
from test_layout_years import county as years_county

from junheng.planning.layout_check import PlanViolation
from junheng.planning.layout_check_years import _check_waiting
from junheng.planning.layout_large import large_by_year, moves_note
from junheng.planning.layout_outcome import (
    LayoutOutcome,
    PlannedSchool,
    VillageAssignment,
    YearRooms,
)
from junheng.planning.layout_waiting import plan_moves, with_waiting

DAY = {"plan_date": "2026-12-05"}


def sites(seats_r: int = 400, cap: int = 2000) -> pd.DataFrame:
    return pd.DataFrame({"class_size_primary": 45, "class_size_junior": 50, "size_cap": cap,
                         "seats_junior": [seats_r, 600, 0]}, index=["R", "P", "N"])


def moving(seats_r: int = 400) -> LayoutOutcome:
    """V1 (300 in 2029) moves from 实验中学 P (600 seats) to 一初中 R, which keeps V2 (300):
    R has ``seats_r`` seats and works in use in 2025 + 4 = 2029 (a kept school's phase)."""
    return LayoutOutcome("optimal", (
        PlannedSchool("R", "一初中", "keep", phase=4, capacity={"junior": seats_r}),
        PlannedSchool("P", "实验中学", "keep", capacity={"junior": 600})), {},
        year=2025, target_year=2029, rules=DAY, assignments=(
            VillageAssignment("V1", "grades_7_9", "R", 300, 1.0, 5.0, False, before_school="P"),
            VillageAssignment("V2", "grades_7_9", "R", 300, 1.0, 5.0, False, before_school="R")))


def test_a_move_into_a_school_without_room_waits_for_its_works():
    # with the move R holds 330 + 330 = 660 in 2027 and 600 in 2028, over its 400 seats:
    # V1's pupils move in 2029, when R's works are in use
    plan = moving()
    assert plan_moves(plan, years_county(), sites()) == {"R": 2029}
    # 大校额逐年 with a cap of 500: R holds V2 alone until then (330, 300), then both villages
    # from 2029: 300 + 300, 2030 270 + 270 (ages 7–9 today), 2031 and 2032 600; P holds V1
    # (330, 300), within 500. Main's timing had R at 660 and 600 in 2027 and 2028 as well
    assert large_by_year(plan, years_county(), sites(cap=500)) == {
        "R": {2029: 600, 2030: 540, 2031: 600, 2032: 600}}
    assert moves_note(plan, {"R": 2029}) == (
        "划片转入顺延：划片转入的学生在接收学校本方案的建设投入使用（或分流其学生的新建学校启用）的学年转入，"
        "接收学校在此前连续各学年都有空余学位、不超过校额上限的，自其中最早的学年起转入；转入前学生在现就读学校："
        "一初中 2029 学年起转入。",)


def test_a_receiver_with_room_takes_the_move_at_once_or_from_the_year_it_has_room():
    # 700 seats: 660 and 600 fit, the move goes in the first school year (no entry)
    assert plan_moves(moving(700), years_county(), sites(700)) == {}
    # 620 seats: 660 > 620 in 2027, 600 ≤ 620 in 2028: the move goes in 2028
    assert plan_moves(moving(620), years_county(), sites(620)) == {"R": 2028}
    # the size cap counts as well: 700 seats but a cap of 650, 660 > 650 in 2027 only
    assert plan_moves(moving(700), years_county(), sites(700, cap=650)) == {"R": 2028}


def waiting() -> LayoutOutcome:
    """moving() with R's own V2 gone to a new school N (opens 2029) from P: R (200 seats)
    receives only V1's 划片 move, and P holds both villages until the moves."""
    plan = moving(200)
    return replace(plan, schools=(*plan.schools, PlannedSchool(
        "N", "新建初级中学", "new", phase=4, capacity={"junior": 500},
        added_classrooms_by_stage={"junior": 10})), assignments=(
        plan.assignments[0], replace(plan.assignments[1], school_id="N", before_school="P")),
        transition=(YearRooms(2027, "N", "junior", 330, 7, 0, 7, 0),
                    YearRooms(2028, "N", "junior", 300, 6, 0, 6, 0),
                    YearRooms(2029, "N", "junior", 300, 6, 10, 0, 10)))


def test_the_pupils_waiting_for_their_move_crowd_their_present_school_and_the_checker_agrees():
    # R: 330 > 200 in 2027, 300 > 200 in 2028, ready 2029: V1 stays at P until then. P (600
    # seats) holds V1 and V2 (waiting for N): 660 in 2027 → 60 over, ⌈60 / 50⌉ = 2 rooms;
    # 600 in 2028 → none. Without the rule P held V2 alone (330): none.
    plan = waiting()
    data, cfg = years_county(), years_config(plan_date=date(2026, 12, 5))
    rows = with_waiting(plan, data, {"primary": 45, "junior": 50}, sites(200)).transition
    assert [(r.year, r.crowded, r.crowded_rooms, r.crowded_at) for r in rows[:2]] == [
        (2027, 60, 2, (("P", 60, 2),)), (2028, 0, 0, ())]
    _check_waiting(data, replace(plan, transition=rows), cfg)
    # the rows as main wrote them (V1 in R from 2027) are refused, with the move re-derived
    with pytest.raises(PlanViolation, match=r"^新建初级中学2027 学年启用前，现就读学校超出标准学位 0 人、缺教室 0 间，"
                                            r"应为 60 人、2 间（逐校：实验中学 60 人、缺 2 间；划片转入顺延：一初中 2029 "
                                            r"学年起）。$"):
        _check_waiting(data, plan, cfg)
