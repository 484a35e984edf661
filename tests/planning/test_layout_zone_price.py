"""Review rv10 finding 1: the plan moved 锦绣社区's 407 pupils from 第三小学 (527 left on 900
seats) to 第四小学, 0.4 km nearer, which then built a room and bought 659 m² of land; the plan
now names that 整体划片 choice, its price and the alternative for the 局务会
(planning.layout_zone_price). A hand-made county with the demo's figures."""

from __future__ import annotations

from dataclasses import replace

from junheng.planning.layout_outcome import (
    LayoutOutcome,
    PlannedSchool,
    VillageAssignment,
    YearRooms,
)
from junheng.planning.layout_zone_price import zone_choices, zone_price_note

M2 = {"primary": 6.5025, "junior": 7.1528, "ratio": 0.867}


def plan(third_pupils: int = 527) -> LayoutOutcome:
    """第四小学 R (855 seats before its 1 room of 45, 4,692 m² of sports area) takes 锦绣社区's
    186 + 221 = 407 pupils from 第三小学 B (900 seats, 4,368 m²), which keeps ``third_pupils``."""
    fourth = PlannedSchool(
        "R", "第四小学", "expand", phase=4, capacity={"primary": 900}, added_classrooms=1,
        added_classrooms_by_stage={"primary": 1}, capital_yuan=420_000.0, area_yuan=1_118_100.0,
        sports_land_area=659.0, sports_land_yuan=988_500.0, students_after={"primary": 845},
        sports_m2={"now": 4692.0, "have": 4692.0, **M2}, lon=112.733034, lat=34.632709)
    third = PlannedSchool("B", "第三小学", "keep", capacity={"primary": 900},
                          students_after={"primary": third_pupils},
                          sports_m2={"now": 4368.0, "have": 4368.0, **M2}, lon=112.734991, lat=34.62904)
    moved = [VillageAssignment("V1", g, "R", n, 1.6, 10.0, False, village_name="锦绣社区", before_school="B")
             for g, n in (("grades_1_3", 186), ("grades_4_6", 221))]
    return LayoutOutcome(
        "optimal", (fourth, third), {}, year=2025, target_year=2030,
        rules={"class_size_primary": 45, "school_size_cap": 2000},
        assignments=(*moved, VillageAssignment("V2", "grades_1_3", "R", 438, 0.5, 4.0, False,
                                               village_name="育才社区", before_school="R")),
        transition=(YearRooms(2029, "R", "primary", 893, 4, 1, 3, 1),),
        year_pupils=((2030, "R", "primary", 845), (2030, "B", "primary", third_pupils)))


def test_a_whole_community_moved_to_a_school_that_must_build_is_priced_for_the_board():
    # 第三小学 can take back 158 in 2030: spare seats 900 − 527 = 373, cap 2,000 − 527, sports
    # floor 85 % of 6.5025 ÷ 0.867 = 6.375 m² a pupil: (4,368 − 527 × 6.375) ÷ 6.375 = 158.2 →
    # 158. 第四小学 keeps 845 − 158 = 687 ≤ 855 seats, 687 × 6.5025 = 4,467 m² ≤ 4,692: no room
    # (42.00 万元) and no areas (111.81 万元, 98.85 of them land): 153.81 万元 spared
    (choice,) = zone_choices(plan())
    assert (choice["moved"], choice["kept"], choice["left"], choice["rooms"], choice["yuan"]) == (
        407, 158, 687, 1, 1_538_100.0)
    assert zone_price_note(plan()) == (
        "划片选择的代价（须由局务会决定：本方案按村居整体划片，下列学校因接收划片转入的学生而新建，"
        "若转入学生的原校保留其中一部分，可不建；是否保留整体划片，由局务会决定）：\n"
        "锦绣社区小学学生 407 人（2030 学年）现在第三小学就读，按村居整体划片划入第四小学（两校直线相距 0.4 公里）；"
        "第四小学因此新建普通教室 1 间、补足体育运动场馆等 111.81 万元（其中扩充用地 659 平方米、98.85 万元），共 153.81 万元；"
        "若其中 158 人仍在第三小学就读（该校小学 2030 学年可再收的学生：空余学位、校额上限以内、体育运动场馆不低于标准的 85% "
        "三者取小），第四小学 2030 学年小学 687 人，在扩建前学位 855 个以内，体育运动场馆按生均 6.5025 平方米需 4,467 平方米、"
        "现有 4,692 平方米，不需新建，可省 153.81 万元；代价是该片区的学生分在两校就读（不再整体划片）。")


def test_no_price_where_the_present_school_has_no_room_or_the_receiver_still_builds():
    # 第三小学 full (900 on 900 seats): it can take none back
    assert zone_choices(plan(900)) == [] and zone_price_note(plan(900)) == ""
    # 第三小学 with 800: (4,368 − 800 × 6.375) ÷ 6.375 < 0 by sports: none either
    assert zone_price_note(plan(800)) == ""
    # 第四小学 with 1,000 pupils: 1,000 − 158 = 842 ≤ 855, but 842 × 6.5025 = 5,475 m² > 4,692
    big = plan()
    big = replace(big, schools=(replace(big.schools[0], students_after={"primary": 1000}), big.schools[1]))
    assert zone_price_note(big) == ""
    # a school that builds nothing has no price to name
    free = replace(plan(), transition=(), schools=(replace(plan().schools[0], area_yuan=0.0), plan().schools[1]))
    assert zone_price_note(free) == ""
