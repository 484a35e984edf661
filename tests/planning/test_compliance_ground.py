"""Planner review tb 1–2: the 达标路径 priced land purchase (用地放不下) at schools where the
layout plan showed thousands of m² of free ground, and built halls where no ground was shown.
Both plans now read a school's spare ground one way (layout_ground.spare_ground: 占地面积 −
校舍建筑面积 − 体育运动场馆面积): field and hall stand on it (model row (20)), and only what it
cannot hold is land to buy, with the figures in the text.

A: 1,000 pupils in the main city (code 111: before, no field) with 2 m² of sports area a pupil
(2,000 m²) where the standard asks 7.5 (7,500 m²); C meets everything and has no ground data.
The school rule asks 85 % of 7,500 = 6,375 m², with the 2 % margin (land.floor_margin) 6,502.5:
A must add 4,502.5 m²."""

from __future__ import annotations

from datetime import date

from compliance_builders import cost_file, county, primary_school, school_id
from junheng.planning.compliance import plan_compliance
from junheng.planning.compliance_costs import load_costs
from junheng.planning.compliance_county import current_students
from junheng.planning.compliance_json import compliance_dict
from junheng.planning.compliance_sports_path import path_lines

A = school_id("A")
#: how a shortfall counted to the school rule's floor says so
FLOOR = "（按标准的 85% 加 2% 余量计，该项为该校唯一低于标准的指标）"


def _plan(tmp_path, spare: float):
    a = primary_school("A", 1000, code="111", sports_area=2.0)
    a["facilities"][0].update(site_area=8_000.0 + 2_000.0 + spare, building_area=8_000.0)
    data = county(a, primary_school("C", 1000, code="111"))
    return plan_compliance(data, current_students(data), 2026,
                           costs=load_costs(cost_file(tmp_path)), time_limit=30,
                           plan_date=date(2026, 6, 1))


def test_a_school_with_free_ground_builds_a_field_on_it_and_buys_no_land(tmp_path):
    # 10,000 m² free: before, A (城区) could only build its 3,000 m² hall (1,260 万元) and the
    # plan priced 2,500 m² of land (375 万元) apart. Now the field on its own ground is the
    # cheapest: 4,502.5 m², in whole m² 4,503 (× 0.09 万元), no hall, no land to buy; passes.
    plan = _plan(tmp_path, 10_000.0)
    assert plan.actions[["item", "quantity"]].to_dict("records") == [
        {"item": "field", "quantity": 4503.0}]
    assert plan.problem.schools.set_index("school_id").at[A, "ground"] == 10_000.0
    doc = compliance_dict(plan)
    assert doc["sports_path"] is None and doc["unresolved"] == []


def test_a_school_without_ground_for_a_hall_buys_land_with_the_figures_said(tmp_path):
    # 144 m² free (第四小学's figure): the smallest hall (800 m², costs.yaml gym_min_area) does
    # not fit, so no hall; the 144 m² take a field; the rest to the one need of both plans
    # (85 % × 1.02 of the standard, sports being A's only indicator below it: brief hb 1),
    # 6,502.5 − 2,144 = 4,358.5, in whole m² 4,359, is land to buy at 1,500 元 (653.85 万元),
    # its ground 4,359 + 144 = 4,503 m² (before: 5,356 m² to the standard, 803.40 万元).
    plan = _plan(tmp_path, 144.0)
    assert plan.actions[["item", "quantity"]].to_dict("records") == [
        {"item": "field", "quantity": 144.0}]
    path = compliance_dict(plan)["sports_path"]
    assert [(x["school_id"], x["short_m2"], x["area_m2"], x["spare_m2"], x["cost"])
            for x in path["schools"]] == [(A, 4359, 4359, 144, 653.85)]
    assert ("A小学（小学）缺 4,359 平方米（需要场地 4,503 平方米，校内空地（两个方案建设前）144 平方米，"
            "已全部用于本方案的室外体育运动场地），用地 4,359 平方米，653.85 万元；") in path_lines(path)[0]


def test_the_unresolved_reason_names_the_limit_that_binds_the_school(tmp_path):
    # review rv3 finding 12: 实验中学 (no spare ground, no hall built) was told 「校内空地和室内
    # 体育馆每校上限 3,000 平方米…容纳不下」. With no spare ground the reason says so; with 144 m²
    # it says they are used up; short to 85 % × 1.02 × 7,500 = 6,502.5 (brief hb 1):
    # 6,502.5 − 2,000 = 4,502.5 → 4,503 and 6,502.5 − 2,144 = 4,358.5 → 4,359 m²
    from junheng.planning.compliance_unresolved import UNRESOLVED

    reasons = {spare: [r["reason"] for r in compliance_dict(_plan(tmp_path, spare))["unresolved"]]
               for spare in (0.0, 144.0)}
    assert {spare: found[0] for spare, found in reasons.items()} == {
        0.0: f"{UNRESOLVED}：校内无空地，仍缺 4,503 平方米{FLOOR}",
        144.0: f"{UNRESOLVED}：校内空地（两个方案建设前）144 平方米已全部用于本方案的室外体育运动场地，"
               f"仍缺 4,359 平方米{FLOOR}"}
    # the county's CV row names the limits of what the plan builds: no hall here, so not the
    # hall cap (brief va 1)
    assert reasons[0.0][1].startswith(f"{UNRESOLVED}：各校体育运动场馆以本校缺口和校内空地为限，"
                                      "差异系数仍超过限值；")


def test_a_school_with_senior_pupils_says_how_its_spare_ground_is_split():
    # review rv 12: 第四中学 「校内空地 12,700 平方米已全部用于本方案的室外体育运动场地」 while the
    # plan builds its compulsory share only: 12,700 × 18.37 % = 2,332.99 → 2,333 m²; 高中's
    # part is 12,700 − 2,333 = 10,367 m² (整改措施's 与高中共用 note says the same figures)
    import types

    import pandas as pd

    from junheng.planning.compliance_unresolved import sports_limit

    schools = pd.DataFrame({"school_id": ["S"], "ground": [12_700 * 0.1837],
                            "share_compulsory": [0.1837]})
    p = types.SimpleNamespace(schools=schools, costs=types.SimpleNamespace(gym_max_area=3000.0))
    assert sports_limit(p, "S") == (
        "校内空地（两个方案建设前）12,700 平方米已全部用于室外体育运动场地（与高中共用，义务教育阶段分摊 2,333 平方米"
        "由本方案建设，高中分摊 10,367 平方米由高中经费安排，不计入本方案投资）")
    # rv2 3: the model lays whole m², 2,199 of 第四中学's 2,199.69 (12,701 × 17.319 %): a block of
    # 2,199 / 0.17319 = 12,697 m², 高中's 12,697 − 2,199 = 10,498, and 12,701 − 12,697 = 4 m² left,
    # the figures of the combined plan (it read 「12,701 已全部用于…高中分摊 10,502」)
    schools = pd.DataFrame({"school_id": ["S"], "ground": [2_199.0], "share_compulsory": [2_199 / 12_697.01],
                            "ground_whole": [12_701.0], "ground_layout": [0.0]})
    p = types.SimpleNamespace(schools=schools, costs=types.SimpleNamespace(gym_max_area=3000.0))
    assert sports_limit(p, "S") == (
        "校内空地（两个方案建设前）12,701 平方米，建室外体育运动场地整块 12,697 平方米（与高中共用，义务教育阶段分摊 "
        "2,199 平方米由本方案建设，高中分摊 10,498 平方米由高中经费安排，不计入本方案投资）后余 4 平方米")
