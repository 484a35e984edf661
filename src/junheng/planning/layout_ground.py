"""Where the 临时周转 rooms stand: a school's spare ground against the rooms' footprint.

The 过渡期 meets rooms short by 临时周转 (暂用本校其他用房、借用邻近学校校舍或租用装配式临时
用房, :mod:`~junheng.planning.layout_waiting`). A planner asks of 装配式 rooms: on which ground?
(review rd 2: 洛北县第一初级中学 was given 10–13 of them while a new school was built.)

A school's spare ground is what its data allow (the 校舍设施 sheet, format v2)::

    spare = 占地面积 − 校舍建筑面积 − 体育运动场馆面积

The buildings' footprint is not in the data; their whole floor area is taken for it, which a
building of more than one storey does not cover, and a 室内体育馆 is counted in both areas: the
spare ground is a lower bound. A school lacking one of the three figures has none (unknown).
A 装配式 room takes ``temporary_room_ground_m2`` of ground (the plan's ``costs``, an assumed
value: a classroom's 61–70 m² of use area with its walls, an outside corridor and the space
between). The rooms of a school's peak year (:func:`temporary_peaks`) fit when their footprint
is at most the ground they may stand on; otherwise as many as fit stand on its ground and the
rest are met by borrowing a neighbouring school's rooms or renting (:func:`ground_text`).

That ground is the spare ground less what the sports builds of both plans take on it in the
same years (:func:`room_ground`, brief hb 2: 第三初级中学 put 3 rooms, 300 m², beside a 3,839 m²
field on 3,893 m² of ground): the school's sports need in the target year at the one need of
both plans (:func:`~junheng.planning.halls.sports_ratio`) beyond its sports area today, the
layout's top-up and the 达标路径's own gap together, from before the rooms stand to after (a
room stands for years; the field is built within them). A closed school builds neither. The plan
states per school the ground left (``room_ground_m2``) and the rooms that stand on it in its
peak year (``ground_rooms``); the checker re-derives both (:func:`check_ground`) and refuses a
plan whose rooms need more ground than that.

>>> ground_text("甲中学", 13, 10_201.0, 100.0)
'甲中学最多 13 间，按每间 100 平方米需 1,300 平方米，校内空地至少 10,201 平方米，可在校内空地搭建（具体位置须现场核定，不占用运动场、消防通道）'
>>> ground_text("乙中学", 5, 250.0, 100.0)
'乙中学最多 5 间，按每间 100 平方米需 500 平方米，校内空地至少 250 平方米，按数据只能确认可搭建 2 间，其余 3 间须就近借用邻近学校校舍或租用校外用房，或该学年把部分片区划入有空余学位的学校（需论证；多层校舍实际占地小于建筑面积，可现场核定能否在校内搭建更多）'
>>> ground_text("丁小学", 2, 50.0, 100.0).split("，", 3)[3]
'按数据不能确认有搭建的空地，须就近借用邻近学校校舍或租用校外用房，或该学年把部分片区划入有空余学位的学校（需论证；多层校舍实际占地小于建筑面积，可现场核定能否在校内搭建更多）'
>>> ground_text("戊中学", 3, 3_893.0, 100.0, 54.0).split("，", 3)[3]
'补足规划年体育运动场馆面积（布局调整与达标路径）占用 3,839 平方米后余 54 平方米，按数据不能确认有搭建的空地，须就近借用邻近学校校舍或租用校外用房，或该学年把部分片区划入有空余学位的学校（需论证；多层校舍实际占地小于建筑面积，可现场核定能否在校内搭建更多）'
>>> ground_text("丙小学", 2, None, 100.0)
'丙小学最多 2 间：无占地面积、校舍建筑面积或体育运动场馆面积数据，能否在校内搭建须现场核定，不能搭建的就近借用邻近学校校舍或租用校外用房'
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import replace

import pandas as pd

from junheng.model import CountyData
from junheng.planning.layout_config import ROOM_GROUND_M2  # a plan stored before its costs said it
from junheng.planning.layout_outcome import LayoutOutcome

#: the 校舍设施 figures the spare ground is read from (all three needed)
GROUND_COLUMNS = ("site_area", "building_area", "sports_area")
#: a school whose spare ground the data do not give (the paragraph names them together)
UNKNOWN = ("无占地面积、校舍建筑面积或体育运动场馆面积数据，能否在校内搭建须现场核定，不能搭建的就近借用邻近学校"
           "校舍或租用校外用房")
#: what a school does with the rooms its ground cannot be shown to hold (the Word plan's
#: 过渡期 table says it once, as its note: rv 13)
BORROW = ("须就近借用邻近学校校舍或租用校外用房，或该学年把部分片区划入有空余学位的学校"
          "（需论证；多层校舍实际占地小于建筑面积，可现场核定能否在校内搭建更多）")
#: how the paragraph's figures are made, said once before the schools
GROUND_HEAD = ("临时周转用地（以装配式临时教室周转时：校内空地 = 占地面积 − 校舍建筑面积 − 体育运动场馆面积，"
               "校舍按全部建筑面积计、多层校舍的实际占地更小，故为下限；每间装配式教室占地按 {m2} 平方米计，"
               "为假设值，含墙体、外廊和间距；各校按临时周转最多的学年计）：")


def spare_ground(data: CountyData) -> dict[str, float]:
    """School -> its spare ground (m², at least 0): :data:`GROUND_COLUMNS` as the module
    docstring says; schools lacking one of the figures are left out.

    >>> data = CountyData.from_records({"county_code": "410306", "school_year": 2025},
    ...     schools=[{"school_id": s, "name": s, "school_type": "junior_school"} for s in "AB"],
    ...     facilities=[{"school_id": "A", "site_area": 37_890, "building_area": 18_385,
    ...                  "sports_area": 9_304}, {"school_id": "B", "site_area": 9_000}])
    >>> spare_ground(data)
    {'A': 10201.0}
    """
    fac = getattr(data, "facilities", None)  # a county without the 设施 table: unknown
    if fac is None or fac.empty or not set(GROUND_COLUMNS) <= set(fac.columns):
        return {}
    rows = fac.drop_duplicates("school_id").set_index("school_id")[list(GROUND_COLUMNS)]
    rows = rows.apply(pd.to_numeric, errors="coerce").dropna()
    spare = rows["site_area"] - rows["building_area"] - rows["sports_area"]
    return {str(s): max(float(v), 0.0) for s, v in spare.items()}


def room_ground(site, pupils: Mapping[str, float], action: str,
                share: float | None = None) -> float | None:
    """Whole m² of a school's spare ground its 装配式 rooms may stand on (module docstring):
    what the school's sports need in the target year leaves, ``pupils`` its planned pupils per
    stage, at the one need of both plans (``area_sports_primary``, ``area_sports_junior`` a
    pupil, the layout's ``area_sports_now`` today: :mod:`~.layout_areas`) — the layout's top-up and the 达标路径's
    own gap both stand on that ground; ``site`` its row of the layout's sites
    (``area_ground_whole`` the spare ground, ``area_ground`` its compulsory part); a closed
    school builds neither; None where the data give no spare ground. ``share``: the school's
    compulsory share by the plan's pupils of its target year (:func:`~.layout_areas.planned_share`,
    the split the 达标路径 lays its field by), in place of the sites' share by the pupils expected
    without the plan (brief hp 1: 第四中学's block read 12,696 m² in the layout, split by 695
    juniors expected, and 12,697 in the 达标路径, split by the 646 planned).

    >>> site = {"area_ground_whole": 3_893.0, "area_ground": 3_893.0, "area_sports_now": 2_935.0,
    ...         "area_sports_primary": 6.5025, "area_sports_junior": 8.8434}
    >>> room_ground(site, {"junior": 766}, "expand"), room_ground(site, {"junior": 766}, "close")
    (53.0, 3893.0)
    >>> room_ground({**site, "area_ground": 1_946.5, "area_sports_now": 1_467.5}, {"junior": 383}, "keep")
    53.0
    >>> room_ground({"area_ground_whole": 12_701.0, "area_ground": 2_199.69, "area_sports_now": 0.0,
    ...              "area_sports_primary": 0.0, "area_sports_junior": 10.2}, {"junior": 646}, "keep")
    4.0

    (第三初级中学: 766 × 10.2 × 0.867 = 6,774.04 − 2,935 = 3,839.04 → 3,840 m² of sports ground
    (whole m², rounded up as the 达标路径 builds it), 3,893 − 3,840 = 53 left. Half of the school 高中: 383 juniors need 3,387.02 −
    1,467.5 = 1,919.52 → 1,920 of the compulsory 1,946.5 m², a block of 1,920 / 0.5 = 3,840,
    3,893 − 3,840 = 53 left. 第四中学 (rv2 3): 646 × 10.2 = 6,589.2 m² needed, more than the
    compulsory 2,199.69, so ⌊2,199.69⌋ = 2,199 built, a block of 2,199 / (2,199.69 / 12,701) =
    12,697.02, 12,701 − 12,697 = 4 m² left, the combined plan's figure, not 0.)

    The sites split 第四中学 by its 695 juniors expected without the plan (18.391 %: its ground
    2,335.90, sports today 2,818.79); the plan's 646 split it at 17.319 % as the 达标路径 does:

    >>> site = {"area_ground_whole": 12_701.0, "area_ground": 12_701 * 0.18391, "area_sports_now":
    ...         15_327 * 0.18391, "area_sports_primary": 0.0, "area_sports_junior": 8.8434}
    >>> room_ground(site, {"junior": 646}, "keep"), room_ground(site, {"junior": 646}, "keep", 0.17319)
    (5.0, 4.0)

    (Without ``share``: 646 × 8.8434 − 2,818.79 = 2,894 > ⌊2,335.90⌋ = 2,335, a block of
    2,335 / 0.18391 = 12,696.4, 5 m² left. With it: 12,701 × 0.17319 = 2,199.69, sports today
    15,327 × 0.17319 = 2,654.48; 5,712.84 − 2,654.48 = 3,058 > 2,199, a block of 2,199 /
    0.17319 = 12,697.0, 4 left.)
    """
    whole = float(site.get("area_ground_whole", math.nan))
    if not math.isfinite(whole):
        return None
    if action == "close" or whole <= 0:
        return max(whole, 0.0)
    ground, now = float(site["area_ground"]), float(site["area_sports_now"])
    need = (float(site["area_sports_primary"]) * float(pupils.get("primary", 0))
            + float(site["area_sports_junior"]) * float(pupils.get("junior", 0)))
    if ground <= 0:
        return whole
    if share is not None and math.isfinite(share) and share > 0:
        now, ground = now / (ground / whole) * share, whole * share  # the sites' split undone
    # whole m² rounded up as the 达标路径 builds them (compliance_repair; rv3 8: 8,365.11 read 8,365
    # here, 8,366 there), at most the compulsory ground's; with 高中 the block of that share
    taken = min(math.ceil(max(need - now, 0.0) - 1e-6), math.floor(ground + 1e-6))
    return float(max(round(whole - taken / (ground / whole)), 0))


def with_ground(outcome: LayoutOutcome, data: CountyData, sites=None) -> LayoutOutcome:
    """The outcome with each school's ``spare_ground_m2`` where the data give it and, with the
    layout's ``sites`` (their area terms), the ground left for its 装配式 rooms
    (:func:`room_ground`, split by the plan's pupils as the 达标路径 splits it) and how many of
    its peak year's rooms stand on it."""
    from junheng.planning.layout_areas import planned_share

    spare = spare_ground(data)
    if not spare:
        return outcome
    peaks = temporary_peaks(outcome)
    per_room = room_m2(outcome)
    terms = sites is not None and "area_sports_now" in sites
    shares = planned_share(outcome, data).to_dict() if terms else {}

    def grounded(s):
        room = (room_ground(sites.loc[s.school_id], s.students_after, s.action,
                            shares.get(s.school_id))
                if terms and s.school_id in sites.index else spare[s.school_id])
        room = spare[s.school_id] if room is None else room
        fit = min(peaks.get(s.school_id, 0), math.floor(room / per_room + 1e-9))
        return replace(s, spare_ground_m2=round(spare[s.school_id]), room_ground_m2=round(room),
                       ground_rooms=fit)

    return replace(outcome, schools=tuple(grounded(s) if s.school_id in spare else s
                                          for s in outcome.schools))


def room_m2(plan: LayoutOutcome) -> float:
    """The ground a 装配式 room takes (the plan's ``temporary_room_ground_m2``)."""
    return float((plan.costs or {}).get("temporary_room_ground_m2") or ROOM_GROUND_M2)


def temporary_peaks(plan: LayoutOutcome) -> dict[str, int]:
    """School -> the most rooms it meets by 临时周转 in one school year: at the present schools
    while a new school is built (``crowded_at``), at open schools before their rooms are built
    (a row's ``temporary``) and in years other than the target (``overflow``), stages added.

    >>> from junheng.planning.layout_outcome import PlannedSchool, YearRooms
    >>> plan = LayoutOutcome("optimal", (PlannedSchool("N", "新建初中", "new", phase=4),), {},
    ...     year=2025, transition=(
    ...     YearRooms(2027, "N", "junior", 1108, 23, 0, 23, 0, 475, 10, (("A", 475, 10),)),
    ...     YearRooms(2028, "N", "junior", 1139, 23, 0, 23, 0, 605, 13, (("A", 605, 13),)),
    ...     YearRooms(2028, "E", "junior", 520, 3, 0, 3)), overflow=((2028, "E", "primary", 2),))
    >>> temporary_peaks(plan)
    {'A': 13, 'E': 5}
    """
    out: dict[str, int] = {}
    for (school, _year), n in temporary_school_years(plan).items():
        out[school] = max(out.get(school, 0), n)
    return {s: n for s, n in out.items() if n > 0}


def temporary_school_years(plan: LayoutOutcome) -> dict[tuple[str, int], int]:
    """(school, school year) -> the rooms it meets by 临时周转 that year, as
    :func:`temporary_peaks` counts them (the Word plan's 过渡期 table, rv 13): the stages of
    :func:`temporary_stage_years` added."""
    rooms: dict[tuple[str, int], int] = {}
    for (school, _stage, year), n in temporary_stage_years(plan).items():
        rooms[(school, year)] = rooms.get((school, year), 0) + n
    return rooms


def temporary_stage_years(plan: LayoutOutcome) -> dict[tuple[str, str, int], int]:
    """(school, stage, school year) -> the rooms of the stage it meets by 临时周转 that year
    (pupils waiting at their present school are of their row's stage).

    >>> from junheng.planning.layout_outcome import PlannedSchool, YearRooms
    >>> plan = LayoutOutcome("optimal", (PlannedSchool("E", "一贯制学校", "expand", phase=4),), {},
    ...     year=2025, transition=(YearRooms(2027, "E", "junior", 663, 6, 0, 6),
    ...                            YearRooms(2027, "E", "primary", 572, 3, 0, 3)))
    >>> temporary_stage_years(plan), temporary_school_years(plan)
    ({('E', 'junior', 2027): 6, ('E', 'primary', 2027): 3}, {('E', 2027): 9})
    """
    opens = {s.school_id: (plan.year or 0) + (s.phase or 1) for s in plan.schools
             if s.action == "new"}
    rooms: dict[tuple[str, str, int], int] = {}

    def add(school: str, stage: str, year: int, n: int) -> None:
        rooms[(school, stage, year)] = rooms.get((school, stage, year), 0) + int(n)

    for r in plan.transition:
        for sid, _over, n, *_ in r.crowded_at:  # pupils waiting at their present school
            add(sid, r.stage, r.year, n)
        if r.temporary and opens.get(r.school_id, 0) <= r.year:
            add(r.school_id, r.stage, r.year, r.temporary)
    for year, school, stage, n in plan.overflow:
        add(school, stage, int(year), n)
    return rooms


def rooms_on_ground(spare: float, taken: float, rooms: int, per_room: float) -> tuple[int, float]:
    """(rooms that stand on a school's spare ground ``spare`` once the sports builds of both
    plans take ``taken`` m² of it in the same years, the m² left): the one rule of the layout
    (:func:`room_ground`) and the two plans together (brief hb 2).

    >>> rooms_on_ground(3_893.0, 3_839.0, 3, 100.0), rooms_on_ground(10_201.0, 8_366.0, 7, 100.0)
    ((0, 54.0), (7, 1835.0))
    """
    left = max(float(spare) - float(taken), 0.0)
    return min(int(rooms), math.floor(left / per_room + 1e-9)), left


def shared_reason(kind: str) -> str:
    """Why the sports builds take a block of the ground larger than the compulsory pupils'
    need (brief hm 2: a planner asked why 第四中学's 646 初中 pupils take 12,697 m²): a school
    whose type (``kind``, the 学校类型 code) also teaches 高中 shares its sports ground with
    it, and the field laid for the compulsory part is a block of the whole ground
    (:func:`room_ground`); "" for a school without 高中.

    >>> shared_reason("complete_secondary")
    '（该校为完全中学，设初中、高中，体育运动场地与高中共用：补足初中所需面积须建整块场地，初中按评估办法的义务教育占比只计其中一部分，其余为高中部分，由高中经费安排）'
    >>> shared_reason("twelve_year")[:46]
    '（该校为十二年一贯制学校，设小学、初中、高中，体育运动场地与高中共用：补足小学、初中所需面积'
    >>> shared_reason("junior_school"), shared_reason("")
    ('', '')
    """
    from junheng.model.codes import SCHOOL_TYPE_STAGES
    from junheng.model.labels import SCHOOL_TYPE_LABELS, STAGE_LABELS

    stages = SCHOOL_TYPE_STAGES.get(kind, frozenset())
    ours = [STAGE_LABELS[k] for k in ("primary", "junior") if k in stages]
    if "senior" not in stages or not ours:
        return ""
    part = "、".join(ours)
    return (f"（该校为{SCHOOL_TYPE_LABELS[kind]}，设{part}、高中，体育运动场地与高中共用：补足{part}所需面积"
            f"须建整块场地，{part}按评估办法的义务教育占比只计其中一部分，其余为高中部分，由高中经费安排）")


def ground_text(name: str, rooms: int, spare: float | None, per_room: float,
                room: float | None = None, kind: str = "") -> str:
    """One school's clause: its rooms' ground against its spare ground (module docstring),
    ``room`` what the sports builds leave of it (:func:`room_ground`; None: all of it), with
    why where the school (of type ``kind``) shares its ground with 高中 (:func:`shared_reason`)."""
    head = f"{name}最多 {rooms:,} 间"
    if spare is None:
        return f"{head}：{UNKNOWN}"
    need = rooms * per_room
    have = f"{head}，按每间 {per_room:,.0f} 平方米需 {need:,.0f} 平方米，校内空地至少 {spare:,.0f} 平方米"
    if room is not None and room < spare - 0.5:
        have += (f"，补足规划年体育运动场馆面积（布局调整与达标路径）占用 {spare - room:,.0f} 平方米"
                 f"{shared_reason(kind)}后余 {room:,.0f} 平方米")
    spare = spare if room is None else min(room, spare)
    if need <= spare:
        return f"{have}，可在校内空地搭建（具体位置须现场核定，不占用运动场、消防通道）"
    fit = math.floor(spare / per_room + 1e-9)
    some = f"按数据只能确认可搭建 {fit:,} 间，其余 {rooms - fit:,} 间" if fit else "按数据不能确认有搭建的空地，"
    return f"{have}，{some}{BORROW}"


def ground_paragraph(plan: LayoutOutcome) -> str:
    """The 过渡期's paragraph on where its 临时周转 rooms stand, school by school (most rooms
    first); "" for a plan without 临时周转."""
    peaks = temporary_peaks(plan)
    if not peaks:
        return ""
    per_room = room_m2(plan)
    spare = {s.school_id: s.spare_ground_m2 for s in plan.schools}
    room = {s.school_id: s.room_ground_m2 for s in plan.schools}
    order = sorted(peaks, key=lambda s: (-peaks[s], s))
    kind = {s.school_id: s.kind for s in plan.schools}
    known = [ground_text(plan.names.get(s, s), peaks[s], spare[s], per_room, room.get(s),
                         kind.get(s, "")) for s in order if spare.get(s) is not None]
    unknown = "、".join(f"{plan.names.get(s, s)}最多 {peaks[s]:,} 间" for s in order
                        if spare.get(s) is None)
    if unknown:  # said once for all of them
        known.append(f"{unknown}：{UNKNOWN}")
    return GROUND_HEAD.format(m2=f"{per_room:,.0f}") + "；".join(known) + "。"
