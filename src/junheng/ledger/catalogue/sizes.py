"""Class and school size: 大班额 (56–65), 超大班额 (≥ 66), 大校额 (> 2000, 一贯制 > 2500)."""

from __future__ import annotations

import pandas as pd
from pydantic import Field

from junheng.ledger.frames import (
    COMPULSORY_GRADES,
    THROUGH_SCHOOL_TYPES,
    Area,
    Stage,
    class_label,
    classes_in,
    select_schools,
    stage_grades,
    stage_types,
)
from junheng.ledger.registry import (
    MeasureContext,
    Params,
    Reading,
    count_of,
    measure,
    share_of,
)
from junheng.model import CountyData


class ClassSizeParams(Params):
    stage: Stage = "all"
    area: Area = "all"
    include_extra: bool = False


def _compulsory_classes(data: CountyData, stage: str, area: str) -> pd.DataFrame:
    schools = select_schools(data, area=area)
    return classes_in(data, stage_grades(stage), schools["school_id"])


def _oversized(classes: pd.DataFrame, include_extra: bool) -> pd.DataFrame:
    size = classes["students"]
    mask = size >= 56 if include_extra else (size >= 56) & (size <= 65)
    return classes[mask.fillna(False).astype(bool)]


@measure("oversized_classes", "大班额班级数", "count", "个", ClassSizeParams)
def oversized_classes(ctx: MeasureContext, p: ClassSizeParams) -> Reading:
    """义务教育大班额（56–65 人）班级数；include_extra 为 true 时含超大班额（≥66 人）。"""
    classes = _oversized(_compulsory_classes(ctx.data, p.stage, p.area), p.include_extra)
    return count_of(classes.apply(class_label, axis=1) if len(classes) else [])


@measure("oversized_class_share", "大班额班级占比", "share", "比例", ClassSizeParams)
def oversized_class_share(ctx: MeasureContext, p: ClassSizeParams) -> Reading:
    """大班额班级占义务教育班级总数的比例（include_extra 同上）。"""
    classes = _compulsory_classes(ctx.data, p.stage, p.area)
    over = _oversized(classes, p.include_extra)
    return share_of(over.apply(class_label, axis=1) if len(over) else [], len(classes))


class ExtraClassParams(Params):
    stage: Stage = "all"
    area: Area = "all"


@measure("extra_oversized_classes", "超大班额班级数", "count", "个", ExtraClassParams)
def extra_oversized_classes(ctx: MeasureContext, p: ExtraClassParams) -> Reading:
    """义务教育超大班额（≥66 人）班级数。"""
    classes = _compulsory_classes(ctx.data, p.stage, p.area)
    over = classes[(classes["students"] >= 66).fillna(False).astype(bool)]
    return count_of(over.apply(class_label, axis=1) if len(over) else [])


class SchoolSizeParams(Params):
    area: Area = "all"
    limit: int = Field(default=2000, ge=1)
    limit_through: int = Field(default=2500, ge=1)


@measure("oversized_schools", "大校额学校数", "count", "所", SchoolSizeParams)
def oversized_schools(ctx: MeasureContext, p: SchoolSizeParams) -> Reading:
    """义务教育在校生超过 2000 人（九年、十二年一贯制超过 2500 人）的学校数，只计义务教育年级。"""
    schools = select_schools(ctx.data, types=stage_types("all"), area=p.area)
    classes = classes_in(ctx.data, COMPULSORY_GRADES, schools["school_id"])
    students = classes.groupby("school_id")["students"].sum()
    limits = schools.set_index("school_id")["school_type"].map(
        lambda t: p.limit_through if t in THROUGH_SCHOOL_TYPES else p.limit)
    size = students.reindex(limits.index).fillna(0)
    return count_of(sorted(size.index[(size > limits).to_numpy()]))
