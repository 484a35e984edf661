"""Teacher measures: rotation and its backbone share, 360 training hours, backbone teachers."""

from __future__ import annotations

from typing import Literal

import pandas as pd
from pydantic import Field

from junheng.evaluate.schools import select_schools
from junheng.ledger.frames import (
    BACKBONE_ORDER,
    county_indicator_value,
    known_true,
    stage_types,
)
from junheng.ledger.registry import (
    MeasureContext,
    Params,
    Reading,
    count_of,
    measure,
    missing,
    share_of,
)
from junheng.model import CountyData


class TeacherScope(Params):
    compulsory_only: bool = True


def _full_time(data: CountyData, compulsory_only: bool) -> pd.DataFrame:
    teachers = data.teachers[known_true(data.teachers["full_time"])]
    if compulsory_only:
        ids = set(select_schools(data, types=stage_types("all"))["school_id"])
        teachers = teachers[teachers["school_id"].isin(ids)
                            & teachers["stage"].isin({"primary", "junior"})]
    return teachers


class RotationParams(TeacherScope):
    basis: Literal["eligible", "full_time"] = "eligible"


@measure("rotation_share", "交流轮岗教师比例", "share", "比例", RotationParams)
def rotation_share(ctx: MeasureContext, p: RotationParams) -> Reading:
    """本学年交流轮岗的专任教师数，除以县级指标 rotation_eligible_teachers（basis: eligible）或专任教师数（basis: full_time）。"""
    teachers = _full_time(ctx.data, p.compulsory_only)
    rotated = teachers.loc[known_true(teachers["rotated_in"]), "teacher_id"]
    if p.basis == "full_time":
        return share_of(rotated, len(teachers))
    eligible = county_indicator_value(ctx.data, "rotation_eligible_teachers")
    if eligible is None:
        return missing("县级指标缺少“符合交流轮岗条件的教师数”")
    return share_of(rotated, eligible)


@measure("rotated_backbone_share", "交流轮岗教师中骨干教师占比", "share", "比例", TeacherScope)
def rotated_backbone_share(ctx: MeasureContext, p: TeacherScope) -> Reading:
    """交流轮岗专任教师中县级及以上骨干教师所占比例。"""
    teachers = _full_time(ctx.data, p.compulsory_only)
    rotated = teachers[known_true(teachers["rotated_in"])]
    backbone = rotated.loc[rotated["backbone"].isin(BACKBONE_ORDER[1:]), "teacher_id"]
    return share_of(backbone, len(rotated))


class TrainingParams(TeacherScope):
    hours: float = Field(default=360, gt=0)


@measure("training_hours_share", "五年培训学时达标教师比例", "share", "比例", TrainingParams,
         counted="培训学时达到要求的专任教师人数（本学年及前四个学年合计，要求见台账“说明”；"
                 "未达到的不计入）")
def training_hours_share(ctx: MeasureContext, p: TrainingParams) -> Reading:
    """近五年培训学时达到要求的专任教师所占比例，与自评“教师培训”一项同一口径：学时按“教师培训”表记录计（没有记录的
    教师按近五年培训学时），不少于 hours（360），参加工作不满五年的按每年 hours/5 折算；学时未填的教师计为未达标。"""
    from junheng.teachers.training import counts_text, meets_hours

    teachers = _full_time(ctx.data, p.compulsory_only)
    ok, notice = meets_hours(teachers, ctx.data.school_year, ctx.data.tables.get("training"), p.hours)
    done = teachers.loc[ok.fillna(False).astype(bool).to_numpy(), "teacher_id"]
    unknown = int(ok.isna().sum())
    counts = counts_text(ctx.data.school_year, len(done), len(teachers) - len(done), p.hours)
    note = "；".join(n for n in (counts, f"{unknown} 名教师学时未填，计为未达标" if unknown else "", notice)
                    if n)
    return share_of(done, len(teachers), note)


class BackboneParams(TeacherScope):
    min_level: Literal["county", "city", "province", "national"] = "county"


def _backbone(data: CountyData, p: BackboneParams) -> tuple[pd.DataFrame, pd.Series]:
    teachers = _full_time(data, p.compulsory_only)
    levels = set(BACKBONE_ORDER[BACKBONE_ORDER.index(p.min_level):])
    return teachers, teachers.loc[teachers["backbone"].isin(levels), "teacher_id"]


@measure("backbone_teachers", "骨干教师数", "count", "人", BackboneParams)
def backbone_teachers(ctx: MeasureContext, p: BackboneParams) -> Reading:
    """骨干等级不低于 min_level（默认县级）的专任教师人数。"""
    return count_of(_backbone(ctx.data, p)[1])


class DesignatedParams(BackboneParams):
    since: int = Field(ge=1980, le=2100)


@measure("backbone_designated", "新认定骨干教师数", "count", "人", DesignatedParams)
def backbone_designated(ctx: MeasureContext, p: DesignatedParams) -> Reading:
    """骨干等级不低于 min_level、骨干认定年份在 since 至本学年之间的专任教师人数（新选拔的骨干；
    认定年份未填的不计）。"""
    teachers, backbone = _backbone(ctx.data, p)
    year = teachers.loc[backbone.index, "backbone_year"]
    new = backbone[year.notna() & (year >= p.since) & (year <= ctx.data.school_year)]
    return count_of(new)


@measure("backbone_teacher_share", "骨干教师占比", "share", "比例", BackboneParams)
def backbone_teacher_share(ctx: MeasureContext, p: BackboneParams) -> Reading:
    """骨干等级不低于 min_level 的专任教师占专任教师总数的比例。"""
    teachers, backbone = _backbone(ctx.data, p)
    return share_of(backbone, len(teachers))
