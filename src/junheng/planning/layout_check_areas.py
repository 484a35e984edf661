"""The independent checker's part for the receivers' per-pupil areas, rules (14)–(15) of
:mod:`~junheng.planning.layout_model`: re-derived from the problem's per-site area terms
(``AREA_COLUMNS``, from the county's facilities) and the plan's JSON (the pupils it assigns
per stage and the classrooms it adds), not from the solver's variables. A plan whose reported
areas or area cost differ from the re-derived ones is rejected."""

from __future__ import annotations

from typing import Any

from junheng.planning.layout_areas import SPORTS, TEACHING
from junheng.planning.layout_data import LayoutProblem

#: reported m² are rounded to whole m², costs to whole 元
M2_TOL, YUAN_TOL = 0.5 + 1e-6, 1.0 + 1e-6


def _violation(message: str):
    from junheng.planning.layout_check import PlanViolation

    return PlanViolation(message)


def site_area(site, primary: float, junior: float, rooms: float) -> tuple[float, float, float]:
    """(teaching m², hall or field m², m² beyond the hall cap) of one site's row."""
    if "area_on" not in site or not bool(site["area_on"]):
        return 0.0, 0.0, 0.0
    teach = max(0.0, TEACHING["primary"] * primary + TEACHING["junior"] * junior
                - float(site["area_teaching_have"]) - float(site["area_room_m2"]) * rooms)
    sports = max(0.0, SPORTS["primary"] * primary + SPORTS["junior"] * junior
                 - float(site["area_sports_have"]))
    built = min(sports, float(site["area_hall_cap"]))
    return teach, built, sports - built


def check_areas(problem: LayoutProblem, plan: dict[str, Any], schools: dict[str, dict],
                load) -> tuple[dict[str, float], float]:
    """Per school, the one-off area cost (元) re-derived, and their yearly objective term
    (the weight beyond the hall cap included); raises on any reported figure that differs."""
    cfg = problem.config
    k, w = cfg.costs, cfg.weights
    price = k.yuan_per_m2 if k.yuan_per_m2 is not None else k.teaching_yuan_per_m2
    costs: dict[str, float] = {}
    yearly = 0.0
    for sid, s in schools.items():
        site = problem.sites.loc[sid]
        got = load.get(sid, {})
        t, g, u = site_area(site, got.get("primary", 0.0), got.get("junior", 0.0),
                            float(s["added_classrooms"]))
        cost = price * t + float(site["area_sports_yuan"]) * g
        for key, value, label in (("added_teaching_area", t, "教学及辅助用房"),
                                  ("added_sports_area", g, "体育运动场馆"),
                                  ("sports_beyond_cap_area", u, "超出室内体育馆上限的体育运动场馆")):
            if abs(float(s.get(key, 0.0)) - value) > M2_TOL:
                raise _violation(f"学校 {sid} 报告的接收学校补足{label}面积 {float(s.get(key, 0.0)):,.0f} 平方米"
                                 f"与按分配学生重新计算的 {value:,.0f} 平方米不符。")
        if abs(float(s.get("area_yuan", 0.0)) - cost) > YUAN_TOL:
            raise _violation(f"学校 {sid} 报告的接收学校补足生均面积费用 {float(s.get('area_yuan', 0.0)):,.0f} 元"
                             f"与按分配学生重新计算的 {cost:,.0f} 元不符。")
        costs[sid] = cost
        yearly += (cost + w.hall_beyond_cap_yuan_per_m2 * u) / w.capital_years
    reported = (plan.get("metrics") or {}).get("after", {}).get("receiver_area_yuan")
    if reported is not None and abs(float(reported) - sum(costs.values())) > YUAN_TOL * max(
            1, len(costs)):
        raise _violation(f"方案报告的接收学校补足生均面积费用合计 {float(reported):,.0f} 元与各校重新计算之和 "
                         f"{sum(costs.values()):,.0f} 元不符。")
    return costs, yearly
