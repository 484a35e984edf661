"""One rounding of every 万元 figure (brief hd 1): the demo's 接收学校补足生均面积 read 206.43 万元
in the 调整前后对比 row and 206.44 in the note listing its three receivers, because 610,850 元
was 61.08 万元 in one place (6,108.5 hundreds rounded half to even) and 61.09 in another."""

from __future__ import annotations

import pandas as pd

from junheng.model.numbers import wan, wan_text
from junheng.planning.layout_areas import receiver_note
from junheng.planning.layout_outcome import PlannedSchool, shown_yuan
from junheng.planning.layout_spending import _wan as spending_wan
from junheng.report.layout_info import rounding_note
from junheng.report.layout_years import _wan as years_wan

# the demo's three receivers: 东城小学 143,100 元, 第四小学 610,850 元, 新区实验学校 1,310,400 元
RECEIVERS = [("E", "东城小学", 459, 595, 0.0, 159.0, 143_100.0),
             ("F", "第四小学", 537, 845, 138.0, 144.0, 610_850.0),
             ("N", "新区实验学校", 816, 985, 0.0, 1_456.0, 1_310_400.0)]


def _receivers() -> pd.DataFrame:
    return pd.DataFrame([{"site_id": sid, "name": name, "action": "expand",
                          "students_expected": before, "students_primary": after,
                          "students_junior": 0, "added_teaching_area": teaching,
                          "added_sports_area": sports, "sports_field": True,
                          "area_cost_yuan": yuan, "sports_beyond_cap_area": 0.0}
                         for sid, name, before, after, teaching, sports, yuan in RECEIVERS])


def test_a_half_cent_of_wan_rounds_up_everywhere():
    # 610,850 元 = 61.085 万元 -> 61.09 (四舍五入), never 61.08
    assert wan(610_850) == 61.09 and wan_text(610_850) == "61.09 万元"
    assert spending_wan(610_850) == years_wan(610_850) == 61.09
    assert PlannedSchool("F", "第四小学", "keep", area_yuan=610_850.0).shown_capital_yuan == 610_900.0
    assert wan(-610_850) == -61.09 and wan(610_849.99) == 61.08


def test_the_receivers_total_is_their_shown_parts_and_the_rounded_exact_sum():
    # 14.31 + 61.09 + 131.04 = 206.44; the exact sum 2,064,350 元 = 206.435 万元 -> 206.44
    total = shown_yuan([y for *_, y in RECEIVERS])
    assert total == 2_064_400.0 and wan(2_064_350) == 206.44
    note = receiver_note(_receivers())[0]
    assert "（共 206.44 万元，" in note
    assert "室外体育运动场地 159 平方米，14.31 万元" in note
    assert "室外体育运动场地 144 平方米，61.09 万元" in note
    assert "室外体育运动场地 1,456 平方米，131.04 万元" in note


def test_the_rounding_note_reads_the_parts_as_shown():
    # parts 61.09 + 145.35 = 206.44 (each half up) and the total 2,064,350 元 = 206.44: no note
    assert rounding_note(2_064_350, [610_850, 1_453_500]) == ""
    # 0.005 + 0.005 + 0.005 万元 shown 0.01 each = 0.03 against a total of 0.015 -> 0.02
    assert rounding_note(150, [50, 50, 50]) == ("各项四舍五入到 0.01 万元，相加为 0.03 万元，与合计 "
                                                "0.02 万元相差 0.01 万元（舍入所致）")



# one plan column whose parts, each to 0.01 万元, add to 2,043.69 (124.00 + 41.10 + 359.58 =
# 524.68 spent; less 359.58 公用经费; + 1,878.59 travel) where 20,437,002 元 reads 2,043.70
SHOWN_COLUMN = {"operating_site_yuan": 1_240_004.0, "funding_floor_yuan": 411_049.0,
                "boarding_cost_yuan": 0.0, "school_bus_yuan": 0.0, "transport_yuan": 0.0,
                "operating_pupil_yuan": 3_595_776.0, "hire_staff_yuan": 0.0,
                "operating_yuan": 5_246_829.0, "travel_weight_yuan": 18_785_949.0,
                "staff_weight_yuan": 0.0, "capital_annual_yuan": 0.0,
                "hall_beyond_weight_yuan": 0.0, "objective_yuan": 20_437_002.0}


def test_the_share_and_the_solve_row_give_the_tables_total():
    # Review rv3 5: 「占综合评价值（每年 3,921.11 万元）」 beside 3,921.12 in 表2: both now the sum
    # of the printed parts, 2,043.69 here; 30.00 万元 of it is 1.47 %
    from junheng.planning.layout_outcome import LayoutOutcome
    from junheng.planning.layout_unmet import share_text
    from junheng.report.layout_info import solve_rows

    plan = LayoutOutcome("optimal", (), {"after": SHOWN_COLUMN}, objective=20_437_002.0)
    assert share_text(plan, 300_000.0) == "，占综合评价值（每年 2,043.69 万元）的 1.5%"
    row = next(r for r in solve_rows(plan) if r[0].startswith("综合评价值（每年"))
    assert row[1:] == ["2,043.69 万元", "只用于比选方案，不是财政支出"]  # no rounding note left



def test_the_comparison_of_two_plans_is_the_difference_of_their_printed_figures():
    # Review rv3 5: 「每年多 266.06 万元」 beside 4,187.17 − 3,921.12 = 266.05. The other plan has
    # 1,000,004 元 more for sites (124.0004 → 224.0008: 124.00 → 224.00, 100.00 more) and for
    # travel (1,878.5949 → 1,978.5953: 1,878.59 → 1,978.60, 100.01 more): as printed the totals
    # are 2,043.69 and 2,243.70 (624.68 − 359.58 + 1,978.60), 200.01 apart, where the raw
    # 2,000,008 元 would read 200.00
    from junheng.planning.layout_compare import difference_note

    other = {**SHOWN_COLUMN, "operating_site_yuan": 2_240_008.0, "operating_yuan": 6_246_833.0,
             "travel_weight_yuan": 19_785_953.0, "objective_yuan": 22_437_010.0}
    note = difference_note("方案甲", SHOWN_COLUMN, "方案乙", other)
    assert "通行时间折算多 100.01 万元" in note and "）多 100.00 万元" in note
    assert note.endswith("综合评价值（两者之和）每年多 200.01 万元。")
