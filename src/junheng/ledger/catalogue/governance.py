"""School groups (集团化办学), the under-100 funding floor and 县级指标 values."""

from __future__ import annotations

from typing import Literal

import pandas as pd
from pydantic import Field

from junheng.evaluate.schools import select_schools
from junheng.ledger.frames import (
    Ownership,
    classes_in,
    county_indicator_value,
    stage_types,
)
from junheng.ledger.registry import (
    MeasureContext,
    NoParams,
    Params,
    Reading,
    count_of,
    measure,
    missing,
    share_of,
)
from junheng.model.codes import COMPULSORY_SCHOOL_TYPES, JUNIOR_GRADES, PRIMARY_GRADES
from junheng.model.codes_v2 import GROUP_TYPES
from junheng.model.county_items import INDICATORS_BY_CODE
from junheng.model.numbers import TIMES

GroupType = Literal["education_group", "alliance", "community", "school_district"]
#: the 集团化办学 forms a coverage counts by default: 教育集团 (紧密型), 学校联盟 and 教育共同体
#: (联盟型; seed 004: 「完善“紧密型”“联盟型”等多元形态的集团化办学模式」); a 学区 is an
#: administrative area, not a form of 集团化办学 (review rv22 finding 2)
GROUP_FORMS: tuple[GroupType, ...] = ("education_group", "alliance", "community")
GROUP_TYPE_LABELS = {code: name for name, code in GROUP_TYPES.items()}


class GroupParams(Params):
    include_teaching_points: bool = False
    ownership: Ownership = "all"
    group_types: tuple[GroupType, ...] = Field(default=GROUP_FORMS, min_length=1)

    def scope_words(self) -> str:
        """Which forms count, as the 测算方式 column says it.

        >>> GroupParams().scope_words()
        '‘学校组织’表中教育集团、学校联盟、教育共同体的成员校，学区不计'
        >>> GroupParams(group_types=("education_group", "school_district")).scope_words()
        '‘学校组织’表中教育集团、学区的成员校'
        """
        forms = "、".join(GROUP_TYPE_LABELS[t] for t in self.group_types)
        left = "" if "school_district" in self.group_types else "，学区不计"
        return f"‘学校组织’表中{forms}的成员校{left}"


@measure("school_group_coverage", "集团化办学覆盖率", "share", "比例", GroupParams)
def school_group_coverage(ctx: MeasureContext, p: GroupParams) -> Reading:
    """义务教育学校（默认不含教学点）中参加集团化办学的所占比例：填写了“学校组织”表时按该表计
    group_types 所列组织（默认教育集团、学校联盟、教育共同体；学区不计）的成员校，否则按学校表
    “教育集团”列。"""
    types = stage_types("all")
    if not p.include_teaching_points:
        types = types - {"teaching_point"}
    schools = select_schools(ctx.data, types=types, ownership=p.ownership)
    groups = ctx.data.school_groups
    if groups.empty:
        grouped = schools["school_group"].fillna("").astype(str).str.strip() != ""
        return share_of(schools.loc[grouped, "school_id"], len(schools),
                        "“学校组织”表未填写，按学校表“教育集团”列计")
    members = set(groups.loc[groups["group_type"].isin(p.group_types), "school_id"])
    return share_of(schools.loc[schools["school_id"].isin(members), "school_id"], len(schools))


class SchoolGroupParams(Params):
    group_types: tuple[GroupType, ...] = ()


@measure("school_groups", "教育集团（联盟）个数", "count", "个", SchoolGroupParams)
def school_groups(ctx: MeasureContext, p: SchoolGroupParams) -> Reading:
    """有义务教育学校（含教学点；幼儿园、高中不计）加入的教育集团、联盟等组织个数：填写了“学校组织”表时按该表
    （group_types 限定组织类型，默认全部），否则按学校表“教育集团”列的不同名称（幼儿园、高中的不计）；
    与自评报告“主要做法”所列组织同一口径。"""  # rv29 4
    schools = ctx.data.schools
    compulsory = set(schools.loc[schools["school_type"].isin(COMPULSORY_SCHOOL_TYPES), "school_id"])
    groups = ctx.data.school_groups
    if not groups.empty:
        rows = groups[groups["school_id"].isin(compulsory)]
        if p.group_types:
            rows = rows[rows["group_type"].isin(p.group_types)]
        return count_of(sorted(set(rows["group_name"].astype(str).str.strip())))
    if p.group_types:
        return missing("“学校组织”表未填写，无法按组织类型统计")
    named = schools[schools["school_id"].isin(compulsory)]
    names = named["school_group"].dropna().astype(str).str.strip()
    return count_of(sorted(set(names[names != ""])))


class FundingFloorParams(Params):
    threshold: int = Field(default=100, ge=1)


@measure("small_school_funding_floor_share", "不足百人学校按百人拨付公用经费的比例", "share",
         "比例", FundingFloorParams)
def small_school_funding_floor_share(ctx: MeasureContext, p: FundingFloorParams) -> Reading:
    """在校生不足 100 人的村小学（城乡分类 2xx）和教学点中，公用经费拨款不少于 100 × 小学生均公用经费
    基准定额的所占比例（城镇小学不在此规定之内，与优质均衡评估一致）。"""
    quota = ctx.data.info.get("primary_funding_quota")
    if quota is None or pd.isna(quota):
        return missing("基本信息缺少小学生均公用经费基准定额")
    schools = select_schools(ctx.data, types={"primary_school", "teaching_point"})
    rural = schools["urban_rural_code"].astype("string").str.startswith("2").fillna(False)
    schools = schools[(schools["school_type"] == "teaching_point") | rural]
    classes = classes_in(ctx.data, PRIMARY_GRADES, schools["school_id"])
    size = classes.groupby("school_id")["students"].sum().reindex(schools["school_id"]).fillna(0)
    small = size.index[(size < p.threshold).to_numpy()]
    funding = ctx.data.funding.set_index("school_id")["public_funding"]
    paid = funding.reindex(small)
    ok = paid.index[(paid >= p.threshold * float(quota)).fillna(False).to_numpy()]
    return share_of(ok, len(small))


@measure("funding_quota_share", "生均公用经费基准定额足额拨付的学校占比", "share", "比例")
def funding_quota_share(ctx: MeasureContext, p: NoParams) -> Reading:
    """公办义务教育学校（不含教学点）中，经费表的公用经费拨款不少于 小学生数 × 小学基准定额 + 初中生数 ×
    初中基准定额 的所占比例（经费表未填的学校计为未足额）。"""
    quotas = [ctx.data.info.get(f"{s}_funding_quota") for s in ("primary", "junior")]
    if any(q is None or pd.isna(q) for q in quotas):
        return missing("基本信息缺少小学或初中生均公用经费基准定额")
    schools = select_schools(ctx.data, types=stage_types("all") - {"teaching_point"},
                             ownership="public")
    ids = schools["school_id"]
    due = pd.Series(0.0, index=ids)
    for grades, quota in ((PRIMARY_GRADES, quotas[0]), (JUNIOR_GRADES, quotas[1])):
        pupils = classes_in(ctx.data, grades, ids).groupby("school_id")["students"].sum()
        due += pupils.reindex(ids).fillna(0).to_numpy() * float(quota)
    paid = ctx.data.funding.drop_duplicates("school_id").set_index("school_id")["public_funding"]
    ok = paid.reindex(ids).ge(due.to_numpy() - 1e-6).fillna(False).to_numpy()
    return share_of(sorted(ids[ok]), len(ids))


# --- 县级指标 ------------------------------------------------------------------------------


def indicator_name(code: str) -> str:
    """The Chinese name of a 县级指标 code (the code itself if unknown).

    >>> indicator_name("satisfaction_rate")
    '社会认可度（群众满意度）'
    """
    item = INDICATORS_BY_CODE.get(code)
    return item.label if item else code


def indicator_unit(code: str) -> str:
    """The unit a 县级指标's value is shown in: 倍 for a ratio (教师工资 ÷ 公务员工资, shown with
    three decimals as the evaluation shows it: review finding 14), else none.

    >>> indicator_unit("teacher_pay_ratio"), indicator_unit("satisfaction_rate")
    ('倍', '')
    """
    item = INDICATORS_BY_CODE.get(code)
    return TIMES if item is not None and item.unit == "比值" else ""


class IndicatorParams(Params):
    code: str = Field(min_length=1, pattern=r"^[A-Za-z][A-Za-z0-9_]*$")


@measure("county_indicator", "县级指标", "number", "", IndicatorParams)
def county_indicator(ctx: MeasureContext, p: IndicatorParams) -> Reading:
    """县级指标表中指标代码为 code 的数值（比例为小数）。"""
    value = county_indicator_value(ctx.data, p.code)
    if value is None:
        return missing(f"县级指标缺少“{indicator_name(p.code)}”")
    return Reading(value, None, (p.code,))


@measure("disabled_enrolment_rate", "适龄残疾儿童少年入学率", "number", "比例")
def disabled_enrolment_rate(ctx: MeasureContext, p: NoParams) -> Reading:
    """县级指标 disabled_enrolment_rate（残疾儿童少年义务教育入学率）。"""
    return county_indicator(ctx, IndicatorParams(code="disabled_enrolment_rate"))
