"""The independent checker's part for the receivers' per-pupil areas, rules (14)–(15) of
:mod:`~junheng.planning.layout_model`: re-derived from the problem's per-site area terms
(``AREA_COLUMNS``, from the county's facilities) and the plan's JSON (the pupils it assigns
per stage and the classrooms it adds), not from the solver's variables; a 城镇 receiver's
hall is whole or none, rule (17), by the rule of :mod:`~junheng.planning.halls` the 达标路径
builds by, and a receiver's hall or field stays on the spare ground its own gap leaves
(``area_ground_left``, rules (15), (22); brief va2). A plan whose reported areas or area cost
differ from the re-derived ones, or whose sports area exceeds that ground, is rejected.

A new school's package, term (16) (:mod:`~junheng.planning.layout_newsite`: its teaching and
auxiliary area to the standard, sports field and equipment for its pupils plus the fill
margin, its rooms for them, its teacher posts), is re-derived from its planned pupils per
stage and the standard class sizes (:func:`standard_yuan`, :func:`check_new_staff`), and each
school's construction (``capital_yuan``: rooms, beds, a new school's base cost and package)
from the unit prices (:func:`construction`): a plan whose stated cost leaves it out is refused."""

from __future__ import annotations

import math
from typing import Any

from junheng.planning.layout_areas import SPORTS, TEACHING, teaching_price
from junheng.planning.layout_check_near import Problems, school_label
from junheng.planning.layout_data import LayoutProblem
from junheng.planning.layout_land import hall_field_land, land_caps, land_price, whole_ground_left

#: reported m² are rounded to whole m², costs to whole 元
M2_TOL, YUAN_TOL = 0.5 + 1e-6, 1.0 + 1e-6


def site_area(site, primary: float, junior: float, rooms: float, weight: float,
              field_yuan: float, land: float = 0.0, land_yuan: float = 0.0
              ) -> tuple[float, float, float, float, float]:
    """(teaching m², hall m², field m², land m² bought beside it (rule (25): at most
    ``land`` m² at ``land_yuan`` a m², where the field's ground is known), m² beyond the hall
    cap or the field's ground or without either) of one site's row, its sports need per pupil its ``area_sports_*`` (the
    one need of both plans, :func:`~.layout_areas.sports_per_pupil`; SPORTS in frames of
    before); a hall is built whole or not at all, rule (17), a
    field on the school's own ground, one of them, rule (22), whichever costs less with the
    weight ``weight`` per m² left (:func:`~junheng.planning.halls.hall_or_field`)."""
    if "area_on" not in site or not bool(site["area_on"]):
        return 0.0, 0.0, 0.0, 0.0, 0.0
    teach = max(0.0, TEACHING["primary"] * primary + TEACHING["junior"] * junior
                - float(site["area_teaching_have"]) - float(site["area_room_m2"]) * rooms)
    sp, sj = (float(site.get("area_sports_primary", SPORTS["primary"])),
              float(site.get("area_sports_junior", SPORTS["junior"])))
    sports = max(0.0, sp * primary + sj * junior - float(site["area_sports_have"]))
    least = float(site["area_hall_least"]) if "area_hall_least" in site else 0.0
    cap = float(site["area_hall_cap"])
    field_cap = (float(site["area_field_cap"]) if "area_field_cap" in site
                 else (math.inf if math.isinf(cap) else 0.0))
    hall, field, bought, left = (float(v[0]) for v in hall_field_land(
        [sports], [least], [0.0 if math.isinf(cap) else cap], float(site["area_sports_yuan"]),
        [field_cap], field_yuan, [land if math.isfinite(field_cap) else 0.0], land_yuan, weight,
        whole_ground_left([site.get("area_ground_whole", math.nan)], [float(site["area_sports_have"])],
                          [float(site.get("area_sports_now", site["area_sports_have"]))])))
    return teach, hall, field, bought, left


def check_areas(problem: LayoutProblem, plan: dict[str, Any], schools: dict[str, dict],
                load, data=None) -> tuple[dict[str, float], float]:
    """Per school, the one-off area cost (元) re-derived, and their yearly objective term
    (the weight beyond the hall cap included); raises on any reported figure that differs."""
    cfg = problem.config
    k, w = cfg.costs, cfg.weights
    price = k.yuan_per_m2 if k.yuan_per_m2 is not None else k.teaching_yuan_per_m2
    costs: dict[str, float] = {}
    yearly, found = 0.0, Problems()
    for sid, s in schools.items():
        site = problem.sites.loc[sid]
        got = load.get(sid, {})
        most = float(land_caps([sid], cfg)[0])
        t, g, f, bought, u = site_area(site, got.get("primary", 0.0), got.get("junior", 0.0),
                                       float(s["added_classrooms"]), w.hall_beyond_cap_yuan_per_m2,
                                       k.field_yuan_per_m2, most, land_price(k))
        if float(s.get("sports_land_area", 0.0)) > most + M2_TOL:  # (25)
            found.add(f"{school_label(problem, sid)}报告的扩充体育运动场地用地 {float(s.get('sports_land_area', 0.0)):,.0f} 平方米"
                      f"超出该校可取得的相邻用地上限 {most:,.0f} 平方米。")
        left = float(site["area_ground_left"]) if "area_ground_left" in site else math.nan
        if math.isfinite(left) and float(s.get("added_sports_area", 0.0)) > left + M2_TOL:
            found.add(f"{school_label(problem, sid)}报告的接收学校补足体育运动场馆 {float(s.get('added_sports_area', 0.0)):,.0f} "
                      f"平方米超出留足本校缺口后的校内空地 {left:,.0f} 平方米（本校缺口的场地留给达标路径）。")
        # a field priced on the whole m² the plan states (layout_areas.planned_areas)
        land_yuan = land_price(k) * round(bought)  # (25), on the whole m² stated
        cost = price * t + float(site["area_sports_yuan"]) * g + k.field_yuan_per_m2 * round(f) + land_yuan
        for key, value, label in (("added_teaching_area", t, "教学及辅助用房"),
                                  ("added_sports_area", g + f, "体育运动场馆"),
                                  ("sports_land_area", bought, "扩充体育运动场地用地"),
                                  ("sports_beyond_cap_area", u, "未能补足的体育运动场馆")):
            if abs(float(s.get(key, 0.0)) - value) > M2_TOL:
                found.add(f"{school_label(problem, sid)}报告的接收学校补足{label}面积 {float(s.get(key, 0.0)):,.0f} 平方米"
                          f"与按分配学生重新计算的 {value:,.0f} 平方米不符。")
        if abs(float(s.get("sports_land_yuan", 0.0)) - land_yuan) > YUAN_TOL:
            found.add(f"{school_label(problem, sid)}报告的扩充体育运动场地用地费用 {float(s.get('sports_land_yuan', 0.0)):,.0f} 元"
                      f"与按相邻用地和室外体育运动场地单价重新计算的 {land_yuan:,.0f} 元不符。")
        if abs(float(s.get("area_yuan", 0.0)) - cost) > YUAN_TOL:
            found.add(f"{school_label(problem, sid)}报告的接收学校补足生均面积费用 {float(s.get('area_yuan', 0.0)):,.0f} 元"
                      f"与按分配学生重新计算的 {cost:,.0f} 元不符。")
        costs[sid] = cost
        yearly += (cost + w.hall_beyond_cap_yuan_per_m2 * u) / w.capital_years
    ground_problems(problem, plan, found, data)
    reported = (plan.get("metrics") or {}).get("after", {}).get("receiver_area_yuan")
    # the total is the sum of the schools' costs each rounded to 0.01 万元 (layout_outcome.shown_yuan)
    if reported is not None and abs(float(reported) - sum(costs.values())) > 50 * max(
            1, len(costs)) + YUAN_TOL:
        found.add(f"方案报告的接收学校补足生均面积费用合计 {float(reported):,.0f} 元与各校重新计算之和 "
                  f"{sum(costs.values()):,.0f} 元不符。")
    found.raise_any()
    return costs, yearly


def ground_problems(problem: LayoutProblem, plan: dict[str, Any], found: Problems, data=None) -> None:
    """A school's spare ground holds everything on it in the same years (brief hb 2): per
    school, the ground its 装配式 rooms may stand on re-derived from the problem's area terms
    and the plan's pupils (:func:`~.layout_ground.room_ground`) and the rooms of its
    peak year (:func:`~.layout_ground.temporary_peaks` of the plan's 过渡期); a plan stating
    another ground, or more rooms on it than that ground holds or than it has, goes into
    ``found``. With the county ``data`` a school shared with 高中 is split by the plan's pupils
    (:func:`~.layout_areas.planned_share`), as the plan states it. Plans stored before (no
    ``room_ground_m2``) are not checked for it."""
    from junheng.planning.layout_areas import planned_share
    from junheng.planning.layout_ground import room_ground, temporary_peaks
    from junheng.planning.layout_json import layout_from_json

    sites = problem.sites
    if "area_sports_now" not in sites:
        return
    per_room = problem.config.costs.temporary_room_ground_m2
    outcome = layout_from_json(plan)
    peaks = temporary_peaks(outcome)
    by_id = {s.school_id: s for s in outcome.schools}
    shares = planned_share(outcome, data).to_dict() if data is not None else {}
    for s in plan["schools"]:
        sid = s["school_id"]
        if s.get("room_ground_m2") is None or sid not in sites.index:
            continue
        room = room_ground(sites.loc[sid], s.get("students_after") or {}, s["action"], shares.get(sid))
        if room is None:
            continue
        label, on, most = school_label(problem, sid), int(s.get("ground_rooms") or 0), peaks.get(sid, 0)
        if abs(float(s["room_ground_m2"]) - room) > M2_TOL:
            found.add(f"{label}报告的体育运动场馆占用后可搭建临时教室的校内空地 {float(s['room_ground_m2']):,.0f} 平方米"
                      f"与重新计算的 {room:,.0f} 平方米不符。")
        if on * per_room > room + M2_TOL:
            found.add(f"{label}在校内空地搭建 {on:,} 间装配式临时教室，按每间 {per_room:,.0f} 平方米需 "
                      f"{on * per_room:,.0f} 平方米，超出体育运动场馆占用后余下的 {room:,.0f} 平方米（校内空地须同时容纳"
                      "同一学年的临时教室、室内体育馆和室外体育运动场地）。")
        if on > most:
            found.add(f"{label}报告在校内空地搭建 {on:,} 间装配式临时教室，多于其临时周转最多的学年的 {most:,} 间。")
        if "unsited_rooms" in s:
            unsited_problem(label, by_id[sid], room, int(s["unsited_rooms"]), problem.config.costs.classroom_area_m2, found)


def unsited_problem(label: str, school, room: float, said: int, area: float, found: Problems) -> None:
    """An expanding school whose new rooms' least footprint (rooms × ``area`` ÷ the storeys the design code
    allows, :func:`~.layout_footprint.footprint`) exceeds the re-derived ground its sports builds
    leave (``room``) has no site for them: the plan must state them as ``unsited_rooms`` (not
    built until the ground is settled), and none where they fit (review rv14 N4). ``said``: the
    plan's figure; a plan counting such rooms as built goes into ``found``.

    >>> from junheng.planning.layout_outcome import PlannedSchool
    >>> s = PlannedSchool("X", "新区实验学校", "expand", added_classrooms=6, added_classrooms_by_stage={"junior": 6})
    >>> found = Problems()
    >>> unsited_problem("新区实验学校", s, 0.0, 0, 120.0, found)
    >>> found.lines  # 6 × 120 ÷ 5 = 144 m² on 0 m²
    ['新区实验学校新建教室 6 间，按教学用房层数上限计占地至少 144 平方米，体育运动场馆占用后校内空地余 0 平方米，放不下，方案却按已建成计（须标明用地未定 6 间，须先核定用地）。']
    >>> found = Problems(); unsited_problem("新区实验学校", s, 144.0, 0, 120.0, found); found.lines
    []
    """
    from junheng.planning.layout_footprint import built_rooms_of, footprint

    rooms, need = built_rooms_of(school), footprint(school, area)
    want = rooms if school.action == "expand" and need > room + M2_TOL else 0  # a new school has its own site
    if said == want:
        return
    if want:
        found.add(f"{label}新建教室 {rooms:,} 间，按教学用房层数上限计占地至少 {math.ceil(need - 1e-9):,} 平方米，"
                  f"体育运动场馆占用后校内空地余 {room:,.0f} 平方米，放不下，方案却按已建成计（须标明用地未定 {rooms:,} 间，"
                  "须先核定用地）。")
    else:
        found.add(f"{label}报告用地未定的新建教室 {said:,} 间，重新计算为 {want:,} 间。")


def standard_yuan(problem: LayoutProblem, schools: dict[str, dict], load) -> dict[str, float]:
    """Per new school, the one-off 元 of its per-pupil package (term (16)) re-derived from the
    standards for its planned pupils plus the fill margin: the teaching and auxiliary area
    beyond its classrooms, the sports field and the equipment; raises where the plan reports
    another area, cost or teacher posts, or rooms too few for the design pupils."""
    cfg = problem.config
    k, fill = cfg.costs, 1.0 + cfg.new_school_fill_margin
    equipment = {"primary": k.new_school_equipment_yuan_primary,
                 "junior": k.new_school_equipment_yuan_junior}
    out: dict[str, float] = {}
    problems = Problems()
    for sid, s in schools.items():
        site = problem.sites.loc[sid]
        if s["action"] != "new" or bool(site["existing"]):
            continue
        got = {st: fill * load.get(sid, {}).get(st, 0.0) for st in ("primary", "junior")}
        sizes = {st: float(site[f"class_size_{st}"]) for st in got}
        rooms = s.get("added_classrooms_by_stage") or {}
        for st, design in got.items():
            if float(rooms.get(st, 0)) * sizes[st] < design - 1e-4:
                problems.add(f"新建学校{school_label(problem, sid)}的{'小学' if st == 'primary' else '初中'}教室 "
                             f"{int(rooms.get(st, 0))} 间不足以容纳含余量的设计学生 {design:,.1f} 人。")
        found = {
            "standard_area": sum(max(TEACHING[st] - k.classroom_area_m2 / sizes[st], 0.0) * n
                                 for st, n in got.items()),
            "field_area": sum(SPORTS[st] * n for st, n in got.items()),
            "equipment_yuan": sum(equipment[st] * n for st, n in got.items())}
        found["standard_area_yuan"] = teaching_price(k) * found["standard_area"]
        found["field_yuan"] = k.field_yuan_per_m2 * found["field_area"]
        for key, label in (("standard_area", "按生均标准补足的教学及辅助用房（平方米）"),
                           ("standard_area_yuan", "按生均标准补足的教学及辅助用房费用（元）"),
                           ("field_area", "室外运动场（平方米）"), ("field_yuan", "室外运动场费用（元）"),
                           ("equipment_yuan", "教学仪器设备费用（元）")):
            tol = M2_TOL if key.endswith("area") else YUAN_TOL
            if abs(float(s.get(key, found[key])) - found[key]) > tol:
                problems.add(f"新建学校{school_label(problem, sid)}报告的{label} {float(s.get(key, 0.0)):,.0f} "
                             f"与按分配学生（含余量）重新计算的 {found[key]:,.0f} 不符。")
        posts = _posts(load.get(sid, {}))
        if int(s.get("teacher_posts", posts)) != posts:
            problems.add(f"新建学校{school_label(problem, sid)}报告的教师编制 {int(s.get('teacher_posts', 0))} 人"
                         f"与按分配学生和生师比重新计算的 {posts} 人不符。")
        out[sid] = found["standard_area_yuan"] + found["field_yuan"] + found["equipment_yuan"]
    problems.raise_any()
    return out


def _posts(load: dict) -> int:
    """Teacher posts of a new school's pupils by the 生师比, rounded up."""
    from junheng.teachers.rules import load_rules

    ratio = load_rules().student_ratio
    return math.ceil(load.get("primary", 0.0) / ratio["primary"]
                     + load.get("junior", 0.0) / ratio["junior"] - 1e-9)


def check_new_staff(cfg, plan: dict[str, Any], schools: dict[str, dict], load) -> None:
    """Refuse a plan whose staffing ledger does not add up (re-checked from its rows) or whose
    yearly 新聘教师人员经费 is not the ledger's hires × ``teacher_yuan_per_year`` (teachers
    moved to a new school are already paid: its posts are not priced)."""
    from junheng.planning.staffing_ledger import LedgerImbalance, StaffingLedger

    after = (plan.get("metrics") or {}).get("after", {})
    if "hire_staff_yuan" not in after:
        return
    doc = plan.get("staffing")
    ledger = StaffingLedger.from_dict(doc) if doc else None
    found = Problems()
    if ledger is not None:
        try:
            ledger.check()
        except LedgerImbalance as exc:
            found.add(str(exc))
    hires = ledger.county()["hire"] if ledger is not None else 0
    want = hires * cfg.weights.teacher_yuan_per_year
    if abs(float(after["hire_staff_yuan"]) - want) > YUAN_TOL:
        found.add(f"方案报告的新聘教师人员经费 {float(after['hire_staff_yuan']):,.0f} 元"
                  f"与按编制需招聘 {hires} 人重新计算的 {want:,.0f} 元不符。")
    found.raise_any()


def construction(cfg, s: dict, standard: dict[str, float]) -> float:
    """One-off 元 built at school ``s`` of the plan: its classrooms, bed blocks, and at a new
    school the base cost and its area to the standard (``standard``, from :func:`standard_yuan`)."""
    return (s["added_classrooms"] * cfg.costs.classroom()
            + s["added_beds"] // cfg.bed_block * cfg.costs.bed_block_cost(cfg.bed_block)
            + (cfg.costs.new_school_yuan + standard.get(s["school_id"], 0.0)
               if s["action"] == "new" else 0.0))


def check_construction(problem: LayoutProblem, schools: dict[str, dict], standard: dict[str, float]
                       ) -> None:
    """Refuse a school whose stated construction (``capital_yuan``) is not what its rooms,
    beds and, at a new school, its base cost and area to the standard cost."""
    cfg, found = problem.config, Problems()
    for sid, s in schools.items():
        if "capital_yuan" not in s:
            continue
        cost = construction(cfg, s, standard)
        stated = float(s["capital_yuan"])
        if abs(stated - cost) > 2 * YUAN_TOL:
            left = standard.get(sid, 0.0)
            why = (f"：新建学校按生均标准配套的教学及辅助用房、运动场和设备（{left:,.0f} 元）未计入"
                   if left and abs(stated + left - cost) <= 2 * YUAN_TOL else "")
            found.add(f"{school_label(problem, sid)}报告的建设投资 {stated:,.0f} 元与按新增教室、床位和新建学校"
                      f"重新计算的 {cost:,.0f} 元不符{why}。")
    found.raise_any()
