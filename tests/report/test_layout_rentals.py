"""Review rv 3: the 过渡期 sheet lists every school that rents 临时周转 rooms in a year, its
rows add to the year's 合计 and to the whole plan's count, and the plan says both the
target year's rooms and the 过渡期's room-years."""

from __future__ import annotations

from dataclasses import replace

from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool, YearRooms
from junheng.report.layout_years import (
    saving_sentence,
    temporary_headline,
    transition_paragraphs,
    transition_rows,
)

# E's 1 room not built; in the target year 2030 only E borrows, 1 room (review rv3 2: the rooms
# not built are not the target year's rooms)
# brief hc2 (rv 7): the most of one year, 2027: E 2 + P 3 + S 4 = 9, then the room-years, then
# the 1 room not built: the target year's borrowed, school by school (brief hsize)
# brief hwin: the years they fall in, split at the run start 2029 (2027 + 2 years' build):
# 2027 9 + 2028 3 = 12 before it, 2029 1 + 2030 1 = 2 from it; review rv8 finding 3: the 12 by
# cause: E's own 2 + 1 (brief hlabel2 1: E builds no room, not waiting for a build; brief hwords 1:
# before the run start no room built could be in use either, so not rented instead of a build:
# 新建教室来不及投入使用 3, was 临时周转代替新建 3), P's 3 waiting for N, S's 4 + 2 overflow (6)
HEADLINE = ("临时周转最多一年 9 间（2027 学年），过渡期 2027—2030 学年共 14 间·学年、28.00 万元（其中 2027—2028 学年 "
            "12 间·学年、24.00 万元（新建教室来不及投入使用 3 间·学年、等待新建学校或接收学校就绪 3 间·学年、超出学位或按年级编班缺教室 6 间·学年）；自 2029 学年起 2 间·学年、4.00 万元，整改措施自该学年起计）；"
            "其中代替新建的 1 间"
            "（规划年 2030 学年借用：甲中学 1 间；不新建，各校在缺口的学年借用）")


def rented() -> LayoutOutcome:
    """E (expanded in 2029, 1 room met by 临时周转) short 2 rooms in 2027 and 1 in 2028–2030;
    a new school N (opens 2029) whose pupils wait at P, 3 rooms short in 2027; S's primary,
    not built for, 4 rooms over in 2027 and 2 in 2028 (规划年以外学年超出学位)."""
    schools = (PlannedSchool("E", "甲中学", "expand", phase=4, temporary_classrooms=1,
                             capital_yuan=420_000.0, temporary_yuan=420_000.0),
               PlannedSchool("N", "新建初级中学", "new", phase=4),
               PlannedSchool("P", "乙中学", "keep"), PlannedSchool("S", "丙小学", "keep"))
    transition = (YearRooms(2027, "E", "junior", 500, 2, 0, 2),
                  YearRooms(2027, "N", "junior", 400, 0, 0, 0, 0, 120, 3, (("P", 120, 3),)),
                  YearRooms(2028, "E", "junior", 480, 1, 0, 1),
                  YearRooms(2029, "E", "junior", 470, 1, 0, 1),
                  YearRooms(2030, "E", "junior", 460, 1, 0, 1))
    return LayoutOutcome("optimal", schools, {}, year=2025, target_year=2030,
                         costs={"temporary_room_yuan": 20_000.0},
                         rules={"plan_date": "2026-12-05"}, transition=transition,
                         overflow=((2027, "S", "primary", 4), (2028, "S", "primary", 2)))


def test_an_overflow_row_gives_its_pupils_and_its_own_cause():
    # review rv25 3: 东城小学 2028, 685 pupils within 720 seats, short of rooms by its grades'
    # classes, read 超出学位 with a blank 学生数. 丙小学: 2,073 pupils over 1,935 seats in 2027
    # (超出学位), 685 within them in 2028 (its grades' classes short of rooms)
    plan = rented()
    plan = replace(plan, schools=tuple(replace(s, capacity={"primary": 1935 if s.school_id == "S" else 720})
                                       for s in plan.schools),
                   year_pupils=((2027, "S", "primary", 2073), (2028, "S", "primary", 685)))
    rows = [r for r in transition_rows(plan) if r[1].startswith("丙小学")]
    assert rows == [
        ["2027 学年", "丙小学（规划年以外学年超出学位，未扩建该学段，所缺教室临时周转，学生数和学位见“调整方案”该校理由）",
         "小学", 2073, 0, 0, 0, 0, 4, 8.0],
        ["2028 学年", "丙小学（规划年以外学年按年级编班缺教室，未扩建该学段，所缺教室临时周转，学生数和学位见“调整方案”该校理由）",
         "小学", 685, 0, 0, 0, 0, 2, 4.0]]


def test_every_renting_school_is_a_row_and_the_rows_add_to_the_totals():
    rows = transition_rows(rented())
    y2027 = [r for r in rows if r[0] == "2027 学年"]
    # 2027: E 2 + P (waiting for N) 3 + S 4 = 9 rooms, 18 万元 for P's and S's rows
    assert [r[1][:3] for r in y2027] == ["甲中学", "新建初", "丙小学", "合计", "当年一"]
    # a plan without its pupils by year says both causes and leaves 学生数 blank
    assert y2027[2] == ["2027 学年", "丙小学（规划年以外学年超出学位或按年级编班缺教室，未扩建该学段，所缺教室临时周转，"
                        "学生数和学位见“调整方案”该校理由）", "小学", "", 0, 0, 0, 0, 4, 8.0]
    assert y2027[3][8] == 2 + 3 + 4 == sum(r[8] for r in y2027[:3])
    # the whole plan's rooms that year are the same 9 (18 万元), each listed above
    assert y2027[4] == ["2027 学年", "当年一次性投入（全方案：各校建设投资和全部临时周转 9 间）", "", "", "", "", "",
                        "", 9, 18.0]
    # 2028: E 1 + S 2 = 3; 2029 and 2030: E 1 each
    assert [r[8] for r in rows if r[1] == "合计"] == [9, 3, 1, 1]
    # the whole 过渡期: 9 + 3 + 1 + 1 = 14 room-years × 2 万元 = 28 万元
    # the workbook's first 过渡期 total says the price is an assumption (review rv9 3)
    assert rows[-2] == ["过渡期合计", HEADLINE + "；临时周转按每间每学年 2.00 万元（假设值，以本县实际租金替换）计",
                        "", "", "", "", "", "", 14, 28.0]
    assert rows[-1][0] == "代替新建的节省"  # test_the_sheet_says_the_saving_as_the_word_plan_does


def test_the_sheet_says_the_saving_as_the_word_plan_does():
    """Brief hsave 1: the Word plan's 「少建 … 净省约 …」 stood in the docx only; the 过渡期
    sheet's last row says the same sentence, word for word."""
    plan = rented()
    # E's 1 room not built at 420,000 元 = 42.00 万元; rented from the run start 2029 (2027 + 2
    # years' build): 2029 1 + 2030 1 = 2 room-years × 2.00 万元 = 4.00 万元; 42.00 − 4.00 = 38.00
    said = ("以临时周转代替新建，少建 1 间约省 42.00 万元，扣除这 1 间 2029—2030 学年的周转费 4.00 万元"
            "（2 间·学年），净省约 38.00 万元。")
    assert said in transition_paragraphs(plan)  # the docx's paragraph
    assert transition_rows(plan)[-1] == ["代替新建的节省", said, "", "", "", "", "", "", "", ""]


def test_no_room_not_built_no_saving_row():
    # without E's 2030 row no room is borrowed in the target year, so none is not built
    plan = rented()
    plan = replace(plan, transition=tuple(r for r in plan.transition if r.year != 2030))
    assert saving_sentence(plan) == ""
    assert transition_rows(plan)[-1][0] == "过渡期合计"


def test_the_headline_says_the_target_year_and_the_transition():
    assert temporary_headline(rented()) == HEADLINE
