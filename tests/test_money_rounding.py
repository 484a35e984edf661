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

