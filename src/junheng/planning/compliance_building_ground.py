"""Where the 达标路径's new buildings stand (review rv8 finding 4: 新区实验学校 was given a
95.10 万元 special-room building while the two plans' sports fields took all its 2,398 m² of
open land, 余 0 m²).

Per school this plan builds rooms at (普通教室 ``AREA_PER_CLASSROOM`` m², 音乐、美术专用教室 at
their standard areas, other teaching area by the m²), the footprint is the building area over
the storeys the design code allows (:data:`~.layout_footprint.FLOORS`: 4 where the school
teaches 小学 (its ``share_primary``), else 5), against its spare ground before both plans (``ground_whole``) less the
layout's sports build on it (``ground_layout``) and this plan's field and hall (their ``built``,
a field shared with 高中 laid whole). Where the footprint is larger the building paragraph says
「现有教学楼层数无数据，能否加层须现场核定」 with the m² (:func:`building_ground_sentence`).

>>> import pandas as pd
>>> schools = pd.DataFrame({"school_id": ["X"], "name": ["新区实验学校"], "share_primary": [0.4],
...                         "ground_whole": [2_398.0], "ground_layout": [2_122.0]})
>>> actions = pd.DataFrame({"school_id": ["X", "X", "X"], "item": ["music_room", "art_room", "field"],
...                         "quantity": [1.0, 1.0, 276.0], "built": [1.0, 1.0, 276.0]})
>>> rows = building_ground(schools, actions)
>>> rows  # doctest: +NORMALIZE_WHITESPACE
[{'school_id': 'X', 'name': '新区实验学校', 'rooms': '音乐专用教室 1 间、美术专用教室 1 间',
  'area': 186.0, 'floors': 4, 'footprint': 46.5, 'whole': 2398.0, 'left': 0.0}]
>>> print(building_ground_sentence({"building_ground": rows}))
新建校舍的用地（以下学校本校用地放不下，须先核定用地，核定可建后方按上文学年投入使用）：新区实验学校新建音乐专用教室 1 间、美术专用教室 1 间，建筑面积 186 平方米，按教学用房至多 4 层计占地至少 47 平方米；校内空地（两个方案建设前）2,398 平方米，两个方案的体育运动场馆占用后余 0 平方米，放不下：现有教学楼层数无数据，能否加层须现场核定，不能加层的须原址改扩建，需论证。

(96 + 90 = 186 m² ÷ 4 = 46.5; 2,398 − 2,122 − 276 = 0.)
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from junheng.planning.layout_footprint import FLOORS, REMEDY

_WORDS = {"classroom": ("普通教室", "间"), "music_room": ("音乐专用教室", "间"),
          "art_room": ("美术专用教室", "间"), "teaching_area": ("其他教学及辅助用房", "平方米")}
_SPORTS = ("field", "gym")


def _areas() -> dict[str, float]:
    from junheng.planning.compliance_county import ROOM_AREA
    from junheng.planning.layout_config import AREA_PER_CLASSROOM

    return {"classroom": float(AREA_PER_CLASSROOM), **ROOM_AREA, "teaching_area": 1.0}


def _floors(share_primary: float) -> int:
    """The storeys of a school with ``share_primary`` of its pupils in 小学 (any: 小学's)."""
    return FLOORS["primary"] if share_primary > 0 else FLOORS["junior"]


def building_ground(schools: pd.DataFrame, actions: pd.DataFrame) -> list[dict[str, Any]]:
    """The schools whose new buildings' footprint exceeds the open land both plans' sports
    builds leave (rows for ``plan.json``'s ``building_ground``); [] where the ground is unknown."""
    if not len(actions) or "ground_whole" not in schools:
        return []
    area, out = _areas(), []
    by = schools.set_index("school_id")
    for sid, acts in actions.groupby("school_id", sort=False):
        built = acts[acts["item"].isin(tuple(_WORDS))]
        if built.empty or sid not in by.index or not math.isfinite(float(by.at[sid, "ground_whole"])):
            continue
        whole = float(by.at[sid, "ground_whole"])
        laid = float(by.at[sid, "ground_layout"]) + float(acts.loc[acts["item"].isin(_SPORTS), "built"].sum())
        floors = _floors(float(by.at[sid, "share_primary"]) if "share_primary" in by else 0.0)
        m2 = float(sum(area[i] * q for i, q in zip(built["item"], built["quantity"], strict=True)))
        left = max(whole - laid, 0.0)
        if m2 / floors <= left + 1e-9:
            continue
        rooms = "、".join(f"{_WORDS[i][0]} {q:,.0f} {_WORDS[i][1]}"
                          for i, q in built.groupby("item", sort=False)["quantity"].sum().items())
        name = by.at[sid, "name"] if "name" in by else acts["name"].iloc[0] if "name" in acts else sid
        out.append({"school_id": str(sid), "name": str(name), "rooms": rooms, "area": m2,
                    "floors": floors, "footprint": m2 / floors, "whole": whole, "left": round(left, 2)})
    return out


#: a building that does not fit is not put in use before its ground is settled (review rv11 1)
FIRST = "以下学校本校用地放不下，须先核定用地，核定可建后方按上文学年投入使用"


def building_ground_sentence(doc: dict[str, Any]) -> str:
    """The building paragraph's sentence on :func:`building_ground`'s schools; "" without."""
    rows = doc.get("building_ground") or []
    if not rows:
        return ""
    return f"新建校舍的用地（{FIRST}）：" + "；".join(
        f"{r['name']}新建{r['rooms']}，建筑面积 {r['area']:,.0f} 平方米，按教学用房至多 {r['floors']} 层计占地至少 "
        f"{math.ceil(r['footprint'] - 1e-9):,} 平方米；校内空地（两个方案建设前）{r['whole']:,.0f} 平方米，"
        f"两个方案的体育运动场馆占用后余 {r['left']:,.0f} 平方米，放不下：{REMEDY}" for r in rows) + "。"


def building_notes(doc: dict[str, Any]) -> tuple[str, ...]:
    """The sentences after the 校舍建设 paragraph: the rooms idle at the plan's end
    (:func:`~.compliance_json.idle_sentence`), then where the new buildings stand."""
    from junheng.planning.compliance_json import idle_sentence

    return tuple(t for t in (idle_sentence(doc), building_ground_sentence(doc)) if t)
