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
    # 第三小学 can take back 144 in 2030 (review rv11 2: one rule for both schools, the plans'
    # 6.5025 m² a pupil, 85 % plus the 2 % margin): spare seats 900 − 527 = 373, cap 2,000 − 527,
    # sports (4,368 − 527 × 6.5025) ÷ 6.5025 = 941.2 ÷ 6.5025 = 144.7 → 144 (at the bare 85 %,
    # 6.375 m², it was 158). 第四小学 keeps 845 − 144 = 701 ≤ 855 seats, 701 × 6.5025 = 4,558 m²
    # ≤ 4,692: no room (42.00 万元) and no areas (111.81 万元, 98.85 of them land): 153.81 万元 spared
    (choice,) = zone_choices(plan())
    assert (choice["moved"], choice["kept"], choice["left"], choice["rooms"], choice["yuan"]) == (
        407, 144, 701, 1, 1_538_100.0)
    assert zone_price_note(plan()) == (
        "划片选择的代价（须由局务会决定：本方案按村居整体划片，下列学校因接收划片转入的学生而新建，"
        "若转入学生的原校保留其中一部分，可不建；是否保留整体划片，由局务会决定）：\n"
        "锦绣社区小学学生 407 人（2030 学年）现在第三小学就读，按村居整体划片划入第四小学（两校直线相距 0.4 公里）；"
        "第四小学因此新建普通教室 1 间、补足体育运动场馆等 111.81 万元（其中扩充用地 659 平方米、98.85 万元），共 153.81 万元；"
        "若其中 144 人仍在第三小学就读（该校小学 2030 学年可再收的学生：空余学位、校额上限以内、体育运动场馆按生均约 6.50 平方米"
        "（与第四小学同一口径）三者取小），第四小学 2030 学年小学 701 人，在扩建前学位 855 个以内，体育运动场馆按生均约 6.50 平方米"
        "需 4,558 平方米、"
        "现有 4,692 平方米，不需新建，可省 153.81 万元；代价是该片区的学生分在两校就读（不再整体划片）。")


def test_no_price_where_the_present_school_has_no_room_or_the_receiver_still_builds():
    # 第三小学 full (900 on 900 seats): it can take none back
    assert zone_choices(plan(900)) == [] and zone_price_note(plan(900)) == ""
    # 第三小学 with 800: (4,368 − 800 × 6.375) ÷ 6.375 < 0 by sports: none either
    assert zone_price_note(plan(800)) == ""
    # 第四小学 with 1,000 pupils: 1,000 − 144 = 856 > 855 seats (and 856 × 6.5025 = 5,566 m² > 4,692)
    big = plan()
    big = replace(big, schools=(replace(big.schools[0], students_after={"primary": 1000}), big.schools[1]))
    assert zone_price_note(big) == ""
    # a school that builds nothing has no price to name
    free = replace(plan(), transition=(), schools=(replace(plan().schools[0], area_yuan=0.0), plan().schools[1]))
    assert zone_price_note(free) == ""


def test_the_rooms_the_present_school_lends_that_year_are_rented_when_it_keeps_the_pupils():
    """rv11 2: 第三小学 hosts 新区实验学校's 2 初中 classes in 2030 on the room the price keeps for
    锦绣社区. 新区实验学校 X (2.7 km north of 第三小学, no ground) borrows 2 初中 rooms in 2030:
    第三小学 lends both at the 85 % floor, a 初中 pupil in a 小学 at 10.2 × 0.85 = 8.67 m²:
    (4,368 − 527 × 6.375) ÷ 8.67 = 1,008.4 ÷ 8.67 = 116.3 → 2 classes of 50 (627 on campus).
    Keeping 144 at the price's 6.5025 m² leaves 4,368 − 671 × 6.5025 = 4.8 m², less than a class
    at 8.8434 m² a pupil: both rooms rented, 2 × 2.00 万元 = 4.00 万元."""
    from junheng.planning.layout_lend import placements

    base = plan()
    x = PlannedSchool("X", "新区实验学校", "expand", kind="nine_year", phase=4,
                      capacity={"primary": 585, "junior": 700}, spare_ground_m2=0, room_ground_m2=0,
                      lon=112.734991, lat=34.62904 + 0.0243)
    county = replace(base, schools=(*base.schools, x), rules={**base.rules, "class_size_junior": 50},
                     transition=(*base.transition, YearRooms(2030, "X", "junior", 681, 2, 0, 2)),
                     year_pupils=(*base.year_pupils, (2030, "X", "junior", 681)))
    assert [(p.school_id, p.year, p.lenders[0][0], p.lenders[0][2], p.campus) for p in placements(county)] == [
        ("X", 2030, "B", 2, (("B", 627, 2000),))]
    (choice,) = zone_choices(county)
    assert (choice["kept"], choice["unlent"]) == (144, [("X", 2)])
    assert ("不需新建，可省 153.81 万元；第三小学保留这些学生后，2030 学年借给新区实验学校的 2 间教室须改为租用（每间每学年 "
            "2.00 万元，共 4.00 万元，须从所省中扣除）；代价是该片区的学生分在两校就读（不再整体划片）。") in zone_price_note(county)
    # without the loan nothing is said
    assert plan() and zone_choices(plan())[0]["unlent"] == []
