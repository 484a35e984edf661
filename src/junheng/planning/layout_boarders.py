"""An option for the 局务会: a county-town junior school's boarders from the villages go back to
the township junior schools (review rv10 finding 8: 1,623 of 洛北县实验中学's 1,986 pupils are
boarders the plan 「不移动」, while the township junior schools have 3,408 spare seats in the plan
year and the school lacks 8,053 m² of sports area, 1,207.95 万元, that no plan pays for).

The layout keeps a county-town school's boarders at the school (``pinned`` assignments,
layout_boarding.pin_boarders); the workbook does not say which village a boarder comes from, so
the option is counted at the school, not by home township. For a kept county-town school (城区:
主城区、城乡结合区) with such boarders B and, in the plan year, P junior pupils, sports area A
(today's plus what the plan adds) and the per-pupil area it plans to (``sports_m2.junior``, the
standard × 85 % × (1 + margin), as the 达标路径 and the layout price it):

* the sports gap G(P) = max(0, round(P × a − A)), priced at land + field 元/m²;
* the school holds ⌊A / a⌋ pupils without a gap, so ``close`` = max(0, P − ⌊A / a⌋) returning
  boarders close it (never more than B);
* the township junior schools (kept, outside the 城区, with junior seats) offer
  Σ max(0, seats − pupils) in the plan year;
* classes by 标准班额 c: ⌈P / c⌉ − ⌈(P − close) / c⌉ fewer (whole-school count).
"""

from __future__ import annotations

import math

from junheng.model.areas import URBAN_CODES
from junheng.planning.layout_outcome import LayoutOutcome

RETURN_TITLE = "城镇学校外村寄宿生回流乡镇初中"
#: the 标准班额 of a junior class (standards: class size 初中 50)
JUNIOR_CLASS = 50


def boarder_options(plan: LayoutOutcome) -> list[dict]:
    """Per county-town school with kept boarders (module docstring): name, ``pupils`` P,
    ``boarders`` B, ``per`` a, ``area`` A, ``gap`` G(P) m², ``gap_yuan``, ``close``, ``after``
    (pupils once ``close`` return), ``fits`` ⌊A / a⌋, ``gap_after`` G(after), ``fewer_classes``, ``temporary`` (its temporary rooms in the
    plan year) and ``receivers`` [(name, spare seats)] with ``spare`` their sum."""
    kept = {}
    for a in plan.assignments:
        if a.pinned and a.stage_group == "grades_7_9":
            kept[a.school_id] = kept.get(a.school_id, 0) + a.boarders
    costs = plan.costs or {}
    price = float(costs.get("land_yuan_per_m2") or 0) + float(costs.get("field_yuan_per_m2") or 0)
    receivers = township_seats(plan)
    out = []
    for s in plan.schools:
        boarders = kept.get(s.school_id, 0)
        per = float((s.sports_m2 or {}).get("junior") or 0)
        pupils = int((s.students_after or {}).get("junior", 0))
        if not boarders or not per or s.action == "close" or s.urban_rural_code not in URBAN_CODES \
                or (s.spare_ground_m2 or 0) > 0:  # it can build on its own ground (达标路径)
            continue
        area = float((s.sports_m2 or {}).get("now") or 0) + float(s.added_sports_area or 0)
        out.append(_option(s, pupils, boarders, per, area, price, receivers, plan))
    return out


def _option(s, pupils: int, boarders: int, per: float, area: float, price: float,
            receivers: list[tuple[str, int]], plan: LayoutOutcome) -> dict:
    gap = sports_gap(pupils, per, area)
    fits = math.floor(area / per + 1e-9)
    close = min(boarders, max(0, pupils - fits)) if gap else 0
    temporary = sum(int(r.temporary) for r in plan.transition
                    if r.school_id == s.school_id and r.year == plan.target_year)
    return {"school_id": s.school_id, "name": s.name, "pupils": pupils, "boarders": boarders,
            "per": per, "area": area, "gap": gap, "gap_yuan": gap * price, "price": price,
            "fits": fits, "close": close, "after": pupils - close,
            "gap_after": sports_gap(pupils - close, per, area),
            "fewer_classes": fewer_classes(pupils, close), "temporary": temporary,
            "receivers": receivers, "spare": sum(n for _, n in receivers)}


def sports_gap(pupils: int, per: float, area: float) -> int:
    """G(P) = max(0, round(P × a − A)) m².

    >>> sports_gap(1986, 8.8434, 9510), sports_gap(1075, 8.8434, 9510)  # 17,562.99 − 9,510
    (8053, 0)
    """
    return max(0, round(pupils * per - area))


def fewer_classes(pupils: int, gone: int, size: int = JUNIOR_CLASS) -> int:
    """⌈P / c⌉ − ⌈(P − gone) / c⌉: the classes ``gone`` pupils leave unneeded.

    >>> fewer_classes(1986, 911)  # 40 classes for 1,986, 22 for 1,075
    18
    """
    return math.ceil(pupils / size) - math.ceil((pupils - gone) / size)


def township_seats(plan: LayoutOutcome) -> list[tuple[str, int]]:
    """(name, spare junior seats in the plan year) of each kept school outside the 城区 with
    junior seats left, the most first."""
    out = []
    for s in plan.schools:
        seats = int((s.capacity or {}).get("junior", 0))
        spare = seats - int((s.students_after or {}).get("junior", 0))
        if s.action not in ("close", "new") and seats and spare > 0 and s.urban_rural_code \
                and s.urban_rural_code not in URBAN_CODES:
            out.append((s.name, spare))
    return sorted(out, key=lambda x: -x[1])


#: the boarders a town school keeps are the reported ratio applied to its town pupils, never a
#: count of its roll (rv13 6: 1,623 said as a fact where 表 7 说明 says 「该比例待核实」)
ESTIMATED = "按寄宿比例推算（待核实）"


def boarder_paragraph(o: dict, year: int | None) -> str:
    """The option of :func:`boarder_options` in words, as a 局务会 decision.

    >>> o = {"name": "甲中学", "pupils": 1986, "boarders": 1623, "per": 8.8434, "area": 9510.0,
    ...      "gap": 8053, "gap_yuan": 12079500.0, "price": 1500.0, "fits": 1075, "close": 911,
    ...      "after": 1075, "gap_after": 0,
    ...      "fewer_classes": 18, "temporary": 3, "receivers": [("乙初中", 613), ("丙初中", 566)],
    ...      "spare": 1179}
    >>> print(boarder_paragraph(o, 2030))
    须由局务会决定（城镇学校外村寄宿生回流乡镇初中）：甲中学 2030 学年初中 1,986 人，其中外村到该校寄宿的学生按寄宿比例推算（待核实）1,623 人，本方案按现状留在原校寄宿（见“学生分配”表）；工作簿未填寄宿生的家庭所在村居，按乡镇分列的人数须由该校逐人核实。县城以外保留学校 2030 学年共空余初中学位 1,179 个（乙初中 613 个、丙初中 566 个）。该校体育运动场馆现有 9,510 平方米，按生均 8.84 平方米（本方案和达标路径所用的规划值）可容纳 1,075 人，1,986 人缺 8,053 平方米，校内无空地，须置换或征用相邻用地，约 1,207.95 万元（每平方米 1,500 元），未计入本方案总投资；外村寄宿生回流 911 人即不再缺，省去这笔用地和投资，全校少编 18 个班（按全校学生除以标准班额 50 人计），2030 学年借用的 3 间临时周转教室不再需要；按寄宿比例推算（待核实）的 1,623 人全部回流则该校余 363 人。回流须征求家长意愿，核实接收学校的寄宿床位和生均面积，并相应修改布局调整方案。
    """
    when = f" {year} 学年" if year else "规划年"
    seats = "、".join(f"{name} {n:,} 个" for name, n in o["receivers"])
    rooms = (f"，{when.strip()}借用的 {o['temporary']:,} 间临时周转教室不再需要"
             if o["temporary"] and o["fewer_classes"] >= o["temporary"] else "")
    gap = (f"该校体育运动场馆现有 {o['area']:,.0f} 平方米，按生均 {o['per']:.2f} 平方米（本方案和达标路径所用的规划值）"
           f"可容纳 {o['fits']:,} 人，{o['pupils']:,} 人缺 {o['gap']:,} 平方米，校内无空地，须置换或征用相邻用地，"
           f"约 {o['gap_yuan'] / 1e4:,.2f} 万元（每平方米 {o['price']:,.0f} 元），未计入本方案总投资；{_saved(o)}，"
           f"全校少编 {o['fewer_classes']:,} 个班（按全校学生除以标准班额 {JUNIOR_CLASS} 人计）{rooms}；"
           if o["gap"] else "")
    return (f"须由局务会决定（{RETURN_TITLE}）：{o['name']}{when}初中 {o['pupils']:,} 人，其中外村到该校寄宿的学生{ESTIMATED}"
            f"{o['boarders']:,} 人，本方案按现状留在原校寄宿（见“学生分配”表）；工作簿未填寄宿生的家庭所在村居，"
            f"按乡镇分列的人数须由该校逐人核实。县城以外保留学校{when}共空余初中学位 {o['spare']:,} 个（{seats}）。"
            f"{gap}{ESTIMATED}的 {o['boarders']:,} 人全部回流则该校余 {o['pupils'] - o['boarders']:,} 人。"
            "回流须征求家长意愿，核实接收学校的寄宿床位和生均面积，并相应修改布局调整方案。")


def _saved(o: dict) -> str:
    """What the returning boarders save of the sports gap."""
    if not o["gap_after"]:
        return f"外村寄宿生回流 {o['close']:,} 人即不再缺，省去这笔用地和投资"
    saved = o["gap"] - o["gap_after"]
    return (f"外村寄宿生全部回流（{o['close']:,} 人）仍缺 {o['gap_after']:,} 平方米，可少征用 {saved:,} 平方米、"
            f"约 {saved * o['price'] / 1e4:,.2f} 万元")


#: what a Luoyang bureau does with a campus a senior school leaves (seed 002)
LUOYANG_CAMPUS = "高中外迁腾退校园全部用于义务教育办学"


def campus_lines(projects) -> list[str]:
    """One line per completed 迁建 project (``projects``: the workbook's 建设项目 frame): the
    workbook has nothing on the old campus, so the county must say what it is used for.

    >>> import pandas as pd
    >>> p = pd.DataFrame({"name": ["一高迁建工程", "某小学迁建工程"], "project_type": "relocation",
    ...                   "status": ["completed", "planned"],
    ...                   "completion_date": pd.to_datetime(["2025-08-10", "2027-08-20"])})
    >>> campus_lines(p)
    ['一高迁建工程 2025 年 8 月竣工：工作簿没有原校区的数据（占地、校舍面积和现在的用途），原校区现作何用途须由县政府说明；洛阳市的做法是“高中外迁腾退校园全部用于义务教育办学”，如原校区可用于义务教育，可作为县城学校分流、借用教室的去处，本方案未计入。']
    """
    if projects is None or not len(projects):
        return []
    done = projects[(projects["project_type"] == "relocation") & (projects["status"] == "completed")]
    out = []
    for row in done.itertuples():
        when = (f" {row.completion_date.year} 年 {row.completion_date.month} 月竣工"
                if row.completion_date is not None and row.completion_date == row.completion_date else "已竣工")
        out.append(f"{row.name}{when}：工作簿没有原校区的数据（占地、校舍面积和现在的用途），原校区现作何用途须由县政府"
                   f"说明；洛阳市的做法是“{LUOYANG_CAMPUS}”，如原校区可用于义务教育，可作为县城学校分流、借用教室的去处，"
                   "本方案未计入。")
    return out
