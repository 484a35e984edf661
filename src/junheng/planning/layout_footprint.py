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


def built_rooms_of(school) -> int:
    """All the rooms a school builds (both stages, those met by 临时周转 left out)."""
    return sum(_rooms(school).values())


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
    area = room_area(plan)
    lines = [t for s in plan.schools for t in (footprint_text(s, area),) if t]
    if not lines:
        return ()
    tail = "。"
    if len(lines) > 1:
        lines, tail = [t.removesuffix(f"：{REMEDY}") for t in lines], f"。以上 {len(lines)} 所学校{REMEDY}。"
    return ("新建教室的用地（按《中小学校设计规范》GB 50099-2011 第 4.3.2 条，小学主要教学用房不超过 4 层、中学不超过 5 层，"
            "占地按建筑面积除以层数计，为下限）：" + "；".join(lines) + tail,)


def room_area(plan) -> float:
    """The building area of one new room (the plan's ``classroom_area_m2``, 120 m² without)."""
    return float((plan.costs or {}).get("classroom_area_m2") or 120.0)


def unsited_rooms(school, area: float) -> int:
    """The new rooms of ``school`` that have no site: all it builds where :func:`footprint_text`
    says they do not fit, else 0. The one fact every table, count and check reads (review rv14
    N4): such rooms are not built until the ground is settled (须先核定用地, 局务会决定), so the
    school's 达标 on them is 待核实, not 达标.

    >>> from junheng.planning.layout_outcome import PlannedSchool
    >>> unsited_rooms(PlannedSchool("X", "新区实验学校", "expand", added_classrooms=6,
    ...               added_classrooms_by_stage={"junior": 6}, spare_ground_m2=2_398, room_ground_m2=0), 120.0)
    6
    >>> unsited_rooms(PlannedSchool("Y", "乙小学", "expand", added_classrooms=1,
    ...               added_classrooms_by_stage={"primary": 1}, spare_ground_m2=500, room_ground_m2=40), 120.0)
    0
    """
    return built_rooms_of(school) if footprint_text(school, area) else 0


def unsited_ids(plan) -> frozenset[str]:
    """The ids of the plan's schools with :func:`unsited_rooms`."""
    area = room_area(plan)
    return frozenset(s.school_id for s in plan.schools if unsited_rooms(s, area))


def unfit_schools(plan) -> list[str]:
    """The names of the schools whose new rooms :func:`footprint_notes` says do not fit."""
    ids = unsited_ids(plan)
    return [s.name for s in plan.schools if s.school_id in ids]


def no_site(school, stages: dict[str, int], area: float) -> bool:
    """Whether ``stages``' rooms (stage -> rooms) would not stand on the ground ``school``'s
    sports builds leave (``room_ground_m2``; unknown ground: not said).

    >>> from junheng.planning.layout_outcome import PlannedSchool
    >>> s = PlannedSchool("D", "第四中学", "expand", spare_ground_m2=12_701, room_ground_m2=4)
    >>> no_site(s, {"junior": 2}, 120.0), no_site(s, {"junior": 0}, 120.0)  # 2 × 120 ÷ 5 = 48 > 4
    (True, False)
    """
    if school.room_ground_m2 is None:
        return False
    need = sum(n * area / FLOORS.get(k, FLOORS["junior"]) for k, n in stages.items())
    return need > float(school.room_ground_m2) + 1e-9


def still_borrowing(plan) -> list[tuple[str, int, bool]]:
    """(name, rooms, no site) of each school that still borrows rooms in the target year
    (:func:`~.layout_borrow.school_borrowing`): its classes are taught in rooms it does not have,
    so its 普通教室 are not 达标 that year (review rv14 3); ``no site``: the rooms would not
    stand on its ground (:func:`no_site`), why the plan builds none."""
    return [(school.name, rooms, bare) for school, rooms, bare in _target_borrowers(plan)]


def _target_borrowers(plan) -> list[tuple[object, int, bool]]:
    """(school, rooms, no site) of :func:`still_borrowing`, the school itself."""
    from junheng.planning.layout_borrow import school_borrowing

    area, by = room_area(plan), {s.school_id: s for s in plan.schools}
    out = []
    for sid, b in school_borrowing(plan).items():
        rooms = int(b.years.get(plan.target_year, 0))
        if rooms > 0 and sid in by:
            out.append((by[sid], rooms, no_site(by[sid], dict(b.target_stages), area)))
    return out


def land_first(plan) -> str:
    """Where the option to build the rooms the target year still borrows offers ground the plan
    says is not there (review rv28 finding 3: 「或新建规划年仍借用的 5 间」 at 实验中学 and 第四中学,
    表9's 「校内空地至少 0 平方米」 and 「余 4 平方米」): 「须先核定用地」 with the ground the
    sports builds leave (``room_ground_m2``, 表9's figure) at each school whose rooms would not
    stand on it (:func:`no_site`, the 班额 row's 「校内用地放不下」), 「其中 N 间」 where others
    would; '' where every school has room (its option kept as it is).

    >>> from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool, YearRooms
    >>> plan = LayoutOutcome("optimal", (PlannedSchool("A", "实验中学", "keep", spare_ground_m2=0, room_ground_m2=0),
    ...     PlannedSchool("B", "第四中学", "keep", spare_ground_m2=12_701, room_ground_m2=4)), {}, year=2025,
    ...     target_year=2030, transition=(YearRooms(2030, "A", "junior", 1986, 3, 0, 3),
    ...                                   YearRooms(2030, "B", "junior", 679, 2, 0, 2)))
    >>> land_first(plan)  # 3 × 120 ÷ 5 = 72 m² on 0, 2 × 120 ÷ 5 = 48 m² on 4
    '须先核定用地：实验中学校内空地余 0 平方米、第四中学余 4 平方米，放不下'
    """
    rows = _target_borrowers(plan)
    bare = [(school, rooms) for school, rooms, short in rows if short]
    if not bare:
        return ""
    some = "" if len(bare) == len(rows) else f"其中 {sum(n for _, n in bare):,} 间"
    each = "、".join(f"{school.name}{'' if i else '校内空地'}余 {float(school.room_ground_m2):,.0f} 平方米"
                     for i, (school, _) in enumerate(bare))
    return f"{some}须先核定用地：{each}，放不下"


#: what the bureau may decide for the rooms a school still borrows in the target year (review
#: rv14 3); the 班额 row's 完成学年 waits on it (rv28 5, :func:`.compliance_due.decided_due`)
BORROW_CHOICES = "核定用地后新建，或调整起始年级的学区"


def borrowing_words(rows: list[tuple[str, int, bool]]) -> str:
    """What the 班额 row says of :func:`still_borrowing` ("" without): the schools, their rooms,
    why none is built and the options, not counted as solved.

    >>> print(borrowing_words([("实验中学", 3, True), ("第四中学", 2, False)]))
    其中实验中学 3 间（校内用地放不下）、第四中学 2 间规划年仍借用教室上课、本方案不新建，这些学校的普通教室不计为已解决，须由局务会决定（见《布局调整方案》“学区调整的选择”）

    The options (:data:`BORROW_CHOICES`) are the row's 完成学年 (rv28 5), not said twice in it.
    """
    if not rows:
        return ""
    each = "、".join(f"{name} {n:,} 间" + ("（校内用地放不下）" if bare else "") for name, n, bare in rows)
    return (f"其中{each}规划年仍借用教室上课、本方案不新建，这些学校的普通教室不计为已解决，须由局务会决定"
            "（见《布局调整方案》“学区调整的选择”）")


#: said after a school's new rooms where they have no site (review rv14 N4)
UNSITED_MARK = "（本校用地放不下，须先核定用地，核定前不计为建成，待核实）"


def unsited_mark(school, area: float = 120.0) -> str:
    """:data:`UNSITED_MARK` where ``school`` has :func:`unsited_rooms`, else ''."""
    return UNSITED_MARK if unsited_rooms(school, area) else ""
