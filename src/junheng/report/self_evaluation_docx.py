"""Sections of the Word 自评报告 that :mod:`junheng.report.self_report` builds on.

The first writer of the report lived here; :mod:`junheng.report.self_report` replaced it, and
what remains are the pieces it reuses: the title page, 一、基本情况 (with the verdict
paragraph), one stage's 资源配置 table with its failing schools, the item table of 政府保障程度
and 教育质量, the grouping of 存在的问题, the layout, forecast and ledger measures and the
per-school indicator table of the appendix.

A4, 仿宋 body, 黑体 / 楷体 headings, 宋体 tables (East-Asian fonts set through ``w:eastAsia``),
as :class:`~junheng.report.word_document.WordReport` sets them.
"""

from __future__ import annotations

import re
from datetime import date

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from junheng.evaluate import Evaluation, Status
from junheng.evaluate.cv import composite_label, stage_composite
from junheng.model import CountyData
from junheng.model.areas import COUNTY_SEAT_LABEL
from junheng.report.county_rows import POINT, overview, schools_and_points
from junheng.report.evaluation_rows import (
    cv_rows,
    failing_schools,
    item_rows,
    met_lookup,
)
from junheng.report.forecast_skill import interval_said
from junheng.report.methods import verdict_sentence
from junheng.report.plan_rows import (
    LEDGER_REASON_HEAD,
    forecast_summary,
    ledger_rows,
    ledger_sentence,
)
from junheng.report.report_format import (
    STAGE_LABELS,
    county_label,
    fmt_against,
    fmt_cv,
    fmt_date,
    fmt_int,
    fmt_limit,
    fmt_met,
    is_missing,
    school_year_label,
)
from junheng.report.signed_text import signed
from junheng.report.word_document import Column, WordReport, cn_number

#: the evaluation workbook (evaluation.xlsx) as the documents name it
EVALUATION_WORKBOOK = "《评估报表工作簿》"

# --- title page -----------------------------------------------------------------------------

def _title_page(r: WordReport, ev: Evaluation, day: date) -> None:
    county = county_label(ev)
    title = r.doc.add_paragraph(style="Title")  # spaced, not pushed down by empty paragraphs
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_before = Pt(96)
    title.paragraph_format.space_after = Pt(144)
    title.add_run(f"{county}\n{_report_name(ev)}\n自评报告")
    code = ev.county.get("code", "")
    lines = [f"县　　区：{county}" + (f"（{code}）" if code and code != county else ""),
             f"数据学年：{school_year_label(ev.year)}",  # the data's year, not the report's (htext2 4)
             f"评估标准：{ev.standard.short_name}（{ev.standard.document}）",
             f"报告日期：{fmt_date(day)}"]
    for line in lines:
        r.para(line, indent=False, align="center")


def _report_name(ev: Evaluation) -> str:
    return ev.standard.name  # '县域义务教育优质均衡发展督导评估', '县域义务教育发展基本均衡督导评估'


# --- 一、基本情况 ------------------------------------------------------------------------------

def _schools_said(by_type) -> str:
    """The schools by type, 教学点 in 个 and outside the 所 count (review 2026-12-04 finding 17;
    review2 finding 10: "各级各类学校（含幼儿园、教学点）171 所" counted 70 教学点 as 所).

    >>> from junheng.report.county_rows import CountRow
    >>> rows = [CountRow(label, n, 0, 0, 0) for label, n in
    ...         (("小学", 50), ("初级中学", 7), ("教学点", 70), ("幼儿园", 44))]
    >>> _schools_said(rows)
    '学校 101 所（含幼儿园 44 所）、教学点 70 个，其中小学 50 所、初级中学 7 所、幼儿园 44 所'
    >>> _schools_said(rows[:2]), _schools_said([])
    ('学校 57 所，其中小学 50 所、初级中学 7 所', '学校 0 所')
    """
    count = {row.label: row.schools for row in by_type}
    schools, points = schools_and_points(by_type)
    nursery = count.get("幼儿园", 0)
    text = f"学校 {schools} 所" + (f"（含幼儿园 {nursery} 所）" if nursery else "")
    text += f"、{POINT} {points} 个" if points else ""
    kinds = "、".join(f"{label} {n} 所" for label, n in count.items() if label != POINT)
    return text + (f"，其中{kinds}" if kinds else "")


def _basic(r: WordReport, ev: Evaluation, data: CountyData | None) -> None:
    r.heading("一、基本情况")
    info = overview(ev, data)
    total = info.total
    stages = "、".join(f"{row.label} {row.students:,} 人" for row in info.by_stage)
    text = (f"{county_label(ev)}（县区代码 {ev.county.get('code', '')}）{school_year_label(ev.year)}"
            f"共有{_schools_said(info.by_type)}；在校生 {total.students:,} 人"
            f"（{stages or '无'}），班级 {total.classes:,} 个，专任教师 {total.teachers:,} 人。")
    if info.boarding_schools is not None:
        listed = any(row.label == POINT for row in info.by_type)  # said once
        text += (f"寄宿制学校 {info.boarding_schools} 所" + ("。" if listed else
                 f"，教学点 {info.teaching_points} 个。"))
    r.para(text)
    columns = [Column("学校类型", 2.2), Column("学校数（所）", 1, "right"),
               Column("班级数（个）", 1, "right"), Column("在校生（人）", 1.2, "right"),
               Column("专任教师（人）", 1.2, "right")]
    rows = [[row.label, fmt_int(row.schools), fmt_int(row.classes), fmt_int(row.students),
             fmt_int(row.teachers)] for row in info.type_rows()]
    r.table("学校基本情况（按学校类型）", columns, rows)
    stage_cols = [Column("学段", 1.4), Column(info.stage_schools_header, 1.4, "right"),
                  Column("班级数（个）", 1, "right"), Column("在校生（人）", 1.2, "right"),
                  Column("平均班额（人）", 1, "right"), Column("专任教师（人）", 1.2, "right")]
    stage_rows = [[row.label, fmt_int(row.schools), fmt_int(row.classes), fmt_int(row.students),
                   f"{row.students / row.classes:.1f}" if row.classes else "—",
                   fmt_int(row.teachers)] for row in info.by_stage]
    r.table("各学段学校、班级、学生和专任教师", stage_cols, stage_rows)
    r.note(f"数据来源：{info.source}。专任教师按任教学段计。{info.points_note}")
    _conclusion(r, ev, data)


def _conclusion(r: WordReport, ev: Evaluation, data: CountyData | None = None) -> None:
    """The 评估结论 paragraph; its 待核实 count is the verdict's (the 基本均衡 recognition held
    while its schools fail 省定标准 among them, held by the engine:
    :func:`~junheng.evaluate.held.hold_recognition`)."""
    verdict = ev.verdict
    parts = []
    for stage, result_ in ev.stages.items():
        label = STAGE_LABELS[stage]
        failing = sum(1 for c in result_.indicators.values() if c.met is False)
        passing = "" if result_.units_passing is None else \
            f"，{result_.units} 个评估单位中 {result_.units_passing} 个达标"
        parts.append(f"{stage_composite(ev.standard.id, label)} {fmt_cv(result_.composite_cv)}，"
                     f"单项差异系数超过限值 {failing} 项{passing}")
    stages = f"{'；'.join(parts)}。" if parts else ""
    r.para(f"按照{ev.standard.document}，依据本县数据自评，评估结论为“{verdict.label}”："
           f"{verdict_sentence(ev)}{stages}"
           f"待核实（尚需佐证材料或补充数据）的事项 {len(verdict.pending)} 项。", bold=True)


# --- 二、资源配置 ------------------------------------------------------------------------------



def _stage(r: WordReport, ev: Evaluation, stage: str, k: int) -> None:
    label = STAGE_LABELS[stage]
    result = ev.stages[stage]
    r.heading(f"（{cn_number(k)}）{label}", 2)
    rows = cv_rows(ev, stage)
    over = [row.name for row in rows if row.met is False]
    passing = "" if result.units_passing is None else \
        f"，按学校达标规则达标 {result.units_passing} 个，未达标 {result.units - result.units_passing} 个"
    r.para(f"全县{label}评估单位 {result.units} 个{passing}。{stage_composite(ev.standard.id, label)} "
           f"{fmt_cv(result.composite_cv)}"
           f"{'' if result.composite_limit is None else f'（限值 {result.composite_limit:.2f}）'}；"
           + (f"差异系数超过限值的指标：{'、'.join(over)}。" if over else "各单项差异系数均在限值以内。"))
    columns = [Column("指标", 3.2), Column("标准值", 0.9, "center"), Column("全县均值", 1.1, "right"),
               Column("差异系数", 0.9, "right"), Column("限值", 0.7, "right"),
               Column("差异系数结论", 0.9, "center"), Column("达到标准值的学校", 1.1, "center")]
    table_rows, marks = [], []
    for row in rows:
        meeting = "—" if row.meeting is None else f"{row.meeting}/{row.units}"
        table_rows.append([f"{row.name}（{row.unit}）", row.standard or "—",
                           row.mean_text, fmt_cv(row.cv), fmt_limit(row.limit),
                           fmt_met(row.met), meeting])
        marks.append([False, False, False, row.met is False, False, row.met is False,
                      row.meeting is not None and row.meeting < row.units])
    table_rows.append([composite_label(ev.standard.id, mean=True), "—", "—", fmt_cv(result.composite_cv),
                       fmt_limit(result.composite_limit), fmt_met(result.composite_met), "—"])
    marks.append([False, False, False, result.composite_met is False, False,
                  result.composite_met is False, False])
    r.table(f"{label}资源配置指标与校际差异系数", columns, table_rows, flagged=marks)
    _failing_schools(r, ev, stage)


def _failing_schools(r: WordReport, ev: Evaluation, stage: str) -> None:
    label = STAGE_LABELS[stage]
    failing = failing_schools(ev, stage)
    if ev.standard.school_rule is None:
        return
    if not failing:
        r.para(f"全县{label}评估单位全部达到学校达标规则。")
        return
    r.para(f"未达标的{label}评估单位 {len(failing)} 个，逐校未达到标准值的指标及需补足的数量见附表"
           f"“未达标的{label}评估单位”和{school_sheet(ev)}。")


def school_sheet(ev: Evaluation) -> str:
    """Where the per-school figures are in the evaluation workbook (by its title: planner
    review finding 14 found 「评估报表（Excel）」)."""
    return (f"{EVALUATION_WORKBOOK}“学校达标”工作表（与其他标准一并评估时为“{ev.standard.short_name}-学校达标”）")


def failing_table(r: WordReport, ev: Evaluation, stage: str) -> None:
    """附表: one stage's failing schools with their unmet indicators and what they need."""
    label = STAGE_LABELS[stage]
    failing = failing_schools(ev, stage)
    if ev.standard.school_rule is None or not failing:
        return
    columns = [Column("学校", 2.2), Column("学生数", 0.8, "right"), Column("达标项数", 0.8, "center"),
               Column("未达到标准值的指标（现值 / 标准值）", 3.2), Column("需补足", 2.6)]
    rows = []
    for s in failing:
        unmet = "\n".join(f"{x.name} {x.value} / {x.standard}" for x in s.shortfalls)
        needs = "\n".join(x.text for x in s.shortfalls)
        rows.append([s.name, fmt_int(s.students), f"{s.n_met}/{s.n_indicators}", unmet or "—",
                     needs or "—"])
    r.table(f"未达标的{label}评估单位", columns, rows)


# --- 三、四：items ------------------------------------------------------------------------------

ITEM_COLUMNS = [Column("序号", 0.5, "center"), Column("评估内容", 3.6), Column("现值", 1.1, "center"),
                Column("标准", 1.1, "center"), Column("结论", 0.8, "center"), Column("说明与佐证", 2.6)]


#: an item's remark when its 县级认定 evidence is one line shared by many items
#: (evaluate.items.unsupported): said once as a table note (review rv 13: nine times in 表10/表11)
SHARED_EVIDENCE = re.compile(r"佐证说明“[^”]+”为县级认定表 \d+ 个事项共用的概括性材料，未指明本事项的佐证")
SHARED_KEY = "shared_evidence"


def _items_table(r: WordReport, title: str, items) -> None:
    """The items' table."""
    if not items:
        return
    rows, marks, shared = [], [], None
    where = r.said.get(SHARED_KEY, f"表 {r.tables + 1}")
    for row in item_rows(items):
        evidence = f"佐证：{row.evidence}" if row.evidence and row.evidence not in row.remark else ""
        remark = signed("；".join(p for p in (row.remark, evidence) if p))
        if found := SHARED_EVIDENCE.search(remark):
            shared = shared or found.group(0)
            remark = SHARED_EVIDENCE.sub(f"佐证说明为共用的概括性材料（见{where} 注）", remark)
        rows.append([row.number, row.name, row.value, row.standard or "—", row.status_label,
                     remark or "—"])
        marks.append([False, False, False, False, row.status is Status.NOT_MET, False])
    r.table(title, ITEM_COLUMNS, rows, flagged=marks)
    if shared and SHARED_KEY not in r.said:
        r.said[SHARED_KEY] = where
        r.note(f"注：{shared}；标“佐证说明为共用的概括性材料”的事项（本表及其后各表）均属此情况，"
               "须为每个事项分别填写具体佐证材料。")






# --- 五、存在的问题 ----------------------------------------------------------------------------





# --- 六、整改措施 ------------------------------------------------------------------------------









def preschool_total(ev: Evaluation, data: CountyData | None) -> int | None:
    """学前 of 一、基本情况 (kindergartens and the 附设幼儿班 of schools), None without one."""
    return next((row.students for row in overview(ev, data).by_stage if row.label == "学前"), None)


def preschool_basis(forecast_base: float, overview_total: int | None) -> str | None:
    """The note under the forecast table when its 学前 (kindergartens only: the projection
    follows each school's own grades) differs from the 学前 of 一、基本情况.

    >>> preschool_basis(9484, 9532)
    '注：学前按幼儿园在园幼儿预测（基年 9,484 人），不含小学、教学点附设幼儿班；一、基本情况中的学前 9,532 人含附设幼儿班 48 人。'
    >>> preschool_basis(9484, 9484) is None, preschool_basis(9484, None) is None
    (True, True)
    """
    if overview_total is None or round(forecast_base) == overview_total:
        return None
    return (f"注：学前按幼儿园在园幼儿预测（基年 {forecast_base:,.0f} 人），不含小学、教学点附设幼儿班；"
            f"一、基本情况中的学前 {overview_total:,} 人含附设幼儿班 "
            f"{overview_total - round(forecast_base):,} 人。")


def _forecast(r: WordReport, forecast, preschool: int | None = None, layout=None) -> None:
    summary = forecast_summary(forecast, layout)
    r.para(f"按学校逐年级推移预测（基年 {summary.base_year} 学年，预测 {summary.horizon} 年，"
           f"{interval_said(summary.coverage)}）：")
    for line in summary.lines:
        r.para(line.strip())
    columns = [Column("学年", 0.8, "center")] + [Column(f"{s.label}（低—高）", 1.6, "right")
                                                for s in summary.series]
    rows = [[str(year), *(_band(s, i, year == summary.base_year) for s in summary.series)]
            for i, year in enumerate(summary.years)]
    r.table("全县分学段在校生预测（人；基年为实际数，括号内为预测区间）", columns, rows)
    base = next((s.students[summary.years.index(summary.base_year)] for s in summary.series
                 if s.stage == "preschool" and summary.base_year in summary.years), None)
    if base is not None and (note := preschool_basis(base, preschool)):
        r.note(note)
    if summary.seat:
        headers, rows, flags = summary.seat_table()
        columns = [Column(headers[0], 0.8, "center"),
                   *(Column(h, 1 if k < 2 else 1.2, "right") for k, h in enumerate(headers[1:]))]
        r.table(f"{COUNTY_SEAT_LABEL}义务教育学校教室供需（按学段，不跨学段相抵）", columns, rows,
                flagged=flags)
        if summary.seat_note:
            r.note(summary.seat_note)


def _band(series, i: int, base: bool) -> str:
    mid = f"{series.students[i]:,.0f}"
    return mid if base else f"{mid}（{series.low[i]:,.0f}—{series.high[i]:,.0f}）"


def _ledger(r: WordReport, ledger) -> None:
    r.para(ledger_sentence(ledger))
    columns = [Column("目标", 2.2), Column("目标值", 1.0), Column("最新值", 0.9, "right"),
               Column("期限", 0.6, "center"), Column("状态", 0.7, "center"),
               Column("到期预计", 0.9, "right"), Column("责任单位", 1.0),
               Column(LEDGER_REASON_HEAD, 2.4)]
    rows = ledger_rows(ledger)
    # a row's reason holds a layout plan's closures against the target's deadline (review
    # 2026-12-04 finding 18), said once, in the row
    table_rows = [[x.name, x.target, x.latest + ("" if x.latest_year is None else f"（{x.latest_year}）"),
                   str(x.deadline), x.status, x.projected, x.responsible, x.reason] for x in rows]
    r.table("规划目标推进情况", columns, table_rows,
            flagged=[[False] * 4 + [x.status == "滞后", False, False, False] for x in rows])


# --- 七、评估依据与说明; 附表 -------------------------------------------------------------------





def _unit_table(r: WordReport, ev: Evaluation) -> None:
    indicators = ev.standard.resource_indicators
    has_rule = ev.standard.school_rule is not None
    columns = [Column("序号", 0.5, "center"), Column("学校", 2.2), Column("学段", 0.5, "center"),
               Column("学生数", 0.7, "right")]
    columns += [Column(f"{i.name}（{i.unit}）", 1, "right") for i in indicators]
    if has_rule:
        columns += [Column("达标项数", 0.6, "center"), Column("结论", 0.7, "center")]
    met = met_lookup(ev)
    rows, marks = [], []
    for k, u in enumerate(ev.units.to_dict("records"), start=1):
        row = [k, u["name"], STAGE_LABELS.get(u["stage"], u["stage"]), fmt_int(u["students"])]
        row += [fmt_against(u[i.id], i.threshold_for(u["stage"]), i.unit) for i in indicators]
        mark = [False] * 4 + [met.get((u["unit_id"], i.id)) is False for i in indicators]
        if has_rule:
            fails = not is_missing(u["passes"]) and not bool(u["passes"])
            row += [fmt_int(u["n_met"]), "未达标" if fails else "达标"]
            mark += [False, fails]
        rows.append(row)
        marks.append(mark)
    r.table("各校（评估单位）资源配置指标", columns, rows, flagged=marks)
    r.note("红色为未达到标准值的指标或未达标的学校。九年一贯制等学校分学段作为两个评估单位，校舍设施按学生数加权拆分。")






# --- public API ----------------------------------------------------------------------------





