"""临时周转 counted honestly everywhere (planner review vc, 洛北县): a school's borrowed rooms are
no lasting 调整后学位, no construction in the 综合评价's 建设投资年均摊 nor in the yearly budget,
a school that only borrows is listed in its first year borrowed, and the year checker re-derives
the run rule room by room, each run counted from the first year a new room can be in use (review
rv4 4: planning.layout_years.run_start; the years before it are borrowed whatever is built).

The hand-made county: data year 2025, target 2027; villages V1 and V2 alike, 100 children of
each age 0–14 except age 7 (100 → grades 7–9 of 2030), age 8 (50), age 10 (150). Grades 7–9 in
year y are today's ages 12 − s .. 14 − s (s = y − 2025):

====  ========  =======================
year  ages      pupils of a village
====  ========  =======================
2026  11–13     100 + 100 + 100 = 300
2027  10–12     150 + 100 + 100 = 350
2028   9–11     100 + 150 + 100 = 350
2029   8–10      50 + 100 + 150 = 300
2030   7–9      100 +  50 + 100 = 250
====  ========  =======================

甲初中 (S, V1's 350 pupils in 2027) has 300 seats in classes of 50 and adds 1 room: it is needed
in 2027 and 2028 only (350 − 300 = 50 → 1 room), a 2-year peak. 乙初中 (T, V2) has 280 seats
and adds 2: 20 → 1, 70 → 2, 70 → 2, 20 → 1, 0 (250 < 280): room 1 is needed 2026–2029 (4
years), room 2 2027–2028 (2 years). Planned 2026-06-01 (first school year 2026) with a build of
2 years, a new room is in use from 2028: counted from it room 1 is needed 2028–2029 (2 years),
room 2 2028 (1 year), S's room 2028 (1 year). The plan of :func:`outcome` is the one at a limit
of 1 year (:func:`config`): T's room 1 (2 years counted) built, the others borrowed.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from types import SimpleNamespace

import pandas as pd
import pytest
from layout_builders import C1, V1_PRICES, line_county

from junheng.planning import load_layout_config, plan_layout
from junheng.planning.layout_check import PlanViolation
from junheng.planning.layout_check_years import borrowable, check_years
from junheng.planning.layout_outcome import (
    LayoutOutcome,
    PlannedSchool,
    VillageAssignment,
    YearRooms,
)
from junheng.planning.layout_spending import yearly_money
from junheng.planning.layout_years import site_years
from junheng.report.plan_rows import layout_summary

ROOM = 800_000  # V1_PRICES: a classroom
AGES = {7: 100, 8: 50, 10: 150}


def county() -> SimpleNamespace:
    ages = {f"age_{a}": [AGES.get(a, 100)] * 2 for a in range(15)}
    return SimpleNamespace(school_year=2025,
                           villages=pd.DataFrame({"village_code": ["V1", "V2"], **ages}))


ROWS = [("V1", "grades_7_9", "S", 350), ("V2", "grades_7_9", "T", 350)]
ROOMS = {("S", "junior"): 1, ("T", "junior"): 2}
SEATS = {("S", "junior"): 300, ("T", "junior"): 280}
SIZE = {("S", "junior"): 50, ("T", "junior"): 50}


def years(peak: int = 3, opens: dict[str, int] | None = None):
    return site_years(county(), ROWS, ROOMS, SEATS, SIZE, 2027, peak, 2026, opens)


def config(peak: int = 1, lead: int = 2):
    # planned 2026-06-01: the first school year acted in is 2026; an expansion in use from
    # 2026 + lead at the earliest
    return load_layout_config(None, class_size_junior=50, costs=V1_PRICES,
                              temporary_peak_years=peak, plan_date=date(2026, 6, 1),
                              expansion_lead_years=lead)


def test_the_planner_counts_each_room_from_the_first_year_it_can_be_built():
    y = years(1, opens={"S": 2028, "T": 2028})
    assert y.pupils[("S", "junior")] == {2026: 300, 2027: 350, 2028: 350, 2029: 300, 2030: 250}
    assert y.need == {("S", "junior"): {2026: 0, 2027: 1, 2028: 1, 2029: 0, 2030: 0},
                      ("T", "junior"): {2026: 1, 2027: 2, 2028: 2, 2029: 1, 2030: 0}}
    # at 1 year: S's room (2028, 1 year counted) and T's second (2028) borrowed; T's first
    # (2028–2029, 2 years counted) built, in use 2028–2029, 2 of the 3 years 2028–2030 (U1)
    assert (y.temporary, y.built) == ({("S", "junior"): 1, ("T", "junior"): 1},
                                      {("S", "junior"): 0, ("T", "junior"): 1})
    assert y.first == {"T": 2028}  # T's built room first needed from its earliest use on
    # at 3 and 4 years T's room 1 (2 years counted from 2028) is borrowed too: 2026–2027 no
    # build can help (counted from 2026, as the layout once did, it was 4 years and built at 3)
    assert years(3, {"S": 2028, "T": 2028}).temporary[("T", "junior")] == 2
    assert years(4, {"S": 2028, "T": 2028}).temporary[("T", "junior")] == 2
    # the checker's own count agrees at 1, 3 and 4 years
    assert [borrowable(y.need[k], ROOMS[k], 2028, p) for k in ROOMS for p in (1, 3, 4)] == [
        1, 1, 1, 1, 2, 2]


def outcome(t_borrowed: int = 1) -> LayoutOutcome:
    """The plan of :func:`years` at a limit of 1 year: S only borrows (listed in 2027, phase 2,
    its first year borrowed); T builds its 1 lasting room in use from 2028 (phase 3) and borrows
    its second; ``t_borrowed`` 2: a plan borrowing both of T's rooms."""
    s = PlannedSchool("S", "甲初中", "expand", phase=2, added_classrooms=1,
                      added_classrooms_by_stage={"primary": 0, "junior": 1},
                      capacity={"primary": 0, "junior": 350}, students_after={"primary": 0, "junior": 350},
                      capital_yuan=ROOM, temporary_classrooms=1, temporary_yuan=ROOM,
                      temporary_seats={"junior": 50})
    t = replace(s, school_id="T", name="乙初中", phase=3, added_classrooms=2,
                added_classrooms_by_stage={"primary": 0, "junior": 2},
                capacity={"primary": 0, "junior": 380}, capital_yuan=2 * ROOM,
                temporary_classrooms=t_borrowed, temporary_yuan=t_borrowed * ROOM,
                temporary_seats={"junior": 50 * t_borrowed})
    built = {("S", "junior"): 0, ("T", "junior"): 2 - t_borrowed}
    y = replace(years(opens={"S": 2028, "T": 2028}), built=built)
    return LayoutOutcome(
        "optimal", (s, t), {}, year=2025, target_year=2027,
        assignments=tuple(VillageAssignment(v, g, k, n, 1.0, 5.0, False) for v, g, k, n in ROWS),
        transition=y.rows({"T": 2028}), costs={"temporary_room_yuan": 20_000.0},
        rules={"expansion_lead_years": 2, "new_school_lead_years": 2})


def test_the_rows_the_lasting_seats_and_the_listing_years():
    plan = outcome()
    assert plan.transition == (
        YearRooms(2026, "T", "junior", 300, 1, 0, 1, 0),
        YearRooms(2027, "S", "junior", 350, 1, 0, 1, 0),
        YearRooms(2027, "T", "junior", 350, 2, 0, 2, 0),
        YearRooms(2028, "S", "junior", 350, 1, 0, 1, 0),
        YearRooms(2028, "T", "junior", 350, 2, 1, 1, 1),
        YearRooms(2029, "T", "junior", 300, 1, 1, 0, 0))
    # 调整后学位: S's 350 of the target year hold its borrowed room's 50 (gone after 2028):
    # 300 lasting; T's 380 less 50: 330
    s, t = plan.schools
    assert (s.lasting_capacity["junior"], t.lasting_capacity["junior"]) == (300, 330)
    # 表3 tells the 过渡期 rows (brief hsize): S borrows 1 room in 2027 and 2028, 1 in the target
    # year 2027 (1 × 50 places); T 1 in 2026, 2 in 2027 (its build in use 2028), 1 in 2028: at
    # most 2, and 2 in the target year: 2 × 50 = 100 places (the solve's 1 room not built said 50)
    # brief hyears 3: a new room stands from 2028 at the earliest (data year + 1 = 2026, no plan
    # date, + 2 years' build): S's 2027 and T's 2026–2027 are said as the years none can
    assert [a.detail for a in layout_summary(plan).actions] == [
        "临时周转普通教室 1 间（2027—2028 学年借用，其中 2027 学年即使新建教室也来不及投入使用，规划年 2027 学年 1 间；"
        "借用的教室不新建，见“过渡期”），调整后学位 300 个（另临时周转教室学位 50 个，过渡期借用，不计入）",
        "新建普通教室 1 间，临时周转普通教室至多 2 间（2026—2028 学年借用，其中 2026—2027 学年即使新建教室也来不及投入使用，"
        "规划年 2027 学年 2 间；借用的教室不新建，见“过渡期”），"
        "调整后学位 330 个（另临时周转教室学位 100 个，过渡期借用，不计入）"]
    # S is listed in 2027, when its borrowing starts; T's room is paid 400,000 元 in each of
    # 2026 and 2027 (2 years before its use in 2028); the borrowed room-years (T 2026: 1;
    # 2027: S 1 + T 2; 2028: S 1 + T 1) at 20,000 元
    assert [(r.year, r.once_yuan, r.starts) for r in yearly_money(plan)] == [
        (2026, 420_000.0, ""), (2027, 460_000.0, "1 所不扩建，临时周转过渡"),
        (2028, 40_000.0, "扩建 1 所"), (2029, 0.0, ""), (2030, 0.0, ""),
        (2031, 0.0, "")]  # to the target year 2027 + 5 recurring years − 1 (brief hyears 2)


def test_the_year_check_accepts_the_plan_and_pays_only_the_built_room():
    # S's phase 2027 is sooner than an expansion's 2 years allow (2028), but it builds nothing
    assert check_years(county(), outcome(), config()) == {2026: 400_000.0, 2027: 400_000.0}


def test_the_year_check_counts_a_run_from_the_first_year_a_room_can_be_in_use():
    # T borrowing both rooms at 1 year: room 1 is needed 2026–2029, counted from 2028 (2026 +
    # 2 years' build) 2028–2029, 2 years > 1: refused
    with pytest.raises(PlanViolation) as raised:
        check_years(county(), outcome(t_borrowed=2), config())
    assert raised.value.lines == (
        "乙初中（初中）以临时周转解决 2 间，按逐年缺口应为 1 间（每间教室连续需用不超过 1 年、且最后一年不再需用的"
        "才临时周转）：第 1 间 2028—2029 学年连续需用 2 年（自 2028 学年新建教室可投入使用起计），超过允许的 1 年。",)
    # at 3 years the same plan is the rule's: 2 years counted, both borrowed (2026–2027 no
    # build can help); the plan that builds room 1 is refused by the run rule (brief hn):
    # borrowing both keeps T within 3 years from 2028, so no room is asked for
    assert check_years(county(), outcome(t_borrowed=2), config(peak=3)) == {}
    with pytest.raises(PlanViolation, match="^乙初中临时周转 1 间，按逐年缺口可临时周转 2 间，为使连续临时周转"
                                            "不超过 3 个学年应在本校新建其中 0 间，不是 1 间。$"):
        check_years(county(), outcome(), config(peak=3))


def test_a_borrowed_room_is_no_construction_in_the_composite_or_the_budget():
    """line_county, C1 of 2 rooms, target 2025 (test_layout_years): classes formed grade by grade
    need 4, 4, 4, 1 rooms in 2025–2028 (test_layout_years; by seats it was 3, 2, 2, 1 and this
    test ran at 1 year), and since rule (27) the solve adds the target year's 4 (3 by seats) at
    800,000 元. At 3 years rooms 2–4 (2025–2027, 3 years, gone by 2028) are borrowed, room 1 (4
    years) built. 建设投资年均摊 is the 1 built room over 20 years, 800,000 / 20 = 40,000 元 (the
    solver's objective prices every added room built: 3 × 40,000 more)."""
    from test_layout import config as solver_config

    plan = plan_layout(line_county(far_village=False, c1_rooms=2),
                       solver_config(temporary_peak_years=3))
    c1 = next(s for s in plan.outcome.schools if s.school_id == C1)
    assert (c1.capital_yuan, c1.temporary_yuan, c1.temporary_seats) == (
        4 * ROOM, 3 * ROOM, {"primary": 135})
    after = plan.metrics["after"]
    assert after["capital_annual_yuan"] == 40_000.0
    assert after["objective_yuan"] == pytest.approx(plan.outcome.objective - 120_000, abs=1)
