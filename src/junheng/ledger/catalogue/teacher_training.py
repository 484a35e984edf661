"""Training measures from the 教师培训 records: rolling five-year hours against 360, who falls
short by when, teachers trained per year (see :mod:`junheng.teachers.training`); the rotation
share against the eligible teachers the rotation rules count."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from junheng.evaluate.schools import select_schools
from junheng.ledger.catalogue.teachers import TeacherScope, _full_time
from junheng.ledger.frames import Ownership, known_true
from junheng.ledger.registry import MeasureContext, Reading, count_of, measure, missing, share_of
from junheng.teachers.training import REQUIRED_HOURS, training_status


class RollingParams(TeacherScope):
    hours: float = Field(default=REQUIRED_HOURS, gt=0)
    years_ahead: int = Field(default=0, ge=0, le=4)


def _status(ctx: MeasureContext, p: RollingParams):
    teachers = _full_time(ctx.data, p.compulsory_only)
    return training_status(teachers, ctx.data.training, ctx.data.school_year, p.hours)


@measure("training_rolling_share", "滚动五年培训学时达标教师比例", "share", "比例", RollingParams)
def training_rolling_share(ctx: MeasureContext, p: RollingParams) -> Reading:
    """近五年（学年及其前 4 年）培训学时达到要求的专任教师比例；不足五年教龄者按年折算（每年 hours/5）。"""
    status = _status(ctx, p)
    return share_of(status.loc[status["shortfall"] <= 0, "teacher_id"], len(status))


@measure("training_due_teachers", "培训学时将不达标教师数", "count", "人", RollingParams)
def training_due_teachers(ctx: MeasureContext, p: RollingParams) -> Reading:
    """不再参加培训时，到学年后第 years_ahead 年（0 为本学年）滚动五年学时低于要求的专任教师人数。"""
    status = _status(ctx, p)
    due = status.loc[status["due_year"] <= ctx.data.school_year + p.years_ahead, "teacher_id"]
    return count_of(due)


#: 培训类别 from the lowest: 校本 (the school's own), then 县培, 市培, 省培, 国培
TRAINING_ORDER = ("school_based", "county", "city", "provincial", "national")


class TrainedParams(TeacherScope):
    year_offset: int = Field(default=0, ge=-10, le=0)
    ownership: Ownership = "all"
    min_category: Literal["school_based", "county", "city", "provincial", "national"] = "school_based"


@measure("teachers_trained", "年度参训教师数", "count", "人", TrainedParams)
def teachers_trained(ctx: MeasureContext, p: TrainedParams) -> Reading:
    """学年（加 year_offset 年）参加培训类别不低于 min_category（默认校本，即任何培训；county 为县培及以上）、
    有学时的专任教师人数（按“教师培训”表，每人计一次）；ownership 为 public 时只计公办学校的教师。"""
    records = ctx.data.training
    if records.empty:
        return missing("没有“教师培训”记录")
    schools = set(select_schools(ctx.data, ownership=p.ownership)["school_id"])
    teachers = _full_time(ctx.data, p.compulsory_only)
    ids = set(teachers.loc[teachers["school_id"].isin(schools), "teacher_id"])
    year = ctx.data.school_year + p.year_offset
    done = records[records["teacher_id"].isin(ids) & (records["year"] == year)
                   & (records["hours"] > 0)]
    if p.min_category != "school_based":  # 校本 and up is any training, a blank 类别 included
        done = done[done["category"].isin(TRAINING_ORDER[TRAINING_ORDER.index(p.min_category):])]
    return count_of(sorted(set(done["teacher_id"])))


class EligibleParams(TeacherScope):
    min_years: int = Field(default=6, ge=0, le=40)
    max_age_male: int = Field(default=55, ge=20, le=70)
    max_age_female: int = Field(default=50, ge=20, le=70)


@measure("rotation_share_by_rules", "交流轮岗教师占符合条件教师比例（按规则计算）", "share", "比例",
         EligibleParams)
def rotation_share_by_rules(ctx: MeasureContext, p: EligibleParams) -> Reading:
    """本学年交流轮岗的专任教师数，除以按规则算出的符合条件教师数（本校任教满 min_years 年、男不超过 max_age_male 岁、女不超过 max_age_female 岁的未交流教师，加上本学年已交流的教师），不需要县级指标。"""
    from junheng.teachers.rotation_data import RotationConfig, eligible_teachers

    teachers = _full_time(ctx.data, p.compulsory_only)
    rotated = known_true(teachers["rotated_in"])
    config = RotationConfig(min_years=p.min_years, max_age_male=p.max_age_male,
                            max_age_female=p.max_age_female)
    eligible = int(eligible_teachers(ctx.data, teachers, config).sum()) + int(rotated.sum())
    reading = share_of(teachers.loc[rotated, "teacher_id"], eligible)
    return Reading(reading.numerator, reading.denominator, reading.items,
                   _reported_eligible_note(ctx, int(rotated.sum()), eligible))


def _reported_eligible_note(ctx: MeasureContext, rotated: int, eligible: int) -> str | None:
    """Beside the count by the rules, the 县级指标 the evaluation divides by when the county
    reported one (so the two rates of one year are explained, not silently different)."""
    table = ctx.data.county_indicators
    rows = table.loc[(table["indicator_code"] == "rotation_eligible_teachers")
                     & table["value"].notna(), "value"]
    if rows.empty:
        return None
    reported = int(round(float(rows.iloc[0])))
    rate = f"{rotated / reported:.1%}" if reported else "无法计算"
    if reported == eligible:
        return f"与县级指标填报的符合交流轮岗条件教师数（{reported:,} 人）一致"
    return (f"县级指标填报符合交流轮岗条件的教师 {reported:,} 人，督导评估按此计为 {rate}；本指标按教师表和"
            f"交流规则计为 {eligible:,} 人，相差 {abs(eligible - reported):,} 人，请核对县级填报")
