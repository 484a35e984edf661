"""Brief hnewsch (review rv13 findings 8 and 9), on hand-made plans.

Rule (T): a school the plan extends (rooms built there) builds every room its target year
needs, so no class of the plan year is taught in a borrowed room (rv13 9: 新区实验学校 built
4 初中 rooms and still put 2 初中 classes in 第三小学, 2.7 km away, in 2030). The planner raises
its rooms to the target year's overflow (planning.layout_runs.target_floors, priced by
with_floors); the checker refuses a target-year row of such a school that borrows
(planning.layout_check_runs.target_borrowing, check_runs).

Walkers are not costed as bus riders (rv13 8): the pinned alternative's bus is the pupils
beyond ``school_bus_km`` in a straight line, and the words now say they ride it and why.
"""

from __future__ import annotations

from types import SimpleNamespace as NS

import pandas as pd
import pytest

from junheng.optimize import SolveStatus
from junheng.planning.layout_check import PlanViolation
from junheng.planning.layout_check_runs import check_runs, target_borrowing
from junheng.planning.layout_model import LayoutSolution
from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool, YearRooms
from junheng.planning.layout_pin_cost import cost_split, cost_words, riders_words
from junheng.planning.layout_reasons import Crowded
from junheng.planning.layout_runs import kept_within, target_floors, with_floors

#: the demo's rules for a trip: 5 km straight line to the bus, 1.3 detour, 12 km/h in town
RULES = {"school_bus_km": 5.0, "detour_factor": 1.3, "speed_kmh_urban": 12.0, "day_travel_limit_min": 30.0}


def expansion(**kw) -> PlannedSchool:
    """新区实验学校 as the demo has it: 4 初中 rooms added, built, in use from 2029 (phase 4)."""
    return PlannedSchool("E", "新区实验学校", "expand", phase=4, added_classrooms=4,
                         added_classrooms_by_stage={"primary": 0, "junior": 4}, **kw)


def outcome(rows, *schools) -> LayoutOutcome:
    return LayoutOutcome("optimal", schools or (expansion(),), {}, year=2025, target_year=2030,
                         transition=tuple(rows))


#: the demo's 过渡期 rows of 新区实验学校's 初中 before the rule: overflow 6 in 2029–2030, 4 built,
#: 2 borrowed each year (in 第三小学 in 2030); 4 needed 2031
DEMO_ROWS = (YearRooms(2028, "E", "junior", 459, 1, 0, 1), YearRooms(2029, "E", "junior", 697, 6, 4, 2, 4),
             YearRooms(2030, "E", "junior", 681, 6, 4, 2), YearRooms(2031, "E", "junior", 639, 4, 4, 0))


def test_an_extended_school_builds_the_rooms_its_target_year_borrows():
    # the target year 2030 borrows 2 beside the 4 built: the floor is the overflow, 6 rooms
    assert target_floors(outcome(DEMO_ROWS)) == {("E", "junior"): 6}
    # once built the rows borrow none in 2030: no floor more (the rule is a fixed point)
    built = (*DEMO_ROWS[:2], YearRooms(2030, "E", "junior", 681, 6, 6, 0), DEMO_ROWS[3])
    assert target_floors(outcome(built)) == {}


def test_a_school_that_only_borrows_or_builds_later_keeps_its_temporary_rooms():
    # 实验中学 builds no room (3 borrowed in 2030): no build on site to join, no floor
    lab = PlannedSchool("B", "实验中学", "expand", phase=2)
    assert target_floors(outcome([YearRooms(2030, "B", "junior", 1986, 3, 0, 3)], lab)) == {}
    # rooms all borrowed (temporary_classrooms = added): it builds none, no floor
    rented = expansion(temporary_classrooms=4)
    assert target_floors(outcome(DEMO_ROWS, rented)) == {}
    # a build in use only from 2031 (phase 6): 2030 is a year no build can help
    late = PlannedSchool("E", "新区实验学校", "expand", phase=6, added_classrooms=4,
                         added_classrooms_by_stage={"junior": 4})
    assert target_floors(outcome(DEMO_ROWS, late)) == {}
    # a school being relocated (迁建, fixed) builds no rooms
    assert target_floors(outcome(DEMO_ROWS), {"E"}) == {}


def solution(junior: dict[str, int]) -> LayoutSolution:
    return LayoutSolution(SolveStatus.OPTIMAL, 1_000_000.0, 999_000.0, 0.0, 1.0, frozenset({"E"}), {},
                          junior, {}, frozenset(), pd.DataFrame(), {})


def test_the_two_rooms_more_are_priced_as_built_rooms():
    # a room 420,000 元 over 20 years: 21,000 元 a year in the objective (e_room); 2 rooms more
    # (4 -> 6) add 42,000 元 to the objective and the bound alike
    more = with_floors(solution({"E": 4}), target_floors(outcome(DEMO_ROWS)), 420_000.0 / 20)
    assert (more.added_junior_rooms, more.objective, more.bound) == ({"E": 6}, 1_042_000.0, 1_041_000.0)


def test_kept_within_repairs_the_target_year_until_it_borrows_none():
    # plan_of({}) borrows 2 in 2030; plan_of({("E", "junior"): 6}) borrows none: two calls
    asked = []

    def plan_of(floors):
        asked.append(dict(floors))
        rows = DEMO_ROWS if not floors else (
            *DEMO_ROWS[:2], YearRooms(2030, "E", "junior", 681, 6, 6, 0), DEMO_ROWS[3])
        school = expansion() if not floors else PlannedSchool(
            "E", "新区实验学校", "expand", phase=4, added_classrooms=6, added_classrooms_by_stage={"junior": 6})
        return NS(outcome=LayoutOutcome("optimal", (school,), {}, year=2025, target_year=2030,
                                        transition=rows, rules={"temporary_peak_years": 3}))

    plan = kept_within(plan_of, 2)
    assert asked == [{}, {("E", "junior"): 6}]
    assert [r.temporary for r in plan.outcome.transition if r.year == 2030] == [0]


def test_the_checker_refuses_a_target_year_borrowed_at_an_extended_school():
    plan = outcome(DEMO_ROWS)
    assert target_borrowing(plan, {"E"}) == [
        "新区实验学校（初中）规划年 2030 学年以临时周转解决 2 间：本校新建教室，规划年所需教室应一并新建，不临时周转。"]
    need = {2029: 6, 2030: 6, 2031: 4}
    with pytest.raises(PlanViolation, match="规划年 2030 学年以临时周转解决 2 间"):
        check_runs(plan, {"E": 2029}, {("E", "junior"): (need, 4, 0, 0)}, 3, 2027, 2029, {"E"})
    # not extending (the school only borrows): no refusal
    check_runs(plan, {"E": 2029}, {("E", "junior"): (need, 4, 0, 0)}, 3, 2027, 2029, set())


def test_the_checker_accepts_the_rooms_built_for_the_target_year():
    # 6 rooms, all built: the per-room rule would borrow rooms 5–6 (needed 2029–2030, gone in
    # 2031) but rule (T) counts none of the 6 the target year needs as borrowable
    built = outcome((*DEMO_ROWS[:2], YearRooms(2030, "E", "junior", 681, 6, 6, 0), DEMO_ROWS[3]))
    need = {2029: 6, 2030: 6, 2031: 4}
    check_runs(built, {"E": 2029}, {("E", "junior"): (need, 6, 0, 2)}, 3, 2027, 2029, {"E"})


def test_pupils_within_the_bus_distance_are_not_bus_riders_in_the_words():
    crowded = Crowded("城关一小", "小学", 2683, 1980, {}, 5.25, bus_km=5.0)
    # 光明社区 5.32 km from the new school in a straight line: by bus, 5.32 × 1.3 / 20 × 60 = 20.75
    assert crowded.trip(("光明社区", {}, 20.75, 5.32)) == (
        "乘校车单程 20.8 分钟（直线 5.3 公里，超过 5 公里的按规则乘校车，计校车运行费用）")
    # a community 2.9 km away walks: 2.9 × 1.3 / 12 × 60 = 18.85 minutes, no bus said
    assert crowded.trip(("丰收路社区", {}, 18.85, 2.9)) == "单程 18.9 分钟"
    # without the rule's distance (0) nothing is said of a bus
    assert Crowded("甲", "小学", 1, 1, {}, 6.0).trip(("乙", {}, 20.0)) == "单程 20.0 分钟"


def test_the_pinned_bus_cost_names_its_riders_and_why_they_ride():
    # 987 riders more at 3,000 元 = 2,961,000 元; walking 5 km × 1.3 / 12 km/h = 32.5 minutes > 30
    first = {"school_bus_yuan": 0.0, "day_pupils_need_bus": 849, "travel_pupil_minutes": 0.0}
    pinned = {"school_bus_yuan": 2_961_000.0, "day_pupils_need_bus": 1_836, "travel_pupil_minutes": 0.0}
    split = cost_split(first, pinned)
    assert (split["school_bus_yuan"], split["riders"], split["total"]) == (2_961_000.0, 987.0, 2_961_000.0)
    assert cost_words(split, 0.2, RULES) == (
        "每年多支出 296.10 万元（全部为校车运行费用；多乘校车 987 人：划入的片区到新校直线超过 5 公里，按规则乘校车"
        "（步行、骑车单程至少 32.5 分钟，超过走读上限 30 分钟），所列单程分钟数是乘校车的时间），综合评价值合计每年多 296.10 万元")
    # a faster town speed (20 km/h: 19.5 minutes on foot) says no walk-time reason
    assert riders_words(987.0, {**RULES, "speed_kmh_urban": 20.0}) == (
        "多乘校车 987 人：划入的片区到新校直线超过 5 公里，按规则乘校车，所列单程分钟数是乘校车的时间")
