"""The independent checker's part for the receivers' per-pupil areas, rules (14)–(15) of
:mod:`~junheng.planning.layout_model`: re-derived from the problem's per-site area terms
(``AREA_COLUMNS``, from the county's facilities) and the plan's JSON (the pupils it assigns
per stage and the classrooms it adds), not from the solver's variables; a 城镇 receiver's
hall is whole or none, rule (17), by the rule of :mod:`~junheng.planning.halls` the 达标路径
builds by. A plan whose reported
areas or area cost differ from the re-derived ones is rejected.

A new school's teaching and auxiliary area to the standard, term (16), is re-derived from its
planned pupils per stage and the standard class sizes (:func:`standard_yuan`), and each
school's construction (``capital_yuan``: rooms, beds, a new school's base cost and that area)
from the unit prices (:func:`construction`): a plan whose stated cost leaves it out is refused."""

from __future__ import annotations

from typing import Any

from junheng.planning.halls import cheapest_hall
from junheng.planning.layout_areas import SPORTS, TEACHING, standard_top_up, teaching_price
from junheng.planning.layout_data import LayoutProblem

#: reported m² are rounded to whole m², costs to whole 元
M2_TOL, YUAN_TOL = 0.5 + 1e-6, 1.0 + 1e-6


def _violation(message: str):
    from junheng.planning.layout_check import PlanViolation

    return PlanViolation(message)


def site_area(site, primary: float, junior: float, rooms: float,
              weight: float) -> tuple[float, float, float]:
    """(teaching m², hall or field m², m² beyond the hall cap or without a hall) of one site's
    row; a hall is built whole or not at all, rule (17), whichever costs less with the weight
    ``weight`` per m² left (:func:`~junheng.planning.halls.cheapest_hall`)."""
    if "area_on" not in site or not bool(site["area_on"]):
        return 0.0, 0.0, 0.0
    teach = max(0.0, TEACHING["primary"] * primary + TEACHING["junior"] * junior
                - float(site["area_teaching_have"]) - float(site["area_room_m2"]) * rooms)
    sports = max(0.0, SPORTS["primary"] * primary + SPORTS["junior"] * junior
                 - float(site["area_sports_have"]))
    least = float(site["area_hall_least"]) if "area_hall_least" in site else 0.0
    built, left = cheapest_hall(sports, least, float(site["area_hall_cap"]),
                                float(site["area_sports_yuan"]), weight)
    return teach, float(built), float(left)


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
                            float(s["added_classrooms"]), w.hall_beyond_cap_yuan_per_m2)
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


def standard_yuan(problem: LayoutProblem, schools: dict[str, dict], load) -> dict[str, float]:
    """Per new school, the one-off 元 of its teaching and auxiliary area to the standard beyond
    its classrooms, term (16); raises where the plan reports another area or cost."""
    k = problem.config.costs
    out: dict[str, float] = {}
    for sid, s in schools.items():
        site = problem.sites.loc[sid]
        if s["action"] != "new" or bool(site["existing"]):
            continue
        got = load.get(sid, {})
        per_p, per_j = standard_top_up(float(site["class_size_primary"]),
                                       float(site["class_size_junior"]), k.classroom_area_m2)
        m2 = float(per_p) * got.get("primary", 0.0) + float(per_j) * got.get("junior", 0.0)
        out[sid] = teaching_price(k) * m2
        if abs(float(s.get("standard_area", m2)) - m2) > M2_TOL or abs(
                float(s.get("standard_area_yuan", out[sid])) - out[sid]) > YUAN_TOL:
            raise _violation(f"新建学校 {sid} 报告的按生均标准补足教学及辅助用房 "
                             f"{float(s.get('standard_area', 0.0)):,.0f} 平方米（{float(s.get('standard_area_yuan', 0.0)):,.0f} 元）"
                             f"与按分配学生重新计算的 {m2:,.0f} 平方米（{out[sid]:,.0f} 元）不符。")
    return out


def construction(cfg, s: dict, standard: dict[str, float]) -> float:
    """One-off 元 built at school ``s`` of the plan: its classrooms, bed blocks, and at a new
    school the base cost and its area to the standard (``standard``, from :func:`standard_yuan`)."""
    return (s["added_classrooms"] * cfg.costs.classroom()
            + s["added_beds"] // cfg.bed_block * cfg.costs.bed_block_cost(cfg.bed_block)
            + (cfg.costs.new_school_yuan + standard.get(s["school_id"], 0.0)
               if s["action"] == "new" else 0.0))


def check_construction(cfg, schools: dict[str, dict], standard: dict[str, float]) -> None:
    """Refuse a school whose stated construction (``capital_yuan``) is not what its rooms,
    beds and, at a new school, its base cost and area to the standard cost."""
    for sid, s in schools.items():
        if "capital_yuan" not in s:
            continue
        cost = construction(cfg, s, standard)
        stated = float(s["capital_yuan"])
        if abs(stated - cost) > 2 * YUAN_TOL:
            left = standard.get(sid, 0.0)
            why = (f"：新建学校按生均标准补足的教学及辅助用房（{left:,.0f} 元）未计入"
                   if left and abs(stated + left - cost) <= 2 * YUAN_TOL else "")
            raise _violation(f"学校 {sid} 报告的建设投资 {stated:,.0f} 元与按新增教室、床位和新建学校"
                             f"重新计算的 {cost:,.0f} 元不符{why}。")
