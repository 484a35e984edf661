"""Where the plan's new permanent classrooms stand (review rv8 finding 4: 新区实验学校 was given
4 new rooms while 表4 paved all 2,398 m² of its open land for its sports field, 余 0 m²).

The plan's spare ground (:mod:`~junheng.planning.layout_ground`) is tested against the sports
builds of both plans and the 装配式 rooms, never against the rooms it builds. A new room's
building area is ``classroom_area_m2`` (the plan's ``costs``, 120 m²: the 达标路径's room);
its footprint is that area over the storeys the building may have::

    footprint = Σ_stage rooms_stage × classroom_area_m2 ÷ FLOORS[stage]

:data:`FLOORS` is the most storeys the design code allows a school's main teaching rooms
(《中小学校设计规范》GB 50099-2011 第 4.3.2 条: 小学 not above the 4th floor, 中学 not above the
5th), so the footprint is a lower bound. Where it exceeds the ground the sports builds leave
(``room_ground_m2``), the rooms cannot be shown to stand on open land: the note says, with the m² (:func:`footprint_text`),
「现有教学楼层数无数据，能否加层须现场核定」: the workbook has no storeys (brief hwords3 3).

>>> from junheng.planning.layout_outcome import PlannedSchool
>>> s = PlannedSchool("X", "新区实验学校", "expand", added_classrooms=4,
...                   added_classrooms_by_stage={"primary": 0, "junior": 4},
...                   spare_ground_m2=2_398, room_ground_m2=0)
>>> footprint(s, 120.0)  # 4 × 120 ÷ 5
96.0
>>> footprint_text(s, 120.0)
'新区实验学校新建初中教室 4 间，建筑面积 480 平方米，按教学用房至多 5 层（初中）计占地至少 96 平方米；校内空地 2,398 平方米，补足规划年体育运动场馆面积（布局调整与达标路径）后余 0 平方米，放不下：现有教学楼层数无数据，能否加层须现场核定，不能加层的须原址改扩建，需论证'
>>> footprint_text(PlannedSchool("Y", "乙小学", "expand", added_classrooms_by_stage={"primary": 1},
...                              spare_ground_m2=500, room_ground_m2=40), 120.0)
''

(1 × 120 ÷ 4 = 30 m² stands on the 40 m² left.)
"""

from __future__ import annotations

import math

#: the most storeys of a school's main teaching rooms (GB 50099-2011 第 4.3.2 条)
FLOORS = {"primary": 4, "junior": 5}
_WORDS = {"primary": "小学", "junior": "初中"}
#: the remedy said where the rooms do not fit
REMEDY = "现有教学楼层数无数据，能否加层须现场核定，不能加层的须原址改扩建，需论证"


def _rooms(school) -> dict[str, int]:
    """The rooms a school builds by stage: its added rooms less those met by 临时周转
    (:func:`~.layout_later.built_rooms`, the 新建普通教室 of every table)."""
    from junheng.planning.layout_later import built_rooms

    return {k: n for k in FLOORS if (n := built_rooms(school, k)) > 0}


def footprint(school, area: float) -> float:
    """The least ground (m²) a school's new rooms take: rooms × ``area`` ÷ :data:`FLOORS`."""
    return sum(n * area / FLOORS[k] for k, n in _rooms(school).items())


def footprint_text(school, area: float) -> str:
    """One expanding school's clause where its new rooms' footprint exceeds the ground its sports
    builds leave; "" where it fits, the ground is not known or it builds no room."""
    rooms = _rooms(school)
    if school.action != "expand" or not rooms or school.room_ground_m2 is None:
        return ""
    need, left = footprint(school, area), float(school.room_ground_m2)
    if need <= left + 1e-9:
        return ""
    what = "、".join(f"{_WORDS[k]}教室 {n:,} 间" for k, n in rooms.items())
    floors = "、".join(f"{FLOORS[k]} 层（{_WORDS[k]}）" for k in rooms)
    spare = float(school.spare_ground_m2 or 0)
    ground = f"校内空地 {spare:,.0f} 平方米"
    if left < spare - 0.5:
        ground += f"，补足规划年体育运动场馆面积（布局调整与达标路径）后余 {left:,.0f} 平方米"
    return (f"{school.name}新建{what}，建筑面积 {sum(rooms.values()) * area:,.0f} 平方米，"
            f"按教学用房至多 {floors}计占地至少 {math.ceil(need - 1e-9):,} 平方米；{ground}，放不下：{REMEDY}")


def footprint_notes(plan) -> tuple[str, ...]:
    """The plan's note on the new rooms that cannot be shown to stand on open land, () without;
    with more than one school, :data:`REMEDY` said once after them all (rv10 15: three times in
    one note)."""
    area = float((plan.costs or {}).get("classroom_area_m2") or 120.0)
    lines = [t for s in plan.schools for t in (footprint_text(s, area),) if t]
    if not lines:
        return ()
    tail = "。"
    if len(lines) > 1:
        lines, tail = [t.removesuffix(f"：{REMEDY}") for t in lines], f"。以上 {len(lines)} 所学校{REMEDY}。"
    return ("新建教室的用地（按《中小学校设计规范》GB 50099-2011 第 4.3.2 条，小学主要教学用房不超过 4 层、中学不超过 5 层，"
            "占地按建筑面积除以层数计，为下限）：" + "；".join(lines) + tail,)


def unfit_schools(plan) -> list[str]:
    """The names of the schools whose new rooms :func:`footprint_notes` says do not fit."""
    area = float((plan.costs or {}).get("classroom_area_m2") or 120.0)
    return [s.name for s in plan.schools if footprint_text(s, area)]
