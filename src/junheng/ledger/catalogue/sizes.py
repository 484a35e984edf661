"""Class and school size: 大班额, 超大班额 and 大校额 as the evaluation counts them.

The bands and caps are the class-size rules' (``class-size.yaml``: 大班额 56–65, 超大班额 ≥ 66,
大校额 above 2000, 一贯制 2500); the classes and schools are :mod:`junheng.evaluate.class_size`'s.
"""

from __future__ import annotations

from pydantic import Field

from junheng.evaluate.class_size import (
    EXTRA_OVERSIZED,
    OVERSIZED,
    ClassSizes,
    class_sizes,
    school_sizes,
)
from junheng.evaluate.units import COMPULSORY_STAGES
from junheng.ledger.frames import THROUGH_SCHOOL_TYPES, Area, Stage
from junheng.ledger.registry import (
    MeasureContext,
    Params,
    Reading,
    count_of,
    measure,
    share_of,
)
from junheng.standards import load_class_size

CAPS = load_class_size().school_caps


class ClassSizeParams(Params):
    stage: Stage = "all"
    area: Area = "all"
    include_extra: bool = False

    def scope_words(self) -> str:
        """'56–65 人', or with 超大班额 '56 人以上，含超大班额' (the 评估 table counts the band)."""
        sizes = load_class_size()
        if self.include_extra:
            return f"{sizes.oversized_min} 人以上，含超大班额"
        return f"{sizes.oversized_min}–{sizes.oversized_max} 人"


def _compulsory_classes(ctx: MeasureContext, stage: str, area: str) -> ClassSizes:
    stages = COMPULSORY_STAGES if stage == "all" else (stage,)
    return class_sizes(ctx.data, load_class_size()).select(stages=stages, area=area)


def _bands(include_extra: bool) -> tuple[str, ...]:
    return (OVERSIZED, EXTRA_OVERSIZED) if include_extra else (OVERSIZED,)


@measure("oversized_classes", "大班额班级数", "count", "个", ClassSizeParams)
def oversized_classes(ctx: MeasureContext, p: ClassSizeParams) -> Reading:
    """义务教育大班额（56–65 人）班级数；include_extra 为 true 时含超大班额（≥66 人）。"""
    classes = _compulsory_classes(ctx, p.stage, p.area)
    return count_of(classes.ids(*_bands(p.include_extra)))


@measure("oversized_class_share", "大班额班级占比", "share", "比例", ClassSizeParams)
def oversized_class_share(ctx: MeasureContext, p: ClassSizeParams) -> Reading:
    """大班额班级占义务教育班级总数的比例（include_extra 同上）。"""
    classes = _compulsory_classes(ctx, p.stage, p.area)
    return share_of(classes.ids(*_bands(p.include_extra)), len(classes.classes))


class ExtraClassParams(Params):
    stage: Stage = "all"
    area: Area = "all"


@measure("extra_oversized_classes", "超大班额班级数", "count", "个", ExtraClassParams)
def extra_oversized_classes(ctx: MeasureContext, p: ExtraClassParams) -> Reading:
    """义务教育超大班额（≥66 人）班级数。"""
    return count_of(_compulsory_classes(ctx, p.stage, p.area).ids(EXTRA_OVERSIZED))


class SchoolSizeParams(Params):
    area: Area = "all"
    limit: int = Field(default=int(CAPS["default"]), ge=1)
    limit_through: int = Field(default=int(CAPS["nine_year"]), ge=1)


@measure("oversized_schools", "大校额学校数", "count", "所", SchoolSizeParams)
def oversized_schools(ctx: MeasureContext, p: SchoolSizeParams) -> Reading:
    """义务教育在校生超过 2000 人（九年、十二年一贯制超过 2500 人）的学校数，只计义务教育年级。"""
    caps = {"default": p.limit, **dict.fromkeys(THROUGH_SCHOOL_TYPES, p.limit_through)}
    schools = school_sizes(ctx.data, caps).select(area=p.area).schools
    return count_of(sorted(schools.loc[schools["excess"] > 0, "school_id"]))
