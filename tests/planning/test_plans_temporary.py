"""临时周转 counted across both plans (planner review: 第四中学 borrowed a room 2027–2028 in the
layout and 2029–2031 in the 达标路径, five school years in a row under a 3-year rule). The
达标路径, the plan that borrows the later years, builds the rooms that stretch the run, from its
first year a room can be in use; a run counts from that year (review rv 4: one rule in both
plans); a run the layout's own years make is said by the combined plan's check, naming the
school, the years and which plan borrows which year.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pandas as pd
import pytest

from junheng.planning.compliance_temporary import split_rooms
from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool, YearRooms
from junheng.planning.layout_waiting import borrowed_rooms
from junheng.planning.plans_combined import combined_lines, combined_summary
from junheng.planning.plans_transition import borrowed_years

# the 达标路径's yearly 普通教室 gaps from its first year a room can be in use (2029) to
# target + 3 (2033), target 2030
GAPS = pd.DataFrame({2029: [1, 4, 4], 2030: [1, 2, 2], 2031: [1, 1, 0], 2032: [0, 0, -4],
                     2033: [-2, -1, -8]}, index=["D", "X", "S"])
SHORT = pd.Series({"D": 1, "X": 2, "S": 2})  # rooms short in the target year 2030
KEYS = ["temporary", "built", "room_years", "borrowed", "joint", "was"]


def _split(layout: dict) -> dict:
    split = split_rooms(SHORT, GAPS, 3, layout, 2030)
    return {s: [split.loc[s, k] for k in KEYS] for s in split.index}


def test_each_plan_alone_borrows_up_to_three_years():
    # without the layout: D's room needed 2029–2031 (3 years, gone 2032) is borrowed, 3 间·学年;
    # X's rooms 1 and 2 (2029–2031 and 2029–2030) borrowed, and 2029's 3rd and 4th: 4 + 2 + 1 = 7
    assert _split({}) == {"D": [1, 0, 3, {2029: 1, 2030: 1, 2031: 1}, 0, 3],
                          "X": [4, 0, 7, {2029: 4, 2030: 2, 2031: 1}, 0, 7],
                          "S": [4, 0, 6, {2029: 4, 2030: 2}, 0, 6]}


def test_the_years_before_a_room_could_be_in_use_do_not_make_the_plan_build():
    # review rv 4, one rule in both plans: a run counts from 2029, the first year a new room
    # could be in use. D (第四中学): the layout borrows 1 room 2027–2028; the 达标路径's room is
    # needed 2029–2031, 3 years from 2029: borrowed, 3 间·学年, nothing built (it built 1 for
    # 72.00 万元 when 2027–2031 counted as 5 years). X (第四小学): the layout borrows 5, 3, 1 in
    # 2027–2029; from 2029 the need 4, 2, 1 runs 2029–2031, 3 years: borrowed 4 + 2 + 1 = 7,
    # of them the layout's 1 in 2029: this plan pays 7 − 1 = 6 间·学年. No run is too long, so
    # the use test (brief hj, rule 3) has nothing to decide and no exception is named.
    layout = {"D": {2027: 1, 2028: 1}, "X": {2027: 5, 2028: 3, 2029: 1}}
    split = split_rooms(SHORT, GAPS, 3, layout, 2030)
    assert [split.loc["D", k] for k in KEYS] == [1, 0, 3, {2029: 1, 2030: 1, 2031: 1}, 0, 3]
    assert [split.loc["X", k] for k in KEYS] == [4, 0, 6, {2029: 4, 2030: 2, 2031: 1}, 0, 6]
    assert split.loc["D", "declined"] == {} and split.loc["X", "declined"] == {}


def test_the_plan_builds_where_the_layouts_later_years_stretch_the_run():
    # D's need 2029–2031 and the layout's room borrowed in 2032: 2029–2032 is 4 years > 3, so
    # the 达标路径 builds its 1 room (rule 2), borrowing nothing itself: the 3 间·学年 it would
    # have paid are spared; the layout's 2032 stays the layout's. The room is in use where the
    # gap is at least 1: 2029, 2030, 2031 of 2029–2033, 3 of 5 years = 60 % ≥ 50 % (rule 3): built.
    assert _split({"D": {2032: 1}})["D"] == [0, 1, 0, {2032: 1}, 1, 3]


def test_rooms_that_would_stand_idle_are_not_built_for_the_joint_rule():
    # X (第四小学), need 4, 2, 1, 0, 0 in 2029–2033; the layout borrows 5, 3 in 2027–2028 (before
    # 2029: no part of the run) and 1 room in 2029, 2031 and 2032. Counted from 2029: nothing
    # built leaves 2029–2032 borrowed, 4 years; 1 room built leaves 2029–2030 (need > 1) joined
    # with the layout's 2031–2032, still 4; 2 built leave 2029 (need 4 > 2) and 2031–2032:
    # runs of 1 and 2 (rule 2: 2 rooms). Room 2 is in use where the need is at least 2: 2029 (4),
    # 2030 (2), 2 of 2029–2033's 5 years = 40 % < 50 % (rule 3), idle from 2031, and the school
    # has 1 room spare in 2033 (gap −1): nothing built (rule 4), the 2029–2032 run kept and said.
    # Borrowed as by its own rule: 4, 2, 1; the layout pays 1 of 2029's and 2031's 1: this plan
    # pays 3 + 2 + 0 = 5 间·学年; 2032 is the layout's 1 room.
    split = split_rooms(SHORT, GAPS, 3, {"X": {2027: 5, 2028: 3, 2029: 1, 2031: 1, 2032: 1}}, 2030)
    assert [split.loc["X", k] for k in KEYS] == [4, 0, 5, {2029: 4, 2030: 2, 2031: 1, 2032: 1}, 0, 5]
    assert split.loc["X", "declined"] == {"rooms": 2, "used": 2, "years": 5, "first": 2029, "last": 2033,
                                          "idle_from": 2031, "spare": 1, "share": 0.5}


def test_a_run_the_layout_makes_alone_is_not_the_compliance_plans_to_mend():
    # S (实验中学): the layout borrows 2027–2032 itself, 2029–2032 counted from 2029 (4 years);
    # building would not shorten it: nothing built, no exception named (not the 达标路径's run)
    split = split_rooms(SHORT, GAPS, 3, {"S": {2027: 6, 2028: 8, 2029: 1, 2030: 1, 2031: 1, 2032: 1}}, 2030)
    assert [split.loc["S", k] for k in KEYS] == [
        4, 0, 4, {2029: 4, 2030: 2, 2031: 1, 2032: 1}, 0, 4]  # (4 − 1) + (2 − 1) = 4 paid
    assert split.loc["S", "declined"] == {}


def _layout() -> LayoutOutcome:
    # 第四中学 D adds 1 room in use 2029 (phase 4), borrowing 1 room 2027–2028 before it;
    # 实验中学 S borrows 6, 8, 1, 1, 1, 1 rooms 2027–2032 (the plan's overflow); first paid
    # year 2027, a new room in use from 2027 + 2 = 2029
    return LayoutOutcome(
        "optimal", (PlannedSchool("D", "第四中学", "expand", phase=4, added_classrooms=1,
                                  capital_yuan=420_000.0),),
        {}, year=2025, target_year=2030, rules={"plan_date": "2026-12-05"},
        costs={"temporary_room_yuan": 20_000.0},
        transition=(YearRooms(2027, "D", "junior", 677, 1, 0, 1), YearRooms(2028, "D", "junior", 703, 1, 0, 1)),
        overflow=((2027, "S", "junior", 6), (2028, "S", "junior", 8), (2029, "S", "junior", 1),
                  (2030, "S", "junior", 1), (2031, "S", "junior", 1), (2032, "S", "junior", 1)))


def _actions() -> pd.DataFrame:
    # D: 3 间·学年 × 2.00 = 6.00 (2029–2031); S: 4 间·学年 × 2.00 = 8.00 (2029: 3, 2030: 1)
    return pd.DataFrame({
        "school_id": ["D", "S"], "name": ["第四中学", "实验中学"],
        "project": ["temporary", "temporary"], "item": ["temporary_classroom", "temporary_classroom"],
        "quantity": [3.0, 4.0], "cost": [6.0, 8.0], "annual_cost": [0.0, 0.0],
        "funding": [{2029: 2.0, 2030: 2.0, 2031: 2.0}, {2029: 6.0, 2030: 2.0}]})


def test_the_combined_plan_shows_the_rooms_by_year_and_names_the_breach():
    plan = _layout()
    assert borrowed_rooms(plan) == {"D": {2027: 1, 2028: 1},
                                    "S": {2027: 6, 2028: 8, 2029: 1, 2030: 1, 2031: 1, 2032: 1}}
    split = split_rooms(SHORT[["D", "S"]], GAPS.loc[["D", "S"]], 3, borrowed_rooms(plan), 2030).reset_index()
    years = borrowed_years(plan, split)
    # D borrows 2029–2031 itself (1 room a year); S's need 4, 2 in 2029–2030 beyond the layout's 1
    assert years == {"D": {2027: (1, 1), 2028: (1, 1), 2029: (1, 0), 2030: (1, 0), 2031: (1, 0)},
                     "S": {2027: (6, 6), 2028: (8, 8), 2029: (4, 1), 2030: (2, 1), 2031: (1, 1), 2032: (1, 1)}}
    doc = combined_summary(plan, _actions(), 2030, 1, temporary=split)
    rows = {r["school_id"]: r for r in doc["schools"]}
    # D: 2029–2031 is 3 years from 2029, within the rule: no year-by-year rooms line
    assert "普通教室逐年" not in rows["D"]["together"]
    assert rows["S"]["together"] == (
        "普通教室逐年（两个方案合计，自新建教室最早可投入使用的 2029 学年起计，同校连续临时周转超过 3 个学年）："
        "2027 学年借用 6 间（布局调整付费）、2028 学年借用 8 间（布局调整付费）、"
        "2029 学年借用 4 间（布局调整 1 间、达标路径 3 间付费）、2030 学年借用 2 间（布局调整 1 间、达标路径 1 间付费）、"
        "2031 学年借用 1 间（布局调整付费）、2032 学年借用 1 间（布局调整付费）")
    # S from 2029: 2029–2032 is 4 years, the layout's own 1 room each year: not the 达标路径's to mend
    breach = ("实验中学 2029—2032 学年连续 4 个学年借用教室临时周转，超过 3 个学年："
              "2029 学年 4 间（布局调整 1 间、达标路径 3 间借用）、2030 学年 2 间（布局调整 1 间、达标路径 1 间借用）、"
              "2031 学年 1 间（布局调整借用）、2032 学年 1 间（布局调整借用）；其中布局调整方案本身 2029—2032 学年已连续借用，"
              "达标路径新建不能缩短，需调整布局调整方案的建设时序")
    assert doc["temporary_joint"] == {"peak": 3, "schools": [], "rooms": 0, "cost": 0.0, "fee": 0.0,
                                      "spared": 0, "spared_cost": 0.0, "breaches": [breach]}
    assert combined_lines(doc)[-1] == f"两个方案合计仍超过连续 3 个学年临时周转的：{breach}。"


def test_a_plan_within_the_rule_says_nothing_more():
    plan = LayoutOutcome("optimal", (), {}, year=2025, target_year=2030, rules={"plan_date": "2026-12-05"},
                         overflow=((2027, "S", "junior", 1), (2028, "S", "junior", 1)))
    doc = combined_summary(plan, _actions().iloc[:0], 2030, 1)
    assert doc["temporary_joint"]["breaches"] == [] and doc["temporary_joint"]["schools"] == []
    assert not any("连续临时周转" in line for line in combined_lines(doc))
    assert doc["schools"][0]["together"] == (
        "临时周转教室（两个方案合计，当年借用）：2027 学年 1 间（布局调整付费）、2028 学年 1 间（布局调整付费）")


def test_the_layouts_years_before_a_room_could_be_in_use_build_nothing_here():
    """The example county (test_compliance_temporary): 示例县城关第一小学 is 3 rooms short in
    2028 alone, met by 临时周转 at a 2-year rule (6 万元 for 3 间·学年, plan 101.10 万元). A
    layout borrowing a room there 2026–2027, before 2028, the first year a room built could be
    in use (2026 + 2 lead years), does not join the run (review rv 4: one rule in both plans):
    the 3 rooms stay borrowed, the plan 101.10 万元, and nothing is said of a joint run."""
    plan, a = _example_plan({2026: 1, 2027: 1})
    assert "classroom" not in set(a["item"])
    assert float(a.loc[a["item"] == "temporary_classroom", "quantity"].sum()) == 3.0
    assert round(plan.objective, 2) == 101.1
    assert not any("两个方案合计连续临时周转" in n for n in plan.warnings)


def test_the_compliance_plan_keeps_a_run_whose_rooms_would_stand_idle_and_says_so():
    """The same school with the layout borrowing a room 2029–2030, after 2028: 2028–2030 is a
    run of 3 > 2 counted from 2028 (the layout's 2 years alone are within it). Building its 3
    rooms would cut it (rule 2: 2028 short of 3, fewer leave 2028 borrowed), 3 × 120 m² × 0.35
    = 126 万元 to spare 6 万元, but room 3 is in use in 2028 alone of 2028–2031, 1 of 4 years =
    25 % < 50 % (rule 3) and idle from 2029: nothing built, the plan stays 101.10 万元 (the
    layout pays its own 2029–2030) and its document names the run as an exception for the
    局务会 (rule 4); the checker (21) refuses the split with the exception left unnamed."""
    from junheng.planning.compliance_check import PlanCheckError, check_plan

    plan, a = _example_plan({2029: 1, 2030: 1})
    assert "classroom" not in set(a["item"])
    assert float(a.loc[a["item"] == "temporary_classroom", "quantity"].sum()) == 3.0
    assert round(plan.objective, 2) == 101.1
    assert check_plan(plan.problem, a) == 101.1
    tampered = plan.problem.temporary.assign(declined=[{}])
    with pytest.raises(PlanCheckError, match=r"^\(21\) 示例县城关第一小学两个方案合计连续临时周转超过 2 个学年，"
                       "新建 3 间建成后 2028—2031 学年 4 个学年中 1 个学年使用（不足 50%），应作为例外列明不新建的 3 间。$"):
        check_plan(replace(plan.problem, temporary=tampered), a)
    assert any(n.endswith("两个方案合计连续临时周转超过 2 个学年的例外（提请局务会研究）：示例县城关第一小学新建 3 间可使"
                          "同校连续借用教室不超过 2 个学年，但建成后 2028—2031 学年 4 个学年中仅 1 个学年使用（不足 50%），"
                          "2029 学年起闲置，不新建，连续临时周转超过 2 个学年作为例外提请局务会研究。")
               for n in plan.warnings)


def _example_plan(layout: dict):
    """The example county's 达标路径 for 2028 at a 2-year rule, the layout borrowing a room at
    示例县城关第一小学 in the years of ``layout``."""
    from test_compliance_temporary import LEVEL, SCHOOL, _students

    from junheng.io import example_county
    from junheng.planning.compliance import plan_compliance

    plan = plan_compliance(example_county(), _students({2029: LEVEL, 2030: LEVEL, 2031: LEVEL}), 2028,
                           time_limit=10, plan_date=date(2026, 6, 1), peak_years=2, borrowed={SCHOOL: layout})
    return plan, plan.actions
