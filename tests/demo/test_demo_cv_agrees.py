"""On the demo county every document gives one 差异系数 one figure (planner review: one CV was
read with four values across the documents).

The states a CV is printed for, and where:

* the data year (2025) as evaluated: the evaluation workbook, the 自评报告's 表 6 and its list of
  CVs over their limit, the web report's table of CVs;
* the layout's planning year after the layout plan (its 调整后): the layout plan's document and
  workbook, the web report's layout table, the 达标路径 workbook's first CV column;
* the 达标路径's 实施前 (the same state, its pupils from the enrolment forecast): where its
  figure differs from the layout plan's, the sentence that prints it names the layout plan's
  figure beside it and why.
"""

from __future__ import annotations

import re

import openpyxl
import pytest
from docx import Document

from junheng.model.numbers import cv3
from report.report_builders import parse_page, table_rows

pytestmark = pytest.mark.slow

NAMES = {"小学", "初中"}


def _sheet(path, title: str) -> list[list]:
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    return [list(row) for row in book[title].iter_rows(values_only=True)]


def _figures(rows, column: int, first: int = 1) -> dict[tuple[str, str], str]:
    """(学段, 指标) → the CV in ``column`` with three decimals, for the rows of one table."""
    out = {}
    for row in rows[first:]:
        if len(row) > column and row[0] in NAMES and row[column] not in (None, "", "—"):
            value = row[column]
            out[(row[0], str(row[1]))] = cv3(value) if isinstance(value, float) else str(value)
    return out


def _docx_tables(path, head: list[str]) -> list[list[list[str]]]:
    """The tables of a Word document whose header row starts with ``head``."""
    tables = [table_rows(t) for t in Document(str(path)).tables]
    return [rows for rows in tables if rows and rows[0][: len(head)] == head]


def _html_tables(path, head: list[str]) -> list[list[list[str]]]:
    page = parse_page(path.read_text(encoding="utf-8"))
    return [t for t in page.tables if t and [c.strip() for c in t[0][: len(head)]] == head]


def _by_stage(tables, column: int) -> list[tuple[str, str]]:
    """(学段, CV) in row order of the 小学 and the 初中 table of one kind (表 7, 表 8)."""
    assert len(tables) >= 2
    return [
        (stage, row[column].strip())
        for stage, rows in zip(("小学", "初中"), tables[:2], strict=True)
        for row in rows[1:]
    ]


def _in_order(figures: dict[tuple[str, str], str]) -> list[tuple[str, str]]:
    """(学段, CV) in row order: the documents name the indicators in words of their own
    (生均体育运动场馆 in a table, 生均体育运动场馆面积 in the workbook), in the same order."""
    return [(stage, value) for (stage, _), value in figures.items()]


@pytest.fixture(scope="module")
def out(demo_run):
    return demo_run.out


def test_the_data_years_cvs_are_one_figure_in_every_document(out):
    evaluated = _figures(_sheet(out / "评估报表工作簿.xlsx", "优质均衡-差异系数"), 4, first=2)
    assert len(evaluated) == 16  # 7 indicators and the composite, two stages
    report = out / "自评报告.docx"
    trend = _docx_tables(report, ["学段", "指标", "2024 学年", "2025 学年"])
    assert _figures(trend[0], 3) == {k: v for k, v in evaluated.items() if "综合" not in k[1]}
    head = ["指标", "标准值", "全县均值", "差异系数"]
    assert _by_stage(_docx_tables(report, head), 3) == _in_order(evaluated)
    assert _by_stage(_html_tables(out / "自评报告（网页）.html", head), 3) == _in_order(evaluated)
    text = "\n".join(p.text for p in Document(str(report)).paragraphs)
    said = re.findall(r"^\d+\. (小学|初中)(.+?)差异系数 (\d\.\d{3})，超过", text, re.M)
    assert len(said) == 3 and all(evaluated[(stage, name)] == value for stage, name, value in said)


def test_the_layouts_after_cvs_are_one_figure_in_every_document(out):
    workbook = _figures(_sheet(out / "layout" / "布局调整方案工作簿.xlsx", "差异系数对比"), 3)
    assert len(workbook) == 16
    head = ["学段", "指标"]
    docx = [
        t
        for t in _docx_tables(out / "布局调整方案.docx", head)
        if len(t[0]) > 3 and t[0][3].startswith("调整后")
    ]
    assert _in_order(_figures(docx[0], 3)) == _in_order(workbook)
    web = [
        t
        for t in _html_tables(out / "自评报告（网页）.html", head)
        if len(t[0]) > 3 and t[0][3].startswith("调整后")
    ]
    assert _in_order(_figures(web[0], 3)) == _in_order(workbook)
    compliance = _sheet(out / "compliance" / "达标路径工作簿.xlsx", "差异系数")
    assert str(compliance[0][2]).startswith("布局方案调整后")
    assert _figures(compliance, 2) == {k: v for k, v in workbook.items() if "综合" not in k[1]}


def test_the_compliance_plans_before_figure_names_the_layouts_where_they_differ(out):
    layout = _figures(_sheet(out / "layout" / "布局调整方案工作簿.xlsx", "差异系数对比"), 3)
    before = _figures(_sheet(out / "compliance" / "达标路径工作簿.xlsx", "差异系数"), 3)
    for doc in (out / "自评报告.docx", out / "compliance" / "整改措施.docx"):
        text = next(
            p.text
            for p in Document(str(doc)).paragraphs
            if p.text.startswith("目标学年超过限值的差异系数，达标路径实施前（布局调整后）→ 实施后：")
        )
        seen = 0
        for stage, part in re.findall(r"(小学|初中)（限值 [\d.]+）：(.+?)(?:。|$)", text):
            for name, ours, beside in re.findall(
                r"([^；]+?) (\d\.\d{3})((?:（布局调整方案“调整后”为 \d\.\d{3}[^）]*）)?) →", part
            ):
                seen += 1
                assert ours == before[(stage, name)]
                theirs = layout[(stage, name)]
                # hr item 1: the demo's layout takes the forecast's pupils, 民办 schools and
                # 高中 grades included, as the 达标路径 does: one county, one figure
                assert theirs == ours and beside == ""
        assert seen, doc.name
