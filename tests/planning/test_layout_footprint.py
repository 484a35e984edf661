"""New permanent classrooms planned where the sports builds take all the open land are named
with their footprint and 「现有教学楼层数无数据，能否加层须现场核定」 (review rv8 finding 4), on
the demo's figures."""

from __future__ import annotations

from junheng.planning.layout_footprint import footprint_notes
from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool


def school(name, rooms, spare, left, action="expand", temporary=0):
    return PlannedSchool(name, name, action, added_classrooms=sum(rooms.values()), temporary_classrooms=temporary,
                         added_classrooms_by_stage=rooms, spare_ground_m2=spare, room_ground_m2=left)


def test_rooms_on_paved_ground_are_said_with_their_footprint():
    plan = LayoutOutcome("optimal", (
        # the demo's rooms as the plan holds them: added rooms, one of each met by 临时周转
        school("洛北县新区实验学校", {"primary": 0, "junior": 5}, 2_398, 0, temporary=1),
        school("洛北县第三初级中学", {"junior": 3}, 3_893, 0, temporary=1),
        school("洛北县第四小学", {"primary": 2}, 144, 0, temporary=1),
        school("洛北县东城小学", {"primary": 1}, 1_475, 0, temporary=1),  # builds none
        school("甲小学", {"primary": 3}, 1_000, 90),       # 3 × 120 ÷ 4 = 90 m² fits in 90
        school("乙小学", {"primary": 3}, None, None),      # ground unknown: not said
        school("新建初中", {"junior": 18}, 0, 0, "new"),   # a new school's site is its own
    ), {}, costs={"classroom_area_m2": 120.0})
    # built 5 − 1 = 4 rooms × 120 = 480 m² ÷ 5 storeys = 96; 3 − 1 = 2 rooms: 240 ÷ 5 = 48; 2 − 1 = 1: 120 ÷ 4 = 30
    assert footprint_notes(plan) == (
        "新建教室的用地（按《中小学校设计规范》GB 50099-2011 第 4.3.2 条，小学主要教学用房不超过 4 层、中学不超过 5 层，"
        "占地按建筑面积除以层数计，为下限）："
        "洛北县新区实验学校新建初中教室 4 间，建筑面积 480 平方米，按教学用房至多 5 层（初中）计占地至少 96 平方米；"
        "校内空地 2,398 平方米，补足规划年体育运动场馆面积（布局调整与达标路径）后余 0 平方米，放不下；"
        "洛北县第三初级中学新建初中教室 2 间，建筑面积 240 平方米，按教学用房至多 5 层（初中）计占地至少 48 平方米；"
        "校内空地 3,893 平方米，补足规划年体育运动场馆面积（布局调整与达标路径）后余 0 平方米，放不下；"
        "洛北县第四小学新建小学教室 1 间，建筑面积 120 平方米，按教学用房至多 4 层（小学）计占地至少 30 平方米；"
        "校内空地 144 平方米，补足规划年体育运动场馆面积（布局调整与达标路径）后余 0 平方米，放不下。"
        # rv10 15: the remedy once, after the three schools
        "以上 3 所学校现有教学楼层数无数据，能否加层须现场核定，不能加层的须原址改扩建，需论证。",)
    # one school: the remedy after it, as before
    one = LayoutOutcome("optimal", plan.schools[2:3], {}, costs={"classroom_area_m2": 120.0})
    assert footprint_notes(one)[0].endswith("后余 0 平方米，放不下：现有教学楼层数无数据，能否加层须现场核定，不能加层的须原址改扩建，需论证。")
    fits = LayoutOutcome("optimal", plan.schools[3:], {}, costs={"classroom_area_m2": 120.0})
    assert footprint_notes(fits) == ()
