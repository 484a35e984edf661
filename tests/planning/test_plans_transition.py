"""One figure, one value across both plans' money (review re findings 1, 4, 7, 17): the
layout's 临时周转 is a row of the per-school table and a line of the year table, never
建设投资; the receivers' areas are summed as shown; the layout's classrooms are counted as its
own tables count them; the budget check names the 高中 share paid in the same years."""

from __future__ import annotations

import pandas as pd

from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool
from junheng.planning.plans_budget_lines import budget_lines
from junheng.planning.plans_combined import (
    combined_lines,
    combined_summary,
    combined_table,
    combined_year_rows,
    layout_actions_text,
)


def _plan() -> LayoutOutcome:
    # B: 100 万元 of rooms, in use 2027 (phase 2, no build time); C and D each receive pupils
    # and need 123.4549 万元 of area (shown 123.45 each). 4 rooms short at S in 2026 and 3 in
    # 2027, met by 临时周转 at 2 万元 a room-year: 8.00 + 6.00 = 14.00 万元.
    return LayoutOutcome(
        "optimal",
        (PlannedSchool("B", "乙小学", "expand", phase=2, added_classrooms=5, capital_yuan=1_000_000.0),
         PlannedSchool("C", "丙小学", "keep", phase=2, area_yuan=1_234_549.0, added_sports_area=100.0),
         PlannedSchool("D", "丁小学", "keep", phase=2, area_yuan=1_234_549.0, added_sports_area=100.0),
         PlannedSchool("N", "新建初中", "new", phase=2, added_classrooms=25),
         PlannedSchool("T", "上河教学点", "close", phase=2, kind="teaching_point", merged_into="B")),
        {"before": {"operating_yuan": 100_000.0}, "after": {"operating_yuan": 100_000.0}},
        year=2025, target_year=2027, scenario="默认方案",
        costs={"temporary_room_yuan": 20_000.0},
        overflow=((2026, "S", "primary", 4), (2027, "S", "primary", 3)))


ACTIONS = pd.DataFrame({
    "school_id": ["B"], "name": ["乙小学"], "project": ["equipment"], "item": ["equipment"],
    "quantity": [10_000.0], "cost": [1.0], "annual_cost": [0.0], "funding": [{2027: 1.0}]})


def test_the_temporary_rooms_are_a_row_of_their_own_and_the_total_adds_the_rows():
    both = combined_summary(_plan(), ACTIONS, 2027, 1)
    # 建设投资 = 100.00 + 123.45 + 123.45 = 346.90 (each area rounded once as shown, not
    # 246.9098 → 246.91); 临时周转 14.00 beside it; one-off = 346.90 + 14.00 + 1.00 = 361.90
    assert (both["layout_construction"], both["layout_temporary"], both["construction"],
            both["once"], both["layout_review"]) == (346.9, 14.0, 346.9, 361.9, 246.9)
    heads, rows = combined_table(both)
    assert heads[2] == "布局调整一次性投入（万元）"
    assert [(r[0], r[2], r[-1]) for r in rows] == [
        ("乙小学", "100.00", "101.00"), ("丙小学", "123.45", "123.45"), ("丁小学", "123.45", "123.45"),
        ("新建初中", "0.00", "0.00"), ("上河教学点", "0.00", "0.00"), ("S", "0.00", "0.00"),
        ("布局调整：过渡期临时周转（2026—2027 学年：超出学位或按年级编班缺教室 7 间·学年 14.00 万元；计入当年一次性投入，不计入建设投资）",
         "14.00", "14.00"),
        ("合计", "360.90", "361.90")]
    # S's rooms borrowed, one number a year (its money in the 临时周转 row)
    assert both["schools"][5]["together"] == ("临时周转教室（两个方案合计，当年借用）：2026 学年 4 间（布局调整付费）、"
                                              "2027 学年 3 间（布局调整付费）")
    # 100.00 + 123.45 + 123.45 + 14.00 = 360.90; 101.00 + 123.45 + 123.45 + 14.00 = 361.90
    assert sum(float(r[2]) for r in rows[:-1]) == float(rows[-1][2])
    assert round(sum(float(r[-1]) for r in rows[:-1]), 2) == float(rows[-1][-1])


def test_the_sentence_and_the_year_table_name_the_temporary_rooms_apart_from_construction():
    both = combined_summary(_plan(), ACTIONS, 2027, 1)
    assert combined_lines(both)[1] == (
        "一次性建设投资 346.90 万元（布局调整 346.90 万元（含接收学校补足生均面积） + 达标路径 0.00 万元；"
        "达标路径以布局方案新建的教室（临时周转的不计）、床位和接收学校补足的面积为已建成，不重复计入）；另有布局调整过渡期临时周转 "
        "14.00 万元（不计入建设投资）、达标路径的设备、培训等一次性投入 1.00 万元，一次性财政支出合计 361.90 万元"
        "（2026—2027 学年投入）。")
    years, rows = combined_year_rows(both)
    table = {name.split("（")[0]: (values, total) for name, values, total in rows}
    assert years == ["2026", "2027"]
    assert table["布局调整：一次性建设投资"] == ([0.0, 346.9], 346.9)
    assert table["一次性建设投资小计"] == ([0.0, 346.9], 346.9)
    assert table["布局调整：过渡期临时周转"] == ([8.0, 6.0], 14.0)
    assert table["一次性投入合计"] == ([8.0, 353.9], 361.9)  # 346.90 + 6.00 + 1.00 = 353.90


def test_a_summary_written_before_the_temporary_line_still_makes_its_tables():
    both = combined_summary(_plan(), ACTIONS, 2027, 1)
    old = {k: v for k, v in both.items() if not k.startswith("layout_temporary")}
    old["by_year"] = {k: v for k, v in both["by_year"].items() if k != "layout_temporary"}
    names = [name for name, _, _ in combined_year_rows(old)[1]]
    assert not any("临时周转" in n for n in names)
    assert combined_table(old)[1][-1][2] == "346.90"


def test_the_layouts_classrooms_count_the_new_schools_as_its_tables_do():
    # 5 at 乙小学 + 25 at the new school = 30 (review re 17: 9 in one document, 34 in the other)
    assert layout_actions_text(_plan()) == (
        "撤并教学点 1 个、新建教室 30 间（其中新建学校 25 间）、新建学校 1 所、补足接收学校生均面积 2 所")


def test_the_budget_check_names_the_year_the_high_school_share_puts_over():
    both = combined_summary(_plan(), ACTIONS, 2027, 1, budget=360.0)
    # 2027: 346.90 + 6.00 + 1.00 = 353.90 ≤ 360.00; with 高中's 10.00 that year 363.90, 3.90 over
    both["senior"] = {"total": 10.0, "schools": ["丁小学"], "by_year": {"2027": 10.0}}
    assert budget_lines(both) == [
        "年度预算每年 360.00 万元（达标路径的预算口径）：布局调整与达标路径合计（不含另需高中经费）每年均不超出预算；"
        "年度预算不分学段（一般公共预算教育支出也用于高中），计入另需高中经费后超出预算的年份："
        "2027 学年 363.90 万元，超出 3.90 万元。"]


def test_a_field_on_ground_the_temporary_rooms_need_says_both_claims():
    # review rv3 finding 8: 第一初级中学's 8,366 m² field (built 2027) takes the spare ground the
    # layout's up to 7 装配式 rooms stand on in 2027–2028: the school's row says both, 8,366 +
    # 7 × 100 = 9,066 m², and that the ground is to be checked on site
    from junheng.planning.layout_outcome import YearRooms
    from junheng.planning.plans_combined import combined_rows

    plan = LayoutOutcome("optimal", (), {}, year=2025, transition=(
        YearRooms(2027, "D", "junior", 2_700, 5, 0, 5), YearRooms(2028, "D", "junior", 2_760, 7, 0, 7)))
    actions = pd.DataFrame({
        "school_id": ["D"], "name": ["丁中学"], "project": ["sports"], "item": ["field"],
        "item_name": ["新建室外体育运动场地"], "stage": [None], "quantity": [8_366.0], "unit": ["平方米"],
        "cost": [752.94], "annual_cost": [0.0], "funding": [{"2027": 752.94}], "in_use_year": [2028],
        "to_school_id": [None], "to_name": [None], "teacher_type": [None], "layout_paid": [0]})
    row = next(r for r in combined_rows(plan, actions) if r["school_id"] == "D")
    assert row["together"].endswith(
        "；新建室外体育运动场地 8,366 平方米与 2027—2028 学年临时周转教室（至多 7 间，以装配式临时教室周转时按每间 "
        "100 平方米约 700 平方米）同用校内空地，合计约 9,066 平方米，需现场核实用地（校内空地按数据为下限，"
        "未扣除绿地、道路和退让）")
