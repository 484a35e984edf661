"""The schools the 达标路径 counts within the 校额 cap by fewer pupils than the forecast's interval
(review rv10 finding 11: 「按测算 2030 学年达到标准」 for the 2,000-pupil cap rested on 第一初级中学's
1,998 pupils, 2 under it, and 实验中学's 1,986, while the forecast's interval is about ±2.5 %).

A school is named when the forecast's upper bound, as a share of its stage's middle figure
(:func:`~junheng.jobs.compliance.stage_interval`), applied to its pupils would take it over its
cap: its margin is then within the forecast's error.

>>> schools = pd.DataFrame({"name": ["一初中", "实验中学", "二初中"], "school_type": "junior_school",
...                         "students": [1998, 1986, 1500], "cap": 2000.0})
>>> [(m["name"], m["margin"], m["over_at_high"]) for m in near_cap(schools, {"junior": (-0.0245, 0.0256)})]
[('一初中', 2, 50), ('实验中学', 14, 37)]

(⌈1,998 × 0.0256⌉ = ⌈51.1⌉ = 52 more pupils at the upper bound against a margin of 2: 50 over;
实验中学 ⌈1,986 × 0.0256⌉ = ⌈50.8⌉ = 51 against 14: 37 over; 二初中's ⌈1,500 × 0.0256⌉ = 39 is
within its 500.)
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import pandas as pd

from junheng.model.codes import SCHOOL_TYPE_STAGES


def near_cap(schools: pd.DataFrame, interval: Mapping[str, tuple[float, float]]) -> list[dict[str, Any]]:
    """The schools (name, school_type, students, cap) within their cap whose pupils at the
    forecast's upper bound (``interval``: per stage, (low, high) as fractions) exceed it, with
    their margin and the pupils over the cap at that bound, least margin first."""
    out = []
    for r in schools.itertuples():
        stages = [s for s in SCHOOL_TYPE_STAGES.get(r.school_type, ()) if s in interval]
        if not stages or r.students > r.cap or r.students <= 0:
            continue
        low = min(interval[s][0] for s in stages)
        high = max(interval[s][1] for s in stages)
        more = math.ceil(r.students * high - 1e-9)
        margin = int(r.cap - r.students)
        if more > margin:
            out.append({"name": str(r.name), "students": int(r.students), "cap": int(r.cap),
                        "margin": margin, "more": more, "over_at_high": more - margin,
                        "low": round(low, 4), "high": round(high, 4)})
    return sorted(out, key=lambda m: m["margin"])


def size_margins(after, interval: Mapping[str, tuple[float, float]]) -> list[dict[str, Any]]:
    """:func:`near_cap` of the county ``after`` the plan (its public compulsory schools against
    the class-size rules' caps); [] without an interval."""
    if after is None or not interval:
        return []
    from junheng.evaluate.class_size import school_sizes
    from junheng.standards import load_class_size

    sizes = school_sizes(after, load_class_size().school_caps).schools
    public = after.schools.drop_duplicates("school_id").set_index("school_id").get("ownership")
    if public is not None:
        sizes = sizes[sizes["school_id"].map(public).astype(str) != "private"]
    return near_cap(sizes, interval)


def size_risk(margins: list[dict[str, Any]], year: int) -> str:
    """The 风险 sentence of the schools within the cap by less than the forecast's error ('' for none).

    >>> m = [{"name": "一初中", "students": 1998, "cap": 2000, "margin": 2, "low": -0.0245, "high": 0.0256},
    ...      {"name": "实验中学", "students": 1986, "cap": 2000, "margin": 14, "low": -0.0245, "high": 0.0256}]
    >>> print(size_risk(m, 2030))
    风险：校额按招生预测的中位数于 2030 学年不超过上限，余量小于预测误差：一初中（规划年 1,998 人，上限 2,000 人）余 2 人、实验中学（规划年 1,986 人，上限 2,000 人）余 14 人；全县同学段招生预测区间为中位数的 −2.5%—+2.6%（按此约 ±50 人），单校误差通常更大。须逐年核对其招生，超出上限时以划片分流。
    """
    if not margins:
        return ""
    each = "、".join(f"{m['name']}（规划年 {m['students']:,} 人，上限 {m['cap']:,} 人）余 {m['margin']:,} 人"
                    for m in margins)
    low, high = min(m["low"] for m in margins), max(m["high"] for m in margins)
    about = round(max(m["students"] for m in margins) * max(-low, high) / 10) * 10
    return (f"风险：校额按招生预测的中位数于 {year} 学年不超过上限，余量小于预测误差：{each}；全县同学段招生预测区间为"
            f"中位数的 −{-low * 100:.1f}%—+{high * 100:.1f}%（按此约 ±{about:,} 人），单校误差通常更大。"
            "须逐年核对其招生，超出上限时以划片分流。")


__all__ = ["near_cap", "size_margins", "size_risk"]
