"""Planner review rv2 3: pupils waiting at an open school (for their 划片 move or a new school)
sit in rooms there too. 实验中学 held 396 waiting pupils in 2027 beyond the plan's 1,938 on
1,900 seats; its row borrowed 1 room, the 8 more the 396 fill were counted in no row. The
open school's own row now counts them (planning.layout_waiting.held_row), they are rented at
the one price, the 过渡期 table says why, and the checker re-derives them.

On the county of test_layout_moves (its grades 7–9: 330 a village in 2027, 300 in 2028 and
2029; first school year 2027)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pandas as pd
import pytest
from test_layout_years import config as years_config
from test_layout_years import county as years_county

from junheng.planning.layout_check import PlanViolation
from junheng.planning.layout_check_held import check_held
from junheng.planning.layout_check_runs import _parts
from junheng.planning.layout_ground import temporary_school_years
from junheng.planning.layout_outcome import (
    LayoutOutcome,
    PlannedSchool,
    VillageAssignment,
    YearRooms,
)
from junheng.planning.layout_runs import waiting_at
from junheng.planning.layout_waiting import (
    borrowed_rooms,
    temporary_rooms,
    temporary_yuan,
    waiting_rooms,
    with_waiting,
)
from junheng.report.layout_sections import ground_rows
from junheng.report.layout_years import transition_rows, transition_text

SIZES = {"primary": 45, "junior": 50}


def sites() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "class_size_primary": 45,
            "class_size_junior": 50,
            "size_cap": 2000,
            "seats_junior": [200, 250],
        },
        index=["R", "E"],
    )


def plan() -> LayoutOutcome:
    """实验中学 E (350 junior seats with its 2 rooms, both met by 临时周转: 250 standard
    seats) keeps V2; V1 moves from E to 一初中 R (200 seats, its works in use in 2025 + 4 =
    2029). R is short in 2027 (330 > 200) and 2028 (300 > 200): V1 waits at E until 2029.
    E's own rows: V2's 330 in 2027 fill ⌈80 / 50⌉ = 2 rooms, its 300 in 2028 ⌈50 / 50⌉ = 1,
    its 300 in 2029 1, all borrowed."""
    return LayoutOutcome(
        "optimal",
        (
            PlannedSchool("R", "一初中", "keep", phase=4, capacity={"junior": 200}),
            PlannedSchool(
                "E",
                "实验中学",
                "expand",
                phase=2,
                capacity={"junior": 350},
                added_classrooms=2,
                added_classrooms_by_stage={"junior": 2},
                temporary_classrooms=2,
            ),
        ),
        {},
        year=2025,
        target_year=2029,
        rules={"plan_date": "2026-12-05"},
        costs={"temporary_room_yuan": 20_000.0},
        assignments=(
            VillageAssignment("V1", "grades_7_9", "R", 300, 1.0, 5.0, False, before_school="E"),
            VillageAssignment("V2", "grades_7_9", "E", 300, 1.0, 5.0, False, before_school="E"),
        ),
        transition=(
            YearRooms(2027, "E", "junior", 330, 2, 0, 2),
            YearRooms(2028, "E", "junior", 300, 1, 0, 1),
            YearRooms(2029, "E", "junior", 300, 1, 0, 1),
        ),
    )


def held() -> LayoutOutcome:
    return with_waiting(plan(), years_county(), SIZES, sites())


def test_the_pupils_waiting_at_an_open_school_fill_rooms_its_row_rents():
    rows = held().transition
    # 2027: E holds V2's 330 and V1's 330 waiting = 660 on 250 seats: 410 over, ⌈410 / 50⌉ = 9
    # rooms short; its row borrows 2 for V2 (80 over), so the 330 waiting are over the seats
    # (410 − 80) and fill 9 − 2 = 7 rooms more.
    # 2028: 300 + 300 = 600: 350 over, ⌈350 / 50⌉ = 7 short, the row borrows 1 (50 over):
    # 300 waiting over the seats, 6 rooms more. 2029: V1 has moved, none waits.
    assert [(r.year, r.waiting, r.crowded, r.crowded_rooms, r.crowded_at) for r in rows] == [
        (2027, 330, 330, 7, (("E", 330, 7),)),
        (2028, 300, 300, 6, (("E", 300, 6),)),
        (2029, 0, 0, 0, ()),
    ]


def test_every_room_the_waiting_pupils_fill_is_rented_and_priced_year_by_year():
    out = held()
    # E rents its row's rooms and the waiting pupils': 2 + 7 = 9 in 2027, 1 + 6 = 7 in 2028,
    # 1 in 2029; at 20,000 元 a room-year 180,000, 140,000 and 20,000 元
    assert borrowed_rooms(out) == {"E": {2027: 9, 2028: 7, 2029: 1}}
    assert temporary_rooms(out) == {2027: 9, 2028: 7, 2029: 1}
    assert temporary_yuan(out) == {2027: 180_000.0, 2028: 140_000.0, 2029: 20_000.0}
    assert waiting_rooms(out) == {2027: 7, 2028: 6}
    # the ground table and the checker's run rule read the same rooms
    assert temporary_school_years(out) == {("E", 2027): 9, ("E", 2028): 7, ("E", 2029): 1}
    assert _parts(out, 2027) == {"E": {"junior": {2027: 9, 2028: 7, 2029: 1}}}
    assert waiting_at(out) == {
        "E": {2027: (7, "划片转入的接收学校就绪"), 2028: (6, "划片转入的接收学校就绪")}
    }


def test_the_transition_tables_show_the_waiting_pupils_rooms_with_their_reason():
    out = held()
    sheet = [r for r in transition_rows(out) if r[1].startswith("实验中学")]
    # the sheet's 临时周转 column is the row's 2 (1) and the waiting pupils' 7 (6): 9 (7)
    assert [(r[0], r[3], r[8]) for r in sheet] == [
        ("2027 学年", 660, 9),
        ("2028 学年", 600, 7),
        ("2029 学年", 300, 1),
    ]
    assert sheet[0][1] == "实验中学"  # the rest in its own column (review rv15 15)
    assert sheet[0][10] == (
        "学生数 660 人，其中等待转出 330 人（新建学校启用或接收学校就绪后转出）；需用新增教室按方案划入本校的 "
        "330 人计 2 间；等待转出的学生超出标准学位 330 人，另缺教室 7 间，临时周转 7 间（等待新校建成或接收学校就绪，"
        "每间每学年 2.00 万元，计 14.00 万元，计入当年一次性投入），本行临时周转共 9 间"
    )
    assert [r[:3] for r in ground_rows(out)] == [
        ["实验中学", "2027 学年", "9（其中等待划片转入的接收学校就绪的学生 7 间）"],
        ["实验中学", "2028 学年", "7（其中等待划片转入的接收学校就绪的学生 6 间）"],
        ["实验中学", "2029 学年", "1"],
    ]
    assert (
        "等待转出的学生在现就读学校过渡（等待新校建成或接收学校就绪）：实验中学 330 人，超出标准学位 330 人、"
        "缺教室 7 间；共临时周转 7 间、14.00 万元"
    ) in transition_text(out)


def test_the_checker_re_derives_the_waiting_pupils_and_their_rooms():
    data, cfg = years_county(), years_config(plan_date=date(2026, 12, 5))
    check_held(data, held(), cfg)
    # main's rows (no pupil waiting counted, no room) are refused with the figures
    with pytest.raises(
        PlanViolation,
        match=r"^实验中学2027 学年等待转出的学生 0 人、超出标准学位 0 人、缺教室 0 间，"
        r"应为 330 人、330 人、7 间（学生数 660 人，其中按方案划入本校 330 人）。",
    ):
        check_held(data, plan(), cfg)
    # one room fewer in 2028 is refused too
    rows = held().transition
    wrong = replace(
        held(),
        transition=(
            rows[0],
            replace(rows[1], crowded_rooms=5, crowded_at=(("E", 300, 5),)),
            rows[2],
        ),
    )
    with pytest.raises(
        PlanViolation,
        match=r"2028 学年等待转出的学生 300 人、超出标准学位 300 人、缺教室 5 间，"
        r"应为 300 人、300 人、6 间",
    ):
        check_held(data, wrong, cfg)


def _three_villages():
    """test_layout_years' county with a third village V3 like V1 and V2."""
    data = years_county()
    data.villages = pd.concat([data.villages, data.villages.iloc[[0]].assign(village_code="V3")],
                              ignore_index=True)
    return data


def _waiting_before_its_own_need() -> LayoutOutcome:
    """The demo's 第四中学 (brief hearly): 实验中学 E (300 seats) keeps V2 (250 in 2029, 275 in
    2027), V1 (300; 330 in 2027) waits there for its move to R (ready 2029) and V3 (100) comes
    from Q in 2029, when E's own pupils first lack a room (350 on 300 seats: 1, borrowed). Its
    only row is 2029's: the decision gives it no overflow before, its own 275 and 250 fit."""
    return replace(
        plan(),
        schools=(
            plan().schools[0],
            PlannedSchool("E", "实验中学", "expand", phase=4, capacity={"junior": 350}, added_classrooms=1,
                          added_classrooms_by_stage={"junior": 1}, temporary_classrooms=1),
            PlannedSchool("Q", "二初中", "keep", capacity={"junior": 500}),
        ),
        assignments=(
            VillageAssignment("V1", "grades_7_9", "R", 300, 1.0, 5.0, False, before_school="E"),
            VillageAssignment("V2", "grades_7_9", "E", 250, 1.0, 5.0, False, before_school="E"),
            VillageAssignment("V3", "grades_7_9", "E", 100, 1.0, 5.0, False, before_school="Q"),
        ),
        transition=(YearRooms(2029, "E", "junior", 350, 1, 0, 1),),
    )


def test_a_year_with_no_row_of_its_own_gets_one_where_its_waiting_pupils_lack_rooms():
    seats = pd.DataFrame({"class_size_primary": 45, "class_size_junior": 50, "size_cap": 2000,
                          "seats_junior": [200, 300, 500]}, index=["R", "E", "Q"])
    out = with_waiting(_waiting_before_its_own_need(), _three_villages(), SIZES, seats)
    # 2027: V2's 275 and V1's 330 waiting = 605 on 300 seats: 305 over, ⌈305 / 50⌉ = 7 rooms
    # short, none its own; 2028: 250 + 300 = 550, 250 over, 5 rooms; 2029: V1 gone, V3 in
    assert [(r.year, r.pupils, r.overflow, r.temporary, r.waiting, r.crowded, r.crowded_rooms)
            for r in out.transition] == [
        (2027, 275, 0, 0, 330, 305, 7), (2028, 250, 0, 0, 300, 250, 5), (2029, 350, 1, 1, 0, 0, 0)]
    assert borrowed_rooms(out) == {"E": {2027: 7, 2028: 5, 2029: 1}}
    check_held(_three_villages(), out, years_config(plan_date=date(2026, 12, 5)))
    # no row where none waits: R with 700 seats has room from 2027, V1 moves then
    roomy = _waiting_before_its_own_need()
    roomy = replace(roomy, schools=(replace(roomy.schools[0], capacity={"junior": 700}), *roomy.schools[1:]))
    assert [r.year for r in with_waiting(roomy, _three_villages(), SIZES, seats).transition] == [2029]
