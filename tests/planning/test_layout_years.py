"""The 过渡期 (planning.layout_years, planning.layout_check_years, report.layout_years): each
build in the school year it is first needed, a short overflow met by 临时周转, on a hand-made
county whose yearly pupils are worked out by hand."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from types import SimpleNamespace

import pandas as pd
import pytest
from layout_builders import V1_PRICES

from junheng.errors import ConfigError
from junheng.planning import load_layout_config
from junheng.planning.layout_check import PlanViolation
from junheng.planning.layout_check_years import check_years
from junheng.planning.layout_ground import GROUND_HEAD, UNKNOWN
from junheng.planning.layout_json import layout_from_json, layout_json
from junheng.planning.layout_outcome import (
    LayoutOutcome,
    PlannedSchool,
    VillageAssignment,
    YearRooms,
)
from junheng.planning.layout_phases import schedule_builds
from junheng.planning.layout_years import site_years, temporary_rooms
from junheng.report.layout_years import capital_by_year, transition_rows, transition_text

ROOM = 800_000


def county() -> SimpleNamespace:
    """Data year 2025; villages V1 and V2 alike: 100 children of each age 0–14 except age 10
    (130) and age 9 (70). Grades 7–9 in year y are today's ages 12−s..14−s (s = y − 2025):
    2026 ages 11–13: 300; 2027 ages 10–12: 330; 2028 ages 9–11: 300; 2029 ages 8–10: 300;
    2030 ages 7–9: 270."""
    ages = {f"age_{a}": [130 if a == 10 else 70 if a == 9 else 100] * 2 for a in range(15)}
    return SimpleNamespace(school_year=2025,
                           villages=pd.DataFrame({"village_code": ["V1", "V2"], **ages}))


ROWS = [("V1", "grades_7_9", "S", 330), ("V2", "grades_7_9", "T", 330)]
# S had 300 junior seats and gets 1 room of 50; T had 250 and gets 2.
ROOMS = {("S", "junior"): 1, ("T", "junior"): 2}
SEATS = {("S", "junior"): 300, ("T", "junior"): 250}
SIZE = {("S", "junior"): 50, ("T", "junior"): 50}


def years(peak: int, floors=None):
    return site_years(county(), ROWS, ROOMS, SEATS, SIZE, 2027, peak, floors=floors)


def test_yearly_overflows_and_the_rooms_met_by_temporary_rooms():
    y = years(1)
    assert y.pupils[("T", "junior")] == {2026: 300, 2027: 330, 2028: 300, 2029: 300, 2030: 270}
    # S: (330 − 300) / 50 → 1 room in 2027 only; T: 50/50 → 1, 80/50 → 2, then 1, 1, 20/50 → 1
    assert y.need == {("S", "junior"): {2026: 0, 2027: 1, 2028: 0, 2029: 0, 2030: 0},
                      ("T", "junior"): {2026: 1, 2027: 2, 2028: 1, 2029: 1, 2030: 1}}
    # S's room and T's second room are needed one year: 临时周转; T's first room every year
    assert y.temporary == {("S", "junior"): 1, ("T", "junior"): 1}
    assert y.built == {("S", "junior"): 0, ("T", "junior"): 1}
    assert y.first == {"T": 2026}


def test_without_temporary_rooms_each_school_builds_in_its_first_year_of_need():
    y = years(0)
    assert y.temporary == {("S", "junior"): 0, ("T", "junior"): 0}
    assert y.first == {"S": 2027, "T": 2026}
    # phases are school years after the data year 2025: S in phase 2, T in phase 1
    assert schedule_builds({"S": ROOM, "T": 2 * ROOM}, {}, annual_budget=None, phases=3,
                           earliest={s: y - 2025 for s, y in y.first.items()}) == {"T": 1, "S": 2}


def test_a_peak_of_two_years_is_temporary_only_when_two_years_are_allowed():
    need = {2026: 0, 2027: 2, 2028: 2, 2029: 1, 2030: 0}
    assert temporary_rooms(need, 2, 1) == 0
    assert temporary_rooms(need, 2, 2) == 1   # room 2: 2027–2028; room 1 lasts three years
    assert temporary_rooms(need, 2, 3) == 2
    assert temporary_rooms({2026: 1, 2027: 1}, 1, 3) == 0  # still needed in the last year


def test_the_budget_delays_a_build_past_its_year_of_need():
    # 1,000,000 a year: T (1.6 million, needed in phase 1) fits the budget of two years
    assert schedule_builds({"S": ROOM, "T": 2 * ROOM}, {}, annual_budget=1_000_000, phases=3,
                           earliest={"T": 1, "S": 2}) == {"T": 2, "S": 3}


def outcome(peak: int = 1, floors=None) -> LayoutOutcome:
    y = years(peak, floors)
    schools = tuple(PlannedSchool(
        sid, name, "expand", phase=1, added_classrooms=ROOMS[(sid, "junior")],
        added_classrooms_by_stage={"primary": 0, "junior": ROOMS[(sid, "junior")]},
        capacity={"primary": 0, "junior": SEATS[(sid, "junior")] + 50 * ROOMS[(sid, "junior")]},
        students_after={"primary": 0, "junior": 330},
        capital_yuan=ROOM * ROOMS[(sid, "junior")],
        temporary_classrooms=y.temporary[(sid, "junior")],
        temporary_yuan=ROOM * y.temporary[(sid, "junior")])
        for sid, name in (("S", "甲初中"), ("T", "乙初中")))
    assignments = tuple(VillageAssignment(v, g, s, n, 1.0, 5.0, False) for v, g, s, n in ROWS)
    return LayoutOutcome("optimal", schools, {}, year=2025, target_year=2027,
                         assignments=assignments, transition=y.rows({"S": 2026, "T": 2026}))


def config(peak: int = 1, plan_date: date = date(2026, 6, 1)):
    # planned before the 2026 学年 begins: phase 1 (2026) can be acted in
    return load_layout_config(None, class_size_junior=50, costs=V1_PRICES,
                              temporary_peak_years=peak, plan_date=plan_date,
                              expansion_lead_years=0)  # test_layout_build_time works 2


def test_the_transition_rows_year_by_year():
    assert outcome().transition == (
        YearRooms(2026, "T", "junior", 300, 1, 1, 0, 1),
        YearRooms(2027, "S", "junior", 330, 1, 0, 1, 0),
        YearRooms(2027, "T", "junior", 330, 2, 1, 1, 0),
        YearRooms(2028, "T", "junior", 300, 1, 1, 0, 0),
        YearRooms(2029, "T", "junior", 300, 1, 1, 0, 0),
        YearRooms(2030, "T", "junior", 270, 1, 1, 0, 0))
    # 2026: T's 1.6 million less its temporary room, S's 0.8 million less its one; 2027: the
    # 2 temporary rooms at 20,000 元 a room-year (review rv2 6: every 周转 room is priced)
    assert capital_by_year(outcome()) == {2026: 800_000, 2027: 40_000}
    assert layout_from_json(layout_json(outcome())) == outcome()


def test_the_independent_check_accepts_the_plan_and_gives_the_capital_by_year():
    # rule (T) (brief hnewsch): T builds (room 1) and its build stands in the target year 2027,
    # so the room 2 that year borrows is refused; S builds nothing and keeps its 临时周转
    with pytest.raises(PlanViolation) as raised:
        check_years(county(), outcome(), config())
    assert raised.value.lines == ("乙初中（初中）规划年 2027 学年以临时周转解决 1 间：本校新建教室，规划年所需教室应一并新建，"
                                  "不临时周转。",)
    # the planner's floor (layout_runs.target_floors: the target year's overflow, 2 rooms)
    # builds both of T's rooms: 2 × 800,000 元 in 2026, S's room still borrowed (no capital)
    assert check_years(county(), outcome(floors={("T", "junior"): 2}), config()) == {2026: 1_600_000}


def test_the_check_refuses_a_wrong_row_or_a_temporary_room_not_allowed():
    plan = outcome()
    wrong = (plan.transition[0], plan.transition[1],
             YearRooms(2027, "T", "junior", 330, 2, 1, 0, 0), *plan.transition[3:])
    with pytest.raises(PlanViolation, match="2027 学年乙初中（初中）过渡期记录与推算不符：学生 330 人，缺口 2 间"):
        check_years(county(), LayoutOutcome(**{**plan.__dict__, "transition": wrong}), config())
    # at 0 years every room is built: S's room and T's second, each needed in 2027 alone
    with pytest.raises(PlanViolation) as raised:
        check_years(county(), plan, config(0))
    assert raised.value.lines == tuple(
        f"{name}（初中）以临时周转解决 1 间，按逐年缺口应为 0 间（每间教室连续需用不超过 0 年、且最后一年不再"
        f"需用的才临时周转）：第 {room} 间 2027 学年连续需用 1 年（每个学年都计入），超过允许的 0 年。"
        for name, room in (("甲初中", 1), ("乙初中", 2)))


HEAD = ("过渡期（按各村适龄儿童逐年推算；需用新增教室为扩建、新建学校的学生按年级以标准班额编班所需的教室超出其原有教室的间数，逐校相加"
        "（与达标路径同一口径；规划年及以前可多于方案新增的间数）；已建成新增教室为截至当年累计建成的方案新增教室，建成后不再减少，其中在用为当年学生"
        "所需的间数，其余闲置）：")


def test_the_sheet_and_the_paragraph():
    rows = transition_rows(outcome())
    assert rows[:4] == [["2026 学年", "乙初中", "初中", 300, 1, 1, 1, 1, 0, ""],
                        ["2026 学年", "合计", "", "", 1, 1, 1, 1, 0, ""],
                        ["2026 学年", "当年一次性投入（全方案：各校建设投资和全部临时周转 0 间）",
                         "", "", "", "", "", "", 0, 80.0],
                        ["2027 学年", "甲初中", "初中", 330, 1, 0, 0, 0, 1, ""]]
    # review rv finding 8: the 合计 sums the rows above it; the year's money is its own row
    assert rows[5:7] == [["2027 学年", "合计", "", "", 3, 1, 1, 0, 2, ""],
                         ["2027 学年", "当年一次性投入（全方案：各校建设投资和全部临时周转 2 间）",
                          "", "", "", "", "", "", 2, 4.0]]
    # layoutfix item 10: rooms in use beside the rooms built (2026 1 of 1; 2027 3 needed,
    # 1 built and in use, the other 2 临时周转; 2028–2030 1 of 1), not a "学位缺口" left unsolved.
    assert transition_text(outcome()) == (
        HEAD + "2026 学年，需用新增教室 1 间（已建成新增教室 1 间，其中在用 1 间），"
        "当年新建教室 1 间，建设投资 80.00 万元；2027 学年，需用新增教室 3 间（已建成新增教室 1 间，其中在用 1 间），"
        "临时周转 2 间（甲初中 1 间、乙初中 1 间）、4.00 万元；2028 学年，需用新增教室 1 间（已建成新增教室 1 间，其中在用 1 间）；"
        "2029 学年，需用新增教室 1 间（已建成新增教室 1 间，其中在用 1 间）；2030 学年，需用新增教室 1 间"
        "（已建成新增教室 1 间，其中在用 1 间）。"
        # review rd 2: where the rooms stand (no 校舍设施 figures in this plan)
        + GROUND_HEAD.format(m2="100") + "甲初中最多 1 间、乙初中最多 1 间：" + UNKNOWN + "。"
        # review rv3 9: the rooms not built as money not spent (2 × 80.00 = 160.00 万元); rv8 10:
        # no rent to take off, the 2027 rooms are rented before the run start 2028 either way
        "以临时周转代替新建，少建 2 间约省 160.00 万元。"
        # review rv 3: the rooms not built and the 过渡期's room-years (2027: 1 + 1), both;
        # review rv3 2: the target year (2027 here) borrows 甲 1 + 乙 1 = 2 of them
        # brief hc2 (rv 7): the most rooms of one year first, then the rooms not built
        # brief hwin: the years said (2027 only: before the 2028 run start, nothing after it)
        "临时周转合计：临时周转最多一年 2 间（2027 学年），过渡期 2027 学年共 2 间·学年、4.00 万元；其中代替新建的 2 间"
        "（规划年 2027 学年借用：甲初中 1 间、乙初中 1 间；不新建，各校在缺口的学年借用）（逐校逐年见“过渡期”表）。"
        # rv4 4 (hrun): runs count from 2028 (data year + 1 = 2026, no plan date, + 2 years'
        # build); 2027's rooms at 甲 and 乙 come before it: one year, said once (brief hyears:
        # it read 「2027—2027 学年」, the year once per school)
        "连续临时周转的年限自新建教室可投入使用的 2028 学年起计（首个可实施学年 2026 学年加扩建建设周期 2 个学年，"
        "两个方案同一起算学年）：2027 学年即使新建教室也来不及投入使用，只能临时周转（2 所学校），不计入连续借用的学年；"
        "自 2028 学年起各校连续借用均不超过 3 个学年。")


def test_built_rooms_never_fall_when_pupils_do():
    # fixtext item 1: without 临时周转 S builds 1 room and T 2, both in 2026. S's pupils need
    # its room in 2027 only (330 over 300 seats), T's 2 in 2027, then 1 (300, 300, 270 over
    # 250). The 3 rooms stay built; in use 2026 0 + 1, 2027 1 + 2, 2028–2030 0 + 1 (2 idle).
    plan = outcome(0)
    assert [r[:9] for r in transition_rows(plan) if r[1] == "合计"] == [
        ["2026 学年", "合计", "", "", 1, 3, 1, 3, 0],
        ["2027 学年", "合计", "", "", 3, 3, 3, 0, 0],
        ["2028 学年", "合计", "", "", 1, 3, 1, 0, 0],
        ["2029 学年", "合计", "", "", 1, 3, 1, 0, 0],
        ["2030 学年", "合计", "", "", 1, 3, 1, 0, 0]]
    # review hd 1: from 2028 only 乙初中 is listed (2 built); 甲初中's idle room has a row of
    # its own, so the 合计's 3 built rooms are 2 + 1, the sum of the rows above it
    rows = transition_rows(plan)
    assert rows[rows.index(["2028 学年", "合计", "", "", 1, 3, 1, 0, 0, ""]) - 2:][:2] == [
        ["2028 学年", "乙初中", "初中", 300, 1, 2, 1, 0, 0, ""],
        ["2028 学年", "其他学校（当年学生不需用新增教室，已建成的均闲置）", "", "", 0, 1, 0, 0, 0, ""]]
    assert transition_text(plan).removeprefix(HEAD).split("；")[1:3] == [
        "2027 学年，需用新增教室 3 间（已建成新增教室 3 间，其中在用 3 间）",
        "2028 学年，需用新增教室 1 间（已建成新增教室 3 间，其中在用 1 间、闲置 2 间）"]
    # the checker re-derives the count: a row claiming T's 2 rooms built in 2027 is refused
    assert check_years(county(), plan, config(0)) == {2026: 2_400_000}
    late = tuple(replace(r, new_rooms=0) if (r.year, r.school_id) == (2026, "T") else
                 replace(r, new_rooms=2) if (r.year, r.school_id) == (2027, "T") else r
                 for r in plan.transition)
    with pytest.raises(PlanViolation, match="^2026 学年过渡期累计建成新增教室 1 间，按各校建设学年应为 3 间。$"):
        check_years(county(), replace(plan, transition=late), config(0))


def test_the_year_check_refuses_a_new_school_sooner_than_its_lead_time():
    # fixtext item 4: T made a new school opening in phase 1 (2026), planned 2026-06-01 (first
    # school year 2026): the default lead of 2 years allows 2028 at the earliest; with a lead
    # of 0 the same plan passes, its capital as the expanded T's. A new school is built whole
    # (no 临时周转 at it): the plan where no room is met so (peak 0), S's and T's 3 rooms built.
    plan = outcome(0)
    new = replace(plan, schools=tuple(replace(s, action="new") if s.school_id == "T" else s
                                      for s in plan.schools))
    with pytest.raises(PlanViolation, match="^新建学校乙初中在 2026 学年启用，早于首个可实施学年 2026 学年之后 "
                                            "2 个学年（建设周期），应不早于 2028 学年。$"):
        check_years(county(), new, config(0).model_copy(update={"new_school_lead_years": 2}))
    assert check_years(county(), new, config(0).model_copy(
        update={"new_school_lead_years": 0})) == {2026: 2_400_000}


def test_the_key_is_a_scenario_setting_from_0_to_6_of_3_by_default():
    # review rd 3: 3 years by default (a cohort passes through 初中 in 3), at most 6 (小学)
    assert load_layout_config(None).temporary_peak_years == 3
    assert load_layout_config(None, temporary_peak_years=6).temporary_peak_years == 6
    with pytest.raises(ConfigError, match="^方案配置有误：“temporary_peak_years”.*值 7 无效：应不大于 6。$"):
        load_layout_config(None, temporary_peak_years=7)
    with pytest.raises(ConfigError, match="^方案配置有误：“temporary_peak_years”.*值 -1 无效：应不小于 0。$"):
        load_layout_config(None, temporary_peak_years=-1)


#: years looked at 2027–2033; the need of one added room, gone before 2033
NEEDS = {1: {2028: 1}, 2: {2028: 1, 2029: 1}, 3: {2028: 1, 2029: 1, 2030: 1},
         4: {2028: 1, 2029: 1, 2030: 1, 2031: 1}}


@pytest.mark.parametrize(("years", "temporary"), [(1, 1), (2, 1), (3, 1), (4, 0)])
def test_by_default_a_need_of_up_to_three_years_is_met_by_temporary_rooms(years, temporary):
    """Review rd 3: 洛北县实验中学 built a permanent room for a 2-year need at the old default
    of 1. With the default 3, a room needed 1, 2 or 3 years (and not in the last year 2033)
    is 临时周转; needed 4 years it is built."""
    need = {y: NEEDS[years].get(y, 0) for y in range(2027, 2034)}
    peak = load_layout_config(None).temporary_peak_years
    assert temporary_rooms(need, 1, peak) == temporary
    # at the old 1 year only the 1-year need was temporary
    assert temporary_rooms(need, 1, 1) == int(years == 1)


def test_by_default_a_room_needed_to_the_last_year_or_a_long_peak_is_built():
    """Two added rooms: room 1 is needed 2028–2031 (4 years > 3): built; room 2 in 2028–2029
    (2 years): 临时周转 → 1. A room still needed in the last year 2033 is built, however
    short its run (2032–2033, 2 years): 0."""
    peak = load_layout_config(None).temporary_peak_years
    assert temporary_rooms({2027: 0, 2028: 2, 2029: 2, 2030: 1, 2031: 1, 2032: 0, 2033: 0},
                           2, peak) == 1
    assert temporary_rooms({2027: 0, 2028: 0, 2029: 0, 2030: 0, 2031: 0, 2032: 1, 2033: 1},
                           1, peak) == 0


def test_a_solved_plan_builds_what_lasts_and_passes_both_checks():
    """line_county with C1 of 2 rooms (90 seats), target = data year 2025: C1 takes villages
    1–3's 102 + 102 primary pupils. Its pupils by year, ageing the villages (children only at
    ages 6–14, 20/10/4 a year of age in villages 1–3), each group a third in each grade (C1
    has no classes today), classes of 45 grade by grade (the one room rule, brief hroom; by
    seats it was 3, 2, 2, 1 and C1 added 3 rooms): 2025 102 + 102 → 34 a grade, 6 classes − 2
    rooms = 4; 2026 68 + 102 → 22.7 and 34 a grade, 6 − 2 = 4; 2027 34 + 102 → 4; 2028 0 +
    102 → 3 − 2 = 1 (after the target year at most its 4). At a threshold of 1 year every room
    is needed 3 years in a row (2025–2027), so the run rule has C1 build all 4 (the solver's
    seats gave 3), in phase 1 (2026, 3,200,000 元); 2025 is met by 临时周转 (the solve's
    target is the data year itself). The rows count the pupils at C1 that year (review rv10
    2): village 3's grades 1–3 stay at 教学点 TP01 until it closes (phase 2, 2027), 12 pupils
    in 2025 and 8 in 2026, so C1 holds 204 − 12 = 192 and 170 − 8 = 162 (still 6 classes,
    4 rooms short)."""
    from layout_builders import C1, line_county
    from test_layout import checked
    from test_layout import config as solver_config

    from junheng.planning import plan_layout

    data = line_county(far_village=False, c1_rooms=2)
    cfg = solver_config(temporary_peak_years=1)
    plan = plan_layout(data, cfg)
    c1 = next(s for s in plan.outcome.schools if s.school_id == C1)
    assert (c1.phase, c1.added_classrooms, c1.temporary_classrooms) == (1, 4, 0)
    assert plan.outcome.transition == (
        YearRooms(2025, C1, "primary", 192, 4, 0, 4, 0),
        YearRooms(2026, C1, "primary", 162, 4, 4, 0, 4),
        YearRooms(2027, C1, "primary", 136, 4, 4, 0, 0),
        YearRooms(2028, C1, "primary", 102, 1, 4, 0, 0))
    assert check_years(data, plan.outcome, cfg) == {2026: 3_200_000}
    checked(plan)


def test_a_build_the_budget_delays_leaves_its_first_years_to_temporary_rooms():
    """The same county at 1,000,000 元 a year (threshold 1 year): C1 adds 3 rooms, 2.4 million
    (classes formed grade by grade need 4, 4, 4, 1 rooms in 2025–2028: the test above), which
    waits for phase 3 (2028, 3 million by then; by seats it built 2 for 1.6 million in phase
    2); until then its whole overflow is 临时周转, which the check allows before a build.
    教学点 TP01 closes after C1's build (先建后撤, phase 4): village 3's grades 1–3 stay there,
    12, 8 and 4 pupils in 2025–2027, not counted at C1 (review rv10 2)."""
    from layout_builders import C1, line_county
    from test_layout import checked
    from test_layout import config as solver_config

    from junheng.planning import plan_layout

    data = line_county(far_village=False, c1_rooms=2)
    cfg = solver_config(annual_budget_yuan=1_000_000, phases=3, temporary_peak_years=1)
    plan = plan_layout(data, cfg)
    assert plan.outcome.transition == (
        YearRooms(2025, C1, "primary", 192, 4, 0, 4, 0),
        YearRooms(2026, C1, "primary", 162, 4, 0, 4, 0),
        YearRooms(2027, C1, "primary", 132, 4, 0, 4, 0),
        YearRooms(2028, C1, "primary", 102, 1, 3, 0, 3))
    assert check_years(data, plan.outcome, cfg) == {2028: 2_400_000}
    checked(plan)


def test_a_build_in_use_after_the_last_year_looked_at_is_not_refused():
    # T's two rooms in use in phase 6 (2031), after the last year looked at (target 2027 + 3
    # = 2030): every row of T is before its build, 0 standing and its whole overflow
    # 临时周转 (300, 330, 300, 300, 270 pupils over 250 seats: 1, 2, 1, 1, 1 rooms). Not in
    # use within the years looked at, so its built + temporary rooms need not make its 2
    # (the checker once said 乙初中建设 0 间、临时周转 1 间，与新增教室 2 间不符). Its money
    # (1,600,000 less its one temporary room, 800,000; lead 0) falls in 2031; S only borrows
    # (800,000 less its temporary room: nothing paid).
    plan = outcome()
    late = replace(plan, schools=tuple(replace(s, phase=6) if s.school_id == "T" else s
                                       for s in plan.schools),
                   transition=(*(r for r in plan.transition if r.school_id == "S"),
                               *(YearRooms(y, "T", "junior", n, k, 0, k, 0) for y, n, k in (
                                   (2026, 300, 1), (2027, 330, 2), (2028, 300, 1),
                                   (2029, 300, 1), (2030, 270, 1)))))
    assert check_years(county(), late, config()) == {2031: 800_000.0}
    # the rows before the build are still checked: T's 2027 row with 1 room short is refused
    wrong = replace(late, transition=tuple(
        replace(r, overflow=1, temporary=1) if (r.school_id, r.year) == ("T", 2027) else r
        for r in late.transition))
    with pytest.raises(PlanViolation, match="^2027 学年乙初中（初中）过渡期记录与推算不符：学生 330 人，缺口 2 间，"
                                            "已建 0 间。$"):
        check_years(county(), wrong, config())


def test_the_rooms_left_unbuilt_are_in_wan_in_a_wan_document():
    # review rv 12: 「（共 840,000 元）」 in the 万元 document: 2 rooms at 420,000 元 are
    # 840,000 元 = 84.00 万元, in 万元 though below a million 元
    from dataclasses import replace

    plan = outcome()
    cheap = replace(plan, schools=tuple(replace(s, temporary_yuan=420_000 * s.temporary_classrooms)
                                        for s in plan.schools))
    assert "少建 2 间约省 84.00 万元。" in transition_text(cheap)  # review rv3 9: money not spent
