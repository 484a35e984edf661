"""The 局务会 option 「城镇学校外村寄宿生回流乡镇初中」 and the old campus line (review rv10
finding 8), on a hand-built plan whose figures are worked out below."""

from __future__ import annotations

from types import SimpleNamespace as NS

import pandas as pd

from junheng.planning.layout_boarders import (
    boarder_options,
    boarder_paragraph,
    campus_lines,
    fewer_classes,
    sports_gap,
)
from junheng.planning.layout_outcome import VillageAssignment as VA


def school(sid, name, code, *, action="keep", pupils=0, seats=0, per=8.0, now=0.0, ground=0):
    return NS(school_id=sid, name=name, action=action, urban_rural_code=code,
              students_after={"junior": pupils}, capacity={"junior": seats},
              sports_m2={"junior": per, "now": now}, added_sports_area=0.0, spare_ground_m2=ground)


def plan(**over) -> NS:
    """城中 (主城区) 480 junior pupils, 1,800 m² of sports area, no ground; its boarders: 200 × 0.9
    = 180 and 101 × 0.5 = 50.5 → 50 (round half to even), 230 in all; a 一至三年级 part and a
    part not pinned do not count. 城西 (城乡结合区) has ground and is left out. Townships: 乙
    seats 300 for 180 (120 spare), 丙 250 for 260 (none spare), 丁 closes, the new school
    is in the 城区."""
    schools = [school("S", "城中", "111", pupils=480, seats=500, now=1800.0),
               school("W", "城西", "112", pupils=300, seats=300, now=100.0, ground=900),
               school("A", "乙初中", "210", pupils=180, seats=300),
               school("B", "丙初中", "121", pupils=260, seats=250),
               school("C", "丁初中", "220", action="close", seats=400),
               school("N", "新初中", None, action="new", pupils=100, seats=900)]
    assignments = [VA("V1", "grades_7_9", "S", 200, 1.0, 6.0, False, 0.9, pinned=True),
                   VA("V2", "grades_7_9", "S", 101, 2.0, 9.0, False, 0.5, pinned=True),
                   VA("V3", "grades_1_3", "S", 50, 1.0, 6.0, False, 0.5, pinned=True),
                   VA("V4", "grades_7_9", "S", 80, 1.0, 6.0, False, 0.5),
                   VA("V5", "grades_7_9", "W", 90, 1.0, 6.0, False, 0.9, pinned=True)]
    transition = [NS(school_id="S", year=2030, temporary=2), NS(school_id="S", year=2029, temporary=5)]
    return NS(schools=schools, assignments=assignments, transition=transition, target_year=2030,
              costs={"land_yuan_per_m2": 600.0, "field_yuan_per_m2": 900.0}, **over)


def test_the_option_counts_the_boarders_seats_gap_and_money():
    [o] = boarder_options(plan())
    # gap: 480 × 8 − 1,800 = 2,040 m² × 1,500 元 = 306 万元; 1,800 / 8 = 225 pupils fit, so
    # 480 − 225 = 255 must leave, more than the 230 boarders: all 230
    assert (o["name"], o["pupils"], o["boarders"]) == ("城中", 480, 230)
    assert (o["gap"], o["gap_yuan"], o["fits"], o["close"], o["after"]) == (2040, 3_060_000.0, 225, 230, 250)
    assert o["gap_after"] == 200  # 250 × 8 − 1,800: all 230 back and still short
    # classes: ⌈480/50⌉ = 10, ⌈250/50⌉ = 5; the 2030 temporary rooms: 2
    assert (o["fewer_classes"], o["temporary"]) == (5, 2)
    assert o["receivers"] == [("乙初中", 120)] and o["spare"] == 120


def test_a_school_that_can_build_on_its_own_ground_or_has_no_boarders_is_left_out():
    p = plan()
    p.assignments = [a for a in p.assignments if a.school_id != "S"]
    assert boarder_options(p) == []


def test_sports_gap_and_classes():
    assert sports_gap(225, 8.0, 1800.0) == 0 and sports_gap(226, 8.0, 1800.0) == 8
    assert fewer_classes(480, 230) == 5 and fewer_classes(100, 0) == 0


def test_paragraph_words():
    [o] = boarder_options(plan())
    text = boarder_paragraph(o, 2030)
    assert text.startswith("须由局务会决定（城镇学校外村寄宿生回流乡镇初中）：城中 2030 学年初中 480 人，其中外村到该校寄宿的学生"
                           "按寄宿比例推算（待核实）230 人，本方案按现状留在原校寄宿")
    assert "县城以外保留学校 2030 学年共空余初中学位 120 个（乙初中 120 个）。" in text
    assert ("可容纳 225 人，480 人缺 2,040 平方米，校内无空地，须置换或征用相邻用地，约 306.00 万元（每平方米 1,500 元），"
            "未计入本方案总投资；外村寄宿生全部回流（230 人）仍缺 200 平方米，可少征用 1,840 平方米、约 276.00 万元，") in text
    assert "全校少编 5 个班（按全校学生除以标准班额 50 人计），2030 学年借用的 2 间临时周转教室不再需要；" in text
    # rv13 6: the boarders are the ratio applied, never a count, wherever the number is said
    assert "；按寄宿比例推算（待核实）的 230 人全部回流则该校余 250 人。" in text


def test_paragraph_when_fewer_boarders_close_the_gap():
    p = plan()
    p.schools[0].sports_m2["now"] = 2000.0  # 250 fit: 480 − 250 = 230 of the 230 return
    [o] = boarder_options(p)
    assert (o["gap"], o["fits"], o["close"], o["gap_after"]) == (1840, 250, 230, 0)
    assert "外村寄宿生回流 230 人即不再缺，省去这笔用地和投资，全校少编 5 个班" in boarder_paragraph(o, 2030)


def test_paragraph_without_a_gap_says_only_seats():
    o = {**boarder_options(plan())[0], "gap": 0}
    text = boarder_paragraph(o, None)
    assert "缺" not in text.split("。")[2] and "规划年共空余初中学位 120 个" in text


def test_campus_lines_only_for_completed_relocations():
    p = pd.DataFrame({"name": ["一高迁建工程", "二小迁建工程", "三中扩建工程"],
                      "project_type": ["relocation", "relocation", "expansion"],
                      "status": ["completed", "planned", "completed"],
                      "completion_date": pd.to_datetime(["2025-08-10", "2027-08-20", "2024-08-01"])})
    [line] = campus_lines(p)
    assert line.startswith("一高迁建工程 2025 年 8 月竣工：工作簿没有原校区的数据")
    assert "“高中外迁腾退校园全部用于义务教育办学”" in line
    assert campus_lines(None) == [] and campus_lines(p.iloc[:0]) == []
