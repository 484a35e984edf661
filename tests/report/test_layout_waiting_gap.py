"""What the 过渡期 says of a new school's pupils before it opens (review finding 10): the
present schools that hold them are named with their own figures, the crowding lasts until the
new school opens, and no measure is costed (需论证); the layout JSON keeps the schools."""

from __future__ import annotations

from junheng.planning.layout_json import layout_from_json, layout_json
from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool, YearRooms
from junheng.report.layout_years import transition_rows, transition_text, waiting_gap_text


def _plan() -> LayoutOutcome:
    # data year 2025, the new school in phase 4 opens in 2029; its 1,108 (2027) and 1,139
    # (2028) pupils wait at 甲中学 and 乙中学. 2027: 甲 300 over (⌈300/50⌉ = 6 rooms), 乙 175
    # over (⌈175/50⌉ = 4): 475 and 10, the demo's figures; 2028: 甲 400 (8), 乙 205 (5): 605, 13.
    schools = (PlannedSchool("N", "城东初级中学", "new", phase=4),
               PlannedSchool("A", "甲中学", "keep"), PlannedSchool("B", "乙中学", "keep"))
    rows = (YearRooms(2027, "N", "junior", 1108, 0, 0, 0, 0, 475, 10,
                      (("A", 300, 6), ("B", 175, 4))),
            YearRooms(2028, "N", "junior", 1139, 0, 0, 0, 0, 605, 13,
                      (("A", 400, 8), ("B", 205, 5))))
    return LayoutOutcome("optimal", schools, {}, year=2025, target_year=2030, transition=rows)


def test_the_waiting_gap_names_the_schools_the_years_and_says_no_measure_is_costed():
    assert waiting_gap_text(_plan()) == (
        "新建学校启用前，甲中学、乙中学学生超出标准学位（缺教室 2027 学年 10 间、2028 学年 13 间，分校见上），"
        "班额超过标准班额、可能形成大班额（56 人及以上），这一状况持续到城东初级中学 2029 学年启用；"
        "本方案所列临时周转教室只在扩建学校，未为这些学校安排过渡措施，所需措施（如临时周转教室、"
        "租用校舍或调整招生范围）及其费用未测算，需论证。")
    text = transition_text(_plan())
    assert ("2027 学年，城东初级中学（2029 学年启用）的 1,108 名初中学生在现就读学校过渡，现就读学校"
            "学生超出标准学位 475 人（按标准班额缺教室 10 间：甲中学超出 300 人、缺 6 间，乙中学超出 "
            "175 人、缺 4 间）") in text
    assert text.count("需论证") == 1


def test_the_transition_sheet_row_of_a_waiting_school_says_where_and_that_it_needs_study():
    rows = transition_rows(_plan())
    assert rows[0][1] == ("城东初级中学（2029 学年启用前，学生在现就读学校过渡；现就读学校超出标准学位 "
                          "475 人、缺教室 10 间：甲中学超出 300 人、缺 6 间，乙中学超出 175 人、缺 4 间；"
                          "过渡措施及费用未测算，需论证）")


def test_no_crowding_no_gap_sentence():
    plan = _plan()
    calm = LayoutOutcome("optimal", plan.schools, {}, year=2025, target_year=2030,
                         transition=(YearRooms(2027, "N", "junior", 400, 0, 0, 0, 0),))
    assert waiting_gap_text(calm) == ""
    assert "需论证" not in transition_rows(calm)[0][1]


def test_the_layout_json_keeps_the_schools_that_hold_the_waiting_pupils():
    back = layout_from_json(layout_json(_plan()))
    assert back.transition[0].crowded_at == (("A", 300, 6), ("B", 175, 4))
