"""The rules of what workbook format v2 adds (projects, groups, principals, quotas, rooms,
附设幼儿班, county items); the teacher additions are in :mod:`junheng.io.validate_staff`, the
乡镇 sheet's in :mod:`junheng.io.validate_towns`.

Every rule takes a :class:`~junheng.io.rule_context.Context` and yields located problems, like
the v1 rules; empty optional cells are unknown and never break a rule. Rules that compare a v2
sheet with a v1 sheet (room counts with 校舍设施, rotation records with 教师) only run when the
v2 sheet has rows, so a v1 workbook is checked exactly as before.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pandas as pd

from junheng.errors import Problem
from junheng.io.rule_context import Context, Rule, fmt, mask, not_after_year, plain
from junheng.io.validate_staff import STAFF_RULES, staff_notices
from junheng.io.validate_towns import check_town_names, town_notices
from junheng.model import SHEETS_BY_KEY, codes, codes_v2
from junheng.model.county_items import (
    ATTESTATIONS_BY_CODE,
    FIGURES_BY_CODE,
    INDICATORS_BY_CODE,
    indicator_code_of,
)

_NEW_BUILD = "new_build"
_SCHOOL_ID = r"\d{10}"

# --- 建设项目 ---------------------------------------------------------------------------------


def check_project_schools(ctx: Context) -> Iterator[Problem]:
    """A project's school exists in 学校, unless the project builds it (新建, a 10-digit id)."""
    projects = ctx.frames["projects"]
    ids = projects["school_id"]
    new = mask(projects["project_type"] == _NEW_BUILD)
    unknown = mask(ids.notna() & ~ids.isin(set(ctx.school_types)))
    for i in np.flatnonzero(unknown & ~new):
        yield ctx.problem("projects", i, "school_id", ids.iloc[i],
                          f"学校标识码“{ids.iloc[i]}”在“学校”表中不存在：改扩建、迁建等项目须为“学校”表中的"
                          "学校；为新学校建设的项目请把项目类型选为“新建”。")
    malformed = mask(ids.notna() & ~ids.astype(str).str.fullmatch(_SCHOOL_ID))
    for i in np.flatnonzero(new & malformed & unknown):
        yield ctx.problem("projects", i, "school_id", ids.iloc[i],
                          "新建学校的学校标识码应为 10 位数字：请填写为新校分配的学校标识码。")


def _year_end(ctx: Context) -> pd.Timestamp | None:
    return None if ctx.year_span is None else ctx.year_span[1]


def check_project_dates(ctx: Context) -> Iterator[Problem]:
    """竣工日期 ≥ 开工日期; 在建 and 竣工 have started, 竣工 has finished by the school year's end."""
    projects = ctx.frames["projects"]
    start, done, status = projects["start_date"], projects["completion_date"], projects["status"]
    for i in np.flatnonzero(mask(done < start)):
        yield ctx.problem("projects", i, "completion_date", done.iloc[i],
                          f"竣工日期早于开工日期 {start.iloc[i].date().isoformat()}：请核对。")
    for i in np.flatnonzero(mask(status.isin(["under_construction", "completed"]) & start.isna())):
        yield ctx.problem("projects", i, "start_date", None, "在建和竣工的项目须填写开工日期。")
    for i in np.flatnonzero(mask((status == "completed") & done.isna())):
        yield ctx.problem("projects", i, "completion_date", None, "竣工项目须填写竣工日期。")
    end = _year_end(ctx)
    if end is None:
        return
    for i in np.flatnonzero(mask((status == "completed") & (done > end))):
        yield ctx.problem("projects", i, "completion_date", done.iloc[i],
                          f"竣工日期晚于本学年末（{end.date().isoformat()}）：尚未竣工的项目状态应为“在建”或“规划”。")
    for i in np.flatnonzero(mask((status == "under_construction") & (start > end))):
        yield ctx.problem("projects", i, "start_date", start.iloc[i],
                          f"开工日期晚于本学年末（{end.date().isoformat()}）：尚未开工的项目状态应为“规划”。")


def check_project_quantities(ctx: Context) -> Iterator[Problem]:
    """A 新增宿舍 project states its 新增床位, a 运动场 project its 新增运动场面积."""
    projects = ctx.frames["projects"]
    for kind, column, what in (("dormitory", "added_beds", "新增宿舍项目须填写新增床位"),
                               ("sports_ground", "added_sports_area", "运动场项目须填写新增运动场面积")):
        values = projects[column]
        missing = mask(projects["project_type"] == kind) & ~mask(values > 0)
        for i in np.flatnonzero(missing):
            yield ctx.problem("projects", i, column, values.iloc[i], f"{what}（大于 0）。")


_SITE_TYPES = ("new_build", "relocation")


def check_project_sites(ctx: Context) -> Iterator[Problem]:
    """新址经度 and 新址纬度 come together, only for a 新建 or 迁建; 所在乡镇代码 only for a 新建.
    (Their ranges are the columns' own: :mod:`junheng.model.schema_v2`.)"""
    projects = ctx.frames["projects"]
    lon, lat, kind = projects["site_lon"], projects["site_lat"], projects["project_type"]
    for i in np.flatnonzero(mask(lon.notna() != lat.notna())):
        given, other = ("site_lon", "site_lat") if pd.notna(lon.iloc[i]) else ("site_lat",
                                                                                 "site_lon")
        headers = {"site_lon": "新址经度", "site_lat": "新址纬度"}
        yield ctx.problem("projects", i, other, None,
                          f"已填{headers[given]}，须同时填写{headers[other]}。")
    for column in ("site_lon", "site_lat"):
        values = projects[column]
        for i in np.flatnonzero(mask(values.notna() & kind.notna() & ~kind.isin(_SITE_TYPES))):
            yield ctx.problem("projects", i, column, values.iloc[i],
                              "只有新建、迁建项目填写新址：其他项目在原校址建设，请留空。")
    town = projects["town_code"]
    for i in np.flatnonzero(mask(town.notna() & kind.notna() & (kind != _NEW_BUILD))):
        yield ctx.problem("projects", i, "town_code", town.iloc[i],
                          "只有新建学校填写所在乡镇代码：其他项目的学校已在“学校”表中登记乡镇，请留空。")


# --- 学校组织, 校长, 编制岗位 ---------------------------------------------------------------------


def check_group_roles(ctx: Context) -> Iterator[Problem]:
    """Each organisation has one 牵头校 and one 组织类型; nobody joins after the school year."""
    groups = ctx.frames["school_groups"]
    is_lead = groups["role"].eq("lead_school").fillna(False).astype(int)
    by_group = is_lead.groupby(groups["group_name"])
    first = mask(groups["group_name"].notna() & ~groups["group_name"].duplicated())
    for i in np.flatnonzero(first & mask(by_group.transform("sum") == 0)):
        yield ctx.problem("school_groups", i, "role", groups["role"].iloc[i],
                          f"组织“{groups['group_name'].iloc[i]}”没有牵头校：每个组织须有一所牵头校。")
    for i in np.flatnonzero(mask(is_lead.astype(bool) & (by_group.cumsum() > 1))):
        yield ctx.problem("school_groups", i, "role", "lead_school",
                          f"组织“{groups['group_name'].iloc[i]}”已有牵头校：每个组织只能有一所牵头校。")
    yield from _same_within(ctx, "school_groups", "group_name", "group_type",
                            "同一组织的组织类型须一致：该组织的第一行为")
    yield from not_after_year(ctx, "school_groups", "join_year", "加入年份")


def _same_within(ctx: Context, key: str, by: str, column: str, what: str
                 ) -> Iterator[Problem]:
    """Rows whose ``column`` differs from the first row of their ``by`` group."""
    frame = ctx.frames[key]
    first = frame.groupby(by)[column].transform("first")
    sheet_column = SHEETS_BY_KEY[key].column(column)
    for i in np.flatnonzero(mask(frame[column].notna() & (frame[column] != first))):
        label = codes.label_of(sheet_column.choices, first.iloc[i])
        yield ctx.problem(key, i, column, frame[column].iloc[i], f"{what}“{label}”。")


def check_principals(ctx: Context) -> Iterator[Problem]:
    """A principal heading several schools has one 职级; 任职年份 is not after the school year."""
    yield from _same_within(ctx, "principals", "principal_id", "rank",
                            "同一校长在各校的职级须一致：该校长的第一行为")
    yield from not_after_year(ctx, "principals", "since_year", "任职年份")


def check_staffing_posts(ctx: Context) -> Iterator[Problem]:
    """专业技术, 管理 and 工勤技能 posts together do not exceed the 核定编制数."""
    staffing = ctx.frames["staffing"]
    posts = staffing[["professional_posts", "management_posts", "support_posts"]]
    total = posts.sum(axis=1, min_count=1)
    for i in np.flatnonzero(mask(total > staffing["staff_quota"])):
        yield ctx.problem("staffing", i, "staff_quota", staffing["staff_quota"].iloc[i],
                          f"三类岗位数合计 {fmt(total.iloc[i])} 超过核定编制数：岗位总量应在核定编制内，请核对。")


# --- 专用教室 and 校舍设施 ------------------------------------------------------------------------

_ROOM_TOTALS = (("music", "music_rooms", "music_room_area", "音乐"),
                ("art", "art_rooms", "art_room_area", "美术"))


def check_special_rooms(ctx: Context) -> Iterator[Problem]:
    """Where 专用教室 lists a school's music (art) rooms, 校舍设施's count and total area agree."""
    rooms, facilities = ctx.frames["special_rooms"], ctx.frames["facilities"]
    for room_type, count_column, area_column, label in _ROOM_TOTALS:
        listed = rooms[rooms["room_type"] == room_type].groupby("school_id")["area"]
        counts, areas = listed.size(), listed.sum(min_count=1)
        ids = facilities["school_id"]
        for i in np.flatnonzero(mask(ids.isin(counts.index))):
            n, area = counts[ids.iloc[i]], areas[ids.iloc[i]]
            stated_n, stated_area = facilities[count_column].iloc[i], facilities[area_column].iloc[i]
            if pd.notna(stated_n) and int(stated_n) != n:
                yield ctx.problem("facilities", i, count_column, stated_n,
                                  f"与“专用教室”表不一致：该校登记了 {n} 间{label}专用教室。")
            elif pd.notna(stated_area) and pd.notna(area) and abs(stated_area - area) > 0.5:
                yield ctx.problem("facilities", i, area_column, stated_area,
                                  f"与“专用教室”表不一致：该校{label}专用教室面积合计为 {fmt(round(area, 1))} 平方米。")


def check_attached_preschool(ctx: Context) -> Iterator[Problem]:
    """附设幼儿班 of a 小学 or 教学点 are 小班/中班/大班/混合班; 学前 staff there teach such classes."""
    classes, teachers = ctx.frames["classes"], ctx.frames["teachers"]
    attached = ctx.type_of(classes["school_id"]).isin(codes_v2.ATTACHED_PRESCHOOL_TYPES)
    for i in np.flatnonzero(mask(attached & (classes["grade"] == "k0"))):
        yield ctx.problem("classes", i, "grade", "k0",
                          "小学、教学点附设幼儿班只能是小班、中班、大班或混合班，不能是托班。")
    with_preschool = set(classes.loc[mask(attached & classes["grade"].isin(
        codes_v2.ATTACHED_PRESCHOOL_GRADES)), "school_id"])
    at_attached = ctx.type_of(teachers["school_id"]).isin(codes_v2.ATTACHED_PRESCHOOL_TYPES)
    lonely = at_attached & teachers["stage"].eq("preschool") & \
        ~teachers["school_id"].isin(with_preschool)
    for i in np.flatnonzero(mask(lonely)):
        yield ctx.problem("teachers", i, "stage", "preschool",
                          "任教学段为学前，但该校在“班级”表中没有附设幼儿班：请核对任教学段，或登记附设幼儿班。")


# --- 县级指标, 县级年度数据, 县级认定 ------------------------------------------------------------


def _share_problem(value: float) -> str:
    return f"比例应填 0 到 1 之间的小数（如 0.86），{fmt(value)} 不是：百分数请除以 100。"


def check_indicator_names(ctx: Context) -> Iterator[Problem]:
    """Each 县级指标 row has a code (typed, or from a listed 指标名称) that fits its name and
    value; shares are decimals."""
    table = ctx.frames["county_indicators"]
    for i, (code, name, value) in enumerate(zip(table["indicator_code"], table["indicator_name"],
                                                table["value"], strict=True)):
        code, name = plain(code), plain(name)
        named = indicator_code_of(name)
        if code is None and name is not None:
            yield ctx.problem("county_indicators", i, "indicator_name", name,
                              "指标名称不在下拉列表中：请从下拉列表选择，或在“指标代码”列填写指标代码。")
        elif code is not None and named is not None and named != code:
            yield ctx.problem("county_indicators", i, "indicator_code", code,
                              f"指标代码与指标名称“{name}”不一致：该名称的指标代码为 {named}。")
        item = INDICATORS_BY_CODE.get(code) if code is not None else None
        if item is not None and item.share and pd.notna(value) and not 0 <= value <= 1:
            yield ctx.problem("county_indicators", i, "value", value, _share_problem(value))


def check_county_figures(ctx: Context) -> Iterator[Problem]:
    """县级年度数据: the unit, when given, is the figure's; shares are decimals; amounts ≥ 0."""
    table = ctx.frames["county_figures"]
    for i, (figure, value, unit) in enumerate(zip(table["figure"], table["value"], table["unit"],
                                                  strict=True)):
        item = FIGURES_BY_CODE.get(figure)
        if item is None:
            continue
        unit = plain(unit)
        if unit is not None and unit != item.unit:
            yield ctx.problem("county_figures", i, "unit", unit,
                              f"“{item.label}”的单位应为 {item.unit}：请按该单位填写数值，单位列可留空。")
        if pd.isna(value):
            continue
        if item.share and not 0 <= value <= 1:
            yield ctx.problem("county_figures", i, "value", value, _share_problem(value))
        elif value < 0:
            yield ctx.problem("county_figures", i, "value", value, f"“{item.label}”不能为负数。")
    yield from not_after_year(ctx, "county_figures", "year", "年份", slack=1)


def check_attestations(ctx: Context) -> Iterator[Problem]:
    """基本均衡认定 attested 是 names its year; no 认定年份 is after the school year."""
    table = ctx.frames["county_attestations"]
    kinds = table["item"].map(lambda code: getattr(ATTESTATIONS_BY_CODE.get(code), "kind", None))
    needs_year = mask(kinds.eq("recognition") & table["answer"].eq(True)) & table["year"].isna()
    for i in np.flatnonzero(needs_year):
        yield ctx.problem("county_attestations", i, "year", None,
                          "基本均衡已通过国家认定的，须填写认定年份。")
    yield from not_after_year(ctx, "county_attestations", "year", "认定年份")
    yield from not_after_year(ctx, "facilities", "design_year", "园舍规划设计年份")


V2_RULES: tuple[Rule, ...] = (
    check_project_schools, check_project_dates, check_project_quantities, check_project_sites,
    check_group_roles,
    check_principals, check_staffing_posts, check_special_rooms, check_attached_preschool,
    *STAFF_RULES, check_indicator_names, check_county_figures, check_attestations,
    check_town_names,
)
"""The rules of what format v2 adds, in the order their problems are listed."""


def v2_notices(ctx: Context) -> list[str]:
    """Remarks on the v2 sheets that do not block import."""
    notices = staff_notices(ctx) + town_notices(ctx)
    projects = ctx.frames["projects"]
    unlisted = mask((projects["project_type"] == _NEW_BUILD) & (projects["status"] == "completed")
                    & ~projects["school_id"].isin(set(ctx.school_types)))
    for i in np.flatnonzero(unlisted):
        notices.append(f"建设项目第 {ctx.row('projects', i)} 行“{projects['name'].iloc[i]}”已竣工，但新校"
                       f" {projects['school_id'].iloc[i]} 尚未列入“学校”表：开办后请登记该校。")
    return notices
