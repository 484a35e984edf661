"""The 达标路径's new buildings on ground both plans' sports builds took (review rv8 finding 4),
on the demo's 新区实验学校 figures and hand-made neighbours."""

from __future__ import annotations

import math

import pandas as pd

from junheng.planning.compliance_building_ground import building_ground, building_notes


def test_buildings_without_open_land_are_named_with_their_footprint():
    schools = pd.DataFrame({
        "school_id": ["X", "J", "K", "U"], "name": ["新区实验学校", "甲初中", "乙初中", "丙小学"],
        "share_primary": [0.4, 0.0, 0.0, 1.0],  # 新区 teaches 小学 and 初中
        "ground_whole": [2_398.0, 1_000.0, 1_000.0, math.nan],
        "ground_layout": [2_122.0, 900.0, 901.0, math.nan]})
    actions = pd.DataFrame({
        "school_id": ["X", "X", "X", "J", "J", "K", "K", "U"],
        "name": ["新区实验学校"] * 3 + ["甲初中"] * 2 + ["乙初中"] * 2 + ["丙小学"],
        "item": ["music_room", "art_room", "field", "classroom", "field", "classroom", "field", "classroom"],
        "quantity": [1.0, 1.0, 276.0, 2.0, 52.0, 2.0, 52.0, 5.0],
        "built": [1.0, 1.0, 276.0, 2.0, 52.0, 2.0, 52.0, 5.0]})
    rows = building_ground(schools, actions)
    # 新区: (96 + 90) ÷ 4 storeys (it teaches 小学) = 46.5 m² on 2,398 − 2,122 − 276 = 0;
    # 甲初中: 2 × 120 ÷ 5 = 48 m² on 1,000 − 900 − 52 = 48: fits; 乙初中: on 47: does not;
    # 丙小学: ground unknown, not said
    assert [(r["name"], r["footprint"], r["left"]) for r in rows] == [("新区实验学校", 46.5, 0.0),
                                                                       ("乙初中", 48.0, 47.0)]
    assert building_notes({"building_ground": rows}) == (
        "新建校舍的用地（以下学校本校用地放不下，须先核定用地，核定可建后方按上文学年投入使用）："
        "新区实验学校新建音乐专用教室 1 间、美术专用教室 1 间，建筑面积 186 平方米，按教学用房至多 4 层计"
        "占地至少 47 平方米；校内空地（两个方案建设前）2,398 平方米，两个方案的体育运动场馆占用后余 0 平方米，放不下："
        "现有教学楼层数无数据，能否加层须现场核定，不能加层的须原址改扩建，需论证；"
        "乙初中新建普通教室 2 间，建筑面积 240 平方米，按教学用房至多 5 层计"
        "占地至少 48 平方米；校内空地（两个方案建设前）1,000 平方米，两个方案的体育运动场馆占用后余 47 平方米，放不下："
        "现有教学楼层数无数据，能否加层须现场核定，不能加层的须原址改扩建，需论证。",)
    assert building_notes({}) == ()
