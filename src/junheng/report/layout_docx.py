"""The layout plan as its own Word document, 布局调整方案.docx, written next to the 自评报告
(which summarises it in one paragraph and refers here): 一、调整方案 with its 方案概要 table
and sub-heads (:mod:`~junheng.report.layout_sections`), 二 the two options opened by what each
costs and what their ranking rests on (:mod:`~junheng.report.layout_choice`), a paragraph on
how the plan was computed (:mod:`~junheng.report.layout_method`) and the 求解信息 table as its
附录."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from docx.enum.text import WD_ALIGN_PARAGRAPH

from junheng.model.times import today_beijing
from junheng.planning.layout_naming import own_name
from junheng.planning.layout_options import OPTION_HEADS, OPTIONS_TITLE, option_table
from junheng.planning.layout_outcome import LayoutOutcome
from junheng.planning.staffing_absorb import plan_absorption
from junheng.report.layout_choice import choice_paragraph, differences_paragraph
from junheng.report.layout_info import SOLVE_HEADS, SOLVE_WIDTHS, solve_rows
from junheng.report.layout_method import method_paragraph
from junheng.report.layout_sections import write_plan_section
from junheng.report.report_format import fmt_date, school_year_label, short_paragraphs
from junheng.report.teacher_pool import transfer_pool
from junheng.report.word_document import Column, WordReport, page_numbers

LAYOUT_DOCX_NAME = "布局调整方案.docx"
#: the layout plan's workbook as the documents name it: by its title, never a path of the
#: solver's folder (review item 10: "plan.xlsx" named two workbooks) nor the web page that
#: downloads it, in English words (planner review finding 14: 「（Excel 文件，…结果页下载的…）」)
LAYOUT_WORKBOOK = "《布局调整方案工作簿》"
#: this document as another document names it
LAYOUT_DOCX_REF = "《布局调整方案》"
#: what the title says of a plan with two options: neither is decided (review rv5 finding 3)
TWO_OPTIONS = "甲、乙两案，待局务会比选"


def layout_title(county: str, plan: LayoutOutcome) -> str:
    """The document's title: a scenario the user named is kept, the software's default name
    is not (review finding 15: a leader read “默认方案” in the title).

    >>> layout_title("洛北县", LayoutOutcome("optimal", (), {}, scenario="默认方案", target_year=2030))
    '洛北县义务教育学校布局调整方案（规划年 2030 学年）'
    >>> layout_title("洛北县", LayoutOutcome("optimal", (), {}, scenario="不新建学校", target_year=2030))
    '洛北县义务教育学校布局调整方案（不新建学校，规划年 2030 学年）'
    >>> layout_title("洛北县", LayoutOutcome("optimal", (), {}, scenario="默认方案"))
    '洛北县义务教育学校布局调整方案'

    A plan with its ``alternative`` is a paper for the 局务会 to choose between the two (review
    rv5 finding 3: the title read as if 方案甲 were decided):

    >>> layout_title("洛北县", LayoutOutcome("optimal", (), {}, scenario="默认方案", target_year=2030,
    ...                                    alternative={"once_yuan": 1.0}))
    '洛北县义务教育学校布局调整方案（甲、乙两案，待局务会比选；规划年 2030 学年）'
    """
    named = own_name(plan)
    year = "" if plan.target_year is None else f"规划年 {plan.target_year} 学年"
    inside = "，".join(x for x in (named, year) if x)
    if plan.alternative:
        inside = "；".join(x for x in (TWO_OPTIONS, inside) if x)
    return f"{county}义务教育学校布局调整方案" + (f"（{inside}）" if inside else "")


def solve_summary(plan: LayoutOutcome) -> str:
    """The plain paragraph standing where the 求解信息 table was (review item 7: about 70 rows
    of solver settings in the document to be signed; the table is now the 附录): the status in
    a bureau's words (review rv5 13: no 下界, 容差 or solve time here; the 附录 keeps them).

    >>> print(solve_summary(LayoutOutcome("optimal", (), {}, objective=1_000_000.0, seconds=2.7)))
    按所设单价和权重测算，求解目标（综合评价值加计入额）最低（测算模型按表列建设和撤并如期实施计算）；未满足的规则：无；是否满足差异系数上限：未复核（本方案未按优质均衡标准复核差异系数）。全部单价、权重、规则和计算情况见附录“测算参数与求解情况”。
    """
    from junheng.planning.layout_options import AMONG_A
    from junheng.planning.layout_unmet import other_lines, rule_lines
    from junheng.report.layout_info import status_lines, status_said

    rules, others = len(rule_lines(plan)), len(other_lines(plan))
    listed = (f"{rules} 项（不含差异系数），逐项见下" if rules else
              "无（不含差异系数），其他说明见下" if others else "")
    # the status in running text's words, no 最优 (review rv3 7; the 附录 keeps the solver's)
    lines = "；".join(status_said(plan, running=True, among=AMONG_A if plan.alternative else "") if label == STATUS else
                     f"{label}：{listed if label == UNMET and listed else text}"
                     for label, text in status_lines(plan))
    return f"{lines}。全部单价、权重、规则和计算情况见附录“{APPENDIX}”。"


def method_score(plan: LayoutOutcome) -> float:
    """The 综合评价值 as 表2 shows it, the sum of its parts (review rv2 finding 10)."""
    from junheng.planning.layout_costs import shown_metrics

    return shown_metrics(plan.metrics).get("after", {}).get("objective_yuan", plan.objective)


#: the appendix holding the full 求解信息 table (review rv5 13: for the technical reader)
APPENDIX = "测算参数与求解情况"
APPENDIX_HEAD = f"附录  {APPENDIX}（供技术审核）"
#: the body's section on how the plan was computed and the rules it does not meet
METHOD_SECTION = "测算方法和未满足的规则"


#: the 求解信息 rows of the rules a plan does not meet and of its status
UNMET, STATUS = "未满足的规则", "求解状态"


def unmet_paragraphs(plan: LayoutOutcome) -> list[str]:
    """The rules the plan does not meet, each in full with its figures, numbered: said once,
    under the body's third part (review rv 6: the same ~1,700 characters five times in this document);
    the options' table, its headline and the 附录 give their count (:func:`solve_ref`). Only
    the rules that count are numbered; what is said beside them follows as 另 (review ht 4:
    「逐项见下（6 条）」 under 「未满足规则 4 项」).

    >>> from junheng.planning.layout_outcome import PlannedSchool
    >>> plan = LayoutOutcome("optimal", (PlannedSchool("P", "北槐凹村教学点", "keep"),), {},
    ...                      rules={"cv_kept": ["P"], "boarding_per_town_unmet": "…"})
    >>> for line in unmet_paragraphs(plan): print(line)
    （1）“每个乡镇保留寄宿制小学和初中”未全部满足，原因见说明。
    另：因差异系数约束保留北槐凹村教学点（方案在此前提下求解）。
    """
    from junheng.planning.layout_unmet import other_lines, rule_lines

    return ([f"（{i}）{line}。" for i, line in enumerate(rule_lines(plan), start=1)]
            + [f"另：{line}。" for line in other_lines(plan)])


def solve_ref(plan: LayoutOutcome, section: str, data=None) -> list[list]:
    """The 附录's 求解信息 rows (the per-pupil rates from the county's ``data``) with the rules
    unmet as their count and where they are said (``section``); the workbook's sheet keeps them
    in full (its one place).

    >>> plan = LayoutOutcome("optimal", (), {}, rules={"boarding_per_town_unmet": "…"})
    >>> next(r for r in solve_ref(plan, "三、测算方法和未满足的规则") if r[0] == UNMET)[1]
    '1 项（不含差异系数）：每个乡镇保留寄宿制小学和初中（逐项见正文“三、测算方法和未满足的规则”）'
    """
    from junheng.planning.layout_unmet import unmet_labels

    rows = solve_rows(plan, data)
    if not unmet_paragraphs(plan):
        return rows
    labels = unmet_labels(plan, cvs=False)  # the CVs: the row 是否满足差异系数上限 (review ht 4)
    said = (f"{len(labels)} 项（不含差异系数）：{'、'.join(labels)}" if labels else "无（不含差异系数）") + \
        f"（逐项见正文“{section}”）"
    return [[r[0], said, *r[2:]] if r[0] == UNMET else r for r in rows]


def decisions(plan: LayoutOutcome, data=None) -> list[str]:
    """The layout's 局务会 decisions (:mod:`~junheng.planning.layout_boarders`): the county-town
    schools' village boarders back to the townships, and, with ``data``, the old campus of each
    completed 迁建."""
    from junheng.planning.layout_boarders import boarder_options, boarder_paragraph, campus_lines

    out = [boarder_paragraph(o, plan.target_year) for o in boarder_options(plan)]
    return out + (campus_lines(data.tables.get("projects")) if data is not None else [])


def write_layout_docx(plan: LayoutOutcome, path: str | Path, *, county: str = "",
                      report_date: date | None = None, data=None, compliance: dict | None = None) -> Path:
    """Write 布局调整方案.docx and return its path; with the county's ``data``, the primary
    teachers to check for a junior post by subject (:func:`~junheng.report.teacher_pool.transfer_pool`);
    with a 达标路径 made after ``plan`` (``compliance``, its plan.json), both plans' totals and the
    总投资 table of the 《整改措施》 and the 自评报告 (brief hwords6 1), and its re-check's share
    of the standard without the land each school buys (hfix8 5: 表3 as the 整改措施 says it) and
    its CVs after it, said beside the plan's own (:func:`~.layout_cv_words.path_words`)."""
    from junheng.planning.layout_cv_words import with_path
    from junheng.planning.layout_sports import with_land_shares

    plan = with_land_shares(plan, ((compliance or {}).get("after") or {}).get("stages"))
    plan = with_path(plan, compliance)  # its CVs after the 达标路径 (review rv28 2)
    r = WordReport()
    r.own = (f"见{LAYOUT_DOCX_REF}", "见本方案")  # the shared sentences' pointer, said here of itself
    page_numbers(r.doc.sections[-1])
    title = r.doc.add_paragraph(style="Title")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.add_run(layout_title(county, plan))
    # the day it is made (or given) and the data's year, each named (htext2 4)
    data_year = f"；数据学年：{school_year_label(plan.year)}" if plan.year else ""
    r.para(f"报告日期：{fmt_date(report_date or today_beijing())}{data_year}。逐校分配、一至三年级远距离等明细见"
           f"{LAYOUT_WORKBOOK}的“调整方案”“学生分配”“城区划片”“一至三年级远距离”表。", indent=False)
    options = option_table(plan)
    section = f"{'三' if options else '二'}、{METHOD_SECTION}"
    r.heading("一、调整方案")
    absorb = plan_absorption(plan, data)
    write_plan_section(r, plan, transfer_pool(data, plan.staffing), section, absorb,
                       decisions(plan, data), compliance)
    if options:
        r.heading(f"二、{OPTIONS_TITLE}")
        r.para(choice_paragraph(plan))  # each plan's cost and what the ranking rests on (rv 1)
        r.para(differences_paragraph(plan))
        r.table(OPTIONS_TITLE, [Column(h, w) for h, w in zip(OPTION_HEADS, (1.4, 1.5, 1.5, 1.6),
                                                               strict=True)], options[1])
    r.heading(section)
    r.para(method_paragraph(plan, method_score(plan)))
    r.para(solve_summary(plan))
    for line in unmet_paragraphs(plan):
        for part in short_paragraphs(line):  # a rule with its options read aloud (rv6 N13)
            r.para(part)
    r.heading(APPENDIX_HEAD)
    r.para(f"下表列出方案的计算结果和所用的全部单价、权重和规则（同{LAYOUT_WORKBOOK}的“求解信息”表）。")
    columns = [Column(h, w) for h, w in zip(SOLVE_HEADS, SOLVE_WIDTHS, strict=True)]
    r.table("求解信息", columns, solve_ref(plan, section, data))
    _technical_metrics(r, plan)
    r.doc.core_properties.title = layout_title(county, plan)
    r.doc.core_properties.language = "zh-CN"
    return r.save(path)


def _technical_metrics(r: WordReport, plan: LayoutOutcome) -> None:
    """The 调整前后对比 rows that only rank the options, under the 附录 (rv13 15)."""
    from junheng.report.layout_sections import metric_columns, technical_row
    from junheng.report.plan_rows import layout_summary

    summary = layout_summary(plan)
    rows = [list(row) for row in summary.metrics if technical_row(str(row[0]))]
    if rows:
        r.para("下表为“布局调整前后对比”表中只用于比选方案的各行：权重是对通行时间、面积缺口等的折算，"
               "不是财政支出；综合评价值为财政支出加上这些折算，越低越好。")
        r.table("布局调整前后的综合评价值", metric_columns(summary), rows)
