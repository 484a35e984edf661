"""Review rv28 finding 3: an option to build where the plan says nothing fits says the land
comes first where it is offered (表2's 过渡期 row, the 过渡期 paragraph), and the 方案概要's
一次性投资 says how much of the 建设投资 waits on land."""

from __future__ import annotations

from dataclasses import replace

from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool, YearRooms
from junheng.report.layout_decisions import transition_row
from junheng.report.layout_money_text import unsecured_text
from junheng.report.layout_years import saving_sentence

# E's 1 junior room met by 临时周转 instead of built: 42.00 万元 (120 m² × 3,500 元) less its rent
# from the run start 2029 (2027 + 2 years' build): 2029 1 + 2030 1 = 2 room-years × 2.00 = 4.00
# 万元, 38.00 net; 2027—2030 4 room-years, 8.00 万元
SAVING = "少建 1 间约省 42.00 万元，扣除这 1 间 2029—2030 学年的周转费 4.00 万元（2 间·学年），净省约 38.00 万元"
RENT = "借用或租用教室：过渡期 2027—2030 学年共 4 间·学年、8.00 万元（每间每学年 2.00 万元，假设值）"


def plan(ground: float, other: float | None = None) -> LayoutOutcome:
    """E (甲中学) borrows 1 junior room a year 2027–2030, the sports builds leaving ``ground`` m²
    of its open land; with ``other``, F (乙中学) borrows 2 in 2030 on ``other`` m²."""
    schools = [PlannedSchool("E", "甲中学", "expand", phase=4, temporary_classrooms=1, capital_yuan=420_000.0,
                             temporary_yuan=420_000.0, spare_ground_m2=3_000, room_ground_m2=ground)]
    rows = [YearRooms(y, "E", "junior", 500, 1, 0, 1) for y in (2027, 2028, 2029, 2030)]
    if other is not None:
        schools.append(PlannedSchool("F", "乙中学", "keep", spare_ground_m2=other, room_ground_m2=other))
        rows.append(YearRooms(2030, "F", "junior", 600, 2, 0, 2))
    return LayoutOutcome("optimal", tuple(schools), {"after": {"capital_cost_yuan": 420_000.0}}, year=2025,
                         target_year=2030, rules={"plan_date": "2026-12-05"},
                         costs={"temporary_room_yuan": 20_000.0, "teaching_yuan_per_m2": 3_500.0},
                         transition=tuple(rows))


def test_a_school_with_ground_keeps_the_plain_option():
    # 1 room × 120 m² ÷ 5 storeys = 24 m² on the 30 m² left: it fits
    p = plan(30.0)
    assert transition_row(p)[1] == f"{RENT}；或新建规划年仍借用的 1 间（不新建：{SAVING}）"
    assert saving_sentence(p) == f"以临时周转代替新建，{SAVING}。"


def test_a_school_without_ground_says_the_land_comes_first():
    # 24 m² on the 20 m² left (表9's 「余 20 平方米」): it does not fit
    p = plan(20.0)
    land = "须先核定用地：甲中学校内空地余 20 平方米，放不下"
    assert transition_row(p)[1] == f"{RENT}；或新建规划年仍借用的 1 间（{land}；不新建：{SAVING}）"
    assert saving_sentence(p) == f"以临时周转代替新建，{SAVING}（若新建，{land}）。"


def test_only_the_schools_without_ground_are_named():
    # E's 1 room fits on 1,000 m²; F's 2 rooms (2 × 120 ÷ 5 = 48 m²) do not on 4 m²: 其中 2 间
    p = plan(1_000.0, 4.0)
    assert "（其中 2 间须先核定用地：乙中学校内空地余 4 平方米，放不下；不新建：" in transition_row(p)[1]
    assert "甲中学校内空地" not in transition_row(p)[1]
    # without F's data on its ground nothing is said of it
    unknown = replace(p, schools=tuple(replace(s, spare_ground_m2=None, room_ground_m2=None)
                                       if s.school_id == "F" else s for s in p.schools))
    assert "须先核定用地" not in transition_row(unknown)[1]


def test_the_capital_says_how_much_waits_on_land():
    # a new school 3,000.00 万元 on its candidate site; X's 3 junior rooms (3 × 120 ÷ 5 = 72 m²) on
    # 0 m² left: 3 × 42.00 = 126.00 万元; land beside receivers 150.00 万元 (待确认):
    # 3,000.00 + 126.00 + 150.00 = 3,276.00
    p = LayoutOutcome("optimal", (PlannedSchool("N", "新初中", "new", capital_yuan=30_000_000.0),
                                  PlannedSchool("X", "乙学校", "expand", added_classrooms=3,
                                                added_classrooms_by_stage={"junior": 3},
                                                spare_ground_m2=500, room_ground_m2=0)),
                      {"after": {"sports_land_m2": 1000, "sports_land_yuan": 1_500_000.0}},
                      costs={"teaching_yuan_per_m2": 3_500.0})
    assert unsecured_text(p) == ("建设投资中 3,276.00 万元用地未落实（新建学校在候选校址 3,000.00 万元、"
                                 "新建教室校内放不下 126.00 万元、相邻用地待确认 150.00 万元）")
    # X on 72 m² of ground: its rooms fit; no new school, no land: nothing waits
    fits = replace(p, schools=(replace(p.schools[1], room_ground_m2=72),), metrics={"after": {}})
    assert unsecured_text(fits) == ""
    # the land alone is said by the one-off sentence already (「含扩充体育运动场地用地…待决策」)
    assert unsecured_text(replace(fits, metrics=p.metrics)) == ""
