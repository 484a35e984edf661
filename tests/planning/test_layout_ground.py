"""Where the 过渡期's 临时周转 rooms stand (planning.layout_ground; review rd 2: 洛北县第一初级中学
was given 10–13 装配式 rooms without a word on which ground): each school's spare ground from
its 校舍设施 figures against the rooms' footprint, worked by hand."""

from __future__ import annotations

from dataclasses import replace

import pytest

from junheng.errors import ConfigError
from junheng.model import CountyData
from junheng.planning import load_layout_config
from junheng.planning.layout_ground import (
    ground_paragraph,
    spare_ground,
    temporary_peaks,
    with_ground,
)
from junheng.planning.layout_json import layout_from_json, layout_json
from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool, YearRooms
from junheng.report.layout_years import transition_text


def _county() -> CountyData:
    """A: the 第一初级中学's figures; B: buildings and sports over a small site; C: no 体育运动
    场馆面积; D: not in the 校舍设施 sheet."""
    schools = [{"school_id": s, "name": n, "school_type": "junior_school"}
               for s, n in (("A", "甲中学"), ("B", "乙中学"), ("C", "丙中学"), ("D", "丁中学"))]
    facilities = [
        {"school_id": "A", "site_area": 37_890, "building_area": 18_385, "sports_area": 9_304},
        {"school_id": "B", "site_area": 12_000, "building_area": 7_000, "sports_area": 4_750},
        {"school_id": "C", "site_area": 20_000, "building_area": 8_000}]
    return CountyData.from_records({"county_code": "410306", "school_year": 2025},
                                   schools=schools, facilities=facilities)


def _plan() -> LayoutOutcome:
    """New school N (phase 4: opens 2029) keeps its pupils at A: 10 rooms short in 2027, 13 in
    2028. B meets 3 junior rooms in 2028 before its build and 2 primary rooms of overflow
    that year: 5 in 2028. C meets 1 room in 2027."""
    schools = (PlannedSchool("N", "新建初中", "new", phase=4),
               *(PlannedSchool(s, n, "keep") for s, n in
                 (("A", "甲中学"), ("B", "乙中学"), ("C", "丙中学"), ("D", "丁中学"))))
    return LayoutOutcome(
        "optimal", schools, {}, year=2025, target_year=2030,
        transition=(YearRooms(2027, "N", "junior", 1108, 23, 0, 23, 0, 475, 10, (("A", 475, 10),)),
                    YearRooms(2028, "N", "junior", 1139, 23, 0, 23, 0, 605, 13, (("A", 605, 13),)),
                    YearRooms(2028, "B", "junior", 520, 3, 0, 3),
                    YearRooms(2027, "C", "junior", 480, 1, 0, 1)),
        overflow=((2028, "B", "primary", 2),))


def test_spare_ground_is_the_site_less_buildings_and_sports_where_all_three_are_given():
    # A: 37,890 − 18,385 − 9,304 = 10,201 m²; B: 12,000 − 7,000 − 4,750 = 250 m²; C lacks
    # its sports area and D its row: unknown, left out
    assert spare_ground(_county()) == {"A": 10_201.0, "B": 250.0}
    crowded = _county().with_tables(facilities=_county().facilities.assign(site_area=10_000))
    # buildings and sports over the site: no spare ground, not a negative one
    assert spare_ground(crowded)["A"] == 0.0


def test_the_peak_year_of_each_school_adds_its_kinds_and_stages():
    # A: 10 (2027), 13 (2028) → 13; B 2028: 3 junior before its build + 2 primary overflow = 5;
    # C: 1. N's own rows before it opens are its pupils waiting at A, not rooms at N.
    assert temporary_peaks(_plan()) == {"A": 13, "B": 5, "C": 1}


def test_the_paragraph_says_on_which_ground_and_what_when_the_ground_is_short():
    """100 m² a room (the default): A's 13 rooms need 1,300 ≤ 10,201: on its ground. B's 5 need
    500 > 250: ⌊250 / 100⌋ = 2 on its ground, 3 borrowed or rented. C: figures missing."""
    plan = with_ground(_plan(), _county())
    assert {s.school_id: s.spare_ground_m2 for s in plan.schools} == {
        "N": None, "A": 10_201, "B": 250, "C": None, "D": None}
    text = ground_paragraph(plan)
    assert text.startswith("临时周转用地（以装配式临时教室周转时：校内空地 = 占地面积 − 校舍建筑面积 − 体育运动场馆面积，")
    assert "每间装配式教室占地按 100 平方米计，为假设值" in text
    assert text.split("）：", 1)[1] == (
        "甲中学最多 13 间，按每间 100 平方米需 1,300 平方米，校内空地至少 10,201 平方米，可在校内空地搭建"
        "（具体位置须现场核定，不占用运动场、消防通道）；"
        "乙中学最多 5 间，按每间 100 平方米需 500 平方米，校内空地至少 250 平方米，按数据只能确认可搭建 2 间，"
        "其余 3 间须就近借用邻近学校校舍或租用校外用房，或该学年把部分片区划入有空余学位的学校"
        "（需论证；多层校舍实际占地小于建筑面积，可现场核定能否在校内搭建更多）；"
        "丙中学最多 1 间：无占地面积、校舍建筑面积或体育运动场馆面积数据，能否在校内搭建须现场核定，"
        "不能搭建的就近借用邻近学校校舍或租用校外用房。")
    # schools without the figures are named together, the words once
    bare = ground_paragraph(_plan()).split("）：", 1)[1]
    assert bare == ("甲中学最多 13 间、乙中学最多 5 间、丙中学最多 1 间：无占地面积、校舍建筑面积或体育运动场馆面积"
                    "数据，能否在校内搭建须现场核定，不能搭建的就近借用邻近学校校舍或租用校外用房。")
    # the 过渡期 paragraph the reports print carries it
    assert text in transition_text(plan)
    assert ground_paragraph(LayoutOutcome("optimal", plan.schools, {})) == ""


def test_the_room_ground_is_a_scenario_cost_and_a_larger_room_does_not_fit():
    """At 800 m² a room A's 13 need 10,400 > 10,201: ⌊10,201 / 800⌋ = 12 on its ground, 1 not."""
    cfg = load_layout_config(None, costs={"temporary_room_ground_m2": 800})
    assert load_layout_config(None).costs.temporary_room_ground_m2 == 100
    plan = replace(with_ground(_plan(), _county()), costs=cfg.costs.model_dump())
    assert ("甲中学最多 13 间，按每间 800 平方米需 10,400 平方米，校内空地至少 10,201 平方米，按数据只能确认可搭建 "
            "12 间，其余 1 间须就近借用") in ground_paragraph(plan)
    with pytest.raises(ConfigError, match="^方案配置有误：“costs.temporary_room_ground_m2”（过渡期每间装配式临时教室的占地面积）值 0 无效：应大于 0。$"):
        load_layout_config(None, costs={"temporary_room_ground_m2": 0})


def test_the_spare_ground_is_kept_in_plan_json_and_older_plans_read_without_it():
    plan = with_ground(_plan(), _county())
    doc = layout_json(plan)
    assert layout_from_json(doc) == plan
    for s in doc["schools"]:
        del s["spare_ground_m2"]
    assert all(s.spare_ground_m2 is None for s in layout_from_json(doc).schools)


def _sites(now_a: float, now_b: float):
    """The layout's area terms of A and B (junior schools, share 1: the compulsory part is the
    whole school): A's 10,201 m² and B's 250 m² of spare ground, ``now_*`` m² of sports area
    today, held to 85 % × 1.02 of the standard (0.867)."""
    import pandas as pd

    return pd.DataFrame({"area_ground_whole": [10_201.0, 250.0], "area_ground": [10_201.0, 250.0],
                         "area_sports_now": [now_a, now_b], "area_sports_primary": [6.5025] * 2,
                         "area_sports_junior": [8.8434] * 2},
                        index=["A", "B"])


def test_the_rooms_stand_only_on_the_ground_the_sports_builds_leave():
    """Brief hb 2 (第三初级中学: 3 rooms beside a 3,839 m² field on 3,893 m²). A plans 1,000
    juniors: 1,000 × 10.2 × 0.867 = 8,843.4 m² of sports area, 1,000 m² today: 7,843.4 → 7,844 m²
    (whole m², rounded up as the 达标路径 builds them: rv2 3, rv3 8) of both plans' fields on its
    10,201, 2,357 m² left, all 13 rooms (1,300 m²) on it. B plans 100: 884.34 − 700 = 184.34 →
    185 m² of its 250, 65 m² left, no room of 100 m²."""
    data = _county()
    base = _plan()
    pupils = {"A": {"junior": 1_000}, "B": {"junior": 100}}
    plan = with_ground(replace(base, schools=tuple(
        replace(s, students_after=pupils[s.school_id]) if s.school_id in pupils else s
        for s in base.schools)), data, _sites(1_000.0, 700.0))
    got = {s.school_id: (s.spare_ground_m2, s.room_ground_m2, s.ground_rooms) for s in plan.schools
           if s.school_id in "AB"}
    assert got == {"A": (10_201, 2_357, 13), "B": (250, 65, 0)}
    text = ground_paragraph(plan).split("）：", 1)[1]
    assert text.startswith(
        "甲中学最多 13 间，按每间 100 平方米需 1,300 平方米，校内空地至少 10,201 平方米，补足规划年体育运动场馆面积"
        "（布局调整与达标路径）占用 7,844 平方米后余 2,357 平方米，可在校内空地搭建")
    assert ("乙中学最多 5 间，按每间 100 平方米需 500 平方米，校内空地至少 250 平方米，补足规划年体育运动场馆面积"
            "（布局调整与达标路径）占用 185 平方米后余 65 平方米，按数据不能确认有搭建的空地，") in text
    # A with 1,200 juniors: 1,200 × 8.8434 = 10,612.08 − 1,000 = 9,612.08 m² of fields,
    # → 9,613 whole m² (rounded up), 10,201 − 9,613 = 588 m² left, 5 of its 13 rooms
    more = with_ground(replace(plan, schools=tuple(
        replace(s, students_after={"junior": 1_200}) if s.school_id == "A" else s
        for s in plan.schools)), data, _sites(1_000.0, 700.0))
    assert [(s.room_ground_m2, s.ground_rooms) for s in more.schools if s.school_id == "A"] == [
        (588, 5)]
    # a closed school builds neither: all its ground is the rooms'
    closed = with_ground(replace(plan, schools=tuple(
        replace(s, action="close") if s.school_id == "B" else s for s in plan.schools)),
        data, _sites(1_000.0, 700.0))
    assert [(s.room_ground_m2, s.ground_rooms) for s in closed.schools if s.school_id == "B"] == [
        (250, 2)]
    doc = layout_json(plan)
    assert layout_from_json(doc) == plan
