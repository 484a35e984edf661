"""One rule for a receiver's sports top-up in both plans (planner review rv3 findings 3–4,
brief va 1): the layout model lays a field on the school's spare ground (capped by that ground)
or builds a hall (capped by the hall cap), whichever costs less, both on the ground the school's
own gap leaves (brief va2); and the combined 另需高中经费
holds the layout's 高中 part too."""

from __future__ import annotations

import numpy as np
import pandas as pd

from junheng.planning import load_layout_config
from junheng.planning.compliance_sports_path import _ground_text
from junheng.planning.layout_areas import area_terms, planned_areas
from junheng.planning.layout_config import Costs
from junheng.planning.layout_land import beyond_reason
from junheng.planning.plans_apart import senior_funds

CONFIG = load_layout_config(None, sports_land_max_m2=0)  # no land bought (25): test_layout_land


def _planned(ground):
    """planned_areas of one 城镇 junior school: 700 pupils expected, 1,400 planned, 10 rooms
    added, 5,000 m² teaching and 8,000 m² sports area today, ``ground`` m² spare."""
    terms = area_terms(pd.Series([True]), pd.DataFrame({"primary": [0.0], "junior": [700.0]}),
                       teaching_area=pd.Series([5000.0]), sports_area=pd.Series([8000.0]),
                       share=pd.Series([1.0]), rural=pd.Series([False]), costs=Costs(),
                       ground=pd.Series([ground]))
    row = planned_areas(terms, CONFIG, pd.Series([0.0]), pd.Series([1400.0]), pd.Series([10.0]))
    return row.iloc[0]


def test_the_top_up_is_a_field_where_the_spare_ground_holds_it_not_capped_at_a_hall():
    # teaching 1,920 m² × 3,500 = 6,720,000 元; sports at the one rule of both plans, 85 % ×
    # 1.02 of 10.2 = 8.8434 m² a junior pupil (brief hb 1): 1,400 × 8.8434 = 12,380.76 −
    # 8,000 = 4,380.76 m², stated 4,381. 10,000 m² spare holds all of it: a field at 900 元,
    # 4,381 × 900 = 3,942,900 → 10,662,900 元 (a hall: 3,000 m² at the cap, 1,380.76 m² beyond
    # it; 12,600,000 元 + 1,380.76 × 10,000 of weight)
    r = _planned(10_000.0)
    assert (r["added_sports_area"], r["sports_beyond_cap_area"]) == (4381.0, 0.0)
    assert (bool(r["sports_field"]), r["area_cost_yuan"]) == (True, 10_662_900.0)


def test_a_field_on_too_little_ground_is_capped_by_the_ground_not_the_hall():
    # 2,999 m² spare: a field of 2,999 m² (2,699,100 元) and 4,380.76 − 2,999 = 1,381.76 m²
    # beyond the ground (stated 1,382) costs less than a hall of 2,999 m² on that ground
    # (12,595,800 元): 6,720,000 + 2,699,100 = 9,419,100 元
    r = _planned(2_999.0)
    assert (r["added_sports_area"], r["sports_beyond_cap_area"], bool(r["sports_field"]),
            r["area_cost_yuan"]) == (2999.0, 1382.0, True, 9_419_100.0)


def test_a_hall_only_where_the_ground_is_unknown_or_holds_the_smallest_one():
    # no ground data (a 城镇 school: no field by the 城乡分类 rule): the hall of 3,000 m² and
    # 4,380.76 − 3,000 = 1,380.76 m² beyond its cap (stated 1,381), 6,720,000 + 12,600,000 元
    r = _planned(np.nan)
    assert (r["added_sports_area"], r["sports_beyond_cap_area"], bool(r["sports_field"]),
            r["area_cost_yuan"]) == (3000.0, 1381.0, False, 19_320_000.0)
    # 500 m² of ground: the smallest hall (800 m²) does not stand on it (brief va2, as the
    # 达标路径's halls.on_ground): a field of 500 m² (450,000 元) and 3,880.76 m² beyond the
    # ground (stated 3,881)
    r = _planned(500.0)
    assert (r["added_sports_area"], r["sports_beyond_cap_area"], bool(r["sports_field"]),
            r["area_cost_yuan"]) == (500.0, 3881.0, True, 7_170_000.0)


def _own_gap(ground):
    """As :func:`_planned`, with 6,000 m² of sports area today: the school's own gap without
    the plan is 700 × 8.8434 − 6,000 = 190.38 m², the 达标路径's, on the same ground."""
    terms = area_terms(pd.Series([True]), pd.DataFrame({"primary": [0.0], "junior": [700.0]}),
                       teaching_area=pd.Series([5000.0]), sports_area=pd.Series([6000.0]),
                       share=pd.Series([1.0]), rural=pd.Series([False]), costs=Costs(),
                       ground=pd.Series([ground]))
    row = planned_areas(terms, CONFIG, pd.Series([0.0]), pd.Series([1400.0]), pd.Series([10.0]))
    return terms.iloc[0], row.iloc[0]


def test_the_field_and_the_hall_stand_on_the_ground_the_schools_own_gap_leaves():
    # 3,000 m² of ground less the own gap's 190.38, rounded once to 190 (rv8 13): 2,810 m²
    # left. The pupils need 12,380.76 − 6,190.38 = 6,190.38 m²: a field of 2,810 m² (2,529,000
    # 元) and 3,380.38 m² beyond the ground (stated 3,380); the hall too would stop at 2,810 m²
    # (11,802,000 元): 6,720,000 + 2,529,000 = 9,249,000 元 (before, brief va2: a field of all
    # 3,000 m², leaving the 达标路径 no ground for its own gap)
    terms, r = _own_gap(3_000.0)
    assert (terms["area_ground_left"], terms["area_field_cap"], terms["area_hall_cap"],
            terms["area_hall_least"]) == (2810.0, 2810.0, 2810.0, 800.0)
    assert (r["added_sports_area"], r["sports_beyond_cap_area"], bool(r["sports_field"]),
            r["area_cost_yuan"]) == (2810.0, 3380.0, True, 9_249_000.0)
    # 900 m² of ground: 900 − 190 = 710 m² left, too little for the smallest hall (800 m²): a
    # field of 710 m² (639,000 元), 5,480.38 m² beyond (stated 5,480); 150 m²: none left, all
    # 6,190.38 m² beyond (stated 6,190) and only the teaching area is spent (the reason:
    # 留足本校缺口后校内已无空地)
    terms, r = _own_gap(900.0)
    assert (terms["area_field_cap"], terms["area_hall_cap"], terms["area_hall_least"]) == (
        710.0, 0.0, 0.0)
    assert (r["added_sports_area"], r["sports_beyond_cap_area"], r["area_cost_yuan"]) == (
        710.0, 5480.0, 7_359_000.0)
    terms, r = _own_gap(150.0)
    assert (terms["area_ground_left"], r["added_sports_area"], r["sports_beyond_cap_area"],
            bool(r["sports_field"]), r["area_cost_yuan"]) == (0.0, 0.0, 6190.0, True, 6_720_000.0)
    assert beyond_reason(False, True) == "留足本校缺口后校内已无空地建室外体育运动场地"


def test_the_plans_senior_money_holds_the_layouts_part_in_its_year():
    # the 达标路径's 高中 parts at 第四中学 (640.13 + 729.38 + 87.00 = 1,456.51, funded 2028) and
    # the layout's field: 2,630 m² whole, 530 compulsory, 2,100 × 900 元 = 189.00 万元 in 2027
    senior = pd.DataFrame({"school_id": ["D"] * 4, "name": "第四中学",
                           "item": ["teaching_area", "field", "multimedia_room", "field"],
                           "senior": [1829.0, 8104.0, 29.0, 2100.0],
                           "senior_cost": [640.13, 729.38, 87.0, 189.0],
                           "year": [np.nan, np.nan, np.nan, 2027]})
    actions = pd.DataFrame({"school_id": ["D"] * 3,
                            "item": ["teaching_area", "field", "multimedia_room"],
                            "funding": [{2028: 1.0}] * 3})
    funds = senior_funds(senior, actions)
    assert funds["total"] == 1645.51
    assert funds["by_year"] == {2027: 189.0, 2028: 1456.51}
    assert funds["items"][1] == ["室外体育运动场地", 10204.0, "平方米", 918.38]


def test_the_ground_sentence_names_only_what_the_plan_builds_there():
    assert _ground_text({"built_m2": 2155.0, "spare_m2": 10071, "hall_m2": 0}) == (
        "（需要场地 12,226 平方米，校内空地（两个方案建设前）10,071 平方米，已全部用于本方案的室外体育运动场地）")
    assert _ground_text({"built_m2": 2796.0, "spare_m2": 1200, "hall_m2": 800}) == (
        "（需要场地 3,996 平方米，校内空地（两个方案建设前）1,200 平方米，已全部用于本方案的室内体育馆、室外场地）")


def test_the_land_bought_for_the_juniors_is_theirs_and_the_rest_named_as_senior():
    # 第四中学: 747 juniors short 2,155 m²; at a 19.5 % share the whole is 11,052 m²; 8,897 m²
    # × 0.15 万元 = 1,334.55 万元 is 高中's to decide; this plan prices 2,155 × 0.15 = 323.25;
    # the ground it needs in all: 11,052 + 10,071 spare = 21,123 m²
    from junheng.planning.compliance_sports_path import _school_text

    x = {"name": "第四中学", "stage": "junior", "short_m2": 2155, "area_m2": 2155,
         "built_m2": 11052.0, "cost": 323.25, "spare_m2": 10071, "hall_m2": 0}
    assert _school_text(x, 0.15) == (
        "第四中学（初中）缺 2,155 平方米（需要场地 21,123 平方米，校内空地（两个方案建设前）10,071 平方米，已全部用于本方案的"
        "室外体育运动场地），与高中共用：本方案为义务教育阶段用地 2,155 平方米（此项计价的面积）；按评估办法"
        "按学生拆分，全校须用地 11,052 平方米方能计足，其余 8,897 平方米为高中部分，由高中经费决定是否购置"
        "（约 1,334.55 万元，不计入此项合计），323.25 万元")


def test_the_summary_names_the_hall_cap_only_where_the_plan_builds_a_hall():
    from junheng.report.compliance_docx import _sports_left

    doc = {"unresolved": [{"short_m2": 2155}, {"short_m2": 861}]}
    assert _sports_left(doc, halls=False) == (
        "；另有 2 个学校学段仍缺 3,016 平方米，校内空地容纳不下，未计价，见“未解决事项”表")
    assert "校内空地和每校室内体育馆上限容纳不下" in _sports_left(doc, halls=True)


def test_a_field_is_priced_on_the_whole_m2_the_plan_states():
    # H = max(8,000, 700 × 8.8434 = 6,190.38) = 8,000; 1,001 pupils need 1,001 × 8.8434 =
    # 8,852.2434 m²: g = 852.2434 m², stated 852 (5,000 m² spare holds it);
    # a field: 852 × 900 = 766,800 元 (not 852.2434 × 900 = 767,019.06); teaching 1,001 ×
    # 5.8 = 5,805.8 − 5,000 − 1,200 < 0: none
    terms = area_terms(pd.Series([True]), pd.DataFrame({"primary": [0.0], "junior": [700.0]}),
                       teaching_area=pd.Series([5000.0]), sports_area=pd.Series([8000.0]),
                       share=pd.Series([1.0]), rural=pd.Series([False]), costs=Costs(),
                       ground=pd.Series([5000.0]))
    r = planned_areas(terms, CONFIG, pd.Series([0.0]), pd.Series([1001.0]), pd.Series([10.0])).iloc[0]
    assert (r["added_teaching_area"], r["added_sports_area"], bool(r["sports_field"]),
            r["area_cost_yuan"]) == (0.0, 852.0, True, 766_800.0)
