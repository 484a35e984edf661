"""The rules of the teacher data format v2 adds: the new 教师 columns, 教师交流记录 and 教师培训.

The two history sheets must agree with the v1 教师 columns they explain: this school year's
交流 and 支教 records with 本学年交流轮岗 and 原学校标识码 (once the county records any rotation
starting this school year), each teacher's training hours of the school year and the four before
it with 近五年培训学时. A record "starts in school year Y" when its 开始日期 falls between
1 August Y and 31 July Y+1 (teachers report before the autumn term). Records of a 教师编号 not on
the staff (teachers who retired or left) are kept and only noted: history outlives the staff list.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pandas as pd

from junheng.errors import Problem
from junheng.io.rule_context import Context, Rule, fmt, mask, not_after_year
from junheng.model import codes, codes_v2
from junheng.model.numbers import year_range

TRAINING_YEARS = 5
"""近五年: the school year and the four calendar years before it."""


def rotation_window(school_year: int) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The 开始日期 span of records that start in ``school_year`` (1 August to 31 July)."""
    return pd.Timestamp(school_year, 8, 1), pd.Timestamp(school_year + 1, 7, 31)


# --- 教师 v2 columns --------------------------------------------------------------------------


def check_teacher_v2_columns(ctx: Context) -> Iterator[Problem]:
    """骨干认定年份 only for backbone teachers, between work start and the school year;
    幼儿园岗位 only for 学前 staff; 岗位资格证书 only with a 幼儿园岗位."""
    t = ctx.frames["teachers"]
    year = t["backbone_year"]
    for i in np.flatnonzero(mask(year.notna() & (t["backbone"] == "none"))):
        yield ctx.problem("teachers", i, "backbone_year", year.iloc[i],
                          "骨干等级为“无”，不应填写骨干认定年份：请清空此格或更正骨干等级。")
    yield from not_after_year(ctx, "teachers", "backbone_year", "骨干认定年份")
    for i in np.flatnonzero(mask(year < t["work_start_year"])):
        yield ctx.problem("teachers", i, "backbone_year", year.iloc[i],
                          f"骨干认定年份早于参加工作年份 {t['work_start_year'].iloc[i]}：请核对。")
    stages = {code: label for label, code in codes.STAGES.items()}
    post = t["kindergarten_post"]
    for i in np.flatnonzero(mask(post.notna() & t["stage"].notna() & (t["stage"] != "preschool"))):
        yield ctx.problem("teachers", i, "kindergarten_post", post.iloc[i],
                          f"幼儿园岗位只填学前教职工：该教职工任教学段为{stages.get(t['stage'].iloc[i], '')}。")
    for i in np.flatnonzero(mask(t["post_certified"].notna() & post.isna())):
        yield ctx.problem("teachers", i, "post_certified", t["post_certified"].iloc[i],
                          "岗位资格证书对应幼儿园岗位：请先填写幼儿园岗位，或清空此格。")


# --- 教师交流记录 --------------------------------------------------------------------------------


def _unknown_teachers(ctx: Context, key: str) -> list[str]:
    """教师编号 of ``key``'s rows that are not on the staff, in order of first appearance."""
    ids = ctx.frames[key]["teacher_id"]
    known = set(ctx.frames["teachers"]["teacher_id"].dropna())
    return list(dict.fromkeys(ids[mask(ids.notna() & ~ids.isin(known))]))


def _active(ctx: Context, records: pd.DataFrame) -> np.ndarray:
    """Records that overlap the school year (all of them when the year is unknown)."""
    if ctx.year_span is None:
        return np.ones(len(records), dtype=bool)
    first, last = ctx.year_span
    return ~mask(records["start_date"] > last) & ~mask(records["end_date"] < first)


def check_rotation_records(ctx: Context) -> Iterator[Problem]:
    """A record names two different schools (known to 学校 while the record overlaps the school
    year), an end not before its start, a start by the year's end."""
    r = ctx.frames["rotations"]
    known, active = set(ctx.school_types), _active(ctx, r)
    for column in ("from_school_id", "to_school_id"):
        for i in np.flatnonzero(active & mask(r[column].notna() & ~r[column].isin(known))):
            yield ctx.problem("rotations", i, column, r[column].iloc[i],
                              f"学校标识码“{r[column].iloc[i]}”在“学校”表中不存在：本学年仍在进行的交流须为"
                              "“学校”表中的学校，请核对。")
    for i in np.flatnonzero(mask(r["from_school_id"] == r["to_school_id"])):
        yield ctx.problem("rotations", i, "to_school_id", r["to_school_id"].iloc[i],
                          "交流学校与原学校相同：请填写交流到的学校。")
    for i in np.flatnonzero(mask(r["end_date"] < r["start_date"])):
        yield ctx.problem("rotations", i, "end_date", r["end_date"].iloc[i],
                          f"结束日期早于开始日期 {r['start_date'].iloc[i].date().isoformat()}：请核对。")
    if ctx.year_span is not None:
        last = ctx.year_span[1]
        for i in np.flatnonzero(mask(r["start_date"] > last)):
            yield ctx.problem("rotations", i, "start_date", r["start_date"].iloc[i],
                              f"开始日期晚于本学年末（{last.date().isoformat()}）：交流记录只填已开始的交流。")


def _this_year_moves(ctx: Context) -> pd.DataFrame:
    """交流 and 支教 records starting in the school year, with their row positions."""
    r = ctx.frames["rotations"]
    first, last = rotation_window(ctx.dated_year)
    moving = mask(r["mode"].isin(codes_v2.MOVING_ROTATION_MODES)
                  & (r["start_date"] >= first) & (r["start_date"] <= last))
    return r[moving].assign(position=np.flatnonzero(moving))


def check_rotation_consistency(ctx: Context) -> Iterator[Problem]:
    """This school year's 交流/支教 records and 教师's 本学年交流轮岗 and 原学校标识码 agree
    (checked once 教师交流记录 has a rotation starting this school year)."""
    if not len(ctx.frames["rotations"]) or ctx.dated_year is None:
        return
    t = ctx.frames["teachers"]
    moves = _this_year_moves(ctx)
    if moves.empty:
        return
    here = moves.merge(t[["teacher_id", "school_id", "rotated_in", "from_school_id"]]
                       .assign(teacher_row=np.arange(len(t))), on="teacher_id",
                       suffixes=("", "_now"))
    here = here[mask(here["to_school_id"] == here["school_id"])]
    recorded = set(here["teacher_row"])
    for i in np.flatnonzero(mask(t["rotated_in"]) & ~np.isin(np.arange(len(t)), list(recorded))):
        yield ctx.problem("teachers", i, "rotated_in", True,
                          "本学年交流轮岗为“是”，但“教师交流记录”中没有该教师本学年到本校的交流或支教记录：请补充记录或更正。")
    for row in here.itertuples(index=False):
        if pd.notna(row.rotated_in) and not row.rotated_in:
            yield ctx.problem("rotations", row.position, "teacher_id", row.teacher_id,
                              "该教师本学年交流到现任教学校，但“教师”表中本学年交流轮岗为“否”：请更正其中之一。")
        elif isinstance(row.from_school_id_now, str) and row.from_school_id_now != row.from_school_id:
            yield ctx.problem("rotations", row.position, "from_school_id", row.from_school_id,
                              f"与“教师”表的原学校标识码 {row.from_school_id_now} 不一致：请更正其中之一。")


# --- 教师培训 -----------------------------------------------------------------------------------


def training_hours(training: pd.DataFrame, school_year: int) -> pd.Series:
    """Hours per teacher in the school year and the four years before it (近五年)."""
    recent = training[training["year"].between(school_year - TRAINING_YEARS + 1, school_year)]
    return recent.groupby("teacher_id")["hours"].sum()


def check_training_records(ctx: Context) -> Iterator[Problem]:
    """Training years are not after the school year; a teacher's hours of the last five years
    add up to 近五年培训学时."""
    training = ctx.frames["training"]
    yield from not_after_year(ctx, "training", "year", "年份")
    if not len(training) or ctx.dated_year is None:
        return
    t = ctx.frames["teachers"]
    sums = training_hours(training, ctx.dated_year)
    with_rows = t["teacher_id"].isin(set(training["teacher_id"].dropna()))
    summed = t["teacher_id"].map(sums).fillna(0.0)
    stated = t["training_hours_5y"]
    span = year_range(ctx.dated_year - TRAINING_YEARS + 1, ctx.dated_year)
    for i in np.flatnonzero(mask(with_rows & ((stated - summed).abs() > 0.5))):
        yield ctx.problem("teachers", i, "training_hours_5y", stated.iloc[i],
                          f"与“教师培训”表不一致：该教师 {span} 年培训学时合计为 {fmt(summed.iloc[i])} 学时。")


STAFF_RULES: tuple[Rule, ...] = (check_teacher_v2_columns, check_rotation_records,
                                 check_rotation_consistency, check_training_records)


def _unknown_notice(ctx: Context, key: str, what: str) -> list[str]:
    ids = _unknown_teachers(ctx, key)
    if not ids:
        return []
    shown = "、".join(ids[:5]) + (" 等" if len(ids) > 5 else "")
    return [f"“{what}”中有 {len(ids)} 个教师编号不在“教师”表中（{shown}）：如为已调离或退休的教师，"
            "其记录照常保留，但不计入现有教师；如为填写错误，请更正。"]


def staff_notices(ctx: Context) -> list[str]:
    """Records of teachers not on the staff; ended rotations at schools no longer listed;
    teachers without training rows."""
    notices = _unknown_notice(ctx, "rotations", "教师交流记录") + \
        _unknown_notice(ctx, "training", "教师培训")
    r = ctx.frames["rotations"]
    known = set(ctx.school_types)
    gone = ~_active(ctx, r) & mask(~r["from_school_id"].isin(known) | ~r["to_school_id"].isin(known))
    if gone.any():
        notices.append(f"教师交流记录有 {int(gone.sum())} 行已结束的交流涉及“学校”表中没有的学校（如已撤并的学校），"
                       "已照常保留。")
    training, t = ctx.frames["training"], ctx.frames["teachers"]
    if len(training):
        missing = mask(~t["teacher_id"].isin(set(training["teacher_id"].dropna()))
                       & (t["training_hours_5y"] > 0))
        if missing.any():
            notices.append(f"{int(missing.sum())} 名教师的近五年培训学时大于 0，但在“教师培训”表中没有记录："
                           "这些学时无法逐年核对。")
    return notices
