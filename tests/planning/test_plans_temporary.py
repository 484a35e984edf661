"""临时周转 counted across both plans (planner review: 第四中学 borrowed a room 2027–2028 in the
layout and 2029–2031 in the 达标路径, five school years in a row under a 3-year rule). The
达标路径, the plan that borrows the later years, builds the rooms that stretch the run, from its
first year a room can be in use; a run counts from that year (review rv 4: one rule in both
plans); a run the layout's own years make is said by the combined plan's check, naming the
school, the years and which plan borrows which year.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

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
    # of them the layout's 1 in 2029: this plan pays 7 − 1 = 6 间·学年.
    layout = {"D": {2027: 1, 2028: 1}, "X": {2027: 5, 2028: 3, 2029: 1}}
    got = _split(layout)
    assert got["D"] == [1, 0, 3, {2029: 1, 2030: 1, 2031: 1}, 0, 3]
    assert got["X"] == [4, 0, 6, {2029: 4, 2030: 2, 2031: 1}, 0, 6]


def test_the_plan_builds_where_the_layouts_later_years_stretch_the_run():
    # D's need 2029–2031 and the layout's room borrowed in 2032: 2029–2032 is 4 years > 3, so
    # the 达标路径 builds its 1 room (in use 2029), borrowing nothing itself: the 3 间·学年 it
    # would have paid are spared; the layout's 2032 stays the layout's
    assert _split({"D": {2032: 1}})["D"] == [0, 1, 0, {2032: 1}, 1, 3]


def test_a_run_the_layout_makes_alone_is_not_the_compliance_plans_to_mend():
    # S (实验中学): the layout borrows 2027–2030 itself (4 years); building would not shorten it
    assert _split({"S": {2027: 6, 2028: 8, 2029: 1, 2030: 1}})["S"] == [
        4, 0, 4, {2029: 4, 2030: 2}, 0, 4]  # (4 − 1) + (2 − 1) = 4 paid


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
    from test_compliance_temporary import LEVEL, SCHOOL, _students

    from junheng.io import example_county
    from junheng.planning.compliance import plan_compliance

    plan = plan_compliance(example_county(), _students({2029: LEVEL, 2030: LEVEL, 2031: LEVEL}), 2028,
                           time_limit=10, plan_date=date(2026, 6, 1), peak_years=2,
                           borrowed={SCHOOL: {2026: 1, 2027: 1}})
    a = plan.actions
    assert "classroom" not in set(a["item"])
    assert float(a.loc[a["item"] == "temporary_classroom", "quantity"].sum()) == 3.0
    assert round(plan.objective, 2) == 101.1
    assert not any(n.startswith("同一学校两个方案合计连续临时周转") for n in plan.warnings)
