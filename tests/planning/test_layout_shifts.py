"""Brief hq (issue 16): in the school years a 建设项目's new school is open, a community whose
school is over its seats is zoned whole to it (within the day limit, within its seats) before
any room is rented (planning.layout_shifts); the checker re-derives the moves. Review rv 3
(planning.layout_stay_new): a community so moved is zoned to the new school for good, never
moved out and back; the checker refuses a plan that moves it back.

The county: villages A (112.00) and B (111.99), each with 60 children of each age 6–11 and 40
of each age 0–5 (grades 1–3 ages 6–8, grades 4–6 ages 9–11 in the data year 2025); primary C1
at 112.00 with 13 rooms (13 × 45 = 585 seats), kept; a project's new primary NEW at 112.05,
finished 2026-08-01 (in use from 2026), of ``places`` places. Target year 2029, planned
2026-12-04 (first school year 2027). A village's primary pupils, by year:

* 2027: grades 1–3 = ages 4–6 today = 40 + 40 + 60 = 140, grades 4–6 = ages 7–9 = 180: 320;
* 2028: ages 3–5 = 120, ages 6–8 = 180: 300;
* 2029 (target): ages 2–4 = 120, ages 5–7 = 40 + 60 + 60 = 160: 280;
* 2030: ages 1–3 = 120, ages 4–6 = 140: 260; 2031 and later: 240 or fewer.

C1 holds both villages in the target year (560 ≤ 585; NEW is 14.38 minutes away, C1 0), so
NEW has no pupils by the plan; C1 is over its seats in 2027 (640, 55 over, ⌈55 / 45⌉ = 2
rooms) and 2028 (600, 15 over, 1 room).
"""

from __future__ import annotations

import math
from datetime import date

import pandas as pd
import pytest
from layout_builders import C1, TOWN, J, county, school, village
from test_layout import config

from junheng.jobs.layout import plan_layout_with_projects
from junheng.planning import layout_pin_cost, layout_stay_new
from junheng.planning.layout_check import PlanViolation
from junheng.planning.layout_check_shifts import check_shifts
from junheng.planning.layout_costs import shown_totals
from junheng.planning.projects import county_at

NEW = "4103060800"
A, B = f"{TOWN}001", f"{TOWN}002"


def _county(places: int):
    ages = {f"age_{a}": 60 if 6 <= a <= 11 else 40 for a in range(15)}
    classes = [{"school_id": C1 if g <= 6 else J, "grade": f"g{g}", "class_no": "1",
                "students": 120 if g <= 6 else 80} for g in range(1, 10)]
    data = county([{**village(1, 112.00), **ages}, {**village(2, 111.99), **ages}],
                  [school(C1, "primary_school", 112.00), school(J, "junior_school", 112.00)],
                  {C1: 13, J: 12}, classes)
    project = {"school_id": NEW, "name": "示例县河口乡第二小学新建工程", "project_type": "new_build",
               "completion_date": pd.Timestamp("2026-08-01"), "status": "under_construction",
               "added_places": places, "site_lon": 112.05, "site_lat": 34.0}
    return data.with_tables(projects=pd.DataFrame([project]).astype({"added_places": "Int64"}),
                            towns=pd.DataFrame({"town_code": [TOWN], "town_name": ["河口乡"]}))


def _config():
    return config(keep=[C1, J], target_year=2029, plan_date=date(2026, 12, 4))


def _plan(places: int, dearer: float = math.inf, solves: list | None = None, cfg=None, slow: float | None = None):
    """The plan; ``dearer``: layout_stay_new's rule 4 tolerance, by default off (any cost), so
    that rules 1-3 decide (the default rule is tested on its own below); ``solves`` gets the
    objective of each layout MILP solved; ``cfg`` the config (:func:`_config` by default);
    ``slow``: layout_stay_new's BOUND_FIRST_S (a first solve longer tries the bound first)."""
    from junheng.planning import layout

    def counted(problem, **kw):
        solution = solve(problem, **kw)
        solves.append(solution.objective)
        return solution

    solve = layout.solve_layout
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(layout_stay_new, "DEARER", dearer)
        if slow is not None:
            patch.setattr(layout_stay_new, "BOUND_FIRST_S", slow)
        if solves is not None:
            patch.setattr(layout, "solve_layout", counted)
        return plan_layout_with_projects(_county(places), cfg or _config()).outcome


def _data(places: int):
    """The county as the plan reads it: the project's school built (planning.projects)."""
    return county_at(_county(places), 2029, today=date(2026, 12, 4)).data


@pytest.fixture(scope="module")
def roomy():
    return _plan(360)


def test_the_community_moved_to_the_new_school_stays_there(roomy):
    # rv 3 (no pupils moved out and back): the first solve zones A back to C1 in 2029 (C1
    # holds 560 ≤ 585), and the year moves would take A (nearest, 14.38 minutes) to NEW in
    # 2027 (320) and 2028 (300) only. A planner zones A to NEW for good: solved again with A's
    # primary parts pinned to NEW, C1's 分流下限 504 less A's 280 target-year pupils = 224
    # (the relief goes to a project school). A is at NEW from its first plan year, 2027 (320
    # ≤ 360), so no year move is left and C1 (B alone: 320, 300, 280) rents nothing.
    assert roomy.shifts == () and roomy.overflow == ()
    at = {(a.village_id, a.stage_group): a.school_id for a in roomy.assignments}
    assert (at[(A, "grades_1_3")], at[(A, "grades_4_6")]) == (NEW, NEW)
    assert (at[(B, "grades_1_3")], at[(B, "grades_4_6")]) == (C1, C1)
    assert next(s.stay_floor for s in roomy.schools if s.school_id == C1) == 224
    words = ("学校4103060001片区村1小学自 2027 学年起划入建设项目新建学校示例县河口乡第二小学（单程 14.4 分钟，"
             "在走读上限内），规划年也在该校就读（2029 学年约 280 人），不再划回原校")
    assert [n for n in roomy.notes if n.startswith("过渡期划入新校后不再划回")] == [
        "过渡期划入新校后不再划回：原校超出学位的学年把片区整体划入已启用的建设项目新建学校后，同一批学生不再划回原校，"
        "规划年划片也在新校；原校的分流下限（保留学校至少留住的规划年生源）扣除这些片区的学生，分流去向为建设项目新校，"
        f"不计为少于分流下限：{words}。"]
    assert roomy.kept_reasons[C1].endswith(f"{words}；分流下限已扣除该片区规划年约 280 人（分流去向为建设项目新校）。")
    assert roomy.kept_reasons[NEW].endswith(f"{words}。")
    check_shifts(_data(360), roomy, _config())


def test_a_community_the_new_school_cannot_hold_in_its_first_year_stays_there_too():
    # NEW of 315 places: the year moves would take A in 2028 only (320 > 315 in 2027) and
    # return it in 2029; pinned, A is at NEW from 2027 and nothing is moved or rented at C1
    plan = _plan(315)
    assert (plan.shifts, plan.overflow) == ((), ())
    assert {a.school_id for a in plan.assignments if a.village_id == A
            and a.stage_group != "grades_7_9"} == {NEW}


#: the note's end: B (17.26 minutes from NEW), moved once A is left out (C1 still 640 and
#: 600 in 2027-2028), comes back in 2029 too (brief hn: every move left out is named)
B_BACK = "；学校4103060001片区村2小学 2029 学年回到原校；以上片区过渡期不划入新校，超出学位的学年以临时周转解决。"


#: the pinned plan's yearly difference (layout_pin_cost), worked by hand from the two plans:
#: NEW, pinned, holds A's 320 pupils in 2027 in 10 classes by grade (ages 4-9 today: 40, 40,
#: 60, 60, 60, 60 at 45 a class: 1, 1, 2, 2, 2, 2) and 300 in 2028 in 9, over its 8 rooms (360
#: places) two years, past temporary_peak_years 1: one room built, 800,000 元 over 20 years =
#: 4.00 万元 a year (spending); A's 280 target-year pupils ride 14.38 minutes more each way, 360
#: trips: 280 × 14.38 × 360 ≈ 1,449,504 pupil-minutes (the plans' own minutes 1,925,883 −
#: 476,294 = 1,449,589 before rounding the minutes: 144.96 万), at 0.2 元 the weight 38.52 −
#: 9.53 = 28.99 万元 (not money)
ROOM_AND_WEIGHT = ("另增加学生通行时间 144.96 万人·分钟（按“学生通行时间权重”每人·分钟 0.2 元折 28.99 万元，是权重，不是支出）")


def test_pinning_that_costs_more_a_year_than_it_saves_is_not_made(roomy):
    # rule 4 (the default): A pinned to NEW adds 14.38 minutes a day for its 280 target-year
    # pupils where C1 (0 minutes) holds both villages (560 ≤ 585), while 2027-2028 need 2 + 1
    # rented rooms at C1 (55 and 15 over 585, at 45 a room). The first solve is fast (below
    # BOUND_FIRST_S), so the pinned MILP is solved (two solves, brief hpin): 329,917.82 元
    # above the first plan's 1,295,258.71 (the solver's figures), far past DEARER's 0.01 %:
    # the first plan stands, and the note splits the difference into the room at NEW
    # (spending, 4.00 万元) and the travel-time weight (28.99 万元), 32.99 万元 in all
    solves = []
    plan = _plan(360, dearer=layout_stay_new.DEARER, solves=solves)
    assert [round(x - solves[0], 2) for x in solves] == [0.0, 329_917.82]
    assert plan.shifts == ()
    assert {a.school_id for a in plan.assignments if a.village_id == A} <= {C1, J}
    assert [n for n in plan.notes if n.startswith("过渡期不划出再划回")] == [
        "过渡期不划出再划回：学校4103060001片区村1小学规划年仍在原校就读，整体划入建设项目新建学校每年多支出 4.00 万元"
        f"（全部为建设投资年均摊），{ROOM_AND_WEIGHT}，综合评价值合计每年多 32.99 万元" + B_BACK]
    assert plan.overflow == ((2027, C1, "primary", 2), (2028, C1, "primary", 1))
    # the split re-derived from the two plans' cost parts (roomy: the pinned plan kept)
    split = layout_pin_cost.cost_split(plan.metrics["after"], roomy.metrics["after"])
    assert {k: v for k, v in split.items() if v} == {"capital_annual_yuan": 40_000.0, "travel_weight_yuan": 289_900.0,
                                                     "total": 329_900.0, "minutes": 1_449_589.0}
    shown = [shown_totals(p.metrics["after"], True)["objective_yuan"] for p in (plan, roomy)]
    assert split["total"] == shown[1] - shown[0]
    check_shifts(_data(360), plan, _config())


def test_a_bus_the_pins_need_is_spending_and_the_minutes_a_weight():
    # the same county with a school bus beyond 4 km at 1,000 元 a pupil and year: NEW is 0.05°
    # of longitude east of A at 34°N, 0.05 × 111.32 × cos 34° ≈ 4.61 km in a straight line, so
    # A's 280 target-year pupils pinned to NEW ride it (28.00 万元); C1 is 0 km from A and
    # 0.92 km from B, so nobody rides in the first plan. Spending 28.00 + 4.00 (the room) =
    # 32.00 万元, the weight 28.99 万元 as above, 60.99 万元 in all
    from layout_builders import FLAT_COSTS

    cfg = config(keep=[C1, J], target_year=2029, plan_date=date(2026, 12, 4), school_bus_km=4.0,
                 weights={**FLAT_COSTS, "school_bus_yuan_per_pupil_year": 1_000})
    plan = _plan(360, dearer=layout_stay_new.DEARER, cfg=cfg)
    assert [n for n in plan.notes if n.startswith("过渡期不划出再划回")] == [
        "过渡期不划出再划回：学校4103060001片区村1小学规划年仍在原校就读，整体划入建设项目新建学校每年多支出 32.00 万元"
        f"（其中校车运行费用多 28.00 万元、建设投资年均摊多 4.00 万元），{ROOM_AND_WEIGHT}，综合评价值合计每年多 60.99 万元"
        + B_BACK]


def test_a_slow_first_solve_refuses_the_pins_by_the_bound_at_least():
    # a first solve slower than BOUND_FIRST_S (here 0 s) tries the pinned problem's LP
    # relaxation first: already 289,917.82 元 above (22 %, past DEARER), so the pinned MILP is
    # not solved (one solve) and the note says 「至少」 28.99 万元, with the weights in it
    solves = []
    plan = _plan(360, dearer=layout_stay_new.DEARER, solves=solves, slow=0.0)
    assert len(solves) == 1
    assert [n for n in plan.notes if n.startswith("过渡期不划出再划回")] == [
        "过渡期不划出再划回：学校4103060001片区村1小学规划年仍在原校就读，整体划入建设项目新建学校按本方案测算口径每年至少多 "
        "28.99 万元（为综合评价值之差的下限，含学生通行时间等按权重的折算，不全是财政支出，未逐项测算）" + B_BACK]
    check_shifts(_data(360), plan, _config())


def test_pins_the_bound_cannot_refuse_are_solved_and_priced_by_the_solve():
    # a slow first solve (BOUND_FIRST_S 0) and rule 4 at DEARER 24 %: the bound's 289,917.82
    # 元 is 22.4 % of 1,295,258.71, within 24 % (310,862.09 元), so the pinned MILP is solved
    # (two solves); its plan is 329,917.82 元 above (25.5 %), past 24 %: the first plan
    # stands, priced part by part as above
    solves = []
    plan = _plan(360, dearer=0.24, solves=solves, slow=0.0)
    assert [round(x - solves[0], 2) for x in solves] == [0.0, 329_917.82]
    assert (plan.shifts, plan.overflow) == ((), ((2027, C1, "primary", 2), (2028, C1, "primary", 1)))
    assert [n for n in plan.notes if n.startswith("过渡期不划出再划回")] == [
        "过渡期不划出再划回：学校4103060001片区村1小学规划年仍在原校就读，整体划入建设项目新建学校每年多支出 4.00 万元"
        f"（全部为建设投资年均摊），{ROOM_AND_WEIGHT}，综合评价值合计每年多 32.99 万元" + B_BACK]
    check_shifts(_data(360), plan, _config())


@pytest.fixture(scope="module")
def main_style(roomy):
    """The plan main made: A at C1 in the target year, moved to NEW in 2027 and 2028, NEW
    kept as built by its project (no room of the plan)."""
    from dataclasses import replace

    return replace(roomy, shifts=((2027, A, "primary", C1, NEW, 320, 14.38),
                                  (2028, A, "primary", C1, NEW, 300, 14.38)),
                   assignments=tuple(replace(a, school_id=C1) if a.village_id == A
                                     and a.school_id == NEW else a for a in roomy.assignments),
                   schools=tuple(replace(s, action="keep", added_classrooms=0, phase=None, opens_year=2026,
                                         capacity={"primary": 360, "junior": 0})
                                 if s.school_id == NEW else s for s in roomy.schools))


def test_the_checker_refuses_pupils_moved_out_and_back(main_style):
    # main's plan: A moved out in 2027 and 2028 and placed at C1 again in 2029 (the target
    # year) without a move: both moves refused
    with pytest.raises(PlanViolation) as caught:
        check_shifts(_data(360), main_style, _config())
    assert caught.value.lines == tuple(
        f"{y} 学年学校4103060001片区村1小学划入示例县河口乡第二小学：该片区 2029 学年回到学校4103060001，"
        "同一批学生不应划出后再划回。" for y in (2027, 2028))


def test_the_checker_refuses_pupils_moved_twice(roomy):
    # A moved from C1 to NEW in 2027 and 2028 (as main_style) but placed in the target year at
    # a third school (here J, the county's other school, as a tampered plan would): its pupils
    # would change school twice, refused as the planner's rule (layout_stay_new.returning)
    from dataclasses import replace

    twice = replace(roomy, shifts=((2027, A, "primary", C1, NEW, 320, 14.38),
                                   (2028, A, "primary", C1, NEW, 300, 14.38)),
                    assignments=tuple(replace(a, school_id=J) if a.village_id == A and a.school_id == NEW
                                      else a for a in roomy.assignments))
    with pytest.raises(PlanViolation) as caught:
        check_shifts(_data(360), twice, _config())
    assert "2027 学年学校4103060001片区村1小学划入示例县河口乡第二小学：该片区 2029 学年转入学校4103060002，" \
        "同一批学生不应两次转学。" in caught.value.lines


def test_the_checker_refuses_wrong_moves(main_style):
    from dataclasses import replace

    data, cfg = _data(360), _config()
    wrong = replace(main_style, shifts=((2027, A, "primary", C1, NEW, 310, 14.38),
                                   (2029, A, "primary", C1, NEW, 280, 31.0)))
    # 2027: A is at C1 again in 2028 without a move, and its pupils are 320, not 310; 2029
    # (the target year): A's trip given beyond the 30 minutes, and C1 holds 560 ≤ 585 before
    # the move, so nothing may move
    with pytest.raises(PlanViolation) as caught:
        check_shifts(data, wrong, cfg)
    assert caught.value.lines == (
        "2027 学年学校4103060001片区村1小学划入示例县河口乡第二小学：该片区 2028 学年回到学校4103060001，"
        "同一批学生不应划出后再划回。",
        "2027 学年学校4103060001片区村1小学划入示例县河口乡第二小学：310 人，应为 320 人。",
        "2029 学年学校4103060001片区村1小学划入示例县河口乡第二小学：单程 31.0 分钟，超出走读上限 30 分钟。",
        "2029 学年学校4103060001片区村1小学划入示例县河口乡第二小学：该校划出前 560 人，未超出学位 585 个，不应划出。")
    # main's plan with the moves listed but the rooms still rented: C1 keeps 320 in 2027
    # (each case also refused as out and back: A at C1 in 2029, the lines before)
    back = tuple(f"{y} 学年学校4103060001片区村1小学划入示例县河口乡第二小学：该片区 2029 学年回到学校4103060001，"
                 "同一批学生不应划出后再划回。" for y in (2027, 2028))
    rented = replace(main_style, overflow=((2027, C1, "primary", 2),))
    with pytest.raises(PlanViolation) as caught:
        check_shifts(data, rented, cfg)
    assert caught.value.lines == (back[0], "2027 学年学校4103060001小学划出后 320 人，临时周转 2 间，应为 0 间。",
                                  back[1])  # year by year
    # a receiver over its seats: 2027's move named twice (B's 320 as A's, into 320 + 320 = 640 > 360)
    crowded = replace(main_style, shifts=((2027, A, "primary", C1, NEW, 320, 14.38),
                                     (2027, f"{TOWN}002", "primary", C1, NEW, 320, 17.26)))
    with pytest.raises(PlanViolation) as caught:
        check_shifts(data, crowded, cfg)
    assert caught.value.lines == (*(
        f"2027 学年学校4103060001片区村{v}小学划入示例县河口乡第二小学：该片区 2028 学年回到学校4103060001，"
        "同一批学生不应划出后再划回。" for v in (1, 2)),
        "2027 学年学校4103060001片区村2小学划入示例县河口乡第二小学：该校划出前 320 人，未超出学位 585 个，不应划出。",
        "2027 学年示例县河口乡第二小学小学划入后 640 人，超出学位 360 个。")
    # pupils the plan brings to C1 are not moved again: A's parts given as today at J
    brought = replace(main_style, assignments=tuple(
        replace(a, before_school=J) if a.village_id == A and a.school_id == C1 else a
        for a in main_style.assignments))
    with pytest.raises(PlanViolation) as caught:
        check_shifts(data, brought, cfg)
    assert caught.value.lines == (
        "2027 学年学校4103060001片区村1小学划入示例县河口乡第二小学：该片区在该校的学生有本方案转入的，不再划出。", back[0],
        "2028 学年学校4103060001片区村1小学划入示例县河口乡第二小学：该片区在该校的学生有本方案转入的，不再划出。", back[1])
