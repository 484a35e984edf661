"""The layout plan as its own Word document, 布局调整方案.docx, written next to the 自评报告
(which summarises it in one paragraph and refers here): the plan's actions by phase, the
comparison before and after with its notes, the CVs and the 求解信息 table."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from docx.enum.text import WD_ALIGN_PARAGRAPH

from junheng.planning.layout_outcome import LayoutOutcome
from junheng.report.layout_community import community_summary
from junheng.report.layout_info import SOLVE_HEADS, SOLVE_WIDTHS, solve_rows
from junheng.report.report_format import fmt_date
from junheng.report.self_evaluation_docx import _layout
from junheng.report.word_document import Column, WordReport, page_numbers

LAYOUT_DOCX_NAME = "布局调整方案.docx"


def layout_title(county: str, plan: LayoutOutcome) -> str:
    """The document's title.

    >>> layout_title("洛北县", LayoutOutcome("optimal", (), {}, scenario="默认方案", target_year=2030))
    '洛北县义务教育学校布局调整方案（默认方案，规划年 2030 学年）'
    """
    year = "" if plan.target_year is None else f"，规划年 {plan.target_year} 学年"
    return f"{county}义务教育学校布局调整方案（{plan.scenario or '未命名方案'}{year}）"


def write_layout_docx(plan: LayoutOutcome, path: str | Path, *, county: str = "",
                      report_date: date | None = None) -> Path:
    """Write 布局调整方案.docx and return its path."""
    r = WordReport()
    page_numbers(r.doc.sections[-1])
    title = r.doc.add_paragraph(style="Title")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.add_run(layout_title(county, plan))
    r.para(f"报告日期：{fmt_date(report_date or date.today())}。逐校分配、一至三年级远距离等明细见布局方案工作簿"
           "（plan.xlsx）的“调整方案”“学生分配”“城区划片”“一至三年级远距离”表。", indent=False)
    r.heading("一、调整方案")
    _layout(r, plan)
    if zoning := community_summary(plan):
        r.para(zoning)
    r.heading("二、求解信息")
    r.para("方案由数学规划求解得出；下表列出求解结果和所用的单价、权重和规则（同布局方案工作簿“求解信息”表）。")
    columns = [Column(h, w) for h, w in zip(SOLVE_HEADS, SOLVE_WIDTHS, strict=True)]
    r.table("求解信息", columns, solve_rows(plan))
    r.doc.core_properties.title = layout_title(county, plan)
    r.doc.core_properties.language = "zh-CN"
    path = Path(path)
    r.doc.save(str(path))
    return path
