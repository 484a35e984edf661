"""What the 过渡期 says of a new school's pupils before it opens (review finding 10): the
present schools that hold them are named with their own figures, the crowding lasts until the
new school opens, and the rooms short are met by 临时周转 at the plan's price of a room-year,
in the year's one-off money (review finding 1); the layout JSON keeps the schools."""

from __future__ import annotations

from junheng.planning.layout_json import layout_from_json, layout_json
from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool, YearRooms
from junheng.report.layout_years import transition_rows, transition_text, waiting_gap_text


def _plan() -> LayoutOutcome:
    # data year 2025, the new school in phase 4 opens in 2029; its 1,108 (2027) and 1,139
    # (2028) pupils wait at 甲中学 and 乙中学. 2027: 甲 300 over (⌈300/50⌉ = 6 rooms), 乙 175
    # over (⌈175/50⌉ = 4): 475 and 10, the demo's figures; 2028: 甲 400 (8), 乙 205 (5): 605, 13.
    schools = (
        PlannedSchool("N", "城东初级中学", "new", phase=4),
        PlannedSchool("A", "甲中学", "keep"),
        PlannedSchool("B", "乙中学", "keep"),
    )
    rows = (
        YearRooms(2027, "N", "junior", 1108, 0, 0, 0, 0, 475, 10, (("A", 300, 6), ("B", 175, 4))),
        YearRooms(2028, "N", "junior", 1139, 0, 0, 0, 0, 605, 13, (("A", 400, 8), ("B", 205, 5))),
    )
    return LayoutOutcome(
        "optimal",
        schools,
        {},
        year=2025,
        target_year=2030,
        transition=rows,
        costs={"temporary_room_yuan": 20_000.0},
    )


def test_the_waiting_gap_names_the_schools_the_years_and_costs_the_temporary_rooms():
    # 10 + 13 = 23 room-years at 2 万元: 20 万元 in 2027, 26 万元 in 2028, 46 万元 in all
    assert waiting_gap_text(_plan()) == (
        "新建学校启用前，甲中学、乙中学学生超出标准学位（缺教室 2027 学年 10 间、2028 学年 13 间，分校见上），"
        "班额超过标准班额、可能形成大班额（56 人及以上），这一状况持续到城东初级中学 2029 学年启用；"
        "过渡措施：与扩建学校同一临时周转办法，所缺教室以临时周转解决（暂用本校其他用房、调整功能室、借用邻近学校"
        "校舍或租用装配式临时用房），每间每学年 2.00 万元，共 23 间·学年、46.00 万元（2027 学年 20.00 万元、"
        "2028 学年 26.00 万元），计入各学年一次性投入和分年度财政支出；也可把这些学校部分片区在该学年划入有空余"
        "学位的学校，需论证。"
    )
    text = transition_text(_plan())
    assert (
        "2027 学年，城东初级中学（2029 学年启用）的 1,108 名初中学生在现就读学校过渡，现就读学校"
        "学生超出标准学位 475 人（按标准班额缺教室 10 间：甲中学超出 300 人、缺 6 间，乙中学超出 "
        "175 人、缺 4 间），现就读学校临时周转 10 间、20.00 万元；"
    ) in text
    assert text.count("需论证") == 1


def test_the_transition_sheet_row_of_a_waiting_school_says_where_and_what_it_costs():
    rows = transition_rows(_plan())
    assert rows[0] == [
        "2027 学年",
        "城东初级中学",
        "初中",
        1108,
        0,
        0,
        0,
        0,
        10,
        20.0,
        # the school's name alone, the rest in the 说明 column (review rv15 15)
        "2029 学年启用前，学生在现就读学校过渡；现就读学校超出标准学位 "
        "475 人、缺教室 10 间：甲中学超出 300 人、缺 6 间，乙中学超出 175 人、缺 4 间；"
        "过渡措施：临时周转 10 间（每间每学年 2.00 万元，计 20.00 万元，计入当年一次性投入）",
    ]
    # the year's 合计 counts the 10 rooms; the year's one-off money, 20 万元, is its own row
    # (review rv finding 8)
    spent = "当年一次性投入（全方案：各校建设投资和全部临时周转 {} 间）"
    assert rows[1:3] == [["2027 学年", "合计", "", "", 0, 0, 0, 0, 10, ""],
                         ["2027 学年", spent.format(10), "", "", "", "", "", "", 10, 20.0]]
    assert rows[4:6] == [["2028 学年", "合计", "", "", 0, 0, 0, 0, 13, ""],
                         ["2028 学年", spent.format(13), "", "", "", "", "", "", 13, 26.0]]


def test_the_yearly_money_pays_the_waiting_rooms_in_their_year():
    from junheng.planning.layout_spending import once_by_year
    from junheng.report.layout_years import money_rows

    assert once_by_year(_plan()) == {2027: 200_000.0, 2028: 260_000.0}
    # all of it is 临时周转, in its own column since rv16 9 (建设投资 0)
    assert [r[:3] for r in money_rows(_plan())][:2] == [["2027 学年", 0.0, 20.0], ["2028 学年", 0.0, 26.0]]


def test_no_crowding_no_gap_sentence():
    plan = _plan()
    calm = LayoutOutcome(
        "optimal",
        plan.schools,
        {},
        year=2025,
        target_year=2030,
        transition=(YearRooms(2027, "N", "junior", 400, 0, 0, 0, 0),),
    )
    assert waiting_gap_text(calm) == ""
    assert "需论证" not in transition_rows(calm)[0][1]


def test_the_layout_json_keeps_the_schools_that_hold_the_waiting_pupils():
    back = layout_from_json(layout_json(_plan()))
    assert back.transition[0].crowded_at == (("A", 300, 6), ("B", 175, 4))


def test_the_headline_adds_the_waiting_rooms_to_the_one_off_total():
    from dataclasses import replace

    from junheng.report.layout_money_text import spending_headline

    plan = replace(
        _plan(),
        metrics={
            "before": {"operating_yuan": 5_000_000.0},
            "after": {"operating_yuan": 5_000_000.0, "capital_cost_yuan": 8_400_000.0},
        },
    )
    # 840 万元 built + 23 room-years × 2 万元 = 886 万元; the 46 万元 is not 建设投资 (review re 1)
    assert spending_headline(plan).split("；")[0] == (
        "财政支出：一次性建设投资 840.00 万元，另过渡期 2027—2028 学年临时周转 23 间·学年、46.00 万元（不计入建设投资），一次性投入合计 886.00 万元"
    )


def test_the_settings_table_says_where_the_room_year_price_is_paid():
    from junheng.report.layout_info import setting_rows

    row = next(r for r in setting_rows(_plan()) if r[0].startswith("单价：临时周转教室"))
    assert row[1:] == [
        "20,000 元",
        "计入过渡期当年一次性投入（见“过渡期”表和“分年度财政支出”表），不计入建设投资列",
    ]
