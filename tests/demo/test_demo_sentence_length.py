"""On the demo county no sentence of the 自评报告 and the 整改措施 runs on (htext2 1: the two
plans' 合计 paragraph was 3,937 characters, its list of the schools both plans build at one
sentence of 2,553; the 自评's layout paragraph 3,225; the 整改措施's 说明 3,817). Lists are a
row or a paragraph each now; the limits below are what a reader can take in one go."""

from __future__ import annotations

import re

import pytest
from docx import Document

from junheng.planning.plans_together import TOGETHER_HEADS, TOGETHER_TITLE

#: the longest clause (cut at 。, ； and line breaks) of a paragraph or table cell
CLAUSE_LIMIT = 300
#: the longest paragraph or table note; main had 3,937 (合计), 3,817 (说明) and 3,225 (the
#: layout), then 1,093 (the projects counted) and 970 (教师) (brief hzuofa 2)
PARAGRAPH_LIMIT = 600
#: the 合计 summary's paragraphs, each a sentence or two
SUMMARY_LIMIT = 600
DOCUMENTS = ["自评报告.docx", "compliance/整改措施.docx"]
#: the 布局调整方案 is read aloud at the 局务会 (rv6 N13: its 过渡期 was one paragraph of 2,055
#: characters, 学位利用率低 1,726, 方案乙 1,090): a paragraph a school year or a sentence
LAYOUT_LIMIT = 600


@pytest.fixture(scope="module")
def demo(demo_run):
    return demo_run.out


def _texts(doc) -> list[str]:
    return [p.text for p in doc.paragraphs] + [c.text for t in doc.tables for r in t.rows for c in r.cells]


@pytest.mark.parametrize("name", DOCUMENTS)
def test_no_clause_or_paragraph_runs_on(demo, name):
    doc = Document(str(demo / name))
    # the 自评's table of contents is one paragraph of lines, each a heading
    paragraphs = [p.text for p in doc.paragraphs if "\n" not in p.text]
    assert [len(p) for p in paragraphs if len(p) > PARAGRAPH_LIMIT] == []
    clauses = [c for t in _texts(doc) for c in re.split(r"[。；\n]", t)]
    assert [c[:30] for c in clauses if len(c) > CLAUSE_LIMIT] == []


@pytest.mark.parametrize("name", DOCUMENTS)
def test_the_schools_both_plans_build_at_are_the_sheet_s_column(demo, name):
    # a table of both documents until brief hshort4: the 合计 sheet's column of that name holds
    # a school a cell; the documents count them and name it
    from openpyxl import load_workbook

    rows = list(load_workbook(demo / "compliance" / "达标路径工作簿.xlsx", read_only=True)[
        "布局调整与达标路径合计"].iter_rows(values_only=True))
    column = rows[1].index(TOGETHER_TITLE)
    schools = sum(1 for r in rows[2:] if r[column])
    doc = Document(str(demo / name))
    texts = [p.text for p in doc.paragraphs]
    assert not [t for t in doc.tables if tuple(c.text for c in t.rows[0].cells) == TOGETHER_HEADS]
    if name == "自评报告.docx":
        assert sum(f"（含同校同项合计的 {schools} 所学校，表末为两个方案合计的各项说明）" in t for t in texts) == 1
        return
    lead = next(t for t in texts if t.startswith("布局调整与达标路径在同一学校建设同一项目的"))
    assert lead == (f"布局调整与达标路径在同一学校建设同一项目的，合为一个项目按合计规模实施：共 {schools} 所学校，逐校见"
                    f"《达标路径工作簿》“布局调整与达标路径合计”表的“{TOGETHER_TITLE}”列。") and schools == 9
    start = next(k for k, t in enumerate(texts) if "与达标路径（目标学年" in t and "合计：" in t)
    summary = texts[start:texts.index(lead) + 1]
    assert [len(t) for t in summary if len(t) > SUMMARY_LIMIT] == []


def test_no_paragraph_of_the_layout_plan_runs_on(demo):
    doc = Document(str(demo / "布局调整方案.docx"))
    paragraphs = [p.text for p in doc.paragraphs if "\n" not in p.text]
    assert [len(p) for p in paragraphs if len(p) > LAYOUT_LIMIT] == []
    clauses = [c for t in _texts(doc) for c in re.split(r"[。；\n]", t)]
    assert [c[:30] for c in clauses if len(c) > CLAUSE_LIMIT] == []
    # the 过渡期: its definitions, then a paragraph a school year
    texts = [p.text for p in doc.paragraphs]
    at = next(k for k, t in enumerate(texts) if t.startswith("过渡期（"))
    assert texts[at].endswith("，逐学年如下：")
    assert texts[at + 1].startswith("2027 学年，需用新增教室")
