"""Brief hwin (rv7): the 布局调整方案 counted its 临时周转 from 2027 (140 间·学年), the 整改措施
from 2029 (29 间·学年), neither saying over which years. Each total now says its school years,
and each document says once how the two reconcile, from one function (``rent_window``)."""

from __future__ import annotations

import pandas as pd

from junheng.planning.compliance_temporary import layout_reconcile, temporary_note
from junheng.planning.layout_borrow import layout_window, rent_window, window_parts, window_total
from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool, YearRooms
from junheng.planning.layout_waiting import borrowed_rooms
from junheng.planning.plans_transition import temporary_kind_years, temporary_parts
from junheng.report.layout_money_text import one_off_text
from junheng.report.layout_rent import temporary_headline


def plan() -> LayoutOutcome:
    """东 borrows 4 rooms in 2027 and 2 in 2028; 四 3 in 2027, 3 in 2029 and 1 in 2030; 中 1 in
    2030; 规划年以外学年超出学位或按年级编班缺教室 at 西, 2 rooms in 2028. Planned on 2026-12-05: the first school year
    paid for is 2027, a room built in 2 years (the rules') is in use from 2029, the run start.
    东 builds no room, 四 builds 1 (standing from 2029), 中 2 (brief hlabel2 1)."""
    schools = (PlannedSchool("D", "东小学", "expand", phase=4),
               PlannedSchool("F", "四小学", "expand", phase=4, added_classrooms=1),
               PlannedSchool("Z", "中学", "expand", phase=4, added_classrooms=2))
    # (year, school, stage, pupils, rooms needed, built): borrowed = needed − built
    need = ((2027, "D", "primary", 743, 4, 0), (2028, "D", "primary", 685, 2, 0), (2027, "F", "primary", 900, 3, 0),
            (2029, "F", "primary", 893, 4, 1), (2030, "F", "primary", 845, 2, 1), (2030, "Z", "junior", 679, 3, 2))
    rows = tuple(YearRooms(y, s, st, n, over, built, over - built) for y, s, st, n, over, built in need)
    return LayoutOutcome("optimal", schools, {"after": {"capital_cost_yuan": 8_400_000.0}}, year=2025, target_year=2030,
                         costs={"temporary_room_yuan": 20_000.0},
                         rules={"plan_date": "2026-12-05", "expansion_lead_years": 2},
                         transition=rows, overflow=((2028, "W", "primary", 2),))


def test_the_layout_splits_its_room_years_at_the_run_start():
    w = layout_window(plan())
    # before 2029: 2027 东 4 + 四 3 = 7, 2028 东 2 + 西 2 = 4 → 11; from 2029: 2029 四 3, 2030
    # 四 1 + 中 1 = 2 → 5; 16 in all, × 2.00 万元 = 32.00 (22.00 + 10.00)
    assert (w.early, w.later, w.start, w.total) == ({2027: 7, 2028: 4}, {2029: 3, 2030: 2}, 2029, 16)
    assert window_total(w) == "2027—2030 学年共 16 间·学年、32.00 万元"
    # review rv8 finding 3: the 11 by cause, as the combined table's row splits them; brief
    # hlabel2 1: only the rooms a school builds later wait for a build. 四 builds 1 room: of its
    # 3 in 2027, 1 waits for it (扩建教室建成前 1), 2 are beyond it; 东 builds none, its 4 + 2
    # too; before the run start 2029 no room built could be in use, so these 2 + 6 = 8 are not
    # rented instead of a build (brief hwords 1: 新建教室来不及投入使用 8, was 临时周转代替新建 8);
    # 西's 2 the overflow of 2028 (超出学位或按年级编班缺教室)
    assert window_parts(w) == ("其中 2027—2028 学年 11 间·学年、22.00 万元（扩建教室建成前 1 间·学年、新建教室来不及投入使用 8 间·学年、"
                               "超出学位或按年级编班缺教室 2 间·学年）；自 2029 学年起 5 间·学年、10.00 万元")
    # the whole window: from 2029 四's 3 + 1 beyond its built room and 中's 1 beyond its 2 are
    # rented instead of built: 5 (13 with the 8 before brief hwords 1); 1 + 8 + 5 + 2 = 16, the total
    assert [k[:2] for k in temporary_parts(plan())] == [["扩建教室建成前", 1], ["新建教室来不及投入使用", 8],
                                                        ["临时周转代替新建", 5], ["规划年以外学年超出学位或按年级编班缺教室", 2]]


def test_the_layout_says_the_window_where_its_totals_stand():
    p = plan()
    head = temporary_headline(p)
    # the 过渡期 合计 (docx and sheet): the window and, once, its parts; no total without years
    assert head.startswith(
        "临时周转最多一年 7 间（2027 学年），过渡期 2027—2030 学年共 16 间·学年、32.00 万元（其中 2027—2028 学年 "
        "11 间·学年、22.00 万元（扩建教室建成前 1 间·学年、新建教室来不及投入使用 8 间·学年、超出学位或按年级编班缺教室 2 间·学年）；自 2029 学年起 5 间·学年、10.00 万元，整改措施自该学年起计）")
    # 表1's one-off money: the same 32.00 万元 over the same years, with its room-years
    assert one_off_text(p) == ("一次性建设投资 840.00 万元，另过渡期 2027—2030 学年临时周转 16 间·学年、32.00 万元"
                               "（不计入建设投资），一次性投入合计 872.00 万元")


def test_the_compliance_note_reconciles_with_the_layout():
    layout = borrowed_rooms(plan())
    assert layout == {"D": {2027: 4, 2028: 2}, "F": {2027: 3, 2029: 3, 2030: 1}, "W": {2028: 2},
                      "Z": {2030: 1}}
    # the 达标路径 (run start 2029) lacks rooms at 四 only: 3 in 2029 and 2 in 2030, the layout
    # borrows 3 and 1 of them: it pays 2030's 2nd room, 1 间·学年; 中's 2030 room is the
    # layout's alone (a school this plan does not list)
    split = pd.DataFrame([{"school_id": "F", "temporary": 3, "built": 0, "room_years": 1, "first": 2030,
                           "opens": 2029, "layout": {2029: 3, 2030: 1}, "borrowed": {2029: 3, 2030: 2},
                           "gaps": {2029: 3, 2030: 2, 2031: 0}, "pupils": {2029: 893, 2030: 845, 2031: 800},
                           "joint": 0}])
    said = layout_reconcile(split, layout, 2.0, temporary_kind_years(plan()))
    # this plan: 3 + 2 = 5 room-years at 四 = the layout's 3 + 1 = 4 there + its own 1; the
    # layout's 5 from 2029 = 四 4 + 中 1: 1 elsewhere; 11 + 5 = 16, the layout's total
    assert said == ("与布局调整方案的口径：布局调整方案过渡期临时周转 2027—2030 学年共 16 间·学年、32.00 万元，"
                    "其中 2027—2028 学年 11 间·学年、22.00 万元（扩建教室建成前 1 间·学年、新建教室来不及投入使用 8 间·学年、超出学位或按年级编班缺教室 2 间·学年）；自 2029 学年起 5 间·学年、"
                    "10.00 万元；本方案自 2029 学年起计，下列学校 2029—2030 学年共 5 间·学年，其中布局调整方案同年计费 "
                    "4 间·学年、本方案计费 1 间·学年，布局调整方案自 2029 学年起的其余 1 间·学年在其他学校。")
    lead, school = temporary_note(split, {"F": "四小学"}, 3, 2.0, 2030, layout, temporary_kind_years(plan()))
    assert said in lead and "最多一年 3 间（2029 学年），2029—2030 学年共 5 间·学年" in lead
    assert school.endswith("；其中 2029—2030 学年 4 间·学年布局调整方案同年已临时周转并计费，本方案计其余 1 间·学年）。")
    # without a layout nothing is reconciled
    assert "与布局调整方案的口径" not in temporary_note(split, {"F": "四小学"}, 3, 2.0, 2030)[0]


def test_one_window_whatever_the_order_of_the_schools():
    # the county's years summed over schools; a school's zero years are no years
    w = rent_window({"B": {2030: 1, 2031: 0}, "A": {2028: 2}}, 2029, 0.0)
    assert (w.early, w.later, window_total(w)) == ({2028: 2}, {2030: 1}, "2028、2030 学年共 3 间·学年")
