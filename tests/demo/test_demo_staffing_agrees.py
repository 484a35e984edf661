"""On the demo county every output that prints the teachers to hire prints the staffing
ledger's one figure, in the same words (review 2026-12-04: 88 posts in the layout plan, "仍需招聘
1 人" and "仍缺 41 人" in the 达标路径, for one county): the layout plan's workbook, Word
document and web headline, the 达标路径's workbook, Word document and web page."""

from __future__ import annotations

import json
import re

import pytest
from docx import Document
from openpyxl import load_workbook

from junheng.planning.staffing_ledger import StaffingLedger
from junheng.planning.staffing_transfer import transferred
from junheng.report.staffing_rows import HIRE_LABEL, SHEET_TITLE

FIGURE = re.compile(HIRE_LABEL + r" ([\d,]+) 人")


@pytest.fixture(scope="module")
def demo(demo_run):
    return demo_run.out


def docx_text(path) -> str:
    d = Document(str(path))
    cells = [c.text for t in d.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in d.paragraphs] + cells)


def xlsx_text(path) -> str:
    wb = load_workbook(path, read_only=True)
    return "\n".join(str(v) for ws in wb.worksheets for row in ws.iter_rows(values_only=True)
                     for v in row if v is not None)


def figures(text: str) -> set[int]:
    return {int(n.replace(",", "")) for n in FIGURE.findall(text)}


@pytest.mark.slow
def test_every_output_prints_the_ledgers_hire_figure(demo):
    from junheng.planning.layout_json import read_layout_json
    from junheng.report.layout_money_text import spending_headline
    from junheng.web.compliance_view import result_context

    layout = json.loads((demo / "layout" / "plan.json").read_text(encoding="utf-8"))
    compliance = json.loads((demo / "compliance" / "plan.json").read_text(encoding="utf-8"))
    ledger = StaffingLedger.from_dict(layout["staffing"])
    ledger.check()
    hire = ledger.county()["hire"]
    assert compliance["staffing"] == layout["staffing"]
    outputs = {
        "布局方案工作簿": xlsx_text(demo / "layout" / "布局调整方案工作簿.xlsx"),
        "布局调整方案": docx_text(demo / "布局调整方案.docx"),
        "布局方案网页": spending_headline(read_layout_json(demo / "layout" / "plan.json")),
        "达标路径工作簿": xlsx_text(demo / "compliance" / "达标路径工作簿.xlsx"),
        "整改措施": docx_text(demo / "compliance" / "整改措施.docx"),
        "达标路径网页": result_context(compliance)["staffing_text"],
    }
    assert {name: figures(text) for name, text in outputs.items()} == {
        name: {hire} for name in outputs}
    # the ratio note the ledger replaced, with its receivers-only figure, is gone
    assert all("仍缺专任教师" not in text for text in outputs.values())


@pytest.mark.slow
def test_both_plans_move_the_same_teachers(demo):
    """The 达标路径 moves the teachers the layout plan's ledger moved: its 教师随学生调配
    figures are the ledger's."""
    layout = json.loads((demo / "layout" / "plan.json").read_text(encoding="utf-8"))
    compliance = json.loads((demo / "compliance" / "plan.json").read_text(encoding="utf-8"))
    moved = layout["staffing"]["moved_by_kind"]
    r = compliance["redeployment"]
    # the 达标路径 moves teacher by teacher what the ledger moves between schools: those
    # following the pupils and the 县管校聘 moves within a stage (those to a school short of
    # 体育艺术 teachers too: kind subject; and the 小学富余教师转任初中: kind transfer)
    assert (r["closed_teachers"], r["teachers"]) == (
        moved["closure"], moved["kept"] + moved["pool"] + moved["subject"] + moved.get("transfer", 0))
    sheets = load_workbook(demo / "compliance" / "达标路径工作簿.xlsx", read_only=True).sheetnames
    assert SHEET_TITLE in sheets
    assert SHEET_TITLE in load_workbook(demo / "layout" / "布局调整方案工作簿.xlsx", read_only=True).sheetnames


@pytest.mark.slow
def test_each_stage_hires_only_what_its_surplus_cannot_cover(demo):
    """县管校聘 first (review2 finding 1): a stage hires max(0, need − teachers), and the
    plan prices those hires, not the new school's posts (finding 2)."""
    layout = json.loads((demo / "layout" / "plan.json").read_text(encoding="utf-8"))
    schools = layout["staffing"]["schools"]
    moved = transferred(layout["staffing"])  # 小学富余教师转任初中 (staffing_transfer)
    for stage, gain in (("primary", -moved), ("junior", moved)):
        mine = [s for s in schools if s["stage"] == stage]
        need, have = sum(s["need"] for s in mine), sum(s["today"] for s in mine) + gain
        assert sum(s["hire"] for s in mine) == max(0, need - have)
        # no school of a stage that hires keeps a surplus
        assert not (sum(s["hire"] for s in mine) and sum(s["surplus"] for s in mine))
    # every school sends only what it can spare: none that sent is short afterwards
    assert all(s["hire"] == 0 for s in schools if s["moved_out"] and s["pupils"])
    hire = layout["staffing"]["county"]["hire"]
    assert layout["metrics"]["after"]["hire_staff_yuan"] == hire * 100_000


@pytest.mark.slow
def test_surplus_primary_teachers_with_junior_certificates_fill_the_new_school_first(demo):
    """Brief hcert: main's plan recruited 40 for its new junior school beside 539 surplus
    primary teachers, for the workbook had no 教师资格证学段; the demo now fills it (many
    primary teachers hold 初中 certificates), so the new school recruits fewer than 40 and
    the documents say how many transferred and from what."""
    layout = json.loads((demo / "layout" / "plan.json").read_text(encoding="utf-8"))
    staffing = layout["staffing"]
    found = staffing["transfer"]
    new = [s for s in staffing["schools"] if s["new_posts"] and s["stage"] == "junior"]
    assert found["filled"] and 0 < found["teachers"] == transferred(staffing) <= found["candidates"]
    assert sum(s["hire"] for s in new) < 40
    assert staffing["moved_by_kind"]["transfer"] == found["teachers"]
    text = docx_text(demo / "布局调整方案.docx")
    n = f"{found['teachers']:,}"
    # rv28 4: the certificate said once, in the 教师学段结构失衡 finding the ledger's clause points to
    assert f"小学富余教师转任初中 {n} 人（见“教师学段结构失衡”；按学科对口转任：" in text
    assert "转任初中须持初中或高中教师资格证（《教师资格条例》第五条）" in text
    # 表 4 counts the 转任 into the junior retirees' posts too (brief hteach4): 37 + 66 = 103
    assert found["retire"]["teachers"] == 66
    assert f"转任初中 {found['teachers'] + 66:,} 人（2027 学年提前 67 人、2028 学年提前 36 人；" in text  # rv28 4: when
    assert "能证明持初中或高中教师资格证且学科对口的 0 人" not in text
