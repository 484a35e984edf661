"""Review rv25 finding 6: one breakdown of the 临时周转 by cause, each part with its unit
(间·学年), in the same words and order in the 布局调整方案, the 整改措施 and the 达标路径工作簿,
each said over its own school years (the 2027—2028 part against the whole 过渡期)."""

from __future__ import annotations

from junheng.planning.layout_borrow import rent_window, window_parts
from junheng.planning.plans_transition import (
    CAUSE_WORDS,
    TEMPORARY_KINDS,
    cause_room_years,
    temporary_label,
)


def test_every_kind_has_its_short_word_in_one_order():
    # brief hwords 1: the rooms of the years no room built could be in use by, apart from 代替新建
    assert list(CAUSE_WORDS) == ["扩建教室建成前", "新建教室来不及投入使用", "临时周转代替新建",
                                 "新建学校启用或接收学校就绪前现就读学校", "规划年以外学年超出学位或按年级编班缺教室"]
    assert set(CAUSE_WORDS) == set(TEMPORARY_KINDS)


def test_the_parts_in_the_short_words_and_order_each_with_its_unit():
    # given in TEMPORARY_KINDS' order (the workbook's), said in CAUSE_WORDS' order; the demo's
    # 2027—2031 (brief hwords 1: 5 of its 22 代替新建 fall in 2027—2028, too early for a build)
    parts = [("新建学校启用或接收学校就绪前现就读学校", 31), ("扩建教室建成前", 2), ("新建教室来不及投入使用", 5),
             ("临时周转代替新建", 17), ("规划年以外学年超出学位或按年级编班缺教室", 36)]
    assert cause_room_years(parts) == ("扩建教室建成前 2 间·学年、新建教室来不及投入使用 5 间·学年、临时周转代替新建 17 间·学年、"
                                       "等待新建学校或接收学校就绪 31 间·学年、超出学位或按年级编班缺教室 36 间·学年")
    # the short words are taken as they are
    assert cause_room_years([("超出学位或按年级编班缺教室", 1_036), ("扩建教室建成前", 5)]) == (
        "扩建教室建成前 5 间·学年、超出学位或按年级编班缺教室 1,036 间·学年")
    assert cause_room_years([]) == ""


def test_with_money_each_part_says_its_wan_yuan():
    # 31 × 2.00 = 62.00, 2 × 2.00 = 4.00
    parts = [["新建学校启用或接收学校就绪前现就读学校", 31, 62.0], ["扩建教室建成前", 2, 4.0]]
    assert cause_room_years(parts) == "扩建教室建成前 2 间·学年 4.00 万元、等待新建学校或接收学校就绪 31 间·学年 62.00 万元"


def test_the_sub_period_and_the_whole_period_are_both_labelled():
    # A waits for its build 3 + 2 (2027—2028) + 1 (2029); B builds none and borrows 2 in 2028,
    # before the run start 2029 (no room built could be in use: brief hwords 1), and 1 in 2030
    # instead of building it; 2027—2028 hold 5 + 2 = 7, 2029—2030 1 + 1 = 2
    kinds = {"扩建教室建成前": {2027: 3, 2028: 2, 2029: 1}, "新建教室来不及投入使用": {2028: 2},
             "临时周转代替新建": {2030: 1}}
    w = rent_window({"A": {2027: 3, 2028: 2, 2029: 1}, "B": {2028: 2, 2030: 1}}, 2029, 2.0, kinds)
    assert window_parts(w) == ("其中 2027—2028 学年 7 间·学年、14.00 万元（扩建教室建成前 5 间·学年、"
                               "新建教室来不及投入使用 2 间·学年）；自 2029 学年起 2 间·学年、4.00 万元")
    # the workbook's row: the whole window 2027—2030, 6 + 2 + 1 = 9 room-years, 12.00 + 4.00 + 2.00 万元
    doc = {"layout_temporary_parts": [["扩建教室建成前", 6, 12.0], ["新建教室来不及投入使用", 2, 4.0],
                                      ["临时周转代替新建", 1, 2.0]],
           "layout_temporary_years": [2027, 2028, 2029, 2030]}
    assert temporary_label(doc) == ("布局调整：过渡期临时周转（2027—2030 学年：扩建教室建成前 6 间·学年 12.00 万元、"
                                    "新建教室来不及投入使用 2 间·学年 4.00 万元、临时周转代替新建 1 间·学年 2.00 万元；"
                                    "计入当年一次性投入，不计入建设投资）")
