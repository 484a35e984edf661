"""One sports-ground truth across the two plans (brief hb): both plans hold a school's sports
area to one need (85 % × 1.02 of the standard), the rooms of the 过渡期 stand only on the
ground the sports builds of both plans leave, and the spare ground is one figure (the data's,
before both plans), worked by hand."""

from __future__ import annotations

import pandas as pd

from compliance_builders import cost_file
from junheng.planning import load_layout_config
from junheng.planning.compliance_costs import load_costs
from junheng.planning.halls import sports_ratio
from junheng.planning.layout_areas import receiver_ratio
from junheng.planning.layout_config import Costs
from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool
from junheng.planning.plans_transition import field_ground_text

#: the caveat every field's ground ends with
CAVEAT = "，需现场核实用地（校内空地按数据为下限，未扣除绿地、道路和退让）"


def test_both_plans_hold_a_school_to_one_share_of_the_sports_standard(tmp_path):
    # 0.85 (quality-2017 school_rule.floor_ratio) × (1 + 0.02, costs.yaml land.floor_margin) =
    # 0.867 in both plans; a county's --costs with floor_margin 0.05 moves both: 0.85 × 1.05 =
    # 0.8925
    compliance = load_costs()
    assert round(receiver_ratio(Costs()), 6) == round(sports_ratio(0.85, compliance.floor_margin),
                                                      6) == 0.867
    county = cost_file(tmp_path, land__floor_margin=0.05)
    layout = load_layout_config(price_file=county).costs
    assert (layout.sports_floor_margin, load_costs(county).floor_margin) == (0.05, 0.05)
    assert round(receiver_ratio(layout), 6) == 0.8925


def _third(rooms: dict[int, tuple[int, int]], field_m2: float = 3_609.0) -> str:
    """第三初级中学 as the demo has it: 3,893 m² of spare ground, the layout's 230 m² field for
    the 26 pupils it moves there (26 × 10.2 × 0.867 = 229.9), the 达标路径's field for its own
    gap funded in 2028 and the rooms both plans borrow (``rooms``: year -> (total, layout's))."""
    plan = LayoutOutcome("optimal", (PlannedSchool(
        "T", "第三初级中学", "expand", added_sports_area=230.0, sports_field=True,
        spare_ground_m2=3_893.0),), {})
    actions = pd.DataFrame({"school_id": ["T"], "item": ["field"], "quantity": [field_m2],
                            "funding": [{"2028": 324.81}]})
    return field_ground_text(plan, actions, rooms)


def test_the_combined_table_says_the_rooms_the_fields_leave_no_ground_for():
    # 3,893 − 3,609 − 230 = 54 m² left: ⌊54 / 100⌋ = 0 of the 3 rooms of 2029 stand there
    # (before, brief hb 2: 「同用校内空地，合计约 4,139 平方米」 on 3,893 m² and nothing more)
    assert _third({2028: (1, 1), 2029: (3, 1), 2030: (2, 1)}) == (
        "新建室外体育运动场地 3,609 平方米与 2028—2030 学年临时周转教室（至多 3 间，以装配式临时教室周转时按每间 "
        "100 平方米约 300 平方米）同用校内空地，合计约 3,909 平方米，校内空地（两个方案建设前）3,893 平方米，"
        "建室外体育运动场地 3,609 平方米和布局调整补足接收学生的室外体育运动场地 230 平方米后余 54 平方米，容纳不下："
        "装配式临时教室在校内不能搭建，3 间须就近借用邻近学校校舍或租用校外用房" + CAVEAT)
    # a field of 3,400 m²: 3,893 − 3,400 − 230 = 263 m², ⌊2.63⌋ = 2 of 3 rooms on it
    assert _third({2029: (3, 1)}, 3_400.0).endswith(
        "后余 263 平方米，容纳不下：装配式临时教室在校内只能搭建 2 间，其余 1 间须就近借用邻近学校校舍或租用校外用房"
        + CAVEAT)
    # 3,000 m²: 663 m² left hold all 3 (300 m²)
    assert _third({2029: (3, 1)}, 3_000.0).endswith("后余 663 平方米，可以容纳" + CAVEAT)


def test_a_nine_year_receiver_needs_what_its_junior_unit_needs_as_the_evaluation_splits_it():
    # Brief hb 1 (demo: 新区实验学校's 初中 unit 8.22 m² a pupil against 8.84 after the layout
    # counted its need met). The evaluation splits a 一贯制 school's area 1 : 1.1 by pupils, so
    # its junior unit has A × 1.1 / (P + 1.1 J) a pupil: at 0.867 × 10.2 = 8.8434 that asks
    # A ≥ 8.8434 / 1.1 × P + 8.8434 × J (8.0395 a primary pupil, not 0.867 × 7.5 = 6.5025).
    # 100 primary + 100 junior expected, 2,000 m² today (H = 2,000 ≥ 1,688.29); planned 200 +
    # 100: 200 × 8.039455 + 884.34 = 2,492.23 m², 492.23 to add (a 乡村 field, no cap); then
    # the junior unit has 2,492.23 × 1.1 / 310 = 8.8434 a pupil.
    import numpy as np

    from junheng.planning.layout_areas import area_arrays, area_terms

    terms = area_terms(pd.Series([True]), pd.DataFrame({"primary": [100.0], "junior": [100.0]}),
                       teaching_area=pd.Series([10_000.0]), sports_area=pd.Series([2_000.0]),
                       share=pd.Series([1.0]), rural=pd.Series([True]), costs=Costs())
    assert [round(float(terms[c].iloc[0]), 4) for c in ("area_sports_primary",
                                                         "area_sports_junior")] == [8.0395, 8.8434]
    areas = area_arrays(terms, load_layout_config())
    _, g, f, _, u = areas.amounts(np.array([200.0]), np.array([100.0]), np.array([0.0]))
    assert (round(float(g[0] + f[0]), 4), float(u[0])) == (492.2309, 0.0)
    assert round((2_000.0 + float(f[0])) * 1.1 / 310, 4) == 8.8434


def test_a_field_shared_with_senior_takes_its_whole_ground():
    # 第四中学 (demo): the 达标路径's field is 2,199 m² for its compulsory stages, 12,697.01 m²
    # whole; on 12,701 m² that leaves 3.99 m², no room of 100 m² (before: 「后余 10,410」 on the
    # compulsory part alone)
    plan = LayoutOutcome("optimal", (PlannedSchool("D", "第四中学", "expand",
                                                   spare_ground_m2=12_701.0),), {})
    actions = pd.DataFrame({"school_id": ["D"], "item": ["field"], "quantity": [2_199.0],
                            "built": [12_697.01], "funding": [{"2027": 197.91}]})
    assert field_ground_text(plan, actions, {2028: (1, 1)}).endswith(
        "校内空地（两个方案建设前）12,701 平方米，建室外体育运动场地 2,199 平方米（与高中共用，整块 12,697 平方米）"
        "后余 4 平方米，容纳不下：装配式临时教室在校内不能搭建，1 间须就近借用邻近学校校舍或租用校外用房"
        # and why (brief hs): the block's 高中 part, 12,697.01 − 2,199 = 10,498 m², takes the
        # ground; without it 12,701 − 2,199 = 10,502 m² hold the one room
        "（整块场地按义务教育阶段所需面积和义务教育占比推算，其中高中部分 10,498 平方米由高中经费安排、占去大部分空地；"
        "高中部分在临时周转结束后建设的，校内空地余 10,502 平方米，可以容纳）" + CAVEAT)
