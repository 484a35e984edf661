"""Review rv10 finding 2: an open school's 过渡期 row counts the plan's pupils who are there that
year. 洛北县第四小学 rented 7 rooms in 2027 for 1,052 pupils although the 锦绣社区 children
were, by the plan's own 划片转入顺延, still at 洛北县第三小学 until 2029 (planning.layout_arrivals;
the checker places them the same way, layout_check_years.yearly_loads).

On the county of test_layout_years (each village's grades 7–9: 330 in 2027, 300 in 2028 and
2029, 270 in 2030, 300 in 2031 and 2032; first school year 2027, build time 2 school years)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pandas as pd
import pytest
from layout_builders import V1_PRICES
from test_layout_years import county as years_county

from junheng.planning import load_layout_config
from junheng.planning.layout_arrivals import arrived_rows
from junheng.planning.layout_check import PlanViolation
from junheng.planning.layout_check_years import check_years, yearly_loads
from junheng.planning.layout_large import pupils_by_year
from junheng.planning.layout_outcome import (
    LayoutOutcome,
    PlannedSchool,
    VillageAssignment,
    YearRooms,
)
from junheng.planning.layout_waiting import borrowed_rooms, plan_moves, with_waiting

SIZES = {"primary": 45, "junior": 50}
#: the rows the solve writes with every pupil at the plan's school: R holds V1 and V2 from 2027
#: (660, 600, 600, 540, 600, 600 pupils: 14, 12, 12, 11, 12, 12 classes of 50 on 6 rooms; after
#: the target year 2029 at most its 6 added rooms)
SOLVED = (YearRooms(2027, "R", "junior", 660, 8, 0, 8),
          YearRooms(2028, "R", "junior", 600, 6, 0, 6),
          YearRooms(2029, "R", "junior", 600, 6, 6, 0, 6),
          YearRooms(2030, "R", "junior", 540, 5, 6, 0),
          YearRooms(2031, "R", "junior", 600, 6, 6, 0),
          YearRooms(2032, "R", "junior", 600, 6, 6, 0))


def sites() -> pd.DataFrame:
    return pd.DataFrame({"class_size_primary": 45, "class_size_junior": 50, "size_cap": 2000,
                         "seats_junior": [300, 600]}, index=["R", "P"])


def plan() -> LayoutOutcome:
    """一初中 R (300 junior seats, 6 rooms, before its 6 added rooms, in use in 2025 + 4 = 2029)
    keeps V2; V1 moves to R from 实验中学 P (600 seats). With V1 R is over its 300 seats in
    2027 (660) and 2028 (600): V1's pupils wait at P until 2029."""
    return LayoutOutcome(
        "optimal",
        (PlannedSchool("R", "一初中", "expand", phase=4, capacity={"junior": 600},
                       added_classrooms=6, added_classrooms_by_stage={"junior": 6}),
         PlannedSchool("P", "实验中学", "keep", capacity={"junior": 600})),
        {}, year=2025, target_year=2029, rules={"plan_date": "2026-12-05"},
        costs={"temporary_room_yuan": 20_000.0},
        assignments=(
            VillageAssignment("V1", "grades_7_9", "R", 300, 1.0, 5.0, False, before_school="P"),
            VillageAssignment("V2", "grades_7_9", "R", 300, 1.0, 5.0, False, before_school="R")),
        transition=SOLVED)


def test_a_receivers_rows_before_the_move_count_only_the_pupils_there():
    data = years_county()
    assert plan_moves(plan(), data, sites()) == {"R": 2029}
    rows = with_waiting(plan(), data, SIZES, sites()).transition
    # 2027: V2 alone, 330 pupils in ⌈330 / 50⌉ = 7 classes on 6 rooms: 1 room borrowed, not 8;
    # 2028: 300 pupils in 6 classes, none short: the row goes; from 2029 V1 is there too
    assert rows == (YearRooms(2027, "R", "junior", 330, 1, 0, 1), *SOLVED[2:])
    # the rooms paid: 1 room-year in 2027 instead of 8 + 6 in 2027–2028
    assert borrowed_rooms(replace(plan(), transition=rows)) == {"R": {2027: 1}}
    # the 过渡期's pupils are year_pupils' (the one placement of both)
    placed = pupils_by_year(plan(), data, sites())
    assert {(r.year, r.pupils) for r in rows} == {
        (y, by[("R", "junior")]) for y, by in placed.items() if y in {r.year for r in rows}}
    assert (placed[2027][("R", "junior")], placed[2028][("R", "junior")]) == (330, 300)


def test_rows_with_every_pupil_in_place_are_left_as_they_are():
    # V1 already at R today: no pupil of R is elsewhere in any year
    here = replace(plan(), assignments=tuple(replace(a, before_school="R")
                                             for a in plan().assignments))
    assert arrived_rows(here, years_county(), sites(), ({}, {}, {"R": 2029})) == SOLVED
    # without the planner's sites the rows cannot be formed again: as they are
    assert arrived_rows(plan(), years_county(), None, ({}, {}, {"R": 2029})) == SOLVED


def test_the_checker_places_the_pupils_as_the_plan_does():
    data = years_county()
    cfg = load_layout_config(None, class_size_junior=50, costs=V1_PRICES, temporary_peak_years=3,
                             plan_date=date(2026, 12, 5), expansion_lead_years=2)
    rows = with_waiting(plan(), data, SIZES, sites()).transition
    timing = ({}, {}, {"R": 2029})
    assert yearly_loads(data, plan(), {"R"}, 2027, timing=timing)[("R", "junior")] == {
        2027: 330, 2028: 300, 2029: 600, 2030: 540, 2031: 600, 2032: 600}
    assert check_years(data, replace(plan(), transition=rows), cfg) == {}
    # the rows as the solve wrote them (V1 at R from 2027) are refused
    with pytest.raises(PlanViolation, match=r"2027 学年一初中（初中）过渡期记录与推算不符：学生 330 人，缺口 1 间，"
                                            r"已建 0 间。"):
        check_years(data, plan(), cfg)
