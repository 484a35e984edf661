"""The enrolment forecast as a chart-ready Excel workbook (Chinese), and its highlights as text.

Sheets: 说明 (what each sheet holds, notes), 要点 (the years the county seat runs out of
classrooms and the schools falling under half capacity), 全县 (stage × year with low/high and
a line chart), 乡镇 (town × stage × year), 学校 (school × year), 教室缺口 (classes needed minus
普通教室数, per school and year), 学校明细 and 分年级 (the tidy frames), 模型选择 (every series'
model and backtest MAPE), 回测误差 (MAPE by level and horizon), 出生与迁移.

Wide sheets have one column per year so that Excel or WPS can chart a row directly.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import xlsxwriter

from junheng.forecast.capacity import UNDER_USED
from junheng.forecast.county import (
    LEVEL_LABELS,
    STAGE_LABELS,
    CountyForecast,
    ForecastHighlights,
    forecast_highlights,
)
from junheng.io.excel import new_workbook
from junheng.model.areas import COUNTY_SEAT_LABEL
from junheng.model.codes import COMPULSORY_SCHOOL_TYPES, GRADES, SCHOOL_TYPES, URBAN_RURAL_LABELS
from junheng.model.labels import count_of_kinds
from junheng.standards import ClassSizeStandard, load_class_size

SCHOOL_TYPE_LABELS = {code: label for label, code in SCHOOL_TYPES.items()}
GRADE_LABELS = {code: label for label, code in GRADES.items()}
KIND_LABELS = {"progression": "升级比率", "entry": "起始年级生源比率", "births": "出生增长比率"}
RUN_LABELS = {"auto": "按回测选用（本预测）", "last": "保持上年"}
HEADERS = {
    "county_code": "县区代码", "town_code": "乡镇代码", "town_name": "乡镇名称", "school_id": "学校标识码", "name": "学校名称",
    "school_type": "学校类型", "urban_rural_code": "城乡分类", "stage": "学段", "grade": "年级",
    "year": "学年", "horizon": "预测年数", "students": "在校生（中）", "students_low": "在校生（低）",
    "students_high": "在校生（高）",
    "students_counted": "所需班数、普通教室所计在校生（完全中学、一贯制学校只计义务教育年级）", "classes_needed": "所需班数（标准班额）", "classrooms": "普通教室数",
    "classrooms_other": "高中、幼儿班所用教室",
    "classroom_shortfall": "教室缺口", "idle_classrooms": "闲置教室", "students_per_classroom": "每间教室学生数",
    "oversized_risk": "大班额风险（>55人/间）", "utilisation": "教室利用率", "kind": "序列类型",
    "model": "选用模型", "reason": "选用理由", "n_errors": "回测误差个数", "level": "汇总层级",
    "mape": "平均绝对百分比误差（%）", "n": "误差个数", "births": "出生人数", "projected": "是否预测值",
    "births_share": "占全县出生比重", "births_share_drift": "出生比重年变化（对数）",
    "cohort_drift": "儿童随年龄迁移（对数/岁）", "migration_factor": "迁移因子（每年）",
    "first_year": "首次低于一半的学年", "utilisation_then": "当年利用率", "utilisation_now": "基年利用率",
    "utilisation_end": "末年利用率", "net_shortfall": "各学段合计净缺口（班数−教室，不同学段不能相抵，仅供核对）", "schools_short": "缺教室学校数",
    "shortfall_by_school": "逐校相加的缺口（间，不以一校富余抵另一校不足）",
    "net_primary": "小学学校净缺口（间）", "net_junior": "初中学校（含完全中学）净缺口（间）",
    "net_through": "九年、十二年一贯制学校净缺口（间）",
    "new_school_rooms": "其中新建学校普通教室（间，自投入使用学年起计入）",
    "method": "方法", "classroom_change": "普通教室数变化",
}


def highlight_lines(highlights: ForecastHighlights, *, top: int = 10, layout=None) -> list[str]:
    """The highlights as Chinese sentences for a console or a report.

    Examples
    --------
    >>> seat = pd.DataFrame({"year": [2025, 2026], "classes_needed": [10, 12],
    ...                      "classrooms": [11, 11], "net_shortfall": [-1, 1]})
    >>> highlight_lines(ForecastHighlights(seat, (2026,), pd.DataFrame(
    ...     columns=["name", "first_year", "utilisation_end"])))[0]
    '县城（主城区、城乡结合区）义务教育学校：2026 学年教室不足，缺 1 间。'

    The classroom sentence is :meth:`junheng.jobs.figures.ClassroomShortage.sentence`: the
    base year counts when it is already short (the 教室供需 tables mark it too); with a
    ``layout`` plan in force, a new school it gives pupils says how many (``layout_placed``).
    """
    from junheng.jobs.figures import ClassroomShortage, layout_placed

    short = ClassroomShortage.from_highlights(highlights)
    lines = [replace(short, placed=layout_placed(layout, short.new_schools)).sentence()]
    under = highlights.under_half
    if under.empty:
        lines.append("预测期内没有学校的教室利用率低于一半。")
        return lines
    # 所 for schools, 个 for 教学点 (planner review 2026-12-05 finding 11: 「143 所（个）」)
    which = "逐一列出" if len(under) <= top else f"列出其中前 {top} 行"
    marks = layout_marks(layout)
    said = ("利用率按招生预测，未计布局调整，布局调整方案撤并的学校和接收撤并学校学生的学校在行末注明；"
            if set(under["school_id"]) & set(marks) else "")
    lines.append(f"预测期内教室利用率低于一半的 {count_of_kinds(under['school_type'])}：{under_half_groups(under)}；"
                 f"{said}先列预测期内新降到一半以下的，{which}：")
    lines += [f"  {_under_half_line(row)}" + (f"（{marks[row['school_id']]}）" if row["school_id"] in marks else "")
              for row in under.head(top).to_dict("records")]
    return lines


def layout_marks(layout) -> dict[str, str]:
    """What a layout plan in force does to a school the forecast finds under half used, by
    school id (rv6 N15: the 自评 listed 何屯村教学点, which the layout closes in 2029, and its
    receiver at 25% without a word): closed in a school year, or taking closed schools' pupils.

    >>> from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool
    >>> plan = LayoutOutcome("optimal", (PlannedSchool("P", "点", "close", phase=4, merged_into="R",
    ...     moved_pupils={"R": 27}), PlannedSchool("R", "村小学", "keep")), {}, year=2025)
    >>> layout_marks(plan), layout_marks(None)
    ({'P': '布局调整方案 2029 学年撤并', 'R': '布局调整方案中接收撤并学校的学生，未计入此利用率'}, {})
    """
    if layout is None or not getattr(layout, "year", None):
        return {}
    closed = [s for s in layout.schools if s.action == "close"]
    out = {s.school_id: f"布局调整方案 {int(layout.year) + int(s.phase)} 学年撤并" if s.phase is not None
           else "布局调整方案撤并" for s in closed}
    for s in closed:
        for r in [*(s.moved_pupils or {}), *([s.merged_into] if s.merged_into else [])]:
            out.setdefault(r, "布局调整方案中接收撤并学校的学生，未计入此利用率")
    return out


#: The kinds of school the under-half list separates, each with the types it holds and its
#: unit: 教学点 apart, by 个 (review2 finding 13: "义务教育学校 111 所" held the 教学点).
UNDER_HALF_KINDS = (("义务教育学校", COMPULSORY_SCHOOL_TYPES - {"teaching_point"}, "所"),
                    ("教学点", {"teaching_point"}, "个"), ("幼儿园", {"kindergarten"}, "所"),
                    ("特殊教育学校", {"special_education"}, "所"))


def under_half_groups(under: pd.DataFrame) -> str:
    """'义务教育学校 1 所、教学点 1 个（基年已低于一半 1 个）、幼儿园 1 所' (kinds with no school
    left out).

    >>> under_half_groups(pd.DataFrame({"school_type": ["teaching_point", "primary_school",
    ...     "kindergarten"], "utilisation_now": [0.3, 0.6, 0.4]}))
    '义务教育学校 1 所、教学点 1 个（基年已低于一半 1 个）、幼儿园 1 所（基年已低于一半 1 所）'
    """
    parts = []
    known = set().union(*(types for _, types, _ in UNDER_HALF_KINDS))
    kinds = (*UNDER_HALF_KINDS, ("其他学校", None, "所"))
    for label, types, unit in kinds:
        part = under[~under["school_type"].isin(known)] if types is None \
            else under[under["school_type"].isin(types)]
        if part.empty:
            continue
        already = int(part["utilisation_now"].lt(UNDER_USED).sum())
        parts.append(f"{label} {len(part)} {unit}"
                     + (f"（基年已低于一半 {already} {unit}）" if already else ""))
    return "、".join(parts)


def _under_half_line(row: dict) -> str:
    kind = "" if row["school_type"] in COMPULSORY_SCHOOL_TYPES \
        else f"（{SCHOOL_TYPE_LABELS.get(row['school_type'], '其他')}）"
    end = f"末年利用率 {_percent(row['utilisation_end'])}"
    now = row["utilisation_now"]
    if now is not None and now == now and now < UNDER_USED:
        return f"{row['name']}{kind}：基年已低于一半（基年利用率 {_percent(now)}），{end}"
    return f"{row['name']}{kind}：{row['first_year']} 学年起低于一半，{end}"


def write_forecast_xlsx(forecast: CountyForecast, path: str | Path) -> Path:
    """Write the forecast workbook to ``path`` and return it (see the module docstring)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    highlights = forecast_highlights(forecast)
    workbook = new_workbook(path, nan_inf_to_errors=True)
    formats = _Formats(workbook)
    _about(workbook, formats, forecast)
    _highlights(workbook, formats, forecast, highlights)
    _county(workbook, formats, forecast)
    _wide(workbook, formats, "乡镇", _towns_wide(forecast))
    for name, frame in (("学校", _schools_wide(forecast, "students")),
                        ("教室缺口", _shortfall_wide(forecast))):
        _school_skill_block(_wide(workbook, formats, name, frame), formats, forecast,
                            len(frame) + 2)
    _table(workbook, formats, "学校明细", _labelled(forecast.schools))
    _table(workbook, formats, "分年级", _labelled(forecast.students))
    _table(workbook, formats, "模型选择", _labelled(forecast.models))
    _accuracy_sheet(workbook, formats, forecast)
    _table(workbook, formats, "出生与迁移", _labelled(forecast.migration))
    _wide(workbook, formats, "出生", _births_wide(forecast))
    workbook.close()
    return path


# -- sheets ----------------------------------------------------------------------------------

class _Formats:
    def __init__(self, wb: xlsxwriter.Workbook):
        base = {"border": 1, "valign": "vcenter", "font_name": "宋体", "font_size": 10}
        self.title = wb.add_format({"bold": True, "font_size": 14, "font_name": "黑体"})
        self.text = wb.add_format({"font_name": "宋体", "font_size": 10, "text_wrap": True,
                                   "valign": "top"})
        self.head = wb.add_format({**base, "bold": True, "bg_color": "#DDEBF7", "text_wrap": True,
                                   "align": "center"})
        self.cell = wb.add_format(base)
        self.count = wb.add_format({**base, "num_format": "#,##0"})
        self.number = wb.add_format({**base, "num_format": "#,##0.0#"})


def _class_size_line(limits: ClassSizeStandard) -> str:
    """The class sizes and the 大班额 risk the forecast used, from the class-size rules."""
    size = {s: f"{v:g}" for s, v in limits.standard_class.items()}
    secondary = f"初中、高中 {size['junior']} 人" if size["junior"] == size["senior"] else \
        f"初中 {size['junior']} 人，高中 {size['senior']} 人"
    kindergarten = "、".join(f"{GRADE_LABELS[g]} {limits.grade_class_size(g):g}"
                             for g in ("k0", "k1", "k2", "k3", "kmix"))
    return (f"班额标准：小学 {size['primary']} 人（教学点 {limits.incomplete_primary:g} 人），{secondary}；"
            f"幼儿园{kindergarten}。大班额风险：每间普通教室学生数超过 {limits.oversized_min - 1} 人。"
            "教室利用率：按标准班额折算的班数 ÷ 普通教室数。同时举办高中或附设幼儿班的义务教育学校，"
            "所需班数和普通教室数只计一至九年级：现有普通教室先按当前班数比例留出高中、幼儿班所用部分。")


def _about(wb, f: _Formats, forecast: CountyForecast) -> None:
    from junheng.report.forecast_skill import interval_said

    ws = wb.add_worksheet("说明")
    ws.set_column(0, 0, 110)
    names = "、".join(f"{r.county_name}（{r.county_code}）" if r.county_name else r.county_code
                     for r in forecast.counties.itertuples(index=False))
    lines = [
        f"{names} 在校生预测：基年 {forecast.base_year} 学年，预测 {forecast.horizon} 年，"
        f"{interval_said(forecast.coverage)}（回测起点少，实际命中见“回测误差”）。",
        "方法：按学校逐年级推移（队列要素法）。一年级按六年前出生人数（或村居儿童年龄推移）× 入学比率，"
        "七年级按上一年全县（或划片）六年级毕业生 × 分配比率，其余年级按升级比率，幼儿园按 2–5 岁儿童 × 入园比率；"
        "每条比率序列在近3年均值、指数平滑、阻尼趋势中按自身历史的滚动起点回测平均绝对百分比误差选用，见“模型选择”。",
        "与“保持上年”比较：每个学段的全县合计在同样的回测起点上与“保持上年”（上年人数持平）比较，"
        "逐级推移只有明显胜过它才采用，否则该学段按上年人数持平预测并在注中说明；两者的回测误差见“回测误差”表下方。",
        "区间：同一层级（学校×年级、学校、乡镇、县区）历史回测误差的经验分位数，随预测年数加宽，"
        "且每提前一年至少 ±0.5%，预测值始终在区间之内；回测覆盖率为各起点用其余起点的误差定区间时实际落入的比例。",
        _class_size_line(load_class_size()),
        "",
        "工作表：要点｜全县（分学段，含低/中/高与折线图）｜乡镇｜学校（在校生）｜教室缺口（所需班数−当年普通教室数，正数为缺口；每校一行，“普通教室数”为首年，在建、规划项目竣工后的变化见末列）｜"
        "学校明细｜分年级｜模型选择｜回测误差（平均绝对百分比误差，%，及与“保持上年”的比较）｜出生与迁移｜出生。",
        "",
        *(f"注：{note}" for note in forecast.notes),
    ]
    ws.write(0, 0, "在校生预测说明", f.title)
    for i, line in enumerate(lines, start=2):
        ws.write(i, 0, line, f.text)


def _highlights(wb, f: _Formats, forecast: CountyForecast,
                highlights: ForecastHighlights) -> None:
    ws = wb.add_worksheet("要点")
    ws.set_column(0, 0, 14)
    ws.set_column(1, 9, 16)
    ws.write(0, 0, "预测要点", f.title)
    row = 2
    for line in highlight_lines(highlights, top=len(highlights.under_half)):
        ws.write(row, 0, line)
        row += 1
    row += 1
    ws.write(row, 0, f"{COUNTY_SEAT_LABEL}义务教育学校教室供需", f.title)
    row = _frame_at(ws, f, row + 1, _labelled(highlights.seat))
    row += 1
    ws.write(row, 0, "教室利用率降到一半以下的学校", f.title)
    _frame_at(ws, f, row + 1, _labelled(highlights.under_half))


def _county(wb, f: _Formats, forecast: CountyForecast) -> None:
    frame = forecast.county
    years = forecast.years
    rows = []
    parts = "＋".join(STAGE_LABELS[s] for s in frame["stage"].unique() if s != "all")
    labels = {**STAGE_LABELS, "all": f"{STAGE_LABELS['all']}（{parts}）"}  # the total's scope
    for (code, stage), group in frame.groupby(["county_code", "stage"], sort=False):
        group = group.set_index("year").reindex(years)
        for column in ("students", "students_low", "students_high", "classes_needed"):
            rows.append([code, labels[stage], HEADERS[column], *group[column].tolist()])
        if stage == "all":
            for column in ("classrooms", "classroom_shortfall", "idle_classrooms"):
                rows.append([code, labels[stage], HEADERS[column], *group[column].tolist()])
    wide = pd.DataFrame(rows, columns=["县区代码", "学段", "指标", *map(str, years)])
    ws = _wide(wb, f, "全县", wide)
    chart = wb.add_chart({"type": "line"})
    for i, row in enumerate(rows, start=1):
        if row[2] == HEADERS["students"] and row[1] != labels["all"]:
            chart.add_series({"name": f"{row[1]}在校生", "categories": ["全县", 0, 3, 0, 2 + len(years)],
                              "values": ["全县", i, 3, i, 2 + len(years)]})
    chart.set_title({"name": "分学段在校生预测（中）"})
    chart.set_y_axis({"name": "人"})
    chart.set_size({"width": 720, "height": 360})
    ws.insert_chart(len(rows) + 3, 1, chart)


def _wide(wb, f: _Formats, name: str, frame: pd.DataFrame):
    ws = wb.add_worksheet(name)
    _frame_at(ws, f, 0, frame)
    ws.freeze_panes(1, 0)
    return ws


def _school_skill_block(ws, f: _Formats, forecast: CountyForecast, row: int) -> None:
    """Under a table of school figures: how uncertain each school's figure is."""
    from junheng.report.forecast_skill import SCHOOL_SKILL_TITLE, school_skill_table

    ws.write(row, 0, SCHOOL_SKILL_TITLE, f.title)
    header, rows = school_skill_table(forecast.school_skill, forecast.coverage,
                                      forecast.base_year, forecast.horizon)
    _frame_at(ws, f, row + 1, pd.DataFrame(rows, columns=header))


def _table(wb, f: _Formats, name: str, frame: pd.DataFrame) -> None:
    ws = wb.add_worksheet(name)
    _frame_at(ws, f, 0, frame)
    ws.freeze_panes(1, 0)
    if len(frame.columns):
        ws.autofilter(0, 0, max(len(frame), 1), len(frame.columns) - 1)


def _frame_at(ws, f: _Formats, top: int, frame: pd.DataFrame) -> int:
    """Write ``frame`` with a header at row ``top``; returns the first row after it."""
    for j, column in enumerate(frame.columns):
        ws.write(top, j, str(column), f.head)
        ws.set_column(j, j, max(10, min(40, 2 * len(str(column)) + 2)))
        values, cell_format = _column_cells(frame.iloc[:, j], f)
        ws.write_column(top + 1, j, values, cell_format)
    return top + len(frame) + 1


#: Decimals a non-whole number is written with (the ``#,##0.0#`` format shows as many).
DECIMALS = 2


def _column_cells(column: pd.Series, f: _Formats) -> tuple[list, Any]:
    """A column as Python values (blank for unknown, 是/否 for booleans) and its format."""
    known = column.notna().to_numpy()
    if pd.api.types.is_bool_dtype(column.dtype):
        values = np.where(column.fillna(False).to_numpy(dtype=bool), "是", "否").astype(object)
        return [v if k else None for v, k in zip(values, known, strict=True)], f.cell
    if pd.api.types.is_numeric_dtype(column.dtype):
        numbers = column.to_numpy(dtype=float, na_value=np.nan)
        finite = np.isfinite(numbers)
        whole = bool(np.all(numbers[finite] == np.round(numbers[finite])))
        # stored to 2 decimals as well as shown so (planner 13(d): 59.81578947368421)
        values = [round(float(v), DECIMALS) if ok else None
                  for v, ok in zip(numbers, finite, strict=True)]
        return values, f.count if whole else f.number
    values = column.astype(object).to_numpy()
    return [str(v) if k else None for v, k in zip(values, known, strict=True)], f.cell


# -- frames for the sheets -------------------------------------------------------------------

def _labelled(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    from junheng.report.forecast_skill import METHOD_LABELS

    mappings = {"stage": STAGE_LABELS, "grade": GRADE_LABELS, "school_type": SCHOOL_TYPE_LABELS,
                "level": LEVEL_LABELS, "kind": KIND_LABELS, "method": RUN_LABELS,
                "model": METHOD_LABELS}
    for column, labels in mappings.items():
        if column in out:
            out[column] = out[column].map(lambda v, labels=labels: labels.get(v, v))
    if "urban_rural_code" in out:
        out["urban_rural_code"] = out["urban_rural_code"].map(
            lambda v: f"{v} {URBAN_RURAL_LABELS.get(v, '')}".strip() if isinstance(v, str) else v)
    if "reason" in out:
        out["reason"] = out["reason"].map(_reason_text)
    out.columns = [HEADERS.get(c, _mape_header(c)) for c in out.columns]
    return out


def _mape_header(column: str) -> str:
    from junheng.report.forecast_skill import METHOD_LABELS

    if column.startswith("mape_"):
        name = column.removeprefix("mape_")
        return f"回测平均绝对百分比误差（%）：{METHOD_LABELS.get(name, name)}"
    return column


def _reason_text(reason):
    """A model choice reason with model codes and MAPE spelled out in Chinese."""
    from junheng.report.forecast_skill import METHOD_LABELS

    if not isinstance(reason, str):
        return reason
    text = reason.replace(" MAPE ", "平均绝对百分比误差").replace("MAPE", "平均绝对百分比误差")
    for code in sorted(METHOD_LABELS, key=len, reverse=True):
        text = re.sub(rf"(?<![A-Za-z_]){code}(?![A-Za-z_0-9])", METHOD_LABELS[code], text)
    return text


def _pivot(frame: pd.DataFrame, index: Sequence[str], value: str, years: list[int]
           ) -> pd.DataFrame:
    """One row per ``index`` combination present, one column per year (missing cells empty)."""
    keys = frame[list(index)].astype(object).where(frame[list(index)].notna(), "")
    wide = (frame.assign(**{c: keys[c] for c in index})
            .groupby([*index, "year"], sort=False)[value].sum(min_count=1)
            .unstack("year"))
    wide = wide.reindex(columns=years)
    wide.columns = [str(y) for y in wide.columns]
    return wide.reset_index()


def _towns_wide(forecast: CountyForecast) -> pd.DataFrame:
    wide = _pivot(forecast.towns, ["county_code", "town_code", "stage"], "students",
                  forecast.years)
    return _labelled(_with_town_names(wide, forecast))


def _with_town_names(wide: pd.DataFrame, forecast: CountyForecast) -> pd.DataFrame:
    """A 乡镇名称 column after 乡镇代码: the data's names (乡镇 sheet first), else read from the
    schools' names; blank if none (a 街道 whose schools bear the county's name: finding 11)."""
    from junheng.model.places import town_names_from

    schools = forecast.schools.drop_duplicates("school_id")
    names = {**town_names_from(zip(schools["town_code"], schools["name"], strict=True)),
             **forecast.town_names}
    wide.insert(list(wide.columns).index("town_code") + 1, "town_name",
                [names.get(str(c), "") for c in wide["town_code"]])
    return wide


def _schools_wide(forecast: CountyForecast, value: str) -> pd.DataFrame:
    keys = ["county_code", "school_id", "name", "school_type", "town_code", "urban_rural_code"]
    wide = _pivot(forecast.schools, keys, value, forecast.years)
    return _labelled(_with_town_names(wide, forecast))


def _shortfall_wide(forecast: CountyForecast) -> pd.DataFrame:
    """One row per school (planner 13(d): a school whose rooms change, as 实验小学 38 → 52 when
    its 在建 project is done, had a row per room count): 普通教室数 of the first year, the
    shortfall per year against that year's rooms, and when the rooms change."""
    schools = forecast.schools[forecast.schools["classrooms"].notna()].sort_values("year")
    schools = schools.assign(net=schools["classes_needed"] - schools["classrooms"])
    keys = ["county_code", "school_id", "name", "school_type", "town_code", "urban_rural_code"]
    wide = _pivot(schools, keys, "net", forecast.years)
    rooms = schools.groupby("school_id", sort=False)["classrooms"]
    wide.insert(len(keys), "classrooms", wide["school_id"].map(rooms.first()).to_numpy())
    wide["classroom_change"] = wide["school_id"].map(
        {s: room_changes(g["year"], g["classrooms"]) for s, g in schools.groupby("school_id")})
    return _labelled(_with_town_names(wide, forecast))


def room_changes(years: pd.Series, rooms: pd.Series) -> str | None:
    """When a school's 普通教室数 changes over the years (a 在建、规划 project done), in words.

    >>> room_changes(pd.Series([2025, 2026, 2027]), pd.Series([38.0, 52.0, 52.0]))
    '2026 学年起 52 间（在建、规划项目竣工）'
    >>> room_changes(pd.Series([2025, 2026]), pd.Series([20.0, 20.0])) is None
    True
    """
    rooms = rooms.to_numpy(float)
    years = years.to_numpy()
    at = [k for k in range(1, len(rooms)) if rooms[k] != rooms[k - 1]]
    if not at:
        return None
    return "；".join(f"{int(years[k])} 学年起 {int(rooms[k])} 间" for k in at) + "（在建、规划项目竣工）"


def _accuracy_sheet(wb, f: _Formats, forecast: CountyForecast) -> None:
    """回测误差: MAPE by level and horizon, then the comparison with naive and the choices."""
    from junheng.report.forecast_skill import METHOD_LABELS, skill_table

    ws = _wide(wb, f, "回测误差", _accuracy_wide(forecast))
    row = len(forecast.accuracy.pivot_table(index=["method", "level", "stage"],
                                            aggfunc="size")) + 3 if len(forecast.accuracy) else 4
    if forecast.skill.empty:
        return
    ws.write(row, 0, "与“保持上年”比较（县区分学段合计的回测平均绝对百分比误差、区间覆盖率）", f.title)
    header, rows = skill_table(forecast.skill, forecast.coverage)
    row = _frame_at(ws, f, row + 1, pd.DataFrame(rows, columns=header)) + 1
    choices = forecast.choices.assign(
        stage=forecast.choices["stage"].map(lambda v: STAGE_LABELS.get(v, v)),
        method=forecast.choices["method"].map(lambda v: METHOD_LABELS.get(v, v)))
    choices = choices[["stage", "method", "reason", "n_origins"]]
    choices.columns = ["学段", "选用方法", "理由", "回测起点数"]
    ws.write(row, 0, "各学段选用的方法", f.title)
    _frame_at(ws, f, row + 1, choices)


def _accuracy_wide(forecast: CountyForecast) -> pd.DataFrame:
    accuracy = forecast.accuracy
    if accuracy.empty:
        return pd.DataFrame({"说明": ["历史不足，没有回测误差。"]})
    wide = accuracy.pivot_table(index=["method", "level", "stage"], columns="horizon",
                                values="mape", sort=False).reset_index()
    wide.columns = [c if isinstance(c, str) else f"{c} 年后平均绝对百分比误差（%）"
                    for c in wide.columns]
    return _labelled(wide)


def _births_wide(forecast: CountyForecast) -> pd.DataFrame:
    births = forecast.births
    if births.empty:
        return pd.DataFrame({"说明": ["没有出生数据。"]})
    years = sorted(births["year"].unique().tolist())
    wide = _pivot(births, ["county_code", "town_code"], "births", years)
    first_projected = births.loc[births["projected"], "year"].min()
    if pd.notna(first_projected):
        wide = wide.rename(columns={str(y): f"{y}（预测）" for y in years if y >= first_projected})
    return _labelled(wide)


def _percent(value: float) -> str:
    return "未知" if value is None or not np.isfinite(value) else f"{value:.0%}"
