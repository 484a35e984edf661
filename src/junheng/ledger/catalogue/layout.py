"""Layout measures: schools and teaching points, merges, boarding towns, where schools are, construction."""

from __future__ import annotations

from typing import Literal

import pandas as pd
from pydantic import Field

from junheng.evaluate import boarding
from junheng.evaluate.schools import select_schools
from junheng.evaluate.schools import teaching_points as points_in
from junheng.ledger.frames import (
    SCHOOL_GROUPS_OF_TYPES,
    STAGE_SCHOOL_TYPES,
    Area,
    Ownership,
    SchoolTypes,
    Stage,
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
from junheng.model.areas import TOWN_SEAT_CODES, URBAN_CODES, non_urban_towns, towns_of
from junheng.model.places import town_label, town_names, urban_rural_label

OWNERSHIP_WORDS = {"public": "公办", "private": "民办"}


class AreaParams(Params):
    area: Area = "all"


SchoolType = Literal["primary_school", "junior_school", "nine_year", "twelve_year",
                     "complete_secondary", "senior_school", "teaching_point", "kindergarten",
                     "special_education"]


class SchoolCountParams(Params):
    school_types: tuple[SchoolType, ...] = Field(min_length=1)
    area: Area = "all"
    ownership: Ownership = "all"


@measure("schools", "学校数", "count", "所", SchoolCountParams)
def schools(ctx: MeasureContext, p: SchoolCountParams) -> Reading:
    """学校类型属于 school_types 的学校所数（如 nine_year 统计九年一贯制学校）。"""
    schools = select_schools(ctx.data, types=p.school_types, area=p.area, ownership=p.ownership)
    return count_of(schools["school_id"])


@measure("teaching_points", "教学点数", "count", "个", AreaParams)
def teaching_points(ctx: MeasureContext, p: AreaParams) -> Reading:
    """教学点个数（学校类型为教学点的行）。"""
    return count_of(points_in(ctx.data, area=p.area)["school_id"])


class MergedParams(AreaParams):
    include_village_primaries: bool = False

    def scope_words(self) -> str:
        """'含村小学' when the count takes in the 村小学 too (review rv20 9: the 测算方式 read
        「较基准年撤并的教学点数」 while the 说明 counted 村小学 as well).

        >>> MergedParams(include_village_primaries=True).scope_words(), MergedParams().scope_words()
        ('含村小学', '')
        """
        return "含村小学" if self.include_village_primaries else ""


@measure("teaching_points_merged", "较基准年撤并的教学点数", "count", "个", MergedParams,
         since_baseline=True)
def teaching_points_merged(ctx: MeasureContext, p: MergedParams) -> Reading:
    """基准年在册的教学点（include_village_primaries 时加上村小学，城乡分类 220）中，本年已不在学校表
    中的（“撤销:标识码”），以及基准年有学生、本年仍在册但已没有学生的（“无学生:标识码”）个数；按基准年的
    城乡分类筛选。"""
    before = merge_base(ctx.baseline, p)
    now = set(ctx.data.schools["school_id"])
    had = ctx.baseline.classes.groupby("school_id")["students"].sum()
    taught = ctx.data.classes.groupby("school_id")["students"].sum()
    empty = {i for i in before & now if had.get(i, 0) > 0 and taught.get(i, 0) <= 0}
    reading = count_of([f"撤销:{i}" for i in sorted(before - now)]
                       + [f"无学生:{i}" for i in sorted(empty)])
    if not empty:
        return reading
    return Reading(reading.numerator, reading.denominator, reading.items,
                   f"其中 {len(empty)} 个基准年有学生、本学年已无学生但仍在学校表中（学生已并入他校，"
                   "尚未办理撤销），按已撤并计；办理撤销后以“撤销”列出")


def merge_base(baseline: CountyData, p: MergedParams) -> set[str]:
    """The schools ``teaching_points_merged`` counts from: the baseline year's 教学点 (and,
    with ``include_village_primaries``, its 村小学, 城乡分类 220) of ``p.area``."""
    listed = points_in(baseline, area=p.area)["school_id"]
    if p.include_village_primaries:
        base = select_schools(baseline, types={"primary_school"}, area=p.area)
        listed = pd.concat([listed, base.loc[base["urban_rural_code"] == "220", "school_id"]])
    return set(listed)


class BoardingTownParams(Params):
    ownership: Ownership = "all"
    exclude_urban_towns: bool = True


def _towns(data: CountyData, exclude_urban: bool) -> list[str]:
    if exclude_urban:
        return non_urban_towns(data.villages, data.schools)
    return towns_of(data.villages, data.schools)


def _boarding_stages(data: CountyData, p: BoardingTownParams) -> tuple[list[str], dict[str, set[str]]]:
    """The towns counted and, per stage, the towns with a boarding school of that stage."""
    towns = _towns(data, p.exclude_urban_towns)
    schools = boarding.boarding_schools(data, ownership=p.ownership).schools
    return towns, {stage: set(schools.loc[schools["school_type"].isin(STAGE_SCHOOL_TYPES[stage]),
                                          "town_code"]) for stage in ("primary", "junior")}


def _boarding_towns(data: CountyData, p: BoardingTownParams) -> tuple[list[str], list[str]]:
    towns, serving = _boarding_stages(data, p)
    both = serving["primary"] & serving["junior"]
    return towns, [t for t in towns if t in both]


#: what a town lacks, by the stages it has a boarding school of (primary, junior)
LACKS = {(False, False): "寄宿制小学和寄宿制初中都没有", (False, True): "缺寄宿制小学",
         (True, False): "缺寄宿制初中"}


def lacking_note(towns: list[str], serving: dict[str, set[str]], names: dict[str, str]) -> str:
    """The towns without both a boarding primary and a boarding junior, grouped by what each
    lacks (review rv 13: 「尚无寄宿制小学和寄宿制初中的乡镇：石店镇、青口镇、黄城镇」 read as all three
    lacking both, while 石店镇 and 青口镇 lack only a boarding primary); "" when none lacks.

    >>> serving = {"primary": {"3"}, "junior": {"1", "2", "3"}}
    >>> lacking_note(["1", "2", "3", "4"], serving, {"1": "石店镇", "2": "青口镇", "4": "黄城镇"})
    '未同时有寄宿制小学和寄宿制初中的乡镇：石店镇、青口镇缺寄宿制小学；黄城镇寄宿制小学和寄宿制初中都没有'
    >>> lacking_note(["3"], serving, {})
    ''
    """
    groups: dict[str, list[str]] = {}
    for t in towns:
        has = (t in serving["primary"], t in serving["junior"])
        if has in LACKS:
            groups.setdefault(LACKS[has], []).append(town_label(t, names))
    if not groups:
        return ""
    return "未同时有寄宿制小学和寄宿制初中的乡镇：" + "；".join(
        "、".join(listed) + lack for lack, listed in groups.items())


@measure("boarding_towns", "有寄宿制小学和寄宿制初中的乡镇数", "count", "个", BoardingTownParams)
def boarding_towns(ctx: MeasureContext, p: BoardingTownParams) -> Reading:
    """同时有寄宿制小学和寄宿制初中（九年一贯制两者都算）的乡镇个数。"""
    _, both = _boarding_towns(ctx.data, p)
    return count_of(both)


@measure("boarding_towns_share", "有寄宿制小学和寄宿制初中的乡镇占比", "share", "比例",
         BoardingTownParams)
def boarding_towns_share(ctx: MeasureContext, p: BoardingTownParams) -> Reading:
    """同时有寄宿制小学和寄宿制初中的乡镇占乡镇总数（默认不含街道）的比例。"""
    towns, serving = _boarding_stages(ctx.data, p)
    both = [t for t in towns if t in serving["primary"] & serving["junior"]]
    return share_of(both, len(towns), lacking_note(towns, serving, town_names(ctx.data)))


class BoardingSchoolParams(Params):
    stage: Stage = "all"
    area: Area = "all"
    ownership: Ownership = "all"

    def scope_words(self) -> str:
        """'公办义务教育学校' or '义务教育学校，含民办' (the 自评 counts every 寄宿制 school)."""
        return {"public": "公办义务教育学校", "private": "民办义务教育学校"}.get(
            self.ownership, "义务教育学校，含民办")


@measure("boarding_schools", "寄宿制学校数", "count", "所", BoardingSchoolParams)
def boarding_schools(ctx: MeasureContext, p: BoardingSchoolParams) -> Reading:
    """寄宿制义务教育学校（不含教学点）所数。"""
    return count_of(boarding.boarding_schools(ctx.data, types=stage_types(p.stage), area=p.area,
                                              ownership=p.ownership).ids)


class LocationParams(Params):
    stage: Literal["primary", "junior", "senior"] = "junior"
    codes: tuple[Literal["111", "112", "121", "122", "123", "210", "220"], ...] = Field(
        default=tuple(sorted(URBAN_CODES | TOWN_SEAT_CODES)), min_length=1)
    ownership: Ownership = "public"
    include_teaching_points: bool = True


@measure("schools_in_area_share", "位于指定城乡分类的学校占比", "share", "比例", LocationParams)
def schools_in_area_share(ctx: MeasureContext, p: LocationParams) -> Reading:
    """提供某学段的学校中，城乡分类代码属于 codes 的所占比例（布局集中程度）。"""
    types = STAGE_SCHOOL_TYPES[p.stage]
    if not p.include_teaching_points:
        types = types - {"teaching_point"}
    schools = select_schools(ctx.data, types=types, ownership=p.ownership)
    within = schools["urban_rural_code"].isin(set(p.codes))
    return share_of(schools.loc[within, "school_id"], len(schools),
                    _location_note(ctx.data, schools[~within], types, p.ownership))


def _location_note(data: CountyData, outside: pd.DataFrame, types, ownership: str) -> str:
    """The schools outside the codes by name, and the schools of the stage the ownership
    filter leaves out (a 民办 十二年一贯制 school's 高中 is no school of a public count)."""
    parts = []
    if len(outside):
        parts.append("不在指定区域的学校：" + "、".join(
            f"{n}（{urban_rural_label(c)}）" for n, c in zip(outside["name"], outside["urban_rural_code"],
                                                         strict=True)))
    if ownership != "all":
        others = select_schools(data, types=types)
        others = others[~others["school_id"].isin(select_schools(data, types=types,
                                                                  ownership=ownership)["school_id"])]
        if len(others):
            parts.append(f"只计{OWNERSHIP_WORDS.get(ownership, ownership)}学校，未计入 {len(others)} 所："
                         + "、".join(others["name"].astype(str)))
    return "；".join(parts)


class ConstructionParams(Params):
    types: SchoolTypes = "compulsory"
    area: Area = "all"
    ownership: Ownership = "all"
    boarding_only: bool = False


def _constructed_scope(data: CountyData, p: ConstructionParams) -> pd.DataFrame:
    types, area, ownership = SCHOOL_GROUPS_OF_TYPES[p.types], p.area, p.ownership
    if p.boarding_only:
        return boarding.boarding_schools(data, types=types, area=area,
                                         ownership=ownership).schools
    schools = select_schools(data, types=types, area=area, ownership=ownership)
    return schools[schools["school_type"] != "teaching_point"]


def _new_ids(ctx: MeasureContext, p: ConstructionParams) -> list[str]:
    now = _constructed_scope(ctx.data, p)["school_id"]
    return sorted(set(now) - set(ctx.baseline.schools["school_id"]))


def _expanded_ids(ctx: MeasureContext, p: ConstructionParams) -> list[str]:
    ids = set(_constructed_scope(ctx.data, p)["school_id"]) & set(ctx.baseline.schools["school_id"])
    cols = ["classrooms", "teaching_area"]
    now = ctx.data.facilities.set_index("school_id")[cols].reindex(sorted(ids))
    before = ctx.baseline.facilities.set_index("school_id")[cols].reindex(sorted(ids))
    grew = (now > before).fillna(False).any(axis=1)
    return sorted(grew.index[grew.to_numpy()])


@measure("new_schools", "较基准年新建学校数", "count", "所", ConstructionParams,
         since_baseline=True)
def new_schools(ctx: MeasureContext, p: ConstructionParams) -> Reading:
    """本年学校表中有、基准年没有的学校（不含教学点）所数。"""
    return count_of(_new_ids(ctx, p))


@measure("schools_built_or_expanded", "较基准年新建和改扩建学校数", "count", "所",
         ConstructionParams, since_baseline=True)
def schools_built_or_expanded(ctx: MeasureContext, p: ConstructionParams) -> Reading:
    """新建学校（基准年没有）加改扩建学校（普通教室数或教学及辅助用房面积比基准年增加）的所数。"""
    new = [f"新建:{i}" for i in _new_ids(ctx, p)]
    expanded = [f"改扩建:{i}" for i in _expanded_ids(ctx, p)]
    return count_of(new + expanded)
