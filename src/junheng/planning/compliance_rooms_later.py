"""新建普通教室 whose shortage the forecast says will soon be gone (review finding 5).

The compliance plan builds the rooms a school lacks in the target year; it does not change.
This reads the same forecast for the three years after the target year: the school's classes
then (rebuilt as for the target year, :func:`~junheng.planning.compliance_county.target_county`)
less its 普通教室 today. Where that shortage is gone within the three years, a permanent
room may stand empty soon after it is built, and the plan says so with the year-by-year
figures. Their gap lasts longer than the layout's 临时周转 rule covers
(:mod:`~junheng.planning.compliance_temporary`: a shorter one is not built), so the plan
builds them and says what may still be weighed (多校划片, a longer 临时周转).
"""

from __future__ import annotations

import pandas as pd

from junheng.model import CountyData
from junheng.planning.compliance_county import classrooms, target_county

LATER = 3  # years after the target year looked at
#: Why the plan still builds these rooms: their gap lasts longer than 临时周转 covers.
LASTING = ("按布局调整方案同一规则（缺口自新建教室最早可投入使用的学年起计，持续超过临时周转年数的新建），"
           "这些教室本方案新建；需论证能否以多校划片或延长临时周转代替永久新建。")


def room_gaps_later(data: CountyData, students: pd.DataFrame, rooms: pd.Series,
                    target_year: int, first: int | None = None) -> pd.DataFrame:
    """Per school of ``rooms`` (school_id -> rooms the plan builds): the shortage of 普通教室
    (classes − rooms today, negative = spare) in each later year the forecast covers, and
    from ``first`` (a new room's first year in use) when given."""
    have = classrooms(data)
    out = {}
    start = target_year + 1 if first is None else min(first, target_year + 1)
    for year in (y for y in range(start, target_year + LATER + 1) if y != target_year):
        part = students[students["year"] == year]
        if part.empty:
            continue
        classes = target_county(data, part, year).classes.groupby("school_id").size()
        out[year] = [int(classes.get(s, 0) - have.get(s, 0.0)) for s in rooms.index]
    return pd.DataFrame(out, index=rooms.index)


def later_room_notes(data: CountyData, students: pd.DataFrame, actions: pd.DataFrame,
                     target_year: int) -> list[str]:
    """One 需论证 line naming each school whose new rooms' shortage is gone within
    :data:`LATER` years, with the shortage year by year; [] when there is none."""
    rooms, gaps, names = _later(data, students, actions, ("classroom",), target_year)
    if gaps.empty:
        return []
    first = _first_in_use(actions, target_year)
    before = (room_gaps_later(data, students, rooms, target_year, first).reindex(columns=range(
        first, target_year)).dropna(axis=1) if first is not None and first < target_year else None)
    parts = []
    for school, row in gaps.iterrows():
        if (row > 0).all():
            continue
        years = "，".join(f"{y} 学年{_gap(g)}" for y, g in row.items())
        # review2 item 15: a gap that began before the target year lasts longer than it says
        early = "" if before is None else "".join(
            f"，{y} 学年{_gap(int(g))}" for y, g in before.loc[school].items() if g > 0)
        parts.append(f"{names.get(school) or school}（按 {target_year} 学年需求新建 {rooms[school]:,.0f} 间"
                     f"{early}；{years}）")
    if not parts:
        return []
    return [f"{len(parts)} 所学校的新建普通教室，招生预测显示目标学年后 {LATER} 年内缺口消失："
            + "；".join(parts) + "。" + LASTING]


def _first_in_use(actions: pd.DataFrame, target_year: int) -> int | None:
    """The first year a new 普通教室 of ``actions`` is in use (None: not said)."""
    if "in_use_year" not in actions:
        return None
    years = actions.loc[actions["item"] == "classroom", "in_use_year"]
    return int(years.min()) if not years.empty else None


def _later(data: CountyData, students: pd.DataFrame, actions: pd.DataFrame, items: tuple,
           target_year: int) -> tuple[pd.Series, pd.DataFrame, dict]:
    """Rooms per school of the actions ``items``, their :func:`room_gaps_later` (empty when
    there are none) and the schools' names."""
    if actions.empty or "item" not in actions:
        return pd.Series(dtype=float), pd.DataFrame(), {}
    done = actions[actions["item"].isin(items)]
    rooms = done.groupby("school_id")["quantity"].sum()
    if rooms.empty:
        return rooms, pd.DataFrame(), {}
    names = dict(zip(done["school_id"], done["name"], strict=False)) if "name" in done else {}
    return rooms, room_gaps_later(data, students, rooms, target_year), names


def _gap(g: int) -> str:
    return f"缺 {g} 间" if g > 0 else ("不缺" if g == 0 else f"富余 {-g} 间")


def converted_room_notes(data: CountyData, students: pd.DataFrame, actions: pd.DataFrame,
                         target_year: int) -> list[str]:
    """Rule (17)'s other side: one 需论证 line naming each school whose converted idle
    普通教室 the forecast says it needs again within :data:`LATER` years; [] when none."""
    rooms, gaps, names = _later(data, students, actions,
                                ("music_room_conversion", "art_room_conversion"), target_year)
    if gaps.empty:
        return []
    parts = []
    for school, row in gaps.iterrows():
        short = row + rooms[school]  # classes less the rooms left after the conversions
        if (short <= 0).all():
            continue
        years = "，".join(f"{y} 学年{_gap(int(g))}" for y, g in short.items())
        parts.append(f"{names.get(school) or school}（改造 {rooms[school]:,.0f} 间后 {years}）")
    if not parts:
        return []
    return [f"{len(parts)} 所学校把闲置普通教室改造为音乐、美术专用教室后，招生预测显示目标学年后 {LATER} 年内"
            "普通教室又不足：" + "；".join(parts) + "。届时可把专用教室恢复为普通教室或新建专用教室"
            "（本方案按目标学年计算）。"]


#: 新建 music / art rooms and the 校舍设施 columns that count them.
SPECIAL_ROOMS = {"music_room": "music_rooms", "art_room": "art_rooms"}
CONVERTED = {"music_room_conversion": "music_room", "art_room_conversion": "art_room"}
SPECIAL_WHY = (
    "标准为“所有小学、初中每 12 个班级配备音乐、美术专用教室 1 间以上”，按复核学年本校的班数核定，与其他学校共用"
    "的专用教室不计入本校，所以目标学年仍须本校配足，本方案仍按目标学年计算；此后班数回落、多出的专用教室可改作他用，"
    "建设前需论证能否以临时周转（暂用本校其他用房、租用或装配式临时用房）代替永久新建。")


def special_rooms_needed(data: CountyData, students: pd.DataFrame, schools: pd.Index,
                         years: range) -> pd.DataFrame:
    """Per school of ``schools`` and year of ``years`` the forecast covers: its compulsory
    classes (rebuilt as for the target year) and the music (and art) rooms the standard asks
    for, ``ceil(classes / 12)``; columns ``(year, "classes")`` and ``(year, "rooms")``."""
    from junheng.model.codes import GRADE_STAGE
    from junheng.planning.compliance_county import CLASSES_PER_ROOM

    out = {}
    for year in years:
        part = students[students["year"] == year]
        if part.empty:
            continue
        classes = target_county(data, part, year).classes
        compulsory = classes[classes["grade"].map(GRADE_STAGE).isin(("primary", "junior"))]
        count = compulsory.groupby("school_id").size().reindex(schools, fill_value=0)
        out[(year, "classes")] = count
        out[(year, "rooms")] = -(-count // CLASSES_PER_ROOM)
    return pd.DataFrame(out, index=schools).astype(int)


def special_room_notes(data: CountyData, students: pd.DataFrame, actions: pd.DataFrame,
                       target_year: int) -> list[str]:
    """One 需论证 line naming each school whose 新建 music or art room the forecast says it no
    longer needs within :data:`LATER` years (its classes fall to fewer 12-class steps), with
    its classes and rooms year by year; [] when there is none. The plan keeps the room: see
    :data:`SPECIAL_WHY`."""
    if actions.empty or "item" not in actions:
        return []
    built = actions[actions["item"].isin(SPECIAL_ROOMS)]
    if built.empty:
        return []
    schools = pd.Index(built["school_id"].unique())
    after = _special_rooms_after(data, actions, schools)
    need = special_rooms_needed(data, students, schools,
                                range(target_year, target_year + LATER + 1))
    names = dict(zip(built["school_id"], built.get("name", built["school_id"]), strict=False))
    parts = [_special_part(school, names.get(school) or school, after.loc[school], need.loc[school],
                           built[built["school_id"] == school], target_year)
             for school in schools]
    parts = [p for p in parts if p]
    if not parts:
        return []
    return [f"{len(parts)} 所学校新建的音乐、美术专用教室，招生预测显示目标学年后 {LATER} 年内班数减少、"
            "不再需要：" + "；".join(parts) + "。" + SPECIAL_WHY]


def _special_rooms_after(data: CountyData, actions: pd.DataFrame, schools: pd.Index
                         ) -> pd.DataFrame:
    """Music and art rooms per school of ``schools`` once the plan has built and converted."""
    fac = data.facilities.drop_duplicates("school_id").set_index("school_id")
    out = pd.DataFrame(index=schools)
    for item, column in SPECIAL_ROOMS.items():
        made = actions[actions["item"].isin([item, *[k for k, v in CONVERTED.items()
                                                      if v == item]])]
        added = made.groupby("school_id")["quantity"].sum()
        today = pd.to_numeric(fac[column], errors="coerce").reindex(schools).fillna(0.0)
        out[item] = (today + added.reindex(schools).fillna(0.0)).astype(int)
    return out


def _special_part(school: str, name: str, after: pd.Series, need: pd.Series,
                  built: pd.DataFrame, target_year: int) -> str:
    """"甲学校（2030 学年 25 个班需 3 间，新建音乐专用教室 1 间；2031 学年 23 个班需 2 间……）",
    or "" when every later year still needs every room built."""
    years = sorted({y for y, _ in need.index if y > target_year})
    kinds = built.groupby("item")["quantity"].sum()
    if not years or all(need[(y, "rooms")] >= after[k] for y in years for k in kinds.index):
        return ""
    made = "、".join(f"{'音乐' if k == 'music_room' else '美术'}专用教室 {q:,.0f} 间"
                    for k, q in kinds.items())
    now = (f"{target_year} 学年 {need[(target_year, 'classes')]} 个班需 "
           f"{need[(target_year, 'rooms')]} 间，" if (target_year, "rooms") in need.index else "")
    later = "，".join(f"{y} 学年 {need[(y, 'classes')]} 个班需 {need[(y, 'rooms')]} 间"
                      for y in years)
    return f"{name}（{now}新建{made}；{later}）"
