"""新建普通教室 whose shortage the forecast says will soon be gone (review finding 5).

The compliance plan builds the rooms a school lacks in the target year; it does not change.
This reads the same forecast for the three years after the target year: the school's classes
then (rebuilt as for the target year, :func:`~junheng.planning.compliance_county.target_county`)
less its 普通教室 today. Where that shortage is gone within the three years, a permanent
room may stand empty soon after it is built, and the plan says so with the year-by-year
figures: 可考虑临时周转或多校划片.
"""

from __future__ import annotations

import pandas as pd

from junheng.model import CountyData
from junheng.planning.compliance_county import classrooms, target_county

LATER = 3  # years after the target year looked at


def room_gaps_later(data: CountyData, students: pd.DataFrame, rooms: pd.Series,
                    target_year: int) -> pd.DataFrame:
    """Per school of ``rooms`` (school_id -> rooms the plan builds): the shortage of 普通教室
    (classes − rooms today, negative = spare) in each later year the forecast covers."""
    have = classrooms(data)
    out = {}
    for year in range(target_year + 1, target_year + LATER + 1):
        part = students[students["year"] == year]
        if part.empty:
            continue
        classes = target_county(data, part, year).classes.groupby("school_id").size()
        out[year] = [int(classes.get(s, 0) - have.get(s, 0.0)) for s in rooms.index]
    return pd.DataFrame(out, index=rooms.index)


def later_room_notes(data: CountyData, students: pd.DataFrame, actions: pd.DataFrame,
                     target_year: int) -> list[str]:
    """One 需要论证 line naming each school whose new rooms' shortage is gone within
    :data:`LATER` years, with the shortage year by year; [] when there is none."""
    rooms, gaps, names = _later(data, students, actions, ("classroom",), target_year)
    if gaps.empty:
        return []
    parts = []
    for school, row in gaps.iterrows():
        if (row > 0).all():
            continue
        years = "，".join(f"{y} 学年{_gap(g)}" for y, g in row.items())
        parts.append(f"{names.get(school) or school}（{target_year} 学年新建 {rooms[school]:,.0f} 间；"
                     f"{years}）")
    if not parts:
        return []
    return [f"{len(parts)} 所学校的新建普通教室，招生预测显示目标学年后 {LATER} 年内缺口消失："
            + "；".join(parts) + "。可考虑临时周转或多校划片，代替永久新建（本方案仍按目标学年计算）。"]


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
    """Rule (17)'s other side: one 需要论证 line naming each school whose converted idle
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
