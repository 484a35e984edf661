"""What an area 差异系数 the 达标路径 leaves over its limit would take (review rv10 finding 13:
「最优」 and 「可达到的最低值」 stood beside 「仍未达标」, and no document said how much area, at what
cost or by which year the county could pass).

The least added area that brings a CV to its limit raises the lowest schools first: every
public unit below a level ``h`` is raised to ``h`` (:func:`fill_level`, the least such ``h``).
Raising the lowest value lowers the CV most per m² (d(CV²)/daᵢ ∝ xᵢ·T − S, most negative at
the smallest xᵢ), so this is the water-filling of the least area. 民办 schools are the
举办者's and are left as they are; so are schools being relocated.

Each school's m² is priced at the plan's own prices: on the spare ground it has left after
both plans' halls and fields (室外场地), the rest on adjacent land (用地 + 室外场地,
the :mod:`~.compliance_sports_path` remedy's price).

>>> import pandas as pd
>>> # 甲 100 pupils at 5 m², 乙 100 at 15: mean 10, sd 5, CV 0.5. To 0.25 甲 goes to h with
>>> # (15 − h) / (15 + h) = 0.25, h = 9: (9 − 5) × 100 = 400 m²
>>> level = fill_level(pd.Series([5.0, 15.0]), pd.Series([100, 100]), pd.Series([True, True]), 0.25)
>>> round(level, 4)
9.0
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from junheng.evaluate.cv import weighted_stats
from junheng.model.labels import STAGE_LABELS
from junheng.model.numbers import cv3

#: the area numerators whose CV m² can mend
AREA_NUMERATORS = ("sports_area", "teaching_area")
_STEPS = 200


def fill_level(values: pd.Series, students: pd.Series, raisable: pd.Series, limit: float
               ) -> float | None:
    """The least level to which every ``raisable`` unit below it is raised brings the CV of
    ``values`` (weighted by ``students``) to ``limit``; None when raising them to the highest
    value does not.

    >>> v, n = pd.Series([1.0, 15.0]), pd.Series([100, 100])
    >>> fill_level(v, n, pd.Series([False, True]), 0.25) is None   # the low one is 民办
    True
    >>> fill_level(v, n, pd.Series([True, True]), 0.9)              # 14 / 16 = 0.875 already
    1.0
    """
    x, n = values.to_numpy(float), students.to_numpy(float)
    ok = np.isfinite(x) & (n > 0)
    x, n, up = x[ok], n[ok], raisable.to_numpy(bool)[ok]
    if not len(x):
        return None

    def cv_at(h: float) -> float:
        return float(weighted_stats(np.where(up & (x < h), h, x), n).cv)

    low, high = float(x.min()), float(x.max())
    if cv_at(low) <= limit:
        return low
    if cv_at(high) > limit:
        return None
    for _ in range(_STEPS):
        mid = (low + high) / 2
        low, high = (low, mid) if cv_at(mid) <= limit else (mid, high)
    return high


def priced(area: int, ground: float, field: float, land: float) -> tuple[int, int, float]:
    """(m² on the school's own spare ``ground``, m² on adjacent land, 万元) of ``area`` m²:
    a field at ``field`` 万元 a m² on its ground, land and field beyond it.

    >>> priced(400, 100.0, 0.09, 0.06)
    (100, 300, 54.0)

    (100 × 0.09 = 9 万元 on its ground; 300 × (0.06 + 0.09) = 45 万元 on land: 54 万元.)
    """
    own = int(min(area, max(math.floor(ground + 1e-9), 0))) if np.isfinite(ground) else 0
    rest = area - own
    return own, rest, round(own * field + rest * (land + field) + 1e-9, 2)


def cv_fill(units: pd.DataFrame, indicator: str, limit: float, grounds: dict[str, float],
            field: float, land: float, kept: frozenset[str] = frozenset()) -> dict[str, Any] | None:
    """The fill of one stage's ``units`` (school_id, name, students, ownership, ``indicator``):
    the level, each raised public school's m² (whole, rounded up), on its own ground or land,
    and the 万元 (:func:`priced`); ``kept``: schools left as they are (relocated); None when no
    level reaches ``limit``."""
    part = units.reset_index(drop=True)
    public = part.get("ownership", pd.Series("", index=part.index)).astype(str) != "private"
    raisable = public & ~part["school_id"].astype(str).isin(kept)
    values = part[indicator].astype(float)
    level = fill_level(values, part["students"].astype(float), raisable, limit)
    if level is None:
        return None
    rows = []
    for i in part.index[raisable & (values < level - 1e-9)]:
        area = int(math.ceil((level - values[i]) * float(part.at[i, "students"]) - 1e-6))
        if area <= 0:
            continue
        sid = str(part.at[i, "school_id"])
        own, rest, cost = priced(area, grounds.get(sid, 0.0), field, land)
        rows.append({"school_id": sid, "name": str(part.at[i, "name"]), "area": area,
                     "ground": own, "land": rest, "cost": cost})
    rows.sort(key=lambda r: -r["area"])
    return {"level": round(level, 2), "schools": rows, "area": sum(r["area"] for r in rows),
            "ground": sum(r["ground"] for r in rows), "land": sum(r["land"] for r in rows),
            "cost": round(sum(r["cost"] for r in rows), 2)}


def _grounds(schools: pd.DataFrame, actions: pd.DataFrame) -> dict[str, float]:
    """Each school's spare ground left after the layout and this plan's halls and fields."""
    if "ground_whole" not in schools:
        return {}
    laid = schools.get("ground_layout", 0.0)
    left = (schools["ground_whole"] - laid).astype(float)
    left.index = schools["school_id"].astype(str)
    if not actions.empty:
        built = actions[actions["item"].isin(["gym", "field"])]
        used = built.groupby(built["school_id"].astype(str))["built"].sum()
        left = left.sub(used.reindex(left.index).fillna(0.0))
    return left.clip(lower=0.0).to_dict()


def cv_fills(problem, evaluation, actions: pd.DataFrame) -> list[dict[str, Any]]:
    """One entry per area CV of ``evaluation`` (the county after the plan) still over its
    limit: its stage, name, value, limit and :func:`cv_fill` (``fill``: None when no level
    reaches it), priced at the plan's 室外场地 and land prices."""
    if evaluation is None:
        return []
    field = problem.costs.item("field").unit_cost
    land = problem.costs.sports_remedy.land_unit_cost
    grounds = _grounds(problem.schools, actions)
    units = evaluation.units
    out = []
    for stage, res in evaluation.stages.items():
        for key, ind in res.indicators.items():
            if ind.limit is None or not np.isfinite(ind.cv) or ind.cv <= ind.limit + 1e-12 \
                    or problem.numerator(key) not in AREA_NUMERATORS:
                continue
            fill = cv_fill(units[units["stage"] == stage], key, ind.limit, grounds, field, land,
                           frozenset(problem.no_build))
            out.append({"stage": stage, "indicator": key, "name": ind.name, "cv": round(float(ind.cv), 3),
                        "limit": ind.limit, "fill": fill})
    return out


def fill_text(fills: list[dict[str, Any]]) -> str:
    """What each area CV still over its limit would take, and that this plan gives no year
    in which the county passes ('' without one).

    >>> fills = [{"stage": "primary", "name": "生均体育运动场馆面积", "cv": 0.708, "limit": 0.5,
    ...           "fill": {"level": 9.0, "area": 400, "ground": 100, "land": 300, "cost": 54.0,
    ...                    "schools": [{"name": "甲小学", "area": 400}]}},
    ...          {"stage": "junior", "name": "生均体育运动场馆面积", "cv": 0.597, "limit": 0.45, "fill": None}]
    >>> print(fill_text(fills))  # one priced fill: no sum
    达标路径实施后小学生均体育运动场馆面积差异系数 0.708 降到限值 0.50，须把生均低于 9.0 平方米的 1 所公办学校补到 9.0 平方米，另增 400 平方米（甲小学 400 平方米；其中校内空地可建 100 平方米，其余 300 平方米须征用相邻用地），按本方案单价约 54.00 万元；达标路径实施后初中生均体育运动场馆面积差异系数 0.597：把公办学校补到全县最高的生均水平也降不到限值 0.45。以上本方案均未安排，未计入本方案总投资，须由局务会决定；须征用的相邻用地需论证、待核实，须经自然资源部门确认用地，确认前不列完成学年（见“评估未达标和待核实指标的整改措施”表）

    Two priced fills are summed where the text is made (the totals tables' 「未安排」 row, rv29 3):
    54.00 + 4,003.83 = 4,057.83:

    >>> two = [fills[0], {**fills[1], "fill": {**fills[0]["fill"], "cost": 4003.83}}]
    >>> "。以上共约 4,057.83 万元，本方案均未安排，未计入本方案总投资" in fill_text(two)
    True
    """
    parts = [_one(f) for f in fills]
    if not parts:
        return ""
    table = "“评估未达标和待核实指标的整改措施”表"
    costs = [round(f["fill"]["cost"] * 100) for f in fills if f.get("fill")]
    # rv29 3: the totals tables' 「未安排」 row is this sum, printed here where it is made
    lead = f"。以上共约 {sum(costs) / 100:,.2f} 万元，本方案均未安排" if len(costs) > 1 else "。以上本方案均未安排"
    if any((f.get("fill") or {}).get("land") for f in fills):  # rv15 2: no year on land not granted
        return ("；".join(parts) + f"{lead}，未计入本方案总投资，须由局务会决定；须征用的相邻用地需论证、待核实，"
                f"须经自然资源部门确认用地，确认前不列完成学年（见{table}）")
    return "；".join(parts) + f"{lead}，未计入本方案总投资，须由局务会决定，决定后的完成学年见{table}"


def _one(f: dict[str, Any]) -> str:
    head = f"达标路径实施后{STAGE_LABELS.get(f['stage'], f['stage'])}{f['name']}差异系数 {cv3(f['cv'])}"
    fill = f["fill"]
    if fill is None:
        return f"{head}：把公办学校补到全县最高的生均水平也降不到限值 {f['limit']:.2f}"
    level = f"{fill['level']:,.1f} 平方米"
    top = "、".join(f"{s['name']} {s['area']:,} 平方米" for s in fill["schools"][:3])
    more = "等" if len(fill["schools"]) > 3 else ""
    where = (f"其中校内空地可建 {fill['ground']:,} 平方米，其余 {fill['land']:,} 平方米须征用相邻用地"
             if fill["land"] else "均可建在校内空地上")
    return (f"{head} 降到限值 {f['limit']:.2f}，须把生均低于 {level}的 {len(fill['schools']):,} 所公办学校补到 "
            f"{level}，另增 {fill['area']:,} 平方米（{top}{more}；{where}），按本方案单价约 {fill['cost']:,.2f} 万元")


__all__ = ["cv_fill", "cv_fills", "fill_level", "fill_text", "priced"]
