"""A new school's site and its steps, from the plan's own figures (review rv15 2 and 14: the
plan built a 初中 with no named site and no timeline).

**Site** (:func:`site_text`). The model's candidate site is a point it computed, not a plot:
its coordinates (``lon``, ``lat`` of the plan's school row), the 乡镇, and the community it
serves that lies nearest to it (the plan's assignments: their ``distance_km``). Its land is
not in the county's data (no candidate site has any), so it is always 「需落实用地（待核实）」.
The land it needs at the least, by the plan's own areas::

    land ≥ (rooms × classroom_area_m2 + standard_area) ÷ FLOORS[stage] + field_area

(its classrooms and the rest of its teaching and auxiliary area to the 优质均衡 standard, on at
most 5 storeys for a 初中, 4 for a 小学 — 《中小学校设计规范》GB 50099-2011 第 4.3.2 条, as
:mod:`~.layout_footprint` — and its outdoor sports field σ a pupil): a lower bound; the land
of the 建设用地 standard (dormitories, roads, green space) is to be set by the 可研.

**Steps** (:func:`step_rows`). A new school opening in school year ``O`` (the data year + its
phase) is built in ``L`` = ``new_school_lead_years`` school years, paid in ``O − L`` … ``O − 1``
(:func:`~.layout_phases.pay_years`):

1. 立项、可研、选址与用地: its time 「用地落实后方可确定」 (:data:`LAND_FIRST`; review rv17 10:
   nine months from the plan date for a site that is no plot); its words say it must be done
   before the first school year it is paid in (9-1 of ``O − L``) or every step after slips;
2. 设计与建设: ``12 L`` months after the land is found: school years ``O − L`` to ``O − 1``
   if it is found before 9-1 of ``O − L``;
3. 招生: the ``L + 1``-th autumn term after the land is found, ``O`` if found by then: where the
   plan zones whole stage groups (``rezoning_grades`` whole, the default) the 片区's enrolled
   pupils of every grade move in that year (review rv17 1: not 「首届七年级入学」 beside
   「各年级齐全」 in the same year), else its first 七年级 (一年级 for a 小学);
4. 年级齐全: ``O`` under whole, else ``O`` + its grades − 1;
5. 启用前: the school years from the first the plan acts in to ``O − 1``: the 片区's pupils stay
   at their present schools, those over their seats named with the rooms they lack (the new
   school's 过渡期 rows before it opens, :mod:`~.layout_waiting`), met by 临时周转.

While the land is 待核实 (always, above) the school years of steps 2–5 are the plan's only if the
land is found before 9-1 of ``O − L`` (:func:`_if_land`, hfix8 3: fixed years beside a 立项 row
「用地落实后方可确定」); each later month of the land moves them on.
"""

from __future__ import annotations

from datetime import date

from junheng.model.numbers import year_range
from junheng.planning.layout_footprint import FLOORS

#: the heads of the steps table (布局调整方案 and its workbook)
STEP_HEADS = ("新建学校", "步骤", "学年（时间）", "内容")
#: the table's title (the Word table and the workbook's sheet)
STEP_TITLE = "新建学校实施步骤"
_GRADES = {"primary": (6, "一年级"), "junior": (3, "七年级")}
_WORDS = {"primary": "小学", "junior": "初中"}
_ALL = {"primary": "一至六年级", "junior": "七至九年级"}
#: the 立项 step's time: no candidate site is a plot the county holds (review rv17 10)
LAND_FIRST = "用地落实后方可确定"


def main_stage(school) -> str:
    """The stage with most of a new school's planned pupils, else of its rooms (a plan stored
    without its pupils), else its name's (``junior`` on a tie).

    >>> from junheng.planning.layout_outcome import PlannedSchool
    >>> main_stage(PlannedSchool("N", "城关新区小学", "new")), main_stage(PlannedSchool("N", "甲", "new"))
    ('primary', 'junior')
    """
    for got in (school.students_after or {}, school.added_classrooms_by_stage or {}):
        p, j = float(got.get("primary", 0)), float(got.get("junior", 0))
        if p or j:
            return "primary" if p > j else "junior"
    return "primary" if school.name.endswith("小学") else "junior"


def land_least(school, room_m2: float) -> float:
    """The land (m²) a new school needs at the least (module docstring)."""
    stage = main_stage(school)
    building = int(school.added_classrooms) * room_m2 + float(school.standard_area)
    return building / FLOORS[stage] + float(school.field_area)


def nearest_served(plan, school) -> tuple[str, float] | None:
    """The community the new school serves that lies nearest to it, and its km; None without."""
    mine = [a for a in plan.assignments if a.school_id == school.school_id and a.village_name]
    if not mine:
        return None
    near = min(mine, key=lambda a: (a.distance_km, a.village_name))
    return near.village_name, float(near.distance_km)


def site_text(plan, school, town: str = "") -> str:
    """A new school's candidate site and its land in words (module docstring)."""
    room_m2 = float((plan.costs or {}).get("classroom_area_m2") or 120.0)
    stage = main_stage(school)
    near = nearest_served(plan, school)
    where = (f"位于{town}" if town else "") + (
        f"，坐标东经 {school.lon:.4f} 度、北纬 {school.lat:.4f} 度" if school.lon is not None and school.lat is not None else "")
    close = f"，距其服务片区中最近的{near[0]}约 {near[1]:.1f} 公里" if near else ""
    building = int(school.added_classrooms) * room_m2 + float(school.standard_area)
    return (f"{school.name}校址：本方案按片区学生分布测算的候选校址{where}{close}，不是已确定的地块。"
            f"用地：按本方案规模，校舍（普通教室 {int(school.added_classrooms)} 间及其他教学辅助用房）建筑面积约 "
            f"{building:,.0f} 平方米，按教学用房至多 {FLOORS[stage]} 层计占地约 {building / FLOORS[stage]:,.0f} 平方米，"
            + (f"室外体育运动场地约 {float(school.field_area):,.0f} 平方米，" if school.field_area > 0 else "")
            + f"合计用地至少约 {land_least(school, room_m2):,.0f} 平方米"
            "（宿舍、道路、绿化等用地按建设用地标准在可研中核定）；县域数据中没有该处的用地，需落实用地（待核实）。")


def opening_year(plan, school) -> int | None:
    """The school year a new school first takes pupils: the data year + its phase."""
    if not plan.year or not school.phase:
        return None
    return int(plan.year) + int(school.phase)


def _plan_day(plan) -> date | None:
    text = (plan.rules or {}).get("plan_date")
    return date.fromisoformat(str(text)) if text else None


def waiting_words(plan, school, opens: int) -> tuple[int, str]:
    """(the first school year before it opens, what its 片区's pupils do then): its 过渡期 rows
    before ``opens``, each present school over its seats with the most pupils over and rooms
    short in those years."""
    from junheng.planning.layout_phases import first_school_year

    rows = sorted((r for r in plan.transition if r.school_id == school.school_id and r.year < opens),
                  key=lambda r: r.year)
    day = _plan_day(plan)
    first = rows[0].year if rows else (first_school_year(day) if day else opens)
    if first >= opens:
        return opens, ""
    most: dict[str, tuple[int, int, list[int]]] = {}
    for r in rows:
        for sid, over, short in r.crowded_at:
            o, s, years = most.get(sid, (0, 0, []))
            most[sid] = (max(o, int(over)), max(s, int(short)), [*years, r.year])
    names = plan.names
    crowded = "；".join(f"{names.get(k, k)} {year_range(min(y), max(y))} 学年超出学位最多 {o:,} 人、"
                       f"临时周转最多 {s} 间" for k, (o, s, y) in most.items() if s > 0 or o > 0)
    text = ("片区学生留在现就读学校" + (f"：{crowded}" if crowded else "，现就读学校均有学位，不需临时周转"))
    return first, text


def school_steps(plan, school) -> list[list[str]]:
    """One new school's rows of :data:`STEP_HEADS` (module docstring); [] without its opening."""
    from junheng.planning.layout_phases import pay_years

    opens = opening_year(plan, school)
    if opens is None:
        return []
    rules = plan.rules or {}
    lead = int(rules.get("new_school_lead_years") or 0)
    pay = pay_years(opens, lead)
    stage = main_stage(school)
    grades, entry = _GRADES[stage]
    day = _plan_day(plan)
    whole = rules.get("rezoning_grades", "whole") != "entry"
    full = opens if whole else opens + grades - 1
    pupils = (f"；规划年 {plan.target_year} 学年{_WORDS[stage]} {n:,} 人"
              if (n := int((school.students_after or {}).get(stage, 0))) else "")
    rows = [
        ["立项、可研、选址与用地", LAND_FIRST,
         f"候选校址不是已确定的地块，用地落实后完成立项、可行性研究、选址和用地手续；按本方案须在建设资金安排的首个学年"
         f"（{pay[0]} 学年）开始前即 {pay[0]} 年 8 月前完成" + (f"（编制日期 {day.year} 年 {day.month} 月）" if day else "")
         + "，否则以下各步相应顺延"],
        ["设计与建设", (f"用地落实后约 {lead * 12} 个月" if lead else "用地落实后当学年") + _if_land(pay[0], pay[0], pay[-1]),
         f"建设周期 {lead} 学年（本方案参数“新建学校建设周期”）" if lead else "当学年建成"],
        ["招生启用", f"用地落实后第 {lead + 1} 个秋季学期" + _if_land(pay[0], opens),
         (f"启用当学年片区{_ALL[stage]}在读学生整体转入，各年级同时开班" if whole else f"首届{entry}入学") + pupils],
        ["年级齐全", ("启用当学年" if whole else f"启用后第 {grades} 个学年") + _if_land(pay[0], full),
         "启用当学年即各年级齐全" if whole else f"此前片区在读学生留原校就读，逐年招生至 {full} 学年各年级齐全"],
    ]
    first, wait = waiting_words(plan, school, opens)
    if wait:
        rows.append(["启用前过渡", "启用前" + _if_land(pay[0], first, opens - 1),
                     f"{wait}；用地晚于 {pay[0]} 年 8 月落实的，过渡期相应延长"])
    return [[school.name, *row] for row in rows]


def _if_land(paid_from: int, first: int, last: int | None = None) -> str:
    """「（2027 年 8 月前落实用地的，为 2027—2028 学年）」: a step's school years under the plan,
    which hold only if the land is found before the first school year it is paid in (hfix8 3:
    fixed years beside a 立项 row 「用地落实后方可确定」).

    >>> _if_land(2027, 2027, 2028), _if_land(2027, 2029)
    ('（2027 年 8 月前落实用地的，为 2027—2028 学年）', '（2027 年 8 月前落实用地的，为 2029 学年）')
    """
    years = year_range(first, first if last is None else last)
    return f"（{paid_from} 年 8 月前落实用地的，为 {years} 学年）"


def step_rows(plan) -> list[list[str]]:
    """Every new school's rows of :data:`STEP_HEADS`, in the plan's order."""
    return [row for s in plan.schools if s.action == "new" for row in school_steps(plan, s)]


def site_lines(plan) -> list[str]:
    """Every new school's :func:`site_text`, its 乡镇 named from the plan's school names (not
    said where none names it: a code is no place to a planner)."""
    from junheng.model.places import town_names_from

    names = town_names_from((s.town_code, s.name) for s in plan.schools)
    return [site_text(plan, s, names.get(str(s.town_code), "")) for s in plan.schools if s.action == "new"]
