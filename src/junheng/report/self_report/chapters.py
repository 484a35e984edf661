"""The chapters of the county 自评报告 (see :mod:`junheng.report.self_report`).

Each ``write_*`` function writes one numbered chapter; the tables and sentences come from the
same row builders as the HTML report (:mod:`junheng.report.evaluation_rows`), so both show
the same figures.
"""

from __future__ import annotations

from pathlib import Path

from junheng.evaluate import Evaluation, Status
from junheng.evaluate.cv import stage_composite
from junheng.model import numbers
from junheng.report.evaluation_rows import (
    class_size_sentence,
    cv_rows,
    official_count_note,
    status_sentence,
)
from junheng.report.methods import veto_hold
from junheng.report.report_format import STAGE_LABELS, fmt_cv, fmt_int, fmt_limit
from junheng.report.self_evaluation_docx import (
    EVALUATION_WORKBOOK,
    _forecast,
    _items_table,
    _ledger,
    _stage,
    preschool_total,
)
from junheng.report.self_report.charts import cv_chart, distribution_chart
from junheng.report.self_report.measures_done import measures_done
from junheng.report.self_report.problems import size_problem, write_item_measures
from junheng.report.self_report.word_extras import FigureCounter
from junheng.report.word_document import Column, WordReport, cn_number

BASIC_ID = "basic-2012"


def is_basic(ev: Evaluation) -> bool:
    return ev.standard.id == BASIC_ID


# --- 主要做法与成效 -----------------------------------------------------------------------------

def write_achievements(r: WordReport, ev: Evaluation, number: int, previous=None,
                       data=None, today=None) -> None:
    """What the county has done, from its workbook under the six headings of the 主要做法
    (:func:`~junheng.report.self_report.measures_done.measures_done`, 「待县教育局补充」 only
    for what no sheet records), and what it has achieved: CVs within their limits, schools
    meeting the rule, items met; with the previous school year's evaluation, the CVs of both
    years."""
    r.heading(f"{cn_number(number)}、主要做法与成效")
    r.heading("（一）主要做法", 2)
    for n, measure in enumerate(measures_done(ev, data, previous, today), 1):
        lines = measure.lines(n)
        r.para(lines[0], bold=len(lines) > 1)
        for line in lines[1:]:
            r.para(line)
    r.heading("（二）办学资源配置与校际差距", 2)
    for stage, result in ev.stages.items():
        rows = cv_rows(ev, stage)
        within = [row.name for row in rows if row.met is True]
        passing = "" if result.units_passing is None else \
            f"，{result.units} 个评估单位中 {result.units_passing} 个达到学校达标要求"
        r.para(f"全县{STAGE_LABELS[stage]} {len(rows)} 项资源配置指标中，{len(within)} 项校际差异系数在限值以内"
               f"{passing}；{stage_composite(ev.standard.id, STAGE_LABELS[stage])} "
               f"{fmt_cv(result.composite_cv)}。")
    if previous is not None and previous.stages:
        _trend_table(r, ev, previous)
    items = (*ev.guarantee, *ev.quality)
    if items:
        met = [i.indicator.name for i in items if i.status is Status.MET]
        r.heading("（三）落实政府责任，保障办学条件", 2)
        text = f"政府保障程度、教育质量和社会认可度共 {len(items)} 项，已达标 {len(met)} 项"
        r.para(f"{text}。已达标的项目包括：{'；'.join(met)}。" if met else f"{text}，尚无已达标项目。")
    if not size_problem(ev):  # remaining ones are a problem (七、存在的问题), not an achievement
        r.heading(f"（{cn_number(4 if items else 3)}）控制办学规模和班额", 2)
        r.para(f"全县{class_size_sentence(ev)}")


def _trend_table(r: WordReport, ev: Evaluation, previous: Evaluation) -> None:
    columns = [Column("学段", 0.6, "center"), Column("指标", 3.0),
               Column(f"{previous.year} 学年", 1.0, "right"),
               Column(f"{ev.year} 学年", 1.0, "right"), Column("变化", 0.9, "right")]
    rows, changes = cv_changes(ev, previous)
    if rows:
        # a widening is a problem (七、存在的问题), not an achievement (review 2026-12-05 finding 4)
        r.para(f"近两学年各项指标校际差异系数见表 {r.tables + 1}，扩大的指标列入“存在的问题”。"
               if _widened(changes) else trend_sentence(previous.year, changes))
        r.table("近两学年各项指标校际差异系数", columns, rows)


def cv_changes(ev: Evaluation, previous: Evaluation) -> tuple[list[list[str]], list[float | None]]:
    """The rows of the two years' CV table (学段, 指标, the two CVs, 变化) and each change."""
    rows, changes = [], []
    for stage in ev.stages:
        if stage not in previous.stages:
            continue
        before = {row.indicator: row.cv for row in cv_rows(previous, stage)}
        for row in cv_rows(ev, stage):
            old = before.get(row.indicator)
            change = numbers.cv_change(old, row.cv)
            changes.append(change)
            rows.append([STAGE_LABELS[stage], row.name, fmt_cv(old), fmt_cv(row.cv),
                         numbers.cv_change_text(old, row.cv)])
    return rows, changes


def _widened(changes: list[float | None]) -> bool:
    """Whether any CV widened at the table's precision (as :func:`trend_sentence` counts)."""
    return any(c is not None and c >= 5e-4 for c in changes)


def widening_problem(ev: Evaluation, previous: Evaluation | None) -> str:
    """The CVs that widened since the previous school year, with each stage's composite, for
    七、存在的问题; "" without a previous year or when none widened (review 2026-12-05
    finding 4: the demo's 10 of 14 wider, 小学 0.371 → 0.385, 初中 0.326 → 0.331)."""
    if previous is None or not previous.stages:
        return ""
    changes = cv_changes(ev, previous)[1]
    if not _widened(changes):
        return ""
    moves = []
    for stage, result in ev.stages.items():
        old = previous.stages.get(stage)
        if old is None or old.composite_cv is None or result.composite_cv is None:
            continue
        word = "升至" if round(result.composite_cv, 3) > round(old.composite_cv, 3) else \
            "降至" if round(result.composite_cv, 3) < round(old.composite_cv, 3) else "持平于"
        moves.append(f"{stage_composite(ev.standard.id, STAGE_LABELS[stage])}由 {fmt_cv(old.composite_cv)} {word} "
                     f"{fmt_cv(result.composite_cv)}")
    composite = f"{'，'.join(moves)}。" if moves else ""
    return trend_sentence(previous.year, changes).replace("。", "；" if composite else "。") + composite


def trend_sentence(year: int, changes: list[float | None]) -> str:
    """How the CVs moved since ``year``, counted at the precision the table shows (a change
    under 0.0005 reads +0.000 and counts as 持平).

    >>> trend_sentence(2024, [0.037, 0.022, -0.01, 0.0002, None])
    '与 2024 学年相比，4 项可比的校际差异系数中，2 项扩大、1 项缩小、1 项持平。'
    """
    known = [c for c in changes if c is not None]
    wider = sum(1 for c in known if c >= 5e-4)
    narrower = sum(1 for c in known if c <= -5e-4)
    same = len(known) - wider - narrower
    parts = [f"{n} 项{word}" for n, word in ((wider, "扩大"), (narrower, "缩小"), (same, "持平")) if n]
    return f"与 {year} 学年相比，{len(known)} 项可比的校际差异系数中，{'、'.join(parts)}。"


# --- 资源配置 / 校际均衡 --------------------------------------------------------------------------

def write_resources(r: WordReport, ev: Evaluation, number: int, figures: FigureCounter,
                    folder: Path) -> None:
    """Per stage: the CV table, the failing schools, and two charts."""
    title = "校际均衡状况" if is_basic(ev) else "资源配置"
    r.heading(f"{cn_number(number)}、{title}")
    std = ev.standard
    limits = "、".join(f"{STAGE_LABELS[s]} {v:.2f}" for s, v in std.single_cv_limit.items())
    composite = "、".join(f"{STAGE_LABELS[s]} {v:.2f}" for s, v in std.composite_cv_limit.items())
    text = f"按{std.document}，评估 {len(std.resource_indicators)} 项指标的校际差异系数（按学生数加权）。"
    if limits:
        text += f"单项差异系数应不超过{limits}。"
    if composite:
        text += f"综合差异系数应不超过{composite}。"
    rule = std.school_rule
    if rule is not None:
        text += (f"每所学校至少 {rule.min_met} 项达到标准值、其余不低于标准值的 {rule.floor_ratio:.0%}"
                 "为达标。")
    r.para(text)
    for k, stage in enumerate(ev.stages, start=1):
        _stage(r, ev, stage, k)
        _charts(r, ev, stage, figures, folder)
    if not ev.stages:
        r.para("没有可评估的义务教育学校，未计算校际差异系数。")


def _charts(r: WordReport, ev: Evaluation, stage: str, figures: FigureCounter,
            folder: Path) -> None:
    label = STAGE_LABELS[stage]
    rows = cv_rows(ev, stage)
    key = "；".join(f"{k}. {row.short}" for k, row in enumerate(rows, start=1))
    limit = next((row.limit for row in rows if row.limit is not None), None)
    png = cv_chart(ev, stage, folder / f"cv_{stage}.png")
    if png is not None:
        line = f"虚线为限值 {fmt_limit(limit)}，" if limit is not None else ""
        figures.add(r, png, f"{label}各项指标校际差异系数（{line}红色为超过限值）")
        r.note(f"横轴序号：{key}。")
    png = distribution_chart(ev, stage, folder / f"spread_{stage}.png")
    if png is not None:
        base = "县域均值" if not any(i.thresholds for i in ev.standard.resource_indicators) \
            else "标准值"
        figures.add(r, png, f"{label}各校指标值相当于{base}的百分比（虚线为 100%，红点为未达到标准值）")
        r.note(f"每个点为一所学校（评估单位），纵轴为百分比，超过 300% 的按 300% 画出。横轴序号同上：{key}。")


# --- 政府保障 / 质量 / 认可度 ----------------------------------------------------------------------

def write_items(r: WordReport, ev: Evaluation, number: int, area: str, data=None) -> None:
    """One area's items (三值结论 达标 / 未达标 / 待佐证) in the official item table."""
    names = {"guarantee": ("政府保障程度", "县级人民政府推进义务教育均衡发展工作"),
             "quality": ("教育质量", "教育质量"), "recognition": ("社会认可度", "公众满意度"),
             "coverage": ("普及普惠水平", ""), "care": ("幼儿园保教质量保障情况", "")}
    title = names[area][1] if is_basic(ev) else names[area][0]
    if area == "guarantee" and ev.standard.kind == "preschool":
        title = "政府保障情况"
    r.heading(f"{cn_number(number)}、{title}")
    items = [i for i in (*ev.guarantee, *ev.quality) if i.indicator.area == area]
    if not items and is_basic(ev):
        r.para(f"{ev.standard.document}对{title}另有评估内容，由省级督导评估细则规定具体项目和分值；"
               "本报告未收录这些项目，请按本省细则逐项自评并附佐证材料。")
        return
    if not items:
        r.para(f"本次评估没有{title}的数据，请补充后重新生成。")
        return
    if area == "guarantee" and ev.conditions:
        write_conditions(r, ev, data)
    r.para(f"{title}{status_sentence(items)}{official_count_note(items)}"
           "“待佐证”项须在督导评估前提交所列佐证材料。")
    _items_table(r, f"{title}评估情况", items)
    # those remaining are said once, under 存在的问题 (rv29 7: the same sentence twice)
    if area == "guarantee" and ev.standard.kind == "compulsory" and not size_problem(ev):
        r.para(f"班额与校额：{class_size_sentence(ev)}")


def write_conditions(r: WordReport, ev: Evaluation, data=None) -> None:
    """一票否决事项与前提条件: the rows report.html shows, ahead of 政府保障程度 (a 督学 checks them
    first); an item the county's own figures contradict reads 待核实 in the sentence and its row,
    the 基本均衡 recognition too while its schools fail 省定标准 (held by the engine:
    :func:`~junheng.evaluate.held.hold_recognition`)."""
    title = "一票否决事项与前提条件"
    held = veto_hold(ev)
    for item in ev.conditions:
        if item.indicator.area == "prerequisite" and item.disputed:
            held += (f"前提条件“{item.indicator.name}”待核实：认定年限已满，"
                     f"{item.note.partition('基本均衡成果：')[2]}。")
    r.para(f"{title}{status_sentence(ev.conditions)}{held}")
    _items_table(r, f"{title}评估情况", ev.conditions)


# --- 整改措施 -------------------------------------------------------------------------------

#: 整改措施 without a 达标路径 (the web's county has none yet, the CLI was given none)
NO_COMPLIANCE = ("本县区尚未计算达标路径，本章按评估发现的差距汇总整改任务；计算达标路径后重新生成本报告，"
                 "整改措施即按达标路径的项目、年度和投资列出。")


def write_measures(r: WordReport, ev: Evaluation, number: int, *, compliance=None,
                   forecast=None, layout_plan=None, ledger=None, data=None) -> None:
    """整改措施: the compliance plan's chapter when there is one, else the gaps summed by
    indicator and stage; then the layout plan, the forecast's classroom years, the ledger."""
    if compliance is not None:
        from junheng.report.compliance_docx import add_compliance_chapter

        today = {st: {k: c.cv for k, c in res.indicators.items()} for st, res in ev.stages.items()}
        add_compliance_chapter(r, {**compliance, "today_cvs": today}, number=number, brief=True)  # rv28 2
        k = len({a["project"] for a in compliance["actions"]})
    else:
        r.heading(f"{cn_number(number)}、整改措施")
        r.para(NO_COMPLIANCE)
        r.para("针对上述问题，按“缺什么、补什么”的原则，分项目、分学段补足办学条件，明确责任单位和完成时限。")
        r.heading("（一）补足学校办学条件", 2)
        _gap_summary(r, ev)
        k = 1
        if any(i.status is Status.NOT_MET for i in (*ev.guarantee, *ev.quality)):
            k += 1
            r.heading(f"（{cn_number(k)}）落实政府保障责任", 2)
            write_item_measures(r, ev)
    for title, value, write in ((layout_heading(layout_plan), layout_plan, lambda r_, p: layout_reference(r_, p, data)),
                                ("按入学预测保障学位供给", forecast,
                                 lambda r_, f: _forecast(r_, f, preschool_total(ev, data), layout_plan)),
                                ("对照规划目标逐年推进", ledger, _ledger)):
        if value is not None:
            k += 1
            r.heading(f"（{cn_number(k)}）{title}", 2)
            write(r, value)


def rectification_count(ev: Evaluation) -> int:
    """The rows of the evaluation Excel's 整改清单 sheet, read from the sheet's own rows."""
    from junheng.report.evaluation_xlsx import rectification_sheet

    return len(rectification_sheet(ev)[1])


def _gap_summary(r: WordReport, ev: Evaluation) -> None:
    gaps = ev.gaps
    if gaps.empty:
        r.para("各校资源配置指标均已达到标准值，无需补足。")
        return
    grouped = gaps.groupby(["indicator_name", "stage", "unit"], sort=False).agg(
        schools=("unit_id", "nunique"), amount=("amount", "sum"),
        required=("required", "sum")).reset_index()
    columns = [Column("指标", 3.0), Column("学段", 0.6, "center"), Column("涉及学校（个）", 1.0, "right"),
               Column("其中影响达标（个）", 1.1, "right"), Column("需补足", 1.6, "right")]
    rows = [[g.indicator_name, STAGE_LABELS.get(g.stage, g.stage), fmt_int(g.schools),
             fmt_int(g.required), _gap_amount(g.amount, g.unit)] for g in grouped.itertuples()]
    rows.append(["合计", "—", fmt_int(gaps["unit_id"].nunique()), fmt_int(
        gaps.loc[gaps["required"], "unit_id"].nunique()), "—"])
    r.para(f"按标准值和学生数折算，{gaps['unit_id'].nunique()} 个评估单位共 {len(gaps)} 项指标需补足，"
           "按指标和学段汇总如下（逐校数量见整改项目清单）：")
    r.table("资源配置整改任务汇总", columns, rows)
    r.note("注：合计行的学校数按评估单位去重计数；需补足的数量按各指标的自然单位（间、平方米、元、名）累加，不同单位不相加。")
    r.para(f"本表按指标和学段汇总；逐校逐项的整改事项详见{EVALUATION_WORKBOOK}“整改清单”工作表"
           f"（共 {rectification_count(ev)} 条，除补足办学条件外还含差异系数、政府保障和教育质量的整改事项）。")


def layout_heading(plan) -> str:
    """The 整改 chapter's heading of the layout: a plan with two options is not yet decided
    (review rv5 finding 3), so nothing is 实施 until the 局务会 chooses.

    >>> from junheng.planning.layout_outcome import LayoutOutcome
    >>> layout_heading(None), layout_heading(LayoutOutcome("optimal", (), {}, alternative={"once_yuan": 1.0}))
    ('实施学校布局调整', '学校布局调整（甲、乙两案，待局务会比选）')
    """
    from junheng.report.layout_docx import TWO_OPTIONS

    return f"学校布局调整（{TWO_OPTIONS}）" if getattr(plan, "alternative", None) else "实施学校布局调整"


def layout_reference(r: WordReport, plan, data=None) -> None:
    """The layout plan in one paragraph, then its teachers' stage imbalance (with ``data``,
    the teachers to check for a transfer); the plan itself is its own document."""
    from junheng.report.layout_docx import LAYOUT_DOCX_REF, LAYOUT_WORKBOOK
    from junheng.report.layout_notes import layout_paragraph
    from junheng.report.report_format import sentence_paragraphs
    from junheng.report.staffing_rows import imbalance_sentence, said_staffing
    from junheng.report.teacher_pool import transfer_pool

    staffing = getattr(plan, "staffing", None)
    text = said_staffing(r, layout_paragraph(plan), staffing) + (f"各校调整项目、实施期次、调整前后对比、差异系数和求解信息见"
                                                                 f"{LAYOUT_DOCX_REF}，逐校明细见{LAYOUT_WORKBOOK}的“调整方案”表。")
    for sentence in sentence_paragraphs(text):  # a paragraph each (htext2 1: one of 3,225 characters)
        r.para(sentence)
    if imbalance := imbalance_sentence(staffing):
        r.para(imbalance + transfer_pool(data, staffing))


def _gap_amount(amount: float, unit: str) -> str:
    """A summed gap in its unit; money in 万元 as every other sum (review 2026-12-04 finding 13).

    >>> _gap_amount(23_366.0, "元"), _gap_amount(1.0, "间")
    ('2.34 万元', '1 间')
    """
    return numbers.shortfall_wan(amount) if unit == "元" else f"{amount:,.0f} {unit}"
