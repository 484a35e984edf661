"""Rule (25) of the layout model: land bought beside a receiver, a field laid on it
(扩充体育运动场地用地), priced at the land's and the field's unit prices, with its own line in the
plan; where the scenario allows no land the gap stays listed as before."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from layout_builders import FLAT_COSTS
from test_layout_area_model import N_SPORTS, area_county, receiver, school_of

from junheng.model import CountyData
from junheng.planning import load_layout_config, plan_layout
from junheng.planning.layout_check import PlanViolation, check_plan
from junheng.planning.layout_json import layout_json
from junheng.planning.layout_land import hall_field_land, land_caps
from junheng.report.layout_xlsx import comparison_rows
from junheng.report.plan_rows import layout_summary

# area_county (test_layout_area_model): S closes, its 60 pupils (grades 1–3) go to N (one
# step, 62,127 元 of travel a year) or F (two steps, 124,254). Both F and N are 城镇 schools
# whose ground the data do not give (no field on their own ground) with no spare teaching
# area (1,350 m², 300 pupils × 4.5). N has 2,040.90 m² of sports area, 90.15 m² above its 300
# pupils' 1,950.75 (6.5025 m² each), so the 60 need 60 × 6.5025 − 90.15 = 300 m² there
# (390.15 at F). Prices (costs.yaml): land 600 元/m², field 900, hall 4,200 (at least
# 800 m²); the weight of an unbuilt m² 10,000; over 20 years.
# At N: teaching 270 m² × 3,500 = 945,000 元, sports 300 m² of land with a field on it at
# 600 + 900 = 1,500 元: 450,000 元, (945,000 + 450,000) / 20 = 69,750 元 a year; without land
# the cheaper of the smallest hall (800 × 4,200 = 3,360,000) and the weight (300 × 10,000 =
# 3,000,000): the weight, 47,250 + 150,000 = 197,250 a year. At F the land for 390.15 m²
# (585,225 元, 29,261.25 a year) and twice the travel: 47,250 + 29,261.25 + 124,254 =
# 200,765.25 > N's 69,750 + 62,127 = 131,877: the pupils go to N, which buys 300 m².
N_WITH_SPARE = N_SPORTS + 90.15


def land_county() -> CountyData:
    data = area_county(1350.0, N_SPORTS)
    fac = data.facilities.copy()
    fac.loc[fac["school_id"] == "N", "sports_area"] = N_WITH_SPARE
    return data.with_tables(facilities=fac)


def config(**kw):
    base = {"new_sites": "none", "boarding_per_town": False, "target_year": 2025,
            "weights": FLAT_COSTS, "today_shares": False,
            "cv_limits": False, "close": ["S"]}
    return load_layout_config(None, **{**base, **kw})


def test_a_receiver_300_m2_short_buys_300_m2_beside_it_and_the_checker_rederives_it():
    plan = plan_layout(land_county(), config(), evaluate_cvs=False)
    assert receiver(plan) == {"N"}
    n = school_of(plan, "N")
    assert (n.added_teaching_area, n.added_sports_area, n.sports_land_area, n.sports_land_yuan,
            n.sports_beyond_cap_area, n.area_yuan) == (270.0, 0.0, 300.0, 450_000.0, 0.0,
                                                       1_395_000.0)
    assert plan.metrics["after"]["receiver_area_yuan"] == 1_395_000.0
    assert plan.metrics["after"]["hall_beyond_weight_yuan"] == 0.0
    # the cost table's own line, under the receivers' areas it is part of
    assert (plan.metrics["after"]["sports_land_m2"], plan.metrics["after"]["sports_land_yuan"]) == (
        300, 450_000.0)
    rows = comparison_rows(plan.outcome)
    at = next(i for i, r in enumerate(rows) if r[0].startswith("财政支出：建设投资（一次性）：接收学校补足生均面积"))
    assert rows[at + 1] == [
        "财政支出：建设投资（一次性）：其中扩充体育运动场地用地 300 平方米（征用或置换接收学校相邻用地并建室外体育运动场地，"
        "含于上行，待决策，须经自然资源部门确认用地）", 0.0, 0.0, 450_000.0, 450_000.0]  # none bought today: 0, not blank (rv 1)
    doc = layout_json(plan.outcome)
    got = next(s for s in doc["schools"] if s["school_id"] == "N")
    assert (got["sports_land_area"], got["sports_land_yuan"]) == (300.0, 450_000.0)
    assert check_plan(plan.problem, doc) == pytest.approx(plan.outcome.objective, rel=1e-5)
    # 表3: the land as m² × price (brief hfourth; test_layout_sports)
    assert "扩充体育运动场地用地 300 平方米 × 1,500 元（地价 600 元＋室外体育运动场地 900 元）= 45.00 万元" in {
        a.name: a.detail for a in layout_summary(plan.outcome).actions}["学校N"]
    # a plan that drops the land (and its 450,000 元) is refused, whatever it says instead
    got.update(sports_land_area=0.0, sports_land_yuan=0.0, area_yuan=945_000.0)
    with pytest.raises(PlanViolation) as err:
        check_plan(plan.problem, doc)
    assert [line for line in str(err.value).splitlines() if line.startswith("学校N")] == [
        "学校N报告的接收学校补足扩充体育运动场地用地面积 0 平方米与按分配学生重新计算的 300 平方米不符。",
        "学校N报告的扩充体育运动场地用地费用 0 元与按相邻用地和室外体育运动场地单价重新计算的 450,000 元不符。",
        "学校N报告的接收学校补足生均面积费用 945,000 元与按分配学生重新计算的 1,395,000 元不符。"]


def test_without_land_the_gap_is_listed_and_nothing_is_bought():
    # no land anywhere (sports_land_max_m2 0): N 47,250 + 150,000 (the weight of 300 m²) +
    # 62,127 = 259,377 a year against F's 47,250 + the hall's 168,000 + 124,254: N, 300 m² left
    plan = plan_layout(land_county(), config(sports_land_max_m2=0), evaluate_cvs=False)
    assert receiver(plan) == {"N"}
    n = school_of(plan, "N")
    assert (n.sports_land_area, n.sports_land_yuan, n.sports_beyond_cap_area, n.area_yuan) == (
        0.0, 0.0, 300.0, 945_000.0)
    assert plan.metrics["after"]["hall_beyond_weight_yuan"] == 150_000.0
    assert "sports_land_yuan" not in plan.metrics["after"]  # no line in the cost table
    doc = layout_json(plan.outcome)
    assert check_plan(plan.problem, doc) == pytest.approx(plan.outcome.objective, rel=1e-5)
    # a plan that states land the scenario does not allow is refused
    got = next(s for s in doc["schools"] if s["school_id"] == "N")
    got.update(sports_land_area=300.0, sports_land_yuan=450_000.0, sports_beyond_cap_area=0.0,
               area_yuan=1_395_000.0)
    with pytest.raises(PlanViolation, match="学校N报告的扩充体育运动场地用地 300 平方米超出该校可取得的相邻用地上限 0 平方米"):
        check_plan(plan.problem, doc)


def test_a_school_named_with_no_land_keeps_the_default_elsewhere():
    cfg = config(sports_land_max_m2=800, sports_land_by_school={"N": 0})
    assert land_caps(["F", "N", "S"], cfg).tolist() == [800.0, 0.0, 800.0]


def test_the_cheapest_of_hall_field_and_land():
    # 1,500 m² short at a 城镇 school with 200 m² of ground and 1,000 m² of land: the smallest
    # hall, 800 m² (3,360,000), and 700 m² of land (1,050,000): 4,410,000, beats the field of 200
    # (180,000) with land 1,000 (1,500,000) and 300 beyond (3,000,000): 4,680,000, and a whole
    # hall of 1,500 m² (6,300,000); 900 m² short without ground: land 900 (1,350,000), not the
    # 800 m² hall with 100 of land (3,510,000); no land: the old rule (a hall of 900 m²)
    g, f, land, u = hall_field_land([1500.0, 900.0, 900.0], [800.0] * 3, [3000.0] * 3, 4200.0,
                                    [200.0, 0.0, 0.0], 900.0, [1000.0, 1000.0, 0.0], 1500.0,
                                    10_000.0)
    assert (g.tolist(), f.tolist(), land.tolist(), u.tolist()) == (
        [800.0, 0.0, 900.0], [0.0, 0.0, 0.0], [700.0, 900.0, 0.0], [0.0, 0.0, 0.0])


def test_the_compliance_plan_counts_the_land_bought_as_built():
    # N: 2,040.90 m² of sports area and the 300 m² laid on the land bought: 2,340.90 m² (its
    # 360 pupils' need, 360 × 6.5025), so the 达标路径 does not buy it again; its site grows by
    # the same 300 m² where the data give one (here none: NaN stays NaN), its spare ground unchanged
    from junheng.planning.compliance_layout import county_after_layout

    data = land_county()
    plan = plan_layout(data, config(), evaluate_cvs=False)
    after = county_after_layout(data, plan.outcome).facilities.set_index("school_id")
    assert after.at["N", "sports_area"] == pytest.approx(2_340.90)


def _shared_school(ground: float):
    """One 城镇 junior school half 高中 (share 0.5) with ``ground`` m² of spare ground, its
    sports need for 700 juniors without the plan and 800 with it: (areas, its site row)."""
    from junheng.planning.layout_areas import area_arrays, area_terms
    from junheng.planning.layout_config import Costs

    terms = area_terms(pd.Series([True]), pd.DataFrame({"primary": [0.0], "junior": [700.0]}),
                       teaching_area=pd.Series([5000.0]), sports_area=pd.Series([8000.0]),
                       share=pd.Series([0.5]), rural=pd.Series([False]), costs=Costs(),
                       ground=pd.Series([ground]))
    return area_arrays(terms, load_layout_config(None)), terms.iloc[0]


@pytest.mark.parametrize(("ground", "expected"), [
    # 8,000 m² of sports area, half compulsory: 4,000; 700 juniors need 700 × 8.8434 =
    # 6,190.38 (the own gap 2,190.38, laid first, rounded once to 2,190: rv8 13), 800 need
    # 7,074.72: 884.34 m² short. 5,000 m² of ground: the compulsory half 2,500 − 2,190 = 310
    # → a field of 310 m² (no hall: the smallest, 800 × 0.5 = 400 m², does not fit); the
    # whole ground 5,000 − 2,190 = 2,810 m² holds the 884.34: no land, 574.34 m² left
    # unbuilt (the weight)
    (5000.0, (310.0, 0.0, 574.34)),
    # 2,500 m²: the compulsory half 1,250 < 2,190, no field; the whole ground 2,500 − 2,190
    # = 310 m² holds 310 of the 884.34: land for exactly the 574.34 beyond it, 310 m² left
    (2500.0, (0.0, 574.34, 310.0)),
])
def test_a_school_sharing_with_senior_buys_land_only_beyond_its_whole_spare_ground(ground, expected):
    from junheng.planning.layout_check_areas import site_area

    areas, site = _shared_school(ground)
    t, g, f, land, u = areas.amounts(np.zeros(1), np.array([800.0]), np.zeros(1))
    # teaching: 800 × 5.8 = 4,640 − max(5,000 × 0.5, 700 × 5.8 = 4,060) = 580 m²; no hall
    assert (float(t[0]), float(g[0])) == (580.0, 0.0)
    assert tuple(round(float(v[0]), 6) for v in (f, land, u)) == expected
    # the local search's scalar path and the checker re-derive the same amounts
    assert areas.site_yearly(0, 0.0, 800.0, 0.0) == pytest.approx(float(areas.yearly(t, g, f, land, u)[0]))
    got = site_area(site, 0.0, 800.0, 0.0, 10_000.0, 900.0, 1000.0, 1500.0)
    assert tuple(round(v, 6) for v in got[2:]) == expected


def test_land_beside_a_school_is_pending_in_both_plans_with_the_total_without_it():
    # review rv5 finding 6: the layout booked its land, the 整改 left its own out as 待决策.
    # One rule: 待决策 until the 自然资源 department grants it, the total said without it.
    # 1,200 m² at 600 + 900 = 1,500 元 = 1,800,000 元 = 180.00 万元; 建设投资 10,000,000 元 =
    # 1,000.00 万元, without the land 820.00 万元
    from junheng.planning.layout_land import pending_land
    from junheng.planning.layout_outcome import LayoutOutcome
    from junheng.planning.plans_together import land_pending, review_lines
    from junheng.report.layout_money_text import one_off_text

    after = {"capital_cost_yuan": 8_000_000.0, "receiver_area_yuan": 2_000_000.0,
             "sports_land_m2": 1200, "sports_land_yuan": 1_800_000.0}
    plan = LayoutOutcome("optimal", (), {"after": after}, rules={"sports_land_max_m2": 1000})
    assert one_off_text(plan) == (
        "一次性建设投资 1,000.00 万元（其中接收学校补足生均面积 200.00 万元，需论证，含扩充体育运动场地用地 "
        "1,200 平方米、180.00 万元（待决策，须经自然资源部门确认用地，每校至多 1,000 平方米为假设值，确认前不作准），"
        "不计这笔为 820.00 万元）")
    # caps set school by school (the 自然资源 department's word): no assumption said
    by_school = LayoutOutcome("optimal", (), {"after": after},
                              rules={"sports_land_max_m2": 1000, "sports_land_by_school": {"S": 600, "T": 600}})
    assert pending_land(by_school) == "扩充体育运动场地用地 1,200 平方米、180.00 万元（待决策，须经自然资源部门确认用地）"
    # the 整改's combined paragraph: 1,500.00 once with the layout's land, 1,500.00 − 180.00 = 1,320.00 without
    doc = {"layout_review": 200.0, "compliance_apart": 90.0, "once": 1500.0, "layout_land": land_pending(plan)}
    assert review_lines(doc) == [
        "其中需论证的项目：布局调整接收学校补足的面积 200.00 万元（已计入上述布局调整投资，用地和建设条件需论证），"
        "其中扩充体育运动场地用地 1,200 平方米、180.00 万元（待决策，须经自然资源部门确认用地，每校至多 1,000 平方米为假设值，"
        "确认前不作准）；另有达标路径本校用地放不下的体育运动场馆 90.00 万元（需论证），未计入上述合计。"
        "相邻用地两个方案同一规则：自然资源部门确认用地前为待决策事项，不作为已定投资；不计布局调整的相邻用地，"
        "一次性财政支出合计 1,320.00 万元。"]
    # no land bought: nothing pending, the sentences as before
    bare = LayoutOutcome("optimal", (), {"after": {"capital_cost_yuan": 8_000_000.0}})
    assert land_pending(bare) == {} and one_off_text(bare) == "一次性建设投资 800.00 万元"


def test_the_overview_keeps_the_pending_land_in_its_one_off_row():
    # the 方案概要 cuts the money sentence at its first 「；」: the land's clause has none, so the
    # running row stays the running cost (600.00 → 500.00 万元), not the land's words
    from junheng.planning.layout_outcome import LayoutOutcome
    from junheng.report.layout_sections import overview_rows, split_money
    from junheng.report.plan_rows import layout_summary

    after = {"capital_cost_yuan": 8_000_000.0, "receiver_area_yuan": 2_000_000.0, "sports_land_m2": 1200,
             "sports_land_yuan": 1_800_000.0, "operating_yuan": 5_000_000.0}
    plan = LayoutOutcome("optimal", (), {"after": after, "before": {"operating_yuan": 6_000_000.0}},
                         rules={"sports_land_max_m2": 1000}, year=2025)
    summary = layout_summary(plan)
    rows = dict(overview_rows(plan, summary, split_money(summary.money)["财政支出："], "三"))
    assert rows["一次性投资"].endswith("确认前不作准），不计这笔为 820.00 万元）")
    assert rows["每年运行支出变化"].startswith("每年运行支出由 600.00 万元变为 500.00 万元")
