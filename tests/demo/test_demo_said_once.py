"""On the demo county each long explanation of the documents is said in full once (review rv
13): the staffing ledger's paragraph once per Word document, the 过渡期's borrowing caveat once
(as the note of its table), the shared-evidence remark of 自评 表10/表11 once (as a table
note), the villages' basis once in the 调整方案 sheet's note; 布局调整方案 一 opens with the
方案概要 table, 二 with the plans' money and who decides (rv 1)."""

from __future__ import annotations

import pytest
from demo_helpers import xlsx_text as _xlsx
from docx import Document
from openpyxl import load_workbook

from junheng.planning.layout_ground import BORROW
from junheng.report.layout_choice import VERSUS
from junheng.report.layout_notes import BASIS_NOTE
from junheng.report.layout_sections import GROUND_HEADS, OVERVIEW_LABELS

#: the staffing ledger's paragraph starts so (report.staffing_rows.staffing_sentence); the
#: retirement rule (planning.retirement.RULE_TEXT) ends it
STAFFING = "：按编制标准核定的教职工"
RETIREMENT = "退休年龄按全国人大常委会"
SHARED = "为县级认定表"


@pytest.fixture(scope="module")
def demo(demo_run):
    return demo_run.out


def texts(path) -> list[str]:
    d = Document(str(path))
    return [p.text for p in d.paragraphs] + [c.text for t in d.tables for r in t.rows for c in r.cells]


def count(path, words: str) -> int:
    return sum(t.count(words) for t in texts(path))


@pytest.mark.parametrize("name", ["布局调整方案.docx", "自评报告.docx", "compliance/整改措施.docx"])
def test_the_staffing_paragraph_is_printed_once_per_document(demo, name):
    assert count(demo / name, STAFFING) == 1
    # the 自评报告 says the county's figures, the 教师配置汇总 sheet the rest (brief hshort4)
    assert count(demo / name, RETIREMENT) == (name != "自评报告.docx")


def test_the_layout_document_opens_with_the_summary_table_and_the_choice(demo):
    d = Document(str(demo / "布局调整方案.docx"))
    # the demo has 方案乙: its row sets it beside 方案甲's figures (rv5 finding 3)
    assert [r.cells[0].text for r in d.tables[0].rows] == ["项目", *OVERVIEW_LABELS, VERSUS]
    paras = [p.text for p in d.paragraphs]
    two = next(i for i, t in enumerate(paras) if t.startswith("二、"))
    choice = paras[two + 1]
    assert choice.startswith("两个方案的财政支出：方案甲（新建学校）一次性建设投资 ")
    assert "方案乙一次性建设投资少 " in choice and choice.endswith("选择哪个方案由局务会决定。")
    # the demo's 方案甲 ranks first only through the sports-area weight (rv 1)
    assert "只因体育运动场馆面积缺口按每平方米 10,000 元（分 20 年计入）的权重计入" in choice
    assert "最优" not in choice


def test_the_transition_caveat_is_said_once_under_its_table(demo):
    path = demo / "布局调整方案.docx"
    assert count(path, BORROW) == 1
    d = Document(str(path))
    table = next(t for t in d.tables if tuple(c.text for c in t.rows[0].cells) == GROUND_HEADS)
    assert len(table.rows) > 5


def test_the_shared_evidence_remark_is_one_table_note(demo):
    assert count(demo / "自评报告.docx", SHARED) == 1


def test_the_villages_basis_is_said_once_in_the_sheet(demo):
    wb = load_workbook(demo / "layout" / "布局调整方案工作簿.xlsx", read_only=True)
    cells = [str(v) for row in wb["调整方案"].iter_rows(values_only=True) for v in row if v is not None]
    assert sum(c.count("口径不同") for c in cells) == 1
    assert f"说明：{BASIS_NOTE}" in cells


def test_the_achievements_chapter_opens_with_the_measures(demo):
    # review rv3 13: the county's report, not a machine's apology (「本系统的数据只有…」): the
    # 主要做法 under its six headings (what the workbook gives, test_demo_measures_done), then
    # the 成效 the data give
    paras = [p.text for p in Document(str(demo / "自评报告.docx")).paragraphs]
    at = paras.index("二、主要做法与成效")
    assert paras[at + 1:at + 3] == ["（一）主要做法", "1. 加强组织领导，落实政府责任"]
    heads = [p for p in paras[at:paras.index("（二）办学资源配置与校际差距")] if p[:2] in {f"{n}." for n in range(1, 7)}]
    assert heads == ["1. 加强组织领导，落实政府责任", "2. 加大经费投入，改善办学条件", "3. 优化学校布局，扩大优质教育资源",
                     "4. 加强教师队伍建设，推进县管校聘和交流轮岗", "5. 规范招生入学，落实免试就近入学",
                     "6. 深化教育教学改革，提高教育质量"]
    assert not any("本系统" in p for p in paras)


def test_both_plans_list_the_planned_relocation_from_its_earliest_year(demo):
    # rv7 8: the 整改 listed 「余下洼村小学迁建工程（…迁建，规划，2027 年 8 月竣工）」 where the layout
    # says it is not begun: on 2026-12-05 the first school year not begun is 2027, + a new
    # school's 2 years' build = 2029 (layout_conditions.planned_floor, project_leads)
    words = ("余下洼村小学迁建工程（古岭乡余下洼村小学，迁建，规划，未开工，原计划 2027 年 8 月竣工，"
             "按未开工项目的建设周期最早 2029 学年投入使用）")
    for name in ("布局调整方案.docx",):
        assert count(demo / name, words) == 1, name
        assert count(demo / name, "规划，2027 年 8 月竣工") == 0, name
    # the 整改措施's 说明 are the 方案说明 sheet's rows (brief hshort4)
    notes = _xlsx(demo / "compliance" / "达标路径工作簿.xlsx", "方案说明")
    assert notes.count(words) == 1 and "规划，2027 年 8 月竣工" not in notes


def test_the_layout_says_a_cv_over_its_limit_beside_2030_without_the_adjustment(demo):
    # rv7 4: 「（规划前 0.737）」 is the 2030 value without the adjustment, not today's 0.632
    layout = demo / "布局调整方案.docx"
    assert count(layout, "（规划前 ") == 0
    # rv16 1: over before the plan and lowered by it, which keeps the rule
    # (rv29 3: after 2025's 0.632 and the plan year's 0.712 above it)
    assert count(layout, "2030 学年布局调整后 0.712，高于 2025 学年；不调整布局时已超过限值 0.50（0.737），布局调整后低于不调整布局时，"
                         "符合规则“已超限的不高于规划年不调整布局时”") > 0
