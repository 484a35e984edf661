"""The receivers' per-pupil areas inside the layout model (issue 16, rules (14)–(15)): they
change which school receives a closed school's pupils, a 城镇 receiver's hall stops at the
cap with the rest listed, and the checker re-derives their cost from the plan."""

from __future__ import annotations

import numpy as np
import pytest
from layout_builders import FLAT_COSTS, school, village
from openpyxl import load_workbook

from junheng.model import CountyData
from junheng.planning import load_layout_config, plan_layout
from junheng.planning.layout_check import PlanViolation, check_plan
from junheng.planning.layout_json import layout_json
from junheng.report.layout_xlsx import write_layout_xlsx
from junheng.report.plan_rows import layout_summary

# On lat 34°, 0.05° of longitude: 4.6094 km × 1.3 / 25 km/h × 60 = 14.3813 minutes.
# F (112.05) and N (112.20) are kept primary schools of 300 pupils each (their villages: 150
# in grades 1–3 and 150 in grades 4–6, 12 classrooms, 540 seats); S (112.15, 60 pupils in
# grades 1–3, its village's) closes. Its village is one step from N, two from F, both within the day
# limit: to N 60 × 14.3813 × 360 trips × 0.2 元 = 62,127 元 a year of travel, to F 124,254.
# N has no spare area: 300 × 4.5 = 1,350 m² of teaching area and 300 × 6.5025 = 1,950.75 m²
# of sports area (both plans hold a school's sports area to 85 % × 1.02 of the standard's
# 7.5 m² a primary pupil, 6.5025 m²: brief hb 1). At N the 60 pupils need 60 × 4.5 = 270 m²
# (× 3,500 = 945,000 元) and 60 × 6.5025 = 390.15 m² of sports area: a 城镇 hall is built
# whole, at least 800 m² as the 达标路径 builds it (rule (17), planning.halls): 800 × 4,200 =
# 3,360,000 元, less than the weight of 390.15 m² left (3,901,500): 4,305,000 元, over 20
# years 215,250 元 a year, more than the 62,127 元 the shorter journey saves: with spare area
# at F they go to F.

#: N's sports area today: 300 pupils at 6.5025 m², no spare
N_SPORTS = 1950.75


def area_county(f_teaching: float = 2000.0, f_sports: float = 4000.0) -> CountyData:
    info = {"county_code": "410306", "county_name": "示例县", "city_name": "洛阳市",
            "school_year": 2025, "primary_funding_quota": 720, "junior_funding_quota": 940}
    villages = [village(1, 112.05, g13=150, g46=150), village(2, 112.20, g13=150, g46=150),
                village(3, 112.15, g13=60)]
    schools = [school("F", "primary_school", 112.05), school("N", "primary_school", 112.20),
               school("S", "primary_school", 112.15)]
    facilities = [{"school_id": "F", "classrooms": 12, "teaching_area": f_teaching,
                   "sports_area": f_sports},
                  {"school_id": "N", "classrooms": 12, "teaching_area": 1350.0,
                   "sports_area": N_SPORTS},
                  {"school_id": "S", "classrooms": 6, "teaching_area": 600.0,
                   "sports_area": 900.0}]
    rows = [{"school_id": sid, "grade": f"g{g}", "class_no": "1", "students": n}
            for g in range(1, 7) for sid, n in (("F", 50), ("N", 50), ("S", 20)) if sid != "S"
            or g <= 3]
    return CountyData.from_records(info, villages=villages, schools=schools,
                                   facilities=facilities, classes=rows)


def config(**kw):
    # sports_land_max_m2 0: the hall and field rules without land bought beside the school
    # (rule (25), test_layout_land)
    base = {"sports_land_max_m2": 0, "new_sites": "none", "boarding_per_town": False, "target_year": 2025,
            "weights": FLAT_COSTS, "today_shares": False, "cv_limits": False, "close": ["S"]}
    return load_layout_config(None, **{**base, **kw})


def receiver(plan) -> set[str]:
    return {a.school_id for a in plan.outcome.assignments if a.village_id.endswith("003")}


def school_of(plan, sid: str):
    return next(s for s in plan.outcome.schools if s.school_id == sid)


def test_the_area_a_nearer_receiver_lacks_sends_the_pupils_to_one_with_spare_area():
    plan = plan_layout(area_county(), config(), evaluate_cvs=False)
    assert receiver(plan) == {"F"}
    assert plan.metrics["after"]["receiver_area_yuan"] == 0.0
    # F as short of area as N: the shorter journey wins, and N's areas are priced
    both = plan_layout(area_county(1350.0, N_SPORTS), config(), evaluate_cvs=False)
    assert receiver(both) == {"N"}
    n = school_of(both, "N")
    assert (n.added_teaching_area, n.added_sports_area, n.sports_beyond_cap_area) == (
        270.0, 800.0, 0.0)
    assert n.area_yuan == 4_305_000.0
    assert both.metrics["after"]["receiver_area_yuan"] == 4_305_000.0
    assert both.metrics["after"]["capital_cost_yuan"] == 0.0  # no classroom, no bed
    # the comparison's objective annualises the areas as the model does: 4,305,000 / 20 =
    # 215,250 a year in both (the 求解信息 and 调整前后对比 figures agree)
    assert both.metrics["after"]["capital_annual_yuan"] == 215_250.0
    assert both.metrics["after"]["objective_yuan"] == pytest.approx(both.outcome.objective, abs=1.0)
    assert check_plan(both.problem, layout_json(both.outcome)) == pytest.approx(
        both.outcome.objective, rel=1e-5)  # the JSON's travel minutes have 2 decimals


def test_a_hall_stops_at_the_cap_and_the_rest_is_listed_not_priced(tmp_path):
    # cap 200 m²: N builds a 200 m² hall (840,000 元) with its 270 m² of teaching area
    # (945,000 元): 1,785,000 元; the other 390.15 − 200 = 190.15 m² (stated 190) are listed,
    # weighted 10,000 元 a m² over 20 years (95,075 元 a year, not money)
    both = plan_layout(area_county(1350.0, N_SPORTS),
                       config(costs={"gym_max_area_m2": 200}), evaluate_cvs=False)
    n = school_of(both, "N")
    assert (n.added_teaching_area, n.added_sports_area, n.sports_beyond_cap_area) == (
        270.0, 200.0, 190.0)
    assert both.metrics["after"]["receiver_area_yuan"] == 1_785_000.0
    assert both.outcome.notes[-1] == (
        "需征地/租用/布局分流，需论证：以下城镇接收学校分流所需的体育运动场馆面积超出室内体育馆面积上限，超出部分不计价："
        "学校N 190 平方米。")
    listed = "超出室内体育馆面积上限的体育运动场馆 190 平方米（需征地/租用/布局分流，需论证）"
    detail = {a.name: a.detail for a in layout_summary(both.outcome).actions}
    assert listed in detail["学校N"]  # the Word and HTML reports
    sheet = load_workbook(write_layout_xlsx(both.outcome, tmp_path / "plan.xlsx"))["调整方案"]
    rows = [[c.value for c in r] for r in sheet.iter_rows()]
    column = rows[0].index("未能补足的体育运动场馆（平方米，需征地/租用/布局分流，需论证）")
    assert [r[column:column + 2] for r in rows if r[1] == "学校N"] == [[190, "超出室内体育馆面积上限"]]
    assert check_plan(both.problem, layout_json(both.outcome)) == pytest.approx(
        both.outcome.objective, rel=1e-5)  # the JSON's travel minutes have 2 decimals


def objective_from_rows(after: dict) -> float:
    """The objective recomputed from the plan's 调整前后对比 rows: the yearly spending less its
    per-pupil part, plus every weight (plan.json "metrics" "after")."""
    return (after["operating_yuan"] - after["operating_pupil_yuan"] + after["travel_weight_yuan"]
            + after["staff_weight_yuan"] + after["capital_annual_yuan"]
            + after["hall_beyond_weight_yuan"])


def test_a_shortfall_below_the_smallest_hall_builds_none_and_its_weight_is_in_the_objective():
    # smallest hall 1,500 m² (6,300,000 元) against the weight of N's 390.15 m² short
    # (3,901,500 元): no hall; the 390.15 m² (stated 390) are listed for the 达标路径 (which
    # builds a whole hall) and weigh 3,901,500 / 20 = 195,075 元 a year in the objective, not
    # money; the teaching area alone is spent: 945,000 元
    both = plan_layout(area_county(1350.0, N_SPORTS),
                       config(costs={"gym_min_area_m2": 1500}), evaluate_cvs=False)
    n = school_of(both, "N")
    assert (n.added_teaching_area, n.added_sports_area, n.sports_beyond_cap_area) == (
        270.0, 0.0, 390.0)
    after = both.metrics["after"]
    assert (after["receiver_area_yuan"], after["hall_beyond_weight_yuan"]) == (945_000.0, 195_075.0)
    assert after["capital_annual_yuan"] == 47_250.0
    assert after["relief_short_pupils"] == 0.0
    # objective_yuan is the solver's objective, its weights included, term by term (no pupil
    # is short of a relief floor: the solver's penalty, kept apart, is 0)
    assert objective_from_rows(after) == after["objective_yuan"]
    assert after["objective_yuan"] == pytest.approx(both.outcome.objective, abs=1.0)
    assert both.outcome.notes[-1] == (
        "不足一座室内体育馆最小面积，本方案不建馆，由达标路径确定是否补足：以下城镇接收学校分流所需的体育运动场馆面积不足一座室内体育馆的最小"
        "面积，建整馆的费用高于按权重折算的缺口，不计价（缺口按权重计入综合评价值），是否整馆建设或以其他方式补足由达标路径"
        "确定：学校N 390 平方米。")
    detail = {a.name: a.detail for a in layout_summary(both.outcome).actions}
    assert "体育运动场馆缺口 390 平方米（不足一座室内体育馆最小面积，本方案不建馆，由达标路径确定是否补足）" in detail["学校N"]
    assert check_plan(both.problem, layout_json(both.outcome)) == pytest.approx(
        both.outcome.objective, rel=1e-5)


def test_the_beyond_cap_weight_is_in_the_reported_objective():
    # cap 200 m² (smallest hall 200): 190.15 m² beyond it weigh 1,901,500 / 20 = 95,075 a year
    both = plan_layout(area_county(1350.0, N_SPORTS),
                       config(costs={"gym_max_area_m2": 200}), evaluate_cvs=False)
    after = both.metrics["after"]
    assert after["hall_beyond_weight_yuan"] == 95_075.0
    assert objective_from_rows(after) == after["objective_yuan"]
    assert after["objective_yuan"] == pytest.approx(both.outcome.objective, abs=1.0)


def test_the_checker_rejects_a_plan_whose_area_cost_is_not_what_its_pupils_need():
    both = plan_layout(area_county(1350.0, N_SPORTS), config(), evaluate_cvs=False)
    doc = layout_json(both.outcome)
    for s in doc["schools"]:
        if s["school_id"] == "N":
            s["area_yuan"] = 1_835_000.0
    with pytest.raises(PlanViolation, match="学校N报告的接收学校补足生均面积费用 1,835,000 元"
                                            "与按分配学生重新计算的 4,305,000 元不符"):
        check_plan(both.problem, doc)


def test_rooms_no_class_fills_are_priced_as_area_not_as_classrooms():
    # A room and its 120 m² of teaching area cost the same (42 万元), so the solver may add
    # rooms where (14) only needs area (review 2026-12-03: 36 primary rooms at a new school
    # for 14 primary pupils). N's 360 pupils fit its 540 seats: any primary room the solution
    # adds there is cut to 0 and left to (14) as area; F gets none to cut.
    from junheng.planning.layout_data import layout_arrays
    from junheng.planning.layout_model import build_layout_milp, rooms_as_area

    both = plan_layout(area_county(1350.0, N_SPORTS), config(), evaluate_cvs=False)
    arr = layout_arrays(both.problem)
    _, cols = build_layout_milp(arr)
    v = np.zeros(max(int(c.max()) for c in (cols.x, cols.y, cols.a_p, cols.a_j)) + 1, int)
    sites = list(both.problem.sites.index)
    pairs = both.problem.pairs.reset_index(drop=True)
    for k, r in pairs.iterrows():
        at = both.solution.assignment.loc[r["customer"], "site_id"]
        v[cols.x[k]] = int(at == r["site_id"])
    v[cols.a_p[sites.index("N")]] = 2
    v[cols.a_p[sites.index("F")]] = 1
    out = rooms_as_area(arr, cols, v)
    assert (out[cols.a_p[sites.index("N")]], out[cols.a_p[sites.index("F")]]) == (0, 0)
    v[cols.a_p] = 0
    assert (rooms_as_area(arr, cols, v) == v).all()


def test_two_plans_are_compared_term_by_term_on_the_solvers_objective():
    # the 800 m² hall (4,305,000 元 with the teaching area: 215,250 a year) against a cap of
    # 200 m² (1,785,000 元: 89,250 a year, and 190.15 m² beyond weighing 95,075): the capped
    # plan's objective is 126,000 − 95,075 = 30,925 元 a year less, travel and spending equal
    from junheng.planning.layout_compare import difference_note

    whole = plan_layout(area_county(1350.0, N_SPORTS), config(), evaluate_cvs=False)
    capped = plan_layout(area_county(1350.0, N_SPORTS),
                         config(costs={"gym_max_area_m2": 200}), evaluate_cvs=False)
    a, b = whole.metrics["after"], capped.metrics["after"]
    assert b["objective_yuan"] - a["objective_yuan"] == -30_925.0
    assert capped.outcome.objective - whole.outcome.objective == pytest.approx(-30_925.0, abs=1.0)
    assert difference_note("整馆", a, "上限 200 平方米", b) == (
        "“上限 200 平方米”方案与“整馆”相比：计入综合评价值的财政支出每年少 126,000 元（建设投资年均摊少 126,000 元）；"
        "权重（不是支出）每年多 95,075 元（接收学校体育运动场馆面积缺口多 95,075 元）；"
        "综合评价值（两者之和）每年少 30,925 元。")


def ground_county() -> CountyData:
    """:func:`area_county` with F as short as N, and N with 1,700.75 m² of sports area (its
    own gap 1,950.75 − 1,700.75 = 250 m², the 达标路径's) and 600 m² of spare ground (site
    4,700.75 − buildings 2,400 − sports 1,700.75)."""
    data = area_county(1350.0, N_SPORTS)
    fac = data.facilities.copy()
    n = fac["school_id"] == "N"
    fac.loc[n, "sports_area"] = 1700.75
    fac["site_area"] = np.where(n, 4700.75, np.nan)
    fac["building_area"] = np.where(n, 2400.0, np.nan)
    return data.with_tables(facilities=fac)


def test_a_receivers_field_leaves_the_ground_its_own_gap_needs():
    # N's 600 m² of ground less its own gap's 250: 350 m² left (brief va2). The 60 pupils
    # need 390.15 m²: no 800 m² hall stands on 350, so a field of 350 m² (315,000 元) and 40.15
    # m² beyond (stated 40; weight 401,500 元, 20,075 a year); with the teaching area's 945,000
    # 元: 1,260,000 元 (63,000 a year + 20,075 + 62,127 of travel, against F's 215,250 +
    # 124,254). Before, the field took all of N's ground and the 达标路径 had too little for its
    # own gap.
    both = plan_layout(ground_county(), config(), evaluate_cvs=False)
    assert receiver(both) == {"N"}
    n = school_of(both, "N")
    assert (n.added_teaching_area, n.added_sports_area, n.sports_beyond_cap_area,
            n.sports_field, n.area_yuan) == (270.0, 350.0, 40.0, True, 1_260_000.0)
    assert both.metrics["after"]["hall_beyond_weight_yuan"] == 20_075.0
    assert "超出留足本校缺口后的校内空地可建面积的体育运动场馆 40 平方米（需征地/租用/布局分流，需论证）" in {
        a.name: a.detail for a in layout_summary(both.outcome).actions}["学校N"]
    doc = layout_json(both.outcome)
    assert check_plan(both.problem, doc) == pytest.approx(both.outcome.objective, rel=1e-5)
    # the checker refuses a field on the ground the school's own gap needs
    for s in doc["schools"]:
        if s["school_id"] == "N":
            s.update(added_sports_area=390.0, sports_beyond_cap_area=0.0, area_yuan=1_296_000.0)
    with pytest.raises(PlanViolation, match="学校N报告的接收学校补足体育运动场馆 390 平方米超出留足本校缺口后的"
                                            "校内空地 350 平方米（本校缺口的场地留给达标路径）"):
        check_plan(both.problem, doc)


def test_the_checker_refuses_rooms_on_the_ground_the_sports_builds_take():
    # Brief hb 2: N's 600 m² of ground hold its own gap's 250 m² (the 达标路径's field) and the
    # layout's 350 m² field: 600 − 250 − 350 = 0 m² left for 装配式 rooms, and N has no
    # 临时周转 room. A plan that puts one there (100 m²) or states 600 m² left is refused.
    both = plan_layout(ground_county(), config(), evaluate_cvs=False)
    assert [(s.spare_ground_m2, s.room_ground_m2, s.ground_rooms) for s in both.outcome.schools
            if s.school_id == "N"] == [(600, 0, 0)]
    doc = layout_json(both.outcome)
    for s in doc["schools"]:
        if s["school_id"] == "N":
            s.update(room_ground_m2=600.0, ground_rooms=1)
    with pytest.raises(PlanViolation) as err:
        check_plan(both.problem, doc)
    assert [line for line in str(err.value).splitlines() if line.startswith("学校N")] == [
        "学校N报告的体育运动场馆占用后可搭建临时教室的校内空地 600 平方米与重新计算的 0 平方米不符。",
        "学校N在校内空地搭建 1 间装配式临时教室，按每间 100 平方米需 100 平方米，超出体育运动场馆占用后余下的 0 平方米"
        "（校内空地须同时容纳同一学年的临时教室、室内体育馆和室外体育运动场地）。",
        "学校N报告在校内空地搭建 1 间装配式临时教室，多于其临时周转最多的学年的 0 间。"]
