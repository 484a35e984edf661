"""The 交流轮岗 moves of a compliance plan: who goes where, and why (review finding 8).

The model (constraint (12) of :mod:`junheng.planning.compliance_model`) only balances, per
stage and teacher type, the teachers rotated out against those rotated in; which sender
pairs with which receiver is decided here. Policy (县管校聘, 交流轮岗) is 城镇 → 乡村 and
优质 → 薄弱, so the most urban senders are paired with the most rural receivers first. A move
that still does not go from 城镇 to 乡村 carries its reason: the receiver has fewer teachers
of the type per 100 students than the sender, and the county is asked to confirm it.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from junheng.model.areas import area_of

AREA_RANK = {"urban": 0, "town": 1, "rural": 2}
AREA_NAMES = {"urban": "城区", "town": "镇区", "rural": "乡村", "": "城乡类别未填"}
#: The unit total whose per-100-students figure a rotated teacher of the type is moved for.
TYPE_TOTAL = {"backbone_pe_art": ("backbone_teachers", "骨干教师"),
              "backbone": ("backbone_teachers", "骨干教师"),
              "pe_art": ("pe_art_teachers", "体育艺术专任教师")}


def direction_reason(kind: str, area_from: str, area_to: str, per_from: float | None,
                     per_to: float | None) -> str:
    """Why a move goes where it goes, in the plan's words.

    >>> direction_reason("backbone", "urban", "rural", 1.2, 0.4)
    '城区→乡村：城镇学校向乡村学校交流'
    >>> direction_reason("backbone_pe_art", "urban", "urban", 1.25, 0.5)
    '城区→城区，不属于城镇向乡村交流：调入校每百名学生骨干教师 0.50 名，少于调出校的 1.25 名，为缩小校际差距而安排，请县教育局确认'
    >>> direction_reason("pe_art", "rural", "rural", None, None)
    '乡村→乡村，不属于城镇向乡村交流：为缩小校际差距而安排，请县教育局确认'
    """
    way = f"{AREA_NAMES.get(area_from, area_from)}→{AREA_NAMES.get(area_to, area_to)}"
    if AREA_RANK.get(area_from, 9) <= 1 and AREA_RANK.get(area_to, -1) == 2:
        return f"{way}：城镇学校向乡村学校交流"
    figures = ""
    if per_from is not None and per_to is not None and per_to < per_from:
        name = TYPE_TOTAL[kind][1]
        figures = f"调入校每百名学生{name} {per_to:.2f} 名，少于调出校的 {per_from:.2f} 名，"
    return f"{way}，不属于城镇向乡村交流：{figures}为缩小校际差距而安排，请县教育局确认"


def rotation_rows(units: pd.DataFrame, schools: pd.DataFrame, kind: str,
                  out: np.ndarray, into: np.ndarray, row: Callable[..., dict]) -> list[dict]:
    """Pair, stage by stage, the units sending teachers of ``kind`` (``out``) with those
    taking them in (``into``): senders most urban first, receivers most rural first; ``row``
    makes one action row (``school_id, item, quantity`` and keywords)."""
    code = dict(zip(schools["school_id"], schools["urban_rural_code"], strict=False))
    area = area_of(units["school_id"].map(code).astype(object).where(
        units["school_id"].map(code).notna(), None))
    rank = np.array([AREA_RANK.get(a, 1) for a in area])
    column = TYPE_TOTAL[kind][0]
    per = (100.0 * units[column] / units["students"].where(units["students"] > 0)).to_numpy(float) \
        if column in units and "students" in units else np.full(len(units), np.nan)
    rows = []
    for stage in units["stage"].unique():
        sel = np.flatnonzero(units["stage"].to_numpy() == stage)
        sources = [[i, out[i]] for i in sorted(sel, key=lambda i: rank[i]) if out[i] > 0]
        for j in sorted((j for j in sel if into[j] > 0), key=lambda j: -rank[j]):
            need = into[j]
            while need > 0 and sources:
                i, have = sources[0]
                take = min(have, need)
                rows.append(row(units["school_id"].iloc[i], "rotation", take, stage=stage,
                                teacher_type=kind, to_school_id=units["school_id"].iloc[j],
                                reason=direction_reason(kind, area[i], area[j], _value(per[i]),
                                                        _value(per[j]))))
                need -= take
                sources[0][1] -= take
                if sources[0][1] == 0:
                    sources.pop(0)
    return rows


def _value(x: float) -> float | None:
    return None if np.isnan(x) else float(x)
