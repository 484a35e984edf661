"""The 新建学校规模 note names the new school's exception to the 临时周转 years rule with the
figures that weigh it (review rv8 finding 8), on the demo's figures: 文化路社区片区初级中学,
18 初中 rooms for 2030's 821 pupils, needing 18 rooms 2029–2031 and 15 in 2032–2033."""

from __future__ import annotations

from dataclasses import replace

from junheng.planning.layout_newsite import exception_text, sizing_notes, with_exception
from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool, YearRooms

NAME = "文化路社区片区初级中学"
#: 方案乙's 临时周转 rooms by school year (the demo's 189 间·学年 over 2027–2031, split by hand)
ALTERNATIVE = {"temporary_years": [[2027, 40], [2028, 45], [2029, 38], [2030, 36], [2031, 30]]}


def demo_plan(peak_years: int = 3) -> LayoutOutcome:
    """Opened 2029 (data year 2025 + phase 4), target 2030, its rooms' need 18, 18, 18, 15, 15."""
    need = [(2029, 839, 18), (2030, 821, 18), (2031, 770, 18), (2032, 686, 15), (2033, 611, 15)]
    school = PlannedSchool("NEW-410331001-2", NAME, "new", phase=4, added_classrooms=18,
                           added_classrooms_by_stage={"junior": 18}, students_after={"junior": 821},
                           capital_yuan=39_887_139.0)
    return LayoutOutcome(
        "optimal", (school,), {}, year=2025, target_year=2030, costs={"temporary_room_yuan": 20_000.0},
        rules={"new_school_fill_margin": 0.05, "temporary_peak_years": peak_years},
        transition=tuple(YearRooms(y, school.school_id, "junior", n, k, 18, 0) for y, n, k in need))


def test_the_exception_says_the_years_after_the_target_the_idle_rooms_and_plan_b_rent():
    # 3 rooms (18 − 15) are needed only 2029–2031: 3 years, within the 3-year rule; 方案乙 rents
    # 38 + 36 + 30 + 0 + 0 = 104 room-years over 2029–2033 at 2.00 万元 = 208.00 万元;
    # 39,887,139 元 = 3,988.71 万元
    assert exception_text(demo_plan(), demo_plan().schools[0], "junior", ALTERNATIVE) == (
        f"{NAME}初中教室 18 间，多于 2033 学年所需的 3 间只在 2029—2031 学年需用（3 年，未超过临时周转年限 3 年，"
        "现有学校扩建遇此情况以临时周转解决、不建永久教室）；规划年 2030 学年后逐年需用 2031 学年 18 间，"
        "2032 学年 15 间，2033 学年 15 间，2033 学年 3 间闲置；该校建设投资 3,988.71 万元，方案乙（不新建学校）"
        "同期（2029—2033 学年）临时周转 2029 学年 38 间，2030 学年 36 间，2031 学年 30 间，2032 学年 0 间，"
        "2033 学年 0 间，共 104 间·学年、208.00 万元")


def test_the_note_carries_the_exception_only_where_an_expansion_would_rent():
    plan = demo_plan()
    plan = replace(plan, notes=sizing_notes(plan))
    note = with_exception(plan, ALTERNATIVE).notes[0]
    assert note.startswith("新建学校规模：") and note.count("新建学校不适用临时周转年限规则：") == 1
    assert note.endswith("共 104 间·学年、208.00 万元，是否新建由局务会论证决定。")
    # a 2-year rule: the 3-year peak would be built at an existing school too, no exception
    two = replace(plan, rules={**plan.rules, "temporary_peak_years": 2})
    assert with_exception(two, ALTERNATIVE).notes == plan.notes
    # without 方案乙 the school's own figures are still said
    assert exception_text(plan, plan.schools[0], "junior", None).endswith("该校建设投资 3,988.71 万元")
