"""The compulsory stages' part of a school's buildings, as the 评估办法 counts it, for both plans.

A school that also teaches 高中 (完全中学, 十二年一贯制) or has 附设幼儿班 shares its buildings.
The evaluation engine (:func:`~junheng.evaluate.units.stage_shares` with the standard's
``split_weights``, DESIGN.md) splits a 一贯制 or 完全中学's facility totals by weighted pupils
(primary : junior : senior = 1 : 1.1 : 1.32; 完全中学 junior : senior = 1 : 1.2) and gives a
school of one compulsory stage all of them (its 幼儿班 take none). The layout plan and the
达标路径 use this one split (:func:`compulsory_share`), on the pupils of the plan's target year
where a plan states a figure (the layout's planned pupils, the forecast's 高中), so that a
building shared with 高中 has one compulsory part and one whole size in both plans (the demo
county's 第四中学: the layout split today's pupils unweighted, 20.2 %, the 达标路径 19.5 %).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from junheng.evaluate.units import stage_shares, stage_weights
from junheng.model import CountyData
from junheng.model.codes import GRADE_STAGE
from junheng.standards import load_standard

STAGES = ("preschool", "primary", "junior", "senior")
_WEIGHTS = load_standard("quality-2017").split_weights


def compulsory_share(data: CountyData, pupils: pd.DataFrame | None = None) -> pd.Series:
    """Per school of ``data`` (index school_id), the primary and junior stages' share of its
    buildings by the evaluation's weighted split; 1 at a school without pupils.

    ``pupils`` (school_id, grade or stage, students): the pupils to split by in place of
    ``data``'s classes, for the schools and stages they list (a plan's target year).

    Examples
    --------
    >>> d = CountyData.from_records({"county_code": "410306", "school_year": 2025},
    ...     schools=[{"school_id": "A", "name": "甲中学", "school_type": "complete_secondary"},
    ...              {"school_id": "B", "name": "乙小学", "school_type": "primary_school"}],
    ...     classes=[{"school_id": "A", "grade": "g7", "class_no": "1", "students": 600},
    ...              {"school_id": "A", "grade": "s1", "class_no": "1", "students": 1000},
    ...              {"school_id": "B", "grade": "g1", "class_no": "1", "students": 40},
    ...              {"school_id": "B", "grade": "k1", "class_no": "1", "students": 20}])
    >>> compulsory_share(d).round(4).to_dict()
    {'A': 0.3333, 'B': 1.0}
    >>> later = pd.DataFrame({"school_id": ["A"], "stage": ["junior"], "students": [1200]})
    >>> round(float(compulsory_share(d, later)["A"]), 4)
    0.5

    (600 : 1.2 × 1,000 = 1 : 2, a third; with 1,200 junior pupils 1,200 : 1,200, a half; the
    primary school's 幼儿班 take none of its buildings.)
    """
    counts = _stage_pupils(data, pupils)
    types = data.schools.drop_duplicates("school_id").set_index("school_id")["school_type"]
    shares = stage_shares(counts.to_numpy(float),
                          stage_weights(types.reindex(counts.index), _WEIGHTS))
    have = shares.sum(axis=1) > 0
    part = shares[:, STAGES.index("primary")] + shares[:, STAGES.index("junior")]
    return pd.Series(np.where(have, part, 1.0), index=counts.index, dtype=float)


def planned_pupils(schools, data: CountyData, year: int | None) -> pd.DataFrame:
    """The pupils a layout plan states its shares by: each school's planned primary and junior
    pupils (``schools``: school_id → {primary, junior}) and its other stages in ``year`` as the
    forecast ``data`` carries them (:data:`~.layout_forecast.OTHER_TABLE`; today's without)."""
    from junheng.planning.layout_forecast import OTHER_TABLE

    rows = [{"school_id": sid, "stage": stage, "students": float(n)}
            for sid, per in dict(schools).items() for stage, n in per.items()]
    other = getattr(data, "tables", {}).get(OTHER_TABLE)
    if other is not None and year is not None and len(other):
        mine = other[other["year"] == year]
        rows += mine[["school_id", "grade", "students"]].to_dict("records")
    return pd.DataFrame(rows, columns=["school_id", "stage", "grade", "students"])


def _stage_pupils(data: CountyData, pupils: pd.DataFrame | None) -> pd.DataFrame:
    """(school × STAGES) pupils: ``data``'s classes, with ``pupils`` in place of the school
    and stage pairs it lists."""
    rows = _long(data.classes)
    if pupils is not None and len(pupils):
        later = _long(pupils)
        listed = pd.MultiIndex.from_frame(later[["school_id", "stage"]])
        rows = pd.concat([rows[~pd.MultiIndex.from_frame(rows[["school_id", "stage"]])
                               .isin(listed)], later], ignore_index=True)
    return (rows.groupby(["school_id", "stage"])["students"].sum().unstack(fill_value=0.0)
            .reindex(columns=list(STAGES), fill_value=0.0))


def _long(frame: pd.DataFrame) -> pd.DataFrame:
    """school_id, stage, students of rows by ``stage`` or, where blank, by ``grade``."""
    stage = pd.Series(frame.get("stage"), index=frame.index, dtype=object)
    if "grade" in frame:
        stage = stage.where(stage.notna(), frame["grade"].astype(object).map(GRADE_STAGE))
    out = pd.DataFrame({"school_id": frame["school_id"].astype(str).to_numpy(),
                        "stage": stage.to_numpy(), "students": frame["students"].astype(float).to_numpy()})
    return out.dropna(subset=["stage"])


def share_of(share: Mapping[str, float], school_id: str) -> float:
    """The share of one school (1 where ``share`` has none)."""
    return float(share.get(school_id, 1.0)) or 1.0


__all__ = ["compulsory_share", "planned_pupils", "share_of"]
