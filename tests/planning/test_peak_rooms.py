"""Brief hborrow (review rv17 finding 2), on hand-made plans: the demo's three expansions whose
permanent rooms include some needed for at most ``temporary_peak_years`` (3) school years.

The 过渡期 need (rooms beyond the seats before the plan) by school year, as the checker
re-derives it from the demo county (layout_check_years), each build in use from 2029 (data
year 2025 + phase 4), the target year 2030, the last year looked at 2033:

* 新区实验学校 初中, 6 rooms: 2028–2033 need 1, 6, 6, 4, 4, 2;
* 第三初级中学 初中, 4 rooms: 1, 4, 4, 4, 2, 0;
* 第四小学 小学, 2 rooms: 0, 4, 2, 1, 0, 1.

Room by room (room ``r`` is needed in the years whose need is at least ``r``, counted from
2029; borrowed when every run of them lasts at most 3 years and 2033 does not need it):
新区 rooms 5–6 are needed 2029–2030 (2 years), 第三初中 rooms 3–4 2029–2031 (3 years),
第四小学 room 2 2029–2030 (2 years): the per-room rule borrows 2, 2 and 1, as the review found.
All 5 are needed in the target year 2030 at a school building rooms anyway, so rule (T)
(review rv13 finding 9, planning.layout_runs.target_floors; the checker's
layout_check_runs.check_runs) builds them: the checker reaches ``borrowable`` for these
stages and accepts the build because (T) counts none of the target year's rooms borrowable.
Without (T) it would refuse them, with the words below; with (T) it still refuses a room
built for a peak outside the target year.
"""

from __future__ import annotations

import pytest

from junheng.planning.layout_check import PlanViolation
from junheng.planning.layout_check_runs import check_runs
from junheng.planning.layout_check_years import borrowable
from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool, YearRooms
from junheng.planning.layout_runs import target_floors
from junheng.planning.layout_years import site_temporary

#: (school, stage) -> need by school year 2027–2033, as the checker re-derives it for the demo
NEED = {
    ("X", "junior"): {2027: 0, 2028: 1, 2029: 6, 2030: 6, 2031: 4, 2032: 4, 2033: 2},
    ("T", "junior"): {2027: 0, 2028: 1, 2029: 4, 2030: 4, 2031: 4, 2032: 2, 2033: 0},
    ("F", "primary"): {2027: 0, 2028: 0, 2029: 4, 2030: 2, 2031: 1, 2032: 0, 2033: 1},
}
NAMES = {"X": "洛北县新区实验学校", "T": "洛北县第三初级中学", "F": "洛北县第四小学"}
#: the rooms each adds (the target year's need, rule (T)), built from 2029
ROOMS = {"X": 6, "T": 4, "F": 2}
PEAK, OPENS, FIRST = 3, 2029, 2027


def school(sid: str, rooms: int, borrowed: int = 0) -> PlannedSchool:
    stage = "primary" if sid == "F" else "junior"
    return PlannedSchool(sid, NAMES[sid], "expand", phase=4, added_classrooms=rooms,
                         temporary_classrooms=borrowed, added_classrooms_by_stage={stage: rooms})


def plan(built: dict[str, int], rooms: dict[str, int] = ROOMS) -> LayoutOutcome:
    """The three schools, ``built`` rooms each (the rest of ``rooms`` borrowed), their 过渡期
    rows from 2028: the need, the rooms standing from 2029 and the need beyond them borrowed."""
    rows = tuple(YearRooms(y, sid, stage, 0, k, built[sid] if y >= OPENS else 0,
                           max(k - (built[sid] if y >= OPENS else 0), 0))
                 for (sid, stage), need in NEED.items() for y, k in need.items() if y >= 2028 and k)
    return LayoutOutcome("optimal", tuple(school(sid, rooms[sid], rooms[sid] - built[sid]) for sid in rooms),
                         {}, year=2025, target_year=2030, transition=rows,
                         rules={"temporary_peak_years": PEAK, "expansion_lead_years": 2})


def stages(built: dict[str, int], rooms: dict[str, int] = ROOMS) -> dict:
    """check_years's figures for the run rule: (need, rooms, borrowed, borrowable)."""
    return {(sid, st): (need, rooms[sid], rooms[sid] - built[sid], borrowable(need, rooms[sid], OPENS, PEAK))
            for (sid, st), need in NEED.items()}


def test_room_by_room_the_rule_borrows_two_two_and_one():
    # the checker's count and the planner's (site_temporary, from the run start 2029) agree
    assert {k: borrowable(need, ROOMS[k[0]], OPENS, PEAK) for k, need in NEED.items()} == {
        ("X", "junior"): 2, ("T", "junior"): 2, ("F", "primary"): 1}
    assert [site_temporary(need, {y: n for y, n in need.items() if y >= OPENS}, ROOMS[k[0]], PEAK)
            for k, need in NEED.items()] == [2, 2, 1]
    # at a limit of 2 years 第三初中's rooms 3–4 (3 years) are built: 2, 0, 1
    assert [borrowable(need, ROOMS[k[0]], OPENS, 2) for k, need in NEED.items()] == [2, 0, 1]


def test_rule_t_builds_the_target_years_rooms_the_per_room_rule_borrows():
    # the per-room plan builds 4, 2 and 1 and borrows 2, 2 and 1 in 2030: (T) raises each
    # school's rooms to the target year's need, 6, 4 and 2 (5 rooms more, 5 × 42 万元 = 210 万元)
    per_room = plan({"X": 4, "T": 2, "F": 1})
    assert [(r.school_id, r.temporary) for r in per_room.transition if r.year == 2030] == [
        ("X", 2), ("T", 2), ("F", 1)]
    assert target_floors(per_room) == {("X", "junior"): 6, ("T", "junior"): 4, ("F", "primary"): 2}
    # built so, the target year borrows none: (T) asks for nothing more
    assert target_floors(plan(ROOMS)) == {}


def test_the_checker_accepts_the_rooms_built_for_the_target_year():
    # borrowable is reached (2, 2, 1 in stages), and (T) takes the target year's need off it:
    # min(2, 6 − 6), min(2, 4 − 4), min(1, 2 − 2) = 0 borrowable; 0 borrowed: accepted
    check_runs(plan(ROOMS), {"X": OPENS, "T": OPENS, "F": OPENS}, stages(ROOMS), PEAK, FIRST, OPENS,
               {"X", "T", "F"})


def test_without_rule_t_the_checker_refuses_the_five_rooms():
    # the review's reading (no school counted as extending): the 5 rooms are refused, each
    # school's run of borrowing 2029–2031 at most 3 years, so none needs to be built
    with pytest.raises(PlanViolation) as raised:
        check_runs(plan(ROOMS), {"X": OPENS, "T": OPENS, "F": OPENS}, stages(ROOMS), PEAK, FIRST, OPENS)
    assert raised.value.lines == (
        "洛北县第四小学临时周转 0 间，按逐年缺口可临时周转 1 间，为使连续临时周转不超过 3 个学年应在本校新建其中 0 间，不是 1 间。",
        "洛北县第三初级中学临时周转 0 间，按逐年缺口可临时周转 2 间，为使连续临时周转不超过 3 个学年应在本校新建其中 0 间，不是 2 间。",
        "洛北县新区实验学校临时周转 0 间，按逐年缺口可临时周转 2 间，为使连续临时周转不超过 3 个学年应在本校新建其中 0 间，不是 2 间。")


def test_the_checker_refuses_a_room_built_for_a_peak_outside_the_target_year():
    # 第四小学 with 3 rooms built: room 3 is needed in 2029 only (need 4 there, 2 in 2030).
    # Per room 2 borrowable (rooms 2 and 3); (T) keeps the 2 the target year needs, so 1 room
    # (room 3) is borrowable and building it is refused
    rooms, built = {**ROOMS, "F": 3}, {**ROOMS, "F": 3}
    assert borrowable(NEED[("F", "primary")], 3, OPENS, PEAK) == 2
    with pytest.raises(PlanViolation) as raised:
        check_runs(plan(built, rooms), {"X": OPENS, "T": OPENS, "F": OPENS}, stages(built, rooms), PEAK,
                   FIRST, OPENS, {"X", "T", "F"})
    assert raised.value.lines == (
        "洛北县第四小学临时周转 0 间，按逐年缺口可临时周转 1 间，为使连续临时周转不超过 3 个学年应在本校新建其中 0 间，不是 1 间。",)
    # borrowing room 3 (2 built, 1 borrowed in 2029) is accepted
    check_runs(plan(ROOMS, rooms), {"X": OPENS, "T": OPENS, "F": OPENS}, stages(ROOMS, rooms), PEAK,
               FIRST, OPENS, {"X", "T", "F"})
