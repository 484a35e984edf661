"""临时周转 counted across both plans (planner review: 第四中学 borrowed a room 2027–2028 in the
layout and 2029–2031 in the 达标路径, five school years in a row under a 3-year rule). The
达标路径, the plan that borrows the later years, builds the rooms that stretch the run, from its
first year a room can be in use; a run the layout's own years make is said by the combined
plan's check, naming the school, the years and which plan borrows which year.
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


def test_the_plan_borrowing_the_later_years_builds_the_rooms_that_stretch_the_run():
    # D (第四中学): the layout borrows 1 room 2027–2028 before its own room stands in 2029;
    # 2027–2031 would be 5 years: the 达标路径 builds its 1 room (in use 2029), borrowing
    # nothing: 3 间·学年 spared. The room is in use where the gap is at least 1: 2029, 2030,
    # 2031 of 2029–2033, 3 of 5 years = 60 % ≥ 50 % (rule 3): built.
    layout = {"D": {2027: 1, 2028: 1}, "X": {2027: 5, 2028: 3, 2029: 1}}
    got = _split(layout)
    assert got["D"] == [0, 1, 0, {}, 1, 3]


def test_rooms_that_would_stand_idle_are_not_built_for_the_joint_rule():
    # X (第四小学): the layout borrows 5, 3, 1 in 2027–2029; 1 room built leaves 2029: 3,
    # 2030: 1 short, 2027–2030 = 4 years; 2 built leave 2029: 2, 2027–2029 = 3 (rule 2: 2
    # rooms). Room 2 is in use where the gap is at least 2: 2029 (4), 2030 (2), 2 of 2029–2033's
    # 5 years = 40 % < 50 % (rule 3), idle from 2031, and the school has 1 room spare in 2033
    # (gap −1): nothing built (rule 4), the 2027–2031 run kept and said. Borrowed as by its own
    # rule: 4, 2, 1 = 7 间·学年, the layout paying 1 of 2029's: 6 paid.
    split = split_rooms(SHORT, GAPS, 3, {"X": {2027: 5, 2028: 3, 2029: 1}}, 2030)
    assert [split.loc["X", k] for k in KEYS] == [4, 0, 6, {2029: 4, 2030: 2, 2031: 1}, 0, 6]
    assert split.loc["X", "declined"] == {"rooms": 2, "used": 2, "years": 5, "first": 2029, "last": 2033,
                                          "idle_from": 2031, "spare": 1, "share": 0.5}


def test_a_run_the_layout_makes_alone_is_not_the_compliance_plans_to_mend():
    # S (实验中学): the layout borrows 2027–2030 itself (4 years); building would not shorten it
    assert _split({"S": {2027: 6, 2028: 8, 2029: 1, 2030: 1}})["S"] == [
        4, 0, 4, {2029: 4, 2030: 2}, 0, 4]  # (4 − 1) + (2 − 1) = 4 paid


def _layout() -> LayoutOutcome:
    # 第四中学 D adds 1 room in use 2029 (phase 4), borrowing 1 room 2027–2028 before it;
    # 实验中学 S borrows 6, 8, 1, 1 rooms 2027–2030 (the plan's overflow); first paid year 2027
    return LayoutOutcome(
        "optimal", (PlannedSchool("D", "第四中学", "expand", phase=4, added_classrooms=1,
                                  capital_yuan=420_000.0),),
        {}, year=2025, target_year=2030, rules={"plan_date": "2026-12-05"},
        costs={"temporary_room_yuan": 20_000.0},
        transition=(YearRooms(2027, "D", "junior", 677, 1, 0, 1), YearRooms(2028, "D", "junior", 703, 1, 0, 1)),
        overflow=((2027, "S", "junior", 6), (2028, "S", "junior", 8), (2029, "S", "junior", 1),
                  (2030, "S", "junior", 1)))


def _actions() -> pd.DataFrame:
    # D: 1 普通教室 of 120 m² × 0.35 万元 = 42.00 and its building project's fee 30.00 (the
    # school builds nothing else); S: 4 间·学年 × 2.00 = 8.00
    return pd.DataFrame({
        "school_id": ["D", "D", "S"], "name": ["第四中学", "第四中学", "实验中学"],
        "project": ["building", "building", "temporary"], "item": ["classroom", "building", "temporary_classroom"],
        "quantity": [1.0, 1.0, 4.0], "cost": [42.0, 30.0, 8.0], "annual_cost": [0.0, 0.0, 0.0],
        "funding": [{2027: 21.0, 2028: 21.0}, {2027: 15.0, 2028: 15.0}, {2029: 8.0}]})


def test_the_combined_plan_shows_the_rooms_by_year_and_names_the_breach():
    plan = _layout()
    assert borrowed_rooms(plan) == {"D": {2027: 1, 2028: 1}, "S": {2027: 6, 2028: 8, 2029: 1, 2030: 1}}
    split = split_rooms(SHORT[["D", "S"]], GAPS.loc[["D", "S"]], 3, borrowed_rooms(plan), 2030).reset_index()
    years = borrowed_years(plan, split)
    assert years == {"D": {2027: (1, 1), 2028: (1, 1)},
                     "S": {2027: (6, 6), 2028: (8, 8), 2029: (4, 1), 2030: (2, 1)}}
    doc = combined_summary(plan, _actions(), 2030, 1, temporary=split)
    rows = {r["school_id"]: r for r in doc["schools"]}
    assert rows["D"]["together"] == (
        "普通教室 2 间（布局调整 1 间 + 达标路径 1 间），布局调整与达标路径合建，2029 学年投入使用；"
        "普通教室逐年（两个方案合计，同校连续临时周转不超过 3 个学年）：2027 学年借用 1 间（布局调整付费）、"
        "2028 学年借用 1 间（布局调整付费）、2029 学年新建 2 间投入使用（布局调整 1 间、达标路径 1 间，各自付费）；"
        "达标路径为此新建 1 间 72.00 万元（教室 42.00 万元、校舍建设项目前期与管理费用 30.00 万元），"
        "少付临时周转 3 间·学年 6.00 万元")
    assert rows["S"]["together"] == (
        "普通教室逐年（两个方案合计，同校连续临时周转超过 3 个学年）：2027 学年借用 6 间（布局调整付费）、"
        "2028 学年借用 8 间（布局调整付费）、2029 学年借用 4 间（布局调整 1 间、达标路径 3 间付费）、"
        "2030 学年借用 2 间（布局调整 1 间、达标路径 1 间付费）")
    breach = ("实验中学 2027—2030 学年连续 4 个学年借用教室临时周转，超过 3 个学年：2027 学年 6 间（布局调整借用）、"
              "2028 学年 8 间（布局调整借用）、2029 学年 4 间（布局调整 1 间、达标路径 3 间借用）、"
              "2030 学年 2 间（布局调整 1 间、达标路径 1 间借用）；其中布局调整方案本身 2027—2030 学年已连续借用，"
              "达标路径新建不能缩短，需调整布局调整方案的建设时序")
    assert doc["temporary_joint"] == {"peak": 3, "schools": ["第四中学"], "rooms": 1, "cost": 72.0, "fee": 30.0,
                                      "spared": 3, "spared_cost": 6.0, "breaches": [breach]}
    assert combined_lines(doc)[-2:] == [
        "同一学校两个方案合计连续临时周转不超过 3 个学年：第四中学的临时周转学年与布局调整方案在同校的相连超过 3 年，"
        "达标路径改为新建普通教室共 1 间 72.00 万元（含校舍建设项目前期与管理费用 30.00 万元，已计入达标路径建设投资），"
        "少付临时周转 3 间·学年 6.00 万元。",
        f"两个方案合计仍超过连续 3 个学年临时周转的：{breach}。"]


def test_a_plan_within_the_rule_says_nothing_more():
    plan = LayoutOutcome("optimal", (), {}, year=2025, target_year=2030, rules={"plan_date": "2026-12-05"},
                         overflow=((2027, "S", "junior", 1), (2028, "S", "junior", 1)))
    doc = combined_summary(plan, _actions().iloc[:0], 2030, 1)
    assert doc["temporary_joint"]["breaches"] == [] and doc["temporary_joint"]["schools"] == []
    assert not any("连续临时周转" in line for line in combined_lines(doc))
    assert doc["schools"][0]["together"] == (
        "临时周转教室（两个方案合计，当年借用）：2027 学年 1 间（布局调整付费）、2028 学年 1 间（布局调整付费）")


def test_the_compliance_plan_keeps_a_run_whose_rooms_would_stand_idle_and_says_so():
    """The example county (test_compliance_temporary): 示例县城关第一小学 is 3 rooms short in
    2028 alone, met by 临时周转 at a 2-year rule (6 万元 for 3 间·学年, plan 101.10 万元). A
    layout borrowing a room there 2026–2027 joins 2028 in a run of 3 > 2: building its 3 rooms
    would cut it (rule 2: 2028 short of 3, fewer leave 2028 borrowed), 3 × 120 m² × 0.35 = 126
    万元 to spare 6 万元, but room 3 is in use in 2028 alone of 2028–2031, 1 of 4 years = 25 %
    < 50 % (rule 3) and idle from 2029: nothing built, the plan stays 101.10 万元 and its
    document names the run as an exception for the 局务会 (rule 4)."""
    from test_compliance_temporary import LEVEL, SCHOOL, _students

    from junheng.io import example_county
    from junheng.planning.compliance import plan_compliance
    from junheng.planning.compliance_check import PlanCheckError, check_plan

    plan = plan_compliance(example_county(), _students({2029: LEVEL, 2030: LEVEL, 2031: LEVEL}), 2028,
                           time_limit=10, plan_date=date(2026, 6, 1), peak_years=2,
                           borrowed={SCHOOL: {2026: 1, 2027: 1}})
    a = plan.actions
    assert "classroom" not in set(a.loc[a["school_id"] == SCHOOL, "item"])
    assert float(a.loc[a["item"] == "temporary_classroom", "quantity"].sum()) == 3.0
    assert round(plan.objective, 2) == 101.1
    assert check_plan(plan.problem, a) == 101.1
    # the checker (21) refuses the split with the exception left unnamed
    tampered = plan.problem.temporary.assign(declined=[{}])
    with pytest.raises(PlanCheckError, match=r"^\(21\) 示例县城关第一小学两个方案合计连续临时周转超过 2 个学年，"
                       "新建 3 间建成后 2028—2031 学年 4 个学年中 1 个学年使用（不足 50%），应作为例外列明不新建的 3 间。$"):
        check_plan(replace(plan.problem, temporary=tampered), a)
    assert any(n.endswith("两个方案合计连续临时周转超过 2 个学年的例外（提请局务会研究）：示例县城关第一小学新建 3 间可使"
                          "同校连续借用教室不超过 2 个学年，但建成后 2028—2031 学年 4 个学年中仅 1 个学年使用（不足 50%），"
                          "2029 学年起闲置，不新建，连续临时周转超过 2 个学年作为例外提请局务会研究。")
               for n in plan.warnings)
