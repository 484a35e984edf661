"""The layout's own 临时周转 years against the limit, the years its pupils wait for a new school
counted (rv2 finding 2: 洛北县实验中学's reason said its 临时周转 stayed within the limit while the
combined check found four years in a row)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from junheng.planning.layout_check import PlanViolation
from junheng.planning.layout_check_runs import check_runs
from junheng.planning.layout_check_years import borrowable
from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool, YearRooms
from junheng.planning.layout_reasons import action_reasons
from junheng.planning.layout_runs import (
    extra_rooms,
    idle_floor,
    own_breaches,
    run_floors,
    run_words,
    with_floors,
)
from junheng.planning.layout_years import site_temporary


def _plan(waiting_2028: int, lead: int = 0) -> LayoutOutcome:
    """实验中学 (expands in 2027, 1 room by 临时周转) borrows 1 + 8 rooms in 2027, 2 + waiting_2028 in
    2028 while 文化路初中 (opens 2029) is built, then 1 room in 2029 and 2030 (the overflow list).
    ``lead``: ``expansion_lead_years`` (0: a room could be in use from 2027, every year counts)."""
    schools = (PlannedSchool("N", "文化路初中", "new", phase=4),
               PlannedSchool("E", "实验中学", "expand", phase=2, students_expected=2_392,
                             added_classrooms=1, temporary_classrooms=1))
    rows = [YearRooms(2027, "N", "junior", 995, 20, 0, 20, 0, 396, 8, (("E", 396, 8),)),
            YearRooms(2027, "E", "junior", 2_000, 1, 0, 1)]
    if waiting_2028:
        rows.append(YearRooms(2028, "N", "junior", 1_033, 21, 0, 21, 0, 411, waiting_2028,
                              (("E", 411, waiting_2028),)))
    return LayoutOutcome("optimal", schools, {}, year=2025, target_year=2030,
                         rules={"plan_date": "2026-12-05", "temporary_peak_years": 3,
                                "expansion_lead_years": lead},
                         transition=tuple(rows),
                         overflow=((2029, "E", "junior", 1), (2030, "E", "junior", 1)))


def test_the_years_waiting_for_the_new_school_count_in_the_run():
    # 2027: 1 own + 8 waiting = 9; 2028: 9 waiting; 2029: 1; 2030: 1 -> 4 years in a row > 3
    text = own_breaches(_plan(9))["E"]
    assert text == ("2027—2030 学年连续 4 个学年借用教室临时周转（2027 学年 9 间、2028 学年 9 间、2029 学年 1 间、"
                    "2030 学年 1 间；其中等待文化路初中启用的学生 2027 学年 8 间、2028 学年 9 间），"
                    "超过临时周转年限（3 个学年），需调整建设时序（提前建成新建学校或在本校新建教室）")
    reason = action_reasons(_plan(9))["E"]
    assert "缺口持续不超过临时周转年限" not in reason
    # the room told as the 过渡期 rows have it (brief hsize): at most 9 (2027 and 2028: 1 own
    # + 8 waiting; 9 waiting), 2027—2030, 1 in the target year 2030 (the overflow row)
    assert reason.endswith("临时周转教室至多 9 间（2027—2030 学年借用，规划年 2030 学年 1 间；"
                           "连续借用 4 个学年，超过临时周转年限 3 年，需论证；"  # rv17 6
                           "调整后学生所需教室多于现有教室，不新建）；" + text)
    # at a build of 2 years a room is in use from 2029 (review rv4 4): 2027–2028 no build can
    # help, the run counted is 2029–2030, 2 years: within; the whole run, 4 years, is longer than
    # 3 and the reason says so (rv17 6: no 「不超过」 left in it)
    assert own_breaches(_plan(9, 2)) == {}
    reason = action_reasons(_plan(9, 2))["E"]
    assert reason.endswith(
        "连续借用 4 个学年，超过临时周转年限 3 年，需论证；调整后学生所需教室多于现有教室，不新建）；2027—2030 学年连续 4 个学年"
        "借用教室临时周转（其中 2027—2028 学年即使新建教室也来不及投入使用，自 2029 学年起计 2 个学年），超过临时周转年限 3 年，需论证")
    assert "不超过" not in reason


def test_a_run_within_the_limit_keeps_the_claim():
    # no room in 2028: runs 2027 (1 year) and 2029–2030 (2 years), each ≤ 3
    assert own_breaches(_plan(0)) == {}
    assert "缺口持续不超过临时周转年限，不新建" in action_reasons(_plan(0))["E"]


def test_the_plan_counts_the_breach_among_its_unmet_rules():
    # the same 4-year run: one more rule unmet in the status, its sentence in 未满足的规则
    from junheng.planning.layout_unmet import unmet_labels, unmet_lines
    plan = _plan(9)
    assert unmet_labels(plan) == ["同一学校连续临时周转不超过 3 个学年（实验中学 2027—2030 学年连续 4 个学年）"]
    assert unmet_lines(plan) == ["同一学校连续临时周转不超过 3 个学年：实验中学 " + own_breaches(plan)["E"]]
    assert unmet_labels(_plan(0)) == [] and unmet_lines(_plan(0)) == []


# The plan keeps every run within the limit (brief hn): the fewest rooms built that cut it.

def waiting_four_years(lead_year: int = 2028, built: int = 0, lead: int = 0) -> LayoutOutcome:
    """A hand-made county, data year 2025, planned 2026-12-05 (first school year 2027): the
    new 新建初级中学 N opens in 2031 (phase 6); till then its pupils wait at 第一初级中学 P (8
    rooms, 400 seats), which lacks 3, 4, 2 and 2 rooms in 2027–2030: 11 room-years, 22 万元
    at 2 万 a room-year, against 2 rooms built, 84 万元. Renting is cheapest and lasts 4
    years. ``built``: rooms P builds, in use from ``lead_year`` (each takes one room off every
    year from then on); ``lead``: ``expansion_lead_years`` (the run counted from 2027 + lead)."""
    short = {2027: 3, 2028: 4, 2029: 2, 2030: 2}
    rows = tuple(YearRooms(y, "N", "junior", 500, 10, 0, 10, 0, k * 50,
                           k - (built if y >= lead_year else 0),
                           (("P", k * 50, k - (built if y >= lead_year else 0)),))
                 for y, k in short.items())
    rows = tuple(r if r.crowded_rooms > 0 else replace(r, crowded=0, crowded_at=()) for r in rows)
    p = (PlannedSchool("P", "第一初级中学", "expand", phase=lead_year - 2025, added_classrooms=built,
                       added_classrooms_by_stage={"junior": built}) if built
         else PlannedSchool("P", "第一初级中学", "keep"))
    return LayoutOutcome("optimal", (PlannedSchool("N", "新建初级中学", "new", phase=6), p), {},
                         year=2025, target_year=2030, transition=rows,
                         rules={"plan_date": "2026-12-05", "temporary_peak_years": 3,
                                "expansion_lead_years": lead})


def test_pupils_waiting_four_years_get_the_fewest_rooms_that_end_the_run():
    # At a build of 0 years (a room in use from 2027, every year counted) P borrows 2027–2030,
    # 4 years: 1 room leaves 2, 3, 1, 1 (still 4 years); 2 rooms leave 1, 2, 0, 0: the run is
    # 2027–2028. Room 2 is in use 2027–2030 (borrowed 3, 4, 2, 2 ≥ 2), 4 of the 7 years
    # 2027–2033: over a half, built
    plan = waiting_four_years()
    assert own_breaches(plan)["P"].startswith("2027—2030 学年连续 4 个学年借用教室临时周转（2027 学年 3 间、"
                                              "2028 学年 4 间、2029 学年 2 间、2030 学年 2 间")
    assert extra_rooms({"junior": {2027: 3, 2028: 4, 2029: 2, 2030: 2}}, 2028, 3) == {"junior": 2}
    assert run_floors(plan, 0) == {("P", "junior"): 2}
    # at 1 year a room is in use from 2028 (review rv4 4: the run counted from it): 2027 is
    # unavoidable and 2028–2030 (4, 2, 2 rooms) are 3 years, within: no room (the rule counting
    # from 2027 built 2); at 3 years from 2030, 1 year; at 4 years from 2031 none is counted
    assert extra_rooms({"junior": {2027: 3, 2028: 4, 2029: 2, 2030: 2}}, 2028, 3, 2028) == {}
    assert run_floors(plan, 1) == run_floors(plan, 3) == run_floors(plan, 4) == {}
    assert own_breaches(waiting_four_years(lead=1)) == {}
    # (U2, brief hl) in use from 2030, room 2 is in use in 2030 alone of 2030–2033 (1 of 4)
    assert idle_floor({2027: 3, 2028: 4, 2029: 2, 2030: 2}, 2, 2030, 2033) == {
        "rooms": 2, "used": 1, "years": 4, "first": 2030, "last": 2033, "idle_from": 2031,
        "share": 0.5}
    # the plan with those 2 rooms (84 万元 built, 3 + 2 = 5 room-years, 10 万元) is within
    assert own_breaches(waiting_four_years(built=2)) == {}


def test_the_solution_gets_the_rooms_with_their_yearly_cost():
    # P had no rooms of its own to add: 2 rooms at 420,000 / 20 years = 21,000 元 a year each
    import pandas as pd

    from junheng.optimize import SolveStatus
    from junheng.planning.layout_model import LayoutSolution

    solution = LayoutSolution(SolveStatus.OPTIMAL, 100.0, 99.0, 0.01, 1.0, frozenset({"P"}),
                              {}, {"E": 1}, {}, frozenset(), pd.DataFrame(), {})
    got = with_floors(solution, {("P", "junior"): 2, ("E", "junior"): 1}, 21_000.0)
    assert (got.added_junior_rooms, got.objective, got.bound) == ({"E": 1, "P": 2}, 42_100.0,
                                                                  42_099.0)


def test_the_checker_refuses_a_run_a_build_could_cut():
    # rooms in use from 2028 could cut P's 4 years: refused; from 2031 nothing could
    with pytest.raises(PlanViolation) as raised:
        check_runs(waiting_four_years(), {"P": 2028}, {}, 3, 2027)
    assert raised.value.lines == ("第一初级中学 2027—2030 学年连续 4 个学年借用教室临时周转，超过临时周转年限（3 个学年）："
                                  "2028 学年起在本校新建教室可缩短。",)
    check_runs(waiting_four_years(), {"P": 2031}, {}, 3, 2027)
    check_runs(waiting_four_years(built=2), {"P": 2028}, {}, 3, 2027)
    # counted from the run start 2028 (rv4 4) the run is 2028–2030, 3 years: no refusal
    check_runs(waiting_four_years(lead=1), {"P": 2028}, {}, 3, 2027, 2028)


def test_the_demo_school_borrows_before_its_build_and_two_years_after():
    """实验中学 (洛北县, brief hl): 2 rooms added for 2030, overflow 1, 2, 2, 2 in 2027–2030 and
    none 2031–2033, a build in use from 2029, and 8, 9 rooms for pupils waiting for 文化路初中
    (opens 2029) in 2027–2028. Counted from the run start 2029 (2027 + 2 years' build, review
    rv4 4), room 1 is needed 2029–2030 and room 2 too: 2 years each, none in 2033: both
    borrowed by the per-room rule. The school borrows 9, 11, 2, 2 rooms 2027–2030: 2027–2028
    no build can help, 2029–2030 are 2 years: within the limit, no exception (counted from 2027
    it was 4 years and the 2 rooms that would cut it were idle from 2031: an exception)."""
    need = {2027: 1, 2028: 2, 2029: 2, 2030: 2, 2031: 0, 2032: 0, 2033: 0}

    def demo(borrowed: int) -> LayoutOutcome:
        rows = [YearRooms(2027, "N", "junior", 995, 20, 0, 20, 0, 396, 8, (("E", 396, 8),)),
                YearRooms(2028, "N", "junior", 1_033, 21, 0, 21, 0, 411, 9, (("E", 411, 9),))]
        rows += [YearRooms(y, "E", "junior", 2_000, k, 2 - borrowed if y >= 2029 else 0,
                           k - (2 - borrowed) if y >= 2029 else k) for y, k in need.items() if k]
        return LayoutOutcome("optimal", (
            PlannedSchool("N", "文化路初中", "new", phase=4),
            PlannedSchool("E", "实验中学", "expand", phase=4, added_classrooms=2,
                          temporary_classrooms=borrowed, added_classrooms_by_stage={"junior": 2})),
            {}, year=2025, target_year=2030, transition=tuple(rows),
            rules={"plan_date": "2026-12-05", "temporary_peak_years": 3,
                   "expansion_lead_years": 2})

    assert borrowable(need, 2, 2029, 3) == 2
    assert site_temporary(need, {y: k for y, k in need.items() if y >= 2029}, 2, 3) == 2
    assert run_floors(demo(2), 2) == {} and own_breaches(demo(2)) == {}
    # the whole run 2027–2030, 4 years, is longer than 3: said so (rv17 6), not 「不超过」
    assert run_words(demo(2)) == {"E": "2027—2030 学年连续 4 个学年借用教室临时周转（其中 2027—2028 学年即使新建教室"
                                       "也来不及投入使用，自 2029 学年起计 2 个学年），超过临时周转年限 3 年，需论证"}
    check_runs(demo(2), {"E": 2029}, {("E", "junior"): (need, 2, 2, 2)}, 3, 2027, 2029)
    # tampered: the plan builds both rooms (84 万元), or one: borrowing both keeps the run
    # counted from 2029 at 2 years, so the run rule asks for none built
    with pytest.raises(PlanViolation) as raised:
        check_runs(demo(0), {"E": 2029}, {("E", "junior"): (need, 2, 0, 2)}, 3, 2027, 2029)
    assert raised.value.lines == (
        "实验中学临时周转 0 间，按逐年缺口可临时周转 2 间，为使连续临时周转不超过 3 个学年应在本校新建其中 0 间，"
        "不是 2 间。",)
    with pytest.raises(PlanViolation, match="^实验中学临时周转 1 间，按逐年缺口可临时周转 2 间，.*其中 0 间，不是 1 间。$"):
        check_runs(demo(1), {"E": 2029}, {("E", "junior"): (need, 2, 1, 2)}, 3, 2027, 2029)
    # counted from 2027 (the rule before rv4 4) the run is 4 years and the 2 rooms that would
    # cut it idle from 2031: the checker lets the plan's exception pass, and says the idle rooms
    with pytest.raises(PlanViolation, match="（新建的教室自投入使用至推算末年在用的学年不足一半，不新建）。$"):
        check_runs(demo(0), {"E": 2029}, {("E", "junior"): (need, 2, 0, 2)}, 3, 2027)


def test_a_lasting_need_is_built():
    """A school short 1, 2, 2, 2, 2, 2, 2 rooms 2027–2033 (build in use from 2029): both rooms
    are needed to the last year looked at, in use 5 of 5 years: the per-room rule builds them
    and the use test keeps them (U1); none borrowed after the build."""
    need = {2027: 1, 2028: 2, 2029: 2, 2030: 2, 2031: 2, 2032: 2, 2033: 2}
    assert borrowable(need, 2, 2029, 3) == 0
    assert site_temporary(need, {y: k for y, k in need.items() if y >= 2029}, 2, 3) == 0


def test_a_one_year_peak_of_two_rooms_is_rented():
    """2 rooms short 2026–2029 (before the build, in use from 2029, and in 2029) and none
    2030–2033: the run rule built both (4 years in a row); in use 1 of the 5 years 2029–2033
    (U1): both rented, planner and checker alike; the run then beyond 3 years is the plan's
    exception (U2: the 2 rooms would be idle from 2030)."""
    need = {2026: 2, 2027: 2, 2028: 2, 2029: 2, 2030: 0, 2031: 0, 2032: 0, 2033: 0}
    assert site_temporary(need, {y: k for y, k in need.items() if y >= 2029}, 2, 3) == 2
    assert borrowable(need, 2, 2029, 3) == 2
    assert idle_floor(need, 2, 2029, 2033) == {"rooms": 2, "used": 1, "years": 5, "first": 2029,
                                               "last": 2033, "idle_from": 2030, "share": 0.5}
    # at a limit of 0 years (一律建设) both are built
    assert site_temporary(need, {y: k for y, k in need.items() if y >= 2029}, 2, 0) == 0
