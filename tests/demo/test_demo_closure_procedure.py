"""On the demo county every closure carries its procedure (review rv10 finding 7: 64 teaching
points closed over 2027–2029 and no document named 论证, 听证, 公示 or 报批): each closure row of
表 3 and of the workbook's 调整方案 sheet is 「待论证、听证」, the section 撤并程序 dates each
closure year's steps, and the 整改 and 自评 say the closures are done 按计划."""

from __future__ import annotations

import re

import pytest
from docx import Document
from openpyxl import load_workbook

from junheng.planning.layout_procedure import PENDING, SECTION_HEAD, STATUS_HEAD


@pytest.mark.slow
def test_every_closure_row_of_the_sheet_and_table_3_has_its_procedure_status(demo_run):
    demo = demo_run.out
    wb = load_workbook(demo / "layout" / "布局调整方案工作簿.xlsx", read_only=True)
    head, *rows = [list(r) for r in wb["调整方案"].iter_rows(values_only=True)]
    status, action = head.index(STATUS_HEAD), head.index("措施")
    closed = [r for r in rows if r[action] == "撤并"]
    assert len(closed) >= 60  # the demo closes most of its 70 教学点
    assert {r[status] for r in closed} == {PENDING}
    assert all(r[status] is None for r in rows if r and r[action] not in (None, "撤并"))
    d = Document(str(demo / "布局调整方案.docx"))
    table = next(t for t in d.tables if t.rows[0].cells[0].text == "实施学年")
    cells = [[c.text for c in r.cells] for r in table.rows]
    assert cells[0][-1] == STATUS_HEAD
    assert {r[-1] for r in cells[1:] if r[2] == "撤并"} == {PENDING}
    assert sum(r[2] == "撤并" for r in cells[1:]) == len(closed)


@pytest.mark.slow
def test_the_section_dates_every_closure_year_and_counts_every_closure(demo_run):
    demo = demo_run.out
    paras = [p.text for p in Document(str(demo / "布局调整方案.docx")).paragraphs]
    at = next(i for i, t in enumerate(paras) if t.endswith(SECTION_HEAD))
    years = [t for t in paras[at + 2:at + 8] if re.match(r"\d{4} 学年撤并", t)]
    assert [t[:4] for t in years] == ["2027", "2028", "2029"]
    assert years[0].endswith("2026 年 12 月底前（2027 年春季学期开学前）召开听证会，2027 年 3 月底前公示撤并方案和"
                             "听证结果，2027 年 5 月底前完成报批，2027 年 9 月秋季开学起撤并。")
    counted = sum(int(n) for t in years for n in re.findall(r"(?:教学点|学校) (\d+) [个所]", t.split("（")[0]))
    wb = load_workbook(demo / "layout" / "布局调整方案工作簿.xlsx", read_only=True)
    assert counted == sum(r[3] == "撤并" for r in wb["调整方案"].iter_rows(min_row=2, values_only=True))


@pytest.mark.slow
@pytest.mark.parametrize("name", ["compliance/整改措施.docx", "自评报告.docx"])
def test_the_compliance_documents_say_the_closures_are_done_as_planned(demo_run, name):
    d = Document(str(demo_run.out / name))
    said = [p.text for p in d.paragraphs] + [c.text for t in d.tables for r in t.rows for c in r.cells]
    assert all("按布局方案的计划" in t and "听证" in t for t in said if "已全部完成" in t)
    assert not any("布局调整实施后（" in t and "按布局调整计划实施后（" not in t for t in said)
