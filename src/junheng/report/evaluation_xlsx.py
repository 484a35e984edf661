"""The evaluation as a print-ready Excel workbook, in the layout inspectors use.

Sheets: 学校达标, 差异系数, 政府保障, 教育质量, 大班额, 整改清单 and 评估说明 (the rules used,
unconfirmed items, the verdict). Every sheet prints on A4 landscape, one page wide, with its
title and header rows repeated on each page, frozen headers, page numbers in the footer and
Chinese number formats (thousands separators, percentages, units in the headers). With several
evaluations (``--standard all``) each sheet name is prefixed with the standard's short name.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import xlsxwriter

from junheng.evaluate import Evaluation, ItemResult, Status
from junheng.evaluate.cv import composite_label
from junheng.evaluate.items import attested_answer, status_label, with_base
from junheng.io.excel import new_workbook
from junheng.model import numbers as figures
from junheng.model.codes import GRADES, SCHOOL_TYPES, label_of
from junheng.model.labels import BASIS_LABELS, COMPARATOR_SIGNS, STAGE_LABELS
from junheng.report.evaluation_rows import (
    class_size_sentence,
    gap_category,
    item_number,
    official_count_note,
)
from junheng.report.signed_text import signed
from junheng.standards import AREAS

FONT = "宋体"

# number formats by kind
FORMATS = {
    "text": {},
    "int": {"num_format": "#,##0"},
    "num": {"num_format": "#,##0.00"},
    "money": {"num_format": "#,##0"},
    "cv": {"num_format": "0.000"},
    "pct": {"num_format": "0.0%"},
    "qty": {"num_format": "#,##0.00"},  # written as int when whole (see _Writer.cell)
}

# Teachers per pupil (basic-2012): 0.04355 reads as 0.04 with two decimals. 师生比 prints as
# "1:23" and the other two per-pupil teacher counts per 100 pupils (the 2017 method's unit).
TEACHER_RATIO = "teachers_per_student"
PER_PUPIL_TEACHERS = frozenset({TEACHER_RATIO, "higher_degree_teachers_per_student",
                                "senior_title_teachers_per_student"})


def ratio_text(value: Any) -> str | None:
    """Teachers per pupil as '1:23' (pupils per teacher, at most one decimal); None if missing.

    >>> ratio_text(0.04355), ratio_text(1 / 13.4), ratio_text(0.0)
    ('1:23', '1:13.4', None)
    """
    if figures.is_missing(value) or not value:
        return None
    return f"1:{figures.trimmed(1 / float(value), 1)}"


def _indicator_header(ind, stages: Sequence[str]) -> str:
    """'生均教学及辅助用房面积（平方米）', then the threshold on a second line when there is one."""
    if ind.id == TEACHER_RATIO:
        head = "师生比（专任教师∶学生）"
    elif ind.id in PER_PUPIL_TEACHERS:
        head = f"{ind.name}（每百名学生，{ind.unit}）"
    else:
        head = f"{ind.name}（{ind.unit}）" if ind.unit else ind.name
    threshold = "" if ind.id in PER_PUPIL_TEACHERS else _threshold_text(ind, stages)
    return f"{head}\n{threshold}" if threshold else head


def _indicator_cell(ind_id: str, value: Any) -> Any:
    """The value as the school sheet shows it (see :data:`PER_PUPIL_TEACHERS`)."""
    if ind_id == TEACHER_RATIO:
        return ratio_text(value) or figures.DASH
    if ind_id in PER_PUPIL_TEACHERS and not figures.is_missing(value):
        return float(value) * 100
    return value


@dataclass(frozen=True)
class Col:
    """One column of a sheet table: header, width and number format kind."""

    header: str
    width: float = 12
    kind: str = "text"


class _Writer:
    """Formats and the print-ready page setup shared by every sheet."""

    def __init__(self, workbook: xlsxwriter.Workbook):
        self.wb = workbook
        base = {"font_name": FONT, "font_size": 10, "valign": "vcenter", "border": 1}
        self.title = workbook.add_format({"font_name": FONT, "font_size": 14, "bold": True,
                                          "align": "center", "valign": "vcenter"})
        self.header = workbook.add_format({**base, "bold": True, "bg_color": "#DDEBF7",
                                           "align": "center", "text_wrap": True})
        self.note = workbook.add_format({"font_name": FONT, "font_size": 10, "text_wrap": True,
                                         "valign": "top"})
        self.cells = {kind: workbook.add_format({**base, **fmt, "text_wrap": kind == "text"})
                      for kind, fmt in FORMATS.items()}
        self.bad = {kind: workbook.add_format({**base, **fmt, "bg_color": "#FCE4D6",
                                               "font_color": "#9C0006",
                                               "text_wrap": kind == "text"})
                    for kind, fmt in FORMATS.items()}

    def sheet(self, name: str, title: str, columns: Sequence[Col], rows: Sequence[Sequence[Any]],
              *, bad: Sequence[Sequence[bool]] | None = None, notes: Sequence[str] = ()):
        """A titled table: row 0 title, row 1 headers, data below, notes after a blank row."""
        ws = self.wb.add_worksheet(name)
        last = max(len(columns) - 1, 0)
        ws.merge_range(0, 0, 0, last, title, self.title) if last else ws.write(0, 0, title,
                                                                             self.title)
        ws.set_row(0, 24)
        for j, col in enumerate(columns):
            ws.write_string(1, j, col.header, self.header)
            ws.set_column(j, j, col.width)
        for i, row in enumerate(rows, start=2):
            for j, (value, col) in enumerate(zip(row, columns, strict=True)):
                flagged = bool(bad and bad[i - 2][j])
                self.cell(ws, i, j, value, col.kind, flagged)
        end = len(rows) + 2
        for k, line in enumerate(notes):
            ws.merge_range(end + 1 + k, 0, end + 1 + k, last, line, self.note) if last else \
                ws.write(end + 1 + k, 0, line, self.note)
        self.page_setup(ws, header_rows=2)
        return ws

    def cell(self, ws, row: int, col: int, value: Any, kind: str, flagged: bool = False) -> None:
        fmt = (self.bad if flagged else self.cells)[kind]
        if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
            ws.write_blank(row, col, None, fmt)
        elif isinstance(value, bool | np.bool_):
            ws.write_string(row, col, "是" if value else "否", fmt)
        elif isinstance(value, numbers.Real) and kind != "text":
            if kind == "qty":  # whole counts without decimals ('1 名', not '1.00 名')
                fmt = (self.bad if flagged else self.cells)[
                    "int" if float(value).is_integer() else "num"]
            ws.write_number(row, col, float(value), fmt)
        else:
            ws.write_string(row, col, str(value), fmt)

    @staticmethod
    def page_setup(ws, header_rows: int) -> None:
        ws.set_landscape()
        ws.set_paper(9)  # A4
        ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
        ws.fit_to_pages(1, 0)
        ws.repeat_rows(0, header_rows - 1)
        ws.freeze_panes(header_rows, 0)
        ws.set_footer(f'&C&"{FONT}"第 &P 页，共 &N 页')
        ws.hide_gridlines(0)


# --- sheet contents ------------------------------------------------------------------------

def _title(ev: Evaluation, what: str) -> str:
    county = ev.county.get("name") or ev.county.get("code") or ""
    return f"{county} {ev.year} 学年 {ev.standard.short_name}督导评估 · {what}"


def _threshold_text(ind, stages: Sequence[str]) -> str:
    if not ind.thresholds:
        return ""
    sign = COMPARATOR_SIGNS[ind.comparator]
    if ind.per_stage:  # a share per stage as a percentage, as beside the % values
        return " / ".join(f"{STAGE_LABELS[s]}{sign}{_threshold_value(ind.threshold_for(s), ind.unit)}"
                          for s in stages if ind.threshold_for(s) is not None)
    unit = "" if ind.unit == figures.SHARE else ind.unit
    return f"{sign}{_threshold_value(ind.threshold_for(), ind.unit)}{unit}"


def _threshold_value(value: float, unit: str) -> str:
    """'95%' for a share, '4.2' otherwise (per stage the header carries no unit)."""
    return figures.percent(value, 0) if unit == figures.SHARE else figures.trimmed(value, 4)


def _value_kind(unit: str) -> str:
    return "pct" if unit == "比例" else "num"


def _school_rows(ev: Evaluation) -> tuple[list[Col], list[list], list[list[bool]], list[str]]:
    std = ev.standard
    units = ev.units
    if std.kind == "preschool":
        ids = list(ev.indicator_ids)
        columns = [Col("序号", 6, "int"), Col("学校标识码", 14), Col("幼儿园", 26),
                   Col("在园幼儿（人）", 10, "int"), Col("班级数", 8, "int"),
                   Col("专任教师（人）", 10, "int"), Col("班额达标比例", 11, "pct"),
                   Col("幼儿与专任教师比", 11, "num"), Col("专任教师持证率", 11, "pct"),
                   Col("结论", 9)]
        rows, bad = [], []
        for k, r in enumerate(units.itertuples(index=False), start=1):
            met = [getattr(r, f"met_{i}") for i in ids]
            rows.append([k, r.school_id, r.name, r.students, r.classes, r.teachers,
                         *[getattr(r, i) for i in ids], _pass_text(r.passes)])
            bad.append([False] * 6 + [_is_false(m) for m in met] + [_is_false(r.passes)])
        notes = [f"班额达标比例：{_kindergarten_caps_text(ev, '≤')}；"
                 "每所幼儿园须全部班级达标，专任教师与幼儿比不低于 1 : 15，专任教师全部持证，"
                 "任一项未达到即该园“未达标”，整改清单中列为“幼儿园达标”。县域评估结论按教督〔2020〕1号的"
                 "全县指标判定（班额达标的班级占全县班级 85% 以上，全县幼儿与专任教师比，全县持证率），"
                 "全县该项已达标的，整改清单注明“不影响县域结论”。"]
        return columns, rows, bad, notes
    indicators = std.resource_indicators
    columns = [Col("序号", 6, "int"), Col("学校标识码", 14), Col("学校名称", 24), Col("学段", 6),
               Col("学生数（人）", 9, "int")]
    columns += [Col(_indicator_header(i, std.stages), 13,
                    "text" if i.id == TEACHER_RATIO else "num") for i in indicators]
    has_rule = std.school_rule is not None
    if has_rule:
        columns += [Col("达标项数", 7, "int"), Col("结论", 9)]
    met = _met_matrix(ev)
    rows, bad = [], []
    for k, r in enumerate(units.itertuples(index=False), start=1):
        values = [_indicator_cell(i.id, getattr(r, i.id)) for i in indicators]
        row = [k, r.school_id, r.name, STAGE_LABELS[r.stage], r.students, *values]
        flag = [False] * 5 + [_is_false(m) for m in met[k - 1]]
        if has_rule:
            row += [r.n_met, _pass_text(r.passes)]
            flag += [False, _is_false(r.passes)]
        rows.append(row)
        bad.append(flag)
    notes = []
    if has_rule:
        rule = std.school_rule
        notes.append(f"达标规则：{len(indicators)} 项中至少 {rule.min_met} 项达到标准值，其余不低于标准值的 "
                     f"{rule.floor_ratio:.0%}" + ("（85% 条款未经核实）" if not rule.confirmed else "")
                     + "。红色为未达到标准值的指标。")
    else:
        notes.append("本标准不设逐校标准值，以综合差异系数评估校际均衡。")
    return columns, rows, bad, notes


def _met_matrix(ev: Evaluation) -> list[list[Any]]:
    """Per unit (in units order), per resource indicator: met flag (None without threshold)."""
    ids = [i.id for i in ev.standard.resource_indicators]
    if ev.assessment.empty:
        return [[None] * len(ids) for _ in range(len(ev.units))]
    table = ev.assessment.pivot(index="unit_id", columns="indicator", values="met")
    table = table.reindex(index=ev.units["unit_id"], columns=ids)
    return table.astype(object).where(table.notna(), None).to_numpy().tolist()


def _is_false(flag: Any) -> bool:
    """True only for a known False (not for NA or None)."""
    return flag is not None and flag is not pd.NA and not pd.isna(flag) and not bool(flag)


def _pass_text(passes) -> str:
    if passes is None or passes is pd.NA:
        return "—"
    return "达标" if bool(passes) else "未达标"


def cv_basis(ind_id: str, name: str) -> tuple[str, int]:
    """The name and scale of a CV row's mean and SD: teachers per pupil per 100 pupils (the CV
    does not change with the scale), as the school sheet shows them."""
    if ind_id == TEACHER_RATIO:
        return "师生比（均值、标准差为每百名学生的专任教师数）", 100
    if ind_id in PER_PUPIL_TEACHERS:
        return f"{name}（均值、标准差按每百名学生计）", 100
    return name, 1


def _cv_rows(ev: Evaluation) -> tuple[list[Col], list[list], list[list[bool]], list[str]]:
    columns = [Col("学段", 6), Col("指标", 34), Col("加权均值", 12, "num"), Col("标准差", 12, "num"),
               Col("差异系数", 10, "cv"), Col("限值", 8, "cv"), Col("是否达标", 8),
               Col("学校数", 8, "int"), Col("学生数", 10, "int")]
    rows, bad = [], []
    for stage, result in ev.stages.items():
        for ind_id, cv in result.indicators.items():
            name, scale = cv_basis(ind_id, cv.name)
            rows.append([STAGE_LABELS[stage], name, _scaled(cv.mean, scale),
                         _scaled(cv.sd, scale), cv.cv, cv.limit,
                         _met_text(cv.met), cv.n, cv.students])
            bad.append([False] * 4 + [cv.met is False, False, cv.met is False, False, False])
        rows.append([STAGE_LABELS[stage], composite_label(ev.standard.id, mean=True), None, None, result.composite_cv,
                     result.composite_limit, _met_text(result.composite_met), result.units, None])
        bad.append([False] * 4 + [result.composite_met is False, False,
                                  result.composite_met is False, False, False])
    notes = ["差异系数按学生数加权：平均数 x̄ = Σ(Pᵢ/P)xᵢ，标准差 S = √Σ(Pᵢ/P)(xᵢ − x̄)²，差异系数＝标准差÷平均数（总体标准差）。"]
    if not ev.stages:
        notes = ["本标准不计算校际差异系数。"]
    return columns, rows, bad, notes


def _scaled(value: Any, scale: float) -> Any:
    return value if figures.is_missing(value) else float(value) * scale


def _met_text(met: bool | None) -> str:
    return "—" if met is None else ("达标" if met else "未达标")


def _item_value(result: ItemResult) -> tuple[Any, str]:
    value, unit = result.value, result.indicator.unit
    if isinstance(value, Mapping):
        shown = "、".join(f"{STAGE_LABELS[s]} {figures.amount(v, unit) if unit == figures.SHARE else figures.trimmed(v, 4)}"
                         for s, v in value.items() if v is not None)
        return shown, "text"
    return value, _value_kind(unit)


def _item_rows(ev: Evaluation, items: Sequence[ItemResult]):
    columns = [Col("序号", 6, "int"), Col("方面", 12), Col("指标", 40), Col("现值", 14, "text"),
               Col("标准", 16), Col("状态", 9), Col("依据", 9), Col("缺口与说明", 40),
               Col("佐证", 24), Col("依据文件", 30)]
    rows, bad = [], []
    for k, r in enumerate(items, start=1):
        value, kind = _item_value(r)
        shown = attested_answer(r) or (value if kind == "text"
                                       else with_base(_format_value(value, r.indicator.unit), r))
        ind = r.indicator
        closes = f"补齐方式：{r.closes}" if r.closes else ""
        explain = signed("；".join(p for p in (r.gap, r.note, closes) if p))  # asks: 报送前核对
        rows.append([k, AREAS.get(ind.area, ind.area), ind.name, shown,
                     _threshold_text(ind, ev.standard.stages), status_label(r),
                     BASIS_LABELS[str(r.basis)], explain, r.evidence,
                     ind.source or ev.standard.document])
        failed = r.status is Status.NOT_MET
        bad.append([False] * 5 + [failed] + [False] * 4)
    notes = ["状态：达标 / 未达标由数据计算、县级指标或县级认定得出；待佐证项须提供佐证材料，数据缺失项须"
             "补填数据，两者均使评估结论为“待核实”。"]
    notes += [note] if (note := official_count_note(items)) else []
    return columns, rows, bad, notes


def _format_value(value: Any, unit: str) -> str:
    """As every other output writes it (one rounding rule: 0.995 倍, not 0.99 倍 here and 0.995
    倍 in the report)."""
    if figures.is_missing(value):
        return figures.DASH
    return item_number(value, unit)


def _kindergarten_caps_text(ev: Evaluation, sign: str = "") -> str:
    """'小班 25、中班 30、大班 35、混合班 30' (with ``sign`` '≤': '小班 ≤25 人、…')."""
    caps = ev.standard.indicator("kindergarten_class_size").params
    unit = " 人" if sign else ""
    return "、".join(f"{_grade_label(g)} {sign}{v:g}{unit}" for g, v in caps.items())


def _grade_label(grade: str) -> str:
    try:
        return label_of(GRADES, grade)
    except KeyError:
        return str(grade)


def _class_rows(ev: Evaluation):
    columns = [Col("序号", 6, "int"), Col("学校标识码", 14), Col("学校名称", 26), Col("学段", 6),
               Col("年级", 8), Col("班号", 6), Col("学生数（人）", 10, "int"), Col("类别", 10),
               Col("超出标准班额（人）", 12, "int")]
    rows = [[k, r.school_id, r.name, STAGE_LABELS.get(r.stage, r.stage), _grade_label(r.grade),
             r.class_no, r.students, r.category, r.excess]
            for k, r in enumerate(ev.class_lists.oversized_classes.itertuples(index=False),
                                  start=1)]
    schools = ev.class_lists.oversized_schools
    notes = []
    if ev.standard.kind == "compulsory":
        notes.append(class_size_sentence(ev))
        for r in schools.itertuples(index=False):
            notes.append(f"大校额：{r.name}（{label_of(SCHOOL_TYPES, r.school_type)}）义务教育阶段 "
                         f"{r.students:,} 人，上限 {r.cap:,} 人，超出 {r.excess:,} 人")
    else:
        notes.append(f"幼儿园超出标准班额（{_kindergarten_caps_text(ev)} 人）的班级。")
    return columns, rows, notes


def rectification_sheet(ev: Evaluation):
    """The 整改清单 sheet's columns and rows: every school gap, CV addition and the schools
    behind each unmet item, one row each (the Word report summarises it and names its count)."""
    columns = [Col("序号", 6, "int"), Col("类别", 10), Col("学校 / 项目", 26), Col("学段", 6),
               Col("指标", 30), Col("现值", 12, "num"), Col("标准", 10, "num"),
               Col("需增加", 12, "qty"), Col("单位", 7), Col("整改内容", 40)]
    rows: list[list] = []
    gaps = ev.gaps
    if not gaps.empty:
        ordered = gaps.sort_values("required", ascending=False, kind="stable")
        for r in ordered.itertuples(index=False):
            category = gap_category(r.required, ev.standard.kind == "preschool")
            rows.append([None, category, r.name, STAGE_LABELS.get(r.stage, r.stage),
                         r.indicator_name, r.value, r.threshold, r.amount, r.unit, r.text])
    for fix in ev.cv_fixes:
        label = f"{STAGE_LABELS[fix.stage]}{fix.indicator_name}差异系数"
        if not fix.feasible:
            rows.append([None, "差异系数", "全县", STAGE_LABELS[fix.stage], fix.indicator_name,
                         fix.cv_before, fix.limit, None, None, f"{label}无法通过补足薄弱学校降到限值以内"])
            continue
        for r in fix.additions.itertuples(index=False):
            rows.append([None, "差异系数", r.name, STAGE_LABELS[fix.stage], fix.indicator_name,
                         r.value_before, None, r.amount, None,
                         f"{r.text}（使{label}由 {figures.cv3(fix.cv_before)} 降至 {figures.cv3(fix.cv_after)}）"])
    for result in (*ev.guarantee, *ev.quality):
        if result.status is not Status.NOT_MET:
            continue
        category = AREAS.get(result.indicator.area, result.indicator.area)
        detail = result.detail
        if detail is not None and not detail.empty and "gap" in detail:
            for r in detail.to_dict("records"):
                rows.append([None, category, r.get("name") or r.get("town_code") or "",
                             STAGE_LABELS.get(r.get("stage"), ""), result.indicator.name, None,
                             None, None, None, signed(r["gap"])])
        else:
            rows.append([None, category, "全县", "", result.indicator.name, None, None, None, None,
                         signed(result.gap or result.note or "未达标")])
    for k, row in enumerate(rows, start=1):
        row[0] = k
    return columns, rows


def _rules_lines(ev: Evaluation) -> list[str]:
    verdict = ev.verdict
    lines = [f"评估结论：{verdict.label}（{verdict.counts}）", f"阈值依据：{ev.standard.basis}"]
    if verdict.attested:
        lines += ["", f"依县级认定达标的事项（仅有县级自评佐证，须督导核查）："
                      f"{'、'.join(verdict.attested)}"]
    lines += ["", "本次评估使用的规则："]
    lines += [f"· {line}" for line in ev.rules.describe()]
    if ev.conditions:
        lines += ["", "一票否决事项与前提条件："]
        lines += [f"· {r.indicator.name}：{status_label(r)}"
                  f"{'（' + r.note + '）' if r.note else ''}" for r in ev.conditions]
    if ev.verdict.pending:
        lines += ["", "待核实的项目及补齐方式："]
        lines += [f"· {f.message}；补齐方式：{f.closes}" for f in ev.verdict.pending]
    return lines


# --- public API ----------------------------------------------------------------------------

def write_evaluation_xlsx(evaluations: Evaluation | Sequence[Evaluation], path: str | Path,
                          figures=None, data=None, today=None, layout=None) -> Path:
    """Write one or more evaluations as a print-ready workbook and return the path.

    Parameters
    ----------
    evaluations
        One :class:`~junheng.evaluate.Evaluation`, or several (one per standard).
    path
        The ``.xlsx`` file to write.
    figures
        The run's :class:`~junheng.jobs.figures.HeadlineFigures`: the first sheet, 主要数据.
    data, today
        The county evaluated and the day: the sheet 报送前核对 lists what the county checks
        before it submits (:func:`~junheng.report.checklist.pre_submission_checks`).
    layout
        The layout plan (:class:`~junheng.planning.layout_outcome.LayoutOutcome`) whose
        schools to check the size of join that sheet.

    Examples
    --------
    >>> import os, tempfile
    >>> from junheng.evaluate import evaluate
    >>> from junheng.io import example_county
    >>> out = write_evaluation_xlsx(evaluate(example_county()),
    ...                             os.path.join(tempfile.mkdtemp(), "评估.xlsx"))
    >>> out.suffix
    '.xlsx'
    """
    evs = [evaluations] if isinstance(evaluations, Evaluation) else list(evaluations)
    path = Path(path)
    workbook = new_workbook(path, nan_inf_to_errors=True)
    try:
        writer = _Writer(workbook)
        if figures is not None:
            from junheng.report.headline import write_headline_sheet

            write_headline_sheet(workbook, figures)
        for ev in evs:
            prefix = f"{ev.standard.short_name}-" if len(evs) > 1 else ""
            _write_one(writer, ev, prefix=prefix)
            first = ev is evs[0]  # projects and the layout's schools once
            _write_checks(writer, ev, prefix, data, today if first else None,
                          layout if first else None)
    finally:
        workbook.close()
    return path


def _write_checks(writer: _Writer, ev: Evaluation, prefix: str, data, today, layout) -> None:
    from junheng.report.checklist import HEADS, pre_submission_checks

    checks = pre_submission_checks(ev, data, today, layout)
    if checks:
        columns = [Col(HEADS[0], 6, "int"), Col(HEADS[1], 110), Col(HEADS[2], 30)]
        writer.sheet(f"{prefix}报送前核对", _title(ev, "报送前核对（自评报告报送前由县区核实，不随报告报送）"),
                     columns, [[k, text, None] for k, text in enumerate(checks, start=1)])


def _write_one(writer: _Writer, ev: Evaluation, prefix: str) -> None:
    columns, rows, bad, notes = _school_rows(ev)
    writer.sheet(f"{prefix}学校达标", _title(ev, "学校达标情况"), columns, rows, bad=bad, notes=notes)
    columns, rows, bad, notes = _cv_rows(ev)
    writer.sheet(f"{prefix}差异系数", _title(ev, "校际差异系数"), columns, rows, bad=bad, notes=notes)
    if ev.guarantee or not ev.conditions:
        columns, rows, bad, notes = _item_rows(ev, ev.guarantee)
        writer.sheet(f"{prefix}政府保障", _title(ev, "政府保障情况"), columns, rows, bad=bad,
                     notes=notes)
    else:  # 2012 has no 政府保障 area: its prerequisite stands there, not an empty table
        columns, rows, bad, notes = _item_rows(ev, ev.conditions)
        writer.sheet(f"{prefix}前提条件", _title(ev, "前提条件"), columns, rows, bad=bad,
                     notes=notes)
    columns, rows, bad, notes = _item_rows(ev, ev.quality)
    writer.sheet(f"{prefix}教育质量", _title(ev, "教育质量与社会认可度"), columns, rows, bad=bad,
                 notes=notes)
    columns, rows, notes = _class_rows(ev)
    writer.sheet(f"{prefix}大班额", _title(ev, "大班额与大校额"), columns, rows, notes=notes)
    columns, rows = rectification_sheet(ev)
    writer.sheet(f"{prefix}整改清单", _title(ev, "整改清单"), columns, rows)
    lines = _rules_lines(ev)
    writer.sheet(f"{prefix}评估说明", _title(ev, "评估说明"), [Col("内容", 150)],
                 [[line] for line in lines])
