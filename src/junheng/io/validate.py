"""The rules of the county workbook, checked on an in-memory :class:`CountyData`.

The reader, the store, the demo generator and the web form all run :func:`validate_county`, so
a rule is written once. Each rule is a small function ``(ctx) -> problems``; every problem names
the sheet, the Excel row, the column header, the offending value (Chinese label for codes) and
a Chinese sentence saying what is wrong and how to fix it. Empty optional cells are unknown and
never compared as zero.

Row numbers: frames are read by position. ``rows[sheet_key][i]`` is the Excel row of frame row
``i`` when the frames came from a workbook (the reader passes its mapping); without a mapping,
row ``i`` is Excel row ``i + 2``, which is where :func:`write_workbook` puts it.

:data:`RULES` are the rules of format v1 (extended to the v2 sheets where a rule is generic:
column kinds and ranges, unique keys, references to 学校); :data:`V2_RULES`
(:mod:`junheng.io.validate_v2`) check what format v2 adds. :func:`validate_county` runs both.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

import numpy as np
import pandas as pd

from junheng.errors import Problem
from junheng.io.plausible import plausibility_notices
from junheng.io.rule_context import (
    Context,
    RowMap,
    Rule,
    duplicates,
    fmt,
    mask,
    plain,
    shown_value,
)
from junheng.io.validate_v2 import V2_RULES, v2_notices
from junheng.model import SHEETS, SHEETS_BY_KEY, Column, CountyData, Kind, codes, codes_v2
from junheng.model.columns import EARLIEST_DATE, INTEGER_RANGE, LATEST_DATE
from junheng.model.schema import AGE_COLUMNS

RESOURCE_COLUMNS = ("teaching_area", "sports_area", "equipment_value", "books", "computers",
                    "multimedia_rooms", "classrooms")
"""The seven 校舍设施 columns every compulsory-stage school (teaching points excepted) must fill."""

SCHOOL_REFERENCES = (
    ("schools", "central_school"), ("classes", "school_id"), ("enrolment", "school_id"),
    ("teachers", "school_id"), ("teachers", "from_school_id"), ("facilities", "school_id"),
    ("funding", "school_id"), ("enrolment_history", "school_id"), ("villages", "zone_primary"),
    ("villages", "zone_junior"), ("school_groups", "school_id"), ("principals", "school_id"),
    ("staffing", "school_id"), ("special_rooms", "school_id"),
)
"""Every (sheet, column) that holds a 学校标识码 which must exist in 学校."""

_DUPLICATE_RULES = {
    "schools": "学校标识码须唯一",
    "classes": "同一学校同一年级内班号须唯一",
    "enrolment": "每所学校每个起始年级只填一行",
    "teachers": "教师编号须唯一",
    "facilities": "每所学校只填一行",
    "funding": "每所学校只填一行",
    "villages": "区划代码须唯一",
    "births": "每个乡镇每个年份只填一行",
    "enrolment_history": "每个学年、每所学校、每个年级只填一行",
    "county_indicators": "每个指标只填一行",
    "school_groups": "同一学校在同一组织中只填一行",
    "rotations": "同一教师同一开始日期只填一行",
    "training": "同一教师同一年份同一培训类别只填一行",
    "principals": "每所学校只填一名校长",
    "staffing": "每所学校只填一行",
    "special_rooms": "同一学校同一类型的专用教室编号须唯一",
    "projects": "同一学校的项目名称须唯一",
    "county_figures": "每年每个指标只填一行",
    "county_attestations": "每个事项只填一行",
}
_SCHOOL_ID_DIGITS = 10
_TEACHING_POINT = "teaching_point"


def _grade_span(grades: frozenset[str]) -> str:
    """Grades a school type allows, in words: "一年级至六年级"."""
    order = list(codes.GRADES.values())
    labels = {code: label for label, code in codes.GRADES.items()}
    picked = [g for g in order if g in grades]
    runs: list[list[str]] = []
    for g in picked:
        if runs and order.index(g) == order.index(runs[-1][-1]) + 1:
            runs[-1].append(g)
        else:
            runs.append([g])
    parts = []
    for run in runs:
        if len(run) >= 3 and run[0] not in codes.PRESCHOOL_GRADES:
            parts.append(f"{labels[run[0]]}至{labels[run[-1]]}")
        else:
            parts.extend(labels[g] for g in run)
    return "、".join(parts)


# --- column rules: required, allowed values, digits, ranges -------------------------------


#: columns whose maximum is a bound of plausibility, not of definition (junheng.io.plausible)
TYPO_CHECKED = frozenset({*(c.key for c in AGE_COLUMNS), "births"})


def _range_text(col: Column, value: float | None = None) -> str:
    if col.key == "lon":
        return "不在中国境内（经度应在东经 73–135.5 度之间）：请检查经纬度是否填反、坐标系是否选对"
    if col.key == "lat":
        return "不在中国境内（纬度应在北纬 3.5–53.6 度之间）：请检查经纬度是否填反、坐标系是否选对"
    if col.key in ("site_lon", "site_lat"):  # 建设项目's new site: WGS84, no 坐标系 column
        what = "经度应在东经 73–135.5 度" if col.key == "site_lon" else "纬度应在北纬 3.5–53.6 度"
        return f"不在中国境内（{what}之间）：请检查经纬度是否填反，新址按 WGS84 坐标填写"
    whole = "的整数" if col.kind is Kind.INTEGER else ""
    too_many = value is not None and col.maximum is not None and value > col.maximum
    if col.key in TYPO_CHECKED and not too_many:  # below the minimum: the bound of definition
        return f"不能小于 {fmt(col.minimum)}"
    if col.key in TYPO_CHECKED:  # a count no 村居 or 乡镇 reaches: digits typed twice
        return f"应为 {fmt(col.minimum)}–{fmt(col.maximum)} {whole}，请核对是否多填了位数"
    if col.minimum is not None and col.maximum is not None:
        return f"应为 {fmt(col.minimum)}–{fmt(col.maximum)} {whole}".rstrip()
    if col.minimum is not None:
        return f"不能小于 {fmt(col.minimum)}"
    return f"不能大于 {fmt(col.maximum)}"


def _numbers(values: pd.Series) -> np.ndarray:
    return values.to_numpy(dtype=float, na_value=np.nan)


def _out_of_range(col: Column, values: pd.Series) -> np.ndarray:
    numbers = _numbers(values)
    bad = np.zeros(len(values), dtype=bool)
    with np.errstate(invalid="ignore"):
        if col.minimum is not None:
            bad |= numbers < col.minimum
        if col.maximum is not None:
            bad |= numbers > col.maximum
    return bad


def _bad_values(col: Column, values: pd.Series) -> np.ndarray:
    bad = np.zeros(len(values), dtype=bool)
    if col.kind is Kind.NUMBER:
        numbers = _numbers(values)
        return ~np.isnan(numbers) & ~np.isfinite(numbers)
    if col.kind in (Kind.ENUM, Kind.BOOL):
        allowed = set(col.choices.values())
        accept = allowed.__contains__
    elif col.kind is Kind.CODE and col.digits:
        pattern = re.compile(rf"\d{{{col.digits}}}")
        accept = lambda v: bool(pattern.fullmatch(str(v)))  # noqa: E731
    elif col.kind is Kind.DATE:
        days = pd.to_datetime(values)
        return mask((days < pd.Timestamp(EARLIEST_DATE)) | (days > pd.Timestamp(LATEST_DATE)))
    else:
        return bad
    objects = values.to_numpy(dtype=object)
    for i in np.flatnonzero(values.notna().to_numpy()):
        bad[i] = not accept(plain(objects[i]))
    return bad


def _bad_value_message(col: Column) -> str:
    if col.kind in (Kind.ENUM, Kind.BOOL):
        return f"“{col.header}”不是允许的值；应为以下之一：{'、'.join(col.choices)}。"
    if col.kind is Kind.CODE:
        return f"“{col.header}”应为 {col.digits} 位数字：请核对代码，并把该列设为“文本”格式。"
    if col.kind is Kind.DATE:
        return f"“{col.header}”应在 1990-01-01 至 2100-12-31 之间。"
    return f"“{col.header}”应为有限的数字。"


def _check_column(ctx: Context, sheet_key: str, col: Column) -> Iterator[Problem]:
    values = ctx.frames[sheet_key][col.key]
    if col.required:
        for i in np.flatnonzero(values.isna().to_numpy()):
            yield ctx.problem(sheet_key, i, col.key, None, f"“{col.header}”为必填项，不能为空。")
    bad = _bad_values(col, values)
    for i in np.flatnonzero(bad):
        yield ctx.problem(sheet_key, i, col.key, values.iloc[i], _bad_value_message(col),
                          raw=True)
    if col.kind in (Kind.INTEGER, Kind.NUMBER):
        numbers = _numbers(values)
        for i in np.flatnonzero(_out_of_range(col, values) & ~bad):
            shown = shown_value(col, values.iloc[i])
            yield ctx.problem(sheet_key, i, col.key, values.iloc[i],
                              f"“{col.header}”为 {shown}，{_range_text(col, numbers[i])}。")
    if col.kind is Kind.INTEGER:
        yield from _unstorable(ctx, sheet_key, col, values)


def _unstorable(ctx: Context, sheet_key: str, col: Column, values: pd.Series
                ) -> Iterator[Problem]:
    """Integers an INTEGER column of the store cannot hold (PostgreSQL would refuse them)."""
    low, high = INTEGER_RANGE
    numbers = _numbers(values)
    with np.errstate(invalid="ignore"):
        beyond = (numbers < low) | (numbers > high)
    for i in np.flatnonzero(beyond):
        yield ctx.problem(sheet_key, i, col.key, values.iloc[i],
                          f"“{col.header}”超出可保存的范围（{low:,} 至 {high:,}）：请检查是否误填。")


def check_columns(ctx: Context) -> Iterator[Problem]:
    """Required cells, allowed values, code digits and ranges, column by column."""
    if ctx.info_empty:
        yield Problem("基本信息", ctx.row("county_info", 0), None, None,
                      "“基本信息”没有填写：请在第 2 行填写县区代码、县区名称、所属地市、学年和经费定额。")
    for sheet in SHEETS:
        if sheet.single_row and ctx.info_empty:
            continue
        for col in sheet.columns:
            yield from _check_column(ctx, sheet.key, col)


# --- keys and references ------------------------------------------------------------------


def check_unique_keys(ctx: Context) -> Iterator[Problem]:
    """Key columns (学校标识码, 教师编号, 区划代码, 班号 within school and grade, ...) are unique."""
    for key, rule in _DUPLICATE_RULES.items():
        sheet = SHEETS_BY_KEY[key]
        frame = ctx.frames[key]
        last = sheet.key_columns[-1]
        for pos, first in duplicates(frame, sheet.key_columns):
            yield ctx.problem(key, pos, last, frame[last].iloc[pos],
                              f"与第 {ctx.row(key, first)} 行重复：{rule}。请删除重复行或更正。")


def check_school_references(ctx: Context) -> Iterator[Problem]:
    """Every 学校标识码 referenced elsewhere exists in 学校."""
    known = set(ctx.school_types)
    for key, column in SCHOOL_REFERENCES:
        values = ctx.frames[key][column]
        missing = values.notna() & ~values.isin(known)
        header = SHEETS_BY_KEY[key].column(column).header
        for i in np.flatnonzero(mask(missing)):
            yield ctx.problem(key, i, column, values.iloc[i],
                              f"{header}“{values.iloc[i]}”在“学校”表中不存在：请先在“学校”表登记该校，"
                              "或更正代码。")


def check_teaching_points(ctx: Context) -> Iterator[Problem]:
    """A 教学点 names its central school, and that school is not itself a 教学点."""
    schools = ctx.frames["schools"]
    points = mask(schools["school_type"] == _TEACHING_POINT)
    central_type = ctx.type_of(schools["central_school"])
    for i in np.flatnonzero(points & schools["central_school"].isna().to_numpy()):
        yield ctx.problem("schools", i, "central_school", None,
                          "教学点须填写所属学校标识码（其中心校的学校标识码）。")
    for i in np.flatnonzero(points & mask(central_type == _TEACHING_POINT)):
        yield ctx.problem("schools", i, "central_school", schools["central_school"].iloc[i],
                          "所属学校本身是教学点：教学点须隶属于一所不是教学点的学校（中心校）。")


# --- fit between grades, stages and school types ------------------------------------------


def _misfits(types: pd.Series, values: pd.Series, allowed_of: Mapping[str, frozenset[str]],
              known: Mapping[str, str]) -> list[tuple[int, str, str]]:
    """Positions where a known value is not among those the school's type allows."""
    return [(i, t, v) for i, (t, v) in enumerate(zip(types.tolist(), values.tolist(), strict=True))
            if t in allowed_of and v in known and v not in allowed_of[t]]


def _attached_preschool(types: pd.Series, stages: pd.Series) -> np.ndarray:
    """Rows of a 小学 or 教学点 in the preschool stage: 附设幼儿班, checked by the v2 rules."""
    return mask(types.isin(codes_v2.ATTACHED_PRESCHOOL_TYPES) & stages.eq("preschool"))


def check_class_grades(ctx: Context) -> Iterator[Problem]:
    """A class's grade is one its school type teaches (no 七年级 in a 小学).

    Preschool classes of a 小学 or 教学点 (附设幼儿班) are left to the v2 rules.
    """
    classes = ctx.frames["classes"]
    types = ctx.type_of(classes["school_id"])
    attached = _attached_preschool(types, classes["grade"].map(codes.GRADE_STAGE))
    for i, school_type, grade in _misfits(types, classes["grade"], codes.SCHOOL_TYPE_GRADES,
                                          codes.GRADE_STAGE):
        if attached[i]:
            continue
        label = codes.label_of(codes.SCHOOL_TYPES, school_type)
        allowed = _grade_span(codes.SCHOOL_TYPE_GRADES[school_type])
        yield ctx.problem("classes", i, "grade", grade,
                          f"年级与学校类型“{label}”不符：{label}只能有{allowed}。")


def check_entry_grades(ctx: Context) -> Iterator[Problem]:
    """招生 一年级 only for schools with primary grades, 七年级 only for schools with junior ones."""
    enrolment = ctx.frames["enrolment"]
    types = ctx.type_of(enrolment["school_id"])
    for i, school_type, grade in _misfits(types, enrolment["grade"], codes.SCHOOL_TYPE_GRADES,
                                          codes.GRADE_STAGE):
        label = codes.label_of(codes.SCHOOL_TYPES, school_type)
        stage = "小学" if grade == "g1" else "初中"
        yield ctx.problem("enrolment", i, "grade", grade,
                          f"招生年级与学校类型“{label}”不符：只有设{stage}年级的学校才能招收该年级新生。")


def check_teacher_stages(ctx: Context) -> Iterator[Problem]:
    """A teacher's 任教学段 is a stage the school serves (学前 at a 小学 or 教学点: v2 rules)."""
    teachers = ctx.frames["teachers"]
    types = ctx.type_of(teachers["school_id"])
    attached = _attached_preschool(types, teachers["stage"])
    stage_labels = {code: label for label, code in codes.STAGES.items()}
    for i, school_type, stage in _misfits(types, teachers["stage"], codes.SCHOOL_TYPE_STAGES,
                                          stage_labels):
        if attached[i]:
            continue
        label = codes.label_of(codes.SCHOOL_TYPES, school_type)
        allowed = codes.SCHOOL_TYPE_STAGES[school_type]
        served = "、".join(stage_labels[s] for s in codes.STAGES.values() if s in allowed)
        yield ctx.problem("teachers", i, "stage", stage,
                          f"任教学段与学校类型“{label}”不符：该校只有{served}学段。")


def check_zone_schools(ctx: Context) -> Iterator[Problem]:
    """划片小学 teaches primary grades, 划片初中 junior grades."""
    villages = ctx.frames["villages"]
    for column, grades, stage in (("zone_primary", codes.PRIMARY_GRADES, "小学"),
                                  ("zone_junior", codes.JUNIOR_GRADES, "初中")):
        types = ctx.type_of(villages[column]).tolist()
        for i, school_type in enumerate(types):
            taught = codes.SCHOOL_TYPE_GRADES.get(school_type)
            if taught is None or taught & set(grades):
                continue
            label = codes.label_of(codes.SCHOOL_TYPES, school_type)
            yield ctx.problem("villages", i, column, villages[column].iloc[i],
                              f"该校是{label}，没有{stage}年级，不能作为划片{stage}。")


# --- counts within a row and across sheets ------------------------------------------------


def _not_above(ctx: Context, key: str, part: str, whole: str, what: str) -> Iterator[Problem]:
    frame = ctx.frames[key]
    sheet = SHEETS_BY_KEY[key]
    header = sheet.column(part).header
    # A whole that already breaks its own range (a negative 学生数) is reported once, there.
    sane = ~_out_of_range(sheet.column(whole), frame[whole])
    for i in np.flatnonzero(mask(frame[part] > frame[whole]) & sane):
        yield ctx.problem(key, i, part, frame[part].iloc[i],
                          f"{header} {frame[part].iloc[i]} 超过{what} {frame[whole].iloc[i]}：请核对。")


def check_class_counts(ctx: Context) -> Iterator[Problem]:
    """寄宿生数, 随迁子女数, 残疾学生数 ≤ 学生数; 划片入学数, 随迁子女新生数 ≤ 新生数."""
    for part in ("boarders", "migrant_students", "disabled_students"):
        yield from _not_above(ctx, "classes", part, "students", "该班学生数")
    for part in ("zone_entrants", "migrant_entrants"):
        yield from _not_above(ctx, "enrolment", part, "entrants", "新生数")


def check_boarding(ctx: Context) -> Iterator[Problem]:
    """A boarding school has beds for all its boarders; a day school has no boarders."""
    schools = ctx.frames["schools"]
    classes = ctx.frames["classes"]
    boarders = classes.groupby("school_id")["boarders"].sum(min_count=1)
    total = schools["school_id"].map(boarders)
    boarding = schools["boarding"]
    for i in np.flatnonzero(mask(boarding) & schools["boarding_beds"].isna().to_numpy()):
        yield ctx.problem("schools", i, "boarding_beds", None, "寄宿制学校须填写宿舍床位数。")
    short = mask(boarding) & mask(schools["boarding_beds"].astype("Float64") < total)
    for i in np.flatnonzero(short):
        yield ctx.problem("schools", i, "boarding_beds", schools["boarding_beds"].iloc[i],
                          f"宿舍床位数少于该校寄宿生数 {fmt(total.iloc[i])}（班级表合计）："
                          "请核对床位数或寄宿生数。")
    day = mask(boarding == False) & mask(total > 0)  # noqa: E712 (nullable boolean)
    for i in np.flatnonzero(day):
        yield ctx.problem("schools", i, "boarding", False,
                          f"该校在班级表中有寄宿生 {fmt(total.iloc[i])} 人，但寄宿制填“否”："
                          "请改为“是”并填写宿舍床位数，或更正寄宿生数。")


# --- codes --------------------------------------------------------------------------------


def check_school_ids(ctx: Context) -> Iterator[Problem]:
    """学校标识码 has 10 digits, except for 教学点 which may use their own code."""
    schools = ctx.frames["schools"]
    ids = schools["school_id"]
    wrong = ids.notna() & ~ids.astype(str).str.fullmatch(rf"\d{{{_SCHOOL_ID_DIGITS}}}")
    wrong &= schools["school_type"] != _TEACHING_POINT
    for i in np.flatnonzero(mask(wrong)):
        yield ctx.problem("schools", i, "school_id", ids.iloc[i],
                          "学校标识码应为 10 位数字（教学点可用自有编码）：请核对，并把该列设为“文本”格式。")


def check_code_prefixes(ctx: Context) -> Iterator[Problem]:
    """乡镇代码 starts with the 县区代码; a village's 区划代码 starts with its 乡镇代码."""
    county = ctx.county_code
    if county is not None:
        for key in ("schools", "villages", "births", "towns", "projects"):
            towns = ctx.frames[key]["town_code"]
            wrong = towns.notna() & towns.astype(str).str.fullmatch(r"\d{9}") \
                & ~towns.astype(str).str.startswith(county)
            for i in np.flatnonzero(mask(wrong)):
                yield ctx.problem(key, i, "town_code", towns.iloc[i],
                                  f"乡镇代码不属于本县区：前 6 位应为县区代码 {county}。")
    villages = ctx.frames["villages"]
    for i in range(len(villages)):
        code, town = villages["village_code"].iloc[i], villages["town_code"].iloc[i]
        if (isinstance(code, str) and isinstance(town, str) and re.fullmatch(r"\d{12}", code)
                and re.fullmatch(r"\d{9}", town) and not code.startswith(town)):
            yield ctx.problem("villages", i, "village_code", code,
                              f"区划代码与乡镇代码“{town}”不符：区划代码的前 9 位应为乡镇代码。")


# --- conditional requirements --------------------------------------------------------------


def check_kindergartens(ctx: Context) -> Iterator[Problem]:
    """普惠性 is filled for every kindergarten."""
    schools = ctx.frames["schools"]
    missing = mask(schools["school_type"] == "kindergarten") & schools["affordable"].isna()
    for i in np.flatnonzero(mask(missing)):
        yield ctx.problem("schools", i, "affordable", None, "幼儿园须填写普惠性（公办园填“是”）。")


def check_facilities(ctx: Context) -> Iterator[Problem]:
    """Compulsory-stage schools other than 教学点 have a 校舍设施 row with the seven resources."""
    schools = ctx.frames["schools"]
    facilities = ctx.frames["facilities"]
    needs = schools["school_type"].isin(codes.COMPULSORY_SCHOOL_TYPES - {_TEACHING_POINT})
    needed_ids = set(schools.loc[mask(needs), "school_id"].dropna())
    present = set(facilities["school_id"].dropna())
    for i in np.flatnonzero(mask(needs & ~schools["school_id"].isin(present))):
        school_id = schools["school_id"].iloc[i]
        if pd.notna(school_id):
            yield Problem("校舍设施", None, "学校标识码", school_id,
                          f"学校“{schools['name'].iloc[i]}”缺少校舍设施行：义务教育学校（教学点除外）"
                          "须填写教学及辅助用房面积等前七项资源数据。")
    rows = mask(facilities["school_id"].isin(needed_ids))
    for column in RESOURCE_COLUMNS:
        header = SHEETS_BY_KEY["facilities"].column(column).header
        for i in np.flatnonzero(rows & facilities[column].isna().to_numpy()):
            yield ctx.problem("facilities", i, column, None,
                              f"“{header}”为空：义务教育学校（教学点除外）须填写此项（空白表示未知，不会按 0 计）。")


# --- years ----------------------------------------------------------------------------------


def check_history_years(ctx: Context) -> Iterator[Problem]:
    """在校生历史 holds only school years before the workbook's 学年."""
    if ctx.school_year is None:
        return
    years = ctx.frames["enrolment_history"]["school_year"]
    for i in np.flatnonzero(mask(years >= ctx.school_year)):
        yield ctx.problem("enrolment_history", i, "school_year", years.iloc[i],
                          f"学年应早于本工作簿的学年 {ctx.school_year}：在校生历史只填以往学年。")


def check_teacher_years(ctx: Context) -> Iterator[Problem]:
    """出生年份 < 参加工作年份 ≤ 本校任教起始年份 ≤ 学年."""
    teachers = ctx.frames["teachers"]
    birth, work = teachers["birth_year"], teachers["work_start_year"]
    school = teachers["school_start_year"]
    for i in np.flatnonzero(mask(work <= birth)):
        yield ctx.problem("teachers", i, "work_start_year", work.iloc[i],
                          f"参加工作年份不晚于出生年份 {birth.iloc[i]}：请核对。")
    for i in np.flatnonzero(mask(school < work)):
        yield ctx.problem("teachers", i, "school_start_year", school.iloc[i],
                          f"本校任教起始年份早于参加工作年份 {work.iloc[i]}：请核对。")
    if ctx.school_year is None:
        return
    for column, values in (("work_start_year", work), ("school_start_year", school)):
        header = SHEETS_BY_KEY["teachers"].column(column).header
        for i in np.flatnonzero(mask(values > ctx.school_year)):
            yield ctx.problem("teachers", i, column, values.iloc[i],
                              f"{header}晚于本工作簿的学年 {ctx.school_year}：请核对。")


def check_rotation_source(ctx: Context) -> Iterator[Problem]:
    """A rotated teacher's 原学校标识码 differs from the school they now teach at."""
    teachers = ctx.frames["teachers"]
    same = mask(teachers["from_school_id"] == teachers["school_id"])
    for i in np.flatnonzero(same):
        yield ctx.problem("teachers", i, "from_school_id", teachers["from_school_id"].iloc[i],
                          "原学校标识码与现任教学校相同：交流轮岗教师应填调出学校。")


RULES: tuple[Rule, ...] = (
    check_columns, check_unique_keys, check_school_references, check_teaching_points,
    check_class_grades, check_entry_grades, check_teacher_stages, check_zone_schools,
    check_class_counts, check_boarding, check_school_ids, check_code_prefixes,
    check_kindergartens, check_facilities, check_history_years, check_teacher_years,
    check_rotation_source,
)
"""The rules of format v1, in the order their problems are listed (then :data:`V2_RULES`)."""


def validate_county(data: CountyData, *, rows: RowMap | None = None) -> list[Problem]:
    """Check every rule of the workbook (v1 and v2) on ``data`` and return the located problems.

    Parameters
    ----------
    data
        The county; frames are read by position.
    rows
        Optional ``{sheet_key: [Excel row of frame row 0, 1, ...]}``, as the reader returns it.
        Without it, frame row ``i`` is reported as Excel row ``i + 2``.

    Returns
    -------
    list of Problem
        Empty when the county is valid.

    Examples
    --------
    >>> from junheng.io import example_county
    >>> validate_county(example_county())
    []
    >>> bad = example_county()
    >>> classes = bad.classes.copy()
    >>> classes.loc[10, "students"] = -3
    >>> [str(p) for p in validate_county(bad.with_tables(classes=classes))]
    ['班级 / 第 12 行 / 学生数（值：-3）：“学生数”为 -3，应为 0–120 的整数。']
    """
    ctx = Context(data, rows)
    return [problem for rule in (*RULES, *V2_RULES) for problem in rule(ctx)]


def county_notices(data: CountyData, *, rows: RowMap | None = None) -> list[str]:
    """Remarks that do not block import: things that look odd but may be right."""
    ctx = Context(data, rows)
    schools = ctx.frames["schools"]
    notices = []
    odd = mask(schools["school_type"] != _TEACHING_POINT) & schools["central_school"].notna()
    for i in np.flatnonzero(mask(odd)):
        notices.append(f"学校第 {ctx.row('schools', i)} 行“{schools['name'].iloc[i]}”不是教学点，却填写了所属学校标识码"
                       f" {schools['central_school'].iloc[i]}：只有教学点需要填写。")
    with_classes = set(ctx.frames["classes"]["school_id"].dropna())
    without = schools.loc[~schools["school_id"].isin(with_classes), "name"].dropna().tolist()
    if without and len(ctx.frames["classes"]):
        notices.append(f"{len(without)} 所学校在“班级”表中没有班级：{'、'.join(without[:10])}"
                       f"{' 等' if len(without) > 10 else ''}。")
    return notices + plausibility_notices(ctx) + v2_notices(ctx)
