"""A project's new school the plan leaves mostly empty, with its figures (brief hcity 2:
城东新区第二小学 at 20 % in 2030 said why only by the bus money of zoning more communities to it).

From the plan alone (``plan.json``): the communities zoned to it in the target year and their
pupils (the forecast's, :attr:`~.layout_outcome.VillageAssignment.students`), its pupils school
year by school year (``year_pupils``), and what follows: 分批启用 — the rooms its most pupils
need, their stage's grades taken as even (pupils ÷ grades, classes of the standard size, each
grade rounded up), opened first; the rest of its rooms (its seats ÷ the class size) when the
pupils come.
"""

from __future__ import annotations

import math

from junheng.planning.layout_lend import STAGES, class_size
from junheng.planning.layout_outcome import LayoutOutcome

_GRADES = {"primary": 6, "junior": 3}


def even_rooms(pupils: int, grades: int, size: int) -> int:
    """The classes of ``pupils`` spread evenly over ``grades`` grades of ``size`` a class.

    >>> even_rooms(423, 6, 45), even_rooms(0, 6, 45), even_rooms(540, 6, 45)
    (12, 0, 12)

    (423 ÷ 6 = 70.5 a grade → 2 classes of 45 → 12; 540 ÷ 6 = 90 → 2 → 12.)
    """
    return grades * math.ceil(pupils / grades / size - 1e-9) if pupils > 0 else 0


def batches_words(plan: LayoutOutcome, school_id: str) -> str:
    """The sentence on where ``school_id``'s pupils come from and its 分批启用 (module
    docstring); "" for a school of both stages, without rooms or without ``year_pupils``."""
    s = next((x for x in plan.schools if x.school_id == school_id), None)
    stages = [st for st in STAGES if s is not None and int(s.lasting_capacity.get(st, 0)) > 0]
    if s is None or len(stages) != 1 or not plan.year_pupils:
        return ""
    st = stages[0]
    size = class_size(plan, st)
    rooms = int(s.lasting_capacity[st]) // size
    years = {y: n for y, k, g, n in plan.year_pupils if k == school_id and g == st}
    if not rooms or not years:
        return ""
    zoned: dict[str, int] = {}
    for a in plan.assignments:
        if a.school_id == school_id:
            zoned[a.village_name or a.village_id] = zoned.get(a.village_name or a.village_id, 0) + a.students
    peak = max(years, key=lambda y: (years[y], -y))
    need = even_rooms(years[peak], _GRADES[st], size)
    come = "、".join(f"{k} {n:,} 人" for k, n in sorted(zoned.items(), key=lambda kv: -kv[1]))
    trend = "、".join(f"{y} 学年 {n:,} 人" for y, n in sorted(years.items()))
    first, last = min(years), max(years)
    later = ("待片区学生增加或周边学校片区划入后再启用" if years[last] > years[first] else
             f"按预测本校学生 {first}—{last} 学年减少 {years[first] - years[last]:,} 人，只有周边学校片区划入才需启用")
    return (f"学生来源：规划年划入本校的片区为{come}（按招生预测推算）；本校学生按本方案逐年为 {trend}，"
            f"最多 {peak} 学年 {years[peak]:,} 人。分批启用：按各年级人数相同、标准班额 {size} 人编班需普通教室 "
            f"{need} 间，可先启用 {need} 间，其余 {rooms - need} 间（共 {rooms} 间）{later}；"
            f"{lend_words(plan, school_id)}，需论证。")


def lend_words(plan: LayoutOutcome, school_id: str) -> str:
    """What the rooms not opened may serve: the 临时周转 of the schools borrowing (the
    lenders of :func:`~.layout_lend.placements`, or the nearest borrower's distance)."""
    from junheng.planning.layout_lend import LEND_KM, km, placements

    found = placements(plan)
    if any(k == school_id for p in found for k, *_ in p.lenders):
        return "未启用的教室借给邻近学校临时周转（见“临时周转教室的去向”）"
    by_id = {s.school_id: s for s in plan.schools}
    near = min((d for p in found if (d := km(by_id[school_id], by_id[p.school_id])) is not None),
               default=None)
    if near is None:
        return "未启用的教室暂作他用"
    return (f"未启用的教室也可供临时周转的学校借用，但离最近的借用学校直线 {near:.1f} 公里，"
            f"超出借用范围 {LEND_KM:.0f} 公里，须接送{rent_words(plan, school_id, found)}")


def rent_words(plan: LayoutOutcome, school_id: str, found: list) -> str:
    """'；替代租用：…' the years others rent rooms (:attr:`~.layout_lend.Placed.rented`) while
    ``school_id`` stands open with rooms its pupils leave idle (review rv8 11: 36 idle rooms in
    2027 beside 15 rented), each renting school with its distance: an alternative in words,
    not costed beyond the rent (接送 is not priced here); "" without such a year."""
    from junheng.planning.layout_lend import is_open, km

    by_id = {s.school_id: s for s in plan.schools}
    s = by_id[school_id]
    st = next(k for k in STAGES if int(s.lasting_capacity.get(k, 0)) > 0)
    size = class_size(plan, st)
    rooms = int(s.lasting_capacity[st]) // size
    pupils = {y: n for y, k, g, n in plan.year_pupils if k == school_id and g == st}
    price = float((plan.costs or {}).get("temporary_room_yuan") or 0.0)
    years = []
    for y in sorted({p.year for p in found if p.rented > 0}):
        idle = rooms - even_rooms(pupils.get(y, 0), _GRADES[st], size)
        renting = [(p, km(s, by_id[p.school_id])) for p in found if p.year == y and p.rented > 0]
        if not is_open(plan, s, y) or idle <= 0 or y not in pupils:
            continue
        n = sum(p.rented for p, _ in renting)
        who = "、".join(f"{plan.names.get(p.school_id, p.school_id)} {p.rented} 间" +
                        (f"（直线 {d:.1f} 公里）" if d is not None else "") for p, d in renting)
        money = f"，按每间每学年 {price / 10_000:,.2f} 万元计 {n * price / 10_000:,.2f} 万元" if price else ""
        years.append(f"{y} 学年本校未启用教室 {idle} 间，同年租用校外用房 {n} 间：{who}{money}")
    if not years:
        return ""
    return ("；可作为租用的替代：" + "；".join(years)
            + "；租用校外用房的班级可改为安排到本校、由学校接送，接送费用与租金比较后确定")
