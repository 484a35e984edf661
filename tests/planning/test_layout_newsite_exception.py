"""The 新建学校规模 note names the new school's exception to the 临时周转 years rule with the
figures that weigh it (review rv8 finding 8), on the demo's figures: 文化路社区片区初级中学,
18 初中 rooms for 2030's 821 pupils, needing 18 rooms 2029–2031 and 15 in 2032–2033."""

from __future__ import annotations

from dataclasses import replace

from junheng.planning.layout_newsite import exception_text, sizing_notes, with_exception
from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool, YearRooms

NAME = "文化路社区片区初级中学"
#: 方案乙 stored before its costs: its 临时周转 rooms by school year only
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


def test_the_exception_says_the_idle_rooms_and_the_cost():
    # 3 rooms (18 − 15) are needed only 2029–2031: 3 years, within the 3-year rule;
    # 39,887,139 元 = 3,988.71 万元. 方案乙's rent alone is no longer set beside it (brief hnew 3);
    # the rooms year by year are the 新建学校规模 note's, not said again (rv10 15)
    assert exception_text(demo_plan(), demo_plan().schools[0], "junior") == (
        f"{NAME}初中教室 18 间，多于 2033 学年所需的 3 间只在 2029—2031 学年需用（3 年，未超过临时周转年限 3 年，"
        "现有学校扩建的，规划年所需教室一并新建，规划年不需用的以临时周转解决）；该校建设投资 3,988.71 万元")
    plan = replace(demo_plan(), notes=sizing_notes(demo_plan()))
    note = with_exception(plan, ALTERNATIVE).notes[0]
    assert note.count("2032 学年 15 间") == 1 and note.count("2033 学年 3 间闲置") == 1


def test_the_note_carries_the_exception_only_where_an_expansion_would_rent():
    plan = demo_plan()
    plan = replace(plan, notes=sizing_notes(plan))
    note = with_exception(plan, ALTERNATIVE).notes[0]
    assert note.startswith("新建学校规模：") and note.count("新建学校不适用临时周转年限规则：") == 1
    # 方案乙 stored without its costs: the school's own figures only
    assert note.endswith("该校建设投资 3,988.71 万元，是否新建由局务会论证决定。")
    # a 2-year rule: the 3-year peak would be built at an existing school too, no exception
    two = replace(plan, rules={**plan.rules, "temporary_peak_years": 2})
    assert with_exception(two, ALTERNATIVE).notes == plan.notes


#: 方案乙 as the demo stores it (option_facts): 1,696.63 万元 once, 5,403.17 万元 a year, 18 rooms
#: built, a sports gap of 6,602 m² (its weight 6,602 × 500 元 a year), 172.1 万 pupil-minutes a
#: year more than 方案甲; its 过渡期 rent 49 room-years (98.00 万元) more than 方案甲's (189 − 140;
#: :func:`demo_plan` rents none)
PLAN_B = {"once_yuan": 16_966_300.0, "operating_yuan": 54_031_700.0, "temporary": [16, 49, 98.0, [2027, 2031]],
          "new_schools": [], "built_rooms": 18, "sports_weight_yuan": 3_301_000.0,
          "sports_short": [["洛北县新区实验学校", 3510, False, False], ["洛北县第三初级中学", 1801, False, False],
                           ["洛北县第四中学", 1291, False, False]],
          "travel": [7.40, 1_721_000.0, 31, 8378]}


def test_the_new_school_is_set_against_what_plan_b_spends_for_the_same_pupils():
    plan = demo_plan()
    plan = replace(plan, notes=sizing_notes(plan),
                   metrics={"after": {"capital_cost_yuan": 49_465_200.0, "operating_yuan": 54_054_400.0,
                                      "built_classrooms": 25}},
                   weights={"hall_beyond_cap_yuan_per_m2": 10_000, "capital_years": 20},
                   costs={**plan.costs, "land_yuan_per_m2": 600.0, "field_yuan_per_m2": 900.0})
    # 方案甲 builds 4,946.52 − 3,988.71 = 957.81 万元 and 25 − 18 = 7 rooms beside the new school;
    # 方案乙 1,696.63 − 957.81 = 738.82 万元 more there (18 rooms); rent 98.00; its sports gap
    # 6,602 m² × (600 + 900) 元 = 990.30 万元; 738.82 + 98.00 + 990.30 = 1,827.12;
    # 3,988.71 − 1,827.12 = 2,161.59 万元; a year 5,405.44 − 5,403.17 = 2.27 万元
    assert with_exception(plan, PLAN_B).notes[0].endswith(
        "该校建设投资 3,988.71 万元；与方案乙（不新建学校）同口径比较（同样的学生）：方案乙其他学校建设投资多 738.82 万元"
        "（新建普通教室 18 间，方案甲新建学校以外 7 间；含接收学校补足生均面积），过渡期临时周转多 49 间·学年、98.00 万元，"
        "布局分流新增的体育运动场馆面积缺口多 6,602 平方米（按本方案单价补足一次约 990.30 万元，不补足则留作缺口）；"
        "新建学校建设投资 3,988.71 万元，比方案乙这几项合计 1,827.12 万元多 2,161.59 万元（一次性）；"
        "另每年运行支出方案甲多 2.27 万元；未计价：通行时间（方案乙学生单程通行时间合计每年多 172.1 万人·分钟，"
        "按权重计入综合评价值，不是支出），是否新建由局务会论证决定。")
    # without unit prices for the ground the gap is said unpriced and left out of the sum
    bare = replace(plan, costs={**plan.costs, "land_yuan_per_m2": 0.0, "field_yuan_per_m2": 0.0})
    note = with_exception(bare, PLAN_B).notes[0]
    assert "缺口多 6,602 平方米（未计价）；新建学校建设投资 3,988.71 万元，比方案乙这几项合计 836.82 万元多 3,151.89 万元" in note
    assert "；另每年运行支出方案甲多 2.27 万元；未计价：体育运动场馆面积缺口、通行时间（" in note
